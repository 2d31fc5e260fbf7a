#include "results/terminal.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <ostream>
#include <sstream>

#include "formats/csv.h"
#include "formats/format.h"
#include "formats/json.h"

namespace tradejobs {

namespace {

constexpr MinusSign kAscii = MinusSign::ascii;

struct Style {
  bool on;
  std::string bold() const { return on ? "\033[1m" : ""; }
  std::string dim() const { return on ? "\033[2m" : ""; }
  std::string gain() const { return on ? "\033[34m" : ""; }  // blue (colour-blind safe pair with orange)
  std::string loss() const { return on ? "\033[33m" : ""; }  // orange/yellow
  std::string reset() const { return on ? "\033[0m" : ""; }
};

std::string pad_right(const std::string& s, size_t w) {
  // Display width: count UTF-8 code points.
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  return cps >= w ? s : s + std::string(w - cps, ' ');
}
std::string pad_left(const std::string& s, size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; }

std::string truncate(const std::string& s, size_t w) {
  if (s.size() <= w) return s;
  size_t cut = w - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

}  // namespace

void print_scenario_summary(std::ostream& out, const PreparedEconomy& pe, const ResolvedScenario& rs,
                            const ScenarioResult& res, const TerminalOptions& o) {
  const Style st{o.colour};
  const Economy& e = pe.economy;
  const ScenarioTotals& t = res.totals;
  const int n = e.sectors();
  out << st.bold() << rs.scenario.name << st.reset() << " on " << e.name << " (" << e.country << " " << e.year << ", "
      << n << " sectors; money in " << e.currency << ", jobs in " << e.employment_unit << ")\n\n";
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(),
                   [&](int a, int b) { return res.jobs.jobs_change(a) > res.jobs.jobs_change(b); });
  const size_t name_w = 44;
  size_t code_w = 9;  // region-qualified codes (USA_c14) need more
  for (const auto& c : e.sector_codes) code_w = std::max(code_w, c.size() + 1);
  auto row = [&](int i) {
    const double dj = res.jobs.jobs_change(i);
    const std::string colour = !e.jobs_known(i) ? "" : dj >= 0 ? st.gain() : st.loss();
    out << "  " << pad_right(e.sector_codes[i], code_w) << pad_right(truncate(e.sector_names[i], name_w), name_w + 1)
        << colour << pad_left(e.jobs_known(i) ? format_signed_count(dj, kAscii) : "NA", 11) << st.reset()
        << pad_left(!e.jobs_known(i)
                        ? "NA"
                        : format_signed_percent(e.employment(i) > 0 ? dj / e.employment(i) : 0.0, 2, kAscii),
                    10)
        << pad_left(format_signed_money(res.trade.output_change(i), "", 1, kAscii), 12) << "\n";
  };
  out << "  " << st.dim() << pad_right("sector", code_w) << pad_right("", name_w + 1) << pad_left("jobs", 11)
      << pad_left("% jobs", 10) << pad_left("output", 12) << st.reset() << "\n";
  out << st.bold() << "  Largest job gains" << st.reset() << "\n";
  int shown = 0;
  for (int i : idx)
    if (res.jobs.jobs_change(i) > 0 && shown++ < o.movers) row(i);
  if (shown == 0) out << "  (none)\n";
  out << st.bold() << "  Largest job losses" << st.reset() << "\n";
  shown = 0;
  for (auto it = idx.rbegin(); it != idx.rend(); ++it)
    if (res.jobs.jobs_change(*it) < 0 && shown++ < o.movers) row(*it);
  if (shown == 0) out << "  (none)\n";
  if (res.regional) {
    // Multi-region: jobs may be unknown in some regions, so also the largest output movers.
    std::vector<int> by_output(idx);
    std::stable_sort(by_output.begin(), by_output.end(), [&](int a, int b) {
      return std::abs(res.trade.output_change(a)) > std::abs(res.trade.output_change(b));
    });
    out << st.bold() << "  Largest output changes" << st.reset() << "\n";
    for (int k = 0; k < std::min(o.movers, n); ++k) row(by_output[k]);
  }

