// ctest-labels: cli
// Labour-market policies in the adjustment model (docs/labour_and_adjustment.md "Policies"):
// hand cases on a two-sector economy, and the `policies:` block of a scenario through the CLI.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cli_support.h"
#include "tradejobs/models/adjustment.h"

using namespace tradejobs;
using tradejobs_test::CliSandbox;
namespace fs = std::filesystem;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) r(i++) = x;
  return r;
}

/// Sector A (10,000 jobs, wage 40,000) loses 1,000 jobs in year 1; sector B (5,000 jobs, wage
/// 30,000) gains 300. Half of A's workers and a fifth of B's are informal.
AdjustmentInput two_sectors(const LabourMarketParameters& p) {
  AdjustmentInput in;
  in.sector_codes = {"A", "B"};
  in.jobs_base = vec({10000, 5000});
  in.jobs_change_path = phased_jobs_change(vec({-1000, 300}), 1, p.horizon_years);
  in.annual_wage = vec({40000, 30000});
  GroupSplit formality;
  formality.dimension = "formality";
  formality.groups = {"informal", "formal"};
  formality.shares.resize(2, 2);
  formality.shares << 0.5, 0.5, 0.2, 0.8;
  GroupSplit sex;
  sex.dimension = "sex";
  sex.groups = {"female", "male"};
  sex.shares.resize(2, 2);
  sex.shares << 0.3, 0.7, 0.6, 0.4;
  in.splits = {formality, sex};
  return in;
}

/// λ = 1, no exits, no discounting, turnover large enough that the cap never binds.
LabourMarketParameters hand_parameters() {
  LabourMarketParameters p;
  p.unemployment_duration_years = 1.0;
  p.exit_rate = 0.0;
  p.discount_rate = 0.0;
  p.turnover_rate = 0.5;
  return p;
}

LabourPolicy retraining(double take_up, double cost, int training, double effect, double scarring) {
  LabourPolicy r;
  r.type = PolicyType::retraining;
  r.name = "retraining";
  r.take_up = take_up;
  r.cost_per_participant = cost;
  r.training_years = training;
  r.reemployment_effect = effect;
  r.scarring_effect = scarring;
  return r;
}

LabourPolicy extension(double coverage, double replacement_rate, double effect) {
  LabourPolicy e;
  e.type = PolicyType::benefit_extension;
  e.name = "benefit_extension";
  e.groups = {"informal"};
  e.coverage = coverage;
  e.replacement_rate = replacement_rate;
  e.reemployment_effect = effect;
  return e;
}

void check_same_costs(const AdjustmentCosts& a, const AdjustmentCosts& b) {
  CHECK(a.earnings_lost_unemployed == b.earnings_lost_unemployed);
  CHECK(a.scarring == b.scarring);
  CHECK(a.retraining == b.retraining);
  CHECK(a.benefits == b.benefits);
  CHECK(a.private_cost == b.private_cost);
  CHECK(a.public_cost == b.public_cost);
  CHECK(a.adjustment_cost == b.adjustment_cost);
}

/// Bit-for-bit equality of two results (every year, sector and group).
void check_identical(const AdjustmentResult& a, const AdjustmentResult& b) {
  check_same_costs(a.total, b.total);
  check_same_costs(a.beyond_horizon, b.beyond_horizon);
  CHECK(a.time_unemployed == b.time_unemployed);
  CHECK(a.reemployed == b.reemployed);
  CHECK(a.switchers == b.switchers);
  CHECK(a.exited == b.exited);
  CHECK(a.payback_years == b.payback_years);
  REQUIRE(a.timeline.size() == b.timeline.size());
  for (size_t t = 0; t < a.timeline.size(); ++t) {
    CAPTURE(t);
    CHECK(a.timeline[t].unemployed == b.timeline[t].unemployed);
    CHECK(a.timeline[t].reemployed == b.timeline[t].reemployed);
    CHECK(a.timeline[t].time_unemployed == b.timeline[t].time_unemployed);
    check_same_costs(a.timeline[t].costs, b.timeline[t].costs);
  }
  CHECK(a.by_sector.adjustment_cost == b.by_sector.adjustment_cost);
  CHECK(a.by_sector.time_unemployed == b.by_sector.time_unemployed);
  CHECK(a.by_sector.benefits == b.by_sector.benefits);
  REQUIRE(a.by_group.size() == b.by_group.size());
  for (size_t g = 0; g < a.by_group.size(); ++g) check_same_costs(a.by_group[g].costs, b.by_group[g].costs);
}

}  // namespace

TEST_CASE("policies that reach no one, or change nothing, leave every figure bit for bit") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);

  LabourPolicy search;
  search.type = PolicyType::job_search_assistance;
  search.name = "job_search_assistance";
  search.take_up = 0.0;
  search.cost_per_participant = 0.3;
  search.reemployment_effect = 0.4;
  LabourPolicy wage;
  wage.type = PolicyType::wage_insurance;
  wage.name = "wage_insurance";
  wage.take_up = 0.0;
  wage.replacement = 0.5;
  wage.years = 2;
  wage.cap_per_year = 5000;
  const AdjustmentResult zero_take_up =
      adjustment_path(in, p, {retraining(0.0, 0.5, 2, 0.3, -0.2), search, wage, extension(0.0, 0.4, 0.2)});
  check_identical(zero_take_up, without);
  REQUIRE(zero_take_up.policies.size() == 4);
  for (const auto& o : zero_take_up.policies) {
    CHECK(o.participants == 0.0);
    CHECK(o.programme_cost == 0.0);
  }

  // Take-up but no effect and no cost: participants are counted, nothing else moves.
  const AdjustmentResult no_effect = adjustment_path(in, p, {retraining(0.35, 0.0, 0, 0.0, 0.0)});
  check_identical(no_effect, without);
  CHECK(no_effect.policies[0].participants == doctest::Approx(0.35 * 1000));
}

