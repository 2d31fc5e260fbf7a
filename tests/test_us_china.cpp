// ctest-labels: data
// The US–China 2018–19 tariff data (issue 3): the NAICS-3 -> WIOD concordance, the importer
// of the tradewar-tracker monthly files, and the committed scenario data it generated.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "economy/concordance.h"
#include "formats/csv.h"
#include "formats/yaml_util.h"
#include "import/us_china.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"

using namespace tradejobs;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(TRADEJOBS_TEST_DATA) + "/us_china_tariffs";
const std::string kRoot = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kConcordance = kRoot + "/scenarios/concordances/naics3_to_wiod56.csv";
const std::string kCommitted = kRoot + "/scenarios/data/us-china-2018";
const std::string kCommand =
    "tradejobs import us-china-tariffs $TRADEJOBS_DATA_DIR/us_china_tariffs -o scenarios/data/us-china-2018";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh folder under the temporary directory, removed at the end of the scope.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("tradejobs_test_us_china_" + std::to_string(getpid()) + "_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

std::vector<std::string> wiod_sectors() {
  const CsvTable t = read_csv(std::string(TRADEJOBS_TEST_DATA) + "/wiod2016_niot/columns_description.csv");
  std::vector<std::string> codes;
  for (const auto& row : t.rows) {
    if (row[0] == "CONS_h") break;  // the 56 industries come first, then final demand
    codes.push_back(row[0]);
  }
  return codes;
}

// All NAICS codes of a raw monthly file, read line by line (independently of the importer).
std::set<std::string> raw_codes(const std::string& file) {
  std::ifstream in(kData + "/" + file);
  std::string line;
  std::getline(in, line);  // header
  std::set<std::string> codes;
  while (std::getline(in, line)) codes.insert(split_csv_line(line)[1]);
  return codes;
}

// The raw cell `column` (2 = tariff, 4 = china_trade) of the row for `code` in month `time`.
double raw_cell(const std::string& file, const std::string& time, const std::string& code, size_t column) {
  std::ifstream in(kData + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    if (cells[0] == time && cells[1] == code) return std::strtod(cells[column].c_str(), nullptr);
  }
  FAIL("no row " << time << "," << code << " in " << file);
  return 0.0;
}

const std::string kHeader = "time,naics3,tariff_trd_w_avg,total_trade,china_trade\n";

// A small monthly file: code 111 in every month of 2017, plus 2019-12.
std::string small_file(const std::string& replace_2019_12_row = "") {
  std::string s = kHeader;
  for (int m = 1; m <= 12; ++m) {
    char row[80];
    std::snprintf(row, sizeof row, "2017-%02d-01,111,2.5,1000.0,%d.0\n", m, 10 * m);
    s += row;
  }
  s += replace_2019_12_row.empty() ? "2019-12-01,111,27.5,900.0,50.0\n" : replace_2019_12_row;
  return s;
}

std::string error_of(const std::string& path) {
  try {
    read_us_china_direction(path, UsChinaTariffOptions{});
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the NAICS-3 -> WIOD concordance loads against the 56 WIOD sectors and covers every traded code") {
  const std::vector<std::string> sectors = wiod_sectors();
  REQUIRE(sectors.size() == 56);
  const Concordance c = load_concordance(kConcordance, sectors);  // throws on a bad sector or weight sum

  for (const auto& [code, rows] : c.codes) {
    double sum = 0.0;
    for (const auto& r : rows) sum += r.weight;
    CHECK_MESSAGE(std::abs(sum - 1.0) < 1e-15, "weights of " << code << " sum to " << sum);
  }

  // Every code of both raw files is mapped, except the ones the importer leaves out
  // (no tariff in any month); and the concordance has no code the data lack.
  const UsChinaTariffOptions o;
  const UsChinaDirection us = read_us_china_direction(kData + "/imports_by_naics.csv", o);
  const UsChinaDirection cn = read_us_china_direction(kData + "/exports_by_naics.csv", o);
  CHECK(us.codes_without_tariff.empty());
  REQUIRE(cn.codes_without_tariff.size() == 1);
  CHECK(cn.codes_without_tariff.count("980") == 1);
  std::set<std::string> data_codes;
  for (const auto* file : {"imports_by_naics.csv", "exports_by_naics.csv"})
    for (const auto& code : raw_codes(file))
      if (code != "naics3" && !cn.codes_without_tariff.count(code)) data_codes.insert(code);
  std::set<std::string> mapped;
  for (const auto& [code, rows] : c.codes) mapped.insert(code);
  CHECK(mapped == data_codes);
  CHECK(data_codes.size() == 30);
}

TEST_CASE("the C20/C21 and C29/C30 splits are the WIOD 2016 USA 2014 import shares") {
  const auto m = wiod_niot_imports_by_product(
      std::string(TRADEJOBS_TEST_DATA) + "/wiod2016_niot/niot_clean/USA_NIOT_nov16.csv", 2014);
  REQUIRE(m.size() == 56);
  CHECK(m.at("C20") == 139683.0);  // the figures quoted in the reason column
  CHECK(m.at("C21") == 52715.0);
  CHECK(m.at("C29") == 261282.0);
  CHECK(m.at("C30") == 47838.0);
  const Concordance c = load_concordance(kConcordance);
  auto weight = [&](const std::string& code, const std::string& sector) {
    for (const auto& r : c.codes.at(code))
      if (r.sector == sector) return r.weight;
    FAIL("no row " << code << " -> " << sector);
    return 0.0;
  };
  CHECK(weight("325", "C20") == m.at("C20") / (m.at("C20") + m.at("C21")));
  CHECK(weight("325", "C21") == m.at("C21") / (m.at("C20") + m.at("C21")));
  CHECK(weight("336", "C29") == m.at("C29") / (m.at("C29") + m.at("C30")));
  CHECK(weight("336", "C30") == m.at("C30") / (m.at("C29") + m.at("C30")));
}

TEST_CASE("a sector fed by one code gets that code's rate whatever the split weight") {
  // C20, C21, C29 and C30 receive no other code, so their trade-weighted rates
  // (map_average, docs/model.md §3 measures) and China shares do not depend on the WIOD split.
  const Concordance c = load_concordance(kConcordance);
  std::map<std::string, int> codes_per_sector;
  for (const auto& [code, rows] : c.codes)
    for (const auto& r : rows) ++codes_per_sector[r.sector];
  for (const auto* s : {"C20", "C21", "C29", "C30"}) CHECK(codes_per_sector.at(s) == 1);

  const UsChinaDirection us = read_us_china_direction(kData + "/imports_by_naics.csv", UsChinaTariffOptions{});
  std::map<std::string, double> to, weight;
  for (const auto& ch : us.changes) {
    to[ch.code] = ch.to;
    weight[ch.code] = ch.weight;
  }
  const auto rates = map_average(c, to, weight);
  CHECK(rates.at("C20") == doctest::Approx(to.at("325")).epsilon(1e-15));
  CHECK(rates.at("C21") == doctest::Approx(to.at("325")).epsilon(1e-15));
  CHECK(rates.at("C29") == doctest::Approx(to.at("336")).epsilon(1e-15));
  CHECK(rates.at("C30") == doctest::Approx(to.at("336")).epsilon(1e-15));
  // A01 averages 111 and 112 with their 2017 import weights.
  const double a01 =
      (weight.at("111") * to.at("111") + weight.at("112") * to.at("112")) / (weight.at("111") + weight.at("112"));
  CHECK(rates.at("A01") == doctest::Approx(a01).epsilon(1e-14));
}

TEST_CASE("from, to and weight equal a hand computation from the raw monthly rows") {
  const UsChinaDirection us = read_us_china_direction(kData + "/imports_by_naics.csv", UsChinaTariffOptions{});
  const UsChinaDirection cn = read_us_china_direction(kData + "/exports_by_naics.csv", UsChinaTariffOptions{});
  auto find = [](const UsChinaDirection& d, const std::string& code) {
    for (const auto& c : d.changes)
      if (c.code == code) return c;
    FAIL("no code " << code);
    return NaicsTariffChange{};
  };
  struct Case {
    const UsChinaDirection* d;
    const char* file;
    const char* code;
  };
  for (const Case& k : {Case{&us, "imports_by_naics.csv", "336"}, Case{&cn, "exports_by_naics.csv", "111"}}) {
    CAPTURE(k.file);
    CAPTURE(k.code);
    const NaicsTariffChange c = find(*k.d, k.code);
    CHECK(c.from == raw_cell(k.file, "2017-12-01", k.code, 2) / 100.0);
    CHECK(c.to == raw_cell(k.file, "2019-12-01", k.code, 2) / 100.0);
    double w = 0.0;
    for (int m = 1; m <= 12; ++m) {
      char time[16];
      std::snprintf(time, sizeof time, "2017-%02d-01", m);
      w += raw_cell(k.file, time, k.code, 4);
    }
    CHECK(c.weight == w);
  }
  // US soybeans & co.: China's tariff on NAICS 111 rose by more than 20 points.
  CHECK(find(cn, "111").to - find(cn, "111").from > 0.20);

  // The import weights equal the source's own 2017 weights file for every code.
  const CsvTable w2017 = read_csv(kData + "/2017_imports_by_naics.csv");
  REQUIRE(w2017.rows.size() == us.changes.size());
  for (size_t r = 0; r < w2017.rows.size(); ++r) CHECK(find(us, w2017.rows[r][0]).weight == w2017.number(r, 1));
}

TEST_CASE("the committed scenarios/data/us-china-2018 equals a fresh run byte for byte") {
  TempDir tmp("fresh");
  ImportCommand o;
  o.sources = {kData};
  o.output = tmp.path.string();
  o.command_line = kCommand;
  import_us_china_tariffs(o, UsChinaTariffOptions{});
  for (const auto* f :
       {"us_tariffs_on_china_naics3.csv", "china_tariffs_on_us_naics3.csv", "partner_trade_naics3.csv", "README.md"}) {
    CAPTURE(f);
    CHECK(slurp(kCommitted + "/" + f) == slurp((tmp.path / f).string()));
  }
  // The partner trade covers exactly the concordance's codes, with China within the world.
  const CsvTable p = read_csv(kCommitted + "/partner_trade_naics3.csv");
  const Concordance c = load_concordance(kConcordance);
  CHECK(p.rows.size() == c.codes.size());
  for (size_t r = 0; r < p.rows.size(); ++r) {
    CHECK(c.codes.count(p.rows[r][0]) == 1);
    CHECK(p.rows[r][1] == "CHN");
    CHECK(p.number(r, 2) <= p.number(r, 3));
    CHECK(p.number(r, 4) <= p.number(r, 5));
  }
}

TEST_CASE("other months give other rates, and the options are validated") {
  UsChinaTariffOptions o;
  o.after = "2020-03";  // after the Phase One cut of list 4A
  const UsChinaDirection us = read_us_china_direction(kData + "/imports_by_naics.csv", o);
  for (const auto& c : us.changes)
    if (c.code == "315") CHECK(c.to == raw_cell("imports_by_naics.csv", "2020-03-01", "315", 2) / 100.0);

  std::string error;
  CHECK(o.is_valid(&error));
  CHECK(error.empty());
  o.before = "2017-13";
  CHECK_FALSE(o.is_valid(&error));
  CHECK(error == "--before = '2017-13': must be a month written YYYY-MM (e.g. 2017-12)");
  o.before = "2019-12";
  o.after = "2018-06";
  CHECK_FALSE(o.is_valid(&error));
  CHECK(error == "--after = '2018-06': must be later than --before = '2019-12'");
  o.after = "2019-13";
  CHECK_FALSE(o.is_valid(&error));
  CHECK(error == "--after = '2019-13': must be a month written YYYY-MM (e.g. 2019-12)");
  o = UsChinaTariffOptions{};
  o.trade_year = 17;
  CHECK_FALSE(o.is_valid(&error));
  CHECK(error == "--trade-year = 17: must be a year written YYYY (e.g. 2017)");
  CHECK_FALSE(o.is_valid(nullptr));  // the message is optional

  // The command refuses invalid options before reading anything, and writes nothing.
  ImportCommand io;
  io.sources = {kData};
  io.output = (fs::temp_directory_path() / "tradejobs_unused").string();
  CHECK_THROWS_WITH_AS(import_us_china_tariffs(io, o),
                       "tradejobs import us-china-tariffs: --trade-year = 17: must be a year written YYYY (e.g. 2017)",
                       InputError);
  CHECK_FALSE(fs::exists(io.output));
}

TEST_CASE("bad monthly files are rejected with the file, the line, the column and what was expected") {
  TempDir tmp("bad");
  const std::string good = tmp.file("good.csv", small_file());
  const UsChinaDirection d = read_us_china_direction(good, UsChinaTariffOptions{});
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].from == 0.025);
  CHECK(d.changes[0].to == 0.275);
  CHECK(d.changes[0].weight == 780.0);  // 10 + 20 + ... + 120
  CHECK(d.trade.at("111").world == 12000.0);

  std::string s;
  {
    std::istringstream lines(small_file());
    std::string line;
    std::getline(lines, line);
    s = "time,naics3,tariff_trd_w_avg,total_trade\n";
    while (std::getline(lines, line)) s += line.substr(0, line.rfind(',')) + "\n";
  }
  const std::string missing_column = tmp.file("missing_column.csv", s);
  CHECK(error_of(missing_column) ==
        missing_column +
            ":1: missing column 'china_trade' in the header (found: time,naics3,tariff_trd_w_avg,total_trade)");

  const std::string decimal_comma = tmp.file("decimal_comma.csv", small_file("2019-12-01,111,27,5,900.0,50.0\n"));
  CHECK(error_of(decimal_comma) == decimal_comma + ":14: row has 6 cells, expected 5 as in the header");
  const std::string word = tmp.file("word.csv", small_file("2019-12-01,111,n/a,900.0,50.0\n"));
  CHECK(error_of(word) == word +
                              ":14:3: 'n/a' (column 'tariff_trd_w_avg') is not a number: expected a finite number "
                              "with '.' as decimal mark");

  const std::string empty_with_trade = tmp.file("empty.csv", small_file("2019-12-01,111,,900.0,50.0\n"));
  CHECK(error_of(empty_with_trade) ==
        empty_with_trade + ":14:3: empty cell (column 'tariff_trd_w_avg'): expected a number");
  const std::string empty_after = tmp.file("empty_after.csv", small_file("2019-12-01,111,,900.0,0.0\n"));
  CHECK(error_of(empty_after) == empty_after + ":14:3: empty cell (column 'tariff_trd_w_avg'): expected a number");

  const std::string missing_month = tmp.file("missing_month.csv", small_file("2019-11-01,111,27.5,900.0,50.0\n"));
  CHECK(error_of(missing_month) ==
        missing_month + ": no row for code 111 in month 2019-12 (--after): expected one row per code and month");

  std::string eleven = small_file();
  eleven.erase(eleven.find("2017-05-01"), eleven.find("2017-06-01") - eleven.find("2017-05-01"));
  const std::string short_year = tmp.file("short_year.csv", eleven);
  CHECK(error_of(short_year) == short_year +
                                    ": code 111 has 11 monthly rows in 2017 (missing 2017-05): expected all 12 months "
                                    "to sum the trade year");

  const std::string duplicate = tmp.file("duplicate.csv", small_file("2017-12-01,111,2.5,1000.0,10.0\n"));
  CHECK(error_of(duplicate) == duplicate +
                                   ":14:1: second row for code 111 in 2017-12 (first on line 13): expected one row per "
                                   "code and month");

  const std::string bad_time = tmp.file("bad_time.csv", small_file("2019/12/01,111,27.5,900.0,50.0\n"));
  CHECK(error_of(bad_time) == bad_time + ":14:1: '2019/12/01' (column 'time'): expected a month written YYYY-MM-01");
  const std::string bad_code = tmp.file("bad_code.csv", small_file("2019-12-01,11,27.5,900.0,50.0\n"));
  CHECK(error_of(bad_code) == bad_code + ":14:2: '11' (column 'naics3'): expected a 3-digit NAICS code");
  const std::string negative = tmp.file("negative.csv", small_file("2019-12-01,111,-1,900.0,50.0\n"));
  CHECK(error_of(negative) ==
        negative + ":14:3: -1 (column 'tariff_trd_w_avg') is negative: expected a tariff in percent >= 0");
  const std::string china_above = tmp.file("china_above.csv", small_file("2019-12-01,111,27.5,900.0,950.0\n"));
  CHECK(error_of(china_above) == china_above +
                                     ":14:5: China trade 950 exceeds world trade 900: expected china_trade <= "
                                     "total_trade (the world includes China)");

  // A code with no tariff and no China trade in any row is left out and reported.
  std::string with_980 = small_file();
  for (int m = 1; m <= 12; ++m) {
    char row[64];
    std::snprintf(row, sizeof row, "2017-%02d-01,980,,7.0,0.0\n", m);
    with_980 += row;
  }
  const UsChinaDirection e = read_us_china_direction(tmp.file("with_980.csv", with_980), UsChinaTariffOptions{});
  CHECK(e.changes.size() == 1);
  CHECK(e.codes_without_tariff.at("980") == 84.0);
}

