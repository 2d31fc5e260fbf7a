// ctest-labels: unit
// Economy folders (docs/model.md §1, §9): loading, writing, and the named consistency checks.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
    CHECK(load_error(d) == d + "/intermediate_domestic.csv:3:3: 'sixty' (column 'MAN') is not a number: expected a finite number with '.' as decimal mark");
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
    CHECK(load_error(d) == d + "/economy.yaml:14:10: exports: file '" + d + "/exports.csv' does not exist: expected a CSV file");
  }
  SUBCASE("rows out of order") {
    const std::string d = copy_tiny("order");
    replace_in_file(d + "/employment.csv", "AGR,1000", "XXX,1000");
    CHECK(load_error(d) == d + "/employment.csv:2:1: row label 'XXX', expected sector 'AGR'");
  }
  SUBCASE("share outside [0, 1]") {
    const std::string d = copy_tiny("share");
    replace_in_file(d + "/employment.csv", "AGR,1000,0.3", "AGR,1000,30");
    CHECK(load_error(d) == d + "/employment.csv:2:3: share 30 of column 'female' is outside [0, 1]: expected a share (write 45% as 0.45)");
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
