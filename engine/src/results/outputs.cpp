#include "tradejobs/engine/outputs.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "formats/csv.h"
#include "formats/json.h"
#include "results/summary_json.h"
#include "run/trade_backend.h"
#include "scenario/schema.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/report.h"

namespace fs = std::filesystem;

namespace tradejobs {

void write_text_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(located(path, 0, 0, "cannot write file: check that the folder is writable"));
  out << content;
  out.close();
  if (!out) throw InputError(located(path, 0, 0, "writing failed (disk full?)"));
}

namespace {

/// "File name too long" → "file name too long" (messages continue after a colon).
std::string reason(const std::error_code& ec) {
  std::string m = ec.message();
  if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z' && !(m.size() > 1 && m[1] >= 'A' && m[1] <= 'Z'))
    m[0] = static_cast<char>(m[0] - 'A' + 'a');
  return m;
}

/// A name tradejobs may list in a manifest: one path component, not "." or "..".
bool plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

const char* kPartialSweepState = "sweep.state";
const char* kManifestHeader = "tradejobs results: ";

/// The entries of a folder (names), sorted.
std::vector<std::string> entries_of(const fs::path& dir, const std::string& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec) throw InputError(located(folder, 0, 0, "cannot list the folder: " + reason(ec)));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

void check_output_folder(const std::string& folder) {
  if (folder.empty()) throw InputError("no output folder: give -o DIR or outputs.directory in the scenario");
  std::error_code ec;
  const fs::path p = fs::absolute(folder, ec).lexically_normal();
  if (ec) throw InputError(located(folder, 0, 0, "cannot use as the output folder: " + reason(ec)));
  // Names the system cannot hold are refused before any folder on the way is created.
  bool too_long = p.native().size() >= PATH_MAX;
  for (const auto& part : p) too_long = too_long || part.native().size() > NAME_MAX;
  if (too_long)
    throw InputError(
        located(folder, 0, 0,
                "cannot use as the output folder: " + reason(std::make_error_code(std::errc::filename_too_long))));
  const fs::file_status st = fs::status(p, ec);
  if (ec && st.type() != fs::file_type::not_found)
    throw InputError(located(folder, 0, 0, "cannot use as the output folder: " + reason(ec)));
  if (fs::exists(st) && !fs::is_directory(st))
    throw InputError(located(folder, 0, 0, "exists and is not a folder: expected a folder for the results"));
  if (fs::exists(st)) {
    if (access(p.c_str(), W_OK) != 0)
      throw InputError(located(folder, 0, 0, "the folder is not writable: choose another folder with -o"));
    return;
  }
  fs::path parent = p.parent_path();
  while (!parent.empty()) {
    const fs::file_status ps = fs::status(parent, ec);
    if (fs::exists(ps)) break;
    if (ec && ps.type() != fs::file_type::not_found)
      throw InputError(located(folder, 0, 0, "cannot use as the output folder: " + reason(ec)));
    parent = parent.parent_path();
  }
  if (parent.empty() || !fs::is_directory(parent, ec) || access(parent.c_str(), W_OK) != 0)
    throw InputError(
        located(folder, 0, 0, "cannot create the output folder: '" + parent.string() + "' is not writable"));
}

std::optional<ResultsManifest> read_results_manifest(const std::string& folder) {
  const fs::path file = fs::path(folder) / kResultsManifest;
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(file, ec);
  if (!fs::exists(st)) return std::nullopt;
  const std::string where = file.string();
  const std::string not_ours =
      ": not a manifest tradejobs wrote (expected a first line 'tradejobs results: run', 'tradejobs results: sweep' or "
      "'tradejobs results: import' and one "
      "file name per line): choose a new folder with -o, or remove the folder yourself";
  if (!fs::is_regular_file(st)) throw InputError(located(where, 0, 0, "is not a regular file" + not_ours));
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(located(where, 0, 0, "cannot read the file: check its permissions"));
  std::string line;
  ResultsManifest m;
  if (!std::getline(in, line) || line.rfind(kManifestHeader, 0) != 0)
    throw InputError(located(where, 1, 1, "bad header" + not_ours));
  m.kind = line.substr(std::string(kManifestHeader).size());
  if (m.kind != "run" && m.kind != "sweep" && m.kind != "import")
    throw InputError(located(where, 1, 1, "kind '" + excerpt(m.kind) + "': expected run, sweep or import" + not_ours));
  for (int n = 2; std::getline(in, line); ++n) {
    if (!plain_name(line) || line == kResultsManifest)
      throw InputError(
          located(where, n, 1, "'" + excerpt(line) + "' is not the name of a file in the folder" + not_ours));
    m.files.push_back(line);
  }
  return m;
}

void write_results_manifest(const std::string& folder, const ResultsManifest& manifest) {
  std::string text = kManifestHeader + manifest.kind + "\n";
  for (const auto& f : manifest.files) text += f + "\n";
  const fs::path path = fs::path(folder) / kResultsManifest;
  const std::string temp = path.string() + ".tmp-" + std::to_string(getpid());
  write_text_file(temp, text);
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(located(path.string(), 0, 0, "cannot write the results manifest: " + reason(ec)));
  }
}

