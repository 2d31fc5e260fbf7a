// ctest-labels: unit
// The two trade backends (engine/src/run/trade_backend.h) through their interface, on the tiny
// committed test economies: tests/fixtures/tiny_economy (single region, partners CHN and ROW)
// and tests/fixtures/mrio3 (three regions, two industries). Each backend gives what the direct
// model calls give; the row identity x' = Z'·1 + f' holds after the shock; what a backend does
// not support is refused with the located message of the scenario.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run/multi_region_backend.h"
#include "run/single_region_backend.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kTiny = kSource + "/tests/fixtures/tiny_economy";
const std::string kMrio3 = kSource + "/tests/fixtures/mrio3";
const fs::path kScratch = fs::temp_directory_path() / ("tradejobs_backend_" + std::to_string(::getpid()));

struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(kScratch, ec);
  }
} cleanup;

/// Writes a scenario (three header lines, then `body`: its first line is line 4) and returns its path.
std::string scenario_file(const std::string& name, const std::string& economy, const std::string& body) {
  fs::create_directories(kScratch);
  const std::string path = (kScratch / (name + ".yaml")).string();
  std::ofstream(path) << "schema_version: 1\nname: " << name << "\neconomy: " << economy << "\n" << body;
  return path;
}

const PreparedEconomy& tiny() {
  static const auto p = prepare_economy(kTiny);
  return *p;
}

const PreparedEconomy& mrio3() {
  static const auto p = prepare_economy(kMrio3);
  return *p;
}

ResolvedScenario resolved(const std::string& name, const PreparedEconomy& pe, const std::string& economy,
                          const std::string& body) {
  return resolve_scenario(load_scenario(scenario_file(name, economy, body)), pe);
}

double max_abs(const Eigen::VectorXd& v) { return v.size() ? v.cwiseAbs().maxCoeff() : 0.0; }

/// A tariff of 20 points on manufactures from CHN, phased in over two years.
const char* kTinyTariff =
    "measures:\n  - {type: tariff, sectors: [MAN], partners: [CHN], from: 0, to: 0.2, phase_in_years: 2}\n";

/// AAA's tariff of 25 points on goods from BBB, phased in over two years.
const char* kMrioTariff =
    "measures:\n  - {type: tariff, importer: AAA, sectors: [goods], partners: [BBB], from: 0, to: 0.25, "
    "phase_in_years: 2}\n";

}  // namespace

TEST_CASE("prepare_economy chooses the backend by the region column of sectors.csv") {
  CHECK(dynamic_cast<const SingleRegionBackend*>(tiny().backend.get()) != nullptr);
  CHECK(dynamic_cast<const MultiRegionBackend*>(mrio3().backend.get()) != nullptr);
}

TEST_CASE("single-region backend: the same results as the direct TradeModel calls") {
  const PreparedEconomy& pe = tiny();
  const ResolvedScenario rs = resolved("tiny_tariff", pe, kTiny, kTinyTariff);
  const TradeBackend& backend = *pe.backend;
  const ScenarioResult r = backend.run(rs);
  CHECK_FALSE(r.regional);  // nothing regional on a single-region economy

  // The direct calls: the model of the economy, the shock built by hand.
  const TradeModel model(pe.economy, pe.coefficients, pe.io);
  TradeShock shock = model.no_change();
  const int man = pe.economy.sector_index("MAN");
  const int chn = 0;  // imports_by_partner.csv: CHN, ROW
  REQUIRE(model.import_partner_names()[chn] == "CHN");
  shock.tariff(man, chn) = 0.2;
  const TradeResult direct = model.solve(shock, rs.parameters, rs.trade_options);
  CHECK(r.trade.output == direct.output);
  CHECK(r.trade.domestic_price == direct.domestic_price);
  CHECK(r.trade.imports == direct.imports);
  CHECK(r.trade.exports == direct.exports);
  CHECK(r.trade.tariff_revenue == direct.tariff_revenue);
  CHECK(max_abs(r.trade.output_change) > 0.0);

  // The backend's shock is the hand-built one; year 1 is half the change.
  const SingleRegionBackend single(pe);
  CHECK(single.shock_at(rs, {1.0}).tariff == shock.tariff);
  TradeShock half = model.no_change();
  half.tariff(man, chn) = 0.1;
  CHECK(backend.output_at(rs, {0.5}) == model.solve(half, rs.parameters, rs.trade_options).output);
  CHECK(r.solves == 2);  // the full effect and phase-in year 1

  // The row identity after the shock: x' = Z'·1 + Fd'·1 + e'·1 with Z' = A'·diag(x').
  const Eigen::VectorXd x = r.trade.output;
  const Eigen::VectorXd f = r.trade.final_demand + r.trade.exports.rowwise().sum();
  const Eigen::VectorXd residual = x - model.shocked_technical_coefficients(r.trade) * x - f;
  CHECK(max_abs(residual) <= 1e-12 * max_abs(x));

  // run_scenario is the backend's run.
  CHECK(run_scenario(pe, rs).trade.output == r.trade.output);
}

