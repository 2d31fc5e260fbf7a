// The scenario report (docs/model.md §8): headline, jobs by sector, groups, time path, trade by
// partner, measures and parameters as resolved, data sources, diagnostics.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "formats/csv.h"
#include "formats/format.h"
#include "formats/yaml_util.h"
#include "report/report_internal.h"
#include "report/svg.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/models/labour.h"

namespace tradejobs::report_detail {

namespace {

namespace fs = std::filesystem;

struct Totals {
  double jobs_change, jobs_created, jobs_destroyed, output_change, tariff_revenue_change, adjustment_cost, displaced;
  double jobs_base = NAN;
  std::string payback;
  double cost_per_displaced = NAN;
};

double optional_number(const std::string& file, const YAML::Node& parent, const std::string& path,
                       const std::string& key) {
  const YAML::Node n = parent[key];
  if (!n.IsDefined() || n.IsNull()) return NAN;
  return yaml_number(file, n, path + "." + key);
}

// A required total that may be null: unknown (jobs on a multi-region table without employment).
double nullable_number(const std::string& file, const YAML::Node& parent, const std::string& parent_path,
                       const std::string& key, const std::string& expected) {
  if (parent.IsMap() && parent[key].IsDefined() && parent[key].IsNull()) return NAN;
  return require_number(file, parent, parent_path, key, expected);
}

Totals read_totals(const std::string& file, const YAML::Node& root) {
  const YAML::Node t = require_key(file, root, "", "totals", "the scenario totals (docs/model.md §9)");
  Totals x{};
  x.jobs_change = nullable_number(file, t, "totals", "jobs_change", "the net change in jobs (persons)");
  x.jobs_created = nullable_number(file, t, "totals", "jobs_created", "jobs created in growing sectors (persons)");
  x.jobs_destroyed =
      nullable_number(file, t, "totals", "jobs_destroyed", "jobs destroyed in shrinking sectors (persons)");
  x.output_change = require_number(file, t, "totals", "output_change", "the change in gross output (currency unit)");
  x.tariff_revenue_change =
      require_number(file, t, "totals", "tariff_revenue_change", "the change in tariff revenue (currency unit)");
  x.adjustment_cost =
      nullable_number(file, t, "totals", "adjustment_cost", "the discounted adjustment cost (currency unit)");
  x.displaced = nullable_number(file, t, "totals", "displaced", "the number of displaced workers (persons)");
  x.jobs_base = optional_number(file, t, "totals", "jobs_base");
  x.cost_per_displaced = optional_number(file, t, "totals", "cost_per_displaced_worker");
  x.payback = optional_text(t, "payback_years", "");
  if (!x.payback.empty() && x.payback != "never") {
    // A number of years: one decimal for people.
    char* end = nullptr;
    const double years = std::strtod(x.payback.c_str(), &end);
    if (end && *end == '\0') x.payback = format_grouped(years, 1);
  }
  return x;
}

/// One row of sectors.csv as the report uses it.
struct SectorRow {
  std::string label;  // "Name (CODE)" or "REGION CODE Name"
  std::string code;
  std::string name;
  double output_change = NAN, jobs_base = NAN, jobs_change = 0, created = 0, destroyed = 0, displaced = NAN, cost = NAN;
};

double cell_or_nan(const CsvTable& t, size_t r, int c) { return c < 0 ? NAN : t.number(r, static_cast<size_t>(c)); }

std::string count_or_dash(double v) { return std::isnan(v) ? "–" : format_count(v); }
std::string money_or_dash(double v) { return std::isnan(v) ? "–" : format_grouped(v, 1); }
std::string signed_money_or_dash(double v) {
  if (std::isnan(v)) return "–";
  const std::string s = format_grouped(v, 1);
  return (v > 0 && s != "0.0") ? "+" + s : s;
}
std::string signed_value_text(double v) {
  const std::string t = format_grouped(v, 1);
  return v > 0 && t != "0.0" ? "+" + t : t;
}

std::string percent_of(double change, double base) {
  if (std::isnan(change) || std::isnan(base) || base == 0) return "–";
  return format_signed_percent(change / base, 2);
}

/// Human names of the groups of docs/model.md §4 and the dimension each belongs to.
struct GroupName {
  std::string dimension;
  std::string label;
};

GroupName group_name(const std::string& group) {
  static const std::map<std::string, GroupName> known = {
      {"female", {"Women and men", "Women"}},
      {"male", {"Women and men", "Men"}},
      {"self_employed", {"Employees and self-employed", "Self-employed"}},
      {"employees", {"Employees and self-employed", "Employees"}},
      {"informal", {"Formal and informal work", "Informal"}},
      {"formal", {"Formal and informal work", "Formal"}},
      {"total", {"All workers", "All workers"}},
  };
  const auto it = known.find(group);
  if (it != known.end()) return it->second;
  // Cross-tabulations (sex-formality_female_informal): "Informal women" under "Women and men by ...".
  const size_t first = group.find('_');
  if (first != std::string::npos && group.find('-') < first) {
    static const std::map<std::string, std::string> crossed = {{"sex-formality", "Women and men by formality"},
                                                               {"sex-status", "Women and men by employment status"}};
    const std::string prefix = group.substr(0, first);
    std::string label = group_label(group);
    if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    const auto c = crossed.find(prefix);
    std::string dim = c != crossed.end() ? c->second : prefix;
    if (c == crossed.end()) dim[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(dim[0])));
    return {dim, label};
  }
  std::string label = group;
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  const size_t underscore = group.find('_');
  if (group.rfind("skill_", 0) == 0)
    return {"Skill level", group.substr(6).empty() ? label : "Skill: " + group.substr(6)};
  if (underscore != std::string::npos) {
    std::string dim = group.substr(0, underscore);
    dim[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(dim[0])));
    return {dim, label};
  }
  return {"Other groups", label};
}

