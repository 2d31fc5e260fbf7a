#include "tradejobs/models/labour.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>

#include "text_internal.h"

namespace tradejobs {

namespace {

using internal::fmt;
using internal::sector_name;

/// A single share column with a named complement and the name of its split (§4).
struct KnownComplement {
  const char* column;
  const char* complement;
  const char* dimension;
};
constexpr KnownComplement kKnownComplements[] = {
    {"female", "male", "sex"},
    {"male", "female", "sex"},
    {"informal", "formal", "formality"},
    {"formal", "informal", "formality"},
    {"self_employed", "employees", "employment_status"},
    {"employees", "self_employed", "employment_status"},
};

const KnownComplement* known_complement(const std::string& column) {
  for (const auto& k : kKnownComplements)
    if (column == k.column) return &k;
  return nullptr;
}

int index_of(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

/// Group share of a named group in sector j, or -1 if no split has the group.
double group_share(const std::vector<GroupSplit>& splits, const std::string& group, Eigen::Index j) {
  for (const auto& s : splits) {
    const int g = index_of(s.groups, group);
    if (g >= 0) return s.shares(j, g);
  }
  return -1.0;
}

}  // namespace

std::vector<GroupSplit> employment_group_splits(const std::vector<std::string>& share_columns,
                                                const Eigen::MatrixXd& shares, std::string* error,
                                                const std::vector<std::string>& sector_codes,
                                                const std::vector<bool>& jobs_known) {
  std::string local;
  std::string& err = error ? *error : local;
  err.clear();
  const auto fail = [&](std::string message) {
    err = std::move(message);
    return std::vector<GroupSplit>{};
  };
  if (static_cast<Eigen::Index>(share_columns.size()) != shares.cols())
    return fail("employment shares have " + std::to_string(shares.cols()) + " columns but " +
                std::to_string(share_columns.size()) + " column names");
  const Eigen::Index n = shares.rows();
  if (!jobs_known.empty() && static_cast<Eigen::Index>(jobs_known.size()) != n)
    return fail("employment shares have " + std::to_string(n) + " sectors but " + std::to_string(jobs_known.size()) +
                " flags of known jobs");
  // A sector with unknown jobs has no shares (read as 0): neither checked nor used (§4).
  const auto known = [&](Eigen::Index j) { return jobs_known.empty() || jobs_known[static_cast<size_t>(j)]; };
  std::set<std::string> seen;
  for (size_t c = 0; c < share_columns.size(); ++c) {
    if (!seen.insert(share_columns[c]).second)
      return fail("employment share column '" + share_columns[c] + "' appears twice");
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!known(j)) continue;
      const double s = shares(j, static_cast<Eigen::Index>(c));
      if (std::isnan(s)) continue;  // unknown in this sector (the split is unknown there)
      if (!(s >= 0.0 && s <= 1.0))
        return fail("employment share " + share_columns[c] + " of sector " + sector_name(sector_codes, j) + " = " +
                    fmt(s) + ": must be in [0, 1] (write 45% as 0.45)");
    }
  }

  // Assign every column to one split, in the order of first appearance (§4 rules).
  std::vector<std::vector<int>> members;  // column indices of each split
  std::vector<std::string> dimensions;
  std::vector<bool> used(share_columns.size(), false);
  for (size_t c = 0; c < share_columns.size(); ++c) {
    if (used[c]) continue;
    const std::string& name = share_columns[c];
    if (const KnownComplement* k = known_complement(name)) {
      const int other = index_of(share_columns, k->complement);
      std::vector<int> cols{static_cast<int>(c)};
      if (other >= 0) {
        cols.push_back(other);
        used[static_cast<size_t>(other)] = true;
      }
      used[c] = true;
      members.push_back(cols);
      dimensions.push_back(k->dimension);
      continue;
    }
    const auto pos = name.find('_');
    if (pos != std::string::npos && pos > 0) {
      const std::string prefix = name.substr(0, pos);
      std::vector<int> cols;
      for (size_t d = c; d < share_columns.size(); ++d)
        if (!used[d] && !known_complement(share_columns[d]) && share_columns[d].compare(0, pos + 1, prefix + "_") == 0)
          cols.push_back(static_cast<int>(d));
      for (int d : cols) used[static_cast<size_t>(d)] = true;
      members.push_back(cols);
      dimensions.push_back(cols.size() >= 2 ? prefix : name);
      continue;
    }
    used[c] = true;
    members.push_back({static_cast<int>(c)});
    dimensions.push_back(name);
  }

