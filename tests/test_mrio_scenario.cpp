// ctest-labels: unit
// Scenarios on multi-region economies (docs/mrio.md "Scenarios", issue 7) through the real
// scenario path (YAML -> runner -> result files) on the hand-written three-region table
// tests/fixtures/mrio3 (test data, see its README). The committed scenario world-2011-tariff.yaml
// on the WIOD 2013 world table is tested in test_mrio_scenario_world.cpp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "run/multi_region_backend.h"
#include "tradejobs/engine/cli.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"
#include "tradejobs/engine/sweep.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kMrio3 = kSource + "/tests/fixtures/mrio3";
const std::string kMrio3Unknown = kSource + "/tests/fixtures/mrio3/ccc_jobs_unknown";
const std::string kMrio3NoJobs = kSource + "/tests/fixtures/mrio3/no_jobs";
const fs::path kScratch = fs::temp_directory_path() / ("tradejobs_mrio_scenario_" + std::to_string(::getpid()));

/// Removes the scratch folder when the test executable ends.
struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(kScratch, ec);
  }
} cleanup;

/// Writes a scenario file (header + body) and returns its path.
std::string scenario_file(const std::string& name, const std::string& economy, const std::string& body) {
  fs::create_directories(kScratch);
  const std::string path = (kScratch / (name + ".yaml")).string();
  std::ofstream(path) << "schema_version: 1\nname: " << name << "\neconomy: " << economy << "\n" << body;
  return path;
}

const PreparedEconomy& mrio3() {
  static const auto p = prepare_economy(kMrio3);
  return *p;
}

/// A CSV result file as a map (row label, column) -> cell, for rows keyed by their first
/// `key_columns` cells joined by '|'.
struct Table {
  CsvTable t;
  std::string cell(const std::string& key, const std::string& column, int key_columns = 1) const {
    const int c = t.require_column(column);
    for (const auto& row : t.rows) {
      std::string k = row[0];
      for (int q = 1; q < key_columns; ++q) k += "|" + row[q];
      if (k == key) return row[c];
    }
    FAIL("no row " << key << " in " << t.path);
    return "";
  }
  double number(const std::string& key, const std::string& column, int key_columns = 1) const {
    return std::stod(cell(key, column, key_columns));
  }
};

Table read(const std::string& path) { return Table{read_csv(path)}; }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kBilateral =
    "measures:\n"
    "  - type: tariff\n"
    "    importer: AAA\n"
    "    sectors: [goods]\n"
    "    partners: [BBB]\n"
    "    from: 0\n"
    "    to: 0.25\n";

}  // namespace

