// ctest-labels: unit
// Adjustment module (docs/model.md §5): the yearly path of displacement, unemployment,
// re-employment and exits, and the costs. Hand cases with their arithmetic written out.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "tradejobs/models/adjustment.h"

using namespace tradejobs;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) r(i++) = x;
  return r;
}

/// One sector of 10,000 jobs losing 1,000 in year 1, wage 40,000 USD, currency USD million.
AdjustmentInput one_sector_loses_1000(const LabourMarketParameters& p) {
  AdjustmentInput in;
  in.jobs_base = vec({10000});
  in.jobs_change_path = phased_jobs_change(vec({-1000}), 1, p.horizon_years);
  in.annual_wage = vec({40000});
  return in;
}

LabourMarketParameters hand_parameters() {
  LabourMarketParameters p;
  p.unemployment_duration_years = 1.0;  // λ = 1 a year
  p.exit_rate = 0.0;                    // no exits
  p.replacement_rate = 0.5;             // benefits 50% of the wage
  p.discount_rate = 0.0;
  return p;
}

/// Stock-flow checks of every year (see docs/labour_and_adjustment.md, "Conservation").
void check_conservation(const AdjustmentInput& in, const AdjustmentResult& r, double turnover_rate) {
  const double labour_force_base = in.jobs_base.sum();
  double exited = 0.0, entrants = 0.0, previous_pool = 0.0;
  for (size_t t = 1; t < r.timeline.size(); ++t) {
    const AdjustmentYear& y = r.timeline[t];
    CAPTURE(t);
    exited += y.exited;
    entrants += y.entrants;
    const double scale = std::max(1.0, labour_force_base);
    // employed + unemployed + exited = baseline labour force + entrants
    CHECK(std::abs(y.employed + y.unemployed + exited - (labour_force_base + entrants)) <= 1e-9 * scale);
    // employed = baseline jobs + net new jobs (every job is filled)
    CHECK(y.employed == doctest::Approx(labour_force_base + y.net_jobs));
    // pool: previous + displaced = re-employed + exited + remaining
    CHECK(std::abs(previous_pool + y.displaced - y.reemployed - y.exited - y.unemployed) <= 1e-9 * scale);
    CHECK(y.unemployed >= 0.0);
    CHECK(y.reemployed >= 0.0);
    CHECK(y.reemployed <= y.reemployment_capacity * (1.0 + 1e-12));
    // capacity = openings + turnover_rate × baseline jobs
    CHECK(y.reemployment_capacity == doctest::Approx(y.openings + turnover_rate * labour_force_base));
    CHECK(y.switchers <= y.reemployed * (1.0 + 1e-12));
    previous_pool = y.unemployed;
  }
}

}  // namespace

