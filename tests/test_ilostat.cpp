// ctest-labels: data
// The ILOSTAT employment satellite of `tradejobs import wiod-niot --ilostat` (engine/ilostat.h,
// docs/wiod_niot.md "ILOSTAT satellite", docs/model.md §1, §4, §7): the ISIC Rev.4 concordance,
// the shares and cross-tabulations of the committed economies mex-2014, tur-2014 and bra-2014
// against the ILOSTAT extracts in tests/data/ilostat, women's and men's jobs through a shock run
// by the real binary, the economy of a country without informality data, and the located
// loader errors.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_support.h"
#include "formats/csv.h"
#include "import/ilostat.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/labour.h"

using namespace tradejobs;
using tradejobs_test::CliResult;
using tradejobs_test::CliSandbox;
using tradejobs_test::read_text;
namespace fs = std::filesystem;

namespace {

const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kRoot = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kIlostat = kData + "/ilostat";
const std::string kConcordance = kRoot + "/scenarios/concordances/isic4_to_wiod56.csv";
const std::string kUsaNiot = kData + "/wiod2016_niot/niot_clean/USA_NIOT_nov16.csv";
const std::string kSea = kData + "/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv";

/// The committed economies built with the satellite, and the years their economy.yaml states
/// for the employment counts and for informality.
struct Committed {
  std::string folder, iso;
  int employment_year, informal_year;
};
const std::vector<Committed> kCommitted = {
    {"mex-2014", "mex", 2014, 2014}, {"tur-2014", "tur", 2014, 2014}, {"bra-2014", "bra", 2014, 2016}};

/// A value of an ILOSTAT extract in tests/data/ilostat (thousands), read independently of the loader.
double ilostat_value(const std::string& indicator, const std::string& iso, const std::string& sex,
                     const std::string& code, int year) {
  const CsvTable t = read_csv(kIlostat + "/" + indicator + "/" + iso + ".csv");
  for (const auto& row : t.rows)
    if (row[1] == sex && row[2] == code && row[3] == std::to_string(year)) return std::stod(row[4]);
  FAIL("no " << indicator << " " << iso << " " << sex << " " << code << " " << year);
  return 0;
}

int column_of(const Economy& e, const std::string& name) {
  for (size_t k = 0; k < e.employment_share_names.size(); ++k)
    if (e.employment_share_names[k] == name) return static_cast<int>(k);
  return -1;
}

/// Shares in [0, 1], each cross-tabulation a partition, its margins the single shares.
void check_shares(const Economy& e) {
  const int female = column_of(e, "female"), informal = column_of(e, "informal"), self = column_of(e, "self_employed");
  REQUIRE(female >= 0);
  REQUIRE(self >= 0);
  for (Eigen::Index i = 0; i < e.sectors(); ++i) {
    INFO(e.name << " " << e.sector_codes[i]);
    for (Eigen::Index k = 0; k < e.employment_shares.cols(); ++k) {
      CHECK(e.employment_shares(i, k) >= 0.0);
      CHECK(e.employment_shares(i, k) <= 1.0);
    }
    auto s = [&](const std::string& name) {
      const int k = column_of(e, name);
      REQUIRE_MESSAGE(k >= 0, name);
      return e.employment_shares(i, k);
    };
    const double f = e.employment_shares(i, female), se = e.employment_shares(i, self);
    CHECK(s("sex-status_female_self_employed") + s("sex-status_female_employees") == doctest::Approx(f).epsilon(1e-12));
    CHECK(s("sex-status_male_self_employed") + s("sex-status_male_employees") ==
          doctest::Approx(1.0 - f).epsilon(1e-12));
    CHECK(s("sex-status_female_self_employed") + s("sex-status_male_self_employed") ==
          doctest::Approx(se).epsilon(1e-12));
    if (informal >= 0) {
      const double inf = e.employment_shares(i, informal);
      CHECK(s("sex-formality_female_informal") + s("sex-formality_female_formal") == doctest::Approx(f).epsilon(1e-12));
      CHECK(s("sex-formality_male_informal") + s("sex-formality_male_formal") ==
            doctest::Approx(1.0 - f).epsilon(1e-12));
      CHECK(s("sex-formality_female_informal") + s("sex-formality_male_informal") ==
            doctest::Approx(inf).epsilon(1e-12));
    }
  }
  std::string error;
  const auto splits = employment_group_splits(e.employment_share_names, e.employment_shares, &error, e.sector_codes);
  CHECK(error == "");
}

std::map<std::string, std::map<std::string, double>> read_keyed(const std::string& path, const std::string& key) {
  const CsvTable t = read_csv(path);
  const int k = t.require_column(key);
  std::map<std::string, std::map<std::string, double>> out;
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.header.size(); ++c)
      if (static_cast<int>(c) != k && t.header[c] != "name" && t.header[c] != "dimension")
        out[t.rows[r][static_cast<size_t>(k)]][t.header[c]] = t.number(r, c);
  return out;
}

