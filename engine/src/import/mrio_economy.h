#pragma once
/// \file mrio_economy.h
/// The two economies built from a multi-region table (docs/mrio.md): the full MRIO, or one
/// country with the other regions as its trade partners; and the end that the commands
/// `tradejobs import wiod-wiot | pymrio | oecd-icio` share (finish_import): options checked,
/// employment attached, regions and industries aggregated, the economy folder written.

#include <string>

#include "import/mrio_table.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/models/economy.h"

namespace tradejobs {

/// The full MRIO economy (docs/mrio.md): sectors `<REG>_<code>` with their region, Zd = Z,
/// Zm = 0, final demand `<REG>_<category>`, exports = sales outside the table (`outside`).
Economy mrio_economy(const MrioTable& table, const std::string& name);

/// One country with the rest of the world as partners: Zd = the country's own block, Zm =
/// the other regions' deliveries to it, `imports_by_partner` the source-region values,
/// exports by destination region. The country's gross output is preserved exactly.
Economy single_region_economy(const MrioTable& table, const std::string& country, const std::string& name);

/// The common end of the MRIO import commands: checks the options of `o` (InputError naming the
/// option), attaches the employment satellite it asks for, aggregates, builds the full or the
/// single-region economy named `<short_name>-<year>[-<country>]` and writes it atomically to `o.output`.
void finish_import(MrioTable table, const ImportOptions& o, const std::string& short_name);

/// The one SOURCE of `o`; InputError saying `what` is expected when there are none or several.
const std::string& single_source(const ImportOptions& o, const std::string& what);

}  // namespace tradejobs
