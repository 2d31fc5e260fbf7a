#pragma once
/// \file outputs.h
/// Result files of one scenario run (docs/model.md §8, §9): summary.json, sectors.csv,
/// timeline.csv, groups.csv, partners.csv, regions.csv (multi-region economies) and report.html, written atomically:
/// everything goes to a temporary sibling folder that is renamed into place at the end, so a failure leaves no partial
/// output.

#include <functional>
#include <optional>
#include <string>
#include <vector>

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
  /// policies.csv with a policies block (docs/labour_and_adjustment.md "Policies"); empty without.
  std::string policies_csv;
  /// quality.csv: the job-quality balance (docs/labour_and_adjustment.md "Job quality"); empty
  /// when no sector has employment data.
  std::string quality_csv;
};

/// Renders the result files of one run.
ScenarioFiles render_scenario_files(const PreparedEconomy& economy, const ResolvedScenario& scenario,
                                    const ScenarioResult& result);

/// Checks that `folder` can be created (its nearest existing parent is a writable directory)
/// or is an existing directory; InputError naming the folder otherwise (also for a name the
/// system refuses, e.g. "file name too long"). Call before any work so that a bad -o fails fast.
/// Says nothing about what the folder holds: see check_results_folder.
void check_output_folder(const std::string& folder);

/// The results manifest (docs/model.md §8): `.tradejobs-results` in every folder tradejobs
/// writes results into. Its first line is "tradejobs results: KIND" (KIND is run or sweep, or import
/// for an economy folder written by `tradejobs import`); each
/// further line names one file (or folder) tradejobs wrote there, without any '/'. tradejobs
/// writes results only into a folder it creates or one holding a manifest, and a new run
/// replaces only the manifest's files: any other file in the folder is the user's and stays.
/// The manifest never changes a result file's bytes.
inline constexpr const char* kResultsManifest = ".tradejobs-results";

struct ResultsManifest {
  std::string kind;                ///< "run", "sweep" or "import".
  std::vector<std::string> files;  ///< Names of the entries tradejobs wrote, relative to the folder.
};

/// The manifest of `folder`; nullopt when there is none. InputError naming the file when it
/// exists but is not one tradejobs wrote (bad header, a name with '/', "." or "..").
std::optional<ResultsManifest> read_results_manifest(const std::string& folder);

/// Writes `folder`/.tradejobs-results atomically (a temporary file, then a rename).
void write_results_manifest(const std::string& folder, const ResultsManifest& manifest);

/// What a results folder holds before tradejobs writes there.
struct ResultsFolder {
  bool exists = false;                      ///< The folder exists (and is a directory).
  std::optional<ResultsManifest> manifest;  ///< Its manifest, when it has one.
  bool partial_sweep = false;               ///< It holds a partial sweep (manifest of kind sweep and sweep.state).
};

/// check_output_folder, then what the folder holds. InputError naming the folder and what to do
/// when it is a non-empty folder without a manifest (files tradejobs did not write), or when
/// another tradejobs process is writing there (unless `locked_here`: this process holds the
/// folder's ResultsFolderLock).
ResultsFolder inspect_results_folder(const std::string& folder, bool locked_here = false);

/// The same rule for `tradejobs import ... -o DIR` (docs/model.md §8): check_output_folder, then
/// InputError naming the folder and what to do when it is a non-empty folder without a manifest,
/// when its manifest is not of kind import (the results of a run or sweep), or when another
/// tradejobs process is writing there. Returns what the folder holds.
ResultsFolder inspect_import_folder(const std::string& folder, bool locked_here = false);

/// inspect_results_folder, and InputError too when the folder holds a partial sweep (which a
/// run must not replace). For `tradejobs run`.
ResultsFolder check_results_folder(const std::string& folder, bool locked_here = false);

/// An exclusive lock on an existing results folder (flock on the directory) for as long as the
/// object lives: two tradejobs processes never write one folder at once. InputError naming the
/// folder when another process holds it.
class ResultsFolderLock {
 public:
  explicit ResultsFolderLock(const std::string& folder);
  ~ResultsFolderLock();
  ResultsFolderLock(const ResultsFolderLock&) = delete;
  ResultsFolderLock& operator=(const ResultsFolderLock&) = delete;

 private:
  int fd_ = -1;
};

/// Writes files into a temporary sibling of `folder` (`write(temp_folder)`), adds a manifest of
/// kind `kind` (run, sweep or import: import checks the folder with inspect_import_folder) listing every entry written,
/// then puts it in place of `folder`: a new folder is renamed into place; an existing results folder is replaced, its
/// files that are not in its manifest (the user's) moved into the new one first. On any exception nothing is left
/// behind and the old folder is as it was. InputError when `folder` holds files tradejobs did
/// not write, a partial sweep, or is being written by another tradejobs process.
void write_folder_atomically(const std::string& folder,
                             const std::function<void(const std::string& temp_folder)>& write,
                             const std::string& kind = "run");

/// `tradejobs report DIR`: rebuilds DIR/report.html under the same rule: DIR holds a manifest
/// (report.html is added to it), or DIR has no report.html yet (a manifest listing it is then
/// created). InputError when DIR/report.html exists and DIR has no manifest. Returns the path.
std::string rebuild_report(const std::string& folder);

/// Writes one text file (InputError naming the path when it cannot).
void write_text_file(const std::string& path, const std::string& content);

/// The version string (docs/model.md §9 `--version`, summary.json `version`).
std::string tradejobs_version();

}  // namespace tradejobs
