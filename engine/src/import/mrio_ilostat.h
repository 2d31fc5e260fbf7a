#pragma once
/// \file mrio_ilostat.h
/// The ILOSTAT employment satellite of the MRIO loaders (`tradejobs import wiod-wiot ...
/// --ilostat DIR`; docs/mrio.md "Employment from ILOSTAT"): for every region of the table that
/// is a country with usable ILOSTAT extracts, the 56-industry satellite of the national loader
/// (apply_ilostat in ilostat.h: persons employed, `female`, `informal`, `self_employed` and the
/// cross-tabulations sex × formality and sex × status), built on the country's WIOD 2016
/// national table of the table's year (its gross output weighs the splits, the national loader's
/// rule) and, where the SEA have the country, on the SEA's persons engaged, self-employed share
/// and wages, then summed to the table's industries with a concordance from the 56 WIOD
/// industries (scenarios/concordances/wiod56_to_wiod35.csv for WIOD 2013).
///
/// Example:
///   MrioIlostatInputs in;
///   in.ilostat_dir = "data/ilostat"; in.isic_concordance = "scenarios/concordances/isic4_to_wiod56.csv";
///   in.niot_dir = "data/wiod2016_niot/niot_clean"; in.concordance = "scenarios/concordances/wiod56_to_wiod35.csv";
///   attach_ilostat_employment(table, in);

#include <string>
#include <vector>

#include "import/mrio_table.h"

namespace tradejobs {

/// What the satellite reads (the command-line options in brackets).
struct MrioIlostatInputs {
  std::string ilostat_dir;             ///< Folder of the ILOSTAT extracts (--ilostat).
  std::string isic_concordance;        ///< ISIC Rev.4 -> 56 WIOD industries (--isic-concordance).
  std::string niot_dir;                ///< Folder of the WIOD 2016 national tables `<ISO>_NIOT_nov16.csv` (--niot).
  std::string concordance;             ///< 56 WIOD industries -> the table's industries (--concordance).
  std::vector<std::string> sea_paths;  ///< SEA files (--sea); their countries keep the SEA's totals and wages.
  /// Countries to apply it to (--ilostat-countries); empty: every region with usable extracts,
  /// the others named in a note. A listed country that is not a region, has no extract or no
  /// usable year is an error.
  std::vector<std::string> countries;
};

/// Replaces the employment of the regions that get the satellite (after attach_sea_employment,
/// whose other regions keep the SEA's jobs): persons, the share columns in the canonical order
/// (the columns already there first, then female, informal, self_employed, sex-formality_*,
/// sex-status_*) and the annual wage per employee in US dollars. A share a region's data do not
/// give is NaN (`NA` in employment.csv: unknown, never zero), e.g. `informal` where ILOSTAT
/// publishes no informality by activity; regions without jobs stay unknown. Every rule and year
/// goes into the notes, prefixed by the country. InputError (file:line:column) for anything the
/// rules cannot use.
void attach_ilostat_employment(MrioTable& table, const MrioIlostatInputs& inputs);

}  // namespace tradejobs
