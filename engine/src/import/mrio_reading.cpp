// What the readers of multi-region tables share (mrio_reading.h).
#include "import/mrio_reading.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "formats/text.h"

namespace fs = std::filesystem;

namespace tradejobs {

std::string location_of(const std::string& file, int line, int column) {
  std::string s = located(file, line, column, "");
  return s.substr(0, s.size() - 2);
}

void split_label(const std::string& label, std::string& region, std::string& sector) {
  const size_t u = label.find('_');
  if (u == std::string::npos || u == 0 || u + 1 == label.size()) {
    region = label;
    sector = "";
    return;
  }
  region = label.substr(0, u);
  sector = label.substr(u + 1);
}

void require_same_labels(const std::string& what_file, const std::vector<std::string>& found,
                         const std::vector<std::string>& expected, const std::function<std::string(size_t)>& where,
                         const std::string& what) {
  if (found.size() != expected.size()) {
    const size_t k = std::min(found.size(), expected.size());
    throw InputError(where(k == 0 ? 0 : k - 1) + ": " + what_file + " has " + std::to_string(found.size()) + " " +
                     what + "s, expected " + std::to_string(expected.size()) +
                     " (one per label of the intermediate matrix, " + "in its order; is the file truncated?)");
  }
  for (size_t k = 0; k < found.size(); ++k)
    if (found[k] != expected[k])
      throw InputError(where(k) + ": " + what + " '" + excerpt(found[k]) + "', expected '" + excerpt(expected[k]) +
                       "' (same labels in the same order as the intermediate matrix)");
}

void balance_columns(MrioTable& t, const std::string& why) {
  const Eigen::VectorXd x = t.gross_output();
  Eigen::VectorXd residual = x - t.intermediate.colwise().sum().transpose();
  if (t.value_added.size() > 0) residual -= t.value_added.colwise().sum().transpose();
  double worst = 0.0;
  Eigen::Index worst_j = 0;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double share = x(j) > 0.0 ? std::abs(residual(j)) / x(j) : std::abs(residual(j));
    if (share > worst) {
      worst = share;
      worst_j = j;
    }
  }
  if (worst <= 1e-9) return;
  const Eigen::Index k = t.value_added.rows();
  Eigen::MatrixXd v(k + 1, x.size());
  if (k > 0) v.topRows(k) = t.value_added;
  v.row(k) = residual.transpose();
  t.value_added = v;
  t.value_added_components.push_back("rounding");
  const int n = t.industries();
  t.notes.push_back(why + ": the residual x - column sums of Z - value added is in the value-added row 'rounding'; " +
                    "its largest share of gross output is " + format_number(worst) + " (" + t.regions[worst_j / n] +
                    "_" + t.sector_codes[worst_j % n] + ")");
}

void note_published_output(MrioTable& t, const Eigen::VectorXd& published, const std::string& file) {
  const Eigen::VectorXd x = t.gross_output();
  double worst_abs = 0.0, worst_rel = 0.0;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double d = std::abs(x(j) - published(j));
    worst_abs = std::max(worst_abs, d);
    if (published(j) != 0.0) worst_rel = std::max(worst_rel, d / std::abs(published(j)));
  }
  t.notes.push_back(
      "gross output recomputed as row sums Z.1 + Y.1 (+ sales outside the table); largest difference "
      "from the published output in " +
      fs::path(file).filename().string() + " is " + format_number(worst_abs) +
      " (largest relative difference where the published output is not zero: " + format_number(worst_rel) + ")");
}

std::vector<int> household_first(const std::vector<std::string>& codes) {
  std::vector<int> order;
  for (size_t k = 0; k < codes.size(); ++k)
    if (codes[k] == "household") order.push_back(static_cast<int>(k));
  for (size_t k = 0; k < codes.size(); ++k)
    if (codes[k] != "household") order.push_back(static_cast<int>(k));
  return order;
}

int year_in_name(const std::string& name) {
  for (size_t k = 0; k + 4 <= name.size(); ++k) {
    bool digits = true;
    for (size_t d = k; d < k + 4; ++d) digits = digits && std::isdigit(static_cast<unsigned char>(name[d]));
    if (!digits) continue;
    if ((k > 0 && std::isdigit(static_cast<unsigned char>(name[k - 1]))) ||
        (k + 4 < name.size() && std::isdigit(static_cast<unsigned char>(name[k + 4]))))
      continue;
    const int year = std::stoi(name.substr(k, 4));
    if (year >= 1950 && year <= 2099) return year;
  }
  return 0;
}

}  // namespace tradejobs
