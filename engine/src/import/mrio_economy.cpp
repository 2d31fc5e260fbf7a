// The economies built from a multi-region table and the common end of the MRIO import
// commands (mrio_economy.h; docs/mrio.md).
#include "import/mrio_economy.h"

#include <algorithm>
#include <set>

#include "formats/text.h"
#include "import/mrio_ilostat.h"
#include "import/mrio_satellites.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"

namespace tradejobs {

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
  const int c = index_of(t.regions, country);
  if (c < 0)
    throw InputError("--country " + country + ": not a region of the table: expected one of " +
                     join(t.regions, ", ", 60));
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

bool MrioImportOptions::is_valid(std::string* error) const {
  std::string problem;
  const bool with_ilostat = !ilostat.empty();
  if (year != 0 && (year < 1000 || year > 9999))
    problem = "--year = " + std::to_string(year) + ": must be a year written YYYY (e.g. 2011)";
  else if ((!sea.empty() && concordance.empty()) || (!concordance.empty() && sea.empty() && !with_ilostat))
    problem =
        "--sea and --concordance go together: expected the SEA files and the concordance from their industry codes "
        "to the table's";
  else if (!sea.empty() && !employment.empty())
    problem = "--sea and --employment both give employment: expected one";
  else if (with_ilostat && !employment.empty())
    problem = "--ilostat and --employment both give employment: expected one (--ilostat may be combined with --sea)";
  else if (with_ilostat && (isic_concordance.empty() || niot.empty() || concordance.empty()))
    problem =
        "--ilostat needs --isic-concordance FILE (scenarios/concordances/isic4_to_wiod56.csv), --niot DIR (the WIOD "
        "2016 national tables, whose gross output weighs the splits) and --concordance FILE (the 56 WIOD industries "
        "to the table's, scenarios/concordances/wiod56_to_wiod35.csv)";
  else if (!with_ilostat && !isic_concordance.empty())
    problem = "--isic-concordance is an option of the ILOSTAT satellite: expected it with --ilostat DIR";
  else if (!with_ilostat && !niot.empty())
    problem = "--niot is an option of the ILOSTAT satellite: expected it with --ilostat DIR";
  else if (!with_ilostat && !ilostat_countries.empty())
    problem = "--ilostat-countries is an option of the ILOSTAT satellite: expected it with --ilostat DIR";
  else if (collapse && country.empty())
    problem = "--collapse needs --country ISO3: expected the country to keep";
  else if (collapse && multi_region)
    problem = "--collapse and --multi-region contradict each other: expected one";
  else if (multi_region && !country.empty())
    problem = "--multi-region keeps every region: expected no --country";
  if (!problem.empty() && error) *error = problem;
  return problem.empty();
}

void check_mrio_import(const ImportCommand& c, const MrioImportOptions& o, const std::string& format,
                       const std::string& source) {
  if (c.sources.size() != 1)
    throw InputError("tradejobs import " + format + ": " + std::to_string(c.sources.size()) +
                     " sources given: expected one (" + source + ")");
  if (c.output.empty()) throw InputError("tradejobs import " + format + ": missing -o DIR: expected an output folder");
  if (std::string e; !o.is_valid(&e)) throw InputError("tradejobs import " + format + ": " + e);
}

void finish_import(MrioTable t, const ImportCommand& c, const MrioImportOptions& o, const std::string& format) {
  const bool collapse = o.collapse || (!o.country.empty() && !o.multi_region);
  if (o.year > 0) t.year = o.year;

  const std::string raw_shape =
      std::to_string(t.regions.size()) + " regions x " + std::to_string(t.sector_codes.size()) + " industries";
  if (!o.employment.empty()) attach_employment(t, o.employment);
  if (!o.sea.empty()) attach_sea_employment(t, o.sea, o.concordance);
  if (!o.ilostat.empty()) {
    MrioIlostatInputs in;
    in.ilostat_dir = o.ilostat;
    in.isic_concordance = o.isic_concordance;
    in.niot_dir = o.niot;
    in.concordance = o.concordance;
    in.sea_paths = o.sea;
    in.countries = o.ilostat_countries;
    attach_ilostat_employment(t, in);
  }
  std::string aggregation = raw_shape;
  bool aggregated = false;
  if (!o.aggregate_regions.empty()) {
    t = aggregate_regions(t, load_aggregation_map(o.aggregate_regions, t.regions));
    aggregated = true;
  }
  if (!o.aggregate_sectors.empty()) {
    t = aggregate_sectors(t, load_aggregation_map(o.aggregate_sectors, t.sector_codes));
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
  prov.import_command = c.command_line;
  prov.notes = t.notes;
  if (collapse) {
    e = single_region_economy(t, o.country, format + year + "-" + o.country);
    aggregation += "; collapsed to " + o.country + " with " + std::to_string(t.regions.size() - 1) + " partner regions";
    prov.notes.push_back("single-region economy of " + o.country +
                         ": its own block is intermediate_domestic, deliveries from the other regions are "
                         "intermediate_imported with imports_by_partner values by source region, exports by "
                         "destination region");
  } else {
    e = mrio_economy(t, format + year);
    prov.notes.push_back(
        "full multi-region economy: sector codes <REGION>_<industry>, intermediate_domestic is the "
        "whole world matrix (no intermediate_imported), final demand by region of destination");
  }
  prov.aggregation = aggregation;
  // Atomically, into a new, empty or earlier-imported folder only (docs/model.md §8).
  write_folder_atomically(
      c.output, [&](const std::string& dir) { write_economy(e, dir, prov); }, "import");
}

}  // namespace tradejobs
