#include "tradejobs/engine/errors.h"

#include <cstdio>

namespace tradejobs {

std::string located(const std::string& file, int line, int column, const std::string& message) {
  std::string s = file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s + ": " + message;
}

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace tradejobs
