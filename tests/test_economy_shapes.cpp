// ctest-labels: cli
// Every form of economy folder the README ("Economies") allows, built from
// tests/fixtures/tiny_economy, runs end to end through the real binary: `check`, `multipliers`
// (Type I and II), `run` with the report, `report` again, and a small `sweep`. Exports as a
// total or by partner; imports by partner absent, as shares or as values; baseline tariffs
// absent or present; employment without share columns, with a single share, a partition, a
// cross-tabulation; a sector with zero output; the optional output, mobility and elasticities
// files. Partner trade the economy does not split is NA in partners.csv and "unknown" in the
// report, never zero and never an error.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cli_support.h"

namespace {

namespace fs = std::filesystem;
using tradejobs_test::CliSandbox;
using tradejobs_test::read_text;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

/// One economy shape: how to change the tiny economy, which partner the tariff measure names,
/// and what partners.csv must show.
struct Shape {
  std::string name;
  std::function<void(const CliSandbox&)> build;
  std::string tariff_partner = "CHN";
  bool partner_trade_unknown = false;  ///< some partner flows are NA (unknown)
  int sectors = 3;
  std::string extra_measures;  ///< YAML list items appended to the measures
};

Shape make(std::string name, std::function<void(const CliSandbox&)> build, std::string tariff_partner = "CHN",
           bool partner_trade_unknown = false, int sectors = 3, std::string extra_measures = "") {
  return {std::move(name),       std::move(build), std::move(tariff_partner),
          partner_trade_unknown, sectors,          std::move(extra_measures)};
}

/// Replaces the whole line `key: ...` of econ/economy.yaml (or removes it when `value` is empty).
void set_key(const CliSandbox& box, const std::string& key, const std::string& value) {
  std::string yaml = box.read("econ/economy.yaml"), out;
  size_t pos = 0;
  while (pos < yaml.size()) {
    const size_t end = yaml.find('\n', pos);
    const std::string line = yaml.substr(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
    if (line.rfind(key + ":", 0) != 0) out += line;
    pos = end == std::string::npos ? yaml.size() : end + 1;
  }
  if (!value.empty()) out += key + ": " + value + "\n";
  box.write("econ/economy.yaml", out);
}

const char* kExportsTotal = "sector,total\nAGR,20\nMAN,50\nSER,10\n";

std::vector<Shape> shapes() {
  std::vector<Shape> v;
  v.push_back(make("fixture", [](const CliSandbox&) {}));
  v.push_back(make(
      "exports_total", [](const CliSandbox& b) { b.write("econ/exports.csv", kExportsTotal); }, "CHN", true));
  v.push_back(make(
      "imports_absent", [](const CliSandbox& b) { set_key(b, "imports_by_partner", ""); }, "ROW", true));
  // The simplest folder the README documents: exports as a total, no imports by partner.
  v.push_back(make(
      "exports_total_imports_absent",
      [](const CliSandbox& b) {
        b.write("econ/exports.csv", kExportsTotal);
        set_key(b, "imports_by_partner", "");
      },
      "ROW", true));
  v.push_back(make("imports_values", [](const CliSandbox& b) {
    b.write("econ/imports_by_partner.csv", "sector,CHN,ROW\nAGR,1.4,5.6\nMAN,32.5,32.5\nSER,1.5,13.5\n");
  }));
  v.push_back(make(
      "tariffs",
      [](const CliSandbox& b) {
        b.write("econ/tariffs.csv", "sector,CHN,ROW\nAGR,0.05,0.02\nMAN,0.03,0.03\nSER,0,0\n");
        b.write("econ/export_tariffs.csv", "sector,CHN,ROW\nAGR,0.1,0.04\nMAN,0.05,0.02\nSER,0,0\n");
        set_key(b, "tariffs", "tariffs.csv");
        set_key(b, "export_tariffs", "export_tariffs.csv");
      },
      "CHN", false, 3,
      "  - type: export_tariff\n    sectors: [AGR]\n    partners: [CHN]\n    from: 0.1\n    to: 0.25\n"));
  v.push_back(make(
      "tariffs_imports_absent",
      [](const CliSandbox& b) {
        set_key(b, "imports_by_partner", "");
        b.write("econ/tariffs.csv", "sector,ROW\nAGR,0.05\nMAN,0.03\nSER,0\n");
        set_key(b, "tariffs", "tariffs.csv");
      },
      "ROW", true));
  v.push_back(make("employment_no_shares", [](const CliSandbox& b) {
    b.write("econ/employment.csv", "sector,total\nAGR,1000\nMAN,1500\nSER,3000\n");
  }));
  v.push_back(make("employment_single_share", [](const CliSandbox& b) {
    b.write("econ/employment.csv", "sector,total,informal\nAGR,1000,0.6\nMAN,1500,0.2\nSER,3000,0.3\n");
  }));
  v.push_back(make("employment_partition", [](const CliSandbox& b) {
    b.write("econ/employment.csv",
            "sector,total,skill_low,skill_medium,skill_high,annual_wage\nAGR,1000,0.5,0.4,0.1,25000\n"
            "MAN,1500,0.3,0.5,0.2,50000\nSER,3000,0.2,0.4,0.4,40000\n");
  }));
  v.push_back(make("employment_cross_tabulation", [](const CliSandbox& b) {
    b.write("econ/employment.csv",
            "sector,total,sex-skill_female_low,sex-skill_female_high,sex-skill_male_low,sex-skill_male_high\n"
            "AGR,1000,0.1,0.2,0.3,0.4\nMAN,1500,0.25,0.25,0.25,0.25\nSER,3000,0.4,0.1,0.3,0.2\n");
  }));
  v.push_back(make(
      "zero_output_sector",
      [](const CliSandbox& b) {
        b.write("econ/sectors.csv", "code,name\nAGR,Agriculture\nMAN,Manufacturing\nSER,Services\nZZZ,Unused\n");
        b.write("econ/intermediate_domestic.csv",
                "sector,AGR,MAN,SER,ZZZ\nAGR,10,30,5,0\nMAN,15,60,25,0\nSER,5,20,40,0\nZZZ,0,0,0,0\n");
        b.write("econ/intermediate_imported.csv",
                "sector,AGR,MAN,SER,ZZZ\nAGR,2,10,3,0\nMAN,5,30,10,0\nSER,1,5,7,0\nZZZ,0,0,0,0\n");
        b.write("econ/final_demand_domestic.csv",
                "sector,household,government\nAGR,40,0\nMAN,60,10\nSER,100,60\nZZZ,0,0\n");
        b.write("econ/final_demand_imported.csv", "sector,household,government\nAGR,5,0\nMAN,20,0\nSER,3,0\nZZZ,0,0\n");
        b.write("econ/exports.csv", "sector,CHN,ROW\nAGR,5,15\nMAN,20,30\nSER,2,8\nZZZ,0,0\n");
        b.write("econ/imports_by_partner.csv", "sector,CHN,ROW\nAGR,0.2,0.8\nMAN,0.5,0.5\nSER,0.1,0.9\nZZZ,0,0\n");
        b.write("econ/value_added.csv", "component,AGR,MAN,SER,ZZZ\ncompensation,30,40,100,0\nother,37,25,45,0\n");
        b.write("econ/employment.csv",
                "sector,total,female,self_employed,annual_wage\nAGR,1000,0.3,0.4,25000\nMAN,1500,0.35,0.05,50000\n"
                "SER,3000,0.55,0.1,40000\nZZZ,0,0,0,0\n");
      },
      "CHN", false, 4));
  v.push_back(make("optional_files", [](const CliSandbox& b) {
    b.write("econ/output.csv", "sector,output\nAGR,105\nMAN,220\nSER,235\n");
    b.write("econ/mobility.csv", "sector,AGR,MAN,SER\nAGR,0.6,0.2,0.2\nMAN,0.1,0.6,0.3\nSER,0.1,0.1,0.8\n");
    b.write("econ/elasticities.csv",
            "sector,armington,source_substitution,export_demand,employment_elasticity\nAGR,2,4,-1.5,0.8\n"
            "MAN,1.5,3,-2,1\nSER,NA,NA,NA,0.5\n");
    set_key(b, "output", "output.csv");
    set_key(b, "mobility", "mobility.csv");
    set_key(b, "elasticities", "elasticities.csv");
  }));
  return v;
}

void check_command(const CliSandbox& box, const Shape& shape) {
  const auto r = box.run("check econ");
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(r.err == "");
  CHECK(contains(r.out, "economy tiny (" + std::to_string(shape.sectors) + " sectors, USD million, 2020)"));
  CHECK(contains(r.out, "check_productive: productive"));
  CHECK(r.out.size() >= 3);
  CHECK(r.out.substr(r.out.size() - 3) == "ok\n");
  if (shape.name == "zero_output_sector")
    CHECK(
        contains(r.out, "note: check_zero_output: sectors with zero output (zero columns in A, no jobs effects): ZZZ"));
}

void multipliers_command(const CliSandbox& box, const Shape& shape) {
  for (const char* type : {"I", "II"}) {
    CAPTURE(type);
    const auto r = box.run(std::string("multipliers econ --format csv --type ") + type);
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(r.err == "");
    CHECK(r.out.rfind("sector,name,output_multiplier,employment_multiplier,", 0) == 0);
    CHECK(count_lines(r.out) == static_cast<size_t>(shape.sectors + 1));
    CHECK(contains(r.out, "\nMAN,Manufacturing,"));
  }
}

void run_command(const CliSandbox& box, const Shape& shape) {
  box.write("s.yaml", "schema_version: 1\nname: " + shape.name +
                          "\neconomy: econ\nmeasures:\n  - type: tariff\n"
                          "    sectors: [MAN]\n    partners: [" +
                          shape.tariff_partner +
                          "]\n    from: 0.03\n    to: 0.25\n"
                          "  - type: export_demand\n    sectors: [AGR]\n    percent: -5\n" +
                          shape.extra_measures);
  const auto checked = box.run("check s.yaml");
  CHECK_MESSAGE(checked.code == 0, checked.err);
  CHECK(checked.err == "");
  CHECK(contains(checked.out, "economy tiny (" + std::to_string(shape.sectors) + " sectors, USD million, 2020)"));
  const auto before = tradejobs_test::snapshot(box.dir / "econ");
  const auto r = box.run("run s.yaml -o out --quiet");
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(r.err == "");
  CHECK(r.out == "out/report.html\n");
  CHECK(tradejobs_test::snapshot(box.dir / "econ") == before);
  for (const char* f : {"summary.json", "sectors.csv", "timeline.csv", "groups.csv", "partners.csv", "report.html"})
    CHECK_MESSAGE(fs::is_regular_file(box.dir / "out" / f), f);
  // No partial folder is left beside the results.
  for (const auto& entry : fs::directory_iterator(box.dir))
    CHECK(!contains(entry.path().filename().string(), ".partial"));

  const std::string sectors = box.read("out/sectors.csv");
  CHECK(count_lines(sectors) == static_cast<size_t>(shape.sectors + 1));
  const std::string partners = box.read("out/partners.csv");
  CHECK(partners.rfind("sector,partner,imports_base,imports_change,exports_base,exports_change\n", 0) == 0);
  CHECK(contains(partners, "NA") == shape.partner_trade_unknown);
  const std::string html = box.read("out/report.html");
  CHECK(contains(html, "<section id=\"trade\">"));
  CHECK(contains(html, "<tr class=\"total\"><td>All partners</td>"));
  CHECK(contains(html, ">unknown<") == shape.partner_trade_unknown);
  CHECK(contains(html, "unknown: the economy does not split that flow by that partner") == shape.partner_trade_unknown);
  if (shape.name == "exports_total") {
    // Exports given only as a total: the partner 'total' with unknown imports; CHN and ROW with unknown exports.
    CHECK(contains(partners, "\nMAN,total,NA,NA,50,"));
    CHECK(contains(partners, "\nMAN,CHN,32.49999999999999,"));
    CHECK(contains(partners, "\nMAN,ROW,32.49999999999999,"));
    CHECK(contains(html, "<tr><td>total</td><td class=\"num\">unknown</td>"));
  }
  if (shape.name == "imports_absent") {
    CHECK(contains(partners, "\nMAN,ROW,64.99999999999999,"));
    CHECK(contains(partners, "\nMAN,CHN,NA,NA,20,"));
  }
  const std::string groups = box.read("out/groups.csv");
  if (shape.name == "employment_no_shares") CHECK(count_lines(groups) == 1);
  if (shape.name == "employment_single_share") {
    CHECK(contains(groups, "\ninformal,formality,"));
    CHECK(contains(groups, "\nformal,formality,"));
  }
  if (shape.name == "employment_partition")
    for (const char* g : {"\nskill_low,skill,", "\nskill_medium,skill,", "\nskill_high,skill,"})
      CHECK(contains(groups, g));
  if (shape.name == "employment_cross_tabulation")
    for (const char* g : {"\nsex-skill_female_low,sex-skill,1675,", "\nsex-skill_male_high,sex-skill,1375,"})
      CHECK(contains(groups, g));
  if (shape.name == "zero_output_sector") CHECK(contains(sectors, "\nZZZ,Unused,0,0,"));

  // `tradejobs report` reads back what `run` wrote, to the same page.
  fs::remove(box.dir / "out" / "report.html");
  const auto again = box.run("report out");
  CHECK_MESSAGE(again.code == 0, again.err);
  CHECK(again.err == "");
  CHECK(box.read("out/report.html") == html);
}

void sweep_command(const CliSandbox& box) {
  box.write("sweep.yaml",
            "schema_version: 1\nbase: s.yaml\nvary:\n  - key: measures[0].to\n    values: [0.15, 0.25]\n"
            "  - key: parameters.armington\n    distribution: uniform\n    low: 1\n    high: 3\n"
            "draws: 2\nseed: 7\n");
  const auto checked = box.run("check sweep.yaml");
  CHECK_MESSAGE(checked.code == 0, checked.err);
  CHECK(checked.err == "");
  CHECK(contains(checked.out, "sweep sweep.yaml: base s.yaml, 4 runs (2 grid points x 2 draws), seed 7\n"));
  const auto r = box.run("sweep sweep.yaml -o sw -j 2 --quiet");
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(r.err == "");
  for (const char* f : {"runs.csv", "sector_stats.csv", "summary.json", "report.html"})
    CHECK_MESSAGE(fs::is_regular_file(box.dir / "sw" / f), f);
  const std::string runs = box.read("sw/runs.csv");
  CHECK(count_lines(runs) == 5);  // header + 2 grid points x 2 draws
  CHECK(!contains(runs, "NA"));
}

}  // namespace

TEST_CASE("every economy shape of the README runs through check, multipliers, run, report and sweep") {
  for (const Shape& shape : shapes()) {
    SUBCASE(shape.name.c_str()) {
      CAPTURE(shape.name);
      CliSandbox box("shape_" + shape.name);
      shape.build(box);
      check_command(box, shape);
      multipliers_command(box, shape);
      run_command(box, shape);
      sweep_command(box);
    }
  }
}

TEST_CASE("an unknown partner flow is accepted only as NA in both a base and its change") {
  CliSandbox box("shape_na_pair");
  box.write("econ/exports.csv", kExportsTotal);
  REQUIRE(box.run("run s.yaml -o out --quiet --no-report").code == 0);
  box.edit("out/partners.csv", "AGR,CHN,4,", "AGR,CHN,NA,");
  const auto r = box.run("report out");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(contains(r.err,
                 "partners.csv:2:3: NA in only one of imports_base and imports_change: expected both NA (unknown) or "
                 "both numbers"));
  CHECK(!fs::exists(box.dir / "out" / "report.html"));
}
