#include "tradejobs/engine/errors.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

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

std::string excerpt(const std::string& text, size_t max_chars) {
  std::string out;
  size_t chars = 0, i = 0;
  for (; i < text.size() && chars < max_chars; ++chars) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Length of the UTF-8 sequence that starts here (a stray continuation byte counts as one).
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (len == 1) {
      out += (c < 0x20 && c != '\t') || c == 0x7F || c >= 0x80 ? '?' : static_cast<char>(c);
      ++i;
      continue;
    }
    bool whole = i + len <= text.size();
    for (size_t k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!whole) {  // broken UTF-8: one '?' for the lead byte
      out += '?';
      ++i;
      continue;
    }
    out.append(text, i, len);
    i += len;
  }
  if (i < text.size()) out += "\xE2\x80\xA6";  // "…"
  return out;
}

namespace {
std::string size_text(std::uintmax_t bytes) {
  if (bytes >= (std::uintmax_t(1) << 30))
    return format_number(double(bytes) / double(std::uintmax_t(1) << 30)) + " GiB";
  if (bytes >= (std::uintmax_t(1) << 20))
    return format_number(double(bytes) / double(std::uintmax_t(1) << 20)) + " MiB";
  return std::to_string(bytes) + " bytes";
}
}  // namespace

std::string input_file_problem(const std::string& path, const std::string& expected, std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);  // follows symbolic links; never opens the file
  const std::string want = ": expected " + expected;
  if (st.type() == fs::file_type::not_found || st.type() == fs::file_type::none) {
    if (fs::is_symlink(fs::symlink_status(path, ec))) return "is a broken symbolic link" + want;
    return "does not exist" + want;
  }
  if (ec) return "cannot be read (" + ec.message() + ")" + want;
  switch (st.type()) {
    case fs::file_type::regular:
      break;
    case fs::file_type::directory:
      return "is a directory" + want;
    case fs::file_type::fifo:
      return "is a FIFO (named pipe), not a regular file" + want;
    case fs::file_type::socket:
      return "is a socket, not a regular file" + want;
    case fs::file_type::character:
      return "is a character device, not a regular file" + want;
    case fs::file_type::block:
      return "is a block device, not a regular file" + want;
    default:
      return "is not a regular file" + want;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return "cannot be read (" + ec.message() + ")" + want;
  if (size > max_bytes)
    return "is " + size_text(size) + ", more than the limit of " + size_text(max_bytes) + " for this kind of input" +
           want;
  return "";
}

void require_input_file(const std::string& path, const std::string& expected, std::uintmax_t max_bytes) {
  const std::string problem = input_file_problem(path, expected, max_bytes);
  if (!problem.empty()) throw InputError(located(path, 0, 0, problem));
}

}  // namespace tradejobs
