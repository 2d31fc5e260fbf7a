// ctest-labels: cli
// Inputs validated where they are read (issue 12): only regular files are read (a FIFO never
// blocks, a device is never read), optional economy files are checked cell by cell against the
// model's bounds with file, row, column and sector code, YAML is strict (duplicate keys, empty
// lists and names), and messages quote at most ~80 characters and name the bound violated.
// Each case runs the real binary and checks the exit code, stdout and stderr separately.
#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include "cli_support.h"

using tradejobs_test::CliResult;
using tradejobs_test::CliSandbox;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A run that must fail as bad input: exit 2 in time, one error on stderr, nothing on stdout
/// but the economy line `check` prints before its diagnostics.
void require_input_error(const CliResult& r) {
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.code == 2);
  CHECK(has(r.err, "error: "));
  CHECK_FALSE(has(r.out, "ok"));
  CHECK_FALSE(has(r.err, "TradeParameters"));
  CHECK_FALSE(has(r.err, "::"));
}

const char* kCodesScenario =
    "schema_version: 1\nname: codes\neconomy: econ\nmeasures:\n  - type: tariff\n    partners: [CHN]\n"
    "    concordance: conc.csv\n    codes_file: CODES\n";

}  // namespace

TEST_CASE("a FIFO given as the scenario is refused at once, never opened") {
  CliSandbox box("inputs_fifo");
  REQUIRE(::mkfifo((box.dir / "pipe.yaml").c_str(), 0600) == 0);
  for (const std::string args : {"check pipe.yaml", "run pipe.yaml -o out"}) {
    CAPTURE(args);
    const CliResult r = box.run(args, 20);
    require_input_error(r);
    CHECK(r.out.empty());
    CHECK(has(r.err, "pipe.yaml: is a FIFO (named pipe), not a regular file: expected a YAML file"));
  }
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("a directory or a device given as the scenario has its own message") {
  CliSandbox box("inputs_dir_scenario");
  fs::create_directories(box.dir / "folder.yaml");
  CliResult r = box.run("run folder.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, "folder.yaml: is a directory: expected a YAML file"));
  r = box.run("run /dev/null -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, "/dev/null: is a character device, not a regular file: expected a YAML file"));
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("/dev/zero as a measure's codes file is refused at its key, not read") {
  CliSandbox box("inputs_devzero");
  box.write("conc.csv", "code,sector,weight\n111,MAN,1\n");
  std::string scenario = kCodesScenario;
  scenario.replace(scenario.find("CODES"), 5, "/dev/zero");
  box.write("z.yaml", scenario);
  for (const std::string args : {"check z.yaml", "run z.yaml -o out"}) {
    CAPTURE(args);
    const CliResult r = box.run(args, 20);
    require_input_error(r);
    CHECK(r.out.empty());
    CHECK(has(r.err,
              "z.yaml:8:17: measures[0].codes_file: '/dev/zero' is a character device, not a regular file: "
              "expected a CSV file"));
  }
  // The same for a FIFO as the concordance: named, and the run does not block.
  REQUIRE(::mkfifo((box.dir / "conc_pipe.csv").c_str(), 0600) == 0);
  box.edit("z.yaml", "concordance: conc.csv", "concordance: conc_pipe.csv");
  const CliResult r = box.run("check z.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err, "measures[0].concordance: 'conc_pipe.csv' is a FIFO (named pipe), not a regular file"));
}

TEST_CASE("a directory, FIFO or missing file given as an economy file is named for what it is") {
  CliSandbox box("inputs_econ_special");
  box.edit("econ/economy.yaml", "imports_by_partner: imports_by_partner.csv",
           "imports_by_partner: imports_by_partner.csv\nelasticities: elasticities.csv");
  fs::create_directories(box.dir / "econ/elasticities.csv");
  CliResult r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "econ/economy.yaml:18:15: elasticities: file 'econ/elasticities.csv' is a directory: expected a CSV file"));
  fs::remove(box.dir / "econ/elasticities.csv");
  REQUIRE(::mkfifo((box.dir / "econ/elasticities.csv").c_str(), 0600) == 0);
  r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(
      r.err,
      "elasticities: file 'econ/elasticities.csv' is a FIFO (named pipe), not a regular file: expected a CSV file"));
  fs::remove(box.dir / "econ/elasticities.csv");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, "elasticities: file 'econ/elasticities.csv' does not exist: expected a CSV file"));
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("a negative elasticity in elasticities.csv is the file's error, in check and in run") {
  CliSandbox box("inputs_elasticities");
  box.edit("econ/economy.yaml", "imports_by_partner: imports_by_partner.csv",
           "imports_by_partner: imports_by_partner.csv\nelasticities: elasticities.csv");
  box.write("econ/elasticities.csv", "sector,armington,export_demand\nAGR,1.5,-1\nMAN,-3,-1\nSER,2,-1\n");
  const std::string expected =
      "econ/elasticities.csv:3:2: sector MAN, column 'armington': -3 must be an elasticity of substitution in [0, 100]";
  CliResult r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(r.out.empty());
  CHECK(has(r.err, expected));
  r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, expected));
  CHECK_FALSE(has(r.err, "s.yaml"));  // the scenario is not blamed
  CHECK_FALSE(fs::exists(box.dir / "out"));
  // Each column has the bounds of its scenario parameter.
  box.write("econ/elasticities.csv", "sector,armington,export_demand\nAGR,1.5,-1\nMAN,1,-1\nSER,2,0.5\n");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "econ/elasticities.csv:4:3: sector SER, column 'export_demand': 0.5 must be a finite price elasticity "
            "of foreign demand in [-100, 0]"));
  // Good values pass, and a run uses them.
  box.write("econ/elasticities.csv", "sector,armington,export_demand\nAGR,1.5,-1\nMAN,1,NA\nSER,2,-1\n");
  r = box.run("check econ", 20);
  CHECK(r.code == 0);
  CHECK(has(r.out, "ok"));
  CHECK(r.err.empty());
}

