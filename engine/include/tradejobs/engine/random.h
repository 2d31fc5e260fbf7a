#pragma once
/// \file random.h
/// Random draws for sweeps (docs/model.md §6; issue 5): a counter-based generator, so that every
/// draw is a pure function of (seed, run index, stream, attempt) and any run can be
/// recomputed alone, on any thread, in any order.
///
/// Generator: Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as
/// easy as 1, 2, 3", SC 2011), checked against the Random123 known-answer vectors. The
/// 64-bit seed is the key; the counter is (attempt, stream, run low 32 bits, run high 32
/// bits), where the stream is the 32-bit FNV-1a hash of the varied key path. A uniform
/// draw takes the top 52 bits b of the first two output words: u = (b + 0.5)·2⁻⁵² ∈ (0, 1).
/// Non-uniform draws use the inverse CDF (one uniform per attempt), so a draw never
/// depends on another key's draws.
///
/// Example:
///   ParameterDistribution d;  d.kind = DistributionKind::Normal;  d.mean = -2;  d.sd = 0.5;
///   d.max = -0.1;
///   double eta = d.sample(2018, /*run=*/17, random_stream_of("parameters.export_demand"));

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace tradejobs {

/// One Philox4x32-10 block: 4 words of output for a 4-word counter and a 2-word key.
std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key);

/// 32-bit FNV-1a hash of a text (the stream number of a varied key path).
std::uint32_t random_stream_of(const std::string& key_path);

/// A uniform draw in the open interval (0, 1) for (seed, run, stream, attempt).
double uniform_draw(std::uint64_t seed, std::uint64_t run, std::uint32_t stream, std::uint32_t attempt);

/// Standard normal CDF Φ(x) (via erfc, accurate in both tails).
double standard_normal_cdf(double x);
/// Standard normal upper tail 1 − Φ(x), without cancellation for large x.
double standard_normal_upper_tail(double x);
/// Standard normal quantile Φ⁻¹(p) for p in (0, 1): Wichura's AS 241 (PPND16, Applied
/// Statistics 37, 1988), relative accuracy about 1e-16.
double standard_normal_quantile(double p);

/// The distributions a sweep can draw from (docs/model.md §9).
enum class DistributionKind { Normal, Lognormal, Uniform, Triangular };

/// Name of a distribution kind as written in sweep files ("normal", ...).
const char* distribution_name(DistributionKind kind);

/// A distribution of one varied value, optionally truncated to [min, max]. Only the fields of
/// its kind are used; values are in the unit of the key path it varies.
struct ParameterDistribution {
  DistributionKind kind = DistributionKind::Normal;       ///< Which family.
  double mean = 0.0;                                      ///< normal: mean.
  double sd = 1.0;                                        ///< normal: standard deviation (> 0).
  double mu = 0.0;                                        ///< lognormal: mean of the logarithm.
  double sigma = 1.0;                                     ///< lognormal: standard deviation of the logarithm (> 0).
  double low = 0.0;                                       ///< uniform, triangular: lower end.
  double high = 1.0;                                      ///< uniform, triangular: upper end (> low).
  double mode = 0.5;                                      ///< triangular: the mode, in [low, high].
  double min = -std::numeric_limits<double>::infinity();  ///< Truncation: lower bound (-inf = none).
  double max = std::numeric_limits<double>::infinity();   ///< Truncation: upper bound (+inf = none).

  /// True when valid; otherwise false, `*error` = "FIELD = VALUE: constraint" (e.g.
  /// "sd = -1: must be > 0") and `*field` (when given) names the offending field. Checks that
  /// [min, max] keeps a positive probability.
  bool is_valid(std::string* error, std::string* field = nullptr) const;
  /// CDF of the untruncated distribution.
  double cdf(double x) const;
  /// Upper tail 1 − CDF of the untruncated distribution (accurate where the CDF is near 1).
  double upper_tail(double x) const;
  /// Quantile of the untruncated distribution, u in (0, 1).
  double quantile(double u) const;
  /// Probability of [min, max] under the untruncated distribution.
  double truncation_mass() const;
  /// Smallest and largest value a draw can take: the quantiles of the extreme uniforms
  /// 2⁻⁵³ and 1 − 2⁻⁵³ (±8.2 sd for a normal), within [min, max].
  double lowest() const;
  double highest() const;
  /// Mean and variance of the untruncated distribution (for tests and documentation).
  double theoretical_mean() const;
  double theoretical_variance() const;
  /// The draw of run `run` on `stream`. Truncation never clamps: up to
  /// `kTruncationAttempts` fresh draws are tried (attempt 0, 1, ...), the first inside
  /// [min, max] is taken; if none is (or the interval holds less than a quarter of the
  /// mass), the inverse CDF maps one more uniform onto [CDF(min), CDF(max)]. Both branches
  /// sample the truncated distribution exactly.
  double sample(std::uint64_t seed, std::uint64_t run, std::uint32_t stream) const;
  /// Fresh draws tried before the inverse CDF on the truncated interval.
  static constexpr std::uint32_t kTruncationAttempts = 32;
  /// True when min or max is set.
  bool truncated() const;
};

}  // namespace tradejobs
