#include "tradejobs/engine/scenario.h"

#include <cmath>
#include <filesystem>

#include "formats/yaml_util.h"
#include "scenario/schema.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/models/adjustment.h"

namespace tradejobs {

const std::vector<std::string>& parameter_names() {
  static const std::vector<std::string> names = schema::section_names("parameters.");
  return names;
}

const std::vector<std::string>& labour_market_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const schema::Entry* e : schema::section("labour_market."))
      if (e->type == schema::ValueType::number || e->type == schema::ValueType::integer) out.push_back(e->name());
    return out;
  }();
  return names;
}

const std::vector<std::string>& measure_types() {
  // The one name table of MeasureType, in the enum's order.
  static const std::vector<std::string> types = {"tariff",        "export_tariff", "ntm",         "quota",
                                                 "export_demand", "import_price",  "final_demand"};
  return types;
}

const std::string& measure_type_name(MeasureType type) { return measure_types()[static_cast<size_t>(type)]; }

std::optional<MeasureType> measure_type_from_name(const std::string& name) {
  const std::vector<std::string>& names = measure_types();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<MeasureType>(i);
  return std::nullopt;
}

bool is_rate_measure(MeasureType t) {
  return t == MeasureType::tariff || t == MeasureType::export_tariff || t == MeasureType::ntm;
}

bool is_import_measure(MeasureType t) {
  return t == MeasureType::tariff || t == MeasureType::ntm || t == MeasureType::quota || t == MeasureType::import_price;
}

bool is_export_measure(MeasureType t) { return t == MeasureType::export_tariff || t == MeasureType::export_demand; }

namespace {
constexpr PolicyType kPolicyTypes[] = {PolicyType::retraining, PolicyType::job_search_assistance,
                                       PolicyType::wage_insurance, PolicyType::benefit_extension};
}  // namespace

const std::vector<std::string>& policy_types() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> out;
    for (PolicyType t : kPolicyTypes) out.push_back(policy_type_name(t));
    return out;
  }();
  return types;
}

PolicyType policy_type_of(const std::string& name) {
  for (PolicyType t : kPolicyTypes)
    if (name == policy_type_name(t)) return t;
  throw std::invalid_argument("policy_type_of: '" + name + "' is not a policy type");
}

const std::vector<std::string>& policy_number_keys(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> keys = [] {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& t : policy_types())
      for (const schema::Entry* e : schema::section("policies[i]."))
        if (e->type == schema::ValueType::number || e->type == schema::ValueType::integer)
          if (e->applies(t)) out[t].push_back(e->name());
    return out;
  }();
  static const std::vector<std::string> none;
  const auto it = keys.find(type);
  return it == keys.end() ? none : it->second;
}

namespace {

std::string join_names(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

/// "a, b or c".
std::string join_or(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : i + 1 == v.size() ? " or " : ", ") + v[i];
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

/// The schema entry of a key the parser knows (a missing entry is a bug in the table).
const schema::Entry& entry(const std::string& path) {
  const schema::Entry* e = schema::find(path);
  if (!e) throw std::logic_error("scenario schema has no entry " + path);
  return *e;
}

/// Bounds of a per-sector parameter: "" if fine or the violated constraint (shared with the
/// economy's elasticities file).
std::string parameter_constraint(const std::string& name, double v) { return entry("parameters." + name).problem(v); }

std::string labour_constraint(const std::string& name, double v) { return entry("labour_market." + name).problem(v); }

std::string measure_value_constraint(const MeasureSpec& m, const std::string& key, double v) {
  return entry("measures[i]." + key).problem(v, measure_type_name(m.type));
}

/// Bounds of a policy's numeric key: "" if fine or the violated constraint.
std::string policy_value_constraint(const std::string& key, double v) { return entry("policies[i]." + key).problem(v); }

/// Keys a policy must give: those for which the literature gives no default
/// (docs/labour_and_adjustment.md "Policies").
std::vector<std::string> policy_required_keys(const std::string& type) {
  std::vector<std::string> out;
  for (const schema::Entry* e : schema::section("policies[i]."))
    if ((e->type == schema::ValueType::number || e->type == schema::ValueType::integer) && e->required_by(type))
      out.push_back(e->name());
  return out;
}

/// The keys a measure or policy of `type` takes (`prefix` "measures[i]." or "policies[i].").
std::vector<std::string> keys_of_type(const std::string& prefix, const std::string& type) {
  std::vector<std::string> out;
  for (const schema::Entry* e : schema::section(prefix))
    if (e->applies(type)) out.push_back(e->name());
  return out;
}

/// InputError at the first key of `node` that a measure or policy of `type` does not take
/// (a key of another type: it would be read and ignored).
void require_keys_of_type(const std::string& file, const YAML::Node& node, const std::string& path,
                          const std::string& prefix, const std::string& kind, const std::string& type) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    const schema::Entry* e = schema::find(prefix + key);
    if (!e || e->applies(type)) continue;
    std::string types;
    for (size_t i = 0; i < e->applies_to.size(); ++i)
      types += (i == 0 ? "" : i + 1 == e->applies_to.size() ? " and " : ", ") + e->applies_to[i];
    throw InputError(yaml_error(file, it->first, path + "." + key,
                                "a " + type + " " + kind + " takes no '" + key + "' (only " + types +
                                    " do); its keys are " + join_names(keys_of_type(prefix, type))));
  }
}

