#pragma once
/// \file trade_internal.h
/// Internal state of one trade run, shared by trade.cpp (prices, responses, results, quotas)
/// and trade_solver.cpp (the linear solve paths of docs/model.md §3 "Solving fast"). Not installed.

#include <string>
#include <vector>

#include "tradejobs/models/trade.h"

namespace tradejobs {

/// Why a run failed (none = it did not).
enum class TradeFailure { None, NotProductive, Quota };

struct TradeModel::Run {
  // --- inputs ---
  const TradeShock* shock = nullptr;
  const TradeParameters* params = nullptr;
  const Eigen::MatrixXd* quota_te = nullptr;  // n×Rm tariff equivalents of quotas, or null

  // --- price stage (§2, §3) ---
  Eigen::MatrixXd theta;   // nest-2 weights: s_ir·(1+τ_ir) (normalised inside the CES index)
  Eigen::MatrixXd pm, pw;  // partner price pm' and world price pw', n×Rm
  Eigen::VectorXd alpha;   // nest-1 domestic share α
  Eigen::VectorXd import_index, domestic_price, composite_price;  // PM', pd', P'
  Eigen::VectorXd d, m, q;                                        // demand factors
  Eigen::MatrixXd exports;                                        // e'
  Eigen::VectorXd final_demand;                                   // Fd'·1 incl. the direct change
  Eigen::VectorXd rhs;                                            // f' = Fd'·1 + e'·1
  std::vector<int> moving;                                        // rows of A that move (d_i ≠ 1 on a non-zero row)
  double rho_bound = 0.0;                                         // max_i d_i·(z0_i − 1)/z0_i ≥ ρ(A')
  bool need_certificate = false;  // rho_bound ≥ 1: solve for z = (I − A')⁻¹·1 too

  // --- linear stage ---
  Eigen::VectorXd x, z;
  std::string path;
  int iterations = 0;
  double residual = 0.0;
  double spectral_radius_bound = 0.0;
  std::vector<std::string> notes;

  TradeFailure failure = TradeFailure::None;
  std::string error;
  void fail(TradeFailure f, std::string message) {
    if (failure != TradeFailure::None) return;
    failure = f;
    error = std::move(message);
  }
};

/// The O(n²) products of a trade solve over a block of runs (docs/model.md §3 "Solving fast"):
/// L·F, columns of L and the cost push (Am·L)ᵀ·ΔΠ, either from the explicit L and (Am·L)ᵀ of a
/// small model (GEMMs) or from the LU factorisation of I − A (blocked triangular solves; one
/// vector solve per column for fewer than 4 columns, which is what solve() does for one run).
class TradeModel::BlockSolver {
 public:
  /// `l` and `am_l_t` null: solve through `io`.
  BlockSolver(const LeontiefSystem& io, const Eigen::MatrixXd& am, const Eigen::MatrixXd* l,
              const Eigen::MatrixXd* am_l_t)
      : io_(io), am_(am), l_(l), am_l_t_(am_l_t) {}
  /// X = L·F.
  Eigen::MatrixXd solve(const Eigen::MatrixXd& f) const;
  /// L[:, J] for the given column indices J.
  Eigen::MatrixXd columns(const std::vector<int>& j) const;
  /// ΔP = (Am·L)ᵀ·ΔΠ = Lᵀ·(Amᵀ·ΔΠ): the §2 cost push of import price changes ΔΠ (one column per run).
  Eigen::MatrixXd cost_push(const Eigen::MatrixXd& dpi) const;
  bool explicit_inverse() const { return l_ != nullptr; }

 private:
  const LeontiefSystem& io_;
  const Eigen::MatrixXd& am_;
  const Eigen::MatrixXd* l_;
  const Eigen::MatrixXd* am_l_t_;
};

}  // namespace tradejobs
