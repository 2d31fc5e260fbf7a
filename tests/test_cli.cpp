// ctest-labels: cli
// End-to-end tests of the real `tradejobs` binary (docs/model.md §9): bad inputs give their exact
// message on stderr, exit code 2 and no output; good inputs run.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const std::string kBinary = TRADEJOBS_BINARY;
const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr together
};

/// A scratch folder with the tiny economy and a good scenario, removed at the end.
struct Sandbox {
  fs::path dir;
  explicit Sandbox(const std::string& tag) {
    dir = fs::temp_directory_path() / ("tradejobs_cli_" + tag);
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(kSource + "/tests/fixtures/tiny_economy", dir / "econ");
    write("s.yaml",
          "schema_version: 1\nname: t\neconomy: econ\nmeasures:\n  - type: tariff\n    sectors: [MAN]\n"
          "    partners: [CHN]\n    from: 0.03\n    to: 0.25\n");
  }
  ~Sandbox() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  std::string read(const std::string& name) const {
    std::ifstream in(dir / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  /// Replaces the first `from` with `to` in a file of the sandbox.
  void edit(const std::string& name, const std::string& from, const std::string& to) const {
    std::string s = read(name);
    const auto pos = s.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, from);
    s.replace(pos, from.size(), to);
    write(name, s);
  }
  Result run(const std::string& args) const {
    const std::string cmd = "cd '" + dir.string() + "' && '" + kBinary + "' " + args + " 2>&1";
    Result r;
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    size_t got;
    while ((got = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }
};

/// Runs a command that must fail with exit 2, the exact message, and no output folder.
void expect_error(const Sandbox& s, const std::string& args, const std::string& message) {
  const Result r = s.run(args + " -o out");
  CHECK(r.code == 2);
  CHECK(r.out == "error: " + message + "\n");
  CHECK_FALSE(fs::exists(s.dir / "out"));
}

}  // namespace

TEST_CASE("a good scenario runs and writes every result file") {
  Sandbox s("good");
  const Result r = s.run("run s.yaml -o out");
  CHECK(r.code == 0);
  for (const char* f : {"summary.json", "sectors.csv", "timeline.csv", "groups.csv", "partners.csv", "report.html"})
    CHECK_MESSAGE(fs::exists(s.dir / "out" / f), f);
  CHECK(r.out.find("net jobs change") != std::string::npos);
  CHECK(r.out.find("report.html") != std::string::npos);
  // No stray temporary folders next to the results.
  int entries = 0;
  for (const auto& e : fs::directory_iterator(s.dir)) entries += e.path().filename().string()[0] == '.';
  CHECK(entries == 0);
}

TEST_CASE("--version, --help and usage errors") {
  Sandbox s("usage");
  Result r = s.run("--version");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("tradejobs ", 0) == 0);
  r = s.run("--help");
  CHECK(r.code == 0);
  CHECK(r.out.find("Commands:") != std::string::npos);
  for (const char* c : {"run", "sweep", "check", "multipliers", "import", "report"}) {
    r = s.run(std::string(c) + " --help");
    CHECK_MESSAGE(r.code == 0, c);
    CHECK_MESSAGE(r.out.find("Usage: tradejobs " + std::string(c)) != std::string::npos, c);
  }
  r = s.run("frobnicate");
  CHECK(r.code == 2);
  r = s.run("");
  CHECK(r.code == 2);
  r = s.run("run s.yaml --format xml -o out");
  CHECK(r.code == 2);
  CHECK(r.out == "error: --format xml: expected table, csv or json\n");
}

TEST_CASE("bad inputs: exact message, exit code 2, no output") {
  Sandbox s("bad");
  SUBCASE("missing scenario file") {
    expect_error(s, "run nonexist.yaml", "nonexist.yaml: does not exist: expected a YAML file");
  }
  SUBCASE("missing economy file") {
    fs::remove(s.dir / "econ" / "exports.csv");
    expect_error(s, "run s.yaml",
                 "econ/economy.yaml:14:10: exports: file 'econ/exports.csv' does not exist: expected a CSV file");
  }
  SUBCASE("ragged CSV row") {
    s.edit("econ/intermediate_domestic.csv", "MAN,15,60,25", "MAN,15,60");
    expect_error(s, "run s.yaml", "econ/intermediate_domestic.csv:3: row has 3 cells, expected 4 as in the header");
  }
  SUBCASE("non-numeric cell") {
    s.edit("econ/intermediate_imported.csv", "SER,1,5,7", "SER,1,five,7");
    expect_error(s, "run s.yaml",
                 "econ/intermediate_imported.csv:4:3: 'five' (column 'MAN') is not a number: expected a finite number "
                 "with '.' as decimal mark");
  }
  SUBCASE("negative flow") {
    s.edit("econ/intermediate_domestic.csv", "AGR,10,30,5", "AGR,10,-30,65");
    s.edit("econ/value_added.csv", "other,37,25,45", "other,37,85,-15");  // columns stay balanced
    expect_error(s, "run s.yaml",
                 "econ: the economy fails its consistency checks:\n  check_nonnegative: intermediate_domestic has a "
                 "negative or non-finite entry -30 at row AGR, column MAN: flows must be >= 0");
  }
  SUBCASE("duplicate sector code") {
    s.edit("econ/sectors.csv", "SER,Services", "MAN,Services");
    expect_error(s, "run s.yaml", "econ/sectors.csv:4:1: duplicate sector code 'MAN': codes must be unique");
  }
  SUBCASE("unknown sector in a scenario") {
    s.edit("s.yaml", "sectors: [MAN]", "sectors: [XYZ]");
    expect_error(s, "run s.yaml",
                 "s.yaml:5:5: measures[0].sectors: unknown sector 'XYZ': expected a sector code of economy tiny (AGR, "
                 "MAN, SER) or a sector group (goods)");
  }
  SUBCASE("non-productive table") {
    // AGR and MAN use more of each other than they produce: column sums of A above 1 and
    // rho(A) >= 1 (Hawkins-Simon fails).
    s.edit("econ/intermediate_domestic.csv", "AGR,10,30,5", "AGR,10,300,5");
    s.edit("econ/intermediate_domestic.csv", "MAN,15,60,25", "MAN,150,60,25");
    s.edit("econ/final_demand_domestic.csv", "AGR,40,0", "AGR,-230,0");  // outputs unchanged
    s.edit("econ/final_demand_domestic.csv", "MAN,60,10", "MAN,-75,10");
    s.edit("econ/value_added.csv", "other,37,25,45", "other,-98,-245,45");
    const Result r = s.run("run s.yaml -o out");
    CHECK(r.code == 2);
    CHECK(r.out.find("check_productive: column sums of A must be < 1") != std::string::npos);
    CHECK(r.out.find("check_productive: the table is not productive: spectral radius of A is") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "out"));
  }
  SUBCASE("a column sum above 1 in a productive table is a warning, not an error") {
    // AGR's intermediate inputs exceed its output (negative value added), but rho(A) = 0.65.
    s.edit("econ/intermediate_domestic.csv", "MAN,15,60,25", "MAN,150,60,25");
    s.edit("econ/final_demand_domestic.csv", "MAN,60,10", "MAN,-75,10");  // output of MAN unchanged
    s.edit("econ/value_added.csv", "other,37,25,45", "other,-98,25,45");
    const Result r = s.run("check econ");
    CHECK(r.code == 0);
    CHECK(r.out.find("column sums of A are >= 1 (value added and imports not positive) although the table is "
                     "productive; sectors: AGR") != std::string::npos);
  }
  SUBCASE("wrong YAML type") {
    s.edit("s.yaml", "    to: 0.25", "    to: [0.25]");
    expect_error(s, "run s.yaml", "s.yaml:9:9: measures[0].to: expected a number");
  }
  SUBCASE("unknown YAML key") {
    s.edit("s.yaml", "name: t", "name: t\ncolour: red");
    expect_error(
        s, "run s.yaml",
        "s.yaml:3:1: colour: unknown key: expected one of schema_version, name, description, economy, measures, "
        "parameters, labour_market, policies, options, outputs");
  }
  SUBCASE("missing schema_version") {
    s.edit("s.yaml", "schema_version: 1\n", "");
    expect_error(s, "run s.yaml", "s.yaml:1:1: missing schema_version: add 'schema_version: 1' at the top");
  }
  SUBCASE("a directory that is not an economy") {
    fs::create_directories(s.dir / "empty");
    s.edit("s.yaml", "economy: econ", "economy: empty");
    expect_error(s, "run s.yaml", "empty: not an economy folder: expected a file economy.yaml in it");
  }
  SUBCASE("an unwritable output folder") {
    const Result r = s.run("run s.yaml -o s.yaml/out");
    CHECK(r.code == 2);
    CHECK(r.out == "error: s.yaml/out: cannot create the output folder: '" + (s.dir / "s.yaml").string() +
                       "' is not writable\n");
  }
  SUBCASE("unknown measure type") {
    s.edit("s.yaml", "type: tariff", "type: tarif");
    expect_error(s, "run s.yaml",
                 "s.yaml:5:11: measures[0].type: unknown measure type 'tarif': expected one of tariff, export_tariff, "
                 "ntm, quota, export_demand, import_price, final_demand");
  }
  SUBCASE("unknown partner") {
    s.edit("s.yaml", "partners: [CHN]", "partners: [JPN]");
    expect_error(s, "run s.yaml",
                 "s.yaml:5:5: measures[0].partners: unknown partner 'JPN': the economy's import partners are CHN, ROW "
                 "(or 'all')");
  }
  SUBCASE("rate outside [0, 10]") {
    s.edit("s.yaml", "to: 0.25", "to: 25");
    expect_error(s, "run s.yaml", "s.yaml:9:9: measures[0].to = 25: must be a rate in [0, 10] (write 17% as 0.17)");
  }
  SUBCASE("quota below zero") {
    s.write("q.yaml",
            "schema_version: 1\nname: q\neconomy: econ\nmeasures:\n  - type: quota\n    sectors: [MAN]\n"
            "    partners: [CHN]\n    quantity: -5\n");
    expect_error(s, "run q.yaml",
                 "q.yaml:8:15: measures[0].quantity = -5: must be a quota volume > 0 (currency units at base prices; "
                 "for an embargo use a prohibitive tariff)");
  }
  SUBCASE("a concordance whose weights for a code do not sum to 1") {
    s.write("conc.csv", "code,sector,weight\n311,AGR,0.5\n311,MAN,0.4\n");
    s.write("codes.csv", "code,from,to,weight\n311,0.01,0.1,100\n");
    s.write("c.yaml",
            "schema_version: 1\nname: c\neconomy: econ\nmeasures:\n  - type: tariff\n    partners: [CHN]\n"
            "    concordance: conc.csv\n    codes_file: codes.csv\n");
    expect_error(
        s, "run c.yaml",
        "conc.csv:2:3: weights of code 311 sum to 0.9: expected 1 (the shares of one code over sectors must add up)");
  }
  SUBCASE("bad labour-market parameter") {
    s.write("l.yaml", s.read("s.yaml") + "labour_market:\n  unemployment_duration_years: -1\n");
    expect_error(s, "run l.yaml",
                 "l.yaml:11:32: labour_market.unemployment_duration_years = -1: must be in (0, 50] years");
  }
  SUBCASE("bad replacement rate") {
    s.write("l.yaml", s.read("s.yaml") + "labour_market:\n  replacement_rate: 1.5\n");
    expect_error(s, "run l.yaml",
                 "l.yaml:11:21: labour_market.replacement_rate = 1.5: must be in [0, 1] (write 5% as 0.05)");
  }
  SUBCASE("group shares above 1") {
    s.edit("econ/employment.csv", "MAN,1500,0.35", "MAN,1500,1.35");
    expect_error(
        s, "run s.yaml",
        "econ/employment.csv:3:3: share 1.35 of column 'female' is outside [0, 1]: expected a share (write 45% "
        "as 0.45)");
  }
}

