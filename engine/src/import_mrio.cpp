#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/importers.h"

namespace tradejobs {

// Placeholders until the MRIO loaders land.
void import_wiod_wiot(const ImportOptions& o) { throw InputError("tradejobs import " + o.format + ": not available in this build"); }
void import_pymrio(const ImportOptions& o) { throw InputError("tradejobs import " + o.format + ": not available in this build"); }
void import_oecd_icio(const ImportOptions& o) { throw InputError("tradejobs import " + o.format + ": not available in this build"); }

}  // namespace tradejobs
