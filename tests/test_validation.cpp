// ctest-labels: cli
// docs/validation.md cannot drift from the code: this test runs the committed US–China
// scenario and sweep with the real binary, recomputes every model figure the page quotes
// (point values from the scenario, 5–95% intervals from the sweep's 1,000 draws) and checks
// them against the marked table of the page, cell by cell, as the page rounds them.
//
// Figures the sweep does not write (trade with China, manufacturing jobs, the channel split,
// the earnings lost per displaced worker) are recomputed in-process from the parameter values
// of each draw that the binary wrote to runs.csv, with the same engine the binary links; the
// point values of those figures are checked against the binary's own sectors.csv and
// partners.csv first, so both paths agree.
//
// To print the table the code gives now (to update the page after a change of the model):
//   TRADEJOBS_PRINT_VALIDATION=1 ./build/test_validation
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "cli_support.h"
#include "formats/csv.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"

namespace {

using namespace tradejobs_test;
namespace tj = tradejobs;

const fs::path kScenario = fs::path(kSource) / "scenarios" / "us-china-2018.yaml";
const fs::path kSweep = fs::path(kSource) / "scenarios" / "us-china-2018-sweep.yaml";
const fs::path kPage = fs::path(kSource) / "docs" / "validation.md";

/// The figures of one solved scenario that the page quotes.
struct Figures {
  double imports_china_pct = 0;               // US imports from China of the tariffed products, % change
  double exports_china_pct = 0;               // US exports to China, % change
  double farm_exports_china_pct = 0;          // A01 exports to China, % change
  double farm_exports_china_usd_bn = 0;       // the same, USD billion
  double farm_food_exports_china_usd_bn = 0;  // A01 and C10-C12 (food, beverages, tobacco), USD billion
  double manufacturing_jobs_k = 0;            // net jobs change in manufacturing (C*), thousand persons
  double manufacturing_jobs_pct = 0;          // the same, % of baseline manufacturing jobs
  double jobs_k = 0;                          // net jobs change, thousand persons
  double tariff_revenue_usd_bn = 0;           // change in tariff revenue, USD billion
  double cost_per_displaced_usd_k = 0;        // adjustment cost per displaced worker, USD thousand
  double earnings_loss_years = 0;             // (earnings lost unemployed + scarring) / pre-displacement wages
};

bool is_manufacturing(const std::string& code) { return !code.empty() && code[0] == 'C'; }

Figures figures_of(const tj::PreparedEconomy& pe, const tj::ResolvedScenario& rs, const tj::ScenarioResult& r) {
  const tj::Economy& e = pe.economy;
  const int chn_m = static_cast<int>(std::find(e.import_partners.begin(), e.import_partners.end(), "CHN") -
                                     e.import_partners.begin());
  const int chn_x = static_cast<int>(std::find(e.export_partners.begin(), e.export_partners.end(), "CHN") -
                                     e.export_partners.begin());
  REQUIRE(chn_m < static_cast<int>(e.import_partners.size()));
  REQUIRE(chn_x < static_cast<int>(e.export_partners.size()));
  const int a01 = e.sector_index("A01");
  REQUIRE(a01 >= 0);
  Figures f;
  double mb = 0, mc = 0;
  for (int i : rs.measures[0].sectors) {  // measures[0]: the US tariffs on China
    mb += r.trade.imports_base(i, chn_m);
    mc += r.trade.imports(i, chn_m) - r.trade.imports_base(i, chn_m);
  }
  f.imports_china_pct = 100.0 * mc / mb;
  const double xb = r.trade.exports_base.col(chn_x).sum();
  f.exports_china_pct = 100.0 * (r.trade.exports.col(chn_x).sum() - xb) / xb;
  const double fb = r.trade.exports_base(a01, chn_x), fc = r.trade.exports(a01, chn_x) - fb;
  f.farm_exports_china_pct = 100.0 * fc / fb;
  f.farm_exports_china_usd_bn = fc / 1000.0;  // USD million -> billion
  const int food = e.sector_index("C10-C12");
  REQUIRE(food >= 0);
  f.farm_food_exports_china_usd_bn = (fc + r.trade.exports(food, chn_x) - r.trade.exports_base(food, chn_x)) / 1000.0;
  double jb = 0, jc = 0;
  for (int i = 0; i < e.sectors(); ++i)
    if (is_manufacturing(e.sector_codes[i])) {
      jb += e.employment(i);
      jc += r.jobs.jobs_change(i);
    }
  f.manufacturing_jobs_k = jc / 1000.0;
  f.manufacturing_jobs_pct = 100.0 * jc / jb;
  f.jobs_k = r.totals.jobs_change / 1000.0;
  f.tariff_revenue_usd_bn = r.totals.tariff_revenue_change / 1000.0;
  f.cost_per_displaced_usd_k = r.totals.cost_per_displaced_worker / 1000.0;
  // Davis and von Wachter's basis: earnings lost within the horizon (20 years with the presets).
  const tj::AdjustmentCosts& c = r.adjustment.total;
  const tj::AdjustmentCosts& later = r.adjustment.beyond_horizon;
  const double wages = r.adjustment.by_sector.displaced.dot(pe.annual_wage);  // base units (USD)
  f.earnings_loss_years = (c.earnings_lost_unemployed + c.scarring - later.earnings_lost_unemployed - later.scarring) *
                          pe.base_units_per_currency_unit / wages;
  return f;
}

tj::ScenarioResult solve(const tj::PreparedEconomy& pe, const tj::Scenario& s, tj::ResolvedScenario* rs_out = nullptr) {
  const tj::ResolvedScenario rs = tj::resolve_scenario(s, pe);
  if (rs_out) *rs_out = rs;
  return tj::run_scenario(pe, rs);
}

/// Hyndman–Fan type 7, as the sweep's exact quantiles.
double quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1.0) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  std::string s = buf;
  if (s == "-0" || s.rfind("-0.", 0) == 0) {  // no "-0.0": a value that rounds to zero has no sign
    bool zero = true;
    for (char ch : s)
      if (ch >= '1' && ch <= '9') zero = false;
    if (zero) s = s.substr(1);
  }
  return s;
}

