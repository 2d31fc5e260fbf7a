#include "tradejobs/engine/sweep_file.h"

#include <cmath>
#include <fstream>
#include <limits>

#include "formats/yaml_util.h"
#include "tradejobs/engine/bytes.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

namespace {

constexpr std::uint64_t kMaxGridValues = 10000000;

/// Distribution parameters each family takes (docs/model.md §9), besides min and max.
std::vector<std::string> parameters_of(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Normal:
      return {"mean", "sd"};
    case DistributionKind::Lognormal:
      return {"mu", "sigma"};
    case DistributionKind::Uniform:
      return {"low", "high"};
    case DistributionKind::Triangular:
      return {"low", "mode", "high"};
  }
  return {};
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

/// "" when `value` can be set at `key` in a copy of the base scenario, else the reason.
std::string try_value(const Scenario& base, const std::string& key, double value) {
  Scenario copy = base;
  return set_scenario_value(copy, key, value);
}

void parse_entry(const std::string& file, const YAML::Node& node, size_t index, const Scenario& base, VaryEntry& e) {
  const std::string path = "vary[" + std::to_string(index) + "]";
  require_known_keys(
      file, node, path,
      {"key", "values", "range", "distribution", "mean", "sd", "mu", "sigma", "low", "high", "mode", "min", "max"});
  e.line = node.Mark().line + 1;
  e.column = node.Mark().column + 1;
  auto fail = [&](const YAML::Node& at, const std::string& field, const std::string& msg) {
    throw InputError(yaml_error(file, at, field.empty() ? path : path + "." + field, msg));
  };
  if (!node["key"]) fail(node, "", "missing 'key': expected a key path such as parameters.armington or measures[0].to");
  e.key = yaml_string(file, node["key"], path + ".key");
  e.stream = random_stream_of(e.key);
  const int ways = (node["values"] ? 1 : 0) + (node["range"] ? 1 : 0) + (node["distribution"] ? 1 : 0);
  if (ways != 1)
    fail(node, "",
         ways == 0 ? "expected one of values: [...], range: {from, to, step} or distribution: NAME"
                   : "give only one of values, range and distribution");

  // The key path must exist in the base scenario (the values themselves are checked below).
  if (const std::string why = scenario_key_problem(base, e.key); !why.empty())
    fail(node["key"], "key", e.key + ": " + why);

  const std::vector<std::string> distribution_keys = {"mean", "sd", "mu", "sigma", "low", "high", "mode", "min", "max"};
  if (!node["distribution"]) {
    for (const auto& k : distribution_keys)
      if (node[k])
        fail(node[k], k,
             "'" + k + "' belongs to a distribution: this entry is a grid (" +
                 std::string(node["values"] ? "values" : "range") + ")");
  }

  if (node["values"]) {
    e.kind = VaryKind::Values;
    const YAML::Node v = node["values"];
    if (!v.IsSequence() || v.size() == 0) fail(v, "values", "expected a non-empty list of numbers, e.g. [0.1, 0.25]");
    for (size_t i = 0; i < v.size(); ++i)
      e.values.push_back(yaml_number(file, v[i], path + ".values[" + std::to_string(i) + "]"));
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string why = try_value(base, e.key, e.values[i]);
      if (!why.empty()) fail(v[i], "values[" + std::to_string(i) + "]", why);
    }
  } else if (node["range"]) {
    e.kind = VaryKind::Range;
    const YAML::Node r = node["range"];
    require_known_keys(file, r, path + ".range", {"from", "to", "step"});
    for (const char* k : {"from", "to", "step"})
      if (!r[k]) fail(r, "range", std::string("missing '") + k + "': expected range: {from, to, step}");
    e.range_from = yaml_number(file, r["from"], path + ".range.from");
    e.range_to = yaml_number(file, r["to"], path + ".range.to");
    e.range_step = yaml_number(file, r["step"], path + ".range.step");
    const double span = e.range_to - e.range_from;
    if (e.range_step == 0.0) fail(r["step"], "range.step", "step = 0: must be non-zero");
    if (span != 0.0 && (span > 0.0) != (e.range_step > 0.0))
      fail(r["step"], "range.step",
           "step = " + format_number(e.range_step) + " goes away from to = " + format_number(e.range_to) +
               " (from = " + format_number(e.range_from) + "): the step must have the sign of to − from");
    const double steps = std::floor(span / e.range_step + 1e-9);
    if (!(steps + 1 <= static_cast<double>(kMaxGridValues)))
      fail(r, "range", "gives " + format_number(steps + 1) + " values: at most " + std::to_string(kMaxGridValues));
    const auto count = static_cast<std::uint64_t>(steps) + 1;
    for (std::uint64_t i = 0; i < count; ++i) {
      double x = e.range_from + static_cast<double>(i) * e.range_step;
      // The last value is `to` itself when the steps land on it (0.1 + 2·0.1 reads 0.3, not 0.30000000000000004).
      if (std::fabs(x - e.range_to) <= 1e-9 * std::fabs(e.range_step)) x = e.range_to;
      e.values.push_back(x);
    }
    for (double x : {e.values.front(), e.values.back()}) {
      const std::string why = try_value(base, e.key, x);
      if (!why.empty()) fail(r, "range", why);
    }
  } else {
    e.kind = VaryKind::Distribution;
    const std::string name = yaml_string(file, node["distribution"], path + ".distribution");
    ParameterDistribution& d = e.distribution;
    if (name == "normal")
      d.kind = DistributionKind::Normal;
    else if (name == "lognormal")
      d.kind = DistributionKind::Lognormal;
    else if (name == "uniform")
      d.kind = DistributionKind::Uniform;
    else if (name == "triangular")
      d.kind = DistributionKind::Triangular;
    else
      fail(node["distribution"], "distribution",
           "unknown distribution '" + name + "': expected normal, lognormal, uniform or triangular");
    const std::vector<std::string> wanted = parameters_of(d.kind);
    for (const auto& k : distribution_keys) {
      if (!node[k] || k == "min" || k == "max") continue;
      bool ok = false;
      for (const auto& w : wanted) ok = ok || w == k;
      if (!ok)
        fail(node[k], k,
             "'" + k + "' is not a parameter of the " + name + " distribution: expected " + join(wanted) +
                 " (and optional min, max)");
    }
    auto number = [&](const std::string& k, double& dst, bool required) {
      if (!node[k]) {
        if (required)
          fail(
              node, "",
              "the " + name + " distribution needs '" + k + "': expected " + join(wanted) + " (and optional min, max)");
        return;
      }
      dst = yaml_number(file, node[k], path + "." + k);
    };
    for (const auto& k : wanted) {
      double* dst = k == "mean"    ? &d.mean
                    : k == "sd"    ? &d.sd
                    : k == "mu"    ? &d.mu
                    : k == "sigma" ? &d.sigma
                    : k == "low"   ? &d.low
                    : k == "high"  ? &d.high
                                   : &d.mode;
      number(k, *dst, true);
    }
    number("min", d.min, false);
    number("max", d.max, false);
    std::string field, why;
    if (!d.is_valid(&why, &field)) fail(node[field], field, why);
    // Every value the distribution can draw must suit the key: the bounds of the key are
    // intervals, so checking the two ends of the draw's range suffices.
    for (double x : {d.lowest(), d.highest()}) {
      const std::string bad = try_value(base, e.key, x);
      if (!bad.empty())
        fail(node, "",
             "the " + name + " distribution can draw " + format_number(x) + " but " + bad +
                 ": truncate it with min and max");
    }
  }
}

}  // namespace

