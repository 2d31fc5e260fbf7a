#include "results/summary_json.h"

#include <map>

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

void write_values_by_sector(JsonWriter& j, const std::vector<std::string>& sector_codes, const Eigen::VectorXd& v) {
  j.begin_object();
  std::map<double, int> counts;
  for (Eigen::Index i = 0; i < v.size(); ++i) ++counts[v(i)];
  double mode = v.size() ? v(0) : 0.0;
  int best = 0;
  for (const auto& [value, count] : counts)
    if (count > best) {
      best = count;
      mode = value;
    }
  j.field("default", mode);
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (v(i) != mode) j.field(sector_codes[static_cast<size_t>(i)], v(i));
  j.end_object();
}

}  // namespace tradejobs
