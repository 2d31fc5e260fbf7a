// ctest-labels: external_data
// The WIOD 2013 loader on the 1,435-sector world table (import/wiod_wiot.h): row sums, the
// collapse to one country, the full world economy folder, and the employment satellite from the
// WIOD SEA 2016. The world table (12 MB) is not shipped: it is read from $TRADEJOBS_DATA_DIR and
// the executable is skipped without it (tests/data_dir.h); the SEA files come from tests/data.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <map>

#include "data_dir.h"
#include "formats/csv.h"
#include "import/mrio_economy.h"
#include "import/mrio_satellites.h"
#include "import/mrio_table.h"
#include "import/wiod_wiot.h"
#include "mrio_import_support.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/input_output.h"

namespace fs = std::filesystem;
using namespace tradejobs;
using namespace tradejobs::test;

namespace {

const tradejobs_test::NeedsData kNeedsWorldTable("wiod2013_wiot", "the WIOD 2013 world table");
const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kWiod = tradejobs_test::data_path("wiod2013_wiot");

}  // namespace

TEST_CASE("WIOD 2013 world table 2011: row sums, collapse to one country, full economy") {
  const auto start = std::chrono::steady_clock::now();
  const MrioTable t = read_wiod_wiot(kWiod, 2011);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("read the 1,435-sector WIOD table in " << seconds << " s");
  CHECK(seconds < 10.0);
  REQUIRE(t.regions.size() == 41);
  REQUIRE(t.sector_codes.size() == 35);
  CHECK(t.regions.front() == "AUS");
  CHECK(t.regions.back() == "RoW");
  CHECK(t.sector_names[13] == "Electrical and optical equipment");
  // The loader reproduces the file's row sums of Z + Y exactly (integers), except for LUX_c5
  // and LUX_c8: published output 0 and only a final-demand entry of -1 (a truncation
  // artefact), which the loader sets to 0, with a note, so that output is 0, not negative.
  const Eigen::VectorXd rows = raw_row_sums(kWiod + "/wiot_2011_Z.csv") + raw_row_sums(kWiod + "/wiot_2011_Y.csv");
  Eigen::VectorXd expected_x = rows;
  const auto lux = std::find(t.regions.begin(), t.regions.end(), "LUX");
  REQUIRE(lux != t.regions.end());
  for (const int c : {5, 8}) {
    const Eigen::Index j = (lux - t.regions.begin()) * 35 + c - 1;
    CHECK(rows(j) == -1.0);
    expected_x(j) = 0.0;
  }
  CHECK((t.gross_output() - expected_x).cwiseAbs().maxCoeff() == 0.0);
  CHECK(std::any_of(t.notes.begin(), t.notes.end(), [](const std::string& n) {
    return n.find(
               "have that final demand set to 0, so that their output is 0, not negative: LUX_c5 (-1), LUX_c8 (-1)") !=
           std::string::npos;
  }));
  // Truncation: the published x exceeds the row sums by at most ~108 (README).
  const Eigen::VectorXd published = raw_row_sums(kWiod + "/wiot_2011_x.csv");
  CHECK((published - rows).cwiseAbs().maxCoeff() < 120.0);
  CHECK(t.value_added_components == std::vector<std::string>{"value_added_and_margins"});

  // Collapse to the United States plus 40 partner regions: its gross output is preserved.
  const Economy usa = single_region_economy(t, "USA", "wiod-wiot-2011-USA");
  const int u = 39;  // USA is the 40th region
  REQUIRE(t.regions[u] == "USA");
  const Eigen::VectorXd x_usa = t.gross_output().segment(u * 35, 35);
  CHECK(relative_max_difference(gross_output(usa), x_usa) <= 1e-12);
  CHECK(usa.export_partners.size() == 40);
  CHECK(usa.import_partners.size() == 40);
  CHECK(usa.import_partners[0] == "AUS");
  for (Eigen::Index i = 0; i < 35; ++i) {
    const double s = usa.import_shares.row(i).sum();
    CHECK((s == doctest::Approx(1.0).epsilon(1e-12) || s == 0.0));
  }
  CHECK_FALSE(has_severity(check_column_balance(usa), Severity::Error));
  // Imports into the US = column sums of the other regions' rows into US columns.
  const double imports_total = imports_by_product(usa).sum();
  double expected = 0.0;
  for (int r = 0; r < 41; ++r)
    if (r != u)
      expected += t.intermediate.block(r * 35, u * 35, 35, 35).sum() + t.final_demand.block(r * 35, u * 5, 35, 5).sum();
  CHECK(imports_total == doctest::Approx(expected).epsilon(1e-12));

  const Economy world = mrio_economy(t, "wiod-wiot-2011");
  CHECK(world.sectors() == 1435);
  CHECK(world.sector_codes[1434] == "RoW_c35");
  CHECK(world.final_demand_categories[0] == "AUS_household");
  CHECK_FALSE(has_severity(check_column_balance(world), Severity::Error));
}

