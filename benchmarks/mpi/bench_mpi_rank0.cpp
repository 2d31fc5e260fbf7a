// What rank 0 of an MPI sweep does per run, at a given number of sectors (issue 8;
// RESULTS_mpi.md): the bytes of one run in a RESULT message, and the time to write its
// runs.csv row and feed its values to SweepStatistics (exact quantiles, and the KLL sketches
// used above the memory budget). Rank 0 does this for every run of every rank, so its rate is
// the ceiling of an MPI sweep's runs per second however many nodes compute.
// Usage: bench_mpi_rank0 [SECTORS...]   (default 56 1435)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "tradejobs/engine/sweep_stats.h"

using namespace tradejobs;

namespace {

double seconds_per_run(size_t sectors, std::uint64_t runs, std::uint64_t budget, bool* exact) {
  const size_t totals = sweep_total_names().size();
  const size_t columns = totals + sectors * sweep_sector_quantities().size();
  SweepStatisticsOptions o;
  o.memory_budget_bytes = budget;
  SweepStatistics stats(columns, 1000000, o);  // a million-run sweep decides exact or sketch
  *exact = stats.exact();
  std::mt19937_64 rng(2018);
  std::lognormal_distribution<double> draw(0.0, 1.0);
  std::vector<RunRecord> records(64);
  for (auto& r : records) {
    r.varied = {draw(rng), draw(rng), draw(rng)};
    r.values.resize(columns);
    for (double& v : r.values) v = draw(rng) - 1.5;
    r.solver_path = "iterative";
  }
  std::string csv;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < runs; ++i) {
    RunRecord& r = records[i % records.size()];
    r.run = i;
    csv += runs_csv_row(r, totals);
    stats.add(r.values);
    if (csv.size() > (1u << 20)) csv.clear();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s / static_cast<double>(runs);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(static_cast<size_t>(std::atol(argv[i])));
  if (sizes.empty()) sizes = {56, 1435};
  std::printf(
      "| sectors | values per run | bytes per run in a RESULT message | rank 0 per run, exact quantiles | rank 0 per "
      "run, KLL sketches (k = 1000) | rank 0 ceiling (sketches) |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (size_t n : sizes) {
    const size_t columns = sweep_total_names().size() + n * sweep_sector_quantities().size();
    // pack_chunk (engine/src/sweep/mpi/sweep_mpi.cpp): run, 3 varied values, the values, the solver path
    // ("iterative") and an empty failure, each vector and text with its 8-byte length.
    const size_t bytes = 8 + (8 + 3 * 8) + (8 + columns * 8) + (8 + 9) + 8 + 8;
    bool exact = false, sketch_exact = true;
    const double e = seconds_per_run(n, 4000, ~0ull, &exact);
    const double k = seconds_per_run(n, n > 500 ? 20000 : 200000, 0, &sketch_exact);
    std::printf("| %zu | %zu | %zu | %.1f us | %.1f us | %.0f runs/s |\n", n, columns, bytes, 1e6 * e, 1e6 * k,
                1.0 / k);
  }
  return 0;
}
