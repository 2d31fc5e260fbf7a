#include "scenario/schema.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "formats/json.h"
#include "tradejobs/engine/errors.h"
#include "tradejobs/models/labour.h"
#include "tradejobs/models/trade.h"

namespace tradejobs::schema {

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::number:
      return "number";
    case ValueType::integer:
      return "integer";
    case ValueType::boolean:
      return "boolean";
    case ValueType::string:
      return "string";
    case ValueType::code_list:
      return "code list";
    case ValueType::choice:
      return "choice";
    case ValueType::section:
      return "map";
    case ValueType::list:
      return "list";
  }
  return "";
}

std::string Interval::text() const {
  const bool low = std::isfinite(min), high = std::isfinite(max);
  if (low && high)
    return std::string(min_open ? "(" : "[") + format_number(min) + ", " + format_number(max) + (max_open ? ")" : "]");
  if (low) return std::string(min_open ? "> " : ">= ") + format_number(min);
  if (high) return std::string(max_open ? "< " : "<= ") + format_number(max);
  return "";
}

bool Interval::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (whole && v != std::floor(v)) return false;
  if (min_open ? !(v > min) : !(v >= min)) return false;
  if (max_open ? !(v < max) : !(v <= max)) return false;
  return true;
}

std::string Entry::name() const {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string Entry::problem(double v, const std::string& type) const {
  if (bounds.contains(v)) return "";
  if (!bounds_for.empty()) {
    bool bounded = false;
    for (const auto& t : bounds_for) bounded = bounded || t == type;
    if (!bounded) return std::isfinite(v) ? "" : "must be a finite number";
  }
  const std::string range = bounds.text();
  const bool both = std::isfinite(bounds.min) && std::isfinite(bounds.max);
  return "must be " + (what.empty() ? "" : what + " ") + (both ? "in " : "") + range + hint;
}

bool Entry::applies(const std::string& type) const {
  if (applies_to.empty()) return true;
  for (const auto& t : applies_to)
    if (t == type) return true;
  return false;
}

bool Entry::required_by(const std::string& type) const {
  if (!required || !applies(type)) return false;
  if (required_for.empty()) return true;
  for (const auto& t : required_for)
    if (t == type) return true;
  return false;
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Interval closed(double lo, double hi) { return {lo, hi, false, false, false}; }
Interval left_open(double lo, double hi) { return {lo, hi, true, false, false}; }
Interval at_least(double lo) { return {lo, kInf, false, false, false}; }
Interval above(double lo) { return {lo, kInf, true, false, false}; }

/// A labour_market entry: default and field from LabourMarketParameters.
Entry labour(const char* name, double LabourMarketParameters::*field, Interval bounds, std::string unit,
             std::string what, std::string hint, std::string description, std::string source) {
  static const LabourMarketParameters defaults;
  Entry e;
  e.path = std::string("labour_market.") + name;
  e.type = ValueType::number;
  e.unit = std::move(unit);
  if (field) e.default_number = defaults.*field;  // a null field: the caller sets the default
  e.bounds = bounds;
  e.what = std::move(what);
  e.hint = std::move(hint);
  e.description = std::move(description);
  e.source = std::move(source);
  e.sweepable = true;
  e.labour_number = field;
  return e;
}

Entry rate(const char* name, double LabourMarketParameters::*field, std::string unit, std::string description,
           std::string source) {
  return labour(name, field, closed(0, 1), std::move(unit), "", " (write 5% as 0.05)", std::move(description),
                std::move(source));
}

Entry plain(std::string path, ValueType type, std::string description) {
  Entry e;
  e.path = std::move(path);
  e.type = type;
  e.description = std::move(description);
  return e;
}

/// A per-sector parameter: default from the models' structs, bounds shared with the economy's
/// elasticities file.
Entry parameter(const char* name, std::optional<double> default_number, std::string default_text, Interval bounds,
                std::string what, std::string hint, std::string description, std::string source) {
  Entry e;
  e.path = std::string("parameters.") + name;
  e.type = ValueType::number;
  e.unit = "elasticity";
  e.default_number = default_number;
  e.default_text = std::move(default_text);
  e.bounds = bounds;
  e.what = std::move(what);
  e.hint = std::move(hint);
  e.description = std::move(description) +
                  " A number for every sector, or a map of `default` and sector codes or groups; a sweep varies "
                  "`" +
                  e.path + "` or `" + e.path + ".SECTOR`.";
  e.source = std::move(source);
  e.sweepable = true;
  return e;
}

Entry measure_number(const char* name, std::optional<double> MeasureSpec::*optional_field,
                     double MeasureSpec::*number_field, Interval bounds, std::string unit, std::string what,
                     std::string hint, std::vector<std::string> applies_to, std::string description) {
  static const MeasureSpec defaults;
  Entry e;
  e.path = std::string("measures[i].") + name;
  e.type = ValueType::number;
  e.unit = std::move(unit);
  if (number_field) e.default_number = defaults.*number_field;
  e.bounds = bounds;
  e.what = std::move(what);
  e.hint = std::move(hint);
  e.applies_to = std::move(applies_to);
  e.description = std::move(description);
  e.sweepable = true;
  e.measure_optional = optional_field;
  e.measure_number = number_field;
  return e;
}

Entry policy_number(const char* name, Interval bounds, std::string unit, std::string what, std::string hint,
                    std::vector<std::string> applies_to, std::optional<double> default_number, std::string default_text,
                    bool required, std::string description, std::string source) {
  Entry e;
  e.path = std::string("policies[i].") + name;
  e.type = ValueType::number;
  e.unit = std::move(unit);
  e.bounds = bounds;
  e.what = std::move(what);
  e.hint = std::move(hint);
  e.applies_to = std::move(applies_to);
  e.default_number = default_number;
  e.default_text = std::move(default_text);
  e.required = required;
  e.description = std::move(description);
  e.source = std::move(source);
  e.sweepable = true;
  return e;
}

std::vector<Entry> build() {
  const TradeParameters trade = TradeParameters::defaults(1);
  const LabourMarketParameters lm;
  const MeasureSpec measure;
  const Scenario scenario;
  const std::vector<std::string> rate_types = {"tariff", "export_tariff", "ntm"};
  const std::vector<std::string> programmes = {"retraining", "job_search_assistance", "wage_insurance"};
  std::vector<Entry> t;
  auto add = [&](Entry e) { t.push_back(std::move(e)); };
  auto with = [](Entry e, auto&& f) {
    f(e);
    return e;
  };

  // --- the top level ---------------------------------------------------------------------
  add(with(plain("schema_version", ValueType::integer, "The version of the scenario format."), [](Entry& e) {
    e.required = true;
    e.bounds = closed(1, 1);
  }));
  add(with(plain("name", ValueType::string,
                 "The scenario's name: letters, digits, '-', '_' and '.', at most 100 characters; it names the "
                 "results folder results/NAME."),
           [](Entry& e) { e.required = true; }));
  add(plain("description", ValueType::string, "What the scenario is, with its sources."));
  add(with(plain("economy", ValueType::string, "The economy folder, relative to the scenario file."),
           [](Entry& e) { e.required = true; }));
  add(with(plain("measures", ValueType::list, "The trade measures, each a map with a `type` (docs/model.md §3)."),
           [](Entry& e) { e.default_text = "none"; }));
  add(plain("parameters", ValueType::section,
            "Per-sector parameters of the trade and labour modules; each overrides the economy's elasticities "
            "file, which overrides the defaults."));
  add(plain("labour_market", ValueType::section,
            "Labour-market parameters of the adjustment module (docs/model.md §5)."));
  add(with(plain("policies", ValueType::list,
                 "Labour-market policies run next to the measures, each a map with a `type` "
                 "(docs/labour_and_adjustment.md \"Policies\")."),
           [](Entry& e) { e.default_text = "none"; }));
  add(plain("options", ValueType::section, "Model options."));
  add(plain("outputs", ValueType::section, "Where the results go."));

  // --- measures ----------------------------------------------------------------------------
  add(with(plain("measures[i].type", ValueType::choice, "The kind of measure (docs/model.md §3)."), [](Entry& e) {
    e.required = true;
    e.choices = measure_types();
  }));
  add(with(plain("measures[i].sectors", ValueType::code_list,
                 "The sectors it applies to: sector codes or named groups of the economy; a quota names exactly one."),
           [](Entry& e) { e.default_text = "all sectors"; }));
  add(with(plain("measures[i].partners", ValueType::code_list,
                 "The import partners (export partners for export_tariff and export_demand; source regions on a "
                 "multi-region economy); `all` for every partner. final_demand takes none."),
           [](Entry& e) {
             e.default_text = "all partners";
             e.applies_to = {"tariff", "export_tariff", "ntm", "quota", "export_demand", "import_price"};
           }));
  add(with(plain("measures[i].importer", ValueType::string,
                 "On a multi-region economy (required there): the region that levies the tariff. An error on a "
                 "single-region economy."),
           [](Entry& e) { e.applies_to = {"tariff"}; }));
  add(measure_number("from", &MeasureSpec::from, nullptr, closed(0, 10), "rate (0.05 = 5%)", "a rate",
                     " (write 17% as 0.17)", rate_types,
                     "The rate before the measure; the economy's baseline rate when left out."));
  add(measure_number("to", &MeasureSpec::to, nullptr, closed(0, 10), "rate (0.05 = 5%)", "a rate",
                     " (write 17% as 0.17)", rate_types,
                     "The rate after the measure. Give `to` (with optional `from`) or `change`."));
  add(measure_number("change", &MeasureSpec::change, nullptr, closed(-10, 10), "rate points (0.05 = +5 points)",
                     "a change in rate points", " (write +5 points as 0.05)", rate_types,
                     "The change of the rate in rate points, instead of from/to."));
  add(with(measure_number("quantity", &MeasureSpec::quantity, nullptr, above(0), "currency units at base prices",
                          "a quota volume", " (currency units at base prices; for an embargo use a prohibitive tariff)",
                          {"quota", "final_demand"},
                          "quota: the ceiling on the import volume (required); final_demand: the change in final "
                          "demand (currency units, may be negative), or give `percent`. The bound is the quota's."),
           [](Entry& e) { e.bounds_for = {"quota"}; }));
  add(measure_number("percent", &MeasureSpec::percent, nullptr, left_open(-100, 10000), "percent (-10 = a 10% fall)",
                     "a percentage change", "", {"export_demand", "import_price", "final_demand"},
                     "The percentage shock: foreign demand (export_demand), the world price (import_price) or final "
                     "demand (final_demand)."));
  add(with(plain("measures[i].kind", ValueType::choice,
                 "What the non-tariff measure's ad valorem equivalent does: `cost` raises the price with no revenue, "
                 "`rent` reports the rent like revenue."),
           [&](Entry& e) {
             e.choices = {"cost", "rent"};
             e.default_text = measure.ntm_kind;
             e.applies_to = {"ntm"};
           }));
  add(with(plain("measures[i].category", ValueType::string,
                 "The final-demand category shocked (a column of the economy's final demand)."),
           [&](Entry& e) {
             e.default_text = measure.category;
             e.applies_to = {"final_demand"};
           }));
  add(measure_number("phase_in_years", nullptr, &MeasureSpec::phase_in_years, closed(1, 100), "years", "",
                     " years (1 = all in year 1)", {}, "Years over which the measure phases in linearly (§5)."));
  add(measure_number("scale", nullptr, &MeasureSpec::scale, closed(0, 100), "multiple",
                     "a multiple of the measure's change", "", {},
                     "Multiplies the measure's change (for sweeps): 0 = no change, 1 = as written."));
  add(plain("measures[i].concordance", ValueType::string,
            "A concordance CSV mapping the codes of `sectors` or `codes_file` to the economy's sectors, relative to "
            "the scenario file."));
  add(with(plain("measures[i].codes_file", ValueType::string,
                 "A CSV of rates by code (`code,from,to,weight` or `code,change,weight`), relative to the scenario "
                 "file; needs `concordance`. A sweep varies such a measure by `scale` or `phase_in_years` only."),
           [&](Entry& e) { e.applies_to = rate_types; }));
  add(plain("measures[i].description", ValueType::string, "What the measure is."));
  add(plain("measures[i].source", ValueType::string, "Where its numbers come from."));

  // --- parameters ----------------------------------------------------------------------------
  add(parameter("armington", trade.armington(0), "", closed(0, 100), "an elasticity of substitution", "",
                "σ_D, the elasticity of substitution between domestic and imported goods (nest 1).",
                "docs/model.md §3 \"Elasticities in the literature\""));
  add(parameter("source_substitution", std::nullopt, "2 × armington", closed(0, 100), "an elasticity of substitution",
                "", "σ_M, the elasticity of substitution among import sources (nest 2).",
                "the \"rule of two\" of GTAP practice"));
  add(parameter("final_demand_elasticity", trade.final_demand_elasticity(0), "", closed(-100, 0), "a price elasticity",
                "", "ε, the price elasticity of composite final demand (every final-demand category alike).",
                "convention (intermediate use: 0, Leontief)"));
  add(parameter("export_demand", trade.export_demand(0), "", closed(-100, 0),
                "a finite price elasticity of foreign demand", "",
                "η, the price elasticity of foreign demand for "
                "our exports.",
                "docs/model.md §3 \"Elasticities in the literature\""));
  add(parameter("employment_elasticity", LabourOptions::kDefaultEmploymentElasticity, "", closed(0, 10), "",
                " (1 = fixed coefficients)", "θ, the elasticity of employment to output by sector (§4).",
                "fixed employment coefficients"));
  add(parameter("pass_through", trade.pass_through(0), "", closed(0, 1), "a share", "",
                "κ, the share of a partner-price change passed to the domestic price (not in the elasticities file).",
                "convention: full pass-through"));
  add(with(parameter("export_demand_by_partner", std::nullopt, "export_demand", closed(-100, 0),
                     "a finite price elasticity of foreign demand", "",
                     "η for the exports to one partner: `{PARTNER: v}` or `{PARTNER: {default: v, SECTOR: v}}`; "
                     "sectors it does not name keep export_demand (docs/trade.md \"Export demand by partner\"). "
                     "Single-region economies only.",
                     ""),
           [](Entry& e) {
             e.description = e.description.substr(0, e.description.find(" A number for every sector")) +
                             " A sweep varies `parameters.export_demand_by_partner.PARTNER` (the partner's default) or "
                             "`parameters.export_demand_by_partner.PARTNER.SECTOR`.";
           }));

  // How the single-region trade model takes them.
  for (const auto& [name, vector] :
       {std::pair<const char*, Eigen::VectorXd TradeParameters::*>{"armington", &TradeParameters::armington},
        {"source_substitution", &TradeParameters::source_substitution},
        {"final_demand_elasticity", &TradeParameters::final_demand_elasticity},
        {"export_demand", &TradeParameters::export_demand},
        {"pass_through", &TradeParameters::pass_through}})
    for (Entry& e : t)
      if (e.path == std::string("parameters.") + name) e.trade_vector = vector;
  // ... and the multi-region one (export_demand has no place there: exports are flows of the table).
  struct MrioField {
    const char* name;
    double MrioTradeParameters::*number;
    Eigen::VectorXd MrioTradeParameters::*by_product;
  };
  for (const MrioField& f :
       {MrioField{"armington", &MrioTradeParameters::armington, &MrioTradeParameters::armington_by_product},
        MrioField{"source_substitution", &MrioTradeParameters::source_substitution,
                  &MrioTradeParameters::source_substitution_by_product},
        MrioField{"final_demand_elasticity", &MrioTradeParameters::final_demand_elasticity,
                  &MrioTradeParameters::final_demand_elasticity_by_product},
        MrioField{"pass_through", &MrioTradeParameters::pass_through, &MrioTradeParameters::pass_through_by_product}})
    for (Entry& e : t)
      if (e.path == std::string("parameters.") + f.name) {
        e.mrio_number = f.number;
        e.mrio_by_product = f.by_product;
      }

  // --- labour_market (§5; defaults and bounds from LabourMarketParameters) -------------------
  add(with(plain("labour_market.preset", ValueType::choice,
                 "A named set of §5 values (docs/validation.md \"Adjustment cost\"); the keys written next to it "
                 "override it."),
           [](Entry& e) {
             e.choices = labour_market_preset_names();
             e.default_text = "none (the defaults below)";
             e.source = "Davis and von Wachter (2011, BPEA): 1.4 and 2.8 years of pre-displacement earnings lost";
           }));
  add(labour("unemployment_duration_years", &LabourMarketParameters::unemployment_duration_years,
             left_open(0, LabourMarketParameters::kMaxUnemploymentDurationYears), "years", "", " years",
             "The mean unemployment spell of a displaced worker; the re-employment hazard is λ = 1/duration.",
             "Convention (§5). Set it from a labour-force survey (US: BLS CPS average weeks unemployed) or a "
             "displaced-worker survey (Farber 2017, J. Labor Econ. 35(S1))."));
  add(rate("exit_rate", &LabourMarketParameters::exit_rate, "share per year",
           "The share of the pool leaving the labour force per year.",
           "Convention (§5). Displaced older workers leave employment early (Chan and Stevens 2001, J. Labor Econ. "
           "19(2))."));
  add(rate("replacement_rate", &LabourMarketParameters::replacement_rate, "share of the previous wage",
           "Unemployment benefit as a share of the previous wage.",
           "OECD Benefits and Wages: net replacement rate in the first year of unemployment, 2010 rules, OECD "
           "average 56.4%, US 51.0% (Immervoll and Scarpetta 2012, IZA J. Labor Policy 1:9, table 1)."));
  add(rate("benefit_coverage_formal", &LabourMarketParameters::benefit_coverage_formal, "share",
           "The share of formal employees covered by unemployment benefits (informal and self-employed workers: 0).",
           "Convention: an upper bound. Many formal job seekers receive no benefit (OECD 2018, Employment Outlook "
           "ch. 6)."));
  add(rate("scarring_stayers", &LabourMarketParameters::scarring_stayers, "share of the previous wage",
           "The earnings loss after re-employment in the same sector.",
           "Couch and Placzek 2010 (AER 100(1)): losses above 30% at first and up to 15% six years on. Jacobson, "
           "LaLonde and Sullivan 1993 (AER 83(4)): about 25% five years on for high-tenure workers."));
  add(rate("scarring_switchers", &LabourMarketParameters::scarring_switchers, "share of the previous wage",
           "The earnings loss after re-employment in another sector.",
           "Larger losses for industry switchers (Jacobson, LaLonde and Sullivan 1993; Neal 1995, J. Labor Econ. "
           "13(4))."));
  add(labour("scarring_half_life_years", &LabourMarketParameters::scarring_half_life_years,
             left_open(0, LabourMarketParameters::kMaxScarringHalfLifeYears), "years", "", " years",
             "The half-life of the scarring loss.",
             "Convention. Losses persist 15–20 years. Davis and von Wachter 2011 (BPEA): present-value losses of 1.4 "
             "(unemployment < 6%) to 2.8 (> 8%) years of pre-displacement earnings, over 20 years at 5%."));
  add(labour("retraining_cost_wage_multiple", &LabourMarketParameters::retraining_cost_wage_multiple,
             closed(0, LabourMarketParameters::kMaxRetrainingCostWageMultiple), "annual wages", "",
             " (a multiple of the annual wage)", "The retraining and mobility cost per switcher (public).",
             "Convention for the pecuniary part only. Structural switching costs are larger: median 1.4–2.7 annual "
             "wages in Brazil (Dix-Carneiro 2014, Econometrica 82(3)); high mean and variance of switching costs in "
             "the US (Artuç, Chaudhuri and McLaren 2010, AER 100(3))."));
  add(rate("discount_rate", &LabourMarketParameters::discount_rate, "rate per year",
           "The real discount rate; one currency unit at the end of year t is worth (1 + r)^−t at year 0.",
           "Convention: the lower rate of US OMB Circular A-4 (2003)."));
  add(rate("turnover_rate", &LabourMarketParameters::turnover_rate, "share of baseline jobs per year",
           "Normal hires: the vacancies displaced workers can take besides the measure's openings.",
           "Convention. It is well below the gross hires rate of US JOLTS (roughly 3.5–4% of employment a month), "
           "most of which are job-to-job moves."));
  add(with(labour("horizon_years", nullptr, closed(1, LabourMarketParameters::kMaxHorizonYears), "years",
                  "a whole number of years", "",
                  "The horizon T: the timeline has the years 0..T; after T jobs stay at their year-T level and the "
                  "rest is reported as beyond_horizon.",
                  "Convention."),
           [&](Entry& e) {
             e.type = ValueType::integer;
             e.bounds.whole = true;
             e.default_number = lm.horizon_years;
             e.labour_integer = &LabourMarketParameters::horizon_years;
           }));
  add(with(rate("informal_reemployment_share", &LabourMarketParameters::informal_reemployment_share, "share",
                "The share of the re-employed formal workers who are re-employed in informal jobs; needs an "
                "`informal` share in the economy and informal_wage_penalty.",
                "No default from evidence: 0 (no moves); set it from the country's labour-force panel "
                "(docs/labour_and_adjustment.md \"Moves from formal to informal work\")."),
           [](Entry& e) { e.echo_unless_zero = &LabourMarketParameters::informal_reemployment_share; }));
  add(with(rate("informal_wage_penalty", &LabourMarketParameters::informal_wage_penalty, "share of the previous wage",
                "The earnings loss of a formal worker re-employed informally, on top of the scarring loss; "
                "required with informal_reemployment_share > 0.",
                "No default from evidence (docs/labour_and_adjustment.md \"Moves from formal to informal work\")."),
           [](Entry& e) { e.echo_unless_zero = &LabourMarketParameters::informal_reemployment_share; }));

  // --- policies ----------------------------------------------------------------------------------
  add(with(plain("policies[i].type", ValueType::choice, "The kind of policy."), [](Entry& e) {
    e.required = true;
    e.choices = policy_types();
  }));
  add(with(plain("policies[i].name", ValueType::string, "The label in the outputs, unique."),
           [](Entry& e) { e.default_text = "the type"; }));
  add(with(plain("policies[i].sectors", ValueType::code_list, "The targeted sectors of origin (codes or groups)."),
           [](Entry& e) { e.default_text = "every sector"; }));
  add(plain("policies[i].groups", ValueType::code_list,
            "Programmes: the groups of workers of one split of employment.csv they target (every worker when left "
            "out); benefit_extension (required): `informal` and/or `self_employed`."));
  const std::string required = "required: the literature gives no default for it";
  add(policy_number("take_up", closed(0, 1), "share of the targeted displaced", "a share", " (write 30% as 0.3)",
                    programmes, std::nullopt, "", true, "The share of the targeted displaced who take part.",
                    required + " (take-up depends on eligibility and outreach)"));
  add(policy_number("cost_per_participant", closed(0, 20), "annual wages of the sector of origin", "",
                    " (a multiple of the annual wage of the sector of origin)", {"retraining", "job_search_assistance"},
                    std::nullopt, "", false,
                    "The programme cost per participant; give it or cost_per_participant_amount.",
                    "one of the two is required. For scale: the US spent USD 855.1 million on about 150,000 TAA "
                    "beneficiaries in 2007 (Reynolds and Palatucci 2008), about USD 5,700 each"));
  add(policy_number("cost_per_participant_amount", at_least(0), "base units of the currency per participant", "",
                    " (base units of the economy's currency per participant, e.g. USD)",
                    {"retraining", "job_search_assistance"}, std::nullopt, "", false,
                    "The programme cost per participant as an amount; give it or cost_per_participant.",
                    "one of the two is required"));
  add(with(policy_number("training_years", closed(0, 5), "years", "a whole number of years", "", {"retraining"},
                         std::nullopt, "", true, "Whole years in training, not searching.",
                         required + "; TAA pays income support during approved training for up to 156 weeks (CRS "
                                    "RS22718, 2011)"),
           [](Entry& e) {
             e.type = ValueType::integer;
             e.bounds.whole = true;
           }));
  add(with(
      policy_number("reemployment_effect", left_open(-1, 10), "proportional change of λ", "",
                    " (a proportional change of the re-employment hazard: 0.2 = 20% faster)", {}, std::nullopt,
                    "0 for benefit_extension", true,
                    "The proportional change of the re-employment hazard of participants; required for the "
                    "programmes.",
                    required + " for the programmes (Card, Kluve and Weber 2018, JEEA 16(3)); benefit_extension: 0, "
                               "the transfer alone (Schmieder and von Wachter 2016)"),
      [&](Entry& e) { e.required_for = programmes; }));
  add(policy_number("scarring_effect", closed(-1, 10), "proportional change of φ", "",
                    " (a proportional change of the scarring loss: -0.1 = 10% smaller)", {"retraining"}, std::nullopt,
                    "", true, "The proportional change of the scarring loss of participants.", required));
  add(policy_number("replacement", closed(0, 1), "share of the wage loss", "a share", " (write 50% as 0.5)",
                    {"wage_insurance"}, LabourPolicy::kWageInsuranceReplacement, "", false,
                    "The share of the wage loss on re-employment that is paid.",
                    "RTAA pays 50% of the difference between the wage at separation and the new wage (CRS RS22718)"));
  add(policy_number("cap_per_year", above(0), "base units per worker and year", "",
                    " (base units per worker and year, e.g. USD)", {"wage_insurance"}, std::nullopt, "", true,
                    "The ceiling on the payment per worker and year.",
                    "required, since it is in the economy's currency; RTAA: USD 5,000–6,000 a year"));
  add(policy_number("years", closed(0, 50), "years", "", " years", {"wage_insurance"},
                    LabourPolicy::kWageInsuranceYears, "", false,
                    "The years after re-employment for which the payment runs.",
                    "RTAA pays over a period of up to two years (CRS RS22718)"));
  add(policy_number("coverage", closed(0, 1), "share of the reached groups' displaced", "a share",
                    " (write 30% as 0.3)", {"benefit_extension"}, std::nullopt, "", true,
                    "The share of the reached groups' displaced who get the benefit.", required));
  add(policy_number("replacement_rate", closed(0, 1), "share of the previous wage", "a share", " (write 50% as 0.5)",
                    {"benefit_extension"}, std::nullopt, "labour_market.replacement_rate", false,
                    "The extended benefit as a share of the previous wage.", ""));
  // How the model takes them (LabourPolicy).
  for (const auto& [name, field] : {std::pair<const char*, double LabourPolicy::*>{"take_up", &LabourPolicy::take_up},
                                    {"cost_per_participant", &LabourPolicy::cost_per_participant},
                                    {"cost_per_participant_amount", &LabourPolicy::cost_per_participant_amount},
                                    {"reemployment_effect", &LabourPolicy::reemployment_effect},
                                    {"scarring_effect", &LabourPolicy::scarring_effect},
                                    {"replacement", &LabourPolicy::replacement},
                                    {"cap_per_year", &LabourPolicy::cap_per_year},
                                    {"years", &LabourPolicy::years},
                                    {"coverage", &LabourPolicy::coverage},
                                    {"replacement_rate", &LabourPolicy::replacement_rate}})
    for (Entry& e : t)
      if (e.path == std::string("policies[i].") + name) e.policy_number = field;
  for (Entry& e : t) {
    if (e.path == "policies[i].training_years") e.policy_integer = &LabourPolicy::training_years;
    if (e.path == "policies[i].replacement_rate") e.policy_default_from = &LabourMarketParameters::replacement_rate;
  }
  add(plain("policies[i].description", ValueType::string, "What the policy is."));
  add(plain("policies[i].source", ValueType::string, "Where its numbers come from."));

  // --- options and outputs ---------------------------------------------------------------------
  add(with(plain("options.induced", ValueType::boolean,
                 "Type II induced effects (households endogenous; single-region economies only)."),
           [&](Entry& e) { e.default_text = scenario.induced ? "true" : "false"; }));
  add(with(plain("options.price_feedback", ValueType::boolean, "Whether §2 domestic prices feed the trade module."),
           [&](Entry& e) { e.default_text = scenario.price_feedback ? "true" : "false"; }));
  add(with(plain("options.tariff_revenue", ValueType::choice,
                 "What the change in tariff revenue does (docs/trade.md \"Tariff revenue\"): left out of demand, "
                 "spent through the household column or through the government column (single-region economies)."),
           [&](Entry& e) {
             e.choices = {"retained", "households", "government"};
             e.default_text = scenario.tariff_revenue;
           }));
  add(with(plain("outputs.directory", ValueType::string,
                 "The results folder, relative to the scenario file and inside its folder (another one only with "
                 "-o)."),
           [](Entry& e) { e.default_text = "results/NAME"; }));
  return t;
}

}  // namespace

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = build();
  return table;
}

