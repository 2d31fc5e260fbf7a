// ctest-labels: cli
// The sweep engine (docs/model.md §6, §9; issue 5): sweep files and their errors, run numbering,
// thread-count independence, one run recomputed alone, the sketch above the memory budget,
// and interrupt (SIGTERM to the real binary) and resume.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include "formats/format.h"
#include "sweep_support.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/sweep.h"

using namespace tradejobs;
using tradejobs_test::read_file;
using tradejobs_test::stable_summary;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/sweep";
const std::string kScenario = kFixtures + "/scenario.yaml";

const fs::path kScratch = fs::temp_directory_path() / ("tradejobs-test-sweep-" + std::to_string(getpid()));

/// Removes the scratch folders when the tests end.
struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ec;
    fs::remove_all(kScratch, ec);
  }
} cleanup;

/// A fresh scratch folder per test case.
fs::path scratch(const std::string& name) {
  const fs::path dir = kScratch / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Writes a sweep file whose base is the fixture scenario; `body` holds vary/draws/seed.
std::string write_sweep(const fs::path& dir, const std::string& body, const std::string& name = "sweep.yaml") {
  const fs::path p = dir / name;
  std::ofstream(p) << "schema_version: 1\nbase: " << kScenario << "\n" << body;
  return p.string();
}

std::string error_of(const std::string& sweep_file) {
  try {
    load_sweep_file(sweep_file);
  } catch (const InputError& e) {
    return e.what();
  }
  try {
    prepare_sweep(sweep_file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

int run_in_process(const std::string& sweep, const fs::path& out_dir, int threads, std::uint64_t budget = 64ull << 20,
                   bool resume = false) {
  SweepCommandOptions o;
  o.sweep_file = sweep;
  o.output = out_dir.string();
  o.threads = threads;
  o.quiet = true;
  o.resume = resume;
  o.memory_budget_bytes = budget;
  std::ostringstream out, err;
  return run_sweep_command(o, out, err);
}

}  // namespace

TEST_CASE("runs are numbered with the first grid entry outermost and the draws innermost") {
  const SweepFile f = load_sweep_file(kFixtures + "/sweep.yaml");
  REQUIRE(f.vary.size() == 4);
  CHECK(f.grid_points() == 6);  // 2 tariff values × 3 durations
  CHECK(f.draws == 50);
  CHECK(f.runs() == 300);
  CHECK(f.vary[3].values == std::vector<double>{0.5, 1.0, 1.5});
  auto at = [&](std::uint64_t run) { return f.run_values(run); };
  CHECK(at(0)[0] == 0.15);
  CHECK(at(0)[3] == 0.5);
  CHECK(at(49)[3] == 0.5);  // draws innermost
  CHECK(at(50)[3] == 1.0);  // then the last grid entry
  CHECK(at(149)[0] == 0.15);
  CHECK(at(150)[0] == 0.25);  // the first grid entry outermost
  CHECK(at(150)[3] == 0.5);
  CHECK(at(299)[3] == 1.5);
  // Random values come from (seed, run, key path) only.
  for (std::uint64_t run : {0ull, 7ull, 299ull}) {
    CHECK(at(run)[1] == f.vary[1].distribution.sample(2018, run, random_stream_of("parameters.armington")));
    CHECK(at(run)[2] <= -0.1);
  }
  CHECK(at(7)[1] != at(8)[1]);
  const Scenario s = f.scenario_for_run(150);
  CHECK(*s.measures[0].to == 0.25);
  CHECK(s.parameters.at("armington").all.value() == at(150)[1]);
  CHECK(s.labour_market.at("unemployment_duration_years") == 0.5);
}

TEST_CASE("a range ends exactly on its last value; values and ranges need no seed") {
  const fs::path dir = scratch("range");
  const SweepFile f =
      load_sweep_file(write_sweep(dir,
                                  "vary:\n  - key: measures[0].to\n    range: {from: 0, to: 0.3, step: 0.1}\n"
                                  "  - key: parameters.armington\n    range: {from: 3, to: 1, step: -1}\n"));
  CHECK(f.vary[0].values == std::vector<double>{0.0, 0.1, 0.2, 0.3});
  CHECK(f.vary[1].values == std::vector<double>{3, 2, 1});
  CHECK(f.runs() == 12);
  CHECK(!f.seed);
}

TEST_CASE("bad sweep files give the file, line and column and what was expected") {
  const fs::path dir = scratch("errors");
  const std::string s = write_sweep(dir, "vary:\n  - key: parameters.armingtn\n    values: [1, 2]\n");
  CHECK(error_of(s) == s + ":4:10: vary[0].key: parameters.armingtn: unknown parameter 'armingtn': expected one of "
                           "armington, source_substitution, final_demand_elasticity, export_demand, "
                           "employment_elasticity, pass_through, "
                           "export_demand_by_partner");
  const std::string m = write_sweep(dir, "vary:\n  - key: measures[5].to\n    values: [1]\n", "m.yaml");
  CHECK(error_of(m) ==
        m + ":4:10: vary[0].key: measures[5].to: measure index 5 is out of range: the scenario has 2 measures");
  const std::string sd =
      write_sweep(dir,
                  "vary:\n  - key: parameters.export_demand\n    distribution: normal\n    mean: -2\n    sd: -0.5\n"
                  "draws: 10\nseed: 1\n",
                  "sd.yaml");
  CHECK(error_of(sd) == sd + ":7:9: vary[0].sd: sd = -0.5: must be > 0 (the standard deviation)");
  const std::string lh =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: uniform\n    low: 3\n    high: 1\n"
                  "draws: 10\nseed: 1\n",
                  "lh.yaml");
  CHECK(error_of(lh) == lh + ":7:11: vary[0].high: high = 1: must be > low = 3");
  const std::string mode =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: triangular\n    low: 0.5\n"
                  "    mode: 5\n    high: 4\ndraws: 10\nseed: 1\n",
                  "mode.yaml");
  CHECK(error_of(mode) == mode + ":7:11: vary[0].mode: mode = 5: must lie in [low, high] = [0.5, 4]");
  const std::string d0 =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: uniform\n    low: 1\n    high: 2\n"
                  "draws: 0\nseed: 1\n",
                  "d0.yaml");
  CHECK(error_of(d0) == d0 + ":8:8: draws: draws = 0: must be >= 1");
  const std::string noseed =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: uniform\n    low: 1\n    high: 2\n"
                  "draws: 10\n",
                  "noseed.yaml");
  CHECK(error_of(noseed) == noseed +
                                ":1:1: missing 'seed': a distribution needs a seed (any whole number >= 0) so the "
                                "draws can be repeated");
  const std::string step0 =
      write_sweep(dir, "vary:\n  - key: measures[0].to\n    range: {from: 0.1, to: 0.3, step: 0}\n", "step0.yaml");
  CHECK(error_of(step0) == step0 + ":5:39: vary[0].range.step: step = 0: must be non-zero");
  const std::string sign =
      write_sweep(dir, "vary:\n  - key: measures[0].to\n    range: {from: 0.1, to: 0.3, step: -0.1}\n", "sign.yaml");
  CHECK(error_of(sign) == sign +
                              ":5:39: vary[0].range.step: step = -0.1 goes away from to = 0.3 (from = 0.1): the step "
                              "must have the sign of to − from");
  // A distribution that can leave the key's bounds must be truncated.
  const std::string wide =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: normal\n    mean: 1.5\n    sd: 1\n"
                  "draws: 10\nseed: 1\n",
                  "wide.yaml");
  CHECK(error_of(wide) ==
        wide +
            ":4:5: vary[0]: the normal distribution can draw -6.70954 but parameters.armington = -6.70954: "
            "must be an elasticity of substitution in [0, 100]: truncate it with min and max");
  // A sector code is checked against the economy before any run.
  const std::string sector =
      write_sweep(dir, "vary:\n  - key: parameters.armington.XYZ\n    values: [1, 2]\n", "sector.yaml");
  const std::string e = error_of(sector);
  CHECK(e.rfind(sector + ":4:5: vary[0] parameters.armington.XYZ: ", 0) == 0);
  CHECK(e.find("unknown sector 'XYZ'") != std::string::npos);
  // Keys of another distribution, a grid value outside the key's bounds, a key varied twice.
  const std::string foreign =
      write_sweep(dir,
                  "vary:\n  - key: parameters.armington\n    distribution: uniform\n    low: 1\n"
                  "    high: 2\n    sd: 1\ndraws: 10\nseed: 1\n",
                  "foreign.yaml");
  CHECK(error_of(foreign) == foreign +
                                 ":8:9: vary[0].sd: 'sd' is not a parameter of the uniform distribution: expected low, "
                                 "high (and optional min, max)");
  const std::string value = write_sweep(dir, "vary:\n  - key: measures[0].to\n    values: [0.1, 12]\n", "value.yaml");
  CHECK(error_of(value) ==
        value + ":5:19: vary[0].values[1]: measures[0].to = 12: must be a rate in [0, 10] (write 17% as 0.17)");
  const std::string twice = write_sweep(
      dir, "vary:\n  - key: measures[0].to\n    values: [0.1]\n  - key: measures[0].to\n    values: [0.2]\n",
      "twice.yaml");
  CHECK(error_of(twice) ==
        twice + ":6:10: vary[1].key: measures[0].to is already varied by vary[0]: vary each key once");
  // Each entry is valid alone (0.6 + the default penalty 0; the default 0.25 + 0.5), not together
  // (0.6 + 0.5 > 1): the message points at the vary list.
  const std::string together = write_sweep(dir,
                                           "vary:\n  - key: labour_market.scarring_switchers\n    values: [0.6]\n"
                                           "  - key: labour_market.informal_wage_penalty\n    values: [0.5]\n",
                                           "together.yaml");
  const std::string t = error_of(together);
  CHECK(t.rfind(together + ":4:3: vary: the entries together: ", 0) == 0);
  CHECK(t.find("scarring_switchers + informal_wage_penalty <= 1") != std::string::npos);
}

