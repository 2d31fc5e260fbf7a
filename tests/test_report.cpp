// ctest-labels: unit
// The HTML report (engine/report.h) built from the fixture results folders in
// tests/fixtures/report_*: every section is present, every user string is escaped, the page
// references nothing outside itself, and bad folders give exact InputError messages.
// It also leaves the rendered pages in ./report_pages/ for the browser test (browser.cmake).
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "formats/format.h"
#include "report/report_internal.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/report.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/";

/// A fresh copy of a fixture folder under the test's working directory.
std::string copy_fixture(const std::string& name, const std::string& as) {
  const fs::path to = fs::current_path() / "report_work" / as;
  fs::remove_all(to);
  fs::create_directories(to.parent_path());
  fs::copy(kFixtures + name, to, fs::copy_options::recursive);
  return to.string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read_text(path);
  const size_t p = text.find(from);
  REQUIRE(p != std::string::npos);
  text.replace(p, from.size(), to);
  write_text(path, text);
}

std::string error_of(const std::string& dir, const ReportOptions& options = {}) {
  try {
    render_report(dir, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

/// Every src/href points inside the page, and nothing else loads a resource.
void check_self_contained(const std::string& html) {
  // Attributes only: the same words inside escaped text are harmless.
  const std::regex tag(R"(<[A-Za-z][^>]*>)");
  const std::regex link(R"(\s(src|href|xlink:href|action|srcset)\s*=\s*["']?([^"' >]*))", std::regex::icase);
  for (auto t = std::sregex_iterator(html.begin(), html.end(), tag); t != std::sregex_iterator(); ++t) {
    const std::string element = t->str();
    for (auto it = std::sregex_iterator(element.begin(), element.end(), link); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[2];
      INFO("reference: ", element);
      CHECK(target.rfind('#', 0) == 0);  // only in-page anchors
    }
  }
  CHECK_FALSE(contains(html, "http://"));
  CHECK_FALSE(contains(html, "https://"));
  CHECK_FALSE(contains(html, "//cdn"));
  CHECK_FALSE(contains(html, "@import"));
  CHECK_FALSE(contains(html, "url("));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<link"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<iframe"));
}

}  // namespace

TEST_CASE("scenario report: every section, the headline figures and the fixture's names") {
  const std::string dir = copy_fixture("report_scenario", "scenario");
  const std::string html = render_report(dir);
  for (const char* id : {"headline", "sectors", "groups", "timeline", "trade", "measures", "sources", "diagnostics"})
    CHECK(contains(html, std::string("<section id=\"") + id + "\">"));
  const YAML::Node summary = YAML::LoadFile(dir + "/summary.json");
  const YAML::Node totals = summary["totals"];
  CHECK(contains(html, ">" + format_signed_count(totals["jobs_change"].as<double>()) + "<"));
  CHECK(contains(html, ">" + format_count(totals["jobs_created"].as<double>()) + "<"));
  CHECK(contains(html, ">" + format_count(totals["jobs_destroyed"].as<double>()) + "<"));
  CHECK(contains(html, ">" + format_count(totals["displaced"].as<double>()) + "<"));
  CHECK(contains(html, ">" + format_money(totals["adjustment_cost"].as<double>(), "USD million") + "<"));
  CHECK(contains(html, ">" + format_signed_money(totals["tariff_revenue_change"].as<double>(), "USD million") + "<"));
  for (const char* label : {"Net change in jobs", "Jobs created", "Jobs destroyed", "Displaced workers",
                            "Adjustment cost", "Tariff revenue change"})
    CHECK(contains(html, std::string("<div class=\"label\">") + label + "</div>"));
  // Sector chart: largest movers by name, the rest grouped, and a labelled axis.
  CHECK(contains(html, ">Chemicals and chemical products (C20)</text>"));
  CHECK(contains(html, ">Food, beverages &amp; tobacco (C10-C12)<"));
  CHECK(contains(html, ">Other 6 sectors</text>"));
  CHECK(contains(html, ">Jobs (persons)</text>"));
  // Groups: each dimension, including one the report has no special name for (skill).
  for (const char* g : {">Women and men</text>", ">Women</text>", ">Men</text>", ">Employees and self-employed</text>",
                        ">Self-employed</text>", ">Employees</text>", ">Skill level</text>", ">Skill: low</text>"})
    CHECK(contains(html, g));
  // Timeline: unemployment and cost, each with axis titles and units.
  CHECK(contains(html, ">Year after the measure</text>"));
  CHECK(contains(html, ">Unemployed (displaced, not yet re-employed)</text>"));
  CHECK(contains(html, ">USD million</text>"));
  // Trade table by partner, with a total row.
  CHECK(contains(html, "<td>CHN</td>"));
  CHECK(contains(html, "<tr class=\"total\"><td>All partners</td>"));
  // Measures, parameters and options as resolved.
  CHECK(contains(html, "<td>tariff</td><td>C20, C24, C26</td><td>CHN</td>"));
  CHECK(contains(html, "from = 0.03 (3.0%); to = 0.28 (28.0%); phase_in_years = 1"));
  CHECK(contains(html, "<td>armington</td><td class=\"num\">1.5</td><td>C26 = 2.0</td>"));
  CHECK(contains(html, "<td>unemployment_duration_years</td>"));
  CHECK(contains(html, "<td>price_feedback</td><td class=\"num\">true</td>"));
  // Sources and licences; diagnostics.
  CHECK(contains(html, "<td>Licence</td><td>CC BY 4.0 (WIOD); fixture numbers invented for tests</td>"));
  CHECK(contains(html, "<td>check_productive</td>"));
  CHECK(contains(html, "The wage-bill gain of growing sectors never repays the adjustment cost."));
  check_self_contained(html);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html, "@page{size:A4"));
}