TEST_CASE("a programme with a cost and no effect raises the public cost by exactly its cost") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  const AdjustmentResult with = adjustment_path(in, p, {retraining(0.4, 0.5, 0, 0.0, 0.0)});
  // 400 participants × 0.5 × 40,000 USD, in USD million, paid at displacement (year 1, undiscounted).
  const double cost = 400 * 0.5 * 40000 / 1e6;
  REQUIRE(with.policies.size() == 1);
  CHECK(with.policies[0].participants == doctest::Approx(400));
  CHECK(with.policies[0].programme_cost == doctest::Approx(cost).epsilon(1e-12));
  CHECK(with.total.programme == doctest::Approx(cost).epsilon(1e-12));
  CHECK(with.total.public_cost - without.total.public_cost == doctest::Approx(cost).epsilon(1e-9));
  CHECK(with.total.private_cost == doctest::Approx(without.total.private_cost).epsilon(1e-12));
  CHECK(with.total.adjustment_cost - without.total.adjustment_cost == doctest::Approx(cost).epsilon(1e-9));
  CHECK(with.time_unemployed == doctest::Approx(without.time_unemployed).epsilon(1e-12));
  // The timeline carries the cost in year 1, the sector of origin A all of it.
  CHECK(with.timeline[1].costs.programme == doctest::Approx(cost).epsilon(1e-12));
  CHECK(with.by_sector.programme(0) == doctest::Approx(cost).epsilon(1e-12));
  CHECK(with.by_sector.programme(1) == 0.0);

  // The same cost given in base units (USD per participant): 400 × 20,000 USD.
  LabourPolicy amount = retraining(0.4, 0.0, 0, 0.0, 0.0);
  amount.cost_per_participant_amount = 20000;
  const AdjustmentResult in_usd = adjustment_path(in, p, {amount});
  CHECK(in_usd.policies[0].programme_cost == doctest::Approx(cost).epsilon(1e-12));
}

TEST_CASE("benefits extended to informal workers move cost from private to public") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  const AdjustmentResult with = adjustment_path(in, p, {extension(0.5, 0.4, 0.0)});
  // Reached: coverage 0.5 × informal share 0.5 of A's 1,000 displaced = 250 persons, each
  // unemployed 1 year on average (λ = 1, no exits, no discounting), paid 0.4 × 40,000 USD.
  const double paid = 250 * 1.0 * 0.4 * 40000 / 1e6;
  CHECK(with.policies[0].participants == doctest::Approx(250));
  CHECK(with.policies[0].extended_benefits == doctest::Approx(paid).epsilon(1e-9));
  CHECK(with.total.benefits - without.total.benefits == doctest::Approx(paid).epsilon(1e-9));
  CHECK(without.total.private_cost - with.total.private_cost == doctest::Approx(paid).epsilon(1e-9));
  CHECK(with.total.public_cost - without.total.public_cost == doctest::Approx(paid).epsilon(1e-9));
  CHECK(with.total.adjustment_cost == doctest::Approx(without.total.adjustment_cost).epsilon(1e-12));
  CHECK(with.time_unemployed == doctest::Approx(without.time_unemployed).epsilon(1e-12));
  // By group: the informal receive the extension, the formal keep the regular benefits only.
  const auto group = [](const AdjustmentResult& r, const std::string& name) {
    for (const auto& g : r.by_group)
      if (g.group == name) return g;
    FAIL("no group " << name);
    return GroupAdjustment();
  };
  CHECK(group(without, "informal").costs.benefits == 0.0);
  CHECK(group(with, "informal").costs.benefits == doctest::Approx(paid).epsilon(1e-9));
  CHECK(group(with, "formal").costs.benefits == doctest::Approx(group(without, "formal").costs.benefits).epsilon(1e-9));
  // Every split still adds up to the total.
  CHECK(group(with, "informal").costs.benefits + group(with, "formal").costs.benefits ==
        doctest::Approx(with.total.benefits).epsilon(1e-12));
  CHECK(group(with, "female").costs.benefits + group(with, "male").costs.benefits ==
        doctest::Approx(with.total.benefits).epsilon(1e-12));

  // An extension that slows re-employment (Schmieder and von Wachter 2016) adds unemployment.
  const AdjustmentResult slower = adjustment_path(in, p, {extension(0.5, 0.4, -0.2)});
  CHECK(slower.time_unemployed > without.time_unemployed);
  // 750 at λ = 1 and 250 at λ = 0.8: 750 + 250 / 0.8 person-years.
  CHECK(slower.time_unemployed == doctest::Approx(750 + 250 / 0.8).epsilon(1e-9));
}