TEST_CASE("every measure type runs end to end") {
  Sandbox s("measures");
  s.write("all.yaml",
          "schema_version: 1\nname: all\neconomy: econ\nmeasures:\n"
          "  - type: tariff\n    sectors: [goods]\n    partners: [CHN]\n    change: 0.1\n"
          "  - type: export_tariff\n    sectors: [AGR]\n    partners: [CHN]\n    from: 0.02\n    to: 0.27\n"
          "  - type: ntm\n    kind: rent\n    sectors: [SER]\n    change: 0.05\n"
          "  - type: quota\n    sectors: [MAN]\n    partners: [ROW]\n    quantity: 20\n"
          "  - type: export_demand\n    sectors: [MAN]\n    percent: -10\n"
          "  - type: import_price\n    sectors: [SER]\n    partners: [ROW]\n    percent: 5\n"
          "  - type: final_demand\n    sectors: [SER]\n    category: government\n    quantity: 3\n"
          "    phase_in_years: 2\n"
          "options: {induced: true}\n");
  const Result r = s.run("run all.yaml -o out --format json");
  CHECK(r.code == 0);
  CHECK(r.out.find("\"kind\": \"scenario\"") != std::string::npos);
  CHECK(r.out.find("\"binding\": true") != std::string::npos);
  CHECK(r.out.find("\"jobs_change_induced\"") != std::string::npos);
  CHECK(r.out.find("\"kind\": \"rent\"") != std::string::npos);
  const std::string sectors = s.read("out/sectors.csv");
  CHECK(sectors.find("jobs_change_female,jobs_change_male,jobs_change_self_employed,jobs_change_employees") !=
        std::string::npos);
  CHECK(sectors.find("jobs_change_induced") != std::string::npos);
  const std::string partners = s.read("out/partners.csv");
  CHECK(partners.rfind("sector,partner,imports_base,imports_change,exports_base,exports_change\n", 0) == 0);
  // csv format prints sectors.csv
  const Result c = s.run("run all.yaml -o out2 --format csv");
  CHECK(c.code == 0);
  CHECK(c.out.rfind("sector,name,output_base,output_change", 0) == 0);
}

