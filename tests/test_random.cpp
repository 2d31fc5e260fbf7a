// ctest-labels: unit
// Counter-based random streams and the distributions of sweeps (random.h; docs/model.md §6).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "tradejobs/engine/random.h"

using namespace tradejobs;

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors") {
  // Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter, key, result.
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        std::array<std::uint32_t, 4>{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu}) ==
        std::array<std::uint32_t, 4>{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}) ==
        std::array<std::uint32_t, 4>{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("uniform draws are a pure function of (seed, run, stream, attempt) in (0, 1)") {
  const std::uint32_t s = random_stream_of("parameters.armington");
  CHECK(uniform_draw(7, 12345, s, 0) == uniform_draw(7, 12345, s, 0));
  CHECK(uniform_draw(7, 12345, s, 0) != uniform_draw(8, 12345, s, 0));
  CHECK(uniform_draw(7, 12345, s, 0) != uniform_draw(7, 12346, s, 0));
  CHECK(uniform_draw(7, 12345, s, 0) != uniform_draw(7, 12345, s + 1, 0));
  CHECK(uniform_draw(7, 12345, s, 0) != uniform_draw(7, 12345, s, 1));
  CHECK(uniform_draw(7, 1ull << 40, s, 0) != uniform_draw(7, 0, s, 0));  // high word of the run counts
  double sum = 0, sum2 = 0, lo = 1, hi = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = uniform_draw(2018, static_cast<std::uint64_t>(i), s, 0);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(mean == doctest::Approx(0.5).epsilon(0.005));  // sd of the mean 0.00065
  CHECK(var == doctest::Approx(1.0 / 12.0).epsilon(0.01));
  CHECK(lo < 1e-4);
  CHECK(hi > 1 - 1e-4);
}

TEST_CASE("the inverse normal CDF (AS 241) inverts the CDF and matches tabulated values") {
  CHECK(standard_normal_quantile(0.5) == 0.0);
  CHECK(standard_normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-15));
  CHECK(standard_normal_quantile(0.05) == doctest::Approx(-1.6448536269514722).epsilon(1e-15));
  CHECK(standard_normal_quantile(1e-10) == doctest::Approx(-6.361340902404056).epsilon(1e-14));
  for (double p : {1e-300, 1e-20, 1e-8, 0.001, 0.07, 0.3, 0.5, 0.8, 0.93, 0.999}) {
    const double x = standard_normal_quantile(p);
    CHECK(standard_normal_cdf(x) == doctest::Approx(p).epsilon(1e-13));
  }
  CHECK(std::isinf(standard_normal_quantile(0.0)));
  CHECK(std::isnan(standard_normal_quantile(1.5)));
}

namespace {

struct Moments {
  double mean = 0, sd = 0, lo = INFINITY, hi = -INFINITY;
};

Moments sample_moments(const ParameterDistribution& d, int n, std::uint64_t seed = 42) {
  Moments m;
  double sum = 0, sum2 = 0;
  const std::uint32_t stream = random_stream_of("test");
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(seed, static_cast<std::uint64_t>(i), stream);
    sum += x;
    sum2 += x * x;
    m.lo = std::min(m.lo, x);
    m.hi = std::max(m.hi, x);
  }
  m.mean = sum / n;
  m.sd = std::sqrt((sum2 - n * m.mean * m.mean) / (n - 1));
  return m;
}

}  // namespace

TEST_CASE("sample means and standard deviations match theory") {
  const int n = 200000;
  // Tolerance: 5 standard errors of the mean (sd/√n) and 2% on the sd.
  ParameterDistribution normal;
  normal.kind = DistributionKind::Normal;
  normal.mean = -2.0;
  normal.sd = 0.5;
  ParameterDistribution lognormal;
  lognormal.kind = DistributionKind::Lognormal;
  lognormal.mu = 0.3;
  lognormal.sigma = 0.4;
  ParameterDistribution uniform;
  uniform.kind = DistributionKind::Uniform;
  uniform.low = 0.5;
  uniform.high = 4.0;
  ParameterDistribution triangular;
  triangular.kind = DistributionKind::Triangular;
  triangular.low = 0.5;
  triangular.mode = 1.5;
  triangular.high = 4.0;
  for (const ParameterDistribution& d : {normal, lognormal, uniform, triangular}) {
    CAPTURE(distribution_name(d.kind));
    REQUIRE(d.is_valid(nullptr));
    const Moments m = sample_moments(d, n);
    const double sd = std::sqrt(d.theoretical_variance());
    CHECK(std::fabs(m.mean - d.theoretical_mean()) < 5 * sd / std::sqrt(double(n)));
    CHECK(m.sd == doctest::Approx(sd).epsilon(0.02));
    CHECK(m.lo >= d.lowest());
    CHECK(m.hi <= d.highest());
  }
  CHECK(triangular.theoretical_mean() == doctest::Approx(2.0));
  CHECK(uniform.theoretical_variance() == doctest::Approx(3.5 * 3.5 / 12));
}

