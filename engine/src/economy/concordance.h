#pragma once
/// \file concordance.h
/// Concordances between an outside classification (NAICS, HS, CPA, ...) and the economy's
/// sectors (docs/model.md §3 measures; issue 3). A concordance CSV has the columns
/// `code,sector,weight` (and optional further columns such as `reason`): the share `weight`
/// of outside code `code` that belongs to `sector`. For every code the weights sum to 1.

#include <map>
#include <string>
#include <vector>

namespace tradejobs {

/// One outside code's split over sectors.
struct ConcordanceRow {
  std::string sector;  ///< Economy sector code.
  double weight = 0;   ///< Share of the outside code going to this sector, in (0, 1].
};

/// A loaded concordance.
struct Concordance {
  std::string path;                                          ///< File it came from.
  std::map<std::string, std::vector<ConcordanceRow>> codes;  ///< Outside code -> sectors.
};

/// Loads and validates a concordance: weights in (0, 1], summing to 1 (within 1e-6) for
/// every code; sectors must be among `sector_codes` when that list is non-empty.
/// InputError with file:line:column otherwise.
Concordance load_concordance(const std::string& path, const std::vector<std::string>& sector_codes = {});

/// Maps values given per outside code to sectors as weighted averages:
///   value_s = Σ_c w_cs·t_c·v_c / Σ_c w_cs·t_c
/// where t_c are optional trade (or other) weights per code (1 where absent). Sectors that
/// receive no code are absent from the result. InputError for a code not in the concordance.
std::map<std::string, double> map_average(const Concordance& c, const std::map<std::string, double>& values,
                                          const std::map<std::string, double>& trade_weights = {});

/// Maps additive quantities (trade values, jobs) to sectors: total_s = Σ_c w_cs·v_c.
std::map<std::string, double> map_sum(const Concordance& c, const std::map<std::string, double>& values);

}  // namespace tradejobs
