#include "run/parameter_values.h"

#include <algorithm>
#include <cmath>

#include "formats/text.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

/// Where the value of parameters.NAME for sector j came from, for messages: the scenario's key,
/// the economy's elasticities.csv, or "" (the docs/model.md §3 default).
std::string parameter_origin(const std::string& name, int j, const Scenario& s, const Economy& e,
                             const Eigen::VectorXd& economy_values) {
  const auto it = s.parameters.find(name);
  if (it != s.parameters.end()) {
    for (const auto& [key, value] : it->second.by_sector) {
      (void)value;
      const auto g = e.sector_groups.find(key);
      const bool member = g != e.sector_groups.end() &&
                          std::find(g->second.begin(), g->second.end(), e.sector_codes[j]) != g->second.end();
      if (key == e.sector_codes[j] || member) return "the scenario's parameters." + name + "." + key;
    }
    if (it->second.all) return "the scenario's parameters." + name;
  }
  if (economy_values.size() == e.sectors() && std::isfinite(economy_values(j))) return "the economy's elasticities.csv";
  return "";
}

}  // namespace

Eigen::VectorXd sector_values(const std::string& name, const Scenario& s, const Economy& e,
                              const Eigen::VectorXd& economy_values, double fallback, bool* set_by_scenario) {
  const int n = e.sectors();
  Eigen::VectorXd v(n);
  for (int j = 0; j < n; ++j)
    v(j) = economy_values.size() == n && std::isfinite(economy_values(j)) ? economy_values(j) : fallback;
  *set_by_scenario = false;
  auto it = s.parameters.find(name);
  if (it == s.parameters.end()) return v;
  if (it->second.all) {
    v.setConstant(*it->second.all);
    *set_by_scenario = true;
  }
  for (const auto& [code, value] : it->second.by_sector) {
    *set_by_scenario = true;
    const int j = e.sector_index(code);
    if (j >= 0) {
      v(j) = value;
      continue;
    }
    auto g = e.sector_groups.find(code);
    if (g == e.sector_groups.end()) {
      const auto at = it->second.positions.find(code);
      const std::pair<int, int> pos = at == it->second.positions.end() ? std::pair<int, int>{0, 0} : at->second;
      throw InputError(located(s.file, pos.first, pos.second,
                               "parameters." + name + "." + excerpt(code) + ": unknown sector '" + excerpt(code) +
                                   "': expected a sector code or group of economy " + e.name + " (" +
                                   join(e.sector_codes, ", ", 8) + ")"));
    }
    for (const auto& c : g->second) v(e.sector_index(c)) = value;
  }
  return v;
}

void check_parameter_values(const std::string& name, const Eigen::VectorXd& v, const Scenario& s, const Economy& e,
                            const Eigen::VectorXd& economy_values) {
  for (int j = 0; j < static_cast<int>(v.size()); ++j) {
    std::string c = parameter_bounds(name, v(j));
    if (c.empty()) continue;  // the origin is looked up only for a message
    const std::string origin = parameter_origin(name, j, s, e, economy_values);
    const bool derived = origin.empty() && name == "source_substitution";
    if (derived) c = std::isfinite(v(j)) && v(j) >= 0.0 ? "" : "must be finite and >= 0";
    if (!c.empty())
      throw InputError(scenario_error(
          s, origin.rfind("the scenario's ", 0) == 0 ? origin.substr(15) : "",
          "parameters." + name + " of sector " + e.sector_codes[j] + " = " + format_number(v(j)) + ": " + c +
              " (set by " + (origin.empty() ? derived ? "the rule of two, 2 x armington" : "the default" : origin) +
              ")"));
  }
}

}  // namespace tradejobs
