// ctest-labels: unit
// The adjustment path in closed form (docs/model.md §5 "Beyond the horizon"): after the horizon
// adjustment_path sums the geometric decay of the pool and of scarring instead of simulating
// year after year. Every figure must equal that of the year-by-year simulation it replaced
// (tests/adjustment_reference_simulation.h, a frozen copy) within 1e-12 relative: on the
// usa-2014 economy's 56 sectors, and on random draws of every parameter, horizons 1 to 1000,
// discounting, scarring, policies, phase-in and groups with informal re-employment.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "adjustment_reference_simulation.h"
#include "tradejobs/models/adjustment.h"

using namespace tradejobs;
using tradejobs::reference_simulation::reference_simulation_adjustment_path;

namespace {

constexpr double kTolerance = 1e-12;

/// |a − b| ≤ 1e-12 × max(|a|, |b|), or ≤ 1e-12 × scale where one of them is 0: the scale is the
/// magnitude of the figure's kind in the run (persons displaced, total cost, ...).
void check_close(double a, double b, double scale, const std::string& what) {
  const double diff = std::abs(a - b);
  const bool ok = diff <= kTolerance * std::max(std::abs(a), std::abs(b)) ||
                  ((a == 0.0 || b == 0.0) && diff <= kTolerance * std::abs(scale));
  if (!ok) {
    CAPTURE(what);
    CAPTURE(a);
    CAPTURE(b);
    CAPTURE(scale);
    CHECK(diff <= kTolerance * std::max(std::abs(a), std::abs(b)));
  }
}

void check_close(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double scale, const std::string& what) {
  REQUIRE(a.size() == b.size());
  for (Eigen::Index j = 0; j < a.size(); ++j) check_close(a(j), b(j), scale, what + "[" + std::to_string(j) + "]");
}

void check_close(const AdjustmentCosts& a, const AdjustmentCosts& b, double scale, const std::string& what) {
  check_close(a.earnings_lost_unemployed, b.earnings_lost_unemployed, scale, what + ".earnings_lost_unemployed");
  check_close(a.scarring, b.scarring, scale, what + ".scarring");
  check_close(a.retraining, b.retraining, scale, what + ".retraining");
  check_close(a.benefits, b.benefits, scale, what + ".benefits");
  check_close(a.programme, b.programme, scale, what + ".programme");
  check_close(a.wage_insurance, b.wage_insurance, scale, what + ".wage_insurance");
  check_close(a.private_cost, b.private_cost, scale, what + ".private_cost");
  check_close(a.public_cost, b.public_cost, scale, what + ".public_cost");
  check_close(a.adjustment_cost, b.adjustment_cost, scale, what + ".adjustment_cost");
}

/// Every figure of the result: the timeline, sectors, groups, totals, policies and notes.
void check_same_result(const AdjustmentResult& a, const AdjustmentResult& ref) {
  const double persons = std::max(1.0, ref.displaced);
  const double money = std::max({1e-300, std::abs(ref.total.earnings_lost_unemployed), std::abs(ref.total.scarring),
                                 std::abs(ref.total.benefits), std::abs(ref.total.adjustment_cost)});
  const double per_person = ref.displaced > 0.0 ? std::max(std::abs(ref.cost_per_displaced), 1e-300) : 1.0;
  const double years = std::max(1.0, ref.time_unemployed);
  REQUIRE(a.timeline.size() == ref.timeline.size());
  for (size_t t = 0; t < a.timeline.size(); ++t) {
    const AdjustmentYear &y = a.timeline[t], &z = ref.timeline[t];
    const std::string at = "timeline[" + std::to_string(t) + "].";
    CHECK(y.year == z.year);
    CHECK(y.capacity_binding == z.capacity_binding);
    for (const auto& [u, v, name] : {std::tuple{y.net_jobs, z.net_jobs, "net_jobs"},
                                     {y.employed, z.employed, "employed"},
                                     {y.displaced, z.displaced, "displaced"},
                                     {y.openings, z.openings, "openings"},
                                     {y.reemployment_capacity, z.reemployment_capacity, "reemployment_capacity"},
                                     {y.reemployed, z.reemployed, "reemployed"},
                                     {y.switchers, z.switchers, "switchers"},
                                     {y.exited, z.exited, "exited"},
                                     {y.entrants, z.entrants, "entrants"},
                                     {y.unemployed, z.unemployed, "unemployed"}})
      check_close(u, v, std::max(persons, std::abs(z.employed)), at + name);
    check_close(y.time_unemployed, z.time_unemployed, years, at + "time_unemployed");
    check_close(y.costs, z.costs, money, at + "costs");
    check_close(y.wage_bill_change, z.wage_bill_change, money, at + "wage_bill_change");
    check_close(y.wage_bill_gain_growing, z.wage_bill_gain_growing, money, at + "wage_bill_gain_growing");
  }
  const SectorAdjustment &s = a.by_sector, &r = ref.by_sector;
  check_close(s.displaced, r.displaced, persons, "by_sector.displaced");
  check_close(s.reemployed, r.reemployed, persons, "by_sector.reemployed");
  check_close(s.switchers, r.switchers, persons, "by_sector.switchers");
  check_close(s.exited, r.exited, persons, "by_sector.exited");
  check_close(s.time_unemployed, r.time_unemployed, years, "by_sector.time_unemployed");
  check_close(s.earnings_lost_unemployed, r.earnings_lost_unemployed, money, "by_sector.earnings_lost_unemployed");
  check_close(s.scarring, r.scarring, money, "by_sector.scarring");
  check_close(s.retraining, r.retraining, money, "by_sector.retraining");
  check_close(s.benefits, r.benefits, money, "by_sector.benefits");
  check_close(s.programme, r.programme, money, "by_sector.programme");
  check_close(s.wage_insurance, r.wage_insurance, money, "by_sector.wage_insurance");
  check_close(s.extended_benefits, r.extended_benefits, money, "by_sector.extended_benefits");
  check_close(s.private_cost, r.private_cost, money, "by_sector.private_cost");
  check_close(s.public_cost, r.public_cost, money, "by_sector.public_cost");
  check_close(s.adjustment_cost, r.adjustment_cost, money, "by_sector.adjustment_cost");
  check_close(s.cost_per_displaced, r.cost_per_displaced, per_person, "by_sector.cost_per_displaced");
  REQUIRE(a.by_group.size() == ref.by_group.size());
  for (size_t g = 0; g < a.by_group.size(); ++g) {
    const GroupAdjustment &x = a.by_group[g], &z = ref.by_group[g];
    CHECK(x.dimension == z.dimension);
    CHECK(x.group == z.group);
    check_close(x.displaced, z.displaced, persons, "by_group." + z.group + ".displaced");
    check_close(x.time_unemployed, z.time_unemployed, years, "by_group." + z.group + ".time_unemployed");
    check_close(x.costs, z.costs, money, "by_group." + z.group + ".costs");
    check_close(x.cost_per_displaced, z.cost_per_displaced, per_person, "by_group." + z.group + ".cost_per_displaced");
  }
  check_close(a.total, ref.total, money, "total");
  check_close(a.beyond_horizon, ref.beyond_horizon, money, "beyond_horizon");
  check_close(a.displaced, ref.displaced, persons, "displaced");
  check_close(a.reemployed, ref.reemployed, persons, "reemployed");
  check_close(a.switchers, ref.switchers, persons, "switchers");
  check_close(a.exited, ref.exited, persons, "exited");
  check_close(a.time_unemployed, ref.time_unemployed, years, "time_unemployed");
  check_close(a.reemployed_informally, ref.reemployed_informally, persons, "reemployed_informally");
  check_close(a.cost_per_displaced, ref.cost_per_displaced, per_person, "cost_per_displaced");
  CHECK(a.payback_years.has_value() == ref.payback_years.has_value());
  if (a.payback_years && ref.payback_years)
    check_close(*a.payback_years, *ref.payback_years, std::max(1.0, *ref.payback_years), "payback_years");
  CHECK(a.years_beyond_horizon == ref.years_beyond_horizon);
  CHECK(a.notes == ref.notes);
  REQUIRE(a.policies.size() == ref.policies.size());
  for (size_t i = 0; i < a.policies.size(); ++i) {
    const PolicyOutcome &o = a.policies[i], &z = ref.policies[i];
    CHECK(o.name == z.name);
    check_close(o.participants, z.participants, persons, "policy " + z.name + " participants");
    check_close(o.programme_cost, z.programme_cost, money, "policy " + z.name + " programme_cost");
    check_close(o.wage_insurance, z.wage_insurance, money, "policy " + z.name + " wage_insurance");
    check_close(o.extended_benefits, z.extended_benefits, money, "policy " + z.name + " extended_benefits");
    check_close(o.training_years, z.training_years, years, "policy " + z.name + " training_years");
    check_close(o.participants_by_sector, z.participants_by_sector, persons, "policy " + z.name + " by sector");
  }
}

/// The usa-2014 economy of the committed scenarios: jobs, wages and the sex × status shares of
/// its 56 sectors (scenarios/economies/usa-2014/employment.csv).
AdjustmentInput usa_2014_shape() {
  std::ifstream file(std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/scenarios/economies/usa-2014/employment.csv");
  REQUIRE(file.good());
  std::string line;
  std::getline(file, line);
  std::vector<std::string> header;
  {
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) header.push_back(cell);
  }
  REQUIRE(header.size() >= 4);
  REQUIRE(header[1] == "total");
  REQUIRE(header.back() == "annual_wage");
  const std::vector<std::string> share_columns(header.begin() + 2, header.end() - 1);
  std::vector<std::vector<double>> rows;
  AdjustmentInput in;
  while (std::getline(file, line)) {
    std::stringstream cells(line);
    std::string code, cell;
    std::getline(cells, code, ',');
    in.sector_codes.push_back(code);
    std::vector<double> row;
    while (std::getline(cells, cell, ',')) row.push_back(std::stod(cell));
    REQUIRE(row.size() == header.size() - 1);
    rows.push_back(row);
  }
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  REQUIRE(n == 56);
  in.jobs_base.resize(n);
  in.annual_wage.resize(n);
  Eigen::MatrixXd shares(n, static_cast<Eigen::Index>(share_columns.size()));
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto& row = rows[static_cast<size_t>(j)];
    in.jobs_base(j) = row.front();
    in.annual_wage(j) = row.back();
    for (Eigen::Index c = 0; c < shares.cols(); ++c) shares(j, c) = row[static_cast<size_t>(c) + 1];
  }
  std::string error;
  in.splits = employment_group_splits(share_columns, shares, &error, in.sector_codes);
  REQUIRE(error.empty());
  return in;
}

