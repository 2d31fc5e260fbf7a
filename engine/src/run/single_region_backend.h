#pragma once
/// \file single_region_backend.h
/// The trade backend of a single-region economy (docs/model.md §3, docs/trade.md): the measures
/// resolved to the economy's sectors and its import and export partners, the parameters from
/// the defaults, elasticities.csv and the scenario, the TradeShock at phase-in fractions and
/// the TradeModel's solve (with the spending of tariff revenue, options.tariff_revenue).
///
/// Example (a direct solve of the full effect, what run() starts with):
///   const SingleRegionBackend trade(economy);
///   TradeResult r = trade.model().solve(trade.shock_at(resolved, {1.0}), resolved.parameters,
///                                       resolved.trade_options);

#include "run/trade_backend.h"

namespace tradejobs {

class SingleRegionBackend final : public TradeBackend {
 public:
  /// The trade model of `economy` (its economy, coefficients and factorisation, which must be
  /// set and outlive this backend).
  explicit SingleRegionBackend(const PreparedEconomy& economy);

  /// The single-region trade model, for the batched solves of benchmarks.
  const TradeModel& model() const { return model_; }

  /// The trade shock with each measure at `fractions[k]` of its full change (phase-in, §5).
  /// InputError when the measures take a rate below zero or give a baseline rate twice.
  TradeShock shock_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const;

  ResolvedMeasure resolve_measure(const Scenario& scenario, size_t index) const override;
  void resolve_trade_parameters(const Scenario& scenario, ResolvedScenario& resolved) const override;
  void check_shock(const ResolvedScenario& scenario) const override;
  ScenarioResult run(const ResolvedScenario& scenario) const override;
  Eigen::VectorXd output_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const override;
  std::vector<BatchedRun> run_batch(const std::vector<const ResolvedScenario*>& runs) const override;
  std::string batch_solver(std::uint64_t runs) const override;
  PartnerTable partners(const ScenarioResult& result) const override;
  MeasureLabels measure_labels(const ResolvedMeasure& measure) const override;
  void write_trade_parameters(JsonWriter& j, const ResolvedScenario& scenario) const override;

 private:
  /// The trade solve at `fractions`, the revenue spent when the scenario says so; SolveError
  /// naming the scenario file when it cannot be solved.
  TradeResult solve_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const;

  const PreparedEconomy& pe_;
  TradeModel model_;
};

}  // namespace tradejobs