TEST_CASE("hand case: 1,000 jobs lost, mean spell 1 year, no exits, benefits 50%, wage 40,000 USD") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = one_sector_loses_1000(p);
  const AdjustmentResult r = adjustment_path(in, p);
  // The 1,000 displaced leave the pool at hazard λ = 1 a year: the mean spell is 1 year, so
  // they spend 1,000 × 1 = 1,000 person-years unemployed in all; 1,000 × (1 − e^−1) = 632.12
  // of them in year 1, and 1,000 × (1 − e^−10) within the 10-year horizon.
  CHECK(r.displaced == doctest::Approx(1000));
  CHECK(r.time_unemployed == doctest::Approx(1000).epsilon(1e-9));
  CHECK(r.timeline[1].time_unemployed == doctest::Approx(1000 * (1 - std::exp(-1.0))).epsilon(1e-12));
  CHECK(r.timeline[1].unemployed == doctest::Approx(1000 * std::exp(-1.0)).epsilon(1e-12));
  double within = 0.0;
  for (const auto& y : r.timeline) within += y.time_unemployed;
  CHECK(within == doctest::Approx(1000 * (1 - std::exp(-10.0))).epsilon(1e-12));
  // Earnings lost while unemployed: 40,000 USD × 1,000 person-years = 40 million USD.
  CHECK(r.total.earnings_lost_unemployed == doctest::Approx(40.0).epsilon(1e-9));
  // Benefits: 0.5 × 40,000 × 1,000 × coverage 1 = 20 million USD.
  CHECK(r.total.benefits == doctest::Approx(20.0).epsilon(1e-9));
  // One sector: everyone returns to it, nobody switches, no retraining.
  CHECK(r.switchers == 0.0);
  CHECK(r.total.retraining == 0.0);
  // Public cost = benefits + retraining = 20 + 0.
  CHECK(r.total.public_cost == doctest::Approx(20.0).epsilon(1e-9));
  // Scarring: each of the 1,000 loses 0.15 × 40,000 USD a year, halving every 5 years:
  // ∫_0^∞ 6,000 e^{−(ln 2/5) s} ds = 6,000 × 5/ln 2 = 43,280.85 USD; × 1,000 = 43.28 million.
  const double scarring = 1000 * 0.15 * 40000 * 5 / std::log(2.0) / 1e6;
  CHECK(r.total.scarring == doctest::Approx(scarring).epsilon(1e-9));
  // Private cost = earnings lost (40 + scarring) − benefits received (20).
  CHECK(r.total.private_cost == doctest::Approx(40 + scarring - 20).epsilon(1e-9));
  CHECK(r.total.adjustment_cost == doctest::Approx(40 + scarring).epsilon(1e-9));
  CHECK(r.cost_per_displaced == doctest::Approx((40 + scarring) * 1e6 / 1000).epsilon(1e-9));
  CHECK(r.by_sector.adjustment_cost(0) == doctest::Approx(r.total.adjustment_cost));
  CHECK(r.by_sector.displaced(0) == doctest::Approx(1000));
  check_conservation(in, r, p.turnover_rate);
}

TEST_CASE("hand case with informal share 1: no benefits, public cost zero, private cost the full loss") {
  const LabourMarketParameters p = hand_parameters();
  AdjustmentInput in = one_sector_loses_1000(p);
  Eigen::MatrixXd shares(1, 1);
  shares << 1.0;
  std::string error;
  in.splits = employment_group_splits({"informal"}, shares, &error);
  REQUIRE(error.empty());
  const AdjustmentResult r = adjustment_path(in, p);
  const double scarring = 1000 * 0.15 * 40000 * 5 / std::log(2.0) / 1e6;
  CHECK(r.total.benefits == 0.0);
  CHECK(r.total.public_cost == 0.0);
  CHECK(r.total.private_cost == doctest::Approx(40.0 + scarring).epsilon(1e-9));
  CHECK(r.total.private_cost == doctest::Approx(r.total.adjustment_cost));
  REQUIRE(r.by_group.size() == 2);
  CHECK(r.by_group[0].group == "informal");
  CHECK(r.by_group[0].displaced == doctest::Approx(1000));
  CHECK(r.by_group[1].group == "formal");
  CHECK(r.by_group[1].displaced == 0.0);
}

