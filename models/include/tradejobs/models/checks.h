#pragma once
/// \file checks.h
/// The named consistency checks of docs/model.md §1, run once before any solve .
/// Each returns what was wrong and where (sector codes and values), with errors, warnings
/// and notes kept apart. Pure functions: the engine prints them.

#include <string>
#include <vector>

#include "tradejobs/models/economy.h"

namespace tradejobs {

/// How serious a finding is. Errors stop a run; warnings fail `check --strict`.
enum class Severity { Note, Warning, Error };

/// One finding of a consistency check.
struct Diagnostic {
  Severity severity = Severity::Note;
  std::string check;    ///< Name of the check, e.g. "check_column_balance".
  std::string message;  ///< What was found, naming sectors and values, and how to fix it.
};

/// Options of the economy checks.
struct CheckOptions {
  /// Relative tolerance of the column (and row) identities against gross output. Default 1e-6.
  double balance_tolerance = 1e-6;
  /// How many of the worst sectors a message names. Default 5.
  int worst_listed = 5;
  /// Largest magnitude of a flow, an employment count or a wage (check_values). Default 1e15:
  /// beyond any real table in millions or billions, and far below where sums overflow.
  double max_flow_magnitude = 1e15;
};

/// Sizes of every block agree with the number of sectors.
std::vector<Diagnostic> check_dimensions(const Economy& e);
/// Every number of every block finite (elasticities may be NaN, "not given"), flows, jobs and
/// wages at most max_flow_magnitude in magnitude, tariffs in [0, 10], import shares and mobility
/// shares in [0, 1], elasticities finite where given: errors naming the block, sector and column.
std::vector<Diagnostic> check_values(const Economy& e, const CheckOptions& o = {});
/// No negative entries in Zd, Zm, x, N; negative final demand (inventories) reported as notes.
std::vector<Diagnostic> check_nonnegative(const Economy& e);
/// Column identity x_j = Σ Zd_ij + Σ Zm_ij + Σ V_rj within the relative tolerance.
std::vector<Diagnostic> check_column_balance(const Economy& e, const CheckOptions& o = {});
/// Row identity against the reported `output` file, where given.
std::vector<Diagnostic> check_row_balance(const Economy& e, const CheckOptions& o = {});
/// Sectors with zero output: a note (zero columns in A); an error if they have jobs.
std::vector<Diagnostic> check_zero_output(const Economy& e);
/// Column sums of A < 1 and spectral radius ρ(A) < 1 (Hawkins–Simon); reports 1 − ρ(A).
std::vector<Diagnostic> check_productive(const Economy& e);
/// Employment shares in [0, 1]; partitions (common prefix, e.g. skill_*) sum to 1.
std::vector<Diagnostic> check_employment(const Economy& e);
/// Import shares by partner sum to 1 (or 0), tariffs ≥ 0, mobility rows sum to 1.
std::vector<Diagnostic> check_trade_and_mobility(const Economy& e);

/// All of the above in order (check_dimensions and check_values first: the others are not run
/// on an economy that fails them).
std::vector<Diagnostic> check_economy(const Economy& e, const CheckOptions& o = {});

/// Spectral radius of a square non-negative matrix (power iteration with an eigen-solver
/// fallback for small matrices).
double spectral_radius(const Eigen::MatrixXd& a);

/// True when any diagnostic has the given severity.
bool has_severity(const std::vector<Diagnostic>& d, Severity s);

}  // namespace tradejobs