TEST_CASE("a bad sweep file writes nothing") {
  const fs::path dir = scratch("nothing");
  const std::string bad = write_sweep(dir, "vary:\n  - key: parameters.armington\n    values: [-1]\n");
  CHECK_THROWS_AS(run_in_process(bad, dir / "out", 1), InputError);
  CHECK(!fs::exists(dir / "out"));
}

TEST_CASE("-j1 and -j2 give byte-identical outputs; one run recomputed alone equals its row") {
  const fs::path dir = scratch("threads");
  const std::string sweep = kFixtures + "/sweep.yaml";
  REQUIRE(run_in_process(sweep, dir / "j1", 1) == 0);
  REQUIRE(run_in_process(sweep, dir / "j2", 2) == 0);
  for (const char* f : {"runs.csv", "sector_stats.csv"}) CHECK(read_file(dir / "j1" / f) == read_file(dir / "j2" / f));
  CHECK(stable_summary(dir / "j1") == stable_summary(dir / "j2"));
  CHECK(!fs::exists(dir / "j1" / "sweep.state"));  // complete
  CHECK(fs::exists(dir / "j1" / "report.html"));

  const std::string runs = read_file(dir / "j1" / "runs.csv");
  std::istringstream lines(runs);
  std::string line, header;
  std::getline(lines, header);
  CHECK(header ==
        "run,measures[0].to,parameters.armington,parameters.export_demand,labour_market.unemployment_duration_years,"
        "jobs_change,jobs_created,jobs_destroyed,output_change,tariff_revenue_change,adjustment_cost,displaced");
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line + "\n");
  REQUIRE(rows.size() == 300);
  const SweepPlan plan = prepare_sweep(sweep);
  for (std::uint64_t run : {0ull, 173ull, 299ull}) CHECK(runs_csv_row(compute_sweep_run(plan, run), 7) == rows[run]);

  // sector_stats.csv: five statistics per sector; the mean equals the mean over runs.
  const std::string stats = read_file(dir / "j1" / "sector_stats.csv");
  CHECK(stats.rfind("sector,statistic,jobs_change,output_change,displaced,adjustment_cost\nAGR,mean,", 0) == 0);
  CHECK(std::count(stats.begin(), stats.end(), '\n') == 1 + 3 * 5);
  double total_jobs = 0;
  for (std::uint64_t run = 0; run < 300; ++run) total_jobs += compute_sweep_run(plan, run).values[0];
  const std::string summary = read_file(dir / "j1" / "summary.json");
  CHECK(summary.find("\"kind\": \"sweep\"") != std::string::npos);
  CHECK(summary.find("\"quantiles\": \"exact\"") != std::string::npos);
  const auto at = summary.find("\"mean\": ", summary.find("\"totals_stats\""));
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(summary.substr(at + 8)) == doctest::Approx(total_jobs / 300).epsilon(1e-12));
  // min and max are the exact extremes of the runs.csv column.
  double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
  for (const auto& row : rows) {
    std::istringstream cells(row);
    std::string cell;
    for (int c = 0; c <= 5; ++c) std::getline(cells, cell, ',');  // run, 4 varied keys, jobs_change
    lowest = std::min(lowest, std::stod(cell));
    highest = std::max(highest, std::stod(cell));
  }
  const auto min_at = summary.find("\"min\": ", at), max_at = summary.find("\"max\": ", at);
  REQUIRE(min_at != std::string::npos);
  REQUIRE(max_at != std::string::npos);
  CHECK(std::stod(summary.substr(min_at + 7)) == lowest);
  CHECK(std::stod(summary.substr(max_at + 7)) == highest);
  CHECK(lowest < highest);
}

