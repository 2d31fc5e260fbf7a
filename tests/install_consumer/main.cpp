// Loads an economy folder and prints its Type I output and employment multipliers through the
// installed public API (tests/install.cmake compares them with `tradejobs multipliers --format csv`).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "tradejobs/engine/economy_io.h"
#include "tradejobs/models/input_output.h"

// The shortest of %.15g, %.16g and %.17g that reads back as v: how `tradejobs multipliers
// --format csv` writes numbers.
static std::string number(double v) {
  if (v == 0.0) return "0";
  char buf[40];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer ECONOMY_FOLDER\n";
    return 2;
  }
  try {
    const tradejobs::Economy economy = tradejobs::load_economy(argv[1]);
    const tradejobs::IoCoefficients c = tradejobs::io_coefficients(economy);
    const tradejobs::Multipliers m = tradejobs::compute_multipliers(c, tradejobs::MultiplierType::TypeI);
    std::cout << "sector,output_multiplier,employment_multiplier\n";
    for (Eigen::Index i = 0; i < economy.sectors(); ++i)
      std::cout << economy.sector_codes[static_cast<size_t>(i)] << ',' << number(m.output(i)) << ','
                << number(m.employment(i)) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
