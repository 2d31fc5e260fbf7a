// The sweep runner (docs/model.md §6, §9; issue 5). The one place with OpenMP: runs are computed
// in parallel in chunks, written into slots indexed by run, and then appended to runs.csv and
// fed to the statistics in run order, so the outputs never depend on the thread count.
#include "tradejobs/engine/sweep.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "formats/csv.h"
#include "formats/format.h"
#include "formats/json.h"
#include "results/xlsx.h"
#include "sweep/mpi/sweep_mpi.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/report.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// --- signals: Ctrl-C / SIGTERM stop the sweep after the current chunk -------------------

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }

/// Installs the handlers for the lifetime of a sweep and restores the previous ones.
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    previous_int_ = std::signal(SIGINT, on_stop_signal);
    previous_term_ = std::signal(SIGTERM, on_stop_signal);
  }
  ~StopSignals() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  int received() const { return g_stop_signal; }

 private:
  void (*previous_int_)(int) = SIG_DFL;
  void (*previous_term_)(int) = SIG_DFL;
};

// --- fingerprints of the inputs (resume checks) -----------------------------------------

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  for (int b = 0; b < 8; ++b) {
    h ^= (v >> (8 * b)) & 0xffu;
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t mix_text(std::uint64_t h, const std::string& s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return mix(h, s.size());
}

/// The economy folder's files and the files the base scenario's measures read.
std::uint64_t data_fingerprint(const SweepFile& f) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(f.base.economy))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& m : f.base.measures) {
    if (!m.concordance.empty()) files.push_back(m.concordance);
    if (!m.codes_file.empty()) files.push_back(m.codes_file);
  }
  std::uint64_t h = 14695981039346656037ull;
  for (const auto& file : files) h = mix(mix_text(h, fs::path(file).filename().string()), file_fingerprint(file));
  return h;
}

// --- the plan --------------------------------------------------------------------------

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

}  // namespace

SweepPlan prepare_sweep(const std::string& sweep_file) {
  SweepPlan plan;
  plan.file = load_sweep_file(sweep_file);
  const SweepFile& f = plan.file;
  plan.economy = prepare_economy(f.base.economy);
  plan.base = resolve_scenario(f.base, *plan.economy);
  // Every key path is applied to a copy of the base scenario and resolved against the
  // economy once (a sector code in parameters.NAME.SECTOR, a measure's sectors), so a bad
  // path fails here with the line and column of its entry, before any run.
  Scenario all = f.base;
  const std::vector<double> first = f.runs() > 0 ? f.run_values(0) : std::vector<double>{};
  for (size_t i = 0; i < f.vary.size(); ++i) {
    const VaryEntry& e = f.vary[i];
    plan.varies_measures = plan.varies_measures || e.key.rfind("measures[", 0) == 0;
    Scenario one = f.base;
    std::string why = set_scenario_value(one, e.key, first[i]);
    if (why.empty()) why = set_scenario_value(all, e.key, first[i]);
    try {
      if (why.empty()) resolve_scenario(one, *plan.economy);
    } catch (const InputError& ex) {
      why = ex.what();
    }
    if (!why.empty())
      throw InputError(located(f.file, e.line, e.column, "vary[" + std::to_string(i) + "] " + e.key + ": " + why));
  }
  try {
    resolve_scenario(all, *plan.economy);
  } catch (const InputError& ex) {
    throw InputError(located(f.file, 0, 0, std::string("the vary entries together: ") + ex.what()));
  }
  return plan;
}

