#pragma once
/// \file scenario.h
/// Scenario files (docs/model.md §6, §9): the economy, the trade measures, parameter overrides,
/// the labour-market parameters, the model options and the outputs. Parsed once, validated
/// with YAML line and column in every message, then resolved against an economy.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/models/policies.h"

namespace YAML {
class Node;
}

namespace tradejobs {

/// The measure types of docs/model.md §3, in the order of measure_types().
enum class MeasureType { tariff, export_tariff, ntm, quota, export_demand, import_price, final_demand };

/// The name of a measure type as written in a scenario's `type:` ("export_tariff").
const std::string& measure_type_name(MeasureType type);
/// The measure type named `name`, or nullopt for a name that is not one.
std::optional<MeasureType> measure_type_from_name(const std::string& name);
/// tariff, export_tariff and ntm: measures written as rates (from/to or change, codes_file).
bool is_rate_measure(MeasureType type);
/// tariff, ntm, quota and import_price: measures on imports (their partners are import partners).
bool is_import_measure(MeasureType type);
/// export_tariff and export_demand: measures on exports (their partners are export partners).
bool is_export_measure(MeasureType type);

/// One measure as written in the scenario (docs/model.md §3, §9).
struct MeasureSpec {
  MeasureType type = MeasureType::tariff;  ///< The measure's `type:`.
  std::vector<std::string> sectors;        ///< Sector codes or named groups; empty = all sectors.
  std::vector<std::string> partners;       ///< Partner codes; empty or "all" = all partners.
  /// tariff on a multi-region economy: the region that levies it (e.g. "USA"); required
  /// there, an error on a single-region economy (docs/mrio.md). Empty when not given.
  std::string importer;
  int importer_line = 0, importer_column = 0;  ///< Position of `importer` (1-based) for messages.
  std::optional<double> from;                  ///< Rate before (tariff, export_tariff, ntm): 0.05 = 5%.
  std::optional<double> to;                    ///< Rate after.
  std::optional<double> change;                ///< Change in rate points as a rate (0.05 = +5 points).
  std::optional<double>
      quantity;  ///< Quota ceiling (currency units at base prices) or final-demand change (currency units).
  std::optional<double> percent;       ///< Percentage shock (export_demand, import_price, final_demand): -10 = −10%.
  std::string ntm_kind = "cost";       ///< ntm: "cost" (raises price, no revenue) or "rent" (rent reported).
  std::string category = "household";  ///< final_demand: the final-demand category shocked.
  double phase_in_years = 1;           ///< Years over which the measure phases in linearly (docs/model.md §5).
  double scale = 1;                    ///< Multiplies the measure's change (for sweeps): 0 = no change.
  std::string concordance;             ///< Optional concordance CSV (relative to the scenario file).
  std::string codes_file;    ///< Optional per-code rates file `code,from,to,weight` (or `code,change,weight`).
  int line = 0, column = 0;  ///< Position in the scenario file (1-based) for messages.
};

/// A per-sector parameter: a default for all sectors and overrides by sector code.
struct SectorParameter {
  std::optional<double> all;                ///< Value for every sector (scenario `parameters.X: v` or `default`).
  std::map<std::string, double> by_sector;  ///< Sector code (or group) -> value.
  /// Sector code (or group) -> 1-based line and column of its key in the scenario, for messages
  /// (absent when a sweep set the value).
  std::map<std::string, std::pair<int, int>> positions;
};

/// parameters.export_demand_by_partner.PARTNER: η for the exports to one partner, by sector
/// (docs/trade.md "Export demand by partner"); sectors it does not name keep export_demand.
struct PartnerParameter {
  SectorParameter values;    ///< `default` (every sector) and sector codes or groups.
  int line = 0, column = 0;  ///< Position of the partner's entry (1-based) for messages; 0 if set by a sweep.
};

/// One labour-market policy as written in the scenario (`policies:`,
/// docs/labour_and_adjustment.md "Policies"): retraining, job_search_assistance,
/// wage_insurance or benefit_extension.
struct PolicySpec {
  std::string type;                          ///< One of policy_types().
  std::string name;                          ///< Label in the outputs; defaults to the type.
  std::vector<std::string> sectors;          ///< Targeted sectors of origin (codes or groups); empty = all.
  std::vector<std::string> groups;           ///< benefit_extension: informal and/or self_employed.
  std::map<std::string, double> values;      ///< Numeric keys as given (take_up, reemployment_effect, ...).
  int line = 0, column = 0;                  ///< Position in the scenario file (1-based) for messages.
  int sectors_line = 0, sectors_column = 0;  ///< Position of `sectors` (0 when absent).
  int groups_line = 0, groups_column = 0;    ///< Position of `groups` (0 when absent).
};

/// A scenario file, parsed and structurally validated.
struct Scenario {
  std::string file;         ///< Path of the scenario file.
  std::string name;         ///< Scenario name.
  std::string description;  ///< What the scenario is, with its sources.
  std::string economy;      ///< Economy folder, resolved relative to the scenario file.
  std::vector<MeasureSpec> measures;
  /// armington, source_substitution, final_demand_elasticity, export_demand,
  /// employment_elasticity, pass_through.
  std::map<std::string, SectorParameter> parameters;
  /// parameters.export_demand_by_partner: export partner code -> η by sector (overrides
  /// export_demand for that partner).
  std::map<std::string, PartnerParameter> export_demand_by_partner;
  /// labour_market keys of docs/model.md §9 that the scenario sets (others keep their defaults).
  std::map<std::string, double> labour_market;
  /// labour_market.preset: a named set of §5 values (low_unemployment, high_unemployment) that
  /// the keys above override; "" = the §5 defaults (docs/validation.md "Adjustment cost").
  std::string labour_market_preset;
  /// policies: labour-market policies run next to the measures; the run without them is
  /// computed too (docs/labour_and_adjustment.md "Policies"). Empty = none.
  std::vector<PolicySpec> policies;
  bool induced = false;        ///< options.induced: Type II induced effects.
  bool price_feedback = true;  ///< options.price_feedback: §2 domestic prices feed the trade module.
  /// options.tariff_revenue: what the change in tariff revenue does (docs/trade.md "Tariff
  /// revenue"): "retained" (left out of demand, the default), "households" (spent through the
  /// household column of final demand) or "government" (through the government column).
  std::string tariff_revenue = "retained";
  std::string output_directory;  ///< outputs.directory, resolved relative to the scenario file ("" = none).
  /// Why outputs.directory may not be written unless the user names it with -o (an absolute path
  /// or one climbing out of the scenario's folder): file:line:column and the reason; "" = none.
  std::string output_directory_refusal;
  /// Key path ("options.induced", "labour_market.exit_rate", "parameters.armington.C26") -> the
  /// 1-based line and column of the key in the file, for messages about a key after parsing
  /// (absent for a key the file does not write, or that a sweep set).
  std::map<std::string, std::pair<int, int>> positions;
};

/// "file:line:column: message" at the key `key_path` of the scenario, or at the nearest section
/// above it that the file writes ("labour_market.exit_rate" -> "labour_market"); "file: message"
/// when none is written.
std::string scenario_error(const Scenario& s, const std::string& key_path, const std::string& message);

/// Names of the per-sector parameters, in docs/model.md §9 order.
const std::vector<std::string>& parameter_names();
/// Names of the labour_market keys of docs/model.md §9.
const std::vector<std::string>& labour_market_names();
/// Names of the measure types of docs/model.md §3.
const std::vector<std::string>& measure_types();
/// Names of the policy types (docs/labour_and_adjustment.md "Policies").
const std::vector<std::string>& policy_types();
/// The policy type of a name of policy_types(); std::invalid_argument for any other name (the
/// parser has refused it before).
PolicyType policy_type_of(const std::string& name);
/// Numeric keys a policy of `type` takes (empty for an unknown type).
const std::vector<std::string>& policy_number_keys(const std::string& type);

/// Why `name` cannot be a scenario name ("" when it can): letters, digits, '-', '_', '.', not
/// starting with '.', at most 100 characters (it names the folder results/NAME).
std::string scenario_name_problem(const std::string& name);

/// Parses and validates a scenario file (InputError with file:line:column and key path).
Scenario load_scenario(const std::string& path);
/// The same for a document already parsed (the Python package's scenario dicts): `path` names
/// it in messages and relative paths resolve from its folder ("<dict>": the current folder).
Scenario load_scenario(const std::string& path, const YAML::Node& root);

/// Sets a numeric value at a key path (docs/model.md §9 sweeps): `measures[0].to`,
/// `measures[1].percent`, `parameters.armington`, `parameters.armington.C13-C15`,
/// `parameters.export_demand_by_partner.CHN` (that partner's default),
/// `parameters.export_demand_by_partner.CHN.A01`,
/// `labour_market.unemployment_duration_years`, `options.…` is not numeric. Returns an empty
/// string on success or the reason the path is invalid.
std::string set_scenario_value(Scenario& s, const std::string& key_path, double value);

/// Why `key_path` is not a key a sweep can vary in `s` ("" when it is): an unknown name, an index
/// out of range, a key that is not a number (docs/reference/scenario.md, column "sweep"). The
/// value's bounds are not checked here.
std::string scenario_key_problem(const Scenario& s, const std::string& key_path);

}  // namespace tradejobs