const Entry* find(const std::string& path) {
  for (const auto& e : entries())
    if (e.path == path) return &e;
  return nullptr;
}

std::vector<const Entry*> section(const std::string& prefix) {
  std::vector<const Entry*> out;
  for (const auto& e : entries())
    if (e.path.compare(0, prefix.size(), prefix) == 0 && e.path.size() > prefix.size() &&
        e.path.find('.', prefix.size()) == std::string::npos)
      out.push_back(&e);
  return out;
}

std::vector<std::string> section_names(const std::string& prefix) {
  std::vector<std::string> out;
  for (const Entry* e : section(prefix)) out.push_back(e->path.substr(prefix.size()));
  return out;
}

void set_policy_numbers(LabourPolicy& p, const PolicySpec& spec, const LabourMarketParameters& lm) {
  for (const Entry* e : section("policies[i].")) {
    if (!(e->policy_number || e->policy_integer) || !e->applies(spec.type)) continue;
    const auto given = spec.values.find(e->name());
    double v = 0;
    if (given != spec.values.end())
      v = given->second;
    else if (e->default_number)
      v = *e->default_number;
    else if (e->policy_default_from)
      v = lm.*(e->policy_default_from);
    else
      continue;  // LabourPolicy's own default (0, or no ceiling for cap_per_year)
    if (e->policy_number) p.*(e->policy_number) = v;
    if (e->policy_integer) p.*(e->policy_integer) = static_cast<int>(v);
  }
}

