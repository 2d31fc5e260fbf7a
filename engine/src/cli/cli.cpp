#include "tradejobs/engine/cli.h"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "formats/json.h"
#include "formats/yaml_util.h"
#include "results/terminal.h"
#include "run/trade_backend.h"
#include "scenario/schema.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/report.h"
#include "tradejobs/engine/results.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/sweep.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace tradejobs {

namespace {

const char* kUsage =
    "tradejobs — how trade measures change jobs (input-output + Armington trade + labour adjustment)\n"
    "\n"
    "Usage: tradejobs COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run [SCENARIO.yaml]     run one scenario (default: scenarios/default.yaml)\n"
    "  sweep SWEEP.yaml        run a sweep of scenarios (grids and random draws)\n"
    "  check PATH              validate an economy folder, a scenario or a sweep\n"
    "  multipliers ECONOMY     output, employment and income multipliers per sector\n"
    "  import FORMAT SOURCE... build an economy folder from a published table\n"
    "  report RESULTS_DIR      (re)build report.html from a results folder\n"
    "  schema --markdown|--json  the scenario file reference, or its JSON Schema\n"
    "\n"
    "Options:\n"
    "  -h, --help              this help; `tradejobs COMMAND --help` for a command\n"
    "  --version               print the version\n"
    "\n"
    "Exit codes: 0 success, 1 the model could not be solved, 2 bad usage or bad input.\n";

bool stream_is_terminal(const std::ostream& s) {
  if (&s == &std::cout) return isatty(fileno(stdout));
  if (&s == &std::cerr) return isatty(fileno(stderr));
  return false;
}

bool use_colour(const std::ostream& s) { return stream_is_terminal(s) && std::getenv("NO_COLOR") == nullptr; }

/// Parses a subcommand's options; returns false when --help was printed.
bool parse(const std::vector<std::string>& args, const po::options_description& visible,
           const po::positional_options_description& positional, po::variables_map& vm, std::ostream& out,
           const std::string& usage) {
  po::options_description all;
  all.add(visible);
  po::parsed_options parsed = po::command_line_parser(args).options(all).positional(positional).run();
  po::store(parsed, vm);
  if (vm.count("help")) {
    out << usage << "\n" << visible;
    return false;
  }
  po::notify(vm);
  return true;
}

/// The scenario `tradejobs run` runs without SCENARIO.
struct DefaultScenario {
  std::string file;
  bool here = true;  ///< found in the current folder (else beside the binary: results go to ./results/NAME)
};

/// scenarios/default.yaml of the current folder; else the installed copy beside the binary
/// (<prefix>/bin/tradejobs → <prefix>/share/tradejobs/scenarios/default.yaml); else, for a
/// binary still in its build folder, the source tree's, named by tradejobs-source-dir.txt, which
/// CMake writes into the build folder and never installs.
DefaultScenario default_scenario() {
  const std::string local = "scenarios/default.yaml";
  if (fs::exists(local)) return {local, true};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::string tried = "'" + local + "' (current folder)";
  if (!ec) {
    const fs::path bin = exe.parent_path();
    const fs::path installed =
        (bin.parent_path() / "share" / "tradejobs" / "scenarios" / "default.yaml").lexically_normal();
    if (fs::exists(installed)) return {installed.string(), false};
    tried += ", '" + installed.string() + "' (installed)";
    std::ifstream marker(bin / "tradejobs-source-dir.txt");
    std::string source;
    if (marker && std::getline(marker, source) && !source.empty()) {
      const fs::path built = fs::path(source) / "scenarios" / "default.yaml";
      if (fs::exists(built)) return {built.string(), false};
      tried += ", '" + built.string() + "' (source tree of this build)";
    }
  }
  throw InputError("tradejobs run: no SCENARIO given and no default scenario found: tried " + tried +
                   ": expected `tradejobs run SCENARIO.yaml`");
}

/// -o "" is an error (never silently the default folder).
void require_output_name(const po::variables_map& vm) {
  if (vm.count("output") && vm["output"].as<std::string>().empty())
    throw InputError("-o '': expected the name of a results folder (leave -o out for the default folder)");
}

std::string command_line(const std::vector<std::string>& args) {
  std::string s = "tradejobs";
  for (const auto& a : args) s += " " + (a.find(' ') != std::string::npos ? "'" + a + "'" : a);
  return s;
}

int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("scenario", po::value<std::string>(), "scenario YAML")(
      "output,o", po::value<std::string>(),
      "results folder (default: the scenario's outputs.directory, else results/NAME)")(
      "format", po::value<std::string>()->default_value("table"),
      "terminal output: table, csv (sectors.csv) or json (summary.json)")(
      "quiet,q", "print nothing on success but the report path")("no-report", "do not write report.html")(
      "no-xlsx", "do not write results.xlsx");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs run [SCENARIO.yaml] [-o DIR] [--format table|csv|json]\n\nRuns one scenario: "
             "trade measures -> output -> jobs by sector and group -> adjustment costs.\nWithout SCENARIO, runs "
             "scenarios/default.yaml."))
    return 0;
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv" && format != "json")
    throw InputError("--format " + format + ": expected table, csv or json");
  require_output_name(vm);
  const DefaultScenario chosen =
      vm.count("scenario") ? DefaultScenario{vm["scenario"].as<std::string>(), true} : default_scenario();
  const Scenario scenario = load_scenario(chosen.file);
  // The default scenario found beside the binary writes into the current folder, never into the
  // install prefix or the source tree.
  std::string output = vm.count("output") ? vm["output"].as<std::string>()
                       : chosen.here      ? scenario.output_directory
                                          : "";
  if (!vm.count("output") && chosen.here && !scenario.output_directory_refusal.empty())
    throw InputError(scenario.output_directory_refusal);
  if (output.empty()) output = "results/" + scenario.name;
  check_results_folder(output);  // before any work: a folder that cannot take the results fails fast
  const auto economy = prepare_economy(scenario.economy);
  const ResolvedScenario resolved = resolve_scenario(scenario, *economy);
  const ScenarioResult result = run_scenario(*economy, resolved);
  const ScenarioFiles files = render_scenario_files(*economy, resolved, result);
  const bool report = !vm.count("no-report");
  ResultsWriteOptions write_options;
  write_options.report = report;
  write_options.xlsx = !vm.count("no-xlsx");
  write_scenario_results(output, files, write_options);
  if (format == "csv") {
    out << files.sectors_csv;
  } else if (format == "json") {
    out << files.summary_json;
  } else if (!vm.count("quiet")) {
    TerminalOptions t;
    t.colour = use_colour(out);
    print_scenario_summary(out, *economy, resolved, result, t);
  }
  if (format == "table") {
    const std::string where = report ? (fs::path(output) / "report.html").string() : output;
    out << (vm.count("quiet") ? "" : "\nResults: ") << (report ? where : output) << "\n";
  }
  return 0;
}

