#pragma once
/// \file policies.h
/// Labour-market policies of the adjustment model (docs/labour_and_adjustment.md "Policies"):
/// retraining, job-search assistance, wage insurance and the extension of unemployment
/// benefits to workers who have none. Plain option structs for adjustment_path(); pure
/// economics, no files.
///
/// Example (TAA-style retraining of the displaced of two sectors):
///   LabourPolicy p;
///   p.type = PolicyType::retraining;
///   p.name = "retraining";
///   p.sectors = {3, 7};             // sector indices; empty = every sector
///   p.take_up = 0.3;
///   p.cost_per_participant = 0.25;  // × the annual wage of the sector of origin
///   p.training_years = 1;
///   p.reemployment_effect = 0.2;    // λ × 1.2 after training
///   p.scarring_effect = -0.1;       // φ × 0.9
///   AdjustmentResult with = adjustment_path(in, lm, {p});

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

namespace tradejobs {

/// The four policies of docs/labour_and_adjustment.md "Policies".
enum class PolicyType { retraining, job_search_assistance, wage_insurance, benefit_extension };

/// Scenario name of a policy type ("retraining", "job_search_assistance", ...).
const char* policy_type_name(PolicyType type);

/// One policy. Each type reads only its own fields (the scenario parser refuses the others).
struct LabourPolicy {
  PolicyType type = PolicyType::retraining;
  std::string name;          ///< Label in messages and outputs (the scenario's type name).
  std::vector<int> sectors;  ///< Targeted sectors of origin (indices); empty = every sector.
  /// Share of the displaced of the targeted sectors who take part, in [0, 1] (retraining,
  /// job_search_assistance, wage_insurance). Participants of different policies are distinct
  /// workers: the take-ups of a sector add up to at most 1.
  double take_up = 0.0;
  /// Programme cost per participant as a multiple of the annual wage of the sector of origin,
  /// ≥ 0, paid (public) when the participant enters, at displacement (retraining, job search).
  double cost_per_participant = 0.0;
  /// Programme cost per participant in base units (e.g. USD), ≥ 0, added to the wage multiple
  /// above (the scenario gives one or the other).
  double cost_per_participant_amount = 0.0;
  /// Retraining: whole years in training, not searching (0 to 5); during training the hazard of
  /// re-employment is 0, the exit hazard applies and benefits are paid as while unemployed.
  int training_years = 0;
  /// Proportional change in the re-employment hazard λ of participants (after any training),
  /// > −1: λ × (1 + effect). Every policy.
  double reemployment_effect = 0.0;
  /// Retraining: proportional change in the scarring loss φ of participants after
  /// re-employment, ≥ −1: φ × (1 + effect), and φ × (1 + effect) ≤ 1.
  double scarring_effect = 0.0;
  /// Wage insurance: share of the wage loss on re-employment (the scarring loss) that is paid,
  /// in [0, 1].
  double replacement = 0.0;
  /// Wage insurance: ceiling on the payment per worker and year, in base units (e.g. USD) per
  /// year, > 0; infinity = no ceiling.
  double cap_per_year = std::numeric_limits<double>::infinity();
  /// Wage insurance: years after re-employment for which the payment runs, in [0, 50].
  double years = 0.0;
  /// The scenario's defaults of `replacement` and `years` (when a wage_insurance policy leaves
  /// them out): RTAA pays 50% of the difference between the wage at separation and the new wage
  /// for up to two years (Congressional Research Service report RS22718).
  static constexpr double kWageInsuranceReplacement = 0.5;
  static constexpr double kWageInsuranceYears = 2.0;
  /// Benefit extension: the uncovered groups reached, "informal" and/or "self_employed".
  /// Programmes: the groups of workers they target, all of one split (e.g. {"female"},
  /// {"informal"}, {"self_employed"}, {"female_informal"}, {"skill_low", "skill_medium"});
  /// empty = everyone. Participants of informal or self-employed groups get no regular
  /// benefits, only the extension's where it reaches them (docs/labour_and_adjustment.md
  /// "Targeting and benefit coverage").
  std::vector<std::string> groups;
  /// Benefit extension: share of the reached groups' displaced who get the benefit, [0, 1].
  double coverage = 0.0;
  /// Benefit extension: the benefit as a share of the previous wage, in [0, 1].
  double replacement_rate = 0.0;
};

/// What one policy did in a run (adjustment_path with policies), over the horizon and beyond.
struct PolicyOutcome {
  std::string name;                        ///< LabourPolicy::name.
  double participants = 0.0;               ///< Persons (benefit extension: displaced newly covered).
  double programme_cost = 0.0;             ///< Currency units, present value (public).
  double wage_insurance = 0.0;             ///< Payments, currency units, present value (transfer).
  double extended_benefits = 0.0;          ///< Benefits paid by the extension, present value (transfer).
  double training_years = 0.0;             ///< Person-years spent in training.
  Eigen::VectorXd participants_by_sector;  ///< Persons by sector of origin (length n).
};

}  // namespace tradejobs