bool set_labour_market(LabourMarketParameters& p, const std::string& key, double value) {
  const Entry* e = find("labour_market." + key);
  if (!e) return false;
  if (e->labour_number) {
    p.*(e->labour_number) = value;
    return true;
  }
  if (e->labour_integer) {
    p.*(e->labour_integer) = static_cast<int>(value);
    return true;
  }
  return false;
}

void echo_labour_market(JsonWriter& j, const LabourMarketParameters& p) {
  for (const Entry* e : section("labour_market.")) {
    if (e->echo_unless_zero && p.*(e->echo_unless_zero) == 0.0) continue;
    if (e->labour_number) j.field(e->name(), p.*(e->labour_number));
    if (e->labour_integer) j.field(e->name(), static_cast<long long>(p.*(e->labour_integer)));
  }
}

namespace {

std::string default_of(const Entry& e) {
  std::string out;
  if (e.required) {
    out = "required";
    for (size_t i = 0; i < e.required_for.size(); ++i) out += (i ? ", " : " for ") + e.required_for[i];
  }
  std::string value = e.default_number ? format_number(*e.default_number) : e.default_text;
  if (!value.empty()) out += (out.empty() ? "" : "; ") + value;
  return out.empty() ? "none" : out;
}

/// A Markdown table cell: no line breaks, '|' escaped.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

struct Part {
  const char* prefix;
  const char* title;
  const char* intro;
};

const Part kParts[] = {
    {"", "Top level", "The sections of a scenario file. Unknown keys are errors, everywhere."},
    {"measures[i].", "Measures (`measures[i]`)",
     "Each measure is a map with a `type`; a key that a type does not take (column *types*) is an error. The "
     "numbers can be varied by a sweep as `measures[INDEX].KEY`."},
    {"parameters.", "Per-sector parameters (`parameters`)",
     "Per sector: the default below, then the economy's elasticities file (not for pass_through), then the "
     "scenario (a number for every sector or a map of `default` and sector codes or groups). The bounds are also "
     "those of the economy's elasticities file."},
    {"labour_market.", "Labour market (`labour_market`, docs/model.md §5)",
     "The defaults are those of `LabourMarketParameters` (models/include/tradejobs/models/adjustment.h); the model "
     "checks the same bounds."},
    {"policies[i].", "Policies (`policies[i]`, docs/labour_and_adjustment.md \"Policies\")",
     "Each policy is a map with a `type`; a key that a type does not take (column *types*) is an error. A key is "
     "required where the literature gives no effect size that can serve as a default. The numbers can be varied "
     "by a sweep as `policies[INDEX].KEY`."},
    {"options.", "Options (`options`)", ""},
    {"outputs.", "Outputs (`outputs`)", ""},
};

}  // namespace

