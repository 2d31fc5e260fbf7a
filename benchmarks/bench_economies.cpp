/// \file bench_economies.cpp
/// Economies for the benchmarks (see bench_economies.h).

#include "bench_economies.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <vector>

namespace tradejobs::bench {

Economy world_without_outside_region(const Economy& w, const std::string& outside_region) {
  const int n_all = w.sectors();
  if (static_cast<int>(w.sector_regions.size()) != n_all)
    throw std::invalid_argument("world_without_outside_region: the economy has no sector regions (not a full MRIO)");
  std::vector<int> keep, outside;
  std::map<std::string, int> industry_of_outside;  // industry code -> row of RoW
  for (int k = 0; k < n_all; ++k) {
    const std::string& code = w.sector_codes[k];
    const std::string industry = code.substr(code.find('_') + 1);
    if (w.sector_regions[k] == outside_region) {
      outside.push_back(k);
      industry_of_outside[industry] = k;
    } else {
      keep.push_back(k);
    }
  }
  if (outside.empty()) throw std::invalid_argument("world_without_outside_region: no region " + outside_region);
  const int n = static_cast<int>(keep.size());
  // Final-demand columns: "<REGION>_<category>"; category index per column, region per column.
  std::vector<std::string> categories;
  std::vector<int> col_category(w.final_demand_categories.size());
  std::vector<bool> col_outside(w.final_demand_categories.size());
  for (size_t c = 0; c < w.final_demand_categories.size(); ++c) {
    const std::string& name = w.final_demand_categories[c];
    const std::string region = name.substr(0, name.find('_'));
    const std::string cat = name.substr(name.find('_') + 1);
    auto it = std::find(categories.begin(), categories.end(), cat);
    if (it == categories.end()) {
      categories.push_back(cat);
      it = categories.end() - 1;
    }
    col_category[c] = static_cast<int>(it - categories.begin());
    col_outside[c] = region == outside_region;
  }
  const int nc = static_cast<int>(categories.size());

  Economy e;
  e.name = w.name + "-without-" + outside_region;
  e.country = "W40";
  e.year = w.year;
  e.currency = w.currency;
  e.employment_unit = w.employment_unit;
  e.source = w.source + " (re-cut by benchmarks/bench_economies.cpp: " + outside_region + " outside)";
  e.licence = w.licence;
  std::map<std::string, int> region_of_kept;
  for (int a = 0; a < n; ++a) {
    e.sector_codes.push_back(w.sector_codes[keep[a]]);
    e.sector_names.push_back(w.sector_names[keep[a]]);
  }
  e.intermediate_domestic.resize(n, n);
  e.intermediate_imported = Eigen::MatrixXd::Zero(n, n);
  e.final_demand_categories = categories;
  e.final_demand_domestic = Eigen::MatrixXd::Zero(n, nc);
  e.final_demand_imported = Eigen::MatrixXd::Zero(n, nc);
  e.export_partners = {outside_region};
  e.exports = Eigen::MatrixXd::Zero(n, 1);
  // Row (s, i) of a kept sector for each (region s, industry i).
  std::map<std::pair<std::string, std::string>, int> kept_row;
  for (int a = 0; a < n; ++a) {
    const std::string& code = w.sector_codes[keep[a]];
    kept_row[{w.sector_regions[keep[a]], code.substr(code.find('_') + 1)}] = a;
  }
  for (int b = 0; b < n; ++b)
    for (int a = 0; a < n; ++a) e.intermediate_domestic(a, b) = w.intermediate_domestic(keep[a], keep[b]);
  // Imports: RoW industry i delivered to kept industry (s, j) -> row (s, i).
  for (int b = 0; b < n; ++b) {
    const std::string& s = w.sector_regions[keep[b]];
    for (const auto& [industry, k] : industry_of_outside) {
      const auto it = kept_row.find({s, industry});
      if (it == kept_row.end())
        throw std::invalid_argument("world_without_outside_region: no row " + s + "_" + industry);
      e.intermediate_imported(it->second, b) += w.intermediate_domestic(k, keep[b]);
    }
  }
  for (size_t c = 0; c < w.final_demand_categories.size(); ++c) {
    const std::string& name = w.final_demand_categories[c];
    const std::string region = name.substr(0, name.find('_'));
    for (int a = 0; a < n; ++a) {
      if (col_outside[c])
        e.exports(a, 0) += w.final_demand_domestic(keep[a], c);
      else
        e.final_demand_domestic(a, col_category[c]) += w.final_demand_domestic(keep[a], c);
    }
    if (col_outside[c]) continue;
    for (const auto& [industry, k] : industry_of_outside)
      e.final_demand_imported(kept_row.at({region, industry}), col_category[c]) += w.final_demand_domestic(k, c);
  }
  for (int a = 0; a < n; ++a) {
    for (int k : outside) e.exports(a, 0) += w.intermediate_domestic(keep[a], k);
    if (w.exports.rows() == n_all) e.exports(a, 0) += w.exports.row(keep[a]).sum();
  }
  e.value_added_components = w.value_added_components;
  e.value_added.resize(w.value_added.rows(), n);
  for (int b = 0; b < n; ++b) e.value_added.col(b) = w.value_added.col(keep[b]);
  e.employment = Eigen::VectorXd::Zero(n);
  return e;
}

Economy synthetic_economy(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Economy e;
  e.name = "synthetic-" + std::to_string(n);
  e.country = "SYN";
  e.year = 2000;
  e.currency = "USD million";
  e.employment_unit = "persons";
  e.source = "synthetic, benchmarks/bench_economies.cpp seed " + std::to_string(seed);
  e.licence = "none (generated)";
  for (int i = 0; i < n; ++i) {
    e.sector_codes.push_back("S" + std::to_string(i));
    e.sector_names.push_back("Synthetic sector " + std::to_string(i));
  }
  // A: skewed positive entries (u^4), each column scaled to a sum in [0.25, 0.55].
  Eigen::MatrixXd a(n, n), am(n, n);
  for (int j = 0; j < n; ++j) {
    double sa = 0, sm = 0;
    for (int i = 0; i < n; ++i) {
      const double v = u(rng), w = u(rng);
      a(i, j) = v * v * v * v;
      am(i, j) = w * w * w * w;
      sa += a(i, j);
      sm += am(i, j);
    }
    a.col(j) *= (0.25 + 0.30 * u(rng)) / sa;
    am.col(j) *= (0.05 + 0.15 * u(rng)) / sm;
  }
  Eigen::VectorXd f(n);
  for (int i = 0; i < n; ++i) f(i) = std::exp(4.0 + 2.0 * u(rng));  // lognormal-ish, 55 to 400+
  const Eigen::MatrixXd i_minus_a = Eigen::MatrixXd::Identity(n, n) - a;
  const Eigen::VectorXd x = i_minus_a.partialPivLu().solve(f);
  e.intermediate_domestic = a * x.asDiagonal();
  e.intermediate_imported = am * x.asDiagonal();
  e.final_demand_categories = {"household", "government"};
  e.final_demand_domestic.resize(n, 2);
  e.final_demand_imported.resize(n, 2);
  e.exports.resize(n, 1);
  e.export_partners = {"ROW"};
  for (int i = 0; i < n; ++i) {
    const double h = 0.6 + 0.2 * u(rng);
    e.final_demand_domestic(i, 0) = 0.8 * f(i) * h;
    e.final_demand_domestic(i, 1) = 0.8 * f(i) * (1.0 - h);
    const double share = 0.1 + 0.2 * u(rng);
    e.final_demand_imported.row(i) = share * e.final_demand_domestic.row(i);
    e.exports(i, 0) = 0.2 * f(i);
  }
  e.value_added_components = {"compensation", "other"};
  e.value_added.resize(2, n);
  const Eigen::VectorXd inputs =
      (e.intermediate_domestic.colwise().sum() + e.intermediate_imported.colwise().sum()).transpose();
  for (int j = 0; j < n; ++j) {
    const double va = x(j) - inputs(j);
    e.value_added(0, j) = 0.5 * va;
    e.value_added(1, j) = va - e.value_added(0, j);
  }
  e.employment.resize(n);
  for (int i = 0; i < n; ++i) e.employment(i) = x(i) * (5.0 + 25.0 * u(rng));
  return e;
}

}  // namespace tradejobs::bench
