// Sweeps across MPI ranks (issue 8, issue 16; docs/mpi.md): the MPI build (CMake builds
// sweep_no_mpi.cpp instead without TRADEJOBS_WITH_MPI). The protocol is described in
// sweep_mpi.h. Depends on the sweep's plan and computing (plan.h, compute.h) and on the
// statistics (summarised_chunk.h), never on the sweep command.
#include "sweep/mpi/sweep_mpi.h"

#include <mpi.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <map>
#include <stdexcept>
#include <thread>
#include <utility>

#include "sweep/summarised_chunk.h"
#include "tradejobs/engine/bytes.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

bool built_with_mpi() { return true; }

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Message tags. Worker → rank 0: READY, FAILED, RESULT, SIGNAL, FINAL; rank 0 → worker: WORK, STOP.
enum Tag : int { kReady = 101, kFailed, kResult, kSignal, kFinal, kWork, kStop };

/// Messages above this are refused (MPI counts are int); ranges are sized to stay below.
constexpr std::uint64_t kMaxMessageBytes = 1ull << 30;
/// Ranges are sized so that their rows and exact values take at most this much of a message
/// (the sketches of a range take at most about 3·k values per column, whatever its runs).
constexpr std::uint64_t kTargetMessageBytes = 8ull << 20;

// --- message bodies: bytes.h (ByteWriter, ByteReader) -----------------------------------------

/// The reader of a message from `rank`.
ByteReader reader(std::string bytes, int rank, int size) {
  return ByteReader(std::move(bytes), "the message of " + rank_name(rank, size, ""),
                    "it is truncated (do all ranks run the same tradejobs binary?)");
}

void send(int to, int tag, const std::string& bytes) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

struct Message {
  int source = -1;
  int tag = 0;
  std::string bytes;
};

/// Receives one waiting message, if any.
bool poll(Message& m) {
  int flag = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
  if (!flag) return false;
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  m.source = status.MPI_SOURCE;
  m.tag = status.MPI_TAG;
  m.bytes.assign(static_cast<size_t>(count), '\0');
  MPI_Recv(m.bytes.data(), count, MPI_BYTE, m.source, m.tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return true;
}

/// Waits up to `seconds` for a message, sleeping between probes (blocking MPI calls spin and
/// would take a core from the compute threads of the same node).
bool wait_message(Message& m, double seconds) {
  const auto t0 = Clock::now();
  for (int spins = 0;; ++spins) {
    if (poll(m)) return true;
    if (seconds_since(t0) >= seconds) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(spins < 20 ? 50 : 1000));
  }
}

// --- failures --------------------------------------------------------------------------

enum FailureKind : std::uint64_t { kNoFailure = 0, kSolveFailure = 1, kInputFailure = 2, kOtherFailure = 3 };

std::pair<std::uint64_t, std::string> classify(const std::exception_ptr& e) {
  if (!e) return {kNoFailure, ""};
  try {
    std::rethrow_exception(e);
  } catch (const SolveError& x) {
    return {kSolveFailure, x.what()};
  } catch (const InputError& x) {
    return {kInputFailure, x.what()};
  } catch (const std::bad_alloc&) {
    return {kOtherFailure, "out of memory (std::bad_alloc)"};
  } catch (const std::exception& x) {
    return {kOtherFailure, x.what()};
  } catch (...) {
    return {kOtherFailure, "unknown exception"};
  }
}

std::exception_ptr rebuild(std::uint64_t kind, const std::string& message) {
  if (kind == kSolveFailure) return std::make_exception_ptr(SolveError(message));
  if (kind == kInputFailure) return std::make_exception_ptr(InputError(message));
  return std::make_exception_ptr(std::runtime_error(message));
}

/// A rank's failure as the exception rank 0 ends the job with (exit 1 or 2 through the CLI).
[[noreturn]] void throw_rank_failure(std::uint64_t kind, const std::string& who, const std::string& message) {
  if (kind == kSolveFailure) throw SolveError(who + ": " + message);
  if (kind == kInputFailure) throw InputError(who + ": " + message);
  throw std::runtime_error(who + ": " + message);
}

std::string runs_text(std::uint64_t first, std::uint64_t end) {
  return "runs " + std::to_string(first) + "-" + std::to_string(end - 1);
}

