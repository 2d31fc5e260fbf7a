// ctest-labels: cli
// Results folders (docs/model.md §8, §9): tradejobs writes only into a folder it creates or one
// holding its results manifest (.tradejobs-results), replaces only the manifest's files, and
// never deletes anything else; scenario names and outputs.directory cannot point elsewhere; -j
// is bounded; a failed sweep leaves nothing that blocks the next one; every refusal's advice
// works. Each case runs the real binary and checks exit code, stdout and stderr separately.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "cli_support.h"

using namespace tradejobs_test;

namespace {

/// The snapshot without the entries below `prefix` (the folder a command may write).
std::map<std::string, std::string> outside(std::map<std::string, std::string> files, const std::string& prefix) {
  for (auto it = files.begin(); it != files.end();)
    it = it->first == prefix || it->first.rfind(prefix + "/", 0) == 0 ? files.erase(it) : std::next(it);
  return files;
}

/// A folder of someone else's files: a note and a git repository.
void plant_foreign(const CliSandbox& s, const std::string& dir) {
  s.write(dir + "/notes.txt", "my notes\n");
  s.write(dir + "/.git/HEAD", "ref: refs/heads/main\n");
}

/// A sweep over the sandbox scenario: 2 tariffs x 3 draws (6 runs, one batch).
const char* kSweep =
    "schema_version: 1\nbase: s.yaml\nvary:\n  - key: measures[0].to\n    values: [0.15, 0.25]\n"
    "  - key: parameters.armington\n    distribution: uniform\n    low: 1.5\n    high: 3\ndraws: 3\nseed: 7\n";

/// The tiny economy made import-dependent in MAN (imported MAN inputs of MAN 150, value added
/// lowered to keep the column balanced): a prohibitive tariff with armington near 1 and no
/// price feedback makes the shocked table not productive (docs/model.md §3), so that run fails.
void make_a_run_fail(const CliSandbox& s) {
  s.edit("econ/intermediate_imported.csv", "MAN,5,30,10", "MAN,5,150,10");
  s.edit("econ/value_added.csv", "compensation,30,40,100", "compensation,30,5,100");
  s.edit("econ/value_added.csv", "other,37,25,45", "other,37,-60,45");
  s.write("f.yaml",
          "schema_version: 1\nname: f\neconomy: econ\nmeasures:\n  - type: tariff\n    sectors: [AGR, MAN, SER]\n"
          "    partners: all\n    from: 0.03\n    to: 0.1\noptions: {price_feedback: false}\n");
  s.write("fail.yaml",
          "schema_version: 1\nbase: f.yaml\nvary:\n  - key: measures[0].to\n    values: [0.1, 10]\n"
          "  - key: parameters.armington\n    values: [1.05]\n");
}

}  // namespace

TEST_CASE("run and sweep refuse a folder of files tradejobs did not write; the files and .git/ survive") {
  CliSandbox s("outputs_foreign");
  plant_foreign(s, "mine");
  s.write("w.yaml", kSweep);
  const auto before = snapshot(s.dir);
  const std::string why =
      "mine: the folder exists and holds files tradejobs did not write (it has no .tradejobs-results manifest), which "
      "a run "
      "would overwrite: choose a new folder with -o, or remove it yourself\n";
  CliResult r = s.run("run s.yaml -o mine");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: " + why);
  CHECK(snapshot(s.dir) == before);
  r = s.run("run s.yaml -o mine/");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: mine/" + why.substr(4));
  CHECK(snapshot(s.dir) == before);
  r = s.run("sweep w.yaml -o mine -j 1");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "error: " + why);
  CHECK(snapshot(s.dir) == before);
  // The advice works: a new folder.
  r = s.run("run s.yaml -o new -q");
  CHECK(r.code == 0);
  CHECK(r.out == "new/report.html\n");
  CHECK(r.err == "");
  CHECK(outside(snapshot(s.dir), "new") == before);
}

