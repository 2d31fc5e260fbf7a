#pragma once
/// \file xlsx.h (internal)
/// results.xlsx (docs/model.md §8): one Excel workbook with every table of a run or a sweep,
/// built from the very CSV and JSON texts that are written next to it, so that the workbook and
/// the files cannot disagree. Numbers are stored as numbers (with a display format), NA cells
/// are empty cells, header rows are frozen, columns sized to their contents. The bytes depend
/// only on the tables: the creation date is fixed, so reruns and any thread count give the
/// same file.

#include <string>
#include <vector>

#include "tradejobs/engine/outputs.h"

namespace tradejobs {

/// File name of the workbook in a results folder.
inline const char* kWorkbookFile = "results.xlsx";

/// Writes the workbook of one run: Summary (from summary.json), Sectors, Groups, Timeline,
/// Partners, Regions (multi-region economies), Policies (a policies block) and Quality
/// (quality.csv; its numbers formatted as jobs, money or shares by the row's indicator).
/// InputError naming `path` when it cannot.
void write_scenario_workbook(const std::string& path, const ScenarioFiles& files);

/// Writes the workbook of a sweep: Summary (from summary.json, without its timings and
/// thread count), Runs (runs.csv, read from `runs_csv_path`, up to Excel's row limit with a
/// note where it is cut) and Sector statistics (sector_stats.csv with each sector's name).
void write_sweep_workbook(const std::string& path, const std::string& summary_json, const std::string& runs_csv_path,
                          const std::string& sector_stats_csv, const std::vector<std::string>& sector_codes,
                          const std::vector<std::string>& sector_names);

/// Excel's row limit (header included) and the data rows a sheet can hold with its header and
/// the note row that says where a table was cut.
constexpr long kExcelRows = 1048576;
constexpr long kMaxDataRows = kExcelRows - 2;

}  // namespace tradejobs