TEST_CASE("wiod-wiot import: collapsed economy folder with --country") {
  const std::string out = scratch("wiod_usa");
  MrioImportOptions o;
  o.country = "USA";
  import_wiod_wiot(command("wiod-wiot", kWiod + "/wiot_2011_Z.csv", out), o);
  const Economy e = load_economy(out);
  CHECK(e.country == "USA");
  CHECK(e.year == 2011);
  CHECK(e.sectors() == 35);
  CHECK(e.sector_regions.empty());
  CHECK(e.import_partners.size() == 40);
  const auto yaml = lines_of(out + "/economy.yaml");
  bool has_aggregation = false;
  for (const auto& l : yaml)
    if (l == "aggregation: \"41 regions x 35 industries, no aggregation; collapsed to USA with 40 partner regions\"")
      has_aggregation = true;
  CHECK(has_aggregation);
}

TEST_CASE("wiod-wiot import: the full 1,435-sector world economy folder loads back") {
  const std::string out = scratch("wiod_world");
  const auto start = std::chrono::steady_clock::now();
  import_wiod_wiot(command("wiod-wiot", kWiod + "/wiot_1995_x.csv", out), MrioImportOptions{});
  const Economy e = load_economy(out);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("imported and re-loaded the 1,435-sector world economy in " << seconds << " s");
  CHECK(e.sectors() == 1435);
  CHECK(e.year == 1995);
  CHECK(e.country == "WLD");
  CHECK(e.sector_regions[35] == "AUT");
  CHECK(e.sector_codes[35] == "AUT_c1");
  CHECK(e.employment_known == std::vector<bool>(1435, false));  // WIOD 2013 has no employment
  CHECK(e.final_demand_categories.size() == 205);
  CHECK(e.export_partners == std::vector<std::string>{"outside"});
  CHECK_FALSE(fs::exists(out + "/intermediate_imported.csv"));
  CHECK_FALSE(has_severity(check_column_balance(e), Severity::Error));
}

