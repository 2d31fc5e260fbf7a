#include "sweep/summarised_chunk.h"

#include <utility>

namespace tradejobs {

bool SummarisedChunk::failed() const {
  for (const auto& f : failures)
    if (f) return true;
  return false;
}

SummarisedChunk summarise_chunk(SweepChunk&& chunk, const StatisticsLayout& layout, int threads) {
  SummarisedChunk s;
  s.first = chunk.first;
  s.runs = chunk.records.size();
  s.failures = std::move(chunk.failures);
  s.failures.resize(static_cast<size_t>(s.runs));
  if (s.failed()) return s;  // the sweep stops here: nothing else is needed
  size_t bytes = 0;
  for (const RunRecord& r : chunk.records) bytes += r.csv_row.size();
  s.rows.reserve(bytes);
  for (const RunRecord& r : chunk.records) {
    s.rows += r.csv_row.empty() ? runs_csv_row(r, kSweepTotals) : r.csv_row;
    ++s.solver_paths[r.solver_path];
  }
  s.statistics = summarise_runs(layout, chunk.first, chunk.records, threads);
  return s;
}

}  // namespace tradejobs
