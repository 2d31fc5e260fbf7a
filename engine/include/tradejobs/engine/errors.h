#pragma once
/// \file errors.h
/// The two failures of the command line (docs/model.md §9): bad input or usage (exit 2) and a
/// model that cannot be solved (exit 1). Every message has one shape:
///   `FILE:LINE:COLUMN: what was found: what was expected (how to fix it)`
/// with LINE and COLUMN 1-based and omitted where they do not apply.

#include <cstdint>
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

/// A cell or value as a message quotes it: at most `max_chars` characters (whole UTF-8
/// characters), then "…" when there was more; control characters and broken UTF-8 shown as
/// '?'. Never the whole of a 2 MB cell.
std::string excerpt(const std::string& text, size_t max_chars = 80);

/// Size limits of input files (README "Input files"): an input file (CSV, codes file,
/// concordance) at most 1 GiB, one CSV line at most 16 MiB, a YAML file (scenario, sweep,
/// economy.yaml) at most 16 MiB.
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t(1) << 30;
inline constexpr std::size_t kMaxCsvLineBytes = std::size_t(16) << 20;
inline constexpr std::uintmax_t kMaxYamlFileBytes = std::uintmax_t(16) << 20;

/// Why `path` cannot be read as an input file, or "" when it is a regular file of at most
/// `max_bytes`: "does not exist", "is a directory", "is a FIFO (named pipe), not a regular
/// file", "is a socket, ...", "is a character device, ...", "is a block device, ...", "is N
/// bytes: more than the limit of ...", each followed by ": expected " + `expected`. Looks at
/// the file without opening it, so a FIFO never blocks.
std::string input_file_problem(const std::string& path, const std::string& expected, std::uintmax_t max_bytes);

/// InputError "path: <input_file_problem>" unless `path` is a readable regular file.
void require_input_file(const std::string& path, const std::string& expected, std::uintmax_t max_bytes);

}  // namespace tradejobs