TEST_CASE("truncation is respected and gives the truncated distribution's mean, not a clamp") {
  // Normal(−2, 0.5) truncated above at −1.9: mean = μ − σ·φ(β)/Φ(β), β = (−1.9 + 2)/0.5 = 0.2.
  ParameterDistribution d;
  d.kind = DistributionKind::Normal;
  d.mean = -2.0;
  d.sd = 0.5;
  d.max = -1.9;
  const double beta = 0.2, phi = std::exp(-0.5 * beta * beta) / std::sqrt(2 * M_PI);
  const double expected = -2.0 - 0.5 * phi / standard_normal_cdf(beta);
  const Moments m = sample_moments(d, 200000);
  CHECK(m.hi <= -1.9);
  CHECK(m.mean == doctest::Approx(expected).epsilon(0.002));

  // A far tail (acceptance probability 3e-7): the inverse CDF on the interval is used.
  ParameterDistribution tail;
  tail.kind = DistributionKind::Normal;
  tail.mean = 0.0;
  tail.sd = 1.0;
  tail.min = 5.0;
  tail.max = 6.0;
  const Moments t = sample_moments(tail, 50000);
  CHECK(t.lo >= 5.0);
  CHECK(t.hi <= 6.0);
  // Mean of N(0,1) on [5, 6]: (φ(5) − φ(6))/(Φ(6) − Φ(5)) = 5.18650...
  const double p5 = std::exp(-12.5) / std::sqrt(2 * M_PI), p6 = std::exp(-18.0) / std::sqrt(2 * M_PI);
  CHECK(t.mean ==
        doctest::Approx((p5 - p6) / (standard_normal_upper_tail(5) - standard_normal_upper_tail(6))).epsilon(1e-3));

  // Truncated triangular: draws outside [1, 2] never appear; uniform truncated = uniform on the intersection.
  ParameterDistribution tri;
  tri.kind = DistributionKind::Triangular;
  tri.low = 0.5;
  tri.mode = 1.5;
  tri.high = 4.0;
  tri.min = 1.0;
  tri.max = 2.0;
  const Moments tm = sample_moments(tri, 50000);
  CHECK(tm.lo >= 1.0);
  CHECK(tm.hi <= 2.0);
  ParameterDistribution uni;
  uni.kind = DistributionKind::Uniform;
  uni.low = 0.0;
  uni.high = 10.0;
  uni.min = 9.0;
  const Moments um = sample_moments(uni, 100000);
  CHECK(um.lo >= 9.0);
  CHECK(um.mean == doctest::Approx(9.5).epsilon(0.002));
}

TEST_CASE("a draw inside [min, max] is the untruncated draw (resampling, never clamping)") {
  ParameterDistribution d;
  d.kind = DistributionKind::Normal;
  d.mean = 0.0;
  d.sd = 1.0;
  ParameterDistribution t = d;
  t.min = -1.0;
  t.max = 1.0;
  const std::uint32_t stream = random_stream_of("k");
  int same = 0, total = 2000;
  for (int run = 0; run < total; ++run) {
    const double x = d.sample(1, run, stream), y = t.sample(1, run, stream);
    if (std::fabs(x) <= 1.0) {
      CHECK(x == y);
      ++same;
    } else {
      CHECK(y != 1.0);
      CHECK(y != -1.0);
    }
  }
  CHECK(same > total / 2);
}

TEST_CASE("bad distribution parameters name the field, its value and the constraint") {
  ParameterDistribution d;
  std::string field;
  // The message of an invalid distribution (is_valid is false and sets it).
  auto why = [&](const ParameterDistribution& x) {
    std::string error;
    CHECK_FALSE(x.is_valid(&error, &field));
    return error;
  };
  d.kind = DistributionKind::Normal;
  d.sd = -1;
  CHECK(why(d) == "sd = -1: must be > 0 (the standard deviation)");
  CHECK(field == "sd");
  d = ParameterDistribution{};
  d.kind = DistributionKind::Uniform;
  d.low = 2;
  d.high = 1;
  CHECK(why(d) == "high = 1: must be > low = 2");
  d = ParameterDistribution{};
  d.kind = DistributionKind::Triangular;
  d.low = 0;
  d.high = 1;
  d.mode = 3;
  CHECK(why(d) == "mode = 3: must lie in [low, high] = [0, 1]");
  CHECK(field == "mode");
  d = ParameterDistribution{};
  d.kind = DistributionKind::Lognormal;
  d.sigma = 0;
  CHECK(why(d) == "sigma = 0: must be > 0 (the standard deviation of the logarithm)");
  d = ParameterDistribution{};
  d.min = 3;
  d.max = 2;
  CHECK(why(d) == "max = 2: must be > min = 3");
  d = ParameterDistribution{};
  d.kind = DistributionKind::Uniform;
  d.low = 0;
  d.high = 1;
  d.min = 2;
  CHECK(why(d) ==
        "min = 2: the interval [min, max] = [2, inf] holds (almost) no probability of the uniform distribution");
}
