// ctest-labels: cli
// tradejobs import's output folder and the wording of messages (docs/model.md §8, §9): an import
// writes only into a folder it creates, an empty one or one holding its own manifest of kind
// import, replaces only that manifest's files and writes atomically (a failed import leaves
// nothing); run and import never take each other's folders; messages name the scenario key, the
// sector or region code and the value, never a C++ type or member, and quote at most 80
// characters of a bad cell. Each case runs the real binary and checks exit code, stdout and stderr
// separately.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/sweep_stats.h"

using namespace tradejobs_test;

namespace {

/// A sandbox with the OECD ICIO layout fixture (3 regions x 2 industries) as icio.csv and the
/// multi-region fixture economy mrio3 as world/.
struct ImportSandbox : CliSandbox {
  explicit ImportSandbox(const std::string& tag) : CliSandbox(tag) {
    fs::copy_file(kSource + "/tests/fixtures/oecd_icio/icio2023_3x2.csv", dir / "icio.csv");
    fs::copy(kSource + "/tests/fixtures/mrio3", dir / "world", fs::copy_options::recursive);
  }
};

const std::string kImport = "import oecd-icio icio.csv -o out";

/// What an import of icio.csv writes (economy.yaml and the CSV files), in the manifest's order.
const std::vector<std::string> kImportFiles = {
    "economy.yaml", "employment.csv", "exports.csv", "final_demand_domestic.csv", "intermediate_domestic.csv",
    "sectors.csv",  "value_added.csv"};

std::string import_manifest() {
  std::string m = "tradejobs results: import\n";
  for (const auto& f : kImportFiles) m += f + "\n";
  return m;
}

/// The names in a folder (sorted), hidden ones included.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// `text` with the cell at (line, column) of a CSV (both 0-based) replaced by `cell`.
std::string with_cell(const std::string& text, size_t line, size_t column, const std::string& cell) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  REQUIRE(line < lines.size());
  std::vector<std::string> cells;
  std::stringstream row(lines[line]);
  for (std::string c; std::getline(row, c, ',');) cells.push_back(c);
  REQUIRE(column < cells.size());
  cells[column] = cell;
  std::string joined;
  for (size_t k = 0; k < cells.size(); ++k) joined += (k ? "," : "") + cells[k];
  lines[line] = joined;
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

/// The multi-region sandbox scenario: AAA taxes goods from BBB.
const char* kMrioScenario =
    "schema_version: 1\nname: m\neconomy: world\nmeasures:\n  - type: tariff\n    importer: AAA\n    sectors: [goods]\n"
    "    partners: [BBB]\n    from: 0.0\n    to: 0.25\n";

}  // namespace

TEST_CASE("import writes a new folder with an import manifest; a rerun replaces only its files and keeps the user's") {
  ImportSandbox s("msg_import_new");
  const CliResult first = s.run(kImport);
  CHECK(first.code == 0);
  CHECK(first.out == "wrote out\n");
  CHECK(first.err == "");
  CHECK(s.read("out/.tradejobs-results") == import_manifest());
  std::vector<std::string> expected = kImportFiles;
  expected.push_back(".tradejobs-results");
  std::sort(expected.begin(), expected.end());
  CHECK(names_in(s.dir / "out") == expected);
  const auto imported = snapshot(s.dir / "out");

  // The user adds a file: a rerun keeps it and rewrites the same files, byte for byte.
  s.write("out/NOTES.md", "where this economy came from\n");
  const CliResult again = s.run(kImport);
  CHECK(again.code == 0);
  CHECK(again.out == "wrote out\n");
  CHECK(again.err == "");
  auto now = snapshot(s.dir / "out");
  CHECK(now["NOTES.md"] == "where this economy came from\n");
  now.erase("NOTES.md");
  CHECK(now == imported);
  // No temporary or old sibling is left beside the folder.
  CHECK(names_in(s.dir) == std::vector<std::string>{"econ", "icio.csv", "out", "s.yaml", "world"});

  // The imported economy is usable as it is.
  const CliResult check = s.run("check out");
  CHECK(check.code == 0);
  CHECK(check.err ==
        "  warning: check_column_balance: value_added has no 'compensation' row: income multipliers and Type II are "
        "zero\n");
}