TEST_CASE("above the memory budget the quantiles come from the sketch, still thread-independent") {
  const fs::path dir = scratch("sketch");
  const std::string sweep = kFixtures + "/sweep.yaml";
  REQUIRE(run_in_process(sweep, dir / "exact", 2) == 0);
  REQUIRE(run_in_process(sweep, dir / "s1", 1, 0) == 0);
  REQUIRE(run_in_process(sweep, dir / "s2", 2, 0) == 0);
  CHECK(read_file(dir / "s1" / "sector_stats.csv") == read_file(dir / "s2" / "sector_stats.csv"));
  CHECK(stable_summary(dir / "s1") == stable_summary(dir / "s2"));
  CHECK(read_file(dir / "s1" / "summary.json").find("\"quantiles\": \"kll_sketch\"") != std::string::npos);
  // 300 runs stay below the sketch's first compaction (k = 1000): its p50 is an order
  // statistic next to the exact one; the means and sds are the same numbers.
  const std::string exact = read_file(dir / "exact" / "sector_stats.csv"),
                    sketch = read_file(dir / "s1" / "sector_stats.csv");
  auto line_of = [](const std::string& text, const std::string& prefix) {
    const auto p = text.find(prefix);
    return text.substr(p, text.find('\n', p) - p);
  };
  CHECK(line_of(exact, "MAN,mean,") == line_of(sketch, "MAN,mean,"));
  CHECK(line_of(exact, "MAN,sd,") == line_of(sketch, "MAN,sd,"));
}

