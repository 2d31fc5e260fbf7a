/// \file trade_solver.cpp
/// The linear solve of the shocked input-output system (I − A')·x' = f' with A' = diag(d)·A,
/// from the base factorisation only (docs/model.md §3 "Solving fast"):
///  - "baseline": no row of A moved (A' = A): x' = L·f';
///  - "woodbury": k ≤ woodbury_max_rank rows moved: the exact Sherman–Morrison–Woodbury update
///    x' = x₀ + L[:,J]·S⁻¹·D·A_J·x₀ with S = I_k − D·(L_JJ − I_k), D = diag(d_J − 1);
///  - "iterative": x ← x₀' + L·(ΔA·x) to a relative residual ≤ tolerance;
///  - "woodbury-fallback": the iteration failed; the Woodbury update over all moving rows.
/// Runs are solved in blocks: the iteration as matrix–matrix products over many runs, and
/// Woodbury with L[:,J] computed once for runs sharing the moving rows J.

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "trade_internal.h"

namespace tradejobs {

namespace {

using Run = TradeModel::Run;

std::string num(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

int columns_of(const Run& r) { return r.need_certificate ? 2 : 1; }

/// L·F from the base factorisation: column by column (Eigen's vector path, about twice as
/// fast for one column) when there are few columns, one blocked solve otherwise.
Eigen::MatrixXd lu_solve(const LeontiefSystem& io, const Eigen::MatrixXd& f) {
  if (f.cols() >= 4) return io.solve(f);
  Eigen::MatrixXd x(f.rows(), f.cols());
  for (Eigen::Index c = 0; c < f.cols(); ++c) x.col(c) = io.factorisation().solve(Eigen::VectorXd(f.col(c)));
  return x;
}

}  // namespace

Eigen::MatrixXd TradeModel::BlockSolver::solve(const Eigen::MatrixXd& f) const {
  if (l_) return *l_ * f;
  return lu_solve(io_, f);
}

Eigen::MatrixXd TradeModel::BlockSolver::columns(const std::vector<int>& j) const {
  const Eigen::Index n = am_.rows();
  const Eigen::Index k = static_cast<Eigen::Index>(j.size());
  if (l_) {
    Eigen::MatrixXd c(n, k);
    for (Eigen::Index q = 0; q < k; ++q) c.col(q) = l_->col(j[static_cast<size_t>(q)]);
    return c;
  }
  Eigen::MatrixXd unit = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index q = 0; q < k; ++q) unit(j[static_cast<size_t>(q)], q) = 1.0;
  return lu_solve(io_, unit);
}

Eigen::MatrixXd TradeModel::BlockSolver::cost_push(const Eigen::MatrixXd& dpi) const {
  if (am_l_t_) return *am_l_t_ * dpi;
  if (dpi.cols() >= 4) return io_.solve_transposed(am_.transpose() * dpi);
  // Few columns: the vector path of solve() (Eigen's blocked solve has a large fixed cost).
  Eigen::MatrixXd dp(dpi.rows(), dpi.cols());
  for (Eigen::Index c = 0; c < dpi.cols(); ++c)
    dp.col(c) = cost_push_price_change(io_, am_, Eigen::VectorXd(dpi.col(c)));
  return dp;
}

namespace {

using Solver = TradeModel::BlockSolver;

/// Right-hand sides of a set of runs: f' and, where productivity must be certified, 1.
Eigen::MatrixXd right_hand_sides(const std::vector<Run*>& runs, int n) {
  int c = 0;
  for (const Run* r : runs) c += columns_of(*r);
  Eigen::MatrixXd f(n, c);
  c = 0;
  for (const Run* r : runs) {
    f.col(c++) = r->rhs;
    if (r->need_certificate) f.col(c++).setOnes();
  }
  return f;
}

void store(Run& r, const Eigen::MatrixXd& x, int& c) {
  r.x = x.col(c++);
  if (r.need_certificate) r.z = x.col(c++);
}

/// Exact Woodbury update for runs that share the moving rows J: x₀ = L·F for the group as one
/// block, the k×k system per run, then x = x₀ + L[:,J]·Y for the group as one product.
void woodbury_group(const Solver& solver, const Eigen::MatrixXd& a, const std::vector<int>& rows,
                    const std::vector<Run*>& group, const std::string& path) {
  const Eigen::Index n = a.rows();
  const Eigen::Index k = static_cast<Eigen::Index>(rows.size());
  const Eigen::MatrixXd l_cols = solver.columns(rows);  // L[:, J]
  Eigen::MatrixXd al_jj(k, k);                          // (A·L)_JJ = L_JJ − I
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) al_jj(i, j) = l_cols(rows[i], j) - (i == j ? 1.0 : 0.0);
  Eigen::MatrixXd a_rows(k, n);
  for (Eigen::Index i = 0; i < k; ++i) a_rows.row(i) = a.row(rows[i]);