  if (res.regional) {
    // By region: the importers, the taxed sources, then the largest third-region effects.
    const std::vector<RegionTotals>& regions = res.regional->totals;
    const auto& names = res.regional->regions;
    std::vector<std::string> role(regions.size());
    for (const ResolvedMeasure& m : rs.measures)
      if (m.type == MeasureType::tariff) {
        role[m.importer] = "importer";
        for (int r : m.partners)
          if (role[r].empty() && m.partners.size() + 1 < names.size()) role[r] = "taxed";
      }
    std::vector<int> order;
    for (const char* wanted : {"importer", "taxed"})
      for (size_t r = 0; r < regions.size(); ++r)
        if (role[r] == wanted) order.push_back(static_cast<int>(r));
    std::vector<int> others;
    for (size_t r = 0; r < regions.size(); ++r)
      if (role[r].empty()) others.push_back(static_cast<int>(r));
    std::stable_sort(others.begin(), others.end(), [&](int a, int b) {
      return std::abs(regions[a].output_change) > std::abs(regions[b].output_change);
    });
    for (int k = 0; k < std::min(o.movers, static_cast<int>(others.size())); ++k) {
      role[others[k]] = "third";
      order.push_back(others[k]);
    }
    out << "\n"
        << st.bold() << "  By region" << st.reset() << " (" << order.size() << " of " << regions.size()
        << "; all in regions.csv)\n";
    out << "  " << st.dim() << pad_right("region", 16) << pad_left("output", 14) << pad_left("jobs", 11)
        << pad_left("imports", 14) << pad_left("exports", 14) << pad_left("tariff rev.", 13) << st.reset() << "\n";
    for (int r : order) {
      const RegionTotals& region = regions[r];
      out << "  " << pad_right(region.region + " (" + role[r] + ")", 16)
          << pad_left(format_signed_money(region.output_change, "", 1, kAscii), 14)
          << pad_left(region.jobs_known ? format_signed_count(region.jobs_change, kAscii) : "NA", 11)
          << pad_left(format_signed_money(region.imports_change, "", 1, kAscii), 14)
          << pad_left(format_signed_money(region.exports_change, "", 1, kAscii), 14)
          << pad_left(format_signed_money(region.tariff_revenue_change, "", 1, kAscii), 13) << "\n";
    }
    const std::vector<std::string>& unknown = res.regional->regions_without_jobs;
    if (!unknown.empty())
      out << "  " << st.dim() << "jobs unknown (no employment data) in " << unknown.size() << " of " << regions.size()
          << " regions: job totals cover the others only" << st.reset() << "\n";
  }