TEST_CASE("single-region backend: a batch equals the runs one by one; a bad run fails alone") {
  const PreparedEconomy& pe = tiny();
  const ResolvedScenario a = resolved("tiny_batch_a", pe, kTiny, kTinyTariff);
  const ResolvedScenario b =
      resolved("tiny_batch_b", pe, kTiny, "measures:\n  - {type: tariff, sectors: [AGR, SER], change: 0.05}\n");
  const ResolvedScenario bad = resolved(
      "tiny_batch_bad", pe, kTiny, "measures:\n  - {type: tariff, sectors: [AGR], partners: [CHN], change: -0.3}\n");
  const std::vector<BatchedRun> batch = pe.backend->run_batch({&a, &bad, &b});
  REQUIRE(batch.size() == 3);
  REQUIRE_FALSE(batch[0].error);
  REQUIRE_FALSE(batch[2].error);
  const Eigen::VectorXd &xa = batch[0].result.trade.output, &xb = batch[2].result.trade.output;
  CHECK(max_abs(xa - pe.backend->run(a).trade.output) <= 1e-12 * max_abs(xa));
  CHECK(max_abs(xb - pe.backend->run(b).trade.output) <= 1e-12 * max_abs(xb));
  CHECK(batch[0].result.totals.jobs_change == doctest::Approx(pe.backend->run(a).totals.jobs_change).epsilon(1e-12));
  REQUIRE(batch[1].error);
  CHECK_THROWS_WITH_AS(std::rethrow_exception(batch[1].error),
                       doctest::Contains(": the measures take the tariff on AGR below zero ("), InputError);
  // `tradejobs check` builds the same shock.
  CHECK_THROWS_AS(pe.backend->check_shock(bad), InputError);
  CHECK_NOTHROW(pe.backend->check_shock(a));
}

TEST_CASE("single-region backend: partners.csv rows and measure labels") {
  const PreparedEconomy& pe = tiny();
  const ResolvedScenario rs = resolved("tiny_partners", pe, kTiny, kTinyTariff);
  const ScenarioResult r = pe.backend->run(rs);
  const PartnerTable t = pe.backend->partners(r);
  CHECK(t.partners == std::vector<std::string>{"CHN", "ROW"});
  REQUIRE(t.rows.size() == 3 * 2);
  for (const PartnerTable::Row& row : t.rows) {
    CHECK(row.has_imports);
    CHECK(row.has_exports);
    CHECK(row.imports_change ==
          r.trade.imports(row.sector, row.partner) - r.trade.imports_base(row.sector, row.partner));
  }
  const MeasureLabels labels = pe.backend->measure_labels(rs.measures[0]);
  CHECK(labels.importer.empty());
  CHECK(labels.sectors == std::vector<std::string>{"MAN"});
  CHECK(labels.partners == std::vector<std::string>{"CHN"});
}

TEST_CASE("multi-region backend: the same results as the direct MrioTradeModel calls") {
  const PreparedEconomy& pe = mrio3();
  const ResolvedScenario rs = resolved("mrio_tariff", pe, kMrio3, kMrioTariff);
  const TradeBackend& backend = *pe.backend;
  const ScenarioResult r = backend.run(rs);
  REQUIRE(r.regional);

  const MrioTradeModel model(pe.economy, pe.coefficients, pe.io);
  BilateralTariff tariff;
  tariff.importer = "AAA";
  tariff.product = 0;  // goods
  tariff.sources = {"BBB"};
  tariff.from = 0.0;
  tariff.to = 0.25;
  const MrioTradeResult direct = model.solve({tariff}, rs.mrio_parameters);
  CHECK(r.regional->trade.gross_output == direct.gross_output);
  CHECK(r.trade.output == direct.gross_output);  // the view by sector
  CHECK(r.trade.output_change == direct.output_change);
  CHECK(r.regional->trade.bilateral_flows.size() == direct.bilateral_flows.size());
  CHECK(max_abs(r.trade.output_change) > 0.0);
  tariff.to = 0.125;  // phase-in year 1: half the change
  CHECK(backend.output_at(rs, {0.5}) == model.solve({tariff}, rs.mrio_parameters).gross_output);

  // The row identity after the shock: x' = A'x' + Y'·1 with the shocked system of the same tariff.
  tariff.to = 0.25;
  const MrioShockedSystem sys = model.shocked_system({tariff}, rs.mrio_parameters);
  const Eigen::VectorXd x = r.trade.output;
  const Eigen::VectorXd residual = x - sys.technical_coefficients * x - sys.final_demand.rowwise().sum();
  CHECK(max_abs(residual) <= 1e-12 * max_abs(x));

  // The regional part: regions in table order, totals adding up to the run's.
  CHECK(r.regional->regions == std::vector<std::string>{"AAA", "BBB", "CCC"});
  REQUIRE(r.regional->totals.size() == 3);
  double output_change = 0.0, jobs_change = 0.0;
  for (const RegionTotals& t : r.regional->totals) {
    output_change += t.output_change;
    jobs_change += t.jobs_change;
  }
  CHECK(output_change == doctest::Approx(r.totals.output_change).epsilon(1e-12));
  CHECK(jobs_change == doctest::Approx(r.totals.jobs_change).epsilon(1e-12));
  CHECK(r.regional->regions_without_jobs.empty());
}

