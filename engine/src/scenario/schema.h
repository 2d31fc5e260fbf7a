#pragma once
/// \file schema.h
/// The scenario schema: one table of every key a scenario file may hold and every key path a
/// sweep may vary (docs/reference/scenario.md is generated from it by `tradejobs schema
/// --markdown`). The parser's checks, the sweep key resolver, the runner's key-to-field mapping,
/// the echo of the resolved scenario in summary.json and the messages all read this table; the
/// defaults and bounds of the labour-market and trade parameters are read from the models'
/// structs (LabourMarketParameters, TradeParameters::defaults, LabourOptions), never re-typed.
///
/// Adding a key: add one entry to the table in schema.cpp (CONTRIBUTING.md shows how).

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/engine/scenario.h"
#include "tradejobs/models/adjustment.h"
#include "tradejobs/models/mrio_trade.h"
#include "tradejobs/models/policies.h"
#include "tradejobs/models/trade.h"

namespace tradejobs {

class JsonWriter;

namespace schema {

/// What a key's value is.
enum class ValueType {
  number,     ///< A finite number.
  integer,    ///< A whole number.
  boolean,    ///< true or false.
  string,     ///< Text (a name, a path, a label).
  code_list,  ///< A code or a list of codes (`[A01, C10-C12]`).
  choice,     ///< One of the names in `choices`.
  section,    ///< A map of further keys (parameters, labour_market, options, outputs).
  list,       ///< A list of maps (measures, policies).
};

/// The name of a type in the reference ("number", "code list", ...).
const char* type_name(ValueType type);

/// The values a number may take: min and max, each open (excluded) or closed (included);
/// an infinite end is no bound. `whole`: only whole numbers.
struct Interval {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  bool whole = false;
  /// "[0, 1]", "(0, 50]", "> 0", ">= 0"; "" when unbounded.
  std::string text() const;
  /// Whether `v` is in the interval (a finite number, whole when `whole`).
  bool contains(double v) const;
};

/// One key of a scenario file (or a family: `parameters.armington[.SECTOR]`).
struct Entry {
  /// The key path as written in the reference and in a sweep's `vary`: `labour_market.exit_rate`,
  /// `measures[i].to`, `parameters.armington[.SECTOR]`, `policies[i].take_up`.
  std::string path;
  ValueType type = ValueType::number;
  std::string unit;  ///< "years", "share of the wage", "rate (0.05 = 5%)", ...; "" for none.
  /// The default: for numbers read from the models' structs; `default_text` says it in words when
  /// it is not one number ("2 × armington", "all sectors"); both empty: required or none.
  std::optional<double> default_number;
  std::string default_text;
  bool required = false;  ///< The key must be given (in its section, or by the types below).
  /// With `required`: the measure or policy types that must give it; empty = every type that takes it.
  std::vector<std::string> required_for;
  Interval bounds;  ///< Numbers only.
  /// The words of the bounds' message: "must be " + what + " in " + bounds + hint, e.g. "must be
  /// a rate in [0, 1] (write 5% as 0.05)". `what` may be empty.
  std::string what;
  std::string hint;
  std::vector<std::string> choices;  ///< choice keys: the names allowed.
  /// The measure or policy types that take the key (`measures[i].` and `policies[i].` entries);
  /// empty = every type.
  std::vector<std::string> applies_to;
  /// The types whose values the bounds constrain (measures[i].quantity: quota only); empty = all.
  std::vector<std::string> bounds_for;
  std::string description;  ///< What the key is (one sentence or two).
  std::string source;       ///< Where the default comes from (docs/model.md §5 citations); "" = none.
  bool sweepable = false;   ///< A sweep may vary it (`vary: - key: PATH`).

  /// How the value reaches the model (parameters keys of the single-region trade model): the
  /// TradeParameters vector whose entries it sets (every sector, or one with `.SECTOR`).
  Eigen::VectorXd TradeParameters::*trade_vector = nullptr;
  /// The same for the multi-region trade model: the MrioTradeParameters number every industry
  /// takes and its per-industry vector (NaN where the number applies).
  double MrioTradeParameters::*mrio_number = nullptr;
  Eigen::VectorXd MrioTradeParameters::*mrio_by_product = nullptr;
  /// How the value reaches the model (labour_market keys): the field it sets.
  double LabourMarketParameters::*labour_number = nullptr;
  int LabourMarketParameters::*labour_integer = nullptr;
  /// summary.json leaves the key out while this field is 0 (the feature it belongs to is off).
  double LabourMarketParameters::*echo_unless_zero = nullptr;
  /// How the value reaches the model (policies[i] numbers): the LabourPolicy field it sets, and
  /// for a default that is a labour_market value (replacement_rate), that field.
  double LabourPolicy::*policy_number = nullptr;
  int LabourPolicy::*policy_integer = nullptr;
  double LabourMarketParameters::*policy_default_from = nullptr;
  /// How a sweep sets it (measures[i] numbers): the MeasureSpec field.
  std::optional<double> MeasureSpec::*measure_optional = nullptr;
  double MeasureSpec::*measure_number = nullptr;

  /// The last part of the path: "exit_rate", "to", "armington".
  std::string name() const;
  /// "" when `v` is allowed (for a measure or policy of `type`: see bounds_for), otherwise the
  /// constraint, e.g. "must be in [0, 1] (write 5% as 0.05)".
  std::string problem(double v, const std::string& type = "") const;
  /// Whether the measure or policy type `type` takes the key (applies_to).
  bool applies(const std::string& type) const;
  /// Whether a measure or policy of `type` must give the key.
  bool required_by(const std::string& type) const;
};

/// Every entry, in the reference's order (top level, measures, parameters, labour_market,
/// policies, options, outputs).
const std::vector<Entry>& entries();

/// The entry with this exact path ("labour_market.exit_rate", "measures[i].to",
/// "parameters.armington[.SECTOR]"), or nullptr.
const Entry* find(const std::string& path);

/// The entries of a section: those whose path starts with `prefix` ("labour_market.",
/// "measures[i].", "options.") and has no further level.
std::vector<const Entry*> section(const std::string& prefix);
/// The key names of a section, in the table's order (for the messages that list them).
std::vector<std::string> section_names(const std::string& prefix);

/// Sets the labour-market field of `key` ("exit_rate"); false for a key that is not one.
bool set_labour_market(LabourMarketParameters& p, const std::string& key, double value);
/// Sets every number of policy `p` (of type spec.type) from the scenario's `spec`, or where the
/// scenario leaves it out, from the entry's default (default_number, policy_default_from of
/// `lm`) or else LabourPolicy's own.
void set_policy_numbers(LabourPolicy& p, const PolicySpec& spec, const LabourMarketParameters& lm);
/// Writes every labour_market entry's resolved value into the current JSON object (summary.json).
void echo_labour_market(JsonWriter& j, const LabourMarketParameters& p);

/// The reference as Markdown (docs/reference/scenario.md).
std::string markdown();
/// A JSON Schema (draft 2020-12) of a scenario file, for editors.
std::string json_schema();

}  // namespace schema
}  // namespace tradejobs
