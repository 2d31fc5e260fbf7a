#pragma once
/// \file mrio_runner.h
/// Scenarios on multi-region (MRIO) economies (docs/mrio.md "Scenarios"): the measures of a
/// scenario resolved against the regions of the table, mapped to the MRIO trade model's
/// bilateral tariffs and final-demand changes, and its result viewed by sector so that the
/// labour (§4) and adjustment (§5) modules and the result files run unchanged. The runner
/// (runner.h) calls these when PreparedEconomy::mrio is set.
///
/// Example (what run_scenario does for a multi-region economy):
///   const MrioShock shock = mrio_shock_at(economy, resolved, {1.0});
///   MrioTradeResult r = economy.mrio->solve(shock.tariffs, resolved.mrio_parameters,
///                                           shock.final_demand_change);
///   TradeResult view = mrio_trade_view(economy, r);

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tradejobs/engine/runner.h"

namespace tradejobs {

/// Resolves measure `index` of a scenario on a multi-region economy (InputError with the
/// YAML line:column of the measure or of its `importer`):
/// - `tariff`: `importer` (a region, required), `sectors` (industry codes such as `c14`, or
///   groups), `partners` (source regions, `all` = every other region), `from`/`to`/`change`;
/// - `final_demand`: `sectors` (region-qualified codes such as `USA_c14`, or groups),
///   `category` (`household` = the sector's own region's column `<REGION>_household`, or a
///   column code such as `CHN_household`), `percent` or `quantity`;
/// - every other type is an error naming the measure and saying why.
ResolvedMeasure resolve_mrio_measure(const Scenario& scenario, const PreparedEconomy& economy, size_t index);

/// The scenario's `parameters` for the MRIO trade model: `armington`, `source_substitution`,
/// `final_demand_elasticity` and `pass_through` as a number or per industry (`c14`, the same
/// in every region) or group; `export_demand` is an error (exports are bilateral flows of the
/// table). Options: `price_feedback`.
MrioTradeParameters mrio_trade_parameters(const Scenario& scenario, const PreparedEconomy& economy);

/// The measures at a fraction of their full change (phase-in, docs/model.md §5), as the MRIO
/// model takes them.
struct MrioShock {
  std::vector<BilateralTariff> tariffs;  ///< One per (tariff measure, industry).
  /// Change in final demand, n·R × final-demand columns, currency units (empty = none).
  Eigen::MatrixXd final_demand_change;
};

/// The shock with each measure at `fractions[k]` of its change (rates move linearly from
/// `from` to `to`). InputError when a rate would fall below zero or one flow is taxed twice.
MrioShock mrio_shock_at(const PreparedEconomy& economy, const ResolvedScenario& scenario,
                        const std::vector<double>& fractions);

/// Solves the MRIO model at `fractions`; SolveError (exit 1) when it does not converge.
MrioTradeResult solve_mrio_at(const PreparedEconomy& economy, const ResolvedScenario& scenario,
                              const std::vector<double>& fractions);

/// The MRIO result by sector in the shape of a TradeResult: output, producer prices
/// (domestic_price = 1 + Δp), the import and composite price indices of each region's
/// product, imports (n·R × 1: imports of each region's product from all other regions) and
/// exports (n·R × 1: sales of each sector to users in other regions and outside the table),
/// tariff revenue summed over importers, solver diagnostics. Fields that have no meaning on
/// an MRIO table (quotas, NTM rents, Woodbury rank) stay empty or zero.
TradeResult mrio_trade_view(const PreparedEconomy& economy, const MrioTradeResult& result);

/// Totals of one region (regions.csv, summary.json `regions`).
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

/// One RegionTotals per region of the table, in table order.
std::vector<RegionTotals> region_totals(const PreparedEconomy& economy, const ScenarioResult& result);

/// Regions whose jobs are unknown (no sector with employment data), in table order.
std::vector<std::string> regions_without_jobs(const PreparedEconomy& economy);

}  // namespace tradejobs
