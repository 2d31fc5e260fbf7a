#pragma once
// The state file of a partial sweep (docs/sweeps.md, resume): the fingerprints of its inputs,
// the runs done, the bytes of runs.csv they wrote and the statistics so far. Written
// atomically, so a state file is always complete.

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "tradejobs/engine/sweep_stats.h"

namespace tradejobs {

/// The state file's name in the results folder.
extern const char* const kSweepStateFile;

/// What identifies the sweep a state belongs to (plan.h data_fingerprint, file_fingerprint).
struct SweepFingerprints {
  std::uint64_t sweep = 0, base = 0, data = 0;
};

/// A partial sweep.
struct SweepState {
  SweepFingerprints fingerprints;
  std::uint64_t runs = 0;                             ///< Runs of the whole sweep.
  std::uint64_t done = 0;                             ///< Runs done (a multiple of kSweepBatchRuns, or all).
  std::uint64_t runs_csv_bytes = 0;                   ///< Bytes of runs.csv that hold the header and the runs done.
  std::map<std::string, std::uint64_t> solver_paths;  ///< Runs by trade solver path (docs/model.md §3).
};

/// Writes `st` and the statistics to DIR/sweep.state (through a temporary file and a rename).
/// InputError naming the file when it cannot be written.
void write_sweep_state(const std::string& dir, const SweepState& st, const SweepStatistics& stats);

/// The state saved in `dir`; `check` sees its fingerprints and run count before the statistics
/// are read into `stats` (whose layout depends on the sweep). InputError when there is none or
/// it is not a state file.
SweepState read_sweep_state(const std::string& dir, SweepStatistics& stats,
                            const std::function<void(const SweepState&)>& check);

}  // namespace tradejobs