std::string markdown() {
  std::string out =
      "# Scenario file reference\n\n"
      "<!-- Generated by `tradejobs schema --markdown` from the scenario schema "
      "(engine/src/scenario/schema.cpp); do not edit by hand. -->\n\n"
      "A scenario is a YAML file (docs/model.md §6). This page lists every key it may hold: its type, unit, "
      "default, bounds, whether a sweep may vary it (`vary: - key: PATH`), and the source of the default. Values "
      "outside the bounds are refused with the file, line and column, for example\n"
      "`s.yaml:14:20: labour_market.discount_rate = 1.5: must be in [0, 1] (write 5% as 0.05)`.\n\n"
      "`tradejobs schema --json` prints a JSON Schema (draft 2020-12) of the same keys, for editors: with the VS "
      "Code YAML extension, add `# yaml-language-server: $schema=scenario.schema.json` at the top of a scenario "
      "after `tradejobs schema --json > scenario.schema.json`.\n";
  for (const Part& part : kParts) {
    const std::vector<const Entry*> rows = section(part.prefix);
    out += "\n## " + std::string(part.title) + "\n\n";
    if (*part.intro) out += std::string(part.intro) + "\n\n";
    const bool typed = std::string(part.prefix) == "measures[i]." || std::string(part.prefix) == "policies[i].";
    out += std::string("| key | type | unit | default | bounds | sweep |") + (typed ? " types |" : "") +
           " description | source of the default |\n";
    out += std::string("|---|---|---|---|---|---|") + (typed ? "---|" : "") + "---|---|\n";
    for (const Entry* e : rows) {
      std::string type = type_name(e->type);
      if (e->type == ValueType::choice) {
        type += ": ";
        for (size_t i = 0; i < e->choices.size(); ++i) type += (i ? ", " : "") + std::string("`") + e->choices[i] + "`";
      }
      std::string bounds = e->bounds.text();
      if (!bounds.empty() && !e->bounds_for.empty()) {
        bounds += " (";
        for (size_t i = 0; i < e->bounds_for.size(); ++i) bounds += (i ? ", " : "") + e->bounds_for[i];
        bounds += ")";
      }
      std::string types;
      for (size_t i = 0; i < e->applies_to.size(); ++i) types += (i ? ", " : "") + e->applies_to[i];
      out += "| `" + e->path + "` | " + cell(type) + " | " + cell(e->unit) + " | " + cell(default_of(*e)) + " | " +
             cell(bounds) + " | " + (e->sweepable ? "yes" : "") + " |" +
             (typed ? " " + cell(types.empty() ? "all" : types) + " |" : "") + " " + cell(e->description) + " | " +
             cell(e->source) + " |\n";
    }
  }
  return out;
}

