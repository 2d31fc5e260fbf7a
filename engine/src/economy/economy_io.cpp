#include "tradejobs/engine/economy_io.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "formats/yaml_util.h"
#include "scenario/schema.h"
#include "tradejobs/engine/errors.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

const std::vector<std::string> kEconomyKeys = {"schema_version",
                                               "name",
                                               "country",
                                               "year",
                                               "currency",
                                               "employment_unit",
                                               "source",
                                               "licence",
                                               "sectors",
                                               "intermediate_domestic",
                                               "intermediate_imported",
                                               "final_demand_domestic",
                                               "final_demand_imported",
                                               "exports",
                                               "value_added",
                                               "employment",
                                               "output",
                                               "imports_by_partner",
                                               "tariffs",
                                               "export_tariffs",
                                               "mobility",
                                               "elasticities",
                                               "sector_groups",
                                               "import_command",
                                               "aggregation",
                                               "notes",
                                               "regions"};

const std::vector<std::string> kElasticityColumns = {"armington", "source_substitution", "final_demand_elasticity",
                                                     "export_demand", "employment_elasticity"};

/// "" when a cell is allowed, else the constraint it violates ("must be ...").
using CellRule = std::function<std::string(double)>;

std::string flow_rule(double v) {
  return std::abs(v) <= kMaxFlowMagnitude
             ? ""
             : "is larger in magnitude than 1e15, the most an economy file may hold: check the cell, or give the table "
               "in millions (and say so in 'currency')";
}

std::string nonnegative_flow_rule(double v) {
  if (v < 0.0) return "is negative: expected a value >= 0";
  return flow_rule(v);
}

std::string rate_rule(double v) { return v >= 0.0 && v <= 10.0 ? "" : "must be a rate in [0, 10] (write 17% as 0.17)"; }

std::string share_rule(double v) { return v >= 0.0 && v <= 1.0 ? "" : "must be a share in [0, 1] (write 45% as 0.45)"; }

/// The message of a cell that breaks its rule: "file:line:col: sector S, column 'C': VALUE must be ...".
std::string bad_cell(const CsvTable& t, size_t r, size_t c, const std::string& sector, const std::string& constraint) {
  return t.where(r, c) + ": sector " + excerpt(sector) + ", column '" + excerpt(t.header[c]) +
         "': " + excerpt(t.rows[r][c]) + " " + constraint;
}

struct Ctx {
  std::string folder;
  std::string yaml_path;
  YAML::Node root;
};

std::string file_key(const Ctx& c, const std::string& key, bool required) {
  const YAML::Node n = c.root[key];
  if (!n) {
    if (required)
      throw InputError(located(c.yaml_path, 1, 1, "missing key '" + key + "': expected the path of its CSV file"));
    return "";
  }
  const std::string rel = yaml_nonempty_string(c.yaml_path, n, key, "the path of a CSV file, relative to economy.yaml");
  const std::string path = join_path(c.folder, rel);
  // A directory, FIFO or device each get their own message, before anything opens the file.
  const std::string problem = input_file_problem(path, "a CSV file", kMaxInputFileBytes);
  if (!problem.empty()) throw InputError(yaml_error(c.yaml_path, n, key, "file '" + path + "' " + problem));
  return path;
}

/// Reads a sector-by-column matrix whose rows must be exactly the sector codes in order; every
/// cell must satisfy `rule`. `lines` (optional) receives the file line of each row.
LabelledMatrix read_sector_matrix(const std::string& path, const std::vector<std::string>& sectors,
                                  const CellRule& rule, std::vector<int>* lines = nullptr) {
  const CsvTable t = read_csv(path);
  if (t.header.size() < 2 || t.header[0] != "sector")
    throw InputError(located(path, 1, 1,
                             "header starts with '" + (t.header.empty() ? "" : t.header[0]) +
                                 "': expected 'sector' followed by the column codes"));
  if (t.rows.size() != sectors.size())
    throw InputError(located(path, 0, 0,
                             "has " + std::to_string(t.rows.size()) + " rows, expected one per sector (" +
                                 std::to_string(sectors.size()) + ") in the order of sectors.csv"));
  LabelledMatrix m;
  m.column_labels.assign(t.header.begin() + 1, t.header.end());
  std::set<std::string> seen;
  for (size_t c = 1; c < t.header.size(); ++c) {
    if (t.header[c].empty())
      throw InputError(located(path, 1, static_cast<int>(c + 1), "empty column code in the header"));
    if (!seen.insert(t.header[c]).second)
      throw InputError(
          located(path, 1, static_cast<int>(c + 1), "duplicate column code '" + excerpt(t.header[c]) + "'"));
  }
  m.values.resize(static_cast<Eigen::Index>(t.rows.size()), static_cast<Eigen::Index>(t.header.size() - 1));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r][0] != sectors[r])
      throw InputError(t.where(r, 0) + ": row label '" + excerpt(t.rows[r][0]) + "', expected sector '" + sectors[r] +
                       "' (rows must follow the order of sectors.csv)");
    m.row_labels.push_back(t.rows[r][0]);
    for (size_t c = 1; c < t.header.size(); ++c) {
      const double v = t.number(r, c);
      const std::string broken = rule(v);
      if (!broken.empty()) throw InputError(bad_cell(t, r, c, sectors[r], broken));
      m.values(r, c - 1) = v;
    }
  }
  if (lines) *lines = t.line_numbers;
  return m;
}

