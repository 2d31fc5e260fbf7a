#pragma once
// Ctrl-C and SIGTERM during a sweep (docs/sweeps.md): the sweep stops after the current chunk,
// saves its state for --resume and exits with kExitSweepInterrupted / kExitSweepTerminated.

namespace tradejobs {

/// Installs the SIGINT and SIGTERM handlers for the lifetime of a sweep and restores the
/// previous ones. One at a time per process.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  /// The signal received since construction (SIGINT or SIGTERM), 0 if none.
  int received() const;

 private:
  void (*previous_int_)(int) = nullptr;
  void (*previous_term_)(int) = nullptr;
};

}  // namespace tradejobs
