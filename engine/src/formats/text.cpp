// The shared text helpers (text.h).
#include "formats/text.h"

#include <cctype>

namespace tradejobs {

std::string join(const std::vector<std::string>& items, const std::string& separator, std::size_t limit) {
  std::string s;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) s += (i ? separator : "") + items[i];
  if (items.size() > limit) s += separator + "... (" + std::to_string(items.size()) + " in all)";
  return s;
}

int index_of(const std::vector<std::string>& items, const std::string& item) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i] == item) return static_cast<int>(i);
  return -1;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace tradejobs
