#pragma once
/// \file summary_json.h
/// Pieces of summary.json (docs/model.md §9) that more than one writer shares: the `economy`
/// block, the same in the summary of a run and of a sweep, and a parameter by sector as the
/// run's summary echoes it.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "formats/json.h"
#include "tradejobs/models/economy.h"

namespace tradejobs {

/// Writes `"economy": {...}` describing `economy` (name, country, year, currency, employment
/// unit, number of sectors, source, licence) into the object open in `j`.
void write_economy_json(JsonWriter& j, const Economy& economy);

/// Writes one value per sector as an object: the most common value as "default", then each
/// sector (by its code in `sector_codes`) whose value differs from it.
void write_values_by_sector(JsonWriter& j, const std::vector<std::string>& sector_codes, const Eigen::VectorXd& values);

}  // namespace tradejobs
