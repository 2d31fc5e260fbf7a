#pragma once
// What the writer of a sweep takes of consecutive computed runs (docs/sweeps.md "Statistics",
// docs/mpi.md): their runs.csv rows, their solver paths counted, the statistics of their blocks
// (sweep_stats.h) and any failure. The single process and every MPI rank make it the same way
// from the runs they computed, so the writer (rank 0) only appends rows and merges summaries.

#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "sweep/compute.h"
#include "tradejobs/engine/sweep_stats.h"

namespace tradejobs {

/// Runs [first, first + runs), summarised.
struct SummarisedChunk {
  std::uint64_t first = 0;                            ///< First run (a multiple of kSweepStatsBlockRuns).
  std::uint64_t runs = 0;                             ///< Number of runs.
  std::string rows;                                   ///< Their runs.csv rows, in run order.
  std::map<std::string, std::uint64_t> solver_paths;  ///< Runs by trade solver path.
  std::vector<std::exception_ptr> failures;           ///< One per run: null, or why it failed.
  ChunkStatistics statistics;                         ///< Their statistics; empty when a run failed.
  /// True when a run failed (the sweep stops at the first, in run order).
  bool failed() const;
};

/// Summarises computed runs on up to `threads` threads (the result does not depend on them):
/// rows (RunRecord::csv_row, or formatted here), solver paths, statistics in `layout`. The
/// records are consumed.
SummarisedChunk summarise_chunk(SweepChunk&& chunk, const StatisticsLayout& layout, int threads);

}  // namespace tradejobs
