// ctest-labels: unit
// Exact quantiles, running moments and the KLL sketch (quantiles.h; docs/model.md §6).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/quantiles.h"
#include "tradejobs/engine/random.h"
#include "tradejobs/engine/sweep_stats.h"

using namespace tradejobs;

TEST_CASE("exact quantiles interpolate between order statistics (type 7)") {
  const std::vector<double> v = {1, 2, 3, 4, 5};
  CHECK(sorted_quantile(v, 0.0) == 1);
  CHECK(sorted_quantile(v, 0.5) == 3);
  CHECK(sorted_quantile(v, 1.0) == 5);
  CHECK(sorted_quantile(v, 0.05) == doctest::Approx(1.2));  // numpy.percentile([1..5], 5) = 1.2
  CHECK(sorted_quantile(v, 0.95) == doctest::Approx(4.8));
  CHECK(sorted_quantile({7.0}, 0.95) == 7);
  CHECK(std::isnan(sorted_quantile({}, 0.5)));
}

TEST_CASE("running moments equal the two-pass mean and sample standard deviation") {
  RunningMoments m;
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  for (double x : v) m.add(x);
  CHECK(m.count == 8);
  CHECK(m.mean == doctest::Approx(5.0));
  CHECK(m.sd() == doctest::Approx(std::sqrt(32.0 / 7.0)));
  RunningMoments one;
  one.add(3);
  CHECK(one.sd() == 0.0);
}

namespace {

std::vector<double> normal_draws(size_t n, std::uint64_t seed) {
  std::vector<double> v(n);
  ParameterDistribution d;
  d.kind = DistributionKind::Lognormal;  // skewed, like job losses across runs
  d.mu = 1.0;
  d.sigma = 0.8;
  for (size_t i = 0; i < n; ++i) v[i] = d.sample(seed, i, 99);
  return v;
}

/// Rank error of a returned value x against the exact data: distance from q·N to the
/// interval of ranks that x occupies.
double rank_error(const std::vector<double>& sorted, double x, double q) {
  const double below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
  const double at_or_below = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
  const double target = q * static_cast<double>(sorted.size());
  if (target < below) return below - target;
  if (target > at_or_below) return target - at_or_below;
  return 0.0;
}

}  // namespace

TEST_CASE("the KLL sketch is within its documented rank error of the exact quantiles on 10^6 draws") {
  const size_t n = 1000000;
  const std::vector<double> v = normal_draws(n, 2018);
  for (int k : {200, 1000}) {
    CAPTURE(k);
    QuantileSketch s(k);
    for (double x : v) s.add(x);
    CHECK(s.count() == n);
    CHECK(s.retained() < static_cast<size_t>(3 * k + 64));  // memory O(k), not O(N)
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const double bound = s.rank_error_bound(1e-6);
    // docs/sweeps.md: on 10^6 values the bound (δ = 1e-6) is below 5.5/k of N
    // (k = 1000: 0.46%, while the errors seen are about 0.05%).
    CHECK(bound / n < 5.5 / k);
    for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
      CAPTURE(q);
      const double x = s.quantile(q);
      CHECK(rank_error(sorted, x, q) <= bound);
      CHECK(std::fabs(s.rank(x) - static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) -
                                                      sorted.begin())) <= bound);
    }
  }
}

TEST_CASE("the sketch is deterministic, and exact while it has not compacted") {
  const std::vector<double> v = normal_draws(50000, 7);
  QuantileSketch a(200), b(200);
  for (double x : v) a.add(x);
  for (double x : v) b.add(x);
  for (double q : {0.05, 0.5, 0.95}) CHECK(a.quantile(q) == b.quantile(q));
  QuantileSketch small(1000);
  std::vector<double> few(v.begin(), v.begin() + 500);
  for (double x : few) small.add(x);
  std::sort(few.begin(), few.end());
  CHECK(small.quantile(0.5) == few[249]);  // first value whose rank reaches 250
  CHECK(small.rank_error_bound() == 1.0);  // no compaction yet: only the unit step
}