// A RESULT: the range, its compute time, then the summarised chunk (summarised_chunk.h): rows,
// solver paths, the failures (run index, kind, message) and, without failures, the statistics.
void pack_chunk(ByteWriter& w, const SummarisedChunk& c, double compute_seconds) {
  w.u64(c.first);
  w.u64(c.runs);
  w.f64(compute_seconds);
  w.text(c.rows);
  w.u64(c.solver_paths.size());
  for (const auto& [path, runs] : c.solver_paths) {
    w.text(path);
    w.u64(runs);
  }
  std::uint64_t failures = 0;
  for (const auto& f : c.failures) failures += f ? 1 : 0;
  w.u64(failures);
  for (size_t i = 0; i < c.failures.size(); ++i) {
    if (!c.failures[i]) continue;
    const auto [kind, message] = classify(c.failures[i]);
    w.u64(i);
    w.u64(kind);
    w.text(message);
  }
  if (!failures) c.statistics.save(w);
}

SummarisedChunk unpack_chunk(ByteReader& r, const StatisticsLayout& layout, double* compute_seconds) {
  SummarisedChunk c;
  c.first = r.u64();
  c.runs = r.u64();
  *compute_seconds = r.f64();
  c.rows = r.text();
  const std::uint64_t paths = r.u64();
  for (std::uint64_t i = 0; i < paths; ++i) {
    std::string path = r.text();
    c.solver_paths[path] = r.u64();
  }
  const std::uint64_t failures = r.u64();
  if (failures > c.runs) throw std::runtime_error("a RESULT message with more failures than runs");
  c.failures.resize(static_cast<size_t>(c.runs));
  for (std::uint64_t i = 0; i < failures; ++i) {
    const std::uint64_t at = r.u64();
    const std::uint64_t kind = r.u64();
    const std::string message = r.text();
    if (at >= c.runs) throw std::runtime_error("a RESULT message with a failure past its runs");
    c.failures[static_cast<size_t>(at)] = rebuild(kind, message);
  }
  if (!failures) {
    c.statistics = ChunkStatistics::load(r, layout);
    if (c.statistics.first_run != c.first || c.statistics.runs != c.runs)
      throw std::runtime_error("a RESULT message whose statistics are not its runs'");
  }
  return c;
}

void finalize_at_exit() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

// --- a worker's signals: noted, and reported to rank 0, which stops the job ---------------

volatile std::sig_atomic_t g_worker_signal = 0;
extern "C" void on_worker_signal(int signal) { g_worker_signal = signal; }

}  // namespace

MpiWorld sweep_mpi_world() {
  static const MpiWorld world = [] {
    MpiWorld w{0, 1, mpi_host_name()};
    if (!started_by_mpi_launcher()) return w;  // a plain process: no MPI_Init (a singleton init costs a second)
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
      std::atexit(finalize_at_exit);
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &w.size);
    return w;
  }();
  return world;
}

// --- rank 0 -----------------------------------------------------------------------------

struct SweepCoordinator::State {
  struct Range {
    std::uint64_t first = 0, end = 0;
  };
  struct Rank {
    std::string host;
    bool ready = false;     ///< READY received.
    bool finished = false;  ///< FINAL received.
    bool lost = false;      ///< Silent past the timeout: only MPI_Abort can end it.
    int threads = 1;
    double seconds_per_run = 0;  ///< Wall seconds per run of its last range (0 = not yet known).
    std::deque<Range> ranges;    ///< Handed out, results not yet received (in order).
    Clock::time_point heard = Clock::now();
  };
  std::vector<Rank> ranks;
  std::uint64_t bytes_per_run = 0;  ///< Rows and exact values of one run in a RESULT message.
  std::string lost_message;         ///< Why a rank is lost (printed before MPI_Abort).
};

SweepCoordinator::SweepCoordinator(const MpiWorld& world, double rank_timeout_seconds)
    : world_(world),
      timeout_(rank_timeout_seconds),
      times_(static_cast<size_t>(world.size)),
      state_(std::make_unique<State>()) {
  state_->ranks.resize(static_cast<size_t>(world.size));
  state_->ranks[0].host = world.host;
}

