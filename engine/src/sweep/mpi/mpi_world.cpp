// What the MPI and the no-MPI builds share (sweep_mpi.h): the launcher test, rank names, the host.
#include <unistd.h>

#include <cstdlib>

#include "sweep/mpi/sweep_mpi.h"

namespace tradejobs {

bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}

std::string rank_name(int rank, int size, const std::string& host) {
  return "rank " + std::to_string(rank) + " of " + std::to_string(size) + (host.empty() ? "" : " (host " + host + ")");
}

std::string mpi_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

}  // namespace tradejobs
