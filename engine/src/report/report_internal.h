#pragma once
// Internal pieces of the HTML report shared by report.cpp, report_scenario.cpp and
// report_sweep.cpp (not installed; tests include it by relative path).

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "tradejobs/engine/report.h"

namespace tradejobs::report_detail {

/// HTML-escaped text.
std::string h(const std::string& text);

/// The child `key` of a JSON object; InputError "file:line:col: parent: missing key 'key': expected ...".
YAML::Node require_key(const std::string& file, const YAML::Node& parent, const std::string& parent_path,
                       const std::string& key, const std::string& expected);
/// A required finite number.
double require_number(const std::string& file, const YAML::Node& parent, const std::string& parent_path,
                      const std::string& key, const std::string& expected);
/// The child `key` as text, or `fallback` when absent or null.
std::string optional_text(const YAML::Node& parent, const std::string& key, const std::string& fallback);
/// Any node as one line of text (lists joined by ", ", maps as "k: v; ...").
std::string node_text(const YAML::Node& node);

/// An HTML table; `numeric` marks right-aligned columns. Cells are escaped.
std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric, const std::string& css_class);
/// <figure> with an SVG and an escaped caption.
std::string figure(const std::string& svg, const std::string& caption);
/// "… not available for this scenario (no FILE in the results folder)."
std::string not_available(const std::string& what, const std::string& file);
/// A headline card; tone is "up", "down" or "flat".
std::string card(const std::string& label, const std::string& value, const std::string& detail,
                 const std::string& tone);
/// "up", "down" or "flat" by the sign of v.
std::string tone_of(double v);

/// The "economy" object of summary.json.
struct EconomyInfo {
  std::string name, country, year, currency, employment_unit, source, licence, sectors;
};
EconomyInfo read_economy(const std::string& file, const YAML::Node& root);

/// The data sources section; `inputs` adds rows such as ("Scenario file", "x.yaml").
std::string sources_section(const EconomyInfo& economy, const std::vector<std::pair<std::string, std::string>>& inputs);
/// The diagnostics section from summary.json's "diagnostics".
std::string diagnostics_section(const std::string& file, const YAML::Node& root);
/// The whole HTML page.
std::string page(const std::string& title, const std::string& subtitle, const std::string& nav, const std::string& body,
                 const std::string& version);
/// The inline CSS.
std::string style_sheet();

std::string scenario_report(const std::string& dir, const std::string& summary_path, const YAML::Node& root,
                            const ReportOptions& options);
std::string sweep_report(const std::string& dir, const std::string& summary_path, const YAML::Node& root,
                         const ReportOptions& options);

/// Ranks 1..n with ties given their average rank.
std::vector<double> average_ranks(const std::vector<double>& values);
/// Spearman rank correlation (Pearson correlation of average ranks); NaN when either
/// sample is constant or shorter than 2.
double spearman_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace tradejobs::report_detail
