// ctest-labels: data
// The MRIO loaders (engine/mrio_import.h): pymrio's test system, the WIOD 2013 world table,
// the OECD ICIO layout fixtures (tests/fixtures/oecd_icio, test data), aggregation and the
// employment satellite.
#include <algorithm>
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "tradejobs/engine/csv.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/engine/mrio_import.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/input_output.h"

namespace fs = std::filesystem;
using namespace tradejobs;

namespace {

const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kPymrio = kData + "/pymrio_test_mrio/mrio_data";
const std::string kWiod = kData + "/wiod2013_wiot";
const std::string kIcio = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/oecd_icio";

const fs::path kScratch = fs::temp_directory_path() / ("tradejobs_mrio_" + std::to_string(::getpid()));
/// Removes the scratch folders when the test program ends.
struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ignored;
    fs::remove_all(kScratch, ignored);
  }
} cleanup;

/// A fresh scratch folder per test case.
std::string scratch(const std::string& name) {
  const fs::path p = kScratch / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> v;
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << '\n';
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

/// Independent reader of a pymrio text matrix: skips `header_rows` and `label_cols`.
Eigen::MatrixXd raw_tab_matrix(const std::string& path, int header_rows, int label_cols) {
  const auto lines = lines_of(path);
  std::vector<std::vector<double>> rows;
  for (size_t r = header_rows; r < lines.size(); ++r) {
    std::stringstream s(lines[r]);
    std::vector<double> row;
    int k = 0;
    for (std::string cell; std::getline(s, cell, '\t'); ++k)
      if (k >= label_cols) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  Eigen::MatrixXd m(rows.size(), rows[0].size());
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) m(r, c) = rows[r][c];
  return m;
}

/// Row sums of a comma-separated labelled matrix file (first line header, first cell label).
Eigen::VectorXd raw_row_sums(const std::string& path) {
  const auto lines = lines_of(path);
  Eigen::VectorXd s(lines.size() - 1);
  for (size_t r = 1; r < lines.size(); ++r) {
    std::stringstream in(lines[r]);
    std::string cell;
    std::getline(in, cell, ',');
    double sum = 0.0;
    while (std::getline(in, cell, ',')) sum += std::stod(cell);
    s(r - 1) = sum;
  }
  return s;
}

double relative_max_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(b.cwiseAbs().maxCoeff(), 1e-300);
}

ImportOptions options(const std::string& format, const std::string& source, const std::string& out) {
  ImportOptions o;
  o.format = format;
  o.sources = {source};
  o.output = out;
  o.command_line = "tradejobs import " + format + " " + source + " -o " + out;
  return o;
}

}  // namespace

TEST_CASE("pymrio test system: x, A and L match an independent computation; x = L y") {
  const MrioTable t = read_pymrio(kPymrio);
  REQUIRE(t.regions.size() == 6);
  REQUIRE(t.sector_codes.size() == 8);
  CHECK(t.currency == "USD million");
  CHECK(t.final_demand_categories ==
        std::vector<std::string>{"household", "npish", "government", "gfcf", "inventories", "valuables"});

  const Eigen::MatrixXd z = raw_tab_matrix(kPymrio + "/trade_flows_Z.txt", 2, 3);
  const Eigen::MatrixXd y = raw_tab_matrix(kPymrio + "/finald_demand_Y.txt", 2, 3);
  const Eigen::VectorXd x = z.rowwise().sum() + y.rowwise().sum();  // pymrio's calc_x
  Eigen::MatrixXd a = z;
  for (Eigen::Index j = 0; j < a.cols(); ++j) a.col(j) /= x(j);
  const Eigen::MatrixXd l = (Eigen::MatrixXd::Identity(48, 48) - a).inverse();

  const Economy e = mrio_economy(t, "pymrio-test");
  const IoCoefficients c = io_coefficients(e);
  CHECK(relative_max_difference(c.gross_output, x) <= 1e-14);
  CHECK(relative_max_difference(c.technical_coefficients, a) <= 1e-14);
  const LeontiefSystem io(c.technical_coefficients);
  CHECK(relative_max_difference(io.leontief_inverse(), l) <= 1e-10);
  const Eigen::VectorXd final_use = e.final_demand_domestic.rowwise().sum() + e.exports.rowwise().sum();
  CHECK(relative_max_difference(io.leontief_inverse() * final_use, c.gross_output) <= 1e-10);
  CHECK(e.sector_codes[9] == "reg2_mining");
  CHECK(e.final_demand_categories[6] == "reg2_household");

  // Value added from the factor-input extension; the (synthetic) columns do not balance,
  // so the residual is put in 'rounding' and the column identity then holds.
  CHECK(e.value_added_components == std::vector<std::string>{"value_added", "rounding"});
  CHECK(e.value_added(0, 0) == doctest::Approx(111490.88));
  CHECK_FALSE(has_severity(check_column_balance(e), Severity::Error));
}

