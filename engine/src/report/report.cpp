// The HTML report (docs/model.md §8): reading a results folder and assembling the page.
// Charts come from svg.h, numbers from format.h; every string from a file is escaped.
#include "tradejobs/engine/report.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "formats/format.h"
#include "formats/json.h"
#include "formats/yaml_util.h"
#include "report/report_internal.h"
#include "report/svg.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace fs = std::filesystem;

namespace report_detail {

std::string h(const std::string& text) { return escape_xml(text); }

YAML::Node require_key(const std::string& file, const YAML::Node& parent, const std::string& parent_path,
                       const std::string& key, const std::string& expected) {
  if (!parent.IsMap())
    throw InputError(
        yaml_error(file, parent, parent_path.empty() ? "(top level)" : parent_path, "expected a JSON object"));
  const YAML::Node node = parent[key];
  if (!node.IsDefined() || node.IsNull())
    throw InputError(yaml_error(file, parent, parent_path.empty() ? "(top level)" : parent_path,
                                "missing key '" + key + "': expected " + expected));
  return node;
}

double require_number(const std::string& file, const YAML::Node& parent, const std::string& parent_path,
                      const std::string& key, const std::string& expected) {
  const YAML::Node node = require_key(file, parent, parent_path, key, expected);
  return yaml_number(file, node, parent_path.empty() ? key : parent_path + "." + key);
}

std::string optional_text(const YAML::Node& parent, const std::string& key, const std::string& fallback) {
  if (!parent.IsMap()) return fallback;
  const YAML::Node node = parent[key];
  if (!node.IsDefined() || node.IsNull()) return fallback;
  return node_text(node);
}

std::string node_text(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  std::string s;
  if (node.IsSequence()) {
    for (const auto& item : node) s += (s.empty() ? "" : ", ") + node_text(item);
    return s;
  }
  for (auto it = node.begin(); it != node.end(); ++it)
    s += (s.empty() ? "" : "; ") + it->first.Scalar() + ": " + node_text(it->second);
  return s;
}

std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric, const std::string& css_class) {
  std::string s = "<div class=\"table-wrap\"><table class=\"" + css_class + "\"><thead><tr>";
  for (size_t c = 0; c < header.size(); ++c)
    s += std::string("<th") + (c < numeric.size() && numeric[c] ? " class=\"num\"" : "") + " scope=\"col\">" +
         h(header[c]) + "</th>";
  s += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    s += "<tr>";
    for (size_t c = 0; c < row.size(); ++c)
      s += std::string("<td") + (c < numeric.size() && numeric[c] ? " class=\"num\"" : "") + ">" + h(row[c]) + "</td>";
    s += "</tr>";
  }
  return s + "</tbody></table></div>";
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>" + svg + "<figcaption>" + h(caption) + "</figcaption></figure>";
}

std::string not_available(const std::string& what, const std::string& file) {
  return "<p class=\"na\">" + h(what) + " not available for this scenario (no " + h(file) +
         " in the results folder).</p>";
}

std::string card(const std::string& label, const std::string& value, const std::string& detail,
                 const std::string& tone) {
  return "<div class=\"card " + tone + "\"><div class=\"label\">" + h(label) + "</div><div class=\"value\">" +
         h(value) + "</div><div class=\"detail\">" + h(detail) + "</div></div>";
}

std::string tone_of(double v) { return v > 0 ? "up" : (v < 0 ? "down" : "flat"); }

EconomyInfo read_economy(const std::string& file, const YAML::Node& root) {
  const YAML::Node e =
      require_key(file, root, "", "economy", "the economy's description (name, currency, source, licence)");
  EconomyInfo info;
  const YAML::Node currency = require_key(file, e, "economy", "currency", "the currency unit such as \"USD million\"");
  info.currency = yaml_string(file, currency, "economy.currency");
  info.name = optional_text(e, "name", "unnamed economy");
  info.country = optional_text(e, "country", "");
  info.year = optional_text(e, "year", "");
  info.employment_unit = optional_text(e, "employment_unit", "persons");
  info.source = optional_text(e, "source", "");
  info.licence = optional_text(e, "licence", "");
  info.sectors = optional_text(e, "sectors", "");
  return info;
}

