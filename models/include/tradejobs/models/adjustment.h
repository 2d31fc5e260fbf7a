#pragma once
/// \file adjustment.h
/// The adjustment module of docs/model.md §5: the yearly path of displacement, unemployment,
/// re-employment and exits after a measure, and its costs to workers (private) and to the
/// public purse, discounted to year 0. Pure economics on Eigen: no files, no console.
///
/// Timing (continuous time, exact integrals; docs/labour_and_adjustment.md):
/// year t ∈ 1..T covers the interval (t−1, t]. The jobs change between t−1 and t happens at
/// the start of the year: d_j,t = max(0, −ΔN_j,t) workers join the pool of their sector of
/// origin and h_j,t = max(0, ΔN_j,t) openings appear. During the year the pool leaves at
/// the constant hazards λ (to jobs, λ = 1/unemployment_duration_years, so the mean spell is
/// exactly the stated duration) and δ (exit_rate, out of the labour force); when the year's
/// re-employment would exceed the openings plus normal turnover hires, λ is lowered for that
/// year so that it equals them exactly. Flows are discounted continuously at ln(1 + r), so
/// one currency unit at the end of year t is worth (1 + r)^−t at year 0. After T jobs stay
/// at their year-T level; the remaining pool and the scarring of the re-employed are followed
/// to their end (as geometric series once the path decays geometrically) and reported as
/// `beyond_horizon`.
///
/// Example:
///   AdjustmentInput in;
///   in.jobs_base = jobs.jobs_base;
///   in.jobs_change_path = path;            // n × (T+1), column 0 zero
///   in.annual_wage = economy.annual_wage;  // USD per person-year
///   in.splits = splits;
///   LabourMarketParameters p;              // §5 defaults, T = 10
///   std::string error;
///   if (!is_valid(in, p, &error)) throw InputError(scenario + ": " + error);
///   AdjustmentResult a = adjustment_path(in, p);

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/models/labour.h"
#include "tradejobs/models/policies.h"

namespace tradejobs {

/// Labour-market parameters of §5 (scenario key `labour_market`, §9), one table of
/// defaults with their published sources. "Convention" marks a modelling convention, not
/// an estimate.
struct LabourMarketParameters {
  /// Mean unemployment spell of a displaced worker, years, in (0, 50]; λ = 1/duration is the
  /// hazard of re-employment, so the mean spell is exactly this. Default 1.0. Convention
  /// (§5), not an estimate: set it from the country's labour-force survey (for the US, BLS
  /// CPS "average weeks unemployed") or from displaced-worker surveys (Farber 2017,
  /// J. Labor Econ. 35(S1)).
  double unemployment_duration_years = 1.0;
  /// Share of the pool leaving the labour force per year, hazard in [0, 1]. Default 0.05.
  /// Convention (§5): displaced older workers retire early; Chan and Stevens (2001, J. Labor
  /// Econ. 19(2)) find lasting falls in employment of displaced workers aged 50+.
  double exit_rate = 0.05;
  /// Unemployment benefit as a share of the previous wage, in [0, 1]. Default 0.5. OECD
  /// "Benefits and Wages" net replacement rates in the first year of unemployment, 2010
  /// policy parameters: OECD average 56.4%, United States 51.0%, falling to an OECD average
  /// of 30.3% over five years (Immervoll and Scarpetta 2012, IZA J. Labor Policy 1:9, table 1).
  double replacement_rate = 0.5;
  /// Share of formal employees covered by unemployment benefits, in [0, 1]. Default 1.0.
  /// Convention: an upper bound; OECD (2018, Employment Outlook ch. 6) reports that far
  /// fewer than all job seekers receive benefits. Informal and self-employed workers get 0.
  double benefit_coverage_formal = 1.0;
  /// Scarring: earnings loss after re-employment in the same sector, as a share of the
  /// previous wage, in [0, 1]. Default 0.15. Jacobson, LaLonde and Sullivan (1993, AER 83(4))
  /// find losses of about 25% of pre-displacement earnings five years on for high-tenure
  /// workers; Couch and Placzek (2010, AER 100(1)) more than 30% at first and up to 15% six years on.
  double scarring_stayers = 0.15;
  /// Scarring for workers who change sector, in [0, 1]. Default 0.25. Losses are larger for
  /// industry switchers (Jacobson, LaLonde and Sullivan 1993; Neal 1995, J. Labor Econ.
  /// 13(4)); Davis and von Wachter (2011, BPEA) find present-value losses of 1.4–2.8 years
  /// of pre-displacement earnings.
  double scarring_switchers = 0.25;
  /// Half-life of the scarring loss, years, in (0, 100]. Default 5. Convention: the losses decay
  /// slowly and persist 15–20 years (Davis and von Wachter 2011; Jacobson et al. 1993).
  double scarring_half_life_years = 5.0;
  /// Retraining and mobility cost per switcher as a multiple of the annual wage, in [0, 20].
  /// Default 0.5. Convention, well below the structural estimates of sector-switching costs,
  /// which include non-pecuniary costs: Dix-Carneiro (2014, Econometrica 82(3)) median costs
  /// of 1.4–2.7 annual average wages (Brazil); Artuç, Chaudhuri and McLaren (2010, AER
  /// 100(3)) high mean and variance of switching costs (US CPS). 0.5 stands for the
  /// pecuniary part (training, moving) only.
  double retraining_cost_wage_multiple = 0.5;
  /// Real discount rate per year, in [0, 1]. Default 0.03. Convention: 3%, the lower rate of
  /// US OMB Circular A-4 (2003) for regulatory analysis.
  double discount_rate = 0.03;
  /// Normal hires as a share of baseline jobs per year, in [0, 1]: the vacancies that
  /// displaced workers can take besides the measure's openings. Default 0.10. Convention,
  /// far below the gross hires rate of US JOLTS (roughly 3.5–4% of employment a month in
  /// 2015–2019), because most of those hires are job-to-job moves not open to the unemployed.
  double turnover_rate = 0.10;
  /// Horizon T in whole years, in [1, 1000]: the timeline has the years 0..T. Default 10.
  int horizon_years = 10;
  /// Share of the re-employed formal workers (those not informal in the economy's
  /// `informal` split) who are re-employed in informal jobs, in [0, 1]. Default 0: no moves.
  /// No default from evidence: the share is country-specific; set it from the country's
  /// labour-force panel (docs/labour_and_adjustment.md "Moves from formal to informal work").
  /// Needs an `informal` share in the economy and informal_wage_penalty.
  double informal_reemployment_share = 0.0;
  /// Earnings loss of a formal worker re-employed informally, as a share of the previous wage,
  /// in [0, 1], on top of the scarring loss and decaying with it (scarring_half_life_years).
  /// Default 0; required with informal_reemployment_share > 0.
  double informal_wage_penalty = 0.0;