TEST_CASE("pymrio import writes an economy folder that loads back with its source") {
  const std::string out = scratch("pymrio");
  ImportOptions o = options("pymrio", kData + "/pymrio_test_mrio", out);
  o.year = 2017;
  import_pymrio(o);
  const Economy e = load_economy(out);
  CHECK(e.sectors() == 48);
  CHECK(e.sector_regions[47] == "reg6");
  CHECK(e.year == 2017);
  CHECK(e.source.find("pymrio text folder") == 0);
  CHECK(e.employment_known == std::vector<bool>(48, false));  // no employment given: unknown
  const Economy direct = mrio_economy(read_pymrio(kPymrio), "x");
  CHECK(e.intermediate_domestic == direct.intermediate_domestic);
  CHECK(e.final_demand_domestic == direct.final_demand_domestic);
  const std::string yaml = lines_of(out + "/economy.yaml")[0];
  CHECK(yaml == "schema_version: 1");
  const auto emp = lines_of(out + "/employment.csv");
  CHECK(emp[1] == "reg1_food,NA");
}

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
    return n.find("have that final demand set to 0, so that their output is 0, not negative: LUX_c5 (-1), LUX_c8 (-1)") !=
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
  ImportOptions o = options("wiod-wiot", kWiod + "/wiot_2011_Z.csv", out);
  o.country = "USA";
  import_wiod_wiot(o);
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
  import_wiod_wiot(options("wiod-wiot", kWiod + "/wiot_1995_x.csv", out));
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

TEST_CASE("OECD ICIO: the 2023 layout (OUT) and the older one (TOTAL)") {
  const MrioTable t = read_oecd_icio(kIcio + "/icio2023_3x2.csv");
  CHECK(t.regions == std::vector<std::string>{"AUS", "CHN", "USA"});
  CHECK(t.sector_codes == std::vector<std::string>{"A01_02", "C10T12"});
  CHECK(t.final_demand_categories == std::vector<std::string>{"household", "npish", "government", "gfcf", "inventories",
                                                               "direct_purchases_abroad"});
  CHECK(t.final_demand(0, 0) == 20.1);   // AUS_A01_02 -> AUS_HFCE
  CHECK(t.final_demand(0, 7) == 8.3);    // AUS_A01_02 -> CHN_NPISH
  CHECK(t.final_demand(5, 16) == -1.5);  // USA_C10T12 -> USA_INVNT
  CHECK(t.value_added_components == std::vector<std::string>{"taxes_less_subsidies", "value_added"});
  Eigen::VectorXd out(6);
  out << 88.8, 90.7, 282.1, 336.3, 256.3, 394.7;
  CHECK(relative_max_difference(t.gross_output(), out) <= 1e-14);

  const MrioTable old = read_oecd_icio(kIcio + "/icio2021_3x2.csv");
  CHECK(old.value_added_components == std::vector<std::string>{"taxes_less_subsidies", "value_added", "rounding"});
  CHECK(old.value_added(2, 0) == doctest::Approx(0.2).epsilon(1e-9));
  CHECK(old.value_added.row(2).tail(5).cwiseAbs().maxCoeff() < 1e-9);
  CHECK(relative_max_difference(old.gross_output(), out) <= 1e-14);
  const Economy e = mrio_economy(old, "icio");
  CHECK_FALSE(has_severity(check_column_balance(e), Severity::Error));

  const std::string dir = scratch("icio");
  ImportOptions o = options("oecd-icio", kIcio + "/icio2023_3x2.csv", dir);
  import_oecd_icio(o);
  const Economy loaded = load_economy(dir);
  CHECK(loaded.year == 2023);  // from the file name
  CHECK(loaded.sector_codes[3] == "CHN_C10T12");
  CHECK(loaded.source.find("OECD Inter-Country Input-Output") == 0);
}

