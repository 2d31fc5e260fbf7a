// MRIO tables and their aggregation (mrio_table.h; docs/mrio.md).
#include "import/mrio_table.h"

#include <algorithm>
#include <map>

#include "formats/csv.h"
#include "formats/text.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

Eigen::VectorXd MrioTable::gross_output() const {
  Eigen::VectorXd x = intermediate.rowwise().sum();
  if (final_demand.cols() > 0) x += final_demand.rowwise().sum();
  if (outside_exports.size() == x.size()) x += outside_exports;
  return x;
}

AggregationMap load_aggregation_map(const std::string& path, const std::vector<std::string>& codes) {
  const CsvTable t = read_csv(path);
  const int code = t.require_column("code");
  const int group = t.require_column("group");
  const int name = t.column("group_name");
  AggregationMap m;
  m.path = path;
  m.group_of.assign(codes.size(), -1);
  std::map<std::string, int> index;
  for (size_t k = 0; k < codes.size(); ++k) index[codes[k]] = static_cast<int>(k);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto it = index.find(t.rows[r][code]);
    if (it == index.end())
      throw InputError(t.where(r, code) + ": code '" + excerpt(t.rows[r][code]) +
                       "' is not in the table: expected one of " + join(codes, ", ", kListedAtMost));
    if (m.group_of[it->second] >= 0)
      throw InputError(t.where(r, code) + ": code '" + excerpt(t.rows[r][code]) +
                       "' is mapped twice: expected each code once");
    const std::string& g = t.rows[r][group];
    if (g.empty()) throw InputError(t.where(r, group) + ": empty group: expected a group code");
    int gi = index_of(m.groups, g);
    if (gi < 0) {
      gi = static_cast<int>(m.groups.size());
      m.groups.push_back(g);
      m.group_names.push_back(name >= 0 && !t.rows[r][name].empty() ? t.rows[r][name] : g);
    }
    m.group_of[it->second] = gi;
  }
  std::vector<std::string> missing;
  for (size_t k = 0; k < codes.size(); ++k)
    if (m.group_of[k] < 0) missing.push_back(codes[k]);
  if (!missing.empty())
    throw InputError(located(path, 0, 0,
                             std::to_string(missing.size()) + " codes of the table are not mapped (" +
                                 join(missing, ", ", kListedAtMost) + "): expected every code once"));
  return m;
}

