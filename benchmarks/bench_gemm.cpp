/// \file bench_gemm.cpp
/// The machine's dense matrix–matrix rate: Eigen 3.4 GEMM C = A·B (A m×k, B k×c) with Eigen's
/// own OpenMP parallelism on (this target does not define EIGEN_DONT_PARALLELIZE), for 1 and 2
/// threads. Median of 5 samples after a warm-up.
///
///   bench_gemm [M K C]...        default: 2000 2000 2000, 4000 4000 4000, 1435 1435 1435

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  std::vector<int> shapes;
  for (int i = 1; i < argc; ++i) shapes.push_back(std::atoi(argv[i]));
  if (shapes.empty()) shapes = {2000, 2000, 2000, 4000, 4000, 4000, 1435, 1435, 1435};
  if (shapes.size() % 3 != 0) {
    std::fprintf(stderr, "usage: bench_gemm [M K C]...\n");
    return 2;
  }
  for (size_t s = 0; s < shapes.size(); s += 3) {
    const int m = shapes[s], k = shapes[s + 1], c = shapes[s + 2];
    const Eigen::MatrixXd a = Eigen::MatrixXd::Random(m, k), b = Eigen::MatrixXd::Random(k, c);
    Eigen::MatrixXd out(m, c);
    const double flops = 2.0 * m * k * c;
    for (int threads : {1, 2}) {
      Eigen::setNbThreads(threads);
      const int reps = std::max(1, static_cast<int>(4e9 / flops));
      std::vector<double> rates;
      for (int sample = 0; sample < 6; ++sample) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int r = 0; r < reps; ++r) out.noalias() = a * b;
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (sample > 0) rates.push_back(reps * flops / dt / 1e9);
      }
      std::sort(rates.begin(), rates.end());
      std::printf("RESULT gemm m=%d k=%d c=%d threads=%d gflops=%.2f\n", m, k, c, Eigen::nbThreads(), rates[2]);
    }
  }
  return 0;
}
