#include "tradejobs/models/adjustment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "text_internal.h"

namespace tradejobs {

namespace {

using internal::fmt;
using internal::sector_name;

/// E(x) = ∫_0^1 e^{−x s} ds = (1 − e^{−x})/x, with E(0) = 1; valid for any real x.
double mean_decay(double x) {
  if (std::abs(x) < 1e-8) return 1.0 - x / 2.0;
  return -std::expm1(-x) / x;
}

/// ∫∫_{u,v ≥ 0, u+v ≤ 1} e^{−a v − b u} du dv = (E(a) − E(b))/(b − a), symmetric in a, b;
/// the limit −E'(a) when a = b. Used for the scarring of workers hired during a year.
double triangle_decay(double a, double b) {
  if (std::abs(b - a) > 1e-5 * (1.0 + std::abs(a) + std::abs(b))) return (mean_decay(a) - mean_decay(b)) / (b - a);
  const double m = 0.5 * (a + b);
  if (std::abs(m) < 1e-3) return 0.5 - m / 3.0 + m * m / 8.0 - m * m * m / 30.0;
  return (-std::expm1(-m) - m * std::exp(-m)) / (m * m);
}

/// Group share of a named group in sector j, or -1 if no split has it.
double share_of(const std::vector<GroupSplit>& splits, const std::string& group, Eigen::Index j) {
  for (const auto& s : splits)
    for (size_t g = 0; g < s.groups.size(); ++g)
      if (s.groups[g] == group) return s.shares(j, static_cast<Eigen::Index>(g));
  return -1.0;
}

void add_to(AdjustmentCosts& a, const AdjustmentCosts& b) {
  a.earnings_lost_unemployed += b.earnings_lost_unemployed;
  a.scarring += b.scarring;
  a.retraining += b.retraining;
  a.benefits += b.benefits;
}

/// Fills private, public and adjustment cost from the four components (§5).
void finish(AdjustmentCosts& c) {
  c.private_cost = c.earnings_lost_unemployed + c.scarring - c.benefits;
  c.public_cost = c.benefits + c.retraining;
  c.adjustment_cost = c.private_cost + c.public_cost;
}

}  // namespace

const std::vector<std::string>& labour_market_preset_names() {
  static const std::vector<std::string> names = {"low_unemployment", "high_unemployment"};
  return names;
}

std::optional<LabourMarketParameters> labour_market_preset(const std::string& name) {
  // Calibrated so that the earnings lost per displaced worker on Davis and von Wachter's
  // basis (unemployment plus scarring in the 20 years after displacement, 5% discounting) are
  // 1.4 and 2.8 years of the previous wage (docs/validation.md "Adjustment cost"; tests/test_channels.cpp checks both).
  LabourMarketParameters p;
  p.discount_rate = 0.05;  // their discount rate and horizon
  p.horizon_years = 20;
  if (name == "low_unemployment") {
    p.unemployment_duration_years = 0.5;
    p.scarring_stayers = 0.125;
    p.scarring_switchers = 0.19;
    p.scarring_half_life_years = 5.0;
    return p;
  }
  if (name == "high_unemployment") {
    p.unemployment_duration_years = 1.0;
    p.scarring_stayers = 0.18;
    p.scarring_switchers = 0.28;
    p.scarring_half_life_years = 10.0;
    return p;
  }
  return std::nullopt;
}

bool LabourMarketParameters::is_valid(std::string* error) const {
  std::string local;
  std::string& err = error ? *error : local;
  err.clear();
  const auto bad = [&](const char* field, double value, const char* constraint) {
    err = std::string("labour_market.") + field + " = " + fmt(value) + ": " + constraint;
    return false;
  };
  const auto rate = [&](const char* field, double value) {
    return (value >= 0.0 && value <= 1.0) ? true : bad(field, value, "must be in [0, 1] (write 5% as 0.05)");
  };
  if (!(unemployment_duration_years > 0.0) || !std::isfinite(unemployment_duration_years))
    return bad("unemployment_duration_years", unemployment_duration_years, "must be > 0");
  if (!rate("exit_rate", exit_rate) || !rate("replacement_rate", replacement_rate) ||
      !rate("benefit_coverage_formal", benefit_coverage_formal) || !rate("scarring_stayers", scarring_stayers) ||
      !rate("scarring_switchers", scarring_switchers) || !rate("discount_rate", discount_rate) ||
      !rate("turnover_rate", turnover_rate))
    return false;
  if (!(scarring_half_life_years > 0.0) || !std::isfinite(scarring_half_life_years))
    return bad("scarring_half_life_years", scarring_half_life_years, "must be > 0");
  if (!(retraining_cost_wage_multiple >= 0.0) || !std::isfinite(retraining_cost_wage_multiple))
    return bad("retraining_cost_wage_multiple", retraining_cost_wage_multiple, "must be >= 0");
  if (horizon_years < 1 || horizon_years > 1000)
    return bad("horizon_years", horizon_years, "must be a whole number of years in [1, 1000]");
  return true;
}

bool is_valid(const AdjustmentInput& in, const LabourMarketParameters& p, std::string* error) {
  std::string local;
  std::string& err = error ? *error : local;
  if (!p.is_valid(&err)) return false;
  const Eigen::Index n = in.jobs_base.size();
  const auto& codes = in.sector_codes;
  const auto fail = [&](std::string message) {
    err = std::move(message);
    return false;
  };
  if (!codes.empty() && static_cast<Eigen::Index>(codes.size()) != n)
    return fail("sector_codes has " + std::to_string(codes.size()) + " codes, jobs_base " + std::to_string(n) + " sectors");
  if (in.jobs_change_path.rows() != n || in.jobs_change_path.cols() != p.horizon_years + 1)
    return fail("jobs_change_path is " + std::to_string(in.jobs_change_path.rows()) + "x" +
                std::to_string(in.jobs_change_path.cols()) + ": must be sectors x (horizon_years + 1) = " +
                std::to_string(n) + "x" + std::to_string(p.horizon_years + 1));
  if (in.annual_wage.size() != n)
    return fail("annual_wage has " + std::to_string(in.annual_wage.size()) + " entries: must have one per sector (" +
                std::to_string(n) + ")");
  if (!(in.base_units_per_currency_unit > 0.0) || !std::isfinite(in.base_units_per_currency_unit))
    return fail("base_units_per_currency_unit = " + fmt(in.base_units_per_currency_unit) + ": must be > 0");
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto s = [&] { return sector_name(codes, j); };  // named only in a message
    if (!(in.jobs_base(j) >= 0.0) || !std::isfinite(in.jobs_base(j)))
      return fail("jobs_base of sector " + s() + " = " + fmt(in.jobs_base(j)) + ": must be >= 0");
    if (!(in.annual_wage(j) >= 0.0) || !std::isfinite(in.annual_wage(j)))
      return fail("annual_wage of sector " + s() + " = " + fmt(in.annual_wage(j)) + ": must be >= 0 (base units per person-year)");
    if (in.jobs_change_path(j, 0) != 0.0)
      return fail("jobs_change_path of sector " + s() + " in year 0 = " + fmt(in.jobs_change_path(j, 0)) +
                  ": must be 0 (year 0 is the baseline)");
    for (Eigen::Index t = 1; t < in.jobs_change_path.cols(); ++t) {
      const double c = in.jobs_change_path(j, t);
      if (!std::isfinite(c) || in.jobs_base(j) + c < -1e-9 * std::max(1.0, in.jobs_base(j)))
        return fail("jobs_change_path of sector " + s() + " in year " + std::to_string(t) + " = " + fmt(c) +
                    ": must be finite and not below -jobs_base (" + fmt(-in.jobs_base(j)) + ")");
    }
  }
  for (const auto& split : in.splits) {
    if (split.shares.rows() != n || split.shares.cols() != static_cast<Eigen::Index>(split.groups.size()))
      return fail("employment split '" + split.dimension + "' is " + std::to_string(split.shares.rows()) + "x" +
                  std::to_string(split.shares.cols()) + ": must be sectors x groups = " + std::to_string(n) + "x" +
                  std::to_string(split.groups.size()));
    for (Eigen::Index j = 0; j < n; ++j) {
      for (Eigen::Index g = 0; g < split.shares.cols(); ++g)
        if (!(split.shares(j, g) >= 0.0 && split.shares(j, g) <= 1.0))
          return fail("employment share " + split.groups[static_cast<size_t>(g)] + " of sector " + sector_name(codes, j) +
                      " = " + fmt(split.shares(j, g)) + ": must be in [0, 1]");
      const double sum = split.shares.row(j).sum();
      if (std::abs(sum - 1.0) > 1e-6)
        return fail("employment shares of split '" + split.dimension + "' in sector " + sector_name(codes, j) +
                    " sum to " + fmt(sum) + ": must sum to 1");
    }
  }
  if (in.uncovered_share.size() > 0) {
    if (in.uncovered_share.size() != n)
      return fail("uncovered_share has " + std::to_string(in.uncovered_share.size()) +
                  " entries: must have one per sector (" + std::to_string(n) + ")");
    for (Eigen::Index j = 0; j < n; ++j) {
      const double u = in.uncovered_share(j);
      if (!(u >= 0.0 && u <= 1.0))
        return fail("uncovered_share of sector " + sector_name(codes, j) + " = " + fmt(u) + ": must be in [0, 1]");
      for (const char* g : {"informal", "self_employed"}) {
        const double s = share_of(in.splits, g, j);
        if (u < s - 1e-9)
          return fail("uncovered_share of sector " + sector_name(codes, j) + " = " + fmt(u) + ": must be >= the " + g +
                      " share " + fmt(s) + " (those workers have no benefits)");
      }
    }
  }
  if (in.mobility.size() > 0) {
    if (in.mobility.rows() != n || in.mobility.cols() != n)
      return fail("mobility is " + std::to_string(in.mobility.rows()) + "x" + std::to_string(in.mobility.cols()) +
                  ": must be sectors x sectors = " + std::to_string(n) + "x" + std::to_string(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index k = 0; k < n; ++k)
        if (!(in.mobility(i, k) >= 0.0) || !std::isfinite(in.mobility(i, k)))
          return fail("mobility[" + sector_name(codes, i) + "][" + sector_name(codes, k) + "] = " + fmt(in.mobility(i, k)) +
                      ": must be >= 0");
      const double sum = in.mobility.row(i).sum();
      if (std::abs(sum - 1.0) > 1e-6)
        return fail("mobility row " + sector_name(codes, i) + " sums to " + fmt(sum) +
                    ": each row (sector of origin) must sum to 1");
    }
  }
  err.clear();
  return true;
}

