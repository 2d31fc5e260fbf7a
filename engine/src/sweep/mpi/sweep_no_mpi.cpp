// Sweeps without MPI (docs/mpi.md "Build"): CMake builds this file instead of sweep_mpi.cpp when
// TRADEJOBS_WITH_MPI is off. Every process is a single process of size 1; the coordinator is
// never constructed, and the worker never started.
#include <stdexcept>

#include "sweep/mpi/sweep_mpi.h"

namespace tradejobs {

bool built_with_mpi() { return false; }

MpiWorld sweep_mpi_world() { return MpiWorld{0, 1, mpi_host_name()}; }

struct SweepCoordinator::State {};

SweepCoordinator::SweepCoordinator(const MpiWorld& world, double rank_timeout_seconds)
    : world_(world), timeout_(rank_timeout_seconds) {}
SweepCoordinator::~SweepCoordinator() = default;
void SweepCoordinator::check_workers(const SweepIdentity&, const StatisticsLayout& layout) { layout_ = layout; }
void SweepCoordinator::run(const SweepPlan&, int, std::uint64_t, std::uint64_t,
                           const std::function<void(SummarisedChunk&&)>&, const std::function<bool()>&) {
  throw std::logic_error("SweepCoordinator::run: this tradejobs was built without MPI");
}
void SweepCoordinator::stop(int) { stopped_ = true; }

int run_sweep_worker(const SweepCommandOptions&, const MpiWorld&) {
  throw std::logic_error("run_sweep_worker: this tradejobs was built without MPI");
}

}  // namespace tradejobs