std::string sources_section(const EconomyInfo& economy,
                            const std::vector<std::pair<std::string, std::string>>& inputs) {
  std::string s = "<section id=\"sources\"><h2>Data sources and licences</h2>";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"Economy", economy.name + (economy.country.empty() ? "" : ", " + economy.country) +
                                 (economy.year.empty() ? "" : ", " + economy.year) +
                                 (economy.sectors.empty() ? "" : " (" + economy.sectors + " sectors)")});
  rows.push_back({"Source", economy.source.empty() ? "not stated in summary.json" : economy.source});
  rows.push_back({"Licence", economy.licence.empty() ? "not stated in summary.json" : economy.licence});
  rows.push_back({"Units", "money in " + economy.currency + "; jobs in " + economy.employment_unit});
  for (const auto& kv : inputs) rows.push_back({kv.first, kv.second});
  s += html_table({"Item", "Value"}, rows, {false, false}, "keyvalue");
  s += "<p class=\"note\">Figures are model estimates from the files in this folder. Cite the data source as its "
       "licence asks.</p>";
  return s + "</section>";
}

std::string diagnostics_section(const std::string& file, const YAML::Node& root) {
  std::string s = "<section id=\"diagnostics\"><h2>Diagnostics</h2>";
  const YAML::Node d = root["diagnostics"];
  if (!d.IsDefined() || d.IsNull()) return s + "<p class=\"na\">No diagnostics in " + h(file) + ".</p></section>";
  if (!d.IsMap()) throw InputError(yaml_error(file, d, "diagnostics", "expected a JSON object"));
  std::vector<std::vector<std::string>> rows;
  bool machine = false;
  for (auto it = d.begin(); it != d.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (key == "checks" || key == "notes") continue;
    // Facts about the machine, not the results: left out so that the page is byte-identical
    // for any thread or rank count (they stay in summary.json).
    if (key == "timings_seconds" || key == "threads" || key == "ranks" || key == "mpi") {
      machine = true;
      continue;
    }
    rows.push_back({key, node_text(it->second)});
  }
  if (!rows.empty()) s += html_table({"Item", "Value"}, rows, {false, false}, "keyvalue");
  if (machine)
    s += "<p class=\"note\">Timings and the thread and rank counts are in summary.json: they depend on the machine, "
         "the results do not.</p>";
  const YAML::Node checks = d["checks"];
  if (checks.IsDefined() && checks.IsSequence() && checks.size() > 0) {
    std::vector<std::vector<std::string>> check_rows;
    for (size_t i = 0; i < checks.size(); ++i)
      check_rows.push_back({optional_text(checks[i], "severity", ""), optional_text(checks[i], "check", ""),
                            optional_text(checks[i], "message", node_text(checks[i]))});
    s += "<h3>Checks of the economy (docs/model.md §1)</h3>" +
         html_table({"Severity", "Check", "Message"}, check_rows, {false, false, false}, "checks");
  }
  const YAML::Node notes = d["notes"];
  if (notes.IsDefined() && notes.IsSequence() && notes.size() > 0) {
    s += "<h3>Notes</h3><ul>";
    for (const auto& n : notes) s += "<li>" + h(node_text(n)) + "</li>";
    s += "</ul>";
  }
  return s + "</section>";
}

std::string page(const std::string& title, const std::string& subtitle, const std::string& nav, const std::string& body,
                 const std::string& version) {
  std::string s;
  s += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  s += "<title>" + h(title) + " — tradejobs report</title><style>" + style_sheet() + "</style></head><body>";
  s += "<header><div class=\"brand\">tradejobs report</div><h1>" + h(title) + "</h1><p class=\"subtitle\">" +
       h(subtitle) + "</p>";
  s += "<nav aria-label=\"Sections\">" + nav + "</nav></header><main>" + body + "</main>";
  s += "<footer>Written by tradejobs " + h(version) +
       " from the result files in this folder (docs/model.md §8). Self-contained: no scripts, fonts or network "
       "resources.</footer>";
  s += "</body></html>\n";
  return s;
}

