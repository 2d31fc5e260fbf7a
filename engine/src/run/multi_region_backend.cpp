#include "run/multi_region_backend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

#include "formats/text.h"
#include "run/parameter_values.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

struct Context {
  const Scenario& s;
  const PreparedEconomy& pe;
  const MrioTradeModel& model;
  const std::vector<std::string>& industries;
  const MeasureSpec& m;
  size_t index;
  [[noreturn]] void fail(const std::string& key, const std::string& msg) const {
    throw InputError(located(s.file, m.line, m.column,
                             "measures[" + std::to_string(index) + "]" + (key.empty() ? "" : "." + key) + ": " + msg));
  }
};

/// Industry indices (0..n−1) named by a tariff's `sectors`: industry codes or groups.
std::vector<int> resolve_industries(const Context& c) {
  const Economy& e = c.pe.economy;
  const int n = c.model.products();
  const std::vector<std::string>& industries = c.industries;
  std::vector<int> out;
  if (c.m.sectors.empty() || (c.m.sectors.size() == 1 && c.m.sectors[0] == "all")) {
    for (int i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  for (const auto& name : c.m.sectors) {
    const int i = index_of(industries, name);
    if (i >= 0) {
      out.push_back(i);
      continue;
    }
    const auto g = e.sector_groups.find(name);
    if (g != e.sector_groups.end()) {
      for (const auto& code : g->second) out.push_back(e.sector_index(code) % n);
      continue;
    }
    const int j = e.sector_index(name);
    if (j >= 0)
      c.fail("sectors", "'" + name + "' is a sector of region " + e.sector_regions[j] +
                            ": a tariff names industries (e.g. " + industries[j % n] +
                            "), the region that levies it is 'importer' and the regions taxed are 'partners'");
    c.fail("sectors", "unknown industry '" + name + "': expected an industry code of economy " + e.name + " (" +
                          join(industries, ", ", 8) + ") or a sector group");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Sector indices (0..n·R−1) named by a final_demand measure: region-qualified codes or groups.
std::vector<int> resolve_region_sectors(const Context& c) {
  const Economy& e = c.pe.economy;
  const std::vector<std::string>& industries = c.industries;
  std::vector<int> out;
  for (const auto& name : c.m.sectors) {
    const int j = e.sector_index(name);
    if (j >= 0) {
      out.push_back(j);
      continue;
    }
    const auto g = e.sector_groups.find(name);
    if (g != e.sector_groups.end()) {
      for (const auto& code : g->second) out.push_back(e.sector_index(code));
      continue;
    }
    if (index_of(industries, name) >= 0)
      c.fail("sectors", "'" + name + "' is an industry of every region: name the region's sector, e.g. " +
                            c.model.regions()[0] + "_" + name);
    c.fail("sectors", "unknown sector '" + name + "': expected a sector code of economy " + e.name + " (" +
                          join(e.sector_codes, ", ", 8) + ") or a sector group");
  }
  if (out.empty())
    c.fail("sectors",
           "a final_demand measure on a multi-region economy names its sectors (e.g. " + e.sector_codes[0] + ")");
  std::sort(out.begin(), out.end());
  const auto dup = std::adjacent_find(out.begin(), out.end());
  if (dup != out.end()) c.fail("sectors", "sector '" + e.sector_codes[*dup] + "' is listed twice");
  return out;
}

}  // namespace

MultiRegionBackend::MultiRegionBackend(const PreparedEconomy& pe) try
    : pe_(pe), model_(pe.economy, pe.coefficients, pe.io) {
} catch (const std::invalid_argument& ex) {
  throw InputError(located(pe.folder, 0, 0, ex.what()));
}

std::vector<std::string> MultiRegionBackend::industry_codes() const {
  const size_t prefix = model_.regions()[0].size() + 1;
  std::vector<std::string> codes;
  for (int i = 0; i < model_.products(); ++i) codes.push_back(pe_.economy.sector_codes[i].substr(prefix));
  return codes;
}

ResolvedMeasure MultiRegionBackend::resolve_measure(const Scenario& s, size_t k) const {
  const MeasureSpec& m = s.measures[k];
  const std::vector<std::string> industries = industry_codes();
  const Context c{s, pe_, model_, industries, m, k};
  const Economy& e = pe_.economy;
  const MrioTradeModel& model = model_;
  const std::vector<std::string>& regions = model.regions();
  ResolvedMeasure rm;
  rm.type = m.type;
  rm.phase_in_years = m.phase_in_years;
  rm.scale = m.scale;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (m.type == MeasureType::tariff) {
    if (!m.codes_file.empty())
      c.fail("codes_file",
             "codes files are not available on a multi-region economy: list the industries in 'sectors' (e.g. " +
                 industries[0] + ")");
    if (m.importer.empty())
      c.fail("", "a tariff on the multi-region economy " + e.name +
                     " needs 'importer': the region that levies it (one of " + join(regions, ", ", kListedAtMost) +
                     ")");
    rm.importer = model.region_index(m.importer);
    if (rm.importer < 0)
      throw InputError(located(s.file, m.importer_line, m.importer_column,
                               "measures[" + std::to_string(k) + "].importer: unknown region '" + m.importer +
                                   "': expected one of " + join(regions, ", ", kListedAtMost)));
    rm.sectors = resolve_industries(c);
    if (m.partners.empty() || (m.partners.size() == 1 && m.partners[0] == "all")) {
      for (int r = 0; r < static_cast<int>(regions.size()); ++r)
        if (r != rm.importer) rm.partners.push_back(r);
    } else {
      for (const auto& p : m.partners) {
        const int r = model.region_index(p);
        if (r < 0)
          c.fail("partners", "unknown region '" + p + "': expected source regions of the table (" +
                                 join(regions, ", ", kListedAtMost) + ") or 'all'");
        if (r == rm.importer)
          c.fail("partners", "'" + p + "' is the importer itself: a tariff applies to imports from other regions");
        if (std::find(rm.partners.begin(), rm.partners.end(), r) != rm.partners.end())
          c.fail("partners", "region '" + p + "' is listed twice");
        rm.partners.push_back(r);
      }
    }
    const Eigen::Index q = static_cast<Eigen::Index>(rm.sectors.size());
    rm.from = Eigen::VectorXd::Constant(q, m.from ? *m.from : nan);
    rm.to = Eigen::VectorXd::Constant(q, m.to ? *m.to : nan);
    rm.change = Eigen::VectorXd::Constant(q, m.change ? *m.change : nan);
    return rm;
  }
  if (m.type == MeasureType::final_demand) {
    rm.sectors = resolve_region_sectors(c);
    const int given = index_of(e.final_demand_categories, m.category);
    for (int j : rm.sectors) {
      int column = given;
      if (column < 0) column = index_of(e.final_demand_categories, e.sector_regions[j] + "_" + m.category);
      if (column < 0)
        c.fail("category", "unknown final-demand category '" + m.category + "' for " + e.sector_codes[j] +
                               ": expected a category of its region (" + e.sector_regions[j] + "_" + m.category +
                               " is not a column) or a column code (" + join(e.final_demand_categories, ", ", 6) + ")");
      rm.final_demand_columns.push_back(column);
    }
    if (m.percent) rm.percent = *m.percent;
    if (m.quantity) {
      rm.quantity = *m.quantity;
      rm.has_quantity = true;
    }
    return rm;
  }
  if (is_export_measure(m.type))
    c.fail("type", measure_type_name(m.type) + " is not applicable on the multi-region economy " + e.name +
                       ": exports are the bilateral flows of the table; write a partner's tariff on a region's exports "
                       "as a tariff with importer: PARTNER and partners: [REGION]");
  c.fail("type", measure_type_name(m.type) +
                     " measures are not available on a multi-region economy yet (available: tariff, final_demand)");
}

MrioTradeParameters MultiRegionBackend::trade_parameters(const Scenario& s) const {
  const Economy& e = pe_.economy;
  const int n = model_.products();
  const std::vector<std::string> industries = industry_codes();
  MrioTradeParameters p;
  p.price_feedback = s.price_feedback;
  if (s.parameters.count("export_demand"))
    throw InputError(
        scenario_error(s, "parameters.export_demand",
                       "parameters.export_demand: not applicable on the multi-region economy " + e.name +
                           ": foreign demand is modelled by the importing regions' Armington nests (armington, "
                           "source_substitution)"));
  auto per_industry = [&](const std::string& name, const Eigen::VectorXd& economy_values, double& scalar,
                          Eigen::VectorXd& by_product) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    by_product = Eigen::VectorXd::Constant(n, nan);
    // The economy's own values, which must agree across regions (one elasticity per industry).
    if (economy_values.size() == e.sectors())
      for (int j = 0; j < e.sectors(); ++j) {
        const double v = economy_values(j);
        if (!std::isfinite(v)) continue;
        double& slot = by_product(j % n);
        if (std::isfinite(slot) && slot != v)
          throw InputError(located(pe_.folder, 0, 0,
                                   "elasticities." + name + ": " + e.sector_codes[j] + " has " + format_number(v) +
                                       " but " + e.sector_codes[j % n] + " has " + format_number(slot) +
                                       ": a multi-region economy takes one value per industry"));
        slot = v;
      }
    const auto it = s.parameters.find(name);
    if (it == s.parameters.end()) return;
    // The scenario's (or the sweep's) values are checked here, under their scenario keys, before
    // the model sees them (docs/model.md §6, §9).
    auto check = [&](const std::string& key, const std::string& code, double value) {
      const std::string broken = parameter_bounds(name, value);
      if (broken.empty()) return;
      const auto at = it->second.positions.find(code);
      const int line = at == it->second.positions.end() ? 0 : at->second.first;
      const int column = at == it->second.positions.end() ? 0 : at->second.second;
      throw InputError(located(s.file, line, column, key + " = " + format_number(value) + ": " + broken));
    };
    if (it->second.all) check("parameters." + name, "default", *it->second.all);
    for (const auto& [code, value] : it->second.by_sector) check("parameters." + name + "." + code, code, value);
    if (it->second.all) {
      scalar = *it->second.all;
      by_product.setConstant(nan);
    }
    for (const auto& [code, value] : it->second.by_sector) {
      const int i = index_of(industries, code);
      if (i >= 0) {
        by_product(i) = value;
        continue;
      }
      const auto g = e.sector_groups.find(code);
      if (g != e.sector_groups.end()) {
        for (const auto& member : g->second) by_product(e.sector_index(member) % n) = value;
        continue;
      }
      const int j = e.sector_index(code);
      throw InputError(scenario_error(
          s, "parameters." + name + "." + code,
          "parameters." + name + "." + code + ": " +
              (j >= 0
                   ? "'" + code + "' is a sector of region " + e.sector_regions[j] +
                         ": on a multi-region economy elasticities are per industry, the same in every region (write " +
                         industries[j % n] + ")"
                   : "unknown industry '" + code + "': expected an industry code of economy " + e.name + " (" +
                         join(industries, ", ", 8) + ") or a sector group")));
    }
  };
  per_industry("armington", e.armington, p.armington, p.armington_by_product);
  per_industry("source_substitution", e.source_substitution, p.source_substitution, p.source_substitution_by_product);
  per_industry("final_demand_elasticity", e.final_demand_elasticity, p.final_demand_elasticity,
               p.final_demand_elasticity_by_product);
  per_industry("pass_through", Eigen::VectorXd(), p.pass_through, p.pass_through_by_product);
  // Every value was checked above under its scenario key; this is the model's own guard.
  if (std::string invalid; !p.is_valid(n, &invalid))
    throw InputError(scenario_error(s, "parameters", "parameters: " + invalid));
  return p;
}

void MultiRegionBackend::resolve_trade_parameters(const Scenario& s, ResolvedScenario& r) const {
  const Economy& e = pe_.economy;
  r.mrio_parameters = trade_parameters(s);
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
  const std::vector<std::string> unknown = regions_without_jobs();
  if (!unknown.empty())
    r.notes.push_back("jobs are unknown (no employment data) in " + std::to_string(unknown.size()) + " of " +
                      std::to_string(model_.regions().size()) + " regions (" + join(unknown, ", ", 50) +
                      "): their sectors report output effects and NA for jobs; the labour and adjustment modules "
                      "count only the sectors with employment data, and every jobs total covers those only");
}

MrioShock MultiRegionBackend::shock_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  const Economy& e = pe_.economy;
  const MrioTradeModel& model = model_;
  const std::vector<std::string> industries = industry_codes();
  MrioShock out;
  // (importer, industry, source region) -> the measure that taxes it: one rate per flow.
  std::map<std::tuple<int, int, int>, size_t> taxed_by;
  for (size_t k = 0; k < rs.measures.size(); ++k) {
    const ResolvedMeasure& m = rs.measures[k];
    const MeasureSpec& spec = rs.scenario.measures[k];
    const double f = fractions[k] * m.scale;
    if (m.type == MeasureType::tariff) {
      std::vector<std::string> sources;
      for (int r : m.partners) sources.push_back(model.regions()[r]);
      std::vector<int> source_regions = m.partners;
      if (source_regions.empty())
        for (int r = 0; r < static_cast<int>(model.regions().size()); ++r)
          if (r != m.importer) source_regions.push_back(r);
      for (size_t q = 0; q < m.sectors.size(); ++q) {
        for (int r : source_regions) {
          const auto [at, fresh] = taxed_by.emplace(std::make_tuple(m.importer, m.sectors[q], r), k);
          if (!fresh)
            throw InputError(located(
                rs.scenario.file, spec.line, spec.column,
                "measures[" + std::to_string(k) + "]: the tariff of " + model.regions()[m.importer] + " on " +
                    industries[m.sectors[q]] + " from " + model.regions()[r] + " is already set by measures[" +
                    std::to_string(at->second) + "]: give each importer, industry and source region one tariff"));
        }
        // A baseline rate not given is 0: the world table has no tariff data (docs/mrio.md).
        const double from = std::isfinite(m.from(q)) ? m.from(q) : 0.0;
        const double full = std::isfinite(m.change(q)) ? from + m.change(q) : m.to(q);
        const double rate = from + f * (full - from);
        if (rate < 0.0)
          throw InputError(located(rs.scenario.file, spec.line, spec.column,
                                   "measures[" + std::to_string(k) + "]: the tariff of " + model.regions()[m.importer] +
                                       " on " + industries[m.sectors[q]] + " falls below zero (" + format_number(rate) +
                                       "): the baseline rate 'from' is " + format_number(from) +
                                       ", check from/to/change"));
        out.tariffs.push_back({model.regions()[m.importer], m.sectors[q], sources, from, rate});
      }
    } else if (m.type == MeasureType::final_demand) {
      if (out.final_demand_change.size() == 0)
        out.final_demand_change = Eigen::MatrixXd::Zero(e.final_demand_domestic.rows(), e.final_demand_domestic.cols());
      for (size_t q = 0; q < m.sectors.size(); ++q) {
        const int j = m.sectors[q], c = m.final_demand_columns[q];
        out.final_demand_change(j, c) +=
            f * (m.has_quantity ? m.quantity : m.percent / 100.0 * e.final_demand_domestic(j, c));
      }
    }
  }
  return out;
}

void MultiRegionBackend::check_shock(const ResolvedScenario& rs) const {
  (void)shock_at(rs, std::vector<double>(rs.measures.size(), 1.0));
}

MrioTradeResult MultiRegionBackend::solve_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  const MrioShock shock = shock_at(rs, fractions);
  MrioTradeResult r;
  try {
    r = model_.solve(shock.tariffs, rs.mrio_parameters, shock.final_demand_change);
  } catch (const std::invalid_argument& ex) {
    throw InputError(scenario_error(rs.scenario, "measures", std::string("measures: ") + ex.what()));
  }
  if (!r.converged)
    throw SolveError(rs.scenario.file +
                     ": the model could not be solved: the output iteration x <- L(f' + dA x) did not " +
                     "converge (relative residual " + format_number(r.relative_residual) + " after " +
                     std::to_string(r.output_iterations) + " solves): the shocked table may not be productive");
  return r;
}