TEST_CASE("a sweep stopped by SIGTERM resumes to byte-identical outputs") {
  const fs::path dir = scratch("resume");
  // 2 × 3 × 800 = 4800 runs: long enough to be stopped mid-run at -j1.
  std::string body = read_file(kFixtures + "/sweep.yaml");
  body.replace(body.find("draws: 50"), 9, "draws: 800");
  body.replace(body.find("base: scenario.yaml"), 19, "base: " + kScenario);
  const fs::path sweep = dir / "long.yaml";
  std::ofstream(sweep) << body;
  REQUIRE(run_in_process(sweep.string(), dir / "whole", 2) == 0);

  const fs::path part = dir / "part";
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(TRADEJOBS_BINARY, TRADEJOBS_BINARY, "sweep", sweep.c_str(), "-o", part.c_str(), "-j", "1", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for the first rows of runs.csv, then stop the sweep.
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(20)) {
    std::error_code ec;
    if (fs::file_size(part / "runs.csv", ec) > 400 && !ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == kExitSweepTerminated);
  CHECK(fs::exists(part / "sweep.state"));
  CHECK(!fs::exists(part / "summary.json"));
  const std::string partial = read_file(part / "runs.csv");
  CHECK(partial.size() < read_file(dir / "whole" / "runs.csv").size());

  // Starting again over a partial sweep is refused; a changed sweep file cannot resume it. Each
  // message gives the commands that work (test_cli_outputs.cpp runs them).
  const std::string again = "tradejobs sweep " + sweep.string() + " -o " + part.string();
  CHECK_THROWS_WITH(run_in_process(sweep.string(), part, 1),
                    (part.string() + ": holds a partial sweep: continue it with: " + again +
                     " --resume; or discard it and start again with: " + again + " --restart")
                        .c_str());
  const fs::path edited = dir / "edited.yaml";
  std::string other = body;
  other.replace(other.find("seed: 2018"), 10, "seed: 2019");
  std::ofstream(edited) << other;
  CHECK_THROWS_WITH(run_in_process(edited.string(), part, 1, 64ull << 20, true),
                    ((part / "sweep.state").string() + ": the partial sweep was made from a different sweep file (" +
                     edited.string() +
                     "): restore the original to continue it, or discard it and start again with: tradejobs sweep " +
                     edited.string() + " -o " + part.string() + " --restart")
                        .c_str());

  REQUIRE(run_in_process(sweep.string(), part, 2, 64ull << 20, true) == 0);
  for (const char* f : {"runs.csv", "sector_stats.csv"}) CHECK(read_file(dir / "whole" / f) == read_file(part / f));
  CHECK(stable_summary(dir / "whole") == stable_summary(part));
  CHECK(!fs::exists(part / "sweep.state"));
  CHECK_THROWS_WITH(
      run_in_process(sweep.string(), part, 1, 64ull << 20, true),
      (part.string() + ": no partial sweep to resume here (no sweep.state): start the sweep with: " + again).c_str());
}

TEST_CASE("batched solves equal one-at-a-time solves to 1e-10 relative") {
  auto compare = [](const SweepPlan& plan, std::uint64_t first, std::uint64_t count) {
    std::vector<std::exception_ptr> failures;
    const std::vector<RunRecord> batch = compute_sweep_batch(plan, first, count, &failures);
    double worst = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
      REQUIRE(!failures[i]);
      const RunRecord alone = compute_sweep_run_unbatched(plan, first + i);
      REQUIRE(alone.values.size() == batch[i].values.size());
      CHECK(alone.varied == batch[i].varied);
      CHECK(alone.solver_path == batch[i].solver_path);
      double scale = 0;
      for (double v : alone.values) scale = std::max(scale, std::fabs(v));
      for (size_t k = 0; k < alone.values.size(); ++k)
        worst = std::max(worst, std::fabs(alone.values[k] - batch[i].values[k]) / scale);
    }
    return worst;
  };
  // The fixture economy (3 sectors) over a grid and three random keys.
  CHECK(compare(prepare_sweep(kFixtures + "/sweep.yaml"), 0, 64) <= 1e-10);
  // The US-China 2018-19 elasticity sweep on the 56-sector WIOD table of the USA.
  CHECK(compare(prepare_sweep(std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/scenarios/us-china-2018-sweep.yaml"), 100,
                32) <= 1e-10);
}

TEST_CASE("a compiled sweep computes exactly the runs resolved one by one through their scenario") {
  // The compiled plan writes each run's values into the thread's copy of the base scenario;
  // without it every run's scenario is set by key path and resolved. The records must be the
  // same to the last bit: every value of runs.csv and sector_stats.csv, and the solver path.
  auto all_columns_equal = [](const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads) {
    REQUIRE(plan.compiled != nullptr);
    SweepPlan resolved = plan;
    resolved.compiled = nullptr;
    std::vector<std::exception_ptr> fa, fb;
    const std::vector<RunRecord> a = compute_sweep_runs(plan, first, count, threads, &fa);
    const std::vector<RunRecord> b = compute_sweep_runs(resolved, first, count, threads, &fb);
    size_t differ = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
      REQUIRE(!fa[i]);
      REQUIRE(!fb[i]);
      CHECK(a[i].run == b[i].run);
      CHECK(a[i].varied == b[i].varied);
      CHECK(a[i].solver_path == b[i].solver_path);
      REQUIRE(a[i].values.size() == b[i].values.size());
      if (runs_csv_row(a[i], a[i].values.size()) != runs_csv_row(b[i], b[i].values.size())) ++differ;
    }
    return differ;
  };
  // The fixture (a grid over a tariff and the unemployment duration, random σ_D and η).
  CHECK(all_columns_equal(prepare_sweep(kFixtures + "/sweep.yaml"), 0, 300, 2) == 0);
  // The committed sweeps: σ_D, σ_M (no rule of two), η and η by partner and sector on the
  // US-China 2018-19 scenario; measure scales, η by partner, σ_D on US-Mexico 2025.
  const std::string scenarios = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/scenarios/";
  CHECK(all_columns_equal(prepare_sweep(scenarios + "us-china-2018-sweep.yaml"), 0, 96, 2) == 0);
  CHECK(all_columns_equal(prepare_sweep(scenarios + "us-mexico-2025-sweep.yaml"), 0, 96, 2) == 0);
  // σ_D alone (σ_M follows by the rule of two where not given), the labour market, a measure's
  // phase-in, the employment elasticity and the pass-through.
  const fs::path dir = scratch("compiled");
  const std::string more = write_sweep(dir,
                                       "vary:\n  - key: parameters.armington\n    distribution: uniform\n"
                                       "    low: 0.5\n    high: 3\n"
                                       "  - key: labour_market.horizon_years\n    values: [5, 12]\n"
                                       "  - key: labour_market.discount_rate\n    values: [0, 0.05]\n"
                                       "  - key: measures[0].phase_in_years\n    values: [1, 3]\n"
                                       "  - key: parameters.employment_elasticity\n    values: [0.5, 1]\n"
                                       "  - key: parameters.pass_through\n    distribution: uniform\n"
                                       "    low: 0\n    high: 1\n"
                                       "draws: 8\nseed: 7\n");
  CHECK(all_columns_equal(prepare_sweep(more), 0, 256, 2) == 0);
  // A key by sector is not compiled: its runs are resolved one by one.
  const std::string by_sector =
      write_sweep(dir, "vary:\n  - key: parameters.armington.MAN\n    values: [1, 2]\n", "by_sector.yaml");
  CHECK(prepare_sweep(by_sector).compiled == nullptr);
}

