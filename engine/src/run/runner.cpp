#include "tradejobs/engine/runner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "economy/concordance.h"
#include "formats/csv.h"
#include "run/mrio_runner.h"
#include "scenario/schema.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

double base_units_of(const std::string& currency) {
  if (currency.find("billion") != std::string::npos) return 1e9;
  if (currency.find("million") != std::string::npos) return 1e6;
  if (currency.find("thousand") != std::string::npos) return 1e3;
  return 1.0;
}

int index_in(const std::vector<std::string>& v, const std::string& s) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == s) return static_cast<int>(i);
  return -1;
}

std::string join(const std::vector<std::string>& v, size_t limit = 12) {
  std::string s;
  for (size_t i = 0; i < v.size() && i < limit; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > limit) s += ", ... (" + std::to_string(v.size()) + " in all)";
  return s;
}

}  // namespace

std::shared_ptr<const PreparedEconomy> prepare_economy(const std::string& folder, const CheckOptions& options) {
  auto p = std::make_shared<PreparedEconomy>();
  p->folder = folder;
  p->economy = load_economy(folder);
  const Economy& e = p->economy;
  p->checks = check_economy(e, options);
  std::string errors;
  for (const auto& d : p->checks)
    if (d.severity == Severity::Error) errors += "\n  " + d.check + ": " + d.message;
  if (!errors.empty()) throw InputError(located(folder, 0, 0, "the economy fails its consistency checks:" + errors));
  p->coefficients = io_coefficients(e);
  p->io = LeontiefSystem(p->coefficients.technical_coefficients);
  if (!e.sector_regions.empty()) {
    // A multi-region table (docs/mrio.md): the trade module works on its bilateral flows.
    try {
      p->mrio = std::make_unique<MrioTradeModel>(e, p->coefficients, p->io);
    } catch (const std::invalid_argument& ex) {
      throw InputError(located(folder, 0, 0, ex.what()));
    }
  } else {
    p->trade = std::make_unique<TradeModel>(e, p->coefficients, p->io);
  }
  std::string split_error;
  p->group_splits = employment_group_splits(e.employment_share_names, e.employment_shares, &split_error, e.sector_codes,
                                            e.employment_known);
  if (!split_error.empty()) throw InputError(located(folder + "/employment.csv", 0, 0, split_error));
  p->base_units_per_currency_unit = base_units_of(e.currency);
  const int n = e.sectors();
  if (e.annual_wage.size() == n) {
    p->annual_wage = e.annual_wage;
  } else {
    // Compensation per person engaged, in base units (a fallback the diagnostics state).
    p->wage_derived = true;
    const int comp = e.compensation_row();
    p->annual_wage = comp >= 0 ? annual_wage_from_compensation(e.value_added.row(comp).transpose(), e.employment,
                                                               p->base_units_per_currency_unit)
                               : Eigen::VectorXd::Zero(n);
  }
  p->uncovered_share = benefit_uncovered_share(p->group_splits, n);
  return p;
}

