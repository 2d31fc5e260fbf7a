#include "tradejobs/engine/sweep_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <stdexcept>
#include <utility>

#include "formats/csv.h"
#include "formats/double_text.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/sweep.h"

namespace tradejobs {

namespace {

struct TotalColumn {
  SweepTotal total;
  const char* name;
  bool money;
};

// The one table of the totals: their order is the enum's (checked below).
constexpr TotalColumn kTotalColumns[] = {
    {kTotalJobsChange, "jobs_change", false},
    {kTotalJobsCreated, "jobs_created", false},
    {kTotalJobsDestroyed, "jobs_destroyed", false},
    {kTotalOutputChange, "output_change", true},
    {kTotalTariffRevenueChange, "tariff_revenue_change", true},
    {kTotalAdjustmentCost, "adjustment_cost", true},
    {kTotalDisplaced, "displaced", false},
};
static_assert(sizeof kTotalColumns / sizeof kTotalColumns[0] == kSweepTotals, "one entry per SweepTotal");

constexpr bool totals_in_order() {
  for (size_t t = 0; t < kSweepTotals; ++t)
    if (kTotalColumns[t].total != t) return false;
  return true;
}
static_assert(totals_in_order(), "kTotalColumns lists the totals in SweepTotal order");

}  // namespace

const std::vector<std::string>& sweep_total_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& c : kTotalColumns) v.push_back(c.name);
    return v;
  }();
  return names;
}

const std::string& sweep_total_name(SweepTotal t) { return sweep_total_names().at(t); }

bool sweep_total_is_money(SweepTotal t) {
  if (t >= kSweepTotals) throw std::out_of_range("sweep_total_is_money: no total " + std::to_string(t));
  return kTotalColumns[t].money;
}

const std::vector<std::string>& sweep_sector_quantities() {
  static const std::vector<std::string> names = {"jobs_change", "output_change", "displaced", "adjustment_cost"};
  return names;
}

const std::vector<std::string>& sweep_group_quantities() {
  static const std::vector<std::string> names = {"jobs_change", "jobs_destroyed", "displaced", "adjustment_cost"};
  return names;
}

const std::vector<std::string>& sweep_region_quantities() {
  static const std::vector<std::string> names = {"output_change", "jobs_change", "imports_change", "exports_change",
                                                 "tariff_revenue_change"};
  return names;
}

const std::vector<std::string>& sweep_statistic_names() {
  static const std::vector<std::string> names = {"mean", "sd", "p5", "p50", "p95"};
  return names;
}

std::string runs_csv_header(const std::vector<std::string>& varied_keys) {
  std::string s = "run";
  for (const auto& k : varied_keys) s += "," + csv_escape(k);
  for (const auto& t : sweep_total_names()) s += "," + t;
  return s + "\n";
}

std::string runs_csv_row(const RunRecord& r, size_t totals) {
  // One allocation: every number goes through format_double_to (std::to_chars) into the row.
  std::string s;
  s.resize(24 + (r.varied.size() + totals) * (1 + kFormatDoubleChars));
  char* at = std::to_chars(s.data(), s.data() + 24, r.run).ptr;
  auto put = [&](double v) {
    *at++ = ',';
    at = format_double_to(at, v);
  };
  for (double v : r.varied) put(v);
  for (size_t t = 0; t < totals; ++t) put(r.values[t]);
  *at++ = '\n';
  s.resize(static_cast<size_t>(at - s.data()));
  return s;
}

bool SweepStatisticsOptions::is_valid(std::string* error) const {
  if (sketch_k < 8 || sketch_k > 1000000) {
    if (error) *error = "sketch_k = " + std::to_string(sketch_k) + ": must be in [8, 1000000]";
    return false;
  }
  return true;
}

// --- block summaries and their tree ---------------------------------------------------------

static_assert(kSweepStatsBlockRuns == kSweepBatchRuns, "a statistics block is a batch of runs");

