#pragma once
/// \file ces.h
/// The CES (constant elasticity of substitution) price index and conditional demand shared by
/// the single-region trade model (trade.h) and the multi-region one (mrio_trade.h): one
/// implementation, docs/model.md §3 "The CES index at every σ".
///
/// With weights w_k ≥ 0 normalised to θ_k = w_k / Σ_j w_j (baseline value shares) and prices
/// p_k relative to baseline, the index of elasticity σ ≥ 0 is
///
///     P = ( Σ_k θ_k·p_k^(1−σ) )^(1/(1−σ))
///
/// (Arrow, Chenery, Minhas and Solow 1961; Armington 1969 for the nests by place of production;
/// Feenstra 2016, *Advanced International Trade*, 2nd ed., ch. 5, for the CES price index). Its
/// limits are taken exactly, never by dividing by 1 − σ:
///   - σ = 0 (Leontief, fixed proportions): the weighted arithmetic mean Σ θ_k·p_k;
///   - σ = 1 (Cobb–Douglas): the weighted geometric mean exp(Σ θ_k·ln p_k).
///
/// Numerics, with ρ = 1 − σ and ℓ_k = ln p_k:
///   - when every price with positive weight is the same price c, P = c exactly (one source, a
///     nest share of 0 or 1, and a zero change, where all prices are exactly 1 and P = 1.0);
///   - when |ρ|·max|ℓ_k| ≤ 1 (σ near 1, or prices near baseline):
///     ln P = log1p(Σ θ_k·expm1(ρ·ℓ_k)) / ρ, which tends to the geometric mean continuously as
///     σ → 1 (P(1 ± 1e-9) differs from P(1) by ≈ 1e-9·Var_θ(ℓ)/2, relatively), instead of the
///     catastrophic cancellation of a naive pow (relative error ≈ 1e-16/|ρ|);
///   - otherwise log-sum-exp: with t_k = ln θ_k + ρ·ℓ_k and m = max_k t_k,
///     ln P = (m + ln Σ_k exp(t_k − m)) / ρ (Blanchard, Higham and Higham 2021), so prices from
///     1e-300 to 1e300 and σ up to several hundred neither overflow nor underflow.
/// The result always lies between the smallest and the largest weighted price, so it is finite
/// whenever the prices are. Absolute error in ln P: a few ulps times max|ℓ_k| (tests/test_ces.cpp).
///
/// Both functions are pure and thread-safe.

namespace tradejobs {

/// The CES price index above over `count` terms (weights[k], prices[k]).
///
/// - Terms with weight ≤ 0 are not part of the basket (no, or a negative, baseline value); when
///   no term has a positive weight the index is 1 (baseline: nothing to price).
/// - The weights need not sum to 1: they are normalised here (and scaled first when their sum
///   would overflow).
/// - A price of 0 with positive weight is allowed: it contributes nothing for σ < 1 and makes
///   the index 0 for σ ≥ 1 (that good is free and perfectly attractive).
/// - Returns NaN (and nothing else is affected) when σ is negative or not finite, a weight is NaN
///   or infinite, or a price with positive weight is negative, NaN or infinite.
double ces_price_index(const double* weights, const double* prices, int count, double sigma);

/// Conditional CES demand per unit of the composite, relative to baseline:
/// (index / price)^σ for a member of price `price` > 0 in a nest of price index `index` > 0
/// (e.g. d = (P/pd)^σ_D, m = (P/PM)^σ_D, and (PM/pm_r)^σ_M for source r). Exactly 1 at σ = 0
/// and when index == price. Computed as exp(σ·(ln index − ln price)) when the quotient itself
/// would overflow or underflow.
double ces_demand_factor(double index, double price, double sigma);

}  // namespace tradejobs
