#pragma once
/// \file oecd_icio.h
/// The OECD Inter-Country Input-Output tables of `tradejobs import oecd-icio` (docs/model.md §7,
/// §9): the reader; the command is import_oecd_icio in importers.h.
/// See docs/mrio.md.

#include <string>

#include "import/mrio_table.h"

namespace tradejobs {

/// Reads an OECD ICIO CSV release: country_industry labels (`AUS_A01_02`), final-demand
/// columns `<CTY>_HFCE|NPISH|GGFC|GFCF|INVNT|DPABR` (older NONRES, DISC accepted), rows `TLS`
/// and `VA` (older TAXSUB, VALU), and the output row/column `OUT` (or `TOTAL`, `OUTPUT`).
MrioTable read_oecd_icio(const std::string& path);

}  // namespace tradejobs