namespace {

constexpr std::uint64_t kStatisticsStateVersion = 2;  // 1: one Welford pass per column (before blocks)

BlockSummary empty_node(const StatisticsLayout& layout) {
  BlockSummary s;
  s.mean.assign(layout.columns, 0.0);
  s.m2.assign(layout.columns, 0.0);
  s.min.assign(layout.columns, std::numeric_limits<double>::infinity());
  s.max.assign(layout.columns, -std::numeric_limits<double>::infinity());
  if (!layout.exact) s.sketches.assign(layout.columns, QuantileSketch(layout.sketch_k));
  return s;
}

/// The leaf of block `block`: runs records[lo, hi) in run order.
BlockSummary leaf(const StatisticsLayout& layout, std::uint64_t block, const std::vector<RunRecord>& records, size_t lo,
                  size_t hi) {
  BlockSummary s = empty_node(layout);
  s.first_block = block;
  s.level = 0;
  s.count = hi - lo;
  for (size_t c = 0; c < layout.columns; ++c) {
    RunningMoments m;
    double mn = s.min[c], mx = s.max[c];
    for (size_t i = lo; i < hi; ++i) {
      const double x = records[i].values[c];
      m.add(x);
      mn = std::min(mn, x);
      mx = std::max(mx, x);
      if (!layout.exact) s.sketches[c].add(x);
    }
    s.mean[c] = m.mean;
    s.m2[c] = m.m2;
    s.min[c] = mn;
    s.max[c] = mx;
  }
  return s;
}

std::uint64_t node_blocks(int level) { return std::uint64_t{1} << level; }

}  // namespace

BlockSummary merge_siblings(BlockSummary&& left, const BlockSummary& right) {
  if (left.level != right.level || (left.first_block >> left.level) % 2 != 0 ||
      right.first_block != left.first_block + node_blocks(left.level) || left.mean.size() != right.mean.size() ||
      left.sketches.size() != right.sketches.size())
    throw std::invalid_argument("merge_siblings: the nodes at blocks " + std::to_string(left.first_block) + " and " +
                                std::to_string(right.first_block) + " are not siblings of one layout");
  const size_t columns = left.mean.size();
  for (size_t c = 0; c < columns; ++c) {
    RunningMoments a{left.count, left.mean[c], left.m2[c]};
    a.merge(RunningMoments{right.count, right.mean[c], right.m2[c]});
    left.mean[c] = a.mean;
    left.m2[c] = a.m2;
    left.min[c] = std::min(left.min[c], right.min[c]);
    left.max[c] = std::max(left.max[c], right.max[c]);
  }
  for (size_t c = 0; c < left.sketches.size(); ++c) left.sketches[c].merge(right.sketches[c]);
  left.count += right.count;
  ++left.level;
  return std::move(left);
}

void BlockSummary::save(ByteWriter& w) const {
  w.u64(first_block);
  w.u64(static_cast<std::uint64_t>(level));
  w.u64(count);
  w.u64(mean.size());
  for (const auto* v : {&mean, &m2, &min, &max}) w.f64s(v->data(), v->size());
  w.u64(sketches.size());
  for (const auto& s : sketches) s.save(w);
}

BlockSummary BlockSummary::load(ByteReader& r, const StatisticsLayout& layout) {
  BlockSummary s;
  s.first_block = r.u64();
  const std::uint64_t level = r.u64();
  s.count = r.u64();
  const std::uint64_t columns = r.u64();
  if (level > 63 || columns != layout.columns)
    throw InputError("sweep statistics: a summary of " + std::to_string(columns) + " columns, expected " +
                     std::to_string(layout.columns) + " (saved for another sweep?)");
  s.level = static_cast<int>(level);
  for (auto* v : {&s.mean, &s.m2, &s.min, &s.max}) {
    v->resize(layout.columns);
    r.f64s(v->data(), v->size());
  }
  const std::uint64_t sketches = r.u64();
  if (sketches != (layout.exact ? 0 : layout.columns))
    throw InputError("sweep statistics: a summary with " + std::to_string(sketches) + " sketches, expected " +
                     std::to_string(layout.exact ? 0 : layout.columns));
  s.sketches.reserve(static_cast<size_t>(sketches));
  for (std::uint64_t c = 0; c < sketches; ++c) {
    s.sketches.push_back(QuantileSketch::load(r));
    if (s.sketches.back().k() != layout.sketch_k)
      throw InputError("sweep statistics: a sketch of k = " + std::to_string(s.sketches.back().k()) + ", expected " +
                       std::to_string(layout.sketch_k));
  }
  return s;
}

void BlockMerger::push(BlockSummary&& node) {
  if (node.first_block != next_ || node.level < 0 || node.level > 62 || node.first_block % node_blocks(node.level))
    throw std::invalid_argument("BlockMerger::push: a node at block " + std::to_string(node.first_block) + " (level " +
                                std::to_string(node.level) + "), expected one at block " + std::to_string(next_) +
                                " aligned on its size");
  next_ += node_blocks(node.level);
  pending_.push_back(std::move(node));
  // A node at an odd position completes its parent with the node before it.
  while (pending_.size() >= 2) {
    BlockSummary& right = pending_.back();
    BlockSummary& left = pending_[pending_.size() - 2];
    if (left.level != right.level || (left.first_block >> left.level) % 2 != 0) break;
    BlockSummary parent = merge_siblings(std::move(left), right);
    pending_.pop_back();
    pending_.back() = std::move(parent);
  }
}