/// Jobs change of −4% to +2% of each sector's jobs (a tariff-war-like mix), fixed seed.
Eigen::VectorXd mixed_change(const Eigen::VectorXd& jobs, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-0.04, 0.02);
  Eigen::VectorXd change(jobs.size());
  for (Eigen::Index j = 0; j < jobs.size(); ++j) change(j) = jobs(j) * u(rng);
  return change;
}

void compare(const AdjustmentInput& in, const LabourMarketParameters& p, const std::vector<LabourPolicy>& policies) {
  std::string error;
  REQUIRE_MESSAGE(is_valid(in, p, policies, &error), error);
  const AdjustmentResult closed = adjustment_path(in, p, policies);
  const AdjustmentResult simulated = reference_simulation_adjustment_path(in, p, policies);
  check_same_result(closed, simulated);
}

}  // namespace

TEST_CASE("closed form = simulation on the usa-2014 economy: defaults, both presets, horizons 1 to 1000") {
  AdjustmentInput in = usa_2014_shape();
  const Eigen::VectorXd change = mixed_change(in.jobs_base, 2014);
  std::vector<std::pair<std::string, LabourMarketParameters>> cases = {{"defaults", LabourMarketParameters()}};
  for (const auto& name : labour_market_preset_names()) cases.emplace_back(name, *labour_market_preset(name));
  for (auto [name, p] : cases) {
    for (int horizon : {1, 10, 20, 100, 1000}) {
      for (int phase_in : {1, 3}) {
        CAPTURE(name);
        CAPTURE(horizon);
        CAPTURE(phase_in);
        p.horizon_years = horizon;
        in.jobs_change_path = phased_jobs_change(change, phase_in, horizon);
        compare(in, p, {});
      }
    }
  }
  // The tail is real in these runs: with the defaults and T = 10, a few persons are still
  // unemployed after T and the costs beyond the horizon are counted.
  LabourMarketParameters p;
  in.jobs_change_path = phased_jobs_change(change, 1, p.horizon_years);
  const AdjustmentResult r = adjustment_path(in, p);
  CHECK(r.years_beyond_horizon > 10);
  CHECK(r.beyond_horizon.earnings_lost_unemployed > 0.0);
  CHECK(r.beyond_horizon.scarring > 0.0);
}

