// Reading WIOD 2016 national tables and Socio-Economic Accounts, and building the §1 economy
// from them (docs/model.md §1, §7, §9). See docs/wiod_niot.md for the decisions taken here.
#include "import/wiod_niot.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "formats/csv.h"
#include "formats/text.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

const std::vector<std::string> kFinalUseCodes = {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"};
const std::vector<std::string> kFinalDemandCategories = {"household", "npish", "government", "investment",
                                                         "inventories"};
const std::vector<std::string> kTotalRowCodes = {"II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO"};
constexpr int kIndustries = 56;
constexpr int kLeadColumns = 4;                     // Year, Code, Description, Origin
constexpr int kValueColumns = kIndustries + 5 + 2;  // industries, final use, EXP, GO
constexpr int kRowsPerYear = 2 * kIndustries + 8;   // Domestic, Imports, TOT
const char* const kLayout =
    "the WIOD 2016 NIOT layout: Year, Code, Description, Origin, the 56 industries A01 ... U, CONS_h, CONS_np, "
    "CONS_g, GFCF, INVEN, EXP, GO";
const char* const kRowLayout =
    "per year 120 rows: 56 with Origin Domestic and 56 with Origin Imports in the industry order A01 ... U, then 8 "
    "with Origin TOT: II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO";

std::string basename_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

/// Relative difference |a − b| / |b| with 0/0 = 0 (the checker's measure, docs/model.md §1).
double relative_difference(double a, double b) {
  if (a == b) return 0.0;
  return std::abs(a - b) / std::max(std::abs(b), 1e-12);
}

/// Percentages for notes, e.g. "0.0123%".
std::string percent(double share) { return format_number(100.0 * share) + "%"; }

int integer_cell(const CsvTable& t, size_t r, size_t c, const std::string& what) {
  const double v = t.number(r, c);
  if (v != std::floor(v) || v < 0 || v > 1e6)
    throw InputError(t.where(r, c) + ": '" + excerpt(t.rows[r][c]) + "': expected " + what);
  return static_cast<int>(v);
}

std::string years_text(const std::set<int>& years) {
  if (years.empty()) return "none";
  std::vector<int> v(years.begin(), years.end());
  bool contiguous = v.back() - v.front() + 1 == static_cast<int>(v.size());
  if (contiguous && v.size() > 2) return std::to_string(v.front()) + "-" + std::to_string(v.back());
  std::string s;
  for (int y : v) s += (s.empty() ? "" : ", ") + std::to_string(y);
  return s;
}

}  // namespace

const std::vector<std::string>& wiod_industry_codes() {
  static const std::vector<std::string> codes = {
      "A01",     "A02",     "A03", "B",       "C10-C12", "C13-C15", "C16", "C17", "C18",     "C19",     "C20", "C21",
      "C22",     "C23",     "C24", "C25",     "C26",     "C27",     "C28", "C29", "C30",     "C31_C32", "C33", "D35",
      "E36",     "E37-E39", "F",   "G45",     "G46",     "G47",     "H49", "H50", "H51",     "H52",     "H53", "I",
      "J58",     "J59_J60", "J61", "J62_J63", "K64",     "K65",     "K66", "L68", "M69_M70", "M71",     "M72", "M73",
      "M74_M75", "N",       "O84", "P85",     "Q",       "R_S",     "T",   "U"};
  return codes;
}

Eigen::VectorXd WiodNiotTable::total_row(const std::string& code) const {
  for (size_t k = 0; k < total_row_codes.size(); ++k)
    if (total_row_codes[k] == code) return total_rows.row(static_cast<Eigen::Index>(k)).transpose();
  throw InputError(located(path, 0, 0, "no TOT row '" + excerpt(code) + "' for year " + std::to_string(year)));
}

