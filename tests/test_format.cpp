// ctest-labels: unit
// Numbers for people (engine/format.h): thousands separators, signs, units, rounding.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "formats/format.h"

using namespace tradejobs;

static const std::string kMinus = "\xE2\x88\x92";  // U+2212

TEST_CASE("format_count groups thousands and rounds to whole persons") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(1234567.4) == "1,234,567");
  CHECK(format_count(999.5) == "1,000");
  CHECK(format_count(-12.6) == kMinus + "13");
  CHECK(format_count(-12.6, MinusSign::ascii) == "-13");
  CHECK(format_count(-0.4) == "0");  // rounds to zero: no "−0"
  CHECK(format_count(150000000) == "150,000,000");
  CHECK(format_count(std::numeric_limits<double>::quiet_NaN()) == "n/a");
}

TEST_CASE("format_signed_count writes + and a typographic or ASCII minus") {
  CHECK(format_signed_count(1234) == "+1,234");
  CHECK(format_signed_count(-1234) == kMinus + "1,234");
  CHECK(format_signed_count(-1234, MinusSign::ascii) == "-1,234");
  CHECK(format_signed_count(0) == "0");
  CHECK(format_signed_count(0.3) == "0");
  CHECK(format_signed_count(-0.3) == "0");
  CHECK(format_signed_count(1e6) == "+1,000,000");
}

TEST_CASE("format_grouped keeps the asked decimals") {
  CHECK(format_grouped(1234567.891, 2) == "1,234,567.89");
  CHECK(format_grouped(-1234.5, 1, MinusSign::ascii) == "-1,234.5");
  CHECK(format_grouped(0.04, 1) == "0.0");
  CHECK(format_grouped(-0.04, 1) == "0.0");
  CHECK(format_grouped(12.5, 0) == "12");  // printf rounds half to even
}

TEST_CASE("format_money puts an ISO code first and the scale after the number") {
  CHECK(format_money(1234.56, "USD million") == "USD 1,234.6 million");
  CHECK(format_money(-3, "EUR") == "EUR " + kMinus + "3.0");
  CHECK(format_money(-3, "EUR", 1, MinusSign::ascii) == "EUR -3.0");
  CHECK(format_money(2.5, "million dollars", 2) == "2.50 million dollars");
  CHECK(format_money(7, "") == "7.0");
  CHECK(format_signed_money(12, "USD million") == "USD +12.0 million");
  CHECK(format_signed_money(-3.45, "GBP million", 2, MinusSign::ascii) == "GBP -3.45 million");
  CHECK(format_signed_money(0.01, "USD million") == "USD 0.0 million");
}

TEST_CASE("format_percent takes a rate") {
  CHECK(format_percent(0.0526) == "5.3%");
  CHECK(format_percent(0.0524) == "5.2%");
  CHECK(format_percent(0.25, 0) == "25%");
  CHECK(format_percent(-0.25) == kMinus + "25.0%");
  CHECK(format_percent(1.5) == "150.0%");
  CHECK(format_signed_percent(0.053) == "+5.3%");
  CHECK(format_signed_percent(-0.004, 1, MinusSign::ascii) == "-0.4%");
  CHECK(format_signed_percent(0.0001) == "0.0%");
}

TEST_CASE("format_tick uses the precision of the step") {
  CHECK(format_tick(0, 20) == "0");
  CHECK(format_tick(40, 20) == "40");
  CHECK(format_tick(-2000, 2000) == kMinus + "2,000");
  CHECK(format_tick(1.25, 0.25) == "1.25");
  CHECK(format_tick(1.5, 0.5) == "1.5");
  CHECK(format_tick(2500000, 500000) == "2.5M");
  CHECK(format_tick(1e6, 1e6) == "1M");
}

TEST_CASE("property: the signed and unsigned counts agree up to the sign") {
  for (double v = -123456.0; v < 123456.0; v += 987.65) {
    const std::string u = format_count(std::fabs(v));
    const std::string s = format_signed_count(v, MinusSign::ascii);
    if (u == "0")
      CHECK(s == "0");
    else
      CHECK(s == (v > 0 ? "+" : "-") + u);
  }
}
