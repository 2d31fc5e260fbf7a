// ctest-labels: cli
// Groups everywhere (docs/labour_and_adjustment.md "Groups"): women and men, formal and informal,
// self-employed and employees and the cross-tabulations in groups.csv, sectors.csv,
// summary.json, the terminal and a sweep's statistics, each split adding up to the total; on
// the committed mex-2014 economy through the real binary, and a sector with unknown jobs (NA)
// next to a cross-tabulation.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "cli_support.h"
#include "report/svg.h"
#include "tradejobs/models/checks.h"
#include "tradejobs/models/labour.h"

using namespace tradejobs_test;

namespace {

/// A CSV without quoted commas in the columns read here (groups.csv, sectors.csv's numbers):
/// header name -> column of cells, and the first column of each row.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    FAIL("no column " << name);
    return -1;
  }
};

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

Table read_csv(const std::string& text) {
  Table t;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  t.header = split_csv_line(line);
  while (std::getline(in, line))
    if (!line.empty()) t.rows.push_back(split_csv_line(line));
  return t;
}

/// The number after "KEY": in the first object of summary.json's "totals".
double totals_field(const std::string& summary, const std::string& key) {
  const auto totals = summary.find("\"totals\"");
  REQUIRE(totals != std::string::npos);
  const auto at = summary.find("\"" + key + "\":", totals);
  REQUIRE_MESSAGE(at != std::string::npos, key);
  return std::stod(summary.substr(at + key.size() + 3));
}

const std::string kMexScenario =
    "schema_version: 1\nname: mex-groups\neconomy: " + kSource +
    "/scenarios/economies/mex-2014\nmeasures:\n  - type: export_tariff\n    partners: [USA]\n"
    "    sectors: [C24, C25, C29]\n    from: 0.0\n    to: 0.25\n  - type: export_demand\n    partners: [USA]\n"
    "    sectors: [C13-C15]\n    percent: 5\n";

}  // namespace

TEST_CASE("group_label: readable names for the groups and the cross-tabulations") {
  using tradejobs::group_label;
  CHECK(group_label("female") == "women");
  CHECK(group_label("male") == "men");
  CHECK(group_label("informal") == "informal");
  CHECK(group_label("self_employed") == "self-employed");
  CHECK(group_label("sex-formality_female_informal") == "informal women");
  CHECK(group_label("sex-formality_male_formal") == "formal men");
  CHECK(group_label("sex-status_female_self_employed") == "self-employed women");
  CHECK(group_label("sex-status_male_employees") == "men employees");
  CHECK(group_label("skill_low") == "skill low");
  CHECK(group_label("not_union") == "not union");
}