WiodNiotTable read_wiod_niot(const std::string& path, int year) {
  const CsvTable t = read_csv(path);
  const auto& codes = wiod_industry_codes();

  // Header: exactly the published columns in the published order.
  std::vector<std::string> expected = {"Year", "Code", "Description", "Origin"};
  expected.insert(expected.end(), codes.begin(), codes.end());
  expected.insert(expected.end(), kFinalUseCodes.begin(), kFinalUseCodes.end());
  expected.push_back("EXP");
  expected.push_back("GO");
  for (size_t c = 0; c < std::min(expected.size(), t.header.size()); ++c)
    if (t.header[c] != expected[c])
      throw InputError(
          located(path, 1, static_cast<int>(c + 1),
                  "column '" + excerpt(t.header[c]) + "', expected '" + expected[c] + "' (" + kLayout + ")"));
  if (t.header.size() != expected.size())
    throw InputError(located(path, 1, 0,
                             "header has " + std::to_string(t.header.size()) + " columns, expected " +
                                 std::to_string(expected.size()) + " (" + kLayout + ")"));

  // Years present, Origin values known.
  std::set<int> years;
  std::vector<int> row_year(t.rows.size());
  for (size_t r = 0; r < t.rows.size(); ++r) {
    row_year[r] = integer_cell(t, r, 0, "a year such as 2014 in column 'Year'");
    years.insert(row_year[r]);
    const std::string& origin = t.rows[r][3];
    if (origin != "Domestic" && origin != "Imports" && origin != "TOT")
      throw InputError(t.where(r, 3) + ": Origin '" + excerpt(origin) + "': expected Domestic, Imports or TOT");
  }
  if (years.empty()) throw InputError(located(path, 0, 0, "no data rows: expected " + std::string(kRowLayout)));
  if (year == 0) year = *years.rbegin();
  if (!years.count(year))
    throw InputError(located(path, 0, 0,
                             "no rows for year " + std::to_string(year) + ": the file has years " + years_text(years) +
                                 " (choose one with --year)"));

  std::vector<size_t> rows;
  for (size_t r = 0; r < t.rows.size(); ++r)
    if (row_year[r] == year) rows.push_back(r);
  // Rows in the published order: Domestic × 56, Imports × 56, TOT × 8.
  for (size_t k = 0; k < rows.size(); ++k) {
    const size_t r = rows[k];
    if (k >= static_cast<size_t>(kRowsPerYear))
      throw InputError(t.where(r, 0) + ": year " + std::to_string(year) + " has more than " +
                       std::to_string(kRowsPerYear) + " rows: expected " + kRowLayout);
    std::string want_origin, want_code;
    if (k < static_cast<size_t>(kIndustries)) {
      want_origin = "Domestic";
      want_code = codes[k];
    } else if (k < static_cast<size_t>(2 * kIndustries)) {
      want_origin = "Imports";
      want_code = codes[k - kIndustries];
    } else {
      want_origin = "TOT";
      want_code = kTotalRowCodes[k - 2 * kIndustries];
    }
    if (t.rows[r][1] != want_code || t.rows[r][3] != want_origin)
      throw InputError(t.where(r, 2) + ": row '" + excerpt(t.rows[r][1]) + "' with Origin '" + excerpt(t.rows[r][3]) +
                       "', expected '" + want_code + "' with Origin '" + excerpt(want_origin) + "' (row " +
                       std::to_string(k + 1) + " of year " + std::to_string(year) + "; " + kRowLayout + ")");
  }
  if (rows.size() < static_cast<size_t>(kRowsPerYear))
    throw InputError(located(path, t.line_numbers[rows.back()], 0,
                             "year " + std::to_string(year) + " ends after " + std::to_string(rows.size()) +
                                 " rows: expected " + kRowLayout + " (is the file truncated?)"));

  WiodNiotTable w;
  w.path = path;
  w.year = year;
  w.industry_codes = codes;
  w.final_use_codes = kFinalUseCodes;
  w.total_row_codes = kTotalRowCodes;
  const Eigen::Index n = kIndustries;
  Eigen::MatrixXd values(kRowsPerYear, kValueColumns);
  for (Eigen::Index k = 0; k < kRowsPerYear; ++k)
    for (Eigen::Index c = 0; c < kValueColumns; ++c) values(k, c) = t.number(rows[k], kLeadColumns + c);
  // Intermediate flows are never negative (docs/model.md §1).
  for (Eigen::Index k = 0; k < 2 * n; ++k)
    for (Eigen::Index c = 0; c < n; ++c)
      if (values(k, c) < 0.0)
        throw InputError(t.where(rows[k], kLeadColumns + c) + ": intermediate flow " +
                         excerpt(t.rows[rows[k]][kLeadColumns + c]) + " (column '" +
                         excerpt(t.header[kLeadColumns + c]) + "') is negative: expected >= 0");
  for (Eigen::Index i = 0; i < n; ++i) w.industry_names.push_back(t.rows[rows[i]][2]);
  w.intermediate_domestic = values.block(0, 0, n, n);
  w.intermediate_imported = values.block(n, 0, n, n);
  w.final_use_domestic = values.block(0, n, n, 5);
  w.final_use_imported = values.block(n, n, n, 5);
  w.exports_domestic = values.block(0, n + 5, n, 1);
  w.exports_of_imports = values.block(n, n + 5, n, 1);
  w.output_column = values.block(0, n + 6, n, 1);
  w.total_rows = values.block(2 * n, 0, 8, kValueColumns);
  return w;
}

