// bench_adjustment: the adjustment path of docs/model.md §5 on 56 sectors with a 10-year
// horizon, the year-by-year simulation it replaced (tests/adjustment_reference_simulation.h)
// against the closed form after the horizon (adjustment_path). Usage:
//   bench_adjustment [REPS]        (default 2000 calls of each, single thread)
// Prints one RESULT line per variant (microseconds per call) and the ratio.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "adjustment_reference_simulation.h"
#include "tradejobs/models/adjustment.h"

using namespace tradejobs;

namespace {

/// 56 sectors of usa-2014-like size (20,000 to 3 million jobs, wages 25,000 to 120,000 USD),
/// with a sex × self-employment split, losing or gaining −4% to +2% of their jobs in year 1.
AdjustmentInput economy_56(int horizon) {
  const Eigen::Index n = 56;
  std::mt19937 rng(2014);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  AdjustmentInput in;
  in.jobs_base.resize(n);
  in.annual_wage.resize(n);
  Eigen::VectorXd change(n);
  Eigen::MatrixXd shares(n, 2);
  for (Eigen::Index j = 0; j < n; ++j) {
    in.jobs_base(j) = 2e4 * std::pow(150.0, u(rng));
    in.annual_wage(j) = 25000 + 95000 * u(rng);
    change(j) = in.jobs_base(j) * (0.06 * u(rng) - 0.04);
    shares(j, 0) = 0.2 + 0.6 * u(rng);
    shares(j, 1) = 0.3 * u(rng);
  }
  in.jobs_change_path = phased_jobs_change(change, 1, horizon);
  std::string error;
  in.splits = employment_group_splits({"female", "self_employed"}, shares, &error);
  if (!error.empty()) throw std::runtime_error(error);
  return in;
}

template <class F>
double micros_per_call(int reps, F&& f) {
  double sink = 0.0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) sink += f().total.adjustment_cost;
  const auto stop = std::chrono::steady_clock::now();
  if (sink == 42.0) std::puts("");  // keep the calls
  return std::chrono::duration<double, std::micro>(stop - start).count() / reps;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 2000;
  LabourMarketParameters p;  // §5 defaults: T = 10, mean spell 1 year, exits 5%, r = 3%
  const AdjustmentInput in = economy_56(p.horizon_years);
  const AdjustmentResult closed = adjustment_path(in, p);
  const AdjustmentResult simulated = reference_simulation::reference_simulation_adjustment_path(in, p, {});
  const double rel = std::abs(closed.total.adjustment_cost - simulated.total.adjustment_cost) /
                     std::abs(simulated.total.adjustment_cost);
  std::printf(
      "INFO 56 sectors, T = %d, years simulated after T by the old path: %d; relative difference of "
      "the total adjustment cost %.2e\n",
      p.horizon_years, simulated.years_beyond_horizon, rel);
  // Warm-up, then alternate to share any drift in machine load.
  micros_per_call(reps / 10 + 1, [&] { return adjustment_path(in, p); });
  double old_us = 1e300, new_us = 1e300;
  for (int round = 0; round < 3; ++round) {
    old_us = std::min(old_us, micros_per_call(reps, [&] {
                        return reference_simulation::reference_simulation_adjustment_path(in, p, {});
                      }));
    new_us = std::min(new_us, micros_per_call(reps, [&] { return adjustment_path(in, p); }));
  }
  std::printf("RESULT adjustment_path simulated (old): %.1f us per call (best of 3 x %d)\n", old_us, reps);
  std::printf("RESULT adjustment_path closed form (new): %.1f us per call (best of 3 x %d)\n", new_us, reps);
  std::printf("RESULT speed-up: %.2fx\n", old_us / new_us);
  return 0;
}
