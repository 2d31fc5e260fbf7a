/// \file bench_sweep_plan.cpp
/// The compiled sweep plan (docs/sweeps.md "How a sweep runs") against resolving every run
/// through its scenario, in one process: the same runs of one sweep computed both ways,
/// alternately, on the same threads (compute_sweep_runs, with runs.csv rows formatted), and
/// their rows compared byte for byte.
///
///   bench_sweep_plan SWEEP.yaml [--runs N] [--threads T] [--repeat K]
///
/// Prints runs/s of each way (best of K), their ratio, and whether the rows are identical.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "sweep/compute.h"
#include "tradejobs/engine/sweep.h"

using namespace tradejobs;

namespace {

double seconds(const std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The rows of runs [0, runs) and the seconds they took.
double time_runs(const SweepPlan& plan, std::uint64_t runs, int threads, std::vector<std::string>& rows) {
  std::vector<std::exception_ptr> failures;
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<RunRecord> records = compute_sweep_runs(plan, 0, runs, threads, &failures, true);
  const double s = seconds(t0);
  rows.clear();
  for (size_t i = 0; i < records.size(); ++i) {
    if (failures[i]) std::rethrow_exception(failures[i]);
    rows.push_back(records[i].csv_row);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_sweep_plan SWEEP.yaml [--runs N] [--threads T] [--repeat K]\n");
    return 2;
  }
  std::uint64_t runs = 0;
  int threads = 1, repeat = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string o = argv[i];
    if (o == "--runs")
      runs = std::strtoull(argv[i + 1], nullptr, 10);
    else if (o == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (o == "--repeat")
      repeat = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "bench_sweep_plan: unknown option %s\n", o.c_str());
      return 2;
    }
  }
  try {
    const auto t0 = std::chrono::steady_clock::now();
    const SweepPlan compiled = prepare_sweep(argv[1]);
    const double prepare = seconds(t0);
    if (!compiled.compiled) {
      std::fprintf(stderr, "bench_sweep_plan: %s: its vary entries are not all compiled\n", argv[1]);
      return 1;
    }
    SweepPlan resolved = compiled;
    resolved.compiled = nullptr;
    if (runs == 0 || runs > compiled.file.runs()) runs = compiled.file.runs();
    runs = runs / kSweepBatchRuns * kSweepBatchRuns;
    double best_compiled = 1e300, best_resolved = 1e300;
    std::vector<std::string> a, b;
    bool same = true;
    for (int k = 0; k < repeat; ++k) {
      best_resolved = std::min(best_resolved, time_runs(resolved, runs, threads, b));
      best_compiled = std::min(best_compiled, time_runs(compiled, runs, threads, a));
      same = same && a == b;
    }
    std::printf("sweep %s: %llu runs, %d thread(s), prepare %.3f s (with the compilation)\n", argv[1],
                static_cast<unsigned long long>(runs), threads, prepare);
    std::printf("  resolved run by run: %10.0f runs/s (%.3f s)\n", static_cast<double>(runs) / best_resolved,
                best_resolved);
    std::printf("  compiled plan:       %10.0f runs/s (%.3f s)\n", static_cast<double>(runs) / best_compiled,
                best_compiled);
    std::printf("  ratio %.2fx; rows %s\n", best_resolved / best_compiled, same ? "identical" : "DIFFER");
    return same ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_sweep_plan: %s\n", e.what());
    return 1;
  }
}