namespace {

/// Aggregates regions (region_group, size R) and industries (sector_group, size n) at once.
/// The self-employed share of (region, industry) i where the satellite has one, else 0.
double self_employed_share(const MrioTable& t, Eigen::Index i) {
  for (size_t k = 0; k < t.employment_share_names.size(); ++k)
    if (t.employment_share_names[k] == "self_employed") return t.employment_shares(i, static_cast<Eigen::Index>(k));
  return 0.0;
}

MrioTable aggregate_table(const MrioTable& t, const std::vector<int>& region_group,
                          const std::vector<std::string>& regions, const std::vector<int>& sector_group,
                          const std::vector<std::string>& sectors, const std::vector<std::string>& sector_names) {
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const int gn = static_cast<int>(sectors.size()), gr = static_cast<int>(regions.size());
  const int c = static_cast<int>(t.final_demand_categories.size());
  MrioTable a = t;
  a.regions = regions;
  a.sector_codes = sectors;
  a.sector_names = sector_names;
  std::vector<int> to(static_cast<size_t>(n) * rc);
  for (int r = 0; r < rc; ++r)
    for (int i = 0; i < n; ++i) to[static_cast<size_t>(r) * n + i] = region_group[r] * gn + sector_group[i];
  const Eigen::Index total = static_cast<Eigen::Index>(gn) * gr;
  a.intermediate = Eigen::MatrixXd::Zero(total, total);
  a.final_demand = Eigen::MatrixXd::Zero(total, static_cast<Eigen::Index>(gr) * c);
  a.outside_exports = Eigen::VectorXd::Zero(total);
  a.value_added = Eigen::MatrixXd::Zero(t.value_added.rows(), total);
  const Eigen::Index old_total = static_cast<Eigen::Index>(n) * rc;
  // Column aggregation first (nR × nR -> nR × G), then rows: O((nR)²) additions.
  Eigen::MatrixXd z_cols = Eigen::MatrixXd::Zero(old_total, total);
  for (Eigen::Index j = 0; j < old_total; ++j) z_cols.col(to[j]) += t.intermediate.col(j);
  for (Eigen::Index i = 0; i < old_total; ++i) a.intermediate.row(to[i]) += z_cols.row(i);
  for (Eigen::Index i = 0; i < old_total; ++i) {
    for (int r = 0; r < rc; ++r)
      for (int k = 0; k < c; ++k) a.final_demand(to[i], region_group[r] * c + k) += t.final_demand(i, r * c + k);
    if (t.outside_exports.size() > 0) a.outside_exports(to[i]) += t.outside_exports(i);
    a.value_added.col(to[i]) += t.value_added.col(i);
  }
  if (t.employment.size() > 0) {
    a.employment = Eigen::VectorXd::Zero(total);
    a.employment_known.assign(total, true);
    a.employment_shares = Eigen::MatrixXd::Zero(total, t.employment_shares.cols());
    if (t.annual_wage.size() > 0) a.annual_wage = Eigen::VectorXd::Zero(total);
    Eigen::VectorXd group_employees = Eigen::VectorXd::Zero(total);
    for (Eigen::Index i = 0; i < old_total; ++i) {
      if (!t.employment_known[i]) {
        a.employment_known[to[i]] = false;  // a group with an unknown part has unknown jobs
        continue;
      }
      a.employment(to[i]) += t.employment(i);
      a.employment_shares.row(to[i]) += t.employment(i) * t.employment_shares.row(i);
      // Wage per employee: the group's wage bill over its employees.
      if (t.annual_wage.size() > 0) {
        const double employees = t.employment(i) * (1.0 - self_employed_share(t, i));
        a.annual_wage(to[i]) += employees * t.annual_wage(i);
        group_employees(to[i]) += employees;
      }
    }
    for (Eigen::Index g = 0; g < a.annual_wage.size(); ++g)
      a.annual_wage(g) = group_employees(g) > 0.0 ? a.annual_wage(g) / group_employees(g) : 0.0;
    for (Eigen::Index g = 0; g < total; ++g) {
      if (!a.employment_known[g]) {
        a.employment(g) = 0.0;
        a.employment_shares.row(g).setZero();
      } else if (a.employment(g) > 0.0) {
        a.employment_shares.row(g) /= a.employment(g);
      }
    }
  }
  return a;
}

}  // namespace

MrioTable aggregate_regions(const MrioTable& t, const AggregationMap& map) {
  std::vector<int> sectors(t.sector_codes.size());
  for (size_t i = 0; i < sectors.size(); ++i) sectors[i] = static_cast<int>(i);
  MrioTable a = aggregate_table(t, map.group_of, map.groups, sectors, t.sector_codes, t.sector_names);
  a.notes.push_back(std::to_string(t.regions.size()) + " regions aggregated into " + std::to_string(map.groups.size()) +
                    " by " + map.path);
  return a;
}

MrioTable aggregate_sectors(const MrioTable& t, const AggregationMap& map) {
  std::vector<int> regions(t.regions.size());
  for (size_t r = 0; r < regions.size(); ++r) regions[r] = static_cast<int>(r);
  std::vector<std::string> names = map.group_names;
  for (size_t g = 0; g < map.groups.size(); ++g) {
    // A group of one industry without a group_name keeps the industry's name.
    int members = 0, last = -1;
    for (size_t i = 0; i < map.group_of.size(); ++i)
      if (map.group_of[i] == static_cast<int>(g)) ++members, last = static_cast<int>(i);
    if (members == 1 && names[g] == map.groups[g]) names[g] = t.sector_names[last];
  }
  MrioTable a = aggregate_table(t, regions, t.regions, map.group_of, map.groups, names);
  a.notes.push_back(std::to_string(t.sector_codes.size()) + " industries aggregated into " +
                    std::to_string(map.groups.size()) + " by " + map.path);
  return a;
}

}  // namespace tradejobs