std::vector<BlockSummary> BlockMerger::release() {
  std::vector<BlockSummary> out = std::move(pending_);
  pending_.clear();
  return out;
}

BlockSummary BlockMerger::root() const {
  if (pending_.empty()) throw std::logic_error("BlockMerger::root: no runs");
  // The pending nodes are the left parts of the tree's nodes that reach past the last run;
  // merged from the right, as merge(left part, the rest) at each level.
  BlockSummary acc = pending_.back();
  for (size_t i = pending_.size() - 1; i-- > 0;) {
    BlockSummary left = pending_[i];
    // acc stands for the (smaller) right child of `left`'s parent: give it left's level and
    // position so the sibling merge applies (the blocks past the last run are empty).
    acc.level = left.level;
    acc.first_block = left.first_block + node_blocks(left.level);
    acc = merge_siblings(std::move(left), acc);
  }
  return acc;
}

void ChunkStatistics::save(ByteWriter& w) const {
  w.u64(first_run);
  w.u64(runs);
  w.u64(nodes.size());
  for (const auto& n : nodes) n.save(w);
  w.doubles(exact_values);
}

ChunkStatistics ChunkStatistics::load(ByteReader& r, const StatisticsLayout& layout) {
  ChunkStatistics c;
  c.first_run = r.u64();
  c.runs = r.u64();
  const std::uint64_t nodes = r.u64();
  if (nodes > c.runs)
    throw InputError("sweep statistics: " + std::to_string(nodes) + " summaries for " + std::to_string(c.runs) +
                     " runs");
  for (std::uint64_t i = 0; i < nodes; ++i) c.nodes.push_back(BlockSummary::load(r, layout));
  c.exact_values = r.doubles();
  if (c.exact_values.size() != (layout.exact ? layout.columns * c.runs : 0))
    throw InputError("sweep statistics: " + std::to_string(c.exact_values.size()) + " values for " +
                     std::to_string(c.runs) + " runs");
  return c;
}

ChunkStatistics summarise_runs(const StatisticsLayout& layout, std::uint64_t first_run,
                               const std::vector<RunRecord>& records, int threads) {
  if (first_run % kSweepStatsBlockRuns != 0)
    throw std::invalid_argument("summarise_runs: first run " + std::to_string(first_run) + " is not a multiple of " +
                                std::to_string(kSweepStatsBlockRuns));
  for (const RunRecord& r : records)
    if (r.values.size() != layout.columns)
      throw InputError("sweep statistics: run " + std::to_string(r.run) + " gave " + std::to_string(r.values.size()) +
                       " values, expected " + std::to_string(layout.columns));
  ChunkStatistics chunk;
  chunk.first_run = first_run;
  chunk.runs = records.size();
  if (records.empty()) return chunk;
  const std::uint64_t first_block = first_run / kSweepStatsBlockRuns;
  const std::uint64_t blocks = (chunk.runs + kSweepStatsBlockRuns - 1) / kSweepStatsBlockRuns;
  // The chunk's blocks as whole aligned nodes, none larger than about blocks / (2·threads) so
  // that every thread gets some: each is one task, its leaves merged within it.
  std::uint64_t cap = 1;
  while (cap * 2 <= std::max<std::uint64_t>(1, blocks / (2 * static_cast<std::uint64_t>(std::max(1, threads)))))
    cap *= 2;
  std::vector<std::pair<std::uint64_t, int>> tasks;  // first block, level
  for (std::uint64_t b = first_block, end = first_block + blocks; b < end;) {
    int level = 0;
    while (node_blocks(level + 1) <= cap && b % node_blocks(level + 1) == 0 && b + node_blocks(level + 1) <= end)
      ++level;
    tasks.emplace_back(b, level);
    b += node_blocks(level);
  }
  chunk.nodes.resize(tasks.size());
  const auto n_tasks = static_cast<std::int64_t>(tasks.size());
  std::vector<std::exception_ptr> failed(tasks.size());
#pragma omp parallel for num_threads(std::max(1, threads)) schedule(dynamic, 1)
  for (std::int64_t t = 0; t < n_tasks; ++t) {
    try {
      const auto [b0, level] = tasks[static_cast<size_t>(t)];
      BlockMerger merger(b0);
      for (std::uint64_t b = b0; b < b0 + node_blocks(level); ++b) {
        const auto lo = static_cast<size_t>((b - first_block) * kSweepStatsBlockRuns);
        const size_t hi = std::min(records.size(), lo + static_cast<size_t>(kSweepStatsBlockRuns));
        merger.push(leaf(layout, b, records, lo, hi));
      }
      std::vector<BlockSummary> done = merger.release();
      chunk.nodes[static_cast<size_t>(t)] = std::move(done.front());  // one whole node
    } catch (...) {
      failed[static_cast<size_t>(t)] = std::current_exception();
    }
  }
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
  if (layout.exact) {
    chunk.exact_values.resize(layout.columns * records.size());
    for (size_t i = 0; i < records.size(); ++i)
      for (size_t c = 0; c < layout.columns; ++c) chunk.exact_values[c * records.size() + i] = records[i].values[c];
  }
  return chunk;
}