TEST_CASE("import writes into an existing empty folder") {
  ImportSandbox s("msg_import_empty");
  fs::create_directories(s.dir / "out");
  const CliResult r = s.run(kImport);
  CHECK(r.code == 0);
  CHECK(r.out == "wrote out\n");
  CHECK(r.err == "");
  CHECK(s.read("out/.tradejobs-results") == import_manifest());
}

TEST_CASE("import refuses a folder of files tradejobs did not write and leaves it untouched") {
  ImportSandbox s("msg_import_foreign");
  s.write("out/economy.yaml", "my own economy\n");
  s.write("out/.git/HEAD", "ref: refs/heads/main\n");
  const auto before = snapshot(s.dir);
  const CliResult r = s.run(kImport);
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(
      r.err ==
      "error: out: the folder exists and holds files tradejobs did not write (it has no .tradejobs-results manifest), "
      "which the import would overwrite: choose a new folder with -o, or remove it yourself\n");
  CHECK(snapshot(s.dir) == before);
}

TEST_CASE("import refuses the results folder of a run, and a run refuses an imported economy's folder") {
  ImportSandbox s("msg_import_kinds");
  const CliResult run = s.run("run s.yaml -o res --no-report --no-xlsx -q");
  REQUIRE(run.code == 0);
  s.write("res/mine.txt", "kept\n");
  auto before = snapshot(s.dir);
  const CliResult into_results = s.run("import oecd-icio icio.csv -o res");
  CHECK(into_results.code == 2);
  CHECK(into_results.out == "");
  CHECK(into_results.err ==
        "error: res: holds the results of `tradejobs run` (its .tradejobs-results manifest), which the import would "
        "replace: choose a new folder with -o\n");
  CHECK(snapshot(s.dir) == before);

  REQUIRE(s.run(kImport).code == 0);
  before = snapshot(s.dir);
  const CliResult into_economy = s.run("run s.yaml -o out --no-report --no-xlsx");
  CHECK(into_economy.code == 2);
  CHECK(into_economy.out == "");
  CHECK(into_economy.err ==
        "error: out: holds an economy written by `tradejobs import` (its .tradejobs-results manifest says import), "
        "which a run or sweep would replace: choose a new folder with -o\n");
  CHECK(snapshot(s.dir) == before);
}

TEST_CASE("import refuses a manifest it did not write") {
  ImportSandbox s("msg_import_bad_manifest");
  s.write("out/.tradejobs-results", "tradejobs results: backup\neconomy.yaml\n");
  s.write("out/economy.yaml", "mine\n");
  const auto before = snapshot(s.dir);
  const CliResult r = s.run(kImport);
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(
      r.err ==
      "error: out/.tradejobs-results:1:1: kind 'backup': expected run, sweep or import: not a manifest tradejobs wrote "
      "(expected a first line 'tradejobs results: run', 'tradejobs results: sweep' or 'tradejobs results: import' and "
      "one file name per line): choose a new folder with -o, or remove the folder yourself\n");
  CHECK(snapshot(s.dir) == before);
}