TEST_CASE(
    "closed form = simulation where the cap binds after the horizon, the pool never empties, or empties at once") {
  AdjustmentInput in = usa_2014_shape();
  const Eigen::VectorXd change = mixed_change(in.jobs_base, 7);
  LabourMarketParameters p;
  for (double turnover : {0.002, 0.0005}) {  // few vacancies: re-employment held to the cap, after T too
    CAPTURE(turnover);
    p.turnover_rate = turnover;
    in.jobs_change_path = phased_jobs_change(change, 1, p.horizon_years);
    compare(in, p, {});
  }
  CHECK(reference_simulation_adjustment_path(in, p, {}).timeline.back().capacity_binding);
  // No vacancies beyond T and no exits: the pool never empties (2000 years on, with a note).
  p.turnover_rate = 0.0;
  p.exit_rate = 0.0;
  compare(in, p, {});
  CHECK(adjustment_path(in, p).years_beyond_horizon == 2000);
  CHECK(adjustment_path(in, p).notes.size() == 1);
  // No vacancies but exits: the pool decays at δ alone.
  p.exit_rate = 0.05;
  compare(in, p, {});
  // Spells of 4 days: e^−(λ+δ) = e^−91, the pool is all but empty after a year.
  p = LabourMarketParameters();
  p.unemployment_duration_years = 0.011;
  compare(in, p, {});
  // Spells of a few hours: e^−(λ+δ) underflows to 0. The simulation gave NaN scarring here
  // (0 × ∞ in the scarring carried to the year's end); the library now gives the limit, close
  // to the 4-day spells above (scarring starts a little earlier).
  p.unemployment_duration_years = 1e-3;
  const AdjustmentResult hours = adjustment_path(in, p);
  p.unemployment_duration_years = 0.011;
  const AdjustmentResult days = adjustment_path(in, p);
  CHECK(std::isfinite(hours.total.adjustment_cost));
  CHECK(hours.total.scarring > days.total.scarring);
  CHECK(hours.total.scarring == doctest::Approx(days.total.scarring).epsilon(0.01));
  CHECK(hours.time_unemployed < days.time_unemployed);
  p = LabourMarketParameters();
  // Spells of 50 years (the longest LabourMarketParameters allows), no exits, no discounting:
  // the pool drains over the whole 2000 years.
  p.unemployment_duration_years = LabourMarketParameters::kMaxUnemploymentDurationYears;
  p.exit_rate = 0.0;
  p.discount_rate = 0.0;
  compare(in, p, {});
}