std::string style_sheet() {
  return R"CSS(
:root{--ink:#1a1a1a;--muted:#595959;--rule:#d9d9d9;--gain:#0072B2;--loss:#D55E00;--bg:#ffffff;--panel:#f5f7fa}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1000px;margin:0 auto;padding:0 24px}
header{padding-top:28px;border-bottom:1px solid var(--rule);padding-bottom:12px}
.brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
h1{font-size:28px;margin:4px 0 4px;line-height:1.2}
.subtitle{margin:0 0 10px;color:var(--muted)}
nav{font-size:13px}
nav a{color:var(--gain);text-decoration:none;margin-right:14px;white-space:nowrap}
nav a:hover{text-decoration:underline}
h2{font-size:20px;margin:34px 0 8px;padding-top:6px;border-top:3px solid var(--ink)}
h3{font-size:15px;margin:20px 0 6px}
p{margin:6px 0 10px;max-width:76ch}
.lede{font-size:16px}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:14px 0}
.card{background:var(--panel);border-left:5px solid var(--muted);padding:10px 14px;border-radius:3px}
.card.up{border-left-color:var(--gain)}
.card.down{border-left-color:var(--loss)}
.card .label{font-size:13px;color:var(--muted)}
.card .value{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.3}
.card .detail{font-size:12.5px;color:var(--muted)}
figure{margin:14px 0 18px;break-inside:avoid;page-break-inside:avoid}
svg.chart{display:block;width:100%;height:auto;max-width:960px;font-family:inherit}
figcaption{font-size:13px;color:var(--muted);margin-top:4px;max-width:90ch}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:12.5px;margin:8px 0 14px;font-variant-numeric:tabular-nums}
th,td{padding:4px 6px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
th{border-bottom:2px solid var(--ink);font-weight:600}
td.num,th.num{text-align:right}td.num{white-space:nowrap}th.num{min-width:5.5em}
table.keyvalue td:first-child{color:var(--muted);white-space:nowrap}
table.sectors td:first-child,table.movers td:first-child{min-width:15em}
th.num{vertical-align:bottom}
tr.total td{font-weight:700;border-top:2px solid var(--ink)}
.na{color:var(--muted);font-style:italic}
.note{font-size:13px;color:var(--muted)}
.two{display:grid;grid-template-columns:1fr 1fr;gap:18px}
footer{margin-top:40px;padding:14px 24px 30px;border-top:1px solid var(--rule);font-size:12px;color:var(--muted)}
@media (max-width:760px){.cards{grid-template-columns:repeat(2,1fr)}.two{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{body{font-size:10.5pt}header,main,footer{max-width:none;padding:0}nav{display:none}
h2{break-after:avoid;page-break-after:avoid}.cards{grid-template-columns:repeat(3,1fr)}.card{border:1px solid var(--rule);border-left-width:5px}
table{font-size:9pt}.table-wrap{overflow:visible}svg.chart{max-width:100%}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)CSS";
}

}  // namespace report_detail

bool ReportOptions::is_valid(std::string* error) const {
  auto fail = [&](const std::string& field, const std::string& value, const std::string& constraint) {
    if (error) *error = "report option " + field + " = " + value + ": " + constraint;
    return false;
  };
  if (largest_movers < 1) return fail("largest_movers", std::to_string(largest_movers), "must be >= 1");
  if (sweep_sectors < 1) return fail("sweep_sectors", std::to_string(sweep_sectors), "must be >= 1");
  if (table_rows < 1) return fail("table_rows", std::to_string(table_rows), "must be >= 1");
  if (histogram_bins < 2 || histogram_bins > 200)
    return fail("histogram_bins", std::to_string(histogram_bins), "must be in [2, 200]");
  if (rank_sample_runs < 10) return fail("rank_sample_runs", std::to_string(rank_sample_runs), "must be >= 10");
  return true;
}

std::string render_report(const std::string& results_dir, const ReportOptions& options) {
  if (std::string why; !options.is_valid(&why)) throw InputError(why);
  if (!fs::is_directory(results_dir))
    throw InputError(located(
        results_dir, 0, 0, "not a folder: expected a results folder written by 'tradejobs run' or 'tradejobs sweep'"));
  const std::string summary_path = join_path(results_dir, "summary.json");
  if (!fs::exists(summary_path))
    throw InputError(
        located(summary_path, 0, 0, "missing file: a results folder needs summary.json (docs/model.md §8)"));
  {
    // summary.json is JSON: a broken file gets a JSON error at its line and column (json.h); the
    // document is then read as YAML (JSON is YAML), whose marks locate the missing or wrong keys.
    std::ifstream in(summary_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw InputError(located(summary_path, 0, 0, "cannot read the file"));
    check_json_text(text.str(), summary_path);
  }
  const YAML::Node root = load_yaml_file(summary_path);
  const YAML::Node kind_node = report_detail::require_key(summary_path, root, "", "kind", "\"scenario\" or \"sweep\"");
  const std::string kind = yaml_string(summary_path, kind_node, "kind");
  if (kind == "scenario") return report_detail::scenario_report(results_dir, summary_path, root, options);
  if (kind == "sweep") return report_detail::sweep_report(results_dir, summary_path, root, options);
  throw InputError(yaml_error(summary_path, kind_node, "kind", "'" + kind + "': expected \"scenario\" or \"sweep\""));
}

std::string write_report(const std::string& results_dir, const ReportOptions& options) {
  return write_report_html(results_dir, render_report(results_dir, options));
}

std::string write_report_html(const std::string& results_dir, const std::string& html) {
  const std::string path = join_path(results_dir, "report.html");
  const std::string temp = join_path(results_dir, ".report.html.tmp." + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(located(temp, 0, 0, "cannot create file: expected a writable results folder"));
    out << html;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw InputError(located(temp, 0, 0, "cannot write the report (disk full?)"));
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(located(path, 0, 0, "cannot replace the report: " + ec.message()));
  }
  return path;
}

}  // namespace tradejobs