TEST_CASE("each loader rejects a truncated or re-ordered file, saying what it expected") {
  const std::string dir = scratch("bad");
  // WIOD (the 245-sector regional files, same layout): Z truncated, Z rows re-ordered.
  for (const char* part : {"Y", "x"})
    fs::copy_file(kWiod + "/wiot_regional_2011_" + part + ".csv", dir + "/wiot_regional_2011_" + part + ".csv");
  auto z = lines_of(kWiod + "/wiot_regional_2011_Z.csv");
  write_lines(dir + "/wiot_regional_2011_Z.csv", std::vector<std::string>(z.begin(), z.begin() + 201));
  CHECK_THROWS_WITH_AS(read_wiod_wiot(dir + "/wiot_regional_2011_Z.csv", 0),
                       (dir + "/wiot_regional_2011_Z.csv:201:1: wiot_regional_2011_Z.csv has 200 row labels, expected "
                              "245 (one per label of the intermediate matrix, in its order; is the file truncated?)")
                           .c_str(),
                       InputError);
  std::swap(z[1], z[2]);
  write_lines(dir + "/wiot_regional_2011_Z.csv", z);
  CHECK_THROWS_WITH_AS(read_wiod_wiot(dir + "/wiot_regional_2011_Z.csv", 0),
                       (dir + "/wiot_regional_2011_Z.csv:2:1: row label 'REG1_c2', expected 'REG1_c1' (same labels "
                              "in the same order as the intermediate matrix)")
                           .c_str(),
                       InputError);
  CHECK_THROWS_WITH_AS(read_wiod_wiot(dir, 0),
                       (dir + ": a folder of WIOD world tables needs --year: expected files wiot_YYYY_Z.csv, "
                              "wiot_YYYY_Y.csv and wiot_YYYY_x.csv in it")
                           .c_str(),
                       InputError);

  // pymrio: Z truncated; Z columns re-ordered.
  const std::string pdir = dir + "/pymrio";
  fs::create_directories(pdir);
  fs::copy_file(kPymrio + "/finald_demand_Y.txt", pdir + "/finald_demand_Y.txt");
  auto pz = lines_of(kPymrio + "/trade_flows_Z.txt");
  write_lines(pdir + "/trade_flows_Z.txt", std::vector<std::string>(pz.begin(), pz.end() - 5));
  CHECK_THROWS_WITH_AS(read_pymrio(pdir),
                       (pdir + "/trade_flows_Z.txt: has 43 data rows, expected 48 (one per column; is the file "
                               "truncated?)")
                           .c_str(),
                       InputError);
  std::string second = pz[1];
  const size_t food = second.find("\tfood\tmining");
  second.replace(food, 12, "\tmining\tfood");
  pz[1] = second;
  write_lines(pdir + "/trade_flows_Z.txt", pz);
  CHECK_THROWS_WITH_AS(read_pymrio(pdir),
                       (pdir + "/trade_flows_Z.txt:2:12: column 'reg2_food': expected 'reg2_mining' (region-major, the same "
                               "industries in every region, in the order of region reg1)")
                           .c_str(),
                       InputError);

  // OECD ICIO: an industry row missing; industry columns re-ordered; no output column.
  auto icio = lines_of(kIcio + "/icio2023_3x2.csv");
  auto cut = icio;
  cut.erase(cut.begin() + 6);
  write_lines(dir + "/cut.csv", cut);
  CHECK_THROWS_WITH_AS(read_oecd_icio(dir + "/cut.csv"),
                       (dir + "/cut.csv:7:1: row label 'TLS', expected 'USA_C10T12' (industry rows in the order of the "
                              "industry columns)")
                           .c_str(),
                       InputError);
  auto swapped = icio;
  const size_t at = swapped[0].find("CHN_A01_02,CHN_C10T12");
  swapped[0].replace(at, 21, "CHN_C10T12,CHN_A01_02");
  write_lines(dir + "/swapped.csv", swapped);
  CHECK_THROWS_WITH_AS(read_oecd_icio(dir + "/swapped.csv"),
                       (dir + "/swapped.csv:1:4: column 'CHN_C10T12': expected 'CHN_A01_02' (region-major, the same "
                              "industries in every region, in the order of region AUS)")
                           .c_str(),
                       InputError);
  auto no_out = icio;
  for (auto& l : no_out) l = l.substr(0, l.rfind(','));
  write_lines(dir + "/no_out.csv", no_out);
  CHECK_THROWS_WITH_AS(read_oecd_icio(dir + "/no_out.csv"),
                       (dir + "/no_out.csv:1: no output column: expected one named OUT (2023 release) or TOTAL (older "
                              "releases) after the final-demand columns; found USA_GFCF,USA_INVNT,USA_DPABR")
                           .c_str(),
                       InputError);
}

