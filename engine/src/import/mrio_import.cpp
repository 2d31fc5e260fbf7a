// Loaders of multi-region tables (docs/model.md §2 "Multi-region tables", §7, §9 `tradejobs import`):
// wiod-wiot, pymrio, oecd-icio; aggregation, employment satellite, full or single-region
// economies. See docs/mrio.md.
#include "import/mrio_import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "formats/text.h"
#include "import/mrio_ilostat.h"
#include "import/wiod_niot.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/engine/outputs.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

/// "file:line:column" (line/column 1-based; 0 omits them), the location part of located().
std::string at(const std::string& file, int line, int column) {
  std::string s = located(file, line, column, "");
  return s.substr(0, s.size() - 2);
}

/// "Value Added" -> "value_added".
std::string slug(const std::string& s) {
  std::string out;
  for (char c : lower(s)) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

/// Region-major layout of labels split into (region, sector): every region a contiguous
/// block with the same industries in the same order. `where(k)` locates label k.
struct Layout {
  std::vector<std::string> regions;
  std::vector<std::string> sectors;
};

template <typename Where>
Layout region_major_layout(const std::vector<std::string>& region_of, const std::vector<std::string>& sector_of,
                           Where where, const std::string& what) {
  Layout l;
  const size_t count = region_of.size();
  if (count == 0) throw InputError(where(0) + ": no " + what + " labels found: expected <REGION>_<industry> labels");
  size_t start = 0;
  std::set<std::string> seen;
  for (size_t k = 0; k < count; ++k) {
    const std::string label = region_of[k] + "_" + sector_of[k];
    if (k == 0 || region_of[k] != region_of[k - 1]) {
      if (k > 0 && l.regions.size() > 1 && k - start != l.sectors.size())
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "' starts region " + region_of[k] +
                         " but region " + region_of[k - 1] + " has " + std::to_string(k - start) +
                         " industries: expected " + std::to_string(l.sectors.size()) + " as in region " + l.regions[0] +
                         " (region-major blocks with the same industries)");
      if (!seen.insert(region_of[k]).second)
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "': region " + region_of[k] +
                         " appears again after other regions: expected region-major order (each region one block)");
      l.regions.push_back(region_of[k]);
      start = k;
    }
    if (l.regions.size() == 1) {
      l.sectors.push_back(sector_of[k]);
    } else {
      const size_t idx = k - start;
      if (idx >= l.sectors.size() || sector_of[k] != l.sectors[idx])
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "': expected '" + excerpt(region_of[k]) +
                         "_" + (idx < l.sectors.size() ? l.sectors[idx] : std::string("<none: region complete>")) +
                         "' (region-major, the same industries in every region, in the order of region " +
                         l.regions[0] + ")");
    }
  }
  if (l.regions.size() > 1 && count - start != l.sectors.size())
    throw InputError(where(count - 1) + ": the last region " + l.regions.back() + " has " +
                     std::to_string(count - start) + " industries: expected " + std::to_string(l.sectors.size()) +
                     " (is the file truncated?)");
  return l;
}

void split_label(const std::string& label, std::string& region, std::string& sector) {
  const size_t u = label.find('_');
  if (u == std::string::npos || u == 0 || u + 1 == label.size()) {
    region = label;
    sector = "";
    return;
  }
  region = label.substr(0, u);
  sector = label.substr(u + 1);
}

/// Column label checks of a file against the expected list.
void require_same_labels(const std::string& what_file, const std::vector<std::string>& found,
                         const std::vector<std::string>& expected, const std::function<std::string(size_t)>& where,
                         const std::string& what) {
  if (found.size() != expected.size()) {
    const size_t k = std::min(found.size(), expected.size());
    throw InputError(where(k == 0 ? 0 : k - 1) + ": " + what_file + " has " + std::to_string(found.size()) + " " +
                     what + "s, expected " + std::to_string(expected.size()) +
                     " (one per label of the intermediate matrix, " + "in its order; is the file truncated?)");
  }
  for (size_t k = 0; k < found.size(); ++k)
    if (found[k] != expected[k])
      throw InputError(where(k) + ": " + what + " '" + excerpt(found[k]) + "', expected '" + excerpt(expected[k]) +
                       "' (same labels in the same order as the intermediate matrix)");
}

double cell_number(const CsvTable& t, size_t r, size_t c) { return t.number(r, c); }

/// Puts x − 1ᵀZ − ΣV into a value-added row `rounding` when it is not negligible (docs/model.md §1).
void balance_columns(MrioTable& t, const std::string& why) {
  const Eigen::VectorXd x = t.gross_output();
  Eigen::VectorXd residual = x - t.intermediate.colwise().sum().transpose();
  if (t.value_added.size() > 0) residual -= t.value_added.colwise().sum().transpose();
  double worst = 0.0;
  Eigen::Index worst_j = 0;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double share = x(j) > 0.0 ? std::abs(residual(j)) / x(j) : std::abs(residual(j));
    if (share > worst) {
      worst = share;
      worst_j = j;
    }
  }
  if (worst <= 1e-9) return;
  const Eigen::Index k = t.value_added.rows();
  Eigen::MatrixXd v(k + 1, x.size());
  if (k > 0) v.topRows(k) = t.value_added;
  v.row(k) = residual.transpose();
  t.value_added = v;
  t.value_added_components.push_back("rounding");
  const int n = t.industries();
  t.notes.push_back(why + ": the residual x - column sums of Z - value added is in the value-added row 'rounding'; " +
                    "its largest share of gross output is " + format_number(worst) + " (" + t.regions[worst_j / n] +
                    "_" + t.sector_codes[worst_j % n] + ")");
}

/// Largest relative difference between recomputed and published output, as a note.
void note_published_output(MrioTable& t, const Eigen::VectorXd& published, const std::string& file) {
  const Eigen::VectorXd x = t.gross_output();
  double worst_abs = 0.0, worst_rel = 0.0;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double d = std::abs(x(j) - published(j));
    worst_abs = std::max(worst_abs, d);
    if (published(j) != 0.0) worst_rel = std::max(worst_rel, d / std::abs(published(j)));
  }
  t.notes.push_back(
      "gross output recomputed as row sums Z.1 + Y.1 (+ sales outside the table); largest difference "
      "from the published output in " +
      fs::path(file).filename().string() + " is " + format_number(worst_abs) +
      " (largest relative difference where the published output is not zero: " + format_number(worst_rel) + ")");
}

const char* kWiodSectorNames[35] = {"Agriculture, hunting, forestry and fishing",
                                    "Mining and quarrying",
                                    "Food, beverages and tobacco",
                                    "Textiles and textile products",
                                    "Leather, leather products and footwear",
                                    "Wood and products of wood and cork",
                                    "Pulp, paper, printing and publishing",
                                    "Coke, refined petroleum and nuclear fuel",
                                    "Chemicals and chemical products",
                                    "Rubber and plastics",
                                    "Other non-metallic mineral",
                                    "Basic metals and fabricated metal",
                                    "Machinery, nec",
                                    "Electrical and optical equipment",
                                    "Transport equipment",
                                    "Manufacturing, nec; recycling",
                                    "Electricity, gas and water supply",
                                    "Construction",
                                    "Sale, maintenance and repair of motor vehicles; retail sale of fuel",
                                    "Wholesale trade and commission trade",
                                    "Retail trade; repair of household goods",
                                    "Hotels and restaurants",
                                    "Inland transport",
                                    "Water transport",
                                    "Air transport",
                                    "Other supporting and auxiliary transport activities; travel agencies",
                                    "Post and telecommunications",
                                    "Financial intermediation",
                                    "Real estate activities",
                                    "Renting of machinery and equipment and other business activities",
                                    "Public administration and defence; compulsory social security",
                                    "Education",
                                    "Health and social work",
                                    "Other community, social and personal services",
                                    "Private households with employed persons"};

/// The first four-digit year 1950..2099 in a file name (0 when none).
int year_in_name(const std::string& name) {
  for (size_t k = 0; k + 4 <= name.size(); ++k) {
    bool digits = true;
    for (size_t d = k; d < k + 4; ++d) digits = digits && std::isdigit(static_cast<unsigned char>(name[d]));
    if (!digits) continue;
    if ((k > 0 && std::isdigit(static_cast<unsigned char>(name[k - 1]))) ||
        (k + 4 < name.size() && std::isdigit(static_cast<unsigned char>(name[k + 4]))))
      continue;
    const int year = std::stoi(name.substr(k, 4));
    if (year >= 1950 && year <= 2099) return year;
  }
  return 0;
}

}  // namespace

