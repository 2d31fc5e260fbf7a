#pragma once
/// \file quantiles.h
/// Streaming statistics of sweeps (docs/model.md §6: "streamed so memory does not grow with the
/// number of runs"): running mean and standard deviation (Welford), exact quantiles, and a
/// deterministic KLL quantile sketch (Karnin, Lang and Liberty, "Optimal quantile
/// approximation in streams", FOCS 2016) for when the values do not fit the memory budget.
///
/// The sketch's error is stated as a rank error: a quantile q of N values is a value whose
/// rank among the N differs from q·N by at most `rank_error_bound(δ)` with probability at
/// least 1 − δ. The bound is computed from the sketch's own history (Hoeffding's inequality
/// over its compactions, see docs/sweeps.md); the coin of each compaction comes from a
/// counter-based hash, so the same values in the same order always give the same sketch.

#include <cstdint>
#include <string>
#include <vector>

#include "tradejobs/engine/bytes.h"

namespace tradejobs {

/// Quantile of sorted values, linear interpolation between order statistics (Hyndman and
/// Fan type 7, the default of R and NumPy): h = q·(N − 1), x = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
/// NaN for no values. The engine's one type-7 quantile (sweep statistics and the report).
double sorted_quantile(const std::vector<double>& sorted, double q);

/// Running count, mean and variance of a stream (Welford 1962), updated in stream order, and
/// merged with the moments of another stream (Chan, Golub and LeVeque, "Updating formulae and a
/// pairwise algorithm for computing sample variances", 1979; "Algorithms for computing the
/// sample variance: analysis and recommendations", The American Statistician 37, 1983).
struct RunningMoments {
  std::uint64_t count = 0;  ///< Values seen.
  double mean = 0.0;        ///< Running mean.
  double m2 = 0.0;          ///< Sum of squared deviations from the mean.
  void add(double x);
  /// Adds the values of `later` (Chan et al.): δ = mean_b − mean_a, n = n_a + n_b,
  /// mean = mean_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n. Exact in exact arithmetic; in
  /// floating point within a few ulps of the one-pass result times the condition number.
  void merge(const RunningMoments& later);
  /// Sample standard deviation (divisor N − 1; 0 for fewer than two values).
  double sd() const;
};

/// A KLL quantile sketch (Karnin, Lang and Liberty 2016) with deterministic coins.
///
/// Level h holds items of weight 2^h in a compactor of capacity ⌈k·(2/3)^(H−1−h)⌉ + 1
/// (H levels). When the sketch is full, the lowest full compactor sorts its items and
/// promotes every other one (odd or even positions by a coin) to level h + 1. Memory is
/// O(k) values, about 3k, whatever the number of values.
///
/// Example:
///   QuantileSketch s(1000);  for (double x : xs) s.add(x);  double p95 = s.quantile(0.95);
class QuantileSketch {
 public:
  /// `k` ≥ 8 sets the accuracy: the normalised rank error shrinks roughly like 1/k.
  explicit QuantileSketch(int k = 1000);
  /// Adds one value (NaN is rejected by the caller).
  void add(double x);
  /// Merges another sketch built with the same k (KLL sketches are mergeable): the items of
  /// each level are appended to this one's, the compaction counts added, then the sketch is
  /// compressed. A pure function of the two sketches' states, so a fixed merge order gives the
  /// same sketch on any thread or MPI rank; the rank error bound stays valid.
  void merge(const QuantileSketch& other);
  /// Number of values added.
  std::uint64_t count() const { return count_; }
  /// Values kept (memory use, in doubles).
  size_t retained() const;
  /// The smallest kept value whose estimated rank (weight of kept values ≤ it) reaches q·N.
  double quantile(double q) const;
  /// Estimated number of values ≤ x.
  double rank(double x) const;
  /// Rank error that holds for any one query with probability ≥ 1 − δ: Hoeffding's bound
  /// √(2·ln(2/δ)·Σ_h m_h·4^h) over the m_h compactions at each level h, plus the largest
  /// item weight (the step between two kept values).
  double rank_error_bound(double delta = 1e-6) const;
  /// Accuracy parameter.
  int k() const { return k_; }
  /// Appends the exact state (items, counters) to `w` / restores it.
  void save(ByteWriter& w) const;
  static QuantileSketch load(ByteReader& r);

 private:
  size_t capacity(size_t level) const { return capacities_[level]; }
  void grow();
  void compress();
  void compact(size_t level);
  int k_;
  std::uint64_t count_ = 0;
  std::vector<std::vector<double>> levels_;
  std::vector<std::uint64_t> compactions_;  // per level
  std::vector<size_t> capacities_;          // per level, for the current number of levels
  size_t size_ = 0, max_size_ = 0;
};

}  // namespace tradejobs