TEST_CASE("a failed import leaves nothing and quotes at most 80 characters of a 2 MB cell") {
  ImportSandbox s("msg_import_2mb");
  const std::string icio = s.read("icio.csv");
  const std::string x80(80, 'x');

  SUBCASE("a 2 MB value cell, into a new folder") {
    s.write("icio.csv", with_cell(icio, 2, 3, std::string(2'000'000, 'x')));
    const auto before = snapshot(s.dir);
    const CliResult r = s.run(kImport);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == "error: icio.csv:3:4: '" + x80 +
                       "…' (column 'CHN_A01_02') is not a number: expected a finite number with '.' as decimal mark\n");
    CHECK(snapshot(s.dir) == before);  // no folder, no temporary sibling
  }

  SUBCASE("a 2 MB row label, into a folder imported earlier") {
    REQUIRE(s.run(kImport).code == 0);
    s.write("icio.csv", with_cell(icio, 2, 0, std::string(2'000'000, 'y')));
    const auto before = snapshot(s.dir);
    const CliResult r = s.run(kImport);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == "error: icio.csv:3:1: row label '" + std::string(80, 'y') +
                       "…', expected 'AUS_C10T12' (industry rows in the order of the industry columns)\n");
    CHECK(snapshot(s.dir) == before);  // the earlier import is as it was
  }

  SUBCASE("a 2 MB partner in a wiod-niot partner-trade file") {
    fs::copy_file(kSource + "/tests/fixtures/wiod_niot/concordance.csv", s.dir / "concordance.csv");
    const std::string trade = read_text(kSource + "/tests/fixtures/wiod_niot/partner_trade.csv");
    s.write("trade.csv", with_cell(trade, 2, 1, std::string(2'000'000, 'P')));
    const auto before = snapshot(s.dir);
    const CliResult r =
        s.run("import wiod-niot '" + kSource +
              "/tests/data/wiod2016_niot/niot_clean/USA_NIOT_nov16.csv' --year 2014 --sea '" + kSource +
              "/tests/data/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv' --partner-trade trade.csv "
              "--concordance concordance.csv -o out");
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == "error: trade.csv:3:2: partner '" + std::string(80, 'P') +
                       "…', expected 'CHN' as in the first row (one partner per file)\n");
    CHECK(snapshot(s.dir) == before);
  }
}

TEST_CASE("multi-region: two tariffs on one flow name the measures, the regions and the industry") {
  ImportSandbox s("msg_mrio_twice");
  s.write("m.yaml",
          std::string(kMrioScenario) +
              "  - type: tariff\n    importer: AAA\n    sectors: [goods, services]\n    from: 0.0\n    to: 0.1\n");
  const CliResult r = s.run("run m.yaml -o res --no-report --no-xlsx");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: m.yaml:11:5: measures[1]: the tariff of AAA on goods from BBB is already set by measures[0]: give each "
        "importer, industry and source region one tariff\n");
  CHECK_FALSE(fs::exists(s.dir / "res"));
}

TEST_CASE("multi-region: a parameter out of range names its scenario or sweep key and the range") {
  ImportSandbox s("msg_mrio_params");
  s.write("m.yaml", std::string(kMrioScenario) + "parameters:\n  armington: -3\n");
  const CliResult run = s.run("run m.yaml -o res --no-report --no-xlsx");
  CHECK(run.code == 2);
  CHECK(run.out == "");
  CHECK(run.err ==
        "error: m.yaml:12:14: parameters.armington = -3: must be an elasticity of substitution in [0, 100]\n");

  s.write("m.yaml", kMrioScenario);
  s.write("sw.yaml",
          "schema_version: 1\nbase: m.yaml\nvary:\n  - key: parameters.pass_through.goods\n    values: [0.5, 1.5]\n");
  const CliResult sweep = s.run("sweep sw.yaml -o swres --no-xlsx");
  CHECK(sweep.code == 2);
  CHECK(sweep.out == "");
  CHECK(sweep.err ==
        "error: sw.yaml:5:19: vary[0].values[1]: parameters.pass_through.goods = 1.5: must be a share in [0, 1]\n");
  CHECK_FALSE(fs::exists(s.dir / "res"));
  CHECK_FALSE(fs::exists(s.dir / "swres"));
}

TEST_CASE("a partner listed twice is reported at the measure, not by the trade model") {
  CliSandbox s("msg_partner_twice");
  s.write("q.yaml",
          "schema_version: 1\nname: t\neconomy: econ\nmeasures:\n  - type: quota\n    sectors: [MAN]\n"
          "    partners: [CHN, CHN]\n    quantity: 10\n");
  const CliResult r = s.run("run q.yaml -o res --no-report --no-xlsx");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: q.yaml:5:5: measures[0].partners: partner 'CHN' is listed twice\n");
  CHECK_FALSE(fs::exists(s.dir / "res"));
}

TEST_CASE("sweep statistics options are named as options, not as C++ members") {
  // Not reachable from the command line (the CLI always passes valid values); the library's
  // callers get the same wording.
  tradejobs::SweepStatisticsOptions o;
  o.sketch_k = 4;
  CHECK_THROWS_WITH_AS(tradejobs::SweepStatistics(3, 10, o),
                       "sweep statistics option sketch_k = 4: must be in [8, 1000000]", tradejobs::InputError);
}