  out << "\n" << st.bold() << "  Totals" << st.reset() << "\n";
  auto line = [&](const std::string& label, const std::string& value) {
    out << "  " << pad_right(label, 34) << pad_left(value, 26) << "\n";
  };
  // Jobs unknown in every sector (a multi-region table without employment): never print zero.
  const bool any_jobs = e.any_jobs_known();
  const std::string unknown = "NA (no employment data)";
  line("jobs created", any_jobs ? format_signed_count(t.jobs_created, kAscii) : unknown);
  line("jobs destroyed", any_jobs ? format_signed_count(-t.jobs_destroyed, kAscii) : unknown);
  line("net jobs change", any_jobs ? format_signed_count(t.jobs_change, kAscii) : unknown);
  if (rs.scenario.induced) line("  of which induced (Type II)", format_signed_count(t.jobs_change_induced, kAscii));
  line("gross output change", format_signed_money(t.output_change, e.currency, 1, kAscii));
  line("imports change", format_signed_money(t.imports_change, e.currency, 1, kAscii));
  line("exports change", format_signed_money(t.exports_change, e.currency, 1, kAscii));
  line("tariff revenue change", format_signed_money(t.tariff_revenue_change, e.currency, 1, kAscii));
  if (rs.scenario.tariff_revenue != "retained")  // docs/trade.md "Tariff revenue"
    line("  spent by " + rs.scenario.tariff_revenue,
         format_signed_money(t.tariff_revenue_spent, e.currency, 1, kAscii));
  if (t.quota_rent != 0) line("quota rent", format_signed_money(t.quota_rent, e.currency, 1, kAscii));
  if (t.ntm_rent != 0) line("NTM rent", format_signed_money(t.ntm_rent, e.currency, 1, kAscii));
  line("displaced workers", any_jobs ? format_count(t.displaced, kAscii) : unknown);
  if (any_jobs) {
    line("adjustment cost (discounted)", format_money(t.adjustment_cost, e.currency, 1, kAscii));
    line("  private (workers)", format_money(t.private_cost, e.currency, 1, kAscii));
    line("  public (benefits, retraining)", format_money(t.public_cost, e.currency, 1, kAscii));
    line("cost per displaced worker",
         format_count(t.cost_per_displaced_worker, kAscii) + " " + e.currency.substr(0, e.currency.find(' ')));
    line("payback of adjustment cost",
         t.payback_years ? format_grouped(*t.payback_years, 1, kAscii) + " years" : "never");
  } else {
    line("adjustment cost (discounted)", unknown);
  }
  if (!res.jobs.groups.empty()) {
    out << "\n" << st.bold() << "  By group" << st.reset() << "\n";
    // Readable labels ("informal women"), the column as wide as the longest; a blank line
    // between splits (sex, formality, status, the cross-tabulations), each adding up to the total.
    size_t width = 18;
    for (const GroupJobs& g : res.jobs.groups) width = std::max(width, group_label(g.group).size() + 2);
    out << "  " << st.dim() << pad_right("group", width) << pad_left("created", 12) << pad_left("destroyed", 12)
        << pad_left("net", 12) << pad_left("displaced", 12) << pad_left("adj. cost", 14) << st.reset() << "\n";
    for (size_t k = 0; k < res.jobs.groups.size(); ++k) {
      const GroupJobs& g = res.jobs.groups[k];
      if (k > 0 && res.jobs.groups[k - 1].dimension != g.dimension) out << "\n";
      const GroupAdjustment* a = nullptr;
      for (const auto& x : res.adjustment.by_group)
        if (x.group == g.group && x.dimension == g.dimension) a = &x;
      out << "  " << pad_right(group_label(g.group), width) << pad_left(format_signed_count(g.jobs_created, kAscii), 12)
          << pad_left(format_signed_count(-g.jobs_destroyed, kAscii), 12)
          << pad_left(format_signed_count(g.jobs_change, kAscii), 12)
          << pad_left(format_count(a ? a->displaced : 0.0, kAscii), 12)
          << pad_left(format_grouped(a ? a->costs.adjustment_cost : 0.0, 1, kAscii), 14) << "\n";
    }
  }
  if (any_jobs && (res.job_quality.created.jobs > 0.0 || res.job_quality.destroyed.jobs > 0.0)) {
    // docs/labour_and_adjustment.md "Job quality"
    const JobQuality& q = res.job_quality;
    const std::string unit = e.currency.substr(0, e.currency.find(' '));
    const auto money = [&](const std::optional<double>& v) { return v ? format_count(*v, kAscii) : std::string("-"); };
    const auto percent = [&](const std::optional<double>& v) {
      return v ? format_grouped(100.0 * *v, 1, kAscii) + "%" : std::string("-");
    };
    out << "\n"
        << st.bold() << "  Job quality" << st.reset() << st.dim() << " (low pay: a sector wage below "
        << format_count(q.low_pay_threshold, kAscii) << " " << unit << ", two-thirds of the median)" << st.reset()
        << "\n";
    out << "  " << st.dim() << pad_right("", 24) << pad_left("created", 12) << pad_left("destroyed", 12)
        << pad_left("all jobs", 12) << st.reset() << "\n";
    out << "  " << pad_right("mean annual wage (" + unit + ")", 24) << pad_left(money(q.created.mean_wage), 12)
        << pad_left(money(q.destroyed.mean_wage), 12) << pad_left(money(q.base.mean_wage), 12) << "\n";
    out << "  " << pad_right("low-paid", 24) << pad_left(percent(q.created.low_paid_share), 12)
        << pad_left(percent(q.destroyed.low_paid_share), 12) << pad_left(percent(q.base.low_paid_share), 12) << "\n";
    for (const GroupQuality& g : q.groups)
      out << "  " << pad_right(truncate(group_label(g.group), 23), 24) << pad_left(percent(g.share_created), 12)
          << pad_left(percent(g.share_destroyed), 12) << pad_left(percent(g.share_base), 12) << "\n";
    if (rs.labour_market.informal_reemployment_share > 0.0)
      out << "  formal workers re-employed informally: " << format_count(res.adjustment.reemployed_informally, kAscii)
          << "\n";
  }
  if (!res.policy_comparisons.empty() && any_jobs) {  // docs/labour_and_adjustment.md "Policies"
    out << "\n"
        << st.bold() << "  Policies" << st.reset() << st.dim() << " (each against the run without policies; "
        << e.currency << ", discounted)" << st.reset() << "\n";
    out << "  " << st.dim() << pad_right("policy", 24) << pad_left("participants", 13) << pad_left("programme", 12)
        << pad_left("unemp. yrs", 12) << pad_left("public", 12) << pad_left("adj. cost", 12)
        << pad_left("net effect", 12) << st.reset() << "\n";
    out << "  " << st.dim() << pad_right("", 24) << pad_left("", 13) << pad_left("cost", 12) << pad_left("avoided", 12)
        << pad_left("change", 12) << pad_left("change", 12) << pad_left("", 12) << st.reset() << "\n";
    for (const PolicyComparison& c : res.policy_comparisons)
      out << "  " << pad_right(truncate(c.policy, 23), 24) << pad_left(format_count(c.participants, kAscii), 13)
          << pad_left(format_grouped(c.programme_cost, 1, kAscii), 12)
          << pad_left(format_grouped(c.unemployment_years_avoided, 0, kAscii), 12)
          << pad_left(format_grouped(c.public_cost_change, 1, kAscii), 12)
          << pad_left(format_grouped(c.adjustment_cost_change, 1, kAscii), 12)
          << pad_left(format_grouped(c.net_effect, 1, kAscii), 12) << "\n";
    if (t.adjustment_cost_without_policies)
      out << "  adjustment cost without policies "
          << format_money(*t.adjustment_cost_without_policies, e.currency, 1, kAscii) << ", with "
          << format_money(t.adjustment_cost, e.currency, 1, kAscii) << "\n";
  }
  out << "\n  " << st.dim() << "solver: " << res.trade.solver_path << ", " << res.trade.iterations
      << " iterations, residual " << std::setprecision(2) << res.trade.residual << st.reset() << "\n";
}

void print_multipliers(std::ostream& out, const Economy& e, const Multipliers& m, const std::string& format,
                       bool colour) {
  const int n = e.sectors();
  const bool type2 = m.type == MultiplierType::TypeII;
  if (format == "csv") {
    out << "sector,name,output_multiplier,employment_multiplier,income_multiplier,value_added_multiplier,"
           "employment_direct,employment_indirect,employment_induced\n";
    for (int i = 0; i < n; ++i)
      out << csv_escape(e.sector_codes[i]) << ',' << csv_escape(e.sector_names[i]) << ',' << format_double(m.output(i))
          << ',' << format_double(m.employment(i)) << ',' << format_double(m.income(i)) << ','
          << format_double(m.value_added(i)) << ',' << format_double(m.employment_direct(i)) << ','
          << format_double(m.employment_indirect(i)) << ',' << format_double(m.employment_induced(i)) << '\n';
    return;
  }
  if (format == "json") {
    JsonWriter j;
    j.begin_object();
    j.field("economy", e.name);
    j.field("type", type2 ? "II" : "I");
    j.field("currency", e.currency);
    j.field("employment_unit", e.employment_unit);
    j.key("sectors");
    j.begin_array();
    for (int i = 0; i < n; ++i) {
      j.begin_object();
      j.field("sector", e.sector_codes[i]);
      j.field("name", e.sector_names[i]);
      j.field("output_multiplier", m.output(i));
      j.field("employment_multiplier", m.employment(i));
      j.field("income_multiplier", m.income(i));
      j.field("value_added_multiplier", m.value_added(i));
      j.field("employment_direct", m.employment_direct(i));
      j.field("employment_indirect", m.employment_indirect(i));
      j.field("employment_induced", m.employment_induced(i));
      j.end_object();
    }
    j.end_array();
    j.end_object();
    out << j.str();
    return;
  }
  const Style st{colour};
  out << st.bold() << "Type " << (type2 ? "II" : "I") << " multipliers, " << e.name << st.reset()
      << " (per unit of final demand; "
      << "employment in " << e.employment_unit << " per " << e.currency << ")\n";
  out << st.dim() << pad_right("sector", 9) << pad_right("name", 45) << pad_left("output", 9)
      << pad_left("employment", 12) << pad_left("direct", 10) << pad_left("indirect", 10)
      << (type2 ? pad_left("induced", 10) : "") << pad_left("income", 9) << st.reset() << "\n";
  std::ostringstream num;
  auto fixed = [](double v, int d) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(d) << v;
    return s.str();
  };
  for (int i = 0; i < n; ++i) {
    out << pad_right(e.sector_codes[i], 9) << pad_right(truncate(e.sector_names[i], 44), 45)
        << pad_left(fixed(m.output(i), 3), 9) << pad_left(fixed(m.employment(i), 2), 12)
        << pad_left(fixed(m.employment_direct(i), 2), 10) << pad_left(fixed(m.employment_indirect(i), 2), 10)
        << (type2 ? pad_left(fixed(m.employment_induced(i), 2), 10) : "") << pad_left(fixed(m.income(i), 3), 9) << "\n";
  }
}

}  // namespace tradejobs
