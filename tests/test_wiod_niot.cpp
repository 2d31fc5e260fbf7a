// ctest-labels: data
// `tradejobs import wiod-niot` (docs/model.md §1, §7, §9) on the real WIOD 2016 NIOT and SEA files in
// tests/data, the committed economies usa-2014 and deu-2014, and textbook input-output checks
// on the USA 2014 table (docs/model.md §2).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <tuple>

#include "formats/csv.h"
#include "import/wiod_niot.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/input_output.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kSea = kData + "/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv";
std::string niot(const std::string& iso) { return kData + "/wiod2016_niot/niot_clean/" + iso + "_NIOT_nov16.csv"; }

/// The command of docs/model.md §9 that built a committed economy (as written in its economy.yaml).
/// Both carry the ILOSTAT satellite (women and men by industry, SEA totals and wages kept);
/// usa-2014 also splits trade into China and the rest of the world (the US-China scenario).
std::string committed_command(const std::string& iso, const std::string& folder) {
  return "tradejobs import wiod-niot $TRADEJOBS_DATA_DIR/wiod2016_niot/niot_clean/" + iso +
         "_NIOT_nov16.csv --year 2014 --sea $TRADEJOBS_DATA_DIR/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv"
         " --ilostat $TRADEJOBS_DATA_DIR/ilostat --isic-concordance scenarios/concordances/isic4_to_wiod56.csv" +
         (iso == "USA" ? std::string(" --partner-trade scenarios/data/us-china-2018/partner_trade_naics3.csv "
                                     "--concordance scenarios/concordances/naics3_to_wiod56.csv")
                       : std::string()) +
         " -o scenarios/economies/" + folder;
}

/// A fresh temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("tradejobs_wiod_niot_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& l : lines) out << l << '\n';
}