WiodSeaYear read_wiod_sea(const std::string& path, const std::string& country, int year) {
  return read_wiod_sea(read_csv(path), country, year);
}

WiodSeaYear read_wiod_sea(const CsvTable& t, const std::string& country, int year) {
  const std::string& path = t.path;
  const int c_country = t.require_column("country");
  const int c_code = t.require_column("code");
  const int c_year = t.require_column("year");
  const int c_comp = t.require_column("COMP");
  const int c_emp = t.require_column("EMP");
  const int c_empe = t.require_column("EMPE");
  const int c_go = t.require_column("GO");
  const int c_exch = t.require_column("NOMEXCH");
  WiodSeaYear s;
  s.path = path;
  s.country = country;
  s.year = year;
  std::set<std::string> countries;
  std::set<int> years;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    countries.insert(t.rows[r][c_country]);
    if (t.rows[r][c_country] != country) continue;
    const int y = integer_cell(t, r, c_year, "a year such as 2014 in column 'year'");
    years.insert(y);
    if (y != year) continue;
    const std::string& code = t.rows[r][c_code];
    SeaIndustry i;
    i.compensation = t.number(r, c_comp);
    i.persons_engaged = t.number(r, c_emp);
    i.employees = t.number(r, c_empe);
    i.gross_output = t.number(r, c_go);
    i.exchange_rate = t.number(r, c_exch);
    i.where = path + ":" + std::to_string(t.line_numbers[r]);
    if (!(i.exchange_rate > 0.0))
      throw InputError(t.where(r, c_exch) + ": NOMEXCH " + excerpt(t.rows[r][c_exch]) +
                       ": expected a positive exchange rate (national currency per US dollar)");
    if (!s.industries.emplace(code, i).second)
      throw InputError(t.where(r, c_code) + ": industry '" + excerpt(code) + "' appears twice for " + country + " " +
                       std::to_string(year) + ": expected one row per industry");
  }
  if (!countries.count(country))
    throw InputError(located(path, 0, 0,
                             "no rows for country '" + excerpt(country) + "': the file has " +
                                 join(std::vector<std::string>(countries.begin(), countries.end())) +
                                 " (pass the SEA file of the table's country)"));
  if (s.industries.empty())
    throw InputError(located(path, 0, 0,
                             "no rows for " + country + " in year " + std::to_string(year) + ": the file has years " +
                                 years_text(years) + " for " + country));
  return s;
}

