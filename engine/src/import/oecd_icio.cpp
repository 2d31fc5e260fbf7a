// `tradejobs import oecd-icio`: an OECD ICIO CSV release (oecd_icio.h; docs/mrio.md).
#include "import/oecd_icio.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "formats/csv.h"
#include "formats/text.h"
#include "import/mrio_economy.h"
#include "import/mrio_reading.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"

namespace fs = std::filesystem;

namespace tradejobs {

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
      ind_reg, ind_sec, [&](size_t k) { return location_of(path, 1, static_cast<int>(ind_cols[k] + 1)); }, "column");
  const Layout fl = region_major_layout(
      fd_reg, fd_cat, [&](size_t k) { return location_of(path, 1, static_cast<int>(fd_cols[k] + 1)); },
      "final-demand column");
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

void import_oecd_icio(const ImportCommand& c, const MrioImportOptions& o) {
  check_mrio_import(c, o, "oecd-icio", "an OECD ICIO CSV file");
  const std::string& src = c.sources[0];
  MrioTable t = read_oecd_icio(src);
  t.year = o.year > 0 ? o.year : year_in_name(fs::path(src).filename().string());
  t.source = "OECD Inter-Country Input-Output (ICIO) tables, file " + fs::path(src).filename().string() +
             " (OECD, http://oe.cd/icio)";
  t.licence = "OECD terms and conditions (https://www.oecd.org/termsandconditions)";
  finish_import(std::move(t), c, o, "oecd-icio");
}

}  // namespace tradejobs