/// The import arguments on the USA table and SEA of tests/data with an ILOSTAT folder.
std::string usa_args(const std::string& ilostat, const std::string& out, const std::string& year = "2014") {
  return "import wiod-niot '" + kUsaNiot + "' --year " + year + " --sea '" + kSea + "' --ilostat '" + ilostat +
         "' --isic-concordance '" + kConcordance + "' -o " + out;
}

/// A copy of the ILOSTAT extracts of the USA in the sandbox (to break one file at a time).
void copy_usa_extracts(const CliSandbox& s) {
  for (const auto& d : fs::directory_iterator(kIlostat))
    if (fs::exists(d.path() / "usa.csv")) {
      fs::create_directories(s.dir / "ilo" / d.path().filename());
      fs::copy_file(d.path() / "usa.csv", s.dir / "ilo" / d.path().filename() / "usa.csv");
    }
}

/// Runs an import expected to fail: exit 2, nothing on stdout, the message on stderr, no folder.
void check_import_error(const CliSandbox& s, const std::string& args, const std::string& message) {
  const CliResult r = s.run(args);
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: " + message + "\n");
  CHECK_FALSE(fs::exists(s.dir / "out"));
}

}  // namespace

TEST_CASE("the concordance covers every ISIC Rev.4 division and section exactly once, with a reason") {
  // ISIC Rev.4 (UN Statistics Division, ST/ESA/STAT/SER.M/4/Rev.4): the 21 sections and their 88 divisions.
  const std::vector<std::pair<char, std::vector<int>>> isic = {
      {'A', {1, 2, 3}},
      {'B', {5, 6, 7, 8, 9}},
      {'C', {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33}},
      {'D', {35}},
      {'E', {36, 37, 38, 39}},
      {'F', {41, 42, 43}},
      {'G', {45, 46, 47}},
      {'H', {49, 50, 51, 52, 53}},
      {'I', {55, 56}},
      {'J', {58, 59, 60, 61, 62, 63}},
      {'K', {64, 65, 66}},
      {'L', {68}},
      {'M', {69, 70, 71, 72, 73, 74, 75}},
      {'N', {77, 78, 79, 80, 81, 82}},
      {'O', {84}},
      {'P', {85}},
      {'Q', {86, 87, 88}},
      {'R', {90, 91, 92, 93}},
      {'S', {94, 95, 96}},
      {'T', {97, 98}},
      {'U', {99}}};
  std::map<std::string, std::string> expected;  // code -> section
  for (const auto& [section, divisions] : isic) {
    expected[std::string(1, section)] = std::string(1, section);
    for (int d : divisions) expected[(d < 10 ? "0" : "") + std::to_string(d)] = std::string(1, section);
  }
  REQUIRE(expected.size() == 21 + 88);
  const CsvTable t = read_csv(kConcordance);
  std::map<std::string, int> seen;
  for (const auto& row : t.rows) {
    ++seen[row[0]];
    INFO(row[0]);
    CHECK(expected.count(row[0]) == 1);
    CHECK(row[1] == (row[0].size() == 1 ? "section" : "division"));
    CHECK(row[2] == expected[row[0]]);
    CHECK_FALSE(row[4].empty());
  }
  for (const auto& [code, section] : expected) {
    INFO(code);
    CHECK(seen[code] == 1);
  }
  CHECK(t.rows.size() == expected.size());

  const IsicConcordance c = load_isic4_concordance(kConcordance);
  CHECK(c.division_industry.size() == 88);
  CHECK(c.section_industries.size() == 21);
  CHECK(c.industry_sections.size() == 56);
  CHECK(c.division_industry.at("29") == "C29");
  CHECK(c.section_industries.at("C").size() == 19);
  CHECK(c.industry_sections.at("R_S") == std::vector<std::string>{"R", "S"});
  // Every section lists exactly the industries its divisions map to.
  for (const auto& [section, industries] : c.section_industries) {
    std::set<std::string> from_divisions;
    for (const auto& [d, ind] : c.division_industry)
      if (c.division_section.at(d) == section) from_divisions.insert(ind);
    CHECK(std::set<std::string>(industries.begin(), industries.end()) == from_divisions);
  }
}