void parse_policy(const std::string& file, const YAML::Node& node, const std::string& path, PolicySpec& p) {
  if (!node.IsMap()) throw InputError(yaml_error(file, node, path, "expected a policy: a map with a type"));
  p.line = node.Mark().line + 1;
  p.column = node.Mark().column + 1;
  if (!node["type"])
    throw InputError(yaml_error(file, node, path, "missing 'type': expected one of " + join_names(policy_types())));
  p.type = yaml_string(file, node["type"], path + ".type");
  if (!contains(policy_types(), p.type))
    throw InputError(yaml_error(file, node["type"], path + ".type",
                                "unknown policy type '" + p.type + "': expected one of " + join_names(policy_types())));
  require_known_keys(file, node, path, keys_of_type("policies[i].", p.type));
  p.name = node["name"] ? yaml_nonempty_string(file, node["name"], path + ".name", "a label for the outputs") : p.type;
  if (node["sectors"]) {
    p.sectors = yaml_string_list(file, node["sectors"], path + ".sectors", "leave 'sectors' out for every sector");
    p.sectors_line = node["sectors"].Mark().line + 1;
    p.sectors_column = node["sectors"].Mark().column + 1;
  }
  if (node["groups"]) {
    p.groups = yaml_string_list(file, node["groups"], path + ".groups",
                                p.type == "benefit_extension" ? "expected informal and/or self_employed"
                                                              : "leave 'groups' out for every worker");
    p.groups_line = node["groups"].Mark().line + 1;
    p.groups_column = node["groups"].Mark().column + 1;
  }
  for (const auto& key : policy_number_keys(p.type)) {
    if (!node[key]) continue;
    const double v = yaml_number(file, node[key], path + "." + key);
    const std::string c = policy_value_constraint(key, v);
    if (!c.empty()) throw InputError(yaml_error(file, node[key], path + "." + key + " = " + format_number(v), c));
    p.values[key] = v;
  }
  for (const auto& key : policy_required_keys(p.type))
    if (!p.values.count(key))
      throw InputError(yaml_error(file, node, path,
                                  "a " + p.type + " policy needs '" + key +
                                      "': the literature gives no default for it (docs/labour_and_adjustment.md, "
                                      "\"Policies\")"));
  if (p.type == "retraining" || p.type == "job_search_assistance") {
    const bool multiple = p.values.count("cost_per_participant"),
               amount = p.values.count("cost_per_participant_amount");
    if (multiple == amount)
      throw InputError(
          yaml_error(file, node, path,
                     std::string(multiple ? "give either cost_per_participant or cost_per_participant_amount, not both"
                                          : "a " + p.type +
                                                " policy needs 'cost_per_participant' (a multiple of the annual "
                                                "wage) or 'cost_per_participant_amount' (base units, e.g. USD): "
                                                "the literature gives no default for it")));
  }
  if (p.type == "benefit_extension") {
    if (p.groups.empty())
      throw InputError(
          yaml_error(file, node, path,
                     "a benefit_extension needs 'groups': the workers it reaches, informal and/or self_employed"));
    for (const auto& g : p.groups)
      if (g != "informal" && g != "self_employed")
        throw InputError(
            yaml_error(file, node["groups"], path + ".groups",
                       "unknown group '" + excerpt(g) +
                           "': expected informal or self_employed (the workers without unemployment benefits)"));
  }
}

