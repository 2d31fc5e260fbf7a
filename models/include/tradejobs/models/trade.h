#pragma once
/// \file trade.h
/// The trade module of docs/model.md §3: two-level CES (Armington) demand per product — domestic
/// versus imported (nest 1, σ_D) and among import sources (nest 2, σ_M) — in calibrated share
/// form, with the §2 cost-push price model feeding domestic prices back into the trade
/// choice, and the responses propagated consistently into the input-output model:
/// A' = diag(d)·A, Am' = diag(m)·Am, Fd' = diag(d∘q)·Fd, Fm' = diag(m∘q)·Fm, exports e',
/// and (I − A')·x' = Fd'·1 + e'. The shocked system is never factorised afresh: it is solved
/// from the base factorisation by an exact low-rank (Sherman–Morrison–Woodbury) update when
/// few rows of A move, and otherwise by the iteration x ← x₀' + L·(ΔA·x) (§3 "Solving fast").
/// Quotas are solved for their tariff equivalent by monotone bisection.
///
/// Units: money in the economy's currency unit (e.g. USD million). Import and export
/// "volumes" are quantities measured at baseline prices (so baseline volume = baseline value
/// in the table, imports valued cif before duties). Prices are relative to baseline (= 1).
/// Rates are fractions (0.05 = 5%). See docs/trade.md for every equation and decision.
///
/// Example:
///   const IoCoefficients c = io_coefficients(economy);
///   const LeontiefSystem io(c.technical_coefficients);
///   TradeModel model(economy, c, io);                        // once per economy
///   TradeShock s = model.no_change();
///   s.tariff(i, r) = 0.25;                                   // 25% on product i from partner r
///   TradeResult res = model.solve(s, TradeParameters::defaults(model.sectors()), TradeOptions{});
///   // res.output_change, res.imports, res.tariff_revenue, res.solver_path, ...

#include <Eigen/Core>
#include <stdexcept>
#include <string>
#include <vector>

#include "tradejobs/models/economy.h"
#include "tradejobs/models/input_output.h"

