/// \file ces.cpp
/// The CES price index and conditional demand of ces.h (docs/model.md §3), used by both trade
/// models.

#include "tradejobs/models/ces.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tradejobs {

double ces_price_index(const double* w, const double* p, int k, double sigma) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!(sigma >= 0.0) || !std::isfinite(sigma)) return nan;
  int count = 0;
  double total = 0.0;
  double max_weight = 0.0;
  double first = 1.0;
  bool all_equal = true;
  bool any_zero = false;
  for (int j = 0; j < k; ++j) {
    if (!std::isfinite(w[j])) return nan;
    if (!(w[j] > 0.0)) continue;
    if (!(p[j] >= 0.0) || !std::isfinite(p[j])) return nan;
    if (count == 0)
      first = p[j];
    else if (p[j] != first)
      all_equal = false;
    if (p[j] == 0.0) any_zero = true;
    total += w[j];
    max_weight = std::max(max_weight, w[j]);
    ++count;
  }
  if (count == 0) return 1.0;   // no weight anywhere: nothing to price; keep the baseline
  if (all_equal) return first;  // a single source, a share of 0 or 1, a zero change: exact
  // Weights so large that their sum overflows: scale them by the largest first (the index only
  // depends on their ratios). Otherwise scale = 1, which changes no bit.
  double scale = 1.0;
  if (!std::isfinite(total)) {
    scale = 1.0 / max_weight;
    total = 0.0;
    for (int j = 0; j < k; ++j)
      if (w[j] > 0.0) total += w[j] * scale;
  }
  const double rho = 1.0 - sigma;
  if (rho == 1.0) {  // σ = 0, Leontief: weighted arithmetic mean
    double s = 0.0;
    for (int j = 0; j < k; ++j)
      if (w[j] > 0.0) s += (w[j] * scale) * p[j];
    if (std::isfinite(s)) return s / total;
    s = 0.0;  // w·p overflowed: the mean of prices near the largest double, with shares
    for (int j = 0; j < k; ++j)
      if (w[j] > 0.0) s += ((w[j] * scale) / total) * p[j];
    return s;
  }
  // σ ≥ 1 with a free good: Σ θ·p^(1−σ) is infinite (σ > 1) or ln p = −∞ (σ = 1), so P = 0.
  if (any_zero && rho <= 0.0) return 0.0;
  double max_abs_log = 0.0;
  for (int j = 0; j < k; ++j)
    if (w[j] > 0.0) max_abs_log = std::max(max_abs_log, std::abs(std::log(p[j])));
  if (rho == 0.0) {  // σ = 1, Cobb–Douglas: weighted geometric mean
    double s = 0.0;
    for (int j = 0; j < k; ++j)
      if (w[j] > 0.0) s += (w[j] * scale) * std::log(p[j]);
    return std::exp(s / total);
  }
  if (std::abs(rho) * max_abs_log <= 1.0) {
    // ln P = log1p(Σ θ_j·expm1(ρ·ln p_j)) / ρ: accurate for small ρ (σ near 1), where it tends
    // to the geometric mean continuously. Σ θ·e^x > 0, so the log1p argument is > −1.
    double s = 0.0;
    for (int j = 0; j < k; ++j)
      if (w[j] > 0.0) s += ((w[j] * scale) / total) * std::expm1(rho * std::log(p[j]));
    return std::exp(std::log1p(s) / rho);
  }
  // Large |ρ·ln p|: log-sum-exp, safe from overflow (prohibitive tariffs, large σ, extreme
  // prices). A zero price here has ρ > 0 and a term −∞, which contributes exp(−∞) = 0.
  double mx = -std::numeric_limits<double>::infinity();
  for (int j = 0; j < k; ++j)
    if (w[j] > 0.0) mx = std::max(mx, std::log((w[j] * scale) / total) + rho * std::log(p[j]));
  double s = 0.0;
  for (int j = 0; j < k; ++j)
    if (w[j] > 0.0) s += std::exp(std::log((w[j] * scale) / total) + rho * std::log(p[j]) - mx);
  return std::exp((mx + std::log(s)) / rho);
}

double ces_demand_factor(double index, double price, double sigma) {
  const double ratio = index / price;
  if (std::isnormal(ratio)) return std::pow(ratio, sigma);
  // The quotient overflowed or underflowed (or is 0, ∞ or NaN): go through logarithms.
  if (sigma == 0.0) return 1.0;
  return std::exp(sigma * (std::log(index) - std::log(price)));
}

}  // namespace tradejobs
