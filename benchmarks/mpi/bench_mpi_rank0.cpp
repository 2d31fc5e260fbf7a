// What rank 0 of an MPI sweep does per run, at a given number of sectors (issues 8 and 16;
// benchmarks/RESULTS.md, MPI section). Rank 0 does this for every run of every rank, so its rate
// is the ceiling of an MPI sweep's runs per second however many nodes compute.
//
// Since issue 16 a rank sends, for each range of runs it computed, the runs.csv rows and the
// summary of the range's blocks (sweep_stats.h); rank 0 reads the message, appends the rows and
// merges the summary. Measured here ("summaries"), per range size, for exact quantiles and for
// KLL sketches (k = 1000): consecutive ranges of R runs, each a whole node of the statistics
// tree as the coordinator hands them out, summarised beforehand as a rank would (not timed);
// timed: reading the message (ByteReader), appending its rows, SweepStatistics::add.
// For comparison, "values": rank 0 receiving every run's values (the message of issue 8) and
// summarising them itself.
// Usage: bench_mpi_rank0 [SECTORS...]   (default 56 1435)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "tradejobs/engine/bytes.h"
#include "tradejobs/engine/sweep_stats.h"

using namespace tradejobs;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::vector<RunRecord> records_of(std::uint64_t first, std::uint64_t n, size_t columns, std::mt19937_64& rng) {
  std::lognormal_distribution<double> draw(0.0, 1.0);
  std::vector<RunRecord> records(static_cast<size_t>(n));
  for (std::uint64_t i = 0; i < n; ++i) {
    RunRecord& r = records[static_cast<size_t>(i)];
    r.run = first + i;
    r.varied = {draw(rng), draw(rng), draw(rng)};
    r.values.resize(columns);
    for (double& v : r.values) v = draw(rng) - 1.5;
    r.solver_path = "iterative";
  }
  return records;
}

/// The RESULT message of runs [first, first + n), summarised as a rank does (in pieces of at
/// most 1024 runs, merged along the tree), and the bytes of its rows.
std::string message_of(const StatisticsLayout& layout, std::uint64_t first, std::uint64_t n, std::mt19937_64& rng) {
  ChunkStatistics chunk;
  chunk.first_run = first;
  chunk.runs = n;
  BlockMerger merger(first / kSweepStatsBlockRuns);
  std::string rows;
  for (std::uint64_t at = first; at < first + n; at += 1024) {
    const std::uint64_t part = std::min<std::uint64_t>(1024, first + n - at);
    const std::vector<RunRecord> records = records_of(at, part, layout.columns, rng);
    for (const auto& r : records) rows += runs_csv_row(r, kSweepTotals);
    ChunkStatistics piece = summarise_runs(layout, at, records, 1);
    for (auto& node : piece.nodes) merger.push(std::move(node));
    chunk.exact_values.insert(chunk.exact_values.end(), piece.exact_values.begin(), piece.exact_values.end());
  }
  chunk.nodes = merger.release();
  if (layout.exact) {  // column-major over the whole range
    std::vector<double> v(chunk.exact_values.size());
    const std::uint64_t pieces = (n + 1023) / 1024;
    std::uint64_t done = 0;
    for (std::uint64_t p = 0; p < pieces; ++p) {
      const std::uint64_t part = std::min<std::uint64_t>(1024, n - p * 1024);
      for (size_t c = 0; c < layout.columns; ++c)
        for (std::uint64_t i = 0; i < part; ++i) v[c * n + p * 1024 + i] = chunk.exact_values[done + c * part + i];
      done += part * layout.columns;
    }
    chunk.exact_values = std::move(v);
  }
  ByteWriter w;
  w.text(rows);
  chunk.save(w);
  return w.take();
}

struct Cost {
  double seconds_per_run = 0;
  double bytes_per_run = 0;
};