PartnerTrade read_partner_trade(const std::string& path) {
  const CsvTable t = read_csv(path);
  const int c_code = t.require_column("code");
  const int c_partner = t.require_column("partner");
  const int c_imp = t.require_column("imports");
  const int c_impw = t.require_column("imports_world");
  const int c_exp = t.require_column("exports");
  const int c_expw = t.require_column("exports_world");
  PartnerTrade p;
  p.path = path;
  if (t.rows.empty()) throw InputError(located(path, 0, 0, "no data rows: expected one row per classification code"));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& code = t.rows[r][c_code];
    const std::string& partner = t.rows[r][c_partner];
    if (code.empty()) throw InputError(t.where(r, c_code) + ": empty code: expected a classification code");
    if (partner.empty() || partner == "ROW" || partner == "total")
      throw InputError(t.where(r, c_partner) + ": partner '" + excerpt(partner) +
                       "': expected a partner code such as CHN (not empty, ROW or total)");
    if (p.partner.empty()) p.partner = partner;
    if (partner != p.partner)
      throw InputError(t.where(r, c_partner) + ": partner '" + excerpt(partner) + "', expected '" + excerpt(p.partner) +
                       "' as in the first row (one partner per file)");
    if (p.imports.count(code))
      throw InputError(t.where(r, c_code) + ": code '" + excerpt(code) + "' appears twice: expected one row per code");
    const int cols[4] = {c_imp, c_impw, c_exp, c_expw};
    double v[4];
    for (int k = 0; k < 4; ++k) {
      v[k] = t.number(r, cols[k]);
      if (v[k] < 0.0)
        throw InputError(t.where(r, cols[k]) + ": " + excerpt(t.rows[r][cols[k]]) +
                         " is negative: expected a trade value >= 0");
    }
    for (int k : {0, 2})
      if (v[k] > v[k + 1] * (1.0 + 1e-9))
        throw InputError(t.where(r, cols[k]) + ": " + excerpt(t.header[cols[k]]) + " " + excerpt(t.rows[r][cols[k]]) +
                         " exceeds " + excerpt(t.header[cols[k + 1]]) + " " + excerpt(t.rows[r][cols[k + 1]]) +
                         ": expected trade with " + partner + " <= trade with the world");
    p.imports[code] = v[0];
    p.imports_world[code] = v[1];
    p.exports[code] = v[2];
    p.exports_world[code] = v[3];
  }
  return p;
}

WiodNiotBuild build_wiod_niot_economy(const WiodNiotTable& w, const std::string& country, const WiodSeaYear& sea) {
  return build_wiod_niot_economy(w, country, &sea);
}