TEST_CASE("multi-region backend: partners.csv from each region's view, measure labels") {
  const PreparedEconomy& pe = mrio3();
  const ResolvedScenario rs = resolved("mrio_partners", pe, kMrio3, kMrioTariff);
  const ScenarioResult r = pe.backend->run(rs);
  const PartnerTable t = pe.backend->partners(r);
  CHECK(t.partners == std::vector<std::string>{"AAA", "BBB", "CCC"});
  REQUIRE(t.rows.size() == 6 * 2);  // each sector with the two other regions
  // A sector's imports from the other regions add up to the view's imports of its product.
  Eigen::VectorXd imports_change = Eigen::VectorXd::Zero(6);
  for (const PartnerTable::Row& row : t.rows) {
    CHECK(row.partner != row.sector / 2);  // never its own region
    imports_change(row.sector) += row.imports_change;
  }
  CHECK(max_abs(imports_change - r.trade.imports_change) <= 1e-12 * max_abs(r.trade.imports_change));
  const MeasureLabels labels = pe.backend->measure_labels(rs.measures[0]);
  CHECK(labels.importer == "AAA");
  CHECK(labels.sectors == std::vector<std::string>{"goods"});  // an industry, not a region's sector
  CHECK(labels.partners == std::vector<std::string>{"BBB"});
}

TEST_CASE("multi-region backend: unsupported measures are refused with located messages; a batch runs each run") {
  const PreparedEconomy& pe = mrio3();
  const std::string file =
      scenario_file("mrio_quota", kMrio3, "measures:\n  - {type: quota, sectors: [goods], quantity: 5}\n");
  const Scenario s = load_scenario(file);
  CHECK_THROWS_WITH_AS(pe.backend->resolve_measure(s, 0),
                       (file + ":5:5: measures[0].type: quota measures are not available on a multi-region economy yet "
                               "(available: tariff, final_demand)")
                           .c_str(),
                       InputError);
  CHECK_THROWS_WITH_AS(resolve_scenario(s, pe),
                       (file + ":5:5: measures[0].type: quota measures are not available on a multi-region economy yet "
                               "(available: tariff, final_demand)")
                           .c_str(),
                       InputError);
  // A batch (what a sweep asks) is the runs one by one, each with its regional part.
  const ResolvedScenario rs = resolved("mrio_batch", pe, kMrio3, kMrioTariff);
  const std::vector<BatchedRun> batch = pe.backend->run_batch({&rs, &rs});
  REQUIRE(batch.size() == 2);
  REQUIRE_FALSE(batch[0].error);
  REQUIRE(batch[0].result.regional);
  const ScenarioResult one = pe.backend->run(rs);
  CHECK(batch[1].result.trade.output == one.trade.output);
  CHECK(batch[0].result.regional->totals.size() == one.regional->totals.size());
  // Two tariffs on one flow: `tradejobs check` finds it without solving.
  const ResolvedScenario twice = resolved("mrio_twice", pe, kMrio3,
                                          "measures:\n  - {type: tariff, importer: AAA, sectors: [goods], partners: "
                                          "[BBB], to: 0.1}\n  - {type: tariff, importer: AAA, sectors: [goods], to: "
                                          "0.2}\n");
  CHECK_THROWS_WITH_AS(
      pe.backend->check_shock(twice),
      doctest::Contains("measures[1]: the tariff of AAA on goods from BBB is already set by measures[0]"), InputError);
}

TEST_CASE("the result files ask the backend: regions.csv only where the result has a regional part") {
  const ResolvedScenario single = resolved("files_single", tiny(), kTiny, kTinyTariff);
  const ScenarioFiles a = render_scenario_files(tiny(), single, run_scenario(tiny(), single));
  CHECK(a.regions_csv.empty());
  CHECK(a.sectors_csv.rfind("sector,name,", 0) == 0);
  CHECK(a.partners_csv.rfind("sector,partner,imports_base,imports_change,exports_base,exports_change\nAGR,CHN,", 0) ==
        0);
  const ResolvedScenario multi = resolved("files_multi", mrio3(), kMrio3, kMrioTariff);
  const ScenarioFiles b = render_scenario_files(mrio3(), multi, run_scenario(mrio3(), multi));
  CHECK(b.regions_csv.rfind("region,output_base,output_change,", 0) == 0);
  CHECK(b.sectors_csv.rfind("sector,region,name,", 0) == 0);
  CHECK(b.sectors_csv.find("\nBBB_goods,BBB,Goods,") != std::string::npos);
  CHECK(b.partners_csv.find("\nAAA_goods,BBB,") != std::string::npos);
  CHECK(b.summary_json.find("\"importer\": \"AAA\"") != std::string::npos);
  CHECK(b.summary_json.find("\"price_iterations\"") != std::string::npos);
  CHECK(a.summary_json.find("\"price_iterations\"") == std::string::npos);
}
