#pragma once
/// \file report.h
/// The self-contained HTML report of a results folder (docs/model.md §8): one file with inline
/// CSS and SVG, no scripts, fonts or other resources, readable on a laptop and printable
/// on A4. It is built only from the folder's result files, so `tradejobs report DIR`
/// rebuilds it at any time:
///   - scenario folder: summary.json and sectors.csv (required); timeline.csv, groups.csv
///     and partners.csv (optional: their sections then say "not available").
///   - sweep folder: summary.json with "kind": "sweep", runs.csv (streamed: memory does
///     not grow with the number of runs) and sector_stats.csv.
///
/// Example:
///   std::string path = write_report("out/us-china-2018");  // out/us-china-2018/report.html

#include <cstddef>
#include <string>

namespace tradejobs {

/// Choices of the report's layout and of the sweep statistics.
struct ReportOptions {
  /// Sectors drawn one by one in the jobs-by-sector chart; the rest are grouped (≥ 1).
  size_t largest_movers = 12;
  /// Sectors drawn in the sweep's per-sector range chart (≥ 1).
  size_t sweep_sectors = 15;
  /// Rows of the sector table in a scenario report; the rest are counted, not shown (≥ 1).
  size_t table_rows = 60;
  /// Bins of the histogram of the total jobs change over runs (in [2, 200]).
  int histogram_bins = 30;
  /// Most runs kept for the rank correlations of the tornado chart; beyond it a
  /// systematic sample (every k-th run) is used and the caption says so (≥ 10).
  size_t rank_sample_runs = 20000;
  /// True when valid; otherwise false and `*error` = "report option FIELD = VALUE: constraint".
  bool is_valid(std::string* error) const;
};

/// Builds the report's HTML from the files of `results_dir` without writing anything.
/// InputError naming the file (with line and column where known) and what is missing or
/// malformed.
std::string render_report(const std::string& results_dir, const ReportOptions& options = {});

/// Writes `results_dir/report.html` atomically (a temporary file in the same folder, then
/// a rename) and returns its path. Same errors as render_report; InputError too when the
/// file cannot be written.
std::string write_report(const std::string& results_dir, const ReportOptions& options = {});

/// The write step of write_report: `html` (from render_report) into `results_dir/report.html`,
/// atomically; returns its path.
std::string write_report_html(const std::string& results_dir, const std::string& html);

}  // namespace tradejobs
