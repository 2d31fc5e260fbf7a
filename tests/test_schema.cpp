// ctest-labels: unit
// The scenario schema (engine/src/scenario/schema.h): one table that the parser, the sweep key
// resolver, the runner's mapping, the echo in summary.json and the reference read. Every
// default equals the models' struct's, every bound is enforced by the parser with the entry's
// message at file:line:column, the echo lists every labour_market key, and the Markdown and JSON
// Schema generation is deterministic and complete.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "formats/json.h"
#include "scenario/schema.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/scenario.h"
#include "tradejobs/models/labour.h"
#include "tradejobs/models/mrio_trade.h"
#include "tradejobs/models/policies.h"
#include "tradejobs/models/trade.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

/// Writes a scenario (after the required keys) to a temp file; returns its path.
std::string scenario_file(const std::string& name, const std::string& body) {
  const fs::path dir = fs::temp_directory_path() / "tradejobs_test_schema";
  fs::create_directories(dir);
  const fs::path file = dir / (name + ".yaml");
  std::ofstream(file) << "schema_version: 1\nname: " << name << "\neconomy: nowhere\n" << body;
  return file.string();
}

/// The message of the InputError that loading the file throws ("" when it loads).
std::string load_error(const std::string& file) {
  try {
    load_scenario(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// A number just outside an interval's end (or NaN when the end is infinite).
double outside_low(const schema::Interval& i) {
  if (!std::isfinite(i.min)) return std::nan("");
  return i.min_open ? i.min : i.min - (i.whole ? 1.0 : 0.5);
}
double outside_high(const schema::Interval& i) {
  if (!std::isfinite(i.max)) return std::nan("");
  return i.max_open ? i.max : i.max + (i.whole ? 1.0 : 0.5);
}

const schema::Entry& entry(const std::string& path) {
  const schema::Entry* e = schema::find(path);
  REQUIRE_MESSAGE(e != nullptr, path);
  return *e;
}

}  // namespace

TEST_CASE("every key path is in the table once, and every section lists what the parser accepts") {
  std::set<std::string> seen;
  for (const auto& e : schema::entries()) {
    CHECK_MESSAGE(seen.insert(e.path).second, e.path << " is in the table twice");
    CHECK_MESSAGE(!e.description.empty(), e.path << " has no description");
    if (e.type == schema::ValueType::choice) CHECK_MESSAGE(!e.choices.empty(), e.path);
    if (e.sweepable)
      CHECK_MESSAGE((e.type == schema::ValueType::number || e.type == schema::ValueType::integer), e.path);
  }
  CHECK(schema::section_names("") == std::vector<std::string>{"schema_version", "name", "description", "economy",
                                                              "measures", "parameters", "labour_market", "policies",
                                                              "options", "outputs"});
  CHECK(parameter_names() == schema::section_names("parameters."));
  std::vector<std::string> lm = schema::section_names("labour_market.");
  lm.erase(lm.begin());  // preset
  CHECK(labour_market_names() == lm);
  CHECK(entry("measures[i].type").choices == measure_types());
  CHECK(entry("policies[i].type").choices == policy_types());
  CHECK(entry("labour_market.preset").choices == labour_market_preset_names());
}

TEST_CASE("the defaults are the models' structs' defaults") {
  const LabourMarketParameters lm;
  for (const schema::Entry* e : schema::section("labour_market.")) {
    if (e->name() == "preset") continue;
    REQUIRE_MESSAGE(e->default_number.has_value(), e->path);
    if (e->labour_number)
      CHECK_MESSAGE(*e->default_number == lm.*(e->labour_number), e->path);
    else
      CHECK_MESSAGE(*e->default_number == lm.*(e->labour_integer), e->path);
  }
  CHECK(entry("labour_market.horizon_years").default_number == 10);
  CHECK(entry("labour_market.discount_rate").default_number == 0.03);

  const TradeParameters t = TradeParameters::defaults(1);
  CHECK(*entry("parameters.armington").default_number == t.armington(0));
  CHECK(*entry("parameters.final_demand_elasticity").default_number == t.final_demand_elasticity(0));
  CHECK(*entry("parameters.export_demand").default_number == t.export_demand(0));
  CHECK(*entry("parameters.pass_through").default_number == t.pass_through(0));
  CHECK(*entry("parameters.employment_elasticity").default_number == LabourOptions::kDefaultEmploymentElasticity);
  CHECK_FALSE(entry("parameters.source_substitution").default_number.has_value());  // 2 x armington
  CHECK(t.source_substitution(0) == 2.0 * t.armington(0));
  // The multi-region model's defaults are the same numbers.
  const MrioTradeParameters m;
  CHECK(m.armington == t.armington(0));
  CHECK(m.final_demand_elasticity == t.final_demand_elasticity(0));
  CHECK(m.pass_through == t.pass_through(0));
  CHECK(std::isnan(m.source_substitution));

  const MeasureSpec ms;
  CHECK(*entry("measures[i].phase_in_years").default_number == ms.phase_in_years);
  CHECK(*entry("measures[i].scale").default_number == ms.scale);
  CHECK(entry("measures[i].kind").default_text == ms.ntm_kind);
  CHECK(entry("measures[i].category").default_text == ms.category);
  CHECK(*entry("policies[i].replacement").default_number == LabourPolicy::kWageInsuranceReplacement);
  CHECK(*entry("policies[i].years").default_number == LabourPolicy::kWageInsuranceYears);
  const Scenario s;
  CHECK(entry("options.tariff_revenue").default_text == s.tariff_revenue);
  CHECK(entry("options.price_feedback").default_text == (s.price_feedback ? "true" : "false"));
  CHECK(entry("options.induced").default_text == (s.induced ? "true" : "false"));
}

TEST_CASE("the model's validator checks the bounds of the table") {
  // For each labour_market number: the model refuses what the parser refuses, with the same words.
  for (const schema::Entry* e : schema::section("labour_market.")) {
    if (!e->labour_number && !e->labour_integer) continue;
    for (const double v : {outside_low(e->bounds), outside_high(e->bounds), e->bounds.min, e->bounds.max}) {
      if (!std::isfinite(v)) continue;
      if (e->labour_integer && v != std::floor(v)) continue;
      LabourMarketParameters p;
      if (e->labour_number) p.*(e->labour_number) = v;
      if (e->labour_integer) p.*(e->labour_integer) = static_cast<int>(v);
      if (e->name() == "informal_wage_penalty" && v == 1.0) continue;  // with scarring it must stay <= 1
      std::string error;
      const bool valid = p.is_valid(&error);
      CHECK_MESSAGE(valid == e->bounds.contains(v), e->path << " = " << v << ": " << error);
      if (!valid) CHECK(error == e->path + " = " + format_number(v) + ": " + e->problem(v));
    }
  }
}

TEST_CASE("the parser refuses every labour_market value outside the bounds, at its line and column") {
  for (const schema::Entry* e : schema::section("labour_market.")) {
    if (!e->labour_number && !e->labour_integer) continue;
    for (const double v : {outside_low(e->bounds), outside_high(e->bounds)}) {
      if (!std::isfinite(v)) continue;
      const std::string file = scenario_file("lm", "labour_market:\n  " + e->name() + ": " + format_number(v) + "\n");
      CHECK(load_error(file) == file + ":5:" + std::to_string(5 + e->name().size()) + ": " + e->path + " = " +
                                    format_number(v) + ": " + e->problem(v));
    }
    // The closed ends are accepted.
    for (const double v : {e->bounds.min, e->bounds.max})
      if (std::isfinite(v) && e->bounds.contains(v)) {
        const std::string file = scenario_file("lm", "labour_market:\n  " + e->name() + ": " + format_number(v) + "\n");
        CHECK_MESSAGE(load_error(file) == "", e->path << " = " << v);
      }
  }
}

TEST_CASE("the decided bounds (docs/model.md \"Decisions\")") {
  CHECK(entry("labour_market.horizon_years").bounds.text() == "[1, 1000]");
  CHECK(entry("labour_market.discount_rate").bounds.text() == "[0, 1]");
  CHECK(entry("labour_market.unemployment_duration_years").bounds.text() == "(0, 50]");
  CHECK(entry("labour_market.horizon_years").problem(1.5) == "must be a whole number of years in [1, 1000]");
  CHECK(entry("labour_market.discount_rate").problem(1.0) == "");
  CHECK(entry("labour_market.exit_rate").problem(-0.1) == "must be in [0, 1] (write 5% as 0.05)");
  CHECK(entry("measures[i].quantity").problem(-5, "quota") ==
        "must be a quota volume > 0 (currency units at base prices; for an embargo use a prohibitive tariff)");
  CHECK(entry("measures[i].quantity").problem(-5, "final_demand") == "");
  CHECK(entry("policies[i].cap_per_year").problem(0) == "must be > 0 (base units per worker and year, e.g. USD)");
  CHECK(entry("parameters.armington").problem(-1) == "must be an elasticity of substitution in [0, 100]");
}

TEST_CASE("measure, parameter and policy bounds are enforced with the entry's message") {
  struct Case {
    std::string body, at, path;
    double value;
    std::string type;
  };
  const std::vector<Case> cases = {
      {"measures:\n  - type: tariff\n    to: 11\n", ":6:9", "measures[i].to", 11, "tariff"},
      {"measures:\n  - type: tariff\n    change: -11\n", ":6:13", "measures[i].change", -11, "tariff"},
      {"measures:\n  - type: export_demand\n    percent: -100\n", ":6:14", "measures[i].percent", -100,
       "export_demand"},
      {"measures:\n  - type: tariff\n    to: 0.1\n    scale: 101\n", ":7:12", "measures[i].scale", 101, "tariff"},
      {"measures:\n  - type: tariff\n    to: 0.1\n    phase_in_years: 0.5\n", ":7:21", "measures[i].phase_in_years",
       0.5, "tariff"},
      {"parameters:\n  armington: 101\n", ":5:14", "parameters.armington", 101, ""},
      {"parameters:\n  pass_through: {default: 0.5, A01: 2}\n", ":5:37", "parameters.pass_through", 2, ""},
      {"policies:\n  - type: wage_insurance\n    take_up: 0.2\n    cap_per_year: 0\n", ":7:19",
       "policies[i].cap_per_year", 0, "wage_insurance"},
  };
  for (const auto& c : cases) {
    const std::string file = scenario_file("bounds", c.body);
    const std::string written =
        c.path.rfind("parameters.", 0) == 0 && c.body.find("default") != std::string::npos
            ? "parameters.pass_through.A01"
            : c.path.substr(0, c.path.find("[i]")) +
                  (c.path.find("[i]") == std::string::npos ? "" : "[0]" + c.path.substr(c.path.find("[i]") + 3));
    CHECK(load_error(file) == file + c.at + ": " + written + " = " + format_number(c.value) + ": " +
                                  entry(c.path).problem(c.value, c.type));
  }
}

TEST_CASE("a measure key that its type does not take is refused, not ignored") {
  const std::string file = scenario_file("types",
                                         "measures:\n  - type: quota\n    sectors: [A01]\n    quantity: 5\n"
                                         "    to: 0.1\n");
  CHECK(load_error(file) ==
        file +
            ":8:5: measures[0].to: a quota measure takes no 'to' (only tariff, export_tariff and ntm "
            "do); its keys are type, sectors, partners, quantity, phase_in_years, scale, "
            "concordance, description, source");
  const std::string cat =
      scenario_file("types2", "measures:\n  - type: tariff\n    to: 0.1\n    category: household\n");
  CHECK(load_error(cat).find(":7:5: measures[0].category: a tariff measure takes no 'category' (only final_demand "
                             "do)") != std::string::npos);
}

TEST_CASE("the sweep key resolver reads the table") {
  Scenario s = load_scenario(scenario_file("sweep", "measures:\n  - type: tariff\n    to: 0.1\n"));
  CHECK(scenario_key_problem(s, "labour_market.exit_rate") == "");
  CHECK(scenario_key_problem(s, "labour_market.preset") == "unknown labour_market key 'preset'");
  CHECK(scenario_key_problem(s, "measures[0].to") == "");
  CHECK(scenario_key_problem(s, "measures[0].kind") ==
        "'kind' is not a numeric measure key: expected from, to, change, quantity, percent, phase_in_years or scale");
  CHECK(scenario_key_problem(s, "measures[1].to") == "measure index 1 is out of range: the scenario has 1 measures");
  // The value's bounds are the resolver's, not the key's.
  CHECK(scenario_key_problem(s, "labour_market.horizon_years") == "");
  CHECK(set_scenario_value(s, "labour_market.horizon_years", 1001) ==
        "labour_market.horizon_years = 1001: must be a whole number of years in [1, 1000]");
  CHECK(set_scenario_value(s, "labour_market.discount_rate", 1) == "");
  CHECK(s.labour_market.at("discount_rate") == 1);
  CHECK(set_scenario_value(s, "measures[0].scale", 2) == "");
  CHECK(s.measures[0].scale == 2);
  // Every sweepable labour_market key maps to its field.
  for (const schema::Entry* e : schema::section("labour_market.")) {
    if (!e->sweepable) continue;
    LabourMarketParameters p;
    const double v = e->bounds.min == 0 ? 0.0 : std::max(e->bounds.min, 1.0);
    REQUIRE(schema::set_labour_market(p, e->name(), v));
    CHECK_MESSAGE((e->labour_number ? p.*(e->labour_number) : p.*(e->labour_integer)) == v, e->path);
  }
  LabourMarketParameters p;
  CHECK_FALSE(schema::set_labour_market(p, "exit", 0.1));
}

TEST_CASE("the echo of the resolved labour market lists every labour_market key") {
  auto echo = [](const LabourMarketParameters& p) {
    JsonWriter j;
    j.begin_object();
    schema::echo_labour_market(j, p);
    j.end_object();
    const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(j.str());
    std::vector<std::string> keys;
    for (auto it = parsed.begin(); it != parsed.end(); ++it) keys.push_back(it.key());
    return keys;
  };
  LabourMarketParameters with_moves;
  with_moves.informal_reemployment_share = 0.2;
  with_moves.informal_wage_penalty = 0.1;
  CHECK(echo(with_moves) == labour_market_names());
  // The informal moves are left out while they are off (summary.json as before).
  std::vector<std::string> without = labour_market_names();
  without.resize(without.size() - 2);
  CHECK(echo(LabourMarketParameters{}) == without);
}

TEST_CASE("the reference and the JSON Schema are deterministic and name every key") {
  const std::string md = schema::markdown();
  CHECK(md == schema::markdown());
  for (const auto& e : schema::entries()) CHECK_MESSAGE(md.find("| `" + e.path + "` |") != std::string::npos, e.path);

  const std::string text = schema::json_schema();
  CHECK(text == schema::json_schema());
  const nlohmann::json j = nlohmann::json::parse(text);  // valid JSON
  CHECK(j["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  const auto& top = j["properties"];
  for (const auto& e : schema::entries()) {
    const std::string& p = e.path;
    const nlohmann::json* at = nullptr;
    if (p.find('.') == std::string::npos) {
      at = &top[p];
    } else if (p.rfind("measures[i].", 0) == 0) {
      at = &top["measures"]["items"]["properties"][p.substr(12)];
    } else if (p.rfind("policies[i].", 0) == 0) {
      at = &top["policies"]["items"]["properties"][p.substr(12)];
    } else {
      const auto dot = p.find('.');
      at = &top[p.substr(0, dot)]["properties"][p.substr(dot + 1)];
    }
    CHECK_MESSAGE((at->is_object() && at->contains("description")), p);
  }
  CHECK(top["labour_market"]["properties"]["horizon_years"]["maximum"] == 1000);
  CHECK(top["labour_market"]["properties"]["horizon_years"]["type"] == "integer");
  CHECK(top["labour_market"]["properties"]["unemployment_duration_years"]["exclusiveMinimum"] == 0);
  CHECK(top["labour_market"]["additionalProperties"] == false);
  CHECK(top["measures"]["items"]["properties"]["type"]["enum"].size() == measure_types().size());
  CHECK(j["required"] == nlohmann::json::array({"schema_version", "name", "economy"}));
}

TEST_CASE("measure types: one enum, one name table") {
  for (size_t i = 0; i < measure_types().size(); ++i) {
    const auto t = static_cast<MeasureType>(i);
    CHECK(measure_type_name(t) == measure_types()[i]);
    CHECK(measure_type_from_name(measure_types()[i]) == t);
  }
  CHECK_FALSE(measure_type_from_name("tarif").has_value());
  CHECK(is_rate_measure(MeasureType::ntm));
  CHECK_FALSE(is_rate_measure(MeasureType::quota));
  CHECK(is_import_measure(MeasureType::import_price));
  CHECK(is_export_measure(MeasureType::export_demand));
  CHECK_FALSE(is_export_measure(MeasureType::final_demand));
}