Eigen::VectorXd MrioTable::gross_output() const {
  Eigen::VectorXd x = intermediate.rowwise().sum();
  if (final_demand.cols() > 0) x += final_demand.rowwise().sum();
  if (outside_exports.size() == x.size()) x += outside_exports;
  return x;
}

// ---------------------------------------------------------------------------------------
// WIOD 2013 world table (bquast/wiod CSV conversion)
// ---------------------------------------------------------------------------------------
MrioTable read_wiod_wiot(const std::string& source, int year) {
  std::string prefix;
  if (fs::is_directory(source)) {
    if (year <= 0)
      throw InputError(located(source, 0, 0,
                               "a folder of WIOD world tables needs --year: expected files wiot_YYYY_Z.csv, "
                               "wiot_YYYY_Y.csv and wiot_YYYY_x.csv in it"));
    prefix = (fs::path(source) / ("wiot_" + std::to_string(year))).string();
  } else {
    const bool wiod_file = source.size() > 6 && source.compare(source.size() - 4, 4, ".csv") == 0 &&
                           source[source.size() - 6] == '_' &&
                           std::string("ZYx").find(source[source.size() - 5]) != std::string::npos;
    if (!wiod_file)
      throw InputError(located(source, 0, 0,
                               "not a WIOD world-table file: expected a folder or a file named "
                               "<prefix>_Z.csv, <prefix>_Y.csv or <prefix>_x.csv (e.g. wiot_2011_Z.csv)"));
    prefix = source.substr(0, source.size() - 6);
    const int file_year = year_in_name(fs::path(prefix).filename().string());
    if (year > 0 && file_year > 0 && year != file_year)
      throw InputError(located(source, 0, 0,
                               "--year " + std::to_string(year) + " but the file is for " + std::to_string(file_year) +
                                   ": expected the same year"));
    if (year <= 0) year = file_year;
  }
  const std::string z_path = prefix + "_Z.csv", y_path = prefix + "_Y.csv", x_path = prefix + "_x.csv";
  for (const auto& p : {z_path, y_path, x_path})
    if (!fs::is_regular_file(p))
      throw InputError(located(p, 0, 0,
                               "file not found: a WIOD world table is three files " +
                                   fs::path(prefix).filename().string() + "_Z.csv, _Y.csv and _x.csv"));

  MrioTable t;
  t.year = year;
  t.currency = "USD million";
  t.source = "WIOD 2013 release world input-output table " + std::to_string(year) +
             " (Timmer et al. 2015, Review of International Economics 23(3); Dietzenbacher et al. 2013, "
             "Economic Systems Research 25(1)), CSV conversion of github.com/bquast/wiod (commit 59a28ac), "
             "current prices";
  t.licence = "WIOD: free for use with citation of Timmer et al. (2015); bquast/wiod R package GPL-3";

  const CsvTable z = read_csv(z_path);
  std::vector<std::string> labels(z.header.begin() + 1, z.header.end()), reg(labels.size()), sec(labels.size());
  for (size_t k = 0; k < labels.size(); ++k) {
    split_label(labels[k], reg[k], sec[k]);
    if (sec[k].empty() || sec[k][0] != 'c')
      throw InputError(located(z_path, 1, static_cast<int>(k + 2),
                               "column label '" + excerpt(labels[k]) +
                                   "': expected <REGION>_c<k> (e.g. AUS_c1) as in "
                                   "WIOD 2013 world tables"));
  }
  const Layout l = region_major_layout(
      reg, sec, [&](size_t k) { return at(z_path, 1, static_cast<int>(k + 2)); }, "column label");
  t.regions = l.regions;
  t.sector_codes = l.sectors;
  for (const auto& code : t.sector_codes) {
    const int k = std::atoi(code.c_str() + 1);
    t.sector_names.push_back(k >= 1 && k <= 35 && code == "c" + std::to_string(k) ? kWiodSectorNames[k - 1] : code);
  }
  const size_t total = labels.size();
  {
    std::vector<std::string> rows;
    for (const auto& r : z.rows) rows.push_back(r[0]);
    require_same_labels(
        fs::path(z_path).filename().string(), rows, labels,
        [&](size_t k) { return k < z.rows.size() ? z.where(k, 0) : at(z_path, 0, 0); }, "row label");
  }
  t.intermediate.resize(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
  for (size_t r = 0; r < total; ++r)
    for (size_t c = 0; c < total; ++c) t.intermediate(r, c) = cell_number(z, r, c + 1);

  const CsvTable y = read_csv(y_path);
  {
    std::vector<std::string> rows;
    for (const auto& r : y.rows) rows.push_back(r[0]);
    require_same_labels(
        fs::path(y_path).filename().string(), rows, labels,
        [&](size_t k) { return k < y.rows.size() ? y.where(k, 0) : at(y_path, 0, 0); }, "row label");
    const std::vector<std::string> codes = {"C01", "C02", "C03", "C04", "C05"};
    t.final_demand_categories = {"household", "npish", "government", "gfcf", "inventories"};
    std::vector<std::string> expected;
    for (const auto& r : t.regions)
      for (const auto& c : codes) expected.push_back(r + "_" + c);
    std::vector<std::string> found(y.header.begin() + 1, y.header.end());
    if (found.size() != expected.size())
      throw InputError(located(y_path, 1, 0,
                               "has " + std::to_string(found.size()) + " final-demand columns, expected " +
                                   std::to_string(expected.size()) + " (" + std::to_string(t.regions.size()) +
                                   " regions x C01..C05: households, NPISH, government, GFCF, inventories)"));
    for (size_t k = 0; k < found.size(); ++k)
      if (found[k] != expected[k])
        throw InputError(located(y_path, 1, static_cast<int>(k + 2),
                                 "column '" + excerpt(found[k]) + "', expected '" + excerpt(expected[k]) +
                                     "' (regions in the order of the Z file, "
                                     "categories C01..C05 in each)"));
  }
  t.final_demand.resize(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(y.header.size() - 1));
  for (size_t r = 0; r < total; ++r)
    for (size_t c = 1; c < y.header.size(); ++c) t.final_demand(r, c - 1) = cell_number(y, r, c);
  t.outside_exports = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(total));

  const CsvTable xs = read_csv(x_path);
  if (xs.header.size() != 2 || xs.header[1] != "output")
    throw InputError(located(
        x_path, 1, 0, "header '" + excerpt(join(xs.header, ",", kListedAtMost)) + "': expected \"label\",\"output\""));
  std::vector<std::string> xrows;
  for (const auto& r : xs.rows) xrows.push_back(r[0]);
  require_same_labels(
      fs::path(x_path).filename().string(), xrows, labels,
      [&](size_t k) { return k < xs.rows.size() ? xs.where(k, 0) : at(x_path, 0, 0); }, "row label");
  Eigen::VectorXd published(static_cast<Eigen::Index>(total));
  for (size_t r = 0; r < total; ++r) published(r) = cell_number(xs, r, 1);

  t.notes.push_back("WIOD 2013 CSV values are truncated to integers (USD million)");
  // An industry with published output 0 and no intermediate sales whose only entries are
  // negative final demand (inventory draw-downs of -1 in 2011: truncation artefacts) would get
  // a negative recomputed output, which docs/model.md §1 forbids: those entries are set to 0, and
  // the note names each one.
  std::string zeroed;
  for (size_t r = 0; r < total; ++r) {
    const Eigen::Index j = static_cast<Eigen::Index>(r);
    if (published(j) == 0.0 && t.intermediate.row(j).sum() == 0.0 && t.final_demand.row(j).maxCoeff() <= 0.0 &&
        t.final_demand.row(j).sum() < 0.0) {
      zeroed += (zeroed.empty() ? "" : ", ") + labels[r] + " (" + format_number(t.final_demand.row(j).sum()) + ")";
      t.final_demand.row(j).setZero();
    }
  }
  if (!zeroed.empty())
    t.notes.push_back(
        "industries with published output 0 whose only entries are negative final demand (truncation "
        "artefacts) have that final demand set to 0, so that their output is 0, not negative: " +
        zeroed);
  note_published_output(t, published, x_path);
  // No value-added block in the source: value added, taxes and margins together close the columns.
  t.value_added_components = {"value_added_and_margins"};
  t.value_added = (t.gross_output() - t.intermediate.colwise().sum().transpose()).transpose();
  t.notes.push_back(
      "no value-added block in the source: the single row 'value_added_and_margins' = x - column sums "
      "of Z (value added, taxes less subsidies on products and international transport margins)");
  return t;
}