Eigen::MatrixXd phased_jobs_change(const Eigen::VectorXd& jobs_change, int phase_in_years, int horizon_years) {
  if (phase_in_years < 1)
    throw std::invalid_argument("phase_in_years = " + std::to_string(phase_in_years) + ": must be >= 1");
  if (horizon_years < 1)
    throw std::invalid_argument("horizon_years = " + std::to_string(horizon_years) + ": must be >= 1");
  Eigen::MatrixXd path(jobs_change.size(), horizon_years + 1);
  for (int t = 0; t <= horizon_years; ++t)
    path.col(t) = jobs_change * (static_cast<double>(std::min(t, phase_in_years)) / phase_in_years);
  return path;
}

AdjustmentResult adjustment_path(const AdjustmentInput& in, const LabourMarketParameters& p) {
  std::string error;
  if (!is_valid(in, p, &error)) throw std::invalid_argument(error);
  const Eigen::Index n = in.jobs_base.size();
  const int horizon = p.horizon_years;
  const double to_currency = 1.0 / in.base_units_per_currency_unit;
  const double lambda = 1.0 / p.unemployment_duration_years;  // hazard of re-employment
  const double delta = p.exit_rate;                           // hazard of exit
  const double rho = std::log1p(p.discount_rate);             // continuous discount rate
  const double kappa = std::log(2.0) / p.scarring_half_life_years;  // decay of scarring
  const Eigen::VectorXd& wage = in.annual_wage;
  const Eigen::VectorXd uncovered =
      in.uncovered_share.size() > 0 ? in.uncovered_share : benefit_uncovered_share(in.splits, n);
  // Benefits per person-year unemployed, base units (§5): rr × wage × coverage.
  const Eigen::VectorXd benefit_rate =
      (p.replacement_rate * p.benefit_coverage_formal * (1.0 - uncovered.array()) * wage.array()).matrix();
  const Eigen::VectorXd turnover_vacancies = p.turnover_rate * in.jobs_base;
  const double jobs_base_total = in.jobs_base.sum();
  const bool use_mobility = in.mobility.size() > 0;

  AdjustmentResult r;
  auto& s = r.by_sector;
  for (Eigen::VectorXd* v : {&s.displaced, &s.reemployed, &s.switchers, &s.exited, &s.time_unemployed,
                             &s.earnings_lost_unemployed, &s.scarring, &s.retraining, &s.benefits})
    v->setZero(n);

  Eigen::VectorXd pool = Eigen::VectorXd::Zero(n);   // persons, by sector of origin
  Eigen::VectorXd scar = Eigen::VectorXd::Zero(n);   // annual scarring loss, base units/year
  r.timeline.reserve(static_cast<size_t>(horizon) + 1);
  {
    AdjustmentYear y0;
    y0.employed = jobs_base_total;
    r.timeline.push_back(y0);
  }
  const double total_displaced_bound = [&] {
    double d = 0.0;
    for (Eigen::Index t = 1; t <= horizon; ++t)
      d += (in.jobs_change_path.col(t - 1) - in.jobs_change_path.col(t)).cwiseMax(0.0).sum();
    return d;
  }();
  const double tolerance = 1e-12 * std::max(1.0, total_displaced_bound);
  const int max_years = horizon + 2000;
  int t = 1;
  Eigen::VectorXd openings(n), displaced(n), change(n), vacancies(n);  // reused every year
  for (; t <= max_years; ++t) {
    const bool in_horizon = t <= horizon;
    if (!in_horizon && pool.sum() <= tolerance) break;
    AdjustmentYear y;
    y.year = t;
    if (in_horizon) {
      change = in.jobs_change_path.col(t) - in.jobs_change_path.col(t - 1);
      displaced = (-change).cwiseMax(0.0);  // d_j,t, at the start of year t
      openings = change.cwiseMax(0.0);      // h_j,t
    } else {
      openings.setZero();
      displaced.setZero();
    }
    pool += displaced;
    s.displaced += displaced;
    vacancies = openings + turnover_vacancies;
    const double capacity = vacancies.sum();
    const double pool_start = pool.sum();
    // Re-employment hazard of the year: λ, lowered so that hires never exceed capacity.
    double hazard = lambda;
    if (pool_start > 0.0 && pool_start * lambda * mean_decay(lambda + delta) > capacity) {
      y.capacity_binding = true;
      double lo = 0.0, hi = lambda;
      for (int it = 0; it < 200 && hi - lo > 1e-16 * lambda; ++it) {
        const double mid = 0.5 * (lo + hi);
        (pool_start * mid * mean_decay(mid + delta) > capacity ? hi : lo) = mid;
      }
      hazard = lo;
    }
    const double k = hazard + delta;
    const double discount = std::exp(-rho * (t - 1));  // value at year 0 of 1 at the start of year t
    const double person_years = mean_decay(k);         // per person in the pool at the start
    const double pool_pv_share = mean_decay(k + rho);  // mean share of the year's pool still unemployed, discounted
    const double pv_person_years = pool_pv_share * discount;
    const double pv_scar_new = triangle_decay(k + rho, kappa + rho) * discount;
    const double pv_scar_old = mean_decay(kappa + rho) * discount;
    // Factors common to every sector of the year: computed once (the same values, multiplied
    // in the same order as before, so the results are bitwise unchanged).
    const double scar_keep = std::exp(-kappa);
    const double pool_keep = std::exp(-k);
    const double scar_mean = mean_decay(kappa - k);
    AdjustmentCosts year_costs;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double u0 = pool(j);
      const double stay_share = use_mobility ? in.mobility(j, j) : (capacity > 0.0 ? vacancies(j) / capacity : 0.0);
      const double switch_share = 1.0 - stay_share;
      const double hired = hazard * u0 * person_years;
      const double exits = delta * u0 * person_years;
      const double scarring_rate = wage(j) * (p.scarring_stayers * stay_share + p.scarring_switchers * switch_share);
      AdjustmentCosts c;
      c.earnings_lost_unemployed = wage(j) * u0 * pv_person_years * to_currency;
      c.benefits = benefit_rate(j) * u0 * pv_person_years * to_currency;
      c.retraining = p.retraining_cost_wage_multiple * wage(j) * switch_share * hazard * u0 * pool_pv_share *
                     discount * to_currency;
      c.scarring = (scar(j) * pv_scar_old + scarring_rate * hazard * u0 * pv_scar_new) * to_currency;
      scar(j) = scar(j) * scar_keep + scarring_rate * hazard * u0 * pool_keep * scar_mean;
      pool(j) = u0 * pool_keep;

      y.time_unemployed += u0 * person_years;
      y.reemployed += hired;
      y.switchers += switch_share * hired;
      y.exited += exits;
      s.time_unemployed(j) += u0 * person_years;
      s.reemployed(j) += hired;
      s.switchers(j) += switch_share * hired;
      s.exited(j) += exits;
      s.earnings_lost_unemployed(j) += c.earnings_lost_unemployed;
      s.benefits(j) += c.benefits;
      s.retraining(j) += c.retraining;
      s.scarring(j) += c.scarring;
      add_to(year_costs, c);
    }
    finish(year_costs);
    r.time_unemployed += y.time_unemployed;
    r.reemployed += y.reemployed;
    r.switchers += y.switchers;
    r.exited += y.exited;
    if (in_horizon) {
      y.displaced = displaced.sum();
      y.openings = openings.sum();
      y.reemployment_capacity = capacity;
      y.entrants = y.openings - y.reemployed;
      y.net_jobs = in.jobs_change_path.col(t).sum();
      y.employed = jobs_base_total + y.net_jobs;
      y.unemployed = pool.sum();
      y.costs = year_costs;
      y.wage_bill_change = in.jobs_change_path.col(t).dot(wage) * to_currency;
      y.wage_bill_gain_growing = in.jobs_change_path.col(t).cwiseMax(0.0).dot(wage) * to_currency;
      r.timeline.push_back(y);
    } else {
      add_to(r.beyond_horizon, year_costs);
    }
  }
  r.years_beyond_horizon = t - 1 - horizon;
  if (pool.sum() > tolerance)
    r.notes.push_back("the unemployment pool still holds " + fmt(pool.sum()) + " persons " + std::to_string(max_years) +
                      " years on: with no turnover hires and no exits the displaced stay unemployed; their later "
                      "costs are not counted");
  // Scarring after the last simulated year, to its end (§5: the loss continues past T).
  const double tail_discount = std::exp(-rho * (t - 1)) / (kappa + rho);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double tail = scar(j) * tail_discount * to_currency;
    s.scarring(j) += tail;
    r.beyond_horizon.scarring += tail;
  }
  finish(r.beyond_horizon);

  s.private_cost = s.earnings_lost_unemployed + s.scarring - s.benefits;
  s.public_cost = s.benefits + s.retraining;
  s.adjustment_cost = s.private_cost + s.public_cost;
  s.cost_per_displaced.setZero(n);
  for (Eigen::Index j = 0; j < n; ++j)
    if (s.displaced(j) > 0.0) s.cost_per_displaced(j) = s.adjustment_cost(j) * in.base_units_per_currency_unit / s.displaced(j);
  r.total.earnings_lost_unemployed = s.earnings_lost_unemployed.sum();
  r.total.scarring = s.scarring.sum();
  r.total.retraining = s.retraining.sum();
  r.total.benefits = s.benefits.sum();
  finish(r.total);
  r.displaced = s.displaced.sum();
  if (r.displaced > 0.0) r.cost_per_displaced = r.total.adjustment_cost * in.base_units_per_currency_unit / r.displaced;

  // Groups (§5): sector of origin figures × the group's share; benefits by coverage.
  for (const auto& split : in.splits) {
    for (size_t g = 0; g < split.groups.size(); ++g) {
      const std::string& name = split.groups[g];
      const auto share = split.shares.col(static_cast<Eigen::Index>(g));
      GroupAdjustment ga;
      ga.dimension = split.dimension;
      ga.group = name;
      ga.displaced = s.displaced.dot(share);
      ga.time_unemployed = s.time_unemployed.dot(share);
      ga.costs.earnings_lost_unemployed = s.earnings_lost_unemployed.dot(share);
      ga.costs.scarring = s.scarring.dot(share);
      ga.costs.retraining = s.retraining.dot(share);
      const bool uncovered_group = name == "informal" || name == "self_employed";
      const bool covered_complement = name == "formal" || name == "employees";
      for (Eigen::Index j = 0; j < n; ++j) {
        // Covered share of the group's workers: none for informal and self-employed; for
        // their complements all of the sector's covered workers; else the sector's share.
        const double covered = 1.0 - uncovered(j);
        double group_covered = covered;  // independence within the sector
        if (uncovered_group) group_covered = 0.0;
        if (covered_complement) group_covered = share(j) > 0.0 ? covered / share(j) : 0.0;
        const double sector_benefits_per_covered = covered > 0.0 ? s.benefits(j) / covered : 0.0;
        ga.costs.benefits += sector_benefits_per_covered * share(j) * group_covered;
      }
      finish(ga.costs);
      if (ga.displaced > 0.0) ga.cost_per_displaced = ga.costs.adjustment_cost * in.base_units_per_currency_unit / ga.displaced;
      r.by_group.push_back(ga);
    }
  }

  // Payback (§5): years until the discounted wage-bill gain of growing sectors, accruing
  // continuously from the start of each year and staying at its year-T level after T,
  // equals the adjustment cost.
  const double cost = r.total.adjustment_cost;
  if (cost <= 0.0) {
    r.payback_years = 0.0;
  } else {
    double gained = 0.0;
    // Years u ≥ 0 into a period at level g, discounted from its start by d, to gain `need`.
    const auto years_to = [&](double need, double level, double d) -> std::optional<double> {
      const double q = need / (level * d);  // (1 − e^{−ρu})/ρ = q
      if (rho == 0.0) return q;
      if (rho * q >= 1.0) return std::nullopt;
      return -std::log1p(-rho * q) / rho;
    };
    for (int year = 1; year <= horizon && !r.payback_years; ++year) {
      const double level = r.timeline[static_cast<size_t>(year)].wage_bill_gain_growing;
      const double d = std::exp(-rho * (year - 1));
      const double in_year = level * d * mean_decay(rho);
      if (level > 0.0 && gained + in_year >= cost) {
        const auto u = years_to(cost - gained, level, d);
        r.payback_years = (year - 1) + std::min(1.0, u.value_or(1.0));
      }
      gained += in_year;
    }
    const double last_level = r.timeline.back().wage_bill_gain_growing;
    if (!r.payback_years && last_level > 0.0) {
      const auto u = years_to(cost - gained, last_level, std::exp(-rho * horizon));
      if (u) r.payback_years = horizon + *u;
    }
  }
  return r;
}

}  // namespace tradejobs
