// Where the tests find public data (tests/data/README.md):
//  - the small excerpts shipped in the source tree, tests/data (compile definition TRADEJOBS_TEST_DATA),
//    always present (tests labelled "data" read these);
//  - the full public data folder $TRADEJOBS_DATA_DIR, read at run time, for the tables too large to ship.
//    Only executables labelled "external_data" read it: they declare each input with a `NeedsData`
//    object, and their main (doctest_data_main.cpp) prints the reason and exits with kSkipReturnCode,
//    which ctest reports as skipped, when one is missing.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace tradejobs_test {

/// The exit code of a data test executable whose inputs are absent (ctest's SKIP_RETURN_CODE).
constexpr int kSkipReturnCode = 77;

/// One input of $TRADEJOBS_DATA_DIR an executable needs: its path below the folder and what it is.
struct DataNeed {
  std::string path;  ///< relative to $TRADEJOBS_DATA_DIR, e.g. "wiod2013_wiot"
  std::string what;  ///< for the skip reason, e.g. "the WIOD 2013 world table"
};

/// The inputs declared by this executable's NeedsData objects, checked before any test runs.
inline std::vector<DataNeed>& data_needs() {
  static std::vector<DataNeed> needs;
  return needs;
}

/// Declares, at namespace scope, an input of $TRADEJOBS_DATA_DIR the tests of this file need.
struct NeedsData {
  NeedsData(std::string path, std::string what) { data_needs().push_back({std::move(path), std::move(what)}); }
};

/// $TRADEJOBS_DATA_DIR ("" when unset; the data main has checked every declared input before tests run).
inline std::string data_dir() {
  const char* dir = std::getenv("TRADEJOBS_DATA_DIR");
  return dir ? std::string(dir) : std::string();
}

/// The path of `relative` below $TRADEJOBS_DATA_DIR.
inline std::string data_path(const std::string& relative) { return data_dir() + "/" + relative; }

}  // namespace tradejobs_test