TEST_CASE("sweep report: histogram, per-sector ranges and a tornado chart with its method stated") {
  const std::string dir = copy_fixture("report_sweep", "sweep");
  const std::string html = render_report(dir);
  for (const char* id : {"headline", "histogram", "sector-ranges", "tornado", "measures", "sources", "diagnostics"})
    CHECK(contains(html, std::string("<section id=\"") + id + "\">"));
  CHECK(contains(html, "Histogram of the net change in jobs over all 2,000 runs in 30 equal bins"));
  CHECK(contains(html, "Method: rank correlation over all 2,000 runs."));
  CHECK(contains(html, "Spearman"));
  CHECK(contains(html, ">5th to 95th percentile</text>"));
  CHECK(contains(html, ">Chemicals and chemical products (C20)</text>"));
  for (const char* key : {">measures[0].to</text>", ">parameters.armington</text>", ">parameters.export_demand</text>",
                          "<title>labour_market.unemployment_duration_years</title>"})
    CHECK(contains(html, key));
  CHECK(contains(html,
                 "<td>parameters.armington</td><td>distribution = triangular; low = 0.5; mode = 1.5; high = 4.0</td>"));
  const YAML::Node summary = YAML::LoadFile(dir + "/summary.json");
  CHECK(contains(html, ">" + format_signed_count(summary["totals_stats"]["jobs_change"]["p50"].as<double>()) + "<"));
  // The tariff rate drives the fixture's jobs change most: it is the first tornado row.
  const size_t tornado = html.find("<section id=\"tornado\">");
  CHECK(html.find(">measures[0].to</text>", tornado) < html.find(">parameters.export_demand</text>", tornado));
  check_self_contained(html);
}

TEST_CASE("the report leaves out timings, threads and ranks, so it is byte-identical for any -j or -np") {
  const std::string dir = copy_fixture("report_sweep", "sweep_timings");
  const std::string plain = render_report(dir);
  std::string summary = read_text(dir + "/summary.json");
  const std::string key = "\"diagnostics\": {";
  const size_t at = summary.find(key);
  REQUIRE(at != std::string::npos);
  std::string with_timings = summary;
  with_timings.insert(at + key.size(), "\"timings_seconds\": {\"runs\": 0.25}, \"threads\": 2, \"ranks\": 3, ");
  write_text(dir + "/summary.json", with_timings);
  const std::string timed = render_report(dir);
  CHECK_FALSE(contains(timed, "timings_seconds"));
  CHECK_FALSE(contains(timed, "<td>threads</td>"));
  CHECK(contains(timed, "Timings and the thread and rank counts are in summary.json"));
  with_timings = summary;
  with_timings.insert(at + key.size(), "\"timings_seconds\": {\"runs\": 9.5}, \"threads\": 1, \"ranks\": 1, ");
  write_text(dir + "/summary.json", with_timings);
  CHECK(render_report(dir) == timed);
  CHECK_FALSE(contains(plain, "Timings and the thread"));
}