  /// Upper bounds of the fields above (the scenario's labour_market keys read the same numbers;
  /// docs/model.md "Decisions"): a spell of more than 50 years is longer than a working life, a
  /// scarring half-life of more than a century and a retraining cost of more than 20 annual
  /// wages (Dix-Carneiro 2014 estimates 1.4-2.7) are beyond any evidence; the horizon may be
  /// long (up to 1000 years: the years after it are summed in closed form). The shares, hazards
  /// and rates are in [0, 1].
  static constexpr double kMaxUnemploymentDurationYears = 50.0;
  static constexpr double kMaxScarringHalfLifeYears = 100.0;
  static constexpr double kMaxRetrainingCostWageMultiple = 20.0;
  static constexpr int kMaxHorizonYears = 1000;

  /// Checks every field; false with "labour_market.<field> = <value>: <constraint>" in
  /// `*error`, e.g. "labour_market.unemployment_duration_years = -1: must be in (0, 50] years".
  bool is_valid(std::string* error) const;
};

/// Names of the labour-market presets: "low_unemployment" and "high_unemployment".
const std::vector<std::string>& labour_market_preset_names();

/// The §5 parameters of a named preset (docs/validation.md "Adjustment cost"), or nullopt
/// for an unknown name. Both are calibrated to Davis and von Wachter (2011, BPEA): on their
/// basis (earnings lost while unemployed and after re-employment in the 20 years after
/// displacement, discounted at 5% a year; the presets set horizon_years = 20 and
/// discount_rate = 0.05, so this is total − beyond_horizon) one displaced worker loses 1.4 years of pre-displacement
/// earnings when the national unemployment rate is below 6% ("low_unemployment") and 2.8 years when it is above 8%
/// ("high_unemployment"). Fields the preset does not name keep the defaults above.
std::optional<LabourMarketParameters> labour_market_preset(const std::string& name);

/// Inputs of the adjustment path (§5). n sectors, T = horizon_years.
struct AdjustmentInput {
  /// Sector codes for messages (optional; otherwise "row i").
  std::vector<std::string> sector_codes;
  /// Baseline jobs N_j by sector, persons (≥ 0).
  Eigen::VectorXd jobs_base;
  /// Cumulative jobs change from the baseline by sector and year, persons, n×(T+1); column 0
  /// (year 0, the baseline) must be zero; column T is the full effect (§5 phase-in).
  Eigen::MatrixXd jobs_change_path;
  /// Annual wage per person-year by sector, in base units (USD), ≥ 0.
  Eigen::VectorXd annual_wage;
  /// Share of each sector's workers without benefit coverage, in [0, 1] (informal and
  /// self-employed). Empty = benefit_uncovered_share(splits).
  Eigen::VectorXd uncovered_share;
  /// Employment groups (§4); displaced of group g in sector j = d_j,t × share_jg.
  std::vector<GroupSplit> splits;
  /// Optional mobility matrix n×n (rows = sector of origin, entries ≥ 0, rows sum to 1):
  /// where re-employed workers of each origin land. Empty = in proportion to vacancies.
  Eigen::MatrixXd mobility;
  /// Base units per currency unit (1e6 for "USD million"): costs are reported in currency
  /// units, per displaced worker in base units. Default 1e6.
  double base_units_per_currency_unit = 1e6;
};

/// Checks sizes, signs and sums of the inputs (path column 0 zero, baseline + path ≥ 0,
/// mobility rows sum to 1 within 1e-6, shares in [0, 1], uncovered share not below the
/// informal or self-employed share). False with a message naming the field, the sector,
/// the value and the constraint.
bool is_valid(const AdjustmentInput& in, const LabourMarketParameters& p, std::string* error);

/// Costs of §5, discounted to year 0, in currency units (e.g. USD million).
struct AdjustmentCosts {
  double earnings_lost_unemployed = 0.0;  ///< Σ annual_wage × time unemployed.
  double scarring = 0.0;                  ///< Earnings lost after re-employment (φ × wage, decaying).
  double retraining = 0.0;                ///< retraining_cost_wage_multiple × wage per switcher.
  double benefits = 0.0;         ///< replacement_rate × wage × time unemployed × coverage (+ any extension).
  double programme = 0.0;        ///< Policies: programme cost of retraining and job search (public).
  double wage_insurance = 0.0;   ///< Policies: wage-insurance payments (a transfer).
  double private_cost = 0.0;     ///< earnings_lost_unemployed + scarring − benefits − wage_insurance.
  double public_cost = 0.0;      ///< benefits + retraining + programme + wage_insurance.
  double adjustment_cost = 0.0;  ///< private + public = earnings lost + retraining + programme.
};

/// One year of the path. Persons as flows within the year or stocks at its end as stated;
/// money as present values at year 0 of what falls in the year, except the wage-bill
/// levels.
struct AdjustmentYear {
  int year = 0;                        ///< t = 0..T (0 = baseline, no flows).
  double net_jobs = 0.0;               ///< Σ_j ΔN_j,t: cumulative change from baseline, persons.
  double employed = 0.0;               ///< Σ_j (N_j + ΔN_j,t): all jobs are filled, persons.
  double displaced = 0.0;              ///< Σ_j d_j,t in the year, persons.
  double openings = 0.0;               ///< Σ_j h_j,t in the year, persons.
  double reemployment_capacity = 0.0;  ///< Openings + turnover_rate × baseline jobs, persons.
  bool capacity_binding = false;       ///< True when re-employment was held to the capacity.
  double reemployed = 0.0;             ///< Pool members hired in the year, persons.
  double switchers = 0.0;              ///< Of those, hired in another sector than their origin.
  double exited = 0.0;                 ///< Pool members leaving the labour force in the year.
  /// Hires from outside the tracked labour force in the year: openings − reemployed (negative
  /// when displaced workers take normal-turnover vacancies that entrants would have filled).
  double entrants = 0.0;
  double unemployed = 0.0;              ///< Pool at the end of the year, persons.
  double time_unemployed = 0.0;         ///< Person-years spent in the pool during the year.
  AdjustmentCosts costs;                ///< Present values at year 0 of the year's costs.
  double wage_bill_change = 0.0;        ///< Σ_j ΔN_j,t × wage_j: annual level, currency units.
  double wage_bill_gain_growing = 0.0;  ///< Same over sectors with ΔN_j,t > 0 only.
};

/// Totals by sector of origin (vectors of length n), over the horizon and beyond.
struct SectorAdjustment {
  Eigen::VectorXd displaced;                 ///< Σ_t d_j,t, persons.
  Eigen::VectorXd reemployed;                ///< Persons re-employed, all years.
  Eigen::VectorXd switchers;                 ///< Of those, in another sector.
  Eigen::VectorXd exited;                    ///< Persons leaving the labour force.
  Eigen::VectorXd time_unemployed;           ///< Person-years unemployed (undiscounted).
  Eigen::VectorXd earnings_lost_unemployed;  ///< Currency units, present value.
  Eigen::VectorXd scarring;                  ///< Currency units, present value.
  Eigen::VectorXd retraining;                ///< Currency units, present value.
  Eigen::VectorXd benefits;                  ///< Currency units, present value (with any extension).
  Eigen::VectorXd programme;                 ///< Policies' programme cost, currency units, present value.
  Eigen::VectorXd wage_insurance;            ///< Wage-insurance payments, currency units, present value.
  Eigen::VectorXd extended_benefits;         ///< Of `benefits`, those paid by a benefit extension.
  Eigen::VectorXd private_cost;              ///< Currency units, present value.
  Eigen::VectorXd public_cost;               ///< Currency units, present value.
  Eigen::VectorXd adjustment_cost;           ///< Currency units, present value.
  Eigen::VectorXd cost_per_displaced;        ///< adjustment_cost / displaced in base units (0 if none).
};

/// Totals by employment group (§5): sector figures × the group's share of the sector's
/// jobs, benefits by the group's coverage.
struct GroupAdjustment {
  std::string dimension;            ///< Split of the group ("sex", "skill", ...).
  std::string group;                ///< Group name.
  double displaced = 0.0;           ///< Persons.
  double time_unemployed = 0.0;     ///< Person-years.
  AdjustmentCosts costs;            ///< Currency units, present values.
  double cost_per_displaced = 0.0;  ///< Base units per displaced worker (0 if none).
};

/// Result of the adjustment path (§5).
struct AdjustmentResult {
  std::vector<AdjustmentYear> timeline;   ///< Years 0..T.
  SectorAdjustment by_sector;             ///< By sector of origin.
  std::vector<GroupAdjustment> by_group;  ///< One per group of every split, in split order.
  AdjustmentCosts total;                  ///< All costs, horizon and beyond.
  /// Part of `total` that falls after year T (the rest of the pool's spells and the
  /// scarring tail).
  AdjustmentCosts beyond_horizon;
  double displaced = 0.0;        ///< Total displaced workers, persons.
  double reemployed = 0.0;       ///< Total re-employed, persons (horizon and beyond).
  double switchers = 0.0;        ///< Total switchers, persons.
  double exited = 0.0;           ///< Total exits, persons.
  double time_unemployed = 0.0;  ///< Person-years unemployed, horizon and beyond.
  /// Displaced formal workers re-employed in informal jobs (informal_reemployment_share), persons.
  double reemployed_informally = 0.0;
  double cost_per_displaced = 0.0;  ///< total.adjustment_cost per displaced, base units.
  /// Years from year 0 until the cumulative discounted wage-bill gain of growing sectors
  /// equals total.adjustment_cost, the gain staying at its year-T level after T; nullopt =
  /// "never" (the gain never repays the cost, even over an unlimited horizon). 0 when the
  /// adjustment cost is 0.
  std::optional<double> payback_years;
  /// Years after T until the pool falls below 1e-12 of the displaced (at most 2000), counted
  /// whether they were simulated or summed in closed form (docs/model.md §5 "Beyond the horizon").
  int years_beyond_horizon = 0;
  /// Diagnostics for the report (e.g. a pool that never empties).
  std::vector<std::string> notes;
  /// One per policy passed to adjustment_path, in order (empty without policies).
  std::vector<PolicyOutcome> policies;
};

/// The adjustment path and costs of §5 (timing in the file comment). Call is_valid first;
/// throws std::invalid_argument with its message on invalid input.
AdjustmentResult adjustment_path(const AdjustmentInput& in, const LabourMarketParameters& p);

/// Checks the policies against the inputs: bounds of every field, sector indices, groups
/// that exist in the splits, take-ups of a sector adding up to at most 1, at most one
/// benefit extension. False with a message naming the policy, the field and the constraint.
bool is_valid(const AdjustmentInput& in, const LabourMarketParameters& p, const std::vector<LabourPolicy>& policies,
              std::string* error);

/// Why the take-ups of the programmes cannot all be met ("" when they can): in some sector of
/// origin the untargeted take-ups plus, for every split, the largest sum aimed at one of its
/// groups exceed 1 (participants of different policies are different workers).
std::string policy_take_up_problem(const std::vector<LabourPolicy>& policies, const std::vector<GroupSplit>& splits,
                                   const std::vector<std::string>& sector_codes, Eigen::Index n);

/// The adjustment path with labour-market policies (docs/labour_and_adjustment.md
/// "Policies"). With no policies, or with policies that reach no one, the result equals
/// adjustment_path(in, p) bit for bit. Throws std::invalid_argument on invalid input.
AdjustmentResult adjustment_path(const AdjustmentInput& in, const LabourMarketParameters& p,
                                 const std::vector<LabourPolicy>& policies);

/// Cumulative jobs-change path n×(T+1) from a full change and a phase-in: the change of
/// each sector arrives in equal steps over `phase_in_years` years starting in year 1
/// (default 1: all in year 1, §5). Several measures: add their paths.
Eigen::MatrixXd phased_jobs_change(const Eigen::VectorXd& jobs_change, int phase_in_years, int horizon_years);

}  // namespace tradejobs
