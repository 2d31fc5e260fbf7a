#include <iostream>
#include <string>
#include <vector>

#include "tradejobs/engine/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return tradejobs::run_cli(args, std::cout, std::cerr);
}
