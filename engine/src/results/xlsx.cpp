#include "results/xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "formats/format.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

using ordered_json = nlohmann::ordered_json;

/// The fixed creation date of every workbook (2000-01-01 00:00:00 UTC): libxlsxwriter would
/// write the current time into docProps/core.xml, and the bytes must depend on the tables only.
constexpr time_t kFixedCreated = 946684800;

/// Columns that hold labels, never numbers, even when a code looks like one ("2014").
const std::set<std::string>& label_columns() {
  static const std::set<std::string> s{"sector",  "region",    "name",   "group", "dimension",
                                       "partner", "statistic", "policy", "type",  "indicator"};
  return s;
}

/// Cells without a value: NA (jobs unknown, a partner not traded with) and NaN are empty
/// cells, never zero.
bool is_missing(const std::string& cell) { return cell.empty() || cell == "NA" || cell == "nan" || cell == "-nan"; }

/// The cell as a number when all of it is one (the CSV writes format_double), else nullopt.
bool parse_number(const std::string& cell, double* v) {
  if (cell.empty()) return false;
  const char c = cell[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) return false;
  char* end = nullptr;
  *v = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size() && std::isfinite(*v);
}

/// The display format of a numeric column by its name (the stored value keeps full precision).
enum class Kind { integer, persons, money, fraction, value };

Kind column_kind(const std::string& name) {
  if (name == "year" || name == "run") return Kind::integer;
  if (name == "price_change") return Kind::fraction;
  static const char* persons[] = {"jobs", "displaced", "unemployed", "reemployed", "exited", "switchers"};
  for (const char* p : persons)
    if (name.find(p) != std::string::npos) return Kind::persons;
  // Keys of a sweep's varied values (parameters.armington, measures[0].to) are model values.
  if (name.find('.') != std::string::npos || name.find('[') != std::string::npos) return Kind::value;
  return Kind::money;
}

/// The display format of a row of quality.csv by its indicator: its columns (jobs_created,
/// jobs_destroyed, jobs_base) hold jobs, wages or shares depending on the row.
const std::map<std::string, Kind>& quality_row_kinds() {
  static const std::map<std::string, Kind> m{{"jobs", Kind::persons},
                                             {"mean_annual_wage", Kind::money},
                                             {"low_paid_share", Kind::fraction},
                                             {"group_share", Kind::fraction},
                                             {"reemployed_informally", Kind::persons}};
  return m;
}

class Workbook {
 public:
  explicit Workbook(const std::string& path) : path_(path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows stream to a temporary file: a million-row Runs sheet fits
    options.use_zip64 = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (!wb_) throw InputError(located(path, 0, 0, "cannot create the workbook: check that the folder is writable"));
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    title_ = workbook_add_format(wb_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    section_ = workbook_add_format(wb_);
    format_set_bold(section_);
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    note_ = workbook_add_format(wb_);
    format_set_italic(note_);
    auto number = [&](const char* f) {
      lxw_format* x = workbook_add_format(wb_);
      format_set_num_format(x, f);
      return x;
    };
    formats_[Kind::integer] = number("0");
    formats_[Kind::persons] = number("#,##0.0");
    formats_[Kind::money] = number("#,##0.00");
    formats_[Kind::fraction] = number("0.0000%");
    formats_[Kind::value] = number("0.0000");
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (wb_) workbook_close(wb_);  // only on an exception path; close() is the normal end
  }

  void set_properties(const std::string& title, const std::string& comments) {
    lxw_doc_properties p{};
    title_text_ = title;
    comments_text_ = comments;
    p.title = title_text_.data();  // libxlsxwriter copies the strings
    p.author = author_text_.data();
    p.comments = comments_text_.data();
    p.created = kFixedCreated;
    check(workbook_set_properties(wb_, &p));
  }

  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* s = workbook_add_worksheet(wb_, name.c_str());
    if (!s) throw InputError(located(path_, 0, 0, "cannot add the sheet '" + name + "'"));
    return s;
  }

