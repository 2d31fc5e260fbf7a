// The ILOSTAT employment satellite of the WIOD NIOT loader (docs/model.md §1, §4, §7). The rules
// are stated in docs/wiod_niot.md ("ILOSTAT satellite") and written into economy.yaml's notes.
#include "import/ilostat.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "formats/csv.h"
#include "formats/text.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

const std::vector<std::string> kSexes = {"sex_t", "sex_f", "sex_m"};

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (c == ' ') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

std::string pct(double share) { return format_number(std::round(share * 1e5) / 1e3) + "%"; }

std::string base(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string years_of(const std::set<int>& years) {
  std::string s;
  for (int y : years) s += (s.empty() ? "" : ", ") + std::to_string(y);
  return s.empty() ? "none" : s;
}

/// The section letter of an ILOSTAT section code (eco_isic4_a -> "A"), "" if not a section.
std::string section_of_code(const std::string& code) {
  const std::string p = "eco_isic4_";
  if (code.size() == p.size() + 1 && code.compare(0, p.size(), p) == 0 && code.back() >= 'a' && code.back() <= 'u')
    return std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(code.back()))));
  return "";
}

/// The division of an ILOSTAT division code (ec2_isic4_c10 -> "10"), "" if not a division.
std::string division_of_code(const std::string& code) {
  const std::string p = "ec2_isic4_";
  if (code.size() == p.size() + 3 && code.compare(0, p.size(), p) == 0 &&
      std::isdigit(static_cast<unsigned char>(code[p.size() + 1])) &&
      std::isdigit(static_cast<unsigned char>(code[p.size() + 2])))
    return code.substr(p.size() + 1);
  return "";
}

/// Reads counts of one file by (sex, code, year), deriving a missing sex from the other two.
class Counts {
 public:
  Counts(const IlostatFile& f, std::set<std::string>* derived, std::string classif2 = "")
      : f_(f), classif2_(std::move(classif2)), derived_(derived) {}

  /// The value, or a missing sex derived (t = f + m, f = t − m, m = t − f); nullopt if neither.
  std::optional<double> get(const std::string& sex, const std::string& code, int year) const {
    if (auto v = raw(sex, code, year)) return v;
    std::optional<double> a, b;
    if (sex == "sex_t") {
      a = raw("sex_f", code, year);
      b = raw("sex_m", code, year);
      if (a && b) return note(sex, code, year, *a + *b);
    } else {
      a = raw("sex_t", code, year);
      b = raw(sex == "sex_f" ? "sex_m" : "sex_f", code, year);
      if (a && b) {
        const double v = *a - *b;
        if (v < -1e-9 * std::max(1.0, *a))
          throw InputError(located(f_.path, 0, 0,
                                   code + " " + std::to_string(year) + ": " + sex +
                                       " is not published and the total minus the other sex is " + format_number(v) +
                                       ": expected the other sex <= the total"));
        return note(sex, code, year, std::max(v, 0.0));
      }
    }
    return std::nullopt;
  }
  /// The line of a published cell (0 if derived or absent), for messages.
  int line(const std::string& sex, const std::string& code, int year) const {
    auto it = f_.cells.find({sex, code, classif2_, year});
    return it == f_.cells.end() ? 0 : it->second.line;
  }

 private:
  std::optional<double> raw(const std::string& sex, const std::string& code, int year) const {
    auto it = f_.cells.find({sex, code, classif2_, year});
    if (it == f_.cells.end()) return std::nullopt;
    return it->second.value;
  }
  double note(const std::string& sex, const std::string& code, int year, double v) const {
    derived_->insert(f_.indicator + " " + code + " " + sex + " " + std::to_string(year));
    return v;
  }
  const IlostatFile& f_;
  std::string classif2_;
  std::set<std::string>* derived_;
};

/// The years of a file with rows of the given kind (sections or divisions) and classif2.
std::set<int> years_with(const IlostatFile& f, bool divisions, const std::string& classif2 = "") {
  std::set<int> years;
  for (const auto& [key, cell] : f.cells) {
    const std::string& code = std::get<1>(key);
    if (std::get<2>(key) != classif2) continue;
    if (divisions ? !division_of_code(code).empty() : !section_of_code(code).empty()) years.insert(std::get<3>(key));
  }
  return years;
}

/// The most years between the economy's year and an ILOSTAT year used for it.
constexpr int kMaxYearGap = 3;

/// Thousands of persons: employees or informal workers may exceed employment by this much in a
/// cell (tiny cells of separately estimated series cross); beyond, the data are an error.
constexpr double kSmallCell = 1.0;

/// The economy's year if present, else the nearest (the earlier of two equally near); -1 if
/// none lies within kMaxYearGap years.
int nearest_year(const std::set<int>& years, int year) {
  int best = -1;
  for (int y : years)
    if (best < 0 || std::abs(y - year) < std::abs(best - year)) best = y;
  return best >= 0 && std::abs(best - year) <= kMaxYearGap ? best : -1;
}

/// Why no year was chosen: "has no WHAT" or "has WHAT only for Y1, Y2, none within 3 years of Y".
std::string no_year_text(const std::set<int>& years, int year, const std::string& what) {
  if (years.empty()) return "has no " + what;
  return "has " + what + " only for " + years_of(years) + ", none within " + std::to_string(kMaxYearGap) +
         " years of " + std::to_string(year);
}

std::string year_text(int chosen, int year, const std::set<int>& years) {
  if (chosen == year) return std::to_string(chosen);
  return std::to_string(chosen) + " (the nearest to " + std::to_string(year) +
         "; the file's years with ISIC Rev.4 rows: " + years_of(years) + ")";
}

}  // namespace

