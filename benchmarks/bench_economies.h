#pragma once
/// \file bench_economies.h
/// The economies the benchmarks run on, built in memory from an economy folder or a seed.
/// Benchmark support only (not installed, not part of the libraries).

#include <cstdint>
#include <string>

#include "tradejobs/models/economy.h"

namespace tradejobs::bench {

/// The WIOD 2013 world table as written by `tradejobs import wiod-wiot` (full MRIO, 1,435
/// sectors `<REGION>_c<k>`), re-cut into "the 40 WIOD countries as one economy, the rest of
/// the world (region `outside_region`, RoW in WIOD) outside": n = 1,400 sectors, fully coupled
/// (all flows among the 40 countries stay in Zd); deliveries of RoW industry i to industry j of
/// country s become imports of product i in row (s, i) of Zm (and of Fm for s's final users);
/// deliveries of the 40 countries to RoW (intermediate and final) become exports. Both docs/model.md
/// §1 identities hold exactly (value added is the loader's row, unchanged). Used where the
/// trade module needs imports: a closed world table has none. No employment (the source has
/// none): jobs are zero, which the trade solve does not use.
Economy world_without_outside_region(const Economy& world, const std::string& outside_region);

/// A synthetic productive economy of n sectors, seeded (std::mt19937_64): final demand f > 0
/// and A with column sums in [0.25, 0.55] are drawn first, then x = (I − A)⁻¹f, Zd = A·diag(x)
/// (so x > 0 and ρ(A) < 1 by construction), imports Zm = Am·diag(x) with Am column sums in
/// [0.05, 0.2], Fm = 0.1–0.3 × Fd by product, exports 20% of f, value added closes each column
/// (half compensation), 5–30 jobs per currency unit of output. Partners: one (ROW).
Economy synthetic_economy(int n, std::uint64_t seed);

}  // namespace tradejobs::bench
