// ctest-labels: mpi
// Sweeps across MPI ranks (issue 8; docs/mpi.md), through the real binary under mpiexec:
// `-np 1`, `-np 2` and `-np 3` (any thread counts) give byte-identical outputs to the plain
// single process; a run killed mid-sweep resumes, on another number of ranks, to the same
// bytes; a rank that fails or differs, or that stops answering, ends the job within seconds
// with a message naming it and a non-zero exit. tests/mpi.cmake registers it only in MPI
// builds (TRADEJOBS_MPIEXEC is the mpiexec that CMake's FindMPI found).
#ifdef TRADEJOBS_MPIEXEC
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;
const std::string kFixtureSweep = kSource + "/tests/fixtures/sweep/sweep.yaml";
const std::string kUsaSweep = kSource + "/scenarios/us-china-2018-sweep.yaml";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const fs::path kScratch = fs::temp_directory_path() / ("tradejobs-test-mpi-" + std::to_string(getpid()));

struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ec;
    fs::remove_all(kScratch, ec);
  }
} cleanup;

fs::path scratch(const std::string& name) {
  const fs::path dir = kScratch / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// mpiexec as root on a 2-core machine: --allow-run-as-root, --oversubscribe, shared memory only.
std::vector<std::string> mpiexec(int ranks) {
  return {TRADEJOBS_MPIEXEC,    "--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader", "-np",
          std::to_string(ranks)};
}

/// `tradejobs sweep SWEEP -o DIR -j THREADS --quiet [--resume]`.
std::vector<std::string> sweep_command(const std::string& sweep, const fs::path& dir, int threads,
                                       bool resume = false) {
  std::vector<std::string> a = {TRADEJOBS_BINARY,        "sweep",  sweep, "-o", dir.string(), "-j",
                                std::to_string(threads), "--quiet"};
  if (resume) a.push_back("--resume");
  return a;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// Starts a command in its own process group, stdout and stderr to `log`; `env` adds NAME=VALUE.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log, const std::vector<std::string>& env = {}) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    setpgid(0, 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  return pid;
}

struct Outcome {
  int exit_code = -1;  ///< Exit status, or 128 + signal.
  double seconds = 0;  ///< Wall time.
  std::string log;     ///< stdout and stderr.
};

/// Waits for a spawned command; kills its process group after `timeout` seconds (a hang).
Outcome finish(pid_t pid, const fs::path& log, double timeout, Clock::time_point started) {
  Outcome o;
  int status = 0;
  for (;;) {
    if (waitpid(pid, &status, WNOHANG) == pid) break;
    if (std::chrono::duration<double>(Clock::now() - started).count() > timeout) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      FAIL_CHECK("the command did not end within " << timeout << " s (a hang)");
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  o.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.log = read_file(log);
  return o;
}

Outcome run(const std::vector<std::string>& argv, const fs::path& log, const std::vector<std::string>& env = {},
            double timeout = 60) {
  const auto t0 = Clock::now();
  return finish(spawn(argv, log, env), log, timeout, t0);
}

/// summary.json up to its run-dependent tail (timings_seconds, threads, ranks, mpi: docs/mpi.md).
std::string stable_summary(const fs::path& dir) {
  const std::string s = read_file(dir / "summary.json");
  return s.substr(0, s.find("\"timings_seconds\""));
}

/// The outputs of two sweeps are the same bytes.
void check_same_outputs(const fs::path& a, const fs::path& b) {
  INFO(a.string() << " vs " << b.string());
  // report.html shows the timings of its diagnostics (like summary.json's tail): not compared.
  for (const char* f : {"runs.csv", "sector_stats.csv"}) {
    INFO(f);
    REQUIRE(fs::exists(b / f));
    CHECK(read_file(a / f) == read_file(b / f));
  }
  CHECK(stable_summary(a) == stable_summary(b));
  CHECK(!fs::exists(b / "sweep.state"));
}

/// The process of MPI rank `rank` among the children of mpiexec `launcher` (0 if not found).
pid_t rank_process(pid_t launcher, int rank) {
  const std::string wanted = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string stat = read_file(entry.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(stat.substr(close + 2));
    char state = 0;
    pid_t parent = 0;
    fields >> state >> parent;
    if (parent != launcher) continue;
    std::istringstream environ(read_file(entry.path() / "environ"));
    std::string var;
    while (std::getline(environ, var, '\0'))
      if (var == wanted) return static_cast<pid_t>(std::stol(name));
  }
  return 0;
}

/// Lines of a file (0 if missing).
size_t lines_of(const fs::path& p) {
  const std::string s = read_file(p);
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

/// The US-China sweep with more draws, its base scenario given by absolute path.
std::string long_usa_sweep(const fs::path& dir, int draws) {
  std::string body = read_file(kUsaSweep);
  body.replace(body.find("draws: 1000"), 11, "draws: " + std::to_string(draws));
  body.replace(body.find("base: us-china-2018.yaml"), 24, "base: " + kSource + "/scenarios/us-china-2018.yaml");
  const fs::path p = dir / "long.yaml";
  std::ofstream(p) << body;
  return p.string();
}

/// A copy of the fixture sweep and its economy in `dir`, for a rank that sees other files.
std::string copy_fixture(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(kSource + "/tests/fixtures/sweep", dir / "sweep", fs::copy_options::recursive);
  fs::copy(kSource + "/tests/fixtures/tiny_economy", dir / "tiny_economy", fs::copy_options::recursive);
  return (dir / "sweep" / "sweep.yaml").string();
}

}  // namespace

TEST_CASE("-np 1, -np 2 and -np 3 give the bytes of the single process, for any threads") {
  const fs::path dir = scratch("identical");
  for (const std::string& sweep : {kFixtureSweep, kUsaSweep}) {
    INFO(sweep);
    // The MPI build started without mpiexec is a plain single process.
    const fs::path plain = dir / "plain";
    fs::remove_all(plain);
    REQUIRE(run(sweep_command(sweep, plain, 2), dir / "plain.log").exit_code == 0);
    struct Case {
      int ranks, threads;
    };
    for (const Case c : {Case{1, 1}, Case{2, 1}, Case{3, 2}}) {
      INFO("-np " << c.ranks << " -j " << c.threads);
      const fs::path out = dir / ("np" + std::to_string(c.ranks));
      fs::remove_all(out);
      const Outcome o = run(mpiexec(c.ranks) + sweep_command(sweep, out, c.threads), dir / "mpi.log");
      INFO(o.log);
      REQUIRE(o.exit_code == 0);
      check_same_outputs(plain, out);
      const std::string summary = read_file(out / "summary.json");
      CHECK(summary.find("\"ranks\": " + std::to_string(c.ranks)) != std::string::npos);
      if (c.ranks > 1) {
        // Every rank computed runs, and the counts add up.
        const auto at = summary.find("\"runs_by_rank\"");
        REQUIRE(at != std::string::npos);
        std::istringstream runs(
            summary.substr(summary.find('[', at) + 1, summary.find(']', at) - summary.find('[', at) - 1));
        std::string item;
        long long sum = 0;
        int ranks = 0;
        while (std::getline(runs, item, ',')) {
          CHECK(std::stoll(item) > 0);
          sum += std::stoll(item);
          ++ranks;
        }
        CHECK(ranks == c.ranks);
        CHECK(sum == (sweep == kFixtureSweep ? 300 : 1000));
      }
    }
  }
}

TEST_CASE("a sweep killed under mpiexec resumes on another number of ranks to the same bytes") {
  const fs::path dir = scratch("resume");
  const std::string sweep = long_usa_sweep(dir, 3000);
  REQUIRE(run(sweep_command(sweep, dir / "whole", 2), dir / "whole.log").exit_code == 0);

  // Kill rank 1 (SIGKILL: no chance to clean up) once rows are coming in: mpiexec ends the job.
  const fs::path part = dir / "part";
  const auto t0 = Clock::now();
  const pid_t launcher = spawn(mpiexec(2) + sweep_command(sweep, part, 1), dir / "part.log");
  pid_t rank1 = 0;
  while (Clock::now() - t0 < std::chrono::seconds(30)) {
    if (!rank1) rank1 = rank_process(launcher, 1);
    if (rank1 && lines_of(part / "runs.csv") > 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(rank1 != 0);
  kill(rank1, SIGKILL);
  const Outcome killed = finish(launcher, dir / "part.log", 30, t0);
  INFO(killed.log);
  CHECK(killed.exit_code != 0);
  REQUIRE(fs::exists(part / "sweep.state"));
  CHECK(!fs::exists(part / "summary.json"));
  CHECK(lines_of(part / "runs.csv") < 3001);

  const Outcome resumed = run(mpiexec(3) + sweep_command(sweep, part, 1, true), dir / "resume.log");
  INFO(resumed.log);
  REQUIRE(resumed.exit_code == 0);
  check_same_outputs(dir / "whole", part);
}

TEST_CASE("a rank that cannot read its inputs ends the job within seconds, naming the rank and the cause") {
  const fs::path dir = scratch("bad-rank");
  // Rank 1 reads a copy of the fixture whose economy lacks its employment file, as on a node
  // where a file was not copied.
  const std::string broken = copy_fixture(dir / "node1");
  fs::remove(dir / "node1" / "tiny_economy" / "employment.csv");
  const fs::path out = dir / "out";
  const std::vector<std::string> rank0 = sweep_command(kFixtureSweep, out, 1);
  const std::vector<std::string> rank1 = sweep_command(broken, out, 1);
  Outcome o = run(mpiexec(1) + rank0 + std::vector<std::string>{":", "-np", "1"} + rank1, dir / "bad.log", {}, 30);
  INFO(o.log);
  CHECK(o.exit_code == 2);
  CHECK(o.seconds < 20);
  const std::string expected = "error: rank 1 of 2 (host ";
  CHECK(o.log.find(expected) != std::string::npos);
  CHECK(o.log.find("): " + (dir / "node1" / "tiny_economy").string() + "/economy.yaml:") != std::string::npos);
  CHECK(o.log.find("employment: file '" + (dir / "node1" / "tiny_economy" / "employment.csv").string() +
                   "' does not exist: expected a CSV file") != std::string::npos);
  CHECK(!fs::exists(out));  // nothing written

  // A rank whose sweep file differs (another seed) is refused before any run.
  const std::string other = copy_fixture(dir / "node2");
  std::string text = read_file(other);
  text.replace(text.find("seed: 2018"), 10, "seed: 2019");
  std::ofstream(other) << text;
  o = run(mpiexec(2) + rank0 + std::vector<std::string>{":", "-np", "1"} + sweep_command(other, out, 1),
          dir / "other.log", {}, 30);
  INFO(o.log);
  CHECK(o.exit_code == 2);
  CHECK(o.log.find("rank 2 of 3 (host ") != std::string::npos);
  CHECK(o.log.find("): its sweep file differs from rank 0's (") != std::string::npos);
  CHECK(!fs::exists(out));
}

TEST_CASE("a rank that stops answering ends the job after the rank timeout; the rows written resume") {
  const fs::path dir = scratch("silent");
  const std::string sweep = long_usa_sweep(dir, 3000);
  const fs::path part = dir / "part";
  const auto t0 = Clock::now();
  const pid_t launcher =
      spawn(mpiexec(2) + sweep_command(sweep, part, 1), dir / "part.log", {"TRADEJOBS_RANK_TIMEOUT_SECONDS=2"});
  pid_t rank1 = 0;
  while (Clock::now() - t0 < std::chrono::seconds(30)) {
    if (!rank1) rank1 = rank_process(launcher, 1);
    if (rank1 && lines_of(part / "runs.csv") > 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(rank1 != 0);
  kill(rank1, SIGSTOP);  // alive but silent, as on a hung node
  const auto stopped = Clock::now();
  const Outcome o = finish(launcher, dir / "part.log", 30, t0);
  INFO(o.log);
  CHECK(o.exit_code == 2);
  CHECK(std::chrono::duration<double>(Clock::now() - stopped).count() < 15);
  CHECK(o.log.find("error: rank 1 of 2 (host ") != std::string::npos);
  CHECK(
      o.log.find(
          "and has sent nothing for 2 s (TRADEJOBS_RANK_TIMEOUT_SECONDS): ending the job; continue it with --resume") !=
      std::string::npos);
  REQUIRE(fs::exists(part / "sweep.state"));

  // The rows written before stay: the resumed sweep equals an uninterrupted one.
  REQUIRE(run(mpiexec(2) + sweep_command(sweep, part, 1, true), dir / "resume.log").exit_code == 0);
  REQUIRE(run(sweep_command(sweep, dir / "whole", 2), dir / "whole.log").exit_code == 0);
  check_same_outputs(dir / "whole", part);

  // A bad timeout is refused with its value.
  const Outcome bad = run(mpiexec(2) + sweep_command(kFixtureSweep, dir / "bad", 1), dir / "bad.log",
                          {"TRADEJOBS_RANK_TIMEOUT_SECONDS=soon"}, 30);
  INFO(bad.log);
  CHECK(bad.exit_code == 2);
  CHECK(bad.log.find("error: TRADEJOBS_RANK_TIMEOUT_SECONDS = 'soon': must be a number of seconds > 0") !=
        std::string::npos);
}

#endif  // TRADEJOBS_MPIEXEC
