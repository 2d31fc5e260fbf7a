#include "formats/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tradejobs {

namespace {

const char* minus_text(MinusSign minus) { return minus == MinusSign::ascii ? "-" : "\xE2\x88\x92"; }

/// "1234567.89" -> "1,234,567.89" (digits only, no sign).
std::string group_thousands(const std::string& digits) {
  const size_t point = digits.find('.');
  const std::string integer = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string out;
  const size_t n = integer.size();
  for (size_t i = 0; i < n; ++i) {
    out += integer[i];
    const size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out + fraction;
}

/// Formats |value| and says whether the rounded text is zero.
std::string magnitude_text(double value, int decimals, bool* is_zero) {
  // {fmt}: the exact decimal expansion, as printf's "%.*f" (the same text), with no buffer to size.
  const std::string s = fmt::format("{:.{}f}", std::fabs(value), decimals);
  *is_zero = std::all_of(s.begin(), s.end(), [](char c) { return c == '0' || c == '.'; });
  return group_thousands(s);
}

int clamp_decimals(int decimals) { return std::clamp(decimals, 0, 12); }

/// Splits "USD million" into the code "USD" and the rest "million"; no code when the first
/// word is not 2-4 upper-case letters.
void split_currency(const std::string& unit, std::string* code, std::string* rest) {
  const size_t space = unit.find(' ');
  const std::string first = unit.substr(0, space);
  const bool is_code = first.size() >= 2 && first.size() <= 4 && std::all_of(first.begin(), first.end(), [](char c) {
                         return std::isupper(static_cast<unsigned char>(c));
                       });
  if (is_code) {
    *code = first;
    *rest = space == std::string::npos ? "" : unit.substr(space + 1);
  } else {
    code->clear();
    *rest = unit;
  }
}

std::string money(double value, const std::string& unit, int decimals, MinusSign minus, bool plus) {
  std::string number = format_grouped(value, decimals, minus);
  if (plus && std::isfinite(value) && number[0] != '0' && value > 0) number = "+" + number;
  std::string code, rest;
  split_currency(unit, &code, &rest);
  std::string s = code.empty() ? number : code + " " + number;
  if (!rest.empty()) s += " " + rest;
  return s;
}

}  // namespace

std::string format_grouped(double value, int decimals, MinusSign minus) {
  if (!std::isfinite(value)) return "n/a";
  bool zero = false;
  const std::string text = magnitude_text(value, clamp_decimals(decimals), &zero);
  return (value < 0 && !zero) ? minus_text(minus) + text : text;
}

std::string format_count(double persons, MinusSign minus) { return format_grouped(persons, 0, minus); }

std::string format_signed_count(double persons, MinusSign minus) {
  const std::string s = format_grouped(persons, 0, minus);
  return (std::isfinite(persons) && persons > 0 && s != "0") ? "+" + s : s;
}

std::string format_money(double value, const std::string& currency_unit, int decimals, MinusSign minus) {
  return money(value, currency_unit, decimals, minus, false);
}

std::string format_signed_money(double value, const std::string& currency_unit, int decimals, MinusSign minus) {
  return money(value, currency_unit, decimals, minus, true);
}

std::string format_percent(double rate, int decimals, MinusSign minus) {
  if (!std::isfinite(rate)) return "n/a";
  return format_grouped(rate * 100.0, decimals, minus) + "%";
}

std::string format_signed_percent(double rate, int decimals, MinusSign minus) {
  if (!std::isfinite(rate)) return "n/a";
  bool zero = false;
  magnitude_text(rate * 100.0, clamp_decimals(decimals), &zero);
  return (rate > 0 && !zero ? "+" : "") + format_percent(rate, decimals, minus);
}

std::string format_tick(double value, double step, MinusSign minus) {
  if (!std::isfinite(value)) return "n/a";
  step = std::fabs(step);
  if (!std::isfinite(step) || step == 0) step = std::fabs(value) > 0 ? std::fabs(value) : 1.0;
  if (std::fabs(value) < step * 1e-9) return "0";
  const bool millions = step >= 1e5;
  const double scale = millions ? 1e6 : 1.0;
  const double scaled_step = step / scale;
  // Fewest decimals that show every multiple of the step exactly (0.25 needs 2).
  int decimals = 0;
  while (decimals < 12) {
    const double shifted = scaled_step * std::pow(10.0, decimals);
    if (std::fabs(shifted - std::round(shifted)) < 1e-6 * std::max(1.0, shifted)) break;
    ++decimals;
  }
  return format_grouped(value / scale, decimals, minus) + (millions ? "M" : "");
}

}  // namespace tradejobs