/// Re-joins CSV cells (quoting where needed).
std::string join_csv(const std::vector<std::string>& cells) {
  std::string s;
  for (size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + csv_escape(cells[i]);
  return s;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

const WiodNiotBuild& usa_build() {
  static const WiodNiotBuild b =
      build_wiod_niot_economy(read_wiod_niot(niot("USA"), 2014), "USA", read_wiod_sea(kSea, "USA", 2014));
  return b;
}

bool has_note(const std::vector<std::string>& notes, const std::string& part) {
  for (const auto& n : notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("USA 2014: the table as published and gross output within rounding") {
  const WiodNiotTable t = read_wiod_niot(niot("USA"), 2014);
  REQUIRE(t.industry_codes.size() == 56);
  CHECK(t.industry_codes.front() == "A01");
  CHECK(t.industry_codes.back() == "U");
  CHECK(t.industry_names[0] == "Crop and animal production, hunting and related service activities");
  // Cells read from the file (USA_NIOT_nov16.csv, 2014 rows A01 Domestic and the GO row).
  CHECK(t.intermediate_domestic(0, 0) == 69337.0);   // line 1682: A01 Domestic, column A01
  CHECK(t.intermediate_domestic(0, 4) == 231089.0);  // column C10-C12
  CHECK(t.intermediate_imported(0, 0) == 3872.0);    // line 1738: A01 Imports
  CHECK(t.final_use_imported(0, 0) == 17856.0);      // A01 Imports, CONS_h
  CHECK(t.output_column(0) == 435775.0);
  CHECK(t.total_row("VA")(0) == 177190.0);
  CHECK(t.exports_of_imports.cwiseAbs().maxCoeff() == 0.0);

  const Economy& e = usa_build().economy;
  const Eigen::VectorXd x = gross_output(e);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    INFO("sector " << e.sector_codes[i]);
    // Every cell is rounded to a whole USD million: 63 cells per row, observed residuals ≤ 10.
    CHECK(std::abs(x(i) - t.output_column(i)) <= 10.0);
    if (t.output_column(i) > 1e4) CHECK(std::abs(x(i) - t.output_column(i)) / t.output_column(i) < 1e-3);
  }
  CHECK(x.sum() == doctest::Approx(t.output_column.sum()).epsilon(1e-6));
  // Beyond 1e-6 relative, so no output.csv, and a note says so.
  CHECK(e.output_reported.size() == 0);
  CHECK(has_note(usa_build().notes, "so the GO column is not written as output.csv"));
}

TEST_CASE("USA 2014: the column identity holds exactly thanks to the 'rounding' row") {
  const Economy& e = usa_build().economy;
  const Eigen::VectorXd x = gross_output(e);
  const Eigen::VectorXd inputs = total_inputs(e);
  for (Eigen::Index j = 0; j < x.size(); ++j) CHECK(std::abs(inputs(j) - x(j)) <= 1e-12 * std::max(1.0, x(j)));
  REQUIRE(e.value_added_components.back() == "rounding");
  const Eigen::RowVectorXd rounding = e.value_added.row(e.value_added.rows() - 1);
  // The residual of whole-million cells is a whole number of millions (up to the compensation split).
  for (Eigen::Index j = 0; j < rounding.size(); ++j) {
    CHECK(std::abs(rounding(j)) <= 20.0);
    CHECK(std::abs(rounding(j) - std::round(rounding(j))) < 1e-6);
  }
  CHECK(has_note(usa_build().notes,
                 "the value-added row 'rounding' holds the residual (largest 5 USD million in sector E36"));
  const auto d = check_column_balance(e);
  CHECK_FALSE(has_severity(d, Severity::Error));
}

TEST_CASE("compensation, employment and annual wage equal a hand computation from the SEA") {
  // sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv, 2014: USA A01 COMP 30025, EMP 1581.064, EMPE 856.098;
  // USA C26 COMP 132562, EMP 1059.58, EMPE 1056.561; NOMEXCH 1 (USD).
  const Economy& e = usa_build().economy;
  const int a01 = e.sector_index("A01"), c26 = e.sector_index("C26");
  REQUIRE(e.value_added_components[0] == "compensation");
  CHECK(e.value_added(0, a01) == 30025.0);
  CHECK(e.value_added(0, c26) == 132562.0);
  CHECK(e.value_added(1, a01) == 177190.0 - 30025.0);  // other_value_added = NIOT VA − compensation
  CHECK(e.employment(a01) == doctest::Approx(1581064.0).epsilon(1e-15));
  CHECK(e.employment(c26) == doctest::Approx(1059580.0).epsilon(1e-15));
  CHECK(e.annual_wage(a01) == doctest::Approx(30025e6 / 856098.0).epsilon(1e-14));    // 35071.9 USD
  CHECK(e.annual_wage(c26) == doctest::Approx(132562e6 / 1056561.0).epsilon(1e-14));  // 125465.5 USD
  CHECK(e.employment_share_names == std::vector<std::string>{"self_employed"});
  CHECK(e.employment_shares(a01, 0) == doctest::Approx((1581.064 - 856.098) / 1581.064).epsilon(1e-14));
  CHECK(e.employment_shares(c26, 0) == doctest::Approx((1059.58 - 1056.561) / 1059.58).epsilon(1e-14));

  // DEU: COMP in EUR million converted at NOMEXCH 0.752728 EUR per USD. DEU C26 2014: COMP 19871,
  // EMP 341, EMPE 328.
  const WiodNiotBuild deu =
      build_wiod_niot_economy(read_wiod_niot(niot("DEU"), 2014), "DEU", read_wiod_sea(kSea, "DEU", 2014));
  const int d26 = deu.economy.sector_index("C26");
  CHECK(deu.economy.value_added(0, d26) == doctest::Approx(19871.0 / 0.752728).epsilon(1e-14));
  CHECK(deu.economy.annual_wage(d26) == doctest::Approx(19871e6 / 0.752728 / 328000.0).epsilon(1e-14));
  CHECK(deu.economy.employment(d26) == 341000.0);
}

TEST_CASE("self_employed shares lie in [0, 1] and wages are non-negative") {
  for (const std::string iso : {"USA", "DEU"}) {
    const WiodNiotBuild b =
        build_wiod_niot_economy(read_wiod_niot(niot(iso), 2014), iso, read_wiod_sea(kSea, iso, 2014));
    for (Eigen::Index i = 0; i < b.economy.sectors(); ++i) {
      INFO(iso << " " << b.economy.sector_codes[i]);
      CHECK(b.economy.employment_shares(i, 0) >= 0.0);
      CHECK(b.economy.employment_shares(i, 0) <= 1.0);
      CHECK(b.economy.annual_wage(i) >= 0.0);
    }
    CHECK_FALSE(has_severity(check_employment(b.economy), Severity::Error));
  }
}

TEST_CASE("zero-output sector U works and is noted") {
  const Economy& e = usa_build().economy;
  const int u = e.sector_index("U");
  REQUIRE(u == 55);
  CHECK(gross_output(e)(u) == 0.0);
  CHECK(e.employment(u) == 0.0);
  CHECK(e.annual_wage(u) == 0.0);
  CHECK(e.employment_shares(u, 0) == 0.0);
  CHECK(has_note(usa_build().notes, "Sectors with zero output: U (zero columns in A, no jobs)."));
  CHECK(has_note(usa_build().notes,
                 "Sectors with no persons engaged in the SEA (self_employed and annual_wage set to 0): U."));
  const IoCoefficients c = io_coefficients(e);
  CHECK(c.technical_coefficients.col(u).cwiseAbs().maxCoeff() == 0.0);
  CHECK(c.employment_coefficients(u) == 0.0);
  const auto d = check_zero_output(e);
  CHECK_FALSE(has_severity(d, Severity::Error));
}

TEST_CASE("the committed economies load, pass the checks and equal a fresh import byte for byte") {
  for (const auto& [iso, folder] :
       std::vector<std::pair<std::string, std::string>>{{"USA", "usa-2014"}, {"DEU", "deu-2014"}}) {
    INFO(folder);
    const std::string committed = kSource + "/scenarios/economies/" + folder;
    const Economy e = load_economy(committed);
    CHECK(e.sectors() == 56);
    CHECK(e.country == iso);
    CHECK(e.year == 2014);
    CHECK(e.currency == "USD million");
    const auto d = check_economy(e);
    for (const auto& x : d)
      if (x.severity == Severity::Error) FAIL_CHECK(x.check << ": " << x.message);

    TempDir tmp(folder);
    ImportCommand c;
    c.sources = {niot(iso)};
    c.output = tmp / folder;
    c.command_line = committed_command(iso, folder);
    WiodNiotOptions o;
    o.year = 2014;
    o.sea = kSea;
    o.ilostat = kData + "/ilostat";  // whole files of the public folder (tests/data/ilostat/README.md)
    o.isic_concordance = kSource + "/scenarios/concordances/isic4_to_wiod56.csv";
    if (iso == "USA") {
      o.partner_trade = kSource + "/scenarios/data/us-china-2018/partner_trade_naics3.csv";
      o.concordance = kSource + "/scenarios/concordances/naics3_to_wiod56.csv";
    }
    import_wiod_niot(c, o);
    std::set<std::string> committed_files, fresh_files;
    for (const auto& f : fs::directory_iterator(committed)) committed_files.insert(f.path().filename().string());
    for (const auto& f : fs::directory_iterator(c.output)) fresh_files.insert(f.path().filename().string());
    CHECK(committed_files == fresh_files);
    for (const auto& f : committed_files) {
      INFO(f);
      CHECK(read_text(committed + "/" + f) == read_text(c.output + "/" + f));
    }
    CHECK(read_text(committed + "/economy.yaml").find("import_command: \"" + committed_command(iso, folder) + "\"") !=
          std::string::npos);
  }
}

TEST_CASE("a file whose layout is not the published one is rejected with the exact message") {
  TempDir tmp("layout");
  const std::vector<std::string> lines = read_lines(niot("USA"));
  REQUIRE(lines.size() == 1801);

  SUBCASE("truncated: year 2014 stops after 100 rows") {
    const std::string path = tmp / "USA_NIOT_truncated.csv";
    write_lines(path, std::vector<std::string>(lines.begin(), lines.begin() + 1 + 14 * 120 + 100));
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path +
              ":1781: year 2014 ends after 100 rows: expected per year 120 rows: 56 with Origin Domestic and 56 "
              "with Origin Imports in the industry order A01 ... U, then 8 with Origin TOT: II_fob, TXSP, EXP_adj, "
              "PURR, PURNR, VA, IntTTM, GO (is the file truncated?)");
  }
  SUBCASE("re-ordered columns: GO before EXP") {
    const std::string path = tmp / "USA_NIOT_reordered.csv";
    std::vector<std::string> out;
    for (const auto& l : lines) {
      auto cells = split_csv_line(l);
      std::swap(cells[65], cells[66]);
      out.push_back(join_csv(cells));
    }
    write_lines(path, out);
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path +
              ":1:66: column 'GO', expected 'EXP' (the WIOD 2016 NIOT layout: Year, Code, Description, Origin, the 56 "
              "industries A01 ... U, CONS_h, CONS_np, CONS_g, GFCF, INVEN, EXP, GO)");
  }
  SUBCASE("re-ordered rows: A02 before A01") {
    const std::string path = tmp / "USA_NIOT_rows.csv";
    std::vector<std::string> out = lines;
    std::swap(out[1681], out[1682]);  // the first two 2014 rows (file lines 1682 and 1683)
    write_lines(path, out);
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path +
              ":1682:3: row 'A02' with Origin 'Domestic', expected 'A01' with Origin 'Domestic' (row 1 of year 2014; "
              "per year 120 rows: 56 with Origin Domestic and 56 with Origin Imports in the industry order A01 ... U, "
              "then 8 with Origin TOT: II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO)");
  }
  SUBCASE("a missing column") {
    const std::string path = tmp / "USA_NIOT_missing.csv";
    std::vector<std::string> out;
    for (const auto& l : lines) {
      auto cells = split_csv_line(l);
      cells.erase(cells.begin() + 2);  // Description
      out.push_back(join_csv(cells));
    }
    write_lines(path, out);
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path +
              ":1:3: column 'Origin', expected 'Description' (the WIOD 2016 NIOT layout: Year, Code, Description, "
              "Origin, the 56 industries A01 ... U, CONS_h, CONS_np, CONS_g, GFCF, INVEN, EXP, GO)");
  }
  SUBCASE("an unknown Origin and a non-numeric cell") {
    const std::string path = tmp / "USA_NIOT_origin.csv";
    std::vector<std::string> out = lines;
    auto cells = split_csv_line(out[1700]);
    cells[3] = "Foreign";
    out[1700] = join_csv(cells);
    write_lines(path, out);
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path + ":1701:4: Origin 'Foreign': expected Domestic, Imports or TOT");
    cells[3] = "Domestic";
    cells[10] = "1 234";
    out[1700] = join_csv(cells);
    write_lines(path, out);
    CHECK(error_of([&] { read_wiod_niot(path, 2014); }) ==
          path + ":1701:11: '1 234' (column 'C16') is not a number: expected a finite number with '.' as decimal mark");
  }
  SUBCASE("a year the file does not have") {
    CHECK(error_of([&] { read_wiod_niot(niot("USA"), 2016); }) ==
          niot("USA") + ": no rows for year 2016: the file has years 2000-2014 (choose one with --year)");
  }
}