namespace {

/// What inspect_results_folder and inspect_import_folder share: the folder exists or not, is
/// not being written by another process, and holds either nothing, or a manifest tradejobs
/// wrote. `writer` names what would overwrite the folder in the message ("a run", "the import").
ResultsFolder inspect_folder(const std::string& folder, bool locked_here, const std::string& writer) {
  check_output_folder(folder);
  ResultsFolder r;
  std::error_code ec;
  r.exists = fs::is_directory(folder, ec);
  if (!r.exists) return r;
  if (!locked_here) {
    const ResultsFolderLock probe(folder);  // refuses a folder another process is writing
  }
  r.manifest = read_results_manifest(folder);
  if (!r.manifest && !entries_of(folder, folder).empty())
    throw InputError(located(folder, 0, 0,
                             "the folder exists and holds files tradejobs did not write (it has no " +
                                 std::string(kResultsManifest) + " manifest), which " + writer +
                                 " would overwrite: choose a new folder with -o, or remove it yourself"));
  return r;
}

}  // namespace

ResultsFolder inspect_results_folder(const std::string& folder, bool locked_here) {
  ResultsFolder r = inspect_folder(folder, locked_here, "a run");
  if (!r.manifest) return r;
  if (r.manifest->kind == "import")
    throw InputError(
        located(folder, 0, 0,
                "holds an economy written by `tradejobs import` (its " + std::string(kResultsManifest) +
                    " manifest says import), which a run or sweep would replace: choose a new folder with -o"));
  std::error_code ec;
  r.partial_sweep = r.manifest->kind == "sweep" && fs::exists(fs::path(folder) / kPartialSweepState, ec);
  return r;
}

ResultsFolder inspect_import_folder(const std::string& folder, bool locked_here) {
  ResultsFolder r = inspect_folder(folder, locked_here, "the import");
  if (r.manifest && r.manifest->kind != "import")
    throw InputError(located(folder, 0, 0,
                             "holds the results of `tradejobs " + r.manifest->kind + "` (its " +
                                 std::string(kResultsManifest) +
                                 " manifest), which the import would replace: choose a new folder with -o"));
  return r;
}

ResultsFolder check_results_folder(const std::string& folder, bool locked_here) {
  ResultsFolder r = inspect_results_folder(folder, locked_here);
  if (r.partial_sweep)
    throw InputError(located(folder, 0, 0,
                             "holds a partial sweep (" + std::string(kPartialSweepState) +
                                 "): continue it with `tradejobs sweep SWEEP.yaml --resume -o " + folder +
                                 "` (SWEEP.yaml: the sweep that made it), or choose a new folder with -o"));
  return r;
}

ResultsFolderLock::ResultsFolderLock(const std::string& folder) {
  fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0)
    throw InputError(located(
        folder, 0, 0, "cannot open the results folder: " + reason(std::error_code(errno, std::generic_category()))));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(fd_);
    fd_ = -1;
    if (e == EWOULDBLOCK)
      throw InputError(
          located(folder, 0, 0,
                  "another tradejobs process is writing into this folder (a run or sweep in progress): wait for it "
                  "to finish, or choose another folder with -o"));
    throw InputError(located(folder, 0, 0,
                             "cannot lock the results folder: " + reason(std::error_code(e, std::generic_category()))));
  }
}

ResultsFolderLock::~ResultsFolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

