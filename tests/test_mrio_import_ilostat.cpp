// ctest-labels: data
// The ILOSTAT satellite of the MRIO loaders (engine/src/import/mrio_ilostat.h, docs/mrio.md
// "Employment from ILOSTAT", issue 14) on the 7-region WIOD 2013 table of tests/data with two
// regions renamed USA and DEU (the flows are those of the aggregate regions: only the mechanics
// are tested here; the real world table is in test_mrio_import_ilostat_world.cpp): shares in
// [0, 1], cross-tab margins equal to the single shares, NA per cell where a region's data give
// no share, no informal group where no informality is published, women + men = total before
// and after a change in output, the economy-wide share of women against ILOSTAT's national
// figure, and located errors.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "formats/csv.h"
#include "import/mrio_table.h"
#include "mrio_import_support.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/labour.h"

namespace fs = std::filesystem;
using namespace tradejobs;
using namespace tradejobs::test;

namespace {

const std::string kData = TRADEJOBS_TEST_DATA;
const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;

/// The regional table with REG1 renamed USA and REG2 renamed DEU, in a scratch folder, its files
/// named for `year`.
std::string renamed_table(const std::string& dir, int year) {
  for (const char* part : {"Z", "Y", "x"}) {
    const std::string name = std::string("wiot_regional_2011_") + part + ".csv";
    std::string text;
    for (std::string line : lines_of(kData + "/wiod2013_wiot/" + name)) {
      for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"REG1_", "\"USA_"}, {"\"REG2_", "\"DEU_"}})
        for (size_t at = line.find(from); at != std::string::npos; at = line.find(from, at + to.size()))
          line.replace(at, from.size(), to);
      text += line + "\n";
    }
    write_text(dir + "/wiot_regional_" + std::to_string(year) + "_" + part + ".csv", text);
  }
  return dir + "/wiot_regional_" + std::to_string(year) + "_Z.csv";
}

/// The ILOSTAT options of the MRIO loader on the files of tests/data.
MrioImportOptions ilostat_options(int year = 2011) {
  MrioImportOptions o;
  o.year = year;
  o.ilostat = kData + "/ilostat";
  o.isic_concordance = kSource + "/scenarios/concordances/isic4_to_wiod56.csv";
  o.niot = kData + "/wiod2016_niot/niot_clean";
  o.concordance = kSource + "/scenarios/concordances/wiod56_to_wiod35.csv";
  return o;
}

/// `tradejobs import wiod-wiot` of the renamed table of `year` in `dir`, written to `out`.
ImportCommand ilostat_command(const std::string& dir, const std::string& out, int year = 2011) {
  return command("wiod-wiot", renamed_table(dir, year), out);
}

}  // namespace

TEST_CASE("ILOSTAT on an MRIO table: shares, margins, no informal group, women's share as ILOSTAT's") {
  const std::string dir = scratch("mrio_ilostat");
  const std::string out = dir + "/economy";
  import_wiod_wiot(ilostat_command(dir, out), ilostat_options());
  const Economy e = load_economy(out);
  // Neither USA nor DEU publishes informality by activity near 2011 in the extracts: no informal
  // or formal group at all (never zeros).
  CHECK(share_column(e, "informal") < 0);
  CHECK(share_column(e, "sex-formality_female_informal") < 0);
  const int f = share_column(e, "female"), s = share_column(e, "self_employed");
  const int fs = share_column(e, "sex-status_female_self_employed"),
            fe = share_column(e, "sex-status_female_employees");
  const int ms = share_column(e, "sex-status_male_self_employed"), me = share_column(e, "sex-status_male_employees");
  REQUIRE(f >= 0);
  REQUIRE(s >= 0);
  REQUIRE(me >= 0);
  const int n = 35;
  for (Eigen::Index j = 0; j < e.sectors(); ++j) {
    CAPTURE(e.sector_codes[j]);
    const bool country = j < 2 * n;  // USA, DEU come first
    CHECK(e.jobs_known(j) == country);
    if (!country) continue;
    for (Eigen::Index g = 0; g < e.employment_shares.cols(); ++g) {
      CHECK(e.employment_shares(j, g) >= 0.0);
      CHECK(e.employment_shares(j, g) <= 1.0);
    }
    const auto sh = e.employment_shares.row(j);
    CHECK(std::abs(sh(fs) + sh(fe) - sh(f)) <= 1e-12);
    CHECK(std::abs(sh(ms) + sh(me) - (1.0 - sh(f))) <= 1e-12);
    CHECK(std::abs(sh(fs) + sh(ms) - sh(s)) <= 1e-12);
  }
  CHECK(check_employment(e).empty());
  // The economy-wide share of women equals ILOSTAT's national figure of the stated year (the
  // divisions of 2014, the nearest year to 2011 in the extracts; economy.yaml states it).
  const std::string yaml = [&] {
    std::string t;
    for (const auto& l : lines_of(out + "/economy.yaml")) t += l + "\n";
    return t;
  }();
  CHECK(yaml.find("USA (ILOSTAT satellite): employment total = ILOSTAT EMP_TEMP_SEX_EC2_NB (ISIC Rev.4 divisions) "
                  "2014 (the nearest to 2011") != std::string::npos);
  for (const auto& [region, iso] : std::map<std::string, std::string>{{"USA", "usa"}, {"DEU", "deu"}}) {
    CAPTURE(region);
    const Eigen::Index first = region_start(e, region);
    const std::string ec2 = kData + "/ilostat/emp_temp_sex_ec2_nb/" + iso + ".csv";
    const double national =
        ilostat_count(ec2, "ec2_isic4_total", "sex_f", 2014) / ilostat_count(ec2, "ec2_isic4_total", "sex_t", 2014);
    double women = 0.0, all = 0.0;
    for (Eigen::Index i = first; i < first + n; ++i) {
      women += e.employment(i) * e.employment_shares(i, f);
      all += e.employment(i);
    }
    CHECK(std::abs(women / all - national) <= 0.005);
    // Without SEA the totals are ILOSTAT's (thousands x 1000), less any jobs left out for want of output.
    CHECK(all <= ilostat_count(ec2, "ec2_isic4_total", "sex_t", 2014) * 1000.0 * (1 + 1e-9));
    CHECK(all >= ilostat_count(ec2, "ec2_isic4_total", "sex_t", 2014) * 1000.0 * 0.99);
  }
}

