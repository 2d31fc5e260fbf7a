#pragma once
/// \file text.h
/// The small text helpers every part of the engine shares: lists of codes for messages and
/// notes, the position of a code in a list, and ASCII case. One copy of each, so that every
/// message lists codes the same way.
///
/// Example: join({"AUS", "AUT", "BEL"}) == "AUS, AUT, BEL";
///          join(regions, ", ", kListedAtMost) == "AUS, ..., CAN, ... (41 in all)" for 41 regions;
///          index_of({"household", "government"}, "government") == 1; lower("USA") == "usa".

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace tradejobs {

/// How many codes a message lists before it writes "... (N in all)": enough to recognise the
/// list, short enough to read (the WIOD world table has 41 regions and 1,435 sectors).
inline constexpr std::size_t kListedAtMost = 12;
/// No limit: join writes every item.
inline constexpr std::size_t kListAll = std::numeric_limits<std::size_t>::max();

/// The items with `separator` between them. With more than `limit` items only the first
/// `limit` are written, then `separator` + "... (N in all)". join({}) is "".
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ",
                 std::size_t limit = kListAll);

/// Position of the first `item` in `items`, -1 when it is not there.
int index_of(const std::vector<std::string>& items, const std::string& item);

/// ASCII lower case ("Mill USD" -> "mill usd"); other bytes (UTF-8 included) are kept.
std::string lower(std::string text);
/// ASCII upper case ("usa" -> "USA"); other bytes (UTF-8 included) are kept.
std::string upper(std::string text);

}  // namespace tradejobs