/// Orders group rows so that each dimension's groups sit together, dimensions in the
/// order of their first appearance.
template <class Row>
void order_by_dimension(std::vector<Row>& rows) {
  std::vector<std::string> order;
  for (const auto& r : rows)
    if (std::find(order.begin(), order.end(), r.dimension) == order.end()) order.push_back(r.dimension);
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return std::find(order.begin(), order.end(), a.dimension) < std::find(order.begin(), order.end(), b.dimension);
  });
}

struct GroupRow {
  std::string dimension, label;
  double base = NAN, created = 0, destroyed = 0, change = 0, displaced = NAN, cost = NAN;
};

std::string headline_section(const Totals& t, const std::string& currency) {
  std::string s = "<section id=\"headline\"><h2>Headline</h2><div class=\"cards\">";
  // Unknown (null in summary.json: no employment data anywhere) is shown as NA, never as zero.
  const auto na = [](double v, const std::string& text) { return std::isnan(v) ? std::string("NA") : text; };
  const std::string share =
      std::isnan(t.jobs_change) ? "no employment data: jobs unknown"
      : std::isnan(t.jobs_base) || t.jobs_base == 0
          ? "persons"
          : format_signed_percent(t.jobs_change / t.jobs_base, 3) + " of " + format_count(t.jobs_base) + " jobs";
  s += card("Net change in jobs", na(t.jobs_change, format_signed_count(t.jobs_change)), share,
            std::isnan(t.jobs_change) ? "flat" : tone_of(t.jobs_change));
  s += card("Jobs created", na(t.jobs_created, format_count(t.jobs_created)), "persons, in sectors that grow", "up");
  s += card("Jobs destroyed", na(t.jobs_destroyed, format_count(t.jobs_destroyed)), "persons, in sectors that shrink",
            "down");
  s += card("Displaced workers", na(t.displaced, format_count(t.displaced)),
            "persons who lose their job over the horizon", "flat");
  s += card("Adjustment cost", na(t.adjustment_cost, format_money(t.adjustment_cost, currency)),
            std::isnan(t.adjustment_cost) ? "unknown without employment data"
            : std::isnan(t.cost_per_displaced)
                ? "discounted to year 0"
                : "discounted; " + format_count(t.cost_per_displaced) + " per displaced worker (base currency unit)",
            "flat");
  s += card("Tariff revenue change", format_signed_money(t.tariff_revenue_change, currency),
            "per year, at the new trade flows", tone_of(t.tariff_revenue_change));
  s += "</div>";
  if (std::isnan(t.jobs_change))
    return s +
           "<p class=\"lede\">The economy has no employment data: jobs, displaced workers and adjustment costs are "
           "unknown (NA), not zero. Gross output changes by " +
           h(format_signed_money(t.output_change, currency)) + ".</p></section>";
  s += "<p class=\"lede\">The net change of " + h(format_signed_count(t.jobs_change)) + " jobs is the balance of " +
       h(format_count(t.jobs_created)) + " jobs created and " + h(format_count(t.jobs_destroyed)) +
       " destroyed: the net hides the adjustment (docs/model.md §4). Gross output changes by " +
       h(format_signed_money(t.output_change, currency)) + ".";
  if (!t.payback.empty())
    s += t.payback == "never"
             ? " The wage-bill gain of growing sectors never repays the adjustment cost."
             : " The wage-bill gain of growing sectors repays the adjustment cost in " + h(t.payback) + " years.";
  return s + "</p></section>";
}

