#include "tradejobs/engine/sweep.h"

#include "tradejobs/engine/errors.h"

namespace tradejobs {

// Placeholder until the sweep engine lands.
int run_sweep_command(const SweepCommandOptions& o, std::ostream&, std::ostream&) {
  throw InputError(o.sweep_file + ": sweeps are not available in this build");
}
void check_sweep_file(const std::string& path, std::ostream&) {
  throw InputError(path + ": sweeps are not available in this build");
}

}  // namespace tradejobs
