// `tradejobs import wiod-niot SOURCE -o DIR [--country ISO3] [--year YYYY] --sea FILE
//  [--ilostat DIR --isic-concordance FILE] [--partner-trade FILE --concordance FILE]` (docs/model.md §7, §9). See
//  docs/wiod_niot.md.
#include <algorithm>
#include <filesystem>

#include "economy/concordance.h"
#include "import/ilostat.h"
#include "import/wiod_niot.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/engine/outputs.h"

namespace tradejobs {

bool WiodNiotOptions::is_valid(std::string* error) const {
  std::string problem;
  if (year != 0 && (year < 1000 || year > 9999))
    problem = "--year = " + std::to_string(year) + ": must be a year written YYYY (e.g. 2014)";
  else if (sea.empty() && ilostat.empty())
    problem =
        "--sea FILE or --ilostat DIR is required: employment, compensation and wages come from the WIOD "
        "Socio-Economic Accounts (e.g. --sea $TRADEJOBS_DATA_DIR/wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv) "
        "or from the ILOSTAT extracts (--ilostat $TRADEJOBS_DATA_DIR/ilostat --isic-concordance "
        "scenarios/concordances/isic4_to_wiod56.csv), or both";
  else if (ilostat.empty() != isic_concordance.empty())
    problem =
        "--ilostat and --isic-concordance go together: expected both or neither (the concordance "
        "from ISIC Rev.4 to the 56 WIOD industries is scenarios/concordances/isic4_to_wiod56.csv)";
  else if (partner_trade.empty() != concordance.empty())
    problem = "--partner-trade and --concordance go together: expected both or neither";
  if (!problem.empty() && error) *error = problem;
  return problem.empty();
}

void import_wiod_niot(const ImportCommand& o, const WiodNiotOptions& options) {
  const std::string cmd = "tradejobs import wiod-niot";
  if (o.sources.size() != 1)
    throw InputError(cmd + ": got " + std::to_string(o.sources.size()) +
                     " SOURCE files: expected one national table such as USA_NIOT_nov16.csv");
  if (o.output.empty()) throw InputError(cmd + ": no output folder: expected -o DIR");
  if (std::string e; !options.is_valid(&e)) throw InputError(cmd + ": " + e);
  const std::string& sea_path = options.sea;
  const std::string& ilostat_dir = options.ilostat;
  const std::string& isic_path = options.isic_concordance;
  const std::string& trade_path = options.partner_trade;
  const std::string& concordance_path = options.concordance;

  // Country: --country, or the ISO3 prefix of the published file name (<ISO>_NIOT_nov16.csv).
  const std::string source = o.sources.front();
  const std::string file = std::filesystem::path(source).filename().string();
  // <ISO3>_NIOT...: three capital letters, then "_NIOT".
  const bool named = file.size() >= 8 && file.compare(3, 5, "_NIOT") == 0 &&
                     std::all_of(file.begin(), file.begin() + 3, [](char c) { return c >= 'A' && c <= 'Z'; });
  const std::string file_country = named ? file.substr(0, 3) : std::string();
  std::string country = options.country;
  if (country.empty()) {
    if (!named)
      throw InputError(located(source, 0, 0,
                               "cannot tell the country from the file name: expected <ISO3>_NIOT_nov16.csv "
                               "or --country ISO3"));
    country = file_country;
  } else if (named && file_country != country) {
    throw InputError(located(source, 0, 0,
                             "--country " + country + " but the file name says " + file_country +
                                 ": expected the table of the country asked for"));
  }

  // Everything is read and checked before anything is written.
  IsicConcordance isic;
  IlostatCountry ilostat;
  if (!ilostat_dir.empty()) {
    isic = load_isic4_concordance(isic_path);
    ilostat = read_ilostat_country(ilostat_dir, country, isic);
  }
  const WiodNiotTable table = read_wiod_niot(source, options.year);
  WiodSeaYear sea;
  if (!sea_path.empty()) sea = read_wiod_sea(sea_path, country, table.year);
  WiodNiotBuild build = build_wiod_niot_economy(table, country, sea_path.empty() ? nullptr : &sea);
  if (!ilostat_dir.empty()) apply_ilostat(build, table, ilostat, isic, !sea_path.empty());
  if (options.year == 0)
    build.notes.insert(build.notes.begin(),
                       "No --year given: the latest year of the file, " + std::to_string(table.year) + ", is used.");
  if (!trade_path.empty()) {
    const PartnerTrade trade = read_partner_trade(trade_path);
    const Concordance concordance = load_concordance(concordance_path, build.economy.sector_codes);
    split_trade_by_partner(build, trade, concordance);
  }
  EconomyProvenance provenance;
  provenance.import_command = o.command_line;
  provenance.aggregation = "56 WIOD industries (ISIC Rev.4), no aggregation";
  provenance.notes = build.notes;
  // Atomically, into a new, empty or earlier-imported folder only (docs/model.md §8).
  write_folder_atomically(
      o.output, [&](const std::string& dir) { write_economy(build.economy, dir, provenance); }, "import");
}

}  // namespace tradejobs