  std::vector<GroupSplit> splits;
  std::set<std::string> group_names;
  for (size_t s = 0; s < members.size(); ++s) {
    GroupSplit split;
    split.dimension = dimensions[s];
    const auto& cols = members[s];
    if (cols.size() == 1) {
      const std::string& name = share_columns[static_cast<size_t>(cols[0])];
      const KnownComplement* k = known_complement(name);
      split.groups = {name, k ? std::string(k->complement) : "not_" + name};
      split.shares.resize(n, 2);
      split.shares.col(0) = shares.col(cols[0]);
      split.shares.col(1) = (1.0 - shares.col(cols[0]).array()).matrix();
      for (Eigen::Index j = 0; j < n; ++j) {
        if (!known(j)) split.shares.row(j).setZero();  // no jobs, so no group holds any
        if (known(j) && std::isnan(split.shares(j, 0))) {
          split.shares.row(j).setZero();  // jobs known, this split not: no group holds them
          split.known.resize(static_cast<size_t>(n), true);
          split.known[static_cast<size_t>(j)] = false;
        }
      }
    } else {
      split.shares.resize(n, static_cast<Eigen::Index>(cols.size()));
      for (size_t g = 0; g < cols.size(); ++g) {
        split.groups.push_back(share_columns[static_cast<size_t>(cols[g])]);
        split.shares.col(static_cast<Eigen::Index>(g)) = shares.col(cols[g]);
      }
      for (Eigen::Index j = 0; j < n; ++j) {
        if (!known(j)) {
          split.shares.row(j).setZero();
          continue;
        }
        const Eigen::Index unknown = split.shares.row(j).array().isNaN().count();
        if (unknown == split.shares.cols()) {  // jobs known, this split not: no group holds them
          split.shares.row(j).setZero();
          split.known.resize(static_cast<size_t>(n), true);
          split.known[static_cast<size_t>(j)] = false;
          continue;
        }
        if (unknown > 0) {
          std::string list;
          for (const auto& g : split.groups) list += (list.empty() ? "" : " + ") + g;
          return fail("employment shares " + list + " of sector " + sector_name(sector_codes, j) + ": " +
                      std::to_string(unknown) + " of " + std::to_string(split.shares.cols()) +
                      " are NA: expected all or none of the columns of split '" + split.dimension + "' to be NA");
        }
        const double sum = split.shares.row(j).sum();
        if (std::abs(sum - 1.0) > 1e-6) {
          std::string list;
          for (const auto& g : split.groups) list += (list.empty() ? "" : " + ") + g;
          return fail("employment shares " + list + " of sector " + sector_name(sector_codes, j) + " sum to " +
                      fmt(sum) + ": the columns of split '" + split.dimension +
                      "' form a partition and must sum to 1 in every sector");
        }
      }
    }
    for (const auto& g : split.groups)
      if (!group_names.insert(g).second)
        return fail("employment group '" + g + "' is defined twice (by split '" + split.dimension +
                    "' and by another column): rename one of the share columns");
    splits.push_back(std::move(split));
  }
  return splits;
}

