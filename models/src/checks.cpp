#include "tradejobs/models/checks.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "text_internal.h"
#include "tradejobs/models/input_output.h"

namespace tradejobs {

namespace {

using internal::fmt;

Diagnostic make(Severity s, const char* check, std::string msg) { return {s, check, std::move(msg)}; }

/// Lists the `k` entries with largest |value| as "CODE (value)".
std::string worst(const Economy& e, const Eigen::VectorXd& values, int k, const char* unit = "") {
  std::vector<int> idx(values.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return std::abs(values(a)) > std::abs(values(b)); });
  std::string s;
  for (int i = 0; i < std::min<int>(k, static_cast<int>(idx.size())); ++i) {
    if (values(idx[i]) == 0.0) break;
    if (!s.empty()) s += ", ";
    s += e.sector_codes[idx[i]] + " (" + fmt(values(idx[i])) + unit + ")";
  }
  return s;
}

void check_block(std::vector<Diagnostic>& out, const Economy& e, const Eigen::MatrixXd& m, const char* name,
                 const char* check) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (m(i, j) < 0.0 || !std::isfinite(m(i, j))) {
        out.push_back(make(
            Severity::Error, check,
            std::string(name) + " has a negative or non-finite entry " + fmt(m(i, j)) + " at row " + e.sector_codes[i] +
                ", column " +
                (j < static_cast<Eigen::Index>(e.sector_codes.size()) ? e.sector_codes[j] : std::to_string(j + 1)) +
                ": flows must be >= 0"));
        return;
      }
}

}  // namespace

bool has_severity(const std::vector<Diagnostic>& d, Severity s) {
  return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) { return x.severity == s; });
}

std::vector<Diagnostic> check_dimensions(const Economy& e) {
  std::vector<Diagnostic> out;
  const Eigen::Index n = e.sectors();
  auto need = [&](const Eigen::MatrixXd& m, Eigen::Index rows, Eigen::Index cols, const char* name) {
    if (m.rows() != rows || (cols >= 0 && m.cols() != cols))
      out.push_back(make(Severity::Error, "check_dimensions",
                         std::string(name) + " is " + std::to_string(m.rows()) + "x" + std::to_string(m.cols()) +
                             ", expected " + std::to_string(rows) + "x" +
                             (cols >= 0 ? std::to_string(cols) : std::string("any"))));
  };
  need(e.intermediate_domestic, n, n, "intermediate_domestic");
  if (e.intermediate_imported.size() > 0) need(e.intermediate_imported, n, n, "intermediate_imported");
  need(e.final_demand_domestic, n, -1, "final_demand_domestic");
  if (e.final_demand_imported.size() > 0)
    need(e.final_demand_imported, n, e.final_demand_domestic.cols(), "final_demand_imported");
  if (e.exports.size() > 0) need(e.exports, n, -1, "exports");
  if (e.value_added.size() > 0) need(e.value_added, e.value_added.rows(), n, "value_added");
  if (e.employment.size() != n && e.employment.size() != 0)
    out.push_back(
        make(Severity::Error, "check_dimensions",
             "employment has " + std::to_string(e.employment.size()) + " sectors, expected " + std::to_string(n)));
  return out;
}

