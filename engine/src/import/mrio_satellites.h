#pragma once
/// \file mrio_satellites.h
/// Employment satellites of the MRIO loaders (docs/mrio.md "Employment"): a CSV of persons by
/// region and industry (--employment), or the WIOD Socio-Economic Accounts (--sea) mapped to the
/// table's industries with a concordance (--concordance). The ILOSTAT satellite is mrio_ilostat.h.

#include <map>
#include <string>
#include <vector>

#include "import/mrio_table.h"

namespace tradejobs {

/// Attaches an employment satellite CSV with columns `region,sector,persons` and optional
/// share columns in [0, 1]. A region without rows has unknown jobs (never zero); a region
/// with rows for only some industries, an unknown code or a duplicate is an InputError.
void attach_employment(MrioTable& table, const std::string& path);

/// A concordance CSV `code,sector[,reason]` from the codes of an employment satellite (the 56
/// WIOD 2016 industries of the SEA and of the ILOSTAT satellite) to the table's industries.
struct IndustryConcordance {
  std::string path;                                 ///< File read.
  std::map<std::string, std::vector<int>> targets;  ///< Code -> table industry indices, in file order.
};

/// Loads the concordance for table `t`: InputError (file:line:column) for an industry the table
/// does not have or a pair given twice, and naming the file for a table industry no code reaches.
IndustryConcordance load_industry_concordance(const std::string& path, const MrioTable& t);

/// Attaches employment from WIOD Socio-Economic Accounts files (2016 release, long format:
/// country, code, year, EMP, EMPE, ...; see read_wiod_sea) for every country of the files
/// that is a region of the table, in the table's year: persons engaged (EMP, thousands, times
/// 1,000), the share `self_employed` = 1 − EMPE/EMP and the annual wage per employee
/// COMP/EMPE converted to US dollars with NOMEXCH. The SEA's industry codes are mapped to
/// the table's with a concordance CSV `code,sector[,reason]`: every SEA code must appear, every
/// table industry must receive at least one code; a code listed with several sectors is split
/// in proportion to those industries' gross output in the region's own table. Regions of no
/// file have unknown jobs (never zero). InputError (file:line:column) for anything else.
void attach_sea_employment(MrioTable& table, const std::vector<std::string>& sea_paths,
                           const std::string& concordance_path);

}  // namespace tradejobs
