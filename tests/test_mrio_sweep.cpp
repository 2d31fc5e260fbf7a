// ctest-labels: unit
// Sweeps on multi-region economies (docs/sweeps.md "Multi-region economies", issue 16 item 0)
// on the hand-written three-region table tests/fixtures/mrio3 (test data, see its README):
// the compiled plan on MRIO parameters, one run recomputed alone through its scenario equals
// its runs.csv row, -j 1 and -j 2 give the same bytes, regions_stats.csv and summary.json
// regions_stats agree with the runs, NA where a region's jobs are unknown. The committed
// scenarios/world-2011-tariff-sweep.yaml on the WIOD 2013 world table is run by
// test_mrio_scenario_world.cpp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/csv.h"
#include "sweep/plan.h"
#include "sweep_support.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/sweep.h"

using namespace tradejobs;
using tradejobs_test::read_file;
using tradejobs_test::stable_summary;
namespace fs = std::filesystem;

namespace {

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const fs::path kScratch = fs::temp_directory_path() / ("tradejobs_mrio_sweep_" + std::to_string(::getpid()));

struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(kScratch, ec);
  }
} cleanup;

/// A base scenario on `economy` (a bilateral tariff of AAA on BBB's goods) and a sweep over
/// σ_D (a grid), σ_M (a distribution) and the tariff's rate; returns the sweep file.
std::string write_sweep(const std::string& name, const std::string& economy) {
  fs::create_directories(kScratch);
  const fs::path base = kScratch / (name + "-base.yaml");
  std::ofstream(base) << "schema_version: 1\nname: " << name << "\neconomy: " << economy
                      << "\nmeasures:\n  - type: tariff\n    importer: AAA\n    sectors: [goods]\n"
                         "    partners: [BBB]\n    from: 0\n    to: 0.25\n";
  const fs::path sweep = kScratch / (name + ".yaml");
  std::ofstream(sweep) << "schema_version: 1\nbase: " << base.string()
                       << "\nvary:\n  - key: parameters.armington\n    values: [0.5, 1.5]\n"
                          "  - key: parameters.source_substitution\n    distribution: uniform\n    low: 2\n"
                          "    high: 5\n  - key: measures[0].to\n    values: [0.1, 0.25]\n"
                          "draws: 9\nseed: 7\n";
  return sweep.string();
}

int sweep(const std::string& file, const fs::path& out, int threads) {
  SweepCommandOptions o;
  o.sweep_file = file;
  o.output = out.string();
  o.threads = threads;
  o.quiet = true;
  std::ostringstream o_out, o_err;
  const int rc = run_sweep_command(o, o_out, o_err);
  INFO(o_err.str());
  CHECK(o_err.str().empty());
  return rc;
}

}  // namespace

