// Computing the runs of a sweep (compute.h, sweep.h; docs/model.md §6, §9): runs are computed
// in parallel in blocks that share one batched trade solve, written into slots indexed by run.
#include "sweep/compute.h"

#include <omp.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "run/trade_backend.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

/// The record's values: the totals, then per sector jobs_change, output_change, displaced,
/// adjustment_cost (sweep_stats.h).
void fill_record(const PreparedEconomy& pe, const ScenarioResult& r, RunRecord& record) {
  const ScenarioTotals& t = r.totals;
  const int n = pe.economy.sectors();
  record.values.assign(kSweepTotals, 0.0);
  record.values.reserve(kSweepTotals + static_cast<size_t>(n) * sweep_sector_quantities().size());
  record.values[kTotalJobsChange] = t.jobs_change;  // each total at its column (sweep_stats.h SweepTotal)
  record.values[kTotalJobsCreated] = t.jobs_created;
  record.values[kTotalJobsDestroyed] = t.jobs_destroyed;
  record.values[kTotalOutputChange] = t.output_change;
  record.values[kTotalTariffRevenueChange] = t.tariff_revenue_change;
  record.values[kTotalAdjustmentCost] = t.adjustment_cost;
  record.values[kTotalDisplaced] = t.displaced;
  for (int j = 0; j < n; ++j) {
    record.values.push_back(r.jobs.jobs_change(j));
    record.values.push_back(r.trade.output_change(j));
    record.values.push_back(r.adjustment.by_sector.displaced(j));
    record.values.push_back(r.adjustment.by_sector.adjustment_cost(j));
  }
  for (const GroupJobs& g : r.jobs.groups) {  // summary.json groups_stats (sweep_group_quantities)
    const GroupAdjustment* a = nullptr;
    for (const auto& x : r.adjustment.by_group)
      if (x.group == g.group && x.dimension == g.dimension) a = &x;
    record.values.push_back(g.jobs_change);
    record.values.push_back(g.jobs_destroyed);
    record.values.push_back(a ? a->displaced : 0.0);
    record.values.push_back(a ? a->costs.adjustment_cost : 0.0);
  }
  if (r.regional) {  // regions_stats.csv (sweep_region_quantities), a multi-region economy's regions in order
    for (const RegionTotals& region : r.regional->totals) {
      record.values.push_back(region.output_change);
      record.values.push_back(region.jobs_known ? region.jobs_change : 0.0);  // written NA (SweepRegion::jobs_known)
      record.values.push_back(region.imports_change);
      record.values.push_back(region.exports_change);
      record.values.push_back(region.tariff_revenue_change);
    }
  }
  record.solver_path = r.trade.solver_path;
}

}  // namespace

RunRecord compute_sweep_run_unbatched(const SweepPlan& plan, std::uint64_t run) {
  RunRecord record;
  const ResolvedScenario rs = resolve_sweep_run(plan, run, record);
  fill_record(*plan.economy, run_scenario(*plan.economy, rs), record);
  return record;
}

RunRecord compute_sweep_run(const SweepPlan& plan, std::uint64_t run) {
  const std::uint64_t first = run - run % kSweepBatchRuns;
  const std::uint64_t count = std::min(kSweepBatchRuns, plan.file.runs() - first);
  std::vector<std::exception_ptr> failures;
  std::vector<RunRecord> batch = compute_sweep_batch(plan, first, count, &failures);
  if (failures[run - first]) std::rethrow_exception(failures[run - first]);
  return std::move(batch[run - first]);
}