namespace {

struct MeasureContext {
  const Scenario& s;
  const PreparedEconomy& pe;
  const MeasureSpec& m;
  size_t index;
  [[noreturn]] void fail(const std::string& key, const std::string& msg) const {
    throw InputError(located(s.file, m.line, m.column,
                             "measures[" + std::to_string(index) + "]" + (key.empty() ? "" : "." + key) + ": " + msg));
  }
};

std::vector<int> resolve_sectors(const MeasureContext& c, const std::vector<std::string>& names) {
  const Economy& e = c.pe.economy;
  std::vector<int> out;
  if (names.empty() || (names.size() == 1 && names[0] == "all")) {
    for (int i = 0; i < e.sectors(); ++i) out.push_back(i);
    return out;
  }
  for (const auto& name : names) {
    const int i = e.sector_index(name);
    if (i >= 0) {
      out.push_back(i);
      continue;
    }
    auto g = e.sector_groups.find(name);
    if (g != e.sector_groups.end()) {
      for (const auto& code : g->second) out.push_back(e.sector_index(code));
      continue;
    }
    std::vector<std::string> groups;
    for (const auto& [k, v] : e.sector_groups) groups.push_back(k);
    c.fail("sectors", "unknown sector '" + excerpt(name) + "': expected a sector code of economy " + e.name + " (" +
                          join(e.sector_codes, 8) + ")" +
                          (groups.empty() ? "" : " or a sector group (" + join(groups) + ")"));
  }
  std::sort(out.begin(), out.end());
  const auto dup = std::adjacent_find(out.begin(), out.end());
  if (dup != out.end()) c.fail("sectors", "sector '" + e.sector_codes[*dup] + "' is listed twice");
  return out;
}

std::vector<int> resolve_partners(const MeasureContext& c, const std::vector<std::string>& available,
                                  const char* side) {
  std::vector<int> out;
  if (c.m.partners.empty() || (c.m.partners.size() == 1 && c.m.partners[0] == "all")) {
    for (size_t r = 0; r < available.size(); ++r) out.push_back(static_cast<int>(r));
    return out;
  }
  for (const auto& p : c.m.partners) {
    const int r = index_in(available, p);
    if (r < 0)
      c.fail("partners", "unknown partner '" + excerpt(p) + "': the economy's " + side + " partners are " +
                             join(available) + " (or 'all')");
    // Checked here, under the scenario's key, before the trade model sees the list.
    if (std::find(out.begin(), out.end(), r) != out.end())
      c.fail("partners", "partner '" + excerpt(p) + "' is listed twice");
    out.push_back(r);
  }
  return out;
}

/// Reads a codes file (`code,from,to,weight` or `code,change,weight`) and maps it to sectors.
void resolve_codes_file(const MeasureContext& c, ResolvedMeasure& r) {
  const Economy& e = c.pe.economy;
  const Concordance conc = load_concordance(c.m.concordance, e.sector_codes);
  const CsvTable t = read_csv(c.m.codes_file);
  const int code = t.require_column("code");
  const int from = t.column("from"), to = t.column("to"), change = t.column("change"), weight = t.column("weight");
  if (!((from >= 0 && to >= 0) || change >= 0))
    throw InputError(located(c.m.codes_file, 1, 0, "expected columns code,from,to[,weight] or code,change[,weight]"));
  std::map<std::string, double> vf, vt, vc, w;
  for (size_t row = 0; row < t.rows.size(); ++row) {
    const std::string& k = t.rows[row][code];
    if (!conc.codes.count(k))
      throw InputError(t.where(row, code) + ": code '" + excerpt(k) + "' is not in the concordance " + c.m.concordance);
    auto rate = [&](int col) {
      const double v = t.number(row, col);
      if (!(v >= 0.0 && v <= 10.0))
        throw InputError(t.where(row, col) + ": rate " + format_number(v) + " must be in [0, 10] (write 17% as 0.17)");
      return v;
    };
    if (from >= 0) {
      vf[k] = rate(from);
      vt[k] = rate(to);
    } else {
      vc[k] = t.number(row, change);
    }
    if (weight >= 0) {
      w[k] = t.number(row, weight);
      if (w[k] < 0) throw InputError(t.where(row, weight) + ": weight must be >= 0");
    }
  }
  std::map<std::string, double> sf, st, sc;
  if (from >= 0) {
    sf = map_average(conc, vf, w);
    st = map_average(conc, vt, w);
  } else {
    sc = map_average(conc, vc, w);
  }
  const auto& mapped = from >= 0 ? sf : sc;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> listed;
  if (!c.m.sectors.empty()) listed = resolve_sectors(c, c.m.sectors);
  for (const auto& [sector, value] : mapped) {
    (void)value;
    const int i = e.sector_index(sector);
    if (!listed.empty() && std::find(listed.begin(), listed.end(), i) == listed.end()) continue;
    r.sectors.push_back(i);
  }
  std::sort(r.sectors.begin(), r.sectors.end());
  const Eigen::Index k = static_cast<Eigen::Index>(r.sectors.size());
  r.from = Eigen::VectorXd::Constant(k, nan);
  r.to = Eigen::VectorXd::Constant(k, nan);
  r.change = Eigen::VectorXd::Constant(k, nan);
  for (Eigen::Index q = 0; q < k; ++q) {
    const std::string& code_s = e.sector_codes[r.sectors[q]];
    if (from >= 0) {
      r.from(q) = sf[code_s];
      r.to(q) = st[code_s];
    } else {
      r.change(q) = sc[code_s];
    }
  }
}

Eigen::VectorXd sector_values(const std::string& name, const Scenario& s, const PreparedEconomy& pe,
                              const Eigen::VectorXd& economy_values, double fallback, bool* set_by_scenario) {
  const Economy& e = pe.economy;
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
                                   join(e.sector_codes, 8) + ")"));
    }
    for (const auto& c : g->second) v(e.sector_index(c)) = value;
  }
  return v;
}

/// parameters.export_demand_by_partner resolved to the n×Re matrix η(i, r): the partner's
/// sector value, else its default, else export_demand(i) (docs/trade.md "Export demand by partner").
Eigen::MatrixXd export_demand_by_partner(const Scenario& s, const PreparedEconomy& pe, const Eigen::VectorXd& eta) {
  const Economy& e = pe.economy;
  const int n = e.sectors();
  const int re = static_cast<int>(e.export_partners.size());
  Eigen::MatrixXd out = eta.replicate(1, re);
  for (const auto& [partner, pp] : s.export_demand_by_partner) {
    const std::string where = "parameters.export_demand_by_partner." + partner;
    const int r = index_in(e.export_partners, partner);
    if (r < 0 || (re == 1 && e.export_partners[0] == "total"))
      throw InputError(located(
          s.file, pp.line, pp.column,
          where + ": unknown export partner '" + partner + "': the economy " + e.name +
              (re == 1 && e.export_partners[0] == "total" ? " gives exports as a total only (use export_demand)"
                                                          : "'s export partners are " + join(e.export_partners))));
    if (pp.values.all) out.col(r).setConstant(*pp.values.all);
    for (const auto& [code, value] : pp.values.by_sector) {
      const int j = e.sector_index(code);
      if (j >= 0) {
        out(j, r) = value;
        continue;
      }
      auto g = e.sector_groups.find(code);
      if (g == e.sector_groups.end())
        throw InputError(located(s.file, pp.line, pp.column,
                                 where + "." + code + ": unknown sector '" + code +
                                     "': expected a sector code or group of economy " + e.name + " (" +
                                     join(e.sector_codes, 8) + ")"));
      for (const auto& c : g->second) out(e.sector_index(c), r) = value;
    }
  }
  (void)n;
  return out;
}

