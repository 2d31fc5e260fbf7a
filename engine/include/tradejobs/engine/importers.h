#pragma once
/// \file importers.h
/// Loaders that build economy folders from published tables (docs/model.md §7, §9
/// `tradejobs import`). Each writes the source, the licence, the aggregation and the exact
/// import command into the generated economy.yaml, and rejects a file whose layout it does
/// not recognise with a message saying what it expected, where it looked and what it found.

#include <map>
#include <string>
#include <vector>

namespace tradejobs {

/// What `tradejobs import FORMAT SOURCE... -o DIR [options]` was given.
struct ImportOptions {
  std::string format;                ///< wiod-niot, wiod-wiot, pymrio, oecd-icio, us-china-tariffs.
  std::vector<std::string> sources;  ///< Input files or folders.
  std::string output;                ///< Output folder (-o).
  std::string country;               ///< ISO3 (--country).
  int year = 0;                      ///< --year (0 = not given).
  std::string command_line;          ///< The whole command as typed (written into economy.yaml).
  /// Further options by name without dashes, e.g. "sea", "partner-trade", "concordance",
  /// "aggregate-regions", "aggregate-sectors", "employment", "multi-region", "rest-of-world".
  std::map<std::string, std::string> extra;
};

void import_wiod_niot(const ImportOptions& options);
void import_wiod_wiot(const ImportOptions& options);
void import_pymrio(const ImportOptions& options);
void import_oecd_icio(const ImportOptions& options);
/// Builds the NAICS-3 tariff and trade table of the 2018–19 US–China tariffs (issue 3).
void import_us_china_tariffs(const ImportOptions& options);

}  // namespace tradejobs