// --- the sweep's statistics ----------------------------------------------------------------

StatisticsLayout statistics_layout(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options) {
  if (std::string why; !options.is_valid(&why)) throw InputError("sweep statistics option " + why);
  const double bytes = 8.0 * static_cast<double>(columns) * static_cast<double>(total_runs);
  StatisticsLayout layout;
  layout.columns = columns;
  layout.exact = bytes <= static_cast<double>(options.memory_budget_bytes);
  layout.sketch_k = options.sketch_k;
  return layout;
}

SweepStatistics::SweepStatistics(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options)
    : layout_(statistics_layout(columns, total_runs, options)) {
  if (layout_.exact) {
    values_.resize(columns);
    for (auto& v : values_) v.reserve(static_cast<size_t>(total_runs));
  }
}

void SweepStatistics::add(ChunkStatistics&& chunk) {
  if (chunk.first_run != count_ || chunk.exact_values.size() != (layout_.exact ? layout_.columns * chunk.runs : 0))
    throw std::invalid_argument("SweepStatistics::add: runs " + std::to_string(chunk.first_run) + " to " +
                                std::to_string(chunk.first_run + chunk.runs) + ", expected the runs from " +
                                std::to_string(count_));
  if (chunk.runs == 0) return;
  if (count_ % kSweepStatsBlockRuns != 0)
    throw std::invalid_argument("SweepStatistics::add: the last chunk ended inside a block");
  std::uint64_t covered = 0;
  for (const auto& n : chunk.nodes) covered += n.count;
  if (covered != chunk.runs)
    throw std::invalid_argument("SweepStatistics::add: the summaries cover " + std::to_string(covered) + " runs of " +
                                std::to_string(chunk.runs));
  for (auto& n : chunk.nodes) merger_.push(std::move(n));
  if (layout_.exact)
    for (size_t c = 0; c < layout_.columns; ++c) {
      const double* v = chunk.exact_values.data() + c * chunk.runs;
      values_[c].insert(values_[c].end(), v, v + chunk.runs);
    }
  count_ += chunk.runs;
  root_valid_ = false;
}

const BlockSummary& SweepStatistics::root() const {
  if (!root_valid_) {
    root_ = count_ > 0 ? merger_.root() : empty_node(layout_);
    root_valid_ = true;
  }
  return root_;
}

ColumnSummary SweepStatistics::summary(size_t c) const {
  const BlockSummary& r = root();
  ColumnSummary s;
  s.mean = r.mean.at(c);
  s.sd = RunningMoments{r.count, r.mean[c], r.m2[c]}.sd();
  s.min = count_ > 0 ? r.min[c] : std::numeric_limits<double>::quiet_NaN();
  s.max = count_ > 0 ? r.max[c] : std::numeric_limits<double>::quiet_NaN();
  if (layout_.exact) {
    std::vector<double> sorted = values_[c];
    std::sort(sorted.begin(), sorted.end());
    s.p5 = sorted_quantile(sorted, 0.05);
    s.p50 = sorted_quantile(sorted, 0.50);
    s.p95 = sorted_quantile(sorted, 0.95);
  } else {
    s.p5 = r.sketches[c].quantile(0.05);
    s.p50 = r.sketches[c].quantile(0.50);
    s.p95 = r.sketches[c].quantile(0.95);
  }
  return s;
}

double SweepStatistics::rank_error_bound() const {
  double worst = 0.0;
  if (!layout_.exact && count_ > 0)
    for (const auto& s : root().sketches)
      worst = std::max(worst, s.rank_error_bound(1e-6) / static_cast<double>(count_));
  return worst;
}

size_t SweepStatistics::retained_values() const {
  size_t n = 0;
  for (const auto& v : values_) n += v.size();
  for (const auto& node : merger_.pending())
    for (const auto& s : node.sketches) n += s.retained();
  return n;
}

