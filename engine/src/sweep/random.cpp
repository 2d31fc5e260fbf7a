#include "tradejobs/engine/random.h"

#include <algorithm>
#include <cmath>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> c, std::array<std::uint32_t, 2> k) {
  // Salmon et al. (2011), Philox4x32 with 10 rounds: multipliers and Weyl key increments
  // as in Random123's philox.h.
  constexpr std::uint64_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
  constexpr std::uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += W0;
      k[1] += W1;
    }
    const std::uint64_t p0 = M0 * c[0], p1 = M1 * c[2];
    const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
  }
  return c;
}

std::uint32_t random_stream_of(const std::string& key_path) {
  std::uint32_t h = 2166136261u;
  for (unsigned char ch : key_path) {
    h ^= ch;
    h *= 16777619u;
  }
  return h;
}

double uniform_draw(std::uint64_t seed, std::uint64_t run, std::uint32_t stream, std::uint32_t attempt) {
  const auto out =
      philox4x32_10({attempt, stream, static_cast<std::uint32_t>(run), static_cast<std::uint32_t>(run >> 32)},
                    {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
  // 52 bits, so that bits + 0.5 is exact: u ∈ [2⁻⁵³, 1 − 2⁻⁵³], never 0 or 1.
  const std::uint64_t bits = ((static_cast<std::uint64_t>(out[0]) << 32) | out[1]) >> 12;
  return (static_cast<double>(bits) + 0.5) * 0x1p-52;
}

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double standard_normal_upper_tail(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }

double standard_normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
  }
  // Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37(3), 477-484, 1988.
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r +
                4.5921953931549871457e+4) *
                   r +
               1.3731693765509461125e+4) *
                  r +
              1.9715909503065514427e+3) *
                 r +
             1.3314166789178437745e+2) *
                r +
            3.3871328727963666080e+0) /
           (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r +
                2.1213794301586595867e+4) *
                   r +
               5.3941960214247511077e+3) *
                  r +
              6.8718700749205790830e+2) *
                 r +
             4.2313330701600911252e+1) *
                r +
            1.0);
  }
  double r = q < 0.0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double value;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
                 1.27045825245236838258e+0) *
                    r +
                3.64784832476320460504e+0) *
                   r +
               5.76949722146069140550e+0) *
                  r +
              4.63033784615654529590e+0) *
                 r +
             1.42343711074968357734e+0) /
            (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
                 1.48103976427480074590e-1) *
                    r +
                6.89767334985100004550e-1) *
                   r +
               1.67638483018380384940e+0) *
                  r +
              2.05319162663775882187e+0) *
                 r +
             1.0);
  } else {
    r -= 5.0;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
                 2.65321895265761230930e-2) *
                    r +
                2.96560571828504891230e-1) *
                   r +
               1.78482653991729133580e+0) *
                  r +
              5.46378491116411436990e+0) *
                 r +
             6.65790464350110377720e+0) /
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
                 7.86869131145613259100e-4) *
                    r +
                1.48753612908506148525e-2) *
                   r +
               1.36929880922735805310e-1) *
                  r +
              5.99832206555887937690e-1) *
                 r +
             1.0);
  }
  return q < 0.0 ? -value : value;
}

const char* distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Normal:
      return "normal";
    case DistributionKind::Lognormal:
      return "lognormal";
    case DistributionKind::Uniform:
      return "uniform";
    case DistributionKind::Triangular:
      return "triangular";
  }
  return "?";
}

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

bool ParameterDistribution::truncated() const { return min > -kInf || max < kInf; }

bool ParameterDistribution::is_valid(std::string* error, std::string* field) const {
  auto bad = [&](const char* f, double v, const std::string& constraint) {
    if (field) *field = f;
    if (error) *error = std::string(f) + " = " + format_number(v) + ": " + constraint;
    return false;
  };
  switch (kind) {
    case DistributionKind::Normal:
      if (!std::isfinite(mean)) return bad("mean", mean, "must be a finite number");
      if (!(sd > 0.0 && std::isfinite(sd))) return bad("sd", sd, "must be > 0 (the standard deviation)");
      break;
    case DistributionKind::Lognormal:
      if (!std::isfinite(mu)) return bad("mu", mu, "must be a finite number (the mean of the logarithm)");
      if (!(sigma > 0.0 && std::isfinite(sigma)))
        return bad("sigma", sigma, "must be > 0 (the standard deviation of the logarithm)");
      break;
    case DistributionKind::Uniform:
      if (!std::isfinite(low)) return bad("low", low, "must be a finite number");
      if (!(high > low && std::isfinite(high))) return bad("high", high, "must be > low = " + format_number(low));
      break;
    case DistributionKind::Triangular:
      if (!std::isfinite(low)) return bad("low", low, "must be a finite number");
      if (!(high > low && std::isfinite(high))) return bad("high", high, "must be > low = " + format_number(low));
      if (!(mode >= low && mode <= high))
        return bad("mode", mode, "must lie in [low, high] = [" + format_number(low) + ", " + format_number(high) + "]");
      break;
  }
  if (std::isnan(min)) return bad("min", min, "must be a number");
  if (std::isnan(max)) return bad("max", max, "must be a number");
  if (!(max > min)) return bad("max", max, "must be > min = " + format_number(min));
  if (!(highest() > lowest()) || !(truncation_mass() > 1e-12))
    return bad(min > -kInf ? "min" : "max", min > -kInf ? min : max,
               "the interval [min, max] = [" + format_number(min) + ", " + format_number(max) +
                   "] holds (almost) no probability of the " + distribution_name(kind) + " distribution");
  return true;
}