TEST_CASE("WIOD 2013 with employment from the WIOD SEA 2016: totals, splits, wages, left-out jobs, errors") {
  const std::string sea_dir = kData + "/wiod2016_sea";
  const std::string sea5 = sea_dir + "/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv",
                    sea_aus = sea_dir + "/sea_AUS_2000_2014.csv";
  const std::string concordance =
      std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/scenarios/concordances/wiod56_to_wiod35.csv";
  MrioTable t = read_wiod_wiot(kWiod, 2011);
  attach_sea_employment(t, {sea5, sea_aus}, concordance);
  const int n = 35;
  auto region = [&](const std::string& r) {
    return static_cast<int>(std::find(t.regions.begin(), t.regions.end(), r) - t.regions.begin());
  };
  // Independent reading of the SEA: EMP, EMPE and COMP by code for a country in 2011.
  auto sea = [&](const std::string& path, const std::string& country) {
    std::map<std::string, std::array<double, 3>> v;
    const auto lines = lines_of(path);
    const auto head = split_csv_line(lines[0]);
    auto col = [&](const std::string& name) {
      return static_cast<size_t>(std::find(head.begin(), head.end(), name) - head.begin());
    };
    for (size_t i = 1; i < lines.size(); ++i) {
      const auto c = split_csv_line(lines[i]);
      if (c[col("country")] == country && c[col("year")] == "2011")
        v[c[col("code")]] = {std::stod(c[col("EMP")]), std::stod(c[col("EMPE")]), std::stod(c[col("COMP")])};
    }
    return v;
  };
  const auto usa = sea(sea5, "USA");
  REQUIRE(usa.size() == 56);
  double emp = 0.0, empe = 0.0;
  for (const auto& [code, v] : usa) emp += v[0], empe += v[1];
  const int u = region("USA");
  // Every US job is kept: persons engaged and employees add up to the SEA's.
  CHECK(t.employment.segment(u * n, n).sum() == doctest::Approx(emp * 1000.0).epsilon(1e-12));
  const Eigen::VectorXd self = t.employment_shares.col(0).segment(u * n, n);
  CHECK((t.employment.segment(u * n, n).array() * (1.0 - self.array())).sum() ==
        doctest::Approx(empe * 1000.0).epsilon(1e-9));
  // C13-C15 is split over c4 (textiles) and c5 (leather) by their US output.
  const Eigen::VectorXd x = t.gross_output();
  const double x4 = x(u * n + 3), x5 = x(u * n + 4);
  CHECK(t.employment(u * n + 3) == doctest::Approx(usa.at("C13-C15")[0] * 1000.0 * x4 / (x4 + x5)).epsilon(1e-12));
  CHECK(t.employment(u * n + 4) == doctest::Approx(usa.at("C13-C15")[0] * 1000.0 * x5 / (x4 + x5)).epsilon(1e-12));
  // Mining (c2) is B alone: wage = COMP / EMPE (USD, NOMEXCH = 1 for the USA).
  CHECK(t.employment(u * n + 1) == doctest::Approx(usa.at("B")[0] * 1000.0).epsilon(1e-12));
  CHECK(t.annual_wage(u * n + 1) == doctest::Approx(usa.at("B")[2] * 1e6 / (usa.at("B")[1] * 1000.0)).epsilon(1e-12));
  // Covered: the six SEA countries; every other region is unknown, never zero.
  for (const char* r : {"AUS", "CAN", "DEU", "FRA", "GBR", "USA"}) CHECK(t.employment_known[region(r) * n]);
  CHECK_FALSE(t.employment_known[region("CHN") * n]);
  CHECK(std::count(t.employment_known.begin(), t.employment_known.end(), true) == 6 * n);
  // AUS T (households as employers) has jobs but AUS_c35 has no output: left out, and said so.
  CHECK(x(region("AUS") * n + 34) == 0.0);
  CHECK(t.employment(region("AUS") * n + 34) == 0.0);
  CHECK(std::any_of(t.notes.begin(), t.notes.end(), [](const std::string& s) {
    return s.find("SEA persons engaged left out because the industries they map to have no output in the table") == 0 &&
           s.find("AUS T (206263)") != std::string::npos;
  }));

  // Errors: a concordance naming an unknown industry, one that leaves an industry out, and a
  // SEA code missing from the concordance.
  const std::string dir = scratch("sea_errors");
  auto conc = lines_of(concordance);
  auto bad = conc;
  bad[1] = "A01,c99,typo";
  write_lines(dir + "/bad_sector.csv", bad);
  MrioTable t2 = read_wiod_wiot(kWiod, 2011);
  CHECK_THROWS_WITH_AS(
      attach_sea_employment(t2, {sea5}, dir + "/bad_sector.csv"),
      (dir + "/bad_sector.csv:2:2: sector 'c99' is not an industry of the table: expected one of c1, c2, "
             "c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, ... (35 in all)")
          .c_str(),
      InputError);
  bad = conc;
  bad.erase(std::remove_if(bad.begin(), bad.end(), [](const std::string& l) { return l.rfind("T,c35", 0) == 0; }),
            bad.end());
  write_lines(dir + "/no_c35.csv", bad);
  CHECK_THROWS_WITH_AS(attach_sea_employment(t2, {sea5}, dir + "/no_c35.csv"),
                       (dir + "/no_c35.csv: no SEA industry maps to c35: expected every industry of the table to "
                              "receive at least one code")
                           .c_str(),
                       InputError);
  bad = conc;
  bad.push_back("ZZZ,c31,a code the SEA does not have");
  write_lines(dir + "/extra_code.csv", bad);
  CHECK_THROWS_WITH_AS(attach_sea_employment(t2, {sea5}, dir + "/extra_code.csv"),
                       (sea5 + ": CAN 2011 has no industry 'ZZZ' of the concordance " + dir +
                        "/extra_code.csv: expected the SEA's industry codes")
                           .c_str(),
                       InputError);
  bad = conc;
  bad.erase(std::remove_if(bad.begin(), bad.end(), [](const std::string& l) { return l.rfind("K66,", 0) == 0; }),
            bad.end());
  write_lines(dir + "/no_k66.csv", bad);
  try {
    attach_sea_employment(t2, {sea5}, dir + "/no_k66.csv");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK(what.rfind(sea5 + ":", 0) == 0);
    CHECK(what.find(": industry 'K66' is not in the concordance " + dir +
                    "/no_k66.csv: expected every SEA code to map "
                    "to the table's industries") != std::string::npos);
  }
}