ScenarioResult MultiRegionBackend::run(const ResolvedScenario& rs) const {
  MrioTradeResult full = solve_at(rs, std::vector<double>(rs.measures.size(), 1.0));
  ScenarioResult out = complete_scenario(pe_, rs, view_by_sector(full));
  out.regional = regional(out, std::move(full));
  return out;
}

Eigen::VectorXd MultiRegionBackend::output_at(const ResolvedScenario& rs, const std::vector<double>& fractions) const {
  return solve_at(rs, fractions).gross_output;
}

std::vector<BatchedRun> MultiRegionBackend::run_batch(const std::vector<const ResolvedScenario*>& runs) const {
  std::vector<BatchedRun> out(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    try {
      out[i].result = run(*runs[i]);
    } catch (...) {
      out[i].error = std::current_exception();
    }
  }
  return out;
}

std::string MultiRegionBackend::batch_solver(std::uint64_t runs) const {
  return "I - A of the world table factorised once for all runs; each run's MRIO fixed point (output iteration "
         "and cost-push prices, docs/mrio.md) solved on it, one run after the other within batches of " +
         std::to_string(runs) + " runs";
}

TradeResult MultiRegionBackend::view_by_sector(const MrioTradeResult& r) const {
  const Economy& e = pe_.economy;
  const MrioTradeModel& model = model_;
  const int total = e.sectors();
  const int n = model.products();
  TradeResult t;
  t.output_base = pe_.coefficients.gross_output;
  t.output = r.gross_output;
  t.output_change = r.output_change;
  t.effective_demand_change = r.output_change - pe_.coefficients.technical_coefficients * r.output_change;
  t.domestic_price = Eigen::VectorXd::Ones(total) + r.price_change;
  t.import_price_index.resize(total);
  t.composite_price.resize(total);
  for (int s = 0; s < static_cast<int>(model.regions().size()); ++s)
    for (int i = 0; i < n; ++i) {
      t.import_price_index(model.sector(s, i)) = 1.0 + r.import_price_change(s, i);
      t.composite_price(model.sector(s, i)) = 1.0 + r.composite_price_change(s, i);
    }
  // Imports of each region's product from all other regions; sales of each sector to users in
  // other regions, plus sales outside the table (unchanged by the measures).
  const Eigen::VectorXd outside =
      e.exports.cols() > 0 ? Eigen::VectorXd(e.exports.rowwise().sum()) : Eigen::VectorXd::Zero(total);
  t.imports_base = Eigen::MatrixXd::Zero(total, 1);
  t.imports = Eigen::MatrixXd::Zero(total, 1);
  t.exports_base = outside;
  t.exports = outside;
  for (const BilateralFlow& f : r.bilateral_flows) {
    if (f.source == f.importer) continue;
    t.imports_base(model.sector(f.importer, f.product), 0) += f.before;
    t.imports(model.sector(f.importer, f.product), 0) += f.after;
    t.exports_base(model.sector(f.source, f.product), 0) += f.before;
    t.exports(model.sector(f.source, f.product), 0) += f.after;
  }
  t.imports_change = t.imports.col(0) - t.imports_base.col(0);
  t.exports_change = t.exports.col(0) - t.exports_base.col(0);
  t.final_demand_base = e.final_demand_domestic.rowwise().sum() + outside;
  t.final_demand = r.final_demand_total;
  t.tariff_revenue_base = r.tariff_revenue_before.sum();
  t.tariff_revenue = r.tariff_revenue_after.sum();
  const bool baseline = r.output_iterations == 0;
  t.solver_path = baseline ? "baseline" : "mrio-iterative";
  t.iterations = r.output_iterations;
  t.residual = r.relative_residual;
  t.notes.push_back(r.method + "; cost-push price fixed point: " + std::to_string(r.price_iterations) + " iterations");
  return t;
}