// ---------------------------------------------------------------------------------------
// pymrio text folder
// ---------------------------------------------------------------------------------------
namespace {

std::string first_existing(const fs::path& folder, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (fs::is_regular_file(folder / n)) return (folder / n).string();
  return "";
}

std::string category_code(const std::string& name) {
  const std::string l = lower(name);
  if (l.find("household") != std::string::npos && l.find("non-profit") == std::string::npos &&
      l.find("npish") == std::string::npos)
    return "household";
  if (l.find("npish") != std::string::npos || l.find("non-profit") != std::string::npos) return "npish";
  if (l.find("government") != std::string::npos) return "government";
  if (l.find("fixed capital") != std::string::npos) return "gfcf";
  if (l.find("inventor") != std::string::npos) return "inventories";
  if (l.find("valuables") != std::string::npos) return "valuables";
  return slug(name);
}

std::string currency_of_unit(const std::string& unit) {
  if (unit == "Mill USD" || unit == "M.USD" || unit == "MUSD") return "USD million";
  if (unit == "Mill EUR" || unit == "M.EUR" || unit == "MEUR") return "EUR million";
  return unit;
}

/// Moves the household category to the front (docs/model.md §9: the household column is named
/// `household`; Type II uses it): returns the permutation of category indices.
std::vector<int> household_first(const std::vector<std::string>& codes) {
  std::vector<int> order;
  for (size_t k = 0; k < codes.size(); ++k)
    if (codes[k] == "household") order.push_back(static_cast<int>(k));
  for (size_t k = 0; k < codes.size(); ++k)
    if (codes[k] != "household") order.push_back(static_cast<int>(k));
  return order;
}

}  // namespace

MrioTable read_pymrio(const std::string& source) {
  fs::path folder(source);
  if (!fs::is_directory(folder))
    throw InputError(located(source, 0, 0,
                             "not a folder: expected pymrio's text folder (trade_flows_Z.txt or Z.txt, "
                             "finald_demand_Y.txt or Y.txt, factor_input.txt)"));
  if (first_existing(folder, {"trade_flows_Z.txt", "Z.txt"}).empty() && fs::is_directory(folder / "mrio_data"))
    folder /= "mrio_data";
  const std::string z_path = first_existing(folder, {"trade_flows_Z.txt", "Z.txt"});
  const std::string y_path = first_existing(folder, {"finald_demand_Y.txt", "Y.txt"});
  const std::string f_path = first_existing(folder, {"factor_input.txt", "factor_inputs/F.txt"});
  if (z_path.empty() || y_path.empty())
    throw InputError(located(folder.string(), 0, 0,
                             "no pymrio flow files found: expected trade_flows_Z.txt (or Z.txt) "
                             "and finald_demand_Y.txt (or Y.txt), tab-separated"));
  CsvReadOptions tab;
  tab.delimiter = '\t';

  MrioTable t;
  // Z: two header rows (region, sector) after three label columns (region, sector, unit).
  const CsvTable z = read_csv(z_path, tab);
  if (z.header.size() < 4 || !z.header[0].empty() || !z.header[1].empty() || !z.header[2].empty() || z.rows.empty())
    throw InputError(located(z_path, 1, 1,
                             "header row '" + excerpt(join(z.header, "\\t", 5)) +
                                 "': expected pymrio's layout: three empty cells (region, sector, unit "
                                 "columns) then the region of each column, a second row with the sectors"));
  const size_t total = z.header.size() - 3;
  std::vector<std::string> col_reg(z.header.begin() + 3, z.header.end()),
      col_sec(z.rows[0].begin() + 3, z.rows[0].end());
  const Layout l = region_major_layout(
      col_reg, col_sec, [&](size_t k) { return at(z_path, 2, static_cast<int>(k + 4)); }, "column");
  t.regions = l.regions;
  t.sector_codes = l.sectors;
  t.sector_names = l.sectors;
  if (z.rows.size() - 1 != total)
    throw InputError(located(z_path, 0, 0,
                             "has " + std::to_string(z.rows.size() - 1) + " data rows, expected " +
                                 std::to_string(total) + " (one per column; is the file truncated?)"));
  std::string unit;
  t.intermediate.resize(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
  for (size_t r = 0; r < total; ++r) {
    const auto& row = z.rows[r + 1];
    if (row[0] != col_reg[r] || row[1] != col_sec[r])
      throw InputError(z.where(r + 1, 0) + ": row '" + excerpt(row[0]) + "/" + excerpt(row[1]) + "', expected '" +
                       excerpt(col_reg[r]) + "/" + excerpt(col_sec[r]) + "' (rows in the order of the columns)");
    if (r == 0) unit = row[2];
    if (row[2] != unit)
      throw InputError(z.where(r + 1, 2) + ": unit '" + excerpt(row[2]) + "', expected '" + excerpt(unit) +
                       "' as in the first row");
    for (size_t c = 0; c < total; ++c) t.intermediate(r, c) = cell_number(z, r + 1, c + 3);
  }
  t.currency = currency_of_unit(unit);

  // Y: header rows region, category; rows region, sector, unit.
  const CsvTable y = read_csv(y_path, tab);
  if (y.header.size() < 4 || y.rows.size() < 1)
    throw InputError(
        located(y_path, 1, 1, "expected pymrio's layout: three label columns, header rows region and category"));
  std::vector<std::string> y_reg(y.header.begin() + 3, y.header.end()), y_cat(y.rows[0].begin() + 3, y.rows[0].end());
  const Layout yl = region_major_layout(
      y_reg, y_cat, [&](size_t k) { return at(y_path, 2, static_cast<int>(k + 4)); }, "final-demand column");
  if (yl.regions != t.regions)
    throw InputError(located(y_path, 1, 4,
                             "final-demand regions " + join(yl.regions, ",", kListedAtMost) +
                                 ": expected the regions of the Z file in its order (" +
                                 join(t.regions, ",", kListedAtMost) + ")"));
  if (y.rows.size() - 1 != total)
    throw InputError(located(y_path, 0, 0,
                             "has " + std::to_string(y.rows.size() - 1) + " data rows, expected " +
                                 std::to_string(total) + " (one per row of Z; is the file truncated?)"));
  std::vector<std::string> codes;
  int export_category = -1;
  for (size_t k = 0; k < yl.sectors.size(); ++k) {
    if (lower(yl.sectors[k]) == "export" || lower(yl.sectors[k]) == "exports") {
      export_category = static_cast<int>(k);
      codes.push_back("");
      continue;
    }
    codes.push_back(category_code(yl.sectors[k]));
  }
  std::vector<int> order;
  for (int k : household_first(codes))
    if (k != export_category) order.push_back(k);
  for (int k : order) t.final_demand_categories.push_back(codes[k]);
  const size_t c_in = yl.sectors.size(), c_out = order.size(), rc = t.regions.size();
  t.final_demand = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(rc * c_out));
  t.outside_exports = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(total));
  for (size_t r = 0; r < total; ++r) {
    const auto& row = y.rows[r + 1];
    if (row[0] != col_reg[r] || row[1] != col_sec[r])
      throw InputError(y.where(r + 1, 0) + ": row '" + excerpt(row[0]) + "/" + excerpt(row[1]) + "', expected '" +
                       excerpt(col_reg[r]) + "/" + excerpt(col_sec[r]) + "' (rows in the order of Z)");
    for (size_t g = 0; g < rc; ++g) {
      for (size_t k = 0; k < c_out; ++k)
        t.final_demand(r, g * c_out + k) = cell_number(y, r + 1, 3 + g * c_in + order[k]);
      if (export_category >= 0) t.outside_exports(r) += cell_number(y, r + 1, 3 + g * c_in + export_category);
    }
  }
  if (export_category >= 0)
    t.notes.push_back("final-demand category '" + excerpt(yl.sectors[export_category]) +
                      "' (sales to users outside the table) is written as exports column 'outside'");

  // Factor inputs (value added): header rows region, sector after two label columns (name, unit).
  if (!f_path.empty()) {
    const CsvTable f = read_csv(f_path, tab);
    if (f.header.size() != total + 2 || f.rows.empty())
      throw InputError(located(f_path, 1, 0,
                               "has " + std::to_string(f.header.size()) + " columns, expected " +
                                   std::to_string(total + 2) +
                                   " (two label columns, stressor and unit, then one per column of Z)"));
    for (size_t c = 0; c < total; ++c)
      if (f.header[c + 2] != col_reg[c] || f.rows[0][c + 2] != col_sec[c])
        throw InputError(located(f_path, 1, static_cast<int>(c + 3),
                                 "column '" + excerpt(f.header[c + 2]) + "/" + excerpt(f.rows[0][c + 2]) +
                                     "', expected '" + excerpt(col_reg[c]) + "/" + excerpt(col_sec[c]) +
                                     "' (the columns of Z)"));
    std::vector<std::string> names;
    std::vector<Eigen::VectorXd> rows;
    for (size_t r = 1; r < f.rows.size(); ++r) {
      const std::string l_name = lower(f.rows[r][0]);
      const bool labour = l_name.find("compensation") != std::string::npos || l_name.find("wage") != std::string::npos;
      const std::string code = labour ? "compensation" : slug(f.rows[r][0]);
      Eigen::VectorXd v(static_cast<Eigen::Index>(total));
      for (size_t c = 0; c < total; ++c) v(c) = cell_number(f, r, c + 2);
      auto it = std::find(names.begin(), names.end(), code);
      if (it == names.end()) {
        names.push_back(code);
        rows.push_back(v);
      } else {
        rows[it - names.begin()] += v;  // several labour rows (e.g. by skill) add up to compensation
      }
    }
    t.value_added_components = names;
    t.value_added.resize(static_cast<Eigen::Index>(names.size()), static_cast<Eigen::Index>(total));
    for (size_t k = 0; k < rows.size(); ++k) t.value_added.row(k) = rows[k].transpose();
    t.notes.push_back("value added from the factor-input extension " + fs::path(f_path).filename().string() +
                      " (rows " + join(names, ", ", kListedAtMost) + ")");
  }
  balance_columns(t, "the factor inputs do not close the columns of the table");
  t.source = "pymrio text folder " + fs::absolute(folder).lexically_normal().string();
  t.licence = "as the source table (pymrio's own test system: GNU LGPL v3)";
  t.notes.push_back("gross output computed as row sums Z.1 + Y.1, as pymrio's calc_x does");
  return t;
}

