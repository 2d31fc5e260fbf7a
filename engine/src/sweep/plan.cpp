// The sweep plan: the sweep file, its economy and every key path checked once before any run
// (plan.h, sweep.h).
#include "sweep/plan.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv.h"
#include "run/trade_backend.h"
#include "scenario/schema.h"
#include "tradejobs/engine/bytes.h"
#include "tradejobs/engine/errors.h"

namespace fs = std::filesystem;

namespace tradejobs {

/// The economy folder's files and the files the base scenario's measures read.
std::uint64_t data_fingerprint(const SweepFile& f) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(f.base.economy))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& m : f.base.measures) {
    if (!m.concordance.empty()) files.push_back(m.concordance);
    if (!m.codes_file.empty()) files.push_back(m.codes_file);
  }
  Fnv1a64 h;  // bytes.h
  for (const auto& file : files) {
    h.text(fs::path(file).filename().string());
    h.u64(file_fingerprint(file));
  }
  return h.value();
}

SweepPlan prepare_sweep(const std::string& sweep_file) {
  SweepPlan plan;
  plan.file = load_sweep_file(sweep_file);
  const SweepFile& f = plan.file;
  plan.economy = prepare_economy(f.base.economy);
  plan.base = resolve_scenario(f.base, *plan.economy);
  // Every key path is applied to a copy of the base scenario and resolved against the
  // economy once (a sector code in parameters.NAME.SECTOR, a measure's sectors), so a bad
  // path fails here with the line and column of its entry, before any run.
  Scenario all = f.base;
  const std::vector<double> first = f.runs() > 0 ? f.run_values(0) : std::vector<double>{};
  for (size_t i = 0; i < f.vary.size(); ++i) {
    const VaryEntry& e = f.vary[i];
    plan.varies_measures = plan.varies_measures || e.key.rfind("measures[", 0) == 0;
    Scenario one = f.base;
    std::string why = set_scenario_value(one, e.key, first[i]);
    if (why.empty()) why = set_scenario_value(all, e.key, first[i]);
    try {
      if (why.empty()) resolve_scenario(one, *plan.economy);
    } catch (const InputError& ex) {
      why = ex.what();
    }
    if (!why.empty())
      throw InputError(located(f.file, e.line, e.column, "vary[" + std::to_string(i) + "] " + e.key + ": " + why));
  }
  try {
    resolve_scenario(all, *plan.economy);
  } catch (const InputError& ex) {
    throw InputError(
        located(f.file, f.vary_line, f.vary_column, std::string("vary: the entries together: ") + ex.what()));
  }
  plan.compiled = compile_sweep(plan);
  return plan;
}

namespace {

void resolve_measures_of_run(const SweepPlan& plan, const Scenario& s, ResolvedScenario& rs) {
  // Only numbers of the measures can vary (docs/model.md §9 key paths): their sectors, partners,
  // codes files and concordances are the base's. A measure read from a codes file varies only
  // by scale or phase_in_years; any other measure is re-resolved alone (no file is read).
  rs.measures = plan.base.measures;
  for (size_t k = 0; k < s.measures.size(); ++k) {
    const MeasureSpec& m = s.measures[k];
    ResolvedMeasure& r = rs.measures[k];
    if (!m.codes_file.empty()) {
      r.scale = m.scale;
      r.phase_in_years = m.phase_in_years;
      continue;
    }
    Scenario one = s;
    one.measures = {m};
    one.parameters.clear();
    one.labour_market.clear();
    r = resolve_scenario(one, *plan.economy).measures[0];
  }
}

}  // namespace

ResolvedScenario resolve_sweep_run(const SweepPlan& plan, std::uint64_t run, RunRecord& record) {
  const SweepFile& f = plan.file;
  record.run = run;
  record.varied = f.run_values(run);
  Scenario s = f.base;
  for (size_t i = 0; i < f.vary.size(); ++i) {
    const std::string why = set_scenario_value(s, f.vary[i].key, record.varied[i]);
    if (!why.empty())
      throw InputError(located(f.file, f.vary[i].line, f.vary[i].column, "run " + std::to_string(run) + ": " + why));
  }
  // Parameters and labour-market values are resolved per run; the measures are the base's
  // (resolve_scenario would re-read their codes files and concordances for every run), so
  // the scenario is resolved without its measures, which are put back afterwards.
  std::vector<MeasureSpec> measures = std::move(s.measures);
  s.measures.clear();
  ResolvedScenario rs = resolve_scenario(s, *plan.economy);
  rs.scenario_reports = false;  // runs.csv and the statistics need neither job quality nor policy comparisons
  rs.scenario.measures = std::move(measures);
  if (plan.varies_measures)
    resolve_measures_of_run(plan, rs.scenario, rs);
  else
    rs.measures = plan.base.measures;
  return rs;
}

