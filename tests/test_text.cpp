// ctest-labels: unit
// The shared text helpers (formats/text.h): lists for messages, positions in a list, ASCII case.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "formats/text.h"

using namespace tradejobs;

TEST_CASE("join writes the items with the separator between them") {
  CHECK(join({}) == "");
  CHECK(join({"AUS"}) == "AUS");
  CHECK(join({"AUS", "AUT", "BEL"}) == "AUS, AUT, BEL");
  CHECK(join({"AUS", "AUT", "BEL"}, ",") == "AUS,AUT,BEL");
  CHECK(join({"a", "b"}, "; ") == "a; b");
  // An empty item keeps its place: the separator depends on the position, not on the text so far.
  CHECK(join({"", "b", ""}, ",") == ",b,");
}

TEST_CASE("join lists at most `limit` items, then how many there are in all") {
  const std::vector<std::string> regions = {"r1", "r2", "r3", "r4"};
  CHECK(join(regions, ", ", 4) == "r1, r2, r3, r4");
  CHECK(join(regions, ", ", 3) == "r1, r2, r3, ... (4 in all)");
  CHECK(join(regions, "\\t", 1) == "r1\\t... (4 in all)");
  CHECK(join(regions, ", ", 0) == ", ... (4 in all)");
  std::vector<std::string> many;
  for (int k = 1; k <= 41; ++k) many.push_back("c" + std::to_string(k));
  CHECK(join(many, ", ", kListedAtMost) == "c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, ... (41 in all)");
  CHECK(join(many).size() > join(many, ", ", kListedAtMost).size());
}

TEST_CASE("index_of gives the first position of an item, -1 when absent") {
  const std::vector<std::string> categories = {"household", "government", "household"};
  CHECK(index_of(categories, "household") == 0);
  CHECK(index_of(categories, "government") == 1);
  CHECK(index_of(categories, "npish") == -1);
  CHECK(index_of({}, "household") == -1);
  CHECK(index_of(categories, "Household") == -1);  // exact, case-sensitive
}

TEST_CASE("lower and upper change ASCII letters only") {
  CHECK(lower("Mill USD") == "mill usd");
  CHECK(upper("usa") == "USA");
  CHECK(lower("A01_02") == "a01_02");
  CHECK(upper("ec2_isic4_c29") == "EC2_ISIC4_C29");
  const std::string utf8 =
      "\xE2\x88\x92"
      "Ä";  // U+2212 and U+00C4 stay as they are
  CHECK(lower(utf8) == utf8);
  CHECK(upper(utf8) == utf8);
  CHECK(lower("") == "");
}