/// options.tariff_revenue: the final-demand column that spends the revenue and its baseline
/// composition per currency unit (docs/trade.md "Tariff revenue").
void revenue_spending(const Scenario& s, const PreparedEconomy& pe, ResolvedScenario& r) {
  const Economy& e = pe.economy;
  const std::string column = s.tariff_revenue == "households" ? "household" : "government";
  const int c = index_in(e.final_demand_categories, column);
  if (c < 0)
    throw InputError(scenario_error(s, "options.tariff_revenue",
                                    "options.tariff_revenue: " + s.tariff_revenue + " needs a final-demand column '" +
                                        column + "' in economy " + e.name + ", which has " +
                                        join(e.final_demand_categories)));
  const Eigen::VectorXd dom = e.final_demand_domestic.col(c);
  const Eigen::VectorXd imp = e.final_demand_imported.cols() > c ? Eigen::VectorXd(e.final_demand_imported.col(c))
                                                                 : Eigen::VectorXd::Zero(dom.size());
  const double total = dom.sum() + imp.sum();
  if (!(total > 0.0) || dom.minCoeff() < 0.0 || imp.minCoeff() < 0.0)
    throw InputError(scenario_error(s, "options.tariff_revenue",
                                    "options.tariff_revenue: " + s.tariff_revenue + " spends the revenue like the '" +
                                        column + "' column of economy " + e.name +
                                        ", which must be >= 0 with a positive total (it has total " +
                                        format_number(total) + ")"));
  r.revenue_spending_domestic = dom / total;
  r.revenue_spending_imported = imp / total;
}

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

/// The user-facing check of one per-sector parameter, before the model's own validator (whose
/// messages name the model's fields): "parameters.armington of sector MAN = -3: must be ... (set
/// by the economy's elasticities.csv)". Values the scenario and the economy give are checked
/// where they are read; this catches what a sweep sets and the combinations. `derived` values
/// (σ_M by the rule of two) need only be finite and >= 0.
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

/// The scenario's policies resolved against the economy (docs/labour_and_adjustment.md
/// "Policies"): sector codes and groups to indices, defaults filled in; InputError at the
/// policy's line for an unknown sector or group, a scarring effect too large, or take-ups
/// of a sector adding up to more than 1.
std::vector<LabourPolicy> resolve_policies(const Scenario& s, const PreparedEconomy& pe,
                                           const LabourMarketParameters& lm) {
  const Economy& e = pe.economy;
  std::vector<LabourPolicy> out;
  for (size_t i = 0; i < s.policies.size(); ++i) {
    const PolicySpec& spec = s.policies[i];
    const std::string where = "policies[" + std::to_string(i) + "]";
    const auto fail = [&](const std::string& msg) {
      // Messages about sectors or groups point at that key when the scenario wrote it.
      int line = spec.line, column = spec.column;
      if (msg.rfind(".sectors", 0) == 0 && spec.sectors_line > 0)
        line = spec.sectors_line, column = spec.sectors_column;
      if (msg.rfind(".groups", 0) == 0 && spec.groups_line > 0) line = spec.groups_line, column = spec.groups_column;
      throw InputError(located(s.file, line, column, where + msg));
    };
    const auto value = [&](const char* key, double fallback) {
      const auto it = spec.values.find(key);
      return it == spec.values.end() ? fallback : it->second;
    };
    LabourPolicy p;
    p.name = spec.name;
    if (spec.type == "retraining")
      p.type = PolicyType::retraining;
    else if (spec.type == "job_search_assistance")
      p.type = PolicyType::job_search_assistance;
    else if (spec.type == "wage_insurance")
      p.type = PolicyType::wage_insurance;
    else
      p.type = PolicyType::benefit_extension;
    for (const auto& name : spec.sectors) {
      std::vector<int> add;
      const int j = e.sector_index(name);
      if (j >= 0) {
        add.push_back(j);
      } else if (const auto g = e.sector_groups.find(name); g != e.sector_groups.end()) {
        for (const auto& code : g->second) add.push_back(e.sector_index(code));
      } else {
        std::vector<std::string> groups;
        for (const auto& [k, v] : e.sector_groups) groups.push_back(k);
        fail(".sectors: unknown sector '" + excerpt(name) + "': expected a sector code of economy " + e.name + " (" +
             join(e.sector_codes, 8) + ")" + (groups.empty() ? "" : " or a sector group (" + join(groups) + ")"));
      }
      for (int k : add) {
        if (std::find(p.sectors.begin(), p.sectors.end(), k) != p.sectors.end())
          fail(".sectors: sector '" + e.sector_codes[k] + "' is listed twice");
        p.sectors.push_back(k);
      }
    }
    std::sort(p.sectors.begin(), p.sectors.end());
    p.reemployment_effect = value("reemployment_effect", 0.0);
    if (p.type != PolicyType::benefit_extension && !spec.groups.empty()) {
      // A programme for some groups of workers, all of one split (formality and status too).
      const GroupSplit* first = nullptr;
      for (const auto& g : spec.groups) {
        const GroupSplit* in = nullptr;
        for (const auto& split : pe.group_splits)
          if (std::find(split.groups.begin(), split.groups.end(), g) != split.groups.end()) in = &split;
        if (!in) {
          std::vector<std::string> names;
          for (const auto& split : pe.group_splits) names.insert(names.end(), split.groups.begin(), split.groups.end());
          fail(".groups: unknown group '" + excerpt(g) + "': the economy " + e.name + "'s groups of workers are " +
               (names.empty() ? std::string("none (employment.csv has no share columns)") : join(names)));
        }
        if (first && in != first)
          fail(".groups: '" + g + "' is in '" + in->dimension + "', '" + spec.groups.front() + "' in '" +
               first->dimension + "': a programme's groups must come from one split of the workers");
        first = in;
        if (std::count(spec.groups.begin(), spec.groups.end(), g) > 1) fail(".groups: '" + g + "' is listed twice");
      }
      p.groups = spec.groups;
    }
    if (p.type == PolicyType::benefit_extension) {
      for (const auto& g : spec.groups) {
        bool found = false;
        for (const auto& split : pe.group_splits)
          found = found || std::find(split.groups.begin(), split.groups.end(), g) != split.groups.end();
        if (!found)
          fail(".groups: the economy " + e.name + " has no '" + g +
               "' share in employment.csv: there is no one for the "
               "extension to reach");
        if (std::count(spec.groups.begin(), spec.groups.end(), g) > 1) fail(".groups: '" + g + "' is listed twice");
      }
      p.groups = spec.groups;
      p.coverage = value("coverage", 0.0);
      p.replacement_rate = value("replacement_rate", lm.replacement_rate);
      for (const auto& q : out)
        if (q.type == PolicyType::benefit_extension)
          fail(": a second benefit_extension: give one, listing every group it reaches");
    } else {
      p.take_up = value("take_up", 0.0);
      p.cost_per_participant = value("cost_per_participant", 0.0);
      p.cost_per_participant_amount = value("cost_per_participant_amount", 0.0);
      if (p.type == PolicyType::retraining) {
        p.training_years = static_cast<int>(value("training_years", 0.0));
        p.scarring_effect = value("scarring_effect", 0.0);
        const double worst = std::max(lm.scarring_stayers, lm.scarring_switchers) * (1.0 + p.scarring_effect);
        if (worst > 1.0)
          fail(".scarring_effect = " + format_number(p.scarring_effect) + ": takes the scarring loss to " +
               format_number(worst) +
               " of the wage: (1 + scarring_effect) x labour_market.scarring_switchers must be at most 1");
      }
      if (p.type == PolicyType::wage_insurance) {
        p.replacement = value("replacement", LabourPolicy::kWageInsuranceReplacement);
        p.years = value("years", LabourPolicy::kWageInsuranceYears);
        p.cap_per_year = value("cap_per_year", std::numeric_limits<double>::infinity());
      }
    }
    out.push_back(p);
  }
  // Participants of different programmes are different workers: at most all of a sector's displaced.
  const std::string problem = policy_take_up_problem(out, pe.group_splits, e.sector_codes, e.sectors());
  if (!problem.empty()) {
    std::string parts;
    for (const auto& p : out)
      if (p.type != PolicyType::benefit_extension)
        parts += (parts.empty() ? "" : ", ") + p.name + " " + format_number(p.take_up);
    throw InputError(located(s.file, s.policies.front().line, s.policies.front().column,
                             "policies: " + problem + " (take-ups: " + parts + ")"));
  }
  return out;
}

