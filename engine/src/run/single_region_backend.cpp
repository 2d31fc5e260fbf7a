#include "run/single_region_backend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "economy/concordance.h"
#include "formats/csv.h"
#include "formats/text.h"
#include "results/summary_json.h"
#include "run/parameter_values.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

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
                          join(e.sector_codes, ", ", 8) + ")" +
                          (groups.empty() ? "" : " or a sector group (" + join(groups, ", ", kListedAtMost) + ")"));
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
    const int r = index_of(available, p);
    if (r < 0)
      c.fail("partners", "unknown partner '" + excerpt(p) + "': the economy's " + side + " partners are " +
                             join(available, ", ", kListedAtMost) + " (or 'all')");
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

/// parameters.export_demand_by_partner resolved to the n×Re matrix η(i, r): the partner's
/// sector value, else its default, else export_demand(i) (docs/trade.md "Export demand by partner").
Eigen::MatrixXd export_demand_by_partner(const Scenario& s, const PreparedEconomy& pe, const Eigen::VectorXd& eta) {
  const Economy& e = pe.economy;
  const int n = e.sectors();
  const int re = static_cast<int>(e.export_partners.size());
  Eigen::MatrixXd out = eta.replicate(1, re);
  for (const auto& [partner, pp] : s.export_demand_by_partner) {
    const std::string where = "parameters.export_demand_by_partner." + partner;
    const int r = index_of(e.export_partners, partner);
    if (r < 0 || (re == 1 && e.export_partners[0] == "total"))
      throw InputError(located(s.file, pp.line, pp.column,
                               where + ": unknown export partner '" + partner + "': the economy " + e.name +
                                   (re == 1 && e.export_partners[0] == "total"
                                        ? " gives exports as a total only (use export_demand)"
                                        : "'s export partners are " + join(e.export_partners, ", ", kListedAtMost))));
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
                                     join(e.sector_codes, ", ", 8) + ")"));
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
  const int c = index_of(e.final_demand_categories, column);
  if (c < 0)
    throw InputError(scenario_error(s, "options.tariff_revenue",
                                    "options.tariff_revenue: " + s.tariff_revenue + " needs a final-demand column '" +
                                        column + "' in economy " + e.name + ", which has " +
                                        join(e.final_demand_categories, ", ", kListedAtMost)));
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

/// A model validator's message with its field names replaced by the scenario's keys.
std::string as_scenario_keys(std::string message) {
  for (const char* prefix : {"TradeParameters::", "MrioTradeParameters::"})
    for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix))
      message.replace(at, std::char_traits<char>::length(prefix), "parameters.");
  return message;
}

/// Spends the change in tariff revenue through a final-demand column (options.tariff_revenue,
/// docs/trade.md "Tariff revenue"): the revenue R of a solve is spent as R·(composition) in
/// the next, until the revenue spent equals the revenue raised (|ΔR| ≤ 1e-10·max(1, |R|)).
TradeResult solve_spending_revenue(const TradeModel& model, const ResolvedScenario& rs, TradeShock s,
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
    res = model.solve(s, rs.parameters, rs.trade_options);
  }
  throw TradeSolveError("the spending of the tariff revenue (options.tariff_revenue: " + rs.scenario.tariff_revenue +
                        ") did not settle in " + std::to_string(kMaxRounds) + " rounds");
}

}  // namespace

SingleRegionBackend::SingleRegionBackend(const PreparedEconomy& pe)
    : pe_(pe), model_(pe.economy, pe.coefficients, pe.io) {}

ResolvedMeasure SingleRegionBackend::resolve_measure(const Scenario& s, size_t k) const {
  const Economy& e = pe_.economy;
  std::vector<std::string> import_partners = e.import_partners;
  if (import_partners.empty()) import_partners = {"ROW"};
  const MeasureSpec& m = s.measures[k];
  const MeasureContext c{s, pe_, m, k};
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
    rm.category = index_of(e.final_demand_categories, m.category);
    if (rm.category < 0)
      c.fail("category", "unknown final-demand category '" + excerpt(m.category) + "': expected one of " +
                             join(e.final_demand_categories, ", ", kListedAtMost));
  }
  if (m.type == MeasureType::export_tariff && e.export_partners.size() == 1 && e.export_partners[0] == "total" &&
      !m.partners.empty() && m.partners[0] != "all" && m.partners[0] != "total")
    c.fail("partners", "the economy gives exports as a total only: export measures cannot name a partner");
  return rm;
}