TEST_CASE("a rerun replaces only the files of its manifest: the user's files stay, result bytes unchanged") {
  CliSandbox s("outputs_rerun");
  const CliResult csv = s.run("run s.yaml -o elsewhere --format csv --no-xlsx --no-report");
  REQUIRE(csv.code == 0);
  CliResult r = s.run("run s.yaml -o out -q");
  REQUIRE(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  const std::string manifest = s.read("out/.tradejobs-results");
  CHECK(manifest.rfind("tradejobs results: run\n", 0) == 0);
  for (const char* f : {"summary.json", "sectors.csv", "timeline.csv", "groups.csv", "partners.csv", "report.html"})
    CHECK_MESSAGE(manifest.find(std::string("\n") + f + "\n") != std::string::npos, f);
  CHECK(s.read("out/sectors.csv") == csv.out);  // the manifest is a file of its own
  const auto first = snapshot(s.dir / "out");
  s.write("out/my-notes.txt", "keep me\n");
  s.write("out/analysis/plot.R", "plot(1)\n");
  const auto before = snapshot(s.dir);
  r = s.run("run s.yaml -o out -q");
  CHECK(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  CHECK(s.read("out/my-notes.txt") == "keep me\n");
  CHECK(s.read("out/analysis/plot.R") == "plot(1)\n");
  auto now = snapshot(s.dir / "out");
  now.erase("my-notes.txt");
  now.erase("analysis");
  now.erase("analysis/plot.R");
  CHECK(now.size() == first.size());
  for (const auto& [name, text] : first)
    if (name != "report.html" && name != "results.xlsx") CHECK_MESSAGE(now[name] == text, name);
  CHECK(outside(snapshot(s.dir), "out") == outside(before, "out"));
  int stray = 0;  // no temporary folders left next to the results
  for (const auto& e : fs::directory_iterator(s.dir)) stray += e.path().filename().string()[0] == '.';
  CHECK(stray == 0);
  // Named with a trailing '/', the same folder.
  r = s.run("run s.yaml -o out/ -q");
  CHECK(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  CHECK(s.read("out/my-notes.txt") == "keep me\n");
  CHECK(s.read("out/.tradejobs-results") == manifest);
  CHECK(outside(snapshot(s.dir), "out") == outside(before, "out"));
  // The report is rebuilt in place and stays in the manifest.
  r = s.run("report out");
  CHECK(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  CHECK(s.read("out/.tradejobs-results") == manifest);
  CHECK(s.read("out/my-notes.txt") == "keep me\n");
}

TEST_CASE("report refuses to overwrite a report.html it did not write, and says what works") {
  CliSandbox s("outputs_report");
  REQUIRE(s.run("run s.yaml -o out -q").code == 0);
  // A results folder without a manifest (copied by hand, or from an older tradejobs) ...
  fs::remove(s.dir / "out" / ".tradejobs-results");
  s.write("out/report.html", "my own report\n");
  const auto before = snapshot(s.dir);
  CliResult r = s.run("report out");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: out/report.html: was not written by tradejobs (the folder has no .tradejobs-results manifest) and "
        "would be "
        "overwritten: move it out of the folder, then run `tradejobs report out` again\n");
  CHECK(snapshot(s.dir) == before);
  fs::rename(s.dir / "out" / "report.html", s.dir / "mine.html");
  r = s.run("report out");
  CHECK(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  CHECK(s.read("out/.tradejobs-results") == "tradejobs results: run\nreport.html\n");
  CHECK(s.read("mine.html") == "my own report\n");
}

TEST_CASE("a scenario name must be a plain folder name: '../../x' is refused with its line and column") {
  CliSandbox s("outputs_name");
  s.write("victim/x/keep.txt", "precious\n");
  fs::create_directories(s.dir / "victim" / "cwd");
  s.edit("s.yaml", "name: t", "name: \"../../x\"");
  const auto before = snapshot(s.dir);
  // From victim/cwd, results/../../x would be victim/x.
  const CliResult r = run_binary(s.dir / "victim" / "cwd", "run ../../s.yaml");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: ../../s.yaml:2:7: name: '../../x' (7 characters): expected a name of letters, digits, '-', '_' and "
        "'.', not "
        "starting with '.', at most 100 characters (it names the results folder results/NAME)\n");
  CHECK(snapshot(s.dir) == before);
  s.edit("s.yaml", "name: \"../../x\"", "name: " + std::string(101, 'n'));
  const CliResult l = s.run("run s.yaml");
  CHECK(l.code == 2);
  CHECK(l.err.find("name: '" + std::string(80, 'n')) != std::string::npos);
  CHECK(l.err.find("(101 characters)") != std::string::npos);
}

TEST_CASE("outputs.directory may not be absolute or climb out of the scenario's folder, unless -o names it") {
  CliSandbox s("outputs_directory");
  s.write("victim/keep.txt", "precious\n");
  fs::create_directories(s.dir / "scen");
  const std::string body = s.read("s.yaml");
  const std::string absolute = (s.dir / "victim").string();
  s.write("scen/abs.yaml", body.substr(0, body.find("economy: econ")) + "economy: ../econ\n" +
                               body.substr(body.find("measures:")) + "outputs: {directory: " + absolute + "}\n");
  s.write("scen/up.yaml", body.substr(0, body.find("economy: econ")) + "economy: ../econ\n" +
                              body.substr(body.find("measures:")) + "outputs: {directory: ../victim}\n");
  s.write("scen/w.yaml", "schema_version: 1\nbase: up.yaml\nvary:\n  - key: measures[0].to\n    values: [0.1, 0.2]\n");
  const auto before = snapshot(s.dir);
  CliResult r = s.run("run scen/abs.yaml");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: scen/abs.yaml:10:22: outputs.directory: '" + absolute +
            "' is an absolute path: a scenario file may only name a folder inside its own folder; to write there "
            "anyway, give it on the command line with -o\n");
  CHECK(snapshot(s.dir) == before);
  r = s.run("run scen/up.yaml");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: scen/up.yaml:10:22: outputs.directory: '../victim' climbs out of the scenario's folder: a scenario "
        "file may "
        "only name a folder inside its own folder; to write there anyway, give it on the command line with -o\n");
  CHECK(snapshot(s.dir) == before);
  r = s.run("sweep scen/w.yaml -j 1");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err.rfind("error: scen/up.yaml:10:22: outputs.directory: '../victim' climbs out", 0) == 0);
  CHECK(snapshot(s.dir) == before);
  // Named on the command line, a folder anywhere is fine.
  r = s.run("run scen/abs.yaml -o " + (s.dir / "chosen").string() + " -q");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  CHECK(fs::exists(s.dir / "chosen" / "sectors.csv"));
  CHECK(outside(snapshot(s.dir), "chosen") == before);
  // Inside the scenario's folder is fine too.
  s.write("scen/in.yaml", s.read("scen/up.yaml").replace(s.read("scen/up.yaml").find("../victim"), 9, "results/here"));
  r = s.run("run scen/in.yaml -q");
  CHECK(r.code == 0);
  CHECK(r.out == "scen/results/here/report.html\n");
  CHECK(r.err == "");
}