std::vector<Diagnostic> check_values(const Economy& e, const CheckOptions& o) {
  std::vector<Diagnostic> out;
  const auto label = [](const std::vector<std::string>& labels, Eigen::Index k) {
    return k < static_cast<Eigen::Index>(labels.size()) ? labels[static_cast<size_t>(k)] : std::to_string(k + 1);
  };
  // One error per block: the first offending cell, and how many there are.
  const auto block = [&](const Eigen::MatrixXd& m, const char* name, const std::vector<std::string>& rows,
                         const std::vector<std::string>& cols, double lo, double hi, const std::string& expected,
                         bool nan_unknown = false) {
    int bad = 0;
    std::string first;
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const double v = m(i, j);
        if (std::isfinite(v) && v >= lo && v <= hi) continue;
        if (nan_unknown && std::isnan(v)) continue;  // an NA share cell: unknown, not out of range
        if (bad++ == 0) first = "row " + label(rows, i) + ", column " + label(cols, j) + " = " + fmt(v);
      }
    if (bad > 0)
      out.push_back(make(Severity::Error, "check_values",
                         std::string(name) + " has " + std::to_string(bad) +
                             (bad == 1 ? " entry that is not " : " entries that are not ") + expected + ", first " +
                             first));
  };
  const double big = o.max_flow_magnitude;
  const std::string flow = "finite numbers of magnitude at most " + fmt(big);
  const std::vector<std::string> none;
  const auto& codes = e.sector_codes;
  block(e.intermediate_domestic, "intermediate_domestic", codes, codes, -big, big, flow);
  block(e.intermediate_imported, "intermediate_imported", codes, codes, -big, big, flow);
  block(e.final_demand_domestic, "final_demand_domestic", codes, e.final_demand_categories, -big, big, flow);
  block(e.final_demand_imported, "final_demand_imported", codes, e.final_demand_categories, -big, big, flow);
  block(e.exports, "exports", codes, e.export_partners, -big, big, flow);
  block(e.value_added, "value_added", e.value_added_components, codes, -big, big, flow);
  block(e.output_reported, "output", codes, none, -big, big, flow);
  block(e.employment, "employment", codes, none, -big, big, flow);
  block(e.annual_wage, "annual_wage", codes, none, -big, big, flow);
  block(e.employment_shares, "employment shares", codes, e.employment_share_names, 0.0, 1.0, "shares in [0, 1]", true);
  block(e.import_shares, "import shares by partner", codes, e.import_partners, 0.0, 1.0, "shares in [0, 1]");
  block(e.tariffs, "tariffs", codes, e.import_partners, 0.0, 10.0, "rates in [0, 10]");
  block(e.export_tariffs, "export tariffs", codes, e.export_partners, 0.0, 10.0, "rates in [0, 10]");
  block(e.mobility, "mobility", codes, codes, 0.0, 1.0, "shares in [0, 1]");
  // Elasticities: NaN is "not given"; a given value must be finite (its bounds are the loader's).
  const std::pair<const char*, const Eigen::VectorXd*> elasticities[] = {
      {"armington", &e.armington},
      {"source_substitution", &e.source_substitution},
      {"final_demand_elasticity", &e.final_demand_elasticity},
      {"export_demand", &e.export_demand},
      {"employment_elasticity", &e.employment_elasticity}};
  for (const auto& [name, v] : elasticities)
    for (Eigen::Index j = 0; j < v->size(); ++j)
      if (std::isinf((*v)(j))) {
        out.push_back(make(Severity::Error, "check_values",
                           std::string("elasticity ") + name + " of sector " + label(codes, j) + " is " + fmt((*v)(j)) +
                               ": must be finite"));
        break;
      }
  return out;
}

std::vector<Diagnostic> check_nonnegative(const Economy& e) {
  std::vector<Diagnostic> out;
  check_block(out, e, e.intermediate_domestic, "intermediate_domestic", "check_nonnegative");
  check_block(out, e, e.intermediate_imported, "intermediate_imported", "check_nonnegative");
  if (e.employment.size() > 0) check_block(out, e, e.employment, "employment", "check_nonnegative");
  const Eigen::VectorXd x = gross_output(e);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (x(i) < 0.0) {
      out.push_back(make(Severity::Error, "check_nonnegative",
                         "gross output of " + e.sector_codes[i] + " is negative (" + fmt(x(i)) +
                             "): x = Zd·1 + Fd·1 + e must be >= 0"));
    }
  int negative_fd = 0;
  std::string first;
  for (Eigen::Index j = 0; j < e.final_demand_domestic.cols(); ++j)
    for (Eigen::Index i = 0; i < e.final_demand_domestic.rows(); ++i)
      if (e.final_demand_domestic(i, j) < 0.0) {
        if (negative_fd++ == 0)
          first = e.sector_codes[i] + "/" + e.final_demand_categories[j] + " = " + fmt(e.final_demand_domestic(i, j));
      }
  if (negative_fd > 0)
    out.push_back(make(Severity::Note, "check_nonnegative",
                       std::to_string(negative_fd) +
                           " negative final-demand entries (allowed: inventory draw-downs), first " + first));
  return out;
}