namespace {

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

/// Number of employment groups (all splits), the groups of groups.csv.
size_t sweep_group_count(const PreparedEconomy& pe) {
  size_t k = 0;
  for (const auto& s : pe.group_splits) k += s.groups.size();
  return k;
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

namespace {

/// compute_sweep_runs; with `format_rows` each successful record also gets its runs.csv row,
/// formatted on the thread that computed it.
std::vector<RunRecord> compute_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
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

}  // namespace

std::vector<RunRecord> compute_sweep_runs(const SweepPlan& plan, std::uint64_t first, std::uint64_t count, int threads,
                                          std::vector<std::exception_ptr>* failures) {
  return compute_runs(plan, first, count, threads, failures, false);
}

namespace {

/// One column's statistics in summary.json: {"mean", "sd", "p5", "p50", "p95"}.
void write_column_summary(JsonWriter& j, const ColumnSummary& c) {
  j.begin_object();
  j.field("mean", c.mean);
  j.field("sd", c.sd);
  j.field("p5", c.p5);
  j.field("p50", c.p50);
  j.field("p95", c.p95);
  j.end_object();
}

// --- the state file of a partial sweep ---------------------------------------------------

const char* kStateFile = "sweep.state";
const char* kStateMagic = "tradejobs partial sweep state v1\n";

struct Fingerprints {
  std::uint64_t sweep = 0, base = 0, data = 0;
};

struct SweepState {
  Fingerprints fingerprints;
  std::uint64_t runs = 0, done = 0, runs_csv_bytes = 0;
  std::map<std::string, std::uint64_t> solver_paths;  ///< Runs by trade solver path (docs/model.md §3).
};

constexpr auto kBatchRuns = static_cast<std::int64_t>(kSweepBatchRuns);

void write_state(const std::string& dir, const SweepState& st, const SweepStatistics& stats) {
  ByteWriter w;
  w.u64(st.fingerprints.sweep);
  w.u64(st.fingerprints.base);
  w.u64(st.fingerprints.data);
  w.u64(st.runs);
  w.u64(st.done);
  w.u64(st.runs_csv_bytes);
  w.u64(st.solver_paths.size());
  for (const auto& [path, runs] : st.solver_paths) {
    w.text(path);
    w.u64(runs);
  }
  stats.save(w);
  const fs::path path = fs::path(dir) / kStateFile;
  const fs::path temp = fs::path(dir) / (std::string(kStateFile) + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << kStateMagic;
    out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
    out.flush();
    if (!out) throw InputError(located(temp.string(), 0, 0, "cannot write the sweep state"));
  }
  std::error_code ec;
  fs::rename(temp, path, ec);  // atomic: a state file is always complete
  if (ec) throw InputError(located(path.string(), 0, 0, "cannot write the sweep state: " + ec.message()));
}

/// The state saved in `dir`; `check` sees its fingerprints and run count before the statistics
/// are read (whose layout depends on the sweep).
SweepState read_state(const std::string& dir, SweepStatistics& stats,
                      const std::function<void(const SweepState&)>& check) {
  const fs::path path = fs::path(dir) / kStateFile;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(located(dir, 0, 0,
                             "no partial sweep to resume here (no " + std::string(kStateFile) +
                                 "): run without --resume to start the sweep"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  const std::string magic = kStateMagic;
  if (bytes.compare(0, magic.size(), magic) != 0)
    throw InputError(located(path.string(), 0, 0, "not a tradejobs sweep state file"));
  ByteReader r(bytes.substr(magic.size()), path.string());
  SweepState st;
  st.fingerprints.sweep = r.u64();
  st.fingerprints.base = r.u64();
  st.fingerprints.data = r.u64();
  st.runs = r.u64();
  st.done = r.u64();
  st.runs_csv_bytes = r.u64();
  const std::uint64_t paths = r.u64();
  for (std::uint64_t i = 0; i < paths; ++i) {
    const std::string route = r.text();
    st.solver_paths[route] = r.u64();
  }
  check(st);
  stats.load(r);
  return st;
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

struct Timings {
  double prepare = 0, runs = 0, write = 0, report = 0;
};

std::string summary_json(const SweepPlan& plan, const SweepStatistics& stats, const SweepCommandOptions& o,
                         const std::map<std::string, std::uint64_t>& solver_paths, const Timings& timings, int threads,
                         const std::string& sweep_file_as_given, const SweepCoordinator* mpi) {
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
  j.field("solver", "I - A factorised once for all runs; runs solved in batches of " + std::to_string(kBatchRuns) +
                        " (TradeModel::solve_batch); runs that phase in over several years one by one");
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

std::string default_output(const SweepPlan& plan) {
  // outputs.directory of the base scenario, when it may be written without -o (scenario.h).
  if (!plan.file.base.output_directory_refusal.empty()) throw InputError(plan.file.base.output_directory_refusal);
  if (!plan.file.base.output_directory.empty()) return plan.file.base.output_directory + "-sweep";
  return "results/" + plan.file.base.name + "-sweep";
}

void write_file_atomically(const fs::path& path, const std::string& content) {
  const fs::path temp = path.string() + ".tmp";
  write_text_file(temp.string(), content);
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw InputError(located(path.string(), 0, 0, "cannot write the file: " + ec.message()));
}

/// A word of a command line as a shell reads it: quoted when it holds anything but
/// letters, digits and / . _ - + = : , @.
std::string shell_word(const std::string& w) {
  bool plain = !w.empty();
  for (char c : w)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string("/._-+=:,@").find(c) != std::string::npos);
  if (plain) return w;
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// The sweep's results folder while it runs (docs/model.md §8 results manifest): the files of
/// the sweep are listed in the folder's manifest before they are written; the user's files
/// (those already there and not in an earlier manifest) are never touched.
class SweepFolder {
 public:
  SweepFolder(std::string dir, std::vector<std::string> users) : dir_(std::move(dir)), users_(std::move(users)) {}
  const std::string& dir() const { return dir_; }
  /// The manifest lists `files` (plus whatever else tradejobs wrote there: every entry that is
  /// not the user's).
  void list(const std::vector<std::string>& files) const {
    ResultsManifest m{"sweep", {}};
    std::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name != kResultsManifest && std::find(users_.begin(), users_.end(), name) == users_.end())
        m.files.push_back(name);
    }
    for (const auto& f : files)
      if (std::find(m.files.begin(), m.files.end(), f) == m.files.end()) m.files.push_back(f);
    std::sort(m.files.begin(), m.files.end());
    write_results_manifest(dir_, m);
  }
  /// Removes everything the sweep wrote (its manifest's files and any temporary file it left);
  /// the folder too when the sweep created it and nothing else is in it.
  void discard(bool created) const {
    std::error_code ec;
    if (const auto m = read_results_manifest(dir_))
      for (const auto& f : m->files) fs::remove_all(fs::path(dir_) / f, ec);
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    bool only_manifest = true;
    for (const auto& name : names) {
      if (name == kResultsManifest) continue;
      const bool users = std::find(users_.begin(), users_.end(), name) != users_.end();
      const bool temporary = name[0] == '.' || (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0);
      if (!users && temporary)
        fs::remove_all(fs::path(dir_) / name, ec);
      else
        only_manifest = false;  // the user's (also one added while the sweep ran): kept
    }
    if (created && only_manifest) {
      fs::remove(fs::path(dir_) / kResultsManifest, ec);
      fs::remove(dir_, ec);
    } else {
      write_results_manifest(dir_, {"sweep", {}});
    }
  }

 private:
  std::string dir_;
  std::vector<std::string> users_;
};

/// A statistic of a total for the terminal: persons whole, money to one decimal, thousands
/// grouped, right-aligned (format.h, as in the scenario summary).
std::string format_stat(double v, bool money) {
  const std::string s = format_grouped(v, money ? 1 : 0, MinusSign::ascii);
  return std::string(s.size() < 14 ? 14 - s.size() : 1, ' ') + s;
}

}  // namespace

namespace {

/// The first failing run of a chunk, in run order, stops the sweep (as InputError or
/// SolveError naming the run and its values); other exceptions pass unchanged.
void throw_first_failure(const SweepFile& f, const SweepChunk& chunk) {
  for (size_t i = 0; i < chunk.failures.size(); ++i) {
    if (!chunk.failures[i]) continue;
    const std::uint64_t run = chunk.first + i;
    std::string values;
    const std::vector<double> v = f.run_values(run);
    for (size_t k = 0; k < f.vary.size(); ++k) values += (k ? ", " : "") + f.vary[k].key + " = " + format_double(v[k]);
    const std::string prefix = f.file + ": run " + std::to_string(run) + " (" + values + "): ";
    try {
      std::rethrow_exception(chunk.failures[i]);
    } catch (const SolveError& e) {
      throw SolveError(prefix + e.what());
    } catch (const InputError& e) {
      throw InputError(prefix + e.what());
    }
  }
}

/// TRADEJOBS_RANK_TIMEOUT_SECONDS when set, else the option.
double rank_timeout(const SweepCommandOptions& o) {
  const char* env = std::getenv("TRADEJOBS_RANK_TIMEOUT_SECONDS");
  if (!env) return o.rank_timeout_seconds;
  char* end = nullptr;
  const double v = std::strtod(env, &end);
  if (end == env || *end != '\0' || !(v > 0) || !std::isfinite(v))
    throw InputError(std::string("TRADEJOBS_RANK_TIMEOUT_SECONDS = '") + env + "': must be a number of seconds > 0");
  return v;
}

int run_sweep(const SweepCommandOptions& o, std::ostream& out, std::ostream& err, SweepCoordinator* mpi) {
  if (o.threads < 0 || o.threads > kMaxSweepThreads)
    throw InputError("threads = " + std::to_string(o.threads) + ": expected a number of threads from 1 to " +
                     std::to_string(kMaxSweepThreads) + " (0 = every core)");
  if (!(o.checkpoint_seconds > 0))
    throw InputError("sweep option checkpoint_seconds = " + format_number(o.checkpoint_seconds) + ": must be > 0");
  if (!(o.rank_timeout_seconds > 0))
    throw InputError("sweep option rank_timeout_seconds = " + format_number(o.rank_timeout_seconds) + ": must be > 0");
  SweepStatisticsOptions so;
  so.memory_budget_bytes = o.memory_budget_bytes;
  so.sketch_k = o.sketch_k;
  const std::string bad_option = so.validate();
  if (!bad_option.empty()) throw InputError("sweep statistics option " + bad_option);
  if (mpi) mpi->set_timeout(rank_timeout(o));

  Timings timings;
  const auto t_start = Clock::now();
  // Everything is checked before anything is written.
  const SweepPlan plan = prepare_sweep(o.sweep_file);
  const SweepFile& f = plan.file;
  // Every rank prepared the same sweep (docs/mpi.md), or the job ends here, naming the rank.
  if (mpi) mpi->check_workers(sweep_identity(plan));
  const std::string dir = o.output.empty() ? default_output(plan) : o.output;
  inspect_results_folder(dir);  // a folder of files tradejobs did not write is refused before any work
  const std::uint64_t total = f.runs();
  const int n = plan.economy->economy.sectors();
  const size_t totals = sweep_total_names().size();
  const size_t columns = totals + static_cast<size_t>(n) * sweep_sector_quantities().size() +
                         sweep_group_count(*plan.economy) * sweep_group_quantities().size();
  SweepStatistics stats(columns, total, so);
  SweepState st;
  st.fingerprints = {file_fingerprint(f.file), file_fingerprint(f.base_file), data_fingerprint(f)};
  st.runs = total;
  const fs::path runs_csv = fs::path(dir) / "runs.csv";
  std::vector<std::string> keys;
  for (const auto& e : f.vary) keys.push_back(e.key);
  // The commands the messages advise, exactly as they can be typed.
  const std::string again = "tradejobs sweep " + shell_word(o.sweep_file) + " -o " + shell_word(dir);

  // The folder is created (if need be) and locked for the whole sweep: a second sweep into it
  // is refused while this one runs. What it holds is looked at again under the lock.
  std::error_code ec;
  const bool created = !fs::exists(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) throw InputError(located(dir, 0, 0, "cannot create the output folder: " + ec.message()));
  std::optional<ResultsFolderLock> lock;
  ResultsFolder folder;
  try {
    lock.emplace(dir);
    folder = inspect_results_folder(dir, true);
  } catch (...) {
    if (created) fs::remove(dir, ec);
    throw;
  }
  const std::vector<std::string> ours = folder.manifest ? folder.manifest->files : std::vector<std::string>{};
  std::vector<std::string> users;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name != kResultsManifest && std::find(ours.begin(), ours.end(), name) == ours.end()) users.push_back(name);
  }
  const SweepFolder out_folder(dir, users);
  try {
    for (const char* name : {"runs.csv", kStateFile})
      if (std::find(users.begin(), users.end(), name) != users.end())
        throw InputError(
            located((fs::path(dir) / name).string(), 0, 0,
                    "was not written by tradejobs, and the sweep writes a file of that name: move it out of the "
                    "folder, or choose a new folder with -o"));

    if (o.resume) {
      if (!folder.partial_sweep)
        throw InputError(located(
            dir, 0, 0,
            "no partial sweep to resume here (no " + std::string(kStateFile) + "): start the sweep with: " + again));
      const Fingerprints now{file_fingerprint(f.file), file_fingerprint(f.base_file), data_fingerprint(f)};
      auto changed = [&](const std::string& what) {
        return InputError(located(
            (fs::path(dir) / kStateFile).string(), 0, 0,
            "the partial sweep was made from a different " + what +
                ": restore the original to continue it, or discard it and start again with: " + again + " --restart"));
      };
      st = read_state(dir, stats, [&](const SweepState& saved) {
        if (now.sweep != saved.fingerprints.sweep) throw changed("sweep file (" + f.file + ")");
        if (now.base != saved.fingerprints.base) throw changed("base scenario (" + f.base_file + ")");
        if (now.data != saved.fingerprints.data) throw changed("economy or measure data (" + f.base.economy + ")");
        if (saved.runs != total) throw changed("number of runs");
      });
      const auto size = fs::file_size(runs_csv, ec);
      if (ec || size < st.runs_csv_bytes)
        throw InputError(located(
            runs_csv.string(), 0, 0,
            "shorter than the state records: the partial sweep is damaged; start again with: " + again + " --restart"));
      fs::resize_file(runs_csv, st.runs_csv_bytes, ec);  // rows written after the last saved state are computed again
      if (ec)
        throw InputError(
            located(runs_csv.string(), 0, 0, "cannot shorten the file to the saved state: " + ec.message()));
    } else {
      if (folder.partial_sweep && !o.restart)
        throw InputError(located(dir, 0, 0,
                                 "holds a partial sweep: continue it with: " + again +
                                     " --resume; or discard it and start again with: " + again + " --restart"));
      // The results of an earlier run or sweep here (its manifest's files) are replaced.
      for (const auto& name : ours) {
        fs::remove_all(fs::path(dir) / name, ec);
        if (ec)
          throw InputError(
              located((fs::path(dir) / name).string(), 0, 0, "cannot remove the earlier result: " + ec.message()));
      }
      out_folder.list({"runs.csv", kStateFile});
      try {
        write_text_file(runs_csv.string(), runs_csv_header(keys));
        st.done = 0;
        st.runs_csv_bytes = fs::file_size(runs_csv);
        write_state(dir, st, stats);
      } catch (...) {
        out_folder.discard(created);
        throw;
      }
    }
  } catch (...) {
    // Refused before anything was written: a folder made for this sweep goes again.
    lock.reset();
    if (created && fs::is_empty(dir, ec)) fs::remove(dir, ec);
    throw;
  }
  timings.prepare = seconds_since(t_start);

  // --- the runs ---
  // -j, or every core; never more threads than batches of runs left to compute.
  const int asked = o.threads > 0 ? o.threads : std::min(omp_get_num_procs(), kMaxSweepThreads);
  const std::uint64_t batches = std::max<std::uint64_t>(1, (total - st.done + kSweepBatchRuns - 1) / kSweepBatchRuns);
  const int threads = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(asked), batches));
  StopSignals signals;
  std::ofstream csv(runs_csv, std::ios::binary | std::ios::app);
  if (!csv) throw InputError(located(runs_csv.string(), 0, 0, "cannot append to the file"));
  const auto t_runs = Clock::now();
  auto last_checkpoint = Clock::now(), last_progress = Clock::now();
  const std::uint64_t resumed_from = st.done;
  // A computed chunk, here or on another rank, goes through this in run order: its first
  // failing run stops the sweep; its rows are appended and its values fed to the statistics.
  bool run_failed = false;
  auto accept = [&](SweepChunk&& chunk) {
    for (const auto& failure : chunk.failures) run_failed = run_failed || failure != nullptr;
    throw_first_failure(f, chunk);
    std::string rows;
    for (const RunRecord& r : chunk.records) {
      rows += r.csv_row.empty() ? runs_csv_row(r, totals) : r.csv_row;
      stats.add(r.values);
      ++st.solver_paths[r.solver_path];
    }
    csv << rows;
    csv.flush();
    if (!csv) throw InputError(located(runs_csv.string(), 0, 0, "cannot write (disk full?)"));
    st.done = chunk.first + chunk.records.size();
    st.runs_csv_bytes += rows.size();
    if (seconds_since(last_checkpoint) >= o.checkpoint_seconds || signals.received()) {
      write_state(dir, st, stats);
      last_checkpoint = Clock::now();
    }
    if (o.progress && (seconds_since(last_progress) >= 0.2 || st.done == total)) {
      err << "\r" << progress_line(st.done - resumed_from, total - resumed_from, seconds_since(t_runs)) << "   "
          << std::flush;
      last_progress = Clock::now();
    }
  };
  // A run that cannot be computed stops the sweep for good (it fails again on --resume): what
  // the sweep wrote is removed, so the next sweep into the folder starts afresh. After any other
  // failure the state is saved for --resume. Returns the line that says which.
  auto stopped = [&]() -> std::string {
    try {
      csv.close();
      if (run_failed) {
        out_folder.discard(created);
        return "\nthe sweep's files were removed from " + dir +
               "; once the run is fixed, start it again with: " + again;
      }
      write_state(dir, st, stats);
      return "\nthe " + std::to_string(st.done) + " runs done are saved; continue with: " + again + " --resume";
    } catch (...) {
      return "";
    }
  };
  int stop_signal = 0;
  try {
    if (mpi) {
      try {
        mpi->run(plan, threads, st.done, total, accept, [&] { return signals.received() != 0; });
      } catch (...) {
        // The rows already written stay valid for --resume (docs/mpi.md).
        try {
          csv.close();
          write_state(dir, st, stats);
        } catch (...) {
        }
        throw;
      }
      stop_signal = signals.received() ? signals.received() : mpi->worker_signal();
    } else {
      // Chunks hold whole batches: they start on a multiple of kSweepBatchRuns (so do the saved
      // states), and batches are the same runs whatever the threads, chunks or resumes.
      std::uint64_t chunk = static_cast<std::uint64_t>(threads) * kSweepBatchRuns;
      while (st.done < total && !signals.received()) {
        const std::uint64_t begin = st.done, end = std::min(total, begin + chunk);
        const auto t_chunk = Clock::now();
        SweepChunk computed;
        computed.first = begin;
        computed.records = compute_runs(plan, begin, end - begin, threads, &computed.failures, true);
        accept(std::move(computed));
        // Chunks of about half a second: short enough to stop promptly, long enough to keep
        // every thread busy. The chunk size never changes the results.
        const double took = seconds_since(t_chunk);
        if (took < 0.25 && chunk < (1u << 24))
          chunk *= 2;
        else if (took > 1.0 && chunk > kSweepBatchRuns)
          chunk = std::max(kSweepBatchRuns, chunk / 2 / kSweepBatchRuns * kSweepBatchRuns);
      }
      stop_signal = signals.received();
    }
  } catch (const SolveError& e) {
    run_failed = true;  // only a run raises it
    throw SolveError(e.what() + stopped());
  } catch (const InputError& e) {
    throw InputError(e.what() + stopped());
  } catch (...) {
    stopped();
    throw;
  }
  csv.close();
  if (o.progress) err << "\n";
  timings.runs = seconds_since(t_runs);
  if (st.done < total) {
    write_state(dir, st, stats);
    const int code = stop_signal == SIGINT ? kExitSweepInterrupted : kExitSweepTerminated;
    if (mpi) mpi->stop(code);
    err << "sweep stopped by " << (stop_signal == SIGINT ? "SIGINT" : "SIGTERM") << " after " << st.done << " of "
        << total << " runs; the partial results are in " << dir << "\ncontinue with: " << again << " --resume\n";
    return code;
  }
  // Every run is in: the other ranks end now (with their times for summary.json).
  if (mpi) mpi->stop(0);

  // --- the final files; the state file goes last, so a folder without it is complete ---
  const auto t_write = Clock::now();
  const fs::path d(dir);
  out_folder.list({"runs.csv", kStateFile, "sector_stats.csv", "summary.json", "report.html"});
  write_file_atomically(d / "sector_stats.csv", sector_stats_csv(stats, plan.economy->economy.sector_codes, totals));
  timings.write = seconds_since(t_write);
  write_file_atomically(d / "summary.json",
                        summary_json(plan, stats, o, st.solver_paths, timings, threads, o.sweep_file, mpi));
  const auto t_report = Clock::now();
  std::string report;
  // The report (report.h) reads the folder's summary.json, runs.csv and sector_stats.csv.
  report = write_report(dir);
  timings.report = seconds_since(t_report);
  const std::string summary = summary_json(plan, stats, o, st.solver_paths, timings, threads, o.sweep_file, mpi);
  write_file_atomically(d / "summary.json", summary);
  if (o.xlsx) {  // results.xlsx from the files just written (xlsx.h); the same bytes for any -j
    const Economy& e = plan.economy->economy;
    const fs::path temp = d / (std::string(kWorkbookFile) + ".tmp");
    write_sweep_workbook(temp.string(), summary, (d / "runs.csv").string(),
                         sector_stats_csv(stats, e.sector_codes, totals), e.sector_codes, e.sector_names);
    fs::rename(temp, d / kWorkbookFile);
  }
  fs::remove(d / kStateFile, ec);
  if (ec)
    throw InputError(
        located((d / kStateFile).string(), 0, 0, "cannot remove the state of the finished sweep: " + ec.message()));
  out_folder.list({});  // the finished sweep's files, as they are now

  if (!o.quiet) {
    const Economy& e = plan.economy->economy;
    out << "sweep " << f.base.name << ": " << format_grouped(static_cast<double>(total)) << " runs ("
        << format_grouped(static_cast<double>(f.grid_points()))
        << (f.grid_points() == 1 ? " grid point x " : " grid points x ") << format_grouped(static_cast<double>(f.draws))
        << " draws), " << threads << (threads == 1 ? " thread" : " threads")
        << (o.threads > threads ? " (-j " + std::to_string(o.threads) + ": no more needed for these runs)"
                                : std::string())
        << (mpi ? " x " + std::to_string(mpi->ranks()) + " MPI ranks" : std::string()) << ", "
        << format_grouped(timings.runs, 2) << " s for the runs ("
        << format_grouped(timings.runs > 0 ? static_cast<double>(total) / timings.runs : 0.0) << " runs/s)\n";
    out << "quantiles: "
        << (stats.exact()
                ? "exact"
                : "KLL sketch, rank error below " + format_number(100 * stats.rank_error_bound()) + "% of the runs")
        << "\n\n";
    out << "total                  "
        << "          mean            sd            p5           p50           p95\n";
    for (size_t t = 0; t < totals; ++t) {
      const ColumnSummary c = stats.summary(t);
      std::string name = sweep_total_names()[t];
      name.resize(22, ' ');
      const std::string& key = sweep_total_names()[t];
      const bool money = key == "output_change" || key == "tariff_revenue_change" || key == "adjustment_cost";
      out << name << format_stat(c.mean, money) << format_stat(c.sd, money) << format_stat(c.p5, money)
          << format_stat(c.p50, money) << format_stat(c.p95, money) << "\n";
    }
    if (sweep_group_count(*plan.economy) > 0) {  // the groups' net jobs change (summary.json groups_stats)
      out << "\nnet jobs change by group"
          << "          mean            sd            p5           p50           p95\n";
      size_t column = totals + static_cast<size_t>(e.sectors()) * sweep_sector_quantities().size();
      std::string dimension;
      for (const auto& split : plan.economy->group_splits) {
        if (!dimension.empty()) out << "\n";
        dimension = split.dimension;
        for (const auto& group : split.groups) {
          const ColumnSummary c = stats.summary(column);
          column += sweep_group_quantities().size();
          std::string name = group_label(group);
          name.resize(std::max<size_t>(name.size() + 1, 24), ' ');
          out << name << format_stat(c.mean, false) << format_stat(c.sd, false) << format_stat(c.p5, false)
              << format_stat(c.p50, false) << format_stat(c.p95, false) << "\n";
        }
      }
    }
    out << "(jobs in " << e.employment_unit << ", money in " << e.currency << ")\n\nResults: " << report << "\n";
  } else {
    out << report << "\n";
  }
  return 0;
}

}  // namespace

