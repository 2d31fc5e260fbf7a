// ctest-labels: unit
// Numbers for people (engine/format.h): thousands separators, signs, units, rounding; and the
// round-trip text of numbers in CSV and JSON files (formats/csv.h format_double).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "formats/csv.h"
#include "formats/double_text.h"
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

// --- format_double: std::to_chars, byte for byte the printf version it replaced -------------

namespace {

/// splitmix64: a fixed, portable stream of bit patterns.
std::uint64_t next_bits(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double from_bits(std::uint64_t bits) {
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

}  // namespace

TEST_CASE("format_double: known texts") {
  CHECK(format_double(0.0) == "0");
  CHECK(format_double(-0.0) == "0");
  CHECK(format_double(1.0) == "1");
  CHECK(format_double(-42.0) == "-42");
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(0.3) == "0.3");
  CHECK(format_double(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_double(1e22) == "1e+22");
  CHECK(format_double(123456789012345.0) == "123456789012345");
  CHECK(format_double(1234567890123456.0) == "1234567890123456");
  CHECK(format_double(12345678901234567.0) == "12345678901234568");
  CHECK(format_double(1.5e300) == "1.5e+300");
  CHECK(format_double(1e-5) == "1e-05");
  CHECK(format_double(5e-324) == "4.94065645841247e-324");
  CHECK(format_double(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(format_double(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(format_double(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(format_double(std::numeric_limits<double>::quiet_NaN()) == "nan");
  char buf[kFormatDoubleChars];
  const double v = -1.2345678901234567e-308;
  CHECK(std::string(buf, format_double_to(buf, v)) == format_double_printf(v));
  CHECK(format_double_to(buf, v) - buf <= 24);
}

// The sanitizer tree (TRADEJOBS_SANITIZE, `make asan`) checks a tenth of the draws, of the same
// kinds from the same stream: 10 million under ASan and UBSan would take minutes.
#ifdef TRADEJOBS_SANITIZED
constexpr int kDrawsDivisor = 10;
#else
constexpr int kDrawsDivisor = 1;
#endif

TEST_CASE("format_double equals the printf version on 10 million doubles of every kind (1 million sanitized)") {
  std::uint64_t state = 20261202;
  std::uint64_t differ = 0;
  std::string first_difference;
  auto check = [&](double v) {
    const std::string a = format_double(v), b = format_double_printf(v);
    if (a != b && differ++ == 0) first_difference = b + " (printf) vs " + a + " (to_chars)";
  };
  constexpr int kRandomBits = 4000000 / kDrawsDivisor;
  for (int i = 0; i < kRandomBits; ++i) check(from_bits(next_bits(state)));  // every exponent, NaNs, infinities
  for (int i = 0; i < 1000000 / kDrawsDivisor; ++i) {  // subnormals (exponent field 0), both signs
    const std::uint64_t b = next_bits(state);
    check(from_bits(b & 0x800fffffffffffffull));
  }
  for (int i = 0; i < 1000000 / kDrawsDivisor; ++i) {  // integers up to 2^63 and small ones
    const std::uint64_t b = next_bits(state);
    check(static_cast<double>(static_cast<std::int64_t>(b) >> (b & 63)));
  }
  for (int i = 0; i < 2000000 / kDrawsDivisor; ++i) {  // decimals with few digits, as model inputs are written
    const std::uint64_t b = next_bits(state);
    check(static_cast<double>(static_cast<std::int64_t>(b % 2000001) - 1000000) * std::pow(10.0, -(int)(b >> 60)));
  }
  for (int i = 0; i < 2000000 / kDrawsDivisor; ++i) {  // values of magnitudes results take: jobs, money, shares
    const std::uint64_t b = next_bits(state);
    const double u = static_cast<double>(b >> 11) * 0x1.0p-53;
    check((b & 1 ? -1 : 1) * std::pow(10.0, 12.0 * u - 6.0));
  }
  for (double v : {0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
                   1.7976931348623157e308, 9007199254740992.0, 9007199254740993.0, 0.1, 1e15, 1e16, 1e17, 1e-15})
    check(v);
  INFO(first_difference);
  CHECK(differ == 0);
}
