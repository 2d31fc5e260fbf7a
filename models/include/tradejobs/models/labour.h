#pragma once
/// \file labour.h
/// The labour module of docs/model.md §4: jobs respond to output with an employment elasticity,
/// N_j' = N_j (x_j'/x_j)^θ_j, and the change is split over employment groups (sex,
/// formality, employment status, skill, or a full cross-tabulation). Jobs created (growing
/// sectors) and destroyed (shrinking sectors) are reported separately at every level, never
/// only the net. Pure economics on Eigen: no files, no console .
///
/// Example:
///   std::string error;
///   auto splits = employment_group_splits(economy.employment_share_names,
///                                         economy.employment_shares, &error,
///                                         economy.sector_codes);
///   if (!error.empty()) throw InputError(path + ": " + error);
///   LabourOptions o;                       // θ = 1 everywhere
///   JobsResult jobs = employment_response(economy.employment, x_base, x_new, splits,
///                                         economy.annual_wage, o);

#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

namespace tradejobs {

/// One way of splitting each sector's jobs into groups that add up to the sector (§4):
/// a share column and its complement (female/male, informal/formal,
/// self_employed/employees) or a partition of columns with a common prefix (skill_low,
/// skill_medium, skill_high; or a cross-tabulation such as sex-skill_female_low, ...).
struct GroupSplit {
  /// Name of the split: "sex", "formality", "employment_status", or the common prefix
  /// ("skill"); for an unknown single column, the column's name.
  std::string dimension;
  /// Group names, used as output names (`jobs_change_<group>`): the share columns and the
  /// derived complements ("male", "formal", "employees", "not_<column>").
  std::vector<std::string> groups;
  /// n×k shares of each group in each sector's jobs, in [0, 1]; each row sums to 1, except
  /// in sectors where the split is unknown (below), whose rows are 0.
  Eigen::MatrixXd shares;
  /// Sectors whose shares of this split are known (empty: all). A sector with known jobs but
  /// `NA` share cells (employment.csv: e.g. a region without informality data) has a zero row
  /// in `shares`, so its groups hold none of its jobs, and its per-sector group jobs are NaN
  /// (written NA); group totals then cover the sectors where the split is known.
  std::vector<bool> known;
};

/// Builds the group splits of §4 from the share columns of the employment file (§9).
/// Rules: `female`, `informal`, `self_employed` (or any other single column X) define a
/// group and its complement (`male`, `formal`, `employees`, `not_X`); when a column and its
/// named complement are both given (female and male) they form one split that must sum to
/// 1; two or more columns with a common prefix before the first '_' (skill_low, skill_high;
/// `self_employed` excepted) form a partition that must sum to 1 in every sector within
/// 1e-6. Shares must lie in [0, 1]. On bad input returns {} and sets `*error` to a message
/// naming the column, the sector and the value; on success clears `*error`.
/// `sector_codes` (optional) names sectors in messages; otherwise "row i" (1-based).
/// `jobs_known` (optional, one flag per sector, as Economy::employment_known): a sector whose
/// jobs are unknown (`NA` in employment.csv) has no shares; its rows are not checked and its
/// groups hold no jobs (the outputs write its group cells as NA, never as zero).
/// A NaN share (an `NA` cell in a row with known jobs) means the split is unknown in that
/// sector (GroupSplit::known); within one split a sector's cells must be all NaN or none.
std::vector<GroupSplit> employment_group_splits(const std::vector<std::string>& share_columns,
                                                const Eigen::MatrixXd& shares, std::string* error,
                                                const std::vector<std::string>& sector_codes = {},
                                                const std::vector<bool>& jobs_known = {});

/// A group's name for people: "women", "men", "informal", "formal", "self-employed",
/// "employees", and for the cross-tabulations ("sex-formality_female_informal") the words
/// combined ("informal women", "women employees", "self-employed men"). Other names are
/// returned with '_' as spaces ("skill_low" -> "skill low").
std::string group_label(const std::string& group);

/// Share of each sector's workers without unemployment-benefit coverage (§5): the
/// `informal` group where a split gives it, else `self_employed`; where both are given,
/// the larger of the two in each sector (maximal overlap: ILO informal employment includes
/// most own-account workers), which is a lower bound of the uncovered share. Zeros where
/// the splits give neither. Length `sectors`.
Eigen::VectorXd benefit_uncovered_share(const std::vector<GroupSplit>& splits, Eigen::Index sectors);

/// Annual wage per person from compensation and jobs, for economies without an
/// `annual_wage` column: compensation_j × base_units_per_currency_unit / N_j (0 where
/// N_j = 0). In base units (USD) per person-year.
Eigen::VectorXd annual_wage_from_compensation(const Eigen::VectorXd& compensation, const Eigen::VectorXd& jobs,
                                              double base_units_per_currency_unit);

/// Options of the employment response (§4).
struct LabourOptions {
  /// Employment elasticity θ_j to output by sector (≥ 0). Empty = 1 for every sector
  /// (fixed employment coefficients).
  Eigen::VectorXd employment_elasticity;
  /// The default θ of every sector (the scenario's and the economy's when neither gives one).
  static constexpr double kDefaultEmploymentElasticity = 1.0;
  /// Group-specific elasticities by group name (e.g. "female", "skill_low"), each a
  /// vector over sectors (≥ 0). The group's change follows its own elasticity; the other
  /// groups of its split share the rest of the sector change in proportion to their jobs,
  /// so every split still adds up to the sector change. At least one group of each split
  /// must be left without its own elasticity. Empty = none.
  std::map<std::string, Eigen::VectorXd> group_elasticity;
  /// Base units of money per currency unit of the economy, e.g. 1e6 for "USD million":
  /// wages are in base units, wage bills are reported in currency units. Default 1e6.
  double base_units_per_currency_unit = 1e6;