TEST_CASE("minimal scenario: optional sections say so, and hostile names are escaped everywhere") {
  const std::string dir = copy_fixture("report_minimal", "minimal");
  const std::string html = render_report(dir);
  CHECK(contains(html, "The split of jobs by group of workers not available for this scenario"));
  CHECK(contains(html,
                 "The yearly path of unemployment and adjustment cost not available for this scenario (no timeline.csv "
                 "in the results folder)."));
  CHECK(contains(html, "Trade by partner not available for this scenario (no partners.csv in the results folder)."));
  CHECK(contains(html, "No measures: this scenario is the baseline."));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<b>"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<odd>"));
  CHECK(contains(html,
                 "AAA S1 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;sector&quot;"));
  CHECK(contains(html, "<title>Escaping &lt;test&gt; &amp; &quot;quotes&quot; — tradejobs report</title>"));
  CHECK(contains(html, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(html, "EUR 1.2 million"));  // 1.25 is exact in binary: printf rounds the tie to even
  check_self_contained(html);
}

TEST_CASE("write_report writes report.html atomically and leaves no temporary file") {
  const std::string dir = copy_fixture("report_scenario", "atomic");
  write_text(dir + "/report.html", "old");
  const std::string path = write_report(dir);
  CHECK(path == dir + "/report.html");
  CHECK(read_text(path) == render_report(dir));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
    ++files;
  }
  CHECK(files == 7);  // README, 5 inputs, report.html
}

TEST_CASE("missing or malformed files give InputError naming the file, the place and what was expected") {
  const fs::path work = fs::current_path() / "report_work";
  CHECK(error_of((work / "no-such-folder").string()) ==
        (work / "no-such-folder").string() +
            ": not a folder: expected a results folder written by 'tradejobs run' or 'tradejobs sweep'");

  std::string dir = copy_fixture("report_minimal", "no-summary");
  fs::remove(dir + "/summary.json");
  CHECK(error_of(dir) == dir + "/summary.json: missing file: a results folder needs summary.json (docs/model.md §8)");

  dir = copy_fixture("report_minimal", "no-sectors");
  fs::remove(dir + "/sectors.csv");
  CHECK(error_of(dir) ==
        dir + "/sectors.csv: missing file: a scenario results folder needs sectors.csv (docs/model.md §8)");

  dir = copy_fixture("report_minimal", "no-displaced");
  replace_in_file(dir + "/summary.json", "\"displaced\": 80", "\"displaced_workers\": 80");
  CHECK(error_of(dir) ==
        dir +
            "/summary.json:15:12: totals: missing key 'displaced': expected the number of displaced workers (persons)");

  dir = copy_fixture("report_minimal", "bad-number");
  replace_in_file(dir + "/summary.json", "\"adjustment_cost\": 1.25", "\"adjustment_cost\": \"a lot\"");
  CHECK(error_of(dir) ==
        dir + "/summary.json:21:22: totals.adjustment_cost: 'a lot' is not a number: expected a finite number");

  dir = copy_fixture("report_minimal", "bad-kind");
  replace_in_file(dir + "/summary.json", "\"kind\": \"scenario\"", "\"kind\": \"forecast\"");
  CHECK(error_of(dir) == dir + "/summary.json:2:10: kind: 'forecast': expected \"scenario\" or \"sweep\"");

  dir = copy_fixture("report_minimal", "bad-cell");
  replace_in_file(dir + "/sectors.csv", ",-80,", ",minus eighty,");
  CHECK(error_of(dir) == dir +
                             "/sectors.csv:3:4: 'minus eighty' (column 'jobs_change') is not a number: expected a "
                             "finite number with '.' as decimal mark");

  dir = copy_fixture("report_minimal", "negative-destroyed");
  replace_in_file(dir + "/sectors.csv", ",0,80", ",0,-80");
  CHECK(error_of(dir) == dir + "/sectors.csv:3:6: jobs_destroyed = -80: must be >= 0");

  dir = copy_fixture("report_minimal", "no-column");
  replace_in_file(dir + "/sectors.csv", "jobs_created", "created");
  CHECK(error_of(dir) == dir +
                             "/sectors.csv:1: missing column 'jobs_created' in the header (found: "
                             "sector,region,name,jobs_change,created,jobs_destroyed)");

  dir = copy_fixture("report_sweep", "sweep-bad-run");
  {
    std::string runs = read_text(dir + "/runs.csv");
    const size_t line3 = runs.find('\n', runs.find('\n') + 1) + 1;   // start of the second data row
    const size_t comma = runs.find(',', runs.find(',', line3) + 1);  // after run and measures[0].to
    runs.replace(comma + 1, runs.find(',', comma + 1) - comma - 1, "NaN");
    write_text(dir + "/runs.csv", runs);
  }
  CHECK(error_of(dir) ==
        dir + "/runs.csv:3:3: 'NaN' (column 'parameters.armington') is not a number: expected a finite number");

  dir = copy_fixture("report_sweep", "sweep-missing-key");
  replace_in_file(dir + "/runs.csv", "parameters.export_demand", "export_demand");
  CHECK(contains(error_of(dir),
                 dir + "/runs.csv:1: missing column 'parameters.export_demand' in the header (found: run,"));

  dir = copy_fixture("report_sweep", "sweep-bad-statistic");
  replace_in_file(dir + "/sector_stats.csv", ",p95,", ",p99,");
  CHECK(
      contains(error_of(dir), dir + "/sector_stats.csv:6:3: statistic 'p99': expected one of mean, sd, p5, p50, p95"));

  dir = copy_fixture("report_sweep", "sweep-no-stats");
  fs::remove(dir + "/sector_stats.csv");
  CHECK(error_of(dir) ==
        dir + "/sector_stats.csv: missing file: a sweep results folder needs sector_stats.csv (docs/model.md §9)");
}

