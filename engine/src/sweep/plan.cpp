// The sweep plan: the sweep file, its economy and every key path checked once before any run
// (plan.h, sweep.h).
#include "sweep/plan.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "formats/csv.h"
#include "tradejobs/engine/errors.h"

namespace fs = std::filesystem;

namespace tradejobs {

namespace {

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

}  // namespace

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

size_t sweep_group_count(const PreparedEconomy& pe) {
  size_t k = 0;
  for (const auto& s : pe.group_splits) k += s.groups.size();
  return k;
}

size_t sweep_column_count(const PreparedEconomy& pe) {
  return sweep_total_names().size() + static_cast<size_t>(pe.economy.sectors()) * sweep_sector_quantities().size() +
         sweep_group_count(pe) * sweep_group_quantities().size();
}

SweepIdentity sweep_identity(const SweepPlan& plan) {
  const SweepFile& f = plan.file;
  SweepIdentity id;
  id.sweep_file = file_fingerprint(f.file);
  id.base_file = file_fingerprint(f.base_file);
  id.data = data_fingerprint(f);
  id.runs = f.runs();
  id.columns = sweep_column_count(*plan.economy);
  return id;
}

}  // namespace tradejobs