// ---------------------------------------------------------------------------------------
// OECD ICIO CSV
// ---------------------------------------------------------------------------------------
MrioTable read_oecd_icio(const std::string& path) {
  static const std::map<std::string, std::string> kCategories = {{"HFCE", "household"},
                                                                 {"NPISH", "npish"},
                                                                 {"GGFC", "government"},
                                                                 {"GFCF", "gfcf"},
                                                                 {"INVNT", "inventories"},
                                                                 {"DPABR", "direct_purchases_abroad"},
                                                                 {"NONRES", "purchases_by_nonresidents"},
                                                                 {"DISC", "discrepancy"}};
  static const std::set<std::string> kOutput = {"OUT", "TOTAL", "OUTPUT"};
  const CsvTable t_in = read_csv(path);
  if (t_in.header.size() < 3)
    throw InputError(located(path, 1, 0,
                             "header has " + std::to_string(t_in.header.size()) +
                                 " cells: expected an OECD ICIO table (row labels, country_industry "
                                 "columns such as AUS_A01_02, final-demand columns, OUT)"));
  // Columns: industries, then final demand, then output.
  std::vector<std::string> ind_labels, ind_reg, ind_sec, fd_reg, fd_cat;
  std::vector<size_t> ind_cols, fd_cols;
  int out_col = -1;
  for (size_t c = 1; c < t_in.header.size(); ++c) {
    const std::string& h = t_in.header[c];
    std::string reg, sec;
    split_label(h, reg, sec);
    if (kOutput.count(h)) {
      if (out_col >= 0)
        throw InputError(located(path, 1, static_cast<int>(c + 1), "a second output column '" + excerpt(h) + "'"));
      out_col = static_cast<int>(c);
    } else if (!sec.empty() && kCategories.count(sec)) {
      fd_cols.push_back(c);
      fd_reg.push_back(reg);
      fd_cat.push_back(sec);
    } else if (!sec.empty()) {
      if (!fd_cols.empty() || out_col >= 0)
        throw InputError(located(path, 1, static_cast<int>(c + 1),
                                 "industry column '" + excerpt(h) +
                                     "' after the final-demand or output columns: "
                                     "expected all country_industry columns first"));
      ind_cols.push_back(c);
      ind_labels.push_back(h);
      ind_reg.push_back(reg);
      ind_sec.push_back(sec);
    } else {
      throw InputError(
          located(path, 1, static_cast<int>(c + 1),
                  "column '" + excerpt(h) +
                      "' is not recognised: expected country_industry (AUS_A01_02), "
                      "<COUNTRY>_HFCE|NPISH|GGFC|GFCF|INVNT|DPABR or the output column OUT (TOTAL in older "
                      "releases)"));
    }
  }
  if (out_col < 0)
    throw InputError(
        located(path, 1, 0,
                "no output column: expected one named OUT (2023 release) or TOTAL (older "
                "releases) after the final-demand columns; found " +
                    join(std::vector<std::string>(t_in.header.end() - std::min<size_t>(3, t_in.header.size()),
                                                  t_in.header.end()),
                         ",", kListedAtMost)));
  const Layout l = region_major_layout(
      ind_reg, ind_sec, [&](size_t k) { return at(path, 1, static_cast<int>(ind_cols[k] + 1)); }, "column");
  const Layout fl = region_major_layout(
      fd_reg, fd_cat, [&](size_t k) { return at(path, 1, static_cast<int>(fd_cols[k] + 1)); }, "final-demand column");
  if (fl.regions != l.regions)
    throw InputError(located(path, 1, static_cast<int>(fd_cols.empty() ? 0 : fd_cols[0] + 1),
                             "final-demand countries " + join(fl.regions, ",", kListedAtMost) +
                                 ": expected the countries of the industry columns in their order (" +
                                 join(l.regions, ",", kListedAtMost) + ")"));
  MrioTable t;
  t.regions = l.regions;
  t.sector_codes = l.sectors;
  t.sector_names = l.sectors;
  t.currency = "USD million";
  const size_t total = ind_cols.size();
  // Rows: industries in the order of the columns, then TLS / VA / OUT (older names accepted).
  if (t_in.rows.size() < total)
    throw InputError(located(path, 0, 0,
                             "has " + std::to_string(t_in.rows.size()) + " rows, expected at least " +
                                 std::to_string(total) + " industry rows (is the file truncated?)"));
  for (size_t r = 0; r < total; ++r)
    if (t_in.rows[r][0] != ind_labels[r])
      throw InputError(t_in.where(r, 0) + ": row label '" + excerpt(t_in.rows[r][0]) + "', expected '" +
                       excerpt(ind_labels[r]) + "' (industry rows in the order of the industry columns)");
  std::vector<std::string> codes;
  for (const auto& c : fl.sectors) codes.push_back(kCategories.at(c));
  const std::vector<int> order = household_first(codes);
  for (int k : order) t.final_demand_categories.push_back(codes[k]);
  const size_t c_in = fl.sectors.size(), rc = t.regions.size();
  t.intermediate.resize(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
  t.final_demand.resize(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(rc * c_in));
  Eigen::VectorXd published(static_cast<Eigen::Index>(total));
  for (size_t r = 0; r < total; ++r) {
    for (size_t c = 0; c < total; ++c) t.intermediate(r, c) = cell_number(t_in, r, ind_cols[c]);
    for (size_t g = 0; g < rc; ++g)
      for (size_t k = 0; k < c_in; ++k)
        t.final_demand(r, g * c_in + k) = cell_number(t_in, r, fd_cols[g * c_in + order[k]]);
    published(r) = cell_number(t_in, r, out_col);
  }
  t.outside_exports = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(total));
  Eigen::VectorXd taxes = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(total));
  Eigen::VectorXd va(static_cast<Eigen::Index>(total));
  bool have_va = false, have_tls = false;
  double final_taxes = 0.0;
  for (size_t r = total; r < t_in.rows.size(); ++r) {
    const std::string& label = t_in.rows[r][0];
    std::string reg, sec;
    split_label(label, reg, sec);
    Eigen::VectorXd v(static_cast<Eigen::Index>(total));
    for (size_t c = 0; c < total; ++c) v(c) = cell_number(t_in, r, ind_cols[c]);
    if (label == "TLS" || label == "TAXSUB" || sec == "TAXSUB") {
      taxes += v;
      have_tls = true;
      for (size_t c : fd_cols) final_taxes += t_in.rows[r][c].empty() ? 0.0 : cell_number(t_in, r, c);
    } else if (label == "VA" || label == "VALU") {
      if (have_va) throw InputError(t_in.where(r, 0) + ": a second value-added row '" + excerpt(label) + "'");
      va = v;
      have_va = true;
    } else if (kOutput.count(label)) {
      double worst = 0.0;
      for (size_t c = 0; c < total; ++c)
        worst = std::max(worst, std::abs(v(c) - published(c)) / std::max(std::abs(published(c)), 1e-12));
      t.notes.push_back("the output row '" + excerpt(label) + "' differs from the output column by at most " +
                        format_number(worst) + " (relative)");
    } else if (std::find(l.regions.begin(), l.regions.end(), reg) != l.regions.end() &&
               std::find(l.sectors.begin(), l.sectors.end(), sec) != l.sectors.end()) {
      throw InputError(t_in.where(r, 0) + ": industry row '" + excerpt(label) + "' after the " + std::to_string(total) +
                       " industry rows: expected TLS, VA and OUT rows (rows re-ordered or duplicated?)");
    } else {
      throw InputError(t_in.where(r, 0) + ": row '" + excerpt(label) +
                       "' is not recognised: expected TLS (taxes less subsidies), VA (value added) and OUT (TOTAL in "
                       "older releases) after the industry rows");
    }
  }
  if (!have_va)
    throw InputError(located(path, 0, 0,
                             "no value-added row: expected a row 'VA' (VALU in older releases) after the " +
                                 std::to_string(total) + " industry rows"));
  t.value_added_components = {"value_added"};
  t.value_added = va.transpose();
  if (have_tls) {
    t.value_added_components.insert(t.value_added_components.begin(), "taxes_less_subsidies");
    Eigen::MatrixXd v(2, static_cast<Eigen::Index>(total));
    v.row(0) = taxes.transpose();
    v.row(1) = va.transpose();
    t.value_added = v;
  }
  if (final_taxes != 0.0)
    t.notes.push_back("taxes less subsidies on final products (TLS row, final-demand columns, total " +
                      format_number(final_taxes) + ") are left out: final demand is valued at basic prices");
  note_published_output(t, published, path);
  balance_columns(t, "the published table does not balance exactly");
  return t;
}