TEST_CASE("committed economies: check-clean, shares in [0, 1], cross-tab margins equal the single shares") {
  for (const auto& c : kCommitted) {
    INFO(c.folder);
    const Economy e = load_economy(kRoot + "/scenarios/economies/" + c.folder);
    CHECK(e.sectors() == 56);
    CHECK(e.year == 2014);
    for (const auto& d : check_economy(e))
      if (d.severity == Severity::Error) FAIL_CHECK(d.check << ": " << d.message);
    CHECK(e.employment_share_names ==
          std::vector<std::string>{
              "female", "informal", "self_employed", "sex-formality_female_informal", "sex-formality_female_formal",
              "sex-formality_male_informal", "sex-formality_male_formal", "sex-status_female_self_employed",
              "sex-status_female_employees", "sex-status_male_self_employed", "sex-status_male_employees"});
    CHECK(e.annual_wage.size() == 56);
    check_shares(e);
  }
}

TEST_CASE(
    "committed economies: economy-wide shares of women and of informal workers equal ILOSTAT's national figures") {
  for (const auto& c : kCommitted) {
    INFO(c.folder);
    const Economy e = load_economy(kRoot + "/scenarios/economies/" + c.folder);
    const double total = e.employment.sum();
    const double women = e.employment.dot(e.employment_shares.col(column_of(e, "female"))) / total;
    const double informal = e.employment.dot(e.employment_shares.col(column_of(e, "informal"))) / total;
    const double national_women =
        ilostat_value("emp_temp_sex_eco_nb", c.iso, "sex_f", "eco_aggregate_total", c.employment_year) /
        ilostat_value("emp_temp_sex_eco_nb", c.iso, "sex_t", "eco_aggregate_total", c.employment_year);
    const double national_informal =
        ilostat_value("emp_nifl_sex_eco_nb", c.iso, "sex_t", "eco_aggregate_total", c.informal_year) /
        ilostat_value("emp_temp_sex_eco_nb", c.iso, "sex_t", "eco_aggregate_total", c.informal_year);
    CHECK(std::abs(women - national_women) < 0.005);
    CHECK(std::abs(informal - national_informal) < 0.005);
    // ILOSTAT's all-activities total is the economy's (no SEA for these countries).
    CHECK(total == doctest::Approx(1000.0 * ilostat_value("emp_temp_sex_eco_nb", c.iso, "sex_t", "eco_aggregate_total",
                                                          c.employment_year))
                       .epsilon(1e-9));
    // The years are stated in economy.yaml.
    const std::string yaml = read_text(kRoot + "/scenarios/economies/" + c.folder + "/economy.yaml");
    CHECK(yaml.find("informal = the same rule with ILOSTAT EMP_NIFL_SEX_ECO_NB (informal employment) over "
                    "EMP_TEMP_SEX_ECO_NB, " +
                    std::to_string(c.informal_year)) != std::string::npos);
    CHECK(yaml.find("female = women / (women + men) per industry, from the same employment counts as the totals (" +
                    std::to_string(c.employment_year) + ")") != std::string::npos);
    CHECK(yaml.find("ILO, ILOSTAT database") != std::string::npos);
    CHECK(yaml.find("ILOSTAT data: CC BY 4.0") != std::string::npos);
    CHECK(yaml.find("Timmer, Dietzenbacher, Los, Stehrer and de Vries (2015)") != std::string::npos);
  }
}