namespace {

/// A thread's copies of the base scenario (with scenario_reports false) that the compiled runs
/// of its batches write their values into: made once per thread, reused by every batch.
struct SweepWorkspace {
  std::vector<ResolvedScenario> runs;
};

std::vector<RunRecord> compute_batch(const SweepPlan& plan, std::uint64_t first, std::uint64_t count,
                                     std::vector<std::exception_ptr>* failures, SweepWorkspace& ws) {
  const PreparedEconomy& pe = *plan.economy;
  std::vector<RunRecord> records(static_cast<size_t>(count));
  failures->assign(static_cast<size_t>(count), nullptr);
  if (plan.compiled && ws.runs.size() < records.size()) {
    ResolvedScenario base = plan.base;
    base.scenario_reports = false;  // runs.csv and the statistics need neither job quality nor policy comparisons
    ws.runs.assign(std::max(records.size(), static_cast<size_t>(kSweepBatchRuns)), base);
  }
  std::vector<const ResolvedScenario*> scenarios(records.size(), nullptr);
  std::vector<ResolvedScenario> resolved;  // runs resolved through their scenario (no compiled plan, or refused)
  resolved.reserve(records.size());        // never reallocated: `scenarios` points into it
  std::vector<size_t> batched;             // indices solved together
  std::vector<const ResolvedScenario*> batch;
  for (size_t i = 0; i < records.size(); ++i) {
    try {
      if (plan.compiled) {
        records[i].run = first + i;
        records[i].varied = plan.file.run_values(first + i);
        if (apply_compiled_run(*plan.compiled, pe, records[i].varied, ws.runs[i])) scenarios[i] = &ws.runs[i];
      }
      if (!scenarios[i]) {
        resolved.push_back(resolve_sweep_run(plan, first + i, records[i]));
        scenarios[i] = &resolved.back();
      }
      const ResolvedScenario& rs = *scenarios[i];
      if (rs.revenue_spending_domestic.size() > 0) {  // revenue spent (docs/trade.md): one by one
        fill_record(pe, run_scenario(pe, rs), records[i]);
        continue;
      }
      batch.push_back(&rs);
      batched.push_back(i);
    } catch (...) {
      (*failures)[i] = std::current_exception();
    }
  }
  if (batched.empty()) return records;
  std::vector<BatchedRun> solved = pe.backend->run_batch(batch);
  for (size_t b = 0; b < batched.size(); ++b) {
    const size_t i = batched[b];
    if (solved[b].error)
      (*failures)[i] = solved[b].error;
    else
      fill_record(pe, solved[b].result, records[i]);
  }
  return records;
}

}  // namespace

std::vector<RunRecord> compute_sweep_batch(const SweepPlan& plan, std::uint64_t first, std::uint64_t count,
                                           std::vector<std::exception_ptr>* failures) {
  SweepWorkspace ws;
  return compute_batch(plan, first, count, failures, ws);
}

int sweep_threads(int asked) { return asked > 0 ? asked : std::min(omp_get_num_procs(), kMaxSweepThreads); }

std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures, bool format_rows) {
  if (first % kSweepBatchRuns != 0)
    throw std::invalid_argument("compute_sweep_runs: first = " + std::to_string(first) + ": must be a multiple of " +
                                std::to_string(kSweepBatchRuns));
  const auto n = static_cast<std::int64_t>(count);
  constexpr auto batch_runs = static_cast<std::int64_t>(kSweepBatchRuns);
  std::vector<RunRecord> slots(static_cast<size_t>(n));
  failures->assign(static_cast<size_t>(n), nullptr);
  const size_t totals = sweep_total_names().size();
  // Blocks of runs share one batched trade solve (compute_sweep_batch); blocks go to the
  // threads dynamically and write into the slots of their runs.
  const std::int64_t blocks = (n + batch_runs - 1) / batch_runs;
#pragma omp parallel num_threads(std::max(1, threads))
  {
    SweepWorkspace ws;  // the thread's own, for all its blocks
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks; ++b) {
      const std::int64_t lo = b * batch_runs, hi = std::min(n, lo + batch_runs);
      std::vector<std::exception_ptr> block_failures;
      std::vector<RunRecord> block;
      try {
        block = compute_batch(plan, first + static_cast<std::uint64_t>(lo), static_cast<std::uint64_t>(hi - lo),
                              &block_failures, ws);
      } catch (...) {
        block_failures.assign(static_cast<size_t>(hi - lo), std::current_exception());
        block.resize(static_cast<size_t>(hi - lo));
      }
      for (std::int64_t i = lo; i < hi; ++i) {
        RunRecord& r = block[static_cast<size_t>(i - lo)];
        if (format_rows && !block_failures[static_cast<size_t>(i - lo)]) r.csv_row = runs_csv_row(r, totals);
        slots[static_cast<size_t>(i)] = std::move(r);
        (*failures)[static_cast<size_t>(i)] = block_failures[static_cast<size_t>(i - lo)];
      }
    }
  }
  return slots;
}

std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures) {
  return compute_sweep_runs(plan, first, count, threads, failures, false);
}

}  // namespace tradejobs
