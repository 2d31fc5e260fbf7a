#pragma once
/// \file mrio_reading.h
/// What the readers of multi-region tables (wiod_wiot, pymrio, oecd_icio) share: the
/// region-major layout of `<REGION>_<industry>` labels, label checks, locations for messages,
/// the published-output note, the column balance, the household-first order of final demand,
/// and the year in a file name. See docs/mrio.md.

#include <Eigen/Core>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "formats/csv.h"
#include "import/mrio_table.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

/// "file:line:column" (line/column 1-based; 0 omits them), the location part of located().
std::string location_of(const std::string& file, int line, int column);

/// Region-major layout of labels split into (region, sector): every region a contiguous
/// block with the same industries in the same order. `where(k)` locates label k.
struct Layout {
  std::vector<std::string> regions;
  std::vector<std::string> sectors;
};

/// The regions and industries of labels split into (region, sector); InputError located by
/// `where(k)` (a callable size_t -> std::string) naming `what` when the labels are not region-major.
template <typename Where>
Layout region_major_layout(const std::vector<std::string>& region_of, const std::vector<std::string>& sector_of,
                           Where where, const std::string& what) {
  Layout l;
  const size_t count = region_of.size();
  if (count == 0) throw InputError(where(0) + ": no " + what + " labels found: expected <REGION>_<industry> labels");
  size_t start = 0;
  std::set<std::string> seen;
  for (size_t k = 0; k < count; ++k) {
    const std::string label = region_of[k] + "_" + sector_of[k];
    if (k == 0 || region_of[k] != region_of[k - 1]) {
      if (k > 0 && l.regions.size() > 1 && k - start != l.sectors.size())
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "' starts region " + region_of[k] +
                         " but region " + region_of[k - 1] + " has " + std::to_string(k - start) +
                         " industries: expected " + std::to_string(l.sectors.size()) + " as in region " + l.regions[0] +
                         " (region-major blocks with the same industries)");
      if (!seen.insert(region_of[k]).second)
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "': region " + region_of[k] +
                         " appears again after other regions: expected region-major order (each region one block)");
      l.regions.push_back(region_of[k]);
      start = k;
    }
    if (l.regions.size() == 1) {
      l.sectors.push_back(sector_of[k]);
    } else {
      const size_t idx = k - start;
      if (idx >= l.sectors.size() || sector_of[k] != l.sectors[idx])
        throw InputError(where(k) + ": " + what + " '" + excerpt(label) + "': expected '" + excerpt(region_of[k]) +
                         "_" + (idx < l.sectors.size() ? l.sectors[idx] : std::string("<none: region complete>")) +
                         "' (region-major, the same industries in every region, in the order of region " +
                         l.regions[0] + ")");
    }
  }
  if (l.regions.size() > 1 && count - start != l.sectors.size())
    throw InputError(where(count - 1) + ": the last region " + l.regions.back() + " has " +
                     std::to_string(count - start) + " industries: expected " + std::to_string(l.sectors.size()) +
                     " (is the file truncated?)");
  return l;
}

/// Splits `AUS_c1` into region `AUS` and sector `c1` at the first '_'; a label without one (or
/// with nothing on one side) is all region, with an empty sector.
void split_label(const std::string& label, std::string& region, std::string& sector);

/// Checks that `found` labels of file `what_file` equal `expected` in order; InputError located by
/// `where(k)` naming `what` otherwise.
void require_same_labels(const std::string& what_file, const std::vector<std::string>& found,
                         const std::vector<std::string>& expected, const std::function<std::string(size_t)>& where,
                         const std::string& what);

/// The number in cell (r, c) of a CSV table (InputError naming the cell when it is not one).
inline double cell_number(const CsvTable& t, size_t r, size_t c) { return t.number(r, c); }

/// Puts x − 1ᵀZ − ΣV into a value-added row `rounding` when it is not negligible (docs/model.md §1);
/// the note says `why`.
void balance_columns(MrioTable& t, const std::string& why);

/// Largest difference between recomputed and published output (file `file`), as a note.
void note_published_output(MrioTable& t, const Eigen::VectorXd& published, const std::string& file);

/// Moves the household category to the front (docs/model.md §9: the household column is named
/// `household`; Type II uses it): returns the permutation of category indices.
std::vector<int> household_first(const std::vector<std::string>& codes);

/// The first four-digit year 1950..2099 in a file name (0 when none).
int year_in_name(const std::string& name);

}  // namespace tradejobs
