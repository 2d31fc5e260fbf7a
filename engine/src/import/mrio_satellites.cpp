// Employment satellites of the MRIO loaders (mrio_satellites.h; docs/mrio.md).
#include "import/mrio_satellites.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "formats/csv.h"
#include "formats/text.h"
#include "import/wiod_niot.h"
#include "tradejobs/engine/errors.h"

namespace fs = std::filesystem;

namespace tradejobs {

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
    const int reg = index_of(t.regions, e.rows[r][region]);
    if (reg < 0)
      throw InputError(e.where(r, region) + ": region '" + excerpt(e.rows[r][region]) +
                       "' is not in the table: expected one of " + join(t.regions, ", ", kListedAtMost));
    const int i = index_of(t.sector_codes, e.rows[r][sector]);
    if (i < 0)
      throw InputError(e.where(r, sector) + ": sector '" + excerpt(e.rows[r][sector]) +
                       "' is not in the table: expected one of " + join(t.sector_codes, ", ", kListedAtMost));
    const Eigen::Index j = static_cast<Eigen::Index>(reg) * n + i;
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
    const int i = index_of(t.sector_codes, c.rows[r][c_sector]);
    if (i < 0)
      throw InputError(c.where(r, c_sector) + ": sector '" + excerpt(c.rows[r][c_sector]) +
                       "' is not an industry of the table: expected one of " +
                       join(t.sector_codes, ", ", kListedAtMost));
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
  if (sea_paths.empty()) throw InputError("--sea: no file given: expected FILE[,FILE...] (the SEA files)");
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
      const int reg = index_of(t.regions, country);
      if (reg < 0) continue;  // a country the table does not have separately
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

}  // namespace tradejobs
