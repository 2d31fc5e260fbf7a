#pragma once
/// \file input_output.h
/// The input-output model of docs/model.md §2: the Leontief quantity model (Type I and the
/// household-closed Type II), multipliers with their direct/indirect/induced split, and the
/// cost-push price model. The system I − A is factorised once and then solved many times
/// ; the explicit inverse is formed only where multipliers are asked for.

#include <Eigen/Core>
#include <Eigen/LU>  // LeontiefSystem holds the PartialPivLU of I − A

#include "tradejobs/models/economy.h"

namespace tradejobs {

/// A factorised Leontief system I − A (docs/model.md §2). Factorise once, solve many.
///
/// Example:
///   LeontiefSystem io(technical_coefficients);
///   Eigen::VectorXd dx = io.solve(delta_final_demand);   // Δx = L·Δf
class LeontiefSystem {
 public:
  LeontiefSystem() = default;
  /// Factorises I − A with partial-pivoting LU. `technical_coefficients` is A (n×n).
  explicit LeontiefSystem(const Eigen::MatrixXd& technical_coefficients);

  /// The technical coefficients A.
  const Eigen::MatrixXd& technical_coefficients() const { return a_; }
  /// Number of sectors n.
  int sectors() const { return static_cast<int>(a_.rows()); }
  /// X = (I − A)⁻¹·F for one or many columns (one triangular solve pair for all columns).
  Eigen::MatrixXd solve(const Eigen::MatrixXd& final_demand) const;
  /// Y = (I − A)⁻ᵀ·B, i.e. the row vectors bᵀ·L as columns (price model, multipliers).
  Eigen::MatrixXd solve_transposed(const Eigen::MatrixXd& b) const;
  /// The explicit Leontief inverse L = (I − A)⁻¹ (n×n). Formed on demand.
  Eigen::MatrixXd leontief_inverse() const;
  /// The LU factorisation of I − A (for low-rank updates).
  const Eigen::PartialPivLU<Eigen::MatrixXd>& factorisation() const { return lu_; }

 private:
  Eigen::MatrixXd a_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
};

/// The coefficients of one economy (docs/model.md §1 "Derived").
struct IoCoefficients {
  Eigen::VectorXd gross_output;              ///< x, currency units.
  Eigen::MatrixXd technical_coefficients;    ///< A = Zd·diag(x)⁻¹ (domestic).
  Eigen::MatrixXd import_coefficients;       ///< Am = Zm·diag(x)⁻¹.
  Eigen::VectorXd employment_coefficients;   ///< ℓ = N/x, jobs per currency unit of output.
  Eigen::VectorXd wage_coefficients;         ///< w = compensation/x (0 where no compensation row).
  Eigen::VectorXd value_added_coefficients;  ///< v = Σ_r V_rj / x_j.
  /// Household consumption of domestic products per unit of total compensation (hc, §2).
  Eigen::VectorXd household_consumption_coefficients;
};

/// Computes x, A, Am, ℓ, w, v and hc of an economy. Sectors with zero output get zero
/// columns (no division by zero).
IoCoefficients io_coefficients(const Economy& economy);

/// Ā = [[A, hc], [wᵀ, 0]], the household-closed coefficient matrix of Type II (docs/model.md §2).
Eigen::MatrixXd household_closed_coefficients(const IoCoefficients& c);

/// Which multipliers (docs/model.md §2).
enum class MultiplierType { TypeI, TypeII };

/// Multipliers per sector, for one unit of final demand for the sector's product.
struct Multipliers {
  MultiplierType type = MultiplierType::TypeI;
  Eigen::VectorXd output;               ///< 1ᵀL: gross output per unit of final demand.
  Eigen::VectorXd employment;           ///< ℓᵀL: jobs per currency unit of final demand.
  Eigen::VectorXd income;               ///< wᵀL: compensation per unit of final demand.
  Eigen::VectorXd value_added;          ///< vᵀL: value added per unit of final demand.
  Eigen::VectorXd employment_direct;    ///< ℓ: the direct part of the employment multiplier.
  Eigen::VectorXd employment_indirect;  ///< Type I − direct.
  Eigen::VectorXd employment_induced;   ///< Type II − Type I (zero for Type I).
};

/// Output, employment, income and value-added multipliers (docs/model.md §2). For Type II the
/// inverse of I − Ā is restricted to its first n rows and columns; `employment_induced` is
/// then Type II − Type I.
Multipliers compute_multipliers(const IoCoefficients& c, MultiplierType type);

/// Effects of a change in final demand for domestic output (docs/model.md §2).
struct QuantityEffects {
  Eigen::VectorXd output_change;          ///< Δx = L·Δf.
  Eigen::VectorXd jobs_direct;            ///< diag(ℓ)·Δf.
  Eigen::VectorXd jobs_total;             ///< diag(ℓ)·Δx (Type I).
  Eigen::VectorXd jobs_indirect;          ///< total − direct.
  Eigen::VectorXd output_change_induced;  ///< Type II − Type I output change (empty unless induced).
  Eigen::VectorXd jobs_induced;           ///< diag(ℓ)·induced output change (empty unless induced).
};

/// Δx = L·Δf and its job effects; with `induced` also the Type II induced part.
QuantityEffects quantity_effects(const IoCoefficients& c, const LeontiefSystem& io,
                                 const Eigen::VectorXd& final_demand_change, bool induced);

/// Induced output (Type II − Type I) for an effective change in final demand g measured at
/// base technology: [(I − Ā)⁻¹ (g, 0)]_{1..n} − L·g.
Eigen::VectorXd induced_output_change(const IoCoefficients& c, const LeontiefSystem& io,
                                      const Eigen::VectorXd& effective_demand_change);

/// Cost-push price model (docs/model.md §2): Δpᵀ = (Δπmᵀ·Am)·L, where Δπm is the change of the
/// (tariff-inclusive) import price of each product relative to base 1. Returns Δp.
Eigen::VectorXd cost_push_price_change(const LeontiefSystem& io, const Eigen::MatrixXd& import_coefficients,
                                       const Eigen::VectorXd& import_price_change);

/// Cost-push with a change in value added per unit of output (Δv) as well: Δpᵀ = (Δπmᵀ·Am + Δvᵀ)·L.
Eigen::VectorXd cost_push_price_change(const LeontiefSystem& io, const Eigen::MatrixXd& import_coefficients,
                                       const Eigen::VectorXd& import_price_change,
                                       const Eigen::VectorXd& value_added_change);

}  // namespace tradejobs
