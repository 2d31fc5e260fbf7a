// tradejobs._tradejobs: the pybind11 module under the Python package `tradejobs` (python/tradejobs).
// It calls the engine in-process (no executable): economies are prepared once and kept, runs
// return the rendered result files as text (parsed into DataFrames by the Python layer, so
// they equal the CSV files), sweeps run on the engine's threads with the GIL released.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/outputs.h"
#include "tradejobs/engine/results.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/sweep.h"

namespace py = pybind11;
using namespace tradejobs;

namespace {

/// A prepared economy (loaded, checked, factorised once), shared by the runs made from Python.
struct PyEconomy {
  std::shared_ptr<const PreparedEconomy> pe;
};

/// One run's result files, as `tradejobs run -o` writes them.
struct PyResult {
  ScenarioFiles files;
  std::string name;
};

const char* severity_name(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

PyEconomy load_economy(const std::string& folder) {
  PyEconomy e;
  {
    py::gil_scoped_release release;
    e.pe = prepare_economy(folder);
  }
  return e;
}

/// The economy's sectors as columns (name -> list), NaN where employment is unknown.
py::dict sectors_table(const PyEconomy& pye) {
  const PreparedEconomy& pe = *pye.pe;
  const Economy& e = pe.economy;
  const int n = e.sectors();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  py::dict d;
  d["sector"] = e.sector_codes;
  if (!e.sector_regions.empty()) d["region"] = e.sector_regions;
  d["name"] = e.sector_names;
  auto column = [&](const Eigen::VectorXd& v, bool jobs) {
    std::vector<double> out(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)] = jobs && !e.jobs_known(i) ? nan : v(i);
    return out;
  };
  d["output"] = column(pe.coefficients.gross_output, false);
  d["value_added"] = column(e.value_added.colwise().sum().transpose(), false);
  const int comp = e.compensation_row();
  if (comp >= 0) d["compensation"] = column(e.value_added.row(comp).transpose(), false);
  d["final_demand_domestic"] = column(e.final_demand_domestic.rowwise().sum(), false);
  d["imports"] = column(e.intermediate_imported.rowwise().sum() + e.final_demand_imported.rowwise().sum(), false);
  d["exports"] = column(e.exports.rowwise().sum(), false);
  d["employment"] = column(e.employment, true);
  if (pe.annual_wage.size() == n) d["annual_wage"] = column(pe.annual_wage, true);
  for (size_t g = 0; g < e.employment_share_names.size(); ++g)
    d[py::str("share_" + e.employment_share_names[g])] =
        column(e.employment_shares.col(static_cast<Eigen::Index>(g)), true);
  return d;
}

py::list check_records(const PyEconomy& pye) {
  py::list out;
  for (const Diagnostic& d : pye.pe->checks) {
    py::dict r;
    r["severity"] = severity_name(d.severity);
    r["check"] = d.check;
    r["message"] = d.message;
    out.append(r);
  }
  return out;
}

PyResult run_scenario_object(const Scenario& scenario) {
  PyResult r;
  r.name = scenario.name;
  const auto economy = prepare_economy(scenario.economy);
  const ResolvedScenario resolved = resolve_scenario(scenario, *economy);
  const ScenarioResult result = tradejobs::run_scenario(*economy, resolved);
  r.files = render_scenario_files(*economy, resolved, result);
  return r;
}

PyResult run_file(const std::string& path) {
  py::gil_scoped_release release;
  return run_scenario_object(load_scenario(path));
}

PyResult run_text(const std::string& text, const std::string& label) {
  py::gil_scoped_release release;
  return run_scenario_object(load_scenario_text(text, label));
}

py::dict result_files(const PyResult& r) {
  py::dict d;
  d["summary.json"] = r.files.summary_json;
  d["sectors.csv"] = r.files.sectors_csv;
  d["timeline.csv"] = r.files.timeline_csv;
  d["groups.csv"] = r.files.groups_csv;
  d["partners.csv"] = r.files.partners_csv;
  if (!r.files.regions_csv.empty()) d["regions.csv"] = r.files.regions_csv;
  if (!r.files.policies_csv.empty()) d["policies.csv"] = r.files.policies_csv;
  if (!r.files.quality_csv.empty()) d["quality.csv"] = r.files.quality_csv;
  return d;
}

void write_result(const PyResult& r, const std::string& folder, bool report, bool xlsx) {
  py::gil_scoped_release release;
  ResultsWriteOptions o;
  o.report = report;
  o.xlsx = xlsx;
  write_scenario_results(folder, r.files, o);
}

/// Runs a sweep into `folder` (as `tradejobs sweep SWEEP -o folder -j threads --quiet`).
void run_sweep_into(const std::string& sweep_file, const std::string& folder, int threads, bool xlsx) {
  if (threads < 0)
    throw InputError("threads = " + std::to_string(threads) +
                     ": expected a number of threads >= 1 (or None for all cores)");
  SweepCommandOptions o;
  o.sweep_file = sweep_file;
  o.output = folder;
  o.threads = threads;
  o.quiet = true;
  o.xlsx = xlsx;
  std::ostringstream out, err;
  int code = 0;
  {
    py::gil_scoped_release release;
    code = run_sweep_command(o, out, err);
  }
  if (code != 0)
    throw SolveError(err.str().empty() ? "the sweep stopped (exit code " + std::to_string(code) + ")" : err.str());
}

py::list schema_records() {
  py::list out;
  for (const ScenarioKey& k : scenario_keys()) {
    py::dict r;
    r["key"] = k.key;
    r["section"] = k.section;
    r["description"] = k.description;
    r["sweepable"] = k.sweepable;
    out.append(r);
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(_tradejobs, m) {
  m.doc() = "tradejobs engine (C++): economies, scenario runs and sweeps; use the package `tradejobs`";
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<SolveError> solve_error(m, "SolveError", PyExc_RuntimeError);
  // The CLI prints these messages after "error: " (exit 2 and 1); here they are the exception's text.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      PyErr_SetString(input_error.ptr(), e.what());
    } catch (const SolveError& e) {
      PyErr_SetString(solve_error.ptr(), e.what());
    } catch (const YAML::Exception& e) {
      PyErr_SetString(input_error.ptr(), (std::string("YAML: ") + e.what()).c_str());
    }
  });