  /// A sheet with a CSV table: the header row (frozen), then every line of `csv` as cells.
  /// `extra` inserts a column after column `extra_after` with the value extra_value(row cells).
  /// `row_kinds`, when given, sets the display format of a row's numbers by its first cell.
  /// At most `max_rows` data rows; returns the number of data rows in the table.
  template <typename NextLine>
  long table(const std::string& name, NextLine&& next_line, long max_rows = kMaxDataRows, int extra_after = -1,
             const std::string& extra_header = "", const std::map<std::string, std::string>* extra_values = nullptr,
             const std::map<std::string, Kind>* row_kinds = nullptr) {
    lxw_worksheet* ws = sheet(name);
    std::string line;
    if (!next_line(line)) return 0;
    std::vector<std::string> header = split_csv_line(line);
    if (extra_after >= 0) header.insert(header.begin() + extra_after + 1, extra_header);
    const size_t width = header.size();
    std::vector<Kind> kinds;
    std::vector<bool> labels;
    std::vector<size_t> widths;
    for (const auto& h : header) {
      kinds.push_back(column_kind(h));
      labels.push_back(label_columns().count(h) > 0);
      widths.push_back(std::max<size_t>(8, std::min<size_t>(h.size(), 24)));
    }
    // Column widths from the first rows (a sample: a Runs sheet may have a million rows);
    // widths must be set before the rows are written in constant-memory mode.
    std::vector<std::vector<std::string>> first;
    std::string l;
    while (first.size() < 2000 && next_line(l)) first.push_back(row_cells(l, extra_after, extra_values));
    // The format of column c in a row: the row's own (row_kinds) or the column's.
    const auto kind_of = [&](const std::vector<std::string>& cells, size_t c) {
      if (row_kinds && !cells.empty()) {
        const auto it = row_kinds->find(cells[0]);
        if (it != row_kinds->end()) return it->second;
      }
      return kinds[c];
    };
    for (const auto& cells : first)
      for (size_t c = 0; c < std::min(width, cells.size()); ++c) {
        double v;
        size_t w = cells[c].size();
        if (!labels[c] && parse_number(cells[c], &v)) w = display_width(v, kind_of(cells, c));
        widths[c] = std::max(widths[c], std::min<size_t>(w, 60));
      }
    for (size_t c = 0; c < width; ++c) {
      const double w = static_cast<double>(widths[c]) + 2;
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr));
    }
    worksheet_freeze_panes(ws, 1, labels.empty() || !labels[0] ? 0 : 1);
    for (size_t c = 0; c < width; ++c)
      check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), header_));
    long rows = 0, total = 0;  // data rows written, data rows in the table
    auto write_row = [&](const std::vector<std::string>& cells) {
      const lxw_row_t r = static_cast<lxw_row_t>(rows + 1);
      for (size_t c = 0; c < cells.size(); ++c) {
        const std::string& cell = cells[c];
        if (is_missing(cell)) continue;
        double v;
        const size_t k = c < width ? c : 0;
        const lxw_col_t col = static_cast<lxw_col_t>(c);
        if (!labels[k] && parse_number(cell, &v))
          check(worksheet_write_number(ws, r, col, v, formats_[kind_of(cells, k)]));
        else
          check(worksheet_write_string(ws, r, col, cell.c_str(), nullptr));
      }
      ++rows;
    };
    for (const auto& cells : first) {
      if (total < max_rows) write_row(cells);
      ++total;
    }
    first.clear();
    while (next_line(l)) {
      if (total < max_rows) write_row(row_cells(l, extra_after, extra_values));
      ++total;
    }
    if (total > max_rows) {
      const std::string note = "Cut at Excel's row limit: this sheet holds the first " +
                               format_grouped(static_cast<double>(max_rows), 0, MinusSign::ascii) + " of " +
                               format_grouped(static_cast<double>(total), 0, MinusSign::ascii) +
                               " rows; every row is in the CSV file.";
      check(worksheet_write_string(ws, static_cast<lxw_row_t>(rows + 1), 0, note.c_str(), note_));
      cut_notes_.push_back(name + ": " + note);
    }
    return total;
  }

  /// A table from CSV text held in memory.
  long table_text(const std::string& name, const std::string& csv,
                  const std::map<std::string, Kind>* row_kinds = nullptr) {
    std::istringstream in(csv);
    return table(
        name, [&](std::string& line) { return static_cast<bool>(std::getline(in, line)); }, kMaxDataRows, -1, "",
        nullptr, row_kinds);
  }

  const std::vector<std::string>& cut_notes() const { return cut_notes_; }

  /// The Summary sheet, from summary.json: one row per value, grouped by section, with units.
  void summary(lxw_worksheet* ws, const ordered_json& doc, const std::set<std::string>& skip,
               const std::vector<std::string>& notes) {
    const ordered_json& economy = doc.contains("economy") ? doc["economy"] : ordered_json::object();
    const std::string currency = economy.value("currency", "");
    const std::string jobs_unit = economy.value("employment_unit", "");
    check(worksheet_set_column(ws, 0, 0, 18, nullptr));
    check(worksheet_set_column(ws, 1, 1, 42, nullptr));
    check(worksheet_set_column(ws, 2, 2, 60, wrap_));
    check(worksheet_set_column(ws, 3, 3, 28, nullptr));
    lxw_row_t row = 0;
    const std::string kind = doc.value("kind", "scenario");
    std::string name;
    if (doc.contains("scenario") && doc["scenario"].is_object()) name = doc["scenario"].value("name", "");
    if (doc.contains("sweep") && doc["sweep"].is_object()) name = doc["sweep"].value("name", "");
    const std::string title = "tradejobs " + doc.value("version", "") + ": " + kind + " " + name;
    check(worksheet_write_string(ws, row++, 0, title.c_str(), title_));
    const std::string units = "Money in " + currency + ", jobs in " + jobs_unit +
                              "; an empty cell in a table is NA (unknown, e.g. a sector without employment data)";
    check(worksheet_write_string(ws, row++, 0, units.c_str(), note_));
    for (const auto& n : notes) check(worksheet_write_string(ws, row++, 0, n.c_str(), note_));
    ++row;
    worksheet_freeze_panes(ws, row + 1, 0);
    const char* heads[] = {"section", "item", "value", "unit"};
    for (lxw_col_t c = 0; c < 4; ++c) check(worksheet_write_string(ws, row, c, heads[c], header_));
    ++row;
    // The totals first, then the economy (with its sources), then the scenario or sweep as run.
    std::vector<std::string> order;
    for (const char* first : {"totals", "totals_stats", "economy", "scenario", "sweep"})
      if (doc.contains(first)) order.push_back(first);
    for (auto it = doc.begin(); it != doc.end(); ++it)
      if (std::find(order.begin(), order.end(), it.key()) == order.end()) order.push_back(it.key());
    for (const std::string& section : order) {
      if (section == "kind" || section == "version" || skip.count(section)) continue;
      std::vector<std::pair<std::string, ordered_json>> leaves;
      flatten(doc[section], "", leaves);
      bool first_row = true;
      for (const auto& [item, value] : leaves) {
        const std::string full = section + "." + item;
        bool skipped = false;
        for (const auto& s : skip)
          if (full == s || full.rfind(s + ".", 0) == 0) skipped = true;
        if (skipped) continue;
        if (first_row) check(worksheet_write_string(ws, row, 0, section.c_str(), section_));
        first_row = false;
        check(worksheet_write_string(ws, row, 1, item.c_str(), nullptr));
        const ordered_json& v = value;
        if (v.is_number()) {
          const double d = v.get<double>();
          check(worksheet_write_number(ws, row, 2, d,
                                       std::floor(d) == d && std::fabs(d) < 1e15 ? nullptr : formats_[Kind::money]));
        } else if (v.is_boolean()) {
          check(worksheet_write_boolean(ws, row, 2, v.get<bool>(), nullptr));
        } else if (v.is_string()) {
          check(worksheet_write_string(ws, row, 2, v.get<std::string>().c_str(), wrap_));
        }  // null: unknown, an empty cell
        const std::string unit = unit_of(section, item, currency, jobs_unit);
        if (!unit.empty()) check(worksheet_write_string(ws, row, 3, unit.c_str(), nullptr));
        ++row;
      }
    }
  }

  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
      throw InputError(located(path_, 0, 0, std::string("cannot write the workbook: ") + lxw_strerror(e)));
  }

 private:
  void check(lxw_error e) const {
    if (e != LXW_NO_ERROR)
      throw InputError(located(path_, 0, 0, std::string("cannot write the workbook: ") + lxw_strerror(e)));
  }

  static std::vector<std::string> row_cells(const std::string& line, int extra_after,
                                            const std::map<std::string, std::string>* extra_values) {
    std::vector<std::string> cells = split_csv_line(line);
    if (extra_after >= 0 && static_cast<size_t>(extra_after) < cells.size()) {
      std::string extra;
      if (extra_values) {
        const auto it = extra_values->find(cells[0]);
        if (it != extra_values->end()) extra = it->second;
      }
      cells.insert(cells.begin() + extra_after + 1, extra);
    }
    return cells;
  }

  static size_t display_width(double v, Kind k) {
    const int decimals = k == Kind::integer ? 0 : k == Kind::persons ? 1 : k == Kind::money ? 2 : 4;
    const double shown = k == Kind::fraction ? v * 100 : v;
    return format_grouped(shown, decimals, MinusSign::ascii).size() + (k == Kind::fraction ? 1 : 0);
  }

  /// Leaves of a JSON value with their paths; arrays of plain values become one cell.
  static void flatten(const ordered_json& v, const std::string& path,
                      std::vector<std::pair<std::string, ordered_json>>& out) {
    if (v.is_object()) {
      if (v.empty()) return;
      for (auto it = v.begin(); it != v.end(); ++it)
        flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
    } else if (v.is_array()) {
      const bool plain = std::all_of(v.begin(), v.end(), [](const ordered_json& x) { return x.is_primitive(); });
      if (plain) {
        std::string joined;
        for (const auto& x : v)
          joined += (joined.empty() ? "" : ", ") + (x.is_string() ? x.get<std::string>() : x.dump());
        out.emplace_back(path, ordered_json(joined));
        return;
      }
      for (size_t i = 0; i < v.size(); ++i) flatten(v[i], path + "[" + std::to_string(i) + "]", out);
    } else {
      out.emplace_back(path.empty() ? "value" : path, v);
    }
  }

  /// The unit of a total (summary.json totals, a sweep's totals_stats).
  static std::string unit_of(const std::string& section, const std::string& item, const std::string& currency,
                             const std::string& jobs_unit) {
    if (section != "totals" && section != "totals_stats" && section != "regions") return "";
    const std::string key = item.substr(item.find(']') == std::string::npos ? 0 : item.find(']') + 2);
    const std::string base = key.substr(0, key.find('.'));
    if (base == "jobs_coverage" || base == "region" || base == "jobs_known" || base == "jobs_partial") return "";
    if (base == "payback_years") return "years";
    if (base == "cost_per_displaced_worker") return currency.substr(0, currency.find(' ')) + " per displaced worker";
    static const char* persons[] = {"jobs", "displaced"};
    for (const char* p : persons)
      if (base.find(p) != std::string::npos) return jobs_unit;
    return currency;
  }

  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format *header_, *title_, *section_, *wrap_, *note_;
  std::map<Kind, lxw_format*> formats_;
  std::string title_text_, comments_text_, author_text_ = "tradejobs";
  std::vector<std::string> cut_notes_;
};