void write_folder_atomically(const std::string& folder, const std::function<void(const std::string&)>& write,
                             const std::string& kind) {
  const bool import = kind == "import";
  if (import)
    inspect_import_folder(folder);
  else
    check_results_folder(folder);
  fs::path target = fs::absolute(folder).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "out/" is the folder out
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw InputError(located(folder, 0, 0, "cannot create the parent folder: " + reason(ec)));
  const std::string pid = std::to_string(getpid());
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".partial-" + pid);
  const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old-" + pid);
  fs::remove_all(temp, ec);  // this process's own leftover, if any
  fs::create_directory(temp, ec);
  if (ec) throw InputError(located(folder, 0, 0, "cannot create the output folder: " + reason(ec)));
  auto drop_temp = [&] {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
  };
  ResultsManifest manifest{kind, {}};
  try {
    write(temp.string());
    manifest.files = entries_of(temp, temp.string());
    write_results_manifest(temp.string(), manifest);
  } catch (...) {
    drop_temp();
    throw;
  }
  std::optional<ResultsFolderLock> lock;
  std::vector<std::string> moved;  // the user's entries, moved from the old folder into the new one
  auto move_back = [&] {
    std::error_code ignored;
    for (const auto& name : moved) fs::rename(temp / name, target / name, ignored);
  };
  try {
    if (fs::is_directory(target, ec)) {
      lock.emplace(folder);
      // Looked at again under the lock: the folder may have changed since the first check.
      const ResultsFolder now = import ? inspect_import_folder(folder, true) : check_results_folder(folder, true);
      const std::vector<std::string> ours = now.manifest ? now.manifest->files : std::vector<std::string>{};
      for (const auto& name : entries_of(target, folder)) {
        if (name == kResultsManifest || std::find(ours.begin(), ours.end(), name) != ours.end()) continue;
        if (std::find(manifest.files.begin(), manifest.files.end(), name) != manifest.files.end())
          throw InputError(
              located((target / name).string(), 0, 0,
                      "was not written by tradejobs, and the new results have a file of that name: move it out of "
                      "the folder, or choose a new folder with -o"));
        fs::rename(target / name, temp / name, ec);
        if (ec)
          throw InputError(
              located((target / name).string(), 0, 0, "cannot keep the file in the new results: " + reason(ec)));
        moved.push_back(name);
      }
      fs::rename(target, old, ec);
      if (ec) throw InputError(located(folder, 0, 0, "cannot replace the existing folder: " + reason(ec)));
      fs::rename(temp, target, ec);
      if (ec) {
        std::error_code ignored;
        fs::rename(old, target, ignored);
        throw InputError(located(folder, 0, 0, "cannot move the results into place: " + reason(ec)));
      }
      std::error_code ignored;
      fs::remove_all(old, ignored);  // only the old manifest's files are left in it
      return;
    }
    fs::rename(temp, target, ec);
    if (ec == std::errc::directory_not_empty || ec == std::errc::file_exists)
      throw InputError(
          located(folder, 0, 0,
                  "another tradejobs process created this folder meanwhile: run again once it has finished, or "
                  "choose another folder with -o"));
    if (ec) throw InputError(located(folder, 0, 0, "cannot move the results into place: " + reason(ec)));
  } catch (...) {
    move_back();
    drop_temp();
    throw;
  }
}

std::string rebuild_report(const std::string& folder) {
  check_output_folder(folder);
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw InputError(located(
        folder, 0, 0, "not a folder: expected a results folder written by 'tradejobs run' or 'tradejobs sweep'"));
  const ResultsFolderLock lock(folder);
  std::optional<ResultsManifest> manifest = read_results_manifest(folder);
  const fs::path report = fs::path(folder) / "report.html";
  if (!manifest) {
    if (fs::exists(fs::symlink_status(report, ec)))
      throw InputError(
          located(report.string(), 0, 0,
                  "was not written by tradejobs (the folder has no " + std::string(kResultsManifest) +
                      " manifest) and would be overwritten: move it out of the folder, then run `tradejobs report " +
                      folder + "` again"));
    // A results folder without a manifest (written by hand or by an older tradejobs): the
    // report is the only file tradejobs writes there, so the manifest lists only it.
    std::ifstream in(fs::path(folder) / "summary.json");
    std::string line, kind = "run";
    for (int i = 0; i < 3 && std::getline(in, line); ++i)
      if (line.find("\"kind\": \"sweep\"") != std::string::npos) kind = "sweep";
    manifest = ResultsManifest{kind, {}};
  }
  const std::string html = render_report(folder);  // every input checked before anything is written
  if (std::find(manifest->files.begin(), manifest->files.end(), "report.html") == manifest->files.end()) {
    manifest->files.push_back("report.html");
    write_results_manifest(folder, *manifest);  // listed before it is written
  }
  return write_report_html(folder, html);
}

