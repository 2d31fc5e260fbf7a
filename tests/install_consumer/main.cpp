// Loads an economy folder and prints its Type I output and employment multipliers through the
// installed public API (tests/install.cmake compares them with `tradejobs multipliers --format csv`).
#include <exception>
#include <iostream>

#include "tradejobs/engine/csv.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/models/input_output.h"

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
      std::cout << economy.sector_codes[static_cast<size_t>(i)] << ',' << tradejobs::format_double(m.output(i)) << ','
                << tradejobs::format_double(m.employment(i)) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
