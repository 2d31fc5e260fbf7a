// The sweep report (docs/model.md §6, §8): spread of the totals over runs, histogram of the total
// jobs change, per-sector ranges, and a tornado chart of the varied inputs. runs.csv is
// streamed twice (range, then bins and a bounded systematic sample), so memory does not
// grow with the number of runs.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>

#include "formats/csv.h"
#include "formats/format.h"
#include "formats/yaml_util.h"
#include "report/report_internal.h"
#include "report/svg.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/quantiles.h"

namespace tradejobs::report_detail {

std::vector<double> average_ranks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;  // ties share their average rank
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

double spearman_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return NAN;
  const std::vector<double> rx = average_ranks(x), ry = average_ranks(y);
  const double n = static_cast<double>(x.size());
  const double mean = (n + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return NAN;
  return sxy / std::sqrt(sxx * syy);
}

namespace {

namespace fs = std::filesystem;

bool is_money(const std::string& quantity) {
  static const char* money[] = {"output_change",         "imports_change",   "exports_change",
                                "tariff_revenue_change", "adjustment_cost",  "private_cost",
                                "public_cost",           "wage_bill_change", "benefits"};
  return std::any_of(std::begin(money), std::end(money), [&](const char* m) { return quantity == m; });
}

std::string quantity_label(const std::string& q) {
  static const std::map<std::string, std::string> names = {
      {"jobs_change", "Net change in jobs"},  {"jobs_created", "Jobs created"},
      {"jobs_destroyed", "Jobs destroyed"},   {"displaced", "Displaced workers"},
      {"output_change", "Output change"},     {"tariff_revenue_change", "Tariff revenue change"},
      {"adjustment_cost", "Adjustment cost"}, {"imports_change", "Imports change"},
      {"exports_change", "Exports change"},   {"wage_bill_change", "Wage bill change"}};
  const auto it = names.find(q);
  return it == names.end() ? q : it->second;
}

std::string value_text(const std::string& quantity, double v, bool sign) {
  if (is_money(quantity)) {
    const std::string s = format_grouped(v, 1);
    return sign && v > 0 && s != "0.0" ? "+" + s : s;
  }
  return sign ? format_signed_count(v) : format_count(v);
}

struct Stats {
  double mean = NAN, sd = NAN, p5 = NAN, p50 = NAN, p95 = NAN;
};

Stats read_stats(const std::string& file, const YAML::Node& parent, const std::string& path) {
  Stats s;
  s.mean = require_number(file, parent, path, "mean", "the mean over runs");
  s.sd = require_number(file, parent, path, "sd", "the standard deviation over runs");
  s.p5 = require_number(file, parent, path, "p5", "the 5th percentile over runs");
  s.p50 = require_number(file, parent, path, "p50", "the median over runs");
  s.p95 = require_number(file, parent, path, "p95", "the 95th percentile over runs");
  return s;
}

/// Streams runs.csv: calls `row(index, jobs_change, varied values)` for every data row.
/// InputError at the first malformed cell.
class RunsReader {
 public:
  RunsReader(std::string path, const std::vector<std::string>& varied) : path_(std::move(path)) {
    std::ifstream in(path_);
    if (!in)
      throw InputError(located(path_, 0, 0, "missing file: a sweep results folder needs runs.csv (docs/model.md §9)"));
    std::string line;
    if (!std::getline(in, line)) throw InputError(located(path_, 0, 0, "file is empty: expected a header row"));
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    header_ = split_csv_line(line);
    for (auto& h : header_) h = trim(h);
    jobs_ = require(path_, "jobs_change");
    require(path_, "run");
    for (const auto& key : varied) varied_.push_back(require(path_, key));
  }