TEST_CASE("a retraining effect lowers unemployment person-years; training time is time out of work") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  CHECK(without.time_unemployed == doctest::Approx(1000).epsilon(1e-9));
  const AdjustmentResult faster = adjustment_path(in, p, {retraining(0.5, 0.0, 0, 0.5, 0.0)});
  // 500 at λ = 1 and 500 at λ = 1.5.
  CHECK(faster.time_unemployed == doctest::Approx(500 + 500 / 1.5).epsilon(1e-9));
  CHECK(faster.total.earnings_lost_unemployed < without.total.earnings_lost_unemployed);
  CHECK(faster.total.adjustment_cost < without.total.adjustment_cost);
  // One year of training first: 500 person-years in training, then the faster search.
  const AdjustmentResult trained = adjustment_path(in, p, {retraining(0.5, 0.0, 1, 0.5, 0.0)});
  CHECK(trained.policies[0].training_years == doctest::Approx(500).epsilon(1e-12));
  CHECK(trained.time_unemployed == doctest::Approx(500 + 500 + 500 / 1.5).epsilon(1e-9));
  // Conservation: everyone displaced is re-employed in the end (no exits).
  CHECK(trained.reemployed == doctest::Approx(1000).epsilon(1e-9));
  // A smaller scarring loss lowers the scarring cost of the participants only.
  const AdjustmentResult less_scarring = adjustment_path(in, p, {retraining(1.0, 0.0, 0, 0.0, -0.5)});
  CHECK(less_scarring.total.scarring == doctest::Approx(0.5 * without.total.scarring).epsilon(1e-9));
}

TEST_CASE("a programme for some groups of workers: its participants, and the group figures, are those groups'") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  LabourPolicy women = retraining(1.0, 0.0, 0, 0.5, 0.0);
  women.groups = {"female"};
  const AdjustmentResult with = adjustment_path(in, p, {women});
  // Women are 30% of A's 1,000 displaced: 300 participants at λ = 1.5, 700 men at λ = 1.
  CHECK(with.policies[0].participants == doctest::Approx(300));
  CHECK(with.time_unemployed == doctest::Approx(700 + 300 / 1.5).epsilon(1e-9));
  const auto group = [](const AdjustmentResult& r, const std::string& name) {
    for (const auto& g : r.by_group)
      if (g.group == name) return g;
    FAIL("no group " << name);
    return GroupAdjustment();
  };
  CHECK(group(with, "female").time_unemployed == doctest::Approx(300 / 1.5).epsilon(1e-9));
  CHECK(group(with, "male").time_unemployed == doctest::Approx(700).epsilon(1e-9));
  CHECK(group(with, "male").costs.adjustment_cost ==
        doctest::Approx(group(without, "male").costs.adjustment_cost).epsilon(1e-9));
  CHECK(group(with, "female").costs.adjustment_cost < group(without, "female").costs.adjustment_cost);
  // The other split sees a cross-section: half of A's participants are informal.
  CHECK(group(with, "informal").time_unemployed == doctest::Approx(0.5 * (700 + 300 / 1.5)).epsilon(1e-9));
  // Every split still adds up to the totals.
  for (const char* a : {"female", "informal"}) {
    const std::string b = std::string(a) == "female" ? "male" : "formal";
    CAPTURE(a);
    CHECK(group(with, a).costs.adjustment_cost + group(with, b).costs.adjustment_cost ==
          doctest::Approx(with.total.adjustment_cost).epsilon(1e-12));
    CHECK(group(with, a).costs.benefits + group(with, b).costs.benefits ==
          doctest::Approx(with.total.benefits).epsilon(1e-12));
    CHECK(group(with, a).costs.scarring + group(with, b).costs.scarring ==
          doctest::Approx(with.total.scarring).epsilon(1e-12));
  }

  // Take-ups are checked group by group: women 0.7 and men 0.6 fit, women 0.7 and 0.6 do not.
  LabourPolicy men = retraining(0.6, 0.0, 0, 0.5, 0.0);
  men.name = "men";
  men.groups = {"male"};
  women.take_up = 0.7;
  std::string error;
  CHECK(is_valid(in, p, {women, men}, &error));
  men.groups = {"female"};
  CHECK_FALSE(is_valid(in, p, {women, men}, &error));
  CHECK(
      error ==
      "the take-ups of the policies in sector A add up to 1.3 for some workers: must be at most 1 (the participants of "
      "different policies are different workers)");
  // Not groups of two splits, nor groups the economy has not.
  women.groups = {"female", "informal"};
  CHECK_FALSE(is_valid(in, p, {women}, &error));
  CHECK(error.find("groups must come from one split of the workers") != std::string::npos);
  women.groups = {"self_employed"};
  CHECK_FALSE(is_valid(in, p, {women}, &error));
  CHECK(error == "policy retraining: group 'self_employed' is not in the economy's employment groups");
}

const GroupAdjustment& group_of(const AdjustmentResult& r, const std::string& name) {
  for (const auto& g : r.by_group)
    if (g.group == name) return g;
  FAIL("no group " << name);
  return r.by_group.front();
}