std::vector<Diagnostic> check_column_balance(const Economy& e, const CheckOptions& o) {
  std::vector<Diagnostic> out;
  if (e.value_added.size() == 0) {
    out.push_back(
        make(Severity::Error, "check_column_balance", "no value_added rows: the column identity cannot be checked"));
    return out;
  }
  const Eigen::VectorXd x = gross_output(e);
  const Eigen::VectorXd t = total_inputs(e);
  Eigen::VectorXd rel = Eigen::VectorXd::Zero(x.size());
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double scale = std::max(std::abs(x(j)), 1e-12);
    rel(j) = (t(j) - x(j)) / scale;
    if (x(j) == 0.0 && t(j) == 0.0) rel(j) = 0.0;
  }
  const double worst_rel = rel.cwiseAbs().maxCoeff();
  if (worst_rel > o.balance_tolerance)
    out.push_back(make(Severity::Error, "check_column_balance",
                       "column identity x_j = sum(Zd) + sum(Zm) + sum(V) fails beyond relative tolerance " +
                           fmt(o.balance_tolerance) +
                           "; worst sectors (relative residual): " + worst(e, rel, o.worst_listed) +
                           ". Balance the table (e.g. a value-added row 'rounding') or raise the tolerance"));
  else
    out.push_back(make(Severity::Note, "check_column_balance",
                       "column identity holds; largest relative residual " + fmt(worst_rel)));
  const int r = [&] {
    for (size_t k = 0; k < e.value_added_components.size(); ++k)
      if (e.value_added_components[k] == "rounding") return static_cast<int>(k);
    return -1;
  }();
  if (r >= 0) {
    double share = 0.0;
    for (Eigen::Index j = 0; j < x.size(); ++j)
      if (x(j) > 0) share = std::max(share, std::abs(e.value_added(r, j)) / x(j));
    out.push_back(
        make(Severity::Note, "check_column_balance",
             "value-added row 'rounding' balances the published table; its largest share of output is " + fmt(share)));
  }
  if (e.compensation_row() < 0)
    out.push_back(make(Severity::Warning, "check_column_balance",
                       "value_added has no 'compensation' row: income multipliers and Type II are zero"));
  return out;
}

std::vector<Diagnostic> check_row_balance(const Economy& e, const CheckOptions& o) {
  std::vector<Diagnostic> out;
  if (e.output_reported.size() == 0) return out;
  const Eigen::VectorXd x = gross_output(e);
  Eigen::VectorXd rel = Eigen::VectorXd::Zero(x.size());
  for (Eigen::Index j = 0; j < x.size(); ++j)
    rel(j) = e.output_reported(j) == 0.0 && x(j) == 0.0
                 ? 0.0
                 : (x(j) - e.output_reported(j)) / std::max(std::abs(e.output_reported(j)), 1e-12);
  const double w = rel.cwiseAbs().maxCoeff();
  if (w > o.balance_tolerance)
    out.push_back(make(Severity::Error, "check_row_balance",
                       "row identity x = Zd·1 + Fd·1 + e differs from the output file beyond relative tolerance " +
                           fmt(o.balance_tolerance) + "; worst sectors: " + worst(e, rel, o.worst_listed)));
  else
    out.push_back(make(Severity::Note, "check_row_balance", "row identity holds; largest relative residual " + fmt(w)));
  return out;
}

std::vector<Diagnostic> check_zero_output(const Economy& e) {
  std::vector<Diagnostic> out;
  const Eigen::VectorXd x = gross_output(e);
  std::string zero;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    if (x(j) != 0.0) continue;
    const bool known = e.jobs_known(j);
    if (e.employment.size() == x.size() && known && e.employment(j) > 0.0)
      out.push_back(make(Severity::Error, "check_zero_output",
                         "sector " + e.sector_codes[j] + " has " + fmt(e.employment(j)) +
                             " jobs but zero output: x_j > 0 is required for every sector with jobs"));
    zero += (zero.empty() ? "" : ", ") + e.sector_codes[j];
  }
  if (!zero.empty())
    out.push_back(make(Severity::Note, "check_zero_output",
                       "sectors with zero output (zero columns in A, no jobs effects): " + zero));
  return out;
}

