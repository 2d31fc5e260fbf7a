#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"

namespace tradejobs {

// Placeholder until the loader lands (see issue tracker).
void import_us_china_tariffs(const ImportOptions& options) {
  throw InputError("tradejobs import " + options.format + ": this format is not available in this build");
}

}  // namespace tradejobs