  const Eigen::MatrixXd x0 = solver.solve(right_hand_sides(group, static_cast<int>(n)));
  const Eigen::MatrixXd ax0 = a_rows * x0;
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(k, x0.cols());
  std::vector<char> solved(group.size(), 0);
  int c = 0;
  for (size_t g = 0; g < group.size(); ++g) {
    Run* r = group[g];
    Eigen::VectorXd dm(k);
    for (Eigen::Index j = 0; j < k; ++j) dm(j) = r->d(rows[j]) - 1.0;
    Eigen::MatrixXd s = -(dm.asDiagonal() * al_jj);
    s.diagonal().array() += 1.0;
    const Eigen::PartialPivLU<Eigen::MatrixXd> lu(s);
    const double rcond = lu.rcond();
    if (!(rcond > 1e-14)) {
      r->fail(TradeFailure::NotProductive,
              "the shocked table is not productive: I - A' is singular (reciprocal condition of the " +
                  std::to_string(k) + "x" + std::to_string(k) + " Woodbury system " + num(rcond) + ")");
      c += columns_of(*r);
      continue;
    }
    for (int j = 0; j < columns_of(*r); ++j, ++c) y.col(c) = lu.solve(dm.cwiseProduct(ax0.col(c)));
    solved[g] = 1;
  }
  const Eigen::MatrixXd x = x0 + l_cols * y;
  c = 0;
  for (size_t g = 0; g < group.size(); ++g) {
    Run* r = group[g];
    if (!solved[g]) {
      c += columns_of(*r);
      continue;
    }
    store(*r, x, c);
    r->path = path;
    r->iterations = 0;
  }
}

/// The iteration x ← x₀' + L·(ΔA·x) for a block of runs at once. Returns, per run, an empty
/// string (converged) or why it failed.
std::vector<std::string> iterate_block(const Solver& solver, const Eigen::MatrixXd& a, const std::vector<Run*>& group,
                                       const TradeOptions& o) {
  const Eigen::Index n = a.rows();
  const Eigen::MatrixXd f = right_hand_sides(group, static_cast<int>(n));
  const Eigen::Index cols = f.cols();
  std::vector<int> run_of(cols);
  Eigen::MatrixXd dm(n, cols);  // d − 1 of each column's run
  {
    int c = 0;
    for (size_t g = 0; g < group.size(); ++g)
      for (int j = 0; j < columns_of(*group[g]); ++j, ++c) {
        run_of[c] = static_cast<int>(g);
        dm.col(c) = group[g]->d.array() - 1.0;
      }
  }
  Eigen::VectorXd f_norm(cols);
  for (Eigen::Index c = 0; c < cols; ++c) {
    const double v = f.col(c).norm();
    f_norm(c) = v > 0.0 ? v : 1.0;
  }
  const Eigen::MatrixXd x0 = solver.solve(f);
  Eigen::MatrixXd x = x0;
  Eigen::MatrixXd y = dm.cwiseProduct(a * x);  // ΔA·x; residual of x₀ is ‖ΔA·x₀‖ (to rounding)

  enum State { Active, Done, Failed };
  std::vector<State> state(cols, Active);
  std::vector<std::string> why(cols);
  std::vector<int> iterations(cols, 0), rises(cols, 0);
  std::vector<double> last(cols), best(cols);
  for (Eigen::Index c = 0; c < cols; ++c) {
    last[c] = best[c] = y.col(c).norm() / f_norm(c);
    if (!std::isfinite(last[c])) {
      state[c] = Failed;
      why[c] = "produced a non-finite value";
    } else if (last[c] <= o.tolerance) {
      state[c] = Done;
    }
  }
  for (int it = 1; it <= o.max_iterations; ++it) {
    std::vector<Eigen::Index> active;
    for (Eigen::Index c = 0; c < cols; ++c)
      if (state[c] == Active) active.push_back(c);
    if (active.empty()) break;
    const Eigen::Index na = static_cast<Eigen::Index>(active.size());
    Eigen::MatrixXd ya(n, na), x0a(n, na), dma(n, na);
    for (Eigen::Index j = 0; j < na; ++j) {
      ya.col(j) = y.col(active[j]);
      x0a.col(j) = x0.col(active[j]);
      dma.col(j) = dm.col(active[j]);
    }
    const Eigen::MatrixXd xn = x0a + solver.solve(ya);
    const Eigen::MatrixXd yn = dma.cwiseProduct(a * xn);
    for (Eigen::Index j = 0; j < na; ++j) {
      const Eigen::Index c = active[j];
      // Residual of the new iterate: f' − (I − A')x_{k+1} = ΔA·(x_{k+1} − x_k).
      const double r = (yn.col(j) - ya.col(j)).norm() / f_norm(c);
      x.col(c) = xn.col(j);
      y.col(c) = yn.col(j);
      iterations[c] = it;
      if (!std::isfinite(r) || !xn.col(j).allFinite()) {
        state[c] = Failed;
        why[c] = "diverged (non-finite values after " + std::to_string(it) + " iterations)";
        continue;
      }
      if (r <= o.tolerance) {
        state[c] = Done;
        continue;
      }
      rises[c] = r >= last[c] ? rises[c] + 1 : 0;
      last[c] = r;
      best[c] = std::min(best[c], r);
      if (rises[c] >= 5 || r > 1e6 * best[c]) {
        state[c] = Failed;
        why[c] = "diverged: the relative residual rose to " + num(r) + " after " + std::to_string(it) +
                 " iterations (best " + num(best[c]) + ")";
      }
    }
  }
  for (Eigen::Index c = 0; c < cols; ++c)
    if (state[c] == Active) {
      state[c] = Failed;
      why[c] = "did not converge within " + std::to_string(o.max_iterations) +
               " iterations (TradeOptions::max_iterations; relative residual " + num(last[c]) + ")";
    }

  std::vector<std::string> failures(group.size());
  int c = 0;
  for (size_t g = 0; g < group.size(); ++g) {
    Run& r = *group[g];
    r.iterations = 0;
    for (int j = 0; j < columns_of(r); ++j, ++c) {
      r.iterations = std::max(r.iterations, iterations[c]);
      if (state[c] == Failed && failures[g].empty()) failures[g] = why[c];
    }
    int cc = c - columns_of(r);
    store(r, x, cc);
    r.path = "iterative";
  }
  return failures;
}

}  // namespace