RegionalResult MultiRegionBackend::regional(const ScenarioResult& res, MrioTradeResult trade) const {
  const Economy& e = pe_.economy;
  const MrioTradeModel& model = model_;
  const MrioTradeResult& m = trade;
  const int n = model.products();
  RegionalResult regional;
  regional.regions = model.regions();
  std::vector<RegionTotals>& out = regional.totals;
  for (int r = 0; r < static_cast<int>(model.regions().size()); ++r) {
    RegionTotals t;
    t.region = model.regions()[r];
    int known = 0;
    for (int i = 0; i < n; ++i) {
      const int j = model.sector(r, i);
      t.output_base += pe_.coefficients.gross_output(j);
      t.output_change += res.trade.output_change(j);
      t.exports_change += res.trade.exports_change(j);
      if (!e.jobs_known(j)) continue;
      ++known;
      t.jobs_base += e.employment(j);
      t.jobs_change += res.jobs.jobs_change(j);
      t.jobs_created += res.jobs.jobs_created(j);
      t.jobs_destroyed += res.jobs.jobs_destroyed(j);
    }
    t.jobs_known = known > 0;
    t.jobs_partial = known > 0 && known < n;
    t.imports_change = m.imports_after(r) - m.imports_before(r);
    t.tariff_revenue_change = m.tariff_revenue_after(r) - m.tariff_revenue_before(r);
    out.push_back(t);
  }
  regional.trade = std::move(trade);
  regional.regions_without_jobs = regions_without_jobs();
  return regional;
}

