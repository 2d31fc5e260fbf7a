#pragma once
/// \file importers.h
/// Loaders that build economy folders from published tables (docs/model.md §7, §9
/// `tradejobs import`). Each writes the source, the licence, the aggregation and the exact
/// import command into the generated economy.yaml, and rejects a file whose layout it does
/// not recognise with a message saying what it expected, where it looked and what it found.
///
/// Each format has its own options struct; its `is_valid(&error)` returns false, with a message
/// naming the command-line option, the value and the constraint, for options that cannot go
/// together. The loaders call it first and throw InputError("tradejobs import FORMAT: " + error).
/// (Each is_valid is defined with its loader in engine/src/import/: wiod_niot_command.cpp,
/// mrio_economy.cpp, us_china.cpp.)
///
/// Example (what `tradejobs import wiod-wiot DIR --year 2011 --country USA -o usa-2011` does):
///   ImportCommand c;
///   c.sources = {"data/wiod2013_wiot"};
///   c.output = "usa-2011";
///   MrioImportOptions o;
///   o.year = 2011;
///   o.country = "USA";
///   import_wiod_wiot(c, o);

#include <string>
#include <vector>

namespace tradejobs {

/// What every `tradejobs import FORMAT SOURCE... -o DIR` is given, whatever the format.
struct ImportCommand {
  std::vector<std::string> sources;  ///< Input files or folders (SOURCE...); every format takes exactly one.
  std::string output;                ///< Output folder (-o); written atomically, new or imported earlier only.
  /// The whole command as typed, written into economy.yaml (or README.md of us-china-tariffs) so that
  /// the folder says how it was made. us-china-tariffs writes an equivalent command when it is empty.
  std::string command_line;
};

/// Options of `tradejobs import wiod-niot` (docs/wiod_niot.md): one year of a WIOD 2016 national
/// table with employment from the SEA, from ILOSTAT, or from both.
struct WiodNiotOptions {
  /// Country, ISO3 (--country). Empty: the prefix of the file name `<ISO3>_NIOT_nov16.csv`; when both
  /// are there they must agree.
  std::string country;
  /// Year of the table (--year YYYY). 0: the latest year in the file.
  int year = 0;
  /// WIOD Socio-Economic Accounts CSV (--sea FILE): persons engaged, employees, compensation and
  /// wages. Empty: none. At least one of `sea` and `ilostat` is required.
  std::string sea;
  /// Folder of the ILOSTAT extracts (--ilostat DIR): employment by sex, status, formality and
  /// earnings by activity. Empty: none. Requires `isic_concordance`.
  std::string ilostat;
  /// Concordance CSV `code,level,section,wiod,reason` from ISIC Rev.4 to the 56 WIOD industries
  /// (--isic-concordance FILE; scenarios/concordances/isic4_to_wiod56.csv). Only with `ilostat`.
  std::string isic_concordance;
  /// Trade with one partner and the world by an outside code (--partner-trade FILE,
  /// `code,partner,imports,imports_world,exports,exports_world`, any currency). Empty: imports and
  /// exports are not split by partner. Requires `concordance`.
  std::string partner_trade;
  /// Concordance CSV `code,sector,weight` from the codes of `partner_trade` to the 56 WIOD
  /// industries (--concordance FILE). Only with `partner_trade`.
  std::string concordance;

