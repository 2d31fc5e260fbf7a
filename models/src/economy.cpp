#include "tradejobs/models/economy.h"

namespace tradejobs {

namespace {
int index_of(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}
}  // namespace

int Economy::compensation_row() const { return index_of(value_added_components, "compensation"); }
int Economy::household_column() const { return index_of(final_demand_categories, "household"); }
int Economy::sector_index(const std::string& code) const { return index_of(sector_codes, code); }
bool Economy::any_jobs_known() const {
  for (Eigen::Index j = 0; j < sectors(); ++j)
    if (jobs_known(j)) return true;
  return false;
}

Eigen::VectorXd gross_output(const Economy& e) {
  Eigen::VectorXd x = e.intermediate_domestic.rowwise().sum();
  if (e.final_demand_domestic.cols() > 0) x += e.final_demand_domestic.rowwise().sum();
  if (e.exports.cols() > 0) x += e.exports.rowwise().sum();
  return x;
}

Eigen::VectorXd total_inputs(const Economy& e) {
  Eigen::VectorXd t = e.intermediate_domestic.colwise().sum().transpose();
  if (e.intermediate_imported.size() > 0) t += e.intermediate_imported.colwise().sum().transpose();
  if (e.value_added.size() > 0) t += e.value_added.colwise().sum().transpose();
  return t;
}

Eigen::VectorXd imports_by_product(const Economy& e) {
  Eigen::VectorXd m = Eigen::VectorXd::Zero(e.sectors());
  if (e.intermediate_imported.size() > 0) m += e.intermediate_imported.rowwise().sum();
  if (e.final_demand_imported.size() > 0) m += e.final_demand_imported.rowwise().sum();
  return m;
}

Eigen::MatrixXd input_coefficients(const Eigen::MatrixXd& flows, const Eigen::VectorXd& output) {
  Eigen::MatrixXd a = flows;
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    if (output(j) > 0.0)
      a.col(j) /= output(j);
    else
      a.col(j).setZero();
  }
  return a;
}

Eigen::VectorXd per_unit_of_output(const Eigen::VectorXd& v, const Eigen::VectorXd& output) {
  Eigen::VectorXd r(v.size());
  for (Eigen::Index j = 0; j < v.size(); ++j) r(j) = output(j) > 0.0 ? v(j) / output(j) : 0.0;
  return r;
}

}  // namespace tradejobs
