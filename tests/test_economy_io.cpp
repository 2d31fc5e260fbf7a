// ctest-labels: unit
// Economy folders (docs/model.md §1, §9): loading, writing, and the named consistency checks.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "formats/csv.h"
#include "formats/yaml_util.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/input_output.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kTiny = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/tiny_economy";

/// A fresh copy of the tiny economy in a temporary folder.
std::string copy_tiny(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tradejobs_test_io_" + name);
  fs::remove_all(dir);
  fs::copy(kTiny, dir);
  return dir.string();
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  s.replace(pos, from.size(), to);
  std::ofstream(path) << s;
}

std::string load_error(const std::string& folder) {
  try {
    load_economy(folder);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the tiny economy loads with its identities") {
  const Economy e = load_economy(kTiny);
  CHECK(e.sectors() == 3);
  CHECK(e.final_demand_categories == std::vector<std::string>{"household", "government"});
  CHECK(e.household_column() == 0);
  CHECK(e.compensation_row() == 0);
  const Eigen::VectorXd x = gross_output(e);
  CHECK(x(0) == 105);
  CHECK(x(1) == 220);
  CHECK(x(2) == 235);
  CHECK((total_inputs(e) - x).cwiseAbs().maxCoeff() == 0.0);
  CHECK(e.import_partners == std::vector<std::string>{"CHN", "ROW"});
  CHECK(e.sector_groups.at("goods").size() == 2);
  const auto d = check_economy(e);
  CHECK_FALSE(has_severity(d, Severity::Error));
}

TEST_CASE("write_economy round-trips exactly") {
  const Economy e = load_economy(kTiny);
  const fs::path dir = fs::temp_directory_path() / "tradejobs_test_io_roundtrip";
  fs::remove_all(dir);
  write_economy(e, dir.string(), {"tradejobs import test", "3 sectors", {"a note"}});
  const Economy f = load_economy(dir.string());
  CHECK(f.sector_codes == e.sector_codes);
  CHECK(f.intermediate_domestic == e.intermediate_domestic);
  CHECK(f.value_added == e.value_added);
  CHECK(f.employment_shares == e.employment_shares);
  CHECK(f.annual_wage == e.annual_wage);
  CHECK(f.import_shares == e.import_shares);
  CHECK(f.exports == e.exports);
}

TEST_CASE("loader errors name the file, the line and column, and what was expected") {
  SUBCASE("ragged row") {
    const std::string d = copy_tiny("ragged");
    replace_in_file(d + "/intermediate_domestic.csv", "MAN,15,60,25", "MAN,15,60");
    CHECK(load_error(d) == d + "/intermediate_domestic.csv:3: row has 3 cells, expected 4 as in the header");
  }
  SUBCASE("non-numeric cell") {
    const std::string d = copy_tiny("nonnumeric");
    replace_in_file(d + "/intermediate_domestic.csv", "MAN,15,60,25", "MAN,15,sixty,25");
    CHECK(load_error(d) == d + "/intermediate_domestic.csv:3:3: 'sixty' (column 'MAN') is not a number: expected a "
                               "finite number with '.' as decimal mark");
  }
  SUBCASE("duplicate sector code") {
    const std::string d = copy_tiny("duplicate");
    replace_in_file(d + "/sectors.csv", "SER,Services", "MAN,Services");
    CHECK(load_error(d) == d + "/sectors.csv:4:1: duplicate sector code 'MAN': codes must be unique");
  }
  SUBCASE("unknown YAML key") {
    const std::string d = copy_tiny("unknownkey");
    replace_in_file(d + "/economy.yaml", "currency:", "currancy:");
    CHECK(load_error(d).find(d + "/economy.yaml:5:1: currancy: unknown key: expected one of") == 0);
  }
  SUBCASE("missing schema_version") {
    const std::string d = copy_tiny("schema");
    replace_in_file(d + "/economy.yaml", "schema_version: 1\n", "");
    CHECK(load_error(d) == d + "/economy.yaml:1:1: missing schema_version: add 'schema_version: 1' at the top");
  }
  SUBCASE("missing file") {
    const std::string d = copy_tiny("missingfile");
    fs::remove(d + "/exports.csv");
    CHECK(load_error(d) ==
          d + "/economy.yaml:14:10: exports: file '" + d + "/exports.csv' does not exist: expected a CSV file");
  }
  SUBCASE("rows out of order") {
    const std::string d = copy_tiny("order");
    replace_in_file(d + "/employment.csv", "AGR,1000", "XXX,1000");
    CHECK(load_error(d) == d + "/employment.csv:2:1: row label 'XXX', expected sector 'AGR'");
  }
  SUBCASE("share outside [0, 1]") {
    const std::string d = copy_tiny("share");
    replace_in_file(d + "/employment.csv", "AGR,1000,0.3", "AGR,1000,30");
    CHECK(
        load_error(d) ==
        d + "/employment.csv:2:3: share 30 of column 'female' is outside [0, 1]: expected a share (write 45% as 0.45)");
  }
  SUBCASE("not an economy folder") {
    CHECK(load_error(fs::temp_directory_path().string()) ==
          fs::temp_directory_path().string() + ": not an economy folder: expected a file economy.yaml in it");
  }
}

TEST_CASE("named checks find negative flows, imbalance and non-productive tables") {
  Economy e = load_economy(kTiny);
  SUBCASE("negative flow") {
    e.intermediate_domestic(1, 0) = -1;
    const auto d = check_nonnegative(e);
    REQUIRE(has_severity(d, Severity::Error));
    CHECK(d[0].message.find("intermediate_domestic has a negative or non-finite entry -1 at row MAN, column AGR") == 0);
  }
  SUBCASE("column imbalance names the worst sector") {
    e.value_added(1, 2) += 10;  // SER inputs exceed output
    const auto d = check_column_balance(e);
    REQUIRE(has_severity(d, Severity::Error));
    CHECK(d[0].message.find("worst sectors (relative residual): SER (0.0425532)") != std::string::npos);
  }
  SUBCASE("non-productive table") {
    // AGR and MAN each use more of the other than it produces (outputs kept by negative final
    // demand): column sums of A > 1 and rho(A) > 1.
    e.intermediate_domestic(1, 0) += 985;
    e.final_demand_domestic(1, 0) -= 985;
    e.intermediate_domestic(0, 1) += 270;
    e.final_demand_domestic(0, 0) -= 270;
    const auto d = check_productive(e);
    REQUIRE(has_severity(d, Severity::Error));
    CHECK(d[0].message.find("column sums of A must be < 1") == 0);
    CHECK(d[1].message.find("the table is not productive: spectral radius of A is") == 0);
  }
  SUBCASE("a column sum above 1 in a productive table is a warning") {
    e.intermediate_domestic(1, 0) += 135;  // AGR's inputs exceed its output; rho(A) stays < 1
    e.final_demand_domestic(1, 0) -= 135;
    const auto d = check_productive(e);
    CHECK_FALSE(has_severity(d, Severity::Error));
    REQUIRE(has_severity(d, Severity::Warning));
    CHECK(d[0].message.find("column sums of A are >= 1") == 0);
    CHECK(d[0].message.find("AGR") != std::string::npos);
  }
  SUBCASE("zero-output sector is a note, not an error, when it has no jobs") {
    // Keep the other columns balanced: their SER inputs become value added.
    e.value_added.row(1).head(2) += e.intermediate_domestic.row(2).head(2);
    e.exports.col(1).head(2) += e.intermediate_domestic.col(2).head(2);
    e.intermediate_domestic.row(2).setZero();
    e.intermediate_domestic.col(2).setZero();
    e.intermediate_imported.col(2).setZero();
    e.final_demand_domestic.row(2).setZero();
    e.exports.row(2).setZero();
    e.value_added.col(2).setZero();
    e.employment(2) = 0;
    const auto d = check_economy(e);
    for (const auto& x : d)
      if (x.severity == Severity::Error) FAIL_CHECK(x.check << ": " << x.message);
    const IoCoefficients c = io_coefficients(e);
    CHECK(c.technical_coefficients.col(2).isZero());
    CHECK(std::isfinite(c.employment_coefficients(2)));
  }
}

namespace {
/// The tiny economy with an optional file added to economy.yaml (`key: file`) holding `text`.
std::string tiny_with(const std::string& name, const std::string& key, const std::string& file,
                      const std::string& text) {
  const std::string d = copy_tiny(name);
  replace_in_file(d + "/economy.yaml", "imports_by_partner: imports_by_partner.csv",
                  "imports_by_partner: imports_by_partner.csv\n" + key + ": " + file);
  std::ofstream(d + "/" + file) << text;
  return d;
}

std::string yaml_load_error(const std::string& path) {
  try {
    load_yaml_file(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("optional economy files are checked against the model's bounds, naming file, cell and sector") {
  SUBCASE("elasticities: each column has the bounds of its scenario parameter") {
    const std::string f =
        "sector,armington,source_substitution,final_demand_elasticity,export_demand,employment_elasticity\n";
    std::string d = tiny_with("el_ok", "elasticities", "elasticities.csv",
                              f + "AGR,1,2,-0.5,-1,1\nMAN,NA,,-1,-2,0.5\nSER,2,4,0,-3,1\n");
    const Economy e = load_economy(d);
    CHECK(e.armington(0) == 1);
    CHECK(std::isnan(e.armington(1)));
    CHECK(std::isnan(e.source_substitution(1)));
    CHECK(e.employment_elasticity(1) == 0.5);
    d = tiny_with("el_sd", "elasticities", "elasticities.csv",
                  f + "AGR,1,2,-0.5,-1,1\nMAN,-3,2,-1,-2,0.5\nSER,2,4,0,-3,1\n");
    CHECK(load_error(d) == d + "/elasticities.csv:3:2: sector MAN, column 'armington': -3 must be an elasticity of "
                               "substitution in [0, 100]");
    d = tiny_with("el_sm", "elasticities", "elasticities.csv",
                  f + "AGR,1,200,-0.5,-1,1\nMAN,1,2,-1,-2,0.5\nSER,2,4,0,-3,1\n");
    CHECK(load_error(d) ==
          d + "/elasticities.csv:2:3: sector AGR, column 'source_substitution': 200 must be an elasticity "
              "of substitution in [0, 100]");
    d = tiny_with("el_fd", "elasticities", "elasticities.csv",
                  f + "AGR,1,2,0.5,-1,1\nMAN,1,2,-1,-2,0.5\nSER,2,4,0,-3,1\n");
    CHECK(load_error(d) ==
          d + "/elasticities.csv:2:4: sector AGR, column 'final_demand_elasticity': 0.5 must be a price "
              "elasticity in [-100, 0]");
    d = tiny_with("el_emp", "elasticities", "elasticities.csv",
                  f + "AGR,1,2,-0.5,-1,1\nMAN,1,2,-1,-2,11\nSER,2,4,0,-3,1\n");
    CHECK(load_error(d) ==
          d + "/elasticities.csv:3:6: sector MAN, column 'employment_elasticity': 11 must be in [0, 10] (1 "
              "= fixed coefficients)");
    d = tiny_with("el_order", "elasticities", "elasticities.csv", "sector,armington\nAGR,1\nSER,2\nMAN,1\n");
    CHECK(load_error(d) ==
          d + "/elasticities.csv:3:1: row label 'SER', expected sector 'MAN' (rows must follow the order "
              "of sectors.csv)");
    d = tiny_with("el_dup", "elasticities", "elasticities.csv",
                  "sector,armington,armington\nAGR,1,1\nMAN,1,1\nSER,2,2\n");
    CHECK(load_error(d) == d + "/elasticities.csv:1:3: duplicate column 'armington'");
  }
  SUBCASE("tariffs and export tariffs are rates in [0, 10]") {
    std::string d =
        tiny_with("tariff_neg", "tariffs", "tariffs.csv", "sector,CHN,ROW\nAGR,0.1,0\nMAN,0,-0.2\nSER,0,0\n");
    CHECK(load_error(d) ==
          d + "/tariffs.csv:3:3: sector MAN, column 'ROW': -0.2 must be a rate in [0, 10] (write 17% as 0.17)");
    d = tiny_with("xtariff", "export_tariffs", "export_tariffs.csv", "sector,CHN,ROW\nAGR,0,0\nMAN,0,0\nSER,25,0\n");
    CHECK(load_error(d) ==
          d + "/export_tariffs.csv:4:2: sector SER, column 'CHN': 25 must be a rate in [0, 10] (write 17% as 0.17)");
  }
  SUBCASE("mobility: shares in [0, 1], rows summing to 1") {
    std::string d =
        tiny_with("mob_cell", "mobility", "mobility.csv", "sector,AGR,MAN,SER\nAGR,1.5,-0.5,0\nMAN,0,1,0\nSER,0,0,1\n");
    CHECK(load_error(d) ==
          d + "/mobility.csv:2:2: sector AGR, column 'AGR': 1.5 must be a share in [0, 1] (write 45% as 0.45)");
    d = tiny_with("mob_row", "mobility", "mobility.csv", "sector,AGR,MAN,SER\nAGR,1,0,0\nMAN,0,1,0\n\nSER,0.5,0,0.4\n");
    CHECK(load_error(d) ==
          d + "/mobility.csv:5: row of sector SER sums to 0.9: each row (the sector workers leave) must sum to 1");
  }
  SUBCASE("imports by partner are values >= 0") {
    const std::string d = copy_tiny("imports_neg");
    replace_in_file(d + "/imports_by_partner.csv", "SER,0.1,0.9", "SER,0.1,-0.9");
    CHECK(load_error(d) ==
          d + "/imports_by_partner.csv:4:3: sector SER, column 'ROW': -0.9 is negative: expected a value >= 0");
  }
  SUBCASE("flows, jobs and wages at most 1e15 in magnitude") {
    std::string d = copy_tiny("huge_flow");
    replace_in_file(d + "/final_demand_domestic.csv", "AGR,40", "AGR,-2e15");
    CHECK(load_error(d).find(d + "/final_demand_domestic.csv:2:2: sector AGR, column 'household': -2e15") == 0);
    d = copy_tiny("huge_va");
    replace_in_file(d + "/value_added.csv", "compensation,30", "compensation,1e300");
    CHECK(load_error(d).find(d +
                             "/value_added.csv:2:2: component 'compensation', sector AGR: 1e300 is larger in magnitude "
                             "than 1e15") == 0);
    d = copy_tiny("huge_jobs");
    replace_in_file(d + "/employment.csv", "AGR,1000", "AGR,1e16");
    CHECK(load_error(d).find(d + "/employment.csv:2:2: sector AGR, column 'total': 1e16 is larger in magnitude") == 0);
  }
  SUBCASE("sector groups: known codes, at least one, each once, a name that is no sector code") {
    std::string d = copy_tiny("group_empty");
    replace_in_file(d + "/economy.yaml", "goods: [AGR, MAN]", "goods: []");
    CHECK(load_error(d) ==
          d + "/economy.yaml:19:10: sector_groups.goods: is an empty list []: expected at least one code");
    d = copy_tiny("group_twice");
    replace_in_file(d + "/economy.yaml", "goods: [AGR, MAN]", "goods: [AGR, MAN, AGR]");
    CHECK(load_error(d) == d + "/economy.yaml:19:10: sector_groups.goods: sector 'AGR' is listed twice");
    d = copy_tiny("group_code");
    replace_in_file(d + "/economy.yaml", "goods: [AGR, MAN]", "MAN: [AGR, MAN]");
    CHECK(load_error(d) ==
          d + "/economy.yaml:19:3: sector_groups.MAN: 'MAN' is a sector code: a group needs a name of its own");
  }
  SUBCASE("empty name and currency") {
    std::string d = copy_tiny("empty_name");
    replace_in_file(d + "/economy.yaml", "name: tiny", "name: ''");
    CHECK(load_error(d) == d + "/economy.yaml:2:7: name: is empty: expected a name for the economy");
    d = copy_tiny("empty_currency");
    replace_in_file(d + "/economy.yaml", "currency: USD million", "currency:   ''");
    CHECK(load_error(d) ==
          d + "/economy.yaml:5:13: currency: is empty: expected the currency unit of the tables, e.g. \"USD million\"");
  }
}

TEST_CASE("only regular files are read: directories, FIFOs and devices are named before anything opens them") {
  const fs::path dir = fs::temp_directory_path() / "tradejobs_test_io_special";
  fs::remove_all(dir);
  fs::create_directories(dir / "folder.csv");
  REQUIRE(::mkfifo((dir / "pipe.csv").c_str(), 0600) == 0);
  auto csv_error = [](const std::string& path) {
    try {
      read_csv(path);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(csv_error((dir / "folder.csv").string()) ==
        (dir / "folder.csv").string() + ": is a directory: expected a CSV file");
  CHECK(csv_error((dir / "pipe.csv").string()) ==
        (dir / "pipe.csv").string() + ": is a FIFO (named pipe), not a regular file: expected a CSV file");
  CHECK(csv_error("/dev/zero") == "/dev/zero: is a character device, not a regular file: expected a CSV file");
  CHECK(csv_error((dir / "none.csv").string()) ==
        (dir / "none.csv").string() + ": does not exist: expected a CSV file");
  CHECK(yaml_load_error((dir / "pipe.csv").string()) ==
        (dir / "pipe.csv").string() + ": is a FIFO (named pipe), not a regular file: expected a YAML file");
  CHECK(input_file_problem((dir / "folder.csv").string(), "a CSV file", kMaxInputFileBytes) ==
        "is a directory: expected a CSV file");
  // A directory given as an economy file is named at its key in economy.yaml.
  const std::string d = copy_tiny("dir_as_file");
  fs::remove(d + "/exports.csv");
  fs::create_directories(d + "/exports.csv");
  CHECK(load_error(d) ==
        d + "/economy.yaml:14:10: exports: file '" + d + "/exports.csv' is a directory: expected a CSV file");
  fs::remove_all(dir);
}

TEST_CASE("CSV lines: the last line may lack its newline; blank lines and CRLF are skipped; line numbers stay exact") {
  const fs::path file = fs::temp_directory_path() / "tradejobs_test_io_lines.csv";
  std::ofstream(file, std::ios::binary) << "a,b\r\n1,2\r\n\r\n\n3,x";
  const CsvTable t = read_csv(file.string());
  REQUIRE(t.rows.size() == 2);
  CHECK(t.line_numbers == std::vector<int>{2, 5});
  CHECK(t.rows[1][1] == "x");
  CHECK_THROWS_WITH_AS(t.number(1, 1),
                       (file.string() + ":5:2: 'x' (column 'b') is not a number: expected a finite number "
                                        "with '.' as decimal mark")
                           .c_str(),
                       InputError);
  fs::remove(file);
}

TEST_CASE("excerpt quotes at most 80 characters, whole UTF-8 characters, control characters as '?'") {
  CHECK(excerpt("short") == "short");
  CHECK(excerpt(std::string(80, 'a')) == std::string(80, 'a'));
  CHECK(excerpt(std::string(81, 'a')) == std::string(80, 'a') + "\xE2\x80\xA6");
  CHECK(excerpt(std::string(2 << 20, 'a')).size() == 83);
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";  // é
  std::string expected;
  for (int i = 0; i < 80; ++i) expected += "\xC3\xA9";
  CHECK(excerpt(accents) == expected + "\xE2\x80\xA6");
  CHECK(excerpt(std::string("a\0b\x01\xC3", 5)) == "a?b??");
}

TEST_CASE("YAML: a repeated key is an error at its second occurrence, with the key path") {
  const fs::path file = fs::temp_directory_path() / "tradejobs_test_io_dup.yaml";
  std::ofstream(file) << "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: {p: 1, q: 2, p: 3}\nb: 2\n";
  CHECK(yaml_load_error(file.string()) ==
        file.string() +
            ":5:21: list[1].y: duplicate key 'p' (first given on line 5): each key may appear once in a map");
  std::ofstream(file) << "a: &anchor {k: 1}\nb: *anchor\nc: [*anchor, *anchor]\n";
  CHECK(yaml_load_error(file.string()).empty());  // the same key in different maps, and aliases, are fine
  std::ofstream(file) << "a: 1\nb: 2\na: 3\n";
  CHECK(yaml_load_error(file.string()) ==
        file.string() + ":3:1: duplicate key 'a' (first given on line 1): each key may appear once in a map");
  fs::remove(file);
}

TEST_CASE("check_values flags non-finite and implausibly large numbers in an economy built in memory") {
  Economy e = load_economy(kTiny);
  CHECK_FALSE(has_severity(check_values(e), Severity::Error));
  SUBCASE("an infinite flow") {
    e.exports(1, 0) = std::numeric_limits<double>::infinity();
    const auto d = check_economy(e);
    REQUIRE(d.size() == 1);
    CHECK(d[0].check == "check_values");
    CHECK(d[0].message ==
          "exports has 1 entry that is not finite numbers of magnitude at most 1e+15, first row MAN, column CHN = inf");
  }
  SUBCASE("a flow above 1e15") {
    e.intermediate_domestic(0, 2) = 2e15;
    e.intermediate_domestic(1, 2) = 3e15;
    const auto d = check_values(e);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message ==
          "intermediate_domestic has 2 entries that are not finite numbers of magnitude at most 1e+15, first row AGR, "
          "column SER = 2e+15");
  }
  SUBCASE("a share outside [0, 1], an unknown (NA) share and an infinite elasticity") {
    e.employment_shares(2, 0) = 1.5;
    // NA in a row whose jobs are known: the share is unknown (docs/mrio.md "NA per cell"), not an error
    e.employment_shares(1, 0) = std::numeric_limits<double>::quiet_NaN();
    e.armington = Eigen::VectorXd::Constant(3, std::numeric_limits<double>::quiet_NaN());  // not given: fine
    e.export_demand = Eigen::VectorXd::Constant(3, -1.0);
    e.export_demand(1) = -std::numeric_limits<double>::infinity();
    const auto d = check_values(e);
    REQUIRE(d.size() == 2);
    CHECK(d[0].message.find("employment shares has 1 entry that is not shares in [0, 1], first row SER, column") == 0);
    CHECK(d[1].message == "elasticity export_demand of sector MAN is -inf: must be finite");
  }
}