  template <class Callback>
  void for_each(Callback&& row) const {
    std::ifstream in(path_);
    std::string line;
    std::getline(in, line);
    int line_no = 1;
    size_t index = 0;
    std::vector<double> values(varied_.size());
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (trim(line).empty()) continue;
      const std::vector<std::string> cells = split_csv_line(line);
      if (cells.size() != header_.size())
        throw InputError(located(path_, line_no, 0,
                                 "row has " + std::to_string(cells.size()) + " cells, expected " +
                                     std::to_string(header_.size()) + " as in the header"));
      const double jobs = number(cells, jobs_, line_no);
      for (size_t k = 0; k < varied_.size(); ++k) values[k] = number(cells, varied_[k], line_no);
      row(index++, jobs, values);
    }
  }

 private:
  static std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
  }
  size_t require(const std::string& path, const std::string& name) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return i;
    std::string found;
    for (const auto& h : header_) found += (found.empty() ? "" : ",") + h;
    throw InputError(located(path, 1, 0, "missing column '" + name + "' in the header (found: " + found + ")"));
  }
  double number(const std::vector<std::string>& cells, size_t c, int line_no) const {
    const std::string s = trim(cells[c]);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v))
      throw InputError(located(path_, line_no, static_cast<int>(c) + 1,
                               "'" + s + "' (column '" + header_[c] + "') is not a number: expected a finite number"));
    return v;
  }

  std::string path_;
  std::vector<std::string> header_;
  size_t jobs_ = 0;
  std::vector<size_t> varied_;
};

std::string describe_vary(const YAML::Node& v) {
  std::string s;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (key == "key") continue;
    s += (s.empty() ? "" : "; ") + key + " = " + node_text(it->second);
  }
  return s;
}

}  // namespace

