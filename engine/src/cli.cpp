#include "tradejobs/engine/cli.h"

#include <iostream>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "--version") {
    out << "tradejobs " << TRADEJOBS_VERSION << "\n";
    return 0;
  }
  err << "tradejobs: usage: tradejobs COMMAND [OPTIONS]\n";
  return 2;
}

}  // namespace tradejobs