void parse_measure(const std::string& file, const YAML::Node& node, const std::string& path, MeasureSpec& m) {
  require_known_keys(file, node, path, schema::section_names("measures[i]."));
  m.line = node.Mark().line + 1;
  m.column = node.Mark().column + 1;
  if (!node["type"])
    throw InputError(yaml_error(file, node, path, "missing 'type': expected one of " + join_names(measure_types())));
  const std::string type = yaml_string(file, node["type"], path + ".type");
  const std::optional<MeasureType> known = measure_type_from_name(type);
  if (!known)
    throw InputError(yaml_error(file, node["type"], path + ".type",
                                "unknown measure type '" + type + "': expected one of " + join_names(measure_types())));
  m.type = *known;
  if (node["sectors"])
    m.sectors = yaml_string_list(file, node["sectors"], path + ".sectors", "leave 'sectors' out for every sector");
  if (node["partners"])
    m.partners = yaml_string_list(file, node["partners"], path + ".partners", "leave 'partners' out for every partner");
  if (const YAML::Node imp = node["importer"]) {
    // Multi-region economies (docs/mrio.md): the region that levies the tariff. Whether the
    // region exists, and whether the economy is multi-region, is checked on resolution.
    if (m.type != MeasureType::tariff)
      throw InputError(yaml_error(file, imp, path + ".importer",
                                  "only tariff measures take an importer (the region that levies the tariff)"));
    m.importer = yaml_string(file, imp, path + ".importer");
    m.importer_line = imp.Mark().line + 1;
    m.importer_column = imp.Mark().column + 1;
  }
  auto number = [&](const char* key, std::optional<double>& dst) {
    if (!node[key]) return;
    const double v = yaml_number(file, node[key], path + "." + key);
    const std::string c = measure_value_constraint(m, key, v);
    if (!c.empty()) throw InputError(yaml_error(file, node[key], path + "." + key + " = " + format_number(v), c));
    dst = v;
  };
  number("from", m.from);
  number("to", m.to);
  number("change", m.change);
  number("quantity", m.quantity);
  number("percent", m.percent);
  std::optional<double> phase, scale;
  number("phase_in_years", phase);
  number("scale", scale);
  if (phase) m.phase_in_years = *phase;
  if (scale) m.scale = *scale;
  if (node["kind"]) {
    m.ntm_kind = yaml_string(file, node["kind"], path + ".kind");
    if (m.type != MeasureType::ntm)
      throw InputError(yaml_error(file, node["kind"], path + ".kind", "only ntm measures take a kind"));
    const std::vector<std::string>& kinds = entry("measures[i].kind").choices;
    if (!contains(kinds, m.ntm_kind))
      throw InputError(
          yaml_error(file, node["kind"], path + ".kind", "'" + m.ntm_kind + "': expected " + join_or(kinds)));
  }
  if (node["category"]) m.category = yaml_string(file, node["category"], path + ".category");
  const std::string folder = parent_folder(file);
  // Files are looked at (not opened) here, so that a FIFO or a device is named at its key.
  auto input_file = [&](const char* key) {
    const std::string f =
        join_path(folder, yaml_nonempty_string(file, node[key], path + "." + key, "the path of a CSV file"));
    const std::string problem = input_file_problem(f, "a CSV file", kMaxInputFileBytes);
    if (!problem.empty()) throw InputError(yaml_error(file, node[key], path + "." + key, "'" + f + "' " + problem));
    return f;
  };
  if (node["concordance"]) m.concordance = input_file("concordance");
  if (node["codes_file"]) m.codes_file = input_file("codes_file");

  // Which keys each type needs (docs/model.md §3).
  const bool rate_type = is_rate_measure(m.type);
  auto fail = [&](const std::string& msg) { throw InputError(yaml_error(file, node, path, msg)); };
  if (!m.codes_file.empty() && m.concordance.empty())
    fail("codes_file needs a concordance to map its codes to sectors");
  if (!m.codes_file.empty() && !rate_type) fail("codes_file is for tariff, export_tariff and ntm measures");
  if (rate_type && m.codes_file.empty()) {
    if (m.change && (m.from || m.to)) fail("give either change, or from and to, not both");
    if (!m.change && !m.to)
      fail("a " + measure_type_name(m.type) + " measure needs 'to' (with optional 'from') or 'change'");
  }
  if (m.type == MeasureType::quota && !m.quantity)
    fail("a quota needs 'quantity' (the ceiling on import volume, currency units at base prices)");
  if (m.type == MeasureType::quota && m.sectors.size() != 1)
    fail("a quota applies to exactly one sector: give sectors: [CODE]");
  if ((m.type == MeasureType::export_demand || m.type == MeasureType::import_price) && !m.percent)
    fail("a " + measure_type_name(m.type) + " measure needs 'percent' (e.g. -10 for a 10% fall)");
  if (m.type == MeasureType::final_demand && !m.percent && !m.quantity)
    fail("a final_demand measure needs 'quantity' (currency units) or 'percent'");
  if (m.type == MeasureType::final_demand && m.percent && m.quantity) fail("give either quantity or percent, not both");
  if (m.type == MeasureType::final_demand && !m.partners.empty()) fail("final_demand measures take no partners");
  require_keys_of_type(file, node, path, "measures[i].", "measure", measure_type_name(m.type));
}