std::string sectors_section(const std::string& file, const std::string& currency, const ReportOptions& options,
                            std::vector<GroupRow>* groups_from_sectors) {
  const CsvTable t = read_csv(file);
  const int c_sector = t.require_column("sector"), c_name = t.require_column("name");
  const int c_change = t.require_column("jobs_change"), c_created = t.require_column("jobs_created");
  const int c_destroyed = t.require_column("jobs_destroyed");
  const int c_region = t.column("region"), c_output = t.column("output_change"), c_base = t.column("jobs_base");
  const int c_displaced = t.column("displaced"), c_cost = t.column("adjustment_cost");
  if (t.rows.empty()) throw InputError(located(file, 0, 0, "no sector rows: expected one row per sector"));
  std::vector<SectorRow> rows;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r][c_change] == "NA") continue;  // jobs unknown (multi-region tables): not charted, never zero
    SectorRow s;
    s.code = t.rows[r][c_sector];
    s.name = t.rows[r][c_name];
    const std::string region = c_region >= 0 ? t.rows[r][c_region] + " " : "";
    s.label = c_region >= 0 ? region + s.code + " " + s.name : s.name + " (" + s.code + ")";
    s.jobs_change = t.number(r, c_change);
    s.created = t.number(r, c_created);
    s.destroyed = t.number(r, c_destroyed);
    if (s.created < 0)
      throw InputError(t.where(r, c_created) + ": jobs_created = " + format_number(s.created) + ": must be >= 0");
    if (s.destroyed < 0)
      throw InputError(t.where(r, c_destroyed) + ": jobs_destroyed = " + format_number(s.destroyed) + ": must be >= 0");
    s.output_change = cell_or_nan(t, r, c_output);
    s.jobs_base = cell_or_nan(t, r, c_base);
    s.displaced = cell_or_nan(t, r, c_displaced);
    s.cost = cell_or_nan(t, r, c_cost);
    rows.push_back(s);
  }
  // Group changes by sector (docs/model.md §4), used when groups.csv is absent.
  for (size_t c = 0; c < t.header.size(); ++c) {
    const std::string& col = t.header[c];
    if (col.rfind("jobs_change_", 0) != 0) continue;
    const GroupName g = group_name(col.substr(12));
    GroupRow row{g.dimension, g.label};
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r][c] == "NA") continue;  // jobs unknown
      const double v = t.number(r, c);
      (v > 0 ? row.created : row.destroyed) += std::fabs(v);
      row.change += v;
    }
    groups_from_sectors->push_back(row);
  }

  if (rows.empty())
    return "<section id=\"sectors\"><h2>Jobs gained and lost by sector</h2><p class=\"na\">Jobs are unknown in every "
           "sector (the economy has no employment data for them: NA in sectors.csv, never zero); output changes are in "
           "sectors.csv.</p></section>";
  // Chart: largest movers by gross movement (created + destroyed), the rest grouped.
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return rows[a].created + rows[a].destroyed > rows[b].created + rows[b].destroyed;
  });
  DivergingBarChart chart;
  chart.title = "Jobs gained and lost by sector";
  chart.axis_title = "Jobs (persons)";
  chart.gain_name = "Jobs created";
  chart.loss_name = "Jobs destroyed";
  const size_t shown = std::min(options.largest_movers, rows.size());
  for (size_t k = 0; k < shown; ++k)
    chart.bars.push_back({rows[order[k]].label, rows[order[k]].created, rows[order[k]].destroyed, ""});
  if (rows.size() > shown) {
    DivergingBar rest{"Other " + std::to_string(rows.size() - shown) + " sectors", 0, 0, ""};
    for (size_t k = shown; k < rows.size(); ++k) {
      rest.gain += rows[order[k]].created;
      rest.loss += rows[order[k]].destroyed;
    }
    chart.bars.push_back(rest);
  }
  std::string s = "<section id=\"sectors\"><h2>Jobs gained and lost by sector</h2>";
  s += figure(
      diverging_bar_chart(chart),
      "The " + std::to_string(shown) + " sectors with the largest gross job movement (created + destroyed) of " +
          std::to_string(rows.size()) + (rows.size() > shown ? "; the other sectors are summed in the last row" : "") +
          ". Blue bars: jobs created; orange bars: jobs destroyed; the dark tick and the number on the right: net "
          "change (persons). Source: sectors.csv.");

  // Table: sorted by net change, largest losses first then gains? By |net| is more useful.
  std::vector<size_t> by_net = order;
  std::stable_sort(by_net.begin(), by_net.end(),
                   [&](size_t a, size_t b) { return std::fabs(rows[a].jobs_change) > std::fabs(rows[b].jobs_change); });
  std::vector<std::vector<std::string>> table;
  const size_t table_rows = std::min(options.table_rows, rows.size());
  for (size_t k = 0; k < table_rows; ++k) {
    const SectorRow& r = rows[by_net[k]];
    table.push_back({r.label, signed_money_or_dash(r.output_change), count_or_dash(r.jobs_base),
                     format_signed_count(r.jobs_change), percent_of(r.jobs_change, r.jobs_base),
                     format_count(r.created), format_count(r.destroyed), count_or_dash(r.displaced),
                     money_or_dash(r.cost)});
  }
  s += "<h3>Sectors by size of the net change in jobs</h3>";
  s += html_table({"Sector", "Output change (" + currency + ")", "Jobs, base", "Jobs change", "Change", "Created",
                   "Destroyed", "Displaced", "Adjustment cost (" + currency + ")"},
                  table, {false, true, true, true, true, true, true, true, true}, "sectors");
  if (rows.size() > table_rows)
    s += "<p class=\"note\">" + std::to_string(table_rows) + " of " + std::to_string(rows.size()) +
         " sectors shown; every sector is in sectors.csv.</p>";
  return s + "</section>";
}

std::string groups_section(const std::string& dir, const std::string& currency, std::vector<GroupRow> from_sectors) {
  std::string s = "<section id=\"groups\"><h2>Jobs by group of workers</h2>";
  const std::string file = (fs::path(dir) / "groups.csv").string();
  std::vector<GroupRow> rows;
  std::string source;
  if (fs::exists(file)) {
    const CsvTable t = read_csv(file);
    const int c_group = t.require_column("group"), c_created = t.require_column("jobs_created");
    const int c_destroyed = t.require_column("jobs_destroyed"), c_change = t.require_column("jobs_change");
    const int c_base = t.column("jobs_base"), c_displaced = t.column("displaced"), c_cost = t.column("adjustment_cost");
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const GroupName g = group_name(t.rows[r][c_group]);
      GroupRow row{g.dimension, g.label};
      row.created = t.number(r, c_created);
      row.destroyed = t.number(r, c_destroyed);
      if (row.created < 0)
        throw InputError(t.where(r, c_created) + ": jobs_created = " + format_number(row.created) + ": must be >= 0");
      if (row.destroyed < 0)
        throw InputError(t.where(r, c_destroyed) + ": jobs_destroyed = " + format_number(row.destroyed) +
                         ": must be >= 0");
      row.change = t.number(r, c_change);
      row.base = cell_or_nan(t, r, c_base);
      row.displaced = cell_or_nan(t, r, c_displaced);
      row.cost = cell_or_nan(t, r, c_cost);
      rows.push_back(row);
    }
    source = "groups.csv";
  } else if (!from_sectors.empty()) {
    rows = std::move(from_sectors);
    source =
        "the jobs_change_<group> columns of sectors.csv (summed over sectors: created = sum of increases, destroyed = "
        "sum of decreases)";
  } else {
    return s +
           not_available("The split of jobs by group of workers",
                         "groups.csv and no jobs_change_<group> column in sectors.csv") +
           "</section>";
  }
  order_by_dimension(rows);
  DivergingBarChart chart;
  chart.title = "Jobs gained and lost by group of workers";
  chart.axis_title = "Jobs (persons)";
  chart.gain_name = "Jobs created";
  chart.loss_name = "Jobs destroyed";
  for (const auto& r : rows) chart.bars.push_back({r.label, r.created, r.destroyed, r.dimension});
  s += figure(diverging_bar_chart(chart),
              "Jobs created and destroyed for each group of workers, grouped by dimension (each dimension adds up to "
              "all workers). "
              "Source: " +
                  source + ".");
  std::vector<std::vector<std::string>> table;
  for (const auto& r : rows)
    table.push_back({r.dimension, r.label, count_or_dash(r.base), format_count(r.created), format_count(r.destroyed),
                     format_signed_count(r.change), percent_of(r.change, r.base), count_or_dash(r.displaced),
                     money_or_dash(r.cost)});
  s += html_table({"Dimension", "Group", "Jobs, base", "Created", "Destroyed", "Net change", "Change", "Displaced",
                   "Adjustment cost (" + currency + ")"},
                  table, {false, false, true, true, true, true, true, true, true}, "groups");
  return s + "</section>";
}