std::vector<std::string> MultiRegionBackend::regions_without_jobs() const {
  const MrioTradeModel& model = model_;
  std::vector<std::string> out;
  for (int r = 0; r < static_cast<int>(model.regions().size()); ++r) {
    bool any = false;
    for (int i = 0; i < model.products(); ++i) any = any || pe_.economy.jobs_known(model.sector(r, i));
    if (!any) out.push_back(model.regions()[r]);
  }
  return out;
}

PartnerTable MultiRegionBackend::partners(const ScenarioResult& res) const {
  const int n = pe_.economy.sectors();
  const int products = model_.products();
  const int rc = static_cast<int>(model_.regions().size());
  Eigen::MatrixXd before = Eigen::MatrixXd::Zero(n, rc),
                  after = Eigen::MatrixXd::Zero(n, rc);  // (source sector, user region)
  for (const BilateralFlow& b : res.regional.value().trade.bilateral_flows) {
    before(model_.sector(b.source, b.product), b.importer) = b.before;
    after(model_.sector(b.source, b.product), b.importer) = b.after;
  }
  PartnerTable t;
  t.partners = model_.regions();
  t.rows.reserve(static_cast<size_t>(n) * static_cast<size_t>(rc > 0 ? rc - 1 : 0));
  for (int j = 0; j < n; ++j) {
    const int own = j / products, i = j % products;
    for (int r = 0; r < rc; ++r) {
      if (r == own) continue;
      const int from = model_.sector(r, i);
      PartnerTable::Row row;
      row.sector = j;
      row.partner = r;
      row.has_imports = row.has_exports = true;
      row.imports_base = before(from, own);
      row.imports_change = after(from, own) - before(from, own);
      row.exports_base = before(j, r);
      row.exports_change = after(j, r) - before(j, r);
      t.rows.push_back(row);
    }
  }
  return t;
}

