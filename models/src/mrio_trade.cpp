#include "tradejobs/models/mrio_trade.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "tradejobs/models/ces.h"

namespace tradejobs {

namespace {

std::string num(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

/// Per-product value: the vector's entry where given and not NaN, else the default.
double per_product(const Eigen::VectorXd& v, int i, double fallback) {
  if (v.size() > i && !std::isnan(v(i))) return v(i);
  return fallback;
}

std::string check_vector(const char* name, const Eigen::VectorXd& v, int n) {
  if (v.size() != 0 && v.size() != n)
    return std::string("MrioTradeParameters::") + name + " has " + std::to_string(v.size()) +
           " entries: must have one per product (" + std::to_string(n) + ") or none";
  return "";
}

/// The first problem of `p` for n products ("" when valid): MrioTradeParameters::is_valid.
std::string parameters_problem(const MrioTradeParameters& p, int n) {
  const double armington = p.armington, source_substitution = p.source_substitution,
               final_demand_elasticity = p.final_demand_elasticity, pass_through = p.pass_through,
               tolerance = p.tolerance;
  const int max_iterations = p.max_iterations;
  const Eigen::VectorXd &armington_by_product = p.armington_by_product,
                        &source_substitution_by_product = p.source_substitution_by_product,
                        &final_demand_elasticity_by_product = p.final_demand_elasticity_by_product,
                        &pass_through_by_product = p.pass_through_by_product;
  auto field = [](const char* name, double v, const char* constraint) {
    return std::string("MrioTradeParameters::") + name + " = " + num(v) + ": " + constraint;
  };
  if (!(armington >= 0.0) || !std::isfinite(armington))
    return field("armington", armington, "must be a finite number >= 0");
  if (!std::isnan(source_substitution) && (!(source_substitution >= 0.0) || !std::isfinite(source_substitution)))
    return field("source_substitution", source_substitution, "must be a finite number >= 0 (or NaN for 2 x armington)");
  if (!(final_demand_elasticity <= 0.0) || !std::isfinite(final_demand_elasticity))
    return field("final_demand_elasticity", final_demand_elasticity, "must be a finite number <= 0");
  if (!(pass_through >= 0.0 && pass_through <= 1.0)) return field("pass_through", pass_through, "must be in [0, 1]");
  if (!(tolerance > 0.0)) return field("tolerance", tolerance, "must be > 0");
  if (max_iterations < 1) return field("max_iterations", max_iterations, "must be >= 1");
  for (auto [name, v] : {std::pair<const char*, const Eigen::VectorXd*>{"armington_by_product", &armington_by_product},
                         {"source_substitution_by_product", &source_substitution_by_product},
                         {"final_demand_elasticity_by_product", &final_demand_elasticity_by_product},
                         {"pass_through_by_product", &pass_through_by_product}}) {
    const std::string m = check_vector(name, *v, n);
    if (!m.empty()) return m;
  }
  for (int i = 0; i < armington_by_product.size(); ++i)
    if (!std::isnan(armington_by_product(i)) &&
        !(armington_by_product(i) >= 0.0 && std::isfinite(armington_by_product(i))))
      return field(("armington_by_product[" + std::to_string(i) + "]").c_str(), armington_by_product(i),
                   "must be >= 0");
  for (int i = 0; i < source_substitution_by_product.size(); ++i)
    if (!std::isnan(source_substitution_by_product(i)) &&
        !(source_substitution_by_product(i) >= 0.0 && std::isfinite(source_substitution_by_product(i))))
      return field(("source_substitution_by_product[" + std::to_string(i) + "]").c_str(),
                   source_substitution_by_product(i), "must be >= 0");
  for (int i = 0; i < final_demand_elasticity_by_product.size(); ++i)
    if (!std::isnan(final_demand_elasticity_by_product(i)) &&
        !(final_demand_elasticity_by_product(i) <= 0.0 && std::isfinite(final_demand_elasticity_by_product(i))))
      return field(("final_demand_elasticity_by_product[" + std::to_string(i) + "]").c_str(),
                   final_demand_elasticity_by_product(i), "must be <= 0");
  for (int i = 0; i < pass_through_by_product.size(); ++i)
    if (!std::isnan(pass_through_by_product(i)) &&
        !(pass_through_by_product(i) >= 0.0 && pass_through_by_product(i) <= 1.0))
      return field(("pass_through_by_product[" + std::to_string(i) + "]").c_str(), pass_through_by_product(i),
                   "must be in [0, 1]");
  return "";
}

}  // namespace

bool MrioTradeParameters::is_valid(int products, std::string* error) const {
  const std::string problem = parameters_problem(*this, products);
  if (!problem.empty() && error) *error = problem;
  return problem.empty();
}

MrioTradeModel::MrioTradeModel(const Economy& economy, const IoCoefficients& coefficients, const LeontiefSystem& io)
    : economy_(economy), coefficients_(coefficients), io_(io) {
  const int total = economy.sectors();
  if (static_cast<int>(economy.sector_regions.size()) != total)
    throw std::invalid_argument("MRIO trade model: the economy has " + std::to_string(economy.sector_regions.size()) +
                                " sector regions for " + std::to_string(total) +
                                " sectors: expected a multi-region economy (sectors.csv with a 'region' column)");
  // Regions in order of first appearance; they must be contiguous blocks of equal size.
  for (int j = 0; j < total; ++j)
    if (j == 0 || economy.sector_regions[j] != economy.sector_regions[j - 1]) {
      for (const auto& r : regions_)
        if (r == economy.sector_regions[j])
          throw std::invalid_argument("MRIO trade model: sector " + economy.sector_codes[j] + " of region " + r +
                                      " comes after other regions' sectors: expected region-major order");
      regions_.push_back(economy.sector_regions[j]);
    }
  const int r_count = static_cast<int>(regions_.size());
  if (total % r_count != 0)
    throw std::invalid_argument("MRIO trade model: " + std::to_string(total) + " sectors in " +
                                std::to_string(r_count) + " regions: expected the same industries in every region");
  products_ = total / r_count;
  for (int r = 0; r < r_count; ++r)
    for (int i = 0; i < products_; ++i) {
      const int j = r * products_ + i;
      const std::string& code = economy.sector_codes[j];
      const std::string prefix = regions_[r] + "_";
      const std::string& first = economy.sector_codes[i];
      const std::string suffix = first.substr(std::min(first.size(), regions_[0].size() + 1));
      if (economy.sector_regions[j] != regions_[r] || code != prefix + suffix)
        throw std::invalid_argument("MRIO trade model: sector " + std::to_string(j + 1) + " is '" + code +
                                    "' (region " + economy.sector_regions[j] + "): expected '" + prefix + suffix +
                                    "' (codes <REGION>_<industry>, same industries in every region)");
    }
  if (economy.intermediate_imported.size() > 0 && economy.intermediate_imported.cwiseAbs().maxCoeff() > 0.0)
    throw std::invalid_argument(
        "MRIO trade model: intermediate_imported is not zero: expected a full MRIO where every flow is in Zd "
        "(imports are the off-diagonal region blocks)");
  if (economy.final_demand_imported.size() > 0 && economy.final_demand_imported.cwiseAbs().maxCoeff() > 0.0)
    throw std::invalid_argument("MRIO trade model: final_demand_imported is not zero: expected a full MRIO");
  for (const auto& category : economy.final_demand_categories) {
    int region = -1;
    for (int r = 0; r < r_count; ++r)
      if (category.rfind(regions_[r] + "_", 0) == 0 && (region < 0 || regions_[r].size() > regions_[region].size()))
        region = r;
    if (region < 0)
      throw std::invalid_argument("MRIO trade model: final-demand column '" + category +
                                  "' names no region: expected <REGION>_<category>, e.g. " + regions_[0] +
                                  "_household");
    final_demand_region_.push_back(region);
  }
}

int MrioTradeModel::region_index(const std::string& code) const {
  for (size_t r = 0; r < regions_.size(); ++r)
    if (regions_[r] == code) return static_cast<int>(r);
  return -1;
}

MrioShockedSystem MrioTradeModel::shocked_system(const std::vector<BilateralTariff>& tariffs,
                                                 const MrioTradeParameters& prm) const {
  if (std::string invalid; !prm.is_valid(products_, &invalid)) throw std::invalid_argument(invalid);
  const int n = products_;
  const int rc = static_cast<int>(regions_.size());
  const int total = n * rc;
  auto flat = [&](int s, int i, int r) { return (static_cast<size_t>(s) * n + i) * rc + r; };

  MrioShockedSystem out;
  out.tariff_factor.assign(static_cast<size_t>(rc) * n * rc, 1.0);
  out.tariff_before.assign(out.tariff_factor.size(), 0.0);
  out.tariff_after.assign(out.tariff_factor.size(), 0.0);
  std::vector<char> taxed(out.tariff_factor.size(), 0);
  struct Taxed {
    int s, i, r;
  };
  std::vector<Taxed> taxed_list;
  for (size_t k = 0; k < tariffs.size(); ++k) {
    const BilateralTariff& t = tariffs[k];
    const std::string where = "tariff " + std::to_string(k) + ": ";
    const int s = region_index(t.importer);
    if (s < 0) throw std::invalid_argument(where + "importer '" + t.importer + "' is not a region of the table");
    if (t.product < 0 || t.product >= n)
      throw std::invalid_argument(where + "product " + std::to_string(t.product) + " is outside 0.." +
                                  std::to_string(n - 1));
    if (!(t.from >= 0.0 && std::isfinite(t.from)) || !(t.to >= 0.0 && std::isfinite(t.to)))
      throw std::invalid_argument(where + "rates from = " + num(t.from) + ", to = " + num(t.to) +
                                  ": must be finite rates >= 0 (write 25% as 0.25)");
    std::vector<int> sources;
    if (t.sources.empty()) {
      for (int r = 0; r < rc; ++r)
        if (r != s) sources.push_back(r);
    } else {
      for (const auto& code : t.sources) {
        const int r = region_index(code);
        if (r < 0) throw std::invalid_argument(where + "source '" + code + "' is not a region of the table");
        if (r == s)
          throw std::invalid_argument(where + "source '" + code +
                                      "' is the importer itself: a tariff applies to imports");
        sources.push_back(r);
      }
    }
    const double kappa = per_product(prm.pass_through_by_product, t.product, prm.pass_through);
    for (int r : sources) {
      const size_t f = flat(s, t.product, r);
      if (taxed[f])
        throw std::invalid_argument(where + "imports of product " + std::to_string(t.product) + " from " + regions_[r] +
                                    " into " + regions_[s] + " are already taxed by an earlier tariff");
      taxed[f] = 1;
      out.tariff_before[f] = t.from;
      out.tariff_after[f] = t.to;
      out.tariff_factor[f] = 1.0 + kappa * ((1.0 + t.to) / (1.0 + t.from) - 1.0);
      taxed_list.push_back({s, t.product, r});
    }
  }

  const Eigen::MatrixXd& a = coefficients_.technical_coefficients;
  // Cost-push price model on the full MRIO (docs/model.md §2): pᵀ = pᵀ(A∘T) + vᵀ with T the tariff
  // factors on region s's inputs from r. Subtracting the base 1ᵀ = 1ᵀA + vᵀ gives
  // Δpᵀ = (1 + Δp)ᵀ G · L with G = A∘(T − 1), non-zero only in taxed rows: a fixed point
  // solved against the base factorisation.
  out.price_change = Eigen::VectorXd::Zero(total);
  if (prm.price_feedback && !taxed_list.empty()) {
    auto g_transpose_times = [&](const Eigen::VectorXd& v) {
      Eigen::VectorXd b = Eigen::VectorXd::Zero(total);
      for (const Taxed& t : taxed_list) {
        const double excess = out.tariff_factor[flat(t.s, t.i, t.r)] - 1.0;
        if (excess == 0.0) continue;
        const int row = sector(t.r, t.i);
        b.segment(static_cast<Eigen::Index>(t.s) * n, n) +=
            excess * v(row) * a.row(row).segment(static_cast<Eigen::Index>(t.s) * n, n).transpose();
      }
      return b;
    };
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(total);
    Eigen::VectorXd dp = io_.solve_transposed(g_transpose_times(ones));
    out.price_iterations = 1;
    while (out.price_iterations < prm.max_iterations) {
      const Eigen::VectorXd next = io_.solve_transposed(g_transpose_times(ones + dp));
      ++out.price_iterations;
      const double change = (next - dp).cwiseAbs().maxCoeff();
      dp = next;
      if (change <= prm.tolerance * std::max(1.0, dp.cwiseAbs().maxCoeff())) break;
    }
    out.price_change = dp;
  }

  // Baseline flows of product i from source r used in region s (intermediate + final), W((r,i), s).
  const Eigen::MatrixXd& z = economy_.intermediate_domestic;
  const Eigen::MatrixXd& y = economy_.final_demand_domestic;
  Eigen::MatrixXd used = Eigen::MatrixXd::Zero(total, rc);
  for (int s = 0; s < rc; ++s) used.col(s) = z.middleCols(static_cast<Eigen::Index>(s) * n, n).rowwise().sum();
  for (Eigen::Index k = 0; k < y.cols(); ++k) used.col(final_demand_region_[k]) += y.col(k);

  out.source_factor.assign(out.tariff_factor.size(), 1.0);
  out.final_demand_factor.assign(static_cast<size_t>(rc) * n, 1.0);
  out.import_price_change = Eigen::MatrixXd::Zero(rc, n);
  out.composite_price_change = Eigen::MatrixXd::Zero(rc, n);
  Eigen::VectorXd shares(rc), prices(rc);
  for (int s = 0; s < rc; ++s)
    for (int i = 0; i < n; ++i) {
      // docs/model.md §3 nests for importer s and product i, in calibrated share form.
      const double sigma_d = per_product(prm.armington_by_product, i, prm.armington);
      const double sigma_m_default = std::isnan(prm.source_substitution) ? 2.0 * sigma_d : prm.source_substitution;
      const double sigma_m = per_product(prm.source_substitution_by_product, i, sigma_m_default);
      const double epsilon = per_product(prm.final_demand_elasticity_by_product, i, prm.final_demand_elasticity);
      const double pd = 1.0 + out.price_change(sector(s, i));
      double imports_value = 0.0;  // at tariff-inclusive baseline prices
      bool prices_moved = pd != 1.0;
      for (int r = 0; r < rc; ++r) {
        if (r == s) {
          shares(r) = 0.0;
          prices(r) = 1.0;
          continue;
        }
        const size_t f = flat(s, i, r);
        shares(r) = used(sector(r, i), s) * (1.0 + out.tariff_before[f]);
        prices(r) = (1.0 + out.price_change(sector(r, i))) * out.tariff_factor[f];
        imports_value += shares(r);
        if (prices(r) != 1.0 && shares(r) > 0.0) prices_moved = true;
      }
      if (!prices_moved) continue;  // exactly the baseline: d = m = q = 1
      const double domestic_value = used(sector(s, i), s);
      double pm_index = 1.0;
      if (imports_value > 0.0) {
        shares /= imports_value;
        pm_index = ces_price_index(shares.data(), prices.data(), rc, sigma_m);
      }
      const double use = domestic_value + imports_value;
      if (use <= 0.0) continue;
      const double alpha = domestic_value / use;
      Eigen::Vector2d nest_shares(alpha, 1.0 - alpha), nest_prices(pd, pm_index);
      const double p_composite = ces_price_index(nest_shares.data(), nest_prices.data(), 2, sigma_d);
      const double d = ces_demand_factor(p_composite, pd, sigma_d);
      const double m = ces_demand_factor(p_composite, pm_index, sigma_d);
      for (int r = 0; r < rc; ++r)
        out.source_factor[flat(s, i, r)] = r == s ? d : m * ces_demand_factor(pm_index, prices(r), sigma_m);
      out.final_demand_factor[static_cast<size_t>(s) * n + i] = std::pow(p_composite, epsilon);
      out.import_price_change(s, i) = imports_value > 0.0 ? pm_index - 1.0 : 0.0;
      out.composite_price_change(s, i) = p_composite - 1.0;
    }

  // A' and Y': every user in region s scales its use of product i from source r by the same
  // factor (row-uniform substitution, docs/model.md §3); final use also by q = P^ε.
  out.technical_coefficients = a;
  const Eigen::Index exports_columns = economy_.exports.cols();
  out.final_demand.resize(total, y.cols() + exports_columns);
  out.final_demand.leftCols(y.cols()) = y;
  if (exports_columns > 0) out.final_demand.rightCols(exports_columns) = economy_.exports;
  for (int s = 0; s < rc; ++s)
    for (int r = 0; r < rc; ++r)
      for (int i = 0; i < n; ++i) {
        const double f = out.source_factor[flat(s, i, r)];
        if (f != 1.0) out.technical_coefficients.row(sector(r, i)).segment(static_cast<Eigen::Index>(s) * n, n) *= f;
      }
  for (Eigen::Index k = 0; k < y.cols(); ++k) {
    const int s = final_demand_region_[k];
    for (int r = 0; r < rc; ++r)
      for (int i = 0; i < n; ++i) {
        const double f = out.source_factor[flat(s, i, r)] * out.final_demand_factor[static_cast<size_t>(s) * n + i];
        if (f != 1.0) out.final_demand(sector(r, i), k) *= f;
      }
  }
  return out;
}

MrioTradeResult MrioTradeModel::solve(const std::vector<BilateralTariff>& tariffs, const MrioTradeParameters& prm,
                                      const Eigen::MatrixXd& final_demand_change) const {
  MrioShockedSystem sys = shocked_system(tariffs, prm);
  const Eigen::MatrixXd& y0 = economy_.final_demand_domestic;
  if (final_demand_change.size() > 0) {
    if (final_demand_change.rows() != y0.rows() || final_demand_change.cols() != y0.cols())
      throw std::invalid_argument("final_demand_change is " + std::to_string(final_demand_change.rows()) + "x" +
                                  std::to_string(final_demand_change.cols()) + ": expected " +
                                  std::to_string(y0.rows()) + "x" + std::to_string(y0.cols()) +
                                  " (sectors x final-demand columns) or empty");
    if (!final_demand_change.allFinite()) throw std::invalid_argument("final_demand_change has a non-finite entry");
    // docs/model.md §3 `final_demand`: a direct shock on top of the substitution responses.
    sys.final_demand.leftCols(y0.cols()) += final_demand_change;
  }
  const int n = products_;
  const int rc = static_cast<int>(regions_.size());
  const int total = n * rc;
  auto flat = [&](int s, int i, int r) { return (static_cast<size_t>(s) * n + i) * rc + r; };

  MrioTradeResult res;
  res.regions = regions_;
  res.final_demand_total = sys.final_demand.rowwise().sum();
  const Eigen::VectorXd& x0 = coefficients_.gross_output;
  const Eigen::MatrixXd delta_a = sys.technical_coefficients - coefficients_.technical_coefficients;
  const bool unchanged = delta_a.cwiseAbs().maxCoeff() == 0.0 && sys.final_demand.leftCols(y0.cols()) == y0;
  Eigen::VectorXd x;
  if (unchanged) {
    x = x0;  // docs/model.md §3: a zero change gives exactly zero change everywhere
    res.method = "no coefficient moved: baseline output";
    res.converged = true;
  } else {
    // docs/model.md §3 "Solving fast": x ← L·(f' + ΔA·x) from the base factorisation.
    x = io_.solve(res.final_demand_total);
    for (res.output_iterations = 1;; ++res.output_iterations) {
      const Eigen::VectorXd residual = x - sys.technical_coefficients * x - res.final_demand_total;
      const double scale = std::max(x.cwiseAbs().maxCoeff(), 1e-300);
      res.relative_residual = residual.cwiseAbs().maxCoeff() / scale;
      if (!std::isfinite(res.relative_residual)) break;
      if (res.relative_residual <= prm.tolerance) {
        res.converged = true;
        break;
      }
      if (res.output_iterations >= prm.max_iterations) break;
      x = io_.solve(res.final_demand_total + delta_a * x);
    }
    res.method = "iteration x <- L(f' + dA x) from the base LU factorisation, " +
                 std::to_string(res.output_iterations) + " solves";
  }
  res.gross_output = x;
  res.output_change = x - x0;
  res.price_change = sys.price_change;
  res.import_price_change = sys.import_price_change;
  res.composite_price_change = sys.composite_price_change;
  res.price_iterations = sys.price_iterations;

  res.output_change_by_region = Eigen::VectorXd::Zero(rc);
  res.jobs_change = Eigen::VectorXd::Zero(total);
  res.jobs_change_by_region = Eigen::VectorXd::Zero(rc);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int r = 0; r < rc; ++r)
    for (int i = 0; i < n; ++i) {
      const int j = sector(r, i);
      res.output_change_by_region(r) += res.output_change(j);
      const bool known = economy_.jobs_known(j);
      res.jobs_change(j) = known ? coefficients_.employment_coefficients(j) * res.output_change(j) : nan;
      res.jobs_change_by_region(r) += res.jobs_change(j);  // NaN propagates: unknown stays unknown
    }