int cmd_sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("sweep", po::value<std::string>(), "sweep YAML")(
      "output,o", po::value<std::string>(), "results folder")(
      "threads,j", po::value<int>(), "threads, 1 to 1024 (default: all cores; never more than the runs need)")(
      "resume", "continue an interrupted sweep in the results folder")(
      "restart", "discard a partial sweep in the results folder and start again")("quiet,q", "no terminal summary")(
      "no-xlsx", "do not write results.xlsx");
  po::positional_options_description pos;
  pos.add("sweep", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs sweep SWEEP.yaml [-o DIR] [-j THREADS] [--resume | --restart]\n\nRuns a base "
             "scenario over grids and random draws (docs/model.md §6); writes runs.csv, "
             "sector_stats.csv,\nsummary.json and report.html. "
             "Output is byte-identical for any thread count."))
    return 0;
  if (!vm.count("sweep")) throw InputError("tradejobs sweep: missing SWEEP.yaml (see tradejobs sweep --help)");
  SweepCommandOptions o;
  o.sweep_file = vm["sweep"].as<std::string>();
  if (vm.count("output")) o.output = vm["output"].as<std::string>();
  require_output_name(vm);
  if (vm.count("threads")) {
    o.threads = vm["threads"].as<int>();
    if (o.threads < 1 || o.threads > kMaxSweepThreads)
      throw InputError("-j " + std::to_string(o.threads) + ": expected a number of threads from 1 to " +
                       std::to_string(kMaxSweepThreads) + " (leave -j out to use every core)");
  }
  o.resume = vm.count("resume") > 0;
  o.restart = vm.count("restart") > 0;
  if (o.resume && o.restart)
    throw InputError("--resume and --restart: give one (continue the partial sweep, or discard it)");
  o.quiet = vm.count("quiet") > 0;
  o.xlsx = vm.count("no-xlsx") == 0;
  o.progress = stream_is_terminal(err);
  return run_sweep_command(o, out, err);
}