TEST_CASE("SEA: unknown country or year, and --sea required") {
  CHECK(error_of([&] { read_wiod_sea(kSea, "JPN", 2014); }) ==
        kSea +
            ": no rows for country 'JPN': the file has CAN, DEU, FRA, GBR, USA (pass the SEA file of the table's "
            "country)");
  CHECK(error_of([&] { read_wiod_sea(kSea, "USA", 2015); }) ==
        kSea + ": no rows for USA in year 2015: the file has years 2000-2014 for USA");
  ImportCommand c;
  c.sources = {niot("USA")};
  c.output = "unused";
  WiodNiotOptions o;
  CHECK(error_of([&] { import_wiod_niot(c, o); }) ==
        "tradejobs import wiod-niot: --sea FILE or --ilostat DIR is required: employment, compensation and wages come "
        "from the WIOD Socio-Economic Accounts (e.g. --sea "
        "$TRADEJOBS_DATA_DIR/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv) "
        "or from the ILOSTAT extracts (--ilostat $TRADEJOBS_DATA_DIR/ilostat --isic-concordance "
        "scenarios/concordances/isic4_to_wiod56.csv), or both");
  o.sea = kSea;
  // A table of a country the SEA file does not have (the country comes from the file name).
  TempDir tmp("jpn");
  fs::copy_file(niot("USA"), tmp / "JPN_NIOT_nov16.csv");
  c.sources = {tmp / "JPN_NIOT_nov16.csv"};
  CHECK(error_of([&] { import_wiod_niot(c, o); }) ==
        kSea +
            ": no rows for country 'JPN': the file has CAN, DEU, FRA, GBR, "
            "USA (pass the SEA file of the table's country)");
  c.sources = {niot("USA")};
  o.country = "DEU";
  CHECK(error_of([&] { import_wiod_niot(c, o); }) ==
        niot("USA") + ": --country DEU but the file name says USA: expected the table of the country asked for");
  o.country.clear();
  o.partner_trade = "x.csv";
  CHECK(error_of([&] { import_wiod_niot(c, o); }) ==
        "tradejobs import wiod-niot: --partner-trade and --concordance go together: expected both or neither");
  CHECK_FALSE(fs::exists("unused"));
}