TEST_CASE("mex-2014: women's plus men's jobs equal the total in every sector before and after a US tariff") {
  CliSandbox s("ilostat_shock");
  fs::copy(kRoot + "/scenarios/economies/mex-2014", s.dir / "mex");
  s.write("mex.yaml",
          "schema_version: 1\nname: mex-us-tariff\neconomy: mex\nmeasures:\n  - type: export_tariff\n"
          "    sectors: [C29, C24]\n    partners: [USA]\n    from: 0\n    to: 0.25\n");
  const CliResult r = s.run("run mex.yaml -o out --quiet", 120);
  REQUIRE(r.code == 0);
  CHECK(r.err == "");
  const auto sectors = read_keyed((s.dir / "out/sectors.csv").string(), "sector");
  const Economy e = load_economy((s.dir / "mex").string());
  REQUIRE(sectors.size() == 56);
  double destroyed = 0.0;
  for (Eigen::Index i = 0; i < e.sectors(); ++i) {
    const auto& row = sectors.at(e.sector_codes[i]);
    INFO(e.sector_codes[i]);
    const double base = row.at("jobs_base"), change = row.at("jobs_change");
    const double tol = 1e-9 * std::max(1.0, base);
    // Before: the base split of the employment file.
    const double f = e.employment_shares(i, column_of(e, "female"));
    CHECK(std::abs(base * f + base * (1.0 - f) - base) <= tol);
    double cells = 0.0;
    for (const char* g : {"sex-formality_female_informal", "sex-formality_female_formal", "sex-formality_male_informal",
                          "sex-formality_male_formal"})
      cells += base * e.employment_shares(i, column_of(e, g));
    CHECK(std::abs(cells - base) <= tol);
    // After: the changes by group.
    CHECK(std::abs(row.at("jobs_change_female") + row.at("jobs_change_male") - change) <= tol);
    CHECK(std::abs(row.at("jobs_change_informal") + row.at("jobs_change_formal") - change) <= tol);
    CHECK(std::abs(row.at("jobs_change_sex-formality_female_informal") +
                   row.at("jobs_change_sex-formality_female_formal") - row.at("jobs_change_female")) <= tol);
    CHECK(std::abs(row.at("jobs_change_sex-formality_female_informal") +
                   row.at("jobs_change_sex-formality_female_formal") +
                   row.at("jobs_change_sex-formality_male_informal") + row.at("jobs_change_sex-formality_male_formal") -
                   change) <= tol);
    CHECK(std::abs(row.at("jobs_change_sex-status_female_self_employed") +
                   row.at("jobs_change_sex-status_male_self_employed") - row.at("jobs_change_self_employed")) <= tol);
    destroyed += row.at("jobs_destroyed");
  }
  CHECK(destroyed > 1000.0);  // the shock does something
  // groups.csv: every dimension adds up to the total.
  const auto groups = read_keyed((s.dir / "out/groups.csv").string(), "group");
  const double base_total = e.employment.sum();
  for (const auto& set :
       std::vector<std::vector<std::string>>{{"female", "male"},
                                             {"informal", "formal"},
                                             {"self_employed", "employees"},
                                             {"sex-formality_female_informal", "sex-formality_female_formal",
                                              "sex-formality_male_informal", "sex-formality_male_formal"},
                                             {"sex-status_female_self_employed", "sex-status_female_employees",
                                              "sex-status_male_self_employed", "sex-status_male_employees"}}) {
    double b = 0.0, d = 0.0;
    for (const auto& g : set) {
      REQUIRE_MESSAGE(groups.count(g), g);
      b += groups.at(g).at("jobs_base");
      d += groups.at(g).at("jobs_destroyed");
    }
    CHECK(b == doctest::Approx(base_total).epsilon(1e-9));
    CHECK(d == doctest::Approx(destroyed).epsilon(1e-9));
  }
}

