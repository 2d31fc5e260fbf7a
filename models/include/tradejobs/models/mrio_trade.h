#pragma once
/// \file mrio_trade.h
/// The trade module of docs/model.md §3 on a multi-region (MRIO) economy (§2 "Multi-region
/// tables"): the bilateral flows of the world table are the import-source and
/// export-destination split. A tariff that one region puts on a product from other regions
/// changes, through the two-level CES (Armington) nests of every importing region, its
/// imports, the diversion to third regions, and output and jobs in every region.
///
/// Layout expected (what the MRIO loaders write): n·R sectors, region-major, coded
/// `<REG>_<sector>` with `sector_regions` set and the same n sector suffixes in every
/// region; Zd is the whole intermediate matrix Z (the world is one closed system), Zm = 0;
/// final-demand columns `<REG>_<category>` belong to the region that spends (destination).
///
/// Example:
///   const IoCoefficients c = io_coefficients(world);
///   const LeontiefSystem io(c.technical_coefficients);   // factorised once
///   MrioTradeModel model(world, c, io);
///   MrioTradeResult r = model.solve({{"USA", 13, {"CHN"}, 0.0, 0.25}}, MrioTradeParameters{});

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "tradejobs/models/economy.h"
#include "tradejobs/models/input_output.h"

namespace tradejobs {

/// A tariff that one region (the importer) applies to one product from some source regions.
struct BilateralTariff {
  std::string importer;              ///< Region code that levies the tariff, e.g. "USA".
  int product = 0;                   ///< Industry index within a region (0-based, 0..n−1).
  std::vector<std::string> sources;  ///< Source regions taxed; empty = every other region.
  double from = 0.0;                 ///< Baseline ad valorem rate τ0 (0.05 = 5%), ≥ 0.
  double to = 0.0;                   ///< New ad valorem rate τ1, ≥ 0.
};

/// Elasticities and solver settings of the MRIO trade model (docs/model.md §3 defaults).
/// Each elasticity has a default for all products and an optional per-product vector
/// (size n, indexed by industry within a region; NaN entries fall back to the default).
struct MrioTradeParameters {
  /// σ_D ≥ 0: substitution between domestic supply and the import composite. Default 1.5.
  double armington = 1.5;
  /// σ_M ≥ 0: substitution among import sources. Default NaN = 2·σ_D ("rule of two").
  double source_substitution = std::numeric_limits<double>::quiet_NaN();
  /// ε ≤ 0: elasticity of composite final demand to its price. Default −0.5. Intermediate
  /// use has ε = 0 (Leontief technology in the composite).
  double final_demand_elasticity = -0.5;
  /// Share of a tariff change passed on to the importer's price, in [0, 1]. Default 1.
  double pass_through = 1.0;
  Eigen::VectorXd armington_by_product;                ///< Per-product σ_D (size n or empty).
  Eigen::VectorXd source_substitution_by_product;      ///< Per-product σ_M (size n or empty).
  Eigen::VectorXd final_demand_elasticity_by_product;  ///< Per-product ε (size n or empty).
  Eigen::VectorXd pass_through_by_product;             ///< Per-product pass-through (size n or empty).
  /// Domestic and exporter price changes of the cost-push model feed the nests. Default true.
  bool price_feedback = true;
  /// Relative residual ‖x' − A'x' − f'‖∞ / ‖x'‖∞ at which the output iteration stops. Default 1e-12.
  double tolerance = 1e-12;
  /// Most iterations of the output (and of the price) fixed point. Default 500.
  int max_iterations = 500;

  /// True when valid; otherwise false and `*error` = "MrioTradeParameters::<field> = <value>:
  /// <constraint>". `products` is n, the number of industries per region.
  bool is_valid(int products, std::string* error) const;
};

/// One bilateral flow of a product into an importing region, before and after, in the
/// economy's currency unit at base prices (volumes). Source == importer is domestic supply.
struct BilateralFlow {
  int importer = 0;            ///< Index into MrioTradeResult::regions.
  int product = 0;             ///< Industry index within a region.
  int source = 0;              ///< Index into MrioTradeResult::regions.
  double before = 0.0;         ///< Intermediate + final use in the importer, baseline.
  double after = 0.0;          ///< The same after the measures.
  double tariff_before = 0.0;  ///< τ0 on this flow (0 for domestic supply and untaxed flows).
  double tariff_after = 0.0;   ///< τ1 on this flow.
};

/// Outcome of one MRIO trade scenario (docs/model.md §3 reported quantities, by region).
struct MrioTradeResult {
  std::vector<std::string> regions;         ///< Region codes in table order.
  Eigen::VectorXd gross_output;             ///< x' by sector (n·R), currency units.
  Eigen::VectorXd output_change;            ///< Δx = x' − x by sector.
  Eigen::VectorXd output_change_by_region;  ///< Σ of Δx over each region's sectors (R).
  /// ℓ_j·Δx_j by sector (employment elasticity 1, docs/model.md §4), persons; NaN where the
  /// economy's employment is unknown (never zero).
  Eigen::VectorXd jobs_change;
  /// Σ of jobs_change over a region's sectors; NaN when the region's jobs are unknown.
  Eigen::VectorXd jobs_change_by_region;
  /// Producer price change Δp by sector from the cost-push model (zero without feedback).
  Eigen::VectorXd price_change;
  /// Import price index PM' − 1 of each (importer, product), R×n (0 where no imports).
  Eigen::MatrixXd import_price_change;
  /// Composite price P' − 1 of each (importer, product), R×n.
  Eigen::MatrixXd composite_price_change;
  /// Every (importer, product, source) pair with a flow or a tariff, domestic included.
  std::vector<BilateralFlow> bilateral_flows;
  /// Total imports (all sources ≠ importer) by region, before and after, at base prices (R).
  Eigen::VectorXd imports_before, imports_after;
  /// Tariff revenue Σ τ·pw·M by importing region, before and after (R), currency units.
  Eigen::VectorXd tariff_revenue_before, tariff_revenue_after;
  /// Total final demand plus exports outside the table after the measures, f' = Y'·1 + e (n·R).
  Eigen::VectorXd final_demand_total;