void TradeModel::solve_linear(std::vector<Run*>& runs, const TradeOptions& o, const BlockSolver& solver) const {
  const int n = n_;
  std::vector<Run*> iterative, baseline;
  std::map<std::vector<int>, std::vector<Run*>> woodbury;
  for (Run* r : runs) {
    if (r->failure != TradeFailure::None) continue;
    const int k = static_cast<int>(r->moving.size());
    if (k == 0) {
      baseline.push_back(r);
    } else if (k <= o.woodbury_max_rank) {
      woodbury[r->moving].push_back(r);
    } else {
      iterative.push_back(r);
    }
  }
  // A' = A: the base factorisation solves it directly. A lone run takes the vector solve (so a
  // zero shock gives bitwise the baseline output, which was computed that way); in a batch a
  // right-hand side equal to the baseline's gives the baseline output itself, and the others
  // are solved as one block.
  if (baseline.size() == 1) {
    Run* r = baseline[0];
    r->x = io_.factorisation().solve(r->rhs);
  } else if (!baseline.empty()) {
    std::vector<Run*> solve;
    for (Run* r : baseline) {
      if (r->rhs.size() == rhs_base_.size() && r->rhs == rhs_base_)
        r->x = x_base_;
      else
        solve.push_back(r);
    }
    if (!solve.empty()) {
      Eigen::MatrixXd f(n, static_cast<Eigen::Index>(solve.size()));
      for (size_t c = 0; c < solve.size(); ++c) f.col(static_cast<Eigen::Index>(c)) = solve[c]->rhs;
      const Eigen::MatrixXd x = solver.solve(f);
      for (size_t c = 0; c < solve.size(); ++c) solve[c]->x = x.col(static_cast<Eigen::Index>(c));
    }
  }
  for (Run* r : baseline) {
    if (r->need_certificate) r->z = z0_;  // L·1, as io_.factorisation().solve(1) gives it
    r->path = "baseline";
    r->iterations = 0;
  }
  for (const auto& [rows, group] : woodbury) woodbury_group(solver, a_, rows, group, "woodbury");
  if (!iterative.empty()) {
    const std::vector<std::string> failures = iterate_block(solver, a_, iterative, o);
    for (size_t g = 0; g < iterative.size(); ++g) {
      if (failures[g].empty()) continue;
      Run& r = *iterative[g];
      const std::string why = "the iterative solve (x <- x0' + L*(dA*x)) " + failures[g];
      if (o.fallback_to_woodbury) {
        woodbury_group(solver, a_, r.moving, {&r}, "woodbury-fallback");
        r.notes.push_back(why + "; solved exactly by the Woodbury update over the " + std::to_string(r.moving.size()) +
                          " moving rows instead");
      } else {
        r.fail(TradeFailure::NotProductive,
               why + "; the shocked table may not be productive (bound on the spectral radius of A': " +
                   num(r.rho_bound) + ")");
      }
    }
  }

  for (Run* r : runs) {
    if (r->failure != TradeFailure::None) continue;
    if (!r->x.allFinite()) {
      r->fail(TradeFailure::NotProductive, "the solve of the shocked table produced non-finite output");
      continue;
    }
    // Productivity (§1 Hawkins–Simon for the shocked table): z = (I − A')⁻¹·1 > 0 ⇔ ρ(A') < 1.
    if (r->need_certificate) {
      Eigen::Index worst = 0;
      const double zmin = r->z.minCoeff(&worst);
      if (!(r->z.allFinite() && zmin > 0.0)) {
        Eigen::Index top = 0;
        r->d.maxCoeff(&top);
        r->fail(TradeFailure::NotProductive,
                "the shocked table is not productive (spectral radius of A' >= 1): (I - A')^-1 * 1 is " + num(zmin) +
                    " at sector " + sector_codes_[worst] +
                    "; the largest domestic demand factor is d = " + num(r->d(top)) + " for sector " +
                    sector_codes_[top] + " (domestic share " + num(r->alpha(top)) + ", import price index " +
                    num(r->import_index(top)) + "): lower the measure or the Armington elasticity");
        continue;
      }
      r->spectral_radius_bound = 1.0 - 1.0 / r->z.maxCoeff();
    } else {
      r->spectral_radius_bound = r->rho_bound;
    }
  }
}