TEST_CASE("a bilateral tariff in mrio3 diverts imports to the third region and moves its jobs (YAML -> files)") {
  const std::string file = scenario_file("bilateral", kMrio3, kBilateral);
  const std::string out = (kScratch / "bilateral").string();
  std::ostringstream o, e;
  REQUIRE(run_cli({"run", file, "-o", out}, o, e) == 0);
  CHECK(e.str().empty());
  // The terminal shows a per-region summary: importer, taxed source, third region.
  CHECK(o.str().find("AAA (importer)") != std::string::npos);
  CHECK(o.str().find("BBB (taxed)") != std::string::npos);
  CHECK(o.str().find("CCC (third)") != std::string::npos);

  // sectors.csv: region column after sector (docs/model.md §9 names kept).
  const Table sectors = read(out + "/sectors.csv");
  REQUIRE(sectors.t.header.size() > 3);
  CHECK(sectors.t.header[0] == "sector");
  CHECK(sectors.t.header[1] == "region");
  CHECK(sectors.t.header[2] == "name");
  CHECK(sectors.cell("CCC_goods", "region") == "CCC");

  // regions.csv: trade destruction in the taxed source, diversion to the third region.
  const Table regions = read(out + "/regions.csv");
  REQUIRE(regions.t.rows.size() == 3);
  CHECK(regions.t.header == std::vector<std::string>{"region", "output_base", "output_change", "jobs_base",
                                                     "jobs_change", "jobs_created", "jobs_destroyed", "imports_change",
                                                     "exports_change", "tariff_revenue_change"});
  CHECK(regions.number("CCC", "output_change") > 0.0);
  CHECK(regions.number("CCC", "jobs_change") > 0.0);
  CHECK(regions.number("BBB", "output_change") < 0.0);
  CHECK(regions.number("BBB", "jobs_change") < 0.0);
  CHECK(regions.number("AAA", "imports_change") < 0.0);
  CHECK(regions.number("AAA", "tariff_revenue_change") > 0.0);
  CHECK(regions.number("BBB", "tariff_revenue_change") == 0.0);
  CHECK(regions.number("AAA", "output_base") == doctest::Approx(143.0 + 143.0));

  // partners.csv from each sector's region: AAA's goods imports from BBB fall, from CCC rise;
  // BBB's goods sales to AAA fall by exactly what AAA imports less from BBB.
  const Table partners = read(out + "/partners.csv");
  CHECK(partners.t.rows.size() == 6 * 2);
  const double from_bbb = partners.number("AAA_goods|BBB", "imports_change", 2);
  CHECK(from_bbb < 0.0);
  CHECK(partners.number("AAA_goods|CCC", "imports_change", 2) > 0.0);
  CHECK(partners.number("BBB_goods|AAA", "exports_change", 2) == doctest::Approx(from_bbb).epsilon(1e-12));
  CHECK(partners.number("AAA_goods|BBB", "imports_base", 2) == doctest::Approx(12.0 + 3.0 + 25.0 + 2.0));

  const std::string summary = slurp(out + "/summary.json");
  CHECK(summary.find("\"regions\"") != std::string::npos);
  CHECK(summary.find("\"importer\": \"AAA\"") != std::string::npos);
  CHECK(fs::exists(out + "/report.html"));
}

TEST_CASE("mrio3 scenario: identities hold and jobs follow output in every region") {
  const Scenario s = load_scenario(scenario_file("identities", kMrio3, kBilateral));
  const PreparedEconomy& pe = mrio3();
  const ResolvedScenario rs = resolve_scenario(s, pe);
  const ScenarioResult r = run_scenario(pe, rs);
  REQUIRE(r.regional);
  CHECK(r.trade.solver_path == "mrio-iterative");
  // x' = A'x' + Y'·1 with the shocked system of the same measures.
  const MultiRegionBackend backend(pe);
  const MrioShock shock = backend.shock_at(rs, {1.0});
  REQUIRE(shock.tariffs.size() == 1);
  CHECK(shock.tariffs[0].importer == "AAA");
  CHECK(shock.tariffs[0].sources == std::vector<std::string>{"BBB"});
  const MrioShockedSystem sys = backend.model().shocked_system(shock.tariffs, rs.mrio_parameters);
  const Eigen::VectorXd x = r.trade.output;
  const Eigen::VectorXd residual = x - sys.technical_coefficients * x - sys.final_demand.rowwise().sum();
  CHECK(residual.cwiseAbs().maxCoeff() <= 1e-12 * x.cwiseAbs().maxCoeff());
  // Labour module (θ = 1): ΔN_j = N_j Δx_j / x_j; totals add up over regions.
  const Economy& e = pe.economy;
  double by_regions = 0.0;
  for (const RegionTotals& t : r.regional->totals) by_regions += t.jobs_change;
  CHECK(by_regions == doctest::Approx(r.totals.jobs_change).epsilon(1e-12));
  for (int j = 0; j < e.sectors(); ++j)
    CHECK(r.jobs.jobs_change(j) ==
          doctest::Approx(e.employment(j) * r.trade.output_change(j) / pe.coefficients.gross_output(j)).epsilon(1e-10));
  CHECK(r.totals.jobs_created - r.totals.jobs_destroyed == doctest::Approx(r.totals.jobs_change));
  CHECK(r.totals.displaced > 0.0);
  // The sector view agrees with the bilateral flows: world imports = world exports (closed table).
  CHECK(r.totals.imports_change == doctest::Approx(r.totals.exports_change).epsilon(1e-12));
}