std::string group_label(const std::string& group) {
  // Words for the groups the loaders write (docs/labour_and_adjustment.md "Groups").
  static const std::pair<const char*, const char*> kWords[] = {{"female", "women"},
                                                               {"male", "men"},
                                                               {"informal", "informal"},
                                                               {"formal", "formal"},
                                                               {"self_employed", "self-employed"},
                                                               {"employees", "employees"}};
  const auto word = [](const std::string& w) -> std::string {
    for (const auto& [name, text] : kWords)
      if (w == name) return text;
    return "";
  };
  if (const std::string w = word(group); !w.empty()) return w;
  // Cross-tabulation "<dim1>-<dim2>_<a>_<b>" with known words: "informal women", "women employees".
  const auto first = group.find('_');
  if (first != std::string::npos && group.find('-') < first) {
    const std::string rest = group.substr(first + 1);
    for (size_t cut = rest.find('_'); cut != std::string::npos; cut = rest.find('_', cut + 1)) {
      const std::string a = word(rest.substr(0, cut)), b = word(rest.substr(cut + 1));
      if (a.empty() || b.empty()) continue;
      const bool a_people = a == "women" || a == "men", b_people = b == "women" || b == "men";
      if (a_people && b == "employees") return a + " " + b;  // "women employees"
      if (a_people) return b + " " + a;                      // "informal women", "self-employed men"
      if (b_people) return a + " " + b;
      return a + ", " + b;
    }
  }
  std::string s = group;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

Eigen::VectorXd benefit_uncovered_share(const std::vector<GroupSplit>& splits, Eigen::Index sectors) {
  Eigen::VectorXd u = Eigen::VectorXd::Zero(sectors);
  for (Eigen::Index j = 0; j < sectors; ++j) {
    const double informal = group_share(splits, "informal", j);
    const double self_employed = group_share(splits, "self_employed", j);
    u(j) = std::max({0.0, informal, self_employed});
  }
  return u;
}

Eigen::VectorXd annual_wage_from_compensation(const Eigen::VectorXd& compensation, const Eigen::VectorXd& jobs,
                                              double base_units_per_currency_unit) {
  if (compensation.size() != jobs.size())
    throw std::invalid_argument("annual_wage_from_compensation: compensation has " +
                                std::to_string(compensation.size()) + " sectors, jobs " + std::to_string(jobs.size()));
  Eigen::VectorXd w(jobs.size());
  for (Eigen::Index j = 0; j < jobs.size(); ++j)
    w(j) = jobs(j) > 0.0 ? compensation(j) * base_units_per_currency_unit / jobs(j) : 0.0;
  return w;
}

bool LabourOptions::is_valid(Eigen::Index sectors, const std::vector<GroupSplit>& splits, std::string* error) const {
  std::string local;
  std::string& err = error ? *error : local;
  err.clear();
  const auto check_vector = [&](const Eigen::VectorXd& v, const std::string& field) {
    if (v.size() != sectors) {
      err = field + " has " + std::to_string(v.size()) + " entries: must have one per sector (" +
            std::to_string(sectors) + ")";
      return false;
    }
    for (Eigen::Index j = 0; j < v.size(); ++j)
      if (!(v(j) >= 0.0) || !std::isfinite(v(j))) {
        err = field + "[" + std::to_string(j) + "] = " + fmt(v(j)) + ": must be >= 0 and finite";
        return false;
      }
    return true;
  };
  if (employment_elasticity.size() > 0 && !check_vector(employment_elasticity, "parameters.employment_elasticity"))
    return false;
  for (const auto& [group, theta] : group_elasticity) {
    const GroupSplit* owner = nullptr;
    for (const auto& s : splits)
      if (index_of(s.groups, group) >= 0) owner = &s;
    if (!owner) {
      std::string known;
      for (const auto& s : splits)
        for (const auto& g : s.groups) known += (known.empty() ? "" : ", ") + g;
      err = "group_elasticity." + group +
            ": no employment group of that name (known: " + (known.empty() ? std::string("none") : known) + ")";
      return false;
    }
    if (!check_vector(theta, "group_elasticity." + group)) return false;
    bool all = true;
    for (const auto& g : owner->groups) all = all && group_elasticity.count(g) > 0;
    if (all) {
      err = "group_elasticity: every group of split '" + owner->dimension +
            "' has its own elasticity: leave one group to take the rest of the sector change "
            "(set parameters.employment_elasticity for the sector instead)";
      return false;
    }
  }
  if (!(base_units_per_currency_unit > 0.0) || !std::isfinite(base_units_per_currency_unit)) {
    err = "base_units_per_currency_unit = " + fmt(base_units_per_currency_unit) + ": must be > 0";
    return false;
  }
  return true;
}

JobsResult employment_response(const Eigen::VectorXd& jobs_base, const Eigen::VectorXd& output_base,
                               const Eigen::VectorXd& output_new, const std::vector<GroupSplit>& splits,
                               const Eigen::VectorXd& annual_wage, const LabourOptions& options) {
  const Eigen::Index n = jobs_base.size();
  std::string error;
  if (output_base.size() != n || output_new.size() != n || annual_wage.size() != n)
    throw std::invalid_argument("employment_response: jobs_base has " + std::to_string(n) +
                                " sectors but output_base, output_new or annual_wage has another size");
  for (const auto& s : splits)
    if (s.shares.rows() != n || s.shares.cols() != static_cast<Eigen::Index>(s.groups.size()))
      throw std::invalid_argument("employment_response: split '" + s.dimension + "' has " +
                                  std::to_string(s.shares.rows()) + " rows, expected " + std::to_string(n));
  if (!options.is_valid(n, splits, &error)) throw std::invalid_argument(error);

  JobsResult r;
  r.jobs_base = jobs_base;
  r.jobs_new.resize(n);
  Eigen::VectorXd ratio(n);  // x_j'/x_j
  for (Eigen::Index j = 0; j < n; ++j) {
    if (!(output_new(j) >= 0.0))
      throw std::invalid_argument("employment_response: new gross output of sector " + std::to_string(j + 1) + " is " +
                                  fmt(output_new(j)) + ": must be >= 0");
    ratio(j) = output_base(j) > 0.0 ? output_new(j) / output_base(j) : 1.0;
    const double theta = options.employment_elasticity.size() > 0 ? options.employment_elasticity(j) : 1.0;
    // §4: N_j' = N_j (x_j'/x_j)^θ_j; θ = 0 keeps jobs fixed even where output falls to 0.
    r.jobs_new(j) = theta == 0.0 ? jobs_base(j) : jobs_base(j) * std::pow(ratio(j), theta);
  }
  r.jobs_change = r.jobs_new - jobs_base;
  r.jobs_created = r.jobs_change.cwiseMax(0.0);
  r.jobs_destroyed = (-r.jobs_change).cwiseMax(0.0);
  const double to_currency = 1.0 / options.base_units_per_currency_unit;
  r.wage_bill_change = r.jobs_change.cwiseProduct(annual_wage) * to_currency;
  r.total_jobs_base = jobs_base.sum();
  r.total_jobs_change = r.jobs_change.sum();
  r.total_jobs_created = r.jobs_created.sum();
  r.total_jobs_destroyed = r.jobs_destroyed.sum();
  r.total_wage_bill_change = r.wage_bill_change.sum();

  Eigen::Index total_groups = 0;
  for (const auto& s : splits) total_groups += static_cast<Eigen::Index>(s.groups.size());
  r.group_jobs_base.resize(n, total_groups);
  r.group_jobs_change.resize(n, total_groups);
  Eigen::Index offset = 0;
  for (const auto& s : splits) {
    const Eigen::Index k = static_cast<Eigen::Index>(s.groups.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!s.known.empty() && !s.known[static_cast<size_t>(j)]) {  // split unknown in this sector
        for (Eigen::Index g = 0; g < k; ++g)
          r.group_jobs_base(j, offset + g) = r.group_jobs_change(j, offset + g) = nan;
        continue;
      }
      // Groups with their own elasticity first; the others share the rest of ΔN_j (§4).
      double own_change = 0.0, rest_share = 0.0;
      for (Eigen::Index g = 0; g < k; ++g) {
        const double base = jobs_base(j) * s.shares(j, g);
        r.group_jobs_base(j, offset + g) = base;
        const auto it = options.group_elasticity.find(s.groups[static_cast<size_t>(g)]);
        if (it != options.group_elasticity.end()) {
          const double theta = it->second(j);
          const double change = theta == 0.0 ? 0.0 : base * (std::pow(ratio(j), theta) - 1.0);
          r.group_jobs_change(j, offset + g) = change;
          own_change += change;
        } else {
          rest_share += s.shares(j, g);
        }
      }
      const double rest = r.jobs_change(j) - own_change;
      for (Eigen::Index g = 0; g < k; ++g) {
        if (options.group_elasticity.count(s.groups[static_cast<size_t>(g)])) continue;
        double change = 0.0;
        if (rest_share > 0.0)
          change = rest * s.shares(j, g) / rest_share;
        else if (std::abs(rest) > 1e-9 * std::max(1.0, jobs_base(j)))
          throw std::invalid_argument("employment_response: in sector " + std::to_string(j + 1) +
                                      " the groups of split '" + s.dimension +
                                      "' without their own elasticity have no jobs, so they cannot take the rest (" +
                                      fmt(rest) + " persons) of the sector change");
        if (r.group_jobs_base(j, offset + g) + change < -1e-9 * std::max(1.0, jobs_base(j)))
          throw std::invalid_argument("employment_response: group elasticities leave group '" +
                                      s.groups[static_cast<size_t>(g)] + "' of sector " + std::to_string(j + 1) +
                                      " with negative jobs (" + fmt(r.group_jobs_base(j, offset + g) + change) +
                                      "): lower the group elasticities or the sector's employment_elasticity");
        r.group_jobs_change(j, offset + g) = change;
      }
    }
    for (Eigen::Index g = 0; g < k; ++g) {
      GroupJobs t;
      t.dimension = s.dimension;
      t.group = s.groups[static_cast<size_t>(g)];
      const auto base = r.group_jobs_base.col(offset + g);
      const auto change = r.group_jobs_change.col(offset + g);
      if (s.known.empty()) {
        t.jobs_base = base.sum();
        t.jobs_change = change.sum();
        t.jobs_created = change.cwiseMax(0.0).sum();
        t.jobs_destroyed = (-change).cwiseMax(0.0).sum();
        t.wage_bill_change = change.dot(annual_wage) * to_currency;
      } else {  // sums over the sectors where the split is known (NaN elsewhere)
        for (Eigen::Index j = 0; j < n; ++j) {
          if (!s.known[static_cast<size_t>(j)]) continue;
          t.jobs_base += base(j);
          t.jobs_change += change(j);
          t.jobs_created += std::max(change(j), 0.0);
          t.jobs_destroyed += std::max(-change(j), 0.0);
          t.wage_bill_change += change(j) * annual_wage(j);
        }
        t.wage_bill_change *= to_currency;
      }
      r.group_names.push_back(t.group);
      r.groups.push_back(t);
    }
    offset += k;
  }
  return r;
}

}  // namespace tradejobs
