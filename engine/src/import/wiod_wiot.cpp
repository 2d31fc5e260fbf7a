// `tradejobs import wiod-wiot`: the WIOD 2013 world table in bquast/wiod's CSV conversion
// (wiod_wiot.h; docs/mrio.md).
#include "import/wiod_wiot.h"

#include <algorithm>
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

}  // namespace

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
      reg, sec, [&](size_t k) { return location_of(z_path, 1, static_cast<int>(k + 2)); }, "column label");
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
        [&](size_t k) { return k < z.rows.size() ? z.where(k, 0) : location_of(z_path, 0, 0); }, "row label");
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
        [&](size_t k) { return k < y.rows.size() ? y.where(k, 0) : location_of(y_path, 0, 0); }, "row label");
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
      [&](size_t k) { return k < xs.rows.size() ? xs.where(k, 0) : location_of(x_path, 0, 0); }, "row label");
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

void import_wiod_wiot(const ImportCommand& c, const MrioImportOptions& o) {
  check_mrio_import(c, o, "wiod-wiot", "a folder with wiot_YYYY_Z.csv, _Y.csv, _x.csv, or one of those files");
  const std::string& src = c.sources[0];
  finish_import(read_wiod_wiot(src, o.year), c, o, "wiod-wiot");
}

}  // namespace tradejobs
