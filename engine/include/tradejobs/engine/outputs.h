#pragma once
/// \file outputs.h
/// Result files of one scenario run (docs/model.md §8, §9): summary.json, sectors.csv,
/// timeline.csv, groups.csv, partners.csv, regions.csv (multi-region economies) and report.html, written atomically: everything
/// goes to a temporary sibling folder that is renamed into place at the end, so a failure
/// leaves no partial output.

#include <functional>
#include <string>

#include "tradejobs/engine/runner.h"

namespace tradejobs {

/// The text of each result file (so tests and the CLI can use them without disk I/O).
struct ScenarioFiles {
  std::string summary_json;
  std::string sectors_csv;
  std::string timeline_csv;
  std::string groups_csv;
  std::string partners_csv;
  /// regions.csv for multi-region economies (docs/mrio.md); empty for a single-region one.
  std::string regions_csv;
};

/// Renders the result files of one run.
ScenarioFiles render_scenario_files(const PreparedEconomy& economy, const ResolvedScenario& scenario,
                                    const ScenarioResult& result);

/// Checks that `folder` can be created or replaced (its parent is a writable directory).
/// InputError otherwise; call before any work so that a bad -o fails fast.
void check_output_folder(const std::string& folder);

/// Writes files into a temporary sibling of `folder`, calls `extra(temp_folder)` (e.g. the
/// report), then replaces `folder` with it. On any exception nothing is left behind.
void write_folder_atomically(const std::string& folder,
                             const std::function<void(const std::string& temp_folder)>& write);

/// Writes one text file (InputError naming the path when it cannot).
void write_text_file(const std::string& path, const std::string& content);

/// The version string (docs/model.md §9 `--version`, summary.json `version`).
std::string tradejobs_version();

}  // namespace tradejobs