  /// Checks sizes and bounds against `sectors` and `splits`; false with a message naming
  /// the field, the value and the constraint, e.g.
  /// "parameters.employment_elasticity[3] = -1: must be >= 0".
  bool is_valid(Eigen::Index sectors, const std::vector<GroupSplit>& splits, std::string* error) const;
};

/// Jobs by employment group, summed over sectors.
struct GroupJobs {
  std::string dimension;          ///< The split the group belongs to ("sex", "skill", ...).
  std::string group;              ///< Group name ("female", "skill_low", ...).
  double jobs_base = 0.0;         ///< Baseline jobs of the group, persons.
  double jobs_change = 0.0;       ///< Net change, persons (= created − destroyed).
  double jobs_created = 0.0;      ///< Σ over sectors where the group grows, persons.
  double jobs_destroyed = 0.0;    ///< Σ over sectors where the group shrinks, persons (≥ 0).
  double wage_bill_change = 0.0;  ///< Σ_j ΔN_jg × annual_wage_j, currency units per year.
};

/// Result of the employment response (§4). Sector vectors have length n.
struct JobsResult {
  Eigen::VectorXd jobs_base;         ///< N_j, persons.
  Eigen::VectorXd jobs_new;          ///< N_j' = N_j (x_j'/x_j)^θ_j, persons.
  Eigen::VectorXd jobs_change;       ///< ΔN_j = N_j' − N_j, persons.
  Eigen::VectorXd jobs_created;      ///< max(0, ΔN_j), persons.
  Eigen::VectorXd jobs_destroyed;    ///< max(0, −ΔN_j), persons.
  Eigen::VectorXd wage_bill_change;  ///< ΔN_j × annual_wage_j, currency units per year.
  /// Group names of all splits in order (one column of the matrices below each).
  std::vector<std::string> group_names;
  Eigen::MatrixXd group_jobs_base;      ///< n×G baseline jobs by sector and group, persons.
  Eigen::MatrixXd group_jobs_change;    ///< n×G jobs change by sector and group, persons.
  std::vector<GroupJobs> groups;        ///< Totals by group, in the order of group_names.
  double total_jobs_base = 0.0;         ///< Σ N_j, persons.
  double total_jobs_change = 0.0;       ///< Σ ΔN_j, persons (= created − destroyed).
  double total_jobs_created = 0.0;      ///< Σ max(0, ΔN_j), persons.
  double total_jobs_destroyed = 0.0;    ///< Σ max(0, −ΔN_j), persons.
  double total_wage_bill_change = 0.0;  ///< Σ ΔN_j × annual_wage_j, currency units per year.
};

/// Employment response of §4: N_j' = N_j (x_j'/x_j)^θ_j (N_j' = N_j where x_j = 0), the
/// split over groups (group change = sector change × share, or the group's own elasticity),
/// jobs created and destroyed, and the wage bill change ΔN_j × annual_wage_j /
/// base_units_per_currency_unit. Throws std::invalid_argument (message naming the sector
/// and group) where sizes disagree with `jobs_base`, where new output is negative, or where
/// group elasticities would leave the other groups of a split with negative jobs.
JobsResult employment_response(const Eigen::VectorXd& jobs_base, const Eigen::VectorXd& output_base,
                               const Eigen::VectorXd& output_new, const std::vector<GroupSplit>& splits,
                               const Eigen::VectorXd& annual_wage, const LabourOptions& options);

}  // namespace tradejobs