/// The people of a group for a sentence: "women", "informal workers", "informal women".
std::string people(const std::string& group) {
  const std::string label = group_label(group);
  if (label == "informal" || label == "formal" || label == "self-employed") return label + " workers";
  if (group.find('_') != std::string::npos && group.find('-') < group.find('_')) return label;  // cross-tabulated
  if (label == "women" || label == "men" || label == "employees") return label;
  return "workers in the group '" + label + "'";
}

std::string percent_text(double share) { return format_grouped(100.0 * share, 1) + "%"; }

/// "Who is affected" (docs/labour_and_adjustment.md "Groups"): each group's share of the
/// jobs destroyed and created against its share of employment, from groups.csv; a note for
/// each split the economy does not have (unknown, not zero) and for sectors with unknown jobs.
std::string who_section(const std::string& dir, const std::string& economy_name) {
  std::string s = "<section id=\"who\"><h2>Who is affected</h2>";
  const std::string file = (fs::path(dir) / "groups.csv").string();
  if (!fs::exists(file)) return s + not_available("The groups of workers", "groups.csv") + "</section>";
  const CsvTable t = read_csv(file);
  // dimension and jobs_base are optional (older or hand-written files): the dimension then
  // follows from the group's name, and without jobs_base the shares of employment are unknown.
  const int c_group = t.require_column("group"), c_dimension = t.column("dimension");
  const int c_base = t.column("jobs_base"), c_created = t.require_column("jobs_created");
  const int c_destroyed = t.require_column("jobs_destroyed");
  struct Share {
    std::string group, dimension;
    double base, created, destroyed;
  };
  std::vector<Share> rows;
  std::map<std::string, Share> totals;  // by dimension
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& group = t.rows[r][c_group];
    Share x{group, c_dimension >= 0 ? t.rows[r][c_dimension] : group_name(group).dimension, cell_or_nan(t, r, c_base),
            t.number(r, c_created), t.number(r, c_destroyed)};
    for (const auto& [v, c] :
         {std::pair<double, int>{x.base, c_base}, {x.created, c_created}, {x.destroyed, c_destroyed}})
      if (c >= 0 && !(v >= 0.0))
        throw InputError(t.where(r, c) + ": " + t.header[static_cast<size_t>(c)] + " of group " + x.group + " = " +
                         format_number(v) + ": must be >= 0");
    Share& d = totals[x.dimension];
    d.base += x.base;
    d.created += x.created;
    d.destroyed += x.destroyed;
    rows.push_back(x);
  }
  const auto share = [](double part, double whole) { return whole > 0.0 ? part / whole : NAN; };
  // Sentences: the first group of each split (women, informal workers, the self-employed, informal women, ...).
  std::string sentences;
  std::vector<std::string> said;
  for (const Share& x : rows) {
    if (std::find(said.begin(), said.end(), x.dimension) != said.end()) continue;
    said.push_back(x.dimension);
    const Share& d = totals[x.dimension];
    const double e = share(x.base, d.base), lost = share(x.destroyed, d.destroyed), won = share(x.created, d.created);
    if (std::isnan(e)) continue;
    std::string who = people(x.group);
    who[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who[0])));
    std::string line = who + " are " + percent_text(e) + " of employment";
    if (!std::isnan(lost)) {
      const double gap = lost - e;
      line += gap > 0.005    ? " but " + percent_text(lost) + " of the jobs lost"
              : gap < -0.005 ? " but only " + percent_text(lost) + " of the jobs lost"
                             : " and " + percent_text(lost) + " of the jobs lost, about their share";
    }
    if (!std::isnan(won))
      line += (std::isnan(lost) ? " and " : "; they take ") + percent_text(won) + " of the jobs created";
    if (std::isnan(lost) && std::isnan(won)) line += "; no job is created or lost";
    sentences += "<li>" + h(line) + ".</li>";
    // In a split of more than two groups, also the group that bears the most beyond its share.
    const Share* most = nullptr;
    double worst = 0.005;
    size_t members = 0;
    for (const Share& y : rows) {
      if (y.dimension != x.dimension) continue;
      ++members;
      const double gap = share(y.destroyed, d.destroyed) - share(y.base, d.base);
      if (gap > worst) worst = gap, most = &y;
    }
    if (members > 2 && most && most->group != x.group) {
      std::string other = people(most->group);
      other[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(other[0])));
      sentences += "<li>" +
                   h(other + " are " + percent_text(share(most->base, d.base)) + " of employment but " +
                     percent_text(share(most->destroyed, d.destroyed)) + " of the jobs lost") +
                   ".</li>";
    }
  }
  s += "<ul class=\"who\">" + sentences + "</ul>";
  // Splits the economy does not have: unknown, never zero.
  static const std::pair<const char*, const char*> kSplits[] = {
      {"female", "women and men (no female column in the economy's employment.csv)"},
      {"informal",
       "formal and informal workers (no informal column: no informality data by industry for this economy)"},
      {"self_employed", "employees and self-employed workers (no self_employed column)"}};
  for (const auto& [group, what] : kSplits)
    if (std::none_of(rows.begin(), rows.end(), [&](const Share& x) { return x.group == group; }))
      s += "<p class=\"na\">Unknown for " + h(economy_name) + ": " + h(what) +
           ". These groups are not zero: they are not in the data, so "
           "no row for them is shown.</p>";
  {
    const CsvTable sectors = read_csv((fs::path(dir) / "sectors.csv").string());
    const int c = sectors.column("jobs_base");
    size_t unknown = 0;
    if (c >= 0)
      for (const auto& row : sectors.rows) unknown += row[static_cast<size_t>(c)] == "NA";
    if (unknown > 0)
      s += "<p class=\"na\">Jobs are unknown in " + std::to_string(unknown) + " sector" + (unknown == 1 ? "" : "s") +
           " (NA in sectors.csv): the shares are of the sectors with known jobs.</p>";
  }
  if (rows.empty()) return s + "<p class=\"na\">The economy has no groups of workers.</p></section>";
  bool any_created = false;
  for (const auto& [dimension, d] : totals) any_created = any_created || d.created > 0.0;
  GroupedBarChart chart;
  chart.title =
      "Each group's share of employment and of the jobs lost" + std::string(any_created ? " and created" : "");
  chart.axis_title = "Share of all workers, of the jobs destroyed" +
                     std::string(any_created ? " or of the jobs created" : "") + " (%)";
  chart.value_suffix = "%";
  chart.series = {{"Share of employment", palette::sky_blue}, {"Share of the jobs destroyed", palette::loss}};
  if (any_created) chart.series.push_back({"Share of the jobs created", palette::gain});
  std::vector<std::vector<std::string>> table;
  for (const Share& x : rows) {
    const Share& d = totals[x.dimension];
    const GroupName g = group_name(x.group);
    const double e = share(x.base, d.base), lost = share(x.destroyed, d.destroyed), won = share(x.created, d.created);
    GroupedBarRow row{g.label, {100.0 * e, 100.0 * lost}, g.dimension};
    if (any_created) row.values.push_back(100.0 * won);
    chart.rows.push_back(row);
    const auto cell = [](double v) { return std::isnan(v) ? std::string("–") : percent_text(v); };
    const auto points = [](double a, double b) {
      return std::isnan(a) || std::isnan(b) ? std::string("–") : signed_value_text(100.0 * (a - b)) + " points";
    };
    table.push_back({g.dimension, g.label, cell(e), cell(lost), points(lost, e), cell(won), points(won, e)});
  }
  s += figure(
      grouped_bar_chart(chart),
      "Each group's share of employment, of the jobs destroyed and of the jobs created, within its split (each "
      "split adds up to all workers); a group whose share of the jobs lost exceeds its share of employment bears "
      "more than its share. Source: groups.csv.");
  s += html_table({"Split", "Group", "Share of employment", "Share of jobs destroyed", "Destroyed − employment",
                   "Share of jobs created", "Created − employment"},
                  table, {false, false, true, true, true, true, true}, "who");
  return s + "</section>";
}