int cmd_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("path", po::value<std::string>(), "economy folder, scenario or sweep YAML")(
      "strict", "warnings are errors (exit 1)")("tolerance", po::value<double>()->default_value(1e-6),
                                                "relative tolerance of the balance checks");
  po::positional_options_description pos;
  pos.add("path", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs check PATH [--strict] [--tolerance T]\n\nValidates an economy folder, "
             "a scenario or a sweep and prints the diagnostics of docs/model.md §1.\nExit 0 fine, 1 warnings (with "
             "--strict), 2 errors."))
    return 0;
  if (!vm.count("path")) throw InputError("tradejobs check: missing PATH (see tradejobs check --help)");
  const std::string path = vm["path"].as<std::string>();
  CheckOptions co;
  co.balance_tolerance = vm["tolerance"].as<double>();
  if (!(co.balance_tolerance > 0)) throw InputError("--tolerance must be > 0");
  std::string economy_folder;
  std::optional<Scenario> scenario;
  if (fs::is_directory(path)) {
    if (!is_economy_folder(path))
      throw InputError(located(path, 0, 0, "not an economy folder: expected a file economy.yaml in it"));
    economy_folder = path;
  } else {
    const YAML::Node root = load_yaml_file(path);
    if (root.IsMap() && root["base"]) {
      check_sweep_file(path, out);
      return 0;
    }
    if (root.IsMap() && root["sectors"] && root["intermediate_domestic"]) {
      economy_folder = parent_folder(path);
    } else {
      scenario = load_scenario(path);
      economy_folder = scenario->economy;
    }
  }
  const Economy e = load_economy(economy_folder);
  const auto diagnostics = check_economy(e, co);
  bool warnings = false, errors = false;
  out << "economy " << e.name << " (" << e.sectors() << " sectors, " << e.currency << ", " << e.year << ")\n";
  for (const auto& d : diagnostics) {
    const char* tag = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    (d.severity == Severity::Note ? out : err) << "  " << tag << ": " << d.check << ": " << d.message << "\n";
    warnings = warnings || d.severity == Severity::Warning;
    errors = errors || d.severity == Severity::Error;
  }
  if (errors) return 2;
  if (scenario) {
    const auto prepared = prepare_economy(economy_folder, co);
    const ResolvedScenario rs = resolve_scenario(*scenario, *prepared);
    prepared->backend->check_shock(rs);
    out << "scenario " << scenario->name << ": " << scenario->measures.size() << " measures resolved\n";
  }
  if (warnings && vm.count("strict")) return 1;
  out << (warnings ? "ok, with warnings\n" : "ok\n");
  return 0;
}

int cmd_multipliers(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("economy", po::value<std::string>(), "economy folder")(
      "type", po::value<std::string>()->default_value("I"), "I (Type I) or II (household-closed, induced)")(
      "format", po::value<std::string>()->default_value("table"), "table, csv or json");
  po::positional_options_description pos;
  pos.add("economy", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs multipliers ECONOMY [--type I|II] [--format table|csv|json]\n\n"
             "Per sector: output, employment (persons per currency unit of final demand) and income multipliers "
             "(docs/model.md §2)."))
    return 0;
  if (!vm.count("economy")) throw InputError("tradejobs multipliers: missing ECONOMY folder (see --help)");
  const std::string type = vm["type"].as<std::string>();
  if (type != "I" && type != "II") throw InputError("--type " + type + ": expected I or II");
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv" && format != "json")
    throw InputError("--format " + format + ": expected table, csv or json");
  const auto pe = prepare_economy(vm["economy"].as<std::string>());
  const Multipliers m =
      compute_multipliers(pe->coefficients, type == "I" ? MultiplierType::TypeI : MultiplierType::TypeII);
  print_multipliers(out, pe->economy, m, format, use_colour(out));
  return 0;
}