TEST_CASE("a country without informality data by activity has no informal group, not zeros") {
  CliSandbox s("ilostat_usa");
  // The USA publishes no informal employment (no emp_nifl_sex_eco_nb/usa.csv): SEA totals, ILOSTAT shares.
  CliResult r = s.run(usa_args(kIlostat, "usa"));
  REQUIRE(r.code == 0);
  CHECK(r.err == "");
  const Economy e = load_economy((s.dir / "usa").string());
  CHECK(e.employment_share_names ==
        std::vector<std::string>{"female", "self_employed", "sex-status_female_self_employed",
                                 "sex-status_female_employees", "sex-status_male_self_employed",
                                 "sex-status_male_employees"});
  check_shares(e);
  const std::string yaml = s.read("usa/economy.yaml");
  CHECK(yaml.find("No informal column: ILOSTAT publishes no informal employment by activity for USA (no "
                  "emp_nifl_sex_eco_nb file), so there is no informal or formal group (never zeros).") !=
        std::string::npos);
  CHECK(yaml.find("Totals by industry are the SEA's persons engaged (kept)") != std::string::npos);
  // The SEA's totals are kept.
  const Economy sea_only = load_economy(kRoot + "/scenarios/economies/usa-2014");
  CHECK(e.employment == sea_only.employment);
  CHECK(e.annual_wage == sea_only.annual_wage);

  // A run on it has no informal or formal rows in groups.csv and no such columns in sectors.csv.
  s.write("u.yaml",
          "schema_version: 1\nname: u\neconomy: usa\nmeasures:\n  - type: tariff\n    sectors: [C29]\n    from: 0\n"
          "    to: 0.25\n");
  r = s.run("run u.yaml -o out --quiet", 120);
  REQUIRE(r.code == 0);
  const std::string groups = s.read("out/groups.csv");
  CHECK(groups.find("\nfemale,sex,") != std::string::npos);
  CHECK(groups.find("informal") == std::string::npos);
  CHECK(groups.find("\nformal") == std::string::npos);
  CHECK(s.read("out/sectors.csv").find("informal") == std::string::npos);

  // The same where the country's informality file has no rows by ISIC Rev.4 section (Indonesia's
  // has only the national total of 2016): no column either.
  copy_usa_extracts(s);
  fs::create_directories(s.dir / "ilo/emp_nifl_sex_eco_nb");
  s.write("ilo/emp_nifl_sex_eco_nb/usa.csv",
          "ref_area,sex,classif1,time,emp_nifl_sex_eco_nb\nusa,sex_t,eco_aggregate_total,2014,1000\n");
  r = s.run(usa_args((s.dir / "ilo").string(), "usa2"));
  REQUIRE(r.code == 0);
  CHECK(load_economy((s.dir / "usa2").string()).employment_share_names == e.employment_share_names);
  CHECK(s.read("usa2/economy.yaml")
            .find("No informal column: ILOSTAT's emp_nifl_sex_eco_nb/usa.csv has no informal employment by ISIC Rev.4 "
                  "section, so there is no informal or formal group (never zeros).") != std::string::npos);
}