TEST_CASE("check and multipliers on the tiny economy") {
  Sandbox s("check");
  Result r = s.run("check econ");
  CHECK(r.code == 0);
  CHECK(r.out.find("productive: spectral radius of A is") != std::string::npos);
  r = s.run("check s.yaml");
  CHECK(r.code == 0);
  CHECK(r.out.find("scenario t: 1 measures resolved") != std::string::npos);
  s.edit("econ/value_added.csv", "other,37,25,45", "other,37,25,46");
  r = s.run("check econ");
  CHECK(r.code == 2);
  CHECK(r.out.find("check_column_balance") != std::string::npos);
  r = s.run("multipliers " + kSource + "/tests/fixtures/tiny_economy --format csv");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("sector,name,output_multiplier,employment_multiplier,income_multiplier", 0) == 0);
}

TEST_CASE("the committed USA economy: 56 sectors of multipliers, Type II above Type I") {
  Sandbox s("usa");
  const std::string usa = kSource + "/scenarios/economies/usa-2014";
  Result r1 = s.run("multipliers " + usa + " --format csv");
  Result r2 = s.run("multipliers " + usa + " --type II --format csv");
  CHECK(r1.code == 0);
  CHECK(r2.code == 0);
  auto lines = [](const std::string& t) { return std::count(t.begin(), t.end(), '\n'); };
  CHECK(lines(r1.out) == 57);
  CHECK(lines(r2.out) == 57);
}