ordered_json parse_summary(const std::string& text, const std::string& path) {
  try {
    return ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(located(path, 0, 0, std::string("summary.json is not valid JSON: ") + e.what()));
  }
}

}  // namespace

void write_scenario_workbook(const std::string& path, const ScenarioFiles& files) {
  const ordered_json doc = parse_summary(files.summary_json, path);
  Workbook wb(path);
  const std::string name = doc.contains("scenario") ? doc["scenario"].value("name", "") : "";
  wb.set_properties("tradejobs results: " + name, "Written by tradejobs from the CSV files of the same folder");
  lxw_worksheet* summary = wb.sheet("Summary");
  wb.table_text("Sectors", files.sectors_csv);
  wb.table_text("Groups", files.groups_csv);
  wb.table_text("Timeline", files.timeline_csv);
  wb.table_text("Partners", files.partners_csv);
  if (!files.regions_csv.empty()) wb.table_text("Regions", files.regions_csv);
  if (!files.policies_csv.empty()) wb.table_text("Policies", files.policies_csv);
  if (!files.quality_csv.empty()) wb.table_text("Quality", files.quality_csv, &quality_row_kinds());
  // Summary is the first sheet but is written last in constant-memory mode; it holds no rows
  // until now, which libxlsxwriter allows for any sheet.
  std::string tables = "Tables: Sectors, Groups, Timeline, Partners";
  if (!files.regions_csv.empty()) tables += ", Regions";
  if (!files.policies_csv.empty()) tables += ", Policies";
  if (!files.quality_csv.empty()) tables += ", Quality";
  wb.summary(summary, doc, {}, {tables + " (the CSV files of the folder)"});
  wb.close();
}