SweepIdentity sweep_identity(const SweepPlan& plan) {
  const SweepFile& f = plan.file;
  SweepIdentity id;
  id.sweep_file = file_fingerprint(f.file);
  id.base_file = file_fingerprint(f.base_file);
  id.data = data_fingerprint(f);
  id.runs = f.runs();
  id.columns = sweep_total_names().size() +
               static_cast<std::uint64_t>(plan.economy->economy.sectors()) * sweep_sector_quantities().size() +
               sweep_group_count(*plan.economy) * sweep_group_quantities().size();
  return id;
}

int run_sweep_command(const SweepCommandOptions& o, std::ostream& out, std::ostream& err) {
  // Started by mpirun (docs/mpi.md): the other ranks compute and write nothing; rank 0 runs the
  // sweep as a single process does, with the coordinator handing runs out. The coordinator
  // exists before anything can throw on rank 0, so that every failure reaches the other ranks.
  const MpiWorld world = sweep_mpi_world();
  if (world.rank != 0) return run_sweep_worker(o, world);
  std::unique_ptr<SweepCoordinator> coordinator;
  if (world.size > 1) coordinator = std::make_unique<SweepCoordinator>(world, o.rank_timeout_seconds);
  try {
    return run_sweep(o, out, err, coordinator.get());
  } catch (const SolveError&) {
    if (coordinator) coordinator->stop(1);
    throw;
  } catch (...) {
    if (coordinator) coordinator->stop(2);
    throw;
  }
}

void check_sweep_file(const std::string& path, std::ostream& out) {
  const SweepPlan plan = prepare_sweep(path);
  const SweepFile& f = plan.file;
  out << "sweep " << path << ": base " << f.base_file << ", " << f.runs() << " runs (" << f.grid_points()
      << " grid points x " << f.draws << " draws)";
  if (f.seed) out << ", seed " << *f.seed;
  out << "\n";
  for (const auto& e : f.vary) {
    out << "  " << e.key << ": ";
    if (e.grid()) {
      out << e.values.size() << " values from " << format_number(e.values.front()) << " to "
          << format_number(e.values.back());
    } else {
      out << distribution_name(e.distribution.kind) << ", draws in [" << format_number(e.distribution.lowest()) << ", "
          << format_number(e.distribution.highest()) << "]";
    }
    out << "\n";
  }
  const Economy& e = plan.economy->economy;
  out << "economy " << e.name << " (" << e.sectors() << " sectors, " << e.currency << ", " << e.year << ")\n";
}

}  // namespace tradejobs