namespace tradejobs {

/// Base of the errors a trade solve can raise once its inputs are valid: the model could not
/// be solved (the engine maps it to exit code 1, docs/model.md §9). Invalid inputs raise
/// std::invalid_argument instead (exit code 2).
class TradeSolveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The shocked table is not productive (ρ(A') ≥ 1, I − A' singular), or the iterative path
/// diverged or ran out of iterations (docs/model.md §3 "Solving fast"). The message says why.
class NotProductiveError : public TradeSolveError {
 public:
  using TradeSolveError::TradeSolveError;
};

/// A quota cannot be met by any finite tariff equivalent (import demand does not respond to
/// price), or several quotas did not settle (docs/model.md §3 `quota`).
class QuotaError : public TradeSolveError {
 public:
  using TradeSolveError::TradeSolveError;
};

/// Per-sector parameters of the trade module (size n each; docs/model.md §3). Defaults per §3 are
/// filled by the engine from the economy and the scenario.
struct TradeParameters {
  Eigen::VectorXd armington;                ///< σ_D ≥ 0: domestic versus imported (nest 1).
  Eigen::VectorXd source_substitution;      ///< σ_M ≥ 0: among import sources (nest 2).
  Eigen::VectorXd final_demand_elasticity;  ///< ε ≤ 0: composite final demand to its price.
  Eigen::VectorXd export_demand;            ///< η ≤ 0, finite: foreign demand for our exports.
  /// η by product and export partner, n×Re (≤ 0, finite): the elasticity of partner r's
  /// buyers' demand for our product i (docs/trade.md "Export demand by partner"). Empty (the
  /// default): export_demand(i) for every partner.
  Eigen::MatrixXd export_demand_by_partner;
  Eigen::VectorXd pass_through;  ///< In [0, 1]: share of a partner-price change passed to the domestic price.
  /// σ_D 1.5, σ_M 2·σ_D = 3, ε −0.5, η −2, pass-through 1, for n sectors.
  static TradeParameters defaults(int n);
  /// True when the sizes agree and every value is finite and within its bounds; otherwise
  /// false with a message naming the field, sector index, value and constraint, e.g.
  /// "TradeParameters::armington[3] = -1: must be >= 0".
  bool is_valid(std::string* error) const;
};

/// A quota: ceiling on the import volume of one product from a set of partners (docs/model.md §3).
struct QuotaMeasure {
  int sector = 0;             ///< Product index i.
  std::vector<int> partners;  ///< Import-partner indices r (columns of TradeShock::tariff).
  double quantity = 0.0;      ///< Ceiling on Σ_r M_ir', currency units at baseline prices (> 0).
};

/// The measures of one scenario, resolved to numbers. The identity shock (no_change()) gives
/// exactly the baseline everywhere.
struct TradeShock {
  Eigen::MatrixXd
      tariff_base;  ///< n×Rm applied import tariff rates in the baseline (0.05 = 5%); weights of the calibration.
  Eigen::MatrixXd tariff;  ///< n×Rm applied import tariff rates after the measures.
  Eigen::MatrixXd
      ntm_cost;  ///< n×Rm ad valorem equivalent of non-tariff measures that raise cost (no revenue); 0 = none.
  Eigen::MatrixXd ntm_rent;  ///< n×Rm ad valorem equivalent of non-tariff measures whose rent is reported like revenue.
  Eigen::MatrixXd import_price;         ///< n×Rm world (cif) price multipliers, > 0 (1 = none).
  Eigen::MatrixXd export_tariff_base;   ///< n×Re partner tariffs on our exports in the baseline.
  Eigen::MatrixXd export_tariff;        ///< n×Re partner tariffs on our exports after the measures.
  Eigen::MatrixXd export_demand_shift;  ///< n×Re exogenous multipliers of foreign demand, ≥ 0 (1 = none).
  Eigen::VectorXd final_demand_change;  ///< n: absolute change in domestic final demand, currency units.
  /// n: extra final demand for domestic output at baseline prices (e.g. spent tariff revenue,
  /// docs/trade.md "Tariff revenue"), scaled by the nest-1 factor d: Fd'·1 gains d∘this. Empty
  /// or zero: none. Unlike final_demand_change it follows the domestic/imported choice.
  Eigen::VectorXd final_spending_domestic;
  /// n: the imported part of the same spending at baseline prices, scaled by m: imports of
  /// final use gain m∘this (so they pay tariffs like other imports). Empty or zero: none.
  Eigen::VectorXd final_spending_imported;
  std::vector<QuotaMeasure> quotas;  ///< Import quotas (solved for their tariff equivalents).
};

/// Options of a trade solve (docs/model.md §3 "Solving fast").
struct TradeOptions {
  /// §2 domestic price changes feed the trade module (pd' = 1 + Δp); false: pd' = 1.
  bool price_feedback = true;
  /// Relative residual ‖(I − A')x − f'‖₂/‖f'‖₂ at which the iterative path stops. Default 1e-12.
  double tolerance = 1e-12;
  /// Most iterations of the iterative path before it fails. Default 500.
  int max_iterations = 500;
  /// Relative tolerance of the quota bisection on volume: |V − quota| ≤ tol·quota. Default 1e-10.
  double quota_tolerance = 1e-10;
  /// Use the exact Woodbury update when at most this many rows of A move (k ≤ this). Default
  /// 32: Woodbury costs k + 1 triangular-solve pairs (amortised over a batch that shares the
  /// rows) and is exact; the iteration costs one solve pair and one product per iteration,
  /// typically 5–15 for realistic measures; see docs/trade.md.
  int woodbury_max_rank = 32;
  /// When the iteration diverges or stalls, solve the same shocked system exactly by the
  /// Woodbury update over all moving rows before failing: a run then fails only when the
  /// shocked table is really not productive. False: fail as soon as the iteration fails.
  bool fallback_to_woodbury = true;
  /// Most rounds of the Gauss–Seidel loop over several quotas. Default 100.
  int max_quota_rounds = 100;
  /// True when every option is within bounds; otherwise false with a message naming the
  /// field, the value and the constraint.
  bool is_valid(std::string* error) const;
};

/// The outcome of one quota (docs/model.md §3 `quota`).
struct QuotaResult {
  int sector = 0;                     ///< Product index i.
  std::vector<int> partners;          ///< Partner indices of the quota.
  double quantity = 0.0;              ///< The ceiling, currency units at baseline prices.
  bool binding = false;               ///< False: demand is already within the quota; nothing changes.
  std::string status;                 ///< "binding" or "not binding".
  double tariff_equivalent = 0.0;     ///< Rate added to the partners' applied tariff (0.2 = 20 points).
  double volume = 0.0;                ///< Σ_r M_ir' at the solution, currency units at baseline prices.
  double volume_without_quota = 0.0;  ///< The same at tariff equivalent 0 (other quotas at their solution).
  double rent = 0.0;                  ///< Σ_r te·pw_ir'·M_ir', currency units.
  int bisection_steps = 0;            ///< Model solves spent in the last bisection of this quota.
};

/// Everything the engine reports of a trade solve. Vectors are by product (n), matrices n×Rm
/// (import partners) or n×Re (export partners). Money and volumes in currency units (volumes
/// at baseline prices); prices relative to baseline (= 1).
struct TradeResult {
  // --- output (§3: (I − A')x' = Fd'·1 + e') ---
  Eigen::VectorXd output_base;  ///< x: baseline gross output solved as L·(Fd·1 + e·1) (equals the table to rounding).
  Eigen::VectorXd output;       ///< x' after the measures.
  Eigen::VectorXd output_change;  ///< x' − x.
  /// g = (I − A)(x' − x): the change in final demand that would produce the same output change
  /// at base technology (input to the Type II induced effects, §2).
  Eigen::VectorXd effective_demand_change;

  // --- prices (§2, §3) ---
  Eigen::VectorXd domestic_price;      ///< pd' = 1 + Δp (1 without price feedback).
  Eigen::VectorXd import_price_index;  ///< PM' (nest 2 CES index over partners, σ_M).
  Eigen::VectorXd composite_price;     ///< P' (nest 1 CES index of pd' and PM', σ_D).
  Eigen::MatrixXd partner_price;       ///< pm' n×Rm: tariff-inclusive price of each source relative to baseline.
  Eigen::MatrixXd world_price;  ///< pw' n×Rm: cif world price relative to baseline (pass-through < 1 lowers it).

  // --- demand factors (§3) ---
  Eigen::VectorXd domestic_factor;      ///< d = (P'/pd')^σ_D: row scale of A and of Fd (with q).
  Eigen::VectorXd import_factor;        ///< m = (P'/PM')^σ_D: row scale of Am and of Fm (with q).
  Eigen::VectorXd final_demand_factor;  ///< q = P'^ε: composite final demand.
  Eigen::VectorXd domestic_share;  ///< α: baseline share of domestic supply in domestic use (tariff-inclusive values).

  // --- final demand and exports ---
  Eigen::VectorXd final_demand_base;  ///< Fd·1: baseline domestic final demand by product.
  Eigen::VectorXd final_demand;       ///< Fd'·1 = d∘q∘(Fd·1) + final_demand_change + d∘final_spending_domestic.
  Eigen::MatrixXd exports_base;       ///< e, n×Re.
  Eigen::MatrixXd exports;         ///< e' = e∘(pd'·(1+τx')/(1+τx))^η∘shift, n×Re (η by partner where given).
  Eigen::VectorXd exports_change;  ///< (e' − e)·1 by product.

  // --- imports (volumes at baseline prices) ---
  Eigen::MatrixXd imports_base;           ///< M_ir, n×Rm (intermediate + final).
  Eigen::MatrixXd imports;                ///< M_ir' = s_ir·M_i'·(PM_i'/pm_ir')^σ_M, n×Rm.
  Eigen::VectorXd imports_change;         ///< (M' − M)·1 by product (sum over partners).
  Eigen::VectorXd import_composite_base;  ///< M_i = Am·x + Fm·1.
  Eigen::VectorXd import_composite;       ///< M_i' = m∘(Am·x') + m∘q∘(Fm·1) + m∘final_spending_imported.
  Eigen::VectorXd imports_intermediate;   ///< m∘(Am·x'), the intermediate part of M_i'.
  Eigen::VectorXd imports_final;  ///< m∘q∘(Fm·1) + m∘final_spending_imported, the final-use part of M_i'.

  // --- revenue and rents (currency units) ---
  double tariff_revenue_base = 0.0;                ///< Σ τ·pw·M at baseline (pw = 1).
  double tariff_revenue = 0.0;                     ///< Σ τ'·pw'·M' after.
  Eigen::VectorXd tariff_revenue_by_product_base;  ///< By product, baseline.
  Eigen::VectorXd tariff_revenue_by_product;       ///< By product, after.
  double ntm_rent = 0.0;                           ///< Σ ntm_rent'·pw'·M'.
  double quota_rent = 0.0;                         ///< Σ over quotas of their rent.
  std::vector<QuotaResult> quotas;                 ///< One per quota of the shock, in order.
  Eigen::MatrixXd quota_tariff_equivalent;         ///< n×Rm tariff equivalents added by the quotas (0 where none).

  // --- diagnostics (§3 "Solving fast") ---
  std::string solver_path;             ///< "baseline" (no row moved), "woodbury", "iterative", or "woodbury-fallback".
  int moving_rows = 0;                 ///< k: rows of A that moved (d_i ≠ 1 on a non-zero row).
  int iterations = 0;                  ///< Iterations of the iterative path (0 otherwise).
  double residual = 0.0;               ///< Final relative residual ‖(I − A')x' − f'‖₂/‖f'‖₂.
  double spectral_radius_bound = 0.0;  ///< Upper bound on ρ(A') (Collatz–Wielandt), < 1 certifies productivity.
  int model_solves = 1;                ///< Full model solves spent (1 + the quota bisection steps).
  std::vector<std::string> notes;      ///< What a reader should know (fallbacks taken, quotas not binding, ...).
};

/// The results of a batch (solve_batch): results[i] is empty-valued and errors[i] says why
/// where run i failed with a TradeSolveError; other runs are unaffected.
struct TradeBatchResult {
  std::vector<TradeResult> results;  ///< One per shock, in order.
  std::vector<std::string> errors;   ///< Empty string where the run succeeded.
  int failed = 0;                    ///< Number of failed runs.
};

/// Baseline quantities of one economy precomputed once (volume shares, base flows, the base
/// factorisation, the baseline solution); solve() is then cheap and const (thread-safe).
class TradeModel {
 public:
  /// `c` and `io` must be those of `e` (io_coefficients(e), LeontiefSystem(c.technical_coefficients)).
  /// Throws std::invalid_argument when the trade blocks of the economy have wrong sizes.
  TradeModel(const Economy& e, const IoCoefficients& c, const LeontiefSystem& io);

  /// The identity shock of the right sizes: tariff_base = tariff = the economy's tariffs (or
  /// 0), export tariffs likewise, no NTM, price and demand multipliers 1, no quotas.
  TradeShock no_change() const;

  /// Solves one scenario (docs/model.md §3). Throws std::invalid_argument for invalid inputs
  /// (message names the field, index, value and constraint) and a TradeSolveError
  /// (NotProductiveError, QuotaError) when the model cannot be solved.
  TradeResult solve(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const;

  /// Many runs at once, every O(n²) step as a matrix–matrix product over the block of runs:
  /// the §2 cost push (ΔP = Lᵀ·Amᵀ·ΔΠ, one GEMM and one blocked transposed solve, or one GEMM
  /// with the explicit (Am·L)ᵀ at small n), the baseline path (one blocked solve), the
  /// iterative path, Woodbury (x₀ blocked, the k×k solves per run, runs sharing the moving
  /// rows together), the residual and A·Δx, Am·x' of the results (two GEMMs). Runs with quotas
  /// are solved one at a time. `p` has one entry (shared) or one per shock. Equal to solve()
  /// run by run to rounding (≤ 1e-10 relative); a batch of one run is exactly solve(), and a
  /// zero shock gives bitwise the baseline in a batch too. Invalid inputs throw
  /// std::invalid_argument naming the run; solve failures are recorded per run.
  TradeBatchResult solve_batch(const std::vector<TradeShock>& shocks, const std::vector<TradeParameters>& p,
                               const TradeOptions& o) const;

  /// Checks a shock against this economy's sizes and bounds; message names field, indices, value.
  bool is_valid(const TradeShock& s, std::string* error) const;

  int sectors() const { return n_; }           ///< n.
  int import_partners() const { return rm_; }  ///< Rm (1 when the economy gives no partner split).
  int export_partners() const { return re_; }  ///< Re.
  const std::vector<std::string>& import_partner_names() const {
    return import_partner_names_;
  }  ///< "ROW" if none given.
  const std::vector<std::string>& export_partner_names() const { return export_partner_names_; }
  /// Baseline output x = L·(Fd·1 + e·1), computed exactly as solve() computes x' (so a zero
  /// shock gives bitwise this).
  const Eigen::VectorXd& baseline_output() const { return x_base_; }
  /// Volume shares s_ir of partners in imports of each product (rows sum to 1), n×Rm.
  const Eigen::MatrixXd& import_volume_shares() const { return shares_; }
  /// A' = diag(d)·A for a result's domestic_factor d.
  Eigen::MatrixXd shocked_technical_coefficients(const TradeResult& r) const;
  /// ‖x' − A'x' − Fd'·1 − e'·1‖₂ / ‖x'‖₂: the §3 row identity after the shock (≈ 1e-15).
  double row_identity_residual(const TradeResult& r) const;
  /// x' from a fresh LU factorisation of I − A' (reference for tests and diagnostics only;
  /// solve() never does this).
  Eigen::VectorXd solve_fresh(const TradeResult& r) const;

  struct Run;         ///< Internal state of one run (trade_solver.cpp).
  class BlockSolver;  ///< Internal: L·F, L[:,J] and the cost push over a block of runs (trade_internal.h).

  /// Largest n for which the model forms the explicit Leontief inverse L and (Am·L)ᵀ once, at
  /// construction, and solves batches of runs with GEMMs instead of triangular solves (at
  /// small n a triangular solve of a block runs far below the GEMM rate; see docs/trade.md).
  static constexpr int kExplicitInverseMaxSectors = 200;
  /// True when this model holds the explicit L (n ≤ kExplicitInverseMaxSectors).
  bool has_explicit_inverse() const { return l_.size() > 0; }

 private:
  void prepare(Run& run, const TradeOptions& o) const;
  void prepare_prices(Run& run) const;
  void prepare_quantities(Run& run) const;
  void cost_push_batch(std::vector<Run*>& runs, const BlockSolver& solver) const;
  void solve_linear(std::vector<Run*>& runs, const TradeOptions& o, const BlockSolver& solver) const;
  void finish_batch(std::vector<Run*>& runs, std::vector<TradeResult*>& out) const;
  void finish(Run& run, const Eigen::Ref<const Eigen::VectorXd>& dx, const Eigen::Ref<const Eigen::VectorXd>& a_dx,
              const Eigen::Ref<const Eigen::VectorXd>& am_x, TradeResult& out) const;
  TradeResult solve_without_quotas(const TradeShock& s, const TradeParameters& p, const TradeOptions& o,
                                   const Eigen::MatrixXd& quota_te) const;
  TradeResult solve_with_quotas(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const;
  void validate(const TradeShock& s, const TradeParameters& p, const TradeOptions& o) const;

  int n_ = 0, rm_ = 1, re_ = 0;
  std::vector<std::string> sector_codes_, import_partner_names_, export_partner_names_;
  LeontiefSystem io_;                         // base factorisation of I − A
  Eigen::MatrixXd a_;                         // A
  Eigen::MatrixXd am_;                        // Am
  std::vector<char> a_row_nonzero_;           // row i of A has a non-zero entry (only those rows can move)
  Eigen::VectorXd fd_;                        // Fd·1
  Eigen::VectorXd fm_;                        // Fm·1
  Eigen::VectorXd domestic_use_;              // Zd·1 + Fd·1 (weights of α)
  Eigen::VectorXd imports_table_;             // Zm·1 + Fm·1 from the table (weights of α)
  Eigen::MatrixXd exports_;                   // e, n×Re
  Eigen::MatrixXd shares_;                    // s, n×Rm volume shares (rows sum to 1)
  Eigen::MatrixXd tariffs_, export_tariffs_;  // economy baselines (zeros where not given)
  Eigen::VectorXd x_base_;                    // L·(Fd·1 + e·1)
  Eigen::VectorXd rhs_base_;                  // Fd·1 + e·1 as solve() forms it for a zero shock (x_base_ = L·this)
  Eigen::VectorXd am_x_base_;                 // Am·x_base (baseline intermediate imports)
  Eigen::VectorXd a_x_base_;                  // A·x_base (residuals of a batch: A·x' = A·x_base + A·Δx)
  Eigen::VectorXd z0_;                        // L·1 (productivity certificate of the baseline path)
  Eigen::MatrixXd l_;             // explicit L = (I − A)⁻¹ when n ≤ kExplicitInverseMaxSectors, else empty
  Eigen::MatrixXd am_l_t_;        // (Am·L)ᵀ with l_ (cost push of a batch: ΔP = (Am·L)ᵀ·ΔΠ), else empty
  Eigen::VectorXd rho_row_base_;  // (z0_i − 1)/z0_i with z0 = L·1: ρ(diag(d)A) ≤ max_i d_i·this_i
};

}  // namespace tradejobs