int cmd_schema(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("markdown",
                                            "the reference of every scenario key (docs/reference/scenario.md)")(
      "json", "a JSON Schema (draft 2020-12) of a scenario file, for editors");
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs schema --markdown | --json\n\n"
             "Every key of a scenario file: type, unit, default, bounds, whether a sweep may vary it, and the source "
             "of the default."))
    return 0;
  const bool markdown = vm.count("markdown") > 0, json = vm.count("json") > 0;
  if (markdown == json)
    throw InputError(std::string("tradejobs schema: ") + (markdown ? "give one of --markdown and --json, not both"
                                                                   : "missing --markdown or --json (see --help)"));
  out << (markdown ? schema::markdown() : schema::json_schema());
  return 0;
}

/// One format of `tradejobs import`: the options it takes beyond SOURCE and -o (long names), and
/// the message for any other option ("{}" is the option's name).
struct ImportFormat {
  std::string name;
  std::vector<std::string> takes;
  std::string refusal;
};

/// The format called `name`, or null.
const ImportFormat* import_format(const std::string& name) {
  static const std::vector<std::string> kMrio = {
      "country",          "year", "collapse",    "multi-region", "aggregate-regions", "aggregate-sectors",
      "employment",       "sea",  "concordance", "ilostat",      "isic-concordance",  "niot",
      "ilostat-countries"};
  static const std::string kMrioRefusal =
      "option --{} does not apply to this format: expected --country, --year, --aggregate-regions, "
      "--aggregate-sectors, --employment, --sea with --concordance, --ilostat with --isic-concordance, --niot and "
      "--concordance, --collapse or --multi-region";
  static const std::vector<ImportFormat> kFormats = {
      {"wiod-niot",
       {"country", "year", "sea", "ilostat", "isic-concordance", "partner-trade", "concordance"},
       "option --{} does not apply to this format: expected --country, --year, --sea, --ilostat with "
       "--isic-concordance, or --partner-trade with --concordance"},
      {"wiod-wiot", kMrio, kMrioRefusal},
      {"pymrio", kMrio, kMrioRefusal},
      {"oecd-icio", kMrio, kMrioRefusal},
      {"us-china-tariffs",
       {"before", "after", "trade-year"},
       "unknown option --{}: expected --before, --after or --trade-year"}};
  for (const auto& f : kFormats)
    if (f.name == name) return &f;
  return nullptr;
}

