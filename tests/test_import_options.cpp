// ctest-labels: cli
// The options of `tradejobs import` (tradejobs/engine/importers.h): every constraint of
// WiodNiotOptions and MrioImportOptions::is_valid with the message that names the option, and
// the command line: an option the chosen format does not take, an empty value or a malformed
// year is an error naming the option and the format, given before anything is read or written.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_support.h"
#include "tradejobs/engine/importers.h"

using namespace tradejobs;
using tradejobs_test::CliResult;
using tradejobs_test::CliSandbox;

namespace {

/// The message of is_valid, "" when the options are valid.
template <typename Options>
std::string problem(const Options& o) {
  std::string error;
  const bool valid = o.is_valid(&error);
  CHECK(valid == error.empty());
  CHECK(o.is_valid(nullptr) == valid);  // the message is optional
  return error;
}

const std::string kSeaConcordance =
    "--sea and --concordance go together: expected the SEA files and the concordance from their industry codes to "
    "the table's";
const std::string kIlostatNeeds =
    "--ilostat needs --isic-concordance FILE (scenarios/concordances/isic4_to_wiod56.csv), --niot DIR (the WIOD 2016 "
    "national tables, whose gross output weighs the splits) and --concordance FILE (the 56 WIOD industries to the "
    "table's, scenarios/concordances/wiod56_to_wiod35.csv)";
const std::string kMrioRefusal =
    "does not apply to this format: expected --country, --year, --aggregate-regions, --aggregate-sectors, "
    "--employment, --sea with --concordance, --ilostat with --isic-concordance, --niot and --concordance, --collapse "
    "or --multi-region";

/// Runs `tradejobs import ARGS -o out` in the sandbox, expected to fail: exit 2, the message on
/// stderr, nothing on stdout and no output folder.
void check_refused(const CliSandbox& s, const std::string& args, const std::string& message) {
  CAPTURE(args);
  const CliResult r = s.run("import " + args + " -o out");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: " + message + "\n");
  CHECK_FALSE(std::filesystem::exists(s.dir / "out"));
}

}  // namespace

TEST_CASE("MrioImportOptions: every option that needs another, or contradicts one, is named") {
  MrioImportOptions o;
  CHECK(problem(o) == "");
  o.country = "USA";
  o.aggregate_sectors = "sectors.csv";
  CHECK(problem(o) == "");

  o = MrioImportOptions{};
  o.year = 11;
  CHECK(problem(o) == "--year = 11: must be a year written YYYY (e.g. 2011)");
  o.year = 2011;
  o.sea = {"sea.csv"};
  CHECK(problem(o) == kSeaConcordance);
  o.concordance = "wiod56_to_wiod35.csv";
  CHECK(problem(o) == "");
  o.employment = "jobs.csv";
  CHECK(problem(o) == "--sea and --employment both give employment: expected one");

  o = MrioImportOptions{};
  o.concordance = "wiod56_to_wiod35.csv";  // with neither --sea nor --ilostat
  CHECK(problem(o) == kSeaConcordance);
  o.ilostat = "ilostat";
  CHECK(problem(o) == kIlostatNeeds);
  o.isic_concordance = "isic4_to_wiod56.csv";
  CHECK(problem(o) == kIlostatNeeds);
  o.niot = "niot_clean";
  CHECK(problem(o) == "");  // --concordance serves the ILOSTAT satellite
  o.sea = {"sea.csv"};
  o.ilostat_countries = {"DEU"};
  CHECK(problem(o) == "");  // --ilostat may be combined with --sea
  o.sea.clear();
  o.employment = "jobs.csv";
  CHECK(problem(o) ==
        "--ilostat and --employment both give employment: expected one (--ilostat may be combined with --sea)");

  for (const auto& [name, set] : std::vector<std::pair<std::string, void (*)(MrioImportOptions&)>>{
           {"isic-concordance", [](MrioImportOptions& m) { m.isic_concordance = "isic.csv"; }},
           {"niot", [](MrioImportOptions& m) { m.niot = "niot_clean"; }},
           {"ilostat-countries", [](MrioImportOptions& m) { m.ilostat_countries = {"DEU"}; }}}) {
    o = MrioImportOptions{};
    set(o);
    CHECK(problem(o) == "--" + name + " is an option of the ILOSTAT satellite: expected it with --ilostat DIR");
  }

  o = MrioImportOptions{};
  o.collapse = true;
  CHECK(problem(o) == "--collapse needs --country ISO3: expected the country to keep");
  o.country = "USA";
  CHECK(problem(o) == "");
  o.multi_region = true;
  CHECK(problem(o) == "--collapse and --multi-region contradict each other: expected one");
  o.collapse = false;
  CHECK(problem(o) == "--multi-region keeps every region: expected no --country");
  o.country.clear();
  CHECK(problem(o) == "");
}

