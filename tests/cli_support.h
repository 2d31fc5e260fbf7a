#pragma once
/// Shared helpers of the CLI tests: run the real `tradejobs` binary with stdout and stderr
/// captured separately, a wall-clock timeout and the exit code; a scratch folder with a copy of
/// the tiny economy; and a snapshot of a folder tree, so that a test can assert that nothing
/// outside the intended output folder changed.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>

namespace tradejobs_test {

namespace fs = std::filesystem;

inline const std::string kBinary = TRADEJOBS_BINARY;
inline const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;

/// What one run of the binary gave.
struct CliResult {
  int code = -1;           ///< exit status; -1 when killed by a signal or the timeout
  int signal = 0;          ///< the signal that ended it, 0 if it exited
  bool timed_out = false;  ///< true when the timeout killed it
  std::string out;         ///< stdout
  std::string err;         ///< stderr
};

inline std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

/// Runs `/bin/sh -c "cd DIR && BINARY ARGS"` with stdout and stderr written to files next to
/// nothing the test inspects (a private temporary folder), killing it after `timeout_s`.
inline CliResult run_binary(const fs::path& dir, const std::string& args, double timeout_s = 60,
                            const std::string& env = "") {
  static int counter = 0;
  const fs::path capture = fs::temp_directory_path() /
                           ("tradejobs_cli_capture_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::create_directories(capture);
  const std::string out_file = (capture / "stdout").string(), err_file = (capture / "stderr").string();
  const std::string cmd = "cd '" + dir.string() + "' && exec " + env + (env.empty() ? "" : " ") + "'" + kBinary + "' " +
                          args + " >'" + out_file + "' 2>'" + err_file + "' </dev/null";
  CliResult r;
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setpgid(0, 0);
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_s) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    ::usleep(10000);
  }
  if (!r.timed_out && WIFEXITED(status)) r.code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_text(out_file);
  r.err = read_text(err_file);
  std::error_code ec;
  fs::remove_all(capture, ec);
  return r;
}

/// Every regular file below `root` (relative path → content), and every folder (→ "<dir>").
/// Two snapshots compare equal when nothing below `root` was added, removed or changed.
inline std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = fs::relative(it->path(), root).string();
    if (it->is_directory())
      files[rel] = "<dir>";
    else if (it->is_regular_file())
      files[rel] = read_text(it->path());
    else
      files[rel] = "<special>";
  }
  return files;
}

/// A scratch folder (removed at the end) holding a copy of the tiny economy in `econ/` and a
/// good tariff scenario `s.yaml` on it.
struct CliSandbox {
  fs::path dir;
  explicit CliSandbox(const std::string& tag) {
    dir = fs::temp_directory_path() / ("tradejobs_cli_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(kSource + "/tests/fixtures/tiny_economy", dir / "econ");
    write("s.yaml",
          "schema_version: 1\nname: t\neconomy: econ\nmeasures:\n  - type: tariff\n    sectors: [MAN]\n"
          "    partners: [CHN]\n    from: 0.03\n    to: 0.25\n");
  }
  ~CliSandbox() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  CliSandbox(const CliSandbox&) = delete;
  CliSandbox& operator=(const CliSandbox&) = delete;
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    write_text(dir / name, text);
  }
  std::string read(const std::string& name) const { return read_text(dir / name); }
  /// Replaces the first `from` with `to` in a file of the sandbox.
  void edit(const std::string& name, const std::string& from, const std::string& to) const {
    std::string s = read(name);
    const auto pos = s.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, from);
    s.replace(pos, from.size(), to);
    write(name, s);
  }
  CliResult run(const std::string& args, double timeout_s = 60, const std::string& env = "") const {
    return run_binary(dir, args, timeout_s, env);
  }
};

}  // namespace tradejobs_test