namespace {

/// The value of entry `i` accepted by the key's bounds and the resolution of a scenario
/// (measures left out, as the runs resolve them: only their numbers vary).
bool value_accepted(const SweepPlan& plan, size_t i, double v) {
  const VaryEntry& e = plan.file.vary[i];
  Scenario one = plan.file.base;
  if (!set_scenario_value(one, e.key, v).empty()) return false;
  if (e.key.rfind("measures[", 0) == 0) return true;  // scale, phase_in_years: their bounds only
  one.measures.clear();
  try {
    resolve_scenario(one, *plan.economy);
  } catch (const InputError&) {
    return false;
  }
  return true;
}

/// Equal entries, NaN (not given) equal to NaN.
bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index k = 0; k < a.size(); ++k)
    if (!(a.data()[k] == b.data()[k] || (std::isnan(a.data()[k]) && std::isnan(b.data()[k])))) return false;
  return true;
}

bool same(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  if (a.size() != b.size()) return false;
  for (Eigen::Index k = 0; k < a.size(); ++k)
    if (!(a(k) == b(k) || (std::isnan(a(k)) && std::isnan(b(k))))) return false;
  return true;
}

/// Equal model inputs: every number a compiled target can move, and those next to them.
bool same_numbers(const ResolvedScenario& a, const ResolvedScenario& b) {
  const TradeParameters &p = a.parameters, &q = b.parameters;
  if (!same(p.armington, q.armington) || !same(p.source_substitution, q.source_substitution) ||
      !same(p.final_demand_elasticity, q.final_demand_elasticity) || !same(p.export_demand, q.export_demand) ||
      !same(p.pass_through, q.pass_through) || !same(p.export_demand_by_partner, q.export_demand_by_partner))
    return false;
  const MrioTradeParameters &u = a.mrio_parameters, &w = b.mrio_parameters;
  auto same_number = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  if (!same_number(u.armington, w.armington) || !same_number(u.source_substitution, w.source_substitution) ||
      !same_number(u.final_demand_elasticity, w.final_demand_elasticity) ||
      !same_number(u.pass_through, w.pass_through) || !same(u.armington_by_product, w.armington_by_product) ||
      !same(u.source_substitution_by_product, w.source_substitution_by_product) ||
      !same(u.final_demand_elasticity_by_product, w.final_demand_elasticity_by_product) ||
      !same(u.pass_through_by_product, w.pass_through_by_product) || u.price_feedback != w.price_feedback)
    return false;
  if (!same(a.labour_options.employment_elasticity, b.labour_options.employment_elasticity)) return false;
  const LabourMarketParameters &l = a.labour_market, &m = b.labour_market;
  if (l.unemployment_duration_years != m.unemployment_duration_years || l.exit_rate != m.exit_rate ||
      l.replacement_rate != m.replacement_rate || l.benefit_coverage_formal != m.benefit_coverage_formal ||
      l.scarring_stayers != m.scarring_stayers || l.scarring_switchers != m.scarring_switchers ||
      l.scarring_half_life_years != m.scarring_half_life_years ||
      l.retraining_cost_wage_multiple != m.retraining_cost_wage_multiple || l.discount_rate != m.discount_rate ||
      l.turnover_rate != m.turnover_rate || l.horizon_years != m.horizon_years ||
      l.informal_reemployment_share != m.informal_reemployment_share ||
      l.informal_wage_penalty != m.informal_wage_penalty)
    return false;
  if (a.measures.size() != b.measures.size() || a.policies.size() != b.policies.size()) return false;
  for (size_t k = 0; k < a.measures.size(); ++k) {
    const ResolvedMeasure &x = a.measures[k], &y = b.measures[k];
    if (x.scale != y.scale || x.phase_in_years != y.phase_in_years || x.sectors != y.sectors ||
        x.partners != y.partners || !same(x.from, y.from) || !same(x.to, y.to) || !same(x.change, y.change) ||
        x.percent != y.percent || x.quantity != y.quantity)
      return false;
  }
  return a.trade_options.price_feedback == b.trade_options.price_feedback &&
         a.revenue_spending_domestic.size() == b.revenue_spending_domestic.size();
}