std::string timeline_section(const std::string& dir, const std::string& currency) {
  std::string s = "<section id=\"timeline\"><h2>Unemployment and adjustment cost over time</h2>";
  const std::string file = (fs::path(dir) / "timeline.csv").string();
  if (!fs::exists(file))
    return s + not_available("The yearly path of unemployment and adjustment cost", "timeline.csv") + "</section>";
  const CsvTable t = read_csv(file);
  const int c_year = t.require_column("year"), c_net = t.require_column("net_jobs"),
            c_unemployed = t.require_column("unemployed");
  const int c_cost = t.require_column("adjustment_cost");
  if (t.rows.empty()) throw InputError(located(file, 0, 0, "no rows: expected one row per year"));
  LineChart people;
  people.title = "Net jobs and unemployment by year";
  people.x_title = "Year after the measure";
  people.y_title = "Persons";
  LineChart money;
  money.title = "Adjustment cost by year";
  money.x_title = "Year after the measure";
  money.y_title = currency;
  struct Column {
    const char* name;
    const char* legend;
    const char* colour;
    const char* dash;
    bool persons;
  };
  const Column columns[] = {
      {"net_jobs", "Net jobs change", palette::gain, "", true},
      {"unemployed", "Unemployed (displaced, not yet re-employed)", palette::loss, "", true},
      {"reemployed", "Re-employed in the year", palette::green, "5 3", true},
      {"adjustment_cost", "Adjustment cost", palette::loss, "", false},
      {"private_cost", "of which private", palette::orange, "5 3", false},
      {"public_cost", "of which public", palette::purple, "2 3", false},
      {"wage_bill_change", "Wage bill change", palette::gain, "", false},
  };
  double previous = -INFINITY;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const double year = t.number(r, c_year);
    if (year <= previous)
      throw InputError(t.where(r, c_year) + ": year " + format_number(year) +
                       " is not after the previous row's: expected increasing years");
    previous = year;
    people.x.push_back(year);
    money.x.push_back(year);
  }
  for (const auto& col : columns) {
    const int c = t.column(col.name);
    if (c < 0) continue;
    LineSeries series{col.legend, {}, col.colour, col.dash};
    for (size_t r = 0; r < t.rows.size(); ++r) series.values.push_back(t.number(r, c));
    (col.persons ? people : money).series.push_back(series);
  }
  s += figure(line_chart(people),
              "Persons by year: the net change in jobs and the pool of unemployed displaced workers (docs/model.md "
              "§5). Source: timeline.csv.");
  s += figure(line_chart(money), "Adjustment cost incurred in each year, discounted to year 0 (" + currency +
                                     "), and the change in the wage bill. Source: timeline.csv.");
  std::vector<std::vector<std::string>> table;
  const int c_displaced = t.column("displaced"), c_reemployed = t.column("reemployed");
  for (size_t r = 0; r < t.rows.size(); ++r)
    table.push_back({format_tick(t.number(r, c_year), 1), format_signed_count(t.number(r, c_net)),
                     format_count(t.number(r, c_unemployed)), count_or_dash(cell_or_nan(t, r, c_displaced)),
                     count_or_dash(cell_or_nan(t, r, c_reemployed)), format_grouped(t.number(r, c_cost), 1)});
  (void)c_cost;
  s += html_table({"Year", "Net jobs", "Unemployed", "Displaced", "Re-employed", "Adjustment cost (" + currency + ")"},
                  table, {true, true, true, true, true, true}, "timeline");
  return s + "</section>";
}