/// A model validator's message with its field names replaced by the scenario's keys.
std::string as_scenario_keys(std::string message) {
  for (const char* prefix : {"TradeParameters::", "MrioTradeParameters::"})
    for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix))
      message.replace(at, std::char_traits<char>::length(prefix), "parameters.");
  return message;
}

}  // namespace

ResolvedScenario resolve_scenario(const Scenario& s, const PreparedEconomy& pe) {
  ResolvedScenario r;
  r.scenario = s;
  const Economy& e = pe.economy;
  const int n = e.sectors();
  std::vector<std::string> import_partners = e.import_partners;
  if (import_partners.empty()) import_partners = {"ROW"};
  for (size_t k = 0; k < s.measures.size(); ++k) {
    const MeasureSpec& m = s.measures[k];
    MeasureContext c{s, pe, m, k};
    if (pe.mrio) {
      r.measures.push_back(resolve_mrio_measure(s, pe, k));
      continue;
    }
    if (!m.importer.empty())
      throw InputError(located(s.file, m.importer_line, m.importer_column,
                               "measures[" + std::to_string(k) + "].importer: the economy " + e.name +
                                   " is single-region (its tariffs are levied by " +
                                   (e.country.empty() ? "it" : e.country) +
                                   "): remove 'importer'; 'partners' names the source regions"));
    ResolvedMeasure rm;
    rm.type = m.type;
    rm.phase_in_years = m.phase_in_years;
    rm.scale = m.scale;
    rm.ntm_kind = m.ntm_kind;
    const bool import_side = is_import_measure(m.type);
    const bool export_side = is_export_measure(m.type);
    if (import_side) rm.partners = resolve_partners(c, import_partners, "import");
    if (export_side) rm.partners = resolve_partners(c, e.export_partners, "export");
    const bool rate_type = is_rate_measure(m.type);
    if (rate_type && !m.codes_file.empty()) {
      resolve_codes_file(c, rm);
    } else {
      rm.sectors = resolve_sectors(c, m.sectors);
      const double nan = std::numeric_limits<double>::quiet_NaN();
      const Eigen::Index q = static_cast<Eigen::Index>(rm.sectors.size());
      rm.from = Eigen::VectorXd::Constant(q, m.from ? *m.from : nan);
      rm.to = Eigen::VectorXd::Constant(q, m.to ? *m.to : nan);
      rm.change = Eigen::VectorXd::Constant(q, m.change ? *m.change : nan);
    }
    if (m.percent) rm.percent = *m.percent;
    if (m.quantity) {
      rm.quantity = *m.quantity;
      rm.has_quantity = true;
    }
    if (m.type == MeasureType::final_demand) {
      rm.category = index_in(e.final_demand_categories, m.category);
      if (rm.category < 0)
        c.fail("category", "unknown final-demand category '" + excerpt(m.category) + "': expected one of " +
                               join(e.final_demand_categories));
    }
    if (m.type == MeasureType::export_tariff && e.export_partners.size() == 1 && e.export_partners[0] == "total" &&
        !m.partners.empty() && m.partners[0] != "all" && m.partners[0] != "total")
      c.fail("partners", "the economy gives exports as a total only: export measures cannot name a partner");
    r.measures.push_back(std::move(rm));
  }

  std::string err;
  bool set_emp = false;
  if (pe.mrio) {
    r.mrio_parameters = mrio_trade_parameters(s, pe);
    if (!s.export_demand_by_partner.empty())
      throw InputError(located(s.file, s.export_demand_by_partner.begin()->second.line,
                               s.export_demand_by_partner.begin()->second.column,
                               "parameters.export_demand_by_partner: not applicable on the multi-region economy " +
                                   e.name + ": foreign demand is modelled by the importing regions' Armington nests"));
    if (s.tariff_revenue != "retained")
      throw InputError(scenario_error(s, "options.tariff_revenue",
                                      "options.tariff_revenue: " + s.tariff_revenue +
                                          " is not available on the multi-region economy " + e.name +
                                          " (revenue is retained there): remove it or set retained"));
    if (s.induced)
      throw InputError(
          scenario_error(s, "options.induced",
                         "options.induced: Type II induced effects are not available on the multi-region economy " +
                             e.name + " (its households are not closed region by region): set induced: false"));
    const std::vector<std::string> unknown = regions_without_jobs(pe);
    if (!unknown.empty())
      r.notes.push_back("jobs are unknown (no employment data) in " + std::to_string(unknown.size()) + " of " +
                        std::to_string(pe.mrio->regions().size()) + " regions (" + join(unknown, 50) +
                        "): their sectors report output effects and NA for jobs; the labour and adjustment modules "
                        "count only the sectors with employment data, and every jobs total covers those only");
  } else {
    // Parameters: docs/model.md §3 defaults, then the economy's per-sector values, then the scenario.
    TradeParameters p = TradeParameters::defaults(n);
    const TradeParameters d = TradeParameters::defaults(1);
    bool set_sd = false, set_sm = false, set_fd = false, set_ex = false, set_pt = false;
    p.armington = sector_values("armington", s, pe, e.armington, d.armington(0), &set_sd);
    p.source_substitution = sector_values("source_substitution", s, pe, e.source_substitution,
                                          std::numeric_limits<double>::quiet_NaN(), &set_sm);
    for (int j = 0; j < n; ++j)  // "rule of two" (GTAP): σ_M = 2·σ_D unless given
      if (!std::isfinite(p.source_substitution(j))) p.source_substitution(j) = 2.0 * p.armington(j);
    p.final_demand_elasticity = sector_values("final_demand_elasticity", s, pe, e.final_demand_elasticity,
                                              d.final_demand_elasticity(0), &set_fd);
    p.export_demand = sector_values("export_demand", s, pe, e.export_demand, d.export_demand(0), &set_ex);
    p.pass_through = sector_values("pass_through", s, pe, Eigen::VectorXd(), d.pass_through(0), &set_pt);
    if (!s.export_demand_by_partner.empty())
      p.export_demand_by_partner = export_demand_by_partner(s, pe, p.export_demand);
    check_parameter_values("armington", p.armington, s, e, e.armington);
    check_parameter_values("source_substitution", p.source_substitution, s, e, e.source_substitution);
    check_parameter_values("final_demand_elasticity", p.final_demand_elasticity, s, e, e.final_demand_elasticity);
    check_parameter_values("export_demand", p.export_demand, s, e, e.export_demand);
    check_parameter_values("pass_through", p.pass_through, s, e, Eigen::VectorXd());
    if (!p.is_valid(&err)) {
      const std::string message = as_scenario_keys(err);  // "parameters.armington[3] = ...": at that key
      throw InputError(scenario_error(s, message.substr(0, message.find_first_of("[ :")), message));
    }
    if (s.tariff_revenue != "retained") revenue_spending(s, pe, r);
    r.parameters = p;
  }
  r.labour_options.employment_elasticity = sector_values("employment_elasticity", s, pe, e.employment_elasticity,
                                                         LabourOptions::kDefaultEmploymentElasticity, &set_emp);
  r.labour_options.base_units_per_currency_unit = pe.base_units_per_currency_unit;
  check_parameter_values("employment_elasticity", r.labour_options.employment_elasticity, s, e,
                         e.employment_elasticity);
  if (!r.labour_options.is_valid(n, pe.group_splits, &err))
    throw InputError(scenario_error(s, "parameters.employment_elasticity", "parameters: " + err));
  r.trade_options.price_feedback = s.price_feedback;

  LabourMarketParameters lm;
  if (!s.labour_market_preset.empty()) {
    const std::optional<LabourMarketParameters> preset = labour_market_preset(s.labour_market_preset);
    if (!preset)
      throw InputError(scenario_error(s, "labour_market.preset",
                                      "labour_market.preset: unknown preset '" + s.labour_market_preset + "'"));
    lm = *preset;
  }
  for (const auto& [key, v] : s.labour_market)  // the parser and the sweeps checked the keys
    schema::set_labour_market(lm, key, v);
  if (!lm.is_valid(&err)) {
    // "labour_market.KEY = v: ...": at that key, or at the preset that set it.
    const std::string key = err.substr(0, err.find(' '));
    const bool written = s.labour_market.count(key.substr(std::string("labour_market.").size())) > 0;
    throw InputError(scenario_error(s, written || s.labour_market_preset.empty() ? key : "labour_market.preset", err));
  }
  if (lm.informal_reemployment_share > 0.0 && !s.labour_market.count("informal_wage_penalty"))
    throw InputError(
        scenario_error(s, "labour_market.informal_reemployment_share",
                       "labour_market.informal_reemployment_share = " + format_number(lm.informal_reemployment_share) +
                           ": needs labour_market.informal_wage_penalty (the earnings loss of an informal job, no "
                           "default: docs/labour_and_adjustment.md \"Moves from formal to informal work\")"));
  if (lm.informal_reemployment_share > 0.0) {
    bool informal = false;
    for (const auto& split : pe.group_splits)
      informal = informal || std::find(split.groups.begin(), split.groups.end(), "informal") != split.groups.end();
    if (!informal)
      throw InputError(scenario_error(s, "labour_market.informal_reemployment_share",
                                      "labour_market.informal_reemployment_share = " +
                                          format_number(lm.informal_reemployment_share) + ": the economy " + e.name +
                                          " has no 'informal' share in employment.csv, so no one is "
                                          "known to be formal before displacement"));
  }
  r.labour_market = lm;
  r.policies = resolve_policies(s, pe, lm);
  if (pe.wage_derived && e.compensation_row() >= 0)
    r.notes.push_back("annual_wage is not in the economy: derived as compensation per person employed");
  if (pe.wage_derived && e.compensation_row() < 0)
    r.notes.push_back(
        "the economy has neither annual_wage nor a compensation row: the wage-based adjustment costs "
        "(earnings lost, benefits, retraining) and the wage bill are not computed and read 0");
  return r;
}