TEST_CASE("mex-2014: every split's groups add up to the totals in groups.csv, sectors.csv and summary.json") {
  CliSandbox box("groups_mex");
  box.write("mex.yaml", kMexScenario);
  const CliResult r = box.run("run mex.yaml -o out");
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  const std::string summary = box.read("out/summary.json");
  const Table groups = read_csv(box.read("out/groups.csv"));
  const std::vector<std::string> expected = {"female",
                                             "male",
                                             "informal",
                                             "formal",
                                             "self_employed",
                                             "employees",
                                             "sex-formality_female_informal",
                                             "sex-formality_female_formal",
                                             "sex-formality_male_informal",
                                             "sex-formality_male_formal",
                                             "sex-status_female_self_employed",
                                             "sex-status_female_employees",
                                             "sex-status_male_self_employed",
                                             "sex-status_male_employees"};
  REQUIRE(groups.rows.size() == expected.size());
  for (size_t k = 0; k < expected.size(); ++k) CHECK(groups.rows[k][0] == expected[k]);

  // Each split (dimension) adds up to the totals, for every quantity.
  const std::map<std::string, std::string> quantity = {
      {"jobs_base", "jobs_base"},       {"jobs_change", "jobs_change"},
      {"displaced", "displaced"},       {"adjustment_cost", "adjustment_cost"},
      {"private_cost", "private_cost"}, {"public_cost", "public_cost"}};
  std::map<std::string, std::map<std::string, double>> sums;
  for (const auto& row : groups.rows)
    for (const auto& [column, total] : quantity)
      sums[row[groups.col("dimension")]][column] += std::stod(row[groups.col(column)]);
  CHECK(sums.size() == 5);  // sex, formality, employment_status, sex-formality, sex-status
  for (const auto& [dimension, by] : sums)
    for (const auto& [column, total] : quantity) {
      INFO(dimension << " " << column);
      const double want = totals_field(summary, total);
      CHECK(by.at(column) == doctest::Approx(want).epsilon(1e-9));
    }
  // Net change = created - destroyed for every group; the shock both creates and destroys.
  double created = 0, destroyed = 0;
  for (const auto& row : groups.rows) {
    const double c = std::stod(row[groups.col("jobs_created")]), d = std::stod(row[groups.col("jobs_destroyed")]);
    CHECK(std::stod(row[groups.col("jobs_change")]) == doctest::Approx(c - d).epsilon(1e-12));
    if (row[groups.col("dimension")] == "sex") created += c, destroyed += d;
  }
  CHECK(created > 0);
  CHECK(destroyed > 0);

  // sectors.csv: in every sector, each split's jobs_change_<group> add up to jobs_change.
  const Table sectors = read_csv(box.read("out/sectors.csv"));
  REQUIRE(sectors.rows.size() == 56);
  const std::vector<std::vector<std::string>> splits = {
      {"female", "male"},
      {"informal", "formal"},
      {"self_employed", "employees"},
      {"sex-formality_female_informal", "sex-formality_female_formal", "sex-formality_male_informal",
       "sex-formality_male_formal"},
      {"sex-status_female_self_employed", "sex-status_female_employees", "sex-status_male_self_employed",
       "sex-status_male_employees"}};
  for (const auto& row : sectors.rows) {
    const double change = std::stod(row[sectors.col("jobs_change")]);
    for (const auto& split : splits) {
      double sum = 0;
      for (const auto& g : split) sum += std::stod(row[sectors.col("jobs_change_" + g)]);
      INFO(row[0] << " " << split[0]);
      CHECK(sum == doctest::Approx(change).epsilon(1e-9).scale(1.0));
    }
  }

  // summary.json carries the groups with their labels and counts.
  CHECK(summary.find("\"groups\": [") != std::string::npos);
  CHECK(summary.find("\"label\": \"informal women\"") != std::string::npos);
  CHECK(summary.find("\"group\": \"sex-status_male_employees\"") != std::string::npos);

  // The terminal's "By group": readable labels, every row as wide as the header.
  const auto at = r.out.find("  By group\n");
  REQUIRE(at != std::string::npos);
  std::istringstream block(r.out.substr(at));
  std::string line, header;
  std::getline(block, line);
  std::getline(block, header);
  CHECK(header.find("group") != std::string::npos);
  int rows = 0;
  while (std::getline(block, line) && line.find("Job quality") == std::string::npos) {
    if (line.empty()) continue;
    INFO(line);
    CHECK(line.size() == header.size());
    ++rows;
  }
  CHECK(rows == 14);
  CHECK(r.out.find("  informal women ") != std::string::npos);
  CHECK(r.out.find("  self-employed men ") != std::string::npos);
  CHECK(r.out.find("sex-formality_") == std::string::npos);
}

TEST_CASE("mex-2014 sweep: summary.json groups_stats per group, each split's means adding up to the total's") {
  CliSandbox box("groups_sweep");
  box.write("mex.yaml", kMexScenario);
  box.write("sweep.yaml",
            "schema_version: 1\nbase: mex.yaml\nvary:\n  - key: parameters.export_demand\n    distribution: uniform\n"
            "    low: -2.25\n    high: -0.76\ndraws: 8\nseed: 3\n");
  const CliResult r = box.run("sweep sweep.yaml -o sw -j 1");
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  CHECK(r.out.find("net jobs change by group") != std::string::npos);
  CHECK(r.out.find("\ninformal women ") != std::string::npos);
  const std::string s = box.read("sw/summary.json");
  const auto stats = s.find("\"groups_stats\": [");
  REQUIRE(stats != std::string::npos);
  const auto mean_after = [&](size_t from, const std::string& key) {
    const auto k = s.find("\"" + key + "\": {", from);
    REQUIRE(k != std::string::npos);
    const auto m = s.find("\"mean\": ", k);
    return std::stod(s.substr(m + 8));
  };
  const double total = mean_after(s.find("\"totals_stats\""), "jobs_change");
  double women_and_men = 0, four = 0;
  for (const char* g : {"\"group\": \"female\"", "\"group\": \"male\""})
    women_and_men += mean_after(s.find(g, stats), "jobs_change");
  for (const char* g : {"\"group\": \"sex-formality_female_informal\"", "\"group\": \"sex-formality_female_formal\"",
                        "\"group\": \"sex-formality_male_informal\"", "\"group\": \"sex-formality_male_formal\""})
    four += mean_after(s.find(g, stats), "jobs_change");
  CHECK(women_and_men == doctest::Approx(total).epsilon(1e-9));
  CHECK(four == doctest::Approx(total).epsilon(1e-9));
  for (const char* q : {"jobs_destroyed", "displaced", "adjustment_cost"})
    CHECK(s.find("\"" + std::string(q) + "\": {", stats) != std::string::npos);
}