/// The base scenario with the other vary entries at run 0's values and entry `i` at `a` and
/// at `b`, resolved (measures left out): what a value of entry `i` moves, found by difference.
bool probe(const SweepPlan& plan, size_t i, double a, double b, ResolvedScenario& ra, ResolvedScenario& rb) {
  const SweepFile& f = plan.file;
  const std::vector<double> first = f.run_values(0);
  Scenario s = f.base;
  for (size_t j = 0; j < f.vary.size(); ++j)
    if (j != i && !set_scenario_value(s, f.vary[j].key, first[j]).empty()) return false;
  s.measures.clear();
  Scenario sa = s, sb = std::move(s);
  if (!set_scenario_value(sa, f.vary[i].key, a).empty() || !set_scenario_value(sb, f.vary[i].key, b).empty())
    return false;
  ra = resolve_scenario(sa, *plan.economy);
  rb = resolve_scenario(sb, *plan.economy);
  return true;
}

/// The entries of η by partner that differ between two probes; false unless each takes the
/// probe's value.
bool following_entries(const Eigen::MatrixXd& ma, const Eigen::MatrixXd& mb, double a, double b,
                       std::vector<Eigen::Index>& entries) {
  if (ma.size() != mb.size()) return false;
  for (Eigen::Index k = 0; k < ma.size(); ++k) {
    if (ma.data()[k] == mb.data()[k]) continue;
    if (ma.data()[k] != a || mb.data()[k] != b) return false;
    entries.push_back(k);
  }
  return true;
}

/// The target of one vary entry; false when it has none.
bool compile_entry(const SweepPlan& plan, size_t i, SweepTarget& t) {
  const VaryEntry& e = plan.file.vary[i];
  const std::string& key = e.key;
  if (key.rfind("parameters.", 0) == 0) {
    const std::string name = key.substr(11);  // by sector or partner (a further '.'): not compiled
    if (name == "employment_elasticity") {
      t.kind = SweepTarget::Kind::employment_elasticity;
      return true;
    }
    if (const schema::Entry* entry = schema::find(key); entry && entry->trade_vector) {
      t.kind = SweepTarget::Kind::trade_parameter;
      t.vector = entry->trade_vector;
      t.mrio_number = entry->mrio_number;  // null for export_demand, which a multi-region economy refuses
      t.mrio_by_product = entry->mrio_by_product;
    }
    if (name.rfind("export_demand_by_partner.", 0) == 0) {
      t.kind = SweepTarget::Kind::export_demand_by_partner;
      ResolvedScenario a, b;
      return probe(plan, i, -1.0, -2.0, a, b) &&
             following_entries(a.parameters.export_demand_by_partner, b.parameters.export_demand_by_partner, -1.0, -2.0,
                               t.eta_entries) &&
             !t.eta_entries.empty();
    }
    if (!t.vector) return false;  // by sector (a further '.'): resolved per run
    if (name == "armington") {
      // σ_M = 2 σ_D (the rule of two) where neither the economy, the scenario nor another vary
      // entry gives σ_M: the sectors whose σ_M follows σ_D between two probes.
      ResolvedScenario a, b;
      if (!probe(plan, i, 1.0, 2.0, a, b)) return false;
      for (int j = 0; j < static_cast<int>(a.parameters.source_substitution.size()); ++j) {
        if (a.parameters.source_substitution(j) == b.parameters.source_substitution(j)) continue;
        if (a.parameters.source_substitution(j) != 2.0 || b.parameters.source_substitution(j) != 4.0) return false;
        t.rule_of_two.push_back(j);
      }
    }
    if (name == "export_demand") {  // η by partner where no partner value overrides it
      ResolvedScenario a, b;
      if (!probe(plan, i, -1.0, -2.0, a, b) ||
          !following_entries(a.parameters.export_demand_by_partner, b.parameters.export_demand_by_partner, -1.0, -2.0,
                             t.eta_entries))
        return false;
    }
    return true;
  }
  if (key.rfind("labour_market.", 0) == 0) {
    const std::string name = key.substr(14);
    if (name == "horizon_years") {
      t.kind = SweepTarget::Kind::horizon_years;  // a whole number: only grids (each value checked)
      return e.grid();
    }
    const schema::Entry* entry = schema::find(key);
    // informal_reemployment_share: its checks depend on the value (it needs
    // informal_wage_penalty once above 0), so it is resolved per run.
    if (!entry || !entry->labour_number || name == "informal_reemployment_share") return false;
    t.kind = SweepTarget::Kind::labour_market;
    t.scalar = entry->labour_number;
    return true;
  }
  if (key.rfind("measures[", 0) == 0) {
    const auto close = key.find(']');
    if (close == std::string::npos || close <= 9 || key.find_first_not_of("0123456789", 9) != close) return false;
    t.measure = static_cast<size_t>(std::stoul(key.substr(9, close - 9)));
    if (t.measure >= plan.base.measures.size()) return false;
    const std::string field = key.substr(close + 1);
    if (field == ".scale")
      t.kind = SweepTarget::Kind::measure_scale;
    else if (field == ".phase_in_years")
      t.kind = SweepTarget::Kind::measure_phase_in;
    else if (field == ".percent")
      t.kind = SweepTarget::Kind::measure_percent;
    else if (field == ".from" || field == ".to" || field == ".change") {
      // One rate for every listed sector; set_scenario_value refuses rates of a measure that
      // reads them from a codes file.
      if (!plan.file.base.measures[t.measure].codes_file.empty()) return false;
      t.kind = SweepTarget::Kind::measure_rate;
      t.rate = field == ".from" ? &ResolvedMeasure::from
               : field == ".to" ? &ResolvedMeasure::to
                                : &ResolvedMeasure::change;
    } else {
      return false;  // quantities: resolved per run
    }
    return true;
  }
  return false;
}

}  // namespace

