#pragma once
/// \file summary_json.h
/// Pieces of summary.json (docs/model.md §9) that more than one writer shares: the `economy`
/// block, the same in the summary of a run and of a sweep.

#include "formats/json.h"
#include "tradejobs/models/economy.h"

namespace tradejobs {

/// Writes `"economy": {...}` describing `economy` (name, country, year, currency, employment
/// unit, number of sectors, source, licence) into the object open in `j`.
void write_economy_json(JsonWriter& j, const Economy& economy);

}  // namespace tradejobs
