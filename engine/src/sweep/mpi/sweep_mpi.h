#pragma once
// Sweeps across MPI ranks (issues 8 and 16; docs/mpi.md). Internal to the engine:
// run_sweep_command (sweep.cpp) drives it; it depends only on the plan (plan.h), the computing
// (compute.h) and the statistics (summarised_chunk.h). CMake builds sweep_mpi.cpp with MPI and
// sweep_no_mpi.cpp without; mpi_world.cpp is common to both. Nothing here is needed by users of
// the library.
//
// Protocol. Every rank prepares the sweep itself (loads, checks and factorises the economy)
// and reports READY with the fingerprints of its inputs and its statistics layout, or FAILED
// with the reason. Rank 0 hands out ranges of runs [first, end), each a whole node of the
// statistics tree (sweep_stats.h: 2^l blocks starting on a multiple of 2^l), computes ranges
// itself between messages, and passes the summarised chunks (their runs.csv rows, solver paths,
// failures and block summaries: summarised_chunk.h) to the same code that writes runs.csv and
// merges the statistics in a single process, in run order: the outputs are byte-identical by
// construction. A rank that fails sends FAILED (rank 0 ends the job with a message naming it);
// a rank that holds runs and stays silent longer than the rank timeout makes rank 0 end the
// job with MPI_Abort, naming it. Rank 0 ends every job with STOP(exit code) to each rank and
// waits for their FINAL report, so every rank returns the same exit code.

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sweep/compute.h"
#include "sweep/plan.h"
#include "sweep/summarised_chunk.h"
#include "tradejobs/engine/sweep.h"

namespace tradejobs {

/// The MPI job this process belongs to.
struct MpiWorld {
  int rank = 0;      ///< This process's rank; rank 0 writes the outputs.
  int size = 1;      ///< Number of ranks (1: a single process, with or without a launcher).
  std::string host;  ///< Host name (for messages).
};

/// True when the binary was built with MPI (TRADEJOBS_WITH_MPI).
bool built_with_mpi();

/// True when an MPI launcher started this process (mpirun/mpiexec of Open MPI or MPICH, srun):
/// one of OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_RANK or PMI_SIZE is set.
bool started_by_mpi_launcher();

/// The MPI job: initialises MPI once (MPI_THREAD_FUNNELED; MPI_Finalize at exit) when the binary
/// was built with MPI and a launcher started the process; otherwise a single process of size 1.
MpiWorld sweep_mpi_world();

/// "rank R of N (host H)".
std::string rank_name(int rank, int size, const std::string& host);

/// This machine's host name ("" if unknown).
std::string mpi_host_name();

/// Where the time of one rank went (summary.json diagnostics.mpi, the benchmark).
struct RankTimes {
  std::uint64_t runs = 0;            ///< Runs computed by the rank.
  double compute_seconds = 0;        ///< In compute_sweep_runs.
  double communication_seconds = 0;  ///< In MPI calls, packing and unpacking, and waiting for messages.
  std::uint64_t bytes_sent = 0;      ///< Bytes of the rank's messages (rank 0: of its WORK and STOP messages).
};

/// Rank 0 of an MPI sweep.
class SweepCoordinator {
 public:
  /// Noexcept apart from memory: it exists before anything on rank 0 can throw.
  SweepCoordinator(const MpiWorld& world, double rank_timeout_seconds);
  /// Ends the job with exit code 2 if stop() was not called (an exception on rank 0).
  ~SweepCoordinator();
  SweepCoordinator(const SweepCoordinator&) = delete;
  SweepCoordinator& operator=(const SweepCoordinator&) = delete;

  /// Seconds to wait for a silent rank holding runs (or not yet READY) before MPI_Abort.
  void set_timeout(double seconds) { timeout_ = seconds; }

  /// Waits for every other rank's READY and checks that it prepared the same sweep; InputError
  /// (SolveError) naming the first rank, in rank order, that failed or differs.
  /// `layout` is the statistics layout of this sweep (every rank must have the same: a rank
  /// with other statistics settings is refused, naming it); the ranks summarise with it.
  void check_workers(const SweepIdentity& own, const StatisticsLayout& layout);

  /// Computes runs [first, total) across the ranks and calls accept(chunk) with consecutive
  /// summarised chunks in run order (accept may throw: the run's failure). Returns when every run was
  /// accepted or, after stop_requested() returned true or a rank reported a signal, when the
  /// chunks already in order were accepted. A rank failure is thrown as InputError or
  /// SolveError naming the rank.
  void run(const SweepPlan& plan, int threads, std::uint64_t first, std::uint64_t total,
           const std::function<void(SummarisedChunk&&)>& accept, const std::function<bool()>& stop_requested);

  /// A signal (SIGINT, SIGTERM) another rank received, 0 if none.
  int worker_signal() const { return worker_signal_; }

  /// Sends STOP(exit_code) to every rank and waits for their FINAL reports (MPI_Abort after the
  /// rank timeout). Called once; later calls do nothing.
  void stop(int exit_code);

  /// Per rank (index = rank): runs, compute and communication time; complete after stop().
  const std::vector<RankTimes>& times() const { return times_; }
  /// Ranks of the job.
  int ranks() const { return world_.size; }

 private:
  struct State;
  StatisticsLayout layout_;
  MpiWorld world_;
  double timeout_;
  bool stopped_ = false;
  int worker_signal_ = 0;
  std::vector<RankTimes> times_;
  std::unique_ptr<State> state_;
};

/// A rank other than 0: prepares the sweep and reports to rank 0, computes the ranges rank 0
/// gives it, and returns the exit code rank 0 sends with STOP. Writes nothing.
int run_sweep_worker(const SweepCommandOptions& options, const MpiWorld& world);

}  // namespace tradejobs