WiodNiotBuild build_wiod_niot_economy(const WiodNiotTable& w, const std::string& country, const WiodSeaYear* sea_ptr) {
  const Eigen::Index n = static_cast<Eigen::Index>(w.industry_codes.size());
  const std::string file = basename_of(w.path);
  const std::string sea_file = sea_ptr ? basename_of(sea_ptr->path) : std::string();
  const std::string where = w.path + ": year " + std::to_string(w.year);
  WiodNiotBuild b;
  Economy& e = b.economy;
  auto& notes = b.notes;
  e.name = lower(country) + "-" + std::to_string(w.year);
  e.country = country;
  e.year = w.year;
  e.currency = "USD million";
  e.employment_unit = "persons";
  e.source =
      "World Input-Output Database (WIOD), 2016 release: National Input-Output Table " + file + " (year " +
      std::to_string(w.year) + ", USD million, current basic prices)" +
      (sea_ptr ? " and Socio-Economic Accounts (" + sea_file + ")" : std::string()) +
      "; Timmer, Dietzenbacher, Los, Stehrer and de Vries (2015), 'An Illustrated User Guide to the World "
      "Input-Output Database: the Case of Global Automotive Production', Review of International Economics "
      "23:575-605; DataverseNL doi:10.34894/PJ2M1C. NIOT as redistributed (cells rounded to whole USD million) by "
      "github.com/davidqo1231/Energy-intensity (commit 00257917b3cd2e99e468a3ab9c6eca3deb8e9604, Data/NIOT/)" +
      std::string(
          sea_ptr
              ? "; SEA as "
                "redistributed by github.com/dbasu-umass/niotables (commit 5c65c139797500b388297c3eada0ba8cdfe5cb29, "
                "data/sea.rda) and github.com/dbasu-umass/clptheory (commit 66a9bc5e61d27bd7a7104ddb3bfd7fa6d25ba38b)"
              : "");
  e.licence =
      "CC BY 4.0 (the GGDC WIOD 2016 release page states the data are licensed under the Creative Commons "
      "Attribution 4.0 International License; cite Timmer et al. 2015). The NIOT redistributing repository has no "
      "licence file" +
      std::string(sea_ptr ? "; the SEA redistributing repositories are MIT-licensed" : "");
  e.sector_codes = w.industry_codes;
  e.sector_names = w.industry_names;

  // Flows (docs/model.md §1).
  e.intermediate_domestic = w.intermediate_domestic;
  e.intermediate_imported = w.intermediate_imported;
  e.final_demand_categories = kFinalDemandCategories;
  e.final_demand_domestic = w.final_use_domestic;
  e.final_demand_imported = w.final_use_imported;
  e.export_partners = {"total"};
  e.exports = w.exports_domestic;

  // Gross output from the row identity x = Zd·1 + Fd·1 + e (docs/model.md §1).
  const Eigen::VectorXd x = gross_output(e);
  for (Eigen::Index i = 0; i < n; ++i)
    if (x(i) < 0.0)
      throw InputError(where + ": sector " + e.sector_codes[i] +
                       ": gross output from the row identity Zd·1 + Fd·1 + e is " + format_number(x(i)) +
                       " USD million: expected >= 0 (the rounded cells of this sector do not add up)");

  // Re-exports: the EXP of the Imports rows is not domestic output and stays out of e.
  const double re_exports = w.exports_of_imports.sum();
  if (w.exports_of_imports.cwiseAbs().maxCoeff() == 0.0)
    notes.push_back(
        "Exports (exports.csv) are the EXP column of the Domestic rows; the EXP column of the Imports rows "
        "(re-exports) is 0 for every product in " +
        file + ".");
  else
    notes.push_back(
        "Exports (exports.csv) are the EXP column of the Domestic rows; re-exports (EXP of the Imports rows, "
        "total " +
        format_number(re_exports) +
        " USD million) are not domestic output and are not in e; "
        "imports m = Zm·1 + Fm·1 count only imports used at home.");

  // Output: the file's GO column against the row identity.
  {
    double worst = 0.0, worst_abs = 0.0;
    Eigen::Index at = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double rel = relative_difference(x(i), w.output_column(i));
      if (rel > worst || (rel == worst && std::abs(x(i) - w.output_column(i)) > worst_abs)) {
        worst = rel;
        worst_abs = std::abs(x(i) - w.output_column(i));
        at = i;
      }
    }
    const std::string diff = "largest difference between the row identity Zd·1 + Fd·1 + e and the GO column of " +
                             file + ": " + format_number(x(at) - w.output_column(at)) + " USD million in sector " +
                             e.sector_codes[at] + " (relative " + format_number(worst) + ")";
    if (worst <= 1e-6) {
      e.output_reported = w.output_column;
      notes.push_back("Gross output: " + diff + "; the GO column is written as output.csv.");
    } else {
      notes.push_back("Gross output is x from the row identity; " + diff +
                      ", beyond the checker's relative tolerance 1e-6 because the cells are rounded, so the GO column "
                      "is not written as output.csv.");
    }
    // The TOT GO row repeats the GO column; II_fob is the column total of Zd + Zm.
    const Eigen::VectorXd go_row = w.total_row("GO").head(n);
    const Eigen::VectorXd ii = w.total_row("II_fob").head(n);
    const Eigen::VectorXd ii_sum =
        (e.intermediate_domestic.colwise().sum() + e.intermediate_imported.colwise().sum()).transpose();
    notes.push_back("Checks against the file's TOT rows: largest |GO row − GO column| " +
                    format_number((go_row - w.output_column).cwiseAbs().maxCoeff()) +
                    ", largest |II_fob − (ΣZd + ΣZm)| " + format_number((ii - ii_sum).cwiseAbs().maxCoeff()) +
                    " USD million.");
  }

  // Employment and compensation from the SEA (docs/model.md §1, §4); without SEA the satellite
  // (apply_ilostat) gives them.
  Eigen::VectorXd compensation = Eigen::VectorXd::Zero(n);
  std::vector<std::string> no_jobs, no_employees;
  double sea_worst = 0.0;
  Eigen::Index sea_at = -1;
  double exchange_rate = 0.0;
  if (sea_ptr) {
    const WiodSeaYear& sea = *sea_ptr;
    e.employment.resize(n);
    e.employment_share_names = {"self_employed"};
    e.employment_shares.resize(n, 1);
    e.annual_wage.resize(n);
    std::set<std::string> seen;
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::string& code = e.sector_codes[j];
      auto it = sea.industries.find(code);
      if (it == sea.industries.end())
        throw InputError(located(sea.path, 0, 0,
                                 "no row for industry '" + excerpt(code) + "' of " + sea.country + " " +
                                     std::to_string(sea.year) + ": expected the 56 WIOD industries"));
      seen.insert(code);
      const SeaIndustry& s = it->second;
      exchange_rate = s.exchange_rate;
      if (s.compensation < 0.0 || s.persons_engaged < 0.0 || s.employees < 0.0)
        throw InputError(s.where + ": industry " + code + ": COMP " + format_number(s.compensation) + ", EMP " +
                         format_number(s.persons_engaged) + ", EMPE " + format_number(s.employees) +
                         ": expected values >= 0");
      if (s.employees > s.persons_engaged)
        throw InputError(s.where + ": industry " + code + ": EMPE " + format_number(s.employees) +
                         " thousand employees exceed EMP " + format_number(s.persons_engaged) +
                         " thousand persons engaged: expected employees <= persons engaged");
      if (s.employees == 0.0 && s.compensation > 0.0)
        throw InputError(s.where + ": industry " + code + ": COMP " + format_number(s.compensation) +
                         " million but EMPE 0 employees: expected compensation only where there are employees");
      if (s.persons_engaged > 0.0 && x(j) == 0.0)
        throw InputError(s.where + ": industry " + code + " has " + format_number(s.persons_engaged) +
                         " thousand persons engaged but zero output in " + file +
                         ": x_j > 0 is required for every sector with jobs (docs/model.md §1)");
      compensation(j) = s.compensation / s.exchange_rate;  // million national currency -> USD million
      e.employment(j) = s.persons_engaged * 1000.0;        // thousands -> persons
      if (s.persons_engaged == 0.0) {
        e.employment_shares(j, 0) = 0.0;
        e.annual_wage(j) = 0.0;
        no_jobs.push_back(code);
      } else {
        e.employment_shares(j, 0) = (s.persons_engaged - s.employees) / s.persons_engaged;
        if (s.employees == 0.0) {
          e.annual_wage(j) = 0.0;
          no_employees.push_back(code);
        } else {
          e.annual_wage(j) = s.compensation * 1e6 / s.exchange_rate / (s.employees * 1000.0);  // USD per employee-year
        }
      }
      if (x(j) > 0.0) {
        const double rel = relative_difference(s.gross_output / s.exchange_rate, x(j));
        if (rel > sea_worst) {
          sea_worst = rel;
          sea_at = j;
        }
      }
    }
    if (seen.size() != sea.industries.size()) {
      std::vector<std::string> extra;
      for (const auto& [code, s] : sea.industries)
        if (!seen.count(code)) extra.push_back(code);
      throw InputError(sea.industries.at(extra.front()).where + ": industry '" + excerpt(extra.front()) + "' of " +
                       sea.country + " " + std::to_string(sea.year) +
                       " is not a WIOD 2016 industry: expected the 56 codes A01 ... U");
    }
  }

  // Value added (docs/model.md §1, §9): compensation, the rest of VA, the other TOT rows, rounding.
  const Eigen::VectorXd va = w.total_row("VA").head(n);
  e.value_added_components = {"compensation",
                              "other_value_added",
                              "taxes_on_products",
                              "cif_fob_adjustments_on_exports",
                              "direct_purchases_abroad_by_residents",
                              "purchases_by_non_residents",
                              "international_transport_margins",
                              "rounding"};
  e.value_added.resize(8, n);
  e.value_added.row(0) = compensation.transpose();
  e.value_added.row(1) = (va - compensation).transpose();
  e.value_added.row(2) = w.total_row("TXSP").head(n).transpose();
  e.value_added.row(3) = w.total_row("EXP_adj").head(n).transpose();
  e.value_added.row(4) = w.total_row("PURR").head(n).transpose();
  e.value_added.row(5) = w.total_row("PURNR").head(n).transpose();
  e.value_added.row(6) = w.total_row("IntTTM").head(n).transpose();
  e.value_added.row(7).setZero();
  const Eigen::RowVectorXd inputs_before_rounding = total_inputs(e).transpose();
  e.value_added.row(7) = x.transpose() - inputs_before_rounding;
  {
    double worst = 0.0;
    Eigen::Index at = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      if (x(j) > 0.0 && std::abs(e.value_added(7, j)) / x(j) > worst) {
        worst = std::abs(e.value_added(7, j)) / x(j);
        at = j;
      }
    notes.push_back("The cells of " + file +
                    " are rounded to whole USD million, so the column identity x_j = ΣZd + ΣZm + "
                    "ΣV does not hold exactly with x from the row identity; the value-added row 'rounding' holds the "
                    "residual (largest " +
                    format_number(e.value_added(7, at)) + " USD million in sector " + e.sector_codes[at] + ", " +
                    percent(worst) + " of its output; total " + format_number(e.value_added.row(7).sum()) +
                    " USD million).");
  }
  if (sea_ptr)
    notes.push_back("compensation = SEA COMP / NOMEXCH (" + format_number(exchange_rate) +
                    " national currency per US dollar), USD million; other_value_added = NIOT VA − compensation; the "
                    "other rows are the NIOT TOT rows TXSP, EXP_adj, PURR, PURNR and IntTTM of the industry columns.");
  {
    std::vector<std::string> negative;
    for (Eigen::Index j = 0; j < n; ++j)
      if (e.value_added(1, j) < 0.0)
        negative.push_back(e.sector_codes[j] + " (" + format_number(e.value_added(1, j)) + ")");
    if (sea_ptr && !negative.empty())
      notes.push_back("SEA compensation exceeds NIOT value added, so other_value_added is negative, in: " +
                      join(negative) + " USD million.");
  }
  if (sea_at >= 0)
    notes.push_back("SEA GO / NOMEXCH differs from NIOT output by at most " + percent(sea_worst) + " (sector " +
                    e.sector_codes[sea_at] + ").");

  // Final-use columns of the TOT rows are not part of the §1 economy: say what is left out.
  {
    std::vector<std::string> parts;
    for (const std::string code : {"TXSP", "EXP_adj", "PURR", "PURNR", "IntTTM"}) {
      const double total = w.total_row(code).segment(n, 6).sum();
      if (total != 0.0) parts.push_back(code + " " + format_number(total));
    }
    if (!parts.empty())
      notes.push_back(
          "Not in the economy: the final-use columns (CONS_h ... INVEN, EXP) of the TOT rows, the bridge from "
          "basic prices to final expenditure (USD million): " +
          join(parts) + ".");
  }

  // Zero-output sectors and employment notes.
  {
    std::vector<std::string> zero;
    for (Eigen::Index j = 0; j < n; ++j)
      if (x(j) == 0.0) zero.push_back(e.sector_codes[j]);
    if (!zero.empty()) notes.push_back("Sectors with zero output: " + join(zero) + " (zero columns in A, no jobs).");
  }
  if (sea_ptr)
    notes.push_back(
        "employment total = SEA EMP × 1000 (persons engaged); self_employed = (EMP − EMPE) / EMP (persons "
        "engaged who are not employees: the closest formality proxy); annual_wage = COMP / NOMEXCH / EMPE in "
        "USD per employee and year.");
  if (!no_jobs.empty())
    notes.push_back(
        "Sectors with no persons engaged in the SEA (self_employed and annual_wage set to 0): " + join(no_jobs) + ".");
  if (!no_employees.empty())
    notes.push_back(
        "Sectors with persons engaged but no employees in the SEA (annual_wage set to 0): " + join(no_employees) + ".");
  return b;
}

