#pragma once
/// \file terminal.h
/// What `tradejobs run` and `tradejobs multipliers` print (docs/model.md §8): an aligned table of
/// the largest movers and the totals, numbers formatted for people, colour only on a
/// terminal (never with NO_COLOR).

#include <iosfwd>
#include <string>

#include "tradejobs/engine/runner.h"

namespace tradejobs {

/// How to print.
struct TerminalOptions {
  bool colour = false;  ///< ANSI colours (only on a TTY without NO_COLOR).
  int movers = 8;       ///< How many sectors that gain and that lose jobs to list.
};

/// The largest movers, the totals, displaced workers, cost per displaced worker, groups.
void print_scenario_summary(std::ostream& out, const PreparedEconomy& economy, const ResolvedScenario& scenario,
                            const ScenarioResult& result, const TerminalOptions& options);

/// Multipliers per sector as a table, CSV (`sector,name,output_multiplier,
/// employment_multiplier,income_multiplier`, docs/model.md §9) or JSON.
void print_multipliers(std::ostream& out, const Economy& economy, const Multipliers& m, const std::string& format,
                       bool colour);

}  // namespace tradejobs