IsicConcordance load_isic4_concordance(const std::string& path) {
  const CsvTable t = read_csv(path);
  const std::vector<std::string> header = {"code", "level", "section", "wiod", "reason"};
  if (t.header != header)
    throw InputError(
        located(path, 1, 1, "header '" + excerpt(join(t.header, ",")) + "': expected " + join(header, ",")));
  const auto& codes = wiod_industry_codes();
  const std::set<std::string> known(codes.begin(), codes.end());
  IsicConcordance c;
  c.path = path;
  std::set<std::string> seen;
  std::map<std::string, size_t> section_row;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string& code = row[0];
    if (!seen.insert(code).second)
      throw InputError(t.where(r, 0) + ": code '" + excerpt(code) +
                       "' appears twice: expected every ISIC Rev.4 division and section once");
    if (row[4].empty()) throw InputError(t.where(r, 4) + ": empty reason: expected why the code maps as it does");
    if (row[1] == "division") {
      const bool two_digits = code.size() == 2 && std::isdigit(static_cast<unsigned char>(code[0])) &&
                              std::isdigit(static_cast<unsigned char>(code[1]));
      if (!two_digits)
        throw InputError(t.where(r, 0) + ": division '" + excerpt(code) + "': expected two digits such as 01");
      if (row[2].size() != 1 || row[2][0] < 'A' || row[2][0] > 'U')
        throw InputError(t.where(r, 2) + ": section '" + excerpt(row[2]) + "': expected a letter A ... U");
      if (!known.count(row[3]))
        throw InputError(t.where(r, 3) + ": '" + excerpt(row[3]) +
                         "' is not a WIOD 2016 industry: expected one of A01 ... U");
      c.division_industry[code] = row[3];
      c.division_section[code] = row[2];
    } else if (row[1] == "section") {
      if (code.size() != 1 || code[0] < 'A' || code[0] > 'U')
        throw InputError(t.where(r, 0) + ": section '" + excerpt(code) + "': expected a letter A ... U");
      if (row[2] != code)
        throw InputError(t.where(r, 2) + ": section column '" + excerpt(row[2]) + "' of section " + code +
                         ": expected " + code);
      const auto list = split_words(row[3]);
      if (list.empty())
        throw InputError(t.where(r, 3) + ": no WIOD industry: expected the industries of section " + code);
      for (const auto& w : list)
        if (!known.count(w))
          throw InputError(t.where(r, 3) + ": '" + excerpt(w) +
                           "' is not a WIOD 2016 industry: expected codes A01 ... U");
      c.section_industries[code] = list;
      section_row[code] = r;
    } else {
      throw InputError(t.where(r, 1) + ": level '" + excerpt(row[1]) + "': expected division or section");
    }
  }
  // Consistency: each division's industry is listed by its section; every industry is reached.
  for (const auto& [div, ind] : c.division_industry) {
    const std::string& sec = c.division_section[div];
    auto it = c.section_industries.find(sec);
    if (it == c.section_industries.end())
      throw InputError(located(
          path, 0, 0,
          "division " + div + " is in section " + sec + ", which has no row: expected a row for every section"));
    if (std::find(it->second.begin(), it->second.end(), ind) == it->second.end())
      throw InputError(t.where(section_row[sec], 3) + ": section " + sec + " does not list " + ind +
                       ", the industry of its division " + div + ": expected the industries of its divisions");
    auto& secs = c.industry_sections[ind];
    if (std::find(secs.begin(), secs.end(), sec) == secs.end()) secs.push_back(sec);
  }
  for (const auto& [sec, list] : c.section_industries)
    for (const auto& ind : list)
      if (!c.industry_sections.count(ind))
        throw InputError(t.where(section_row[sec], 3) + ": section " + sec + " lists " + ind +
                         " but no division maps to it: expected each industry reached by its divisions");
  for (const auto& w : codes)
    if (!c.industry_sections.count(w))
      throw InputError(
          located(path, 0, 0, "no division maps to the WIOD industry " + w + ": expected all 56 industries covered"));
  return c;
}

IlostatFile read_ilostat_file(const std::string& dir, const std::string& indicator, const std::string& iso3,
                              const IsicConcordance& concordance, bool required) {
  IlostatFile f;
  f.indicator = indicator;
  const std::string iso = lower(iso3);
  const std::string path = (std::filesystem::path(dir) / indicator / (iso + ".csv")).string();
  if (!std::filesystem::exists(path)) {
    if (required)
      throw InputError(located(path, 0, 0,
                               "no such file: the ILOSTAT extract " + upper(indicator) + " has no file for " +
                                   upper(iso3) + " (expected " + indicator + "/" + iso +
                                   ".csv in the --ilostat folder)"));
    return f;
  }
  const CsvTable t = read_csv(path);
  f.path = path;
  const bool currency = indicator.rfind("ear_", 0) == 0;
  std::vector<std::string> header = {"ref_area", "sex", "classif1"};
  if (currency) header.push_back("classif2");
  header.push_back("time");
  header.push_back(indicator);
  for (size_t c = 0; c < std::max(header.size(), t.header.size()); ++c)
    if (c >= header.size() || c >= t.header.size() || t.header[c] != header[c])
      throw InputError(located(path, 1, static_cast<int>(c + 1),
                               "header '" + excerpt(join(t.header, ",")) + "': expected " + join(header, ",")));
  const size_t c_time = currency ? 4 : 3, c_value = c_time + 1;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (row[0] != iso)
      throw InputError(t.where(r, 0) + ": ref_area '" + excerpt(row[0]) + "': expected '" + iso + "' (the file of " +
                       upper(iso3) + ")");
    if (std::find(kSexes.begin(), kSexes.end(), row[1]) == kSexes.end())
      throw InputError(t.where(r, 1) + ": sex '" + excerpt(row[1]) + "': expected sex_t, sex_f or sex_m");
    const std::string& code = row[2];
    bool ok = code == "eco_aggregate_total" || code == "eco_isic4_total" || code == "eco_isic4_x" ||
              code == "ec2_isic4_total" || code == "ec2_isic4_x" || code.rfind("eco_isic3_", 0) == 0 ||
              !section_of_code(code).empty();
    if (const std::string div = division_of_code(code); !div.empty()) {
      auto it = concordance.division_section.find(div);
      ok = it != concordance.division_section.end() && lower(it->second)[0] == code[std::string("ec2_isic4_").size()];
    }
    if (!ok)
      throw InputError(t.where(r, 2) + ": activity code '" + excerpt(code) +
                       "' is not known: expected eco_isic4_a ... eco_isic4_u, eco_isic4_x, eco_isic4_total, "
                       "eco_aggregate_total or an ISIC Rev.4 division ec2_isic4_<section><division> of " +
                       base(concordance.path));
    std::string classif2;
    if (currency) {
      classif2 = row[3];
      if (classif2 != "cur_type_lcu" && classif2 != "cur_type_usd" && classif2 != "cur_type_ppp")
        throw InputError(t.where(r, 3) + ": currency '" + excerpt(classif2) +
                         "': expected cur_type_lcu, cur_type_usd or cur_type_ppp");
    }
    const double y = t.number(r, c_time);
    if (y != std::floor(y) || y < 1900 || y > 2100)
      throw InputError(t.where(r, c_time) + ": time '" + excerpt(row[c_time]) + "': expected a year such as 2014");
    const double v = t.number(r, c_value);
    if (v < 0.0)
      throw InputError(t.where(r, c_value) + ": " + excerpt(row[c_value]) +
                       " is negative: expected a count or amount >= 0");
    if (code.rfind("eco_isic3_", 0) == 0) continue;  // ISIC Rev.3 rows: not used
    const auto key = std::make_tuple(row[1], code, classif2, static_cast<int>(y));
    if (f.cells.count(key))
      throw InputError(t.where(r, 2) + ": " + row[1] + " " + code + " " + row[c_time] +
                       " appears twice: expected one row");
    f.cells[key] = {v, t.line_numbers[r]};
  }
  return f;
}

