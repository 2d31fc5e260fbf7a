#include "tradejobs/engine/results.h"

#include <yaml-cpp/yaml.h>

#include <sstream>

#include "results/terminal.h"
#include "results/xlsx.h"
#include "scenario/schema.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/report.h"

namespace tradejobs {

void write_scenario_results(const std::string& folder, const ScenarioFiles& files, const ResultsWriteOptions& options) {
  write_folder_atomically(folder, [&](const std::string& dir) {
    write_text_file(dir + "/summary.json", files.summary_json);
    write_text_file(dir + "/sectors.csv", files.sectors_csv);
    write_text_file(dir + "/timeline.csv", files.timeline_csv);
    write_text_file(dir + "/groups.csv", files.groups_csv);
    write_text_file(dir + "/partners.csv", files.partners_csv);
    if (!files.regions_csv.empty()) write_text_file(dir + "/regions.csv", files.regions_csv);
    if (!files.policies_csv.empty()) write_text_file(dir + "/policies.csv", files.policies_csv);
    if (!files.quality_csv.empty()) write_text_file(dir + "/quality.csv", files.quality_csv);
    if (options.xlsx) write_scenario_workbook(dir + "/" + kWorkbookFile, files);
    if (options.report) write_report(dir);
  });
}

Scenario load_scenario_text(const std::string& text, const std::string& label) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(located(label, e.mark.line + 1, e.mark.column + 1, "YAML syntax: " + e.msg));
  }
  return load_scenario(label, root);
}

std::string multipliers_csv(const PreparedEconomy& economy, const std::string& type) {
  if (type != "I" && type != "II") throw InputError("multipliers type '" + type + "': expected I or II");
  const Multipliers m =
      compute_multipliers(economy.coefficients, type == "I" ? MultiplierType::TypeI : MultiplierType::TypeII);
  std::ostringstream out;
  print_multipliers(out, economy.economy, m, "csv", false);
  return out.str();
}

std::vector<ScenarioKey> scenario_keys() {
  std::vector<ScenarioKey> keys;
  // The top-level sections, from the scenario schema (docs/reference/scenario.md).
  for (const schema::Entry* e : schema::section("")) keys.push_back({e->path, e->path, e->description, false});
  for (const auto& t : measure_types())
    keys.push_back({"measures[].type = " + t, "measures", "measure type (docs/model.md §3)", false});
  for (const auto& p : parameter_names())
    keys.push_back({"parameters." + p, "parameters", "per-sector parameter (docs/model.md §3, §4)", true});
  for (const auto& l : labour_market_names())
    keys.push_back({"labour_market." + l, "labour_market", "labour-market parameter (docs/model.md §5)", true});
  for (const auto& t : policy_types())
    for (const auto& k : policy_number_keys(t))
      keys.push_back({"policies[]." + k + " (" + t + ")", "policies",
                      "policy key (docs/labour_and_adjustment.md \"Policies\"); vary it as policies[INDEX]." + k,
                      true});
  return keys;
}

}  // namespace tradejobs