std::shared_ptr<const CompiledSweep> compile_sweep(const SweepPlan& plan) {
  const SweepFile& f = plan.file;
  const ResolvedScenario& base = plan.base;
  // What a run's values reach beyond their own numbers: policies (resolved with the labour
  // market), spent tariff revenue, η by partner (from export_demand).
  if (f.vary.empty() || f.runs() == 0 || !base.policies.empty() || base.revenue_spending_domestic.size() > 0)
    return nullptr;
  auto compiled = std::make_shared<CompiledSweep>();
  try {
    for (size_t i = 0; i < f.vary.size(); ++i) {
      const VaryEntry& e = f.vary[i];
      SweepTarget t;
      if (!compile_entry(plan, i, t)) return nullptr;
      if (e.grid()) {  // every value checked once
        t.lowest = *std::min_element(e.values.begin(), e.values.end());
        t.highest = *std::max_element(e.values.begin(), e.values.end());
        for (double v : e.values)
          if (!value_accepted(plan, i, v)) return nullptr;  // its runs fail: resolved one by one, with the message
      } else {  // bounds are intervals: the support's ends inside them put every draw inside
        t.lowest = e.distribution.lowest();
        t.highest = e.distribution.highest();
        if (!std::isfinite(t.lowest) || !std::isfinite(t.highest) || !value_accepted(plan, i, t.lowest) ||
            !value_accepted(plan, i, t.highest))
          return nullptr;
      }
      compiled->trade_parameters |=
          t.kind == SweepTarget::Kind::trade_parameter || t.kind == SweepTarget::Kind::export_demand_by_partner;
      compiled->labour_options |= t.kind == SweepTarget::Kind::employment_elasticity;
      compiled->labour_market |=
          t.kind == SweepTarget::Kind::labour_market || t.kind == SweepTarget::Kind::horizon_years;
      compiled->targets.push_back(std::move(t));
    }
    // The compiled numbers of the first, middle and last runs are those of their resolution.
    const PreparedEconomy& pe = *plan.economy;
    for (std::uint64_t run : {std::uint64_t{0}, f.runs() / 2, f.runs() - 1}) {
      RunRecord record;
      const ResolvedScenario resolved = resolve_sweep_run(plan, run, record);
      ResolvedScenario rs = base;
      rs.scenario_reports = false;
      if (!apply_compiled_run(*compiled, pe, record.varied, rs) || !same_numbers(rs, resolved)) return nullptr;
    }
  } catch (const InputError&) {
    return nullptr;  // a run that fails: the runs are resolved one by one, and it fails with its message
  }
  return compiled;
}

