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
/// Checks the structure (files, labels, numbers) and every cell against the bounds the model
/// takes (README "Economies"): flows at most kMaxFlowMagnitude in magnitude; elasticities as
/// parameter_bounds(); tariffs rates in [0, 10]; imports by partner >= 0; mobility shares in
/// [0, 1] with rows summing to 1; sector groups of known codes. Each message names the file,
/// line, column, column header and sector code. The economics (balance, productivity) is
/// check_economy()'s (models/checks.h).
Economy load_economy(const std::string& folder);

/// Largest magnitude of a flow (currency units), an employment count or a wage that an economy
/// file may hold: 1e15, beyond any real table in millions or billions; a larger value is an
/// input error (a typo, or a table in the wrong unit), not a number the model should sum.
inline constexpr double kMaxFlowMagnitude = 1e15;

/// Bounds of a per-sector parameter (scenario `parameters.NAME` and the economy's
/// elasticities.csv): "" when `value` is allowed, else the constraint it violates ("must be an
/// elasticity of substitution in [0, 100]"). NAME: armington, source_substitution,
/// final_demand_elasticity, export_demand, employment_elasticity, pass_through.
std::string parameter_bounds(const std::string& name, double value);

/// What a loader writes into economy.yaml besides the data: how the folder was made.
struct EconomyProvenance {
  std::string import_command;      ///< The exact `tradejobs import ...` command line.
  std::string aggregation;         ///< e.g. "56 WIOD industries, no aggregation".
  std::vector<std::string> notes;  ///< Further notes (balancing, conversions), one per line.
};

/// Writes an economy folder in the §9 layout (economy.yaml, sectors.csv, the matrix files,
/// value_added.csv transposed, employment.csv with shares and annual_wage, and the optional
/// files that are non-empty). Creates the folder; numbers at full precision.
void write_economy(const Economy& economy, const std::string& folder, const EconomyProvenance& provenance);

/// True when the folder holds an economy.yaml.
bool is_economy_folder(const std::string& folder);

}  // namespace tradejobs
