#pragma once
// The sweep plan (sweep.h SweepPlan, prepare_sweep) and what identifies it: the fingerprints
// of its inputs that --resume and every MPI rank check, and the shape of a run's values.
// The MPI coordinator and worker depend on this header and compute.h, never on the command
// (sweep.cpp).

#include <cstdint>

#include "tradejobs/engine/sweep.h"

namespace tradejobs {

/// What every rank must agree on before any run: the fingerprints of its inputs and the shape.
struct SweepIdentity {
  std::uint64_t sweep_file = 0;  ///< FNV-1a of the sweep file's bytes.
  std::uint64_t base_file = 0;   ///< FNV-1a of the base scenario's bytes.
  std::uint64_t data = 0;        ///< FNV-1a of the economy folder's files and the measures' files.
  std::uint64_t runs = 0;        ///< Number of runs.
  std::uint64_t columns = 0;     ///< Values per run (totals + sectors × quantities + groups × quantities).
};

/// The identity of a prepared sweep.
SweepIdentity sweep_identity(const SweepPlan& plan);

/// FNV-1a of the economy folder's files and of the files the base scenario's measures read
/// (codes files, concordances), with their names.
std::uint64_t data_fingerprint(const SweepFile& f);

/// Number of employment groups (all splits of groups.csv).
size_t sweep_group_count(const PreparedEconomy& pe);

/// Values per run (RunRecord::values): the totals, sectors × sweep_sector_quantities(), groups ×
/// sweep_group_quantities().
size_t sweep_column_count(const PreparedEconomy& pe);

}  // namespace tradejobs
