#pragma once
/// \file sweep_stats.h
/// What a sweep keeps of each run and how it summarises them (docs/model.md §6, §9; docs/sweeps.md
/// "Statistics"): the rows of runs.csv, and per sector and quantity the mean, standard deviation
/// and 5th/50th/95th percentiles of sector_stats.csv. Quantiles are exact while every value fits
/// the memory budget, otherwise they come from one KLL sketch per column (quantiles.h).
///
/// The statistics are defined over fixed blocks of runs, so that threads and MPI ranks summarise
/// their own runs and the writer only merges summaries, with the same result for any thread and
/// rank count. Block b holds runs [16·b, 16·b + 16) (kSweepStatsBlockRuns). A block's summary
/// has, per column, the count, mean and M2 (Welford over its runs in run order), the minimum,
/// the maximum and, with sketches, the KLL sketch of its values. Summaries are merged along a
/// fixed binary tree over the block index: the node (level L, position p) covers blocks
/// [p·2^L, (p+1)·2^L) and is merge(node(L−1, 2p), node(L−1, 2p+1)) — moments by Chan, Golub and
/// LeVeque's formula, sketches by KLL's merge, left before right; the sweep's statistics are
/// the root of the tree, a node whose right part lies past the last run being its left part.
/// Whoever computes the runs of a whole node (a thread, a rank) can compute its summary, and
/// the tree fixes every merge, so the result depends only on the values. Exact quantiles come
/// from every value, sorted, bit for bit as from a single pass; the moments equal the one-pass
/// Welford ones to rounding (about 1e-15 relative for well-conditioned columns).

#include <cstdint>
#include <string>
#include <vector>

#include "tradejobs/engine/quantiles.h"

namespace tradejobs {

/// The totals of runs.csv and summary.json `totals_stats`: the one list of their columns, in
/// order (docs/model.md §9). Whoever fills RunRecord::values writes total t at index t.
enum SweepTotal : size_t {
  kTotalJobsChange,
  kTotalJobsCreated,
  kTotalJobsDestroyed,
  kTotalOutputChange,
  kTotalTariffRevenueChange,
  kTotalAdjustmentCost,
  kTotalDisplaced,
  kSweepTotals  ///< Number of totals.
};
/// The column name of a total ("jobs_change", ...).
const std::string& sweep_total_name(SweepTotal t);
/// True for totals in currency units (output, tariff revenue, adjustment cost), false for jobs.
bool sweep_total_is_money(SweepTotal t);
/// The totals' names in column order.
const std::vector<std::string>& sweep_total_names();
/// The per-sector quantities of sector_stats.csv, in column order.
const std::vector<std::string>& sweep_sector_quantities();
/// The per-group quantities of summary.json `groups_stats` (after the sector columns, one
/// set per employment group in groups.csv order): jobs_change, jobs_destroyed, displaced,
/// adjustment_cost.
const std::vector<std::string>& sweep_group_quantities();
/// The per-region quantities of regions_stats.csv and summary.json `regions_stats` (multi-region
/// economies only: after the group columns, one set per region in the table's order, each
/// region's totals of regions.csv): output_change, jobs_change, imports_change, exports_change,
/// tariff_revenue_change.
const std::vector<std::string>& sweep_region_quantities();
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

/// mean, sd, p5, p50, p95, min and max of one column.
struct ColumnSummary {
  double mean = 0, sd = 0, p5 = 0, p50 = 0, p95 = 0, min = 0, max = 0;
};

/// Options of the statistics.
struct SweepStatisticsOptions {
  /// Memory for exact quantiles, in bytes (8 per value): above it, KLL sketches (0 = always sketches).
  std::uint64_t memory_budget_bytes = 64ull << 20;
  /// KLL accuracy k (rank error below about 5.5/k of the runs with probability 1 − 10⁻⁶).
  int sketch_k = 1000;
  /// True when valid; otherwise false and `*error` = "FIELD = VALUE: constraint".
  bool is_valid(std::string* error) const;
};

/// Runs per statistics block (the sweep's batch of runs, kSweepBatchRuns in sweep.h).
constexpr std::uint64_t kSweepStatsBlockRuns = 16;

/// The shape of a sweep's statistics, the same on every thread and rank.
struct StatisticsLayout {
  size_t columns = 0;   ///< Values per run (RunRecord::values).
  bool exact = true;    ///< Exact quantiles (every value kept), else KLL sketches.
  int sketch_k = 1000;  ///< KLL accuracy of the sketches.
};

/// The layout of a sweep of `total_runs` runs of `columns` values: exact while 8 bytes per value
/// fit options.memory_budget_bytes. InputError on invalid options.
StatisticsLayout statistics_layout(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options);

/// The summary of the runs of the blocks [first_block, first_block + 2^level), a node of the
/// merge tree (fewer runs where the blocks reach past the last run).
struct BlockSummary {
  std::uint64_t first_block = 0;           ///< First block; a multiple of 2^level.
  int level = 0;                           ///< The node covers 2^level blocks.
  std::uint64_t count = 0;                 ///< Runs summarised.
  std::vector<double> mean, m2, min, max;  ///< Per column: moments (Welford/Chan), extremes.
  std::vector<QuantileSketch> sketches;    ///< Per column, with sketches only (empty when exact).
  void save(ByteWriter& w) const;
  /// InputError naming `r`'s source when the layout or the bytes do not match.
  static BlockSummary load(ByteReader& r, const StatisticsLayout& layout);
};

/// The parent of two sibling nodes (the same level; `left` at an even position, `right` the
/// next): merge(left, right) as the header describes.
BlockSummary merge_siblings(BlockSummary&& left, const BlockSummary& right);

/// Merges nodes pushed in run order along the tree (a binary counter over blocks): a node is
/// merged with its left sibling as soon as both are in. Holds at most one node per level.
class BlockMerger {
 public:
  /// Nodes start at block `first_block`.
  explicit BlockMerger(std::uint64_t first_block = 0) : next_(first_block) {}
  /// Adds the node that starts at next_block(); std::invalid_argument if it does not, or if its
  /// first block is not a multiple of 2^level.
  void push(BlockSummary&& node);
  /// The first block not yet pushed.
  std::uint64_t next_block() const { return next_; }
  /// The nodes not yet merged, in run order (each a whole node of the tree).
  const std::vector<BlockSummary>& pending() const { return pending_; }
  /// Moves the pending nodes out; the merger then continues from next_block().
  std::vector<BlockSummary> release();
  /// The root: the pending nodes merged from the right (nothing past the last run).
  BlockSummary root() const;