TEST_CASE("a programme for informal workers: no regular benefits, the extension's where it reaches them") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  const double to_currency = 1.0 / in.base_units_per_currency_unit;
  const AdjustmentResult without = adjustment_path(in, p);
  LabourPolicy informal = retraining(1.0, 0.0, 0, 0.5, 0.0);
  informal.groups = {"informal"};
  const AdjustmentResult with = adjustment_path(in, p, {informal});
  // A's 1,000 displaced: 500 informal participants at λ = 1.5, 500 formal workers at λ = 1
  // (no exits, no discounting: 1/λ person-years each).
  CHECK(with.policies[0].participants == doctest::Approx(500).epsilon(1e-12));
  CHECK(with.policies[0].participants_by_sector(0) == doctest::Approx(500).epsilon(1e-12));
  CHECK(with.policies[0].participants_by_sector(1) == 0.0);
  CHECK(with.time_unemployed == doctest::Approx(500 / 1.5 + 500).epsilon(1e-9));
  CHECK(with.total.earnings_lost_unemployed == doctest::Approx(40000 * (500 / 1.5 + 500) * to_currency).epsilon(1e-9));
  // The benefits (rr × coverage × wage per person-year) are the formal workers' only: 500
  // person-years, as without the programme; the informal participants had none to lose.
  const double regular = p.replacement_rate * p.benefit_coverage_formal * 40000 * 500 * to_currency;
  CHECK(without.total.benefits == doctest::Approx(regular).epsilon(1e-9));
  CHECK(with.total.benefits == doctest::Approx(regular).epsilon(1e-9));
  CHECK(group_of(with, "informal").time_unemployed == doctest::Approx(500 / 1.5).epsilon(1e-9));
  CHECK(group_of(with, "formal").time_unemployed == doctest::Approx(500).epsilon(1e-9));
  CHECK(group_of(with, "informal").costs.benefits == 0.0);
  CHECK(group_of(with, "formal").costs.benefits == doctest::Approx(regular).epsilon(1e-9));
  CHECK(group_of(with, "formal").costs.adjustment_cost ==
        doctest::Approx(group_of(without, "formal").costs.adjustment_cost).epsilon(1e-9));
  // The other split sees a cross-section of the participants: 30% of A's workers are women.
  CHECK(group_of(with, "female").time_unemployed == doctest::Approx(0.3 * (500 / 1.5 + 500)).epsilon(1e-9));

  // With benefits extended to half of the informal (replacement 40%): the participants are
  // all informal, so the extension reaches half of them, 250 persons, for 1/1.5 year each.
  const LabourPolicy ext = extension(0.5, 0.4, 0.0);
  const AdjustmentResult both = adjustment_path(in, p, {informal, ext});
  const double extended = 0.4 * 40000 * 250 / 1.5 * to_currency;
  CHECK(both.policies[1].participants == doctest::Approx(250).epsilon(1e-12));
  CHECK(both.policies[1].extended_benefits == doctest::Approx(extended).epsilon(1e-9));
  CHECK(both.total.benefits == doctest::Approx(regular + extended).epsilon(1e-9));
  CHECK(both.time_unemployed == doctest::Approx(with.time_unemployed).epsilon(1e-12));
  CHECK(group_of(both, "informal").costs.benefits == doctest::Approx(extended).epsilon(1e-9));
  CHECK(group_of(both, "formal").costs.benefits == doctest::Approx(regular).epsilon(1e-9));
  // The move from private to public cost leaves the adjustment cost as it was.
  CHECK(both.total.adjustment_cost == doctest::Approx(with.total.adjustment_cost).epsilon(1e-9));
  CHECK(both.total.private_cost == doctest::Approx(with.total.private_cost - extended).epsilon(1e-9));
}