TEST_CASE("every loader error is located: file, line, column or code") {
  CliSandbox s("ilostat_errors");
  copy_usa_extracts(s);
  const std::string ilo = (s.dir / "ilo").string();

  SUBCASE("missing country file") {
    fs::remove(s.dir / "ilo/emp_temp_sex_eco_nb/usa.csv");
    check_import_error(s, usa_args(ilo, "out"),
                       ilo +
                           "/emp_temp_sex_eco_nb/usa.csv: no such file: the ILOSTAT extract EMP_TEMP_SEX_ECO_NB has no "
                           "file for USA (expected emp_temp_sex_eco_nb/usa.csv in the --ilostat folder)");
  }
  SUBCASE("missing year: none within three years of the table's") {
    check_import_error(s, usa_args(ilo, "out", "2005"),
                       ilo +
                           "/emp_temp_sex_eco_nb/usa.csv: the file has employment by ISIC Rev.4 section (eco_isic4_a "
                           "... _u) only for 2010, 2011, 2012, 2013, 2014, 2015, 2016, none within 3 years of 2005: "
                           "expected the table's year or one within 3 years of it (choose another --year)");
  }
  SUBCASE("unknown activity code") {
    s.edit("ilo/ees_tees_sex_eco_nb/usa.csv", "usa,sex_t,eco_isic4_b,", "usa,sex_t,eco_isic4_v,");
    const CsvTable t = read_csv(ilo + "/ees_tees_sex_eco_nb/usa.csv");
    int line = 0;
    for (size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r][2] == "eco_isic4_v") line = t.line_numbers[r];
    REQUIRE(line > 1);
    check_import_error(s, usa_args(ilo, "out"),
                       ilo + "/ees_tees_sex_eco_nb/usa.csv:" + std::to_string(line) +
                           ":3: activity code 'eco_isic4_v' is not known: expected eco_isic4_a ... eco_isic4_u, "
                           "eco_isic4_x, eco_isic4_total, eco_aggregate_total or an ISIC Rev.4 division "
                           "ec2_isic4_<section><division> of isic4_to_wiod56.csv");
  }
  SUBCASE("a division under the wrong section") {
    s.edit("ilo/emp_temp_sex_ec2_nb/usa.csv", "usa,sex_t,ec2_isic4_c29,", "usa,sex_t,ec2_isic4_g29,");
    const std::string err = s.run(usa_args(ilo, "out")).err;
    CHECK(err.find(ilo + "/emp_temp_sex_ec2_nb/usa.csv:") == 7);
    CHECK(err.find(":3: activity code 'ec2_isic4_g29' is not known") != std::string::npos);
  }
  SUBCASE("another country's rows, an unknown sex, a bad header") {
    s.edit("ilo/emp_temp_sex_eco_nb/usa.csv", "\nusa,sex_f,", "\nmex,sex_f,");
    check_import_error(s, usa_args(ilo, "out"),
                       ilo + "/emp_temp_sex_eco_nb/usa.csv:2:1: ref_area 'mex': expected 'usa' (the file of USA)");
    s.edit("ilo/emp_temp_sex_eco_nb/usa.csv", "\nmex,sex_f,", "\nusa,sex_x,");
    check_import_error(s, usa_args(ilo, "out"),
                       ilo + "/emp_temp_sex_eco_nb/usa.csv:2:2: sex 'sex_x': expected sex_t, sex_f or sex_m");
    s.edit("ilo/emp_temp_sex_eco_nb/usa.csv", "ref_area,sex,classif1,time,", "ref_area,sex,classif1,year,");
    check_import_error(s, usa_args(ilo, "out"),
                       ilo +
                           "/emp_temp_sex_eco_nb/usa.csv:1:4: header 'ref_area,sex,classif1,year,emp_temp_sex_eco_nb': "
                           "expected ref_area,sex,classif1,time,emp_temp_sex_eco_nb");
  }
  SUBCASE("informal employment above employment") {
    fs::create_directories(s.dir / "ilo/emp_nifl_sex_eco_nb");
    s.write("ilo/emp_nifl_sex_eco_nb/usa.csv",
            "ref_area,sex,classif1,time,emp_nifl_sex_eco_nb\nusa,sex_f,eco_isic4_a,2014,999999\n");
    check_import_error(s, usa_args(ilo, "out"),
                       ilo +
                           "/emp_nifl_sex_eco_nb/usa.csv:2: eco_isic4_a sex_f 2014: informal employment 999999 "
                           "thousand exceed employment " +
                           format_number(ilostat_value("emp_temp_sex_eco_nb", "usa", "sex_f", "eco_isic4_a", 2014)) +
                           " thousand in usa.csv: expected a part of employment");
  }
  SUBCASE("the concordance: a code twice, an unknown WIOD industry, --ilostat alone") {
    std::string c = read_text(kConcordance);
    s.write("twice.csv", c + "01,division,A,A01,again\n");
    check_import_error(s,
                       "import wiod-niot '" + kUsaNiot + "' --sea '" + kSea + "' --ilostat '" + ilo +
                           "' --isic-concordance twice.csv -o out",
                       "twice.csv:111:1: code '01' appears twice: expected every ISIC Rev.4 division and section once");
    c.replace(c.find("29,division,C,C29,"), std::string("29,division,C,C29,").size(), "29,division,C,C29X,");
    s.write("unknown.csv", c);
    const CsvTable t = read_csv((s.dir / "unknown.csv").string());
    int line = 0;
    for (size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r][0] == "29") line = t.line_numbers[r];
    check_import_error(
        s,
        "import wiod-niot '" + kUsaNiot + "' --sea '" + kSea + "' --ilostat '" + ilo +
            "' --isic-concordance unknown.csv -o out",
        "unknown.csv:" + std::to_string(line) + ":4: 'C29X' is not a WIOD 2016 industry: expected one of A01 ... U");
    check_import_error(s, "import wiod-niot '" + kUsaNiot + "' --ilostat '" + ilo + "' -o out",
                       "tradejobs import wiod-niot: --ilostat and --isic-concordance go together: expected both or "
                       "neither (the concordance from ISIC Rev.4 to the 56 WIOD industries is "
                       "scenarios/concordances/isic4_to_wiod56.csv)");
  }
}

