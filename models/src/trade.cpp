/// \file trade.cpp
/// The trade module of docs/model.md §3: parameters and validation, the baseline of an economy,
/// the price stage (partner prices, CES indices, §2 cost push, demand factors, exports), the
/// results, and quotas. The linear solve paths live in trade_solver.cpp.

#include "tradejobs/models/trade.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "trade_internal.h"
#include "tradejobs/models/ces.h"

namespace tradejobs {

namespace {

std::string num(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

bool fail_with(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

/// Checks every entry of a vector against a bound; names field[i] = value: constraint.
template <class Pred>
bool check_vector(const Eigen::VectorXd& v, const char* owner, const char* field, Pred ok, const char* constraint,
                  std::string* error) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!ok(v(i)))
      return fail_with(
          error, std::string(owner) + "::" + field + "[" + std::to_string(i) + "] = " + num(v(i)) + ": " + constraint);
  return true;
}

template <class Pred>
bool check_matrix(const Eigen::MatrixXd& a, const char* field, Pred ok, const char* constraint, std::string* error) {
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index r = 0; r < a.cols(); ++r)
      if (!ok(a(i, r)))
        return fail_with(error, std::string("TradeShock::") + field + "(" + std::to_string(i) + ", " +
                                    std::to_string(r) + ") = " + num(a(i, r)) + ": " + constraint);
  return true;
}

bool check_shape(const Eigen::MatrixXd& a, Eigen::Index rows, Eigen::Index cols, const char* field,
                 std::string* error) {
  if (a.rows() == rows && a.cols() == cols) return true;
  return fail_with(error, std::string("TradeShock::") + field + " is " + std::to_string(a.rows()) + "x" +
                              std::to_string(a.cols()) + ": must be " + std::to_string(rows) + "x" +
                              std::to_string(cols) + " (start from TradeModel::no_change())");
}

bool finite(double v) { return std::isfinite(v); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parameters and options
// ---------------------------------------------------------------------------------------------
namespace {
bool check_export_demand_by_partner(const Eigen::MatrixXd& eta, Eigen::Index n, std::string* error) {
  if (eta.size() == 0) return true;
  if (eta.rows() != n)
    return fail_with(error, "TradeParameters::export_demand_by_partner has " + std::to_string(eta.rows()) +
                                " rows: must have " + std::to_string(n) + " (one per sector) or be empty");
  for (Eigen::Index i = 0; i < eta.rows(); ++i)
    for (Eigen::Index r = 0; r < eta.cols(); ++r)
      if (!(finite(eta(i, r)) && eta(i, r) <= 0.0))
        return fail_with(error, "TradeParameters::export_demand_by_partner(" + std::to_string(i) + ", " +
                                    std::to_string(r) + ") = " + num(eta(i, r)) +
                                    ": must be finite and <= 0 (-infinity is not allowed)");
  return true;
}
}  // namespace

TradeParameters TradeParameters::defaults(int n) {
  TradeParameters p;
  p.armington = Eigen::VectorXd::Constant(n, 1.5);
  p.source_substitution = Eigen::VectorXd::Constant(n, 3.0);
  p.final_demand_elasticity = Eigen::VectorXd::Constant(n, -0.5);
  p.export_demand = Eigen::VectorXd::Constant(n, -2.0);
  p.pass_through = Eigen::VectorXd::Constant(n, 1.0);
  return p;
}

bool TradeParameters::is_valid(std::string* error) const {
  const Eigen::Index n = armington.size();
  const std::pair<const char*, const Eigen::VectorXd*> fields[] = {
      {"source_substitution", &source_substitution},
      {"final_demand_elasticity", &final_demand_elasticity},
      {"export_demand", &export_demand},
      {"pass_through", &pass_through}};
  for (const auto& [name, v] : fields)
    if (v->size() != n)
      return fail_with(error, std::string("TradeParameters::") + name + " has " + std::to_string(v->size()) +
                                  " entries: must have " + std::to_string(n) + " (one per sector, like armington)");
  const char* o = "TradeParameters";
  return check_vector(
             armington, o, "armington", [](double v) { return finite(v) && v >= 0.0; }, "must be finite and >= 0",
             error) &&
         check_vector(
             source_substitution, o, "source_substitution", [](double v) { return finite(v) && v >= 0.0; },
             "must be finite and >= 0", error) &&
         check_vector(
             final_demand_elasticity, o, "final_demand_elasticity", [](double v) { return finite(v) && v <= 0.0; },
             "must be finite and <= 0", error) &&
         check_vector(
             export_demand, o, "export_demand", [](double v) { return finite(v) && v <= 0.0; },
             "must be finite and <= 0 (-infinity is not allowed)", error) &&
         check_vector(
             pass_through, o, "pass_through", [](double v) { return v >= 0.0 && v <= 1.0; }, "must be in [0, 1]",
             error) &&
         check_export_demand_by_partner(export_demand_by_partner, n, error);
}

bool TradeOptions::is_valid(std::string* error) const {
  if (!(tolerance > 0.0 && tolerance < 1.0))
    return fail_with(error, "TradeOptions::tolerance = " + num(tolerance) + ": must be in (0, 1)");
  if (max_iterations < 1)
    return fail_with(error, "TradeOptions::max_iterations = " + std::to_string(max_iterations) + ": must be >= 1");
  if (!(quota_tolerance > 0.0 && quota_tolerance < 0.1))
    return fail_with(error, "TradeOptions::quota_tolerance = " + num(quota_tolerance) + ": must be in (0, 0.1)");
  if (woodbury_max_rank < 0)
    return fail_with(error,
                     "TradeOptions::woodbury_max_rank = " + std::to_string(woodbury_max_rank) + ": must be >= 0");
  if (max_quota_rounds < 1)
    return fail_with(error, "TradeOptions::max_quota_rounds = " + std::to_string(max_quota_rounds) + ": must be >= 1");
  return true;
}

// ---------------------------------------------------------------------------------------------
// The baseline of one economy
// ---------------------------------------------------------------------------------------------
TradeModel::TradeModel(const Economy& e, const IoCoefficients& c, const LeontiefSystem& io)
    : n_(e.sectors()), sector_codes_(e.sector_codes), io_(io), a_(c.technical_coefficients) {
  const int n = n_;
  auto need = [&](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("TradeModel: " + what);
  };
  need(a_.rows() == n && a_.cols() == n, "technical coefficients are " + std::to_string(a_.rows()) + "x" +
                                             std::to_string(a_.cols()) + ": must be " + std::to_string(n) + "x" +
                                             std::to_string(n));
  need(io_.sectors() == n,
       "the Leontief system has " + std::to_string(io_.sectors()) + " sectors: must be " + std::to_string(n));
  am_ = c.import_coefficients.size() > 0 ? c.import_coefficients : Eigen::MatrixXd::Zero(n, n);
  need(am_.rows() == n && am_.cols() == n, "import coefficients must be n x n");

  fd_ = e.final_demand_domestic.cols() > 0 ? Eigen::VectorXd(e.final_demand_domestic.rowwise().sum())
                                           : Eigen::VectorXd::Zero(n);
  fm_ = e.final_demand_imported.cols() > 0 ? Eigen::VectorXd(e.final_demand_imported.rowwise().sum())
                                           : Eigen::VectorXd::Zero(n);
  need(fd_.size() == n && fm_.size() == n, "final demand blocks must have n rows");
  domestic_use_ = fd_;
  imports_table_ = imports_by_product(e);
  need(imports_table_.size() == n, "imported blocks must have n rows");
  if (e.intermediate_domestic.size() > 0) domestic_use_ += e.intermediate_domestic.rowwise().sum();
  exports_ = e.exports.rows() == n ? e.exports : Eigen::MatrixXd::Zero(n, 0);
  re_ = static_cast<int>(exports_.cols());
  export_partner_names_ = e.export_partners;
  if (static_cast<int>(export_partner_names_.size()) != re_) {
    export_partner_names_.clear();
    if (re_ == 1) export_partner_names_.push_back("total");
    for (int r = static_cast<int>(export_partner_names_.size()); r < re_; ++r)
      export_partner_names_.push_back("partner" + std::to_string(r + 1));
  }

  // Import sources (nest 2): volume shares s at baseline prices; one partner "ROW" if absent.
  if (e.import_shares.size() > 0) {
    need(e.import_shares.rows() == n, "import_shares has " + std::to_string(e.import_shares.rows()) +
                                          " rows: must have one per sector (" + std::to_string(n) + ")");
    rm_ = static_cast<int>(e.import_shares.cols());
    shares_ = e.import_shares;
    import_partner_names_ = e.import_partners;
  } else {
    rm_ = 1;
    shares_ = Eigen::MatrixXd::Ones(n, 1);
    import_partner_names_ = {"ROW"};
  }
  if (static_cast<int>(import_partner_names_.size()) != rm_) {
    import_partner_names_.clear();
    for (int r = 0; r < rm_; ++r) import_partner_names_.push_back("partner" + std::to_string(r + 1));
  }
  for (int i = 0; i < n; ++i) {
    double s = 0.0;
    for (int r = 0; r < rm_; ++r) {
      need(std::isfinite(shares_(i, r)) && shares_(i, r) >= 0.0, "import share of sector " + sector_codes_[i] +
                                                                     " from partner " + import_partner_names_[r] +
                                                                     " is " + num(shares_(i, r)) + ": must be >= 0");
      s += shares_(i, r);
    }
    // Rows are normalised (shares or values); a row without any partner data gets equal
    // shares (docs/trade.md: it only matters where the product has imports).
    if (s > 0.0)
      shares_.row(i) /= s;
    else
      shares_.row(i).setConstant(1.0 / rm_);
  }
  tariffs_ = Eigen::MatrixXd::Zero(n, rm_);
  if (e.tariffs.size() > 0) {
    need(e.tariffs.rows() == n && e.tariffs.cols() == rm_,
         "tariffs are " + std::to_string(e.tariffs.rows()) + "x" + std::to_string(e.tariffs.cols()) +
             ": must be n x (import partners) = " + std::to_string(n) + "x" + std::to_string(rm_));
    tariffs_ = e.tariffs;
  }
  export_tariffs_ = Eigen::MatrixXd::Zero(n, re_);
  if (e.export_tariffs.size() > 0) {
    need(e.export_tariffs.rows() == n && e.export_tariffs.cols() == re_,
         "export_tariffs must be n x (export partners) = " + std::to_string(n) + "x" + std::to_string(re_));
    export_tariffs_ = e.export_tariffs;
  }

  a_row_nonzero_.assign(n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (a_(i, j) != 0.0) {
        a_row_nonzero_[i] = 1;
        break;
      }

  // z0 = L·1 ≥ 1 gives the Collatz–Wielandt bound ρ(diag(d)·A) ≤ max_i d_i·(z0_i − 1)/z0_i,
  // which certifies most shocked tables productive without any extra solve.
  const Eigen::VectorXd z0 = io_.factorisation().solve(Eigen::VectorXd::Ones(n));
  z0_ = z0;
  rho_row_base_ = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < n; ++i)
    rho_row_base_(i) = z0(i) > 0.0 ? std::max(0.0, (z0(i) - 1.0) / z0(i)) : std::numeric_limits<double>::infinity();

  // The baseline output, computed by exactly the code path of solve() for a zero shock.
  x_base_ = Eigen::VectorXd::Zero(n);
  const TradeShock s0 = no_change();
  const TradeParameters p0 = TradeParameters::defaults(n);
  TradeOptions o0;
  o0.price_feedback = false;
  Run run;
  run.shock = &s0;
  run.params = &p0;
  prepare(run, o0);
  std::vector<Run*> runs{&run};
  solve_linear(runs, o0, BlockSolver(io_, am_, nullptr, nullptr));
  if (run.failure != TradeFailure::None)
    throw std::invalid_argument("TradeModel: the baseline cannot be solved: " + run.error);
  x_base_ = run.x;
  rhs_base_ = run.rhs;
  am_x_base_ = am_ * x_base_;
  a_x_base_ = a_ * x_base_;
  // Small models: L and (Am·L)ᵀ once (2n³ + 2n³ flops), so that batches run on GEMMs only.
  if (n <= kExplicitInverseMaxSectors) {
    l_ = io_.leontief_inverse();
    am_l_t_ = (am_ * l_).transpose();
  }
}

TradeShock TradeModel::no_change() const {
  TradeShock s;
  s.tariff_base = tariffs_;
  s.tariff = tariffs_;
  s.ntm_cost = Eigen::MatrixXd::Zero(n_, rm_);
  s.ntm_rent = Eigen::MatrixXd::Zero(n_, rm_);
  s.import_price = Eigen::MatrixXd::Ones(n_, rm_);
  s.export_tariff_base = export_tariffs_;
  s.export_tariff = export_tariffs_;
  s.export_demand_shift = Eigen::MatrixXd::Ones(n_, re_);
  s.final_demand_change = Eigen::VectorXd::Zero(n_);
  return s;
}

bool TradeModel::is_valid(const TradeShock& s, std::string* error) const {
  const auto gt_minus_one = [](double v) { return finite(v) && v > -1.0; };
  const auto nonneg = [](double v) { return finite(v) && v >= 0.0; };
  if (!(check_shape(s.tariff_base, n_, rm_, "tariff_base", error) && check_shape(s.tariff, n_, rm_, "tariff", error) &&
        check_shape(s.ntm_cost, n_, rm_, "ntm_cost", error) && check_shape(s.ntm_rent, n_, rm_, "ntm_rent", error) &&
        check_shape(s.import_price, n_, rm_, "import_price", error) &&
        check_shape(s.export_tariff_base, n_, re_, "export_tariff_base", error) &&
        check_shape(s.export_tariff, n_, re_, "export_tariff", error) &&
        check_shape(s.export_demand_shift, n_, re_, "export_demand_shift", error)))
    return false;
  if (s.final_demand_change.size() != n_)
    return fail_with(error, "TradeShock::final_demand_change has " + std::to_string(s.final_demand_change.size()) +
                                " entries: must have " + std::to_string(n_));
  if (!(check_matrix(s.tariff_base, "tariff_base", gt_minus_one, "must be a finite rate > -1 (0.05 = 5%)", error) &&
        check_matrix(s.tariff, "tariff", gt_minus_one, "must be a finite rate > -1 (0.05 = 5%)", error) &&
        check_matrix(s.ntm_cost, "ntm_cost", nonneg, "must be a finite ad valorem rate >= 0", error) &&
        check_matrix(s.ntm_rent, "ntm_rent", nonneg, "must be a finite ad valorem rate >= 0", error) &&
        check_matrix(
            s.import_price, "import_price", [](double v) { return finite(v) && v > 0.0; },
            "must be a finite price multiplier > 0 (1 = no change)", error) &&
        check_matrix(s.export_tariff_base, "export_tariff_base", gt_minus_one, "must be a finite rate > -1", error) &&
        check_matrix(s.export_tariff, "export_tariff", gt_minus_one, "must be a finite rate > -1", error) &&
        check_matrix(s.export_demand_shift, "export_demand_shift", nonneg,
                     "must be a finite demand multiplier >= 0 (1 = no change)", error)))
    return false;
  for (const auto& [name, v] :
       {std::pair<const char*, const Eigen::VectorXd*>{"final_spending_domestic", &s.final_spending_domestic},
        {"final_spending_imported", &s.final_spending_imported}}) {
    if (v->size() != 0 && v->size() != n_)
      return fail_with(error, std::string("TradeShock::") + name + " has " + std::to_string(v->size()) +
                                  " entries: must have " + std::to_string(n_) + " or be empty");
    for (Eigen::Index i = 0; i < v->size(); ++i)
      if (!finite((*v)(i)))
        return fail_with(error, std::string("TradeShock::") + name + "[" + std::to_string(i) + "] = " + num((*v)(i)) +
                                    ": must be finite");
  }
  for (Eigen::Index i = 0; i < n_; ++i)
    if (!finite(s.final_demand_change(i)))
      return fail_with(error, "TradeShock::final_demand_change[" + std::to_string(i) +
                                  "] = " + num(s.final_demand_change(i)) + ": must be finite");
  for (size_t k = 0; k < s.quotas.size(); ++k) {
    const QuotaMeasure& q = s.quotas[k];
    const std::string where = "TradeShock::quotas[" + std::to_string(k) + "]";
    if (q.sector < 0 || q.sector >= n_)
      return fail_with(
          error, where + ".sector = " + std::to_string(q.sector) + ": must be in [0, " + std::to_string(n_) + ")");
    if (q.partners.empty()) return fail_with(error, where + ".partners is empty: name at least one partner");
    for (size_t a = 0; a < q.partners.size(); ++a) {
      if (q.partners[a] < 0 || q.partners[a] >= rm_)
        return fail_with(error, where + ".partners[" + std::to_string(a) + "] = " + std::to_string(q.partners[a]) +
                                    ": must be in [0, " + std::to_string(rm_) + ")");
      for (size_t b = 0; b < a; ++b)
        if (q.partners[b] == q.partners[a])
          return fail_with(error, where + ".partners lists partner " + std::to_string(q.partners[a]) + " twice");
    }
    if (!(finite(q.quantity) && q.quantity > 0.0))
      return fail_with(error, where + ".quantity = " + num(q.quantity) +
                                  ": must be finite and > 0 (for an embargo use a prohibitive tariff, e.g. 1e6)");
  }
  return true;
}

void TradeModel::validate(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const {
  std::string error;
  if (!o.is_valid(&error)) throw std::invalid_argument(error);
  if (!p.is_valid(&error)) throw std::invalid_argument(error);
  if (p.armington.size() != n_)
    throw std::invalid_argument("TradeParameters::armington has " + std::to_string(p.armington.size()) +
                                " entries: must have one per sector (" + std::to_string(n_) + ")");
  if (p.export_demand_by_partner.size() > 0 && p.export_demand_by_partner.cols() != re_)
    throw std::invalid_argument("TradeParameters::export_demand_by_partner has " +
                                std::to_string(p.export_demand_by_partner.cols()) +
                                " columns: must have one per export partner (" + std::to_string(re_) + ")");
  if (!is_valid(s, &error)) throw std::invalid_argument(error);
}

// ---------------------------------------------------------------------------------------------
// Price stage: partner prices, CES indices, cost push, demand factors, exports (§2, §3)
// ---------------------------------------------------------------------------------------------
void TradeModel::prepare(Run& run, const TradeOptions& o) const {
  prepare_prices(run);
  // §2 cost push: Δpᵀ = (Δπmᵀ·Am)·L with πm = PM'.
  run.domestic_price = Eigen::VectorXd::Ones(n_);
  if (o.price_feedback) {
    const Eigen::VectorXd dpm = run.import_index.array() - 1.0;
    if (dpm.cwiseAbs().maxCoeff() > 0.0) run.domestic_price += cost_push_price_change(io_, am_, dpm);
  }
  prepare_quantities(run);
}

void TradeModel::cost_push_batch(std::vector<Run*>& runs, const BlockSolver& solver) const {
  // §2 cost push for every run whose import prices moved: ΔP = (Am·L)ᵀ·ΔΠ as one product over
  // the runs (one run: exactly prepare()'s vector path).
  std::vector<Run*> pushed;
  for (Run* r : runs) {
    r->domestic_price = Eigen::VectorXd::Ones(n_);
    if ((r->import_index.array() - 1.0).abs().maxCoeff() > 0.0) pushed.push_back(r);
  }
  if (pushed.size() == 1) {
    Run& r = *pushed[0];
    r.domestic_price += cost_push_price_change(io_, am_, Eigen::VectorXd(r.import_index.array() - 1.0));
    return;
  }
  if (pushed.empty()) return;
  Eigen::MatrixXd dpi(n_, static_cast<Eigen::Index>(pushed.size()));
  for (size_t c = 0; c < pushed.size(); ++c)
    dpi.col(static_cast<Eigen::Index>(c)) = pushed[c]->import_index.array() - 1.0;
  const Eigen::MatrixXd dp = solver.cost_push(dpi);
  for (size_t c = 0; c < pushed.size(); ++c) pushed[c]->domestic_price += dp.col(static_cast<Eigen::Index>(c));
}

void TradeModel::prepare_prices(Run& run) const {
  const TradeShock& s = *run.shock;
  const TradeParameters& p = *run.params;
  const int n = n_, rm = rm_;
  const bool with_te = run.quota_te != nullptr && run.quota_te->size() > 0;

  // Nest 2 (§3): partner price relative to baseline and the world (cif) price.
  run.theta.resize(n, rm);
  run.pm.resize(n, rm);
  run.pw.resize(n, rm);
  for (int r = 0; r < rm; ++r)
    for (int i = 0; i < n; ++i) {
      const double base = 1.0 + s.tariff_base(i, r);
      run.theta(i, r) = shares_(i, r) * base;  // value share at tariff-inclusive prices
      const double wedge = 1.0 + s.tariff(i, r) + s.ntm_cost(i, r) + s.ntm_rent(i, r);
      const double raw = wedge / base * s.import_price(i, r);
      double pm = 1.0 + p.pass_through(i) * (raw - 1.0);
      const double pw = pm * base / wedge;
      if (with_te && (*run.quota_te)(i, r) != 0.0) pm = pw * (wedge + (*run.quota_te)(i, r)) / base;
      run.pm(i, r) = pm;
      run.pw(i, r) = pw;
    }
  run.import_index.resize(n);
  std::vector<double> w(rm), pr(rm);
  for (int i = 0; i < n; ++i) {
    for (int r = 0; r < rm; ++r) {
      w[r] = run.theta(i, r);
      pr[r] = run.pm(i, r);
    }
    run.import_index(i) = ces_price_index(w.data(), pr.data(), rm, p.source_substitution(i));
  }
}

void TradeModel::prepare_quantities(Run& run) const {
  const TradeShock& s = *run.shock;
  const TradeParameters& p = *run.params;
  const int n = n_, rm = rm_;
  for (int i = 0; i < n; ++i)
    if (!(std::isfinite(run.domestic_price(i)) && run.domestic_price(i) > 0.0)) {
      run.fail(TradeFailure::NotProductive, "the cost-push price of " + sector_codes_[i] + " is " +
                                                num(run.domestic_price(i)) + ": prices must stay > 0");
      return;
    }

  // Nest 1 (§3): α over all domestic users (exports excluded), imports at tariff-inclusive values.
  run.alpha.resize(n);
  run.composite_price.resize(n);
  run.d.resize(n);
  run.m.resize(n);
  run.q.resize(n);
  for (int i = 0; i < n; ++i) {
    double import_value = 0.0;
    for (int r = 0; r < rm; ++r) import_value += run.theta(i, r);
    import_value *= std::max(0.0, imports_table_(i));
    const double dom = std::max(0.0, domestic_use_(i));
    const double alpha = dom + import_value > 0.0 ? dom / (dom + import_value) : 1.0;
    run.alpha(i) = alpha;
    const double wts[2] = {alpha, 1.0 - alpha};
    const double prices[2] = {run.domestic_price(i), run.import_index(i)};
    const double sigma_d = p.armington(i);
    const double pc = ces_price_index(wts, prices, 2, sigma_d);
    run.composite_price(i) = pc;
    run.d(i) = ces_demand_factor(pc, run.domestic_price(i), sigma_d);
    run.m(i) = ces_demand_factor(pc, run.import_index(i), sigma_d);
    run.q(i) = std::pow(pc, p.final_demand_elasticity(i));
  }

  // Exports (§3): e' = e·(pd'·(1+τx')/(1+τx))^η·shift.
  run.exports.resize(n, re_);
  for (int r = 0; r < re_; ++r)
    for (int i = 0; i < n; ++i) {
      const double rel = run.domestic_price(i) * ((1.0 + s.export_tariff(i, r)) / (1.0 + s.export_tariff_base(i, r)));
      const double eta = p.export_demand_by_partner.size() > 0 ? p.export_demand_by_partner(i, r) : p.export_demand(i);
      run.exports(i, r) = exports_(i, r) * (std::pow(rel, eta) * s.export_demand_shift(i, r));
    }

  // Final demand for domestic output and the right-hand side f' = Fd'·1 + e'·1.
  run.final_demand.resize(n);
  for (int i = 0; i < n; ++i) run.final_demand(i) = fd_(i) * (run.d(i) * run.q(i)) + s.final_demand_change(i);
  if (s.final_spending_domestic.size() > 0) run.final_demand += run.d.cwiseProduct(s.final_spending_domestic);
  run.rhs = run.final_demand;
  if (re_ > 0) run.rhs += run.exports.rowwise().sum();

  // Rows of A that move, and the cheap productivity bound.
  run.moving.clear();
  run.rho_bound = 0.0;
  for (int i = 0; i < n; ++i) {
    if (run.d(i) != 1.0 && a_row_nonzero_[i]) run.moving.push_back(i);
    if (a_row_nonzero_[i]) run.rho_bound = std::max(run.rho_bound, run.d(i) * rho_row_base_(i));
  }
  run.need_certificate = !(run.rho_bound < 1.0);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------
void TradeModel::finish_batch(std::vector<Run*>& runs, std::vector<TradeResult*>& out) const {
  const Eigen::Index b = static_cast<Eigen::Index>(runs.size());
  if (b == 0) return;
  auto relative_residual = [](const Run& r, const Eigen::VectorXd& a_x) {
    const Eigen::VectorXd resid = r.rhs - r.x + r.d.cwiseProduct(a_x);
    const double fn = r.rhs.norm();
    return fn > 0.0 ? resid.norm() / fn : resid.norm();
  };
  if (b == 1) {  // one run (solve()): matrix–vector products
    Run& r = *runs[0];
    const Eigen::VectorXd dx = r.x - x_base_;
    r.residual = relative_residual(r, a_ * r.x);
    finish(r, dx, a_ * dx, am_ * r.x, *out[0]);
    return;
  }
  // A batch: A·ΔX and Am·ΔX as two GEMMs; A·x' = A·x + A·Δx and Am·x' = Am·x + Am·Δx (a zero
  // shock, Δx = 0, so gives bitwise the baseline imports).
  Eigen::MatrixXd dx(n_, b);
  for (Eigen::Index c = 0; c < b; ++c) dx.col(c) = runs[static_cast<size_t>(c)]->x - x_base_;
  Eigen::MatrixXd a_dx(n_, b), am_x(n_, b);
  a_dx.noalias() = a_ * dx;
  am_x.noalias() = am_ * dx;
  am_x.colwise() += am_x_base_;
  for (Eigen::Index c = 0; c < b; ++c) {
    Run& r = *runs[static_cast<size_t>(c)];
    r.residual = relative_residual(r, a_x_base_ + a_dx.col(c));
    finish(r, dx.col(c), a_dx.col(c), am_x.col(c), *out[static_cast<size_t>(c)]);
  }
}

void TradeModel::finish(Run& run, const Eigen::Ref<const Eigen::VectorXd>& dx,
                        const Eigen::Ref<const Eigen::VectorXd>& a_dx, const Eigen::Ref<const Eigen::VectorXd>& am_x,
                        TradeResult& out) const {
  const TradeShock& s = *run.shock;
  const TradeParameters& p = *run.params;
  const int n = n_, rm = rm_;
  out.output_base = x_base_;
  out.output = run.x;
  out.output_change = dx;
  out.effective_demand_change = dx - a_dx;

  out.domestic_price = run.domestic_price;
  out.import_price_index = run.import_index;
  out.composite_price = run.composite_price;
  out.partner_price = run.pm;
  out.world_price = run.pw;
  out.domestic_factor = run.d;
  out.import_factor = run.m;
  out.final_demand_factor = run.q;
  out.domestic_share = run.alpha;

  out.final_demand_base = fd_;
  out.final_demand = run.final_demand;
  out.exports_base = exports_;
  out.exports = run.exports;
  out.exports_change = re_ > 0 ? Eigen::VectorXd((run.exports - exports_).rowwise().sum()) : Eigen::VectorXd::Zero(n);

  // Imports: composite M_i = m∘(Am·x) + m∘q∘(Fm·1), by partner M_ir = s_ir·M_i·(PM_i/pm_ir)^σ_M.
  // The baseline is computed by the same expressions at m = q = 1, PM = pm = 1 and x = x_base,
  // so a zero shock gives bitwise the baseline.
  const Eigen::VectorXd& am_x_base = am_x_base_;
  out.import_composite_base.resize(n);
  out.import_composite.resize(n);
  out.imports_intermediate.resize(n);
  out.imports_final.resize(n);
  out.imports_base.resize(n, rm);
  out.imports.resize(n, rm);
  out.tariff_revenue_by_product_base = Eigen::VectorXd::Zero(n);
  out.tariff_revenue_by_product = Eigen::VectorXd::Zero(n);
  out.ntm_rent = 0.0;
  out.quota_rent = 0.0;
  for (int i = 0; i < n; ++i) {
    out.import_composite_base(i) = 1.0 * am_x_base(i) + (1.0 * 1.0) * fm_(i);
    out.imports_intermediate(i) = run.m(i) * am_x(i);
    out.imports_final(i) = (run.m(i) * run.q(i)) * fm_(i);
    if (s.final_spending_imported.size() > 0) out.imports_final(i) += run.m(i) * s.final_spending_imported(i);
    out.import_composite(i) = out.imports_intermediate(i) + out.imports_final(i);
    const double sigma_m = p.source_substitution(i);
    for (int r = 0; r < rm; ++r) {
      out.imports_base(i, r) = shares_(i, r) * out.import_composite_base(i);  // (PM/pm)^σ_M = 1^σ_M = 1
      out.imports(i, r) =
          shares_(i, r) * out.import_composite(i) * ces_demand_factor(run.import_index(i), run.pm(i, r), sigma_m);
      out.tariff_revenue_by_product_base(i) += s.tariff_base(i, r) * 1.0 * out.imports_base(i, r);
      out.tariff_revenue_by_product(i) += s.tariff(i, r) * run.pw(i, r) * out.imports(i, r);
      out.ntm_rent += s.ntm_rent(i, r) * run.pw(i, r) * out.imports(i, r);
    }
  }
  out.imports_change = (out.imports - out.imports_base).rowwise().sum();
  out.tariff_revenue_base = out.tariff_revenue_by_product_base.sum();
  out.tariff_revenue = out.tariff_revenue_by_product.sum();
  out.quota_tariff_equivalent =
      run.quota_te != nullptr && run.quota_te->size() > 0 ? *run.quota_te : Eigen::MatrixXd::Zero(n, rm);

  out.solver_path = run.path;
  out.moving_rows = static_cast<int>(run.moving.size());
  out.iterations = run.iterations;
  out.residual = run.residual;
  out.spectral_radius_bound = run.spectral_radius_bound;
  out.model_solves = 1;
  out.notes = run.notes;
}

namespace {
[[noreturn]] void throw_failure(TradeFailure f, const std::string& message) {
  if (f == TradeFailure::Quota) throw QuotaError(message);
  throw NotProductiveError(message);
}
}  // namespace

TradeResult TradeModel::solve_without_quotas(const TradeShock& s, const TradeParameters& p, const TradeOptions& o,
                                             const Eigen::MatrixXd& quota_te) const {
  Run run;
  run.shock = &s;
  run.params = &p;
  run.quota_te = quota_te.size() > 0 ? &quota_te : nullptr;
  prepare(run, o);
  std::vector<Run*> runs{&run};
  if (run.failure == TradeFailure::None) solve_linear(runs, o, BlockSolver(io_, am_, nullptr, nullptr));
  if (run.failure != TradeFailure::None) throw_failure(run.failure, run.error);
  TradeResult out;
  std::vector<TradeResult*> outs{&out};
  finish_batch(runs, outs);
  return out;
}

TradeResult TradeModel::solve(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const {
  validate(s, p, o);
  if (!s.quotas.empty()) return solve_with_quotas(s, p, o);
  return solve_without_quotas(s, p, o, Eigen::MatrixXd());
}

// ---------------------------------------------------------------------------------------------
// Quotas (§3): tariff equivalents by monotone bisection, several quotas by Gauss–Seidel rounds
// ---------------------------------------------------------------------------------------------
TradeResult TradeModel::solve_with_quotas(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const {
  const size_t nq = s.quotas.size();
  std::vector<double> te(nq, 0.0);
  std::vector<int> steps(nq, 0);
  int solves = 0;
  Eigen::MatrixXd te_matrix = Eigen::MatrixXd::Zero(n_, rm_);
  auto build = [&]() {
    te_matrix.setZero();
    for (size_t k = 0; k < nq; ++k)
      for (int r : s.quotas[k].partners) te_matrix(s.quotas[k].sector, r) += te[k];
  };
  auto volume_of = [&](const TradeResult& res, size_t k) {
    double v = 0.0;
    for (int r : s.quotas[k].partners) v += res.imports(s.quotas[k].sector, r);
    return v;
  };
  auto solve_at = [&]() {
    build();
    ++solves;
    return solve_without_quotas(s, p, o, te_matrix);
  };
  const double tol = o.quota_tolerance;
  auto describe = [&](size_t k) {
    const QuotaMeasure& q = s.quotas[k];
    std::string partners;
    for (int r : q.partners) partners += (partners.empty() ? "" : ",") + import_partner_names_[r];
    return "quota " + std::to_string(k) + " on " + sector_codes_[q.sector] + " from " + partners + " (" +
           num(q.quantity) + ")";
  };

  bool settled = false;
  for (int round = 0; round < o.max_quota_rounds && !settled; ++round) {
    settled = true;
    for (size_t k = 0; k < nq; ++k) {
      const double quota = s.quotas[k].quantity;
      const double v_now = volume_of(solve_at(), k);
      if (te[k] == 0.0 && v_now <= quota * (1.0 + tol)) continue;           // not binding
      if (te[k] > 0.0 && std::abs(v_now - quota) <= tol * quota) continue;  // still met
      settled = false;
      const double old = te[k];
      te[k] = 0.0;
      const double v0 = volume_of(solve_at(), k);
      steps[k] = 1;
      if (v0 <= quota * (1.0 + tol)) continue;  // binding no more
      // Bracket: volume falls monotonically in the tariff equivalent.
      double lo = 0.0, hi = std::max(0.25, 2.0 * old);
      for (;;) {
        te[k] = hi;
        const double v = volume_of(solve_at(), k);
        ++steps[k];
        if (v <= quota) break;
        lo = hi;
        hi *= 4.0;
        if (hi > 1e12)
          throw QuotaError(describe(k) + " cannot be met: at a tariff equivalent of " + num(lo) +
                           " imports are still " + num(v) +
                           " (import demand does not respond to price: check σ_D, σ_M, ε and pass-through)");
      }
      // Bisection to |V − quota| ≤ tol·quota (or to the resolution of the rate).
      double best = hi;
      for (int it = 0; it < 400; ++it) {
        const double mid = 0.5 * (lo + hi);
        if (!(mid > lo && mid < hi)) break;
        te[k] = mid;
        const double v = volume_of(solve_at(), k);
        ++steps[k];
        if (std::abs(v - quota) <= tol * quota) {
          best = mid;
          break;
        }
        if (v > quota)
          lo = mid;
        else
          hi = best = mid;
      }
      te[k] = best;
    }
  }
  if (!settled)
    throw QuotaError("the " + std::to_string(nq) + " quotas did not settle within " +
                     std::to_string(o.max_quota_rounds) + " rounds (TradeOptions::max_quota_rounds)");

  TradeResult res = solve_at();
  for (size_t k = 0; k < nq; ++k) {
    const QuotaMeasure& q = s.quotas[k];
    QuotaResult qr;
    qr.sector = q.sector;
    qr.partners = q.partners;
    qr.quantity = q.quantity;
    qr.binding = te[k] > 0.0;
    qr.status = qr.binding ? "binding" : "not binding";
    qr.tariff_equivalent = te[k];
    qr.volume = volume_of(res, k);
    qr.bisection_steps = steps[k];
    for (int r : q.partners) qr.rent += te[k] * res.world_price(q.sector, r) * res.imports(q.sector, r);
    if (qr.binding) {
      const double keep = te[k];
      te[k] = 0.0;
      qr.volume_without_quota = volume_of(solve_at(), k);
      te[k] = keep;
    } else {
      qr.volume_without_quota = qr.volume;
      res.notes.push_back(describe(k) + " is not binding: imports " + num(qr.volume) + " are within it");
    }
    res.quota_rent += qr.rent;
    res.quotas.push_back(qr);
  }
  res.model_solves = solves;
  return res;
}

// ---------------------------------------------------------------------------------------------
// Checks of a result
// ---------------------------------------------------------------------------------------------
Eigen::MatrixXd TradeModel::shocked_technical_coefficients(const TradeResult& r) const {
  return r.domestic_factor.asDiagonal() * a_;
}

double TradeModel::row_identity_residual(const TradeResult& r) const {
  Eigen::VectorXd f = r.final_demand;
  if (re_ > 0) f += r.exports.rowwise().sum();
  const Eigen::VectorXd resid = r.output - shocked_technical_coefficients(r) * r.output - f;
  const double scale = r.output.norm();
  return scale > 0.0 ? resid.norm() / scale : resid.norm();
}

Eigen::VectorXd TradeModel::solve_fresh(const TradeResult& r) const {
  Eigen::MatrixXd m = -shocked_technical_coefficients(r);
  m.diagonal().array() += 1.0;
  Eigen::VectorXd f = r.final_demand;
  if (re_ > 0) f += r.exports.rowwise().sum();
  return Eigen::PartialPivLU<Eigen::MatrixXd>(m).solve(f);
}

}  // namespace tradejobs
