// ctest-labels: data
// The scenario runner on the real USA 2014 economy (issues 2, 3, 4): the solver paths against a
// fresh factorisation, identities after every shock, zero change, the US-China scenario, and
// the consistency of jobs, groups and the adjustment path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "trade_test_support.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/runner.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kUsa = kSource + "/scenarios/economies/usa-2014";

const PreparedEconomy& usa() {
  static const auto p = prepare_economy(kUsa);
  return *p;
}

/// The single-region trade model of USA 2014, built the way its trade backend builds it.
const TradeModel& usa_trade() {
  static const TradeModel m(usa().economy, usa().coefficients, usa().io);
  return m;
}

/// A scenario file in a temp folder, pointing at usa-2014.
Scenario scenario_from(const std::string& name, const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / "tradejobs_test_scenario";
  fs::create_directories(dir);
  const fs::path file = dir / (name + ".yaml");
  std::ofstream(file) << "schema_version: 1\nname: " << name << "\neconomy: " << kUsa << "\n" << body;
  return load_scenario(file.string());
}

double relative(const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return (a - b).norm() / b.norm(); }

}  // namespace

TEST_CASE("USA 2014: Woodbury and iterative paths equal a fresh factorisation for 1, 5 and 20 sectors") {
  test::check_solver_paths_against_fresh_factorisation(usa().economy, 1e-10);
}