TEST_CASE("tariffs, imports by partner and mobility are checked cell by cell with sector codes") {
  CliSandbox box("inputs_optional");
  box.edit("econ/economy.yaml", "imports_by_partner: imports_by_partner.csv",
           "imports_by_partner: imports_by_partner.csv\ntariffs: tariffs.csv\nmobility: mobility.csv");
  box.write("econ/tariffs.csv", "sector,CHN,ROW\nAGR,0.05,0.02\nMAN,17,0.03\nSER,0,0\n");
  box.write("econ/mobility.csv", "sector,AGR,MAN,SER\nAGR,0.5,0.3,0.2\nMAN,0.1,0.8,0.1\nSER,0.1,0.1,0.8\n");
  CliResult r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, "econ/tariffs.csv:3:2: sector MAN, column 'CHN': 17 must be a rate in [0, 10] (write 17% as 0.17)"));
  box.write("econ/tariffs.csv", "sector,CHN,ROW\nAGR,0.05,0.02\nMAN,0.17,0.03\nSER,0,0\n");
  box.write("econ/mobility.csv", "sector,AGR,MAN,SER\nAGR,0.5,0.3,0.2\nMAN,0.1,0.7,0.1\nSER,0.1,0.1,0.8\n");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "econ/mobility.csv:3: row of sector MAN sums to 0.9: each row (the sector workers leave) must sum to 1"));
  box.write("econ/mobility.csv", "sector,AGR,MAN,SER\nAGR,0.5,0.3,0.2\nMAN,0.1,0.8,0.1\nSER,0.1,0.1,0.8\n");
  box.write("econ/imports_by_partner.csv", "sector,CHN,ROW\nAGR,5,15\nMAN,-20,30\nSER,2,8\n");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(
      has(r.err, "econ/imports_by_partner.csv:3:2: sector MAN, column 'CHN': -20 is negative: expected a value >= 0"));
  box.write("econ/imports_by_partner.csv", "sector,CHN,ROW\nAGR,5,15\nMAN,20,30\nSER,2,8\n");
  r = box.run("check econ", 20);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("a 1e308 flow is refused by check and by run, naming the file and cell") {
  CliSandbox box("inputs_huge");
  box.edit("econ/intermediate_domestic.csv", "MAN,15,", "MAN,1e308,");
  const std::string expected =
      "econ/intermediate_domestic.csv:3:2: sector MAN, column 'AGR': 1e308 is larger in magnitude than 1e15";
  CliResult r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, expected));
  r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, expected));
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("duplicate YAML keys are errors at the second occurrence, in scenarios, sweeps and economy.yaml") {
  CliSandbox box("inputs_duplicates");
  box.write("d.yaml",
            "schema_version: 1\nname: t\neconomy: econ\nmeasures:\n  - type: tariff\n    sectors: [MAN]\n"
            "    partners: [CHN]\n    to: 0.25\n    to: 0.30\n");
  CliResult r = box.run("run d.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "d.yaml:9:5: measures[0]: duplicate key 'to' (first given on line 8): each key may appear once in a map"));
  CHECK_FALSE(fs::exists(box.dir / "out"));

  box.write("top.yaml", "schema_version: 1\nname: a\neconomy: econ\nname: b\n");
  r = box.run("check top.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err, "top.yaml:4:1: duplicate key 'name' (first given on line 2)"));

  box.write("sw.yaml",
            "schema_version: 1\nbase: s.yaml\nvary:\n  - key: measures[0].to\n    values: [0.1, 0.2]\n"
            "    values: [0.3]\n");
  r = box.run("check sw.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err, "sw.yaml:6:5: vary[0]: duplicate key 'values' (first given on line 5)"));

  box.edit("econ/economy.yaml", "currency: USD million", "currency: USD million\ncurrency: EUR million");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, "econ/economy.yaml:6:1: duplicate key 'currency' (first given on line 5)"));
}

TEST_CASE("empty lists of codes and empty names are errors") {
  CliSandbox box("inputs_empty");
  box.edit("s.yaml", "partners: [CHN]", "partners: []");
  CliResult r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "s.yaml:7:15: measures[0].partners: is an empty list []: expected at least one code (leave 'partners' "
            "out for every partner)"));
  box.edit("s.yaml", "partners: []", "partners: [CHN]");
  box.edit("s.yaml", "sectors: [MAN]", "sectors: []");
  r = box.run("check s.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err, "s.yaml:6:14: measures[0].sectors: is an empty list []"));
  box.edit("s.yaml", "sectors: []", "sectors: [MAN]");

  box.edit("econ/economy.yaml", "name: tiny", "name: \"\"");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, "econ/economy.yaml:2:7: name: is empty: expected a name for the economy"));
  box.edit("econ/economy.yaml", "name: \"\"", "name: tiny");
  box.edit("econ/economy.yaml", "currency: USD million", "currency: \" \"");
  r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, "econ/economy.yaml:5:11: currency: is empty: expected the currency unit of the tables"));
  box.edit("econ/economy.yaml", "currency: \" \"", "currency: USD million");
  box.edit("econ/economy.yaml", "goods: [AGR, MAN]", "goods: []");
  r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(has(r.err, "econ/economy.yaml:19:10: sector_groups.goods: is an empty list []: expected at least one code"));
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("a 2 MB bad cell is quoted short") {
  CliSandbox box("inputs_long_cell");
  box.edit("econ/intermediate_domestic.csv", "MAN,15,60,", "MAN,15," + std::string(2 << 20, '7') + "x,");
  const CliResult r = box.run("check econ", 20);
  require_input_error(r);
  CHECK(r.err.size() < 400);
  CHECK(has(r.err, "econ/intermediate_domestic.csv:3:3: '" + std::string(80, '7') +
                       "\xE2\x80\xA6' (column 'MAN') is not a number"));
}