// A cell of partners.csv: a number, or NA where the economy does not split that flow by that
// partner (exports given only as a total, imports not by partner): unknown, never zero.
double flow_or_unknown(const CsvTable& t, size_t r, int c) {
  return t.rows[r][static_cast<size_t>(c)] == "NA" ? NAN : t.number(r, static_cast<size_t>(c));
}
std::string money_or_unknown(double v) { return std::isnan(v) ? "unknown" : format_grouped(v, 1); }
std::string signed_money_or_unknown(double v) { return std::isnan(v) ? "unknown" : signed_money_or_dash(v); }
std::string percent_or_unknown(double change, double base) {
  return std::isnan(change) || std::isnan(base) ? "unknown" : percent_of(change, base);
}

std::string trade_section(const std::string& dir, const std::string& currency) {
  std::string s = "<section id=\"trade\"><h2>Trade by partner</h2>";
  const std::string file = (fs::path(dir) / "partners.csv").string();
  if (!fs::exists(file)) return s + not_available("Trade by partner", "partners.csv") + "</section>";
  const CsvTable t = read_csv(file);
  const int c_sector = t.require_column("sector"), c_partner = t.require_column("partner");
  const int c_mb = t.require_column("imports_base"), c_mc = t.require_column("imports_change");
  const int c_xb = t.require_column("exports_base"), c_xc = t.require_column("exports_change");
  // A flow summed over rows: unknown (NaN) once any summed cell is unknown, except for the
  // all-partners total, which sums the known cells (each flow sits in exactly one known cell:
  // exports given as a total sit in the partner 'total', imports not by partner in 'ROW') and is
  // unknown only when no cell of the flow is known.
  struct Sum {
    double value = 0;
    bool any_known = false, any_unknown = false;
    void add(double v) {
      if (std::isnan(v)) {
        any_unknown = true;
      } else {
        value += v;
        any_known = true;
      }
    }
    double partner() const { return any_unknown ? NAN : value; }
    double all() const { return any_known ? value : NAN; }
  };
  struct Flow {
    std::string partner;
    Sum mb, mc, xb, xc;
  };
  std::vector<Flow> partners;
  std::vector<std::pair<double, std::vector<std::string>>> movers;
  Flow total{"All partners", {}, {}, {}, {}};
  bool any_unknown = false;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& partner = t.rows[r][c_partner];
    const double mb = flow_or_unknown(t, r, c_mb), mc = flow_or_unknown(t, r, c_mc);
    const double xb = flow_or_unknown(t, r, c_xb), xc = flow_or_unknown(t, r, c_xc);
    // A base and its change are known together: NA in one and a number in the other is not what run writes.
    if (std::isnan(mb) != std::isnan(mc))
      throw InputError(
          t.where(r, std::isnan(mb) ? c_mb : c_mc) +
          ": NA in only one of imports_base and imports_change: expected both NA (unknown) or both numbers");
    if (std::isnan(xb) != std::isnan(xc))
      throw InputError(
          t.where(r, std::isnan(xb) ? c_xb : c_xc) +
          ": NA in only one of exports_base and exports_change: expected both NA (unknown) or both numbers");
    any_unknown = any_unknown || std::isnan(mb) || std::isnan(xb);
    auto it = std::find_if(partners.begin(), partners.end(), [&](const Flow& p) { return p.partner == partner; });
    if (it == partners.end()) {
      partners.push_back({partner, {}, {}, {}, {}});
      it = partners.end() - 1;
    }
    for (Flow* f : {&*it, &total}) {
      f->mb.add(mb);
      f->mc.add(mc);
      f->xb.add(xb);
      f->xc.add(xc);
    }
    const double size = (std::isnan(mc) ? 0.0 : std::fabs(mc)) + (std::isnan(xc) ? 0.0 : std::fabs(xc));
    movers.push_back({size,
                      {t.rows[r][c_sector], partner, signed_money_or_unknown(mc), percent_or_unknown(mc, mb),
                       signed_money_or_unknown(xc), percent_or_unknown(xc, xb)}});
  }
  const auto movement = [](const Flow& f) {
    const double mc = f.mc.partner(), xc = f.xc.partner();
    return (std::isnan(mc) ? 0.0 : std::fabs(mc)) + (std::isnan(xc) ? 0.0 : std::fabs(xc));
  };
  std::stable_sort(partners.begin(), partners.end(),
                   [&](const Flow& a, const Flow& b) { return movement(a) > movement(b); });
  std::vector<std::vector<std::string>> table;
  for (const auto& f : partners)
    table.push_back({f.partner, money_or_unknown(f.mb.partner()), signed_money_or_unknown(f.mc.partner()),
                     percent_or_unknown(f.mc.partner(), f.mb.partner()), money_or_unknown(f.xb.partner()),
                     signed_money_or_unknown(f.xc.partner()), percent_or_unknown(f.xc.partner(), f.xb.partner())});
  table.push_back({total.partner, money_or_unknown(total.mb.all()), signed_money_or_unknown(total.mc.all()),
                   percent_or_unknown(total.mc.all(), total.mb.all()), money_or_unknown(total.xb.all()),
                   signed_money_or_unknown(total.xc.all()), percent_or_unknown(total.xc.all(), total.xb.all())});
  std::string t_html =
      html_table({"Partner", "Imports, base", "Imports change", "Change", "Exports, base", "Exports change", "Change"},
                 table, {false, true, true, true, true, true, true}, "partners");
  // Mark the last row as the total.
  const size_t last = t_html.rfind("<tr>");
  t_html.replace(last, 4, "<tr class=\"total\">");
  s += "<p>Imports and exports in " + h(currency) +
       " a year, summed over products. A fall in imports from the partner facing the measure beside a rise from others "
       "is trade "
       "diversion; the net fall is trade destruction (SMART's terms).</p>" +
       t_html;
  if (any_unknown)
    s += "<p class=\"note\">unknown: the economy does not split that flow by that partner (NA in partners.csv; exports "
         "given "
         "only as a total appear under the partner 'total', imports not given by partner under 'ROW'). All partners "
         "sums "
         "the known flows, each of which appears once.</p>";
  std::stable_sort(movers.begin(), movers.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::vector<std::string>> top;
  for (size_t k = 0; k < std::min<size_t>(10, movers.size()); ++k) top.push_back(movers[k].second);
  s += "<h3>Largest changes by product and partner</h3>";
  s += html_table({"Sector", "Partner", "Imports change (" + currency + ")", "Change",
                   "Exports change (" + currency + ")", "Change"},
                  top, {false, false, true, true, true, true}, "movers");
  if (movers.size() > 10)
    s += "<p class=\"note\">10 of " + std::to_string(movers.size()) +
         " product–partner rows shown; all are in partners.csv.</p>";
  return s + "</section>";
}