TEST_CASE("aggregation of regions and industries preserves totals and keeps labels") {
  const MrioTable t = read_pymrio(kPymrio);
  const std::string dir = scratch("aggregate");
  write_text(dir + "/regions.csv", "code,group,group_name\nreg1,NORTH,North\nreg2,SOUTH,South\nreg3,NORTH,North\n"
                                   "reg4,SOUTH,South\nreg5,SOUTH,South\nreg6,NORTH,North\n");
  write_text(dir + "/sectors.csv", "code,group,group_name\nfood,PRIM,Primary\nmining,PRIM,Primary\n"
                                   "manufactoring,MAN,Manufacturing\nelectricity,SERV,Services\n"
                                   "construction,SERV,Services\ntrade,SERV,Services\ntransport,SERV,Services\n"
                                   "other,SERV,Services\n");
  const MrioTable r = aggregate_regions(t, load_aggregation_map(dir + "/regions.csv", t.regions));
  CHECK(r.regions == std::vector<std::string>{"NORTH", "SOUTH"});
  CHECK(r.sector_codes == t.sector_codes);
  CHECK(r.intermediate.sum() == doctest::Approx(t.intermediate.sum()).epsilon(1e-14));
  CHECK(r.final_demand.sum() == doctest::Approx(t.final_demand.sum()).epsilon(1e-14));
  CHECK(r.value_added.sum() == doctest::Approx(t.value_added.sum()).epsilon(1e-14));
  // NORTH food output = reg1 + reg3 + reg6 food output.
  const Eigen::VectorXd x = t.gross_output();
  CHECK(r.gross_output()(0) == doctest::Approx(x(0) + x(16) + x(40)).epsilon(1e-14));
  // Flows from NORTH food to SOUTH manufacturing: the sum of the 9 underlying cells.
  double cell = 0.0;
  for (int a : {0, 2, 5})
    for (int b : {1, 3, 4}) cell += t.intermediate(a * 8 + 0, b * 8 + 2);
  CHECK(r.intermediate(0, 8 + 2) == doctest::Approx(cell).epsilon(1e-14));

  const MrioTable s = aggregate_sectors(r, load_aggregation_map(dir + "/sectors.csv", r.sector_codes));
  CHECK(s.sector_codes == std::vector<std::string>{"PRIM", "MAN", "SERV"});
  CHECK(s.sector_names == std::vector<std::string>{"Primary", "Manufacturing", "Services"});
  CHECK(s.gross_output().sum() == doctest::Approx(x.sum()).epsilon(1e-14));
  CHECK(s.final_demand.sum() == doctest::Approx(t.final_demand.sum()).epsilon(1e-14));

  write_text(dir + "/bad.csv", "code,group\nreg1,A\nreg2,A\nreg9,B\n");
  CHECK_THROWS_WITH_AS(load_aggregation_map(dir + "/bad.csv", t.regions),
                       (dir + "/bad.csv:4:1: code 'reg9' is not in the table: expected one of reg1, reg2, reg3, reg4, "
                              "reg5, reg6")
                           .c_str(),
                       InputError);
  write_text(dir + "/short.csv", "code,group\nreg1,A\nreg2,A\n");
  CHECK_THROWS_WITH_AS(load_aggregation_map(dir + "/short.csv", t.regions),
                       (dir + "/short.csv: 4 codes of the table are not mapped (reg3, reg4, reg5, reg6): expected "
                              "every code once")
                           .c_str(),
                       InputError);
}