// ---------------------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------------------
AggregationMap load_aggregation_map(const std::string& path, const std::vector<std::string>& codes) {
  const CsvTable t = read_csv(path);
  const int code = t.require_column("code");
  const int group = t.require_column("group");
  const int name = t.column("group_name");
  AggregationMap m;
  m.path = path;
  m.group_of.assign(codes.size(), -1);
  std::map<std::string, int> index;
  for (size_t k = 0; k < codes.size(); ++k) index[codes[k]] = static_cast<int>(k);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto it = index.find(t.rows[r][code]);
    if (it == index.end())
      throw InputError(t.where(r, code) + ": code '" + excerpt(t.rows[r][code]) +
                       "' is not in the table: expected one of " + join(codes, ", ", kListedAtMost));
    if (m.group_of[it->second] >= 0)
      throw InputError(t.where(r, code) + ": code '" + excerpt(t.rows[r][code]) +
                       "' is mapped twice: expected each code once");
    const std::string& g = t.rows[r][group];
    if (g.empty()) throw InputError(t.where(r, group) + ": empty group: expected a group code");
    auto gi = std::find(m.groups.begin(), m.groups.end(), g);
    if (gi == m.groups.end()) {
      m.groups.push_back(g);
      m.group_names.push_back(name >= 0 && !t.rows[r][name].empty() ? t.rows[r][name] : g);
      gi = m.groups.end() - 1;
    }
    m.group_of[it->second] = static_cast<int>(gi - m.groups.begin());
  }
  std::vector<std::string> missing;
  for (size_t k = 0; k < codes.size(); ++k)
    if (m.group_of[k] < 0) missing.push_back(codes[k]);
  if (!missing.empty())
    throw InputError(located(path, 0, 0,
                             std::to_string(missing.size()) + " codes of the table are not mapped (" +
                                 join(missing, ", ", kListedAtMost) + "): expected every code once"));
  return m;
}

namespace {

/// Aggregates regions (region_group, size R) and industries (sector_group, size n) at once.
/// The self-employed share of (region, industry) i where the satellite has one, else 0.
double self_employed_share(const MrioTable& t, Eigen::Index i) {
  for (size_t k = 0; k < t.employment_share_names.size(); ++k)
    if (t.employment_share_names[k] == "self_employed") return t.employment_shares(i, static_cast<Eigen::Index>(k));
  return 0.0;
}

MrioTable aggregate_table(const MrioTable& t, const std::vector<int>& region_group,
                          const std::vector<std::string>& regions, const std::vector<int>& sector_group,
                          const std::vector<std::string>& sectors, const std::vector<std::string>& sector_names) {
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const int gn = static_cast<int>(sectors.size()), gr = static_cast<int>(regions.size());
  const int c = static_cast<int>(t.final_demand_categories.size());
  MrioTable a = t;
  a.regions = regions;
  a.sector_codes = sectors;
  a.sector_names = sector_names;
  std::vector<int> to(static_cast<size_t>(n) * rc);
  for (int r = 0; r < rc; ++r)
    for (int i = 0; i < n; ++i) to[static_cast<size_t>(r) * n + i] = region_group[r] * gn + sector_group[i];
  const Eigen::Index total = static_cast<Eigen::Index>(gn) * gr;
  a.intermediate = Eigen::MatrixXd::Zero(total, total);
  a.final_demand = Eigen::MatrixXd::Zero(total, static_cast<Eigen::Index>(gr) * c);
  a.outside_exports = Eigen::VectorXd::Zero(total);
  a.value_added = Eigen::MatrixXd::Zero(t.value_added.rows(), total);
  const Eigen::Index old_total = static_cast<Eigen::Index>(n) * rc;
  // Column aggregation first (nR × nR -> nR × G), then rows: O((nR)²) additions.
  Eigen::MatrixXd z_cols = Eigen::MatrixXd::Zero(old_total, total);
  for (Eigen::Index j = 0; j < old_total; ++j) z_cols.col(to[j]) += t.intermediate.col(j);
  for (Eigen::Index i = 0; i < old_total; ++i) a.intermediate.row(to[i]) += z_cols.row(i);
  for (Eigen::Index i = 0; i < old_total; ++i) {
    for (int r = 0; r < rc; ++r)
      for (int k = 0; k < c; ++k) a.final_demand(to[i], region_group[r] * c + k) += t.final_demand(i, r * c + k);
    if (t.outside_exports.size() > 0) a.outside_exports(to[i]) += t.outside_exports(i);
    a.value_added.col(to[i]) += t.value_added.col(i);
  }
  if (t.employment.size() > 0) {
    a.employment = Eigen::VectorXd::Zero(total);
    a.employment_known.assign(total, true);
    a.employment_shares = Eigen::MatrixXd::Zero(total, t.employment_shares.cols());
    if (t.annual_wage.size() > 0) a.annual_wage = Eigen::VectorXd::Zero(total);
    Eigen::VectorXd group_employees = Eigen::VectorXd::Zero(total);
    for (Eigen::Index i = 0; i < old_total; ++i) {
      if (!t.employment_known[i]) {
        a.employment_known[to[i]] = false;  // a group with an unknown part has unknown jobs
        continue;
      }
      a.employment(to[i]) += t.employment(i);
      a.employment_shares.row(to[i]) += t.employment(i) * t.employment_shares.row(i);
      // Wage per employee: the group's wage bill over its employees.
      if (t.annual_wage.size() > 0) {
        const double employees = t.employment(i) * (1.0 - self_employed_share(t, i));
        a.annual_wage(to[i]) += employees * t.annual_wage(i);
        group_employees(to[i]) += employees;
      }
    }
    for (Eigen::Index g = 0; g < a.annual_wage.size(); ++g)
      a.annual_wage(g) = group_employees(g) > 0.0 ? a.annual_wage(g) / group_employees(g) : 0.0;
    for (Eigen::Index g = 0; g < total; ++g) {
      if (!a.employment_known[g]) {
        a.employment(g) = 0.0;
        a.employment_shares.row(g).setZero();
      } else if (a.employment(g) > 0.0) {
        a.employment_shares.row(g) /= a.employment(g);
      }
    }
  }
  return a;
}

}  // namespace

MrioTable aggregate_regions(const MrioTable& t, const AggregationMap& map) {
  std::vector<int> sectors(t.sector_codes.size());
  for (size_t i = 0; i < sectors.size(); ++i) sectors[i] = static_cast<int>(i);
  MrioTable a = aggregate_table(t, map.group_of, map.groups, sectors, t.sector_codes, t.sector_names);
  a.notes.push_back(std::to_string(t.regions.size()) + " regions aggregated into " + std::to_string(map.groups.size()) +
                    " by " + map.path);
  return a;
}

MrioTable aggregate_sectors(const MrioTable& t, const AggregationMap& map) {
  std::vector<int> regions(t.regions.size());
  for (size_t r = 0; r < regions.size(); ++r) regions[r] = static_cast<int>(r);
  std::vector<std::string> names = map.group_names;
  for (size_t g = 0; g < map.groups.size(); ++g) {
    // A group of one industry without a group_name keeps the industry's name.
    int members = 0, last = -1;
    for (size_t i = 0; i < map.group_of.size(); ++i)
      if (map.group_of[i] == static_cast<int>(g)) ++members, last = static_cast<int>(i);
    if (members == 1 && names[g] == map.groups[g]) names[g] = t.sector_names[last];
  }
  MrioTable a = aggregate_table(t, regions, t.regions, map.group_of, map.groups, names);
  a.notes.push_back(std::to_string(t.sector_codes.size()) + " industries aggregated into " +
                    std::to_string(map.groups.size()) + " by " + map.path);
  return a;
}