  py::class_<PyEconomy>(m, "Economy")
      .def_property_readonly("folder", [](const PyEconomy& e) { return e.pe->folder; })
      .def_property_readonly("name", [](const PyEconomy& e) { return e.pe->economy.name; })
      .def_property_readonly("country", [](const PyEconomy& e) { return e.pe->economy.country; })
      .def_property_readonly("year", [](const PyEconomy& e) { return e.pe->economy.year; })
      .def_property_readonly("currency", [](const PyEconomy& e) { return e.pe->economy.currency; })
      .def_property_readonly("employment_unit", [](const PyEconomy& e) { return e.pe->economy.employment_unit; })
      .def_property_readonly("source", [](const PyEconomy& e) { return e.pe->economy.source; })
      .def_property_readonly("licence", [](const PyEconomy& e) { return e.pe->economy.licence; })
      .def("sectors_table", &sectors_table)
      .def("multipliers_csv", [](const PyEconomy& e, const std::string& type) { return multipliers_csv(*e.pe, type); })
      .def("check", &check_records);
  m.def("load_economy", &load_economy, py::arg("folder"));

  py::class_<PyResult>(m, "Result")
      .def_property_readonly("name", [](const PyResult& r) { return r.name; })
      .def("files", &result_files)
      .def("write", &write_result, py::arg("folder"), py::arg("report") = true, py::arg("xlsx") = true);
  m.def("run_file", &run_file, py::arg("path"));
  m.def("run_text", &run_text, py::arg("text"), py::arg("label"));
  m.def("run_sweep", &run_sweep_into, py::arg("sweep_file"), py::arg("folder"), py::arg("threads"),
        py::arg("xlsx") = true);
  m.def("schema", &schema_records);
  m.def("version", &tradejobs_version);
}
