#pragma once
/// \file economy_io.h
/// Reading and writing economy folders (docs/model.md §1, §9): `economy.yaml` plus CSV files.
/// Every bad input raises InputError naming the file, the line and column, and what was
/// expected.

#include <string>
#include <vector>

#include "tradejobs/models/economy.h"

namespace tradejobs {

/// Loads an economy folder (or the folder holding the given economy.yaml).
/// Checks the structure (files, labels, numbers) but not the economics: run
/// check_economy() (models/checks.h) for that.
Economy load_economy(const std::string& folder);

/// What a loader writes into economy.yaml besides the data: how the folder was made.
struct EconomyProvenance {
  std::string import_command;  ///< The exact `tradejobs import ...` command line.
  std::string aggregation;     ///< e.g. "56 WIOD industries, no aggregation".
  std::vector<std::string> notes;  ///< Further notes (balancing, conversions), one per line.
};

/// Writes an economy folder in the §9 layout (economy.yaml, sectors.csv, the matrix files,
/// value_added.csv transposed, employment.csv with shares and annual_wage, and the optional
/// files that are non-empty). Creates the folder; numbers at full precision.
void write_economy(const Economy& economy, const std::string& folder, const EconomyProvenance& provenance);

/// True when the folder holds an economy.yaml.
bool is_economy_folder(const std::string& folder);

}  // namespace tradejobs