TradeShock shock_at(const PreparedEconomy& pe, const ResolvedScenario& rs, const std::vector<double>& fractions) {
  const Economy& e = pe.economy;
  if (pe.mrio)
    throw InputError(scenario_error(rs.scenario, "economy",
                                    "the economy " + e.name +
                                        " is multi-region: its measures are solved by the MRIO trade model "
                                        "(tradejobs run); sweeps over multi-region economies are not available yet"));
  TradeShock s = pe.trade->no_change();
  Eigen::MatrixXd tariff_delta = Eigen::MatrixXd::Zero(s.tariff.rows(), s.tariff.cols());
  Eigen::MatrixXd export_delta = Eigen::MatrixXd::Zero(s.export_tariff.rows(), s.export_tariff.cols());
  Eigen::MatrixXd base_set = Eigen::MatrixXd::Zero(s.tariff.rows(), s.tariff.cols());
  Eigen::MatrixXd export_base_set = Eigen::MatrixXd::Zero(s.export_tariff.rows(), s.export_tariff.cols());
  const std::string& file = rs.scenario.file;
  for (size_t k = 0; k < rs.measures.size(); ++k) {
    const ResolvedMeasure& m = rs.measures[k];
    const double f = fractions[k] * m.scale;
    const std::string where = "measures[" + std::to_string(k) + "]";
    const MeasureSpec& spec = rs.scenario.measures[k];
    auto rate_change = [&](Eigen::MatrixXd& base, Eigen::MatrixXd& set, Eigen::MatrixXd& delta) {
      for (size_t q = 0; q < m.sectors.size(); ++q) {
        const int i = m.sectors[q];
        for (int r : m.partners) {
          if (std::isfinite(m.from(q))) {
            if (set(i, r) != 0.0 && base(i, r) != m.from(q))
              throw InputError(
                  located(file, spec.line, spec.column,
                          where + ": baseline rate of " + e.sector_codes[i] + " is given twice with different values"));
            base(i, r) = m.from(q);
            set(i, r) = 1.0;
          }
          if (std::isfinite(m.change(q)))
            delta(i, r) += f * m.change(q);
          else
            delta(i, r) += f * (m.to(q) - (std::isfinite(m.from(q)) ? m.from(q) : base(i, r)));
        }
      }
    };
    if (m.type == MeasureType::tariff) {
      rate_change(s.tariff_base, base_set, tariff_delta);
    } else if (m.type == MeasureType::export_tariff) {
      rate_change(s.export_tariff_base, export_base_set, export_delta);
    } else if (m.type == MeasureType::ntm) {
      Eigen::MatrixXd& target = m.ntm_kind == "rent" ? s.ntm_rent : s.ntm_cost;
      for (size_t q = 0; q < m.sectors.size(); ++q)
        for (int r : m.partners)
          target(m.sectors[q], r) +=
              f * (std::isfinite(m.change(q)) ? m.change(q) : m.to(q) - (std::isfinite(m.from(q)) ? m.from(q) : 0.0));
    } else if (m.type == MeasureType::quota) {
      const int i = m.sectors[0];
      const Eigen::VectorXd imports = imports_by_product(e);
      double base_volume = 0.0;
      for (int r : m.partners) base_volume += imports(i) * (e.import_shares.size() > 0 ? e.import_shares(i, r) : 1.0);
      QuotaMeasure qm;
      qm.sector = i;
      qm.partners = m.partners;
      // Phase-in: the ceiling moves linearly from the baseline volume to the quota.
      qm.quantity = m.quantity >= base_volume ? m.quantity : base_volume + f * (m.quantity - base_volume);
      s.quotas.push_back(qm);
    } else if (m.type == MeasureType::import_price) {
      for (int i : m.sectors)
        for (int r : m.partners) s.import_price(i, r) *= 1.0 + f * m.percent / 100.0;
    } else if (m.type == MeasureType::export_demand) {
      for (int i : m.sectors)
        for (int r : m.partners) s.export_demand_shift(i, r) *= 1.0 + f * m.percent / 100.0;
    } else if (m.type == MeasureType::final_demand) {
      for (int i : m.sectors)
        s.final_demand_change(i) +=
            f * (m.has_quantity ? m.quantity : m.percent / 100.0 * e.final_demand_domestic(i, m.category));
    }
  }
  s.tariff = s.tariff_base + tariff_delta;
  s.export_tariff = s.export_tariff_base + export_delta;
  for (Eigen::Index i = 0; i < s.tariff.rows(); ++i)
    for (Eigen::Index r = 0; r < s.tariff.cols(); ++r)
      if (s.tariff(i, r) < 0.0)
        throw InputError(scenario_error(rs.scenario, "measures",
                                        "the measures take the tariff on " + e.sector_codes[i] + " below zero (" +
                                            format_number(s.tariff(i, r)) + "): check from/to/change"));
  for (Eigen::Index i = 0; i < s.export_tariff.rows(); ++i)
    for (Eigen::Index r = 0; r < s.export_tariff.cols(); ++r)
      if (s.export_tariff(i, r) < 0.0)
        throw InputError(scenario_error(rs.scenario, "measures",
                                        "the measures take the export tariff on " + e.sector_codes[i] +
                                            " below zero (" + format_number(s.export_tariff(i, r)) + ")"));
  return s;
}