  // Bilateral flows before and after: W((r,i), s) = Σ_{j∈s} A_(r,i),(s,j) x_(s,j) + Σ_{k∈s} Y_(r,i),k.
  const Eigen::MatrixXd& y = economy_.final_demand_domestic;
  Eigen::MatrixXd before = Eigen::MatrixXd::Zero(total, rc), after = Eigen::MatrixXd::Zero(total, rc);
  for (int s = 0; s < rc; ++s) {
    const Eigen::Index c0 = static_cast<Eigen::Index>(s) * n;
    before.col(s) = economy_.intermediate_domestic.middleCols(c0, n).rowwise().sum();
    after.col(s) = sys.technical_coefficients.middleCols(c0, n) * x.segment(c0, n);
  }
  for (Eigen::Index k = 0; k < y.cols(); ++k) {
    before.col(final_demand_region_[k]) += y.col(k);
    after.col(final_demand_region_[k]) += sys.final_demand.col(k);
  }
  res.imports_before = Eigen::VectorXd::Zero(rc);
  res.imports_after = Eigen::VectorXd::Zero(rc);
  res.tariff_revenue_before = Eigen::VectorXd::Zero(rc);
  res.tariff_revenue_after = Eigen::VectorXd::Zero(rc);
  for (int s = 0; s < rc; ++s)
    for (int i = 0; i < n; ++i)
      for (int r = 0; r < rc; ++r) {
        const size_t f = flat(s, i, r);
        BilateralFlow b;
        b.importer = s;
        b.product = i;
        b.source = r;
        b.before = before(sector(r, i), s);
        b.after = after(sector(r, i), s);
        b.tariff_before = sys.tariff_before[f];
        b.tariff_after = sys.tariff_after[f];
        if (r != s) {
          res.imports_before(s) += b.before;
          res.imports_after(s) += b.after;
          // World (exporter-received) price relative: pm_r·(1+τ0)/(1+τ1).
          const double pm = (1.0 + sys.price_change(sector(r, i))) * sys.tariff_factor[f];
          const double world_price = pm * (1.0 + b.tariff_before) / (1.0 + b.tariff_after);
          res.tariff_revenue_before(s) += b.tariff_before * b.before;
          res.tariff_revenue_after(s) += b.tariff_after * world_price * b.after;
        }
        if (b.before != 0.0 || b.after != 0.0 || b.tariff_before != 0.0 || b.tariff_after != 0.0)
          res.bilateral_flows.push_back(b);
      }
  return res;
}

}  // namespace tradejobs