TEST_CASE("save and load restore the sketch exactly; continuing gives the same sketch") {
  const std::vector<double> v = normal_draws(120000, 3);
  QuantileSketch whole(100), part(100);
  for (double x : v) whole.add(x);
  for (size_t i = 0; i < 70001; ++i) part.add(v[i]);
  ByteWriter w;
  part.save(w);
  ByteReader r(w.bytes(), "state");
  QuantileSketch resumed = QuantileSketch::load(r);
  CHECK(r.done());
  for (size_t i = 70001; i < v.size(); ++i) resumed.add(v[i]);
  ByteWriter a, b;
  whole.save(a);
  resumed.save(b);
  CHECK(a.bytes() == b.bytes());
  ByteReader bad("abc", "sweep.state");
  CHECK_THROWS_WITH(QuantileSketch::load(bad), "sweep.state: the state is truncated or corrupt");
}

TEST_CASE("merging two sketches keeps the error bound") {
  const std::vector<double> v = normal_draws(400000, 11);
  QuantileSketch a(400), b(400);
  for (size_t i = 0; i < v.size(); ++i) (i < v.size() / 2 ? a : b).add(v[i]);
  a.merge(b);
  CHECK(a.count() == v.size());
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (double q : {0.05, 0.5, 0.95}) CHECK(rank_error(sorted, a.quantile(q), q) <= a.rank_error_bound(1e-6));
}

// --- the one serialiser and hash (bytes.h) ---------------------------------------------------

TEST_CASE("ByteWriter and ByteReader round-trip numbers, arrays and texts; a short read names its source") {
  ByteWriter w;
  w.u64(0x0102030405060708ull);
  w.f64(-0.0);
  w.doubles({1.5, -2.25, 1e-310});
  w.text("iterative");
  const double raw[2] = {3.0, 4.0};
  w.f64s(raw, 2);
  CHECK(w.bytes().substr(0, 2) == std::string("\x08\x07", 2));  // little-endian on any machine
  ByteReader r(w.take(), "the message of rank 1 of 2", "the message is truncated");
  CHECK(r.u64() == 0x0102030405060708ull);
  const double z = r.f64();
  CHECK((z == 0.0 && std::signbit(z)));
  CHECK(r.doubles() == std::vector<double>{1.5, -2.25, 1e-310});
  CHECK(r.text() == "iterative");
  double back[2];
  r.f64s(back, 2);
  CHECK((back[0] == 3.0 && back[1] == 4.0));
  CHECK(r.done());
  CHECK_THROWS_WITH_AS(r.u64(), "the message of rank 1 of 2: the message is truncated", InputError);
  ByteWriter huge;
  huge.u64(1ull << 60);  // a length far past the end
  ByteReader h(huge.take(), "sweep.state");
  CHECK_THROWS_WITH_AS(h.doubles(), "sweep.state: the state is truncated or corrupt", InputError);
}

TEST_CASE("Fnv1a64 gives the published FNV-1a values") {
  CHECK(Fnv1a64().value() == 0xcbf29ce484222325ull);
  Fnv1a64 a;
  a.bytes("a", 1);
  CHECK(a.value() == 0xaf63dc4c8601ec8cull);
  Fnv1a64 foobar;
  foobar.bytes("foobar", 6);
  CHECK(foobar.value() == 0x85944171f73967e8ull);
  Fnv1a64 t1, t2;  // text() appends the length: "ab" + "c" differs from "a" + "bc"
  t1.text("ab");
  t1.text("c");
  t2.text("a");
  t2.text("bc");
  CHECK(t1.value() != t2.value());
}

// --- block statistics (sweep_stats.h) ---------------------------------------------------------

namespace {

/// `runs` records of `columns` values: lognormal draws, shifted so some columns are negative,
/// with one constant column and one of wide magnitude.
std::vector<RunRecord> random_records(std::uint64_t runs, size_t columns, std::uint64_t seed) {
  std::vector<RunRecord> records(static_cast<size_t>(runs));
  ParameterDistribution d;
  d.kind = DistributionKind::Lognormal;
  d.mu = 0.5;
  d.sigma = 0.9;
  for (std::uint64_t i = 0; i < runs; ++i) {
    RunRecord& r = records[static_cast<size_t>(i)];
    r.run = i;
    r.values.resize(columns);
    for (size_t c = 0; c < columns; ++c) {
      const double x = d.sample(seed, i, static_cast<std::uint32_t>(c));
      r.values[c] = c == 0 ? 7.25 : c == 1 ? 1e6 * x : x - 2.0 * static_cast<double>(c % 3);
    }
  }
  return records;
}

/// The statistics of `records` added in chunks that start at `starts` (multiples of 16).
SweepStatistics in_chunks(const std::vector<RunRecord>& records, size_t columns, const SweepStatisticsOptions& o,
                          const std::vector<std::uint64_t>& starts, int threads) {
  SweepStatistics stats(columns, records.size(), o);
  std::vector<std::uint64_t> bounds = starts;
  bounds.push_back(records.size());
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    const std::vector<RunRecord> part(records.begin() + static_cast<std::ptrdiff_t>(bounds[i]),
                                      records.begin() + static_cast<std::ptrdiff_t>(bounds[i + 1]));
    ChunkStatistics chunk = summarise_runs(stats.layout(), bounds[i], part, threads);
    // Through the serialiser, as from an MPI rank.
    ByteWriter w;
    chunk.save(w);
    ByteReader r(w.take(), "chunk");
    stats.add(ChunkStatistics::load(r, stats.layout()));
    CHECK(r.done());
  }
  return stats;
}

