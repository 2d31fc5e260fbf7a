#pragma once
// Small text helpers shared by the model sources for their validation messages (private to
// models/src; not installed).

#include <Eigen/Core>
#include <cstdio>
#include <string>
#include <vector>

namespace tradejobs::internal {

/// A number for messages (%.6g).
inline std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// The code of sector j, or "row j+1" when no codes are given.
inline std::string sector_name(const std::vector<std::string>& codes, Eigen::Index j) {
  if (j < static_cast<Eigen::Index>(codes.size())) return codes[static_cast<size_t>(j)];
  return "row " + std::to_string(j + 1);
}

}  // namespace tradejobs::internal