bool apply_compiled_run(const CompiledSweep& c, const PreparedEconomy& pe, const std::vector<double>& varied,
                        ResolvedScenario& rs) {
  for (size_t i = 0; i < c.targets.size(); ++i) {
    const SweepTarget& t = c.targets[i];
    const double v = varied[i];
    if (!(v >= t.lowest && v <= t.highest)) return false;
    switch (t.kind) {
      case SweepTarget::Kind::trade_parameter:
        (rs.parameters.*t.vector).setConstant(v);
        // A multi-region economy's resolution gives every per-industry vector (NaN where the
        // number applies); a single-region one leaves them empty, and its MRIO numbers unused.
        if (t.mrio_number && (rs.mrio_parameters.*t.mrio_by_product).size() > 0) {
          rs.mrio_parameters.*t.mrio_number = v;
          (rs.mrio_parameters.*t.mrio_by_product).setConstant(std::numeric_limits<double>::quiet_NaN());
        }
        for (int j : t.rule_of_two) rs.parameters.source_substitution(j) = 2.0 * v;
        for (Eigen::Index k : t.eta_entries) rs.parameters.export_demand_by_partner.data()[k] = v;
        break;
      case SweepTarget::Kind::export_demand_by_partner:
        for (Eigen::Index k : t.eta_entries) rs.parameters.export_demand_by_partner.data()[k] = v;
        break;
      case SweepTarget::Kind::employment_elasticity:
        rs.labour_options.employment_elasticity.setConstant(v);
        break;
      case SweepTarget::Kind::labour_market:
        rs.labour_market.*t.scalar = v;
        break;
      case SweepTarget::Kind::horizon_years:
        rs.labour_market.horizon_years = static_cast<int>(v);
        break;
      case SweepTarget::Kind::measure_scale:
        rs.measures[t.measure].scale = v;
        break;
      case SweepTarget::Kind::measure_phase_in:
        rs.measures[t.measure].phase_in_years = v;
        break;
      case SweepTarget::Kind::measure_rate:
        (rs.measures[t.measure].*t.rate).setConstant(v);
        break;
      case SweepTarget::Kind::measure_percent:
        rs.measures[t.measure].percent = v;
        break;
    }
  }
  // The models' own checks, as the resolution runs them (a message only on failure).
  std::string why;
  if (c.trade_parameters && !rs.parameters.is_valid(&why)) return false;
  if (c.trade_parameters &&
      !rs.mrio_parameters.is_valid(static_cast<int>(rs.mrio_parameters.armington_by_product.size()), &why))
    return false;
  if (c.labour_options && !rs.labour_options.is_valid(pe.economy.sectors(), pe.group_splits, &why)) return false;
  if (c.labour_market && !rs.labour_market.is_valid(&why)) return false;
  return true;
}

size_t sweep_group_count(const PreparedEconomy& pe) {
  size_t k = 0;
  for (const auto& s : pe.group_splits) k += s.groups.size();
  return k;
}

std::vector<SweepRegion> sweep_regions(const PreparedEconomy& pe) {
  const Economy& e = pe.economy;
  std::vector<SweepRegion> out;
  for (int j = 0; j < static_cast<int>(e.sector_regions.size()); ++j) {
    if (out.empty() || out.back().code != e.sector_regions[j]) out.push_back({e.sector_regions[j], false});
    out.back().jobs_known = out.back().jobs_known || e.jobs_known(j);
  }
  return out;
}

size_t sweep_region_column(const PreparedEconomy& pe) {
  return sweep_total_names().size() + static_cast<size_t>(pe.economy.sectors()) * sweep_sector_quantities().size() +
         sweep_group_count(pe) * sweep_group_quantities().size();
}

size_t sweep_column_count(const PreparedEconomy& pe) {
  return sweep_region_column(pe) + sweep_regions(pe).size() * sweep_region_quantities().size();
}

SweepIdentity sweep_identity(const SweepPlan& plan) {
  const SweepFile& f = plan.file;
  SweepIdentity id;
  id.sweep_file = file_fingerprint(f.file);
  id.base_file = file_fingerprint(f.base_file);
  id.data = data_fingerprint(f);
  id.runs = f.runs();
  id.columns = sweep_column_count(*plan.economy);
  return id;
}

}  // namespace tradejobs
