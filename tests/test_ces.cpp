// ctest-labels: unit
// The CES price index and conditional demand of models/ces.h (docs/model.md §3), used by both
// trade models: closed forms at σ = 0, 0.5, 1, 2 and for a dominant price at large σ, a
// long-double reference at every σ of the grid with ordinary and extreme prices, continuity
// through σ = 1 (against the second-order expansion of ln P in 1 − σ), exactness when all
// prices are equal, homogeneity of degree 1, and finite results for large σ with extreme prices.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "tradejobs/models/ces.h"

using namespace tradejobs;

namespace {

using Vec = std::vector<double>;

double index(const Vec& w, const Vec& p, double sigma) {
  REQUIRE(w.size() == p.size());
  return ces_price_index(w.data(), p.data(), static_cast<int>(w.size()), sigma);
}

double rel(double a, double b) { return std::abs(a - b) / std::abs(b); }

/// Reference in long double (64-bit mantissa on x86-64, 2^11 times finer than double), by a
/// route chosen for the reference only: the geometric mean at σ = 1, the plain sum at σ = 0,
/// otherwise ln P = m/ρ + ln(Σ θ·exp(ρℓ − m))/ρ with m = max ρℓ, the logarithm taken as
/// log1p(Σ θ·expm1(ρℓ − m)) when the sum is near 1 (|ρℓ| tiny, σ near 1).
long double reference(const Vec& w, const Vec& p, long double sigma) {
  long double total = 0.0L;
  for (size_t k = 0; k < w.size(); ++k)
    if (w[k] > 0.0) total += w[k];
  const long double rho = 1.0L - sigma;
  if (sigma == 0.0L) {
    long double s = 0.0L;
    for (size_t k = 0; k < w.size(); ++k)
      if (w[k] > 0.0) s += (w[k] / total) * static_cast<long double>(p[k]);
    return s;
  }
  if (rho == 0.0L) {
    long double s = 0.0L;
    for (size_t k = 0; k < w.size(); ++k)
      if (w[k] > 0.0) s += (w[k] / total) * std::log(static_cast<long double>(p[k]));
    return std::exp(s);
  }
  long double m = -std::numeric_limits<long double>::infinity();
  for (size_t k = 0; k < w.size(); ++k)
    if (w[k] > 0.0) m = std::max(m, rho * std::log(static_cast<long double>(p[k])));
  long double s = 0.0L, s_minus_1 = 0.0L;  // Σ θ·exp(ρℓ − m) and Σ θ·(exp(ρℓ − m) − 1)
  for (size_t k = 0; k < w.size(); ++k)
    if (w[k] > 0.0) {
      const long double t = rho * std::log(static_cast<long double>(p[k])) - m;
      s += (w[k] / total) * std::exp(t);
      s_minus_1 += (w[k] / total) * std::expm1(t);
    }
  const long double log_s = s_minus_1 > -0.5L ? std::log1p(s_minus_1) : std::log(s);
  return std::exp(m / rho + log_s / rho);
}

const double kSigmas[] = {0.0, 0.5, 1.0 - 1e-9, 1.0, 1.0 + 1e-9, 2.0, 50.0, 500.0};

}  // namespace

