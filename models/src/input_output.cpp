#include "tradejobs/models/input_output.h"

namespace tradejobs {

LeontiefSystem::LeontiefSystem(const Eigen::MatrixXd& technical_coefficients) : a_(technical_coefficients) {
  const Eigen::Index n = a_.rows();
  Eigen::MatrixXd i_minus_a = -a_;
  i_minus_a.diagonal().array() += 1.0;
  lu_.compute(i_minus_a);
  (void)n;
}

Eigen::MatrixXd LeontiefSystem::solve(const Eigen::MatrixXd& final_demand) const { return lu_.solve(final_demand); }

Eigen::MatrixXd LeontiefSystem::solve_transposed(const Eigen::MatrixXd& b) const { return lu_.transpose().solve(b); }

Eigen::MatrixXd LeontiefSystem::leontief_inverse() const { return lu_.inverse(); }

IoCoefficients io_coefficients(const Economy& e) {
  IoCoefficients c;
  const int n = e.sectors();
  c.gross_output = gross_output(e);
  c.technical_coefficients = input_coefficients(e.intermediate_domestic, c.gross_output);
  c.import_coefficients = e.intermediate_imported.size() > 0
                              ? input_coefficients(e.intermediate_imported, c.gross_output)
                              : Eigen::MatrixXd::Zero(n, n);
  c.employment_coefficients =
      e.employment.size() == n ? per_unit_of_output(e.employment, c.gross_output) : Eigen::VectorXd::Zero(n);
  if (!e.employment_known.empty())
    for (int j = 0; j < n; ++j)
      if (!e.employment_known[j]) c.employment_coefficients(j) = 0.0;
  const int comp = e.compensation_row();
  c.wage_coefficients =
      comp >= 0 ? per_unit_of_output(e.value_added.row(comp).transpose(), c.gross_output) : Eigen::VectorXd::Zero(n);
  c.value_added_coefficients = e.value_added.size() > 0
                                   ? per_unit_of_output(e.value_added.colwise().sum().transpose(), c.gross_output)
                                   : Eigen::VectorXd::Zero(n);
  const int hh = e.household_column();
  const double total_compensation = comp >= 0 ? e.value_added.row(comp).sum() : 0.0;
  if (hh >= 0 && total_compensation > 0.0)
    c.household_consumption_coefficients = e.final_demand_domestic.col(hh) / total_compensation;
  else
    c.household_consumption_coefficients = Eigen::VectorXd::Zero(n);
  return c;
}

Eigen::MatrixXd household_closed_coefficients(const IoCoefficients& c) {
  const Eigen::Index n = c.technical_coefficients.rows();
  Eigen::MatrixXd closed = Eigen::MatrixXd::Zero(n + 1, n + 1);
  closed.topLeftCorner(n, n) = c.technical_coefficients;
  closed.topRightCorner(n, 1) = c.household_consumption_coefficients;
  closed.bottomLeftCorner(1, n) = c.wage_coefficients.transpose();
  return closed;
}

Multipliers compute_multipliers(const IoCoefficients& c, MultiplierType type) {
  Multipliers m;
  m.type = type;
  const Eigen::Index n = c.technical_coefficients.rows();
  Eigen::MatrixXd l = LeontiefSystem(c.technical_coefficients).leontief_inverse();
  const Eigen::VectorXd employment_type_i = (c.employment_coefficients.transpose() * l).transpose();
  Eigen::MatrixXd lm = l;
  if (type == MultiplierType::TypeII) {
    lm = LeontiefSystem(household_closed_coefficients(c)).leontief_inverse().topLeftCorner(n, n);
  }
  m.output = lm.colwise().sum().transpose();
  m.employment = (c.employment_coefficients.transpose() * lm).transpose();
  m.income = (c.wage_coefficients.transpose() * lm).transpose();
  m.value_added = (c.value_added_coefficients.transpose() * lm).transpose();
  m.employment_direct = c.employment_coefficients;
  m.employment_indirect = employment_type_i - c.employment_coefficients;
  m.employment_induced = m.employment - employment_type_i;
  return m;
}

Eigen::VectorXd induced_output_change(const IoCoefficients& c, const LeontiefSystem& io, const Eigen::VectorXd& g) {
  const Eigen::Index n = g.size();
  Eigen::VectorXd g_closed = Eigen::VectorXd::Zero(n + 1);
  g_closed.head(n) = g;
  const Eigen::VectorXd x_closed = LeontiefSystem(household_closed_coefficients(c)).solve(g_closed);
  return x_closed.head(n) - io.solve(g);
}

QuantityEffects quantity_effects(const IoCoefficients& c, const LeontiefSystem& io, const Eigen::VectorXd& df,
                                 bool induced) {
  QuantityEffects q;
  q.output_change = io.solve(df);
  q.jobs_direct = c.employment_coefficients.cwiseProduct(df);
  q.jobs_total = c.employment_coefficients.cwiseProduct(q.output_change);
  q.jobs_indirect = q.jobs_total - q.jobs_direct;
  if (induced) {
    q.output_change_induced = induced_output_change(c, io, df);
    q.jobs_induced = c.employment_coefficients.cwiseProduct(q.output_change_induced);
  }
  return q;
}

Eigen::VectorXd cost_push_price_change(const LeontiefSystem& io, const Eigen::MatrixXd& am,
                                       const Eigen::VectorXd& dpm) {
  return io.solve_transposed(am.transpose() * dpm);
}

Eigen::VectorXd cost_push_price_change(const LeontiefSystem& io, const Eigen::MatrixXd& am, const Eigen::VectorXd& dpm,
                                       const Eigen::VectorXd& dv) {
  return io.solve_transposed(am.transpose() * dpm + dv);
}

}  // namespace tradejobs