TEST_CASE("a programme for self-employed or formal workers reaches only them; every split adds up") {
  const LabourMarketParameters p = hand_parameters();
  AdjustmentInput in = two_sectors(p);
  GroupSplit status;
  status.dimension = "employment_status";
  status.groups = {"self_employed", "employees"};
  status.shares.resize(2, 2);
  status.shares << 0.3, 0.7, 0.1, 0.9;  // the self-employed are among the informal
  in.splits.push_back(status);
  LabourPolicy own_account;
  own_account.type = PolicyType::job_search_assistance;
  own_account.name = "job_search_assistance";
  own_account.sectors = {0};
  own_account.groups = {"self_employed"};
  own_account.take_up = 0.4;
  own_account.cost_per_participant = 0.1;
  own_account.reemployment_effect = 0.3;
  LabourPolicy formal = retraining(0.5, 0.2, 1, 0.2, -0.1);
  formal.groups = {"formal"};
  const LabourPolicy ext = [] {
    LabourPolicy e = extension(0.6, 0.3, 0.1);
    e.groups = {"informal", "self_employed"};
    return e;
  }();
  const AdjustmentResult r = adjustment_path(in, p, {own_account, formal, ext});
  // Participants = take-up × the group's displaced in the targeted sectors (only A loses jobs).
  CHECK(r.policies[0].participants == doctest::Approx(0.4 * 0.3 * 1000).epsilon(1e-12));
  CHECK(r.policies[0].participants_by_sector(0) == doctest::Approx(120).epsilon(1e-12));
  CHECK(r.policies[1].participants == doctest::Approx(0.5 * 0.5 * 1000).epsilon(1e-12));
  // The extension reaches 60% of the informal (the self-employed nest in them).
  CHECK(r.policies[2].participants == doctest::Approx(0.6 * 0.5 * 1000).epsilon(1e-12));
  // The programme costs are the participants' (wage multiples of A's wage).
  const double to_currency = 1.0 / in.base_units_per_currency_unit;
  CHECK(r.policies[0].programme_cost == doctest::Approx(120 * 0.1 * 40000 * to_currency).epsilon(1e-9));
  CHECK(r.policies[1].programme_cost == doctest::Approx(250 * 0.2 * 40000 * to_currency).epsilon(1e-9));
  const double regular = r.total.benefits - r.policies[2].extended_benefits;
  // All covered workers are formal employees; the extension pays only informal workers.
  CHECK(group_of(r, "formal").costs.benefits == doctest::Approx(regular).epsilon(1e-9));
  CHECK(group_of(r, "employees").costs.benefits >= regular * (1 - 1e-9));
  CHECK(group_of(r, "informal").costs.benefits == doctest::Approx(r.policies[2].extended_benefits).epsilon(1e-9));
  CHECK(group_of(r, "self_employed").costs.benefits <= r.policies[2].extended_benefits * (1 + 1e-9));
  // Without any of the programmes the formal workers' benefits are 500 person-years × the rate.
  const AdjustmentResult plain = adjustment_path(in, p, {ext});
  CHECK(group_of(plain, "formal").costs.benefits ==
        doctest::Approx(p.replacement_rate * p.benefit_coverage_formal * 40000 * 500 * to_currency).epsilon(1e-9));
  for (const char* a : {"female", "informal", "self_employed"}) {
    const std::string b = std::string(a) == "female" ? "male" : std::string(a) == "informal" ? "formal" : "employees";
    CAPTURE(a);
    CHECK(group_of(r, a).displaced + group_of(r, b).displaced == doctest::Approx(r.displaced).epsilon(1e-12));
    CHECK(group_of(r, a).time_unemployed + group_of(r, b).time_unemployed ==
          doctest::Approx(r.time_unemployed).epsilon(1e-12));
    CHECK(group_of(r, a).costs.benefits + group_of(r, b).costs.benefits ==
          doctest::Approx(r.total.benefits).epsilon(1e-12));
    CHECK(group_of(r, a).costs.programme + group_of(r, b).costs.programme ==
          doctest::Approx(r.total.programme).epsilon(1e-12));
    CHECK(group_of(r, a).costs.adjustment_cost + group_of(r, b).costs.adjustment_cost ==
          doctest::Approx(r.total.adjustment_cost).epsilon(1e-12));
  }
  // The programme cost falls on the targeted groups only.
  CHECK(group_of(r, "formal").costs.programme == doctest::Approx(r.policies[1].programme_cost).epsilon(1e-12));
  CHECK(group_of(r, "self_employed").costs.programme == doctest::Approx(r.policies[0].programme_cost).epsilon(1e-12));
}

TEST_CASE("wage insurance pays a share of the wage loss, capped, for a number of years") {
  LabourMarketParameters p = hand_parameters();
  p.scarring_stayers = 0.2;
  p.scarring_switchers = 0.2;
  p.scarring_half_life_years = 1.0;  // 2^-50 of the loss is left after 50 years
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  LabourPolicy w;
  w.type = PolicyType::wage_insurance;
  w.name = "wage_insurance";
  w.take_up = 1.0;
  w.replacement = 0.5;
  w.years = 50;  // the whole loss, within 2^-50
  const AdjustmentResult all_of_it = adjustment_path(in, p, {w});
  // Paid: half the scarring loss of everyone, a transfer from public to private.
  CHECK(all_of_it.total.wage_insurance == doctest::Approx(0.5 * without.total.scarring).epsilon(1e-9));
  CHECK(all_of_it.total.adjustment_cost == doctest::Approx(without.total.adjustment_cost).epsilon(1e-12));
  // A cap below the first year's payment (0.5 × 0.2 × 40,000 = 4,000 USD a year in A, 3,000 in
  // B) for one year, at r = 0: the cap binds for log2(3) > 1 year (κ = ln 2), so each of the
  // 1,000 re-employed gets 1,000 USD.
  w.cap_per_year = 1000;
  w.years = 1;
  const AdjustmentResult capped = adjustment_path(in, p, {w});
  CHECK(capped.total.wage_insurance == doctest::Approx(1000 * 1000 / 1e6).epsilon(1e-9));
}

TEST_CASE("formal workers re-employed informally lose the informal wage penalty") {
  LabourMarketParameters p = hand_parameters();
  p.scarring_stayers = 0.15;
  p.scarring_switchers = 0.15;
  const AdjustmentInput in = two_sectors(p);
  const AdjustmentResult without = adjustment_path(in, p);
  CHECK(without.reemployed_informally == 0.0);
  p.informal_reemployment_share = 0.5;
  p.informal_wage_penalty = 0.1;
  const AdjustmentResult with = adjustment_path(in, p);
  // All 1,000 displaced of A are re-employed in the end; half of them were formal, and half of
  // those take informal jobs: 250 persons, each losing 10% more of the wage, decaying alike.
  CHECK(with.reemployed_informally == doctest::Approx(250).epsilon(1e-9));
  CHECK(with.total.scarring == doctest::Approx(without.total.scarring * (0.15 + 0.5 * 0.5 * 0.1) / 0.15).epsilon(1e-9));
  CHECK(with.time_unemployed == without.time_unemployed);
  // Without an informal share nobody is known to be formal.
  AdjustmentInput no_informal = in;
  no_informal.splits.erase(no_informal.splits.begin());
  std::string error;
  CHECK_FALSE(is_valid(no_informal, p, &error));
  CHECK(error ==
        "labour_market.informal_reemployment_share = 0.5: needs an 'informal' share in the economy's employment.csv "
        "(who is "
        "formal before displacement)");
  p.informal_wage_penalty = 0.9;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error ==
        "labour_market.informal_wage_penalty = 0.9: with the scarring loss it must stay at most the wage "
        "(scarring_switchers + "
        "informal_wage_penalty <= 1)");
}