TEST_CASE("discounting: r = 0 is the undiscounted sum; r > 0 matches the closed-form present values") {
  LabourMarketParameters p = hand_parameters();
  p.exit_rate = 0.05;
  const AdjustmentInput in = one_sector_loses_1000(p);
  const AdjustmentResult undiscounted = adjustment_path(in, p);
  // r = 0: earnings lost = wage × person-years unemployed (horizon and beyond).
  CHECK(undiscounted.total.earnings_lost_unemployed ==
        doctest::Approx(40000 * undiscounted.time_unemployed / 1e6).epsilon(1e-12));
  // With exits, the mean spell is 1/(λ + δ) = 1/1.05 years.
  CHECK(undiscounted.time_unemployed == doctest::Approx(1000 / 1.05).epsilon(1e-9));
  double sum = 0.0;
  for (const auto& y : undiscounted.timeline) sum += y.costs.adjustment_cost;
  CHECK(sum + undiscounted.beyond_horizon.adjustment_cost ==
        doctest::Approx(undiscounted.total.adjustment_cost).epsilon(1e-12));

  p.discount_rate = 0.03;
  const AdjustmentResult r = adjustment_path(in, p);
  // Displacement at year 0 (start of year 1), pool decays at k = λ + δ = 1.05, discounting at
  // ρ = ln 1.03: ∫_0^∞ 1,000 e^{−k s} e^{−ρ s} ds = 1,000/(k + ρ) person-years in present value.
  const double rho = std::log(1.03), k = 1.05, kappa = std::log(2.0) / 5;
  CHECK(r.total.earnings_lost_unemployed == doctest::Approx(40000 * 1000 / (k + rho) / 1e6).epsilon(1e-9));
  CHECK(r.total.benefits == doctest::Approx(0.5 * 40000 * 1000 / (k + rho) / 1e6).epsilon(1e-9));
  // Hires at rate λ U(s); each then loses 0.15 w e^{−κ(s'−s)}: PV = λ·1,000·0.15·w/((k+ρ)(κ+ρ)).
  CHECK(r.total.scarring ==
        doctest::Approx(1.0 * 1000 * 0.15 * 40000 / ((k + rho) * (kappa + rho)) / 1e6).epsilon(1e-9));
  CHECK(r.total.adjustment_cost < undiscounted.total.adjustment_cost);
  double in_horizon = 0.0;
  for (const auto& y : r.timeline) in_horizon += y.costs.adjustment_cost;
  CHECK(in_horizon + r.beyond_horizon.adjustment_cost == doctest::Approx(r.total.adjustment_cost).epsilon(1e-12));
  CHECK(r.beyond_horizon.scarring > 0.0);  // the scarring tail past T is counted
}

TEST_CASE("re-employment never exceeds openings plus normal turnover hires") {
  LabourMarketParameters p = hand_parameters();
  p.turnover_rate = 0.01;  // 100 hires a year in a sector of 10,000
  p.exit_rate = 0.05;
  const AdjustmentInput in = one_sector_loses_1000(p);
  const AdjustmentResult r = adjustment_path(in, p);
  CHECK(r.timeline[1].capacity_binding);
  CHECK(r.timeline[1].reemployment_capacity == doctest::Approx(100));
  CHECK(r.timeline[1].reemployed == doctest::Approx(100).epsilon(1e-12));
  check_conservation(in, r, p.turnover_rate);
  // No vacancies at all and no exits: the displaced stay unemployed, and the result says so.
  p.turnover_rate = 0.0;
  p.exit_rate = 0.0;
  const AdjustmentResult stuck = adjustment_path(in, p);
  CHECK(stuck.reemployed == 0.0);
  CHECK(stuck.timeline.back().unemployed == doctest::Approx(1000));
  REQUIRE(stuck.notes.size() == 1);
  CHECK(stuck.notes[0].find("still holds 1000 persons") != std::string::npos);
}

TEST_CASE("conservation every year in a random multi-sector economy with phase-in, exits and a binding cap") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (double turnover : {0.10, 0.002}) {
    CAPTURE(turnover);
    LabourMarketParameters p;
    p.turnover_rate = turnover;
    p.unemployment_duration_years = 0.4;  // shorter than a year: λ = 2.5
    const Eigen::Index n = 8;
    AdjustmentInput in;
    in.jobs_base.resize(n);
    in.annual_wage.resize(n);
    Eigen::VectorXd change(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      in.jobs_base(j) = 1000 + 20000 * u(rng);
      in.annual_wage(j) = 15000 + 50000 * u(rng);
      change(j) = in.jobs_base(j) * (u(rng) - 0.6) * 0.3;
    }
    in.jobs_change_path =
        phased_jobs_change(change, 3, p.horizon_years) + phased_jobs_change(change.reverse() * 0.5, 5, p.horizon_years);
    in.jobs_change_path = in.jobs_change_path.cwiseMax(-in.jobs_base.replicate(1, p.horizon_years + 1));
    const AdjustmentResult r = adjustment_path(in, p);
    check_conservation(in, r, p.turnover_rate);
    if (turnover < 0.01) {
      bool any_binding = false;
      for (const auto& y : r.timeline) any_binding = any_binding || y.capacity_binding;
      CHECK(any_binding);
    }
    // All displaced are eventually re-employed or exit.
    CHECK(r.reemployed + r.exited == doctest::Approx(r.displaced).epsilon(1e-9));
    CHECK(r.by_sector.adjustment_cost.sum() == doctest::Approx(r.total.adjustment_cost));
    CHECK(r.total.adjustment_cost == doctest::Approx(r.total.private_cost + r.total.public_cost));
    CHECK(r.total.adjustment_cost ==
          doctest::Approx(r.total.earnings_lost_unemployed + r.total.scarring + r.total.retraining));
  }
}