TEST_CASE("employment satellite: a region without rows is NA (unknown), never zero") {
  const std::string dir = scratch("employment");
  std::string csv = "region,sector,persons,female\n";
  for (const char* reg : {"reg1", "reg2"})
    for (const char* sec : {"food", "mining", "manufactoring", "electricity", "construction", "trade", "transport", "other"})
      csv += std::string(reg) + "," + sec + ",1000,0.4\n";
  write_text(dir + "/jobs.csv", csv);
  const std::string out = dir + "/economy";
  ImportOptions o = options("pymrio", kPymrio, out);
  o.extra["employment"] = dir + "/jobs.csv";
  import_pymrio(o);
  const auto emp = lines_of(out + "/employment.csv");
  CHECK(emp[0] == "sector,total,female");
  CHECK(emp[1] == "reg1_food,1000,0.4");
  CHECK(emp[17] == "reg3_food,NA,NA");
  const Economy e = load_economy(out);
  CHECK(e.employment_known[15]);
  CHECK_FALSE(e.employment_known[16]);

  // Aggregating a known with an unknown region gives an unknown group.
  MrioTable t = read_pymrio(kPymrio);
  attach_employment(t, dir + "/jobs.csv");
  const Economy known = single_region_economy(t, "reg1", "reg1");
  CHECK(known.employment_known.empty());  // every sector known
  CHECK(known.employment(0) == 1000.0);
  CHECK(single_region_economy(t, "reg3", "reg3").employment_known == std::vector<bool>(8, false));
  write_text(dir + "/regions.csv", "code,group\nreg1,A\nreg2,A\nreg3,B\nreg4,B\nreg5,B\nreg6,A\n");
  const MrioTable a = aggregate_regions(t, load_aggregation_map(dir + "/regions.csv", t.regions));
  CHECK(a.employment(0) == 0.0);
  CHECK_FALSE(a.employment_known[0]);  // A includes reg6 without data
  CHECK_FALSE(a.employment_known[8]);
  write_text(dir + "/regions2.csv", "code,group\nreg1,A\nreg2,A\nreg3,B\nreg4,B\nreg5,B\nreg6,B\n");
  const MrioTable b = aggregate_regions(t, load_aggregation_map(dir + "/regions2.csv", t.regions));
  CHECK(b.employment_known[0]);
  CHECK(b.employment(0) == 2000.0);
  CHECK(b.employment_shares(0, 0) == doctest::Approx(0.4));

  write_text(dir + "/partial.csv", "region,sector,persons\nreg1,food,10\nreg1,mining,5\n");
  CHECK_THROWS_WITH_AS(attach_employment(t, dir + "/partial.csv"),
                       (dir + "/partial.csv: region reg1 has employment for 2 of 8 industries (missing: manufactoring, "
                              "electricity, construction, trade, transport, other): expected all industries or none (a "
                              "region without rows has unknown jobs)")
                           .c_str(),
                       InputError);
}