TEST_CASE("over-long CSV lines and YAML files are refused with their limits") {
  CliSandbox box("inputs_limits");
  box.edit("econ/intermediate_domestic.csv", "MAN,15,60,", "MAN,15," + std::string(17 << 20, '7') + ",");
  CliResult r = box.run("check econ", 30);
  require_input_error(r);
  CHECK(has(r.err, "econ/intermediate_domestic.csv:3: line is longer than 16 MiB (the limit of one CSV line)"));
  CHECK(r.err.size() < 400);
  box.write("big.yaml", "schema_version: 1\nname: t\neconomy: econ\n# " + std::string(17 << 20, 'x') + "\n");
  r = box.run("check big.yaml", 30);
  require_input_error(r);
  CHECK(has(r.err, "big.yaml: is 17 MiB, more than the limit of 16 MiB for this kind of input: expected a YAML file"));
}

TEST_CASE("out-of-range numbers state the allowed range") {
  CliSandbox box("inputs_ranges");
  box.edit("s.yaml", "    to: 0.25\n", "    to: 0.25\n    phase_in_years: 1e9\n");
  CliResult r = box.run("run s.yaml -o out", 20);
  require_input_error(r);
  CHECK(has(r.err, "s.yaml:10:21: measures[0].phase_in_years = 1e+09: must be in [1, 100] years (1 = all in year 1)"));
  box.edit("s.yaml", "    phase_in_years: 1e9\n",
           "    phase_in_years: 3\nlabour_market:\n  scarring_half_life_years: 500\n");
  r = box.run("check s.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err, "s.yaml:12:29: labour_market.scarring_half_life_years = 500: must be in (0, 100] years"));
  CHECK_FALSE(fs::exists(box.dir / "out"));
}

TEST_CASE("an unknown sector under parameters is reported at its key") {
  CliSandbox box("inputs_param_sector");
  box.write("p.yaml", box.read("s.yaml") + "parameters:\n  armington:\n    default: 1.5\n    XYZ: 2\n");
  const CliResult r = box.run("check p.yaml", 20);
  require_input_error(r);
  CHECK(has(r.err,
            "p.yaml:13:5: parameters.armington.XYZ: unknown sector 'XYZ': expected a sector code or group of "
            "economy tiny (AGR, MAN, SER)"));
}
