// ctest-labels: cli
// The well-kept libraries behind hand-written code (issue 17): summary.json read back through
// nlohmann-json in `tradejobs report` (real JSON errors with line and column, the report rebuilt
// byte for byte), CSV numbers parsed with std::from_chars (locale-independent, the same located
// errors), numbers for people through {fmt}.
#include <doctest/doctest.h>

#include <clocale>

#include "cli_support.h"
#include "formats/csv.h"
#include "formats/format.h"
#include "formats/json.h"
#include "tradejobs/engine/errors.h"

using namespace tradejobs;
using namespace tradejobs_test;

namespace {

std::string json_error(const std::string& text) {
  try {
    check_json_text(text, "s.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

double cell(const std::string& text) {
  CsvTable t;
  t.path = "x.csv";
  t.header = {"sector", "value"};
  t.rows = {{"A", text}};
  t.line_numbers = {2};
  return t.number(0, 1);
}

std::string cell_error(const std::string& text) {
  try {
    (void)cell(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("check_json_text: valid JSON passes; an error names the line and column where the parse failed") {
  CHECK(json_error("{\n  \"a\": [1, 2.5, null, \"x\"]\n}\n") == "");
  CHECK(
      json_error("{\n  \"a\": 1,\n  \"b\": }\n") ==
      "s.json:3:8: not valid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
  // The position is the last character read: the end of the token that cannot come there.
  CHECK(json_error("{\n  \"a\": 1\n  \"b\": 2\n}\n") ==
        "s.json:3:5: not valid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
  CHECK(json_error("{\"a\": tru}") ==
        "s.json:1:10: not valid JSON: syntax error while parsing value - invalid literal; last read: '\"a\": tru}'");
  // Columns count characters, not bytes: "é" is one column.
  CHECK(json_error("{\"é\": x}") ==
        "s.json:1:7: not valid JSON: syntax error while parsing value - invalid literal; last read: '\"é\": x'");
  CHECK(json_error("").rfind("s.json:1:1: not valid JSON: ", 0) == 0);
  CHECK(json_error("{\"a\": 1}\n{")
            .rfind("s.json:2:1: not valid JSON: syntax error while parsing value - unexpected '{'", 0) == 0);
}

TEST_CASE(
    "report: rebuilt byte for byte from a results folder; a broken summary.json is a JSON error with line and column") {
  CliSandbox s("libraries_report");
  CliResult r = s.run("run s.yaml -o out -q --no-xlsx");
  REQUIRE(r.code == 0);
  const std::string report = s.read("out/report.html");
  const std::string summary = s.read("out/summary.json");
  fs::remove(s.dir / "out/report.html");
  r = s.run("report out");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  CHECK(r.out == "out/report.html\n");
  CHECK(s.read("out/report.html") == report);

  // A comma dropped after "kind": "scenario" (line 2): the parse fails at the end of the next
  // key, "version" (line 3, columns 3 to 11).
  const std::string broken = std::string(summary).replace(summary.find("\"scenario\",") + 10, 1, "");
  s.write("out/summary.json", broken);
  r = s.run("report out");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: out/summary.json:3:11: not valid JSON: syntax error while parsing object - unexpected string literal; "
        "expected '}'\n");
  CHECK(s.read("out/report.html") == report);  // nothing written

  s.write("out/summary.json", summary.substr(0, summary.size() / 2));
  r = s.run("report out");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err.rfind("error: out/summary.json:", 0) == 0);
  CHECK(r.err.find(": not valid JSON: syntax error while parsing ") != std::string::npos);
  CHECK(r.err.find("YAML") == std::string::npos);
}

TEST_CASE("CSV numbers: std::from_chars, whatever the locale; the same located errors") {
  CHECK(cell("12.5") == 12.5);
  CHECK(cell("-3e-2") == -0.03);
  CHECK(cell("+4") == 4.0);
  CHECK(cell("0.1") == 0.1);
  CHECK(cell("1e308") == 1e308);
  const std::string expected = "' (column 'value') is not a number: expected a finite number with '.' as decimal mark";
  CHECK(cell_error("1,5") == "x.csv:2:2: '1,5" + expected);
  CHECK(cell_error("12 kg") == "x.csv:2:2: '12 kg" + expected);
  CHECK(cell_error("1e999") == "x.csv:2:2: '1e999" + expected);
  CHECK(cell_error("nan") == "x.csv:2:2: 'nan" + expected);
  CHECK(cell_error("inf") == "x.csv:2:2: 'inf" + expected);
  CHECK(cell_error("0x10") == "x.csv:2:2: '0x10" + expected);
  CHECK(cell_error("++1") == "x.csv:2:2: '++1" + expected);
  CHECK(cell_error("+-1") == "x.csv:2:2: '+-1" + expected);
  CHECK(cell_error("") == "x.csv:2:2: empty cell (column 'value'): expected a number");
  // A locale with a decimal comma changes nothing (strtod would have read "12.5" as 12).
  if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") || std::setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
    CHECK(cell("12.5") == 12.5);
    CHECK(cell_error("12,5") == "x.csv:2:2: '12,5" + expected);
    std::setlocale(LC_NUMERIC, "C");
  }
}

TEST_CASE("numbers for people through {fmt}: the same text as before") {
  CHECK(format_grouped(1234567.891, 2) == "1,234,567.89");
  CHECK(format_grouped(-0.004, 2) == "0.00");
  CHECK(format_grouped(2.5, 0) == "2");                 // round half to even, as printf
  CHECK(format_grouped(1e300, 0).size() == 301 + 100);  // no fixed buffer: 301 digits, 100 commas
  CHECK(format_count(-12.6, MinusSign::ascii) == "-13");
}