TEST_CASE("WiodNiotOptions: employment from the SEA or ILOSTAT, and the options that go in pairs") {
  WiodNiotOptions o;
  CHECK(problem(o).rfind("--sea FILE or --ilostat DIR is required: employment, compensation and wages come from", 0) ==
        0);
  o.sea = "sea.csv";
  CHECK(problem(o) == "");
  o.year = 214;
  CHECK(problem(o) == "--year = 214: must be a year written YYYY (e.g. 2014)");
  o.year = 2014;
  o.ilostat = "ilostat";
  CHECK(problem(o) ==
        "--ilostat and --isic-concordance go together: expected both or neither (the concordance from ISIC Rev.4 to "
        "the 56 WIOD industries is scenarios/concordances/isic4_to_wiod56.csv)");
  o.isic_concordance = "isic4_to_wiod56.csv";
  CHECK(problem(o) == "");
  o.sea.clear();
  CHECK(problem(o) == "");  // ILOSTAT alone
  o.concordance = "naics3_to_wiod56.csv";
  CHECK(problem(o) == "--partner-trade and --concordance go together: expected both or neither");
  o.concordance.clear();
  o.partner_trade = "partner_trade.csv";
  CHECK(problem(o) == "--partner-trade and --concordance go together: expected both or neither");
}

TEST_CASE("tradejobs import: an option the format does not take is an error naming the option and the format") {
  CliSandbox s("import_options");
  // Nothing exists: each refusal comes before any file is read.
  check_refused(s, "pymrio pymrio_folder --partner-trade x.csv",
                "tradejobs import pymrio: option --partner-trade " + kMrioRefusal);
  check_refused(s, "wiod-wiot wiod2013_wiot --before 2017-12",
                "tradejobs import wiod-wiot: option --before " + kMrioRefusal);
  check_refused(s, "oecd-icio icio.csv --trade-year 2017",
                "tradejobs import oecd-icio: option --trade-year " + kMrioRefusal);
  check_refused(s, "wiod-niot USA_NIOT_nov16.csv --sea sea.csv --niot niot_clean",
                "tradejobs import wiod-niot: option --niot does not apply to this format: expected --country, --year, "
                "--sea, --ilostat with --isic-concordance, or --partner-trade with --concordance");
  check_refused(s, "wiod-niot USA_NIOT_nov16.csv --sea sea.csv --collapse",
                "tradejobs import wiod-niot: option --collapse does not apply to this format: expected --country, "
                "--year, --sea, --ilostat with --isic-concordance, or --partner-trade with --concordance");
  for (const char* option : {"--sea x", "--year 2017", "--country USA", "--multi-region"})
    check_refused(s, std::string("us-china-tariffs tariffs ") + option,
                  std::string("tradejobs import us-china-tariffs: unknown option ") +
                      std::string(option).substr(0, std::string(option).find(' ')) +
                      ": expected --before, --after or --trade-year");
  check_refused(s, "wiod-wiot t.csv --sea a.csv --ilostat-countries DEU",
                "tradejobs import wiod-wiot: " + kSeaConcordance);
  check_refused(s, "wiod-wiot t.csv --ilostat ilostat", "tradejobs import wiod-wiot: " + kIlostatNeeds);
  check_refused(s, "nosuch t.csv",
                "tradejobs import: unknown FORMAT 'nosuch': expected wiod-niot, wiod-wiot, pymrio, oecd-icio or "
                "us-china-tariffs");
}

TEST_CASE("tradejobs import: empty values, empty lists and malformed years are errors naming the option") {
  CliSandbox s("import_values");
  check_refused(s, "pymrio pymrio_folder --employment ''",
                "tradejobs import pymrio: --employment '': expected a value (see tradejobs import --help)");
  check_refused(s, "wiod-niot USA_NIOT_nov16.csv --sea ''",
                "tradejobs import wiod-niot: --sea '': expected a value (see tradejobs import --help)");
  check_refused(s, "wiod-wiot t.csv --sea , --concordance c.csv",
                "tradejobs import wiod-wiot: --sea ',': expected one or more items separated by commas");
  check_refused(s, "pymrio pymrio_folder --year 20111",
                "tradejobs import pymrio: --year = 20111: must be a year written YYYY (e.g. 2011)");
  check_refused(s, "us-china-tariffs tariffs --trade-year 2O17",
                "tradejobs import us-china-tariffs: --trade-year = '2O17': must be a year written YYYY (e.g. 2017)");
  check_refused(s, "us-china-tariffs tariffs --before ''",
                "tradejobs import us-china-tariffs: --before = '': must be a month written YYYY-MM (e.g. 2017-12)");
  check_refused(s, "us-china-tariffs tariffs --before 2019-12 --after 2018-06",
                "tradejobs import us-china-tariffs: --after = '2018-06': must be later than --before = '2019-12'");
  const CliResult r = s.run("import pymrio pymrio_folder -o ''");
  CHECK(r.code == 2);
  CHECK(r.err == "error: tradejobs import pymrio: -o '': expected the name of the folder to write\n");
}