// A number of a results CSV that may be NA (unknown or not defined): NaN for NA.
double number_or_na(const CsvTable& t, size_t r, int c) {
  return t.rows[r][static_cast<size_t>(c)] == "NA" ? NAN : t.number(r, static_cast<size_t>(c));
}

// policies.csv (docs/labour_and_adjustment.md "Policies"): only for a run with policies.
std::string policies_section(const std::string& dir, const std::string& currency) {
  const std::string file = (fs::path(dir) / "policies.csv").string();
  if (!fs::exists(file)) return "";
  const CsvTable t = read_csv(file);
  const int c_policy = t.require_column("policy"), c_type = t.require_column("type");
  const int c_participants = t.require_column("participants"), c_cost = t.require_column("programme_cost");
  const int c_years = t.require_column("unemployment_years_avoided"), c_public = t.require_column("public_cost_change");
  const int c_private = t.require_column("private_cost_change"), c_change = t.require_column("adjustment_cost_change");
  const int c_per_year = t.require_column("cost_per_unemployment_year_avoided"), c_net = t.require_column("net_effect");
  std::string s = "<section id=\"policies\"><h2>Labour-market policies</h2>";
  DivergingBarChart chart;
  chart.title = "Adjustment cost avoided or added by each policy";
  chart.axis_title = currency;
  chart.gain_name = "Adjustment cost avoided, net of the programme cost";
  chart.loss_name = "Adjustment cost added";
  std::vector<std::vector<std::string>> table;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const double net = t.number(r, c_net);
    chart.bars.push_back({t.rows[r][c_policy], std::max(0.0, net), std::max(0.0, -net), ""});
    const double per_year = number_or_na(t, r, c_per_year);
    table.push_back({t.rows[r][c_policy], t.rows[r][c_type], format_count(t.number(r, c_participants)),
                     format_grouped(t.number(r, c_cost), 1), format_signed_count(t.number(r, c_years)),
                     signed_money_or_dash(t.number(r, c_private)), signed_money_or_dash(t.number(r, c_public)),
                     signed_money_or_dash(t.number(r, c_change)), std::isnan(per_year) ? "–" : format_count(per_year),
                     signed_money_or_dash(net)});
  }
  s += figure(diverging_bar_chart(chart),
              "Each policy alone against the same run without policies (and all of them together): the adjustment cost "
              "avoided net of the programme cost, discounted to year 0 (" +
                  currency + "). Source: policies.csv (docs/labour_and_adjustment.md, \"Policies\").");
  s += html_table(
      {"Policy", "Type", "Participants", "Programme cost (" + currency + ")", "Unemployment years avoided",
       "Private cost change", "Public cost change", "Adjustment cost change", "Cost per year avoided", "Net effect"},
      table, {false, false, true, true, true, true, true, true, true, true}, "policies");
  return s + "</section>";
}

// quality.csv (docs/labour_and_adjustment.md "Job quality"): the decent-work balance.
std::string quality_section(const std::string& dir) {
  const std::string file = (fs::path(dir) / "quality.csv").string();
  if (!fs::exists(file)) return "";
  const CsvTable t = read_csv(file);
  const int c_indicator = t.require_column("indicator"), c_group = t.require_column("group");
  const int c_created = t.require_column("jobs_created"), c_destroyed = t.require_column("jobs_destroyed");
  const int c_base = t.require_column("jobs_base");
  std::string s = "<section id=\"quality\"><h2>Quality of the jobs created and destroyed</h2>";
  std::vector<std::vector<std::string>> table;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& indicator = t.rows[r][c_indicator];
    std::string label = indicator == "jobs"               ? "Jobs (persons)"
                        : indicator == "mean_annual_wage" ? "Mean annual wage"
                        : indicator == "low_paid_share"   ? "Low-paid (sector wage below two-thirds of the median)"
                                                          : "Share of " + group_name(t.rows[r][c_group]).label;
    const bool share = indicator != "jobs" && indicator != "mean_annual_wage";
    std::vector<std::string> row{label};
    for (int c : {c_created, c_destroyed, c_base}) {
      const double v = number_or_na(t, r, c);
      row.push_back(std::isnan(v) ? "–" : share ? format_grouped(100.0 * v, 1) + "%" : format_count(v));
    }
    table.push_back(row);
  }
  s += html_table({"", "Jobs created", "Jobs destroyed", "All jobs"}, table, {false, true, true, true}, "quality");
  s += "<p>Wages are sector averages: low-paid means in a sector whose annual wage is below two-thirds of the median "
       "wage of all jobs. Source: quality.csv (docs/labour_and_adjustment.md, \"Job quality\").</p>";
  return s + "</section>";
}

