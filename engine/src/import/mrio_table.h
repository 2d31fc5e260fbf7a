#pragma once
/// \file mrio_table.h
/// Multi-region input-output (MRIO) tables as read from published files (docs/model.md §2
/// "Multi-region tables", §7), and their aggregation: regions or industries summed into groups
/// by a mapping CSV. The readers are wiod_wiot.h, pymrio.h and oecd_icio.h; the employment
/// satellites mrio_satellites.h and mrio_ilostat.h; the economies built from a table
/// mrio_economy.h. See docs/mrio.md.

#include <Eigen/Core>
#include <string>
#include <vector>

namespace tradejobs {

/// A world table: R regions × n industries, region-major (all industries of the first
/// region, then the second, ...). Money in `currency`.
struct MrioTable {
  std::string source;                     ///< Named public source of the figures.
  std::string licence;                    ///< Licence of the source.
  std::string currency;                   ///< Money unit, e.g. "USD million".
  int year = 0;                           ///< Reference year.
  std::vector<std::string> regions;       ///< Region codes, e.g. "AUS".
  std::vector<std::string> sector_codes;  ///< Industry codes within a region, e.g. "c14".
  std::vector<std::string> sector_names;  ///< Industry names for people.
  /// Final-demand categories per region of destination, household first ("household", ...).
  std::vector<std::string> final_demand_categories;
  Eigen::MatrixXd intermediate;  ///< Z, nR × nR: product (row region, industry) used by (column region, industry).
  /// Y, nR × R·c: final use by region of destination (region-major) and category.
  Eigen::MatrixXd final_demand;
  /// Sales to users outside the table (e.g. pymrio's "Export" category), nR; zeros for a closed world table.
  Eigen::VectorXd outside_exports;
  std::vector<std::string> value_added_components;  ///< Rows of V ("compensation", "rounding", ...).
  Eigen::MatrixXd value_added;                      ///< V, k × nR.
  /// Employment satellite (optional): persons by (region, industry), nR; empty when none.
  Eigen::VectorXd employment;
  /// Whether the employment of each (region, industry) is known (nR when employment is given).
  std::vector<bool> employment_known;
  std::vector<std::string> employment_share_names;  ///< Share columns of the satellite (female, ...).
  Eigen::MatrixXd employment_shares;                ///< nR × g shares in [0, 1].
  /// Annual wage per employee in the currency's base unit (nR, 0 where unknown); empty when
  /// the satellite gives none (then income effects come from a `compensation` row, if any).
  Eigen::VectorXd annual_wage;
  std::vector<std::string> notes;  ///< What the loader did (balancing, recomputed totals), for economy.yaml.

  /// Number of industries per region n.
  int industries() const { return static_cast<int>(sector_codes.size()); }
  /// Gross output x = Z·1 + Y·1 + outside exports (row identity).
  Eigen::VectorXd gross_output() const;
};

/// A mapping CSV `code,group[,group_name]` (aggregation of regions or sectors).
struct AggregationMap {
  std::string path;                      ///< File it came from.
  std::vector<std::string> groups;       ///< Group codes in order of first appearance.
  std::vector<std::string> group_names;  ///< Names (group_name column, else the code).
  std::vector<int> group_of;             ///< Group index of each input code, in the codes' order.
};

/// Loads a mapping for `codes`: every code must appear exactly once; InputError naming the
/// file, line and the offending code otherwise.
AggregationMap load_aggregation_map(const std::string& path, const std::vector<std::string>& codes);

/// Sums regions into groups (flows, final demand by destination, value added, employment;
/// shares weighted by persons). Totals are preserved exactly up to rounding.
MrioTable aggregate_regions(const MrioTable& table, const AggregationMap& map);
/// Sums industries into groups within every region.
MrioTable aggregate_sectors(const MrioTable& table, const AggregationMap& map);

}  // namespace tradejobs