std::string interval(const std::vector<double>& v, int digits) {
  return fixed(quantile(v, 0.05), digits) + " to " + fixed(quantile(v, 0.95), digits);
}

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      const size_t a = cur.find_first_not_of(' '), b = cur.find_last_not_of(' ');
      cells.push_back(a == std::string::npos ? "" : cur.substr(a, b - a + 1));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  return cells;
}

/// The marked table of docs/validation.md: id -> {model, interval}.
std::map<std::string, std::pair<std::string, std::string>> page_table() {
  const std::string text = read_text(kPage);
  const std::string begin = "<!-- validation-table:begin -->", end = "<!-- validation-table:end -->";
  const auto b = text.find(begin), e = text.find(end);
  REQUIRE_MESSAGE(b != std::string::npos, "docs/validation.md has no " << begin);
  REQUIRE_MESSAGE(e != std::string::npos, "docs/validation.md has no " << end);
  std::istringstream in(text.substr(b + begin.size(), e - b - begin.size()));
  std::string line;
  std::vector<std::string> header;
  std::map<std::string, std::pair<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '|') continue;
    const std::vector<std::string> cells = cells_of(line);
    if (header.empty()) {
      header = cells;
      continue;
    }
    if (!cells.empty() && cells[0].rfind("---", 0) == 0) continue;
    auto col = [&](const std::string& name) {
      const auto it = std::find(header.begin(), header.end(), name);
      REQUIRE_MESSAGE(it != header.end(), "the table of docs/validation.md has no column '" << name << "'");
      return static_cast<size_t>(it - header.begin());
    };
    REQUIRE(cells.size() == header.size());
    rows[cells[col("id")]] = {cells[col("model")], cells[col("model 5-95%")]};
  }
  return rows;
}

}  // namespace