SweepCoordinator::~SweepCoordinator() {
  try {
    stop(2);
  } catch (...) {
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
}

void SweepCoordinator::check_workers(const SweepIdentity& own, const StatisticsLayout& layout) {
  State& s = *state_;
  const auto t0 = Clock::now();
  int waiting = world_.size - 1;
  while (waiting > 0) {
    Message m;
    if (!wait_message(m, 0.5)) {
      if (seconds_since(t0) < timeout_) continue;
      for (int r = 1; r < world_.size; ++r) {
        if (s.ranks[static_cast<size_t>(r)].ready) continue;
        s.ranks[static_cast<size_t>(r)].lost = true;
        s.lost_message = rank_name(r, world_.size, "") + " did not report its preparation of the sweep within " +
                         format_number(timeout_) + " s (TRADEJOBS_RANK_TIMEOUT_SECONDS): ending the job";
      }
      throw InputError(s.lost_message);
    }
    State::Rank& from = s.ranks[static_cast<size_t>(m.source)];
    ByteReader u = reader(m.bytes, m.source, world_.size);
    if (m.tag == kFailed) {
      const std::uint64_t kind = u.u64();
      const std::string message = u.text();
      from.host = u.text();
      from.ready = true;
      throw_rank_failure(kind, rank_name(m.source, world_.size, from.host), message);
    }
    if (m.tag == kSignal) {
      worker_signal_ = static_cast<int>(u.u64());
      continue;
    }
    if (m.tag != kReady) continue;
    SweepIdentity id;
    id.sweep_file = u.u64();
    id.base_file = u.u64();
    id.data = u.u64();
    id.runs = u.u64();
    id.columns = u.u64();
    const bool exact = u.u64() == 1;
    const auto sketch_k = static_cast<int>(u.u64());
    from.threads = static_cast<int>(u.u64());
    from.host = u.text();
    from.ready = true;
    --waiting;
    std::string differs;
    if (id.sweep_file != own.sweep_file)
      differs = "sweep file";
    else if (id.base_file != own.base_file)
      differs = "base scenario";
    else if (id.data != own.data)
      differs = "economy or measure data";
    else if (id.runs != own.runs)
      differs = "number of runs";
    else if (id.columns != own.columns)
      differs = "number of sectors";
    else if (exact != layout.exact || (!exact && sketch_k != layout.sketch_k))
      differs = "statistics setting (memory budget or sketch k)";
    if (!differs.empty())
      throw InputError(rank_name(m.source, world_.size, from.host) + ": its " + differs + " differs from rank 0's (" +
                       world_.host +
                       "): every rank must read the same files (copy them to every node, or use a shared file system)");
  }
  layout_ = layout;
  // A runs.csv row (about 24 bytes a number), and every value when quantiles are exact.
  s.bytes_per_run = 24 * (kSweepTotals + 8) + (layout.exact ? 8 * own.columns : 0);
}

void SweepCoordinator::run(const SweepPlan& plan, int threads, std::uint64_t first, std::uint64_t total,
                           const std::function<void(SummarisedChunk&&)>& accept,
                           const std::function<bool()>& stop_requested) {
  State& s = *state_;
  RankTimes& mine = times_[0];
  const auto t_run = Clock::now();
  double accept_seconds = 0;
  std::uint64_t next = first, accepted = first;
  std::map<std::uint64_t, SummarisedChunk> done;  // computed, waiting for the runs before them
  size_t handed_out = 0;                          // ranges handed to other ranks, results not yet in
  // Ranges ahead of the output: bounds rank 0's memory when one rank is slow.
  const size_t window = 4 * static_cast<size_t>(world_.size);
  double own_seconds_per_run = 0;

  // Runs in a range: about `seconds` of work — with sketches at least 8·k runs, so that a
  // range's summary (about 3·k values per column) is small against its runs —, at most
  // kTargetMessageBytes of rows and exact values, small near the end so that the ranks finish
  // together; and a whole node of the statistics tree (2^l blocks starting on a multiple of
  // 2^l), so that the rank that computes it merges it entirely and rank 0 merges one summary.
  auto range_size = [&](double seconds_per_run, int range_threads, double seconds) {
    double runs = seconds_per_run > 0 ? seconds / seconds_per_run
                                      : static_cast<double>(range_threads) * static_cast<double>(kSweepBatchRuns);
    if (!layout_.exact) runs = std::max(runs, 8.0 * layout_.sketch_k);
    runs = std::min(runs, static_cast<double>(kTargetMessageBytes / std::max<std::uint64_t>(1, s.bytes_per_run)));
    runs = std::min(runs, static_cast<double>(total - next) / (2.0 * world_.size));
    const std::uint64_t block = next / kSweepStatsBlockRuns;
    std::uint64_t blocks = 1;
    while (static_cast<double>(2 * blocks * kSweepStatsBlockRuns) <= runs && (block % (2 * blocks)) == 0 &&
           blocks < (std::uint64_t{1} << 40))
      blocks *= 2;
    return std::min(blocks * kSweepStatsBlockRuns, total - next);
  };
  auto receive = [&](Message& m) {
    State::Rank& from = s.ranks[static_cast<size_t>(m.source)];
    from.heard = Clock::now();
    ByteReader u = reader(std::move(m.bytes), m.source, world_.size);
    const std::string who = rank_name(m.source, world_.size, from.host);
    if (m.tag == kResult) {
      double seconds = 0;
      SummarisedChunk c = unpack_chunk(u, layout_, &seconds);
      if (from.ranges.empty() || from.ranges.front().first != c.first || from.ranges.front().end != c.first + c.runs)
        throw std::runtime_error(who + ": sent " + runs_text(c.first, c.first + c.runs) + ", which it was not given");
      from.ranges.pop_front();
      --handed_out;
      if (c.runs) from.seconds_per_run = seconds / static_cast<double>(c.runs);
      times_[static_cast<size_t>(m.source)].runs += c.runs;
      done.emplace(c.first, std::move(c));
    } else if (m.tag == kFailed) {
      const std::uint64_t kind = u.u64();
      const std::string message = u.text();
      throw_rank_failure(kind, who, message);
    } else if (m.tag == kSignal) {
      worker_signal_ = static_cast<int>(u.u64());
    } else {
      throw std::runtime_error(who + ": unexpected message (tag " + std::to_string(m.tag) + ") during the runs");
    }
  };

  while (accepted < total) {
    const bool stopping = stop_requested() || worker_signal_ != 0;
    Message m;
    const auto t_poll = Clock::now();
    bool received = false;
    while (poll(m)) {
      receive(m);
      received = true;
    }
    mine.communication_seconds += seconds_since(t_poll);
    // Chunks in run order go to the writer, exactly as in a single process.
    const auto t_accept = Clock::now();
    while (!done.empty() && done.begin()->first == accepted) {
      SummarisedChunk c = std::move(done.begin()->second);
      done.erase(done.begin());
      accepted = c.first + c.runs;
      accept(std::move(c));
    }
    accept_seconds += seconds_since(t_accept);
    if (accepted >= total || stopping) break;
    // Every other rank keeps two ranges: one to compute, one queued while rank 0 is busy.
    const auto t_send = Clock::now();
    for (int r = 1; r < world_.size; ++r) {
      State::Rank& w = s.ranks[static_cast<size_t>(r)];
      while (w.ranges.size() < 2 && next < total && handed_out + done.size() < window) {
        const std::uint64_t n = range_size(w.seconds_per_run, w.threads, 0.5);
        ByteWriter p;
        p.u64(next);
        p.u64(next + n);
        send(r, kWork, p.bytes());
        mine.bytes_sent += p.bytes().size();
        if (w.ranges.empty()) w.heard = Clock::now();
        w.ranges.push_back({next, next + n});
        ++handed_out;
        next += n;
      }
    }
    mine.communication_seconds += seconds_since(t_send);
    // Results came in: look again before computing. With many ranks results keep coming and
    // rank 0 only writes (its writing is then the limit, RESULTS_mpi.md); with few it computes
    // whenever no result is waiting.
    if (received) continue;
    if (next < total && handed_out + done.size() < window) {
      // Rank 0 computes a range too: short ones, so that it answers the others promptly.
      const std::uint64_t n = range_size(own_seconds_per_run, threads, 0.25);
      const auto t_compute = Clock::now();
      SweepChunk c;
      c.first = next;
      c.records = compute_sweep_runs(plan, next, n, threads, &c.failures, true);
      for (size_t i = 0; i < c.failures.size(); ++i) {
        const auto [kind, message] = classify(c.failures[i]);
        if (kind == kOtherFailure)
          throw_rank_failure(kind, rank_name(0, world_.size, world_.host),
                             message + " while computing " + runs_text(next, next + n));
      }
      SummarisedChunk summarised = summarise_chunk(std::move(c), layout_, threads);
      const double took = seconds_since(t_compute);
      mine.compute_seconds += took;
      mine.runs += n;
      own_seconds_per_run = took / static_cast<double>(n);
      done.emplace(next, std::move(summarised));
      next += n;
      continue;
    }
    // Nothing to compute here: wait for the others, watching for a rank that went silent.
    const auto t_wait = Clock::now();
    if (wait_message(m, 0.05)) receive(m);
    mine.communication_seconds += seconds_since(t_wait);
    for (int r = 1; r < world_.size; ++r) {
      State::Rank& w = s.ranks[static_cast<size_t>(r)];
      if (w.ranges.empty() || seconds_since(w.heard) < timeout_) continue;
      w.lost = true;
      s.lost_message = rank_name(r, world_.size, w.host) + " holds " +
                       runs_text(w.ranges.front().first, w.ranges.back().end) + " and has sent nothing for " +
                       format_number(timeout_) +
                       " s (TRADEJOBS_RANK_TIMEOUT_SECONDS): ending the job; continue it with --resume";
      throw std::runtime_error(s.lost_message);
    }
  }
  times_[0].communication_seconds = std::max(0.0, seconds_since(t_run) - mine.compute_seconds - accept_seconds);
}

void SweepCoordinator::stop(int exit_code) {
  if (stopped_) return;
  stopped_ = true;
  State& s = *state_;
  for (int r = 1; r < world_.size; ++r) {
    if (s.ranks[static_cast<size_t>(r)].lost) continue;
    ByteWriter p;
    p.u64(static_cast<std::uint64_t>(exit_code));
    send(r, kStop, p.bytes());
  }
  // Every rank that is not lost answers with FINAL after its current range; whatever else it
  // sent before is read and dropped.
  const auto t0 = Clock::now();
  for (;;) {
    int waiting = 0;
    for (int r = 1; r < world_.size; ++r) {
      const State::Rank& w = s.ranks[static_cast<size_t>(r)];
      if (!w.lost && !w.finished) ++waiting;
    }
    if (waiting == 0) break;
    Message m;
    if (wait_message(m, 0.5)) {
      if (m.tag != kFinal) continue;
      State::Rank& w = s.ranks[static_cast<size_t>(m.source)];
      ByteReader u = reader(m.bytes, m.source, world_.size);
      RankTimes& t = times_[static_cast<size_t>(m.source)];
      t.runs = u.u64();
      t.compute_seconds = u.f64();
      t.communication_seconds = u.f64();
      t.bytes_sent = u.u64();
      w.finished = true;
    } else if (seconds_since(t0) > timeout_) {
      for (int r = 1; r < world_.size; ++r) {
        State::Rank& w = s.ranks[static_cast<size_t>(r)];
        if (w.lost || w.finished) continue;
        w.lost = true;
        if (s.lost_message.empty())
          s.lost_message = rank_name(r, world_.size, w.host) + " did not end within " + format_number(timeout_) +
                           " s of being told to stop (TRADEJOBS_RANK_TIMEOUT_SECONDS)";
      }
    }
  }
  if (!s.lost_message.empty()) {
    // A silent rank can only be ended by MPI_Abort, which ends this process too: say why first.
    std::cerr << "error: " << s.lost_message << std::endl;
    MPI_Abort(MPI_COMM_WORLD, exit_code != 0 ? exit_code : 2);
  }
}

// --- the other ranks --------------------------------------------------------------------

int run_sweep_worker(const SweepCommandOptions& o, const MpiWorld& world) {
  g_worker_signal = 0;
  std::signal(SIGINT, on_worker_signal);
  std::signal(SIGTERM, on_worker_signal);
  const int threads = sweep_threads(o.threads);
  RankTimes times;
  std::unique_ptr<SweepPlan> plan;
  StatisticsLayout layout;
  auto report_failure = [&](std::uint64_t kind, const std::string& message) {
    ByteWriter p;
    p.u64(kind);
    p.text(message);
    p.text(world.host);
    send(0, kFailed, p.bytes());
    times.bytes_sent += p.bytes().size();
  };
  try {
    plan = std::make_unique<SweepPlan>(prepare_sweep(o.sweep_file));
    const SweepIdentity id = sweep_identity(*plan);
    SweepStatisticsOptions so;
    so.memory_budget_bytes = o.memory_budget_bytes;
    so.sketch_k = o.sketch_k;
    layout = statistics_layout(static_cast<size_t>(id.columns), id.runs, so);
    ByteWriter p;
    for (std::uint64_t v : {id.sweep_file, id.base_file, id.data, id.runs, id.columns}) p.u64(v);
    p.u64(layout.exact ? 1 : 0);
    p.u64(static_cast<std::uint64_t>(layout.sketch_k));
    p.u64(static_cast<std::uint64_t>(threads));
    p.text(world.host);
    send(0, kReady, p.bytes());
    times.bytes_sent += p.bytes().size();
  } catch (...) {
    const auto [kind, message] = classify(std::current_exception());
    plan.reset();
    report_failure(kind, message);
  }

  const auto t_start = Clock::now();
  std::deque<std::pair<std::uint64_t, std::uint64_t> > work;
  std::string in_flight;  // the RESULT being sent (MPI_Isend: computing goes on meanwhile)
  MPI_Request request = MPI_REQUEST_NULL;
  bool signal_sent = false;
  int exit_code = -1;
  auto handle = [&](const Message& m) {
    ByteReader u = reader(m.bytes, m.source, world.size);
    if (m.tag == kWork) {
      const std::uint64_t first = u.u64(), end = u.u64();
      work.emplace_back(first, end);
    } else if (m.tag == kStop) {
      exit_code = static_cast<int>(u.u64());
    }
  };
  while (exit_code < 0) {
    Message m;
    while (exit_code < 0 && poll(m)) handle(m);
    if (exit_code >= 0) break;
    if (g_worker_signal && !signal_sent) {
      ByteWriter p;
      p.u64(static_cast<std::uint64_t>(g_worker_signal));
      send(0, kSignal, p.bytes());
      signal_sent = true;
    }
    if (!plan || work.empty()) {
      if (wait_message(m, 0.05)) handle(m);
      continue;
    }
    const auto [first, end] = work.front();
    work.pop_front();
    SweepChunk c;
    c.first = first;
    const auto t_compute = Clock::now();
    std::string failure;
    std::uint64_t failure_kind = kNoFailure;
    SummarisedChunk summarised;
    try {
      c.records = compute_sweep_runs(*plan, first, end - first, threads, &c.failures, true);
      // A failure that is not the run's own (the model could not be solved, a bad value) is a
      // failure of this rank: out of memory, for example.
      for (const auto& e : c.failures) {
        const auto [kind, message] = classify(e);
        if (kind == kOtherFailure) {
          failure_kind = kind;
          failure = message + " while computing " + runs_text(first, end);
          break;
        }
      }
      // This rank's threads summarise its blocks (sweep_stats.h): rank 0 only merges.
      if (failure_kind == kNoFailure) summarised = summarise_chunk(std::move(c), layout, threads);
    } catch (...) {
      const auto [kind, message] = classify(std::current_exception());
      failure_kind = kind;
      failure = message + " while computing " + runs_text(first, end);
    }
    const double took = seconds_since(t_compute);
    times.compute_seconds += took;
    if (failure_kind != kNoFailure) {
      report_failure(failure_kind, failure);
      plan.reset();  // frees its memory; waits for STOP
      work.clear();
      continue;
    }
    times.runs += end - first;
    ByteWriter p;
    pack_chunk(p, summarised, took);
    if (p.bytes().size() > kMaxMessageBytes) {
      report_failure(kOtherFailure, "the results of " + runs_text(first, end) + " take " +
                                        std::to_string(p.bytes().size()) + " bytes, more than one message may hold");
      plan.reset();
      continue;
    }
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    in_flight = p.take();
    MPI_Isend(in_flight.data(), static_cast<int>(in_flight.size()), MPI_BYTE, 0, kResult, MPI_COMM_WORLD, &request);
    times.bytes_sent += in_flight.size();
  }
  MPI_Wait(&request, MPI_STATUS_IGNORE);
  times.communication_seconds = std::max(0.0, seconds_since(t_start) - times.compute_seconds);
  ByteWriter p;
  p.u64(times.runs);
  p.f64(times.compute_seconds);
  p.f64(times.communication_seconds);
  p.u64(times.bytes_sent);
  send(0, kFinal, p.bytes());
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  return exit_code;
}

}  // namespace tradejobs
