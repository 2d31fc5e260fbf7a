#pragma once
/// \file sweep.h
/// Scenario sweeps (docs/model.md §6, §9; issue 5): a base scenario plus grids and random draws,
/// run in parallel (the one place with OpenMP), deterministic for any thread count,
/// streamed to runs.csv and sector_stats.csv, resumable. docs/sweeps.md describes the file
/// format, the run numbering, the random streams, the statistics, resume and exit codes.
///
/// Example:
///   SweepPlan plan = prepare_sweep("scenarios/us-china-2018-sweep.yaml");
///   RunRecord r = compute_sweep_run(plan, 17);   // run 17 alone, as in runs.csv

#include <cstdint>
#include <exception>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/sweep_file.h"
#include "tradejobs/engine/sweep_stats.h"

namespace tradejobs {

/// What `tradejobs sweep` was given.
struct SweepCommandOptions {
  std::string sweep_file;  ///< The sweep YAML.
  std::string output;      ///< -o DIR ("" = the base scenario's outputs.directory + "-sweep", or results/<name>-sweep).
  int threads = 0;         ///< -j THREADS, 1 to kMaxSweepThreads (0 = all cores); never more than the runs' batches.
  bool resume = false;     ///< --resume: continue an interrupted sweep in DIR.
  bool restart = false;    ///< --restart: discard a partial sweep in DIR and start again.
  bool quiet = false;      ///< --quiet: no terminal summary.
  bool progress = false;   ///< Progress line on stderr (only when stderr is a terminal).
  bool xlsx = true;        ///< results.xlsx (Runs, Sector statistics); --no-xlsx turns it off.
  /// Memory for exact quantiles, bytes (8 per value and run): above it, KLL sketches.
  std::uint64_t memory_budget_bytes = SweepStatisticsOptions{}.memory_budget_bytes;
  /// Accuracy k of the KLL sketches (used only above the memory budget).
  int sketch_k = SweepStatisticsOptions{}.sketch_k;
  /// Seconds between two saves of the resume state (it is also saved when stopped).
  double checkpoint_seconds = 10.0;
  /// MPI sweeps only (docs/mpi.md): seconds rank 0 waits for a rank that holds runs (or has
  /// not yet reported its preparation) before it ends the job with a message naming that rank.
  /// The environment variable TRADEJOBS_RANK_TIMEOUT_SECONDS, when set, replaces it.
  double rank_timeout_seconds = 300.0;
};

/// The most threads a sweep starts (-j).
constexpr int kMaxSweepThreads = 1024;

/// Exit code of a sweep stopped by SIGINT (Ctrl-C): 128 + 2, the shell convention.
constexpr int kExitSweepInterrupted = 130;
/// Exit code of a sweep stopped by SIGTERM: 128 + 15.
constexpr int kExitSweepTerminated = 143;

struct CompiledSweep;

/// A sweep ready to run: the parsed file and its economy, loaded, checked and factorised
/// once, with every key path resolved against it.
struct SweepPlan {
  SweepFile file;                                  ///< The sweep file.
  std::shared_ptr<const PreparedEconomy> economy;  ///< The base scenario's economy.
  ResolvedScenario base;         ///< The base scenario resolved (its measures are reused by every run).
  bool varies_measures = false;  ///< True when a vary key is measures[i].KEY.
  /// Every vary entry resolved once to the model input it moves (docs/sweeps.md "How a sweep
  /// runs"): a run then writes its values into a copy of `base` kept by its thread, with no
  /// scenario copy, key lookup or re-resolution. Null when a key cannot be compiled so; the
  /// runs are then resolved one by one (the same numbers, more slowly).
  std::shared_ptr<const CompiledSweep> compiled;
};

/// Loads the sweep file, prepares the economy and checks every vary entry against it
/// (InputError with the sweep file's line and column) before any run.
SweepPlan prepare_sweep(const std::string& sweep_file);

/// Runs per batched trade solve. Batches are aligned on run numbers (runs 0–15, 16–31, ...),
/// whatever the threads and chunks, so a run's numbers never depend on the thread count.
constexpr std::uint64_t kSweepBatchRuns = 16;

/// Recomputes one run alone, exactly as the sweep computed it (with the other runs of its
/// batch): the same bytes as its row in runs.csv, on any thread. SolveError when the model
/// cannot be solved for this run's values.
RunRecord compute_sweep_run(const SweepPlan& plan, std::uint64_t run);

/// One run through run_scenario, with its own trade solve (no batch): the reference the
/// batched path is tested against (equal to rounding, ≤ 1e-10 relative).
RunRecord compute_sweep_run_unbatched(const SweepPlan& plan, std::uint64_t run);

/// Computes runs [first, first + count) together, as the sweep runner does: the runs'
/// full-effect trade solves go to TradeModel::solve_batch at once (docs/model.md §3: the iterative
/// path as matrix–matrix products, Woodbury for runs sharing moving rows); runs whose measures
/// phase in over several years are computed one by one (compute_sweep_run). Equal to
/// compute_sweep_run run by run to rounding (≤ 1e-10 relative). A run that fails leaves its
/// exception in (*failures)[i] and an empty record.
std::vector<RunRecord> compute_sweep_batch(const SweepPlan& plan, std::uint64_t first, std::uint64_t count,
                                           std::vector<std::exception_ptr>* failures);

/// Computes runs [first, first + count) on `threads` OpenMP threads (blocks of
/// kSweepBatchRuns runs through compute_sweep_batch, dynamically scheduled), as one chunk of
/// `tradejobs sweep`: `first` must be a multiple of kSweepBatchRuns. Record i is run first + i;
/// a run that fails leaves its exception in (*failures)[i]. The records do not depend on
/// `threads`.
std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures);

/// Runs a sweep command; returns the exit code of docs/model.md §9 (InputError → thrown), or
/// kExitSweepInterrupted / kExitSweepTerminated when stopped by a signal (the partial
/// sweep then stays in DIR with its state file, to be continued with --resume).
/// Started by an MPI launcher (`mpirun -np N tradejobs sweep ...`, in a binary built with
/// TRADEJOBS_WITH_MPI) the runs are spread over the ranks and rank 0 writes the same files
/// (docs/mpi.md); every rank returns the same exit code.
int run_sweep_command(const SweepCommandOptions& options, std::ostream& out, std::ostream& err);

/// Validates a sweep file (its base scenario, key paths and distributions, against the
/// economy) without running it, and prints what it would run. InputError on the first problem.
void check_sweep_file(const std::string& path, std::ostream& out);

}  // namespace tradejobs