/// parameters.export_demand_by_partner: {PARTNER: number | {default: v, SECTOR: v, ...}}
/// (docs/trade.md "Export demand by partner"); every value is checked like export_demand.
void parse_export_demand_by_partner(const std::string& file, const YAML::Node& node, Scenario& s) {
  const std::string base = "parameters.export_demand_by_partner";
  if (!node.IsMap() || node.size() == 0)
    throw InputError(yaml_error(file, node, base,
                                "expected a map from export partner to a number or to {default: v, SECTOR: v}, "
                                "e.g. {CHN: {A01: -6.5, default: -2.5}}"));
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string partner = it->first.Scalar();
    const std::string path = base + "." + partner;
    PartnerParameter pp;
    pp.line = it->first.Mark().line + 1;
    pp.column = it->first.Mark().column + 1;
    auto value = [&](const YAML::Node& v, const std::string& at) {
      const double x = yaml_number(file, v, at);
      const std::string c = parameter_constraint("export_demand", x);
      if (!c.empty()) throw InputError(yaml_error(file, v, at + " = " + format_number(x), c));
      return x;
    };
    const YAML::Node v = it->second;
    if (v.IsScalar()) {
      pp.values.all = value(v, path);
    } else if (v.IsMap() && v.size() > 0) {
      for (auto jt = v.begin(); jt != v.end(); ++jt) {
        const std::string key = jt->first.Scalar();
        const double x = value(jt->second, path + "." + key);
        if (key == "default")
          pp.values.all = x;
        else
          pp.values.by_sector[key] = x;
      }
    } else {
      throw InputError(yaml_error(file, v, path, "expected a number or a map with 'default' and sector codes"));
    }
    s.export_demand_by_partner[partner] = pp;
  }
}

void parse_parameters(const std::string& file, const YAML::Node& node, Scenario& s) {
  require_known_keys(file, node, "parameters", parameter_names());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = it->first.Scalar();
    const std::string path = "parameters." + name;
    if (name == "export_demand_by_partner") {
      parse_export_demand_by_partner(file, it->second, s);
      continue;
    }
    SectorParameter p;
    const YAML::Node v = it->second;
    if (v.IsScalar()) {
      p.all = yaml_number(file, v, path);
      const std::string c = parameter_constraint(name, *p.all);
      if (!c.empty()) throw InputError(yaml_error(file, v, path + " = " + format_number(*p.all), c));
    } else if (v.IsMap()) {
      for (auto jt = v.begin(); jt != v.end(); ++jt) {
        const std::string key = jt->first.Scalar();
        const double x = yaml_number(file, jt->second, path + "." + key);
        const std::string c = parameter_constraint(name, x);
        if (!c.empty()) throw InputError(yaml_error(file, jt->second, path + "." + key + " = " + format_number(x), c));
        if (key == "default")
          p.all = x;
        else
          p.by_sector[key] = x;
        if (key != "default") p.positions[key] = {jt->first.Mark().line + 1, jt->first.Mark().column + 1};
      }
    } else {
      throw InputError(yaml_error(file, v, path, "expected a number or a map with 'default' and sector codes"));
    }
    s.parameters[name] = p;
  }
}

}  // namespace