TEST_CASE("a sector with unknown jobs (NA) next to a cross-tabulation: unknown stays unknown, nothing fails") {
  CliSandbox box("groups_na");
  box.write("econ/employment.csv",
            "sector,total,female,sex-formality_female_informal,sex-formality_female_formal,sex-formality_male_informal,"
            "sex-formality_male_formal,annual_wage\n"
            "AGR,NA,NA,NA,NA,NA,NA,NA\n"
            "MAN,1500,0.35,0.1,0.25,0.2,0.45,50000\n"
            "SER,3000,0.55,0.3,0.25,0.15,0.3,40000\n");
  const CliResult check = box.run("check econ");
  CHECK_MESSAGE(check.code == 0, check.err);
  CHECK(check.err.empty());
  CHECK(check.out.find("ok") != std::string::npos);
  const CliResult r = box.run("run s.yaml -o out");
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  const Table sectors = read_csv(box.read("out/sectors.csv"));
  REQUIRE(sectors.rows.size() == 3);
  CHECK(sectors.rows[0][0] == "AGR");
  for (const char* g : {"female", "male", "sex-formality_female_informal", "sex-formality_male_formal"})
    CHECK(sectors.rows[0][sectors.col("jobs_change_" + std::string(g))] == "NA");
  const Table groups = read_csv(box.read("out/groups.csv"));
  REQUIRE(groups.rows.size() == 6);
  double sex = 0, cross = 0;
  for (const auto& row : groups.rows) (row[1] == "sex" ? sex : cross) += std::stod(row[groups.col("jobs_base")]);
  CHECK(sex == doctest::Approx(4500));  // MAN and SER: the known sectors
  CHECK(cross == doctest::Approx(4500));

  // The model's rules directly: the unknown row is skipped, a known bad row still fails.
  Eigen::MatrixXd shares(2, 2);
  shares << 0.0, 0.0, 0.4, 0.6;
  std::string error;
  auto splits =
      tradejobs::employment_group_splits({"skill_low", "skill_high"}, shares, &error, {"A", "B"}, {false, true});
  CHECK(error.empty());
  REQUIRE(splits.size() == 1);
  CHECK(splits[0].shares.row(0).sum() == 0.0);
  splits = tradejobs::employment_group_splits({"skill_low", "skill_high"}, shares, &error, {"A", "B"}, {true, true});
  CHECK(splits.empty());
  CHECK(error.find("sector A sum to 0") != std::string::npos);
}

namespace {

std::string section_of(const std::string& html, const std::string& id) {
  const auto i = html.find("<section id=\"" + id + "\">");
  REQUIRE_MESSAGE(i != std::string::npos, id);
  return html.substr(i, html.find("</section>", i) - i);
}

std::string one_decimal(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", percent);
  return buf;
}

}  // namespace