double ParameterDistribution::cdf(double x) const {
  switch (kind) {
    case DistributionKind::Normal:
      return standard_normal_cdf((x - mean) / sd);
    case DistributionKind::Lognormal:
      return x <= 0.0 ? 0.0 : standard_normal_cdf((std::log(x) - mu) / sigma);
    case DistributionKind::Uniform:
      return x <= low ? 0.0 : x >= high ? 1.0 : (x - low) / (high - low);
    case DistributionKind::Triangular:
      if (x <= low) return 0.0;
      if (x >= high) return 1.0;
      if (x <= mode) return (x - low) * (x - low) / ((high - low) * (mode - low));
      return 1.0 - (high - x) * (high - x) / ((high - low) * (high - mode));
  }
  return 0.0;
}

double ParameterDistribution::upper_tail(double x) const {
  switch (kind) {
    case DistributionKind::Normal:
      return standard_normal_upper_tail((x - mean) / sd);
    case DistributionKind::Lognormal:
      return x <= 0.0 ? 1.0 : standard_normal_upper_tail((std::log(x) - mu) / sigma);
    case DistributionKind::Uniform:
      return x <= low ? 1.0 : x >= high ? 0.0 : (high - x) / (high - low);
    case DistributionKind::Triangular:
      if (x <= low) return 1.0;
      if (x >= high) return 0.0;
      if (x > mode) return (high - x) * (high - x) / ((high - low) * (high - mode));
      return 1.0 - (x - low) * (x - low) / ((high - low) * (mode - low));
  }
  return 0.0;
}

double ParameterDistribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::Normal:
      return mean + sd * standard_normal_quantile(u);
    case DistributionKind::Lognormal:
      return std::exp(mu + sigma * standard_normal_quantile(u));
    case DistributionKind::Uniform:
      return low + u * (high - low);
    case DistributionKind::Triangular: {
      const double fc = (mode - low) / (high - low);
      if (u < fc) return low + std::sqrt(u * (high - low) * (mode - low));
      return high - std::sqrt((1.0 - u) * (high - low) * (high - mode));
    }
  }
  return 0.0;
}

double ParameterDistribution::truncation_mass() const {
  // Work in the tail where the numbers are small, to keep precision far from the centre.
  const double lo_cdf = min > -kInf ? cdf(min) : 0.0;
  const double hi_cdf = max < kInf ? cdf(max) : 1.0;
  if (lo_cdf > 0.5) return (min > -kInf ? upper_tail(min) : 1.0) - (max < kInf ? upper_tail(max) : 0.0);
  return hi_cdf - lo_cdf;
}

double ParameterDistribution::lowest() const {
  // The most extreme uniforms uniform_draw returns are 2⁻⁵³ and 1 − 2⁻⁵³: a normal draw
  // never passes 8.2 standard deviations from the mean.
  return std::max(quantile(0x1p-53), min);
}

double ParameterDistribution::highest() const { return std::min(quantile(1.0 - 0x1p-53), max); }

double ParameterDistribution::theoretical_mean() const {
  switch (kind) {
    case DistributionKind::Normal:
      return mean;
    case DistributionKind::Lognormal:
      return std::exp(mu + 0.5 * sigma * sigma);
    case DistributionKind::Uniform:
      return 0.5 * (low + high);
    case DistributionKind::Triangular:
      return (low + mode + high) / 3.0;
  }
  return 0.0;
}

double ParameterDistribution::theoretical_variance() const {
  switch (kind) {
    case DistributionKind::Normal:
      return sd * sd;
    case DistributionKind::Lognormal:
      return std::expm1(sigma * sigma) * std::exp(2.0 * mu + sigma * sigma);
    case DistributionKind::Uniform:
      return (high - low) * (high - low) / 12.0;
    case DistributionKind::Triangular:
      return (low * low + mode * mode + high * high - low * mode - low * high - mode * high) / 18.0;
  }
  return 0.0;
}

double ParameterDistribution::sample(std::uint64_t seed, std::uint64_t run, std::uint32_t stream) const {
  if (!truncated()) return quantile(uniform_draw(seed, run, stream, 0));
  const double mass = truncation_mass();
  if (mass >= 0.25) {
    for (std::uint32_t attempt = 0; attempt < kTruncationAttempts; ++attempt) {
      const double x = quantile(uniform_draw(seed, run, stream, attempt));
      if (x >= min && x <= max) return x;
    }
  }
  // Inverse CDF on the truncated interval, from the tail nearer the interval so that far
  // tails keep their precision.
  const double u = uniform_draw(seed, run, stream, kTruncationAttempts);
  const double lo_cdf = min > -kInf ? cdf(min) : 0.0;
  double x;
  if (lo_cdf > 0.5) {
    const double lo_tail = upper_tail(min), hi_tail = max < kInf ? upper_tail(max) : 0.0;
    x = quantile(1.0 - (lo_tail - u * (lo_tail - hi_tail)));
    if (kind == DistributionKind::Normal || kind == DistributionKind::Lognormal) {
      // 1 − tail loses digits when the tail is tiny: invert the tail directly.
      const double z = -standard_normal_quantile(lo_tail - u * (lo_tail - hi_tail));
      x = kind == DistributionKind::Normal ? mean + sd * z : std::exp(mu + sigma * z);
    }
  } else {
    const double hi_cdf = max < kInf ? cdf(max) : 1.0;
    x = quantile(lo_cdf + u * (hi_cdf - lo_cdf));
  }
  // The result lies in [min, max] up to the last bit of rounding in the CDF and its inverse;
  // only that rounding is removed here (mathematically the draw is inside the interval).
  return std::min(std::max(x, lowest()), highest());
}

}  // namespace tradejobs
