#pragma once
/// \file mrio_economy.h
/// The two economies built from a multi-region table (docs/mrio.md): the full MRIO, or one
/// country with the other regions as its trade partners; and what the commands
/// `tradejobs import wiod-wiot | pymrio | oecd-icio` share: the checks before reading
/// (check_mrio_import, MrioImportOptions::is_valid) and the end (finish_import): employment
/// attached, regions and industries aggregated, the economy folder written.

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

/// What the MRIO import commands check before anything is read: one SOURCE (`source` says what it
/// should be), an output folder, and `options.is_valid()`; InputError "tradejobs import FORMAT: ..."
/// otherwise.
void check_mrio_import(const ImportCommand& command, const MrioImportOptions& options, const std::string& format,
                       const std::string& source);

/// The common end of the MRIO import commands, after check_mrio_import: attaches the employment
/// satellite the options ask for, aggregates, builds the full or the single-region economy named
/// `<format>-<year>[-<country>]` and writes it atomically to `command.output`.
void finish_import(MrioTable table, const ImportCommand& command, const MrioImportOptions& options,
                   const std::string& format);

}  // namespace tradejobs