// ---------------------------------------------------------------------------------------
// Employment satellite
// ---------------------------------------------------------------------------------------
void attach_employment(MrioTable& t, const std::string& path) {
  const CsvTable e = read_csv(path);
  const int region = e.require_column("region");
  const int sector = e.require_column("sector");
  const int persons = e.require_column("persons");
  std::vector<int> share_cols;
  t.employment_share_names.clear();
  for (size_t c = 0; c < e.header.size(); ++c)
    if (static_cast<int>(c) != region && static_cast<int>(c) != sector && static_cast<int>(c) != persons) {
      share_cols.push_back(static_cast<int>(c));
      t.employment_share_names.push_back(e.header[c]);
    }
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const Eigen::Index total = static_cast<Eigen::Index>(n) * rc;
  t.employment = Eigen::VectorXd::Zero(total);
  t.employment_shares = Eigen::MatrixXd::Zero(total, static_cast<Eigen::Index>(share_cols.size()));
  std::vector<char> given(total, 0);
  std::vector<int> per_region(rc, 0);
  for (size_t r = 0; r < e.rows.size(); ++r) {
    const auto ri = std::find(t.regions.begin(), t.regions.end(), e.rows[r][region]);
    if (ri == t.regions.end())
      throw InputError(e.where(r, region) + ": region '" + excerpt(e.rows[r][region]) +
                       "' is not in the table: expected one of " + join(t.regions, ", ", kListedAtMost));
    const auto si = std::find(t.sector_codes.begin(), t.sector_codes.end(), e.rows[r][sector]);
    if (si == t.sector_codes.end())
      throw InputError(e.where(r, sector) + ": sector '" + excerpt(e.rows[r][sector]) +
                       "' is not in the table: expected one of " + join(t.sector_codes, ", ", kListedAtMost));
    const int reg = static_cast<int>(ri - t.regions.begin());
    const Eigen::Index j = static_cast<Eigen::Index>(reg) * n + (si - t.sector_codes.begin());
    if (given[j])
      throw InputError(e.where(r, region) + ": " + excerpt(e.rows[r][region]) + "/" + excerpt(e.rows[r][sector]) +
                       " appears twice: expected one row per region and sector");
    given[j] = 1;
    ++per_region[reg];
    t.employment(j) = e.number(r, persons);
    if (t.employment(j) < 0.0)
      throw InputError(e.where(r, persons) + ": persons " + excerpt(e.rows[r][persons]) +
                       " is negative: expected persons >= 0");
    for (size_t k = 0; k < share_cols.size(); ++k) {
      const double s = e.number(r, share_cols[k]);
      if (!(s >= 0.0 && s <= 1.0))
        throw InputError(e.where(r, share_cols[k]) + ": share " + excerpt(e.rows[r][share_cols[k]]) + " of column '" +
                         e.header[share_cols[k]] + "' is outside [0, 1]: expected a share (write 45% as 0.45)");
      t.employment_shares(j, static_cast<Eigen::Index>(k)) = s;
    }
  }
  t.employment_known.assign(total, false);
  std::vector<std::string> unknown;
  for (int reg = 0; reg < rc; ++reg) {
    if (per_region[reg] == 0) {
      unknown.push_back(t.regions[reg]);
      continue;
    }
    if (per_region[reg] != n) {
      std::vector<std::string> missing;
      for (int i = 0; i < n; ++i)
        if (!given[static_cast<size_t>(reg) * n + i]) missing.push_back(t.sector_codes[i]);
      throw InputError(located(path, 0, 0,
                               "region " + t.regions[reg] + " has employment for " + std::to_string(per_region[reg]) +
                                   " of " + std::to_string(n) +
                                   " industries (missing: " + join(missing, ", ", kListedAtMost) +
                                   "): expected all industries or none (a region without rows has "
                                   "unknown jobs)"));
    }
    for (int i = 0; i < n; ++i) t.employment_known[static_cast<size_t>(reg) * n + i] = true;
  }
  t.notes.push_back(
      "employment from " + path +
      (unknown.empty() ? std::string(" for every region") : "; jobs unknown (NA) in " + join(unknown, ", ", 50)));
}

IndustryConcordance load_industry_concordance(const std::string& concordance_path, const MrioTable& t) {
  const CsvTable c = read_csv(concordance_path);
  const int c_code = c.require_column("code"), c_sector = c.require_column("sector");
  const int n = t.industries();
  IndustryConcordance out;
  out.path = concordance_path;
  std::vector<char> reached(n, 0);
  for (size_t r = 0; r < c.rows.size(); ++r) {
    const auto si = std::find(t.sector_codes.begin(), t.sector_codes.end(), c.rows[r][c_sector]);
    if (si == t.sector_codes.end())
      throw InputError(c.where(r, c_sector) + ": sector '" + excerpt(c.rows[r][c_sector]) +
                       "' is not an industry of the table: expected one of " +
                       join(t.sector_codes, ", ", kListedAtMost));
    const int i = static_cast<int>(si - t.sector_codes.begin());
    std::vector<int>& to = out.targets[c.rows[r][c_code]];
    if (std::find(to.begin(), to.end(), i) != to.end())
      throw InputError(c.where(r, c_code) + ": " + excerpt(c.rows[r][c_code]) + " -> " + excerpt(c.rows[r][c_sector]) +
                       " appears twice: expected each pair once");
    to.push_back(i);
    reached[i] = 1;
  }
  std::vector<std::string> unreached;
  for (int i = 0; i < n; ++i)
    if (!reached[i]) unreached.push_back(t.sector_codes[i]);
  if (!unreached.empty())
    throw InputError(located(concordance_path, 0, 0,
                             "no SEA industry maps to " + join(unreached, ", ", kListedAtMost) +
                                 ": expected every industry of the table to receive at least one code"));
  return out;
}