std::string scenario_name_problem(const std::string& name) {
  // The name makes the default results folder results/NAME: a plain folder name only.
  bool ok = !name.empty() && name.size() <= 100 && name[0] != '.';
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                c == '.');
  if (ok) return "";
  return "'" + excerpt(name) + "' (" + std::to_string(name.size()) +
         " characters): expected a name of letters, digits, '-', '_' and '.', not starting with '.', at most 100 "
         "characters (it names the results folder results/NAME)";
}

std::string scenario_error(const Scenario& s, const std::string& key_path, const std::string& message) {
  for (std::string key = key_path; !key.empty();) {
    const auto it = s.positions.find(key);
    if (it != s.positions.end()) return located(s.file, it->second.first, it->second.second, message);
    const auto cut = key.find_last_of(".[");
    key = cut == std::string::npos ? "" : key.substr(0, cut);
  }
  return located(s.file, 0, 0, message);
}

namespace {

/// Records the position of every key of the top level and of the sections (maps) below it,
/// with the parameters' sector keys, for scenario_error.
void record_positions(const YAML::Node& node, const std::string& prefix, int depth, Scenario& s) {
  if (!node.IsMap()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = prefix + it->first.Scalar();
    s.positions[key] = {it->first.Mark().line + 1, it->first.Mark().column + 1};
    if (depth > 0) record_positions(it->second, key + ".", depth - 1, s);
  }
}

}  // namespace

Scenario load_scenario(const std::string& path) { return load_scenario(path, load_yaml_file(path)); }

Scenario load_scenario(const std::string& path, const YAML::Node& root) {
  require_schema_version(path, root);
  require_known_keys(path, root, "", schema::section_names(""));
  Scenario s;
  s.file = path;
  record_positions(root, "", 3, s);  // parameters.export_demand_by_partner.PARTNER.SECTOR is the deepest
  const std::string folder = parent_folder(path);
  if (!root["name"]) throw InputError(located(path, 1, 1, "missing 'name': give the scenario a name"));
  s.name = yaml_string(path, root["name"], "name");
  if (const std::string why = scenario_name_problem(s.name); !why.empty())
    throw InputError(yaml_error(path, root["name"], "name", why));
  if (root["description"]) s.description = yaml_string(path, root["description"], "description");
  if (!root["economy"])
    throw InputError(located(path, 1, 1, "missing 'economy': expected the economy folder, relative to this file"));
  s.economy = join_path(folder, yaml_string(path, root["economy"], "economy"));
  if (const YAML::Node ms = root["measures"]) {
    if (!ms.IsSequence()) throw InputError(yaml_error(path, ms, "measures", "expected a list of measures"));
    for (size_t i = 0; i < ms.size(); ++i) {
      MeasureSpec m;
      parse_measure(path, ms[i], "measures[" + std::to_string(i) + "]", m);
      s.measures.push_back(std::move(m));
    }
  }
  if (const YAML::Node p = root["parameters"]) parse_parameters(path, p, s);
  if (const YAML::Node lm = root["labour_market"]) {
    if (!(lm.IsMap() && lm.size() == 0)) {
      std::vector<std::string> keys = labour_market_names();
      keys.push_back("preset");
      require_known_keys(path, lm, "labour_market", keys);
    }
    for (auto it = lm.begin(); it != lm.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "preset") {  // docs/validation.md "Adjustment cost"; explicit keys override it
        s.labour_market_preset = yaml_string(path, it->second, "labour_market.preset");
        if (!labour_market_preset(s.labour_market_preset))
          throw InputError(yaml_error(path, it->second, "labour_market.preset",
                                      "unknown preset '" + s.labour_market_preset + "': expected one of " +
                                          join_names(labour_market_preset_names())));
        continue;
      }
      const double v = yaml_number(path, it->second, "labour_market." + key);
      const std::string c = labour_constraint(key, v);
      if (!c.empty())
        throw InputError(yaml_error(path, it->second, "labour_market." + key + " = " + format_number(v), c));
      s.labour_market[key] = v;
    }
  }
  if (const YAML::Node ps = root["policies"]) {  // docs/labour_and_adjustment.md "Policies"
    if (!ps.IsSequence())
      throw InputError(yaml_error(path, ps, "policies", "expected a list of policies, each with a type"));
    for (size_t i = 0; i < ps.size(); ++i) {
      PolicySpec p;
      parse_policy(path, ps[i], "policies[" + std::to_string(i) + "]", p);
      for (const auto& q : s.policies)
        if (q.name == p.name)
          throw InputError(yaml_error(path, ps[i], "policies[" + std::to_string(i) + "]",
                                      "a second policy named '" + p.name + "': give each policy its own 'name'"));
      s.policies.push_back(std::move(p));
    }
  }
  if (const YAML::Node o = root["options"]) {
    if (!(o.IsMap() && o.size() == 0)) require_known_keys(path, o, "options", schema::section_names("options."));
    if (o["induced"]) s.induced = yaml_bool(path, o["induced"], "options.induced");
    if (o["price_feedback"]) s.price_feedback = yaml_bool(path, o["price_feedback"], "options.price_feedback");
    if (const YAML::Node tr = o["tariff_revenue"]) {  // docs/trade.md "Tariff revenue"
      s.tariff_revenue = yaml_string(path, tr, "options.tariff_revenue");
      const std::vector<std::string>& choices = entry("options.tariff_revenue").choices;
      if (!contains(choices, s.tariff_revenue))
        throw InputError(
            yaml_error(path, tr, "options.tariff_revenue", "'" + s.tariff_revenue + "': expected " + join_or(choices)));
    }
  }
  if (const YAML::Node o = root["outputs"]) {
    if (!(o.IsMap() && o.size() == 0)) require_known_keys(path, o, "outputs", schema::section_names("outputs."));
    if (o["directory"]) {
      const std::string d = yaml_string(path, o["directory"], "outputs.directory");
      if (d.empty())
        throw InputError(yaml_error(path, o["directory"], "outputs.directory",
                                    "is empty: expected a folder, relative to this file"));
      s.output_directory = join_path(folder, d);
      // Only a folder inside the scenario's own folder; another one is written only when the
      // user names it on the command line (-o), so the refusal waits until -o is known.
      const std::filesystem::path p(d);
      if (p.is_absolute() || (!p.lexically_normal().empty() && *p.lexically_normal().begin() == ".."))
        s.output_directory_refusal = yaml_error(
            path, o["directory"], "outputs.directory",
            "'" + excerpt(d) + "' " +
                (p.is_absolute() ? "is an absolute path" : "climbs out of the scenario's folder") +
                ": a scenario file may only name a folder inside its own folder; to write there anyway, give it on the "
                "command line with -o");
    }
  }
  return s;
}