TEST_CASE("phase-in: the same change over 5 years spreads displacement and ends at the same jobs") {
  const LabourMarketParameters p = hand_parameters();
  AdjustmentInput at_once = one_sector_loses_1000(p);
  AdjustmentInput phased = at_once;
  phased.jobs_change_path = phased_jobs_change(vec({-1000}), 5, p.horizon_years);
  const AdjustmentResult a = adjustment_path(at_once, p);
  const AdjustmentResult b = adjustment_path(phased, p);
  CHECK(a.timeline.back().net_jobs == doctest::Approx(-1000));
  CHECK(b.timeline.back().net_jobs == doctest::Approx(-1000));
  CHECK(a.timeline[1].displaced == doctest::Approx(1000));
  for (int t = 1; t <= 5; ++t) CHECK(b.timeline[static_cast<size_t>(t)].displaced == doctest::Approx(200));
  CHECK(b.timeline[6].displaced == 0.0);
  CHECK(b.displaced == doctest::Approx(a.displaced));
  double peak_a = 0.0, peak_b = 0.0;
  for (size_t t = 0; t < a.timeline.size(); ++t) {
    peak_a = std::max(peak_a, a.timeline[t].unemployed);
    peak_b = std::max(peak_b, b.timeline[t].unemployed);
  }
  CHECK(peak_b < peak_a);
  check_conservation(phased, b, p.turnover_rate);
}

TEST_CASE("switchers: mobility matrix and the default allocation in proportion to vacancies") {
  LabourMarketParameters p = hand_parameters();
  AdjustmentInput in;
  in.jobs_base = vec({10000, 30000});
  in.annual_wage = vec({40000, 50000});
  in.jobs_change_path = phased_jobs_change(vec({-1000, 500}), 1, p.horizon_years);
  // Default: year-1 vacancies are A 0 + 0.1 × 10,000 = 1,000 and B 500 + 0.1 × 30,000 = 3,500,
  // so a worker from A stays with probability 1,000/4,500 and switches with 3,500/4,500.
  const AdjustmentResult d = adjustment_path(in, p);
  CHECK(d.timeline[1].switchers == doctest::Approx(d.timeline[1].reemployed * 3500.0 / 4500.0));
  CHECK(d.timeline[1].entrants == doctest::Approx(500 - d.timeline[1].reemployed));
  // Mobility matrix: 40% of A's re-employed return to A, 60% move to B.
  in.mobility.resize(2, 2);
  in.mobility << 0.4, 0.6, 0.0, 1.0;
  const AdjustmentResult m = adjustment_path(in, p);
  CHECK(m.reemployed == doctest::Approx(1000).epsilon(1e-9));  // no exits: all return to work
  CHECK(m.switchers == doctest::Approx(600).epsilon(1e-9));
  // Retraining at r = 0: 0.5 × 40,000 USD × 600 switchers = 12 million USD, a public cost.
  CHECK(m.total.retraining == doctest::Approx(12.0).epsilon(1e-9));
  CHECK(m.total.public_cost == doctest::Approx(m.total.benefits + 12.0));
  // Scarring: 1,000 × 40,000 × (0.4 × 0.15 + 0.6 × 0.25) × 5/ln 2.
  CHECK(m.total.scarring ==
        doctest::Approx(1000 * 40000 * (0.4 * 0.15 + 0.6 * 0.25) * 5 / std::log(2.0) / 1e6).epsilon(1e-9));
  check_conservation(in, m, p.turnover_rate);
}

