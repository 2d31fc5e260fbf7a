// summary.json of a sweep (summary.h).
#include "sweep/summary.h"

#include <cmath>
#include <limits>

#include "formats/json.h"
#include "results/summary_json.h"
#include "run/trade_backend.h"
#include "sweep/plan.h"
#include "tradejobs/engine/outputs.h"

namespace tradejobs {

namespace {

/// One column's statistics in summary.json: {"mean", "sd", "p5", "p50", "p95"}.
void write_column_summary(JsonWriter& j, const ColumnSummary& c) {
  j.begin_object();
  j.field("mean", c.mean);
  j.field("sd", c.sd);
  j.field("p5", c.p5);
  j.field("p50", c.p50);
  j.field("p95", c.p95);
  j.field("min", c.min);
  j.field("max", c.max);
  j.end_object();
}

// --- summary.json ------------------------------------------------------------------------

void write_vary(JsonWriter& j, const VaryEntry& e) {
  j.begin_object();
  j.field("key", e.key);
  if (e.kind == VaryKind::Values) {
    j.key("values");
    j.begin_array();
    for (double v : e.values) j.value(v);
    j.end_array();
  } else if (e.kind == VaryKind::Range) {
    j.key("range");
    j.begin_object();
    j.field("from", e.range_from);
    j.field("to", e.range_to);
    j.field("step", e.range_step);
    j.end_object();
  } else {
    const ParameterDistribution& d = e.distribution;
    j.field("distribution", distribution_name(d.kind));
    switch (d.kind) {
      case DistributionKind::Normal:
        j.field("mean", d.mean);
        j.field("sd", d.sd);
        break;
      case DistributionKind::Lognormal:
        j.field("mu", d.mu);
        j.field("sigma", d.sigma);
        break;
      case DistributionKind::Uniform:
        j.field("low", d.low);
        j.field("high", d.high);
        break;
      case DistributionKind::Triangular:
        j.field("low", d.low);
        j.field("mode", d.mode);
        j.field("high", d.high);
        break;
    }
    if (d.min > -std::numeric_limits<double>::infinity()) j.field("min", d.min);
    if (d.max < std::numeric_limits<double>::infinity()) j.field("max", d.max);
  }
  j.end_object();
}

}  // namespace

std::string sweep_summary_json(const SweepPlan& plan, const SweepStatistics& stats, const SweepCommandOptions& o,
                               const std::map<std::string, std::uint64_t>& solver_paths, const SweepTimings& timings,
                               int threads, const std::string& sweep_file_as_given, const SweepCoordinator* mpi) {
  const SweepFile& f = plan.file;
  const Economy& e = plan.economy->economy;
  JsonWriter j;
  j.begin_object();
  j.field("kind", "sweep");
  j.field("version", tradejobs_version());
  j.key("sweep");
  j.begin_object();
  j.field("file", sweep_file_as_given);
  j.field("base", f.base_as_written);
  j.field("name", f.base.name);
  j.field("runs", static_cast<long long>(f.runs()));
  j.field("grid_points", static_cast<long long>(f.grid_points()));
  j.field("draws", static_cast<long long>(f.draws));
  j.key("seed");
  if (f.seed)
    j.value(static_cast<long long>(*f.seed));
  else
    j.null();
  j.key("vary");
  j.begin_array();
  for (const auto& v : f.vary) write_vary(j, v);
  j.end_array();
  j.end_object();
  write_economy_json(j, e);
  j.key("totals_stats");
  j.begin_object();
  const auto& totals = sweep_total_names();
  for (size_t t = 0; t < totals.size(); ++t) {
    j.key(totals[t]);
    write_column_summary(j, stats.summary(t));
  }
  j.end_object();
  // Per employment group (groups.csv of each run): each quantity's statistics over the runs.
  j.key("groups_stats");
  j.begin_array();
  {
    const int n = e.sectors();
    size_t column = totals.size() + static_cast<size_t>(n) * sweep_sector_quantities().size();
    for (const auto& split : plan.economy->group_splits)
      for (const auto& group : split.groups) {
        j.begin_object();
        j.field("group", group);
        j.field("label", group_label(group));
        j.field("dimension", split.dimension);
        for (const auto& q : sweep_group_quantities()) {
          j.key(q);
          write_column_summary(j, stats.summary(column++));
        }
        j.end_object();
      }
  }
  j.end_array();
  // Per region of a multi-region economy (regions.csv of each run); jobs_change null where the
  // region's jobs are unknown.
  if (const std::vector<SweepRegion> regions = sweep_regions(*plan.economy); !regions.empty()) {
    j.key("regions_stats");
    j.begin_array();
    size_t column = sweep_region_column(*plan.economy);
    for (const SweepRegion& r : regions) {
      j.begin_object();
      j.field("region", r.code);
      for (const auto& q : sweep_region_quantities()) {
        j.key(q);
        if (q == "jobs_change" && !r.jobs_known)
          j.null();
        else
          write_column_summary(j, stats.summary(column));
        ++column;
      }
      j.end_object();
    }
    j.end_array();
  }
  j.key("diagnostics");
  j.begin_object();
  j.field("quantiles", stats.exact() ? "exact" : "kll_sketch");
  j.field("quantile_method", stats.exact() ? "linear interpolation between order statistics (Hyndman-Fan type 7)"
                                           : "KLL sketch (Karnin, Lang and Liberty 2016), deterministic coins");
  if (!stats.exact()) {
    j.field("sketch_k", o.sketch_k);
    j.field("rank_error_bound", stats.rank_error_bound());
  }
  j.field("memory_budget_bytes", static_cast<long long>(o.memory_budget_bytes));
  j.field("sd_divisor", "N - 1");
  j.field("solver", plan.economy->backend->batch_solver(kSweepBatchRuns));
  j.key("solver_paths");  // runs by the trade module's path of their full-effect solve (docs/model.md §3)
  j.begin_object();
  for (const auto& [path, runs] : solver_paths) j.field(path.empty() ? "unknown" : path, static_cast<long long>(runs));
  j.end_object();
  // Everything above is identical for any thread count and after a resume; the timings and
  // the thread count below are not (docs/sweeps.md).
  j.key("timings_seconds");
  j.begin_object();
  j.field("prepare", timings.prepare);
  j.field("runs", timings.runs);
  j.field("write", timings.write);
  j.field("report", timings.report);
  j.end_object();
  j.field("threads", threads);
  j.field("ranks", mpi ? mpi->ranks() : 1);
  if (mpi) {  // where each rank's time went (docs/mpi.md); depends on timing, like the timings
    const std::vector<RankTimes>& times = mpi->times();
    j.key("mpi");
    j.begin_object();
    j.key("runs_by_rank");
    j.begin_array();
    for (const RankTimes& t : times) j.value(static_cast<long long>(t.runs));
    j.end_array();
    j.key("compute_seconds");
    j.begin_array();
    for (const RankTimes& t : times) j.value(t.compute_seconds);
    j.end_array();
    j.key("communication_seconds");
    j.begin_array();
    for (const RankTimes& t : times) j.value(t.communication_seconds);
    j.end_array();
    j.key("bytes_sent");
    j.begin_array();
    for (const RankTimes& t : times) j.value(static_cast<long long>(t.bytes_sent));
    j.end_array();
    j.end_object();
  }
  j.end_object();
  j.end_object();
  return j.str();
}

}  // namespace tradejobs