TEST_CASE("the scenario and the sweep point at the committed data") {
  const std::string scenario = kRoot + "/scenarios/us-china-2018.yaml";
  const YAML::Node root = load_yaml_file(scenario);
  require_schema_version(scenario, root);
  const std::string folder = parent_folder(scenario);
  REQUIRE(root["measures"].size() == 2);
  const char* expected_types[] = {"tariff", "export_tariff"};
  const char* expected_codes[] = {"us_tariffs_on_china_naics3.csv", "china_tariffs_on_us_naics3.csv"};
  for (size_t i = 0; i < 2; ++i) {
    const YAML::Node m = root["measures"][i];
    CHECK(yaml_string(scenario, m["type"], "type") == expected_types[i]);
    CHECK(yaml_string_list(scenario, m["partners"], "partners") == std::vector<std::string>{"CHN"});
    const Concordance c = load_concordance(join_path(folder, yaml_string(scenario, m["concordance"], "concordance")));
    const std::string codes = join_path(folder, yaml_string(scenario, m["codes_file"], "codes_file"));
    CHECK(fs::path(codes).filename() == expected_codes[i]);
    const CsvTable t = read_csv(codes);
    CHECK(t.header == std::vector<std::string>{"code", "from", "to", "weight"});
    for (const auto& row : t.rows) CHECK(c.codes.count(row[0]) == 1);
  }
  const std::string sweep = kRoot + "/scenarios/us-china-2018-sweep.yaml";
  const YAML::Node s = load_yaml_file(sweep);
  require_schema_version(sweep, s);
  CHECK(join_path(parent_folder(sweep), yaml_string(sweep, s["base"], "base")) == scenario);
  for (const auto& v : s["vary"]) {
    const std::string key = yaml_string(sweep, v["key"], "key");
    REQUIRE(key.rfind("parameters.", 0) == 0);
    // parameters.NAME or a nested path such as parameters.NAME.PARTNER.SECTOR: a number in the base
    // scenario, or a map whose default is one.
    const YAML::Node parameters = root["parameters"];
    YAML::Node node = YAML::Clone(parameters);
    bool found = node.IsMap();
    std::stringstream path(key.substr(11));
    for (std::string part; found && std::getline(path, part, '.');) {
      found = node.IsMap() && node[part].IsDefined();
      if (found) node.reset(node[part]);
    }
    if (found && node.IsMap()) {
      found = node["default"].IsDefined();
      if (found) node.reset(node["default"]);
    }
    CHECK_MESSAGE((found && node.IsScalar()), key << " is not a number in the base scenario");
  }
}