/// Random chunk starts: multiples of 16 in (0, runs).
std::vector<std::uint64_t> random_starts(std::uint64_t runs, std::uint64_t seed) {
  std::vector<std::uint64_t> starts = {0};
  for (std::uint64_t at = 0, i = 0;; ++i) {
    at += 16 * (1 + static_cast<std::uint64_t>(uniform_draw(seed, i, 5, 0) * 40));
    if (at >= runs) break;
    starts.push_back(at);
  }
  return starts;
}

std::string state_of(const SweepStatistics& s) {
  ByteWriter w;
  s.save(w);
  return w.take();
}

}  // namespace

TEST_CASE("Chan's merge of moments equals one Welford pass") {
  const std::vector<double> v = normal_draws(10007, 21);
  RunningMoments whole;
  for (double x : v) whole.add(x);
  for (size_t cut : {size_t{1}, size_t{16}, size_t{5000}, v.size() - 1}) {
    RunningMoments a, b;
    for (size_t i = 0; i < v.size(); ++i) (i < cut ? a : b).add(v[i]);
    a.merge(b);
    CHECK(a.count == whole.count);
    CHECK(std::fabs(a.mean - whole.mean) <= 1e-13 * std::fabs(whole.mean));
    CHECK(std::fabs(a.m2 - whole.m2) <= 1e-12 * whole.m2);
  }
  RunningMoments empty, one;
  one.add(4.0);
  empty.merge(one);
  CHECK((empty.count == 1 && empty.mean == 4.0 && empty.m2 == 0.0));
  one.merge(RunningMoments{});
  CHECK((one.count == 1 && one.mean == 4.0));
}

TEST_CASE("block statistics equal the single-pass ones, and do not depend on chunks or threads") {
  const size_t columns = 6;
  for (std::uint64_t runs :
       {std::uint64_t{1}, std::uint64_t{16}, std::uint64_t{17}, std::uint64_t{1000}, std::uint64_t{4099}}) {
    CAPTURE(runs);
    const std::vector<RunRecord> records = random_records(runs, columns, 100 + runs);
    SweepStatisticsOptions o;  // exact: every value fits
    const SweepStatistics one = in_chunks(records, columns, o, {0}, 1);
    CHECK(one.exact());
    CHECK(one.count() == runs);
    for (size_t c = 0; c < columns; ++c) {
      CAPTURE(c);
      std::vector<double> column;
      RunningMoments m;
      for (const auto& r : records) {
        column.push_back(r.values[c]);
        m.add(r.values[c]);
      }
      std::sort(column.begin(), column.end());
      const ColumnSummary s = one.summary(c);
      // Exact quantiles bit for bit; moments within 1e-12 relative of one Welford pass.
      CHECK(s.p5 == sorted_quantile(column, 0.05));
      CHECK(s.p50 == sorted_quantile(column, 0.50));
      CHECK(s.p95 == sorted_quantile(column, 0.95));
      CHECK(s.min == column.front());
      CHECK(s.max == column.back());
      CHECK(std::fabs(s.mean - m.mean) <= 1e-12 * std::fabs(m.mean));
      CHECK(std::fabs(s.sd - m.sd()) <= 1e-12 * std::max(m.sd(), 1e-300));
      if (c == 0) CHECK((s.mean == 7.25 && s.sd == 0.0));
    }
    // Many chunk layouts and thread counts: the same bytes of state, the same summaries.
    const std::string expected = state_of(one);
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      CAPTURE(seed);
      const SweepStatistics other = in_chunks(records, columns, o, random_starts(runs, seed), 1 + seed % 3);
      CHECK(state_of(other) == expected);
      for (size_t c = 0; c < columns; ++c) {
        const ColumnSummary a = one.summary(c), b = other.summary(c);
        CHECK((a.mean == b.mean && a.sd == b.sd && a.p50 == b.p50 && a.min == b.min));
      }
    }
  }
}