IlostatCountry read_ilostat_country(const std::string& dir, const std::string& iso3, const IsicConcordance& c) {
  if (!std::filesystem::is_directory(dir))
    throw InputError(located(dir, 0, 0,
                             "--ilostat: not a folder: expected the folder of the ILOSTAT extracts "
                             "(emp_temp_sex_eco_nb/, ees_tees_sex_eco_nb/, ...)"));
  IlostatCountry i;
  i.dir = dir;
  i.country = upper(iso3);
  i.divisions = read_ilostat_file(dir, "emp_temp_sex_ec2_nb", iso3, c, false);
  i.sections = read_ilostat_file(dir, "emp_temp_sex_eco_nb", iso3, c, true);
  i.employees = read_ilostat_file(dir, "ees_tees_sex_eco_nb", iso3, c, true);
  i.informal = read_ilostat_file(dir, "emp_nifl_sex_eco_nb", iso3, c, false);
  i.earnings = read_ilostat_file(dir, "ear_emta_sex_eco_cur_nb", iso3, c, false);
  return i;
}

void apply_ilostat(WiodNiotBuild& b, const WiodNiotTable& w, const IlostatCountry& ilo, const IsicConcordance& conc,
                   bool have_sea) {
  Economy& e = b.economy;
  auto& notes = b.notes;
  const Eigen::Index n = e.sectors();
  const int year = w.year;
  const Eigen::VectorXd x = gross_output(e);
  const std::string country = ilo.country;
  std::map<std::string, Eigen::Index> index;
  for (Eigen::Index i = 0; i < n; ++i) index[e.sector_codes[i]] = i;

  // --- Totals by industry and sex (thousands), from divisions or from split sections.
  std::set<std::string> derived;  // cells derived from the other two sexes
  const Counts sec(ilo.sections, &derived);
  Eigen::MatrixXd jobs = Eigen::MatrixXd::Zero(n, 3);  // t, f, m
  std::vector<bool> known(static_cast<size_t>(n), true);
  std::vector<std::string> split_flagged;
  std::string totals_rule;
  int totals_year = 0;
  const std::set<int> div_years = ilo.divisions.present() ? years_with(ilo.divisions, true) : std::set<int>{};
  const std::set<int> sec_years = years_with(ilo.sections, false);
  // The note for industries with output but no ILOSTAT employment at all.
  auto unpublished_note = [](const std::vector<std::string>& list, const std::string& why) {
    return "No ILOSTAT employment for " + join(list) + " (" + why +
           "): they have 0 jobs in employment.csv although "
           "they have output, so a shock to them changes no jobs; their workers are in ILOSTAT's total, counted in "
           "another activity or as not classified, and so spread over the other industries (below). Their share "
           "columns are the economy-wide shares, which carry no jobs.";
  };
  // Splits a section's jobs over industries in proportion to their gross output x (>= 0).
  auto split_section = [&](const std::string&, const std::vector<std::string>& targets, const Eigen::Vector3d& amount) {
    double total_x = 0.0;
    for (const auto& ind : targets) total_x += x(index[ind]);
    for (const auto& ind : targets) {
      const double share = total_x > 0.0 ? x(index[ind]) / total_x : 1.0 / static_cast<double>(targets.size());
      jobs.row(index[ind]) += share * amount.transpose();
      if (targets.size() > 1 && share > 0.0) split_flagged.push_back(ind);
    }
  };
  // The section's three counts (t, f, m) of a year; false when one cannot be had.
  auto section_counts = [&](const std::string& letter, int y, Eigen::Vector3d& v) {
    for (int k = 0; k < 3; ++k) {
      auto value = sec.get(kSexes[k], "eco_isic4_" + lower(letter), y);
      if (!value) return false;
      v(k) = *value;
    }
    return true;
  };
  std::optional<Counts> div;
  std::string total_code;  // the all-activities row of the file the totals come from
  if (!div_years.empty() && nearest_year(div_years, year) < 0)
    notes.push_back("Divisions not used: " + base(ilo.divisions.path) + " in emp_temp_sex_ec2_nb " +
                    no_year_text(div_years, year, "ISIC Rev.4 divisions") + "; the sections are split instead.");
  if (nearest_year(div_years, year) >= 0) {
    totals_year = nearest_year(div_years, year);
    div.emplace(ilo.divisions, &derived);
    total_code = "ec2_isic4_total";
    std::map<std::string, Eigen::Vector3d> by_section_present;  // divisions' sum per section
    std::vector<std::string> one_sex;                           // divisions with one of the three cells only
    std::set<std::string> industries_with_rows;
    for (const auto& [d, ind] : conc.division_industry) {
      const std::string code = "ec2_isic4_" + lower(conc.division_section.at(d)) + d;
      Eigen::Vector3d v = Eigen::Vector3d::Zero();
      int have = 0;
      for (int s = 0; s < 3; ++s)
        if (auto value = div->get(kSexes[s], code, totals_year)) {
          v(s) = *value;
          ++have;
        }
      if (have == 0) continue;
      if (have < 3) {
        // One sex (or the total) only: the others from the section's share of women that year.
        const std::string letter = conc.division_section.at(d);
        Eigen::Vector3d sv;
        std::string from = "section " + letter;
        if (!section_counts(letter, totals_year, sv) || sv(1) + sv(2) <= 0.0) {
          // The section is not published either: the all-activities share of women.
          auto f = div->get("sex_f", "ec2_isic4_total", totals_year),
               m = div->get("sex_m", "ec2_isic4_total", totals_year);
          if (!f || !m || *f + *m <= 0.0)
            throw InputError(located(ilo.divisions.path, div->line("sex_t", code, totals_year), 0,
                                     code + " " + std::to_string(totals_year) +
                                         ": only one of sex_t, sex_f, sex_m is published, and neither section " +
                                         letter + " nor ec2_isic4_total by sex: expected two of the three"));
          sv << *f + *m, *f, *m;
          from = "all activities";
        }
        const double phi = sv(1) / (sv(1) + sv(2));
        const int s = v(0) > 0.0 || div->get("sex_t", code, totals_year) ? 0 : v(1) > 0.0 ? 1 : 2;
        const double t = s == 0   ? v(0)
                         : s == 1 ? (phi > 0.0 ? v(1) / phi : v(1))
                                  : (phi < 1.0 ? v(2) / (1.0 - phi) : v(2));
        v << t, t * phi, t * (1.0 - phi);
        one_sex.push_back(code + " (" + kSexes[s] + "; share of women of " + from + ")");
      }
      jobs.row(index[ind]) += v.transpose();
      industries_with_rows.insert(ind);
      by_section_present.emplace(conc.division_section.at(d), Eigen::Vector3d::Zero()).first->second += v;
    }
    if (!one_sex.empty())
      notes.push_back("Divisions with only one of sex_t, sex_f, sex_m published in emp_temp_sex_ec2_nb " +
                      std::to_string(totals_year) +
                      ", the others from the share of women of their section (or of all activities) that year: " +
                      join(one_sex) + ".");
    // Industries without any division row: the section's jobs not in its published divisions,
    // split over them; none when the section is not published either.
    std::vector<std::string> unknown;
    for (const auto& [s, list] : conc.section_industries) {
      std::vector<std::string> missing;
      for (const auto& ind : list)
        if (!industries_with_rows.count(ind) && conc.industry_sections.at(ind).size() == 1) missing.push_back(ind);
      if (missing.empty()) continue;
      Eigen::Vector3d section_jobs;
      if (!section_counts(s, totals_year, section_jobs)) {
        for (const auto& ind : missing) {
          known[static_cast<size_t>(index[ind])] = false;
          unknown.push_back(ind);
        }
        continue;
      }
      const Eigen::Vector3d present = by_section_present.count(s) ? by_section_present[s] : Eigen::Vector3d::Zero();
      const Eigen::Vector3d residual = (section_jobs - present).cwiseMax(0.0);
      split_section(s, missing, residual);
      notes.push_back(
          "Section " + s + ": no division of " + join(missing) + " is published in emp_temp_sex_ec2_nb " +
          std::to_string(totals_year) +
          "; the section's jobs in emp_temp_sex_eco_nb not in its published "
          "divisions, " +
          format_number(residual(0)) + " thousand, are " +
          (missing.size() > 1 ? "split over them in proportion to gross output" : "given to " + missing.front()) + ".");
    }
    if (!unknown.empty())
      notes.push_back(unpublished_note(unknown, "neither their divisions nor their section is published for " +
                                                    country + " in " + std::to_string(totals_year)));
    totals_rule = "ILOSTAT EMP_TEMP_SEX_EC2_NB (ISIC Rev.4 divisions) " + year_text(totals_year, year, div_years) +
                  " summed to the 56 industries with " + base(conc.path);
  } else {
    totals_year = nearest_year(sec_years, year);
    if (totals_year < 0)
      throw InputError(
          located(ilo.sections.path, 0, 0,
                  "the file " + no_year_text(sec_years, year, "employment by ISIC Rev.4 section (eco_isic4_a ... _u)") +
                      ": expected the table's year or one within " + std::to_string(kMaxYearGap) +
                      " years of it (choose another --year)"));
    total_code = "eco_isic4_total";
    for (const auto& [s, list] : conc.section_industries) {
      Eigen::Vector3d v;
      if (!section_counts(s, totals_year, v)) {
        std::vector<std::string> unknown;
        for (const auto& ind : list)
          if (conc.industry_sections.at(ind).size() == 1) {
            known[static_cast<size_t>(index[ind])] = false;
            unknown.push_back(ind);
          }
        if (!unknown.empty())
          notes.push_back(unpublished_note(
              unknown, "section " + s + " is not published for " + country + " in " + std::to_string(totals_year)));
        continue;
      }
      split_section(s, list, v);
    }
    totals_rule =
        "ILOSTAT EMP_TEMP_SEX_ECO_NB (ISIC Rev.4 sections; " + country + " publishes no divisions in these extracts) " +
        year_text(totals_year, year, sec_years) +
        ", each section with several WIOD industries split over them in proportion to their gross output in " +
        base(w.path) +
        " (x from the row identity: the section's persons per USD million of output are "
        "then the same in all its industries, the neutral assumption for the model's jobs per unit of output; "
        "the table has no compensation, and value added, the other candidate, is negative in some industries, "
        "e.g. Brazil's C19 in 2014); R and S are added into R_S";
  }
  // The composition (female share) of each industry as ILOSTAT counts it, kept where its jobs move below.
  Eigen::VectorXd female = Eigen::VectorXd::Zero(n);
  std::vector<bool> has_composition(static_cast<size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i)
    if (jobs(i, 1) + jobs(i, 2) > 0.0) {
      female(i) = jobs(i, 1) / (jobs(i, 1) + jobs(i, 2));
      has_composition[static_cast<size_t>(i)] = true;
    }
  // Jobs in industries without output in the table (WIOD records their output in another
  // industry): moved to the industries of the same section that have output, in proportion to
  // their jobs, by sex; where the section has none, spread like the not classified (below).
  {
    std::vector<std::string> moved, spread;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (x(i) != 0.0 || jobs(i, 0) <= 0.0) continue;
      std::vector<Eigen::Index> to;
      double weight = 0.0;
      for (Eigen::Index k = 0; k < n; ++k) {
        if (k == i || x(k) <= 0.0 || jobs(k, 0) <= 0.0) continue;
        const auto& a = conc.industry_sections.at(e.sector_codes[i]);
        const auto& c = conc.industry_sections.at(e.sector_codes[k]);
        if (std::find_first_of(a.begin(), a.end(), c.begin(), c.end()) == a.end()) continue;
        to.push_back(k);
        weight += jobs(k, 0);
      }
      const std::string what = e.sector_codes[i] + " (" + format_number(jobs(i, 0)) + " thousand)";
      if (to.empty()) {
        spread.push_back(what);
      } else {
        std::vector<std::string> names;
        const Eigen::RowVector3d amount = jobs.row(i);
        for (Eigen::Index k : to) {
          jobs.row(k) += amount * (jobs(k, 0) / weight);
          names.push_back(e.sector_codes[k]);
        }
        moved.push_back(what + " to " + join(names, " "));
      }
      jobs.row(i).setZero();
    }
    if (!moved.empty())
      notes.push_back("ILOSTAT counts persons in industries with zero output in " + base(w.path) +
                      " (jobs need output, docs/model.md §1; WIOD records that activity's output in another industry): "
                      "moved to the other industries of the same section in proportion to their jobs, by sex: " +
                      join(moved, "; ") + ".");
    if (!spread.empty())
      notes.push_back("ILOSTAT counts persons in industries with zero output and no other industry in their section: " +
                      join(spread) + "; they are spread over all industries like the persons not classified (below).");
  }
  // Not classified (x), unpublished divisions and unplaceable jobs: spread in proportion, per
  // sex, so that the totals are ILOSTAT's all-activities totals.
  {
    const Counts& counts = div ? *div : sec;
    std::string scaled;
    for (int s = 0; s < 3; ++s) {
      auto total = counts.get(kSexes[s], total_code, totals_year);
      if (!total) total = counts.get(kSexes[s], "eco_aggregate_total", totals_year);
      if (!total)
        throw InputError(located(div ? ilo.divisions.path : ilo.sections.path, 0, 0,
                                 "no " + total_code + " " + kSexes[s] + " for " + std::to_string(totals_year) +
                                     ": expected the all-activities total"));
      const double classified = jobs.col(s).sum();
      if (classified > 0.0 && std::abs(*total - classified) > 1e-9 * *total) {
        const double factor = *total / classified;
        jobs.col(s) *= factor;
        scaled += std::string(scaled.empty() ? "" : ", ") +
                  (s == 0   ? "total "
                   : s == 1 ? "women "
                            : "men ") +
                  format_number(classified) + " to " + format_number(*total) + " thousand (× " + format_number(factor) +
                  ")";
      }
    }
    if (!scaled.empty())
      notes.push_back("The industries' sums differ from ILOSTAT's all-activities totals (" + total_code + " " +
                      std::to_string(totals_year) +
                      ") by the persons not classified by activity (_x), unpublished "
                      "divisions and the jobs spread above; each industry is scaled per sex (" +
                      scaled + "), i.e. those persons are assumed distributed like the classified ones.");
  }
  const double female_national = jobs.col(1).sum() / (jobs.col(1).sum() + jobs.col(2).sum());
  for (Eigen::Index i = 0; i < n; ++i)
    if (jobs(i, 1) + jobs(i, 2) > 0.0)
      female(i) = jobs(i, 1) / (jobs(i, 1) + jobs(i, 2));  // after the moves and the scaling
    else if (!has_composition[static_cast<size_t>(i)])
      female(i) = female_national;
  if (!split_flagged.empty())
    notes.push_back(
        "Industries whose jobs are a split of their ILOSTAT section in proportion to gross output (flagged): " +
        join(split_flagged) + ".");

  // --- Rates by sex per industry from section counts: numerator file / emp_temp_sex_eco_nb.
  struct Rates {
    Eigen::VectorXd female, male;  // per industry
    int year = -1;
    std::set<int> years;
    std::vector<std::string> fallback;
    std::vector<std::string> capped;  // cells where the part exceeds employment by at most kSmallCell
  };
  auto rates = [&](const IlostatFile& f, const char* what) {
    Rates r;
    r.years = years_with(f, false);
    r.year = nearest_year(r.years, year);
    if (r.year < 0) return r;
    if (!sec_years.count(r.year))
      throw InputError(located(ilo.sections.path, 0, 0,
                               std::string("no ISIC Rev.4 sections for ") + std::to_string(r.year) + ", the year of " +
                                   what + " in " + base(f.path) + ": expected employment by section for that year"));
    const Counts num(f, &derived);
    r.female = Eigen::VectorXd::Zero(n);
    r.male = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      for (int s = 1; s < 3; ++s) {
        double a = 0.0, d = 0.0;
        bool ok = true;
        for (const auto& letter : conc.industry_sections.at(e.sector_codes[i])) {
          const std::string code = "eco_isic4_" + lower(letter);
          auto nv = num.get(kSexes[s], code, r.year);
          auto dv = sec.get(kSexes[s], code, r.year);
          if (!nv || !dv) {
            ok = false;
            break;
          }
          if (*nv > *dv * (1.0 + 1e-6) + 1e-9 && *nv - *dv <= kSmallCell) {
            // Tiny cells estimated separately can cross: the rate is 1 there, and a note lists them.
            r.capped.push_back(code + " " + kSexes[s] + " (" + format_number(*nv) + " > " + format_number(*dv) + ")");
            a += *dv;
            d += *dv;
            continue;
          }
          if (*nv > *dv * (1.0 + 1e-6) + 1e-9)
            throw InputError(located(f.path, num.line(kSexes[s], code, r.year), 0,
                                     code + " " + kSexes[s] + " " + std::to_string(r.year) + ": " + what + " " +
                                         format_number(*nv) + " thousand exceed employment " + format_number(*dv) +
                                         " thousand in " + base(ilo.sections.path) +
                                         ": expected a part of employment"));
          a += *nv;
          d += *dv;
        }
        if (!ok || d <= 0.0) {
          auto nv = num.get(kSexes[s], "eco_aggregate_total", r.year);
          auto dv = sec.get(kSexes[s], "eco_aggregate_total", r.year);
          if (!nv || !dv || *dv <= 0.0)
            throw InputError(located(f.path, 0, 0,
                                     std::string("no ") + what + " for " + e.sector_codes[i] +
                                         " or for all "
                                         "activities (" +
                                         kSexes[s] + ", " + std::to_string(r.year) +
                                         "): expected the section or eco_aggregate_total"));
          a = *nv;
          d = *dv;
          if (known[static_cast<size_t>(i)] && jobs(i, 0) > 0.0)
            r.fallback.push_back(e.sector_codes[i] + " " + (s == 1 ? "women" : "men"));
        }
        (s == 1 ? r.female : r.male)(i) = std::min(1.0, a / d);
      }
    }
    return r;
  };
  const Rates self = rates(ilo.employees, "employees");
  if (self.year < 0)
    throw InputError(
        located(ilo.employees.path, 0, 0,
                "the file " + no_year_text(self.years, year, "employees by ISIC Rev.4 section (eco_isic4_a ... _u)") +
                    ": expected the table's year or one within " + std::to_string(kMaxYearGap) +
                    " years of it (choose another --year)"));
  // Employees rates -> self-employed rates.
  Eigen::VectorXd self_f = (1.0 - self.female.array()).matrix(), self_m = (1.0 - self.male.array()).matrix();
  const Rates inf = ilo.informal.present() ? rates(ilo.informal, "informal employment") : Rates{};
  const bool have_informal = inf.year >= 0;

  // --- The share columns.
  std::vector<std::string> names = {"female"};
  if (have_informal) names.push_back("informal");
  names.push_back("self_employed");
  if (have_informal)
    for (const char* c : {"sex-formality_female_informal", "sex-formality_female_formal", "sex-formality_male_informal",
                          "sex-formality_male_formal"})
      names.push_back(c);
  for (const char* c : {"sex-status_female_self_employed", "sex-status_female_employees",
                        "sex-status_male_self_employed", "sex-status_male_employees"})
    names.push_back(c);
  // With the SEA its self-employed share, (EMP − EMPE) / EMP, is kept (like its totals and
  // wages, so the economy's adjustment costs do not change); ILOSTAT's rates by sex only split
  // it between women and men: s_f and s_m scaled by one factor per industry so that
  // f_i·s_f' + (1 − f_i)·s_m' = the SEA's share, a sex's share capped at all its jobs with the rest
  // going to the other sex.
  Eigen::VectorXd sea_self;
  if (have_sea)
    for (size_t c = 0; c < e.employment_share_names.size(); ++c)
      if (e.employment_share_names[c] == "self_employed")
        sea_self = e.employment_shares.col(static_cast<Eigen::Index>(c));
  int sea_capped = 0;
  Eigen::MatrixXd shares = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(names.size()));
  for (Eigen::Index i = 0; i < n; ++i) {
    const double f = female(i), m = 1.0 - f;
    Eigen::Index k = 0;
    shares(i, k++) = f;
    const double fi = have_informal ? f * inf.female(i) : 0.0, mi = have_informal ? m * inf.male(i) : 0.0;
    if (have_informal) shares(i, k++) = fi + mi;
    double fs = f * self_f(i), ms = m * self_m(i);
    if (sea_self.size() > 0) {
      const double target = sea_self(i), sum = fs + ms;
      if (sum > 0.0) {
        fs *= target / sum;
        ms *= target / sum;
      } else {  // no self-employed of either sex in ILOSTAT: split like the jobs
        fs = f * target;
        ms = m * target;
      }
      if (fs > f) {
        ms += fs - f;
        fs = f;
        ++sea_capped;
      } else if (ms > m) {
        fs += ms - m;
        ms = m;
        ++sea_capped;
      }
    }
    shares(i, k++) = sea_self.size() > 0 ? sea_self(i) : fs + ms;
    if (have_informal) {
      shares(i, k++) = fi;
      shares(i, k++) = f - fi;
      shares(i, k++) = mi;
      shares(i, k++) = m - mi;
    }
    shares(i, k++) = fs;
    shares(i, k++) = f - fs;
    shares(i, k++) = ms;
    shares(i, k++) = m - ms;
  }

  // --- Totals: the SEA's (kept) or ILOSTAT's.
  const Eigen::VectorXd ilo_total = jobs.col(0) * 1000.0;
  if (have_sea) {
    double worst = 0.0;
    Eigen::Index at = -1;
    double sea_sum = 0.0, ilo_sum = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!known[static_cast<size_t>(i)]) continue;
      sea_sum += e.employment(i);
      ilo_sum += ilo_total(i);
      if (e.employment(i) > 0.0) {
        const double rel = (ilo_total(i) - e.employment(i)) / e.employment(i);
        if (std::abs(rel) > std::abs(worst)) {
          worst = rel;
          at = i;
        }
      }
    }
    notes.push_back(
        "Totals by industry are the SEA's persons engaged (kept); ILOSTAT's employment (" + totals_rule +
        ") is used for the shares only. ILOSTAT's total differs from the SEA's by " +
        pct((ilo_sum - sea_sum) / sea_sum) + " (" + format_number(std::round(ilo_sum / 1000.0)) + " against " +
        format_number(std::round(sea_sum / 1000.0)) + " thousand persons)" +
        (at >= 0 ? "; the largest difference by industry is " + pct(worst) + " in " + e.sector_codes[at] : "") +
        " (persons engaged in the national accounts against employed persons in the labour-force survey).");
    std::vector<std::string> sea_only;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!known[static_cast<size_t>(i)] && e.employment(i) > 0.0) sea_only.push_back(e.sector_codes[i]);
    if (!sea_only.empty())
      notes.push_back("The SEA gives jobs to " + join(sea_only) +
                      " but ILOSTAT publishes no employment for them: their share "
                      "columns are the economy-wide shares of women and the all-activities rates.");
    // The SEA note on self_employed no longer holds: the shares are ILOSTAT's.
    for (auto& note : notes)
      if (note.rfind("employment total = SEA EMP", 0) == 0)
        note = std::string("employment total = SEA EMP × 1000 (persons engaged); ") +
               (sea_self.size() > 0 ? "self_employed = (EMP − EMPE) / EMP (SEA, kept); the other share columns are "
                                      "ILOSTAT's (below); "
                                    : "the share columns are ILOSTAT's (below); ") +
               "annual_wage = COMP / NOMEXCH / EMPE in USD per employee and year.";
  } else {
    e.employment = ilo_total;
    notes.push_back("employment total = " + totals_rule + ", × 1000 (persons employed, labour-force survey concept).");
  }
  e.employment_share_names = names;
  e.employment_shares = shares;

  notes.push_back("female = women / (women + men) per industry, from the same employment counts as the totals (" +
                  std::to_string(totals_year) + "); economy-wide share of women " +
                  pct(jobs.col(1).sum() / (jobs.col(1).sum() + jobs.col(2).sum())) + ".");
  if (sea_self.size() > 0)
    notes.push_back(
        "self_employed = the SEA's (EMP − EMPE) / EMP, kept; it is split between women and men with ILOSTAT's "
        "self-employment rates by sex (1 − EES_TEES_SEX_ECO_NB / EMP_TEMP_SEX_ECO_NB, ISIC Rev.4 sections, " +
        year_text(self.year, year, self.years) +
        ") s_f and s_m of the industry's section, both scaled by one factor k_i per industry so that "
        "f_i·k_i·s_f + (1 − f_i)·k_i·s_m = self_employed_i (split like the jobs, f_i and 1 − f_i, where both rates "
        "are 0)" +
        (sea_capped > 0 ? "; where a sex's share would exceed its jobs it is capped at them and the rest goes to the "
                          "other sex (" +
                              std::to_string(sea_capped) + " industries)"
                        : std::string()) +
        " (employers, own-account and contributing family workers).");
  else
    notes.push_back(
        "self_employed = 1 − employees / employment (ILOSTAT EES_TEES_SEX_ECO_NB over EMP_TEMP_SEX_ECO_NB, ISIC Rev.4 "
        "sections, " +
        year_text(self.year, year, self.years) +
        ") per sex and section, applied to each "
        "industry's women and men: self_employed_i = f_i·s_f + (1 − f_i)·s_m (employers, own-account and "
        "contributing family workers).");
  if (have_informal)
    notes.push_back(
        "informal = the same rule with ILOSTAT EMP_NIFL_SEX_ECO_NB (informal employment) over EMP_TEMP_SEX_ECO_NB, " +
        year_text(inf.year, year, inf.years) +
        ": informal_i = f_i·r_f + (1 − f_i)·r_m with the informality "
        "rates of the industry's section by sex.");
  else
    notes.push_back(std::string("No informal column: ") +
                    (ilo.informal.present()
                         ? "ILOSTAT's emp_nifl_sex_eco_nb/" + base(ilo.informal.path) + " " +
                               no_year_text(inf.years, year, "informal employment by ISIC Rev.4 section")
                         : "ILOSTAT publishes no informal employment by activity for " + country +
                               " (no emp_nifl_sex_eco_nb file)") +
                    ", so there is no informal or formal group (never zeros).");
  notes.push_back(
      std::string("Cross-tabulations (shares of the industry's jobs, each set sums to 1 and its margins are the single "
                  "shares): ") +
      (have_informal ? "sex-formality_<female|male>_<informal|formal> = f_i·r_f, f_i·(1 − r_f), (1 − f_i)·r_m, "
                       "(1 − f_i)·(1 − r_m); "
                     : "") +
      "sex-status_<female|male>_<self_employed|employees> = f_i·s_f, f_i·(1 − s_f), (1 − f_i)·s_m, (1 − f_i)·(1 − "
      "s_m)" +
      (sea_self.size() > 0 ? std::string(" with the scaled rates k_i·s_f, k_i·s_m.") : std::string(".")));
  for (const Rates* r : {&self, &inf})
    if (!r->capped.empty())
      notes.push_back(std::string("ILOSTAT's ") + (r == &self ? "employees" : "informal employment") +
                      " exceed employment in tiny cells (by at most " + format_number(kSmallCell) +
                      " thousand; the two are estimated separately): the rate is 1 there: " + join(r->capped) + ".");
  for (const Rates* r : {&self, &inf})
    if (!r->fallback.empty())
      notes.push_back("Section rate not published, the all-activities rate used instead (" +
                      std::string(r == &self ? "employees" : "informal employment") + "): " + join(r->fallback) + ".");

  // --- Wages and compensation without SEA: ILOSTAT earnings, USD series × 12.
  if (!have_sea) {
    const std::set<int> ear_years =
        ilo.earnings.present() ? years_with(ilo.earnings, false, "cur_type_usd") : std::set<int>{};
    const int ear_year = nearest_year(ear_years, year);
    const int comp = e.compensation_row();
    if (ear_year < 0) {
      e.annual_wage.resize(0);
      if (comp >= 0) {
        e.value_added.row(1) += e.value_added.row(comp);  // other_value_added = VA
        Eigen::MatrixXd v(e.value_added.rows() - 1, n);
        v << e.value_added.topRows(comp), e.value_added.bottomRows(e.value_added.rows() - comp - 1);
        e.value_added = v;
        e.value_added_components.erase(e.value_added_components.begin() + comp);
      }
      notes.push_back("No annual_wage: ILOSTAT's average monthly earnings in US dollars for " + country +
                      " (ear_emta_sex_eco_cur_nb) " +
                      (ilo.earnings.present() ? no_year_text(ear_years, year, "earnings by ISIC Rev.4 section")
                                              : "are not published") +
                      ", and there is no SEA; the costs that need wages are not computed (no wage "
                      "is made up) and value_added has no compensation row (other_value_added is the NIOT VA).");
    } else {
      const Counts ear(ilo.earnings, &derived, "cur_type_usd");
      const Counts ees(ilo.employees, &derived);
      e.annual_wage = Eigen::VectorXd::Zero(n);
      std::vector<std::string> fallback;
      auto monthly = [&](const std::string& code) { return ear.get("sex_t", code, ear_year); };
      for (Eigen::Index i = 0; i < n; ++i) {
        if (!known[static_cast<size_t>(i)] || jobs(i, 0) <= 0.0) continue;
        double wsum = 0.0, weight = 0.0;
        bool ok = true;
        const auto& letters = conc.industry_sections.at(e.sector_codes[i]);
        for (const auto& letter : letters) {
          const std::string code = "eco_isic4_" + lower(letter);
          auto m = monthly(code);
          if (!m) {
            ok = false;
            break;
          }
          auto wgt = ees.get("sex_t", code, self.year);
          const double wv = letters.size() == 1 ? 1.0 : (wgt ? *wgt : 0.0);
          wsum += *m * wv;
          weight += wv;
        }
        double month = 0.0;
        if (ok && weight > 0.0) {
          month = wsum / weight;
        } else {
          auto all = monthly("eco_aggregate_total");
          if (!all)
            throw InputError(located(ilo.earnings.path, 0, 0,
                                     "no US-dollar earnings for " + e.sector_codes[i] + " or all activities in " +
                                         std::to_string(ear_year) + ": expected its section or eco_aggregate_total"));
          month = *all;
          fallback.push_back(e.sector_codes[i]);
        }
        e.annual_wage(i) = 12.0 * month;
      }
      const Eigen::VectorXd self_share = shares.col(have_informal ? 2 : 1);
      const Eigen::VectorXd employees = (e.employment.array() * (1.0 - self_share.array())).matrix();
      const Eigen::VectorXd compensation = (employees.array() * e.annual_wage.array() / 1e6).matrix();
      if (comp >= 0) {
        e.value_added.row(comp) = compensation.transpose();
        e.value_added.row(1) -= compensation.transpose();
      }
      // The exchange rate ILOSTAT's conversion implies: local-currency series over US-dollar series.
      std::string rate = "not stated: ILOSTAT publishes no local-currency all-activities average for that year";
      {
        const Counts lcu(ilo.earnings, &derived, "cur_type_lcu");
        auto l = lcu.get("sex_t", "eco_aggregate_total", ear_year);
        auto u = monthly("eco_aggregate_total");
        if (l && u && *u > 0.0)
          rate = format_number(*l / *u) +
                 " local currency units per US dollar (ILOSTAT's local-currency over US-dollar "
                 "all-activities average, " +
                 std::to_string(ear_year) + ")";
      }
      notes.push_back(
          "annual_wage = 12 × ILOSTAT EAR_EMTA_SEX_ECO_CUR_NB (average monthly earnings of employees, both sexes, "
          "ISIC Rev.4 section of the industry) " +
          year_text(ear_year, year, ear_years) +
          ", USD per employee and year, in ILOSTAT's US-dollar series (cur_type_usd: converted by ILOSTAT from local "
          "currency with exchange rates; the rate implied is " +
          rate + "); R_S takes the mean of R and S weighted by their employees.");
      if (!fallback.empty())
        notes.push_back("Section earnings not published, the all-activities average used instead: " + join(fallback) +
                        ".");
      std::vector<std::string> negative;
      for (Eigen::Index j = 0; j < n; ++j)
        if (e.value_added(1, j) < 0.0)
          negative.push_back(e.sector_codes[j] + " (" + format_number(e.value_added(1, j)) + ")");
      notes.push_back(
          "compensation (value_added.csv) = employees × annual_wage / 1e6, USD million, with employees = employment × "
          "(1 − self_employed): an estimate from the labour-force survey (earnings exclude employers' social "
          "contributions, so it is below national-accounts compensation); other_value_added = NIOT VA − "
          "compensation" +
          (negative.empty() ? std::string(".") : "; negative in: " + join(negative) + " USD million."));
    }
  }
  // Economy-wide shares against ILOSTAT's national figures (all activities, same years).
  {
    const double total = e.employment.sum();
    auto wide = [&](Eigen::Index col) { return total > 0.0 ? e.employment.dot(shares.col(col)) / total : 0.0; };
    auto national = [&](const IlostatFile& f, int y, bool complement) -> std::string {
      const Counts num(f, &derived);
      auto a = num.get("sex_t", "eco_aggregate_total", y);
      auto d = sec.get("sex_t", "eco_aggregate_total", y);
      if (!a || !d || *d <= 0.0) return "not published";
      return pct(complement ? 1.0 - *a / *d : *a / *d);
    };
    auto women = [&]() -> std::string {
      auto a = sec.get("sex_f", "eco_aggregate_total", totals_year);
      auto d = sec.get("sex_t", "eco_aggregate_total", totals_year);
      if (!a || !d || *d <= 0.0) return "not published";
      return pct(*a / *d);
    };
    std::string text =
        "Economy-wide shares of the economy's jobs against ILOSTAT's national figures (eco_aggregate_total, "
        "the column's year): women " +
        pct(wide(0)) + " (" + women() + ", " + std::to_string(totals_year) + ")";
    if (have_informal)
      text += ", informal " + pct(wide(1)) + " (" + national(ilo.informal, inf.year, false) + ", " +
              std::to_string(inf.year) + ")";
    text += ", self-employed " + pct(wide(have_informal ? 2 : 1)) + " (" + national(ilo.employees, self.year, true) +
            ", " + std::to_string(self.year) + ")" + (have_sea ? "; the economy's totals are the SEA's." : ".");
    notes.push_back(text);
  }
  if (!derived.empty())
    notes.push_back(
        "ILOSTAT cells not published, derived from the other two (total = women + men, one sex = total − the "
        "other): " +
        join(std::vector<std::string>(derived.begin(), derived.end())) + ".");
  e.source +=
      "; ILO, ILOSTAT database, indicators EMP_TEMP_SEX_EC2_NB, EMP_TEMP_SEX_ECO_NB, EES_TEES_SEX_ECO_NB, "
      "EMP_NIFL_SEX_ECO_NB and EAR_EMTA_SEX_ECO_CUR_NB (those present for " +
      country +
      " are named in the notes), "
      "accessed through the open-numbers DDF copy github.com/open-numbers/ddf--ilo--ilostat (commit "
      "c50d060595275a48961dbd0c5971eedea95ffad8); ISIC Rev.4 to WIOD concordance " +
      base(conc.path);
  e.licence += ". ILOSTAT data: CC BY 4.0 (attribution: ILO / ILOSTAT; Gapminder for the DDF conversion)";
}