TEST_CASE("invalid policies are refused with the field and the constraint") {
  const LabourMarketParameters p = hand_parameters();
  const AdjustmentInput in = two_sectors(p);
  std::string error;
  CHECK_FALSE(is_valid(in, p, {retraining(1.5, 0.1, 0, 0.0, 0.0)}, &error));
  CHECK(error == "policy retraining: take_up = 1.5: must be in [0, 1] (write 30% as 0.3)");
  LabourPolicy a = retraining(0.7, 0.1, 0, 0.0, 0.0), b = retraining(0.6, 0.1, 0, 0.0, 0.0);
  b.name = "second";
  CHECK_FALSE(is_valid(in, p, {a, b}, &error));
  CHECK(error ==
        "the take-ups of the policies in sector A add up to 1.3: must be at most 1 (the participants of different "
        "policies are different workers)");
  LabourPolicy e = extension(0.5, 0.4, 0.0);
  e.groups = {"women"};
  CHECK_FALSE(is_valid(in, p, {e}, &error));
  CHECK(error ==
        "policy benefit_extension: group 'women': expected informal or self_employed (the workers without benefits)");
  e.groups = {"self_employed"};
  CHECK_FALSE(is_valid(in, p, {e}, &error));
  CHECK(error == "policy benefit_extension: group 'self_employed' is not in the economy's employment groups");
  CHECK_THROWS_AS(adjustment_path(in, p, {retraining(0.5, 0.1, 0, -1.0, 0.0)}), std::invalid_argument);
}

