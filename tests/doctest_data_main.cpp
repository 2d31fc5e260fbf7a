// The main of the test executables labelled "data" (tests/CMakeLists.txt): before running any
// test it checks that every input the executable declared (tradejobs_test::NeedsData) exists
// below $TRADEJOBS_DATA_DIR; if one does not, it prints why and exits with the skip code, so
// that ctest reports the executable as skipped, never as passed or failed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "data_dir.h"

int main(int argc, char** argv) {
  using namespace tradejobs_test;
  if (data_needs().empty()) {
    std::cerr << "error: this test executable is labelled 'data' but declares no input of TRADEJOBS_DATA_DIR "
                 "(tradejobs_test::NeedsData in tests/data_dir.h): label it by what it reads\n";
    return 1;
  }
  const std::string dir = data_dir();
  for (const DataNeed& need : data_needs()) {
    std::string where, why;
    if (dir.empty()) {
      where = "$TRADEJOBS_DATA_DIR/" + need.path;
      why = "TRADEJOBS_DATA_DIR is not set";
    } else if (!std::filesystem::exists(data_path(need.path))) {
      where = data_path(need.path);
      why = "not found";
    } else {
      continue;
    }
    std::cout << "skipped: needs " << need.what << " at " << where << " (" << why
              << "); set TRADEJOBS_DATA_DIR to the folder of the public data\n";
    return kSkipReturnCode;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