std::string ilostat_unusable_reason(const IlostatCountry& ilo, int year) {
  const std::set<int> sec_years = years_with(ilo.sections, false);
  const std::set<int> div_years = ilo.divisions.present() ? years_with(ilo.divisions, true) : std::set<int>{};
  if (nearest_year(sec_years, year) < 0 && nearest_year(div_years, year) < 0)
    return "emp_temp_sex_eco_nb/" + base(ilo.sections.path) + " " +
           no_year_text(sec_years, year, "employment by ISIC Rev.4 section") +
           (ilo.divisions.present() ? " and emp_temp_sex_ec2_nb/" + base(ilo.divisions.path) + " " +
                                          no_year_text(div_years, year, "ISIC Rev.4 divisions")
                                    : std::string());
  const std::set<int> ees_years = years_with(ilo.employees, false);
  const int y = nearest_year(ees_years, year);
  if (y < 0)
    return "ees_tees_sex_eco_nb/" + base(ilo.employees.path) + " " +
           no_year_text(ees_years, year, "employees by ISIC Rev.4 section");
  if (!sec_years.count(y))
    return "emp_temp_sex_eco_nb/" + base(ilo.sections.path) + " has no ISIC Rev.4 sections for " + std::to_string(y) +
           ", the year of the employees by section";
  return "";
}

}  // namespace tradejobs