TEST_CASE("ReportOptions::validate names the field, the value and the constraint") {
  ReportOptions o;
  CHECK(o.is_valid(nullptr));
  o.histogram_bins = 1;
  CHECK(error_of(kFixtures + "report_minimal", o) == "report option histogram_bins = 1: must be in [2, 200]");
  o = ReportOptions{};
  o.largest_movers = 0;
  CHECK(error_of(kFixtures + "report_minimal", o) == "report option largest_movers = 0: must be >= 1");
  o = ReportOptions{};
  o.rank_sample_runs = 5;
  CHECK(error_of(kFixtures + "report_minimal", o) == "report option rank_sample_runs = 5: must be >= 10");
}

TEST_CASE("a large sweep is streamed: the histogram counts every run, the ranks use a stated systematic sample") {
  const std::string dir = copy_fixture("report_sweep", "sweep-large");
  std::ofstream runs(dir + "/runs.csv");
  runs << "run,measures[0].to,parameters.armington,parameters.export_demand,labour_market.unemployment_duration_years,"
          "jobs_change\n";
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 50000; ++i) {
    const double a = u(rng), e = u(rng), d = u(rng);
    runs << i << ",0.25," << a << "," << e << "," << d << "," << (-1000 * a + 10 * e)
         << "\n";  // duration does not matter
  }
  runs.close();
  ReportOptions o;
  o.rank_sample_runs = 1000;
  const std::string html = render_report(dir, o);
  CHECK(contains(html, "over all 50,000 runs in 30 equal bins"));
  CHECK(contains(html,
                 "Method: rank correlation over a systematic sample of 1,000 of the 50,000 runs (every 50th run)."));
  CHECK(contains(html, "Not ranked (constant over runs): measures[0].to."));
  const size_t tornado = html.find("<section id=\"tornado\">");
  CHECK(html.find(">parameters.armington</text>", tornado) < html.find(">parameters.export_demand</text>", tornado));
  CHECK(contains(html,
                 "\xCF\x81 = \xE2\x88\x92"
                 "1.00"));
}

TEST_CASE("Spearman rank correlation with average ranks for ties") {
  using report_detail::average_ranks;
  using report_detail::spearman_correlation;
  CHECK(average_ranks({10, 30, 30, 20}) == std::vector<double>{1, 3.5, 3.5, 2});
  CHECK(spearman_correlation({1, 2, 3, 4}, {1, 4, 9, 16}) == doctest::Approx(1));
  CHECK(spearman_correlation({1, 2, 3, 4}, {8, 4, 2, 1}) == doctest::Approx(-1));
  // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233
  CHECK(spearman_correlation({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}) == doctest::Approx(0.8207826816681233).epsilon(1e-12));
  CHECK(std::isnan(spearman_correlation({1, 1, 1}, {1, 2, 3})));
  CHECK(std::isnan(spearman_correlation({1}, {1})));
}

TEST_CASE("the fixture reports are left in report_pages/ for the browser test") {
  for (const char* name : {"report_scenario", "report_sweep", "report_minimal"}) {
    const fs::path to = fs::current_path() / "report_pages" / name;
    fs::remove_all(to);
    fs::create_directories(to.parent_path());
    fs::copy(kFixtures + name, to, fs::copy_options::recursive);
    const std::string path = write_report(to.string());
    CHECK(fs::file_size(path) > 1000);
  }
}
