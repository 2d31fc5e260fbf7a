#pragma once
/// \file wiod_wiot.h
/// The WIOD 2013 world input-output table of `tradejobs import wiod-wiot` (docs/model.md §7, §9):
/// the reader; the command is import_wiod_wiot in importers.h.
/// See docs/mrio.md.

#include <string>

#include "import/mrio_table.h"

namespace tradejobs {

/// Reads the WIOD 2013 world table as distributed in bquast/wiod's CSV conversion:
/// `<prefix>_Z.csv`, `<prefix>_Y.csv`, `<prefix>_x.csv` (e.g. wiot_2011). `source` is a
/// folder (then `year` picks wiot_<year>_*.csv) or any of the three files. Values are
/// truncated integers: x is recomputed as Z·1 + Y·1 and the largest difference from the
/// published x is noted; value added is the single row `value_added_and_margins` = x − 1ᵀZ.
MrioTable read_wiod_wiot(const std::string& source, int year);

}  // namespace tradejobs