/// Rank 0's cost per run with summaries: `ranges` consecutive ranges of `range` runs.
Cost with_summaries(size_t columns, std::uint64_t range, std::uint64_t ranges, bool exact) {
  SweepStatisticsOptions o;
  o.memory_budget_bytes = exact ? ~0ull : 0;
  const std::uint64_t total = range * ranges;
  SweepStatistics stats(columns, total, o);
  std::mt19937_64 rng(2018);
  double seconds = 0, bytes = 0;
  std::string csv;
  for (std::uint64_t k = 0; k < ranges; ++k) {
    const std::string message = message_of(stats.layout(), k * range, range, rng);
    bytes += static_cast<double>(message.size());
    const auto t0 = Clock::now();
    ByteReader r(message, "the message of rank 1 of 2");
    csv += r.text();
    stats.add(ChunkStatistics::load(r, stats.layout()));
    if (csv.size() > (1u << 24)) csv.clear();
    seconds += since(t0);
  }
  const auto t0 = Clock::now();
  volatile double sink = stats.summary(0).p50;  // the final merge of the tree, once per sweep
  (void)sink;
  seconds += since(t0);
  return {seconds / static_cast<double>(total), bytes / static_cast<double>(total)};
}

/// Rank 0's cost per run when every run's values reach it (issue 8's messages).
Cost with_values(size_t columns, std::uint64_t runs, bool exact) {
  SweepStatisticsOptions o;
  o.memory_budget_bytes = exact ? ~0ull : 0;
  SweepStatistics stats(columns, runs, o);
  std::mt19937_64 rng(2018);
  double seconds = 0, bytes = 0;
  std::string csv;
  for (std::uint64_t at = 0; at < runs; at += 256) {
    const std::vector<RunRecord> sent = records_of(at, 256, columns, rng);
    ByteWriter w;
    for (const auto& r : sent) {
      w.u64(r.run);
      w.doubles(r.varied);
      w.doubles(r.values);
      w.text(r.solver_path);
    }
    const std::string message = w.take();
    bytes += static_cast<double>(message.size());
    const auto t0 = Clock::now();
    ByteReader r(message, "the message of rank 1 of 2");
    std::vector<RunRecord> got(sent.size());
    for (auto& g : got) {
      g.run = r.u64();
      g.varied = r.doubles();
      g.values = r.doubles();
      g.solver_path = r.text();
      csv += runs_csv_row(g, kSweepTotals);
    }
    stats.add(summarise_runs(stats.layout(), at, got, 1));
    if (csv.size() > (1u << 24)) csv.clear();
    seconds += since(t0);
  }
  return {seconds / static_cast<double>(runs), bytes / static_cast<double>(runs)};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(static_cast<size_t>(std::atol(argv[i])));
  if (sizes.empty()) sizes = {56, 1435};
  std::printf(
      "| sectors | values per run | quantiles | rank 0 receives | runs per range | bytes per run | rank 0 per run "
      "| rank 0 ceiling |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (size_t n : sizes) {
    const size_t columns = kSweepTotals + n * sweep_sector_quantities().size();
    for (bool exact : {true, false}) {
      const char* q = exact ? "exact" : "KLL (k = 1000)";
      const Cost v = with_values(columns, n > 500 ? 1024 : 8192, exact);
      std::printf("| %zu | %zu | %s | every run's values | 256 | %.0f | %.1f us | %.0f runs/s |\n", n, columns, q,
                  v.bytes_per_run, 1e6 * v.seconds_per_run, 1.0 / v.seconds_per_run);
      for (std::uint64_t range : {std::uint64_t{1024}, std::uint64_t{4096}, std::uint64_t{16384}}) {
        if (exact && n > 500 && range > 1024) continue;  // exact quantiles hold 1,459 runs at 1,435 sectors
        const std::uint64_t ranges = exact ? 4 : (range >= 16384 ? 4 : 8);
        const Cost s = with_summaries(columns, range, ranges, exact);
        std::printf("| %zu | %zu | %s | summaries | %llu | %.0f | %.2f us | %.0f runs/s |\n", n, columns, q,
                    s.bytes_per_run, static_cast<unsigned long long>(range), 1e6 * s.seconds_per_run,
                    1.0 / s.seconds_per_run);
      }
    }
  }
  return 0;
}
