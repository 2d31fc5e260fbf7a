#pragma once
/// Shared helpers of the sweep tests (test_sweep.cpp, test_mrio_sweep.cpp): a file's bytes, and
/// a sweep's summary.json without what depends on the run (docs/sweeps.md: the timings and the
/// thread count), for comparing sweeps at different -j.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tradejobs_test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// summary.json of the sweep in `dir` without its `timings_seconds` object and `threads` line.
inline std::string stable_summary(const std::filesystem::path& dir) {
  std::istringstream in(read_file(dir / "summary.json"));
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.find("\"timings_seconds\"") != std::string::npos) skipping = true;
    if (skipping) {
      if (line.find('}') != std::string::npos) skipping = false;
      continue;
    }
    if (line.find("\"threads\"") != std::string::npos) continue;
    out += line + "\n";
  }
  return out;
}

}  // namespace tradejobs_test