TEST_CASE("a sweep does not replace a foreign folder whose summary.json says \"kind\": \"sweep\"") {
  CliSandbox s("outputs_kind");
  s.write("w.yaml", kSweep);
  s.write("old/summary.json", "{\n  \"kind\": \"sweep\",\n  \"mine\": true\n}\n");
  s.write("old/thesis.tex", "\\documentclass{article}\n");
  const auto before = snapshot(s.dir);
  const CliResult r = s.run("sweep w.yaml -o old -j 1 -q");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: old: the folder exists and holds files tradejobs did not write (it has no .tradejobs-results "
        "manifest), which a "
        "run would overwrite: choose a new folder with -o, or remove it yourself\n");
  CHECK(snapshot(s.dir) == before);
}

TEST_CASE("a sweep into its own folder replaces its results and keeps the user's files") {
  CliSandbox s("outputs_sweep_rerun");
  s.write("w.yaml", kSweep);
  CliResult r = s.run("sweep w.yaml -o sw -j 1 -q");
  REQUIRE(r.code == 0);
  CHECK(r.out == "sw/report.html\n");
  CHECK(r.err == "");
  const std::string manifest = s.read("sw/.tradejobs-results");
  CHECK(manifest.rfind("tradejobs results: sweep\n", 0) == 0);
  for (const char* f : {"runs.csv", "sector_stats.csv", "summary.json", "report.html"})
    CHECK_MESSAGE(manifest.find(std::string("\n") + f + "\n") != std::string::npos, f);
  CHECK(manifest.find("sweep.state") == std::string::npos);
  const std::string runs = s.read("sw/runs.csv");
  s.write("sw/notes.md", "the sweep for chapter 3\n");
  const auto before = snapshot(s.dir);
  r = s.run("sweep w.yaml -o sw -j 2 -q");
  CHECK(r.code == 0);
  CHECK(r.out == "sw/report.html\n");
  CHECK(r.err == "");
  CHECK(s.read("sw/runs.csv") == runs);
  CHECK(s.read("sw/notes.md") == "the sweep for chapter 3\n");
  CHECK(s.read("sw/.tradejobs-results") == manifest);
  CHECK(outside(snapshot(s.dir), "sw") == outside(before, "sw"));
  // A run into a finished sweep's folder replaces the sweep's files, not the notes.
  r = s.run("run s.yaml -o sw -q");
  CHECK(r.code == 0);
  CHECK_FALSE(fs::exists(s.dir / "sw" / "runs.csv"));
  CHECK(s.read("sw/notes.md") == "the sweep for chapter 3\n");
  CHECK(s.read("sw/.tradejobs-results").rfind("tradejobs results: run\n", 0) == 0);
}

