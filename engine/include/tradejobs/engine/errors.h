#pragma once
/// \file errors.h
/// The two failures of the command line (docs/model.md §9): bad input or usage (exit 2) and a
/// model that cannot be solved (exit 1). Every message has one shape:
///   `FILE:LINE:COLUMN: what was found: what was expected (how to fix it)`
/// with LINE and COLUMN 1-based and omitted where they do not apply.

#include <stdexcept>
#include <string>

namespace tradejobs {

/// Bad input or usage: exit code 2, nothing written.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The model could not be solved (e.g. a non-productive table after a shock): exit code 1.
class SolveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "file:line:column: message" (line/column 1-based; 0 omits them).
std::string located(const std::string& file, int line, int column, const std::string& message);

/// Formats a number for messages (%.6g).
std::string format_number(double v);

}  // namespace tradejobs