std::string sweep_report(const std::string& dir, const std::string& summary_path, const YAML::Node& root,
                         const ReportOptions& options) {
  const YAML::Node sweep =
      require_key(summary_path, root, "", "sweep", "the sweep's settings (file, base, runs, draws, seed, vary)");
  const EconomyInfo economy = read_economy(summary_path, root);
  const YAML::Node stats_node =
      require_key(summary_path, root, "", "totals_stats", "statistics of the totals over runs");
  require_key(summary_path, stats_node, "totals_stats", "jobs_change", "mean, sd, p5, p50, p95 of the net jobs change");
  std::vector<std::pair<std::string, Stats>> totals;
  for (auto it = stats_node.begin(); it != stats_node.end(); ++it)
    totals.push_back({it->first.Scalar(), read_stats(summary_path, it->second, "totals_stats." + it->first.Scalar())});

  std::vector<std::string> varied;
  std::vector<std::vector<std::string>> vary_rows;
  const YAML::Node vary = sweep["vary"];
  if (vary.IsDefined() && !vary.IsNull()) {
    if (!vary.IsSequence())
      throw InputError(yaml_error(summary_path, vary, "sweep.vary", "expected a list of varied inputs"));
    for (size_t i = 0; i < vary.size(); ++i) {
      const std::string path = "sweep.vary[" + std::to_string(i) + "]";
      const YAML::Node key =
          require_key(summary_path, vary[i], path, "key", "the varied key path, e.g. parameters.armington");
      varied.push_back(yaml_string(summary_path, key, path + ".key"));
      vary_rows.push_back({varied.back(), describe_vary(vary[i])});
    }
  }

  // Pass 1: range and count of the total jobs change.
  const RunsReader runs((fs::path(dir) / "runs.csv").string(), varied);
  size_t count = 0;
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  runs.for_each([&](size_t, double jobs, const std::vector<double>&) {
    ++count;
    lo = std::min(lo, jobs);
    hi = std::max(hi, jobs);
    sum += jobs;
  });
  if (count == 0)
    throw InputError(located((fs::path(dir) / "runs.csv").string(), 0, 0, "no runs: expected one row per run"));
  // Pass 2: histogram over all runs and a systematic sample for the rank correlations.
  if (lo == hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const int bins = options.histogram_bins;
  std::vector<double> counts(static_cast<size_t>(bins), 0.0);
  const size_t stride = (count + options.rank_sample_runs - 1) / options.rank_sample_runs;
  std::vector<double> sample_y;
  std::vector<std::vector<double>> sample_x(varied.size());
  runs.for_each([&](size_t index, double jobs, const std::vector<double>& x) {
    const int b = std::clamp(static_cast<int>(std::floor((jobs - lo) / (hi - lo) * bins)), 0, bins - 1);
    counts[static_cast<size_t>(b)] += 1;
    if (index % stride == 0) {
      sample_y.push_back(jobs);
      for (size_t k = 0; k < x.size(); ++k) sample_x[k].push_back(x[k]);
    }
  });

  const Stats& jobs_stats =
      std::find_if(totals.begin(), totals.end(), [](const auto& t) { return t.first == "jobs_change"; })->second;
  std::string body;
  const std::string base = optional_text(sweep, "base", "not recorded");
  body += "<p class=\"lede\">" + h(format_count(static_cast<double>(count))) + " runs of the scenario " + h(base) +
          ", varying " +
          h(varied.empty() ? std::string("no recorded inputs")
                           : std::to_string(varied.size()) + " input" + (varied.size() > 1 ? "s" : "")) +
          ". Each figure below is a distribution over runs, not a forecast interval: it shows how much the answer "
          "depends on the varied inputs.</p>";

  // Headline.
  body += "<section id=\"headline\"><h2>Headline</h2><div class=\"cards\">";
  const char* headline[] = {"jobs_change", "jobs_created",    "jobs_destroyed",
                            "displaced",   "adjustment_cost", "tariff_revenue_change"};
  for (const char* q : headline) {
    const auto it = std::find_if(totals.begin(), totals.end(), [&](const auto& t) { return t.first == q; });
    if (it == totals.end()) continue;
    const Stats& st = it->second;
    const bool sign = std::string(q) == "jobs_change" || std::string(q) == "tariff_revenue_change";
    const std::string value =
        is_money(q) ? (sign ? format_signed_money(st.p50, economy.currency) : format_money(st.p50, economy.currency))
                    : (sign ? format_signed_count(st.p50) : format_count(st.p50));
    body += card(quantity_label(q) + " (median)", value,
                 "90% of runs: " + value_text(q, st.p5, sign) + " to " + value_text(q, st.p95, sign) +
                     (is_money(q) ? " " + economy.currency : ""),
                 sign ? tone_of(st.p50) : (std::string(q) == "jobs_created" ? "up" : "flat"));
  }
  body += "</div>";
  std::vector<std::vector<std::string>> stat_rows;
  for (const auto& [q, st] : totals)
    stat_rows.push_back({quantity_label(q) + (is_money(q) ? " (" + economy.currency + ")" : " (persons)"),
                         value_text(q, st.mean, true), value_text(q, st.sd, false), value_text(q, st.p5, true),
                         value_text(q, st.p50, true), value_text(q, st.p95, true)});
  body += html_table({"Total", "Mean", "Standard deviation", "5th percentile", "Median", "95th percentile"}, stat_rows,
                     {false, true, true, true, true, true}, "stats");
  body += "</section>";

  // Histogram.
  HistogramChart hist;
  hist.title = "Distribution of the net change in jobs over runs";
  hist.x_title = "Net change in jobs (persons)";
  hist.y_title = "Runs";
  for (int b = 0; b <= bins; ++b) hist.edges.push_back(lo + (hi - lo) * b / bins);
  hist.counts = counts;
  hist.markers = {{"5th pct.", jobs_stats.p5}, {"median", jobs_stats.p50}, {"95th pct.", jobs_stats.p95}};
  body += "<section id=\"histogram\"><h2>Distribution of the total jobs change</h2>";
  body +=
      figure(histogram_chart(hist), "Histogram of the net change in jobs over all " +
                                        format_count(static_cast<double>(count)) + " runs in " + std::to_string(bins) +
                                        " equal bins from the smallest to the largest run (runs.csv, streamed). "
                                        "Dashed lines: 5th percentile, median and 95th percentile from summary.json.");
  body += "</section>";

  // Sector ranges.
  body += "<section id=\"sector-ranges\"><h2>Jobs change by sector over runs</h2>";
  {
    const std::string file = (fs::path(dir) / "sector_stats.csv").string();
    if (!fs::exists(file))
      throw InputError(
          located(file, 0, 0, "missing file: a sweep results folder needs sector_stats.csv (docs/model.md §9)"));
    const CsvTable t = read_csv(file);
    const int c_sector = t.require_column("sector"), c_stat = t.require_column("statistic"),
              c_jobs = t.require_column("jobs_change");
    const int c_name = t.column("name"), c_region = t.column("region");
    std::vector<std::string> labels;
    std::map<std::string, Stats> by_sector;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::string label = t.rows[r][c_sector];
      if (c_name >= 0) label = t.rows[r][c_name] + " (" + label + ")";
      if (c_region >= 0) label = t.rows[r][c_region] + " " + label;
      if (!by_sector.count(label)) labels.push_back(label);
      Stats& st = by_sector[label];
      const std::string& stat = t.rows[r][c_stat];
      const double v = t.number(r, c_jobs);
      if (stat == "mean")
        st.mean = v;
      else if (stat == "sd")
        st.sd = v;
      else if (stat == "p5")
        st.p5 = v;
      else if (stat == "p50")
        st.p50 = v;
      else if (stat == "p95")
        st.p95 = v;
      else
        throw InputError(t.where(r, c_stat) + ": statistic '" + stat + "': expected one of mean, sd, p5, p50, p95");
    }
    if (labels.empty())
      throw InputError(located(file, 0, 0, "no rows: expected five rows (mean, sd, p5, p50, p95) per sector"));
    for (const auto& l : labels) {
      const Stats& st = by_sector[l];
      for (const auto& [name, v] : {std::pair<const char*, double>{"p5", st.p5}, {"p50", st.p50}, {"p95", st.p95}})
        if (std::isnan(v))
          throw InputError(located(
              file, 0, 0, "sector '" + l + "' has no '" + name + "' row: expected mean, sd, p5, p50, p95 per sector"));
    }
    std::stable_sort(labels.begin(), labels.end(), [&](const std::string& a, const std::string& b) {
      return std::fabs(by_sector[a].p50) > std::fabs(by_sector[b].p50);
    });
    IntervalChart chart;
    chart.title = "Net change in jobs by sector over runs";
    chart.axis_title = "Net change in jobs (persons)";
    const size_t shown = std::min(options.sweep_sectors, labels.size());
    for (size_t k = 0; k < shown; ++k) {
      const Stats& st = by_sector[labels[k]];
      chart.rows.push_back({labels[k], st.p5, st.p50, st.p95});
    }
    body += figure(interval_chart(chart),
                   "The " + std::to_string(shown) + " of " + std::to_string(labels.size()) +
                       " sectors with the largest median change in jobs. Bar: 5th to 95th percentile over runs; dot "
                       "and number: median (persons). "
                       "Source: sector_stats.csv (percentiles over all runs, computed by the sweep).");
  }
  body += "</section>";

  // Tornado.
  body += "<section id=\"tornado\"><h2>Which inputs move the total most</h2>";
  std::vector<TornadoRow> rows;
  std::vector<std::string> constant;
  for (size_t k = 0; k < varied.size(); ++k) {
    const double rho = spearman_correlation(sample_x[k], sample_y);
    if (std::isnan(rho)) {
      constant.push_back(varied[k]);
      continue;
    }
    std::vector<double> sorted = sample_x[k];
    std::sort(sorted.begin(), sorted.end());
    const double q10 = sorted_quantile(sorted, 0.10), q90 = sorted_quantile(sorted, 0.90);
    double low_sum = 0, high_sum = 0;
    size_t low_n = 0, high_n = 0;
    for (size_t i = 0; i < sample_y.size(); ++i) {
      if (sample_x[k][i] <= q10) low_sum += sample_y[i], ++low_n;
      if (sample_x[k][i] >= q90) high_sum += sample_y[i], ++high_n;
    }
    char note[64];
    std::snprintf(note, sizeof note, "%.2f", rho);
    std::string rho_text = note;
    if (rho_text[0] == '-') rho_text = "\xE2\x88\x92" + rho_text.substr(1);
    rows.push_back({varied[k], low_sum / static_cast<double>(low_n), high_sum / static_cast<double>(high_n),
                    "\xCF\x81 = " + rho_text});
  }
  if (rows.empty()) {
    body += "<p class=\"na\">No varied input changes across the runs, so there is nothing to rank.</p>";
  } else {
    std::stable_sort(rows.begin(), rows.end(), [](const TornadoRow& a, const TornadoRow& b) {
      return std::fabs(a.when_high - a.when_low) > std::fabs(b.when_high - b.when_low);
    });
    TornadoChart chart;
    chart.title = "Sensitivity of the net change in jobs to each varied input";
    chart.axis_title = "Mean net change in jobs (persons)";
    chart.reference = std::accumulate(sample_y.begin(), sample_y.end(), 0.0) / static_cast<double>(sample_y.size());
    chart.reference_name = "Mean over runs";
    chart.low_name = "Input in its lowest tenth";
    chart.high_name = "Input in its highest tenth";
    chart.rows = rows;
    const std::string basis = sample_y.size() == count
                                  ? "all " + format_count(static_cast<double>(count)) + " runs"
                                  : "a systematic sample of " + format_count(static_cast<double>(sample_y.size())) +
                                        " of the " + format_count(static_cast<double>(count)) + " runs (every " +
                                        std::to_string(stride) + "th run)";
    body += figure(tornado_chart(chart),
                   "Method: rank correlation over " + basis +
                       ". For each varied input, the bars show the mean net change in jobs over the runs where that "
                       "input is at or below its "
                       "10th percentile (orange) and at or above its 90th percentile (blue), against the mean over "
                       "those runs (dashed). "
                       "\xCF\x81 is Spearman's rank correlation between the input and the net change in jobs (ties get "
                       "average ranks). "
                       "Inputs are ordered by the width of their swing. Inputs drawn together share runs, so a swing "
                       "includes the average "
                       "effect of the other inputs, not a one-at-a-time change." +
                       (constant.empty() ? std::string() : " Not ranked (constant over runs): " + [&] {
                         std::string s;
                         for (const auto& c : constant) s += (s.empty() ? "" : ", ") + c;
                         return s;
                       }() + "."));
  }
  body += "</section>";

  // The sweep as resolved.
  body += "<section id=\"measures\"><h2>The sweep as resolved</h2>";
  std::vector<std::vector<std::string>> settings;
  for (const char* key : {"file", "base", "runs", "draws", "seed"})
    settings.push_back({key, optional_text(sweep, key, "not recorded")});
  body += html_table({"Key", "Value"}, settings, {false, true}, "keyvalue");
  body += "<h3>Varied inputs (docs/model.md §6)</h3>";
  body += vary_rows.empty() ? "<p class=\"na\">No varied inputs recorded in summary.json.</p>"
                            : html_table({"Key", "Variation"}, vary_rows, {false, false}, "vary");
  body += "</section>";
  body +=
      sources_section(economy, {{"Sweep file", optional_text(sweep, "file", "not recorded")}, {"Base scenario", base}});
  body += diagnostics_section(summary_path, root);

  const std::string nav =
      "<a href=\"#headline\">Headline</a><a href=\"#histogram\">Histogram</a><a href=\"#sector-ranges\">Sectors</a>"
      "<a href=\"#tornado\">Sensitivity</a><a href=\"#measures\">Sweep</a><a href=\"#sources\">Sources</a><a "
      "href=\"#diagnostics\">Diagnostics</a>";
  const std::string title =
      "Sweep: " + optional_text(sweep, "name", fs::path(optional_text(sweep, "file", "sweep")).stem().string());
  const std::string subtitle = format_count(static_cast<double>(count)) + " runs on " + economy.name +
                               (economy.year.empty() ? "" : " (" + economy.year + ")") + " · money in " +
                               economy.currency + " · jobs in " + economy.employment_unit;
  (void)sum;
  return page(title, subtitle, nav, body, optional_text(root, "version", ""));
}

}  // namespace tradejobs::report_detail