  // --- solver diagnostics ---
  int output_iterations = 0;       ///< Iterations of x ← L·(f' + ΔA·x).
  int price_iterations = 0;        ///< Iterations of the cost-push fixed point.
  double relative_residual = 0.0;  ///< ‖x' − A'x' − f'‖∞ / ‖x'‖∞ at the end.
  bool converged = false;          ///< Residual ≤ tolerance within max_iterations.
  std::string method;              ///< How x' was found, for the diagnostics.
};

/// The shocked system of one scenario: A' and f' (for inspection and tests).
struct MrioShockedSystem {
  Eigen::MatrixXd technical_coefficients;  ///< A' (n·R × n·R).
  Eigen::MatrixXd
      final_demand;  ///< Y' (n·R × categories), incl. exports outside the table as last column when present.
  Eigen::VectorXd price_change;            ///< Δp by sector.
  Eigen::MatrixXd import_price_change;     ///< PM' − 1, R×n.
  Eigen::MatrixXd composite_price_change;  ///< P' − 1, R×n.
  /// Price factor of the tariff on the importer's side, 1 + κ·((1+τ1)/(1+τ0) − 1) with κ the
  /// pass-through, per (importer, product, source): R×n×R, flattened as
  /// [(importer·n + product)·R + source]; 1 where untaxed.
  std::vector<double> tariff_factor;
  /// Volume factor applied to each (importer, product, source) flow: d for the domestic
  /// source, m·(PM/pm_r)^σ_M for imports (intermediate use); final use also × q = P^ε.
  std::vector<double> source_factor;
  /// q = P^ε per (importer, product), flattened importer·n + product.
  std::vector<double> final_demand_factor;
  /// τ0 and τ1 per (importer, product, source), same flattening (0 where untaxed).
  std::vector<double> tariff_before, tariff_after;
  int price_iterations = 0;  ///< Iterations of the cost-push fixed point.
};

/// The trade model on a full MRIO economy (docs/model.md §2, §3). Holds references to the
/// economy, its coefficients and the base factorisation, which must outlive it.
class MrioTradeModel {
 public:
  /// Checks the layout (regions, sector suffixes, final-demand prefixes); throws
  /// std::invalid_argument naming what was expected and what was found.
  MrioTradeModel(const Economy& economy, const IoCoefficients& coefficients, const LeontiefSystem& io);

  /// Region codes in table order.
  const std::vector<std::string>& regions() const { return regions_; }
  /// Industries per region n.
  int products() const { return products_; }
  /// Sector index of (region, product): region·n + product.
  int sector(int region, int product) const { return region * products_ + product; }
  /// Index of a region code, −1 when unknown.
  int region_index(const std::string& code) const;

  /// A' and Y' after the measures (price model first when price feedback is on).
  /// Throws std::invalid_argument for an unknown region, a product out of range, a
  /// negative rate, a source equal to the importer, or a pair taxed twice.
  MrioShockedSystem shocked_system(const std::vector<BilateralTariff>& tariffs,
                                   const MrioTradeParameters& parameters) const;

  /// Solves one scenario: x' from (I − A')x' = Y'·1 + e by iteration from the base
  /// factorisation. Check `converged`: false means the shocked table is not productive
  /// or the iteration did not settle within max_iterations.
  ///
  /// `final_demand_change` (optional, n·R × categories like Economy::final_demand_domestic,
  /// currency units) is an exogenous change in final demand (docs/model.md §3 `final_demand`),
  /// added to Y' after the substitution responses; empty = none. Throws
  /// std::invalid_argument when its shape is wrong or an entry is not finite.
  MrioTradeResult solve(const std::vector<BilateralTariff>& tariffs, const MrioTradeParameters& parameters,
                        const Eigen::MatrixXd& final_demand_change = Eigen::MatrixXd()) const;

 private:
  const Economy& economy_;
  const IoCoefficients& coefficients_;
  const LeontiefSystem& io_;
  std::vector<std::string> regions_;
  int products_ = 0;
  std::vector<int> final_demand_region_;  ///< Region of each final-demand column.
};

}  // namespace tradejobs
