#pragma once
/// \file trade_test_support.h
/// Helpers for tests of the trade module (docs/model.md §3): a seeded random productive economy,
/// the row identity check, and the check that every solver path equals a fresh factorisation
/// of the shocked table — written for any Economy, so the same check runs on real tables
/// (e.g. `check_solver_paths_against_fresh_factorisation(load_economy(".../usa-2014"))`).
/// Include after <doctest/doctest.h>.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "tradejobs/models/input_output.h"
#include "tradejobs/models/trade.h"

namespace tradejobs::test {

/// ‖a − b‖₂ / ‖b‖₂ (or ‖a − b‖₂ when b = 0).
inline double relative_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  const double scale = b.norm();
  return scale > 0.0 ? (a - b).norm() / scale : (a - b).norm();
}

/// A seeded random productive economy with n sectors, `import_partners` import sources (with
/// baseline tariffs up to 15%), `export_partners` destinations (export tariffs up to 10%),
/// household and government final demand, compensation and other value added, employment.
/// Column sums of A stay below about 0.6, so ρ(A) < 1.
inline Economy random_economy(int n, int import_partners = 3, int export_partners = 2, unsigned seed = 20240601) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Economy e;
  e.name = "random-" + std::to_string(n);
  e.country = "RND";
  e.year = 2020;
  e.currency = "USD million";
  e.employment_unit = "persons";
  for (int i = 0; i < n; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "S%02d", i + 1);
    e.sector_codes.push_back(code);
    e.sector_names.push_back(std::string("Sector ") + code);
  }
  Eigen::VectorXd x(n);
  for (int i = 0; i < n; ++i) x(i) = 500.0 + 1000.0 * u(rng);
  e.intermediate_domestic = Eigen::MatrixXd::Zero(n, n);
  e.intermediate_imported = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double scale = std::min(x(i), x(j));
      if (u(rng) < 0.5) e.intermediate_domestic(i, j) = (1.6 / n) * u(rng) * scale;
      if (u(rng) < 0.5) e.intermediate_imported(i, j) = (0.6 / n) * u(rng) * scale;
    }
  // A few products that no industry uses (zero rows of A) and one with no imports at all.
  e.intermediate_domestic.row(n - 1).setZero();
  e.intermediate_imported.row(n - 2).setZero();
  const Eigen::VectorXd rest = x - e.intermediate_domestic.rowwise().sum();
  e.final_demand_categories = {"household", "government"};
  e.final_demand_domestic.resize(n, 2);
  e.final_demand_imported.resize(n, 2);
  for (int i = 0; i < n; ++i) {
    e.final_demand_domestic(i, 0) = 0.5 * rest(i);
    e.final_demand_domestic(i, 1) = 0.2 * rest(i);
    e.final_demand_imported(i, 0) = 40.0 * u(rng);
    e.final_demand_imported(i, 1) = 10.0 * u(rng);
  }
  e.final_demand_imported.row(n - 2).setZero();
  for (int r = 0; r < export_partners; ++r) e.export_partners.push_back("X" + std::to_string(r + 1));
  e.exports.resize(n, export_partners);
  for (int i = 0; i < n; ++i) {
    Eigen::VectorXd w(export_partners);
    for (int r = 0; r < export_partners; ++r) w(r) = 0.2 + u(rng);
    e.exports.row(i) = (0.3 * rest(i) / w.sum()) * w.transpose();
  }
  const Eigen::VectorXd xo = gross_output(e);
  const Eigen::VectorXd inputs =
      e.intermediate_domestic.colwise().sum().transpose() + e.intermediate_imported.colwise().sum().transpose();
  e.value_added_components = {"compensation", "other"};
  e.value_added.resize(2, n);
  e.value_added.row(0) = 0.6 * (xo - inputs).transpose();
  e.value_added.row(1) = 0.4 * (xo - inputs).transpose();
  e.employment.resize(n);
  for (int i = 0; i < n; ++i) e.employment(i) = xo(i) * (2.0 + 8.0 * u(rng));
  for (int r = 0; r < import_partners; ++r) e.import_partners.push_back("P" + std::to_string(r + 1));
  e.import_shares.resize(n, import_partners);
  e.tariffs.resize(n, import_partners);
  for (int i = 0; i < n; ++i) {
    double s = 0.0;
    for (int r = 0; r < import_partners; ++r) s += (e.import_shares(i, r) = 0.1 + u(rng));
    e.import_shares.row(i) /= s;
    for (int r = 0; r < import_partners; ++r) e.tariffs(i, r) = 0.15 * u(rng);
  }
  e.export_tariffs.resize(n, export_partners);
  for (int i = 0; i < n; ++i)
    for (int r = 0; r < export_partners; ++r) e.export_tariffs(i, r) = 0.1 * u(rng);
  return e;
}

