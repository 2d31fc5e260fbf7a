#pragma once
/// \file sweep_file.h
/// Sweep files (docs/model.md §6, §9): a base scenario plus `vary` entries (grids and random
/// draws over numeric key paths), `draws` and `seed`; parsed and checked with YAML line and
/// column in every message, and expanded into numbered runs.
///
/// Run numbering: runs = (product of the grid sizes) × draws. Run r is grid point
/// g = r / draws and draw d = r mod draws; the grid point is a mixed-radix number whose first
/// grid entry (in file order) is the most significant digit, so the first entry is outermost
/// and the draws are innermost. Random values are drawn from the stream of (seed, r, key
/// path) (random.h), so a run's values depend on nothing else.
///
/// Example (sweep.yaml):
///   schema_version: 1
///   base: us-china-2018.yaml
///   vary:
///     - key: measures[0].to
///       values: [0.10, 0.25]
///     - key: parameters.armington
///       distribution: triangular
///       low: 0.5
///       mode: 1.5
///       high: 4.0
///   draws: 1000
///   seed: 2018

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/engine/random.h"
#include "tradejobs/engine/scenario.h"

namespace tradejobs {

/// How a `vary` entry gives its values.
enum class VaryKind { Values, Range, Distribution };

/// One `vary` entry of a sweep file.
struct VaryEntry {
  std::string key;                   ///< Key path into the scenario, e.g. `parameters.armington.C13-C15`.
  VaryKind kind = VaryKind::Values;  ///< values, range or distribution.
  std::vector<double> values;        ///< Grid values (`values`, or `range` expanded); empty for a distribution.
  double range_from = 0, range_to = 0, range_step = 0;  ///< `range` as written.
  ParameterDistribution distribution;                   ///< For `distribution` entries.
  std::uint32_t stream = 0;                             ///< Random stream of the key path (random_stream_of(key)).
  int line = 0, column = 0;                             ///< Position of the entry in the sweep file (1-based).
  bool grid() const { return kind != VaryKind::Distribution; }
};

/// A parsed sweep file.
struct SweepFile {
  std::string file;                    ///< Path of the sweep file.
  std::string base_file;               ///< Base scenario path (resolved relative to the sweep file).
  std::string base_as_written;         ///< `base` as written in the file.
  Scenario base;                       ///< The base scenario, parsed.
  std::vector<VaryEntry> vary;         ///< In file order.
  int vary_line = 0, vary_column = 0;  ///< Position of the `vary` list in the sweep file (1-based).
  std::uint64_t draws = 1;             ///< Draws per grid point (1 without distributions).
  std::optional<std::uint64_t> seed;   ///< Seed of the random streams (required with a distribution).

  /// Number of grid points (product of the grid sizes; 1 without grids).
  std::uint64_t grid_points() const;
  /// Number of runs = grid_points() × draws.
  std::uint64_t runs() const;
  /// The value of every vary entry (file order) in run `run`.
  std::vector<double> run_values(std::uint64_t run) const;
  /// The base scenario with run `run`'s values applied (docs/model.md §9 key paths).
  Scenario scenario_for_run(std::uint64_t run) const;
};

/// Largest number of runs a sweep may have.
constexpr std::uint64_t kMaxSweepRuns = 1000000000000ull;

/// Parses a sweep file and its base scenario; checks every entry (known key path, valid
/// numbers for the key, distribution parameters, grid steps, draws and seed) and throws an
/// InputError "file:line:column: vary[i].FIELD: ..." on the first problem. Resolution
/// against the economy (sector codes of per-sector keys) is checked by the sweep runner.
SweepFile load_sweep_file(const std::string& path);

/// 64-bit FNV-1a hash of a file's bytes (for resume checks); InputError if unreadable.
std::uint64_t file_fingerprint(const std::string& path);

}  // namespace tradejobs
