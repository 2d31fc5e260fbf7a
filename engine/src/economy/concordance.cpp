#include "economy/concordance.h"

#include <algorithm>
#include <cmath>

#include "formats/csv.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

Concordance load_concordance(const std::string& path, const std::vector<std::string>& sector_codes) {
  const CsvTable t = read_csv(path);
  const int code_col = t.require_column("code");
  const int sector_col = t.require_column("sector");
  const int weight_col = t.require_column("weight");
  Concordance c;
  c.path = path;
  std::map<std::string, double> sums;
  std::map<std::string, int> first_line;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& code = t.rows[r][code_col];
    const std::string& sector = t.rows[r][sector_col];
    if (code.empty()) throw InputError(t.where(r, code_col) + ": empty code: expected an outside classification code");
    if (!sector_codes.empty() && std::find(sector_codes.begin(), sector_codes.end(), sector) == sector_codes.end())
      throw InputError(t.where(r, sector_col) + ": unknown sector '" + excerpt(sector) +
                       "': expected one of the economy's sector codes (sectors.csv)");
    const double w = t.number(r, weight_col);
    if (!(w > 0.0 && w <= 1.0))
      throw InputError(t.where(r, weight_col) + ": weight " + format_number(w) + " of code " + excerpt(code) +
                       " is outside (0, 1]: expected the share of the code going to the sector");
    c.codes[code].push_back({sector, w});
    sums[code] += w;
    if (!first_line.count(code)) first_line[code] = t.line_numbers[r];
  }
  for (const auto& [code, sum] : sums)
    if (std::abs(sum - 1.0) > 1e-6)
      throw InputError(located(path, first_line[code], weight_col + 1,
                               "weights of code " + code + " sum to " + format_number(sum) +
                                   ": expected 1 (the shares of one code over sectors must add up)"));
  return c;
}

std::map<std::string, double> map_average(const Concordance& c, const std::map<std::string, double>& values,
                                          const std::map<std::string, double>& trade_weights) {
  std::map<std::string, double> num, den;
  for (const auto& [code, v] : values) {
    auto it = c.codes.find(code);
    if (it == c.codes.end())
      throw InputError(
          located(c.path, 0, 0, "code '" + excerpt(code) + "' is not in the concordance: add a row for it"));
    double t = 1.0;
    if (!trade_weights.empty()) {
      auto tw = trade_weights.find(code);
      t = tw == trade_weights.end() ? 0.0 : tw->second;
    }
    for (const auto& row : it->second) {
      num[row.sector] += row.weight * t * v;
      den[row.sector] += row.weight * t;
    }
  }
  std::map<std::string, double> out;
  for (const auto& [s, d] : den)
    if (d > 0.0) out[s] = num[s] / d;
  return out;
}

std::map<std::string, double> map_sum(const Concordance& c, const std::map<std::string, double>& values) {
  std::map<std::string, double> out;
  for (const auto& [code, v] : values) {
    auto it = c.codes.find(code);
    if (it == c.codes.end())
      throw InputError(
          located(c.path, 0, 0, "code '" + excerpt(code) + "' is not in the concordance: add a row for it"));
    for (const auto& row : it->second) out[row.sector] += row.weight * v;
  }
  return out;
}

}  // namespace tradejobs