TEST_CASE("USA 2014: a zero change gives exactly zero change everywhere; prices are exactly 1") {
  const Scenario s = scenario_from("zero", "measures:\n  - type: tariff\n    partners: [CHN]\n    change: 0\n");
  const ResolvedScenario rs = resolve_scenario(s, usa());
  const ScenarioResult r = run_scenario(usa(), rs);
  CHECK(r.trade.output_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK((r.trade.domestic_price.array() == 1.0).all());
  CHECK(r.jobs.jobs_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.totals.displaced == 0.0);
  CHECK(r.totals.adjustment_cost == 0.0);
  CHECK(r.totals.tariff_revenue_change == 0.0);
}

TEST_CASE("USA 2014: the US-China scenario keeps every identity") {
  const Scenario s = load_scenario(kSource + "/scenarios/us-china-2018.yaml");
  const ResolvedScenario rs = resolve_scenario(s, usa());
  const ScenarioResult r = run_scenario(usa(), rs);
  // Row identity x' = A'x' + Fd'·1 + e' after the shock (docs/model.md §3).
  CHECK(usa_trade().row_identity_residual(r.trade) < 1e-9);
  // The iterative path equals a fresh factorisation of the shocked table.
  CHECK(relative(r.trade.output, usa_trade().solve_fresh(r.trade)) < 1e-10);
  // Jobs: created − destroyed = net; every group split adds up to the sector change.
  CHECK(r.totals.jobs_created - r.totals.jobs_destroyed == doctest::Approx(r.totals.jobs_change).epsilon(1e-12));
  for (const auto& split : usa().group_splits) {
    double sum = 0.0;
    for (const auto& g : r.jobs.groups)
      if (g.dimension == split.dimension) sum += g.jobs_change;
    CHECK(sum == doctest::Approx(r.totals.jobs_change).epsilon(1e-9));
  }
  // The tariffs raise US import prices from China, lower imports from China, raise tariff revenue.
  CHECK(r.totals.tariff_revenue_change > 0.0);
  const int chn = 0;
  CHECK((r.trade.imports.col(chn) - r.trade.imports_base.col(chn)).sum() < 0.0);
  // Displacement equals the jobs destroyed when everything happens in year 1.
  CHECK(r.totals.displaced == doctest::Approx(r.totals.jobs_destroyed).epsilon(1e-9));
  // Costs add up: adjustment = private + public.
  CHECK(r.totals.adjustment_cost == doctest::Approx(r.totals.private_cost + r.totals.public_cost).epsilon(1e-9));
  // Agriculture (soybeans) loses exports to China under the retaliation.
  const int a01 = usa().economy.sector_index("A01");
  CHECK(r.trade.exports(a01, 0) < r.trade.exports_base(a01, 0));
}

TEST_CASE("USA 2014: price feedback off takes the Woodbury path; the downstream price effects vanish") {
  const std::string body =
      "measures:\n  - type: tariff\n    sectors: [C24, C25]\n    partners: [CHN]\n    change: 0.25\n"
      "options: {price_feedback: false}\n";
  const ScenarioResult r = run_scenario(usa(), resolve_scenario(scenario_from("woodbury", body), usa()));
  CHECK(r.trade.solver_path == "woodbury");
  CHECK((r.trade.domestic_price.array() == 1.0).all());
  CHECK(relative(r.trade.output, usa_trade().solve_fresh(r.trade)) < 1e-10);
  const std::string on =
      "measures:\n  - type: tariff\n    sectors: [C24, C25]\n    partners: [CHN]\n    change: 0.25\n";
  const ScenarioResult q = run_scenario(usa(), resolve_scenario(scenario_from("iterative", on), usa()));
  CHECK(q.trade.solver_path == "iterative");
  const int c29 = usa().economy.sector_index("C29");  // motor vehicles use metals
  CHECK(q.trade.domestic_price(c29) > 1.0);
}

TEST_CASE("USA 2014: phase-in spreads displacement but keeps the final change") {
  const std::string body1 = "measures:\n  - type: export_demand\n    sectors: [A01]\n    percent: -20\n";
  const std::string body5 = body1 + "    phase_in_years: 5\n";
  const ScenarioResult r1 = run_scenario(usa(), resolve_scenario(scenario_from("p1", body1), usa()));
  const ScenarioResult r5 = run_scenario(usa(), resolve_scenario(scenario_from("p5", body5), usa()));
  CHECK(r5.jobs_path.col(10).isApprox(r1.jobs_path.col(10), 1e-12));
  CHECK(r5.solves == 5);  // years 1..4 at 20%..80%, year 5 onwards at 100%
  CHECK(r5.adjustment.timeline[1].displaced < r1.adjustment.timeline[1].displaced);
  CHECK(r5.totals.displaced == doctest::Approx(r1.totals.displaced).epsilon(1e-6));
}

TEST_CASE("USA 2014: Type II induced effects have the sign of the Type I effect") {
  const std::string body =
      "measures:\n  - type: final_demand\n    sectors: [F]\n    quantity: 1000\noptions: {induced: true}\n";
  const ScenarioResult r = run_scenario(usa(), resolve_scenario(scenario_from("induced", body), usa()));
  CHECK(r.totals.jobs_change > 0.0);
  CHECK(r.totals.jobs_change_induced > 0.0);
  // Final-demand multiplier check: Δx = L·Δf for a pure final-demand shock.
  Eigen::VectorXd df = Eigen::VectorXd::Zero(usa().economy.sectors());
  df(usa().economy.sector_index("F")) = 1000;
  CHECK(relative(r.trade.output_change, usa().io.solve(df)) < 1e-9);
}

TEST_CASE("scenario errors: key paths and resolution") {
  Scenario s = scenario_from("paths", "measures:\n  - type: tariff\n    partners: [CHN]\n    from: 0\n    to: 0.1\n");
  CHECK(set_scenario_value(s, "measures[0].to", 0.2) == "");
  CHECK(set_scenario_value(s, "measures[3].to", 0.2) == "measure index 3 is out of range: the scenario has 1 measures");
  CHECK(set_scenario_value(s, "parameters.armington.C26", 3.0) == "");
  CHECK(set_scenario_value(s, "parameters.armington", -1.0) ==
        "parameters.armington = -1: must be an elasticity of substitution in [0, 100]");
  CHECK(set_scenario_value(s, "labour_market.exit_rate", 0.1) == "");
  CHECK(set_scenario_value(s, "labour_market.exit", 0.1) == "unknown labour_market key 'exit'");
  CHECK(set_scenario_value(s, "colour", 1) ==
        "unknown key path 'colour': expected measures[i].KEY, parameters.NAME[.SECTOR], labour_market.KEY or "
        "policies[i].KEY");
  s.parameters["armington"].by_sector["XX"] = 2.0;
  CHECK_THROWS_WITH_AS(resolve_scenario(s, usa()), doctest::Contains("parameters.armington.XX: unknown sector 'XX'"),
                       InputError);
}
