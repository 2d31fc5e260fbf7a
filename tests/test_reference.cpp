// ctest-labels: data
// Reference-answer tests against published figures : the Eurostat Manual's
// Germany 1995 table (Beutel 2008, Tables 15.4 and 15.10) and the Spicosa Netherlands 2000
// teaching table, with the tolerances in expected_published_values.csv.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "formats/csv.h"
#include "tradejobs/models/input_output.h"

using namespace tradejobs;

namespace {

const std::string kData = TRADEJOBS_TEST_DATA;

std::vector<double> split_numbers(const std::string& s) {
  std::vector<double> v;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ';')) v.push_back(std::stod(item));
  return v;
}

struct Expected {
  std::vector<double> values;
  double tolerance;
};

std::map<std::string, Expected> expected_values() {
  const CsvTable t = read_csv(kData + "/eurostat_manual_examples/expected_published_values.csv");
  std::map<std::string, Expected> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string key = t.rows[r][0] + "|" + t.rows[r][1].substr(0, t.rows[r][1].find(' '));
    out[key] = {split_numbers(t.rows[r][3]), std::stod(t.rows[r][4])};
  }
  return out;
}

/// Reads the Germany 1995 wide table: rows by code, columns by code.
std::map<std::string, std::map<std::string, double>> read_wide(const std::string& path) {
  const CsvTable t = read_csv(path);
  std::map<std::string, std::map<std::string, double>> m;
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 1; c < t.header.size(); ++c)
      if (!t.rows[r][c].empty() && t.header[c] != "label" && t.rows[r][c] != t.rows[r][1]) {
        char* end = nullptr;
        const double v = std::strtod(t.rows[r][c].c_str(), &end);
        if (end && *end == '\0') m[t.rows[r][0]][t.header[c]] = v;
      }
  return m;
}

}  // namespace

TEST_CASE("Eurostat Manual Germany 1995: multipliers and Leontief diagonal match the published values") {
  const auto table = read_wide(kData + "/eurostat_manual_examples/germany_1995_siot_wide.csv");
  const std::vector<std::string> codes = {"CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"};
  const int n = 6;
  Eigen::MatrixXd z(n, n);
  Eigen::VectorXd x(n), emp(n), gva(n), comp(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) z(i, j) = table.at(codes[i]).at(codes[j]);
    x(i) = table.at("P1").at(codes[i]);
    emp(i) = table.at("EMP").at(codes[i]);
    gva(i) = table.at("B1G").at(codes[i]);
    comp(i) = table.at("D1").at(codes[i]);
  }
  IoCoefficients c;
  c.gross_output = x;
  c.technical_coefficients = input_coefficients(z, x);
  c.import_coefficients = Eigen::MatrixXd::Zero(n, n);
  c.employment_coefficients = per_unit_of_output(emp, x);
  c.wage_coefficients = per_unit_of_output(comp, x);
  c.value_added_coefficients = per_unit_of_output(gva, x);
  c.household_consumption_coefficients = Eigen::VectorXd::Zero(n);
  const Multipliers m = compute_multipliers(c, MultiplierType::TypeI);
  const auto expected = expected_values();

  const Expected& em = expected.at("germany_1995|employment_multiplier");
  const Expected& gm = expected.at("germany_1995|gva_multiplier");
  for (int i = 0; i < n; ++i) CHECK(std::abs(m.value_added(i) - gm.values[i]) <= gm.tolerance);
  const Expected& gc = expected.at("germany_1995|gva_input_coefficient");
  for (int i = 0; i < n; ++i) CHECK(std::abs(c.value_added_coefficients(i) - gc.values[i]) <= gc.tolerance);
  const Expected& ld = expected.at("germany_1995|leontief_inverse_diagonal");
  const Eigen::MatrixXd l = LeontiefSystem(c.technical_coefficients).leontief_inverse();
  for (int i = 0; i < 3; ++i) CHECK(std::abs(l(i, i) - ld.values[i]) <= ld.tolerance);
  const Expected& cc = expected.at("germany_1995|compensation_input_coefficient");
  CHECK(std::abs(c.wage_coefficients(0) - cc.values[0]) <= cc.tolerance);
  // Employment multipliers within the absolute tolerance as published.
  for (int i = 0; i < n; ++i) CHECK(std::abs(m.employment(i) - em.values[i]) <= em.tolerance);
}

TEST_CASE("Spicosa Netherlands 2000: Type I compensation multipliers") {
  const CsvTable t = read_csv(kData + "/eurostat_manual_examples/netherlands_2000_wide.csv");
  const int n = 6;
  Eigen::MatrixXd z(n, n);
  Eigen::VectorXd x(n), comp(n);
  std::map<std::string, size_t> row;
  for (size_t r = 0; r < t.rows.size(); ++r) row[t.rows[r][0]] = r;
  const size_t out_row = row.at("output_bp"), comp_row = row.at("compensation_employees");
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) z(i, j) = t.number(i, j + 1);
    x(i) = t.number(out_row, i + 1);
    comp(i) = t.number(comp_row, i + 1);
  }
  const Eigen::VectorXd w = per_unit_of_output(comp, x);
  const Eigen::MatrixXd l = LeontiefSystem(input_coefficients(z, x)).leontief_inverse();
  const Eigen::VectorXd per_unit = (w.transpose() * l).transpose();
  const auto expected = expected_values();
  const Expected& mult = expected.at("netherlands_2000|compensation_multiplier_typeI");
  const Expected& pu = expected.at("netherlands_2000|compensation_per_unit_final_demand");
  for (int i = 0; i < n; ++i) {
    CHECK(std::abs(per_unit(i) / w(i) - mult.values[i]) <= mult.tolerance);
    CHECK(std::abs(per_unit(i) - pu.values[i]) <= pu.tolerance);
  }
}
