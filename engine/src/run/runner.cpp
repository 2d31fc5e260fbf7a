#include "tradejobs/engine/runner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "formats/text.h"
#include "run/multi_region_backend.h"
#include "run/parameter_values.h"
#include "run/single_region_backend.h"
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

}  // namespace

PreparedEconomy::PreparedEconomy() = default;
PreparedEconomy::~PreparedEconomy() = default;

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
  // The one place that tells the kinds of economy apart: a multi-region table (sectors.csv has
  // a `region` column, docs/mrio.md) is solved on its bilateral flows.
  if (!e.sector_regions.empty())
    p->backend = std::make_unique<MultiRegionBackend>(*p);
  else
    p->backend = std::make_unique<SingleRegionBackend>(*p);
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
    LabourPolicy p;
    p.name = spec.name;
    p.type = policy_type_of(spec.type);
    // Every number its type takes: the scenario's, else the schema's default (docs/reference/scenario.md).
    schema::set_policy_numbers(p, spec, lm);
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
             join(e.sector_codes, ", ", 8) + ")" +
             (groups.empty() ? "" : " or a sector group (" + join(groups, ", ", kListedAtMost) + ")"));
      }
      for (int k : add) {
        if (std::find(p.sectors.begin(), p.sectors.end(), k) != p.sectors.end())
          fail(".sectors: sector '" + e.sector_codes[k] + "' is listed twice");
        p.sectors.push_back(k);
      }
    }
    std::sort(p.sectors.begin(), p.sectors.end());
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
               (names.empty() ? std::string("none (employment.csv has no share columns)")
                              : join(names, ", ", kListedAtMost)));
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
      for (const auto& q : out)
        if (q.type == PolicyType::benefit_extension)
          fail(": a second benefit_extension: give one, listing every group it reaches");
    } else if (p.type == PolicyType::retraining) {
      const double worst = std::max(lm.scarring_stayers, lm.scarring_switchers) * (1.0 + p.scarring_effect);
      if (worst > 1.0)
        fail(".scarring_effect = " + format_number(p.scarring_effect) + ": takes the scarring loss to " +
             format_number(worst) +
             " of the wage: (1 + scarring_effect) x labour_market.scarring_switchers must be at most 1");
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

}  // namespace

ResolvedScenario resolve_scenario(const Scenario& s, const PreparedEconomy& pe) {
  ResolvedScenario r;
  r.scenario = s;
  const Economy& e = pe.economy;
  const int n = e.sectors();
  for (size_t k = 0; k < s.measures.size(); ++k) r.measures.push_back(pe.backend->resolve_measure(s, k));
  pe.backend->resolve_trade_parameters(s, r);
  std::string err;
  bool set_emp = false;
  r.labour_options.employment_elasticity = sector_values("employment_elasticity", s, e, e.employment_elasticity,
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

ScenarioResult run_scenario(const PreparedEconomy& pe, const ResolvedScenario& rs) { return pe.backend->run(rs); }

ScenarioResult complete_scenario(const PreparedEconomy& pe, const ResolvedScenario& rs, TradeResult full) {
  ScenarioResult out;
  const Economy& e = pe.economy;
  const int n = e.sectors();
  const size_t k = rs.measures.size();
  // Gross output with each measure at a fraction of its change (phase-in years).
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
      const Eigen::VectorXd output = pe.backend->output_at(rs, fractions);
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