void SingleRegionBackend::resolve_trade_parameters(const Scenario& s, ResolvedScenario& r) const {
  const Economy& e = pe_.economy;
  const int n = e.sectors();
  std::string err;
  // Parameters: docs/model.md §3 defaults, then the economy's per-sector values, then the scenario.
  TradeParameters p = TradeParameters::defaults(n);
  const TradeParameters d = TradeParameters::defaults(1);
  bool set_sd = false, set_sm = false, set_fd = false, set_ex = false, set_pt = false;
  p.armington = sector_values("armington", s, e, e.armington, d.armington(0), &set_sd);
  p.source_substitution = sector_values("source_substitution", s, e, e.source_substitution,
                                        std::numeric_limits<double>::quiet_NaN(), &set_sm);
  for (int j = 0; j < n; ++j)  // "rule of two" (GTAP): σ_M = 2·σ_D unless given
    if (!std::isfinite(p.source_substitution(j))) p.source_substitution(j) = 2.0 * p.armington(j);
  p.final_demand_elasticity =
      sector_values("final_demand_elasticity", s, e, e.final_demand_elasticity, d.final_demand_elasticity(0), &set_fd);
  p.export_demand = sector_values("export_demand", s, e, e.export_demand, d.export_demand(0), &set_ex);
  p.pass_through = sector_values("pass_through", s, e, Eigen::VectorXd(), d.pass_through(0), &set_pt);
  if (!s.export_demand_by_partner.empty())
    p.export_demand_by_partner = export_demand_by_partner(s, pe_, p.export_demand);
  check_parameter_values("armington", p.armington, s, e, e.armington);
  check_parameter_values("source_substitution", p.source_substitution, s, e, e.source_substitution);
  check_parameter_values("final_demand_elasticity", p.final_demand_elasticity, s, e, e.final_demand_elasticity);
  check_parameter_values("export_demand", p.export_demand, s, e, e.export_demand);
  check_parameter_values("pass_through", p.pass_through, s, e, Eigen::VectorXd());
  if (!p.is_valid(&err)) {
    const std::string message = as_scenario_keys(err);  // "parameters.armington[3] = ...": at that key
    throw InputError(scenario_error(s, message.substr(0, message.find_first_of("[ :")), message));
  }
  if (s.tariff_revenue != "retained") revenue_spending(s, pe_, r);
  r.parameters = p;
}

TradeShock SingleRegionBackend::shock_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  const Economy& e = pe_.economy;
  TradeShock s = model_.no_change();
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

void SingleRegionBackend::check_shock(const ResolvedScenario& rs) const {
  (void)shock_at(rs, std::vector<double>(rs.measures.size(), 1.0));
}

TradeResult SingleRegionBackend::solve_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  try {
    const TradeShock s = shock_at(rs, fractions);
    TradeResult res = model_.solve(s, rs.parameters, rs.trade_options);
    if (rs.revenue_spending_domestic.size() == 0) return res;
    return solve_spending_revenue(model_, rs, s, std::move(res));
  } catch (const TradeSolveError& ex) {
    throw SolveError(rs.scenario.file + ": the model could not be solved: " + ex.what());
  }
}

ScenarioResult SingleRegionBackend::run(const ResolvedScenario& rs) const {
  return complete_scenario(pe_, rs, solve_at(rs, std::vector<double>(rs.measures.size(), 1.0)));
}

Eigen::VectorXd SingleRegionBackend::output_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  return solve_at(rs, fractions).output;
}