void split_trade_by_partner(WiodNiotBuild& b, const PartnerTrade& trade, const Concordance& concordance) {
  Economy& e = b.economy;
  const Eigen::Index n = e.sectors();
  if (e.export_partners.size() != 1)
    throw InputError(located(trade.path, 0, 0, "exports are already split by partner: expected a 'total' column only"));
  const auto imp = map_sum(concordance, trade.imports);
  const auto imp_world = map_sum(concordance, trade.imports_world);
  const auto exp = map_sum(concordance, trade.exports);
  const auto exp_world = map_sum(concordance, trade.exports_world);
  auto share = [](const std::map<std::string, double>& num, const std::map<std::string, double>& den,
                  const std::string& code, bool& mapped) {
    auto d = den.find(code);
    mapped = d != den.end() && d->second > 0.0;
    if (!mapped) return 0.0;
    auto v = num.find(code);
    return std::min(1.0, (v == num.end() ? 0.0 : v->second) / d->second);
  };
  e.import_partners = {trade.partner, "ROW"};
  e.import_shares.resize(n, 2);
  Eigen::MatrixXd exports(n, 2);
  std::vector<std::string> no_imports, no_exports;
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string& code = e.sector_codes[i];
    bool mapped = false;
    const double si = share(imp, imp_world, code, mapped);
    if (!mapped) no_imports.push_back(code);
    e.import_shares(i, 0) = si;
    e.import_shares(i, 1) = 1.0 - si;
    const double se = share(exp, exp_world, code, mapped);
    if (!mapped) no_exports.push_back(code);
    exports(i, 0) = e.exports(i, 0) * se;
    exports(i, 1) = e.exports(i, 0) - exports(i, 0);
  }
  e.exports = exports;
  e.export_partners = {trade.partner, "ROW"};
  b.notes.push_back("Imports (imports_by_partner.csv, value shares) and exports are split between " + trade.partner +
                    " and ROW with the partner's share of world trade per sector from " + basename_of(trade.path) +
                    " mapped to the 56 sectors with " + basename_of(concordance.path) +
                    ": share_i = Σ_c w_ci·partner_c / Σ_c w_ci·world_c.");
  if (!no_imports.empty())
    b.notes.push_back("Sectors without mapped imports (share of " + trade.partner +
                      " 0, all imports from ROW): " + join(no_imports) + ".");
  if (!no_exports.empty())
    b.notes.push_back("Sectors without mapped exports (share of " + trade.partner +
                      " 0, all exports to ROW): " + join(no_exports) + ".");
}

}  // namespace tradejobs
