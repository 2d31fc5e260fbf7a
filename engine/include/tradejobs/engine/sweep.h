#pragma once
/// \file sweep.h
/// Scenario sweeps (SPEC.md §6, §9; issue 5): a base scenario plus grids and random draws,
/// run in parallel (the one place with OpenMP), deterministic for any thread count,
/// streamed to runs.csv and sector_stats.csv, resumable.

#include <iosfwd>
#include <string>

namespace tradejobs {

/// What `tradejobs sweep` was given.
struct SweepCommandOptions {
  std::string sweep_file;   ///< The sweep YAML.
  std::string output;       ///< -o DIR ("" = the base scenario's outputs.directory + "-sweep", or results/<name>-sweep).
  int threads = 0;          ///< -j THREADS (0 = all cores).
  bool resume = false;      ///< --resume: continue an interrupted sweep in DIR.
  bool quiet = false;       ///< --quiet: no terminal summary.
  bool progress = false;    ///< Progress line on stderr (only when stderr is a terminal).
};

/// Runs a sweep command; returns the exit code of SPEC.md §9 (InputError → thrown).
int run_sweep_command(const SweepCommandOptions& options, std::ostream& out, std::ostream& err);

/// Validates a sweep file (its base scenario, key paths and distributions) without running it.
/// InputError on the first problem.
void check_sweep_file(const std::string& path, std::ostream& out);

}  // namespace tradejobs