TEST_CASE("groups: displaced and costs by group add up to the totals in every split") {
  LabourMarketParameters p;
  AdjustmentInput in;
  in.jobs_base = vec({10000, 20000, 5000});
  in.annual_wage = vec({30000, 45000, 20000});
  in.jobs_change_path = phased_jobs_change(vec({-1500, 800, -400}), 2, p.horizon_years);
  Eigen::MatrixXd shares(3, 4);  // female, informal, skill_low, skill_high
  shares << 0.6, 0.3, 0.7, 0.3,  //
      0.2, 0.1, 0.4, 0.6,        //
      0.5, 0.8, 0.9, 0.1;
  std::string error;
  in.splits = employment_group_splits({"female", "informal", "skill_low", "skill_high"}, shares, &error);
  REQUIRE(error.empty());
  const AdjustmentResult r = adjustment_path(in, p);
  REQUIRE(r.by_group.size() == 6);
  for (size_t first : {0u, 2u, 4u}) {
    const auto& a = r.by_group[first];
    const auto& b = r.by_group[first + 1];
    CAPTURE(a.group);
    CHECK(a.dimension == b.dimension);
    CHECK(a.displaced + b.displaced == doctest::Approx(r.displaced));
    CHECK(a.costs.adjustment_cost + b.costs.adjustment_cost == doctest::Approx(r.total.adjustment_cost));
    CHECK(a.costs.benefits + b.costs.benefits == doctest::Approx(r.total.benefits));
    CHECK(a.costs.private_cost + b.costs.private_cost == doctest::Approx(r.total.private_cost));
    CHECK(a.costs.public_cost + b.costs.public_cost == doctest::Approx(r.total.public_cost));
  }
  // Displaced of a group = Σ_j d_j × share_jg: 1,500 × 0.6 + 400 × 0.5 women.
  CHECK(r.by_group[0].displaced == doctest::Approx(1500 * 0.6 + 400 * 0.5));
  CHECK(r.by_group[2].group == "informal");
  CHECK(r.by_group[2].costs.benefits == 0.0);
  CHECK(r.by_group[3].costs.benefits == doctest::Approx(r.total.benefits));
  CHECK(r.by_group[2].costs.public_cost == doctest::Approx(r.by_group[2].costs.retraining));
}

TEST_CASE("payback: years until the wage-bill gain of growing sectors repays the adjustment cost") {
  LabourMarketParameters p = hand_parameters();
  AdjustmentInput in;
  in.jobs_base = vec({10000, 30000});
  in.annual_wage = vec({40000, 50000});
  in.jobs_change_path = phased_jobs_change(vec({-1000, 1000}), 1, p.horizon_years);
  const AdjustmentResult r = adjustment_path(in, p);
  // r = 0: the gain is 1,000 × 50,000 USD = 50 million a year from year 0 on.
  CHECK(r.timeline[1].wage_bill_gain_growing == doctest::Approx(50.0));
  CHECK(r.timeline[1].wage_bill_change == doctest::Approx(10.0));
  REQUIRE(r.payback_years.has_value());
  CHECK(*r.payback_years == doctest::Approx(r.total.adjustment_cost / 50.0));
  // Discounted at 3%: the cumulative gain ∫_0^P 50 e^{−ρ s} ds equals the cost at P.
  p.discount_rate = 0.03;
  const AdjustmentResult d = adjustment_path(in, p);
  REQUIRE(d.payback_years.has_value());
  const double rho = std::log(1.03);
  CHECK(50.0 * -std::expm1(-rho * *d.payback_years) / rho == doctest::Approx(d.total.adjustment_cost));
  // Past the horizon: a gain of 1 job (0.05 million a year) repays the cost after T = 10 years
  // only if the perpetuity 0.05/ρ exceeds it; here it does not: never.
  in.jobs_change_path = phased_jobs_change(vec({-1000, 1}), 1, p.horizon_years);
  const AdjustmentResult never = adjustment_path(in, p);
  CHECK_FALSE(never.payback_years.has_value());
  // A pure contraction never pays back.
  in.jobs_change_path = phased_jobs_change(vec({-1000, 0}), 1, p.horizon_years);
  CHECK_FALSE(adjustment_path(in, p).payback_years.has_value());
  // No displacement, no cost: payback 0.
  in.jobs_change_path = phased_jobs_change(vec({0, 100}), 1, p.horizon_years);
  CHECK(adjustment_path(in, p).payback_years.value_or(-1) == 0.0);
}

