#pragma once
/// \file runner.h
/// The scenario runner: an economy is loaded, checked and factorised once
/// (PreparedEconomy); a scenario is resolved against it (sectors, groups, partners,
/// concordances, parameters) into numbers (ResolvedScenario); then the chain of docs/model.md
/// runs: trade module (§3) → input-output model (§2) → labour module (§4) → adjustment (§5).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/engine/scenario.h"
#include "tradejobs/models/adjustment.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/economy.h"
#include "tradejobs/models/input_output.h"
#include "tradejobs/models/job_quality.h"
#include "tradejobs/models/labour.h"
#include "tradejobs/models/mrio_trade.h"
#include "tradejobs/models/trade.h"

namespace tradejobs {

class TradeBackend;

/// An economy ready for many runs: loaded, checked (§1), coefficients computed, I − A
/// factorised once, trade baseline precomputed, employment groups split (§4). Made only by
/// prepare_economy; its trade backend refers to it, so it is neither copied nor moved.
struct PreparedEconomy {
  PreparedEconomy();
  ~PreparedEconomy();
  PreparedEconomy(const PreparedEconomy&) = delete;
  PreparedEconomy& operator=(const PreparedEconomy&) = delete;

  std::string folder;  ///< Economy folder it came from.
  Economy economy;
  IoCoefficients coefficients;
  LeontiefSystem io;
  /// The trade module (engine-internal: run/trade_backend.h), chosen by prepare_economy: the
  /// single-region trade model (docs/model.md §3), or the MRIO trade model (docs/mrio.md) when
  /// sectors.csv has a `region` column. Never null.
  std::unique_ptr<const TradeBackend> backend;
  std::vector<GroupSplit> group_splits;
  std::vector<Diagnostic> checks;             ///< Findings of check_economy (no errors, or it would have thrown).
  Eigen::VectorXd annual_wage;                ///< Per person-year in base currency units (given, or compensation/jobs).
  Eigen::VectorXd uncovered_share;            ///< Share of informal / self-employed workers (no benefits), §5.
  double base_units_per_currency_unit = 1e6;  ///< e.g. 1e6 for "USD million".
  bool wage_derived = false;                  ///< True when annual_wage was derived from compensation/jobs.
};

/// Loads, checks and factorises an economy. InputError when a check finds an error.
std::shared_ptr<const PreparedEconomy> prepare_economy(const std::string& folder, const CheckOptions& options = {});

/// One measure resolved to sector and partner indices and per-sector numbers.
struct ResolvedMeasure {
  MeasureType type = MeasureType::tariff;
  /// Sector indices; for a tariff on a multi-region economy, industry indices within a
  /// region (0..n−1, see MrioTradeModel).
  std::vector<int> sectors;
  /// Import or export partner indices (per type); on a multi-region economy, the source
  /// regions of a tariff (indices into MrioTradeModel::regions()).
  std::vector<int> partners;
  int importer = -1;  ///< Multi-region tariff: region index of the importer.
  /// Multi-region final_demand: the final-demand column shocked for each listed sector.
  std::vector<int> final_demand_columns;
  Eigen::VectorXd from, to;  ///< Per listed sector (rate types), NaN where not given.
  Eigen::VectorXd change;    ///< Per listed sector: change in rate points (rate types).
  double percent = 0;        ///< percent shocks.
  double quantity = 0;       ///< quota ceiling or final-demand change per sector.
  bool has_quantity = false;
  int category = -1;     ///< final_demand category column.
  std::string ntm_kind;  ///< cost or rent.
  double phase_in_years = 1;
  double scale = 1;
};

/// A scenario resolved against an economy: what the models take.
struct ResolvedScenario {
  Scenario scenario;  ///< As parsed (with any sweep overrides applied).
  std::vector<ResolvedMeasure> measures;
  TradeParameters parameters;           ///< Single-region economies (empty for multi-region ones).
  MrioTradeParameters mrio_parameters;  ///< Multi-region economies: elasticities per industry.
  TradeOptions trade_options;
  LabourOptions labour_options;
  LabourMarketParameters labour_market;
  /// The scenario's policies with sectors resolved (docs/labour_and_adjustment.md "Policies").
  std::vector<LabourPolicy> policies;
  std::vector<std::string> notes;  ///< Resolution notes (e.g. baseline tariff taken from the measure).
  /// options.tariff_revenue other than "retained": the final-demand column that spends the
  /// change in tariff revenue, per currency unit of revenue at baseline prices (domestic and
  /// imported parts, each n; together they sum to 1). Empty when the revenue is retained
  /// (docs/trade.md "Tariff revenue").
  Eigen::VectorXd revenue_spending_domestic, revenue_spending_imported;
  /// Also compute what only a scenario's result files report: the job-quality balance, each
  /// policy alone and the run without policies. A sweep, whose runs.csv and statistics report
  /// none of them, sets it false (default true).
  bool scenario_reports = true;
};

/// Resolves the scenario's measures and parameters. InputError naming the scenario file,
/// the measure's line and column, and what was expected (unknown sector, partner, ...).
ResolvedScenario resolve_scenario(const Scenario& scenario, const PreparedEconomy& economy);

/// Totals of one run (docs/model.md §9 `summary.json` totals).
struct ScenarioTotals {
  double jobs_base = 0, jobs_change = 0, jobs_created = 0, jobs_destroyed = 0;
  double output_change = 0, imports_change = 0, exports_change = 0;
  double tariff_revenue_change = 0, ntm_rent = 0, quota_rent = 0;
  double adjustment_cost = 0, private_cost = 0, public_cost = 0, displaced = 0;
  double cost_per_displaced_worker = 0;  ///< Base currency units per displaced worker.
  double wage_bill_change = 0;
  double jobs_change_induced = 0;       ///< Type II − Type I (only with options.induced).
  double tariff_revenue_spent = 0;      ///< Revenue change spent through final demand (0 when retained).
  std::optional<double> payback_years;  ///< Empty = never.
  /// With policies: the adjustment cost of the same run without them (else empty).
  std::optional<double> adjustment_cost_without_policies;
};

/// One policy (or, with several, all of them together: policy "all") against the run
/// without policies (docs/labour_and_adjustment.md "Policies"): changes are with − without.
struct PolicyComparison {
  std::string policy;                       ///< The policy's name, or "all".
  std::string type;                         ///< Its type, or "all".
  double participants = 0.0;                ///< Persons.
  double programme_cost = 0.0;              ///< Currency units, present value.
  double unemployment_years_avoided = 0.0;  ///< Person-years out of work, without − with.
  double private_cost_change = 0.0, public_cost_change = 0.0, adjustment_cost_change = 0.0;
  /// programme_cost / unemployment_years_avoided in base units; empty when none are avoided.
  std::optional<double> cost_per_unemployment_year_avoided;
  double net_effect = 0.0;  ///< −adjustment_cost_change: adjustment cost avoided net of the programme cost.
  /// The same by sector of origin (vectors of length n; programme_cost and participants too).
  struct BySector {
    Eigen::VectorXd participants, programme_cost, unemployment_years_avoided, private_cost_change, public_cost_change,
        adjustment_cost_change;
  } by_sector;
  /// The changes by group of workers, in the order of AdjustmentResult::by_group.
  struct ByGroup {
    std::string dimension, group;
    double unemployment_years_avoided = 0.0, private_cost_change = 0.0, public_cost_change = 0.0,
           adjustment_cost_change = 0.0;
  };
  std::vector<ByGroup> by_group;
};

/// Totals of one region of a multi-region economy (regions.csv, summary.json `regions`).
struct RegionTotals {
  std::string region;        ///< Region code.
  double output_base = 0;    ///< Σ x over the region's sectors, currency units.
  double output_change = 0;  ///< Σ Δx, currency units.
  bool jobs_known = true;    ///< False when no sector of the region has employment data.
  /// True when some but not all sectors have employment data (jobs figures cover those only).
  bool jobs_partial = false;
  double jobs_base = 0, jobs_change = 0, jobs_created = 0, jobs_destroyed = 0;  ///< Persons (known sectors).
  double imports_change = 0;         ///< Imports from all other regions, after − before, currency units.
  double exports_change = 0;         ///< Sales to other regions (and outside the table), after − before.
  double tariff_revenue_change = 0;  ///< Tariff revenue of the region as importer, after − before.
};

/// What a run on a multi-region economy (docs/mrio.md) reports beyond the view by sector. Made
/// by its trade backend; the result files and the terminal write their regional sections
/// (regions.csv, summary.json `regions`, the terminal's "By region") when a result has one.
struct RegionalResult {
  std::vector<std::string> regions;  ///< Region codes, in table order.
  MrioTradeResult trade;             ///< The MRIO trade result: bilateral flows, totals by region.
  std::vector<RegionTotals> totals;  ///< One per region, in table order.
  /// Regions whose jobs are unknown (no sector with employment data), in table order.
  std::vector<std::string> regions_without_jobs;
};

/// Everything one scenario run produced.
struct ScenarioResult {
  /// Full effect (all measures fully phased in). For a multi-region economy a view of the
  /// MRIO result by sector: output, prices, imports and exports by sector.
  TradeResult trade;
  /// Set only for multi-region economies: bilateral flows and totals by region.
  std::optional<RegionalResult> regional;
  JobsResult jobs;  ///< Full effect on jobs by sector and group.
  /// The job-quality balance of the jobs created and destroyed (docs/labour_and_adjustment.md
  /// "Job quality").
  JobQuality job_quality;
  AdjustmentResult adjustment;            ///< Time path and costs.
  Eigen::MatrixXd jobs_path;              ///< n×(T+1) cumulative jobs change by year.
  Eigen::VectorXd output_change_induced;  ///< Empty unless options.induced.
  Eigen::VectorXd jobs_change_induced;    ///< Empty unless options.induced.
  ScenarioTotals totals;
  /// With policies: the adjustment path without them, and one comparison per policy (each
  /// alone) plus "all" when there are several. Empty without policies.
  std::optional<AdjustmentResult> adjustment_without_policies;
  std::vector<PolicyComparison> policy_comparisons;
  int solves = 0;  ///< Model solves (1 + phase-in years that differ).
};

/// Runs the chain for one resolved scenario on the economy's trade backend. SolveError (exit 1)
/// when the shocked table is not productive.
ScenarioResult run_scenario(const PreparedEconomy& economy, const ResolvedScenario& scenario);

/// The chain after the trade solve: given the full-effect trade result by sector (e.g. from a
/// batched solve of a sweep), the phase-in years that differ are solved by the economy's trade
/// backend, then jobs (§4), the adjustment path (§5), induced effects and the totals. A
/// backend's run = its full solve followed by this (and, on a multi-region economy, the
/// regional part of the result).
ScenarioResult complete_scenario(const PreparedEconomy& economy, const ResolvedScenario& scenario, TradeResult full);

}  // namespace tradejobs
