#include "results/summary_json.h"

namespace tradejobs {

void write_economy_json(JsonWriter& j, const Economy& e) {
  j.key("economy");
  j.begin_object();
  j.field("name", e.name);
  j.field("country", e.country);
  j.field("year", e.year);
  j.field("currency", e.currency);
  j.field("employment_unit", e.employment_unit);
  j.field("sectors", e.sectors());
  j.field("source", e.source);
  j.field("licence", e.licence);
  j.end_object();
}

}  // namespace tradejobs