int cmd_import(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("format", po::value<std::string>(),
                                            "wiod-niot, wiod-wiot, pymrio, oecd-icio, us-china-tariffs")(
      "source", po::value<std::vector<std::string>>(), "input files or folders")(
      "output,o", po::value<std::string>(), "output folder")("country", po::value<std::string>(), "ISO3 country code")(
      "year", po::value<int>(), "year")(
      "sea", po::value<std::string>(),
      "wiod-niot: WIOD socio-economic accounts CSV (employment, wages); MRIO loaders: SEA CSV files, comma-separated, "
      "for the countries they hold (with --concordance)")(
      "ilostat", po::value<std::string>(),
      "folder of the ILOSTAT extracts (employment by sex, status, formality and earnings by activity)")(
      "niot", po::value<std::string>(),
      "MRIO loaders with --ilostat: folder of the WIOD 2016 national tables (their gross output weighs the splits)")(
      "ilostat-countries", po::value<std::string>(),
      "MRIO loaders with --ilostat: comma-separated ISO3 regions to apply it to (default: every region with data)")(
      "isic-concordance", po::value<std::string>(),
      "wiod-niot: concordance CSV code,level,section,wiod,reason from ISIC Rev.4 to the 56 WIOD industries (with "
      "--ilostat)")("partner-trade", po::value<std::string>(),
                    "wiod-niot: trade by outside code with one partner and the world "
                    "(code,partner,imports,imports_world,exports,exports_world)")(
      "concordance", po::value<std::string>(),
      "wiod-niot: concordance CSV code,sector,weight for --partner-trade; MRIO loaders: concordance CSV code,sector "
      "from the SEA industries to the table's")("employment", po::value<std::string>(),
                                                "MRIO: employment CSV region,sector,persons[,shares]")(
      "aggregate-regions", po::value<std::string>(), "mapping CSV code,group for regions")(
      "aggregate-sectors", po::value<std::string>(), "mapping CSV code,group for sectors")(
      "collapse", "wiod-wiot/pymrio/oecd-icio: one country (--country) plus the other regions as partners")(
      "multi-region", "wiod-wiot/pymrio/oecd-icio: keep the full multi-region table (the default)")(
      "before", po::value<std::string>(), "us-china-tariffs: month before the tariffs (YYYY-MM)")(
      "after", po::value<std::string>(), "us-china-tariffs: month after the tariffs (YYYY-MM)")(
      "trade-year", po::value<std::string>(), "us-china-tariffs: year of the trade weights (default 2017)");
  po::positional_options_description pos;
  pos.add("format", 1).add("source", -1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs import FORMAT SOURCE... -o DIR [--country ISO3] [--year YYYY] [options]\n\n"
             "Builds an economy folder (docs/model.md §7) from a published table; FORMAT is wiod-niot, wiod-wiot, "
             "pymrio or oecd-icio\n"
             "(and us-china-tariffs, which builds the tariff tables of the US-China scenario)."))
    return 0;
  if (!vm.count("format")) throw InputError("tradejobs import: missing FORMAT (see tradejobs import --help)");
  const std::string format = vm["format"].as<std::string>();
  const ImportFormat* f = import_format(format);
  if (!f)
    throw InputError("tradejobs import: unknown FORMAT '" + format +
                     "': expected wiod-niot, wiod-wiot, pymrio, oecd-icio or us-china-tariffs");
  const std::string what = "tradejobs import " + format;
  ImportCommand o;
  if (vm.count("source")) o.sources = vm["source"].as<std::vector<std::string>>();
  if (o.sources.empty()) throw InputError(what + ": missing SOURCE file or folder");
  if (!vm.count("output")) throw InputError(what + ": missing -o DIR (the folder to write)");
  o.output = vm["output"].as<std::string>();
  if (o.output.empty()) throw InputError(what + ": -o '': expected the name of the folder to write");
  o.command_line = command_line(args.size() ? std::vector<std::string>(args.begin(), args.end()) : args);
  o.command_line = "tradejobs import" + o.command_line.substr(std::string("tradejobs").size());
  // An option the format does not take is an error (never parsed and ignored); so is an empty value.
  for (const auto& [key, value] : vm) {
    if (key == "help" || key == "format" || key == "source" || key == "output") continue;
    if (std::find(f->takes.begin(), f->takes.end(), key) == f->takes.end()) {
      std::string refusal = f->refusal;
      refusal.replace(refusal.find("{}"), 2, key);
      throw InputError(what + ": " + refusal);
    }
    // Every value but a number (--year), a switch (--collapse, --multi-region) or a month (--before,
    // --after, whose is_valid names an empty one) is a file, a folder, a code or a list: never empty.
    static const std::set<std::string> kNotNames = {"year", "collapse", "multi-region", "before", "after"};
    if (!kNotNames.count(key) && value.as<std::string>().empty())
      throw InputError(what + ": --" + key + " '': expected a value (see tradejobs import --help)");
  }
  const auto text = [&](const char* key) { return vm.count(key) ? vm[key].as<std::string>() : std::string(); };
  // A comma-separated list (--sea FILE,FILE, --ilostat-countries ISO3,ISO3); empty items are skipped.
  const auto list = [&](const char* key) {
    std::vector<std::string> items;
    std::stringstream in(text(key));
    for (std::string item; std::getline(in, item, ',');)
      if (!item.empty()) items.push_back(item);
    if (vm.count(key) && items.empty())
      throw InputError(what + ": --" + key + " '" + excerpt(text(key)) +
                       "': expected one or more items separated by commas");
    return items;
  };
  const int year = vm.count("year") ? vm["year"].as<int>() : 0;
  inspect_import_folder(o.output);  // before any work: a folder the import may not write into fails fast
  if (format == "wiod-niot") {
    WiodNiotOptions w;
    w.country = text("country");
    w.year = year;
    w.sea = text("sea");
    w.ilostat = text("ilostat");
    w.isic_concordance = text("isic-concordance");
    w.partner_trade = text("partner-trade");
    w.concordance = text("concordance");
    import_wiod_niot(o, w);
  } else if (format == "us-china-tariffs") {
    UsChinaTariffOptions u;
    if (vm.count("before")) u.before = text("before");
    if (vm.count("after")) u.after = text("after");
    if (vm.count("trade-year")) {
      const std::string y = text("trade-year");
      if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw InputError(what + ": --trade-year = '" + excerpt(y) + "': must be a year written YYYY (e.g. 2017)");
      u.trade_year = std::stoi(y);
    }
    import_us_china_tariffs(o, u);
  } else {
    MrioImportOptions m;
    m.country = text("country");
    m.year = year;
    m.collapse = vm.count("collapse") > 0;
    m.multi_region = vm.count("multi-region") > 0;
    m.aggregate_regions = text("aggregate-regions");
    m.aggregate_sectors = text("aggregate-sectors");
    m.employment = text("employment");
    m.sea = list("sea");
    m.concordance = text("concordance");
    m.ilostat = text("ilostat");
    m.isic_concordance = text("isic-concordance");
    m.niot = text("niot");
    m.ilostat_countries = list("ilostat-countries");
    if (format == "wiod-wiot")
      import_wiod_wiot(o, m);
    else if (format == "pymrio")
      import_pymrio(o, m);
    else
      import_oecd_icio(o, m);
  }
  out << "wrote " << o.output << "\n";
  return 0;
}