std::string rate_text(const YAML::Node& n) {
  const std::string text = node_text(n);
  if (!n.IsScalar()) return text;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || std::fabs(v) > 10) return text;
  return text + " (" + format_percent(v, 1) + ")";
}

std::string measures_section(const std::string& file, const YAML::Node& scenario) {
  std::string s = "<section id=\"measures\"><h2>Measures and parameters as resolved</h2>";
  const YAML::Node measures = scenario["measures"];
  if (!measures.IsDefined() || !measures.IsSequence())
    throw InputError(yaml_error(file, measures.IsDefined() ? measures : scenario, "scenario.measures",
                                "expected a list of measures"));
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < measures.size(); ++i) {
    const YAML::Node m = measures[i];
    if (!m.IsMap())
      throw InputError(yaml_error(file, m, "scenario.measures[" + std::to_string(i) + "]", "expected a JSON object"));
    std::string settings;
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "type" || key == "sectors" || key == "partners") continue;
      const bool rate = key == "from" || key == "to" || key == "change";
      settings += (settings.empty() ? "" : "; ") + key + " = " + (rate ? rate_text(it->second) : node_text(it->second));
    }
    rows.push_back({std::to_string(i + 1), optional_text(m, "type", "?"), optional_text(m, "sectors", "all"),
                    optional_text(m, "partners", "all"), settings});
  }
  s += "<h3>Measures (docs/model.md §3)</h3>";
  s += rows.empty() ? "<p class=\"na\">No measures: this scenario is the baseline.</p>"
                    : html_table({"#", "Type", "Sectors", "Partners", "Settings"}, rows,
                                 {true, false, false, false, false}, "measures");
  auto key_values = [&](const char* key, const char* heading) {
    const YAML::Node n = scenario[key];
    std::string out = std::string("<h3>") + heading + "</h3>";
    if (!n.IsDefined() || n.IsNull() || !n.IsMap() || n.size() == 0)
      return out + "<p class=\"na\">Not recorded in summary.json.</p>";
    std::vector<std::vector<std::string>> kv;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node v = it->second;
      if (v.IsMap() && v["default"].IsDefined()) {
        std::string overrides;
        for (auto jt = v.begin(); jt != v.end(); ++jt)
          if (jt->first.Scalar() != "default")
            overrides += (overrides.empty() ? "" : "; ") + jt->first.Scalar() + " = " + node_text(jt->second);
        kv.push_back({it->first.Scalar(), node_text(v["default"]), overrides.empty() ? "none" : overrides});
      } else {
        kv.push_back({it->first.Scalar(), node_text(v), ""});
      }
    }
    const bool has_overrides = std::string(key) == "parameters";
    if (has_overrides)
      return out +
             html_table({"Parameter", "Default (all sectors)", "Sector overrides"}, kv, {false, true, false}, "params");
    for (auto& row : kv) row.pop_back();
    return out + html_table({"Key", "Value"}, kv, {false, true}, "keyvalue");
  };
  s += key_values("parameters", "Parameters (docs/model.md §3, §4)");
  s += key_values("labour_market", "Labour market (docs/model.md §5)");
  s += key_values("options", "Model options");
  return s + "</section>";
}

}  // namespace

std::string scenario_report(const std::string& dir, const std::string& summary_path, const YAML::Node& root,
                            const ReportOptions& options) {
  const YAML::Node scenario =
      require_key(summary_path, root, "", "scenario", "the resolved scenario (name, measures, parameters)");
  const EconomyInfo economy = read_economy(summary_path, root);
  const Totals totals = read_totals(summary_path, root);
  const std::string sectors_path = (fs::path(dir) / "sectors.csv").string();
  if (!fs::exists(sectors_path))
    throw InputError(
        located(sectors_path, 0, 0, "missing file: a scenario results folder needs sectors.csv (docs/model.md §8)"));
  const std::string name = optional_text(scenario, "name", "Unnamed scenario");
  const std::string description = optional_text(scenario, "description", "");

  std::string body;
  if (!description.empty()) body += "<p class=\"lede\">" + h(description) + "</p>";
  body += headline_section(totals, economy.currency);
  std::vector<GroupRow> groups_from_sectors;
  body += sectors_section(sectors_path, economy.currency, options, &groups_from_sectors);
  body += groups_section(dir, economy.currency, groups_from_sectors);
  body += who_section(dir, economy.name);
  body += timeline_section(dir, economy.currency);
  const std::string quality = quality_section(dir), policies = policies_section(dir, economy.currency);
  body += quality + policies;
  body += trade_section(dir, economy.currency);
  body += measures_section(summary_path, scenario);
  body += sources_section(economy, {{"Scenario file", optional_text(scenario, "file", "not recorded")},
                                    {"Economy folder", optional_text(scenario, "economy", "not recorded")}});
  body += diagnostics_section(summary_path, root);
  const std::string nav =
      "<a href=\"#headline\">Headline</a><a href=\"#sectors\">Sectors</a><a href=\"#groups\">Groups</a><a "
      "href=\"#who\">Who is affected</a><a href=\"#timeline\">Over time</a>" +
      std::string(quality.empty() ? "" : "<a href=\"#quality\">Job quality</a>") +
      std::string(policies.empty() ? "" : "<a href=\"#policies\">Policies</a>") +
      "<a href=\"#trade\">Trade</a><a href=\"#measures\">Measures</a><a href=\"#sources\">Sources</a><a "
      "href=\"#diagnostics\">Diagnostics</a>";
  const std::string subtitle = "Scenario on " + economy.name + (economy.year.empty() ? "" : " (" + economy.year + ")") +
                               " · money in " + economy.currency + " · jobs in " + economy.employment_unit;
  return page(name, subtitle, nav, body, optional_text(root, "version", ""));
}

}  // namespace tradejobs::report_detail