void SweepStatistics::save(ByteWriter& w) const {
  w.u64(kStatisticsStateVersion);
  w.u64(layout_.columns);
  w.u64(layout_.exact ? 1 : 0);
  w.u64(count_);
  w.u64(merger_.pending().size());
  for (const auto& n : merger_.pending()) n.save(w);
  if (layout_.exact)
    for (const auto& v : values_) w.f64s(v.data(), v.size());
}

void SweepStatistics::load(ByteReader& r) {
  const std::uint64_t version = r.u64();
  if (version != kStatisticsStateVersion)
    throw InputError("sweep state: the statistics were saved by another version of tradejobs (layout " +
                     std::to_string(version) + ", expected " + std::to_string(kStatisticsStateVersion) +
                     "): start the sweep again with --restart");
  if (r.u64() != layout_.columns || (r.u64() == 1) != layout_.exact)
    throw InputError("sweep state: the statistics were saved for another sweep layout");
  count_ = r.u64();
  const std::uint64_t pending = r.u64();
  if (pending > 64) throw InputError("sweep state: the statistics are corrupt (" + std::to_string(pending) + " nodes)");
  merger_ = BlockMerger(0);
  std::uint64_t covered = 0;
  for (std::uint64_t i = 0; i < pending; ++i) {
    BlockSummary n = BlockSummary::load(r, layout_);
    covered += n.count;
    try {
      merger_.push(std::move(n));
    } catch (const std::invalid_argument&) {
      throw InputError("sweep state: the statistics are corrupt (summaries out of order)");
    }
  }
  if (covered != count_) throw InputError("sweep state: the statistics are corrupt (runs do not add up)");
  if (layout_.exact)
    for (auto& v : values_) {
      v.resize(static_cast<size_t>(count_));
      r.f64s(v.data(), v.size());
    }
  root_valid_ = false;
}

namespace {

double statistic_of(const ColumnSummary& c, const std::string& statistic) {
  return statistic == "mean"  ? c.mean
         : statistic == "sd"  ? c.sd
         : statistic == "p5"  ? c.p5
         : statistic == "p50" ? c.p50
                              : c.p95;
}

/// `key,statistic,<quantities>` with five rows per code, from the columns at `first_column`
/// (code-major); `unknown(i, k)` writes NA instead of the number.
template <typename Unknown>
std::string stats_table_csv(const SweepStatistics& stats, const std::string& key, const std::vector<std::string>& codes,
                            const std::vector<std::string>& quantities, size_t first_column, Unknown unknown) {
  const size_t q = quantities.size();
  std::string s = key + ",statistic";
  for (const auto& name : quantities) s += "," + name;
  s += "\n";
  std::vector<ColumnSummary> row(q);
  for (size_t i = 0; i < codes.size(); ++i) {
    for (size_t k = 0; k < q; ++k) row[k] = stats.summary(first_column + i * q + k);
    for (const auto& statistic : sweep_statistic_names()) {
      s += csv_escape(codes[i]) + "," + statistic;
      for (size_t k = 0; k < q; ++k)
        s += "," + (unknown(i, k) ? std::string("NA") : format_double(statistic_of(row[k], statistic)));
      s += "\n";
    }
  }
  return s;
}

}  // namespace

std::string sector_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& sector_codes,
                             size_t totals) {
  return stats_table_csv(stats, "sector", sector_codes, sweep_sector_quantities(), totals,
                         [](size_t, size_t) { return false; });
}

std::string regions_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& region_codes,
                              const std::vector<bool>& jobs_known, size_t first_column) {
  const auto& quantities = sweep_region_quantities();
  const size_t jobs =
      static_cast<size_t>(std::find(quantities.begin(), quantities.end(), "jobs_change") - quantities.begin());
  return stats_table_csv(stats, "region", region_codes, quantities, first_column,
                         [&](size_t r, size_t k) { return k == jobs && !jobs_known.at(r); });
}

std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  char buf[160];
  const double percent = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
  if (rate > 0 && done < total) {
    const auto left = static_cast<long long>(std::ceil(static_cast<double>(total - done) / rate));
    std::snprintf(buf, sizeof buf, "sweep: %llu/%llu runs (%.0f%%)  %.0f runs/s  %lld:%02lld left",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), std::floor(percent),
                  rate, left / 60, left % 60);
  } else {
    std::snprintf(buf, sizeof buf, "sweep: %llu/%llu runs (%.0f%%)", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), std::floor(percent));
  }
  return buf;
}

}  // namespace tradejobs