double spectral_radius(const Eigen::MatrixXd& a) {
  if (a.rows() == 0) return 0.0;
  if (a.rows() <= 400) {
    Eigen::EigenSolver<Eigen::MatrixXd> es(a, false);
    return es.eigenvalues().cwiseAbs().maxCoeff();
  }
  // Power iteration on a non-negative matrix (Perron root); converges for primitive matrices,
  // and the column-sum bound caps it otherwise.
  Eigen::VectorXd v = Eigen::VectorXd::Ones(a.rows()) / std::sqrt(double(a.rows()));
  double lambda = 0.0;
  for (int it = 0; it < 2000; ++it) {
    Eigen::VectorXd w = a * v;
    const double norm = w.norm();
    if (norm == 0.0) return 0.0;
    w /= norm;
    if (std::abs(norm - lambda) < 1e-13 * std::max(1.0, norm)) return norm;
    lambda = norm;
    v = w;
  }
  return lambda;
}

std::vector<Diagnostic> check_productive(const Economy& e) {
  std::vector<Diagnostic> out;
  const Eigen::VectorXd x = gross_output(e);
  const Eigen::MatrixXd a = input_coefficients(e.intermediate_domestic, x);
  const Eigen::VectorXd colsum = a.colwise().sum().transpose();
  Eigen::VectorXd excess = Eigen::VectorXd::Zero(colsum.size());
  for (Eigen::Index j = 0; j < colsum.size(); ++j)
    if (colsum(j) >= 1.0) excess(j) = colsum(j);
  const double rho = spectral_radius(a);
  // Column sums >= 1 (a sector whose domestic inputs use up all its output: value added and
  // imports <= 0) are sufficient evidence of trouble only together with rho(A) >= 1. Published
  // tables do carry a few such columns (negative value added, integer truncation in tiny
  // industries) while (I - A) is still a non-negative inverse: then it is a warning naming them.
  // Decision recorded in README "Decisions" (docs/model.md §1 lists both conditions as checks).
  if (excess.maxCoeff() > 0.0)
    out.push_back(
        make(rho >= 1.0 ? Severity::Error : Severity::Warning, "check_productive",
             std::string(rho >= 1.0 ? "column sums of A must be < 1 (each sector needs value added or imports)"
                                    : "column sums of A are >= 1 (value added and imports not positive) "
                                      "although the table is productive") +
                 "; sectors: " + worst(e, excess, 5)));
  if (rho >= 1.0)
    out.push_back(make(Severity::Error, "check_productive",
                       "the table is not productive: spectral radius of A is " + fmt(rho) +
                           " >= 1 (Hawkins-Simon fails), so (I - A) has no non-negative inverse"));
  else
    out.push_back(make(Severity::Note, "check_productive",
                       "productive: spectral radius of A is " + fmt(rho) + ", margin 1 - rho(A) = " + fmt(1.0 - rho)));
  return out;
}

