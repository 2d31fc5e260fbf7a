// The state file of a partial sweep (state.h).
#include "sweep/state.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/quantiles.h"

namespace fs = std::filesystem;

namespace tradejobs {

const char* const kSweepStateFile = "sweep.state";

namespace {

const char* kStateMagic = "tradejobs partial sweep state v1\n";

}  // namespace

void write_sweep_state(const std::string& dir, const SweepState& st, const SweepStatistics& stats) {
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
  const fs::path path = fs::path(dir) / kSweepStateFile;
  const fs::path temp = fs::path(dir) / (std::string(kSweepStateFile) + ".tmp");
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

SweepState read_sweep_state(const std::string& dir, SweepStatistics& stats,
                            const std::function<void(const SweepState&)>& check) {
  const fs::path path = fs::path(dir) / kSweepStateFile;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(located(dir, 0, 0,
                             "no partial sweep to resume here (no " + std::string(kSweepStateFile) +
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

}  // namespace tradejobs
