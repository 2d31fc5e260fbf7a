// The command `tradejobs sweep` (sweep.h run_sweep_command, check_sweep_file): the results
// folder, resume and restart, the chunks of runs appended to runs.csv and fed to the statistics
// in run order (so the outputs never depend on the thread count), the final files and the
// terminal summary. The plan is plan.h, the computing compute.h, the state file state.h,
// summary.json summary.h, the signals signals.h; MPI (sweep/mpi) is driven from here.
#include "tradejobs/engine/sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "formats/csv.h"
#include "formats/format.h"
#include "results/xlsx.h"
#include "sweep/compute.h"
#include "sweep/mpi/sweep_mpi.h"
#include "sweep/plan.h"
#include "sweep/signals.h"
#include "sweep/state.h"
#include "sweep/summarised_chunk.h"
#include "sweep/summary.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/report.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

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
void throw_first_failure(const SweepFile& f, const SummarisedChunk& chunk) {
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
  if (std::string why; !so.is_valid(&why)) throw InputError("sweep statistics option " + why);
  if (mpi) mpi->set_timeout(rank_timeout(o));

  SweepTimings timings;
  const auto t_start = Clock::now();
  // Everything is checked before anything is written.
  const SweepPlan plan = prepare_sweep(o.sweep_file);
  const SweepFile& f = plan.file;
  // Every rank prepared the same sweep (docs/mpi.md), or the job ends here, naming the rank.
  const std::uint64_t total = f.runs();
  const size_t totals = sweep_total_names().size();
  const size_t columns = sweep_column_count(*plan.economy);
  if (mpi) mpi->check_workers(sweep_identity(plan), statistics_layout(columns, total, so));
  const std::string dir = o.output.empty() ? default_output(plan) : o.output;
  inspect_results_folder(dir);  // a folder of files tradejobs did not write is refused before any work
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
    for (const char* name : {"runs.csv", kSweepStateFile})
      if (std::find(users.begin(), users.end(), name) != users.end())
        throw InputError(
            located((fs::path(dir) / name).string(), 0, 0,
                    "was not written by tradejobs, and the sweep writes a file of that name: move it out of the "
                    "folder, or choose a new folder with -o"));

    if (o.resume) {
      if (!folder.partial_sweep)
        throw InputError(located(dir, 0, 0,
                                 "no partial sweep to resume here (no " + std::string(kSweepStateFile) +
                                     "): start the sweep with: " + again));
      const SweepFingerprints now{file_fingerprint(f.file), file_fingerprint(f.base_file), data_fingerprint(f)};
      auto changed = [&](const std::string& what) {
        return InputError(located(
            (fs::path(dir) / kSweepStateFile).string(), 0, 0,
            "the partial sweep was made from a different " + what +
                ": restore the original to continue it, or discard it and start again with: " + again + " --restart"));
      };
      st = read_sweep_state(dir, stats, [&](const SweepState& saved) {
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
      out_folder.list({"runs.csv", kSweepStateFile});
      try {
        write_text_file(runs_csv.string(), runs_csv_header(keys));
        st.done = 0;
        st.runs_csv_bytes = fs::file_size(runs_csv);
        write_sweep_state(dir, st, stats);
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
  const int asked = sweep_threads(o.threads);
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
  auto accept = [&](SummarisedChunk&& chunk) {
    run_failed = run_failed || chunk.failed();
    throw_first_failure(f, chunk);
    const std::string& rows = chunk.rows;
    for (const auto& [path, runs] : chunk.solver_paths) st.solver_paths[path] += runs;
    // The chunk's block summaries merged along the tree (sweep_stats.h).
    stats.add(std::move(chunk.statistics));
    csv << rows;
    csv.flush();
    if (!csv) throw InputError(located(runs_csv.string(), 0, 0, "cannot write (disk full?)"));
    st.done = chunk.first + chunk.runs;
    st.runs_csv_bytes += rows.size();
    if (seconds_since(last_checkpoint) >= o.checkpoint_seconds || signals.received()) {
      write_sweep_state(dir, st, stats);
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
      write_sweep_state(dir, st, stats);
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
          write_sweep_state(dir, st, stats);
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
        computed.records = compute_sweep_runs(plan, begin, end - begin, threads, &computed.failures, true);
        accept(summarise_chunk(std::move(computed), stats.layout(), threads));
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
    write_sweep_state(dir, st, stats);
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
  const std::vector<SweepRegion> regions = sweep_regions(*plan.economy);
  std::vector<std::string> files{"runs.csv", kSweepStateFile, "sector_stats.csv", "summary.json", "report.html"};
  if (!regions.empty()) files.push_back("regions_stats.csv");
  out_folder.list(files);
  write_file_atomically(d / "sector_stats.csv", sector_stats_csv(stats, plan.economy->economy.sector_codes, totals));
  if (!regions.empty()) {  // a multi-region economy: each region's totals over the runs
    std::vector<std::string> codes;
    std::vector<bool> jobs_known;
    for (const SweepRegion& r : regions) {
      codes.push_back(r.code);
      jobs_known.push_back(r.jobs_known);
    }
    write_file_atomically(d / "regions_stats.csv",
                          regions_stats_csv(stats, codes, jobs_known, sweep_region_column(*plan.economy)));
  }
  timings.write = seconds_since(t_write);
  write_file_atomically(d / "summary.json",
                        sweep_summary_json(plan, stats, o, st.solver_paths, timings, threads, o.sweep_file, mpi));
  const auto t_report = Clock::now();
  std::string report;
  // The report (report.h) reads the folder's summary.json, runs.csv and sector_stats.csv.
  report = write_report(dir);
  timings.report = seconds_since(t_report);
  const std::string summary = sweep_summary_json(plan, stats, o, st.solver_paths, timings, threads, o.sweep_file, mpi);
  write_file_atomically(d / "summary.json", summary);
  if (o.xlsx) {  // results.xlsx from the files just written (xlsx.h); the same bytes for any -j
    const Economy& e = plan.economy->economy;
    const fs::path temp = d / (std::string(kWorkbookFile) + ".tmp");
    write_sweep_workbook(temp.string(), summary, (d / "runs.csv").string(),
                         sector_stats_csv(stats, e.sector_codes, totals), e.sector_codes, e.sector_names);
    fs::rename(temp, d / kWorkbookFile);
  }
  fs::remove(d / kSweepStateFile, ec);
  if (ec)
    throw InputError(located((d / kSweepStateFile).string(), 0, 0,
                             "cannot remove the state of the finished sweep: " + ec.message()));
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
      const bool money = sweep_total_is_money(static_cast<SweepTotal>(t));
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
    if (!regions.empty()) {  // the regions whose mean output change is largest (regions_stats.csv has all)
      const size_t first = sweep_region_column(*plan.economy), q = sweep_region_quantities().size();
      std::vector<ColumnSummary> output(regions.size());  // summary() sorts the column: once per region
      std::vector<size_t> order(regions.size());
      for (size_t r = 0; r < order.size(); ++r) {
        output[r] = stats.summary(first + r * q);
        order[r] = r;
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return std::fabs(output[a].mean) > std::fabs(output[b].mean); });
      order.resize(std::min<size_t>(order.size(), 10));
      out << "\noutput change by region "
          << "          mean            sd            p5           p50           p95\n";
      for (size_t r : order) {
        const ColumnSummary& c = output[r];
        std::string name = regions[r].code;
        name.resize(24, ' ');
        out << name << format_stat(c.mean, true) << format_stat(c.sd, true) << format_stat(c.p5, true)
            << format_stat(c.p50, true) << format_stat(c.p95, true) << "\n";
      }
      out << "(the " << order.size() << " of " << regions.size()
          << " regions with the largest mean change; every region in regions_stats.csv)\n";
    }
    out << "(jobs in " << e.employment_unit << ", money in " << e.currency << ")\n\nResults: " << report << "\n";
  } else {
    out << report << "\n";
  }
  return 0;
}

}  // namespace

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
