// `tradejobs import pymrio`: pymrio's text folder (pymrio.h; docs/mrio.md).
#include "import/pymrio.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "formats/csv.h"
#include "formats/text.h"
#include "import/mrio_economy.h"
#include "import/mrio_reading.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

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
      col_reg, col_sec, [&](size_t k) { return location_of(z_path, 2, static_cast<int>(k + 4)); }, "column");
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
      y_reg, y_cat, [&](size_t k) { return location_of(y_path, 2, static_cast<int>(k + 4)); }, "final-demand column");
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
      if (const int k = index_of(names, code); k < 0) {
        names.push_back(code);
        rows.push_back(v);
      } else {
        rows[static_cast<size_t>(k)] += v;  // several labour rows (e.g. by skill) add up to compensation
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

void import_pymrio(const ImportCommand& c, const MrioImportOptions& o) {
  check_mrio_import(c, o, "pymrio", "pymrio's text folder");
  const std::string& src = c.sources[0];
  finish_import(read_pymrio(src), c, o, "pymrio");
}

}  // namespace tradejobs