TEST_CASE("docs/validation.md quotes what the committed US-China scenario and sweep give") {
  const fs::path tmp = fs::temp_directory_path() / ("tradejobs_validation_" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);

  // 1. The real binary: the committed scenario and the committed sweep.
  const CliResult run = run_binary(tmp, "run '" + kScenario.string() + "' -o run --quiet --no-report --no-xlsx", 120);
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(run.err.empty());
  CHECK(run.out == "run\n");  // --quiet: the results folder only
  const CliResult sweep = run_binary(tmp, "sweep '" + kSweep.string() + "' -o sweep -j 2 --quiet --no-xlsx", 120);
  REQUIRE_MESSAGE(sweep.code == 0, sweep.err);
  CHECK(sweep.err.empty());
  CHECK(sweep.out == "sweep/report.html\n");

  // 2. The same scenario in-process, checked against the binary's sectors.csv and partners.csv.
  const tj::Scenario scenario = tj::load_scenario(kScenario.string());
  const auto pe = tj::prepare_economy(scenario.economy);
  tj::ResolvedScenario rs;
  const tj::ScenarioResult base = solve(*pe, scenario, &rs);
  const Figures point = figures_of(*pe, rs, base);
  {
    const tj::CsvTable sectors = tj::read_csv((tmp / "run" / "sectors.csv").string());
    const int code = sectors.require_column("sector"), jobs = sectors.require_column("jobs_change");
    double jc = 0;
    for (size_t r = 0; r < sectors.rows.size(); ++r)
      if (is_manufacturing(sectors.rows[r][code])) jc += sectors.number(r, jobs);
    CHECK(jc / 1000.0 == doctest::Approx(point.manufacturing_jobs_k).epsilon(1e-9));
    const tj::CsvTable partners = tj::read_csv((tmp / "run" / "partners.csv").string());
    const int sec = partners.require_column("sector"), partner = partners.require_column("partner");
    const int eb = partners.require_column("exports_base"), ec = partners.require_column("exports_change");
    double xb = 0, xc = 0;
    for (size_t r = 0; r < partners.rows.size(); ++r)
      if (partners.rows[r][partner] == "CHN") {
        xb += partners.number(r, eb);
        xc += partners.number(r, ec);
        if (partners.rows[r][sec] == "A01")
          CHECK(partners.number(r, ec) / 1000.0 == doctest::Approx(point.farm_exports_china_usd_bn).epsilon(1e-9));
      }
    CHECK(100.0 * xc / xb == doctest::Approx(point.exports_china_pct).epsilon(1e-9));
  }

  // 3. Every draw of the sweep: totals from its runs.csv, the other figures replayed in-process
  //    at the draw's parameter values.
  const tj::CsvTable runs = tj::read_csv((tmp / "sweep" / "runs.csv").string());
  REQUIRE(runs.rows.size() == 1000);
  std::vector<std::string> keys;
  for (const auto& h : runs.header)
    if (h.rfind("parameters.", 0) == 0 || h.rfind("labour_market.", 0) == 0 || h.rfind("measures[", 0) == 0)
      keys.push_back(h);
  REQUIRE(keys.size() == 5);
  std::map<std::string, std::vector<double>> draws;
  const int jobs_col = runs.require_column("jobs_change"), revenue_col = runs.require_column("tariff_revenue_change");
  for (size_t r = 0; r < runs.rows.size(); ++r) {
    tj::Scenario s = scenario;
    for (const auto& k : keys) REQUIRE(tj::set_scenario_value(s, k, runs.number(r, runs.require_column(k))).empty());
    tj::ResolvedScenario rr;
    const tj::ScenarioResult res = solve(*pe, s, &rr);
    const Figures f = figures_of(*pe, rr, res);
    CHECK(f.jobs_k * 1000.0 == doctest::Approx(runs.number(r, jobs_col)).epsilon(1e-9));
    draws["jobs"].push_back(runs.number(r, jobs_col) / 1000.0);
    draws["tariff_revenue"].push_back(runs.number(r, revenue_col) / 1000.0);
    draws["imports_china"].push_back(f.imports_china_pct);
    draws["exports_china"].push_back(f.exports_china_pct);
    draws["farm_exports_china"].push_back(f.farm_exports_china_pct);
    draws["farm_exports_china_usd"].push_back(f.farm_exports_china_usd_bn);
    draws["farm_food_exports_china_usd"].push_back(f.farm_food_exports_china_usd_bn);
    draws["manufacturing_jobs"].push_back(f.manufacturing_jobs_k);
    draws["manufacturing_jobs_pct"].push_back(f.manufacturing_jobs_pct);
    draws["cost_per_displaced"].push_back(f.cost_per_displaced_usd_k);
    draws["earnings_loss_years"].push_back(f.earnings_loss_years);
  }

  // 4. The channels of the manufacturing jobs change (docs/validation.md "Manufacturing"):
  //    import protection = US tariffs without the cost push; input costs = what the cost push
  //    adds; retaliation = what China's tariffs add.
  tj::Scenario us_only = scenario;
  REQUIRE(us_only.measures.size() == 2);
  REQUIRE(us_only.measures[1].type == tj::MeasureType::export_tariff);
  us_only.measures[1].scale = 0.0;
  tj::Scenario protection_only = us_only;
  protection_only.price_feedback = false;
  tj::ResolvedScenario r1, r2;
  const double protection = figures_of(*pe, r1, solve(*pe, protection_only, &r1)).manufacturing_jobs_k;
  const double us_tariffs = figures_of(*pe, r2, solve(*pe, us_only, &r2)).manufacturing_jobs_k;

  // 5. The adjustment cost under each labour-market setting, on Davis and von Wachter's basis.
  auto with_labour_market = [&](const std::string& preset, const std::map<std::string, double>& overrides) {
    tj::Scenario s = scenario;
    s.labour_market_preset = preset;
    s.labour_market = overrides;
    tj::ResolvedScenario r;
    return figures_of(*pe, r, solve(*pe, s, &r));
  };
  const Figures defaults = with_labour_market("", {});
  // The §5 defaults on Davis and von Wachter's basis: 5% discounting over 20 years.
  const Figures defaults_dvw = with_labour_market("", {{"discount_rate", 0.05}, {"horizon_years", 20}});
  const Figures high = with_labour_market("high_unemployment", {});

  const std::map<std::string, std::pair<std::string, std::string>> model = {
      {"imports_china", {fixed(point.imports_china_pct, 1), interval(draws["imports_china"], 1)}},
      {"exports_china", {fixed(point.exports_china_pct, 1), interval(draws["exports_china"], 1)}},
      {"farm_exports_china", {fixed(point.farm_exports_china_pct, 1), interval(draws["farm_exports_china"], 1)}},
      {"farm_exports_china_usd",
       {fixed(point.farm_exports_china_usd_bn, 1), interval(draws["farm_exports_china_usd"], 1)}},
      {"farm_food_exports_china_usd",
       {fixed(point.farm_food_exports_china_usd_bn, 1), interval(draws["farm_food_exports_china_usd"], 1)}},
      {"manufacturing_jobs", {fixed(point.manufacturing_jobs_k, 1), interval(draws["manufacturing_jobs"], 1)}},
      {"manufacturing_jobs_pct",
       {fixed(point.manufacturing_jobs_pct, 2), interval(draws["manufacturing_jobs_pct"], 2)}},
      {"manufacturing_import_protection", {fixed(protection, 1), "not computed"}},
      {"manufacturing_input_costs", {fixed(us_tariffs - protection, 1), "not computed"}},
      {"manufacturing_retaliation", {fixed(point.manufacturing_jobs_k - us_tariffs, 1), "not computed"}},
      {"jobs", {fixed(point.jobs_k, 1), interval(draws["jobs"], 1)}},
      {"tariff_revenue", {fixed(point.tariff_revenue_usd_bn, 1), interval(draws["tariff_revenue"], 1)}},
      {"pass_through", {fixed(rs.parameters.pass_through.maxCoeff(), 2), "not varied"}},
      {"earnings_loss_years", {fixed(point.earnings_loss_years, 2), interval(draws["earnings_loss_years"], 2)}},
      {"earnings_loss_years_high", {fixed(high.earnings_loss_years, 2), "not computed"}},
      {"earnings_loss_years_defaults", {fixed(defaults_dvw.earnings_loss_years, 2), "not computed"}},
      {"cost_per_displaced", {fixed(point.cost_per_displaced_usd_k, 1), interval(draws["cost_per_displaced"], 1)}},
      {"cost_per_displaced_defaults", {fixed(defaults.cost_per_displaced_usd_k, 1), "not computed"}},
  };
  CHECK(rs.parameters.pass_through.minCoeff() == rs.parameters.pass_through.maxCoeff());
  // The binary's point values agree with the in-process ones (its summary.json is rounded to 17
  // digits, so the rounded cells must be equal).
  {
    const std::string summary = read_text(tmp / "run" / "summary.json");
    auto field = [&](const std::string& name) {
      const auto at = summary.find("\"" + name + "\": ", summary.find("\"totals\""));
      REQUIRE(at != std::string::npos);
      return std::stod(summary.substr(at + name.size() + 4));
    };
    CHECK(fixed(field("jobs_change") / 1000.0, 1) == model.at("jobs").first);
    CHECK(fixed(field("tariff_revenue_change") / 1000.0, 1) == model.at("tariff_revenue").first);
    CHECK(fixed(field("cost_per_displaced_worker") / 1000.0, 1) == model.at("cost_per_displaced").first);
  }

  if (std::getenv("TRADEJOBS_PRINT_VALIDATION")) {
    std::string table = "\n| id | model | model 5-95% |\n";
    for (const auto& [id, v] : model) table += "| " + id + " | " + v.first + " | " + v.second + " |\n";
    MESSAGE(table);
  }

  const auto page = page_table();
  for (const auto& [id, v] : model) {
    CAPTURE(id);
    const auto it = page.find(id);
    REQUIRE_MESSAGE(it != page.end(), "docs/validation.md's table has no row '" << id << "'");
    CHECK(it->second.first == v.first);
    CHECK(it->second.second == v.second);
  }
  for (const auto& [id, v] : page) {
    CAPTURE(id);
    CHECK_MESSAGE(model.count(id) == 1, "docs/validation.md quotes '" << id << "', which this test does not compute");
  }
  fs::remove_all(tmp);
}