TEST_CASE("partner-trade split on the fixture") {
  TempDir tmp("partner");
  const std::string fixtures = kSource + "/tests/fixtures/wiod_niot";
  ImportCommand c;
  c.sources = {niot("USA")};
  c.output = tmp / "usa";
  c.command_line = "test";
  WiodNiotOptions o;
  o.year = 2014;
  o.sea = kSea;
  o.partner_trade = fixtures + "/partner_trade.csv";
  o.concordance = fixtures + "/concordance.csv";
  import_wiod_niot(c, o);
  const Economy e = load_economy(c.output);
  REQUIRE(e.import_partners == std::vector<std::string>{"CHN", "ROW"});
  REQUIRE(e.export_partners == std::vector<std::string>{"CHN", "ROW"});
  const Economy& base = usa_build().economy;
  // Hand computation from the fixture: A01 imports 10/40, exports 30/60; C26 50/100, 5/50;
  // C29 gets 0.6 of code 336: (0.6·20)/(0.6·200), (0.6·10)/(0.6·100); C30 gets 0.4 of 336 and all
  // of 3369: (0.4·20 + 30)/(0.4·200 + 100) = 38/180, (0.4·10 + 0)/(0.4·100 + 10) = 4/50.
  const std::vector<std::tuple<std::string, double, double>> expected = {
      {"A01", 0.25, 0.5}, {"C26", 0.5, 0.1}, {"C29", 0.1, 0.1}, {"C30", 38.0 / 180.0, 0.08}, {"F", 0.0, 0.0}};
  for (const auto& [code, imp, exp] : expected) {
    INFO(code);
    const int i = e.sector_index(code);
    CHECK(e.import_shares(i, 0) == doctest::Approx(imp).epsilon(1e-14));
    CHECK(e.import_shares(i, 1) == doctest::Approx(1.0 - imp).epsilon(1e-14));
    CHECK(e.exports(i, 0) == doctest::Approx(exp * base.exports(i, 0)).epsilon(1e-14));
  }
  for (Eigen::Index i = 0; i < e.sectors(); ++i)
    CHECK(e.exports.row(i).sum() == doctest::Approx(base.exports(i, 0)).epsilon(1e-14));
  const std::string yaml = read_text(c.output + "/economy.yaml");
  CHECK(yaml.find("Sectors without mapped imports (share of CHN 0, all imports from ROW): A02, A03, B, C10-C12") !=
        std::string::npos);
  CHECK(yaml.find("imports_by_partner: imports_by_partner.csv") != std::string::npos);
  CHECK_FALSE(has_severity(check_economy(e), Severity::Error));
}