TEST_CASE("-j must be from 1 to 1024; a sweep never starts more threads than its runs need") {
  CliSandbox s("outputs_threads");
  s.write("w.yaml", kSweep);
  const auto before = snapshot(s.dir);
  for (const char* j : {"100000", "0", "1025"}) {
    CAPTURE(j);
    const CliResult r = s.run(std::string("sweep w.yaml -o sw -j ") + j);
    CHECK(r.code == 2);
    CHECK(r.signal == 0);
    CHECK(r.out == "");
    CHECK(r.err == std::string("error: -j ") + j +
                       ": expected a number of threads from 1 to 1024 (leave -j out to use every core)\n");
    CHECK(snapshot(s.dir) == before);
  }
  // 6 runs fill one batch: one thread, whatever -j says, and the terminal says so.
  const CliResult r = s.run("sweep w.yaml -o sw -j 1024");
  CHECK(r.code == 0);
  CHECK(r.signal == 0);
  CHECK(r.err == "");
  CHECK(r.out.find("6 runs (2 grid points x 3 draws), 1 thread (-j 1024: no more needed for these runs), ") !=
        std::string::npos);
}

TEST_CASE("a sweep whose run cannot be solved leaves nothing, and the advised command then works") {
  CliSandbox s("outputs_failed");
  make_a_run_fail(s);
  const auto before = snapshot(s.dir);
  const std::string removed =
      "\nthe sweep's files were removed from out; once the run is fixed, start it again with: "
      "tradejobs sweep fail.yaml -o out\n";
  CliResult r = s.run("sweep fail.yaml -o out -j 1");
  CHECK(r.code == 1);
  CHECK(r.out == "");
  CHECK(r.err.rfind("error: fail.yaml: run 1 (measures[0].to = 10, parameters.armington = 1.05): f.yaml: the model "
                    "could not be solved: ",
                    0) == 0);
  CHECK(r.err.find("the shocked table is not productive") != std::string::npos);
  CHECK(r.err.size() > removed.size());
  CHECK(r.err.substr(r.err.size() - removed.size()) == removed);
  CHECK(snapshot(s.dir) == before);  // no runs.csv, no sweep.state, no folder
  // Running it again is not refused: it fails the same way.
  r = s.run("sweep fail.yaml -o out -j 1");
  CHECK(r.code == 1);
  CHECK(r.out == "");
  CHECK(r.err.substr(r.err.size() - removed.size()) == removed);
  CHECK(snapshot(s.dir) == before);
  // --resume has nothing to continue, and says what to run instead.
  r = s.run("sweep fail.yaml -o out -j 1 --resume");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: out: no partial sweep to resume here (no sweep.state): start the sweep with: tradejobs sweep fail.yaml "
        "-o out\n");
  CHECK(snapshot(s.dir) == before);
  // Fixed (the prohibitive tariff lowered), the advised command runs.
  s.edit("fail.yaml", "values: [0.1, 10]", "values: [0.1, 0.5]");
  r = s.run("sweep fail.yaml -o out -j 1 -q");
  CHECK(r.code == 0);
  CHECK(r.out == "out/report.html\n");
  CHECK(r.err == "");
  CHECK_FALSE(fs::exists(s.dir / "out" / "sweep.state"));

  // Over the results of an earlier sweep, a failing sweep removes its own files only.
  s.write("out/notes.md", "mine\n");
  s.edit("fail.yaml", "values: [0.1, 0.5]", "values: [0.1, 10]");
  r = s.run("sweep fail.yaml -o out -j 1");
  CHECK(r.code == 1);
  CHECK(r.out == "");
  CHECK(r.err.substr(r.err.size() - removed.size()) == removed);
  CHECK(s.read("out/notes.md") == "mine\n");
  CHECK(s.read("out/.tradejobs-results") == "tradejobs results: sweep\n");
  CHECK_FALSE(fs::exists(s.dir / "out" / "runs.csv"));
  CHECK_FALSE(fs::exists(s.dir / "out" / "sweep.state"));
}