void attach_sea_employment(MrioTable& t, const std::vector<std::string>& sea_paths,
                           const std::string& concordance_path) {
  if (t.year <= 0) throw InputError("--sea: the table's year is unknown: expected --year YYYY (the SEA year to read)");
  // The concordance: SEA code -> table industries.
  const std::map<std::string, std::vector<int>> targets = load_industry_concordance(concordance_path, t).targets;
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());

  const Eigen::VectorXd x = t.gross_output();
  const Eigen::Index total = static_cast<Eigen::Index>(n) * rc;
  t.employment = Eigen::VectorXd::Zero(total);
  t.employment_shares = Eigen::MatrixXd::Zero(total, 1);
  t.employment_share_names = {"self_employed"};
  t.employment_known.assign(total, false);
  Eigen::VectorXd employees = Eigen::VectorXd::Zero(total), compensation_usd = Eigen::VectorXd::Zero(total);
  t.annual_wage = Eigen::VectorXd::Zero(total);
  std::vector<std::string> covered, split, left_out, no_employees;
  for (const auto& [code, to] : targets)
    if (to.size() > 1) split.push_back(code);
  for (const std::string& path : sea_paths) {
    const CsvTable file = read_csv(path);
    const int f_country = file.require_column("country");
    std::set<std::string> countries;
    for (const auto& row : file.rows) countries.insert(row[f_country]);
    for (const std::string& country : countries) {
      const auto ri = std::find(t.regions.begin(), t.regions.end(), country);
      if (ri == t.regions.end()) continue;  // a country the table does not have separately
      const int reg = static_cast<int>(ri - t.regions.begin());
      if (std::find(covered.begin(), covered.end(), country) != covered.end())
        throw InputError(
            located(path, 0, 0, "country " + country + " is in more than one --sea file: expected it once"));
      const WiodSeaYear sea = read_wiod_sea(file, country, t.year);
      for (const auto& [code, to] : targets)
        if (!sea.industries.count(code))
          throw InputError(located(path, 0, 0,
                                   country + " " + std::to_string(t.year) + " has no industry '" + excerpt(code) +
                                       "' of the concordance " + concordance_path +
                                       ": expected the SEA's industry codes"));
      for (const auto& [code, ind] : sea.industries) {
        const auto it = targets.find(code);
        if (it == targets.end())
          throw InputError(ind.where + ": industry '" + excerpt(code) + "' is not in the concordance " +
                           concordance_path + ": expected every SEA code to map to the table's industries");
        if (ind.compensation < 0.0)
          throw InputError(ind.where + ": " + country + " " + code + " has COMP " + format_number(ind.compensation) +
                           ": expected compensation of employees >= 0");
        if (ind.persons_engaged < 0 || ind.employees < 0 || ind.employees > ind.persons_engaged * (1 + 1e-9))
          throw InputError(ind.where + ": " + country + " " + code + " has EMP " + format_number(ind.persons_engaged) +
                           " and EMPE " + format_number(ind.employees) +
                           " (thousands): expected 0 <= employees <= persons engaged");
        double weight_sum = 0.0;
        for (int i : it->second) weight_sum += x(static_cast<Eigen::Index>(reg) * n + i);
        if (weight_sum <= 0.0) {
          // Jobs without output cannot be modelled (docs/model.md §1: x_j > 0 where there are jobs):
          // they are left out and named in the notes.
          if (ind.persons_engaged > 0.0)
            left_out.push_back(country + " " + code + " (" + format_number(ind.persons_engaged * 1000.0) + ")");
          continue;
        }
        for (int i : it->second) {
          const Eigen::Index j = static_cast<Eigen::Index>(reg) * n + i;
          const double w = it->second.size() == 1 ? 1.0 : x(j) / weight_sum;
          t.employment(j) += w * ind.persons_engaged * 1000.0;
          employees(j) += w * ind.employees * 1000.0;
          compensation_usd(j) += w * ind.compensation / ind.exchange_rate * 1e6;
        }
      }
      for (int i = 0; i < n; ++i) {
        const Eigen::Index j = static_cast<Eigen::Index>(reg) * n + i;
        t.employment_known[j] = true;
        // employees <= persons in every SEA industry (checked above), so the share is in [0, 1]
        // up to rounding, which the clamp removes.
        t.employment_shares(j, 0) =
            t.employment(j) > 0.0 ? std::clamp(1.0 - employees(j) / t.employment(j), 0.0, 1.0) : 0.0;
        if (employees(j) > 0.0)
          t.annual_wage(j) = compensation_usd(j) / employees(j);
        else if (t.employment(j) > 0.0)
          no_employees.push_back(country + "_" + t.sector_codes[i]);
      }
      covered.push_back(country);
    }
  }
  if (covered.empty())
    throw InputError(located(sea_paths.front(), 0, 0,
                             "no country of the --sea files is a region of the table: expected "
                             "one of " +
                                 join(t.regions, ", ", kListedAtMost)));
  std::vector<std::string> unknown;
  for (const std::string& r : t.regions)
    if (std::find(covered.begin(), covered.end(), r) == covered.end()) unknown.push_back(r);
  std::string files;
  for (const std::string& p : sea_paths) files += (files.empty() ? "" : ", ") + fs::path(p).filename().string();
  t.notes.push_back(
      "employment: persons engaged (EMP), the self-employed share 1 - EMPE/EMP and the annual wage per "
      "employee COMP/EMPE in USD (COMP/NOMEXCH) of the WIOD "
      "Socio-Economic Accounts, 2016 release (" +
      files + "), " + std::to_string(t.year) + ", for " + join(covered, ", ", 50) +
      "; mapped to the table's industries with " + fs::path(concordance_path).filename().string() +
      (split.empty() ? std::string()
                     : " (split by the region's gross output: " + join(split, ", ", kListedAtMost) + ")") +
      "; jobs unknown (NA) in " + std::to_string(unknown.size()) + " regions");
  if (!no_employees.empty())
    t.notes.push_back("industries with persons engaged but no employees have no wage (annual_wage 0): " +
                      join(no_employees, ", ", 50));
  if (!left_out.empty())
    t.notes.push_back(
        "SEA persons engaged left out because the industries they map to have no output in the table "
        "(jobs need output to follow, docs/model.md §1): " +
        join(left_out, ", ", 50));
}

// ---------------------------------------------------------------------------------------
// Economies
// ---------------------------------------------------------------------------------------
namespace {
void describe(Economy& e, const MrioTable& t, const std::string& name) {
  e.name = name;
  e.year = t.year;
  e.currency = t.currency;
  e.employment_unit = "persons";
  e.source = t.source;
  e.licence = t.licence;
}
}  // namespace

Economy mrio_economy(const MrioTable& t, const std::string& name) {
  Economy e;
  describe(e, t, name);
  e.country = "WLD";
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const Eigen::Index total = static_cast<Eigen::Index>(n) * rc;
  for (int r = 0; r < rc; ++r)
    for (int i = 0; i < n; ++i) {
      e.sector_codes.push_back(t.regions[r] + "_" + t.sector_codes[i]);
      e.sector_names.push_back(t.sector_names[i]);
      e.sector_regions.push_back(t.regions[r]);
    }
  e.intermediate_domestic = t.intermediate;  // the world is one closed system: Zm = 0 (not written)
  for (const auto& r : t.regions)
    for (const auto& c : t.final_demand_categories) e.final_demand_categories.push_back(r + "_" + c);
  e.final_demand_domestic = t.final_demand;
  e.export_partners = {"outside"};
  e.exports = t.outside_exports.size() == total ? Eigen::MatrixXd(t.outside_exports) : Eigen::MatrixXd::Zero(total, 1);
  e.value_added_components = t.value_added_components;
  e.value_added = t.value_added;
  if (t.employment.size() == total) {
    e.employment = t.employment;
    e.employment_known = t.employment_known;
    e.employment_share_names = t.employment_share_names;
    e.employment_shares = t.employment_shares;
    if (t.annual_wage.size() == total) e.annual_wage = t.annual_wage;
  } else {
    e.employment = Eigen::VectorXd::Zero(total);
    e.employment_known.assign(total, false);
    e.employment_shares = Eigen::MatrixXd::Zero(total, 0);
  }
  return e;
}

Economy single_region_economy(const MrioTable& t, const std::string& country, const std::string& name) {
  const auto it = std::find(t.regions.begin(), t.regions.end(), country);
  if (it == t.regions.end())
    throw InputError("--country " + country + ": not a region of the table: expected one of " +
                     join(t.regions, ", ", 60));
  const int c = static_cast<int>(it - t.regions.begin());
  const int n = t.industries(), rc = static_cast<int>(t.regions.size());
  const int cats = static_cast<int>(t.final_demand_categories.size());
  Economy e;
  describe(e, t, name);
  e.country = country;
  e.sector_codes = t.sector_codes;
  e.sector_names = t.sector_names;
  e.final_demand_categories = t.final_demand_categories;
  const Eigen::Index c0 = static_cast<Eigen::Index>(c) * n;
  e.intermediate_domestic = t.intermediate.block(c0, c0, n, n);
  e.intermediate_imported = Eigen::MatrixXd::Zero(n, n);
  e.final_demand_domestic = t.final_demand.block(c0, static_cast<Eigen::Index>(c) * cats, n, cats);
  e.final_demand_imported = Eigen::MatrixXd::Zero(n, cats);
  Eigen::MatrixXd imports = Eigen::MatrixXd::Zero(n, rc - 1);
  Eigen::MatrixXd exports = Eigen::MatrixXd::Zero(n, rc - 1);
  int p = 0;
  for (int r = 0; r < rc; ++r) {
    if (r == c) continue;
    const Eigen::Index r0 = static_cast<Eigen::Index>(r) * n;
    e.import_partners.push_back(t.regions[r]);
    e.export_partners.push_back(t.regions[r]);
    const Eigen::MatrixXd zm = t.intermediate.block(r0, c0, n, n);
    const Eigen::MatrixXd fm = t.final_demand.block(r0, static_cast<Eigen::Index>(c) * cats, n, cats);
    e.intermediate_imported += zm;
    e.final_demand_imported += fm;
    imports.col(p) = zm.rowwise().sum() + fm.rowwise().sum();
    exports.col(p) = t.intermediate.block(c0, r0, n, n).rowwise().sum() +
                     t.final_demand.block(c0, static_cast<Eigen::Index>(r) * cats, n, cats).rowwise().sum();
    ++p;
  }
  const bool outside = t.outside_exports.size() > 0 && t.outside_exports.segment(c0, n).cwiseAbs().maxCoeff() > 0.0;
  if (outside) {
    e.export_partners.push_back("outside");
    exports.conservativeResize(n, rc);
    exports.col(rc - 1) = t.outside_exports.segment(c0, n);
  }
  e.exports = exports;
  e.import_shares = imports;
  for (int i = 0; i < n; ++i) {
    const double s = imports.row(i).sum();
    if (s > 0.0) e.import_shares.row(i) /= s;
  }
  e.value_added_components = t.value_added_components;
  e.value_added = t.value_added.middleCols(c0, n);
  if (t.employment.size() == static_cast<Eigen::Index>(n) * rc) {
    e.employment = t.employment.segment(c0, n);
    e.employment_share_names = t.employment_share_names;
    e.employment_shares = t.employment_shares.middleRows(c0, n);
    if (t.annual_wage.size() == static_cast<Eigen::Index>(n) * rc) e.annual_wage = t.annual_wage.segment(c0, n);
    const std::vector<bool> known(t.employment_known.begin() + c0, t.employment_known.begin() + c0 + n);
    if (std::find(known.begin(), known.end(), false) != known.end()) e.employment_known = known;
  } else {
    e.employment = Eigen::VectorXd::Zero(n);
    e.employment_known.assign(n, false);
    e.employment_shares = Eigen::MatrixXd::Zero(n, 0);
  }
  return e;
}