/// Everything an engine needs about one economy for the trade module.
struct TradeFixture {
  Economy economy;
  IoCoefficients coefficients;
  LeontiefSystem io;
  TradeModel model;
  explicit TradeFixture(Economy e)
      : economy(std::move(e)),
        coefficients(io_coefficients(economy)),
        io(coefficients.technical_coefficients),
        model(economy, coefficients, io) {}
};

/// The §3 row identity x' = A'x' + Fd'·1 + e'·1 to 1e-9 relative, and finiteness.
inline void check_identities(const TradeModel& model, const TradeResult& r) {
  CHECK(r.output.allFinite());
  CHECK(r.imports.allFinite());
  CHECK(r.exports.allFinite());
  CHECK(model.row_identity_residual(r) <= 1e-9);
  CHECK(r.residual <= 1e-9);
}

/// Sectors with the largest imports (so a measure on them moves something).
inline std::vector<int> largest_importers(const Economy& e, int count) {
  const Eigen::VectorXd m = imports_by_product(e);
  std::vector<int> idx(m.size());
  for (int i = 0; i < static_cast<int>(idx.size()); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return m(a) > m(b); });
  idx.resize(std::min<size_t>(idx.size(), static_cast<size_t>(count)));
  return idx;
}

/// A tariff of +`points` on every partner for the given sectors.
inline TradeShock tariff_shock(const TradeModel& model, const std::vector<int>& sectors, double points) {
  TradeShock s = model.no_change();
  for (int i : sectors)
    for (int r = 0; r < model.import_partners(); ++r) s.tariff(i, r) += points;
  return s;
}

/// For measures on 1, 5 and 20 sectors (the largest importers): the Woodbury path (price
/// feedback off) and the iterative path (feedback on) each equal a fresh LU factorisation of
/// the shocked table I − A' to `tolerance` relative, and the row identity holds.
inline void check_solver_paths_against_fresh_factorisation(const Economy& e, double tolerance = 1e-10) {
  TradeFixture f(e);
  const TradeParameters p = TradeParameters::defaults(f.model.sectors());
  for (int count : {1, 5, 20}) {
    if (count > f.model.sectors()) continue;
    CAPTURE(count);
    const TradeShock s = tariff_shock(f.model, largest_importers(e, count), 0.25);
    TradeOptions woodbury;
    woodbury.price_feedback = false;
    woodbury.woodbury_max_rank = std::max(32, count);
    const TradeResult rw = f.model.solve(s, p, woodbury);
    CHECK(rw.solver_path == "woodbury");
    CHECK(rw.moving_rows >= 1);
    CHECK(rw.moving_rows <= count);
    CHECK(relative_difference(rw.output, f.model.solve_fresh(rw)) <= tolerance);
    check_identities(f.model, rw);

    TradeOptions iterative;
    iterative.price_feedback = true;
    iterative.woodbury_max_rank = 0;  // force the iteration whatever k is
    const TradeResult ri = f.model.solve(s, p, iterative);
    CHECK(ri.solver_path == "iterative");
    CHECK(ri.iterations >= 1);
    CHECK(ri.residual <= 1e-12);
    CHECK(relative_difference(ri.output, f.model.solve_fresh(ri)) <= tolerance);
    check_identities(f.model, ri);

    // The same feedback-on system through Woodbury over all its moving rows agrees too.
    TradeOptions all_rows = iterative;
    all_rows.woodbury_max_rank = f.model.sectors();
    const TradeResult rwa = f.model.solve(s, p, all_rows);
    CHECK(rwa.solver_path == "woodbury");
    CHECK(relative_difference(rwa.output, ri.output) <= tolerance);
  }
}

}  // namespace tradejobs::test