TEST_CASE("ILOSTAT with the SEA: a SEA-only region keeps its jobs and has NA shares of women, per cell") {
  const std::string dir = scratch("mrio_ilostat_sea");
  const std::string out = dir + "/economy";
  MrioImportOptions o = ilostat_options();
  o.sea = {kData + "/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv"};
  o.ilostat_countries = {"DEU"};
  import_wiod_wiot(ilostat_command(dir, out), o);
  const auto emp = lines_of(out + "/employment.csv");
  REQUIRE(emp.size() == 7 * 35 + 1);
  CHECK(emp[0].rfind("sector,total,self_employed,female,sex-status_female_self_employed,", 0) == 0);
  const std::vector<std::string> usa = split_csv_line(emp[1]), deu = split_csv_line(emp[36]),
                                 reg3 = split_csv_line(emp[71]);
  CHECK(usa[0] == "USA_c1");
  CHECK(usa[1] != "NA");  // the SEA's persons engaged
  CHECK(usa[2] != "NA");  // and self-employed share
  CHECK(usa[3] == "NA");  // no share of women: unknown, never zero
  CHECK(deu[3] != "NA");
  CHECK(reg3[1] == "NA");
  const Economy e = load_economy(out);
  CHECK(std::isnan(e.employment_shares(0, 1)));
  CHECK(check_employment(e).empty());

  // The sex split is unknown in USA's sectors: no group holds their jobs there; in DEU's,
  // women + men = total before and after a change in output.
  std::string error;
  const auto splits = employment_group_splits(e.employment_share_names, e.employment_shares, &error, e.sector_codes,
                                              e.employment_known);
  REQUIRE(error.empty());
  const GroupSplit* sex = nullptr;
  for (const auto& sp : splits)
    if (sp.dimension == "sex") sex = &sp;
  REQUIRE(sex != nullptr);
  REQUIRE(sex->known.size() == 7 * 35);
  CHECK_FALSE(sex->known[0]);
  CHECK(sex->known[35]);
  const Eigen::VectorXd x0 = gross_output(e);
  Eigen::VectorXd x1 = x0;
  for (Eigen::Index j = 0; j < x1.size(); ++j) x1(j) *= 1.0 + 0.1 * std::sin(static_cast<double>(j));
  const Eigen::VectorXd wage = e.annual_wage.size() > 0 ? e.annual_wage : Eigen::VectorXd::Zero(x0.size());
  const JobsResult r = employment_response(e.employment, x0, x1, splits, wage, LabourOptions{});
  Eigen::Index women = -1;
  for (size_t g = 0; g < r.group_names.size(); ++g)
    if (r.group_names[g] == "female") women = static_cast<Eigen::Index>(g);
  REQUIRE(women >= 0);
  double deu_women = 0.0, deu_men = 0.0;
  for (Eigen::Index j = 0; j < 2 * 35; ++j) {
    CAPTURE(e.sector_codes[j]);
    if (j < 35) {
      CHECK(std::isnan(r.group_jobs_change(j, women)));
      continue;
    }
    const double before = r.group_jobs_base(j, women) + r.group_jobs_base(j, women + 1);
    const double change = r.group_jobs_change(j, women) + r.group_jobs_change(j, women + 1);
    CHECK(std::abs(before - e.employment(j)) <= 1e-9 * std::max(1.0, e.employment(j)));
    CHECK(std::abs(change - r.jobs_change(j)) <= 1e-9 * std::max(1.0, e.employment(j)));
    deu_women += r.group_jobs_change(j, women);
    deu_men += r.group_jobs_change(j, women + 1);
  }
  // Group totals cover the sectors where the split is known (DEU), never NaN.
  CHECK(r.groups[static_cast<size_t>(women)].jobs_change == doctest::Approx(deu_women).epsilon(1e-12));
  CHECK(r.groups[static_cast<size_t>(women) + 1].jobs_change == doctest::Approx(deu_men).epsilon(1e-12));
}