void require_columns_are_sectors(const std::string& path, const LabelledMatrix& m,
                                 const std::vector<std::string>& sectors) {
  if (m.column_labels.size() != sectors.size())
    throw InputError(located(path, 1, 0,
                             "has " + std::to_string(m.column_labels.size()) + " columns, expected one per sector (" +
                                 std::to_string(sectors.size()) + ")"));
  for (size_t j = 0; j < sectors.size(); ++j)
    if (m.column_labels[j] != sectors[j])
      throw InputError(located(path, 1, static_cast<int>(j + 2),
                               "column '" + excerpt(m.column_labels[j]) + "', expected sector '" + sectors[j] +
                                   "' (columns follow sectors.csv)"));
}

}  // namespace

std::string parameter_bounds(const std::string& name, double v) {
  // The bounds of the scenario's parameters (docs/reference/scenario.md).
  const schema::Entry* e = name == "export_demand_by_partner" ? nullptr : schema::find("parameters." + name);
  return e ? e->problem(v) : "unknown parameter";
}

bool is_economy_folder(const std::string& folder) {
  return fs::is_directory(folder) && fs::is_regular_file(fs::path(folder) / "economy.yaml");
}

Economy load_economy(const std::string& folder_or_yaml) {
  Ctx c;
  if (fs::is_directory(folder_or_yaml)) {
    c.folder = folder_or_yaml;
    c.yaml_path = (fs::path(folder_or_yaml) / "economy.yaml").string();
    if (!fs::is_regular_file(c.yaml_path))
      throw InputError(located(folder_or_yaml, 0, 0, "not an economy folder: expected a file economy.yaml in it"));
  } else if (fs::exists(folder_or_yaml)) {  // economy.yaml itself; load_yaml_file refuses FIFOs and devices
    c.yaml_path = folder_or_yaml;
    c.folder = parent_folder(folder_or_yaml);
  } else {
    throw InputError(located(folder_or_yaml, 0, 0, "no such economy folder"));
  }
  c.root = load_yaml_file(c.yaml_path);
  require_schema_version(c.yaml_path, c.root);
  require_known_keys(c.yaml_path, c.root, "", kEconomyKeys);

  Economy e;
  auto text = [&](const char* key, std::string& dst, bool required, const char* what = nullptr) {
    const YAML::Node n = c.root[key];
    if (!n) {
      if (required) throw InputError(located(c.yaml_path, 1, 1, std::string("missing key '") + key + "'"));
      return;
    }
    dst = what ? yaml_nonempty_string(c.yaml_path, n, key, what) : yaml_string(c.yaml_path, n, key);
  };
  text("name", e.name, true, "a name for the economy");
  text("country", e.country, false);
  text("currency", e.currency, true, "the currency unit of the tables, e.g. \"USD million\"");
  text("employment_unit", e.employment_unit, false);
  text("source", e.source, true);
  text("licence", e.licence, true);
  if (c.root["year"]) e.year = static_cast<int>(yaml_integer(c.yaml_path, c.root["year"], "year"));
  if (e.employment_unit.empty()) e.employment_unit = "persons";

  // sectors.csv: code,name[,region]
  {
    const std::string path = file_key(c, "sectors", true);
    const CsvTable t = read_csv(path);
    const int code = t.require_column("code");
    const int name = t.require_column("name");
    const int region = t.column("region");
    std::set<std::string> seen;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const std::string& s = t.rows[r][code];
      if (s.empty()) throw InputError(t.where(r, code) + ": empty sector code");
      if (!seen.insert(s).second)
        throw InputError(t.where(r, code) + ": duplicate sector code '" + excerpt(s) + "': codes must be unique");
      e.sector_codes.push_back(s);
      e.sector_names.push_back(t.rows[r][name]);
      if (region >= 0) e.sector_regions.push_back(t.rows[r][region]);
    }
    if (e.sector_codes.empty()) throw InputError(located(path, 0, 0, "no sectors: expected one row per sector"));
  }
  const auto& sectors = e.sector_codes;
  const Eigen::Index n = e.sectors();

  {
    const std::string path = file_key(c, "intermediate_domestic", true);
    auto m = read_sector_matrix(path, sectors, flow_rule);
    require_columns_are_sectors(path, m, sectors);
    e.intermediate_domestic = m.values;
  }
  {
    const std::string path = file_key(c, "intermediate_imported", false);
    if (!path.empty()) {
      auto m = read_sector_matrix(path, sectors, flow_rule);
      require_columns_are_sectors(path, m, sectors);
      e.intermediate_imported = m.values;
    } else {
      e.intermediate_imported = Eigen::MatrixXd::Zero(n, n);
    }
  }
  {
    const std::string path = file_key(c, "final_demand_domestic", true);
    auto m = read_sector_matrix(path, sectors, flow_rule);
    e.final_demand_categories = m.column_labels;
    e.final_demand_domestic = m.values;
  }
  {
    const std::string path = file_key(c, "final_demand_imported", false);
    if (!path.empty()) {
      auto m = read_sector_matrix(path, sectors, flow_rule);
      if (m.column_labels != e.final_demand_categories)
        throw InputError(located(
            path, 1, 0,
            "final-demand columns differ from final_demand_domestic: expected the same categories in the same order"));
      e.final_demand_imported = m.values;
    } else {
      e.final_demand_imported = Eigen::MatrixXd::Zero(n, e.final_demand_domestic.cols());
    }
  }
  {
    const std::string path = file_key(c, "exports", true);
    auto m = read_sector_matrix(path, sectors, flow_rule);
    e.export_partners = m.column_labels;
    e.exports = m.values;
  }
  {
    const std::string path = file_key(c, "value_added", true);
    const CsvTable t = read_csv(path);
    if (t.header.empty() || t.header[0] != "component")
      throw InputError(
          located(path, 1, 1,
                  "header starts with '" + (t.header.empty() ? "" : t.header[0]) +
                      "': expected 'component' followed by the sector codes (value_added.csv is transposed)"));
    if (t.header.size() != sectors.size() + 1)
      throw InputError(located(path, 1, 0,
                               "has " + std::to_string(t.header.size() - 1) + " sector columns, expected " +
                                   std::to_string(sectors.size())));
    for (size_t j = 0; j < sectors.size(); ++j)
      if (t.header[j + 1] != sectors[j])
        throw InputError(located(path, 1, static_cast<int>(j + 2),
                                 "column '" + excerpt(t.header[j + 1]) + "', expected sector '" + sectors[j] + "'"));
    e.value_added.resize(static_cast<Eigen::Index>(t.rows.size()), n);
    std::set<std::string> seen;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (!seen.insert(t.rows[r][0]).second)
        throw InputError(t.where(r, 0) + ": duplicate value-added component '" + excerpt(t.rows[r][0]) + "'");
      e.value_added_components.push_back(t.rows[r][0]);
      for (Eigen::Index j = 0; j < n; ++j) {
        const size_t col = static_cast<size_t>(j + 1);
        e.value_added(r, j) = t.number(r, col);
        const std::string broken = flow_rule(e.value_added(r, j));
        if (!broken.empty())
          throw InputError(t.where(r, col) + ": component '" + excerpt(t.rows[r][0]) + "', sector " + sectors[j] +
                           ": " + excerpt(t.rows[r][col]) + " " + broken);
      }
    }
  }
  {
    const std::string path = file_key(c, "employment", true);
    const CsvTable t = read_csv(path);
    if (t.header.empty() || t.header[0] != "sector")
      throw InputError(located(path, 1, 1, "expected the header to start with 'sector'"));
    const int total = t.require_column("total");
    const int wage = t.column("annual_wage");
    if (t.rows.size() != sectors.size())
      throw InputError(located(path, 0, 0,
                               "has " + std::to_string(t.rows.size()) + " rows, expected one per sector (" +
                                   std::to_string(sectors.size()) + ")"));
    std::vector<int> share_cols;
    for (size_t col = 1; col < t.header.size(); ++col)
      if (static_cast<int>(col) != total && static_cast<int>(col) != wage) {
        share_cols.push_back(static_cast<int>(col));
        e.employment_share_names.push_back(t.header[col]);
      }
    e.employment.resize(n);
    e.employment_shares.resize(n, static_cast<Eigen::Index>(share_cols.size()));
    if (wage >= 0) e.annual_wage.resize(n);
    bool any_unknown = false;
    std::vector<bool> known(n, true);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r][0] != sectors[r])
        throw InputError(t.where(r, 0) + ": row label '" + excerpt(t.rows[r][0]) + "', expected sector '" + sectors[r] +
                         "'");
      if (t.rows[r][total] == "NA") {  // jobs unknown (multi-region tables): never read as zero
        known[r] = false;
        any_unknown = true;
        e.employment(r) = 0.0;
      } else {
        e.employment(r) = t.number(r, total);
        if (e.employment(r) < 0.0)
          throw InputError(t.where(r, total) + ": employment " + excerpt(t.rows[r][total]) +
                           " is negative: expected persons >= 0");
        if (const std::string broken = flow_rule(e.employment(r)); !broken.empty())
          throw InputError(bad_cell(t, r, static_cast<size_t>(total), sectors[r], broken));
      }
      for (size_t k = 0; k < share_cols.size(); ++k) {
        // NA in a row with known jobs: this share is unknown there (NaN, e.g. a region without
        // informality data); in a row with unknown jobs every cell is unknown (0, not used).
        const bool na = t.rows[r][share_cols[k]] == "NA";
        if (known[r] && na) {
          e.employment_shares(r, k) = std::numeric_limits<double>::quiet_NaN();
          continue;
        }
        const double s = known[r] ? t.number(r, share_cols[k]) : 0.0;
        if (!(s >= 0.0 && s <= 1.0))
          throw InputError(t.where(r, share_cols[k]) + ": share " + excerpt(t.rows[r][share_cols[k]]) + " of column '" +
                           excerpt(t.header[share_cols[k]]) +
                           "' is outside [0, 1]: expected a share (write 45% as 0.45)");
        e.employment_shares(r, k) = s;
      }
      if (wage >= 0) {
        e.annual_wage(r) = known[r] && t.rows[r][wage] != "NA" ? t.number(r, wage) : 0.0;
        if (e.annual_wage(r) < 0.0) throw InputError(t.where(r, wage) + ": annual_wage is negative: expected >= 0");
        if (const std::string broken = flow_rule(e.annual_wage(r)); !broken.empty())
          throw InputError(bad_cell(t, r, static_cast<size_t>(wage), sectors[r], broken));
      }
    }
    if (any_unknown) e.employment_known = known;
  }
  if (const std::string path = file_key(c, "output", false); !path.empty()) {
    auto m = read_sector_matrix(path, sectors, flow_rule);
    if (m.values.cols() != 1)
      throw InputError(located(
          path, 1, 0, "has " + std::to_string(m.values.cols()) + " value columns: expected one (sector,output)"));
    e.output_reported = m.values.col(0);
  }
  if (const std::string path = file_key(c, "imports_by_partner", false); !path.empty()) {
    auto m = read_sector_matrix(path, sectors, nonnegative_flow_rule);
    e.import_partners = m.column_labels;
    e.import_shares = m.values;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double s = m.values.row(i).sum();
      if (s > 0.0) e.import_shares.row(i) /= s;  // values or shares: normalised per product
    }
  }
  if (const std::string path = file_key(c, "tariffs", false); !path.empty()) {
    auto m = read_sector_matrix(path, sectors, rate_rule);
    if (e.import_partners.empty()) e.import_partners = m.column_labels;
    if (m.column_labels != e.import_partners)
      throw InputError(located(
          path, 1, 0, "partner columns differ from imports_by_partner: expected the same partners in the same order"));
    e.tariffs = m.values;
  }
  if (const std::string path = file_key(c, "export_tariffs", false); !path.empty()) {
    auto m = read_sector_matrix(path, sectors, rate_rule);
    if (m.column_labels != e.export_partners)
      throw InputError(
          located(path, 1, 0, "partner columns differ from exports.csv: expected the same partners in the same order"));
    e.export_tariffs = m.values;
  }
  if (const std::string path = file_key(c, "mobility", false); !path.empty()) {
    std::vector<int> lines;
    auto m = read_sector_matrix(path, sectors, share_rule, &lines);
    require_columns_are_sectors(path, m, sectors);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double sum = m.values.row(i).sum();
      if (std::abs(sum - 1.0) > 1e-6)  // the adjustment module's tolerance (docs/model.md §5)
        throw InputError(located(path, lines[static_cast<size_t>(i)], 0,
                                 "row of sector " + sectors[i] + " sums to " + format_number(sum) +
                                     ": each row (the sector workers leave) must sum to 1"));
    }
    e.mobility = m.values;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto* v :
       {&e.armington, &e.source_substitution, &e.final_demand_elasticity, &e.export_demand, &e.employment_elasticity})
    *v = Eigen::VectorXd::Constant(n, nan);
  if (const std::string path = file_key(c, "elasticities", false); !path.empty()) {
    const CsvTable t = read_csv(path);
    if (t.header.empty() || t.header[0] != "sector")
      throw InputError(located(path, 1, 1, "expected the header to start with 'sector'"));
    if (t.rows.size() != sectors.size())
      throw InputError(located(path, 0, 0,
                               "has " + std::to_string(t.rows.size()) + " rows, expected one per sector (" +
                                   std::to_string(sectors.size()) + ") in the order of sectors.csv"));
    for (size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r][0] != sectors[r])
        throw InputError(t.where(r, 0) + ": row label '" + excerpt(t.rows[r][0]) + "', expected sector '" + sectors[r] +
                         "' (rows must follow the order of sectors.csv)");
    Eigen::VectorXd* targets[] = {&e.armington, &e.source_substitution, &e.final_demand_elasticity, &e.export_demand,
                                  &e.employment_elasticity};
    std::set<std::string> seen;
    for (size_t col = 1; col < t.header.size(); ++col) {
      int k = -1;
      for (size_t q = 0; q < kElasticityColumns.size(); ++q)
        if (kElasticityColumns[q] == t.header[col]) k = static_cast<int>(q);
      if (k < 0)
        throw InputError(located(path, 1, static_cast<int>(col + 1),
                                 "unknown column '" + excerpt(t.header[col]) +
                                     "': expected armington, source_substitution, final_demand_elasticity, "
                                     "export_demand or employment_elasticity"));
      if (!seen.insert(t.header[col]).second)
        throw InputError(located(path, 1, static_cast<int>(col + 1), "duplicate column '" + t.header[col] + "'"));
      for (size_t r = 0; r < t.rows.size(); ++r) {
        if (t.rows[r][col].empty() || t.rows[r][col] == "NA") {  // not given: the scenario or the default decides
          (*targets[k])(r) = nan;
          continue;
        }
        const double v = t.number(r, col);
        // The bounds of the scenario's parameters.NAME (docs/model.md §3), checked here so that a
        // bad file is reported as the file's cell, never as the model's parameter.
        const std::string broken = parameter_bounds(t.header[col], v);
        if (!broken.empty()) throw InputError(bad_cell(t, r, col, sectors[r], broken));
        (*targets[k])(r) = v;
      }
    }
  }
  if (const YAML::Node g = c.root["sector_groups"]) {
    require_map(c.yaml_path, g, "sector_groups");
    for (auto it = g.begin(); it != g.end(); ++it) {
      const std::string name = yaml_nonempty_string(c.yaml_path, it->first, "sector_groups", "a group name");
      const std::string key = "sector_groups." + name;
      if (e.sector_index(name) >= 0)
        throw InputError(yaml_error(c.yaml_path, it->first, key,
                                    "'" + name + "' is a sector code: a group needs a name of its own"));
      auto codes = yaml_string_list(c.yaml_path, it->second, key);
      std::set<std::string> members;
      for (const auto& code : codes) {
        if (e.sector_index(code) < 0)
          throw InputError(yaml_error(c.yaml_path, it->second, key,
                                      "unknown sector '" + excerpt(code) + "': expected codes from sectors.csv"));
        if (!members.insert(code).second)
          throw InputError(yaml_error(c.yaml_path, it->second, key, "sector '" + code + "' is listed twice"));
      }
      e.sector_groups[name] = codes;
    }
  }
  return e;
}

