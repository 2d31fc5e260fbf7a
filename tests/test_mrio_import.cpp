// ctest-labels: data
// The MRIO loaders (import/wiod_wiot.h, pymrio.h, oecd_icio.h, mrio_table.h, mrio_satellites.h,
// mrio_economy.h) on inputs in the repository: pymrio's test system and
// the 7-region aggregate of the WIOD 2013 table (tests/data), the OECD ICIO layout fixtures
// (tests/fixtures/oecd_icio, test data), aggregation and the employment satellite. The tests on
// the 1,435-sector WIOD 2013 world table are in test_mrio_import_world.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "formats/csv.h"
#include "import/mrio_economy.h"
#include "import/mrio_satellites.h"
#include "import/mrio_table.h"
#include "import/oecd_icio.h"
#include "import/pymrio.h"
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

const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kPymrio = kData + "/pymrio_test_mrio/mrio_data";
const std::string kWiod = kData + "/wiod2013_wiot";
const std::string kIcio = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/oecd_icio";

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
  MrioImportOptions o;
  o.year = 2017;
  import_pymrio(command("pymrio", kData + "/pymrio_test_mrio", out), o);
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

TEST_CASE("OECD ICIO: the 2023 layout (OUT) and the older one (TOTAL)") {
  const MrioTable t = read_oecd_icio(kIcio + "/icio2023_3x2.csv");
  CHECK(t.regions == std::vector<std::string>{"AUS", "CHN", "USA"});
  CHECK(t.sector_codes == std::vector<std::string>{"A01_02", "C10T12"});
  CHECK(t.final_demand_categories ==
        std::vector<std::string>{"household", "npish", "government", "gfcf", "inventories", "direct_purchases_abroad"});
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
  import_oecd_icio(command("oecd-icio", kIcio + "/icio2023_3x2.csv", dir), MrioImportOptions{});
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
  CHECK_THROWS_WITH_AS(
      read_pymrio(pdir),
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
  write_text(dir + "/regions.csv",
             "code,group,group_name\nreg1,NORTH,North\nreg2,SOUTH,South\nreg3,NORTH,North\n"
             "reg4,SOUTH,South\nreg5,SOUTH,South\nreg6,NORTH,North\n");
  write_text(dir + "/sectors.csv",
             "code,group,group_name\nfood,PRIM,Primary\nmining,PRIM,Primary\n"
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
    for (const char* sec :
         {"food", "mining", "manufactoring", "electricity", "construction", "trade", "transport", "other"})
      csv += std::string(reg) + "," + sec + ",1000,0.4\n";
  write_text(dir + "/jobs.csv", csv);
  const std::string out = dir + "/economy";
  MrioImportOptions o;
  o.employment = dir + "/jobs.csv";
  import_pymrio(command("pymrio", kPymrio, out), o);
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

TEST_CASE("import options: contradictions are rejected before the table is read, naming the options") {
  const ImportCommand c = command("pymrio", kPymrio, scratch("options"));
  MrioImportOptions o;
  o.sea = {"x.csv"};
  CHECK_THROWS_WITH_AS(import_pymrio(c, o),
                       "tradejobs import pymrio: --sea and --concordance go together: expected the SEA files and the "
                       "concordance from their industry codes to the table's",
                       InputError);
  o.concordance = "c.csv";
  o.employment = "e.csv";
  CHECK_THROWS_WITH_AS(import_pymrio(c, o),
                       "tradejobs import pymrio: --sea and --employment both give employment: expected one",
                       InputError);
  o = MrioImportOptions{};
  o.collapse = true;
  CHECK_THROWS_WITH_AS(import_pymrio(c, o),
                       "tradejobs import pymrio: --collapse needs --country ISO3: expected the country to keep",
                       InputError);
  o = MrioImportOptions{};
  o.country = "XYZ";
  CHECK_THROWS_WITH_AS(import_pymrio(c, o),
                       "--country XYZ: not a region of the table: expected one of reg1, reg2, reg3, reg4, reg5, reg6",
                       InputError);
  // One SOURCE, and an output folder.
  ImportCommand two = c;
  two.sources.push_back(kPymrio);
  CHECK_THROWS_WITH_AS(import_pymrio(two, MrioImportOptions{}),
                       "tradejobs import pymrio: 2 sources given: expected one (pymrio's text folder)", InputError);
  ImportCommand nowhere = c;
  nowhere.output.clear();
  CHECK_THROWS_WITH_AS(import_pymrio(nowhere, MrioImportOptions{}),
                       "tradejobs import pymrio: missing -o DIR: expected an output folder", InputError);
  CHECK(fs::is_empty(c.output));
}