TEST_CASE("mrio3: a tariff kept at its level changes nothing, exactly") {
  const std::string body =
      "measures:\n  - {type: tariff, importer: AAA, sectors: [goods], partners: all, from: 0.1, to: 0.1}\n";
  const PreparedEconomy& pe = mrio3();
  const ScenarioResult r = run_scenario(pe, resolve_scenario(load_scenario(scenario_file("zero", kMrio3, body)), pe));
  CHECK(r.trade.solver_path == "baseline");
  CHECK(r.trade.output_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.jobs.jobs_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.totals.tariff_revenue_change == doctest::Approx(0.0).epsilon(1e-14));
  CHECK(r.totals.displaced == 0.0);
}

TEST_CASE("mrio3: a final-demand shock on one region's sector is the Leontief solution") {
  // No price moves, so x' − x = L·Δf exactly (docs/model.md §2).
  const PreparedEconomy& pe = mrio3();
  for (const std::string category : {"household", "CCC_household"}) {
    CAPTURE(category);
    const std::string body =
        "measures:\n  - {type: final_demand, sectors: [BBB_services], category: " + category + ", quantity: 10}\n";
    const ResolvedScenario rs = resolve_scenario(load_scenario(scenario_file("fd", kMrio3, body)), pe);
    REQUIRE(rs.measures[0].final_demand_columns.size() == 1);
    const std::string column = pe.economy.final_demand_categories[rs.measures[0].final_demand_columns[0]];
    CHECK(column == (category == "household" ? "BBB_household" : "CCC_household"));
    const ScenarioResult r = run_scenario(pe, rs);
    Eigen::VectorXd df = Eigen::VectorXd::Zero(6);
    df(3) = 10.0;
    const Eigen::VectorXd expected = pe.io.solve(df);
    CHECK((r.trade.output_change - expected).cwiseAbs().maxCoeff() <= 1e-10);
  }
}

TEST_CASE("mrio3: a phase-in over two years solves the half-way year") {
  const std::string body = std::string(kBilateral) + "    phase_in_years: 2\n";
  const PreparedEconomy& pe = mrio3();
  const ScenarioResult r = run_scenario(pe, resolve_scenario(load_scenario(scenario_file("phase", kMrio3, body)), pe));
  CHECK(r.solves == 2);
  const int ccc_goods = 4;
  CHECK(r.jobs_path(ccc_goods, 1) > 0.0);
  CHECK(r.jobs_path(ccc_goods, 1) < r.jobs_path(ccc_goods, 2));
  CHECK(r.jobs_path(ccc_goods, 2) == r.jobs.jobs_change(ccc_goods));
}

TEST_CASE("regions without employment report output and NA for jobs, never zero") {
  const std::string file = scenario_file("unknown", kMrio3Unknown, kBilateral);
  const std::string out = (kScratch / "unknown").string();
  std::ostringstream o, e;
  REQUIRE(run_cli({"run", file, "-o", out}, o, e) == 0);
  CHECK(o.str().find("jobs unknown (no employment data) in 1 of 3 regions") != std::string::npos);
  const Table sectors = read(out + "/sectors.csv");
  for (const std::string s : {"CCC_goods", "CCC_services"}) {
    CAPTURE(s);
    for (const char* column :
         {"jobs_base", "jobs_change", "jobs_created", "jobs_destroyed", "displaced", "adjustment_cost"})
      CHECK(sectors.cell(s, column) == "NA");
    CHECK(sectors.cell(s, "output_change") != "NA");
  }
  CHECK(sectors.number("CCC_goods", "output_change") > 0.0);
  CHECK(sectors.cell("BBB_goods", "jobs_change") != "NA");
  const Table regions = read(out + "/regions.csv");
  CHECK(regions.cell("CCC", "jobs_change") == "NA");
  CHECK(regions.cell("CCC", "jobs_base") == "NA");
  CHECK(regions.number("CCC", "output_change") > 0.0);
  // Totals cover the regions with data: equal to the full fixture's AAA + BBB jobs.
  const PreparedEconomy& full = mrio3();
  const ScenarioResult all =
      run_scenario(full, resolve_scenario(load_scenario(scenario_file("all", kMrio3, kBilateral)), full));
  double known = 0.0;
  for (int j = 0; j < 4; ++j) known += all.jobs.jobs_change(j);
  const std::string summary = slurp(out + "/summary.json");
  const size_t at = summary.find("\"regions_without_jobs\"");
  REQUIRE(at != std::string::npos);
  const std::string listed = summary.substr(at, summary.find(']', at) - at);
  CHECK(listed.find("\"CCC\"") != std::string::npos);
  CHECK(listed.find("\"AAA\"") == std::string::npos);
  CHECK(summary.find("jobs are unknown (no employment data) in 1 of 3 regions (CCC)") != std::string::npos);
  const auto pe = prepare_economy(kMrio3Unknown);
  const ScenarioResult r = run_scenario(*pe, resolve_scenario(load_scenario(file), *pe));
  CHECK(r.totals.jobs_change == doctest::Approx(known).epsilon(1e-12));
  CHECK(fs::exists(out + "/report.html"));
}