std::uint64_t SweepFile::grid_points() const {
  std::uint64_t g = 1;
  for (const auto& e : vary)
    if (e.grid()) g *= e.values.size();
  return g;
}

std::uint64_t SweepFile::runs() const { return grid_points() * draws; }

std::vector<double> SweepFile::run_values(std::uint64_t run) const {
  std::vector<double> out(vary.size());
  std::uint64_t g = run / draws;
  // Mixed radix, last grid entry least significant (first entry outermost).
  for (size_t i = vary.size(); i-- > 0;) {
    const VaryEntry& e = vary[i];
    if (!e.grid()) continue;
    out[i] = e.values[g % e.values.size()];
    g /= e.values.size();
  }
  for (size_t i = 0; i < vary.size(); ++i)
    if (!vary[i].grid()) out[i] = vary[i].distribution.sample(*seed, run, vary[i].stream);
  return out;
}

Scenario SweepFile::scenario_for_run(std::uint64_t run) const {
  Scenario s = base;
  const std::vector<double> values = run_values(run);
  for (size_t i = 0; i < vary.size(); ++i) {
    const std::string why = set_scenario_value(s, vary[i].key, values[i]);
    if (!why.empty())  // checked when the file was loaded; kept as a guard
      throw InputError(located(file, vary[i].line, vary[i].column, "run " + std::to_string(run) + ": " + why));
  }
  return s;
}