TEST_CASE("check_sweep_file describes the sweep without running it") {
  std::ostringstream out;
  check_sweep_file(kFixtures + "/sweep.yaml", out);
  const std::string s = out.str();
  CHECK(s.find("300 runs (6 grid points x 50 draws), seed 2018") != std::string::npos);
  CHECK(s.find("  parameters.armington: triangular, draws in [0.5, 4]") != std::string::npos);
  CHECK(s.find("economy tiny (3 sectors, USD million, 2020)") != std::string::npos);
}

TEST_CASE("the terminal summary formats the totals for people: thousands grouped, persons whole, money to 0.1") {
  SweepCommandOptions o;
  o.sweep_file = kFixtures + "/sweep.yaml";
  o.output = scratch("terminal").string();
  o.threads = 1;
  std::ostringstream out, err;
  REQUIRE(run_sweep_command(o, out, err) == 0);
  const std::string s = out.str();
  CAPTURE(s);
  CHECK(s.find(": 300 runs (6 grid points x 50 draws), 1 thread, ") != std::string::npos);
  CHECK(s.find(" runs/s)\n") != std::string::npos);
  // Each statistic of a total is a grouped number: persons without decimals, money with one.
  const YAML::Node summary = YAML::LoadFile(o.output + "/summary.json");
  const double jobs_p50 = summary["totals_stats"]["jobs_change"]["p50"].as<double>();
  const double output_p50 = summary["totals_stats"]["output_change"]["p50"].as<double>();
  CHECK(s.find(" " + format_grouped(jobs_p50, 0, MinusSign::ascii) + " ") != std::string::npos);
  CHECK(s.find(" " + format_grouped(output_p50, 1, MinusSign::ascii) + " ") != std::string::npos);
  CHECK(s.find("e+") == std::string::npos);  // no scientific notation
}
