// ctest-labels: unit
// Exact quantiles, running moments and the KLL sketch (quantiles.h; docs/model.md §6).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "tradejobs/engine/quantiles.h"
#include "tradejobs/engine/random.h"

using namespace tradejobs;

TEST_CASE("exact quantiles interpolate between order statistics (type 7)") {
  const std::vector<double> v = {1, 2, 3, 4, 5};
  CHECK(sorted_quantile(v, 0.0) == 1);
  CHECK(sorted_quantile(v, 0.5) == 3);
  CHECK(sorted_quantile(v, 1.0) == 5);
  CHECK(sorted_quantile(v, 0.05) == doctest::Approx(1.2));  // numpy.percentile([1..5], 5) = 1.2
  CHECK(sorted_quantile(v, 0.95) == doctest::Approx(4.8));
  CHECK(sorted_quantile({7.0}, 0.95) == 7);
  CHECK(std::isnan(sorted_quantile({}, 0.5)));
}

TEST_CASE("running moments equal the two-pass mean and sample standard deviation") {
  RunningMoments m;
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  for (double x : v) m.add(x);
  CHECK(m.count == 8);
  CHECK(m.mean == doctest::Approx(5.0));
  CHECK(m.sd() == doctest::Approx(std::sqrt(32.0 / 7.0)));
  RunningMoments one;
  one.add(3);
  CHECK(one.sd() == 0.0);
}

namespace {

std::vector<double> normal_draws(size_t n, std::uint64_t seed) {
  std::vector<double> v(n);
  ParameterDistribution d;
  d.kind = DistributionKind::Lognormal;  // skewed, like job losses across runs
  d.mu = 1.0;
  d.sigma = 0.8;
  for (size_t i = 0; i < n; ++i) v[i] = d.sample(seed, i, 99);
  return v;
}

/// Rank error of a returned value x against the exact data: distance from q·N to the
/// interval of ranks that x occupies.
double rank_error(const std::vector<double>& sorted, double x, double q) {
  const double below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
  const double at_or_below = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
  const double target = q * static_cast<double>(sorted.size());
  if (target < below) return below - target;
  if (target > at_or_below) return target - at_or_below;
  return 0.0;
}

}  // namespace

TEST_CASE("the KLL sketch is within its documented rank error of the exact quantiles on 10^6 draws") {
  const size_t n = 1000000;
  const std::vector<double> v = normal_draws(n, 2018);
  for (int k : {200, 1000}) {
    CAPTURE(k);
    QuantileSketch s(k);
    for (double x : v) s.add(x);
    CHECK(s.count() == n);
    CHECK(s.retained() < static_cast<size_t>(3 * k + 64));  // memory O(k), not O(N)
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const double bound = s.rank_error_bound(1e-6);
    // docs/sweeps.md: on 10^6 values the bound (δ = 1e-6) is below 5.5/k of N
    // (k = 1000: 0.46%, while the errors seen are about 0.05%).
    CHECK(bound / n < 5.5 / k);
    for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
      CAPTURE(q);
      const double x = s.quantile(q);
      CHECK(rank_error(sorted, x, q) <= bound);
      CHECK(std::fabs(s.rank(x) - static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) -
                                                      sorted.begin())) <= bound);
    }
  }
}

TEST_CASE("the sketch is deterministic, and exact while it has not compacted") {
  const std::vector<double> v = normal_draws(50000, 7);
  QuantileSketch a(200), b(200);
  for (double x : v) a.add(x);
  for (double x : v) b.add(x);
  for (double q : {0.05, 0.5, 0.95}) CHECK(a.quantile(q) == b.quantile(q));
  QuantileSketch small(1000);
  std::vector<double> few(v.begin(), v.begin() + 500);
  for (double x : few) small.add(x);
  std::sort(few.begin(), few.end());
  CHECK(small.quantile(0.5) == few[249]);  // first value whose rank reaches 250
  CHECK(small.rank_error_bound() == 1.0);  // no compaction yet: only the unit step
}

TEST_CASE("save and load restore the sketch exactly; continuing gives the same sketch") {
  const std::vector<double> v = normal_draws(120000, 3);
  QuantileSketch whole(100), part(100);
  for (double x : v) whole.add(x);
  for (size_t i = 0; i < 70001; ++i) part.add(v[i]);
  ByteWriter w;
  part.save(w);
  ByteReader r(w.bytes(), "state");
  QuantileSketch resumed = QuantileSketch::load(r);
  CHECK(r.done());
  for (size_t i = 70001; i < v.size(); ++i) resumed.add(v[i]);
  ByteWriter a, b;
  whole.save(a);
  resumed.save(b);
  CHECK(a.bytes() == b.bytes());
  ByteReader bad("abc", "sweep.state");
  CHECK_THROWS_WITH(QuantileSketch::load(bad), "sweep.state: the state is truncated or corrupt");
}

TEST_CASE("merging two sketches keeps the error bound") {
  const std::vector<double> v = normal_draws(400000, 11);
  QuantileSketch a(400), b(400);
  for (size_t i = 0; i < v.size(); ++i) (i < v.size() / 2 ? a : b).add(v[i]);
  a.merge(b);
  CHECK(a.count() == v.size());
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (double q : {0.05, 0.5, 0.95}) CHECK(rank_error(sorted, a.quantile(q), q) <= a.rank_error_bound(1e-6));
}