void write_sweep_workbook(const std::string& path, const std::string& summary_json, const std::string& runs_csv_path,
                          const std::string& sector_stats_csv, const std::vector<std::string>& sector_codes,
                          const std::vector<std::string>& sector_names) {
  const ordered_json doc = parse_summary(summary_json, path);
  std::ifstream runs(runs_csv_path, std::ios::binary);
  if (!runs) throw InputError(located(runs_csv_path, 0, 0, "cannot read the file"));
  std::map<std::string, std::string> names;
  for (size_t i = 0; i < sector_codes.size() && i < sector_names.size(); ++i) names[sector_codes[i]] = sector_names[i];
  Workbook wb(path);
  const std::string name = doc.contains("sweep") ? doc["sweep"].value("name", "") : "";
  wb.set_properties("tradejobs sweep: " + name, "Written by tradejobs from the CSV files of the same folder");
  lxw_worksheet* summary = wb.sheet("Summary");
  wb.table("Runs", [&](std::string& line) { return static_cast<bool>(std::getline(runs, line)); });
  std::istringstream stats(sector_stats_csv);
  wb.table(
      "Sector statistics", [&](std::string& line) { return static_cast<bool>(std::getline(stats, line)); },
      kMaxDataRows, 0, "name", &names);
  std::vector<std::string> notes{"Tables: Runs (runs.csv), Sector statistics (sector_stats.csv, with the sector names)",
                                 "Timings and thread count: see summary.json (they differ from run to run)"};
  for (const auto& n : wb.cut_notes()) notes.push_back(n);
  // Timings and the thread count depend on the machine; the workbook is the same for any -j.
  wb.summary(summary, doc,
             {"diagnostics.timings_seconds", "diagnostics.threads", "diagnostics.ranks", "diagnostics.mpi"}, notes);
  wb.close();
}

}  // namespace tradejobs