TEST_CASE("no employment anywhere: every jobs, workers and cost total is null (unknown) and NA, never zero") {
  const std::string file = scenario_file("no_jobs", kMrio3NoJobs, kBilateral);
  const std::string out = (kScratch / "no_jobs").string();
  std::ostringstream o, e;
  REQUIRE(run_cli({"run", file, "-o", out}, o, e) == 0);
  CHECK(o.str().find("adjustment cost (discounted)         NA (no employment data)") != std::string::npos);
  CHECK(o.str().find("cost per displaced worker") == std::string::npos);
  const std::string summary = slurp(out + "/summary.json");
  for (const char* key :
       {"jobs_change", "jobs_created", "jobs_destroyed", "displaced", "adjustment_cost", "private_cost", "public_cost",
        "cost_per_displaced_worker", "wage_bill_change", "payback_years"}) {
    CAPTURE(key);
    CHECK(summary.find("\"" + std::string(key) + "\": null") != std::string::npos);
  }
  CHECK(summary.find("\"output_change\": null") == std::string::npos);
  const std::string html = slurp(out + "/report.html");
  CHECK(html.find("The economy has no employment data: jobs, displaced workers and adjustment costs are unknown (NA), "
                  "not zero.") != std::string::npos);
}

TEST_CASE("bad measures on a multi-region economy give exact errors") {
  const PreparedEconomy& pe = mrio3();
  auto error_of = [&](const std::string& body, const std::string& economy = kMrio3) -> std::string {
    const std::string file = scenario_file("bad", economy, body);
    try {
      const Scenario s = load_scenario(file);
      const auto other = economy == kMrio3 ? nullptr : prepare_economy(economy);
      const PreparedEconomy& p = other ? *other : pe;
      const ResolvedScenario rs = resolve_scenario(s, p);
      (void)run_scenario(p, rs);
    } catch (const InputError& ex) {
      const std::string m = ex.what();
      return m.rfind(file, 0) == 0 ? m.substr(file.size()) : m;
    }
    return "no error";
  };
  CHECK(error_of("measures:\n  - {type: tariff, sectors: [goods], to: 0.1}\n") ==
        ":5:5: measures[0]: a tariff on the multi-region economy mrio3 needs 'importer': the region that levies it "
        "(one of AAA, BBB, CCC)");
  CHECK(error_of("measures:\n  - type: tariff\n    importer: XXX\n    to: 0.1\n") ==
        ":6:15: measures[0].importer: unknown region 'XXX': expected one of AAA, BBB, CCC");
  CHECK(error_of("measures:\n  - {type: tariff, importer: AAA, sectors: [BBB_goods], to: 0.1}\n") ==
        ":5:5: measures[0].sectors: 'BBB_goods' is a sector of region BBB: a tariff names industries (e.g. goods), the "
        "region that levies it is 'importer' and the regions taxed are 'partners'");
  CHECK(error_of("measures:\n  - {type: tariff, importer: AAA, sectors: [steel], to: 0.1}\n") ==
        ":5:5: measures[0].sectors: unknown industry 'steel': expected an industry code of economy mrio3 (goods, "
        "services) or a sector group");
  CHECK(error_of("measures:\n  - {type: tariff, importer: AAA, partners: [AAA], to: 0.1}\n") ==
        ":5:5: measures[0].partners: 'AAA' is the importer itself: a tariff applies to imports from other regions");
  CHECK(error_of("measures:\n  - {type: tariff, importer: AAA, partners: [ZZZ], to: 0.1}\n") ==
        ":5:5: measures[0].partners: unknown region 'ZZZ': expected source regions of the table (AAA, BBB, CCC) or "
        "'all'");
  CHECK(
      error_of("measures:\n  - {type: export_demand, percent: -10}\n") ==
      ":5:5: measures[0].type: export_demand is not applicable on the multi-region economy mrio3: exports are the "
      "bilateral flows of the table; write a partner's tariff on a region's exports as a tariff with importer: PARTNER "
      "and partners: [REGION]");
  CHECK(error_of("measures:\n  - {type: quota, sectors: [goods], quantity: 5}\n") ==
        ":5:5: measures[0].type: quota measures are not available on a multi-region economy yet (available: tariff, "
        "final_demand)");
  CHECK(error_of("measures:\n  - {type: final_demand, sectors: [goods], quantity: 5}\n") ==
        ":5:5: measures[0].sectors: 'goods' is an industry of every region: name the region's sector, e.g. AAA_goods");
  CHECK(error_of("measures:\n  - {type: final_demand, sectors: [AAA_goods], category: npish, quantity: 5}\n") ==
        ":5:5: measures[0].category: unknown final-demand category 'npish' for AAA_goods: expected a category of its "
        "region (AAA_npish is not a column) or a column code (AAA_household, AAA_government, BBB_household, "
        "BBB_government, CCC_household, CCC_government)");
  CHECK(error_of("measures:\n  - {type: final_demand, importer: AAA, sectors: [AAA_goods], quantity: 5}\n") ==
        ":5:36: measures[0].importer: only tariff measures take an importer (the region that levies the tariff)");
  CHECK(error_of("parameters:\n  armington: {AAA_goods: 2}\n") ==
        ":5:15: parameters.armington.AAA_goods: 'AAA_goods' is a sector of region AAA: on a multi-region economy "
        "elasticities "
        "are per industry, the same in every region (write goods)");
  CHECK(error_of("parameters:\n  export_demand: -1\n") ==
        ":5:3: parameters.export_demand: not applicable on the multi-region economy mrio3: foreign demand is modelled "
        "by the "
        "importing regions' Armington nests (armington, source_substitution)");
  CHECK(error_of("options: {induced: true}\n") ==
        ":4:11: options.induced: Type II induced effects are not available on the multi-region economy mrio3 (its "
        "households "
        "are not closed region by region): set induced: false");
  // A rate taken below zero by a change.
  CHECK(error_of("measures:\n  - {type: tariff, importer: AAA, sectors: [goods], partners: [BBB], change: -0.1}\n") ==
        ":5:5: measures[0]: the tariff of AAA on goods falls below zero (-0.1): the baseline rate 'from' is 0, check "
        "from/to/change");
  // An importer on a single-region economy.
  CHECK(error_of("measures:\n  - type: tariff\n    importer: AAA\n    to: 0.1\n",
                 kSource + "/tests/fixtures/tiny_economy") ==
        ":6:15: measures[0].importer: the economy tiny is single-region (its tariffs are levied by XXX): remove "
        "'importer'; 'partners' names the source regions");
}

TEST_CASE("parameters map to the MRIO trade model per industry") {
  const std::string body =
      "parameters:\n  armington: {default: 0.8, goods: 2}\n  source_substitution: 2.5\n  pass_through: {services: "
      "0.5}\n"
      "options: {price_feedback: false}\n";
  const ResolvedScenario rs = resolve_scenario(load_scenario(scenario_file("prm", kMrio3, body)), mrio3());
  const MrioTradeParameters& p = rs.mrio_parameters;
  CHECK(p.armington == 0.8);
  REQUIRE(p.armington_by_product.size() == 2);
  CHECK(p.armington_by_product(0) == 2.0);
  CHECK(std::isnan(p.armington_by_product(1)));
  CHECK(p.source_substitution == 2.5);
  CHECK(p.pass_through == 1.0);
  CHECK(p.pass_through_by_product(1) == 0.5);
  CHECK_FALSE(p.price_feedback);
}
