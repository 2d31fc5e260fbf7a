#pragma once
/// \file pymrio.h
/// pymrio's text folder of `tradejobs import pymrio` (docs/model.md §7, §9): the reader; the
/// command is import_pymrio in importers.h.
/// See docs/mrio.md.

#include <string>

#include "import/mrio_table.h"

namespace tradejobs {

/// Reads pymrio's text folder (tab-separated `trade_flows_Z.txt`, `finald_demand_Y.txt`
/// with region/sector/unit header rows and columns, and the `factor_input.txt` extension
/// as value added). `source` is the folder holding those files (or its parent with `mrio_data/`).
MrioTable read_pymrio(const std::string& source);

}  // namespace tradejobs
