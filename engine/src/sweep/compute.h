#pragma once
// Computing the runs of a sweep (sweep.h compute_sweep_run, compute_sweep_batch,
// compute_sweep_runs): the one place with OpenMP. Runs are computed in parallel in blocks of
// kSweepBatchRuns, written into slots indexed by run, so the records never depend on the
// thread count.

#include <cstdint>
#include <exception>
#include <vector>

#include "sweep/plan.h"

namespace tradejobs {

/// Consecutive runs computed together: record i is run first + i.
struct SweepChunk {
  std::uint64_t first = 0;                   ///< First run.
  std::vector<RunRecord> records;            ///< One per run.
  std::vector<std::exception_ptr> failures;  ///< Null, or why the run failed.
};

/// The threads a sweep computes on for -j `asked` (SweepCommandOptions::threads): `asked`, or
/// for 0 every core (at most kMaxSweepThreads).
int sweep_threads(int asked);

/// compute_sweep_runs; with `format_rows` each successful record also gets its runs.csv row
/// (RunRecord::csv_row), formatted on the thread that computed it.
std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures, bool format_rows);

}  // namespace tradejobs