namespace {

using Json = nlohmann::ordered_json;

/// The JSON Schema of one entry's value.
Json value_schema(const Entry& e) {
  Json s = Json::object();
  std::string description = e.description;
  if (!e.unit.empty()) description += " Unit: " + e.unit + ".";
  if (!e.source.empty()) description += " Default: " + e.source + ".";
  s["description"] = description;
  switch (e.type) {
    case ValueType::number:
    case ValueType::integer:
      s["type"] = e.type == ValueType::integer ? "integer" : "number";
      if (e.bounds_for.empty()) {
        if (std::isfinite(e.bounds.min)) s[e.bounds.min_open ? "exclusiveMinimum" : "minimum"] = e.bounds.min;
        if (std::isfinite(e.bounds.max)) s[e.bounds.max_open ? "exclusiveMaximum" : "maximum"] = e.bounds.max;
      }
      if (e.default_number) s["default"] = *e.default_number;
      break;
    case ValueType::boolean:
      s["type"] = "boolean";
      if (!e.default_text.empty()) s["default"] = e.default_text == "true";
      break;
    case ValueType::string:
      s["type"] = "string";
      break;
    case ValueType::code_list:
      s["anyOf"] = Json::array({Json{{"type", "string"}}, Json{{"type", "array"}, {"items", {{"type", "string"}}}}});
      break;
    case ValueType::choice:
      s["enum"] = e.choices;
      if (!e.default_text.empty() && e.path != "labour_market.preset") s["default"] = e.default_text;
      break;
    case ValueType::section:
    case ValueType::list:
      break;
  }
  return s;
}

/// A map of the entries under `prefix` (no unknown keys).
Json object_of(const std::string& prefix) {
  Json o{{"type", "object"}, {"additionalProperties", false}};
  Json properties = Json::object();
  Json required = Json::array();
  for (const Entry* e : section(prefix)) {
    properties[e->name()] = value_schema(*e);
    if (e->required && e->applies_to.empty() && e->required_for.empty()) required.push_back(e->name());
  }
  o["properties"] = properties;
  if (!required.empty()) o["required"] = required;
  return o;
}

/// A per-sector parameter's value: a number, or a map of `default` and sector codes to numbers.
Json per_sector(const Json& number) {
  Json by_sector{{"type", "object"}, {"additionalProperties", number}};
  return Json{{"description", number["description"]}, {"anyOf", Json::array({number, by_sector})}};
}

}  // namespace