 private:
  std::vector<BlockSummary> pending_;
  std::uint64_t next_;
};

/// What consecutive runs [first_run, first_run + runs) contribute to the statistics: the nodes
/// that cover their blocks, in run order, and, for exact quantiles, their values.
struct ChunkStatistics {
  std::uint64_t first_run = 0;       ///< A multiple of kSweepStatsBlockRuns.
  std::uint64_t runs = 0;            ///< Whole blocks, or up to the sweep's last run.
  std::vector<BlockSummary> nodes;   ///< The nodes covering the blocks, in run order.
  std::vector<double> exact_values;  ///< Exact layouts: column c's values at c·runs + i.
  void save(ByteWriter& w) const;
  static ChunkStatistics load(ByteReader& r, const StatisticsLayout& layout);
};

/// The statistics of consecutive runs (record i is run first_run + i, first_run a multiple of
/// kSweepStatsBlockRuns, the records whole blocks or up to the last run): leaves built from the
/// runs' values in run order, merged up within the chunk, on up to `threads` OpenMP threads
/// (the result does not depend on them). InputError when a record has the wrong number of values.
ChunkStatistics summarise_runs(const StatisticsLayout& layout, std::uint64_t first_run,
                               const std::vector<RunRecord>& records, int threads = 1);

/// The statistics of a sweep: chunks of runs added in run order, merged as the header describes.
class SweepStatistics {
 public:
  /// `columns` values per run, `total_runs` expected in all (decides exact or sketch).
  SweepStatistics(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options);
  /// The layout chunks must be summarised with (summarise_runs).
  const StatisticsLayout& layout() const { return layout_; }
  /// True when quantiles are exact (all values kept).
  bool exact() const { return layout_.exact; }
  /// Adds the next runs (chunk.first_run == count()); std::invalid_argument otherwise.
  void add(ChunkStatistics&& chunk);
  /// Runs added.
  std::uint64_t count() const { return count_; }
  /// Summary of one column.
  ColumnSummary summary(size_t column) const;
  /// Largest normalised rank error bound of the quantiles over the columns (0 when exact).
  double rank_error_bound() const;
  /// Values kept in memory (exact values, or the items of the pending nodes' sketches).
  size_t retained_values() const;
  /// The exact state (the pending nodes, and the values when exact); load restores it.
  void save(ByteWriter& w) const;
  void load(ByteReader& r);

 private:
  const BlockSummary& root() const;
  StatisticsLayout layout_;
  std::uint64_t count_ = 0;
  BlockMerger merger_;
  std::vector<std::vector<double>> values_;  // exact mode: column c's values in run order
  mutable bool root_valid_ = false;
  mutable BlockSummary root_;
};

/// sector_stats.csv: `sector,statistic,<quantities>`, five rows per sector.
std::string sector_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& sector_codes, size_t totals);
/// regions_stats.csv: `region,statistic,<sweep_region_quantities()>`, five rows per region, from
/// the columns starting at `first_column`; `NA` in jobs_change for the regions whose jobs are
/// unknown (`jobs_known[r]` false: no employment data, regions.csv writes NA).
std::string regions_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& region_codes,
                              const std::vector<bool>& jobs_known, size_t first_column);

/// The progress line (without "\r"): "sweep: 1234/10000 runs (12%)  456 runs/s  0:19 left".
std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds);

}  // namespace tradejobs
