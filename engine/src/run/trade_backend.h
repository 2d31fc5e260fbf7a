#pragma once
/// \file trade_backend.h
/// The trade module of a prepared economy (docs/model.md §3, docs/mrio.md): one interface with
/// two implementations, chosen once by prepare_economy (the only place that looks at whether
/// sectors.csv has a `region` column):
/// - SingleRegionBackend (single_region_backend.h): one economy and its trade partners, the
///   TradeModel of docs/trade.md;
/// - MultiRegionBackend (multi_region_backend.h): a multi-region table, the MrioTradeModel of
///   docs/mrio.md, its result viewed by sector so that the labour (§4) and adjustment (§5)
///   modules and the result files run unchanged.
/// The runner (runner.h), the sweeps, `tradejobs check`, the result files and the terminal ask
/// the backend; none of them asks which kind of economy it is. What only one backend reports
/// travels as an optional part of the result (ScenarioResult::regional).
///
/// Example (what run_scenario does):
///   const TradeBackend& trade = *economy.backend;
///   ResolvedScenario rs = resolve_scenario(scenario, economy);  // asks trade.resolve_measure, ...
///   ScenarioResult result = trade.run(rs);

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "formats/json.h"
#include "tradejobs/engine/runner.h"

namespace tradejobs {

/// partners.csv: each sector's trade with each partner.
struct PartnerTable {
  struct Row {
    int sector = 0;   ///< Sector index.
    int partner = 0;  ///< Index into `partners`.
    /// False where the partner is not an import (export) partner: the cells are NA.
    bool has_imports = false, has_exports = false;
    double imports_base = 0, imports_change = 0, exports_base = 0, exports_change = 0;  ///< Currency units.
  };
  std::vector<std::string> partners;  ///< Partner codes.
  std::vector<Row> rows;              ///< In the order of the file.
};

/// How summary.json names a resolved measure's sectors and partners.
struct MeasureLabels {
  std::string importer;               ///< The region that levies a tariff; empty when the economy levies it.
  std::vector<std::string> sectors;   ///< One per ResolvedMeasure::sectors (sector or industry codes).
  std::vector<std::string> partners;  ///< One per ResolvedMeasure::partners (partner or region codes).
};

/// One run of a sweep's batch (TradeBackend::run_batch): its result, or what its shock or
/// solve threw.
struct BatchedRun {
  ScenarioResult result;
  std::exception_ptr error;  ///< Null when `result` is set.
};

/// The trade module of one prepared economy. Made by prepare_economy; it refers to the
/// PreparedEconomy that owns it, so it lives as long as that does.
class TradeBackend {
 public:
  virtual ~TradeBackend() = default;

  // --- Resolution (resolve_scenario) ---

  /// Measure `index` of the scenario resolved to sector and partner indices. InputError naming
  /// the scenario file, the measure's line and column and what was expected.
  virtual ResolvedMeasure resolve_measure(const Scenario& scenario, size_t index) const = 0;
  /// The trade parameters and options of the scenario into `resolved` (parameters or
  /// mrio_parameters, the spending of tariff revenue, notes about the economy). InputError at
  /// the scenario key that is wrong or not applicable on this economy.
  virtual void resolve_trade_parameters(const Scenario& scenario, ResolvedScenario& resolved) const = 0;

  // --- Checks ---

  /// What `tradejobs check SCENARIO` asks beyond the resolution: the shock at full effect is
  /// built (not solved). InputError when a rate falls below zero or a flow is taxed twice.
  virtual void check_shock(const ResolvedScenario& scenario) const = 0;

  // --- Solves ---

  /// The chain of docs/model.md for one run: the full-effect trade solve, then
  /// complete_scenario (runner.h), plus the parts of the result only this backend has.
  /// SolveError (exit 1) when the shocked model cannot be solved.
  virtual ScenarioResult run(const ResolvedScenario& scenario) const = 0;
  /// Gross output by sector with each measure at `fractions[k]` of its change (a phase-in
  /// year, docs/model.md §5).
  virtual Eigen::VectorXd output_at(const ResolvedScenario& scenario, const std::vector<double>& fractions) const = 0;
  /// Sweeps: run() for many runs at once, one entry per run in order; a run that fails does not
  /// stop the others. The single-region backend solves the full effects together
  /// (TradeModel::solve_batch: one factorisation, block products); the multi-region one runs
  /// them one after the other (each an iterative MRIO solve, which dominates its run's time).
  virtual std::vector<BatchedRun> run_batch(const std::vector<const ResolvedScenario*>& runs) const = 0;
  /// How run_batch solves a batch of `runs` runs, for a sweep's summary.json `diagnostics.solver`.
  virtual std::string batch_solver(std::uint64_t runs) const = 0;

  // --- What the result files and the terminal ask ---

  /// partners.csv of a run this backend made.
  virtual PartnerTable partners(const ScenarioResult& result) const = 0;
  /// How summary.json names the measure's importer, sectors and partners.
  virtual MeasureLabels measure_labels(const ResolvedMeasure& measure) const = 0;
  /// The trade parameters of summary.json's `scenario.parameters`, each as one member of the
  /// object open in `j` (employment_elasticity, which every backend shares, is not among them).
  virtual void write_trade_parameters(JsonWriter& j, const ResolvedScenario& scenario) const = 0;
};

}  // namespace tradejobs
