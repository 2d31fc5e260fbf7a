#pragma once
/// \file multi_region_backend.h
/// The trade backend of a multi-region (MRIO) economy (docs/mrio.md "Scenarios"): the measures
/// of a scenario resolved against the regions of the table, mapped to the MRIO trade model's
/// bilateral tariffs and final-demand changes, and its result viewed by sector so that the
/// labour (§4) and adjustment (§5) modules and the result files run unchanged. A run's
/// RegionalResult (runner.h) keeps the MRIO result and the totals by region.
///
/// Example (a direct solve of the full effect, what run() starts with):
///   const MultiRegionBackend trade(economy);
///   const MrioShock shock = trade.shock_at(resolved, {1.0});
///   MrioTradeResult r = trade.model().solve(shock.tariffs, resolved.mrio_parameters,
///                                           shock.final_demand_change);
///   TradeResult view = trade.view_by_sector(r);

#include <Eigen/Core>
#include <string>
#include <vector>

#include "run/trade_backend.h"

namespace tradejobs {

/// The measures at a fraction of their full change (phase-in, docs/model.md §5), as the MRIO
/// model takes them.
struct MrioShock {
  std::vector<BilateralTariff> tariffs;  ///< One per (tariff measure, industry).
  /// Change in final demand, n·R × final-demand columns, currency units (empty = none).
  Eigen::MatrixXd final_demand_change;
};

class MultiRegionBackend final : public TradeBackend {
 public:
  /// The MRIO trade model of `economy` (its economy, coefficients and factorisation, which must
  /// be set and outlive this backend). InputError naming the economy folder when the table is
  /// not a multi-region one the model can take.
  explicit MultiRegionBackend(const PreparedEconomy& economy);

  /// The MRIO trade model: regions, industries, the sector of (region, industry).
  const MrioTradeModel& model() const { return model_; }

  /// The shock with each measure at `fractions[k]` of its change (rates move linearly from
  /// `from` to `to`). InputError when a rate would fall below zero or one flow is taxed twice.
  MrioShock shock_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const;

  /// Solves the MRIO model at `fractions`; SolveError (exit 1) when it does not converge.
  MrioTradeResult solve_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const;

  /// The MRIO result by sector in the shape of a TradeResult: output, producer prices
  /// (domestic_price = 1 + Δp), the import and composite price indices of each region's
  /// product, imports (n·R × 1: imports of each region's product from all other regions) and
  /// exports (n·R × 1: sales of each sector to users in other regions and outside the table),
  /// tariff revenue summed over importers, solver diagnostics. Fields that have no meaning on
  /// an MRIO table (quotas, NTM rents, Woodbury rank) stay empty or zero.
  TradeResult view_by_sector(const MrioTradeResult& result) const;

  /// The regional part of a run: `trade` and the totals of each region from `result` (its
  /// view by sector and jobs).
  RegionalResult regional(const ScenarioResult& result, MrioTradeResult trade) const;

  /// Regions whose jobs are unknown (no sector with employment data), in table order.
  std::vector<std::string> regions_without_jobs() const;

  /// Resolves measure `index` (InputError with the YAML line:column of the measure or of its
  /// `importer`):
  /// - `tariff`: `importer` (a region, required), `sectors` (industry codes such as `c14`, or
  ///   groups), `partners` (source regions, `all` = every other region), `from`/`to`/`change`;
  /// - `final_demand`: `sectors` (region-qualified codes such as `USA_c14`, or groups),
  ///   `category` (`household` = the sector's own region's column `<REGION>_household`, or a
  ///   column code such as `CHN_household`), `percent` or `quantity`;
  /// - every other type is an error naming the measure and saying why.
  ResolvedMeasure resolve_measure(const Scenario& scenario, size_t index) const override;
  /// `armington`, `source_substitution`, `final_demand_elasticity` and `pass_through` as a
  /// number or per industry (`c14`, the same in every region) or group; `export_demand`,
  /// `export_demand_by_partner`, options.tariff_revenue other than retained and
  /// options.induced are errors. Options: `price_feedback`.
  void resolve_trade_parameters(const Scenario& scenario, ResolvedScenario& resolved) const override;
  void check_shock(const ResolvedScenario& scenario) const override;
  ScenarioResult run(const ResolvedScenario& scenario) const override;
  Eigen::VectorXd output_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const override;
  std::vector<BatchedRun> run_batch(const std::vector<const ResolvedScenario*>& runs) const override;
  std::string batch_solver(std::uint64_t runs) const override;
  /// From each sector's own region's point of view: row (USA_c14, CHN) has the imports of c14
  /// into USA from CHN and the sales of USA_c14 to users in CHN.
  PartnerTable partners(const ScenarioResult& result) const override;
  MeasureLabels measure_labels(const ResolvedMeasure& measure) const override;
  void write_trade_parameters(JsonWriter& j, const ResolvedScenario& scenario) const override;

 private:
  /// Industry codes of the table: the sector codes of the first region without "<REGION>_".
  std::vector<std::string> industry_codes() const;
  /// The scenario's parameters for the MRIO trade model, each checked under its scenario key.
  MrioTradeParameters trade_parameters(const Scenario& scenario) const;

  const PreparedEconomy& pe_;
  MrioTradeModel model_;
};

}  // namespace tradejobs