TEST_CASE("report: 'Who is affected' compares each group's share of the jobs lost with its share of employment") {
  CliSandbox box("groups_report");
  box.write("mex.yaml", kMexScenario);
  const CliResult r = box.run("run mex.yaml -o out --quiet");
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::string html = box.read("out/report.html");
  CHECK(html.find("<a href=\"#who\">Who is affected</a>") != std::string::npos);
  const std::string who = section_of(html, "who");
  // The sentence, from groups.csv: women's share of employment and of the jobs destroyed.
  const Table groups = read_csv(box.read("out/groups.csv"));
  double base_f = 0, base = 0, lost_f = 0, lost = 0, won_f = 0, won = 0;
  for (const auto& row : groups.rows) {
    if (row[groups.col("dimension")] != "sex") continue;
    const double b = std::stod(row[groups.col("jobs_base")]), d = std::stod(row[groups.col("jobs_destroyed")]);
    const double c = std::stod(row[groups.col("jobs_created")]);
    base += b, lost += d, won += c;
    if (row[0] == "female") base_f = b, lost_f = d, won_f = c;
  }
  const double e = 100 * base_f / base, l = 100 * lost_f / lost;
  REQUIRE(std::abs(l - e) > 0.5);  // the scenario moves women's share: the sentence says "but"
  const std::string sentence = "Women are " + one_decimal(e) + " of employment but " + (l < e ? "only " : "") +
                               one_decimal(l) + " of the jobs lost; they take " + one_decimal(100 * won_f / won) +
                               " of the jobs created.";
  CHECK_MESSAGE(who.find("<li>" + sentence + "</li>") != std::string::npos, sentence);
  CHECK(who.find("<li>Informal women are ") != std::string::npos);
  CHECK(who.find("<li>Informal workers are ") != std::string::npos);
  // The chart: grouped bars of the three shares, with a row per group, cross-tabulations included.
  CHECK(who.find("<svg") != std::string::npos);
  CHECK(who.find("Each group&#39;s share of employment and of the jobs lost and created") != std::string::npos);
  CHECK(who.find("Share of the jobs destroyed") != std::string::npos);
  CHECK(who.find("Share of the jobs created") != std::string::npos);
  CHECK(who.find(">Informal women<") != std::string::npos);
  CHECK(who.find("Women and men by formality") != std::string::npos);
  // Mexico has every split: no note of an unknown group.
  CHECK(who.find("Unknown for") == std::string::npos);
}

TEST_CASE("report on usa-2014: women and men, and a note that informality is unknown for the USA (not zero)") {
  CliSandbox box("groups_usa");
  box.write("usa.yaml", "schema_version: 1\nname: usa-groups\neconomy: " + kSource +
                            "/scenarios/economies/usa-2014\nmeasures:\n  - type: tariff\n    partners: [CHN]\n"
                            "    sectors: [C29]\n    from: 0.0\n    to: 0.25\n");
  const CliResult r = box.run("run usa.yaml -o out --quiet");
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::string groups = box.read("out/groups.csv");
  CHECK(groups.find("\nfemale,sex,") != std::string::npos);
  CHECK(groups.find("\nsex-status_female_self_employed,sex-status,") != std::string::npos);
  CHECK(groups.find("informal") == std::string::npos);
  const std::string who = section_of(box.read("out/report.html"), "who");
  CHECK(who.find("<li>Women are ") != std::string::npos);
  CHECK(who.find("Unknown for usa-2014: formal and informal workers (no informal column: no informality data by "
                 "industry for this economy). These groups are not zero") != std::string::npos);
  CHECK(who.find(">Informal<") == std::string::npos);
}

TEST_CASE("grouped_bar_chart: one bar per series, 'unknown' for NaN, rows checked") {
  tradejobs::GroupedBarChart chart;
  chart.title = "Shares";
  chart.axis_title = "Share (%)";
  chart.value_suffix = "%";
  chart.series = {{"Employment", tradejobs::palette::sky_blue}, {"Destroyed", tradejobs::palette::loss}};
  chart.rows = {{"Women", {40.0, 55.0}, "Women and men"}, {"Men", {60.0, std::nan("")}, "Women and men"}};
  const std::string svg = tradejobs::grouped_bar_chart(chart);
  CHECK(svg.find("Women, Destroyed: 55.0%") != std::string::npos);
  CHECK(svg.find("Men, Employment: 60.0%") != std::string::npos);
  CHECK(svg.find(">unknown<") != std::string::npos);
  CHECK(svg.find("Men, Destroyed") == std::string::npos);
  CHECK(svg.find(">Women and men<") != std::string::npos);
  chart.rows.push_back({"Other", {1.0}, ""});
  CHECK_THROWS_AS(tradejobs::grouped_bar_chart(chart), std::invalid_argument);
  chart.rows.back().values = {1.0, -2.0};
  CHECK_THROWS_AS(tradejobs::grouped_bar_chart(chart), std::invalid_argument);
}