TEST_CASE("block sketches merge deterministically, within their rank error bound") {
  const size_t columns = 3;
  const std::uint64_t runs = 60000;
  const std::vector<RunRecord> records = random_records(runs, columns, 9);
  SweepStatisticsOptions o;
  o.memory_budget_bytes = 0;  // sketches
  o.sketch_k = 200;
  const SweepStatistics one = in_chunks(records, columns, o, {0}, 2);
  CHECK_FALSE(one.exact());
  const std::string expected = state_of(one);
  for (std::uint64_t seed : {3, 4}) {
    const SweepStatistics other = in_chunks(records, columns, o, random_starts(runs, seed), static_cast<int>(seed));
    CHECK(state_of(other) == expected);
  }
  CHECK(one.rank_error_bound() > 0);
  CHECK(one.rank_error_bound() < 5.5 / 200);
  for (size_t c = 1; c < columns; ++c) {
    std::vector<double> column;
    for (const auto& r : records) column.push_back(r.values[c]);
    std::sort(column.begin(), column.end());
    const ColumnSummary s = one.summary(c);
    const double bound = one.rank_error_bound() * static_cast<double>(runs);
    CHECK(rank_error(column, s.p5, 0.05) <= bound);
    CHECK(rank_error(column, s.p50, 0.50) <= bound);
    CHECK(rank_error(column, s.p95, 0.95) <= bound);
    CHECK((s.min == column.front() && s.max == column.back()));
  }
}

TEST_CASE("saved statistics resume to the bytes of an uninterrupted sweep") {
  const size_t columns = 4;
  for (std::uint64_t budget : {std::uint64_t{64} << 20, std::uint64_t{0}}) {
    CAPTURE(budget);
    const std::uint64_t runs = 2500;
    const std::vector<RunRecord> records = random_records(runs, columns, 77);
    SweepStatisticsOptions o;
    o.memory_budget_bytes = budget;
    o.sketch_k = 100;
    const SweepStatistics whole = in_chunks(records, columns, o, {0}, 1);
    SweepStatistics first(columns, runs, o);
    const std::vector<RunRecord> head(records.begin(), records.begin() + 1104);
    first.add(summarise_runs(first.layout(), 0, head, 2));
    ByteWriter w;
    first.save(w);
    SweepStatistics resumed(columns, runs, o);
    ByteReader r(w.take(), "sweep.state");
    resumed.load(r);
    CHECK(r.done());
    const std::vector<RunRecord> tail(records.begin() + 1104, records.end());
    resumed.add(summarise_runs(resumed.layout(), 1104, tail, 1));
    CHECK(state_of(resumed) == state_of(whole));
    SweepStatistics other_layout(columns + 1, runs, o);
    ByteReader again(state_of(first), "sweep.state");
    CHECK_THROWS_WITH_AS(other_layout.load(again), "sweep state: the statistics were saved for another sweep layout",
                         InputError);
  }
}

TEST_CASE("the tree refuses nodes out of order, and chunks that do not follow") {
  StatisticsLayout layout;
  layout.columns = 1;
  const std::vector<RunRecord> records = random_records(48, 1, 1);
  ChunkStatistics c = summarise_runs(layout, 16, {records.begin() + 16, records.end()}, 1);
  REQUIRE(c.nodes.size() == 2);  // block 1 alone (odd), then block 2
  CHECK((c.nodes[0].first_block == 1 && c.nodes[0].level == 0 && c.nodes[1].first_block == 2));
  BlockMerger m;
  CHECK_THROWS_AS(m.push(std::move(c.nodes[1])), std::invalid_argument);
  CHECK_THROWS_AS(summarise_runs(layout, 8, records, 1), std::invalid_argument);
  SweepStatisticsOptions o;
  SweepStatistics s(1, 48, o);
  CHECK_THROWS_AS(s.add(summarise_runs(s.layout(), 16, {records.begin() + 16, records.end()}, 1)),
                  std::invalid_argument);
  RunRecord bad;
  bad.run = 3;
  bad.values = {1.0, 2.0};
  CHECK_THROWS_WITH_AS(summarise_runs(layout, 0, {bad}, 1), "sweep statistics: run 3 gave 2 values, expected 1",
                       InputError);
}