namespace {

/// Spends the change in tariff revenue through a final-demand column (options.tariff_revenue,
/// docs/trade.md "Tariff revenue"): the revenue R of a solve is spent as R·(composition) in
/// the next, until the revenue spent equals the revenue raised (|ΔR| ≤ 1e-10·max(1, |R|)).
TradeResult solve_spending_revenue(const PreparedEconomy& pe, const ResolvedScenario& rs, TradeShock s,
                                   TradeResult first) {
  TradeResult res = std::move(first);
  double spent = 0.0;
  constexpr int kMaxRounds = 100;
  for (int round = 0; round < kMaxRounds; ++round) {
    const double revenue = res.tariff_revenue - res.tariff_revenue_base;
    if (std::abs(revenue - spent) <= 1e-10 * std::max(1.0, std::abs(revenue))) return res;
    spent = revenue;
    s.final_spending_domestic = spent * rs.revenue_spending_domestic;
    s.final_spending_imported = spent * rs.revenue_spending_imported;
    res = pe.trade->solve(s, rs.parameters, rs.trade_options);
  }
  throw TradeSolveError("the spending of the tariff revenue (options.tariff_revenue: " + rs.scenario.tariff_revenue +
                        ") did not settle in " + std::to_string(kMaxRounds) + " rounds");
}

TradeResult solve_at(const PreparedEconomy& pe, const ResolvedScenario& rs, const std::vector<double>& fractions) {
  try {
    const TradeShock s = shock_at(pe, rs, fractions);
    TradeResult res = pe.trade->solve(s, rs.parameters, rs.trade_options);
    if (rs.revenue_spending_domestic.size() == 0) return res;
    return solve_spending_revenue(pe, rs, s, std::move(res));
  } catch (const TradeSolveError& ex) {
    throw SolveError(rs.scenario.file + ": the model could not be solved: " + ex.what());
  }
}

}  // namespace

