#pragma once
/// \file sweep_stats.h
/// What a sweep keeps of each run and how it summarises them (docs/model.md §6, §9): the rows of
/// runs.csv, and per sector and quantity the mean, standard deviation and 5th/50th/95th
/// percentiles of sector_stats.csv, computed in run order so that the result never depends
/// on the thread count. Quantiles are exact while every value fits the memory budget,
/// otherwise they come from one KLL sketch per column (quantiles.h).

#include <cstdint>
#include <string>
#include <vector>

#include "tradejobs/engine/quantiles.h"

namespace tradejobs {

/// The totals of runs.csv and summary.json `totals_stats`, in column order (docs/model.md §9).
const std::vector<std::string>& sweep_total_names();
/// The per-sector quantities of sector_stats.csv, in column order.
const std::vector<std::string>& sweep_sector_quantities();
/// The per-group quantities of summary.json `groups_stats` (after the sector columns, one
/// set per employment group in groups.csv order): jobs_change, jobs_destroyed, displaced,
/// adjustment_cost.
const std::vector<std::string>& sweep_group_quantities();
/// The statistics of sector_stats.csv (rows per sector), in order: mean, sd, p5, p50, p95.
const std::vector<std::string>& sweep_statistic_names();

/// What one run contributes to the outputs.
struct RunRecord {
  std::uint64_t run = 0;       ///< Run index.
  std::vector<double> varied;  ///< Value of each vary entry (file order).
  /// The totals (sweep_total_names() order: jobs in employment_unit, money in currency units),
  /// then per sector the quantities (sector-major: sector j, quantity q at j·Q + q).
  std::vector<double> values;
  /// The trade module's solver path of the run's full-effect solve ("iterative",
  /// "woodbury", ...; docs/model.md §3), counted in summary.json's diagnostics.
  std::string solver_path;
  /// Its runs.csv row (runs_csv_row), formatted by the thread that computed the run so that
  /// formatting is not serial work; empty where not formatted yet (e.g. received from another
  /// MPI rank), and then formatted when the row is written. Not part of the run's results.
  std::string csv_row;
};

/// One line of runs.csv (ending in '\n'): run, varied values, totals, numbers written so
/// they read back exactly (format_double).
std::string runs_csv_row(const RunRecord& record, size_t totals);
/// The header of runs.csv: `run`, each varied key path, then the totals.
std::string runs_csv_header(const std::vector<std::string>& varied_keys);

/// mean, sd, p5, p50, p95 of one column.
struct ColumnSummary {
  double mean = 0, sd = 0, p5 = 0, p50 = 0, p95 = 0;
};

/// Options of the statistics.
struct SweepStatisticsOptions {
  /// Memory for exact quantiles, in bytes (8 per value): above it, KLL sketches (0 = always sketches).
  std::uint64_t memory_budget_bytes = 64ull << 20;
  /// KLL accuracy k (rank error below about 5.5/k of the runs with probability 1 − 10⁻⁶).
  int sketch_k = 1000;
  /// "" when valid, else "FIELD = VALUE: constraint".
  std::string validate() const;
};

/// Streaming statistics of the columns of RunRecord::values, fed in run order.
class SweepStatistics {
 public:
  /// `columns` values per run, `total_runs` expected in all (decides exact or sketch).
  SweepStatistics(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options);
  /// True when quantiles are exact (all values kept).
  bool exact() const { return exact_; }
  /// Adds one run's values (in run order).
  void add(const std::vector<double>& values);
  /// Runs added.
  std::uint64_t count() const { return count_; }
  /// Summary of one column.
  ColumnSummary summary(size_t column) const;
  /// Largest normalised rank error bound of the quantiles over the columns (0 when exact).
  double rank_error_bound() const;
  /// Values kept in memory (exact values or sketch items).
  size_t retained_values() const;
  /// The exact state (moments, and sketches or values); load restores it.
  void save(ByteWriter& w) const;
  void load(ByteReader& r);

 private:
  size_t columns_;
  bool exact_;
  std::uint64_t count_ = 0;
  std::vector<RunningMoments> moments_;
  std::vector<std::vector<double>> values_;  // exact mode
  std::vector<QuantileSketch> sketches_;     // sketch mode
};

/// sector_stats.csv: `sector,statistic,<quantities>`, five rows per sector.
std::string sector_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& sector_codes, size_t totals);

/// The progress line (without "\r"): "sweep: 1234/10000 runs (12%)  456 runs/s  0:19 left".
std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds);

}  // namespace tradejobs