std::vector<Diagnostic> check_employment(const Economy& e) {
  std::vector<Diagnostic> out;
  const Eigen::Index n = e.sectors();
  // A sector with unknown jobs (NA) has no shares: its rows are neither in range nor out, and
  // partitions are not checked there (unknown stays unknown, §1).
  for (Eigen::Index g = 0; g < e.employment_shares.cols(); ++g)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!e.jobs_known(j)) continue;
      const double s = e.employment_shares(j, g);
      if (std::isnan(s)) continue;  // NA: unknown in this sector
      if (!(s >= 0.0 && s <= 1.0))
        out.push_back(make(Severity::Error, "check_employment",
                           "employment share " + e.employment_share_names[g] + " of sector " + e.sector_codes[j] +
                               " is " + fmt(s) + ": shares must be in [0, 1]"));
    }
  // Partitions: columns sharing a prefix before '_' with at least two members, e.g. skill_*.
  std::map<std::string, std::vector<int>> prefixes;
  for (size_t g = 0; g < e.employment_share_names.size(); ++g) {
    const auto& name = e.employment_share_names[g];
    const auto pos = name.find('_');
    if (pos != std::string::npos && name != "self_employed")
      prefixes[name.substr(0, pos)].push_back(static_cast<int>(g));
  }
  for (const auto& [prefix, cols] : prefixes) {
    if (cols.size() < 2) continue;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!e.jobs_known(j)) continue;
      double sum = 0.0;
      int unknown = 0;
      for (int c : cols) {
        if (std::isnan(e.employment_shares(j, c))) ++unknown;
        sum += e.employment_shares(j, c);
      }
      if (unknown == static_cast<int>(cols.size())) continue;  // the partition is unknown (NA) here
      if (unknown > 0)
        out.push_back(make(Severity::Error, "check_employment",
                           "shares " + prefix + "_* of sector " + e.sector_codes[j] + ": " + std::to_string(unknown) +
                               " of " + std::to_string(cols.size()) +
                               " are NA: a partition is known in a sector or unknown (all NA)"));
      else if (std::abs(sum - 1.0) > 1e-6)
        out.push_back(make(Severity::Error, "check_employment",
                           "shares " + prefix + "_* of sector " + e.sector_codes[j] + " sum to " + fmt(sum) +
                               ": columns with a common prefix form a partition and must sum to 1"));
    }
  }
  if (e.annual_wage.size() > 0)
    for (Eigen::Index j = 0; j < n; ++j)
      if (!(e.annual_wage(j) >= 0.0))
        out.push_back(
            make(Severity::Error, "check_employment",
                 "annual_wage of sector " + e.sector_codes[j] + " is " + fmt(e.annual_wage(j)) + ": must be >= 0"));
  return out;
}

std::vector<Diagnostic> check_trade_and_mobility(const Economy& e) {
  std::vector<Diagnostic> out;
  for (Eigen::Index i = 0; i < e.import_shares.rows(); ++i) {
    const double s = e.import_shares.row(i).sum();
    if (std::abs(s - 1.0) > 1e-6 && s != 0.0)
      out.push_back(make(Severity::Error, "check_trade_and_mobility",
                         "import shares by partner of " + e.sector_codes[i] + " sum to " + fmt(s) + ", expected 1"));
  }
  auto nonneg = [&](const Eigen::MatrixXd& m, const char* name) {
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      for (Eigen::Index j = 0; j < m.cols(); ++j)
        if (!(m(i, j) >= 0.0)) {
          out.push_back(
              make(Severity::Error, "check_trade_and_mobility",
                   std::string(name) + " of " + e.sector_codes[i] + " is " + fmt(m(i, j)) + ": must be >= 0"));
          return;
        }
  };
  nonneg(e.tariffs, "tariff");
  nonneg(e.export_tariffs, "export tariff");
  nonneg(e.mobility, "mobility share");
  for (Eigen::Index i = 0; i < e.mobility.rows(); ++i) {
    const double s = e.mobility.row(i).sum();
    if (std::abs(s - 1.0) > 1e-6)
      out.push_back(make(Severity::Error, "check_trade_and_mobility",
                         "mobility matrix row " + e.sector_codes[i] + " sums to " + fmt(s) + ", expected 1"));
  }
  return out;
}

std::vector<Diagnostic> check_economy(const Economy& e, const CheckOptions& o) {
  std::vector<Diagnostic> all = check_dimensions(e);
  if (has_severity(all, Severity::Error)) return all;
  const auto values = check_values(e, o);
  all.insert(all.end(), values.begin(), values.end());
  if (has_severity(all, Severity::Error)) return all;
  for (auto part : {check_nonnegative(e), check_column_balance(e, o), check_row_balance(e, o), check_zero_output(e),
                    check_employment(e), check_trade_and_mobility(e)})
    all.insert(all.end(), part.begin(), part.end());
  if (!has_severity(all, Severity::Error)) {
    auto p = check_productive(e);
    all.insert(all.end(), p.begin(), p.end());
  }
  return all;
}

}  // namespace tradejobs