TEST_CASE("cli: a policies block writes policies.csv, the with - without figures add up, bad keys are located") {
  CliSandbox box("policies");
  const std::string policy =
      "policies:\n"
      "  - type: retraining\n"
      "    sectors: [AGR, SER]\n"
      "    take_up: 0.4\n"
      "    cost_per_participant: 0.2\n"
      "    training_years: 0\n"
      "    reemployment_effect: 0.25\n"
      "    scarring_effect: -0.1\n";
  box.write("p.yaml", box.read("s.yaml") + policy);
  const auto r = box.run("run p.yaml -o out --no-report --no-xlsx --quiet");
  CAPTURE(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const std::string csv = box.read("out/policies.csv");
  CHECK(csv.rfind("policy,type,participants,programme_cost,unemployment_years_avoided,private_cost_change,"
                  "public_cost_change,adjustment_cost_change,cost_per_unemployment_year_avoided,net_effect\n",
                  0) == 0);
  CHECK(csv.find("\nretraining,retraining,") != std::string::npos);
  // summary.json: totals.adjustment_cost − totals.adjustment_cost_without_policies equals the
  // policy's adjustment_cost_change.
  const std::string json = box.read("out/summary.json");
  const auto number_after = [&](const std::string& text, const std::string& key) {
    const auto at = text.find("\"" + key + "\":");
    REQUIRE_MESSAGE(at != std::string::npos, key);
    return std::stod(text.substr(at + key.size() + 3));
  };
  const double with = number_after(json, "adjustment_cost");
  const double without = number_after(json, "adjustment_cost_without_policies");
  const double change = number_after(json, "adjustment_cost_change");
  CHECK(with - without == doctest::Approx(change).epsilon(1e-9));
  CHECK(change < 0.0);  // faster re-employment and less scarring repay the programme here
  CHECK(number_after(json, "net_effect") == doctest::Approx(-change).epsilon(1e-12));

  // By sector of origin and by group, the changes add up to the policy's totals.
  const YAML::Node summary = YAML::LoadFile((box.dir / "out" / "summary.json").string());
  const YAML::Node row = summary["policies"][0];
  double sector_sum = 0.0, participants = 0.0, female_male = 0.0;
  for (const auto& x : row["by_sector"]) {
    sector_sum += x["adjustment_cost_change"].as<double>();
    participants += x["participants"].as<double>();
  }
  for (const auto& g : row["by_group"])
    if (g["dimension"].as<std::string>() == "sex") female_male += g["adjustment_cost_change"].as<double>();
  CHECK(sector_sum == doctest::Approx(row["adjustment_cost_change"].as<double>()).epsilon(1e-9));
  CHECK(female_male == doctest::Approx(row["adjustment_cost_change"].as<double>()).epsilon(1e-9));
  CHECK(participants == doctest::Approx(row["participants"].as<double>()).epsilon(1e-12));

  // The report has a policies section (a chart comparing the options and the table) and the
  // job-quality section.
  const auto rep = box.run("run p.yaml -o rep --no-xlsx --quiet");
  REQUIRE(rep.code == 0);
  const std::string html = box.read("rep/report.html");
  CHECK(html.find("<section id=\"policies\"><h2>Labour-market policies</h2>") != std::string::npos);
  CHECK(html.find("<section id=\"quality\"><h2>Quality of the jobs created and destroyed</h2>") != std::string::npos);
  CHECK(html.find("<a href=\"#policies\">Policies</a>") != std::string::npos);

  // Without a policies block there is no policies.csv and no policies key.
  const auto plain = box.run("run s.yaml -o plain --no-report --no-xlsx --quiet");
  REQUIRE(plain.code == 0);
  CHECK_FALSE(fs::exists(box.dir / "plain" / "policies.csv"));
  CHECK(box.read("plain/summary.json").find("policies") == std::string::npos);
  // Every run has the job-quality balance (docs/labour_and_adjustment.md "Job quality").
  CHECK(box.read("plain/quality.csv")
            .rfind("indicator,dimension,group,jobs_created,jobs_destroyed,jobs_base\njobs,,,", 0) == 0);
  CHECK(box.read("plain/summary.json").find("\"job_quality\": {") != std::string::npos);

  struct Bad {
    std::string from, to, message;
  };
  const Bad cases[] = {
      {"    take_up: 0.4\n", "    take_up: 1.4\n",
       "p.yaml:13:14: policies[0].take_up = 1.4: must be a share in [0, 1] (write 30% as 0.3)"},
      {"    take_up: 0.4\n", "    take_up: 0.4\n    groups: [informal]\n",
       "p.yaml:14:13: policies[0].groups: unknown group 'informal': the economy tiny's groups of workers are female, "
       "male, "
       "self_employed, employees"},
      {"    sectors: [AGR, SER]\n", "    sectors: [AGR, STEEL]\n",
       "p.yaml:12:14: policies[0].sectors: unknown sector 'STEEL': expected a sector code of economy tiny (AGR, MAN, "
       "SER)"},
      {"    scarring_effect: -0.1\n", "",
       "p.yaml:11:5: policies[0]: a retraining policy needs 'scarring_effect': the "
       "literature gives no default for it"},
      {"    cost_per_participant: 0.2\n", "    cost_per_participant: 0.2\n    cost_per_participant_amount: 5000\n",
       "p.yaml:11:5: policies[0]: give either cost_per_participant or cost_per_participant_amount, not both"},
      {"  - type: retraining\n", "  - type: retrain\n",
       "p.yaml:11:11: policies[0].type: unknown policy type 'retrain': expected one of retraining, "
       "job_search_assistance, "
       "wage_insurance, benefit_extension"},
  };
  for (const Bad& c : cases) {
    CAPTURE(c.to);
    box.write("p.yaml", box.read("s.yaml") + policy);
    box.edit("p.yaml", c.from, c.to);
    const auto bad = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
    CHECK(bad.code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find(c.message) != std::string::npos);
    CHECK_FALSE(fs::exists(box.dir / "bad"));
  }
  // Formal to informal moves need their wage penalty, and an economy with an informal share.
  box.write("p.yaml", box.read("s.yaml") + "labour_market:\n  informal_reemployment_share: 0.3\n");
  const auto no_penalty = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
  CHECK(no_penalty.code == 2);
  CHECK(no_penalty.err.find(
            "labour_market.informal_reemployment_share = 0.3: needs labour_market.informal_wage_penalty") !=
        std::string::npos);
  box.write("p.yaml",
            box.read("s.yaml") + "labour_market:\n  informal_reemployment_share: 0.3\n  informal_wage_penalty: 0.2\n");
  const auto no_informal = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
  CHECK(no_informal.code == 2);
  CHECK(no_informal.err.find("the economy tiny has no 'informal' share in employment.csv") != std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "bad"));
  // Retraining for women only; an unknown group is refused at its key.
  box.write("p.yaml", box.read("s.yaml") + policy + "    groups: [female]\n");
  const auto women = box.run("run p.yaml -o women --no-report --no-xlsx --quiet");
  CAPTURE(women.err);
  CHECK(women.code == 0);
  CHECK(box.read("women/policies.csv").find("\nretraining,retraining,") != std::string::npos);
  box.write("p.yaml", box.read("s.yaml") + policy + "    groups: [women]\n");
  const auto unknown = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find(
            "p.yaml:18:13: policies[0].groups: unknown group 'women': the economy tiny's groups of workers are "
            "female, male, self_employed, employees") != std::string::npos);

  // Job-search assistance for the self-employed of AGR: the participants are the take-up × the
  // self-employed (40%) of AGR's displaced.
  box.write("p.yaml", box.read("s.yaml") +
                          "policies:\n  - type: job_search_assistance\n    sectors: [AGR]\n"
                          "    groups: [self_employed]\n"
                          "    take_up: 0.5\n    cost_per_participant: 0.1\n    reemployment_effect: 0.2\n");
  const auto own = box.run("run p.yaml -o own --no-report --no-xlsx --quiet");
  CAPTURE(own.err);
  REQUIRE(own.code == 0);
  CHECK(own.err.empty());
  const YAML::Node own_summary = YAML::LoadFile((box.dir / "own" / "summary.json").string());
  const YAML::Node sectors = own_summary["policies"][0]["by_sector"];
  double agr_participants = -1.0;
  for (const auto& x : sectors) {
    if (x["sector"].as<std::string>() == "AGR")
      agr_participants = x["participants"].as<double>();
    else
      CHECK(x["participants"].as<double>() == 0.0);
  }
  CHECK(own_summary["policies"][0]["participants"].as<double>() == doctest::Approx(agr_participants).epsilon(1e-12));
  // AGR's displaced from sectors.csv (the tiny economy's names have no commas).
  const std::string sector_csv = box.read("own/sectors.csv");
  const auto cells = [](const std::string& line) {
    std::vector<std::string> out(1);
    for (char ch : line) {
      if (ch == ',')
        out.emplace_back();
      else
        out.back().push_back(ch);
    }
    return out;
  };
  const auto header = cells(sector_csv.substr(0, sector_csv.find('\n')));
  const auto agr_at = sector_csv.find("\nAGR,");
  REQUIRE(agr_at != std::string::npos);
  const auto agr = cells(sector_csv.substr(agr_at + 1, sector_csv.find('\n', agr_at + 1) - agr_at - 1));
  const auto col = std::find(header.begin(), header.end(), "displaced") - header.begin();
  REQUIRE(static_cast<size_t>(col) < agr.size());
  const double agr_displaced = std::stod(agr[static_cast<size_t>(col)]);
  CHECK(agr_displaced > 0.0);
  CHECK(agr_participants == doctest::Approx(0.5 * 0.4 * agr_displaced).epsilon(1e-9));
  box.write("p.yaml", box.read("s.yaml") + policy + "    groups: [self-employed]\n");
  const auto dash = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
  CHECK(dash.code == 2);
  CHECK(dash.out.empty());
  CHECK(dash.err.find("p.yaml:18:13: policies[0].groups: unknown group 'self-employed': the economy tiny's groups of "
                      "workers are female, male, self_employed, employees") != std::string::npos);

  // Displaced formal workers re-employed informally count in the job-quality balance: with no
  // exits every displaced worker is re-employed, and ψ of the formal ones take informal jobs.
  box.write("econ/employment.csv",
            "sector,total,female,informal,self_employed,annual_wage\nAGR,1000,0.3,0.5,0.4,25000\n"
            "MAN,1500,0.35,0.1,0.05,50000\nSER,3000,0.55,0.2,0.1,40000\n");
  box.write("p.yaml", box.read("s.yaml") +
                          "labour_market:\n  informal_reemployment_share: 0.3\n  informal_wage_penalty: 0.2\n"
                          "  exit_rate: 0\n");
  const auto moves = box.run("run p.yaml -o moves --no-report --no-xlsx --quiet");
  CAPTURE(moves.err);
  REQUIRE(moves.code == 0);
  CHECK(moves.err.empty());
  const std::string moves_csv = box.read("moves/sectors.csv");
  const auto moves_header = cells(moves_csv.substr(0, moves_csv.find('\n')));
  const auto displaced_col =
      static_cast<size_t>(std::find(moves_header.begin(), moves_header.end(), "displaced") - moves_header.begin());
  double formal_displaced = 0.0;
  for (const auto& [code, informal_share] : {std::pair<std::string, double>{"AGR", 0.5}, {"MAN", 0.1}, {"SER", 0.2}}) {
    const auto at = moves_csv.find("\n" + code + ",");
    REQUIRE(at != std::string::npos);
    const auto row_cells = cells(moves_csv.substr(at + 1, moves_csv.find('\n', at + 1) - at - 1));
    REQUIRE(displaced_col < row_cells.size());
    formal_displaced += (1.0 - informal_share) * std::stod(row_cells[displaced_col]);
  }
  CHECK(formal_displaced > 0.0);
  const std::string quality = box.read("moves/quality.csv");
  const auto moved_at = quality.find("\nreemployed_informally,formality,informal,");
  REQUIRE(moved_at != std::string::npos);
  const std::string moved_line = quality.substr(moved_at + 1, quality.find('\n', moved_at + 1) - moved_at - 1);
  const auto moved = cells(moved_line);
  REQUIRE(moved.size() == 6);
  CHECK(std::stod(moved[3]) == doctest::Approx(0.3 * formal_displaced).epsilon(1e-9));
  CHECK(moved[4] == "NA");
  const YAML::Node moves_summary = YAML::LoadFile((box.dir / "moves" / "summary.json").string());
  CHECK(moves_summary["job_quality"]["reemployed_informally"].as<double>() ==
        doctest::Approx(std::stod(moved[3])).epsilon(1e-12));
  const fs::path fixture = fs::path(tradejobs_test::kSource) / "tests/fixtures/tiny_economy/employment.csv";
  box.write("econ/employment.csv", tradejobs_test::read_text(fixture));

  // An extension to a group the economy has not (the tiny economy has no informal share).
  box.write("p.yaml",
            box.read("s.yaml") + "policies:\n  - type: benefit_extension\n    groups: [informal]\n    coverage: 0.5\n");
  const auto ext = box.run("run p.yaml -o bad --no-report --no-xlsx --quiet");
  CHECK(ext.code == 2);
  CHECK(ext.out.empty());
  CHECK(ext.err.find("p.yaml:12:13: policies[0].groups: the economy tiny") != std::string::npos);
  CHECK(ext.err.find("has no 'informal' share in employment.csv") != std::string::npos);
}