TEST_CASE("bad labour-market parameters give clear errors") {
  std::string error;
  LabourMarketParameters p;
  CHECK(p.is_valid(&error));
  CHECK(error.empty());
  p.unemployment_duration_years = -1;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "labour_market.unemployment_duration_years = -1: must be in (0, 50] years");
  p = {};
  p.exit_rate = 1.5;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "labour_market.exit_rate = 1.5: must be in [0, 1] (write 5% as 0.05)");
  p = {};
  p.replacement_rate = -0.1;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "labour_market.replacement_rate = -0.1: must be in [0, 1] (write 5% as 0.05)");
  p = {};
  p.scarring_half_life_years = 0;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "labour_market.scarring_half_life_years = 0: must be in (0, 100] years");
  p = {};
  p.horizon_years = 0;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "labour_market.horizon_years = 0: must be a whole number of years in [1, 1000]");
  p = {};
  p.retraining_cost_wage_multiple = -2;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error ==
        "labour_market.retraining_cost_wage_multiple = -2: must be in [0, 20] (a multiple of the annual wage)");
}

TEST_CASE("bad adjustment inputs give clear errors") {
  LabourMarketParameters p;
  AdjustmentInput in;
  in.sector_codes = {"A01", "C13-C15"};
  in.jobs_base = vec({1000, 2000});
  in.annual_wage = vec({30000, 40000});
  in.jobs_change_path = phased_jobs_change(vec({-100, 50}), 1, p.horizon_years);
  std::string error;
  CHECK(is_valid(in, p, &error));
  in.mobility.resize(2, 2);
  in.mobility << 0.5, 0.4, 0.0, 1.0;
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "mobility row A01 sums to 0.9: each row (sector of origin) must sum to 1");
  CHECK_THROWS_WITH_AS(adjustment_path(in, p),
                       "mobility row A01 sums to 0.9: each row (sector of origin) must sum to 1",
                       std::invalid_argument);
  in.mobility << 1.1, -0.1, 0.0, 1.0;
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "mobility[A01][C13-C15] = -0.1: must be >= 0");
  in.mobility.resize(0, 0);
  GroupSplit bad{"sex", {"female", "male"}, Eigen::MatrixXd(2, 2), {}};
  bad.shares << 1.2, -0.2, 0.5, 0.5;
  in.splits = {bad};
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "employment share female of sector A01 = 1.2: must be in [0, 1]");
  in.splits.clear();
  in.jobs_change_path(1, 0) = 5;
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "jobs_change_path of sector C13-C15 in year 0 = 5: must be 0 (year 0 is the baseline)");
  in.jobs_change_path = phased_jobs_change(vec({-1100, 50}), 1, p.horizon_years);
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "jobs_change_path of sector A01 in year 1 = -1100: must be finite and not below -jobs_base (-1000)");
  in.jobs_change_path = phased_jobs_change(vec({-100, 50}), 1, 5);
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "jobs_change_path is 2x6: must be sectors x (horizon_years + 1) = 2x11");
  in.jobs_change_path = phased_jobs_change(vec({-100, 50}), 1, p.horizon_years);
  Eigen::MatrixXd informal(2, 1);
  informal << 0.6, 0.2;
  in.splits = employment_group_splits({"informal"}, informal, &error);
  in.uncovered_share = vec({0.5, 0.2});
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error ==
        "uncovered_share of sector A01 = 0.5: must be >= the informal share 0.6 (those workers have no benefits)");
  p.turnover_rate = 2;
  CHECK_FALSE(is_valid(in, p, &error));
  CHECK(error == "labour_market.turnover_rate = 2: must be in [0, 1] (write 5% as 0.05)");
}
