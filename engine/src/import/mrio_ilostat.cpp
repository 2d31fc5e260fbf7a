// The ILOSTAT employment satellite of the MRIO loaders (docs/mrio.md "Employment from ILOSTAT"):
// the national loader's 56-industry satellite per country, summed to the table's industries.
#include "import/mrio_ilostat.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "formats/csv.h"
#include "formats/text.h"
#include "import/ilostat.h"
#include "import/mrio_satellites.h"
#include "import/wiod_niot.h"
#include "tradejobs/engine/errors.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

/// The share columns of the satellite in their canonical order.
const std::vector<std::string>& satellite_columns() {
  static const std::vector<std::string> kColumns = {"female",
                                                    "informal",
                                                    "self_employed",
                                                    "sex-formality_female_informal",
                                                    "sex-formality_female_formal",
                                                    "sex-formality_male_informal",
                                                    "sex-formality_male_formal",
                                                    "sex-status_female_self_employed",
                                                    "sex-status_female_employees",
                                                    "sex-status_male_self_employed",
                                                    "sex-status_male_employees"};
  return kColumns;
}

/// One region's satellite on the table's industries.
struct RegionSatellite {
  int region = 0;
  std::string country;
  Eigen::VectorXd persons;               ///< n
  std::vector<std::string> share_names;  ///< as apply_ilostat wrote them
  Eigen::MatrixXd shares;                ///< n × g
  Eigen::VectorXd annual_wage;           ///< n, empty when the country has no wage
  std::vector<std::string> notes;        ///< prefixed by the country
};

}  // namespace

