#pragma once
/// \file ilostat.h
/// The ILOSTAT employment satellite of `tradejobs import wiod-niot ... --ilostat DIR`
/// (docs/model.md §1, §4, §7; docs/wiod_niot.md "ILOSTAT satellite"): persons employed by
/// WIOD industry, and the shares of women, informal workers and the self-employed, with the
/// cross-tabulations sex × formality and sex × status, from the ILOSTAT extracts (one folder
/// per indicator, one `<iso3>.csv` per country) and the ISIC Rev.4 concordance
/// scenarios/concordances/isic4_to_wiod56.csv.
///
/// Example:
///   IsicConcordance c = load_isic4_concordance("scenarios/concordances/isic4_to_wiod56.csv");
///   IlostatCountry ilo = read_ilostat_country("data/ilostat", "MEX");
///   apply_ilostat(build, table, ilo, c, /*have_sea=*/false);

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "import/wiod_niot.h"

namespace tradejobs {

/// The ISIC Rev.4 → WIOD 2016 concordance: every division (01 ... 99) and every section
/// (A ... U) once.
struct IsicConcordance {
  std::string path;                                                    ///< File read.
  std::map<std::string, std::string> division_industry;                ///< "10" -> "C10-C12".
  std::map<std::string, std::string> division_section;                 ///< "10" -> "C".
  std::map<std::string, std::vector<std::string>> section_industries;  ///< "C" -> the 19 industries.
  /// The sections of each WIOD industry ("R_S" -> {"R", "S"}, "C20" -> {"C"}).
  std::map<std::string, std::vector<std::string>> industry_sections;
};

/// Reads the concordance CSV `code,level,section,wiod,reason` (level `division` with one WIOD
/// code, or `section` with the space-separated WIOD codes it holds). InputError (file:line:column)
/// for a bad header, an unknown level or WIOD code, a code given twice, a division whose section
/// row does not list its industry, or a WIOD industry that no division reaches.
IsicConcordance load_isic4_concordance(const std::string& path);

/// One value of an ILOSTAT file and where it is.
struct IlostatCell {
  double value = 0;  ///< As published (thousands of persons, or money per month).
  int line = 0;      ///< Line in the file.
};

/// One ILOSTAT indicator file of one country (`<DIR>/<indicator>/<iso3>.csv`).
struct IlostatFile {
  std::string path;       ///< File read ("" when the country has no file for the indicator).
  std::string indicator;  ///< Folder name, e.g. "emp_temp_sex_eco_nb".
  /// (sex, classif1, classif2, year) -> value; sex is sex_t, sex_f or sex_m; classif2 "" except
  /// for earnings (cur_type_lcu, cur_type_usd, cur_type_ppp).
  std::map<std::tuple<std::string, std::string, std::string, int>, IlostatCell> cells;
  bool present() const { return !path.empty(); }
};

/// Reads one ILOSTAT extract. The header must be `ref_area,sex,classif1[,classif2],time,<indicator>`;
/// every ref_area the country asked for, every sex and activity code known (ISIC Rev.4 sections
/// eco_isic4_a ... _u, _x, _total, eco_aggregate_total, divisions ec2_isic4_<section><division>
/// of the concordance; ISIC Rev.3 rows are accepted and not used). InputError with
/// file:line:column otherwise. A missing file gives an empty IlostatFile when `required` is
/// false and an InputError naming the file when it is true.
IlostatFile read_ilostat_file(const std::string& dir, const std::string& indicator, const std::string& iso3,
                              const IsicConcordance& concordance, bool required);

/// The extracts of one country that the satellite reads.
struct IlostatCountry {
  std::string dir;        ///< The --ilostat folder.
  std::string country;    ///< ISO3, upper case.
  IlostatFile divisions;  ///< emp_temp_sex_ec2_nb (optional: sections are split without it).
  IlostatFile sections;   ///< emp_temp_sex_eco_nb (required).
  IlostatFile employees;  ///< ees_tees_sex_eco_nb (required).
  IlostatFile informal;   ///< emp_nifl_sex_eco_nb (optional: no informal column without it).
  IlostatFile earnings;   ///< ear_emta_sex_eco_cur_nb (optional: no annual_wage without it).
};

/// Reads the five extracts of `iso3` from `dir` (the folder layout of the ILOSTAT extracts).
IlostatCountry read_ilostat_country(const std::string& dir, const std::string& iso3,
                                    const IsicConcordance& concordance);

/// Adds the ILOSTAT satellite to an economy built from a NIOT (build_wiod_niot_economy):
/// employment.csv gets `female`, `informal` (only where the country publishes informality by
/// activity), `self_employed` and the cross-tabulations `sex-formality_<sex>_<formal|informal>`
/// and `sex-status_<sex>_<self_employed|employees>` (margins equal to the single shares). With
/// `have_sea` the totals and wages of the SEA are kept and the difference to ILOSTAT's totals is
/// reported; without, the totals come from ILOSTAT (divisions summed to industries, or sections
/// split in proportion to the industries' value added), annual_wage from ILOSTAT earnings
/// (USD series × 12) and the compensation row of value_added is employees × annual_wage. The
/// rules and years go into the notes. InputError (file:line) for data the rules cannot use.
void apply_ilostat(WiodNiotBuild& build, const WiodNiotTable& table, const IlostatCountry& ilostat,
                   const IsicConcordance& concordance, bool have_sea);

/// Why the extracts of a country cannot give the satellite for `year` ("" when they can): no
/// employment by ISIC Rev.4 section or division within 3 years of it, no employees by section
/// within 3 years, or no sections in the employees' year (the rules of apply_ilostat). Used by
/// the MRIO loaders to apply the satellite to every region that allows it and to say why not.
std::string ilostat_unusable_reason(const IlostatCountry& ilostat, int year);

}  // namespace tradejobs