  /// True when the options can be used together; otherwise false with *error naming the option,
  /// e.g. "--partner-trade and --concordance go together: expected both or neither".
  bool is_valid(std::string* error) const;
};

/// Options of the multi-region loaders `tradejobs import wiod-wiot | pymrio | oecd-icio`
/// (docs/mrio.md): the economy kept, aggregation and an employment satellite.
struct MrioImportOptions {
  /// Region to keep, with the other regions as its trade partners (--country ISO3). Empty: the full
  /// multi-region economy.
  std::string country;
  /// Reference year (--year YYYY). wiod-wiot: picks `wiot_YYYY_*.csv` in a folder (required there) and
  /// must match the year in a file name; oecd-icio: default the year in the file name; pymrio: written
  /// to economy.yaml. 0: not given.
  int year = 0;
  /// One country with the others as partners (--collapse); requires `country`, which alone does the same.
  bool collapse = false;
  /// Keep the full multi-region table (--multi-region, the default); contradicts `country`.
  bool multi_region = false;
  /// Mapping CSV `code,group[,group_name]` of the table's region codes (--aggregate-regions FILE); empty: none.
  std::string aggregate_regions;
  /// Mapping CSV `code,group[,group_name]` of the industry codes (--aggregate-sectors FILE); empty: none.
  std::string aggregate_sectors;
  /// Employment satellite CSV `region,sector,persons[,share columns]` (--employment FILE); empty: none.
  /// Contradicts `sea` and `ilostat`.
  std::string employment;
  /// WIOD Socio-Economic Accounts CSV files (--sea FILE[,FILE...]): persons engaged, the self-employed
  /// share and wages of the countries they hold, in the table's year. Requires `concordance`.
  std::vector<std::string> sea;
  /// Concordance CSV `code,sector[,reason]` from the 56 WIOD 2016 industries of the SEA and ILOSTAT
  /// satellites to the table's industries (--concordance FILE; scenarios/concordances/wiod56_to_wiod35.csv
  /// for WIOD 2013). Only with `sea` or `ilostat`.
  std::string concordance;
  /// Folder of the ILOSTAT extracts (--ilostat DIR): employment by sex, status and formality for the
  /// regions that are countries. Requires `isic_concordance`, `niot` and `concordance`.
  std::string ilostat;
  /// Concordance CSV from ISIC Rev.4 to the 56 WIOD industries (--isic-concordance FILE). Only with `ilostat`.
  std::string isic_concordance;
  /// Folder of the WIOD 2016 national tables `<ISO3>_NIOT_nov16.csv` (--niot DIR), whose gross output
  /// weighs the splits of the ILOSTAT satellite. Only with `ilostat`.
  std::string niot;
  /// Regions to apply ILOSTAT to (--ilostat-countries ISO3,...); empty: every region with usable
  /// extracts. Only with `ilostat`.
  std::vector<std::string> ilostat_countries;

  /// True when the options can be used together; otherwise false with *error naming the option,
  /// e.g. "--collapse needs --country ISO3: expected the country to keep".
  bool is_valid(std::string* error) const;
};

/// Options of `tradejobs import us-china-tariffs` (docs/us_china.md): the months and the year
/// used to build the tariff changes of the 2018–19 US–China rounds.
struct UsChinaTariffOptions {
  /// Month (YYYY-MM) of the tariffs before the trade war (--before). Default 2017-12: the last month
  /// before any 2018 change (the source's rates are constant through 2017).
  std::string before = "2017-12";
  /// Month (YYYY-MM) of the tariffs after the 2018–19 rounds (--after), later than `before`. Default
  /// 2019-12: every US round (lists 1–3 and 4A, 2019-09-01) and China's retaliation in force, before
  /// the Phase One cut of list 4A on 2020-02-14.
  std::string after = "2019-12";
  /// Calendar year whose twelve monthly trade values are summed for the weights and the partner
  /// trade, USD (--trade-year YYYY). Default 2017, the year of the source's own tariff weights.
  int trade_year = 2017;

  /// True when valid; otherwise false with *error naming the option, its value and the constraint,
  /// e.g. "--before = '2017-13': must be a month written YYYY-MM (e.g. 2017-12)".
  bool is_valid(std::string* error) const;
};

/// `tradejobs import wiod-niot`: one WIOD 2016 national table (SOURCE `<ISO3>_NIOT_nov16.csv`).
void import_wiod_niot(const ImportCommand& command, const WiodNiotOptions& options);
/// `tradejobs import wiod-wiot`: the WIOD 2013 world table (SOURCE a folder or one of its files).
void import_wiod_wiot(const ImportCommand& command, const MrioImportOptions& options);
/// `tradejobs import pymrio`: pymrio's text folder (SOURCE the folder).
void import_pymrio(const ImportCommand& command, const MrioImportOptions& options);
/// `tradejobs import oecd-icio`: an OECD ICIO CSV release (SOURCE the file).
void import_oecd_icio(const ImportCommand& command, const MrioImportOptions& options);
/// `tradejobs import us-china-tariffs`: the NAICS-3 tariff and trade tables of the 2018–19 US–China
/// tariffs (issue 3; SOURCE the folder of imports_by_naics.csv and exports_by_naics.csv).
void import_us_china_tariffs(const ImportCommand& command, const UsChinaTariffOptions& options);

}  // namespace tradejobs
