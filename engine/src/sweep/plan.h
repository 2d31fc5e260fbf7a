#pragma once
// The sweep plan (sweep.h SweepPlan, prepare_sweep) and what identifies it: the fingerprints
// of its inputs that --resume and every MPI rank check, and the shape of a run's values.
// The MPI coordinator and worker depend on this header and compute.h, never on the command
// (sweep.cpp).

#include <cstdint>
#include <memory>
#include <vector>

#include "tradejobs/engine/sweep.h"

namespace tradejobs {

/// What every rank must agree on before any run: the fingerprints of its inputs and the shape.
struct SweepIdentity {
  std::uint64_t sweep_file = 0;  ///< FNV-1a of the sweep file's bytes.
  std::uint64_t base_file = 0;   ///< FNV-1a of the base scenario's bytes.
  std::uint64_t data = 0;        ///< FNV-1a of the economy folder's files and the measures' files.
  std::uint64_t runs = 0;        ///< Number of runs.
  std::uint64_t columns = 0;     ///< Values per run (totals + sectors × quantities + groups × quantities).
};

/// The identity of a prepared sweep.
SweepIdentity sweep_identity(const SweepPlan& plan);

/// FNV-1a of the economy folder's files and of the files the base scenario's measures read
/// (codes files, concordances), with their names.
std::uint64_t data_fingerprint(const SweepFile& f);

/// Number of employment groups (all splits of groups.csv).
size_t sweep_group_count(const PreparedEconomy& pe);

/// A region of a multi-region economy in a sweep's statistics (regions_stats.csv).
struct SweepRegion {
  std::string code;         ///< Region code.
  bool jobs_known = false;  ///< Some sector of the region has employment data (else its jobs are NA).
};
/// The regions of a multi-region economy in table order (Economy::sector_regions); empty for a
/// single-region economy.
std::vector<SweepRegion> sweep_regions(const PreparedEconomy& pe);

/// Values per run (RunRecord::values): the totals, sectors × sweep_sector_quantities(), groups ×
/// sweep_group_quantities(), regions × sweep_region_quantities().
size_t sweep_column_count(const PreparedEconomy& pe);
/// The column of the first region quantity (after the totals, sectors and groups).
size_t sweep_region_column(const PreparedEconomy& pe);

/// What one vary entry moves, resolved once (SweepPlan::compiled).
struct SweepTarget {
  enum class Kind {
    trade_parameter,           ///< parameters.NAME: every sector of a TradeParameters vector.
    employment_elasticity,     ///< parameters.employment_elasticity: every sector of LabourOptions.
    labour_market,             ///< labour_market.KEY: a LabourMarketParameters number.
    horizon_years,             ///< labour_market.horizon_years (a whole number of years).
    measure_scale,             ///< measures[i].scale.
    measure_phase_in,          ///< measures[i].phase_in_years.
    measure_rate,              ///< measures[i].from, .to, .change (not read from a codes file): every listed sector.
    measure_percent,           ///< measures[i].percent.
    export_demand_by_partner,  ///< parameters.export_demand_by_partner.PARTNER[.SECTOR]: entries of η(i, r).
  };
  Kind kind = Kind::trade_parameter;
  Eigen::VectorXd TradeParameters::*vector = nullptr;  ///< trade_parameter: the vector.
  /// trade_parameter on a multi-region economy: the number every industry takes and the
  /// per-industry vector, set to NaN (the scenario's `parameters.NAME: v`). Written where the
  /// resolved scenario has the per-industry vectors (a multi-region economy); a single-region
  /// resolution has the TradeParameters vectors instead, and the other target stays empty.
  double MrioTradeParameters::*mrio_number = nullptr;
  Eigen::VectorXd MrioTradeParameters::*mrio_by_product = nullptr;
  /// parameters.armington: the sectors whose σ_M follows the rule of two (2 σ_D), those where
  /// neither the economy nor the scenario gives source_substitution.
  std::vector<int> rule_of_two;
  /// Entries (column-major) of TradeParameters::export_demand_by_partner that take the value:
  /// those of the partner (and sector) named, or for parameters.export_demand those no partner
  /// value overrides.
  std::vector<Eigen::Index> eta_entries;
  double LabourMarketParameters::*scalar = nullptr;  ///< labour_market: the number.
  size_t measure = 0;                                ///< measure_*: the measure's index.
  Eigen::VectorXd ResolvedMeasure::*rate = nullptr;  ///< measure_rate: from, to or change.
  /// Every value the entry takes lies in [lowest, highest], an interval within the key's
  /// bounds checked when the plan was compiled (a grid: its smallest and largest value, each
  /// value checked; a distribution: its support). A run checks its value against it with a
  /// plain comparison; outside it (rounding at a distribution's tail) the run is resolved
  /// through the scenario, which gives the error or the same numbers.
  double lowest = 0, highest = 0;
};

/// A sweep whose vary entries are all compiled to targets (SweepPlan::compiled).
struct CompiledSweep {
  std::vector<SweepTarget> targets;  ///< One per vary entry, in file order.
  bool trade_parameters = false;     ///< A target moves TradeParameters (checked per run with is_valid).
  bool labour_options = false;       ///< A target moves LabourOptions.
  bool labour_market = false;        ///< A target moves LabourMarketParameters.
};

/// Compiles the vary entries of a prepared plan (prepare_sweep calls it): null when an entry
/// cannot be compiled (keys by sector or partner, quantities of measures, policies or spent
/// tariff revenue in the base, a failing grid value, ...), or when the compiled numbers of
/// the first, middle and last runs differ from their resolution through the scenario.
std::shared_ptr<const CompiledSweep> compile_sweep(const SweepPlan& plan);

/// Writes the values `varied` of a run into `rs`, a copy of plan.base with scenario_reports
/// false: only the targets' numbers change, so `rs` may hold the previous run. False (and `rs`
/// partly written) when a value is outside its target's checked interval or the numbers fail
/// the models' checks: the run is then resolved through the scenario (resolve_sweep_run).
bool apply_compiled_run(const CompiledSweep& compiled, const PreparedEconomy& economy,
                        const std::vector<double>& varied, ResolvedScenario& rs);

/// Run `run` resolved through its scenario: the base scenario with the run's values set by key
/// path, resolved against the economy (the measures reused). Sets record.run and
/// record.varied. InputError naming the run and its entry when a value is refused.
ResolvedScenario resolve_sweep_run(const SweepPlan& plan, std::uint64_t run, RunRecord& record);

}  // namespace tradejobs