int cmd_report(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("results", po::value<std::string>(), "results folder");
  po::positional_options_description pos;
  pos.add("results", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, out,
             "Usage: tradejobs report RESULTS_DIR\n\n(Re)builds RESULTS_DIR/report.html from the result files of a run "
             "or a sweep."))
    return 0;
  if (!vm.count("results")) throw InputError("tradejobs report: missing RESULTS_DIR (see --help)");
  out << rebuild_report(vm["results"].as<std::string>()) << "\n";
  return 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) {
      err << kUsage;
      return 2;
    }
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--version" || command == "version") {
      out << "tradejobs " << tradejobs_version() << "\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      out << kUsage;
      return 0;
    }
    if (command == "run") return cmd_run(rest, out, err);
    if (command == "sweep") return cmd_sweep(rest, out, err);
    if (command == "check") return cmd_check(rest, out, err);
    if (command == "multipliers") return cmd_multipliers(rest, out, err);
    if (command == "import") return cmd_import(rest, out, err);
    if (command == "report") return cmd_report(rest, out, err);
    if (command == "schema") return cmd_schema(rest, out, err);
    err << "tradejobs: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const InputError& e) {
    err << "error: " << e.what() << "\n";
    return 2;
  } catch (const SolveError& e) {
    err << "error: " << e.what() << "\n";
    return 1;
  } catch (const po::error& e) {
    err << "error: " << e.what() << " (see tradejobs " << (args.empty() ? "" : args[0] + " ") << "--help)\n";
    return 2;
  } catch (const YAML::Exception& e) {
    err << "error: YAML: " << e.what() << "\n";
    return 2;
  } catch (const fs::filesystem_error& e) {
    // Never the library's raw text: the path and the system's reason ("file name too long").
    std::string why = e.code().message();
    if (!why.empty() && why[0] >= 'A' && why[0] <= 'Z') why[0] = static_cast<char>(why[0] - 'A' + 'a');
    err << "error: " << (e.path1().empty() ? std::string("a file operation failed") : e.path1().string()) << ": " << why
        << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace tradejobs