std::string json_schema() {
  Json root;
  root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  root["$id"] = "https://tradejobs.invalid/schema/scenario.schema.json";
  root["title"] = "tradejobs scenario";
  root["description"] = "A tradejobs scenario file (docs/reference/scenario.md), generated by tradejobs schema --json.";
  Json top = object_of("");
  for (const Entry* e : section("")) top["properties"][e->name()] = value_schema(*e);
  top["properties"]["schema_version"]["const"] = 1;

  // measures: one map per measure; the keys a type takes are checked by tradejobs.
  Json measure = object_of("measures[i].");
  top["properties"]["measures"]["type"] = "array";
  top["properties"]["measures"]["items"] = measure;

  Json parameters{{"type", "object"}, {"additionalProperties", false}};
  for (const Entry* e : section("parameters.")) {
    Json number = value_schema(*e);
    if (e->name() == "export_demand_by_partner") {
      parameters["properties"][e->name()] = Json{{"description", number["description"]},
                                                 {"type", "object"},
                                                 {"additionalProperties", per_sector(value_schema(*e))}};
      parameters["properties"][e->name()]["additionalProperties"].erase("description");
    } else {
      parameters["properties"][e->name()] = per_sector(number);
    }
  }
  top["properties"]["parameters"].update(parameters);
  top["properties"]["labour_market"].update(object_of("labour_market."));
  Json policy = object_of("policies[i].");
  top["properties"]["policies"]["type"] = "array";
  top["properties"]["policies"]["items"] = policy;
  top["properties"]["options"].update(object_of("options."));
  top["properties"]["outputs"].update(object_of("outputs."));
  for (auto& [k, v] : top.items()) root[k] = v;
  return root.dump(2) + "\n";
}

}  // namespace tradejobs::schema