TradeBatchResult TradeModel::solve_batch(const std::vector<TradeShock>& shocks, const std::vector<TradeParameters>& p,
                                         const TradeOptions& o) const {
  if (p.size() != 1 && p.size() != shocks.size())
    throw std::invalid_argument("solve_batch: " + std::to_string(p.size()) + " parameter sets for " +
                                std::to_string(shocks.size()) + " shocks: give one (shared) or one per shock");
  for (size_t i = 0; i < shocks.size(); ++i) {
    try {
      validate(shocks[i], p.size() == 1 ? p[0] : p[i], o);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("run " + std::to_string(i) + ": " + e.what());
    }
  }
  const size_t count = shocks.size();
  TradeBatchResult out;
  out.results.resize(count);
  out.errors.resize(count);
  std::vector<Run> runs(count);
  std::vector<Run*> linear;
  for (size_t i = 0; i < count; ++i) {
    const TradeParameters& pi = p.size() == 1 ? p[0] : p[i];
    if (!shocks[i].quotas.empty()) {  // bisection: one run at a time
      try {
        out.results[i] = solve_with_quotas(shocks[i], pi, o);
      } catch (const TradeSolveError& e) {
        out.errors[i] = e.what();
        ++out.failed;
      }
      continue;
    }
    runs[i].shock = &shocks[i];
    runs[i].params = &pi;
    prepare_prices(runs[i]);
    linear.push_back(&runs[i]);
  }
  // A batch of one run is solved exactly as solve() solves it; larger batches use the explicit
  // inverse where the model holds one.
  const bool block = linear.size() >= 2 && has_explicit_inverse();
  const BlockSolver solver(io_, am_, block ? &l_ : nullptr, block ? &am_l_t_ : nullptr);
  if (o.price_feedback)
    cost_push_batch(linear, solver);
  else
    for (Run* r : linear) r->domestic_price = Eigen::VectorXd::Ones(n_);
  for (Run* r : linear) prepare_quantities(*r);
  solve_linear(linear, o, solver);
  std::vector<Run*> done;
  std::vector<TradeResult*> results;
  for (size_t i = 0; i < count; ++i) {
    if (!shocks[i].quotas.empty()) continue;
    if (runs[i].failure != TradeFailure::None) {
      out.errors[i] = runs[i].error;
      ++out.failed;
      continue;
    }
    done.push_back(&runs[i]);
    results.push_back(&out.results[i]);
  }
  finish_batch(done, results);
  return out;
}

}  // namespace tradejobs