std::vector<BatchedRun> SingleRegionBackend::run_batch(const std::vector<const ResolvedScenario*>& runs) const {
  std::vector<BatchedRun> out(runs.size());
  std::vector<size_t> batched;  // the runs whose shock could be built, solved together
  std::vector<TradeShock> shocks;
  std::vector<TradeParameters> parameters;
  for (size_t i = 0; i < runs.size(); ++i) {
    try {
      shocks.push_back(shock_at(*runs[i], std::vector<double>(runs[i]->measures.size(), 1.0)));
      parameters.push_back(runs[i]->parameters);
      batched.push_back(i);
    } catch (...) {
      out[i].error = std::current_exception();
    }
  }
  if (batched.empty()) return out;
  // One trade option set per batch: options.price_feedback is not a numeric key path of a sweep.
  TradeBatchResult solved = model_.solve_batch(shocks, parameters, runs[batched[0]]->trade_options);
  for (size_t b = 0; b < batched.size(); ++b) {
    const size_t i = batched[b];
    try {
      if (!solved.errors[b].empty())
        throw SolveError(runs[i]->scenario.file + ": the model could not be solved: " + solved.errors[b]);
      out[i].result = complete_scenario(pe_, *runs[i], std::move(solved.results[b]));
    } catch (...) {
      out[i].error = std::current_exception();
    }
  }
  return out;
}

std::string SingleRegionBackend::batch_solver(std::uint64_t runs) const {
  return "I - A factorised once for all runs; runs solved in batches of " + std::to_string(runs) +
         " (TradeModel::solve_batch); runs that phase in over several years one by one";
}

PartnerTable SingleRegionBackend::partners(const ScenarioResult& res) const {
  const Economy& e = pe_.economy;
  const TradeResult& tr = res.trade;
  const std::vector<std::string> ip = e.import_partners.empty() ? std::vector<std::string>{"ROW"} : e.import_partners;
  PartnerTable t;
  t.partners = ip;
  for (const auto& p : e.export_partners)
    if (std::find(t.partners.begin(), t.partners.end(), p) == t.partners.end()) t.partners.push_back(p);
  for (int i = 0; i < e.sectors(); ++i)
    for (size_t q = 0; q < t.partners.size(); ++q) {
      PartnerTable::Row row;
      row.sector = i;
      row.partner = static_cast<int>(q);
      const int ri = index_of(ip, t.partners[q]);
      const int re = index_of(e.export_partners, t.partners[q]);
      row.has_imports = ri >= 0;
      if (row.has_imports) {
        row.imports_base = tr.imports_base(i, ri);
        row.imports_change = tr.imports(i, ri) - tr.imports_base(i, ri);
      }
      row.has_exports = re >= 0;
      if (row.has_exports) {
        row.exports_base = tr.exports_base(i, re);
        row.exports_change = tr.exports(i, re) - tr.exports_base(i, re);
      }
      t.rows.push_back(row);
    }
  return t;
}

MeasureLabels SingleRegionBackend::measure_labels(const ResolvedMeasure& m) const {
  const Economy& e = pe_.economy;
  const std::vector<std::string> import_partners =
      e.import_partners.empty() ? std::vector<std::string>{"ROW"} : e.import_partners;
  const std::vector<std::string>& partners = is_export_measure(m.type) ? e.export_partners : import_partners;
  MeasureLabels l;
  for (int i : m.sectors) l.sectors.push_back(e.sector_codes[i]);
  for (int r : m.partners) l.partners.push_back(partners[r]);
  return l;
}

void SingleRegionBackend::write_trade_parameters(JsonWriter& j, const ResolvedScenario& rs) const {
  const Economy& e = pe_.economy;
  const TradeParameters& p = rs.parameters;
  const auto vec = [&](const char* name, const Eigen::VectorXd& v) {
    j.key(name);
    write_values_by_sector(j, e.sector_codes, v);
  };
  vec("armington", p.armington);
  vec("source_substitution", p.source_substitution);
  vec("final_demand_elasticity", p.final_demand_elasticity);
  vec("export_demand", p.export_demand);
  vec("pass_through", p.pass_through);
  const Eigen::MatrixXd& eta = p.export_demand_by_partner;
  if (eta.size() > 0) {  // only when the scenario sets it (docs/trade.md "Export demand by partner")
    j.key("export_demand_by_partner");
    j.begin_object();
    for (Eigen::Index r = 0; r < eta.cols(); ++r) {
      j.key(e.export_partners[static_cast<size_t>(r)]);
      write_values_by_sector(j, e.sector_codes, eta.col(r));
    }
    j.end_object();
  }
}

}  // namespace tradejobs