namespace {
void write_file(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary);
  if (!out) throw InputError(located(p.string(), 0, 0, "cannot write file"));
  out << content;
}

std::string yaml_quote(const std::string& s) {
  std::string q = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') q += '\\';
    if (ch == '\n') {
      q += "\\n";
      continue;
    }
    q += ch;
  }
  return q + "\"";
}
}  // namespace

void write_economy(const Economy& e, const std::string& folder, const EconomyProvenance& prov) {
  fs::create_directories(folder);
  const fs::path dir(folder);
  const Eigen::Index n = e.sectors();
  std::ostringstream y;
  y << "schema_version: 1\n";
  y << "name: " << yaml_quote(e.name) << "\n";
  y << "country: " << yaml_quote(e.country) << "\n";
  y << "year: " << e.year << "\n";
  y << "currency: " << yaml_quote(e.currency) << "\n";
  y << "employment_unit: " << yaml_quote(e.employment_unit.empty() ? "persons" : e.employment_unit) << "\n";
  y << "source: " << yaml_quote(e.source) << "\n";
  y << "licence: " << yaml_quote(e.licence) << "\n";
  if (!prov.import_command.empty()) y << "import_command: " << yaml_quote(prov.import_command) << "\n";
  if (!prov.aggregation.empty()) y << "aggregation: " << yaml_quote(prov.aggregation) << "\n";
  if (!prov.notes.empty()) {
    y << "notes:\n";
    for (const auto& note : prov.notes) y << "  - " << yaml_quote(note) << "\n";
  }
  y << "sectors: sectors.csv\n";
  {
    std::ostringstream s;
    s << "code,name" << (e.sector_regions.empty() ? "" : ",region") << "\n";
    for (Eigen::Index i = 0; i < n; ++i) {
      s << csv_escape(e.sector_codes[i]) << ',' << csv_escape(e.sector_names[i]);
      if (!e.sector_regions.empty()) s << ',' << csv_escape(e.sector_regions[i]);
      s << '\n';
    }
    write_file(dir / "sectors.csv", s.str());
  }
  auto matrix = [&](const char* key, const char* file, const std::vector<std::string>& cols, const Eigen::MatrixXd& m) {
    if (m.size() == 0) return;
    std::ostringstream s;
    write_labelled_matrix(s, "sector", e.sector_codes, cols, m);
    write_file(dir / file, s.str());
    y << key << ": " << file << "\n";
  };
  matrix("intermediate_domestic", "intermediate_domestic.csv", e.sector_codes, e.intermediate_domestic);
  matrix("intermediate_imported", "intermediate_imported.csv", e.sector_codes, e.intermediate_imported);
  matrix("final_demand_domestic", "final_demand_domestic.csv", e.final_demand_categories, e.final_demand_domestic);
  matrix("final_demand_imported", "final_demand_imported.csv", e.final_demand_categories, e.final_demand_imported);
  matrix("exports", "exports.csv", e.export_partners, e.exports);
  {
    std::ostringstream s;
    write_labelled_matrix(s, "component", e.value_added_components, e.sector_codes, e.value_added);
    write_file(dir / "value_added.csv", s.str());
    y << "value_added: value_added.csv\n";
  }
  {
    std::ostringstream s;
    s << "sector,total";
    for (const auto& g : e.employment_share_names) s << ',' << csv_escape(g);
    if (e.annual_wage.size() > 0) s << ",annual_wage";
    s << '\n';
    for (Eigen::Index i = 0; i < n; ++i) {
      const bool known = e.jobs_known(i);
      s << csv_escape(e.sector_codes[i]) << ',' << (known ? format_double(e.employment(i)) : "NA");
      for (Eigen::Index g = 0; g < e.employment_shares.cols(); ++g)
        s << ',' << (known && !std::isnan(e.employment_shares(i, g)) ? format_double(e.employment_shares(i, g)) : "NA");
      if (e.annual_wage.size() > 0) s << ',' << (known ? format_double(e.annual_wage(i)) : "NA");
      s << '\n';
    }
    write_file(dir / "employment.csv", s.str());
    y << "employment: employment.csv\n";
  }
  if (e.output_reported.size() > 0) matrix("output", "output.csv", {"output"}, e.output_reported);
  matrix("imports_by_partner", "imports_by_partner.csv", e.import_partners, e.import_shares);
  matrix("tariffs", "tariffs.csv", e.import_partners, e.tariffs);
  matrix("export_tariffs", "export_tariffs.csv", e.export_partners, e.export_tariffs);
  matrix("mobility", "mobility.csv", e.sector_codes, e.mobility);
  if (!e.sector_groups.empty()) {
    y << "sector_groups:\n";
    for (const auto& [name, codes] : e.sector_groups) {
      y << "  " << name << ": [";
      for (size_t k = 0; k < codes.size(); ++k) y << (k ? ", " : "") << yaml_quote(codes[k]);
      y << "]\n";
    }
  }
  write_file(dir / "economy.yaml", y.str());
}

}  // namespace tradejobs