TEST_CASE("-o '' is an error; a name the system refuses is reported with the path") {
  CliSandbox s("outputs_names");
  s.write("w.yaml", kSweep);
  const auto before = snapshot(s.dir);
  for (const char* command : {"run s.yaml -o ''", "sweep w.yaml -o '' -j 1"}) {
    CAPTURE(command);
    const CliResult r = s.run(command);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == "error: -o '': expected the name of a results folder (leave -o out for the default folder)\n");
    CHECK(snapshot(s.dir) == before);
  }
  const std::string longname(300, 'a');
  for (const std::string& command :
       {"run s.yaml -o " + longname, "sweep w.yaml -j 1 -o " + longname, "run s.yaml -o x/" + longname + "/y"}) {
    CAPTURE(command.substr(0, 20));
    const CliResult r = s.run(command);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    const std::string folder = command.substr(command.rfind(' ') + 1);
    CHECK(r.err == "error: " + folder + ": cannot use as the output folder: file name too long\n");
    CHECK(r.err.find("filesystem error") == std::string::npos);
    CHECK(snapshot(s.dir) == before);
  }
}

TEST_CASE("two sweeps into one folder at once: the second is refused cleanly; a partial sweep's advice works") {
  CliSandbox s("outputs_concurrent");
  // 2 x 500000 runs at -j 1 (tens of seconds): caught running, then stopped.
  s.write("long.yaml", std::string(kSweep).replace(std::string(kSweep).find("draws: 3"), 8, "draws: 500000"));
  s.write("w.yaml", kSweep);
  const fs::path capture = s.dir / "first.err";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::chdir(s.dir.c_str()) != 0) ::_exit(127);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(kBinary.c_str(), kBinary.c_str(), "sweep", "long.yaml", "-o", "sw", "-j", "1", "--quiet",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
    std::error_code ec;
    if (fs::file_size(s.dir / "sw" / "runs.csv", ec) > 400 && !ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const CliResult second = s.run("sweep w.yaml -o sw -j 1 -q");
  const CliResult run = s.run("run s.yaml -o sw -q");
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(second.code == 2);
  CHECK(second.out == "");
  CHECK(second.err ==
        "error: sw: another tradejobs process is writing into this folder (a run or sweep in progress): wait for it to "
        "finish, "
        "or choose another folder with -o\n");
  CHECK(run.code == 2);
  CHECK(run.out == "");
  CHECK(run.err == second.err);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 143);
  REQUIRE(fs::exists(s.dir / "sw" / "sweep.state"));

  // Over the partial sweep: a run and a fresh sweep are refused, each naming commands that work.
  const auto before = snapshot(s.dir);
  CliResult r = s.run("sweep long.yaml -o sw -j 1");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: sw: holds a partial sweep: continue it with: tradejobs sweep long.yaml -o sw --resume; or discard it "
        "and start "
        "again with: tradejobs sweep long.yaml -o sw --restart\n");
  r = s.run("run s.yaml -o sw");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err ==
        "error: sw: holds a partial sweep (sweep.state): continue it with `tradejobs sweep SWEEP.yaml --resume -o sw` "
        "(SWEEP.yaml: the sweep that made it), or choose a new folder with -o\n");
  // A changed sweep file cannot continue it; --restart, as advised, starts again.
  r = s.run("sweep w.yaml -o sw -j 1 --resume");
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(
      r.err ==
      "error: sw/sweep.state: the partial sweep was made from a different sweep file (w.yaml): restore the original to "
      "continue it, or discard it and start again with: tradejobs sweep w.yaml -o sw --restart\n");
  CHECK(snapshot(s.dir) == before);
  r = s.run("sweep w.yaml -o sw --restart -q");
  CHECK(r.code == 0);
  CHECK(r.out == "sw/report.html\n");
  CHECK(r.err == "");
  CHECK_FALSE(fs::exists(s.dir / "sw" / "sweep.state"));
  const std::string runs = s.read("sw/runs.csv");
  CHECK(std::count(runs.begin(), runs.end(), '\n') == 7);
}