ScenarioResult run_scenario(const PreparedEconomy& pe, const ResolvedScenario& rs) {
  const std::vector<double> full(rs.measures.size(), 1.0);
  if (pe.mrio) {
    // Multi-region economy (docs/mrio.md): the MRIO trade model, viewed by sector for the
    // labour and adjustment modules.
    MrioTradeResult m = solve_mrio_at(pe, rs, full);
    ScenarioResult out = complete_scenario(pe, rs, mrio_trade_view(pe, m));
    out.mrio = std::move(m);
    return out;
  }
  return complete_scenario(pe, rs, solve_at(pe, rs, full));
}

ScenarioResult complete_scenario(const PreparedEconomy& pe, const ResolvedScenario& rs, TradeResult full) {
  ScenarioResult out;
  const Economy& e = pe.economy;
  const int n = e.sectors();
  const size_t k = rs.measures.size();
  // Gross output with each measure at a fraction of its change (phase-in years).
  auto output_at = [&](const std::vector<double>& fractions) -> Eigen::VectorXd {
    if (pe.mrio) return solve_mrio_at(pe, rs, fractions).gross_output;
    return solve_at(pe, rs, fractions).output;
  };
  out.trade = std::move(full);
  out.solves = 1;
  // Jobs respond to x'/x with x solved the same way as x' (so a zero change is exactly zero).
  const Eigen::VectorXd x0 = out.trade.output_base;
  out.jobs =
      employment_response(e.employment, x0, out.trade.output, pe.group_splits, pe.annual_wage, rs.labour_options);
  if (rs.scenario_reports) out.job_quality = job_quality(out.jobs, pe.annual_wage);

  // Year-by-year path of the cumulative jobs change (§5 phase-in, linear per measure).
  const int horizon = rs.labour_market.horizon_years;
  out.jobs_path = Eigen::MatrixXd::Zero(n, horizon + 1);
  std::map<std::vector<double>, Eigen::VectorXd> cache;
  for (int t = 1; t <= horizon; ++t) {
    std::vector<double> fractions(k);
    bool fully_phased_in = true;
    for (size_t q = 0; q < k; ++q) {
      fractions[q] = std::min(1.0, t / rs.measures[q].phase_in_years);
      fully_phased_in = fully_phased_in && fractions[q] == 1.0;
    }
    if (fully_phased_in) {
      out.jobs_path.col(t) = out.jobs.jobs_change;
      continue;
    }
    auto it = cache.find(fractions);
    if (it == cache.end()) {
      const Eigen::VectorXd output = output_at(fractions);
      ++out.solves;
      const JobsResult jr =
          employment_response(e.employment, x0, output, pe.group_splits, pe.annual_wage, rs.labour_options);
      it = cache.emplace(fractions, jr.jobs_change).first;
    }
    out.jobs_path.col(t) = it->second;
  }

  AdjustmentInput in;
  in.sector_codes = e.sector_codes;
  in.jobs_base = e.employment;
  in.jobs_change_path = out.jobs_path;
  in.annual_wage = pe.annual_wage;
  in.uncovered_share = pe.uncovered_share;
  in.splits = pe.group_splits;
  in.mobility = e.mobility;
  in.base_units_per_currency_unit = pe.base_units_per_currency_unit;
  // Without policies; with them, only a scenario also reports this run (a sweep does not).
  if (rs.policies.empty() || rs.scenario_reports) out.adjustment = adjustment_path(in, rs.labour_market);
  if (!rs.policies.empty()) {
    // docs/labour_and_adjustment.md "Policies": the run with the policies, each policy alone,
    // and the run without them.
    const auto path_with = [&](const std::vector<LabourPolicy>& policies) {
      try {
        return adjustment_path(in, rs.labour_market, policies);
      } catch (const std::invalid_argument& ex) {
        throw InputError(scenario_error(rs.scenario, "policies", std::string("policies: ") + ex.what()));
      }
    };
    if (!rs.scenario_reports) {
      out.adjustment = path_with(rs.policies);  // a sweep: the run with the policies only
    } else {
      out.adjustment_without_policies = std::move(out.adjustment);
      out.adjustment = path_with(rs.policies);
      const AdjustmentResult& without = *out.adjustment_without_policies;
      const auto compare = [&](const std::string& name, const std::string& type, const AdjustmentResult& with) {
        PolicyComparison c;
        c.policy = name;
        c.type = type;
        for (const PolicyOutcome& o : with.policies) {
          c.participants += o.participants;
          c.programme_cost += o.programme_cost + o.wage_insurance + o.extended_benefits;
        }
        c.unemployment_years_avoided = without.time_unemployed - with.time_unemployed;
        c.private_cost_change = with.total.private_cost - without.total.private_cost;
        c.public_cost_change = with.total.public_cost - without.total.public_cost;
        c.adjustment_cost_change = with.total.adjustment_cost - without.total.adjustment_cost;
        // Person-years avoided within rounding of the sums (a transfer only) count as none.
        if (c.unemployment_years_avoided > 1e-9 * std::max(1.0, without.time_unemployed))
          c.cost_per_unemployment_year_avoided =
              c.programme_cost * pe.base_units_per_currency_unit / c.unemployment_years_avoided;
        c.net_effect = -c.adjustment_cost_change;
        const SectorAdjustment& ws = with.by_sector;
        const SectorAdjustment& wo = without.by_sector;
        c.by_sector.participants = Eigen::VectorXd::Zero(n);
        for (const PolicyOutcome& o : with.policies) c.by_sector.participants += o.participants_by_sector;
        c.by_sector.programme_cost = ws.programme + ws.wage_insurance + ws.extended_benefits;
        c.by_sector.unemployment_years_avoided = wo.time_unemployed - ws.time_unemployed;
        c.by_sector.private_cost_change = ws.private_cost - wo.private_cost;
        c.by_sector.public_cost_change = ws.public_cost - wo.public_cost;
        c.by_sector.adjustment_cost_change = ws.adjustment_cost - wo.adjustment_cost;
        for (size_t g = 0; g < with.by_group.size() && g < without.by_group.size(); ++g) {
          const GroupAdjustment& a = with.by_group[g];
          const GroupAdjustment& b = without.by_group[g];
          c.by_group.push_back({a.dimension, a.group, b.time_unemployed - a.time_unemployed,
                                a.costs.private_cost - b.costs.private_cost, a.costs.public_cost - b.costs.public_cost,
                                a.costs.adjustment_cost - b.costs.adjustment_cost});
        }
        return c;
      };
      for (const LabourPolicy& p : rs.policies) {
        if (rs.policies.size() == 1) {
          out.policy_comparisons.push_back(compare(p.name, policy_type_name(p.type), out.adjustment));
        } else {
          out.policy_comparisons.push_back(compare(p.name, policy_type_name(p.type), path_with({p})));
        }
      }
      if (rs.policies.size() > 1) out.policy_comparisons.push_back(compare("all", "all", out.adjustment));
    }
  }

  if (rs.scenario.induced) {
    out.output_change_induced = induced_output_change(pe.coefficients, pe.io, out.trade.effective_demand_change);
    out.jobs_change_induced = pe.coefficients.employment_coefficients.cwiseProduct(out.output_change_induced);
  }

  ScenarioTotals& t = out.totals;
  t.jobs_base = e.employment.sum();
  t.jobs_change = out.jobs.jobs_change.sum();
  t.jobs_created = out.jobs.jobs_created.sum();
  t.jobs_destroyed = out.jobs.jobs_destroyed.sum();
  t.output_change = out.trade.output_change.sum();
  t.imports_change = out.trade.imports.sum() - out.trade.imports_base.sum();
  t.exports_change = out.trade.exports.sum() - out.trade.exports_base.sum();
  t.tariff_revenue_change = out.trade.tariff_revenue - out.trade.tariff_revenue_base;
  if (rs.revenue_spending_domestic.size() > 0) t.tariff_revenue_spent = t.tariff_revenue_change;
  t.ntm_rent = out.trade.ntm_rent;
  t.quota_rent = out.trade.quota_rent;
  t.wage_bill_change = out.jobs.total_wage_bill_change;
  if (rs.scenario.induced) t.jobs_change_induced = out.jobs_change_induced.sum();
  const AdjustmentCosts& a = out.adjustment.total;
  t.adjustment_cost = a.adjustment_cost;
  t.private_cost = a.private_cost;
  t.public_cost = a.public_cost;
  t.displaced = out.adjustment.displaced;
  t.cost_per_displaced_worker = out.adjustment.cost_per_displaced;
  t.payback_years = out.adjustment.payback_years;
  if (out.adjustment_without_policies)
    t.adjustment_cost_without_policies = out.adjustment_without_policies->total.adjustment_cost;
  return out;
}

}  // namespace tradejobs