TEST_CASE("unpublished cells: a division with the total only, employees above employment in a tiny cell") {
  CliSandbox s("ilostat_cells");
  copy_usa_extracts(s);
  const std::string ilo = (s.dir / "ilo").string();
  // C12 (tobacco) with sex_t only: women and men from section C's share of women in 2014.
  s.edit("ilo/emp_temp_sex_ec2_nb/usa.csv", "usa,sex_f,ec2_isic4_c12,2014,12.63\n", "");
  s.edit("ilo/emp_temp_sex_ec2_nb/usa.csv", "usa,sex_m,ec2_isic4_c12,2014,19.72\n", "");
  // Men employed as employees in T: 0.5 thousand above employment (a crossing of tiny cells).
  s.edit("ilo/ees_tees_sex_eco_nb/usa.csv", "usa,sex_m,eco_isic4_t,2014,63.75\n", "usa,sex_m,eco_isic4_t,2014,64.25\n");
  CliResult r = s.run(usa_args(ilo, "usa"));
  REQUIRE(r.code == 0);
  CHECK(r.err == "");
  const std::string yaml = s.read("usa/economy.yaml");
  CHECK(yaml.find("Divisions with only one of sex_t, sex_f, sex_m published in emp_temp_sex_ec2_nb 2014, the others "
                  "from the share of women of their section (or of all activities) that year: ec2_isic4_c12 (sex_t; "
                  "share of women of section C).") != std::string::npos);
  CHECK(yaml.find("ILOSTAT's employees exceed employment in tiny cells (by at most 1 thousand; the two are estimated "
                  "separately): the rate is 1 there: eco_isic4_t sex_m (64.25 > 63.75).") != std::string::npos);
  const Economy e = load_economy((s.dir / "usa").string());
  check_shares(e);
  // T: ILOSTAT has no self-employed women or men there (men's rate capped to 0 above), but the
  // SEA's self-employed share of T is kept: with no rates by sex to scale it is split like the
  // jobs, f·se and (1 − f)·se.
  const int t = e.sector_index("T");
  const double f = e.employment_shares(t, column_of(e, "female"));
  const double se = e.employment_shares(t, column_of(e, "self_employed"));
  CHECK(se > 0.0);
  CHECK(e.employment_shares(t, column_of(e, "sex-status_female_self_employed")) == doctest::Approx(f * se));
  CHECK(e.employment_shares(t, column_of(e, "sex-status_male_self_employed")) == doctest::Approx((1.0 - f) * se));
  CHECK(e.employment_shares(t, column_of(e, "sex-status_male_employees")) == doctest::Approx((1.0 - f) * (1.0 - se)));
  // Beyond one thousand it is an error, located.
  s.edit("ilo/ees_tees_sex_eco_nb/usa.csv", "usa,sex_m,eco_isic4_t,2014,64.25\n", "usa,sex_m,eco_isic4_t,2014,65.75\n");
  r = s.run(usa_args(ilo, "usa2"));
  CHECK(r.code == 2);
  CHECK(r.err == "error: " + ilo +
                     "/ees_tees_sex_eco_nb/usa.csv:307: eco_isic4_t sex_m 2014: employees 65.75 thousand exceed "
                     "employment 63.75 thousand in usa.csv: expected a part of employment\n");
  CHECK_FALSE(fs::exists(s.dir / "usa2"));
}