TEST_CASE(
    "closed form = simulation on random draws: spells, hazards, discounting, horizons, scarring, policies, "
    "phase-in, groups, informal re-employment") {
  std::mt19937 rng(20261201);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const auto pick = [&](std::initializer_list<double> values) {
    return *(values.begin() + static_cast<long>(u(rng) * static_cast<double>(values.size()) * 0.999999));
  };
  int with_tail = 0, with_policies = 0;
  for (int draw = 0; draw < 400; ++draw) {
    CAPTURE(draw);
    const Eigen::Index n = static_cast<Eigen::Index>(pick({1, 2, 5, 12, 56}));
    LabourMarketParameters p;
    p.horizon_years = static_cast<int>(pick({1, 1, 3, 10, 10, 25, 100, 1000}));
    p.unemployment_duration_years = pick({0.05, 0.3, 1.0, 2.5, 8.0}) * (0.5 + u(rng));
    p.exit_rate = u(rng) < 0.2 ? 0.0 : 0.3 * u(rng);
    p.discount_rate = u(rng) < 0.3 ? 0.0 : 0.12 * u(rng);
    p.replacement_rate = u(rng);
    p.benefit_coverage_formal = u(rng);
    const bool scarring = u(rng) < 0.8;
    p.scarring_stayers = scarring ? 0.3 * u(rng) : 0.0;
    p.scarring_switchers = scarring ? 0.4 * u(rng) : 0.0;
    p.scarring_half_life_years = 0.5 + 20.0 * u(rng);
    p.retraining_cost_wage_multiple = 2.0 * u(rng);
    p.turnover_rate = pick({0.0, 0.001, 0.01, 0.1, 0.3}) * (u(rng) < 0.1 ? 0.0 : 1.0) + 0.2 * u(rng) * u(rng);
    CAPTURE(p.horizon_years);
    CAPTURE(p.unemployment_duration_years);
    CAPTURE(p.exit_rate);
    CAPTURE(p.discount_rate);
    CAPTURE(p.turnover_rate);
    CAPTURE(n);
    AdjustmentInput in;
    in.jobs_base.resize(n);
    in.annual_wage.resize(n);
    Eigen::VectorXd first(n), second(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      in.jobs_base(j) = std::pow(10.0, 2.0 + 4.0 * u(rng));
      in.annual_wage(j) = 5000 + 120000 * u(rng);
      first(j) = in.jobs_base(j) * 0.3 * (u(rng) - 0.65);
      second(j) = in.jobs_base(j) * 0.2 * (u(rng) - 0.4);
    }
    const int phase_in = static_cast<int>(pick({1, 1, 2, 5, 12}));
    in.jobs_change_path = phased_jobs_change(first, phase_in, p.horizon_years) +
                          phased_jobs_change(second, static_cast<int>(pick({1, 4})), p.horizon_years);
    in.jobs_change_path = in.jobs_change_path.cwiseMax(-in.jobs_base.replicate(1, p.horizon_years + 1));
    if (u(rng) < 0.3) {  // a mobility matrix
      Eigen::MatrixXd m = Eigen::MatrixXd::NullaryExpr(n, n, [&] { return u(rng); });
      for (Eigen::Index j = 0; j < n; ++j) m.row(j) /= m.row(j).sum();
      in.mobility = m;
    }
    const bool groups = u(rng) < 0.6;
    if (groups) {
      std::vector<std::string> columns = {"female", "informal"};
      if (u(rng) < 0.5) columns.push_back("self_employed");
      Eigen::MatrixXd shares(n, static_cast<Eigen::Index>(columns.size()));
      for (Eigen::Index j = 0; j < n; ++j) {
        shares(j, 0) = u(rng);
        shares(j, 1) = 0.8 * u(rng);
        if (shares.cols() > 2) shares(j, 2) = shares(j, 1) * u(rng);
      }
      std::string error;
      in.splits = employment_group_splits(columns, shares, &error);
      REQUIRE(error.empty());
      if (u(rng) < 0.5) {
        p.informal_reemployment_share = u(rng);
        p.informal_wage_penalty = (1.0 - std::max(p.scarring_stayers, p.scarring_switchers)) * u(rng);
      }
    }
    std::vector<LabourPolicy> policies;
    if (u(rng) < 0.5) {
      double take_up_left = 0.95;
      const auto take = [&] {
        const double t = take_up_left * 0.5 * u(rng);
        take_up_left -= t;
        return t;
      };
      if (u(rng) < 0.6) {
        LabourPolicy r;
        r.type = PolicyType::retraining;
        r.name = "retraining";
        r.take_up = take();
        r.cost_per_participant = u(rng);
        r.training_years = static_cast<int>(pick({0, 1, 2, 5}));
        r.reemployment_effect = u(rng) - 0.3;
        r.scarring_effect = -0.5 * u(rng);
        if (groups && u(rng) < 0.5) r.groups = {u(rng) < 0.5 ? "female" : "informal"};
        if (n > 1 && u(rng) < 0.4) r.sectors = {0, static_cast<int>(n - 1)};
        policies.push_back(r);
      }
      if (u(rng) < 0.5) {
        LabourPolicy s;
        s.type = PolicyType::job_search_assistance;
        s.name = "job_search_assistance";
        s.take_up = take();
        s.cost_per_participant_amount = 2000 * u(rng);
        s.reemployment_effect = 0.5 * u(rng);
        policies.push_back(s);
      }
      if (u(rng) < 0.5) {
        LabourPolicy w;
        w.type = PolicyType::wage_insurance;
        w.name = "wage_insurance";
        w.take_up = take();
        w.replacement = u(rng);
        w.cap_per_year = u(rng) < 0.5 ? 3000 + 10000 * u(rng) : std::numeric_limits<double>::infinity();
        w.years = pick({1.0, 2.0, 10.0});
        w.reemployment_effect = 0.2 * (u(rng) - 0.5);
        policies.push_back(w);
      }
      if (groups && u(rng) < 0.5) {
        LabourPolicy e;
        e.type = PolicyType::benefit_extension;
        e.name = "benefit_extension";
        e.groups = {"informal"};
        e.coverage = u(rng);
        e.replacement_rate = 0.6 * u(rng);
        e.reemployment_effect = -0.2 * u(rng);
        policies.push_back(e);
      }
    }
    compare(in, p, policies);
    const AdjustmentResult r = adjustment_path(in, p, policies);
    with_tail += r.years_beyond_horizon > 0 ? 1 : 0;
    with_policies += policies.empty() ? 0 : 1;
  }
  // The draws exercise the closed form (a pool left after T) and the policies.
  CHECK(with_tail > 150);
  CHECK(with_policies > 100);
}
