// Computing the runs of a sweep (compute.h, sweep.h; docs/model.md §6, §9): runs are computed
// in parallel in blocks that share one batched trade solve, written into slots indexed by run.
#include "sweep/compute.h"

#include <omp.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

void resolve_measures_of_run(const SweepPlan& plan, const Scenario& s, ResolvedScenario& rs) {
  // Only numbers of the measures can vary (docs/model.md §9 key paths): their sectors, partners,
  // codes files and concordances are the base's. A measure read from a codes file varies only
  // by scale or phase_in_years; any other measure is re-resolved alone (no file is read).
  rs.measures = plan.base.measures;
  for (size_t k = 0; k < s.measures.size(); ++k) {
    const MeasureSpec& m = s.measures[k];
    ResolvedMeasure& r = rs.measures[k];
    if (!m.codes_file.empty()) {
      r.scale = m.scale;
      r.phase_in_years = m.phase_in_years;
      continue;
    }
    Scenario one = s;
    one.measures = {m};
    one.parameters.clear();
    one.labour_market.clear();
    r = resolve_scenario(one, *plan.economy).measures[0];
  }
}

/// The run's scenario resolved against the economy (values set, measures reused).
ResolvedScenario resolve_run(const SweepPlan& plan, std::uint64_t run, RunRecord& record) {
  const SweepFile& f = plan.file;
  record.run = run;
  record.varied = f.run_values(run);
  Scenario s = f.base;
  for (size_t i = 0; i < f.vary.size(); ++i) {
    const std::string why = set_scenario_value(s, f.vary[i].key, record.varied[i]);
    if (!why.empty())
      throw InputError(located(f.file, f.vary[i].line, f.vary[i].column, "run " + std::to_string(run) + ": " + why));
  }
  // Parameters and labour-market values are resolved per run; the measures are the base's
  // (resolve_scenario would re-read their codes files and concordances for every run), so
  // the scenario is resolved without its measures, which are put back afterwards.
  std::vector<MeasureSpec> measures = std::move(s.measures);
  s.measures.clear();
  ResolvedScenario rs = resolve_scenario(s, *plan.economy);
  rs.scenario_reports = false;  // runs.csv and the statistics need neither job quality nor policy comparisons
  rs.scenario.measures = std::move(measures);
  if (plan.varies_measures)
    resolve_measures_of_run(plan, rs.scenario, rs);
  else
    rs.measures = plan.base.measures;
  return rs;
}

/// The record's values: the totals, then per sector jobs_change, output_change, displaced,
/// adjustment_cost (sweep_stats.h).
void fill_record(const PreparedEconomy& pe, const ScenarioResult& r, RunRecord& record) {
  const ScenarioTotals& t = r.totals;
  const int n = pe.economy.sectors();
  record.values.clear();
  record.values.reserve(sweep_total_names().size() + static_cast<size_t>(n) * sweep_sector_quantities().size());
  for (double v : {t.jobs_change, t.jobs_created, t.jobs_destroyed, t.output_change, t.tariff_revenue_change,
                   t.adjustment_cost, t.displaced})
    record.values.push_back(v);
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
  record.solver_path = r.trade.solver_path;
}

}  // namespace

RunRecord compute_sweep_run_unbatched(const SweepPlan& plan, std::uint64_t run) {
  RunRecord record;
  const ResolvedScenario rs = resolve_run(plan, run, record);
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

std::vector<RunRecord> compute_sweep_batch(const SweepPlan& plan, std::uint64_t first, std::uint64_t count,
                                           std::vector<std::exception_ptr>* failures) {
  const PreparedEconomy& pe = *plan.economy;
  std::vector<RunRecord> records(static_cast<size_t>(count));
  failures->assign(static_cast<size_t>(count), nullptr);
  std::vector<ResolvedScenario> resolved;
  std::vector<size_t> batched;  // indices solved together
  std::vector<TradeShock> shocks;
  std::vector<TradeParameters> parameters;
  resolved.reserve(static_cast<size_t>(count));
  for (size_t i = 0; i < records.size(); ++i) {
    resolved.emplace_back();
    try {
      resolved[i] = resolve_run(plan, first + i, records[i]);
      if (resolved[i].revenue_spending_domestic.size() > 0) {  // revenue spent (docs/trade.md): one by one
        fill_record(pe, run_scenario(pe, resolved[i]), records[i]);
        continue;
      }
      shocks.push_back(shock_at(pe, resolved[i], std::vector<double>(resolved[i].measures.size(), 1.0)));
      parameters.push_back(resolved[i].parameters);
      batched.push_back(i);
    } catch (...) {
      (*failures)[i] = std::current_exception();
    }
  }
  if (batched.empty()) return records;
  // One trade option set per sweep: options.price_feedback is not a numeric key path.
  TradeBatchResult solved = pe.trade->solve_batch(shocks, parameters, resolved[batched[0]].trade_options);
  for (size_t b = 0; b < batched.size(); ++b) {
    const size_t i = batched[b];
    try {
      if (!solved.errors[b].empty())
        throw SolveError(resolved[i].scenario.file + ": the model could not be solved: " + solved.errors[b]);
      fill_record(pe, complete_scenario(pe, resolved[i], std::move(solved.results[b])), records[i]);
    } catch (...) {
      (*failures)[i] = std::current_exception();
    }
  }
  return records;
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
#pragma omp parallel for num_threads(std::max(1, threads)) schedule(dynamic, 1)
  for (std::int64_t b = 0; b < blocks; ++b) {
    const std::int64_t lo = b * batch_runs, hi = std::min(n, lo + batch_runs);
    std::vector<std::exception_ptr> block_failures;
    std::vector<RunRecord> block;
    try {
      block = compute_sweep_batch(plan, first + static_cast<std::uint64_t>(lo), static_cast<std::uint64_t>(hi - lo),
                                  &block_failures);
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
  return slots;
}

std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures) {
  return compute_sweep_runs(plan, first, count, threads, failures, false);
}

}  // namespace tradejobs