TEST_CASE("a sweep on a multi-region economy: compiled, thread-independent, each run equal to its scenario") {
  const std::string file = write_sweep("mrio3-sweep", kSource + "/tests/fixtures/mrio3");
  const fs::path out = kScratch / "mrio3-sweep";
  REQUIRE(sweep(file, out / "j1", 1) == 0);
  REQUIRE(sweep(file, out / "j2", 2) == 0);
  for (const char* f : {"runs.csv", "sector_stats.csv", "regions_stats.csv"})
    CHECK(read_file(out / "j1" / f) == read_file(out / "j2" / f));
  CHECK(stable_summary(out / "j1") == stable_summary(out / "j2"));

  const SweepPlan plan = prepare_sweep(file);
  REQUIRE(plan.file.runs() == 36);
  // σ_D, σ_M and the rate are written into the resolved base without resolving the scenario.
  CHECK(plan.compiled != nullptr);
  const std::vector<SweepRegion> regions = sweep_regions(*plan.economy);
  REQUIRE(regions.size() == 3);

  // Every run recomputed alone, through its own scenario (copied, resolved, run), equals its
  // row of runs.csv to the last digit, and its regions' totals are the record's.
  const CsvTable runs = read_csv((out / "j1" / "runs.csv").string());
  REQUIRE(runs.rows.size() == 36);
  std::ifstream rows_in(out / "j1" / "runs.csv");
  std::string header, row;
  std::getline(rows_in, header);
  std::vector<double> sum_output(regions.size(), 0.0), sum_jobs(regions.size(), 0.0);
  double total_output = 0;
  for (std::uint64_t run = 0; run < plan.file.runs(); ++run) {
    std::getline(rows_in, row);
    const RunRecord batched = compute_sweep_run(plan, run);
    CHECK(runs_csv_row(batched, kSweepTotals) == row + "\n");
    const ScenarioResult alone =
        run_scenario(*plan.economy, resolve_scenario(plan.file.scenario_for_run(run), *plan.economy));
    REQUIRE(alone.regional);
    CHECK(alone.totals.jobs_change == batched.values[kTotalJobsChange]);
    CHECK(alone.totals.output_change == batched.values[kTotalOutputChange]);
    const size_t first = sweep_region_column(*plan.economy), q = sweep_region_quantities().size();
    for (size_t r = 0; r < regions.size(); ++r) {
      const RegionTotals& t = alone.regional->totals[r];
      CHECK(t.region == regions[r].code);
      CHECK(batched.values[first + r * q + 0] == t.output_change);
      CHECK(batched.values[first + r * q + 1] == t.jobs_change);
      CHECK(batched.values[first + r * q + 2] == t.imports_change);
      CHECK(batched.values[first + r * q + 3] == t.exports_change);
      CHECK(batched.values[first + r * q + 4] == t.tariff_revenue_change);
      sum_output[r] += t.output_change;
      sum_jobs[r] += t.jobs_change;
    }
    total_output += alone.totals.output_change;
  }

  // regions_stats.csv: five statistics per region; the means are the means over the runs and
  // add up to the total output change's.
  const CsvTable stats = read_csv((out / "j1" / "regions_stats.csv").string());
  CHECK(stats.header == std::vector<std::string>{"region", "statistic", "output_change", "jobs_change",
                                                 "imports_change", "exports_change", "tariff_revenue_change"});
  REQUIRE(stats.rows.size() == 3 * 5);
  double mean_output = 0;
  for (size_t r = 0; r < regions.size(); ++r) {
    const auto& mean_row = stats.rows[r * 5];
    CHECK(mean_row[0] == regions[r].code);
    CHECK(mean_row[1] == "mean");
    CHECK(std::stod(mean_row[2]) == doctest::Approx(sum_output[r] / 36).epsilon(1e-12));
    CHECK(std::stod(mean_row[3]) == doctest::Approx(sum_jobs[r] / 36).epsilon(1e-12));
    mean_output += std::stod(mean_row[2]);
  }
  CHECK(mean_output == doctest::Approx(total_output / 36).epsilon(1e-9));
  // The tariff moves BBB's exports to AAA: some output moves in every region.
  CHECK(std::stod(stats.rows[5][2]) < 0);  // BBB's output falls on average

  const std::string summary = read_file(out / "j1" / "summary.json");
  CHECK(summary.find("\"regions_stats\": [") != std::string::npos);
  CHECK(summary.find("\"region\": \"CCC\"") != std::string::npos);
  // The manifest lists the file, so a rerun into the folder replaces it.
  CHECK(read_file(out / "j1" / ".tradejobs-results").find("regions_stats.csv") != std::string::npos);
}

TEST_CASE("a region without employment data has NA jobs in regions_stats.csv and null in summary.json") {
  const std::string file = write_sweep("mrio3-unknown", kSource + "/tests/fixtures/mrio3/ccc_jobs_unknown");
  const fs::path out = kScratch / "mrio3-unknown";
  REQUIRE(sweep(file, out, 2) == 0);
  const CsvTable stats = read_csv((out / "regions_stats.csv").string());
  REQUIRE(stats.rows.size() == 15);
  for (const auto& r : stats.rows) {
    CHECK((r[3] == "NA") == (r[0] == "CCC"));
    CHECK(r[2] != "NA");  // output is known everywhere
  }
  const std::string summary = read_file(out / "summary.json");
  const auto ccc = summary.find("\"region\": \"CCC\"");
  REQUIRE(ccc != std::string::npos);
  CHECK(summary.find("\"jobs_change\": null", ccc) != std::string::npos);
}

TEST_CASE("a single-region sweep writes no regions_stats.csv") {
  const fs::path out = kScratch / "single";
  REQUIRE(sweep(kSource + "/tests/fixtures/sweep/sweep.yaml", out, 2) == 0);
  CHECK(fs::exists(out / "sector_stats.csv"));
  CHECK(!fs::exists(out / "regions_stats.csv"));
  CHECK(read_file(out / "summary.json").find("regions_stats") == std::string::npos);
}