TEST_CASE("closed forms: Leontief, sigma 0.5, Cobb-Douglas, harmonic") {
  const Vec w = {0.25, 0.75}, p = {2.0, 1.0};
  CHECK(index(w, p, 0.0) == doctest::Approx(1.25).epsilon(1e-15));
  // σ = 0.5: (Σ θ√p)² = (0.25·√2 + 0.75)²
  CHECK(index(w, p, 0.5) == doctest::Approx(std::pow(0.25 * std::sqrt(2.0) + 0.75, 2.0)).epsilon(1e-15));
  CHECK(index(w, p, 1.0) == doctest::Approx(std::pow(2.0, 0.25)).epsilon(1e-15));
  // σ = 2: (0.25/2 + 0.75)^(−1) = 1/0.875
  CHECK(index(w, p, 2.0) == doctest::Approx(1.0 / 0.875).epsilon(1e-15));
  // The weights are normalised: scaling them changes nothing.
  CHECK(index({1.0, 3.0}, p, 2.0) == doctest::Approx(1.0 / 0.875).epsilon(1e-15));
  CHECK(index({1e200, 3e200}, p, 0.5) == doctest::Approx(index(w, p, 0.5)).epsilon(1e-15));
  // Weights whose sum overflows are scaled first.
  CHECK(index({1e308, 1e308, 1e308}, {1.0, 2.0, 4.0}, 1.0) == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(index({1e308, 1e308}, {1e300, 1e300 * 3.0}, 0.0) == doctest::Approx(2e300).epsilon(1e-15));
}

TEST_CASE("every sigma of the grid against a long-double reference, ordinary and extreme prices") {
  struct Case {
    const char* name;
    Vec w, p;
    double tolerance;  // relative; a few ulps times max|ln p| (which is ≈ 691 for 1e±300)
  };
  const Case cases[] = {
      {"near baseline", {0.2, 0.3, 0.5}, {1.02, 0.97, 1.1}, 1e-14},
      {"tariff-sized", {0.6, 0.4}, {1.25, 0.8}, 1e-14},
      {"one zero weight", {0.3, 0.0, 0.7}, {1.5, 1e300, 0.9}, 1e-14},
      {"tiny prices", {0.5, 0.5}, {1e-300, 3e-300}, 1e-12},
      {"huge prices", {0.5, 0.5}, {1e300, 3e300}, 1e-12},
      {"mixture 1e-300 and 1e300", {0.5, 0.5}, {1e-300, 1e300}, 1e-12},
      {"mixture with a price 1", {0.1, 0.8, 0.1}, {1e-300, 1.0, 1e300}, 1e-12},
      {"tiny weight", {1e-300, 1.0}, {1e300, 1.0}, 1e-12},
  };
  for (const Case& c : cases)
    for (double sigma : kSigmas) {
      CAPTURE(c.name);
      CAPTURE(sigma);
      const double got = index(c.w, c.p, sigma);
      const long double want = reference(c.w, c.p, sigma);
      REQUIRE(std::isfinite(got));
      CHECK(got > 0.0);
      CHECK(static_cast<double>(std::abs((got - want) / want)) < c.tolerance);
    }
}

TEST_CASE("a dominant price at large sigma: P = p_min * theta_min^(-1/(sigma-1))") {
  // With p1 = 1e-300 and p2 = 1e300 at σ = 50 or 500, θ2·(p2/p1)^(1−σ) is below 1e-29000 of θ1:
  // P = p1·θ1^(1/(1−σ)) to double precision.
  for (double sigma : {50.0, 500.0}) {
    CAPTURE(sigma);
    const double p = index({0.25, 0.75}, {1e-300, 1e300}, sigma);
    CHECK(rel(p, 1e-300 * std::pow(0.25, 1.0 / (1.0 - sigma))) < 1e-12);
  }
  // σ = 0.5 with a zero weight on the huge price: the other price alone, exactly.
  CHECK(index({1.0, 0.0}, {1e-300, 1e300}, 0.5) == 1e-300);
}

TEST_CASE("continuity through sigma = 1: agrees with the expansion ln P = mean + (1-sigma) Var / 2") {
  // ln P(σ) = E_θ[ℓ] + ρ/2·Var_θ(ℓ) + O(ρ²), ρ = 1 − σ: at ρ = ±1e-9 the first-order term is the
  // whole difference from Cobb–Douglas up to ~1e-18, so the relative difference P(1±1e-9)/P(1) − 1
  // (about 1e-11 here) must equal ±1e-9·Var/2 to a few ulps of P (a naive pow has an error
  // ≈ 1e-16/ρ = 1e-7 there, ten thousand times the signal).
  const Vec w = {0.2, 0.3, 0.5}, p = {1.3, 0.8, 1.05};
  double mean = 0.0, var = 0.0;
  for (size_t k = 0; k < w.size(); ++k) mean += w[k] * std::log(p[k]);
  for (size_t k = 0; k < w.size(); ++k) var += w[k] * std::pow(std::log(p[k]) - mean, 2.0);
  const double cd = index(w, p, 1.0);
  CHECK(rel(cd, std::exp(mean)) < 1e-15);
  for (double rho : {1e-9, -1e-9}) {
    CAPTURE(rho);
    const double got = index(w, p, 1.0 - rho) / cd - 1.0;
    CHECK(std::abs(got - rho * var / 2.0) < 1e-15);
    CHECK(got * rho > 0.0);  // P falls as σ rises
  }
  // Prices within a few percent of baseline (tariff changes of a few points): within 1e-12 of
  // Cobb–Douglas at σ = 1 ± 1e-9.
  const Vec near = {1.03, 0.99, 1.02};
  for (double sigma : {1.0 - 1e-9, 1.0 + 1e-9}) CHECK(rel(index(w, near, sigma), index(w, near, 1.0)) < 1e-12);
  // Monotone in σ (the power mean of order 1 − σ falls as σ rises) across the branches.
  double previous = std::numeric_limits<double>::infinity();
  for (double sigma : {0.0, 0.5, 1.0 - 1e-6, 1.0 - 1e-9, 1.0, 1.0 + 1e-9, 1.0 + 1e-6, 2.0, 50.0, 500.0}) {
    CAPTURE(sigma);
    const double v = index(w, p, sigma);
    CHECK(v <= previous);
    previous = v;
  }
}

TEST_CASE("exact when all weighted prices are equal: 1.0 at a zero change, the common price otherwise") {
  const Vec w = {0.1, 0.2, 0.7}, ones = {1.0, 1.0, 1.0};
  for (double sigma : kSigmas) {
    CAPTURE(sigma);
    CHECK(index(w, ones, sigma) == 1.0);
    CHECK(index(w, {1.37, 1.37, 1.37}, sigma) == 1.37);
    CHECK(index({0.0, 1.0, 0.0}, {5.0, 0.42, 1e300}, sigma) == 0.42);  // one source with weight
    CHECK(index({0.0, 0.0}, {5.0, 7.0}, sigma) == 1.0);                // no basket: baseline
  }
}

TEST_CASE("homogeneous of degree 1 in prices; between the smallest and largest price") {
  const Vec w = {0.15, 0.25, 0.6}, p = {1.4, 0.7, 1.1};
  for (double sigma : kSigmas)
    for (double c : {1e-200, 0.3, 3.0, 1e200}) {
      CAPTURE(sigma);
      CAPTURE(c);
      Vec scaled = p;
      for (double& v : scaled) v *= c;
      CHECK(rel(index(w, scaled, sigma), c * index(w, p, sigma)) < 1e-12);
      const double v = index(w, p, sigma);
      CHECK(v >= 0.7);
      CHECK(v <= 1.4);
    }
}

TEST_CASE("no overflow or NaN for large sigma with extreme prices") {
  const Vec w = {0.3, 0.3, 0.4};
  const Vec extremes[] = {{1e-300, 1e300, 1.0},
                          {1e300, 1e300 * 1.5, 1e299},
                          {1e-300, 2e-300, 5e-301},
                          {std::numeric_limits<double>::max(), 1.0, std::numeric_limits<double>::min()}};
  for (const Vec& p : extremes)
    for (double sigma : {0.0, 0.5, 1.0 - 1e-9, 1.0, 1.0 + 1e-9, 2.0, 50.0, 500.0, 5000.0, 1e6}) {
      CAPTURE(sigma);
      CAPTURE(p[0]);
      const double v = index(w, p, sigma);
      CHECK(std::isfinite(v));
      CHECK(v >= *std::min_element(p.begin(), p.end()) * (1.0 - 1e-12));
      CHECK(v <= *std::max_element(p.begin(), p.end()) * (1.0 + 1e-12));
    }
}

TEST_CASE("a zero price, and invalid inputs give NaN") {
  // A free good: no contribution below σ = 1, a zero index from σ = 1 on.
  CHECK(index({0.5, 0.5}, {0.0, 4.0}, 0.0) == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(index({0.75, 0.25}, {0.0, 4.0}, 0.5) == doctest::Approx(0.25).epsilon(1e-15));  // (0.25·2)²
  for (double sigma : {1.0, 1.0 + 1e-9, 2.0, 500.0}) CHECK(index({0.5, 0.5}, {0.0, 4.0}, sigma) == 0.0);
  CHECK(index({0.5, 0.5}, {0.0, 0.0}, 2.0) == 0.0);
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  CHECK(std::isnan(index({0.5, 0.5}, {1.0, 2.0}, -0.5)));
  CHECK(std::isnan(index({0.5, 0.5}, {1.0, 2.0}, nan)));
  CHECK(std::isnan(index({0.5, 0.5}, {1.0, 2.0}, inf)));
  CHECK(std::isnan(index({0.5, nan}, {1.0, 2.0}, 2.0)));
  CHECK(std::isnan(index({0.5, inf}, {1.0, 2.0}, 2.0)));
  CHECK(std::isnan(index({0.5, 0.5}, {-1.0, 2.0}, 2.0)));
  CHECK(std::isnan(index({0.5, 0.5}, {nan, 2.0}, 2.0)));
  CHECK(std::isnan(index({0.5, 0.5}, {inf, 2.0}, 0.0)));
  // A non-positive weight takes the term out, whatever its price.
  CHECK(index({0.5, -0.1, 0.5}, {1.0, nan, 4.0}, 1.0) == doctest::Approx(2.0).epsilon(1e-15));
}

TEST_CASE("conditional demand (index/price)^sigma") {
  CHECK(ces_demand_factor(1.1, 1.0, 1.5) == std::pow(1.1, 1.5));
  CHECK(ces_demand_factor(0.9, 1.2, 0.0) == 1.0);
  CHECK(ces_demand_factor(1.3, 1.3, 500.0) == 1.0);
  CHECK(ces_demand_factor(1.0, 1.0, 2.0) == 1.0);
  // The quotient 1e300/1e-300 overflows; the factor (1e600)^0.5 = 1e300 does not.
  CHECK(rel(ces_demand_factor(1e300, 1e-300, 0.5), 1e300) < 1e-12);
  CHECK(rel(ces_demand_factor(1e-300, 1e300, 0.25), 1e-150) < 1e-12);
  CHECK(ces_demand_factor(0.0, 2.0, 3.0) == 0.0);  // a free good in the nest (σ ≥ 1): no other demand
  // Adding up (CES duality): Σ θ_k·p_k·(P/p_k)^σ = P when the composite quantity is 1 and θ are
  // the baseline value shares.
  const Vec w = {0.2, 0.3, 0.5}, p = {1.3, 0.8, 1.05};
  for (double sigma : kSigmas) {
    CAPTURE(sigma);
    const double pi = index(w, p, sigma);
    double spending = 0.0;
    for (size_t k = 0; k < w.size(); ++k) spending += w[k] * p[k] * ces_demand_factor(pi, p[k], sigma);
    CHECK(rel(spending, pi) < 1e-13);
  }
}