TEST_CASE("ILOSTAT on an MRIO table: every error is located (country, year, code, missing input)") {
  const std::string dir = scratch("mrio_ilostat_errors");
  const ImportCommand c = ilostat_command(dir, dir + "/out");
  MrioImportOptions o = ilostat_options();
  o.ilostat_countries = {"BRA"};
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       "--ilostat-countries: 'BRA' is not a region of the table: expected ISO3 codes of its regions "
                       "(USA, DEU, REG3, REG4, REG5, REG6, REG7)",
                       InputError);
  o.ilostat_countries = {"REG3"};
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       (kData + "/ilostat/emp_temp_sex_eco_nb/reg3.csv: no such file: the ILOSTAT extract "
                                "EMP_TEMP_SEX_ECO_NB has no file for REG3 (expected emp_temp_sex_eco_nb/reg3.csv in "
                                "the --ilostat folder)")
                           .c_str(),
                       InputError);
  const ImportCommand cy = ilostat_command(dir, dir + "/out", 2001);
  MrioImportOptions y = ilostat_options(2001);
  y.ilostat_countries = {"USA"};
  CHECK_THROWS_WITH_AS(import_wiod_wiot(cy, y),
                       (kData + "/ilostat/emp_temp_sex_eco_nb/usa.csv: --ilostat-countries USA: the extract "
                                "emp_temp_sex_eco_nb/usa.csv has employment by ISIC Rev.4 section only for 2010, "
                                "2011, 2012, 2013, 2014, 2015, 2016, none within 3 years of 2001 and "
                                "emp_temp_sex_ec2_nb/usa.csv has ISIC Rev.4 divisions only for 2014, none within 3 "
                                "years of 2001: expected data within 3 years of the table's year 2001")
                           .c_str(),
                       InputError);
  o.ilostat_countries = {"USA"};
  // An unknown activity code, with its line and column.
  const std::string ilo = dir + "/ilostat";
  fs::copy(kData + "/ilostat", ilo, fs::copy_options::recursive);
  auto lines = lines_of(ilo + "/emp_temp_sex_eco_nb/usa.csv");
  lines[2] = "usa,sex_f,eco_isic4_zz,2011,1";
  write_lines(ilo + "/emp_temp_sex_eco_nb/usa.csv", lines);
  o.ilostat = ilo;
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       (ilo + "/emp_temp_sex_eco_nb/usa.csv:3:3: activity code 'eco_isic4_zz' is not known: expected "
                              "eco_isic4_a ... eco_isic4_u, eco_isic4_x, eco_isic4_total, eco_aggregate_total or an "
                              "ISIC Rev.4 division ec2_isic4_<section><division> of isic4_to_wiod56.csv")
                           .c_str(),
                       InputError);
  o.ilostat = kData + "/ilostat";
  o.niot = dir;  // a folder without national tables
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       (dir + "/USA_NIOT_nov16.csv: no such file: --niot has no WIOD 2016 national table for USA "
                              "(expected USA_NIOT_nov16.csv in the --niot folder): the satellite of USA needs its "
                              "56-industry gross output")
                           .c_str(),
                       InputError);
  o.niot.clear();
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       "tradejobs import wiod-wiot: --ilostat needs --isic-concordance FILE "
                       "(scenarios/concordances/isic4_to_wiod56.csv), --niot DIR (the WIOD 2016 national tables, "
                       "whose gross output weighs the splits) and --concordance FILE (the 56 WIOD industries to the "
                       "table's, scenarios/concordances/wiod56_to_wiod35.csv)",
                       InputError);
  o.niot = kData + "/wiod2016_niot/niot_clean";
  o.employment = "jobs.csv";
  CHECK_THROWS_WITH_AS(import_wiod_wiot(c, o),
                       "tradejobs import wiod-wiot: --ilostat and --employment both give employment: expected one "
                       "(--ilostat may be combined with --sea)",
                       InputError);
  CHECK_FALSE(fs::exists(dir + "/out"));  // no partial output
}
