#pragma once
/// \file results.h
/// In-memory entry points over the CLI's steps, for the Python package (python/) and the CLI
/// itself: a scenario from parsed text, the files of one run written as `tradejobs run -o`
/// writes them, the multipliers table as CSV text, the scenario keys the engine knows.

#include <string>
#include <vector>

#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"

namespace tradejobs {

/// What a run folder holds besides the CSV and JSON files.
struct ResultsWriteOptions {
  bool report = true;  ///< report.html (`--no-report` turns it off)
  bool xlsx = true;    ///< results.xlsx (`--no-xlsx` turns it off)
};

/// Writes the files of one run into `folder`, atomically, exactly as `tradejobs run -o folder`:
/// summary.json, sectors.csv, timeline.csv, groups.csv, partners.csv, regions.csv
/// (multi-region economies), report.html and results.xlsx.
void write_scenario_results(const std::string& folder, const ScenarioFiles& files,
                            const ResultsWriteOptions& options = {});

/// A scenario from YAML (or JSON) text: `label` names it in messages (label:line:column) and
/// relative paths in it resolve from the folder of `label` (the current folder for "<dict>").
Scenario load_scenario_text(const std::string& text, const std::string& label);

/// `tradejobs multipliers ECONOMY --type TYPE --format csv` as text; TYPE is "I" or "II".
std::string multipliers_csv(const PreparedEconomy& economy, const std::string& type);

/// One key a scenario file may hold (docs/model.md §9), from the engine's lists of names.
struct ScenarioKey {
  std::string key;          ///< Path as written in a scenario or a sweep's `vary`: parameters.armington.
  std::string section;      ///< Top-level section: parameters, labour_market, measures, options, ...
  std::string description;  ///< What it is.
  bool sweepable = false;   ///< A number a sweep can vary (set_scenario_value).
};

/// The scenario keys: the top-level keys, every measure type, the per-sector parameters and
/// the labour_market keys (scenario.h's parameter_names, labour_market_names, measure_types).
std::vector<ScenarioKey> scenario_keys();

}  // namespace tradejobs
