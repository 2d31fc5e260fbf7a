#pragma once
/// \file cli.h
/// The command line as a testable function : `main()` only calls run_cli.

#include <iosfwd>
#include <string>
#include <vector>

namespace tradejobs {

/// Runs `tradejobs ARGS...` (args exclude the program name). Results go to `out`, errors
/// and progress to `err`. Returns the exit code of docs/model.md §9: 0 success, 1 the model could
/// not be solved, 2 bad usage or bad input.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace tradejobs
