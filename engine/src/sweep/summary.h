#pragma once
// summary.json of a sweep (docs/sweeps.md): the sweep, its economy, the statistics of the
// totals and groups, the diagnostics; then the timings and thread and rank counts, the only
// part that depends on the machine.

#include <cstdint>
#include <map>
#include <string>

#include "sweep/mpi/sweep_mpi.h"
#include "tradejobs/engine/sweep.h"

namespace tradejobs {

/// Seconds spent in each phase of `tradejobs sweep`.
struct SweepTimings {
  double prepare = 0;  ///< Loading, checking and resolving the sweep; preparing the folder.
  double runs = 0;     ///< Computing the runs, appending runs.csv, feeding the statistics.
  double write = 0;    ///< sector_stats.csv.
  double report = 0;   ///< report.html.
};

/// The text of summary.json. `sweep_file_as_given` is the path as typed; `mpi` is null in a
/// single process.
std::string sweep_summary_json(const SweepPlan& plan, const SweepStatistics& stats, const SweepCommandOptions& o,
                               const std::map<std::string, std::uint64_t>& solver_paths, const SweepTimings& timings,
                               int threads, const std::string& sweep_file_as_given, const SweepCoordinator* mpi);

}  // namespace tradejobs
