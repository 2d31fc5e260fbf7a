#pragma once
// The text of a double in the files tradejobs writes (CSV, JSON): format_double (csv.h) is
// written with format_double_to, which formats in place without allocating, so that the
// sweep's computing threads format runs.csv rows at memory speed.

#include <string>

namespace tradejobs {

/// Most characters format_double_to writes ("-1.2345678901234567e-308" is 24).
constexpr int kFormatDoubleChars = 32;

/// The shortest of "%.15g", "%.16g", "%.17g" (C locale) that reads back to exactly `v`,
/// written to out[0, kFormatDoubleChars) with std::to_chars; returns the end of the text.
/// 0 and -0 write "0"; integers print without ".0"; infinities and NaNs as printf writes them
/// ("inf", "-inf", "nan", "-nan").
char* format_double_to(char* out, double v);

/// The same text through snprintf and strtod, as format_double was written before
/// std::to_chars: the reference the tests compare format_double_to with, byte for byte.
std::string format_double_printf(double v);

}  // namespace tradejobs
