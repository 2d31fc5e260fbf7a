// The text of a double (double_text.h).
#include "formats/double_text.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace tradejobs {

char* format_double_to(char* out, double v) {
  if (v == 0.0) {  // also folds -0
    *out = '0';
    return out + 1;
  }
  // std::to_chars with a precision writes exactly what printf's %.*g writes in the C locale,
  // without printf's parsing of the format and its locale.
  std::to_chars_result r{};
  for (int precision = 15; precision <= 17; ++precision) {
    r = std::to_chars(out, out + kFormatDoubleChars, v, std::chars_format::general, precision);
    if (precision == 17) break;
    double back = 0;
    const std::from_chars_result p = std::from_chars(out, r.ptr, back);
    if (p.ec == std::errc{} && p.ptr == r.ptr) {
      if (back == v) break;
    } else {  // outside from_chars' range (inf, nan): strtod decides, as before
      const std::string text(out, r.ptr);
      if (std::strtod(text.c_str(), nullptr) == v) break;
    }
  }
  return r.ptr;
}

std::string format_double_printf(double v) {
  if (v == 0.0) return "0";
  char buf[40];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace tradejobs