SweepFile load_sweep_file(const std::string& path) {
  const YAML::Node root = load_yaml_file(path);
  require_schema_version(path, root);
  require_known_keys(path, root, "", {"schema_version", "name", "description", "base", "vary", "draws", "seed"});
  SweepFile s;
  s.file = path;
  if (!root["base"])
    throw InputError(located(path, 1, 1, "missing 'base': expected the base scenario file, relative to this file"));
  s.base_as_written = yaml_string(path, root["base"], "base");
  s.base_file = join_path(parent_folder(path), s.base_as_written);
  try {
    s.base = load_scenario(s.base_file);
  } catch (const InputError& e) {
    throw InputError(
        yaml_error(path, root["base"], "base", std::string("the base scenario has an error: ") + e.what()));
  }
  const YAML::Node vary = root["vary"];
  if (!vary || !vary.IsSequence() || vary.size() == 0)
    throw InputError(
        vary ? yaml_error(path, vary, "vary",
                          "expected a non-empty list of entries (key and values, range or distribution)")
             : located(path, 1, 1,
                       "missing 'vary': expected a list of entries (key and values, range or distribution)"));
  s.vary_line = vary.Mark().line + 1;
  s.vary_column = vary.Mark().column + 1;
  for (size_t i = 0; i < vary.size(); ++i) {
    VaryEntry e;
    parse_entry(path, vary[i], i, s.base, e);
    for (size_t j = 0; j < s.vary.size(); ++j) {
      if (s.vary[j].key == e.key)
        throw InputError(
            yaml_error(path, vary[i]["key"], "vary[" + std::to_string(i) + "].key",
                       e.key + " is already varied by vary[" + std::to_string(j) + "]: vary each key once"));
      // An all-sectors entry after a one-sector entry of the same parameter would overwrite it.
      if (s.vary[j].key.rfind(e.key + ".", 0) == 0 && e.key.rfind("parameters.", 0) == 0)
        throw InputError(yaml_error(path, vary[i]["key"], "vary[" + std::to_string(i) + "].key",
                                    e.key + " (all sectors) comes after " + s.vary[j].key +
                                        " and would overwrite it: list the all-sectors entry first"));
    }
    s.vary.push_back(std::move(e));
  }
  bool random = false;
  for (const auto& e : s.vary) random = random || !e.grid();
  if (root["draws"]) {
    const long long d = yaml_integer(path, root["draws"], "draws");
    if (d < 1)
      throw InputError(yaml_error(path, root["draws"], "draws", "draws = " + std::to_string(d) + ": must be >= 1"));
    if (!random)
      throw InputError(
          yaml_error(path, root["draws"], "draws",
                     "no vary entry has a distribution: draws would repeat identical runs (remove draws)"));
    s.draws = static_cast<std::uint64_t>(d);
  } else if (random) {
    throw InputError(located(path, 1, 1, "missing 'draws': a distribution needs the number of draws per grid point"));
  }
  if (root["seed"]) {
    const long long seed = yaml_integer(path, root["seed"], "seed");
    if (seed < 0)
      throw InputError(yaml_error(path, root["seed"], "seed", "seed = " + std::to_string(seed) + ": must be >= 0"));
    if (!random)
      throw InputError(yaml_error(path, root["seed"], "seed",
                                  "no vary entry has a distribution: the seed would be unused (remove it)"));
    s.seed = static_cast<std::uint64_t>(seed);
  } else if (random) {
    throw InputError(
        located(path, 1, 1,
                "missing 'seed': a distribution needs a seed (any whole number >= 0) so the draws can be repeated"));
  }
  // Count the runs without overflow.
  double runs = static_cast<double>(s.draws);
  for (const auto& e : s.vary)
    if (e.grid()) runs *= static_cast<double>(e.values.size());
  if (runs > static_cast<double>(kMaxSweepRuns))
    throw InputError(located(path, 1, 1,
                             "the sweep has " + format_number(runs) + " runs: at most " +
                                 format_number(static_cast<double>(kMaxSweepRuns))));
  return s;
}

std::uint64_t file_fingerprint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(located(path, 0, 0, "cannot read the file"));
  Fnv1a64 h;  // bytes.h
  char buf[65536];
  while (in) {
    in.read(buf, sizeof buf);
    h.bytes(buf, static_cast<size_t>(in.gcount()));
  }
  return h.value();
}

}  // namespace tradejobs