MeasureLabels MultiRegionBackend::measure_labels(const ResolvedMeasure& m) const {
  const Economy& e = pe_.economy;
  MeasureLabels l;
  // A tariff names industries (codes without the region), its importer and source regions.
  const bool tariff = m.type == MeasureType::tariff;
  const size_t prefix = model_.regions()[0].size() + 1;
  if (tariff) l.importer = model_.regions()[m.importer];
  for (int i : m.sectors) l.sectors.push_back(tariff ? e.sector_codes[i].substr(prefix) : e.sector_codes[i]);
  for (int r : m.partners) l.partners.push_back(model_.regions()[r]);
  return l;
}

void MultiRegionBackend::write_trade_parameters(JsonWriter& j, const ResolvedScenario& rs) const {
  // One value per industry (docs/mrio.md), the same in every region.
  const MrioTradeParameters& p = rs.mrio_parameters;
  const std::vector<std::string> industries = industry_codes();
  auto value = [&](const char* name, double all, const Eigen::VectorXd& by_product) {
    j.key(name);
    j.begin_object();
    if (std::isnan(all))
      j.field("default", "2 x armington");
    else
      j.field("default", all);
    for (Eigen::Index i = 0; i < by_product.size(); ++i)
      if (!std::isnan(by_product(i))) j.field(industries[static_cast<size_t>(i)], by_product(i));
    j.end_object();
  };
  value("armington", p.armington, p.armington_by_product);
  value("source_substitution", p.source_substitution, p.source_substitution_by_product);
  value("final_demand_elasticity", p.final_demand_elasticity, p.final_demand_elasticity_by_product);
  value("pass_through", p.pass_through, p.pass_through_by_product);
}

}  // namespace tradejobs