TEST_CASE("textbook checks on the USA 2014 economy (docs/model.md §2)") {
  const Economy& e = usa_build().economy;
  const IoCoefficients c = io_coefficients(e);
  const LeontiefSystem io(c.technical_coefficients);
  // L·f reproduces gross output, f = Fd·1 + e.
  const Eigen::VectorXd f = e.final_demand_domestic.rowwise().sum() + e.exports.rowwise().sum();
  const Eigen::VectorXd x = io.solve(f);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    CHECK(std::abs(x(i) - c.gross_output(i)) <= 1e-9 * std::max(1.0, c.gross_output(i)));
  // A zero change in final demand gives exactly zero change.
  const Eigen::VectorXd dx = io.solve(Eigen::VectorXd::Zero(e.sectors()));
  CHECK(dx.cwiseAbs().maxCoeff() == 0.0);
  // Type II employment multipliers are at least the Type I ones.
  const Multipliers m1 = compute_multipliers(c, MultiplierType::TypeI);
  const Multipliers m2 = compute_multipliers(c, MultiplierType::TypeII);
  for (Eigen::Index i = 0; i < e.sectors(); ++i) {
    INFO(e.sector_codes[i]);
    CHECK(m2.employment(i) >= m1.employment(i));
    CHECK(m1.output(i) >= 1.0 - 1e-12);
  }
}
