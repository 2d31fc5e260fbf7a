#pragma once
/// \file mrio_import.h
/// Multi-region input-output (MRIO) tables as read from published files, and what the
/// loaders of `tradejobs import wiod-wiot | pymrio | oecd-icio` do with them (docs/model.md §2
/// "Multi-region tables", §7): aggregation of regions and sectors, an employment satellite,
/// and the two economies that can be built from a world table — the full MRIO, or one
/// country with its trade partners. See docs/mrio.md.

#include <Eigen/Dense>
#include <map>
#include <string>
#include <vector>

#include "tradejobs/models/economy.h"

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

/// Reads the WIOD 2013 world table as distributed in bquast/wiod's CSV conversion:
/// `<prefix>_Z.csv`, `<prefix>_Y.csv`, `<prefix>_x.csv` (e.g. wiot_2011). `source` is a
/// folder (then `year` picks wiot_<year>_*.csv) or any of the three files. Values are
/// truncated integers: x is recomputed as Z·1 + Y·1 and the largest difference from the
/// published x is noted; value added is the single row `value_added_and_margins` = x − 1ᵀZ.
MrioTable read_wiod_wiot(const std::string& source, int year);

/// Reads pymrio's text folder (tab-separated `trade_flows_Z.txt`, `finald_demand_Y.txt`
/// with region/sector/unit header rows and columns, and the `factor_input.txt` extension
/// as value added). `source` is the folder holding those files (or its parent with `mrio_data/`).
MrioTable read_pymrio(const std::string& source);

/// Reads an OECD ICIO CSV release: country_industry labels (`AUS_A01_02`), final-demand
/// columns `<CTY>_HFCE|NPISH|GGFC|GFCF|INVNT|DPABR` (older NONRES, DISC accepted), rows `TLS`
/// and `VA` (older TAXSUB, VALU), and the output row/column `OUT` (or `TOTAL`, `OUTPUT`).
MrioTable read_oecd_icio(const std::string& path);

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

/// Attaches an employment satellite CSV with columns `region,sector,persons` and optional
/// share columns in [0, 1]. A region without rows has unknown jobs (never zero); a region
/// with rows for only some industries, an unknown code or a duplicate is an InputError.
void attach_employment(MrioTable& table, const std::string& path);

/// A concordance CSV `code,sector[,reason]` from the codes of an employment satellite (the 56
/// WIOD 2016 industries of the SEA and of the ILOSTAT satellite) to the table's industries.
struct IndustryConcordance {
  std::string path;                                 ///< File read.
  std::map<std::string, std::vector<int>> targets;  ///< Code -> table industry indices, in file order.
};

/// Loads the concordance for table `t`: InputError (file:line:column) for an industry the table
/// does not have or a pair given twice, and naming the file for a table industry no code reaches.
IndustryConcordance load_industry_concordance(const std::string& path, const MrioTable& t);

/// Attaches employment from WIOD Socio-Economic Accounts files (2016 release, long format:
/// country, code, year, EMP, EMPE, ...; see read_wiod_sea) for every country of the files
/// that is a region of the table, in the table's year: persons engaged (EMP, thousands, times
/// 1,000), the share `self_employed` = 1 − EMPE/EMP and the annual wage per employee
/// COMP/EMPE converted to US dollars with NOMEXCH. The SEA's industry codes are mapped to
/// the table's with a concordance CSV `code,sector[,reason]`: every SEA code must appear, every
/// table industry must receive at least one code; a code listed with several sectors is split
/// in proportion to those industries' gross output in the region's own table. Regions of no
/// file have unknown jobs (never zero). InputError (file:line:column) for anything else.
void attach_sea_employment(MrioTable& table, const std::vector<std::string>& sea_paths,
                           const std::string& concordance_path);

/// The full MRIO economy (docs/mrio.md): sectors `<REG>_<code>` with their region, Zd = Z,
/// Zm = 0, final demand `<REG>_<category>`, exports = sales outside the table (`outside`).
Economy mrio_economy(const MrioTable& table, const std::string& name);

/// One country with the rest of the world as partners: Zd = the country's own block, Zm =
/// the other regions' deliveries to it, `imports_by_partner` the source-region values,
/// exports by destination region. The country's gross output is preserved exactly.
Economy single_region_economy(const MrioTable& table, const std::string& country, const std::string& name);

}  // namespace tradejobs