namespace {

/// The names of the keys under `prefix` that a sweep may vary.
std::vector<std::string> sweepable_names(const std::string& prefix) {
  std::vector<std::string> out;
  for (const schema::Entry* e : schema::section(prefix))
    if (e->sweepable) out.push_back(e->name());
  return out;
}

/// set_scenario_value and scenario_key_problem: `probe` skips the value's bounds; `*bad_path`
/// says whether the message is about the path itself (an unknown name, an index out of range).
std::string set_value(Scenario& s, const std::string& key, double value, bool probe, bool* bad_path) {
  const auto bad = [&](const std::string& why) {
    *bad_path = true;
    return why;
  };
  auto starts = [&](const std::string& p) { return key.compare(0, p.size(), p) == 0; };
  if (starts("measures[")) {
    const auto close = key.find(']');
    if (close == std::string::npos || close + 2 > key.size() || key[close + 1] != '.')
      return bad("expected measures[INDEX].KEY, e.g. measures[0].to");
    int index = -1;
    try {
      index = std::stoi(key.substr(9, close - 9));
    } catch (...) {
      return bad("measure index is not a number");
    }
    if (index < 0 || index >= static_cast<int>(s.measures.size()))
      return bad("measure index " + std::to_string(index) + " is out of range: the scenario has " +
                 std::to_string(s.measures.size()) + " measures");
    MeasureSpec& m = s.measures[index];
    const std::string field = key.substr(close + 2);
    const schema::Entry* e = schema::find("measures[i]." + field);
    if (!e || !e->sweepable)
      return bad("'" + field + "' is not a numeric measure key: expected " + join_or(sweepable_names("measures[i].")));
    const std::string c = probe ? "" : e->problem(value, measure_type_name(m.type));
    if (!c.empty()) return key + " = " + format_number(value) + ": " + c;
    if (e->measure_optional) m.*(e->measure_optional) = value;
    if (e->measure_number) m.*(e->measure_number) = value;
    if (!m.codes_file.empty() && (field == "from" || field == "to" || field == "change"))
      return key + ": measure " + std::to_string(index) + " takes its rates from codes_file; vary measures[" +
             std::to_string(index) + "].scale instead";
    if ((field == "from" || field == "to") && m.change)
      return key + ": the measure is written with 'change'; vary change instead";
    if (field == "change" && m.to) return key + ": the measure is written with from/to; vary to instead";
    if ((field == "percent" && !m.percent) ||
        (field == "quantity" && !m.quantity && m.type != MeasureType::final_demand))
      return key + ": the measure has no " + field;
    return "";
  }
  if (starts("parameters.")) {
    const std::string rest = key.substr(11);
    const auto dot = rest.find('.');
    const std::string name = rest.substr(0, dot);
    if (name == "export_demand_by_partner") {
      // parameters.export_demand_by_partner.PARTNER[.SECTOR]: partner and sector are checked
      // against the economy when the scenario is resolved.
      if (dot == std::string::npos || dot + 1 >= rest.size())
        return bad(
            "expected parameters.export_demand_by_partner.PARTNER or "
            "parameters.export_demand_by_partner.PARTNER.SECTOR");
      const std::string tail = rest.substr(dot + 1);
      const auto dot2 = tail.find('.');
      const std::string c = probe ? "" : parameter_constraint("export_demand", value);
      if (!c.empty()) return key + " = " + format_number(value) + ": " + c;
      PartnerParameter& pp = s.export_demand_by_partner[tail.substr(0, dot2)];
      if (dot2 == std::string::npos) {
        pp.values.all = value;  // the partner's default: sectors it names keep their own values
      } else {
        pp.values.by_sector[tail.substr(dot2 + 1)] = value;
      }
      return "";
    }
    if (!contains(parameter_names(), name))
      return bad("unknown parameter '" + name + "': expected one of " + join_names(parameter_names()));
    const std::string c = probe ? "" : parameter_constraint(name, value);
    if (!c.empty()) return key + " = " + format_number(value) + ": " + c;
    SectorParameter& p = s.parameters[name];
    if (dot == std::string::npos) {
      p.all = value;
      p.by_sector.clear();  // "all sectors" replaces sector overrides
    } else {
      p.by_sector[rest.substr(dot + 1)] = value;
    }
    return "";
  }
  if (starts("labour_market.")) {
    const std::string name = key.substr(14);
    if (!contains(labour_market_names(), name)) return bad("unknown labour_market key '" + name + "'");
    const std::string c = probe ? "" : labour_constraint(name, value);
    if (!c.empty()) return key + " = " + format_number(value) + ": " + c;
    s.labour_market[name] = value;
    return "";
  }
  if (starts("policies[")) {  // policies[INDEX].KEY (docs/labour_and_adjustment.md "Policies")
    const auto close = key.find(']');
    if (close == std::string::npos || close + 2 > key.size() || key[close + 1] != '.')
      return bad("expected policies[INDEX].KEY, e.g. policies[0].take_up");
    int index = -1;
    try {
      index = std::stoi(key.substr(9, close - 9));
    } catch (...) {
      return bad("policy index is not a number");
    }
    if (index < 0 || index >= static_cast<int>(s.policies.size()))
      return bad("policy index " + std::to_string(index) + " is out of range: the scenario has " +
                 std::to_string(s.policies.size()) + " policies");
    PolicySpec& p = s.policies[static_cast<size_t>(index)];
    const std::string field = key.substr(close + 2);
    if (!contains(policy_number_keys(p.type), field))
      return bad("'" + field + "' is not a numeric key of a " + p.type + " policy: expected one of " +
                 join_names(policy_number_keys(p.type)));
    const std::string c = probe ? "" : policy_value_constraint(field, value);
    if (!c.empty()) return key + " = " + format_number(value) + ": " + c;
    p.values[field] = value;
    return "";
  }
  return bad("unknown key path '" + key +
             "': expected measures[i].KEY, parameters.NAME[.SECTOR], labour_market.KEY or policies[i].KEY");
}

}  // namespace

std::string set_scenario_value(Scenario& s, const std::string& key, double value) {
  bool bad_path = false;
  return set_value(s, key, value, false, &bad_path);
}

std::string scenario_key_problem(const Scenario& s, const std::string& key) {
  Scenario copy = s;
  bool bad_path = false;
  const std::string why = set_value(copy, key, 0.0, true, &bad_path);
  return bad_path ? why : "";
}

}  // namespace tradejobs