// ---------------------------------------------------------------------------------------
// tradejobs import wiod-wiot | pymrio | oecd-icio
// ---------------------------------------------------------------------------------------
namespace {

void finish_import(MrioTable t, const ImportOptions& o, const std::string& short_name) {
  static const std::set<std::string> kKnown = {
      "aggregate-regions", "aggregate-sectors", "employment",       "collapse", "multi-region",     "sea",
      "concordance",       "ilostat",           "isic-concordance", "niot",     "ilostat-countries"};
  for (const auto& [key, value] : o.extra)
    if (!kKnown.count(key))
      throw InputError("tradejobs import " + o.format + ": option --" + key +
                       " does not apply to this format: expected --country, --year, --aggregate-regions, "
                       "--aggregate-sectors, --employment, --sea with --concordance, --ilostat with "
                       "--isic-concordance, --niot and --concordance, --collapse or --multi-region");
  const bool ilostat = o.extra.count("ilostat") > 0;
  if (o.extra.count("sea") && !o.extra.count("concordance"))
    throw InputError("tradejobs import " + o.format +
                     ": --sea and --concordance go together: expected the SEA files "
                     "and the concordance from their industry codes to the table's");
  if (o.extra.count("concordance") && !o.extra.count("sea") && !ilostat)
    throw InputError("tradejobs import " + o.format +
                     ": --sea and --concordance go together: expected the SEA files "
                     "and the concordance from their industry codes to the table's");
  if (o.extra.count("sea") && o.extra.count("employment"))
    throw InputError("tradejobs import " + o.format + ": --sea and --employment both give employment: expected one");
  if (ilostat && o.extra.count("employment"))
    throw InputError("tradejobs import " + o.format +
                     ": --ilostat and --employment both give employment: expected one (--ilostat may be combined "
                     "with --sea)");
  if (ilostat && (!o.extra.count("isic-concordance") || !o.extra.count("niot") || !o.extra.count("concordance")))
    throw InputError("tradejobs import " + o.format +
                     ": --ilostat needs --isic-concordance FILE (scenarios/concordances/isic4_to_wiod56.csv), --niot "
                     "DIR (the WIOD 2016 national tables, whose gross output weighs the splits) and --concordance "
                     "FILE (the 56 WIOD industries to the table's, scenarios/concordances/wiod56_to_wiod35.csv)");
  for (const char* key : {"isic-concordance", "niot", "ilostat-countries"})
    if (o.extra.count(key) && !ilostat)
      throw InputError("tradejobs import " + o.format + ": --" + key +
                       " is an option of the ILOSTAT satellite: " + "expected it with --ilostat DIR");
  if (o.output.empty())
    throw InputError("tradejobs import " + o.format + ": missing -o DIR: expected an output folder");
  const bool collapse = o.extra.count("collapse") > 0 || (!o.country.empty() && !o.extra.count("multi-region"));
  if (o.extra.count("collapse") && o.country.empty())
    throw InputError("tradejobs import " + o.format +
                     ": --collapse needs --country ISO3: expected the country to keep");
  if (o.extra.count("collapse") && o.extra.count("multi-region"))
    throw InputError("tradejobs import " + o.format +
                     ": --collapse and --multi-region contradict each other: expected one");
  if (o.extra.count("multi-region") && !o.country.empty())
    throw InputError("tradejobs import " + o.format + ": --multi-region keeps every region: expected no --country");
  if (o.year > 0) t.year = o.year;

  const std::string raw_shape =
      std::to_string(t.regions.size()) + " regions x " + std::to_string(t.sector_codes.size()) + " industries";
  if (auto it = o.extra.find("employment"); it != o.extra.end()) attach_employment(t, it->second);
  if (auto it = o.extra.find("sea"); it != o.extra.end()) {
    std::vector<std::string> files;
    std::stringstream list(it->second);
    for (std::string f; std::getline(list, f, ',');)
      if (!f.empty()) files.push_back(f);
    attach_sea_employment(t, files, o.extra.at("concordance"));
  }
  if (ilostat) {
    MrioIlostatInputs in;
    in.ilostat_dir = o.extra.at("ilostat");
    in.isic_concordance = o.extra.at("isic-concordance");
    in.niot_dir = o.extra.at("niot");
    in.concordance = o.extra.at("concordance");
    if (auto it = o.extra.find("sea"); it != o.extra.end()) {
      std::stringstream list(it->second);
      for (std::string f; std::getline(list, f, ',');)
        if (!f.empty()) in.sea_paths.push_back(f);
    }
    if (auto it = o.extra.find("ilostat-countries"); it != o.extra.end()) {
      std::stringstream list(it->second);
      for (std::string c; std::getline(list, c, ',');)
        if (!c.empty()) in.countries.push_back(c);
    }
    attach_ilostat_employment(t, in);
  }
  std::string aggregation = raw_shape;
  bool aggregated = false;
  if (auto it = o.extra.find("aggregate-regions"); it != o.extra.end()) {
    t = aggregate_regions(t, load_aggregation_map(it->second, t.regions));
    aggregated = true;
  }
  if (auto it = o.extra.find("aggregate-sectors"); it != o.extra.end()) {
    t = aggregate_sectors(t, load_aggregation_map(it->second, t.sector_codes));
    aggregated = true;
  }
  if (aggregated)
    aggregation += " aggregated to " + std::to_string(t.regions.size()) + " regions x " +
                   std::to_string(t.sector_codes.size()) + " industries";
  else
    aggregation += ", no aggregation";

  const std::string year = t.year > 0 ? "-" + std::to_string(t.year) : "";
  Economy e;
  EconomyProvenance prov;
  prov.import_command = o.command_line;
  prov.notes = t.notes;
  if (collapse) {
    e = single_region_economy(t, o.country, short_name + year + "-" + o.country);
    aggregation += "; collapsed to " + o.country + " with " + std::to_string(t.regions.size() - 1) + " partner regions";
    prov.notes.push_back("single-region economy of " + o.country +
                         ": its own block is intermediate_domestic, deliveries from the other regions are "
                         "intermediate_imported with imports_by_partner values by source region, exports by "
                         "destination region");
  } else {
    e = mrio_economy(t, short_name + year);
    prov.notes.push_back(
        "full multi-region economy: sector codes <REGION>_<industry>, intermediate_domestic is the "
        "whole world matrix (no intermediate_imported), final demand by region of destination");
  }
  prov.aggregation = aggregation;
  // Atomically, into a new, empty or earlier-imported folder only (docs/model.md §8).
  write_folder_atomically(
      o.output, [&](const std::string& dir) { write_economy(e, dir, prov); }, "import");
}

const std::string& single_source(const ImportOptions& o, const std::string& what) {
  if (o.sources.size() != 1)
    throw InputError("tradejobs import " + o.format + ": " + std::to_string(o.sources.size()) +
                     " sources given: expected one (" + what + ")");
  return o.sources[0];
}

}  // namespace

void import_wiod_wiot(const ImportOptions& o) {
  const std::string& src = single_source(o, "a folder with wiot_YYYY_Z.csv, _Y.csv, _x.csv, or one of those files");
  finish_import(read_wiod_wiot(src, o.year), o, "wiod-wiot");
}

void import_pymrio(const ImportOptions& o) {
  const std::string& src = single_source(o, "pymrio's text folder");
  finish_import(read_pymrio(src), o, "pymrio");
}

void import_oecd_icio(const ImportOptions& o) {
  const std::string& src = single_source(o, "an OECD ICIO CSV file");
  MrioTable t = read_oecd_icio(src);
  t.year = o.year > 0 ? o.year : year_in_name(fs::path(src).filename().string());
  t.source = "OECD Inter-Country Input-Output (ICIO) tables, file " + fs::path(src).filename().string() +
             " (OECD, http://oe.cd/icio)";
  t.licence = "OECD terms and conditions (https://www.oecd.org/termsandconditions)";
  finish_import(std::move(t), o, "oecd-icio");
}

}  // namespace tradejobs
