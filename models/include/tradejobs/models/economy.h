#pragma once
/// \file economy.h
/// The calibrated economy of docs/model.md §1 as plain data: flows, final demand, exports, value
/// added and employment of one country (or of an R-region table treated as one system).
/// Money is in the economy's currency unit (`currency`, e.g. "USD million"); jobs in
/// `employment_unit` (persons). Pure data: no I/O here (the engine loads and writes it).

#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

namespace tradejobs {

/// One calibrated economy (docs/model.md §1, §9). Matrices are indexed by sector in the order of
/// `sector_codes`. Optional blocks are empty (size 0) when the economy does not give them.
struct Economy {
  // --- description (economy.yaml) ---
  std::string name;             ///< Short name, e.g. "usa-2014".
  std::string country;          ///< ISO3 code of the country, or "WLD" for a world table.
  int year = 0;                 ///< Reference year of the table.
  std::string currency;         ///< Money unit of every flow, e.g. "USD million".
  std::string employment_unit;  ///< Unit of jobs, e.g. "persons".
  std::string source;           ///< Named public source of the figures.
  std::string licence;          ///< Licence of the source data.

  // --- sectors (products = industries) ---
  std::vector<std::string> sector_codes;  ///< Sector codes, e.g. "C13-C15".
  std::vector<std::string> sector_names;  ///< Sector names for people.
  /// Region of each sector for multi-region tables (empty for a single-region economy).
  std::vector<std::string> sector_regions;
  /// Named groups of sectors usable in scenarios (e.g. "manufacturing" -> codes).
  std::map<std::string, std::vector<std::string>> sector_groups;

  // --- flows (docs/model.md §1 table) ---
  Eigen::MatrixXd intermediate_domestic;             ///< Zd, n×n: domestic products (rows) used by industries (cols).
  Eigen::MatrixXd intermediate_imported;             ///< Zm, n×n: imported products used by industries.
  std::vector<std::string> final_demand_categories;  ///< Column codes of Fd and Fm ("household", ...).
  Eigen::MatrixXd final_demand_domestic;             ///< Fd, n×c.
  Eigen::MatrixXd final_demand_imported;             ///< Fm, n×c.
  std::vector<std::string> export_partners;          ///< Column codes of `exports` ("total" or partner codes).
  Eigen::MatrixXd exports;                           ///< e, n×Re: exports of domestic products by destination.
  std::vector<std::string> value_added_components;   ///< Row codes of V; one is "compensation".
  Eigen::MatrixXd value_added;                       ///< V, k×n.
  /// Gross output given by the source (optional `output` file); empty when not given.
  Eigen::VectorXd output_reported;

  // --- employment (docs/model.md §1, §4) ---
  Eigen::VectorXd employment;                       ///< N_total by sector, in employment_unit.
  std::vector<std::string> employment_share_names;  ///< Share columns (female, self_employed, skill_low, ...).
  Eigen::MatrixXd employment_shares;                ///< n×g shares in [0, 1], columns as employment_share_names.
  /// Annual wage per person and year in the currency's base unit (USD where tables are in
  /// USD million); empty when not given.
  Eigen::VectorXd annual_wage;
  /// Sectors with employment data. Multi-region tables may lack jobs for some regions: false
  /// there means "jobs unknown", never zero jobs. Empty means every sector has data.
  std::vector<bool> employment_known;

  // --- trade detail (optional) ---
  std::vector<std::string> import_partners;  ///< Partner codes of import-source splits.
  Eigen::MatrixXd import_shares;             ///< n×R value shares of partners in imports (rows sum to 1 or 0).
  Eigen::MatrixXd tariffs;                   ///< n×R baseline applied tariff rates on imports (0.05 = 5%).
  Eigen::MatrixXd export_tariffs;            ///< n×Re baseline partner tariffs faced by our exports.

  /// Optional mobility matrix (n×n, rows = sector of origin, sum to 1) for re-employment (§5).
  Eigen::MatrixXd mobility;

  /// Per-sector default elasticities from the economy (docs/model.md §3); NaN = use the global default.
  Eigen::VectorXd armington;                ///< σ_D by sector.
  Eigen::VectorXd source_substitution;      ///< σ_M by sector.
  Eigen::VectorXd final_demand_elasticity;  ///< ε by sector.
  Eigen::VectorXd export_demand;            ///< η by sector.
  Eigen::VectorXd employment_elasticity;    ///< θ by sector.

  /// Number of sectors n.
  int sectors() const { return static_cast<int>(sector_codes.size()); }
  /// Whether sector j has employment data (false: jobs unknown, never zero).
  bool jobs_known(Eigen::Index j) const { return employment_known.empty() || employment_known[static_cast<size_t>(j)]; }
  /// Whether any sector has employment data.
  bool any_jobs_known() const;
  /// Index of the value-added row named `compensation` (-1 if missing).
  int compensation_row() const;
  /// Index of the final-demand column named `household` (-1 if missing).
  int household_column() const;
  /// Index of a sector code (-1 if unknown).
  int sector_index(const std::string& code) const;
};

/// Gross output x = Zd·1 + Fd·1 + e (docs/model.md §1 row identity).
Eigen::VectorXd gross_output(const Economy& economy);

/// Total inputs by column: Σ_i Zd_ij + Σ_i Zm_ij + Σ_r V_rj (docs/model.md §1 column identity).
Eigen::VectorXd total_inputs(const Economy& economy);

/// Imports by product m = Zm·1 + Fm·1 (docs/model.md §1).
Eigen::VectorXd imports_by_product(const Economy& economy);

/// Coefficients Z·diag(x)⁻¹ with zero columns where x_j = 0 (docs/model.md §1).
Eigen::MatrixXd input_coefficients(const Eigen::MatrixXd& flows, const Eigen::VectorXd& output);

/// Element-wise v / x with 0 where x = 0: employment coefficients ℓ, wage coefficients w.
Eigen::VectorXd per_unit_of_output(const Eigen::VectorXd& v, const Eigen::VectorXd& output);

}  // namespace tradejobs