void attach_ilostat_employment(MrioTable& t, const MrioIlostatInputs& in) {
  if (t.year <= 0)
    throw InputError("--ilostat: the table's year is unknown: expected --year YYYY (the year of the satellite)");
  if (in.niot_dir.empty())
    throw InputError(
        "--ilostat on a multi-region table needs --niot DIR: the folder of the WIOD 2016 national tables "
        "(<ISO>_NIOT_nov16.csv), whose 56-industry gross output weighs the satellite's splits");
  if (in.concordance.empty())
    throw InputError(
        "--ilostat on a multi-region table needs --concordance FILE: the concordance from the 56 WIOD 2016 "
        "industries to the table's (scenarios/concordances/wiod56_to_wiod35.csv for WIOD 2013)");
  if (!fs::is_directory(in.niot_dir))
    throw InputError(located(in.niot_dir, 0, 0,
                             "--niot: not a folder: expected the folder of the WIOD 2016 national tables "
                             "(<ISO>_NIOT_nov16.csv)"));
  if (!fs::is_directory(in.ilostat_dir))
    throw InputError(located(in.ilostat_dir, 0, 0,
                             "--ilostat: not a folder: expected the folder of the ILOSTAT extracts "
                             "(emp_temp_sex_eco_nb/, ees_tees_sex_eco_nb/, ...)"));
  const IsicConcordance isic = load_isic4_concordance(in.isic_concordance);
  const IndustryConcordance conc = load_industry_concordance(in.concordance, t);
  const std::vector<std::string>& wiod = wiod_industry_codes();
  for (const auto& code : wiod)
    if (!conc.targets.count(code))
      throw InputError(located(in.concordance, 0, 0,
                               "the WIOD 2016 industry " + code +
                                   " is not in the concordance: expected all 56 industries of the satellite"));
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const Eigen::VectorXd x = t.gross_output();

  // The SEA files, read once: which holds which country.
  std::vector<CsvTable> sea_tables;
  std::map<std::string, size_t> sea_of;
  for (const std::string& path : in.sea_paths) {
    sea_tables.push_back(read_csv(path));
    const CsvTable& f = sea_tables.back();
    const int c = f.require_column("country");
    for (const auto& row : f.rows) sea_of.emplace(row[c], sea_tables.size() - 1);
  }

  // The countries: listed (each required) or every region with the two required extracts.
  const bool listed = !in.countries.empty();
  std::vector<std::string> candidates;
  if (listed) {
    for (const auto& c : in.countries) {
      if (std::find(t.regions.begin(), t.regions.end(), c) == t.regions.end())
        throw InputError("--ilostat-countries: '" + excerpt(c) +
                         "' is not a region of the table: expected ISO3 codes of its regions (" + join(t.regions) +
                         ")");
      if (std::find(candidates.begin(), candidates.end(), c) != candidates.end())
        throw InputError("--ilostat-countries: '" + excerpt(c) + "' is listed twice: expected each country once");
      candidates.push_back(c);
    }
  } else {
    for (const auto& r : t.regions) {
      const std::string iso = lower(r);
      if (fs::exists(fs::path(in.ilostat_dir) / "emp_temp_sex_eco_nb" / (iso + ".csv")) &&
          fs::exists(fs::path(in.ilostat_dir) / "ees_tees_sex_eco_nb" / (iso + ".csv")))
        candidates.push_back(r);
    }
  }

  std::vector<RegionSatellite> sats;
  std::vector<std::string> skipped, left_out;
  for (const std::string& iso : candidates) {
    const int reg = index_of(t.regions, iso);
    const IlostatCountry ilo = read_ilostat_country(in.ilostat_dir, iso, isic);
    if (const std::string why = ilostat_unusable_reason(ilo, t.year); !why.empty()) {
      if (listed)
        throw InputError(located(ilo.sections.path, 0, 0,
                                 "--ilostat-countries " + iso + ": the extract " + why + ": expected data within 3 " +
                                     "years of the table's year " + std::to_string(t.year)));
      skipped.push_back(iso + " (" + why + ")");
      continue;
    }
    const std::string niot_path = (fs::path(in.niot_dir) / (iso + "_NIOT_nov16.csv")).string();
    if (!fs::exists(niot_path))
      throw InputError(located(niot_path, 0, 0,
                               "no such file: --niot has no WIOD 2016 national table for " + iso + " (expected " + iso +
                                   "_NIOT_nov16.csv in the --niot folder): the satellite of " + iso +
                                   " needs its 56-industry gross output"));
    const WiodNiotTable niot = read_wiod_niot(niot_path, t.year);
    const auto sea_it = sea_of.find(iso);
    WiodSeaYear sea;
    if (sea_it != sea_of.end()) sea = read_wiod_sea(sea_tables[sea_it->second], iso, t.year);
    const bool have_sea = sea_it != sea_of.end();
    WiodNiotBuild b = build_wiod_niot_economy(niot, iso, have_sea ? &sea : nullptr);
    const size_t first_note = b.notes.size();
    apply_ilostat(b, niot, ilo, isic, have_sea);
    const Economy& e = b.economy;

    RegionSatellite s;
    s.region = reg;
    s.country = iso;
    s.share_names = e.employment_share_names;
    s.persons = Eigen::VectorXd::Zero(n);
    s.shares = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(s.share_names.size()));
    const bool has_wage = e.annual_wage.size() > 0;
    const auto self_col = std::find(s.share_names.begin(), s.share_names.end(), "self_employed");
    const Eigen::Index self = self_col - s.share_names.begin();
    Eigen::VectorXd employees = Eigen::VectorXd::Zero(n), bill = Eigen::VectorXd::Zero(n);
    std::vector<std::string> split;
    for (Eigen::Index k = 0; k < e.sectors(); ++k) {
      const std::string& code = e.sector_codes[k];
      const std::vector<int>& to = conc.targets.at(code);
      const double persons = e.employment(k);
      double weight_sum = 0.0;
      for (int i : to) weight_sum += x(static_cast<Eigen::Index>(reg) * n + i);
      if (weight_sum <= 0.0) {
        // Jobs need output (docs/model.md §1): left out and named, as with the SEA.
        if (persons > 0.0) left_out.push_back(iso + " " + code + " (" + format_number(std::round(persons)) + ")");
        continue;
      }
      if (to.size() > 1 && persons > 0.0) split.push_back(code);
      for (int i : to) {
        const double w = to.size() == 1 ? 1.0 : x(static_cast<Eigen::Index>(reg) * n + i) / weight_sum;
        const double p = w * persons;
        s.persons(i) += p;
        s.shares.row(i) += p * e.employment_shares.row(k);
        const double emp = p * (1.0 - e.employment_shares(k, self));
        employees(i) += emp;
        if (has_wage) bill(i) += emp * e.annual_wage(k);
      }
    }
    // Industries without jobs carry the country's economy-wide shares (they weigh nothing).
    const double total = e.employment.sum();
    const Eigen::RowVectorXd wide = total > 0.0
                                        ? Eigen::RowVectorXd(e.employment.transpose() * e.employment_shares / total)
                                        : Eigen::RowVectorXd::Zero(s.shares.cols());
    for (int i = 0; i < n; ++i)
      if (s.persons(i) > 0.0)
        s.shares.row(i) /= s.persons(i);
      else
        s.shares.row(i) = wide;
    if (has_wage) {
      s.annual_wage = Eigen::VectorXd::Zero(n);
      for (int i = 0; i < n; ++i) s.annual_wage(i) = employees(i) > 0.0 ? bill(i) / employees(i) : 0.0;
    }
    const std::string p = iso + " (ILOSTAT satellite): ";
    s.notes.push_back(
        p + "the 56-industry satellite of tradejobs import wiod-niot --ilostat (docs/wiod_niot.md), built on " +
        fs::path(niot_path).filename().string() + " " + std::to_string(niot.year) +
        " (its gross output weighs the splits within a section and receives the jobs of industries without output)" +
        (have_sea ? " with the SEA of " + fs::path(in.sea_paths[sea_it->second]).filename().string() +
                        " (persons engaged, self-employed share and wages kept)"
                  : std::string(" without SEA (totals, shares and wages from ILOSTAT)")) +
        ", summed to the table's industries with " + fs::path(in.concordance).filename().string() +
        (split.empty() ? std::string() : " (" + join(split) + " split by the region's gross output in the table)") +
        "; wages per employee are the employee-weighted means" + (has_wage ? "." : " (none: no wage published)."));
    for (size_t k = first_note; k < b.notes.size(); ++k) s.notes.push_back(p + b.notes[k]);
    if (have_sea)
      for (size_t k = 0; k < first_note; ++k)
        if (b.notes[k].rfind("employment total = SEA EMP", 0) == 0) s.notes.push_back(p + b.notes[k]);
    sats.push_back(std::move(s));
  }
  if (sats.empty())
    throw InputError(located(in.ilostat_dir, 0, 0,
                             "--ilostat: no region of the table has usable ILOSTAT extracts for " +
                                 std::to_string(t.year) + (skipped.empty() ? "" : " (" + join(skipped) + ")") +
                                 ": expected emp_temp_sex_eco_nb/<iso>.csv and ees_tees_sex_eco_nb/<iso>.csv with "
                                 "ISIC Rev.4 sections within 3 years for at least one region"));

  // Merge: the columns already there first, then the satellite's in canonical order.
  const Eigen::Index total = static_cast<Eigen::Index>(n) * rc;
  if (t.employment.size() != total) {
    t.employment = Eigen::VectorXd::Zero(total);
    t.employment_known.assign(static_cast<size_t>(total), false);
    t.employment_share_names.clear();
    t.employment_shares = Eigen::MatrixXd::Zero(total, 0);
  }
  std::vector<std::string> names = t.employment_share_names;
  for (const auto& c : satellite_columns())
    if (std::find(names.begin(), names.end(), c) == names.end() &&
        std::any_of(sats.begin(), sats.end(), [&](const RegionSatellite& s) {
          return std::find(s.share_names.begin(), s.share_names.end(), c) != s.share_names.end();
        }))
      names.push_back(c);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd shares(total, static_cast<Eigen::Index>(names.size()));
  for (Eigen::Index j = 0; j < total; ++j)
    for (size_t c = 0; c < names.size(); ++c) {
      const Eigen::Index col = static_cast<Eigen::Index>(c);
      if (c < t.employment_share_names.size())
        shares(j, col) = t.employment_shares(j, col);
      else  // a column these regions' data do not give: unknown where jobs are known
        shares(j, col) = t.employment_known[static_cast<size_t>(j)] ? nan : 0.0;
    }
  const bool any_wage =
      std::any_of(sats.begin(), sats.end(), [](const RegionSatellite& s) { return s.annual_wage.size() > 0; });
  if (t.annual_wage.size() != total && any_wage) t.annual_wage = Eigen::VectorXd::Zero(total);
  std::vector<std::string> applied, no_wage;
  for (const RegionSatellite& s : sats) {
    for (int i = 0; i < n; ++i) {
      const Eigen::Index j = static_cast<Eigen::Index>(s.region) * n + i;
      t.employment(j) = s.persons(i);
      t.employment_known[static_cast<size_t>(j)] = true;
      for (size_t c = 0; c < names.size(); ++c) {
        const int k = index_of(s.share_names, names[c]);
        shares(j, static_cast<Eigen::Index>(c)) = k < 0 ? nan : s.shares(i, k);
      }
      if (t.annual_wage.size() == total) t.annual_wage(j) = s.annual_wage.size() > 0 ? s.annual_wage(i) : 0.0;
    }
    if (s.annual_wage.size() == 0 && any_wage) no_wage.push_back(s.country);
    applied.push_back(s.country);
  }
  t.employment_share_names = names;
  t.employment_shares = shares;

  std::vector<std::string> unknown, kept;
  for (int r = 0; r < rc; ++r) {
    if (std::find(applied.begin(), applied.end(), t.regions[r]) != applied.end()) continue;
    (t.employment_known[static_cast<size_t>(r) * n] ? kept : unknown).push_back(t.regions[r]);
  }
  t.notes.push_back(
      "employment by sex, status and formality: the ILOSTAT satellite (" +
      fs::path(in.ilostat_dir).filename().string() + ", concordance " +
      fs::path(in.isic_concordance).filename().string() + ") for " + join(applied) +
      (listed ? " (--ilostat-countries)" : " (every region with usable extracts)") +
      "; a share a region's data do not give is NA (unknown, never zero): " +
      (kept.empty() ? std::string() : join(kept) + " keep the jobs they had, without the ILOSTAT columns; ") +
      std::to_string(unknown.size()) + " regions have unknown jobs" +
      (skipped.empty() ? std::string(".") : "; not applied (no usable year): " + join(skipped, "; ") + "."));
  if (!no_wage.empty())
    t.notes.push_back(
        "no wage published for " + join(no_wage) +
        ": annual_wage 0 there (the costs that need wages are not computed for them; no wage is made up).");
  if (!left_out.empty())
    t.notes.push_back(
        "ILOSTAT satellite persons left out because the industries they map to have no output in the table (jobs "
        "need output to follow, docs/model.md §1): " +
        join(left_out) + ".");
  for (const RegionSatellite& s : sats) t.notes.insert(t.notes.end(), s.notes.begin(), s.notes.end());
  t.source +=
      "; employment by sex, status and formality: ILO, ILOSTAT database, indicators EMP_TEMP_SEX_EC2_NB, "
      "EMP_TEMP_SEX_ECO_NB, EES_TEES_SEX_ECO_NB, EMP_NIFL_SEX_ECO_NB and EAR_EMTA_SEX_ECO_CUR_NB (those present "
      "are named in the notes), accessed through the open-numbers DDF copy github.com/open-numbers/ddf--ilo--ilostat "
      "(commit c50d060595275a48961dbd0c5971eedea95ffad8), on the WIOD 2016 national tables (Timmer et al. 2015)";
  t.licence += ". ILOSTAT data: CC BY 4.0 (attribution: ILO / ILOSTAT; Gapminder for the DDF conversion)";
}

}  // namespace tradejobs