namespace {

void write_parameters(JsonWriter& j, const ResolvedScenario& rs, const PreparedEconomy& pe) {
  j.key("parameters");
  j.begin_object();
  pe.backend->write_trade_parameters(j, rs);
  j.key("employment_elasticity");
  write_values_by_sector(j, pe.economy.sector_codes, rs.labour_options.employment_elasticity);
  j.end_object();
  const LabourMarketParameters& lm = rs.labour_market;
  j.key("labour_market");
  j.begin_object();
  schema::echo_labour_market(j, lm);  // every labour_market key of the schema
  j.end_object();
}

void write_measures(JsonWriter& j, const ResolvedScenario& rs, const PreparedEconomy& pe) {
  const Economy& e = pe.economy;
  j.key("measures");
  j.begin_array();
  for (size_t k = 0; k < rs.measures.size(); ++k) {
    const ResolvedMeasure& m = rs.measures[k];
    const MeasureSpec& spec = rs.scenario.measures[k];
    // Sectors and partners as the backend names them (industries and regions for a tariff on a
    // multi-region economy).
    const MeasureLabels labels = pe.backend->measure_labels(m);
    j.begin_object();
    j.field("type", measure_type_name(m.type));
    if (m.type == MeasureType::ntm) j.field("kind", m.ntm_kind);
    if (!labels.importer.empty()) j.field("importer", labels.importer);
    j.key("sectors");
    j.begin_array();
    for (const auto& code : labels.sectors) j.value(code);
    j.end_array();
    if (m.type != MeasureType::final_demand) {
      j.key("partners");
      j.begin_array();
      for (const auto& code : labels.partners) j.value(code);
      j.end_array();
    }
    const bool rate = is_rate_measure(m.type);
    if (rate) {
      // Per-sector rates as resolved (after any concordance).
      j.key("rates");
      j.begin_object();
      for (size_t q = 0; q < m.sectors.size(); ++q) {
        j.key(labels.sectors[q]);
        j.begin_object();
        if (std::isfinite(m.from(q))) j.field("from", m.from(q));
        if (std::isfinite(m.to(q))) j.field("to", m.to(q));
        if (std::isfinite(m.change(q))) j.field("change", m.change(q));
        j.end_object();
      }
      j.end_object();
    }
    if (spec.percent) j.field("percent", m.percent);
    if (m.has_quantity) j.field("quantity", m.quantity);
    if (m.type == MeasureType::final_demand) {
      if (m.final_demand_columns.empty()) {  // one category for every listed sector
        j.field("category", e.final_demand_categories[m.category]);
      } else {  // a column per sector (each sector's own region's, on a multi-region economy)
        j.key("categories");
        j.begin_array();
        for (int c : m.final_demand_columns) j.value(e.final_demand_categories[c]);
        j.end_array();
      }
    }
    j.field("phase_in_years", m.phase_in_years);
    j.field("scale", m.scale);
    if (!spec.concordance.empty()) j.field("concordance", spec.concordance);
    if (!spec.codes_file.empty()) j.field("codes_file", spec.codes_file);
    j.end_object();
  }
  j.end_array();
}

std::string severity_name(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

/// What the result files of one run read: the economy, the resolved scenario and the result.
struct RunView {
  const PreparedEconomy& pe;
  const ResolvedScenario& rs;
  const ScenarioResult& res;
  const Economy& economy() const { return pe.economy; }
  int sectors() const { return pe.economy.sectors(); }
  /// options.induced: the Type II columns and totals are written.
  bool induced() const { return res.output_change_induced.size() == sectors(); }
  /// A cell of a sector's jobs figure: NA where the sector's jobs are unknown, or a group's
  /// share of them (NaN: NA share cells).
  std::string jobs_cell(int i, double v) const {
    return economy().jobs_known(i) && !std::isnan(v) ? format_double(v) : std::string("NA");
  }
  /// The adjustment of group `g` (GroupJobs of res.jobs), or null when it has none.
  const GroupAdjustment* adjustment_of(const GroupJobs& g) const {
    const GroupAdjustment* a = nullptr;
    for (const auto& x : res.adjustment.by_group)
      if (x.group == g.group && x.dimension == g.dimension) a = &x;
    return a;
  }
};

/// sectors.csv (docs/model.md §9): one row per sector; the region column on a multi-region economy.
std::string sectors_csv(const RunView& v) {
  const Economy& e = v.economy();
  const ScenarioResult& res = v.res;
  const TradeResult& tr = res.trade;
  const int n = v.sectors();
  const bool regions = res.regional.has_value();  // the region column of a multi-region economy
  const bool induced = v.induced();
  const Eigen::VectorXd imports_change = (tr.imports - tr.imports_base).rowwise().sum();
  const Eigen::VectorXd exports_change = (tr.exports - tr.exports_base).rowwise().sum();
  std::ostringstream s;
  s << "sector" << (regions ? ",region" : "") << ",name,output_base,output_change,imports_change,exports_change,"
    << "price_change,jobs_base,jobs_change,jobs_created,jobs_destroyed";
  for (const auto& g : res.jobs.group_names) s << ",jobs_change_" << g;
  s << ",displaced,adjustment_cost,private_cost,public_cost,wage_bill_change";
  if (induced) s << ",output_change_induced,jobs_change_induced";
  s << '\n';
  for (int i = 0; i < n; ++i) {
    s << csv_escape(e.sector_codes[i]);
    if (regions) s << ',' << csv_escape(e.sector_regions[i]);
    s << ',' << csv_escape(e.sector_names[i]) << ',' << format_double(v.pe.coefficients.gross_output(i)) << ','
      << format_double(tr.output_change(i)) << ',' << format_double(imports_change(i)) << ','
      << format_double(exports_change(i)) << ',' << format_double(tr.domestic_price(i) - 1.0) << ','
      << v.jobs_cell(i, e.employment(i)) << ',' << v.jobs_cell(i, res.jobs.jobs_change(i)) << ','
      << v.jobs_cell(i, res.jobs.jobs_created(i)) << ',' << v.jobs_cell(i, res.jobs.jobs_destroyed(i));
    for (Eigen::Index g = 0; g < res.jobs.group_jobs_change.cols(); ++g)
      s << ',' << v.jobs_cell(i, res.jobs.group_jobs_change(i, g));
    const SectorAdjustment& a = res.adjustment.by_sector;
    s << ',' << v.jobs_cell(i, a.displaced(i)) << ',' << v.jobs_cell(i, a.adjustment_cost(i)) << ','
      << v.jobs_cell(i, a.private_cost(i)) << ',' << v.jobs_cell(i, a.public_cost(i)) << ','
      << v.jobs_cell(i, res.jobs.wage_bill_change(i));
    if (induced)
      s << ',' << format_double(res.output_change_induced(i)) << ',' << v.jobs_cell(i, res.jobs_change_induced(i));
    s << '\n';
  }
  return s.str();
}

/// timeline.csv (docs/model.md §9): the adjustment path year by year.
std::string timeline_csv(const RunView& v) {
  std::ostringstream s;
  s << "year,net_jobs,unemployed,displaced,reemployed,adjustment_cost,wage_bill_change,exited,switchers,"
       "private_cost,public_cost,benefits\n";
  for (const auto& y : v.res.adjustment.timeline)
    s << y.year << ',' << format_double(y.net_jobs) << ',' << format_double(y.unemployed) << ','
      << format_double(y.displaced) << ',' << format_double(y.reemployed) << ','
      << format_double(y.costs.adjustment_cost) << ',' << format_double(y.wage_bill_change) << ','
      << format_double(y.exited) << ',' << format_double(y.switchers) << ',' << format_double(y.costs.private_cost)
      << ',' << format_double(y.costs.public_cost) << ',' << format_double(y.costs.benefits) << '\n';
  return s.str();
}

/// groups.csv (docs/labour_and_adjustment.md "Groups"): jobs and adjustment costs by group of workers.
std::string groups_csv(const RunView& v) {
  std::ostringstream s;
  s << "group,dimension,jobs_base,jobs_created,jobs_destroyed,jobs_change,displaced,adjustment_cost,private_cost,"
       "public_cost\n";
  for (const GroupJobs& g : v.res.jobs.groups) {
    const GroupAdjustment* a = v.adjustment_of(g);
    s << csv_escape(g.group) << ',' << csv_escape(g.dimension) << ',' << format_double(g.jobs_base) << ','
      << format_double(g.jobs_created) << ',' << format_double(g.jobs_destroyed) << ',' << format_double(g.jobs_change)
      << ',' << format_double(a ? a->displaced : 0.0) << ',' << format_double(a ? a->costs.adjustment_cost : 0.0) << ','
      << format_double(a ? a->costs.private_cost : 0.0) << ',' << format_double(a ? a->costs.public_cost : 0.0) << '\n';
  }
  return s.str();
}

/// policies.csv (docs/labour_and_adjustment.md "Policies"): one row per policy comparison;
/// empty without a policies block.
std::string policies_csv(const RunView& v) {
  if (v.res.policy_comparisons.empty()) return "";
  std::ostringstream s;
  s << "policy,type,participants,programme_cost,unemployment_years_avoided,private_cost_change,public_cost_change,"
       "adjustment_cost_change,cost_per_unemployment_year_avoided,net_effect\n";
  for (const PolicyComparison& c : v.res.policy_comparisons)
    s << csv_escape(c.policy) << ',' << csv_escape(c.type) << ',' << format_double(c.participants) << ','
      << format_double(c.programme_cost) << ',' << format_double(c.unemployment_years_avoided) << ','
      << format_double(c.private_cost_change) << ',' << format_double(c.public_cost_change) << ','
      << format_double(c.adjustment_cost_change) << ','
      << (c.cost_per_unemployment_year_avoided ? format_double(*c.cost_per_unemployment_year_avoided)
                                               : std::string("NA"))
      << ',' << format_double(c.net_effect) << '\n';
  return s.str();
}

/// quality.csv (docs/labour_and_adjustment.md "Job quality"): the jobs created, destroyed and
/// the baseline jobs side by side; empty when no sector has employment data.
std::string quality_csv(const RunView& v) {
  if (!v.economy().any_jobs_known()) return "";
  const JobQuality& q = v.res.job_quality;
  const auto cell = [](const std::optional<double>& x) { return x ? format_double(*x) : std::string("NA"); };
  std::ostringstream s;
  s << "indicator,dimension,group,jobs_created,jobs_destroyed,jobs_base\n";
  s << "jobs,,," << format_double(q.created.jobs) << ',' << format_double(q.destroyed.jobs) << ','
    << format_double(q.base.jobs) << '\n';
  s << "mean_annual_wage,,," << cell(q.created.mean_wage) << ',' << cell(q.destroyed.mean_wage) << ','
    << cell(q.base.mean_wage) << '\n';
  s << "low_paid_share,,," << cell(q.created.low_paid_share) << ',' << cell(q.destroyed.low_paid_share) << ','
    << cell(q.base.low_paid_share) << '\n';
  for (const GroupQuality& g : q.groups)
    s << "group_share," << csv_escape(g.dimension) << ',' << csv_escape(g.group) << ',' << cell(g.share_created) << ','
      << cell(g.share_destroyed) << ',' << cell(g.share_base) << '\n';
  if (v.rs.labour_market.informal_reemployment_share > 0.0)  // "Moves from formal to informal work"
    s << "reemployed_informally,formality,informal," << format_double(v.res.adjustment.reemployed_informally)
      << ",NA,NA\n";
  return s.str();
}

/// partners.csv (issue 3): each sector's imports from and exports to each partner, as the
/// economy's trade backend sees them (on a multi-region economy, from each sector's own region).
std::string partners_csv(const RunView& v) {
  const Economy& e = v.economy();
  const PartnerTable t = v.pe.backend->partners(v.res);
  std::ostringstream s;
  s << "sector,partner,imports_base,imports_change,exports_base,exports_change\n";
  for (const PartnerTable::Row& r : t.rows) {
    s << csv_escape(e.sector_codes[r.sector]) << ',' << csv_escape(t.partners[r.partner]) << ',';
    if (r.has_imports)
      s << format_double(r.imports_base) << ',' << format_double(r.imports_change);
    else
      s << "NA,NA";
    s << ',';
    if (r.has_exports)
      s << format_double(r.exports_base) << ',' << format_double(r.exports_change);
    else
      s << "NA,NA";
    s << '\n';
  }
  return s.str();
}

/// regions.csv (docs/mrio.md): totals by region, NA where the region's jobs are unknown; empty
/// on a single-region economy.
std::string regions_csv(const RunView& v) {
  if (!v.res.regional) return "";
  std::ostringstream g;
  g << "region,output_base,output_change,jobs_base,jobs_change,jobs_created,jobs_destroyed,imports_change,"
       "exports_change,tariff_revenue_change\n";
  for (const RegionTotals& t : v.res.regional->totals) {
    auto jobs = [&](double x) { return t.jobs_known ? format_double(x) : std::string("NA"); };
    g << csv_escape(t.region) << ',' << format_double(t.output_base) << ',' << format_double(t.output_change) << ','
      << jobs(t.jobs_base) << ',' << jobs(t.jobs_change) << ',' << jobs(t.jobs_created) << ',' << jobs(t.jobs_destroyed)
      << ',' << format_double(t.imports_change) << ',' << format_double(t.exports_change) << ','
      << format_double(t.tariff_revenue_change) << '\n';
  }
  return g.str();
}

/// summary.json `scenario`: the scenario as resolved (measures, parameters, options).
void write_scenario_json(JsonWriter& j, const RunView& v) {
  const ResolvedScenario& rs = v.rs;
  j.key("scenario");
  j.begin_object();
  j.field("name", rs.scenario.name);
  j.field("description", rs.scenario.description);
  j.field("file", rs.scenario.file);
  j.field("economy", rs.scenario.economy);
  write_measures(j, rs, v.pe);
  write_parameters(j, rs, v.pe);
  j.key("options");
  j.begin_object();
  j.field("induced", rs.scenario.induced);
  j.field("price_feedback", rs.scenario.price_feedback);
  if (rs.scenario.tariff_revenue != "retained") j.field("tariff_revenue", rs.scenario.tariff_revenue);
  j.end_object();
  j.end_object();
}

/// Jobs unknown in every sector (a multi-region table without employment): every total that
/// counts jobs or workers is then null (unknown) in summary.json, never zero.
struct JobsFields {
  JsonWriter& j;
  bool unknown = false;
  void operator()(const char* name, double x) const {
    j.key(name);
    if (unknown)
      j.null();
    else
      j.value(x);
  }
};

/// summary.json `totals` (docs/model.md §9).
void write_totals_json(JsonWriter& j, const RunView& v, JobsFields& jobs_field) {
  const Economy& e = v.economy();
  const ScenarioTotals& t = v.res.totals;
  const int n = v.sectors();
  j.key("totals");
  j.begin_object();
  if (v.res.regional) {
    // Which sectors the jobs totals cover (multi-region tables may lack employment).
    int known = 0;
    for (int i = 0; i < n; ++i) known += e.jobs_known(i);
    jobs_field.unknown = known == 0;
    j.field("jobs_coverage",
            "sectors with employment data: " + std::to_string(known) + " of " + std::to_string(n) +
                (jobs_field.unknown ? " (jobs unknown everywhere: the jobs totals are null, unknown)" : ""));
  }
  jobs_field("jobs_base", t.jobs_base);
  jobs_field("jobs_change", t.jobs_change);
  jobs_field("jobs_created", t.jobs_created);
  jobs_field("jobs_destroyed", t.jobs_destroyed);
  j.field("output_change", t.output_change);
  j.field("imports_change", t.imports_change);
  j.field("exports_change", t.exports_change);
  j.field("tariff_revenue_change", t.tariff_revenue_change);
  j.field("ntm_rent", t.ntm_rent);
  j.field("quota_rent", t.quota_rent);
  jobs_field("adjustment_cost", t.adjustment_cost);
  jobs_field("private_cost", t.private_cost);
  jobs_field("public_cost", t.public_cost);
  jobs_field("displaced", t.displaced);
  jobs_field("cost_per_displaced_worker", t.cost_per_displaced_worker);
  jobs_field("wage_bill_change", t.wage_bill_change);
  if (v.induced()) j.field("jobs_change_induced", t.jobs_change_induced);
  if (t.adjustment_cost_without_policies)
    jobs_field("adjustment_cost_without_policies", *t.adjustment_cost_without_policies);
  j.key("payback_years");
  if (jobs_field.unknown)
    j.null();
  else if (t.payback_years)
    j.value(*t.payback_years);
  else
    j.value("never");
  j.end_object();
}

/// summary.json `regions` and `regions_without_jobs` (docs/mrio.md): totals by region, jobs null
/// where unknown; nothing on a single-region economy.
void write_regions_json(JsonWriter& j, const RunView& v) {
  if (!v.res.regional) return;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  j.key("regions");
  j.begin_array();
  for (const RegionTotals& r : v.res.regional->totals) {
    j.begin_object();
    j.field("region", r.region);
    j.field("output_base", r.output_base);
    j.field("output_change", r.output_change);
    j.field("jobs_known", r.jobs_known);
    if (r.jobs_partial) j.field("jobs_partial", true);
    j.field("jobs_base", r.jobs_known ? r.jobs_base : nan);
    j.field("jobs_change", r.jobs_known ? r.jobs_change : nan);
    j.field("jobs_created", r.jobs_known ? r.jobs_created : nan);
    j.field("jobs_destroyed", r.jobs_known ? r.jobs_destroyed : nan);
    j.field("imports_change", r.imports_change);
    j.field("exports_change", r.exports_change);
    j.field("tariff_revenue_change", r.tariff_revenue_change);
    j.end_object();
  }
  j.end_array();
  j.key("regions_without_jobs");
  j.begin_array();
  for (const auto& r : v.res.regional->regions_without_jobs) j.value(r);
  j.end_array();
}

/// summary.json `groups` (docs/labour_and_adjustment.md "Groups"): the rows of groups.csv; each
/// split's groups add up to the totals.
void write_groups_json(JsonWriter& j, const RunView& v, const JobsFields& jobs_field) {
  j.key("groups");
  j.begin_array();
  for (const GroupJobs& g : v.res.jobs.groups) {
    const GroupAdjustment* a = v.adjustment_of(g);
    j.begin_object();
    j.field("group", g.group);
    j.field("label", group_label(g.group));
    j.field("dimension", g.dimension);
    jobs_field("jobs_base", g.jobs_base);
    jobs_field("jobs_created", g.jobs_created);
    jobs_field("jobs_destroyed", g.jobs_destroyed);
    jobs_field("jobs_change", g.jobs_change);
    jobs_field("displaced", a ? a->displaced : 0.0);
    jobs_field("adjustment_cost", a ? a->costs.adjustment_cost : 0.0);
    jobs_field("private_cost", a ? a->costs.private_cost : 0.0);
    jobs_field("public_cost", a ? a->costs.public_cost : 0.0);
    jobs_field("wage_bill_change", g.wage_bill_change);
    j.end_object();
  }
  j.end_array();
}

/// summary.json `job_quality` (docs/labour_and_adjustment.md "Job quality"); nothing when no
/// sector has employment data.
void write_job_quality_json(JsonWriter& j, const RunView& v) {
  if (!v.economy().any_jobs_known()) return;
  const JobQuality& q = v.res.job_quality;
  const auto optional = [&](const char* name, const std::optional<double>& x) {
    j.key(name);
    if (x)
      j.value(*x);
    else
      j.null();
  };
  const auto set = [&](const char* name, const JobSetQuality& x) {
    j.key(name);
    j.begin_object();
    j.field("jobs", x.jobs);
    optional("mean_annual_wage", x.mean_wage);
    optional("low_paid_share", x.low_paid_share);
    j.end_object();
  };
  j.key("job_quality");
  j.begin_object();
  j.field("median_annual_wage", q.median_wage);
  j.field("low_pay_threshold", q.low_pay_threshold);
  j.field("low_pay_rule", "sector annual wage below two-thirds of the median annual wage of the baseline jobs");
  set("jobs_created", q.created);
  set("jobs_destroyed", q.destroyed);
  set("jobs_base", q.base);
  if (v.rs.labour_market.informal_reemployment_share > 0.0)
    j.field("reemployed_informally", v.res.adjustment.reemployed_informally);
  j.key("groups");
  j.begin_array();
  for (const GroupQuality& g : q.groups) {
    j.begin_object();
    j.field("dimension", g.dimension);
    j.field("group", g.group);
    optional("share_created", g.share_created);
    optional("share_destroyed", g.share_destroyed);
    optional("share_base", g.share_base);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

/// summary.json `policies` (docs/labour_and_adjustment.md "Policies"): the rows of policies.csv
/// with their changes by group and by sector of origin; nothing without a policies block.
void write_policies_json(JsonWriter& j, const RunView& v) {
  if (v.res.policy_comparisons.empty()) return;
  const Economy& e = v.economy();
  j.key("policies");
  j.begin_array();
  for (const PolicyComparison& c : v.res.policy_comparisons) {
    j.begin_object();
    j.field("policy", c.policy);
    j.field("type", c.type);
    j.field("participants", c.participants);
    j.field("programme_cost", c.programme_cost);
    j.field("unemployment_years_avoided", c.unemployment_years_avoided);
    j.field("private_cost_change", c.private_cost_change);
    j.field("public_cost_change", c.public_cost_change);
    j.field("adjustment_cost_change", c.adjustment_cost_change);
    j.key("cost_per_unemployment_year_avoided");
    if (c.cost_per_unemployment_year_avoided)
      j.value(*c.cost_per_unemployment_year_avoided);
    else
      j.null();
    j.field("net_effect", c.net_effect);
    j.key("by_group");
    j.begin_array();
    for (const auto& g : c.by_group) {
      j.begin_object();
      j.field("dimension", g.dimension);
      j.field("group", g.group);
      j.field("unemployment_years_avoided", g.unemployment_years_avoided);
      j.field("private_cost_change", g.private_cost_change);
      j.field("public_cost_change", g.public_cost_change);
      j.field("adjustment_cost_change", g.adjustment_cost_change);
      j.end_object();
    }
    j.end_array();
    j.key("by_sector");  // sectors of origin the policy changes anything for
    j.begin_array();
    const auto& b = c.by_sector;
    for (int i = 0; i < v.sectors(); ++i) {
      if (b.participants(i) == 0.0 && b.programme_cost(i) == 0.0 && b.unemployment_years_avoided(i) == 0.0 &&
          b.private_cost_change(i) == 0.0 && b.public_cost_change(i) == 0.0 && b.adjustment_cost_change(i) == 0.0)
        continue;
      j.begin_object();
      j.field("sector", e.sector_codes[i]);
      j.field("participants", b.participants(i));
      j.field("programme_cost", b.programme_cost(i));
      j.field("unemployment_years_avoided", b.unemployment_years_avoided(i));
      j.field("private_cost_change", b.private_cost_change(i));
      j.field("public_cost_change", b.public_cost_change(i));
      j.field("adjustment_cost_change", b.adjustment_cost_change(i));
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();
}

/// summary.json `quotas`: each quota's binding state, tariff equivalent, volume and rent.
void write_quotas_json(JsonWriter& j, const RunView& v) {
  j.key("quotas");
  j.begin_array();
  for (const auto& q : v.res.trade.quotas) {
    j.begin_object();
    j.field("sector", v.economy().sector_codes[q.sector]);
    j.field("binding", q.binding);
    j.field("tariff_equivalent", q.tariff_equivalent);
    j.field("volume", q.volume);
    j.field("rent", q.rent);
    j.end_object();
  }
  j.end_array();
}

/// summary.json `diagnostics`: the solver, the economy's checks and the notes of the resolution.
void write_diagnostics_json(JsonWriter& j, const RunView& v) {
  const TradeResult& tr = v.res.trade;
  j.key("diagnostics");
  j.begin_object();
  j.field("solver_path", tr.solver_path);
  j.field("iterations", tr.iterations);
  j.field("residual", tr.residual);
  j.field("solves", v.res.solves);
  if (v.res.regional) j.field("price_iterations", v.res.regional->trade.price_iterations);
  j.key("checks");
  j.begin_array();
  for (const auto& d : v.pe.checks) {
    j.begin_object();
    j.field("severity", severity_name(d.severity));
    j.field("check", d.check);
    j.field("message", d.message);
    j.end_object();
  }
  j.end_array();
  j.key("notes");
  j.begin_array();
  for (const auto& note : v.rs.notes) j.value(note);
  if (v.res.regional)  // the MRIO solver's method and price iterations
    for (const auto& note : tr.notes) j.value(note);
  j.end_array();
  j.end_object();
}

/// summary.json (docs/model.md §9).
std::string summary_json(const RunView& v) {
  JsonWriter j;
  j.begin_object();
  j.field("kind", "scenario");
  j.field("version", tradejobs_version());
  write_scenario_json(j, v);
  write_economy_json(j, v.economy());
  JobsFields jobs_field{j};
  write_totals_json(j, v, jobs_field);
  write_regions_json(j, v);
  write_groups_json(j, v, jobs_field);
  write_job_quality_json(j, v);
  write_policies_json(j, v);
  write_quotas_json(j, v);
  write_diagnostics_json(j, v);
  j.end_object();
  return j.str();
}

}  // namespace

ScenarioFiles render_scenario_files(const PreparedEconomy& pe, const ResolvedScenario& rs, const ScenarioResult& res) {
  const RunView v{pe, rs, res};
  ScenarioFiles f;
  f.sectors_csv = sectors_csv(v);
  f.timeline_csv = timeline_csv(v);
  f.groups_csv = groups_csv(v);
  f.policies_csv = policies_csv(v);
  f.quality_csv = quality_csv(v);
  f.partners_csv = partners_csv(v);
  f.regions_csv = regions_csv(v);
  f.summary_json = summary_json(v);
  return f;
}

}  // namespace tradejobs