TEST_CASE("WIOD 2013 with employment from the WIOD SEA 2016: totals, splits, wages, left-out jobs, errors") {
  const std::string sea_dir = kData + "/wiod2016_sea";
  const std::string sea5 = sea_dir + "/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv", sea_aus = sea_dir + "/sea_AUS_2000_2014.csv";
  const std::string concordance = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/scenarios/concordances/wiod56_to_wiod35.csv";
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
    auto col = [&](const std::string& name) { return static_cast<size_t>(std::find(head.begin(), head.end(), name) - head.begin()); };
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
  CHECK((t.employment.segment(u * n, n).array() * (1.0 - self.array())).sum() == doctest::Approx(empe * 1000.0).epsilon(1e-9));
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
  CHECK_THROWS_WITH_AS(attach_sea_employment(t2, {sea5}, dir + "/bad_sector.csv"),
                       (dir + "/bad_sector.csv:2:2: sector 'c99' is not an industry of the table: expected one of c1, c2, "
                              "c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, ... (35 in all)").c_str(),
                       InputError);
  bad = conc;
  bad.erase(std::remove_if(bad.begin(), bad.end(), [](const std::string& l) { return l.rfind("T,c35", 0) == 0; }), bad.end());
  write_lines(dir + "/no_c35.csv", bad);
  CHECK_THROWS_WITH_AS(attach_sea_employment(t2, {sea5}, dir + "/no_c35.csv"),
                       (dir + "/no_c35.csv: no SEA industry maps to c35: expected every industry of the table to "
                              "receive at least one code").c_str(),
                       InputError);
  bad = conc;
  bad.push_back("ZZZ,c31,a code the SEA does not have");
  write_lines(dir + "/extra_code.csv", bad);
  CHECK_THROWS_WITH_AS(attach_sea_employment(t2, {sea5}, dir + "/extra_code.csv"),
                       (sea5 + ": CAN 2011 has no industry 'ZZZ' of the concordance " + dir +
                        "/extra_code.csv: expected the SEA's industry codes").c_str(),
                       InputError);
  bad = conc;
  bad.erase(std::remove_if(bad.begin(), bad.end(), [](const std::string& l) { return l.rfind("K66,", 0) == 0; }), bad.end());
  write_lines(dir + "/no_k66.csv", bad);
  try {
    attach_sea_employment(t2, {sea5}, dir + "/no_k66.csv");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK(what.rfind(sea5 + ":", 0) == 0);
    CHECK(what.find(": industry 'K66' is not in the concordance " + dir + "/no_k66.csv: expected every SEA code to map "
                    "to the table's industries") != std::string::npos);
  }
}

TEST_CASE("import options: contradictions and options of other formats are rejected") {
  ImportOptions o = options("pymrio", kPymrio, scratch("options"));
  o.extra["partner-trade"] = "x.csv";
  CHECK_THROWS_WITH_AS(import_pymrio(o),
                       "tradejobs import pymrio: option --partner-trade does not apply to this format: expected "
                       "--country, --year, --aggregate-regions, --aggregate-sectors, --employment, --sea with "
                       "--concordance, --collapse or --multi-region",
                       InputError);
  o.extra = {{"sea", "x.csv"}};
  CHECK_THROWS_WITH_AS(import_pymrio(o),
                       "tradejobs import pymrio: --sea and --concordance go together: expected the SEA files and the "
                       "concordance from their industry codes to the table's",
                       InputError);
  o.extra = {{"sea", "x.csv"}, {"concordance", "c.csv"}, {"employment", "e.csv"}};
  CHECK_THROWS_WITH_AS(import_pymrio(o),
                       "tradejobs import pymrio: --sea and --employment both give employment: expected one",
                       InputError);
  o.extra = {{"collapse", ""}};
  CHECK_THROWS_WITH_AS(import_pymrio(o),
                       "tradejobs import pymrio: --collapse needs --country ISO3: expected the country to keep",
                       InputError);
  o.extra.clear();
  o.country = "XYZ";
  CHECK_THROWS_WITH_AS(import_pymrio(o),
                       "--country XYZ: not a region of the table: expected one of reg1, reg2, reg3, reg4, reg5, reg6",
                       InputError);
}
