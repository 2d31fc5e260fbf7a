#pragma once
/// \file adjustment_reference_simulation.h
/// Test-only reference: a frozen copy of the year-by-year adjustment simulation of
/// models/src/adjustment.cpp as it was before the closed form replaced the years after the
/// horizon (commit 6dc2d6d). tests/test_adjustment_closed_form.cpp compares the library
/// against it and benchmarks/bench_adjustment.cpp times both. Do not edit it to follow later
/// changes of the model: it is the yardstick of that one change. Only the names differ from
/// the original (its helpers live here, its entry point is
/// reference_simulation_adjustment_path).

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tradejobs/models/adjustment.h"

namespace tradejobs::reference_simulation {

namespace {

/// A number for messages (%.6g), as in the library.
std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// E(x) = ∫_0^1 e^{−x s} ds = (1 − e^{−x})/x, with E(0) = 1; valid for any real x.
double mean_decay(double x) {
  if (std::abs(x) < 1e-8) return 1.0 - x / 2.0;
  return -std::expm1(-x) / x;
}

/// ∫∫_{u,v ≥ 0, u+v ≤ 1} e^{−a v − b u} du dv = (E(a) − E(b))/(b − a), symmetric in a, b;
/// the limit −E'(a) when a = b. Used for the scarring of workers hired during a year.
double triangle_decay(double a, double b) {
  if (std::abs(b - a) > 1e-5 * (1.0 + std::abs(a) + std::abs(b))) return (mean_decay(a) - mean_decay(b)) / (b - a);
  const double m = 0.5 * (a + b);
  if (std::abs(m) < 1e-3) return 0.5 - m / 3.0 + m * m / 8.0 - m * m * m / 30.0;
  return (-std::expm1(-m) - m * std::exp(-m)) / (m * m);
}

/// Group share of a named group in sector j, or -1 if no split has it.
double share_of(const std::vector<GroupSplit>& splits, const std::string& group, Eigen::Index j) {
  for (const auto& s : splits)
    for (size_t g = 0; g < s.groups.size(); ++g)
      if (s.groups[g] == group) return s.shares(j, static_cast<Eigen::Index>(g));
  return -1.0;
}

void add_to(AdjustmentCosts& a, const AdjustmentCosts& b) {
  a.earnings_lost_unemployed += b.earnings_lost_unemployed;
  a.scarring += b.scarring;
  a.retraining += b.retraining;
  a.benefits += b.benefits;
  a.programme += b.programme;
  a.wage_insurance += b.wage_insurance;
}

/// Fills private, public and adjustment cost from the components (§5; programme and wage
/// insurance are 0 without policies, which leaves every sum as it was).
void finish(AdjustmentCosts& c) {
  c.private_cost = c.earnings_lost_unemployed + c.scarring - c.benefits - c.wage_insurance;
  c.public_cost = c.benefits + c.retraining + c.programme + c.wage_insurance;
  c.adjustment_cost = c.private_cost + c.public_cost;
}

/// Present value at the moment of re-employment of the wage-insurance payments of one worker
/// whose wage loss starts at `loss` a year and decays at κ: min(replacement × loss × e^{−κs},
/// cap) for s in [0, years], discounted at ρ; base units.
double wage_insurance_value(double loss, double replacement, double cap, double years, double kappa, double rho) {
  const double a = replacement * loss;  // payment per year at re-employment before the cap
  if (!(a > 0.0) || !(years > 0.0)) return 0.0;
  const double kr = kappa + rho;  // > 0: κ > 0
  const auto decaying = [&](double from, double to) { return a * (std::exp(-kr * from) - std::exp(-kr * to)) / kr; };
  const auto capped = [&](double to) { return rho > 0.0 ? cap * -std::expm1(-rho * to) / rho : cap * to; };
  if (!(a > cap)) return decaying(0.0, years);
  const double until = std::log(a / cap) / kappa;  // the cap binds while a e^{−κs} > cap
  if (until >= years) return capped(years);
  return capped(until) + decaying(until, years);
}

/// One segment of each sector's displaced: the workers of one programme (or of none), reached
/// by the benefit extension or not ("Policies").
struct Segment {
  int policy = -1;          ///< Programme policy (retraining, job search, wage insurance); -1 = none.
  int extension = -1;       ///< Index of the benefit extension among the policies; -1 = none.
  bool extended = false;    ///< Reached by the extension (paid its benefit, no regular benefit).
  int wage_insurance = -1;  ///< Index of the wage-insurance policy paying this segment; -1 = none.
  int training_years = 0;
  double hazard_multiplier = 1.0, scarring_multiplier = 1.0;
  Eigen::VectorXd share;                    ///< Share of each sector's displaced.
  Eigen::VectorXd benefit_rate;             ///< Benefits per person-year out of work, base units.
  int target_split = -1;                    ///< Split whose groups the programme targets; -1 = none.
  std::vector<Eigen::Index> target_groups;  ///< Columns of that split the programme reaches.
  // Only when a programme targets groups whose benefit coverage is not the sector's
  // (formality or employment status, "Targeting and benefit coverage"):
  int row = 0;                ///< The programme row (segment before the extension split).
  Eigen::VectorXd row_share;  ///< Share of each sector's displaced in that row.
  Eigen::VectorXd covered;    ///< C: covered share of the row's workers.
  Eigen::VectorXd reach;      ///< R: share of the row's workers the extension reaches.
};

/// The formality or status group a group name belongs to: "informal", "formal",
/// "self_employed", "employees" (also as the last part of a cross-tabulated name such as
/// "female_informal"); "" for the groups of other splits.
std::string coverage_class(const std::string& name) {
  const auto ends = [&](const std::string& b) {
    return name == b ||
           (name.size() > b.size() + 1 && name.compare(name.size() - b.size() - 1, std::string::npos, "_" + b) == 0);
  };
  for (const char* b : {"informal", "self_employed", "formal", "employees"})
    if (ends(b)) return b;
  return "";
}

/// Whether a programme's groups have a benefit coverage other than the sector's.
bool coverage_targeting(const LabourPolicy& pol) {
  if (pol.type == PolicyType::benefit_extension) return false;
  for (const auto& g : pol.groups)
    if (!coverage_class(g).empty()) return true;
  return false;
}

/// Share of sector j's jobs in two formality or status classes at once: the same class, s_c;
/// its complement, 0; formality and status, with the smaller uncovered group nested in the
/// larger (as in benefit_uncovered_share): informal ∩ self-employed = min(s_i, s_s), etc.
double class_overlap(const std::vector<GroupSplit>& splits, const std::string& a, const std::string& b,
                     Eigen::Index j) {
  const auto formality = [](const std::string& c) { return c == "informal" || c == "formal"; };
  if (formality(a) == formality(b)) return a == b ? std::max(0.0, share_of(splits, a, j)) : 0.0;
  const std::string& f = formality(a) ? a : b;
  const std::string& st = formality(a) ? b : a;
  const double si = std::max(0.0, share_of(splits, "informal", j));
  const double ss = std::max(0.0, share_of(splits, "self_employed", j));
  const double both = std::min(si, ss);
  if (f == "informal") return st == "self_employed" ? both : si - both;
  return st == "self_employed" ? ss - both : std::max(0.0, 1.0 - si - ss + both);
}

/// Share of sector j's jobs in group g (a programme's target) and in group h of another split,
/// both of a formality or status class: their parts of their classes × the classes' overlap.
double joint_share(const std::vector<GroupSplit>& splits, const std::string& g, const std::string& h, Eigen::Index j) {
  const std::string cg = coverage_class(g), ch = coverage_class(h);
  const auto part = [&](const std::string& name, const std::string& c) {
    if (name == c) return 1.0;
    const double sc = share_of(splits, c, j);
    return sc > 0.0 ? share_of(splits, name, j) / sc : 0.0;
  };
  return part(g, cg) * part(h, ch) * class_overlap(splits, cg, ch, j);
}

/// Share of sector j's jobs that are in group `name` and covered by unemployment benefits:
/// none of the informal and self-employed; the covered (1 − u) are all formal employees; a
/// cross-tabulated group holds its part of its class, s_g / s_class; other groups s_g (1 − u).
double covered_mass(const std::vector<GroupSplit>& splits, const Eigen::VectorXd& uncovered, const std::string& name,
                    Eigen::Index j) {
  const double s = share_of(splits, name, j);
  const std::string c = coverage_class(name);
  if (c == "informal" || c == "self_employed") return 0.0;
  if (c.empty()) return s * (1.0 - uncovered(j));
  const double sc = share_of(splits, c, j);
  return sc > 0.0 ? (1.0 - uncovered(j)) * (name == c ? 1.0 : s / sc) : 0.0;
}

/// Share of sector j's jobs that are in group `name` and in the extension's reached groups
/// (before coverage): the reached groups nest, the largest has m; informal ∩ reached =
/// min(s_informal, m), formal ∩ reached = m − min(s_informal, m) (the same for status); a
/// cross-tabulated group its part of its class; other groups s_g m.
double reached_mass(const std::vector<GroupSplit>& splits, const LabourPolicy& ext, const std::string& name,
                    Eigen::Index j) {
  double m = 0.0;
  for (const auto& g : ext.groups) m = std::max(m, share_of(splits, g, j));
  const double s = share_of(splits, name, j);
  const std::string c = coverage_class(name);
  if (c.empty()) return s * m;
  const std::string un = c == "formal" || c == "informal" ? "informal" : "self_employed";
  const double su = std::max(0.0, share_of(splits, un, j));
  const double in_class = c == un ? std::min(su, m) : m - std::min(su, m);
  if (name == c) return in_class;
  const double sc = share_of(splits, c, j);
  return sc > 0.0 ? in_class * s / sc : 0.0;
}

/// Index of the split holding `group`, and its column; -1 when no split has it.
std::pair<int, Eigen::Index> find_group(const std::vector<GroupSplit>& splits, const std::string& group) {
  for (size_t d = 0; d < splits.size(); ++d)
    for (size_t g = 0; g < splits[d].groups.size(); ++g)
      if (splits[d].groups[g] == group) return {static_cast<int>(d), static_cast<Eigen::Index>(g)};
  return {-1, -1};
}

/// Share of each sector's jobs in the groups a programme targets (1 when it targets none).
Eigen::VectorXd target_share(const std::vector<GroupSplit>& splits, const LabourPolicy& pol, Eigen::Index n) {
  if (pol.type == PolicyType::benefit_extension || pol.groups.empty()) return Eigen::VectorXd::Ones(n);
  Eigen::VectorXd share = Eigen::VectorXd::Zero(n);
  for (const auto& g : pol.groups) {
    const auto [d, c] = find_group(splits, g);
    share += splits[static_cast<size_t>(d)].shares.col(c);
  }
  return share;
}

/// Targeted sectors of a policy as a 0/1 vector (every sector when none is named).
Eigen::VectorXd sector_mask(const LabourPolicy& pol, Eigen::Index n) {
  if (pol.sectors.empty()) return Eigen::VectorXd::Ones(n);
  Eigen::VectorXd m = Eigen::VectorXd::Zero(n);
  for (int j : pol.sectors) m(j) = 1.0;
  return m;
}

/// Share of a sector's displaced reached by the extension: coverage × the largest of the
/// reached groups' shares (the groups nest, as in benefit_uncovered_share).
double extension_reach(const std::vector<GroupSplit>& splits, const LabourPolicy& ext, Eigen::Index j) {
  double m = 0.0;
  for (const auto& g : ext.groups) m = std::max(m, share_of(splits, g, j));
  return ext.coverage * m;
}

/// A policy that changes nothing for its participants (no effect, no cost, no training, no
/// payment): it gets no segment of its own, so that the result is bitwise that without it.
bool changes_nothing(const LabourPolicy& pol) {
  switch (pol.type) {
    case PolicyType::retraining:
      return pol.take_up == 0.0 ||
             (pol.reemployment_effect == 0.0 && pol.cost_per_participant == 0.0 &&
              pol.cost_per_participant_amount == 0.0 && pol.training_years == 0 && pol.scarring_effect == 0.0);
    case PolicyType::job_search_assistance:
      return pol.take_up == 0.0 || (pol.reemployment_effect == 0.0 && pol.cost_per_participant == 0.0 &&
                                    pol.cost_per_participant_amount == 0.0);
    case PolicyType::wage_insurance:
      return pol.take_up == 0.0 || (pol.reemployment_effect == 0.0 && (pol.replacement == 0.0 || pol.years == 0.0));
    case PolicyType::benefit_extension:
      return pol.coverage == 0.0 || (pol.replacement_rate == 0.0 && pol.reemployment_effect == 0.0);
  }
  return false;
}

/// Share of each sector's displaced who take part in a policy (benefit extension: who it reaches).
Eigen::VectorXd participant_share(const AdjustmentInput& in, const LabourPolicy& pol) {
  const Eigen::Index n = in.jobs_base.size();
  Eigen::VectorXd share = sector_mask(pol, n);
  if (pol.type != PolicyType::benefit_extension)
    return pol.groups.empty() ? Eigen::VectorXd(pol.take_up * share)
                              : Eigen::VectorXd(pol.take_up * share.cwiseProduct(target_share(in.splits, pol, n)));
  for (Eigen::Index j = 0; j < n; ++j) share(j) *= extension_reach(in.splits, pol, j);
  return share;
}

std::vector<Segment> make_segments(const AdjustmentInput& in, const std::vector<LabourPolicy>& policies,
                                   const Eigen::VectorXd& benefit_rate, const Eigen::VectorXd& uncovered) {
  const Eigen::Index n = in.jobs_base.size();
  int ext = -1;
  for (size_t i = 0; i < policies.size(); ++i)
    if (policies[i].type == PolicyType::benefit_extension) ext = static_cast<int>(i);
  std::vector<Segment> rows;  // programme rows before the extension split
  Segment base;
  base.share = Eigen::VectorXd::Ones(n);
  base.benefit_rate = benefit_rate;
  rows.push_back(base);
  for (size_t i = 0; i < policies.size(); ++i) {
    const LabourPolicy& pol = policies[i];
    if (pol.type == PolicyType::benefit_extension || changes_nothing(pol)) continue;
    Segment g;
    g.policy = static_cast<int>(i);
    g.training_years = pol.type == PolicyType::retraining ? pol.training_years : 0;
    g.hazard_multiplier = 1.0 + pol.reemployment_effect;
    g.scarring_multiplier = pol.type == PolicyType::retraining ? 1.0 + pol.scarring_effect : 1.0;
    if (pol.type == PolicyType::wage_insurance) g.wage_insurance = static_cast<int>(i);
    g.share = pol.take_up * sector_mask(pol, n);
    if (!pol.groups.empty()) {
      g.share = g.share.cwiseProduct(target_share(in.splits, pol, n));
      g.target_split = find_group(in.splits, pol.groups.front()).first;
      for (const auto& name : pol.groups) g.target_groups.push_back(find_group(in.splits, name).second);
    }
    g.benefit_rate = benefit_rate;
    rows[0].share -= g.share;
    rows.push_back(g);
  }
  const bool has_ext = ext >= 0 && !changes_nothing(policies[static_cast<size_t>(ext)]);
  Eigen::VectorXd reach = Eigen::VectorXd::Zero(n);
  if (has_ext) {
    const LabourPolicy& e = policies[static_cast<size_t>(ext)];
    const Eigen::VectorXd mask = sector_mask(e, n);
    for (Eigen::Index j = 0; j < n; ++j) reach(j) = mask(j) * extension_reach(in.splits, e, j);
  }
  bool by_coverage = false;
  for (const Segment& row : rows)
    by_coverage = by_coverage || (row.policy >= 0 && coverage_targeting(policies[static_cast<size_t>(row.policy)]));
  if (by_coverage) {
    // Targeting and benefit coverage: a row's workers have covered share C and reached share
    // R of their own; the workers in no programme hold what the programmes leave.
    Eigen::VectorXd covered_left = Eigen::VectorXd::Ones(n) - uncovered, reach_left = reach;
    for (size_t q = 0; q < rows.size(); ++q) {
      Segment& row = rows[q];
      row.row = static_cast<int>(q);
      row.covered = Eigen::VectorXd::Ones(n) - uncovered;
      row.reach = reach;
      if (q == 0) continue;
      const LabourPolicy& pol = policies[static_cast<size_t>(row.policy)];
      if (coverage_targeting(pol)) {
        const LabourPolicy* e = has_ext ? &policies[static_cast<size_t>(ext)] : nullptr;
        const Eigen::VectorXd emask = e ? sector_mask(*e, n) : Eigen::VectorXd::Zero(n);
        for (Eigen::Index j = 0; j < n; ++j) {
          double t = 0.0, c = 0.0, m = 0.0;
          for (const auto& name : pol.groups) {
            t += share_of(in.splits, name, j);
            c += covered_mass(in.splits, uncovered, name, j);
            if (e) m += reached_mass(in.splits, *e, name, j);
          }
          row.covered(j) = t > 0.0 ? std::min(1.0, c / t) : 0.0;
          row.reach(j) = e && t > 0.0 ? std::min(1.0, emask(j) * e->coverage * m / t) : 0.0;
          row.benefit_rate(j) = uncovered(j) < 1.0 ? benefit_rate(j) * row.covered(j) / (1.0 - uncovered(j)) : 0.0;
        }
      }
      covered_left -= row.share.cwiseProduct(row.covered);
      reach_left -= row.share.cwiseProduct(row.reach);
    }
    Segment& rest = rows[0];
    for (Eigen::Index j = 0; j < n; ++j) {
      const double sh = rest.share(j);
      rest.covered(j) = sh > 0.0 ? std::min(1.0, std::max(0.0, covered_left(j)) / sh) : 0.0;
      rest.reach(j) = sh > 0.0 ? std::min(1.0, std::max(0.0, reach_left(j)) / sh) : 0.0;
      rest.benefit_rate(j) = uncovered(j) < 1.0 ? benefit_rate(j) * rest.covered(j) / (1.0 - uncovered(j)) : 0.0;
    }
    for (Segment& row : rows) row.row_share = row.share;
  }
  if (!has_ext) return rows;
  const LabourPolicy& e = policies[static_cast<size_t>(ext)];
  std::vector<Segment> out;
  for (const Segment& row : rows) {
    if (by_coverage) reach = row.reach;
    Segment kept = row, reached = row;
    kept.extension = reached.extension = ext;
    reached.extended = true;
    reached.hazard_multiplier = row.hazard_multiplier * (1.0 + e.reemployment_effect);
    for (Eigen::Index j = 0; j < n; ++j) {
      // The regular benefits of the sector fall on the workers the extension does not reach.
      kept.share(j) = row.share(j) * (1.0 - reach(j));
      kept.benefit_rate(j) = reach(j) < 1.0 ? row.benefit_rate(j) / (1.0 - reach(j)) : 0.0;
      reached.share(j) = row.share(j) * reach(j);
      reached.benefit_rate(j) = e.replacement_rate * in.annual_wage(j);
    }
    out.push_back(kept);
    out.push_back(reached);
  }
  return out;
}

/// Share of a sector's extended benefits that falls on group `name` (share `group_share` of
/// the sector): the reached workers are the largest reached group, the others nest in it.
double extension_fraction(const std::vector<GroupSplit>& splits, const LabourPolicy& ext, const std::string& name,
                          double group_share, Eigen::Index j) {
  double m = 0.0;
  for (const auto& g : ext.groups) m = std::max(m, share_of(splits, g, j));
  if (!(m > 0.0)) return 0.0;
  const auto within = [&](double s) { return std::min(std::max(s, 0.0), m) / m; };
  if (name == "informal" || name == "self_employed") return within(group_share);
  if (name == "formal") return 1.0 - within(share_of(splits, "informal", j));
  if (name == "employees") return 1.0 - within(share_of(splits, "self_employed", j));
  return group_share;
}

/// The old adjustment_path with policies: every year simulated, after the horizon until the
/// pool falls below 1e-12 of the displaced (at most 2000 years), then the scarring tail.
AdjustmentResult reference_simulation_adjustment_path(const AdjustmentInput& in, const LabourMarketParameters& p,
                                                      const std::vector<LabourPolicy>& policies) {
  std::string error;
  if (!is_valid(in, p, policies, &error)) throw std::invalid_argument(error);
  const Eigen::Index n = in.jobs_base.size();
  const int horizon = p.horizon_years;
  const double to_currency = 1.0 / in.base_units_per_currency_unit;
  const double lambda = 1.0 / p.unemployment_duration_years;        // hazard of re-employment
  const double delta = p.exit_rate;                                 // hazard of exit
  const double rho = std::log1p(p.discount_rate);                   // continuous discount rate
  const double kappa = std::log(2.0) / p.scarring_half_life_years;  // decay of scarring
  const Eigen::VectorXd& wage = in.annual_wage;
  const Eigen::VectorXd uncovered =
      in.uncovered_share.size() > 0 ? in.uncovered_share : benefit_uncovered_share(in.splits, n);
  // Benefits per person-year unemployed, base units (§5): rr × wage × coverage.
  const Eigen::VectorXd benefit_rate =
      (p.replacement_rate * p.benefit_coverage_formal * (1.0 - uncovered.array()) * wage.array()).matrix();
  const Eigen::VectorXd turnover_vacancies = p.turnover_rate * in.jobs_base;
  const double jobs_base_total = in.jobs_base.sum();
  const bool use_mobility = in.mobility.size() > 0;

  // Segments of each sector's displaced ("Policies"): segment 0 takes no part in any
  // programme; one more per programme policy; with a benefit extension each of those is split
  // into the workers it reaches and the others. Without policies there is segment 0 only, with
  // share 1, and every figure is computed exactly as it always was.
  const auto segs = make_segments(in, policies, benefit_rate, uncovered);
  const size_t S = segs.size();
  // A programme that targets groups of workers: its participants are not a cross-section of
  // their sector, so the group figures are built segment by segment (see "By group").
  bool grouped = false;
  for (const Segment& g : segs) grouped = grouped || g.target_split >= 0;
  struct SegmentTotals {
    Eigen::VectorXd time, earnings, scarring, retraining, regular, extended, programme, wage_insurance;
  };
  std::vector<SegmentTotals> seg_totals(grouped ? S : 0);
  for (auto& x : seg_totals)
    for (Eigen::VectorXd* v :
         {&x.time, &x.earnings, &x.scarring, &x.retraining, &x.regular, &x.extended, &x.programme, &x.wage_insurance})
      v->setZero(n);
  std::vector<Eigen::VectorXd> seg_scar(grouped ? S : 0, Eigen::VectorXd::Zero(n));

  AdjustmentResult r;
  auto& s = r.by_sector;
  for (Eigen::VectorXd* v :
       {&s.displaced, &s.reemployed, &s.switchers, &s.exited, &s.time_unemployed, &s.earnings_lost_unemployed,
        &s.scarring, &s.retraining, &s.benefits, &s.programme, &s.wage_insurance})
    v->setZero(n);
  Eigen::VectorXd regular_benefits = Eigen::VectorXd::Zero(n);   // benefits without the extension
  Eigen::VectorXd extended_benefits = Eigen::VectorXd::Zero(n);  // paid by the extension
  std::vector<Eigen::VectorXd> participant_shares;
  for (const auto& pol : policies) {
    PolicyOutcome o;
    o.name = pol.name;
    o.participants_by_sector.setZero(n);
    r.policies.push_back(o);
    participant_shares.push_back(participant_share(in, pol));
  }

  // Persons by sector of origin and segment: searching, and in training (stage a = years done).
  std::vector<Eigen::VectorXd> pool(S, Eigen::VectorXd::Zero(n));
  std::vector<std::vector<Eigen::VectorXd>> training(S);
  for (size_t q = 0; q < S; ++q)
    training[q].assign(static_cast<size_t>(segs[q].training_years), Eigen::VectorXd::Zero(n));
  const auto people_left = [&] {
    double total = pool[0].sum();
    for (size_t q = 1; q < S; ++q) total += pool[q].sum();
    for (size_t q = 0; q < S; ++q)
      for (const auto& stage : training[q]) total += stage.sum();
    return total;
  };
  Eigen::VectorXd scar = Eigen::VectorXd::Zero(n);  // annual scarring loss, base units/year
  r.timeline.reserve(static_cast<size_t>(horizon) + 1);
  {
    AdjustmentYear y0;
    y0.employed = jobs_base_total;
    r.timeline.push_back(y0);
  }
  const double total_displaced_bound = [&] {
    double d = 0.0;
    for (Eigen::Index t = 1; t <= horizon; ++t)
      d += (in.jobs_change_path.col(t - 1) - in.jobs_change_path.col(t)).cwiseMax(0.0).sum();
    return d;
  }();
  const double tolerance = 1e-12 * std::max(1.0, total_displaced_bound);
  const int max_years = horizon + 2000;
  int t = 1;
  Eigen::VectorXd openings(n), displaced(n), change(n), vacancies(n);  // reused every year
  std::vector<Eigen::VectorXd> entered(S, Eigen::VectorXd::Zero(n));   // entrants of each segment this year
  std::vector<double> searching(S), k_of(S), person_years_of(S), pool_pv_share_of(S), pv_person_years_of(S),
      pv_scar_new_of(S), pool_keep_of(S), scar_mean_of(S);
  for (; t <= max_years; ++t) {
    const bool in_horizon = t <= horizon;
    if (!in_horizon && people_left() <= tolerance) break;
    AdjustmentYear y;
    y.year = t;
    if (in_horizon) {
      change = in.jobs_change_path.col(t) - in.jobs_change_path.col(t - 1);
      displaced = (-change).cwiseMax(0.0);  // d_j,t, at the start of year t
      openings = change.cwiseMax(0.0);      // h_j,t
    } else {
      openings.setZero();
      displaced.setZero();
    }
    const double discount = std::exp(-rho * (t - 1));  // value at year 0 of 1 at the start of year t
    if (S == 1) {
      pool[0] += displaced;
    } else {
      for (size_t q = 0; q < S; ++q) {
        entered[q] = displaced.cwiseProduct(segs[q].share);
        auto& stages = training[q];
        if (stages.empty()) {
          pool[q] += entered[q];
        } else {  // the trainees of the last stage start searching; the others move on a year
          pool[q] += stages.back();
          for (size_t a = stages.size() - 1; a > 0; --a) stages[a] = stages[a - 1];
          stages[0] = entered[q];
        }
      }
    }
    for (size_t i = 0; i < policies.size(); ++i) {
      r.policies[i].participants += displaced.dot(participant_shares[i]);
      r.policies[i].participants_by_sector += displaced.cwiseProduct(participant_shares[i]);
    }
    s.displaced += displaced;
    vacancies = openings + turnover_vacancies;
    const double capacity = vacancies.sum();
    for (size_t q = 0; q < S; ++q) searching[q] = pool[q].sum();
    double pool_start = searching[0];
    for (size_t q = 1; q < S; ++q) pool_start += searching[q];
    // Hires of the year at a common hazard h (each segment at h × its multiplier).
    const auto hires_at = [&](double h) {
      double sum = 0.0;
      for (size_t q = 0; q < S; ++q) {
        const double hq = segs[q].hazard_multiplier == 1.0 ? h : h * segs[q].hazard_multiplier;
        if (searching[q] > 0.0) sum += searching[q] * hq * mean_decay(hq + delta);
      }
      return sum;
    };
    // Re-employment hazard of the year: λ, lowered so that hires never exceed capacity.
    double hazard = lambda;
    if (pool_start > 0.0 && hires_at(lambda) > capacity) {
      y.capacity_binding = true;
      double lo = 0.0, hi = lambda;
      for (int it = 0; it < 200 && hi - lo > 1e-16 * lambda; ++it) {
        const double mid = 0.5 * (lo + hi);
        (hires_at(mid) > capacity ? hi : lo) = mid;
      }
      hazard = lo;
    }
    for (size_t q = 0; q < S; ++q) {
      const double hq = segs[q].hazard_multiplier == 1.0 ? hazard : hazard * segs[q].hazard_multiplier;
      k_of[q] = hq + delta;
      person_years_of[q] = mean_decay(k_of[q]);         // per person in the pool at the start
      pool_pv_share_of[q] = mean_decay(k_of[q] + rho);  // mean share still unemployed, discounted
      pv_person_years_of[q] = pool_pv_share_of[q] * discount;
      pv_scar_new_of[q] = triangle_decay(k_of[q] + rho, kappa + rho) * discount;
      pool_keep_of[q] = std::exp(-k_of[q]);
      scar_mean_of[q] = mean_decay(kappa - k_of[q]);
    }
    const double pv_scar_old = mean_decay(kappa + rho) * discount;
    // Factors common to every sector of the year: computed once.
    const double scar_keep = std::exp(-kappa);
    // Trainees: no re-employment, exits at δ.
    const double train_years = mean_decay(delta), train_pv = mean_decay(delta + rho) * discount,
                 train_keep = std::exp(-delta);
    AdjustmentCosts year_costs;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double stay_share = use_mobility ? in.mobility(j, j) : (capacity > 0.0 ? vacancies(j) / capacity : 0.0);
      const double switch_share = 1.0 - stay_share;
      // Formal workers re-employed informally lose informal_wage_penalty on top ("Moves from formal to informal work").
      const double to_informal = p.informal_reemployment_share > 0.0
                                     ? p.informal_reemployment_share * (1.0 - share_of(in.splits, "informal", j))
                                     : 0.0;
      const double sector_scarring_rate =
          to_informal > 0.0 ? wage(j) * (p.scarring_stayers * stay_share + p.scarring_switchers * switch_share +
                                         to_informal * p.informal_wage_penalty)
                            : wage(j) * (p.scarring_stayers * stay_share + p.scarring_switchers * switch_share);
      const double scar_old = scar(j);
      double scar_next = 0.0;
      for (size_t q = 0; q < S; ++q) {
        const Segment& g = segs[q];
        const double u0 = pool[q](j);
        const double hq = g.hazard_multiplier == 1.0 ? hazard : hazard * g.hazard_multiplier;
        const double hired = hq * u0 * person_years_of[q];
        const double exits = delta * u0 * person_years_of[q];
        const double scarring_rate =
            g.scarring_multiplier == 1.0 ? sector_scarring_rate : sector_scarring_rate * g.scarring_multiplier;
        AdjustmentCosts c;
        c.earnings_lost_unemployed = wage(j) * u0 * pv_person_years_of[q] * to_currency;
        c.benefits = g.benefit_rate(j) * u0 * pv_person_years_of[q] * to_currency;
        c.retraining = p.retraining_cost_wage_multiple * wage(j) * switch_share * hq * u0 * pool_pv_share_of[q] *
                       discount * to_currency;
        if (q == 0) {
          c.scarring = (scar_old * pv_scar_old + scarring_rate * hq * u0 * pv_scar_new_of[q]) * to_currency;
          scar_next = scar_old * scar_keep + scarring_rate * hq * u0 * pool_keep_of[q] * scar_mean_of[q];
        } else {
          c.scarring = scarring_rate * hq * u0 * pv_scar_new_of[q] * to_currency;
          scar_next += scarring_rate * hq * u0 * pool_keep_of[q] * scar_mean_of[q];
        }
        if (g.wage_insurance >= 0) {
          const LabourPolicy& w = policies[static_cast<size_t>(g.wage_insurance)];
          c.wage_insurance = wage_insurance_value(scarring_rate, w.replacement, w.cap_per_year, w.years, kappa, rho) *
                             hq * u0 * pool_pv_share_of[q] * discount * to_currency;
          r.policies[static_cast<size_t>(g.wage_insurance)].wage_insurance += c.wage_insurance;
        }
        if (g.policy >= 0 && in_horizon) {
          const LabourPolicy& pol = policies[static_cast<size_t>(g.policy)];
          c.programme = (pol.cost_per_participant * wage(j) + pol.cost_per_participant_amount) * entered[q](j) *
                        discount * to_currency;
          r.policies[static_cast<size_t>(g.policy)].programme_cost += c.programme;
        }
        double in_training = 0.0;
        for (auto& stage : training[q]) {  // trainees: out of work, paid benefits, exiting at δ
          const double q0 = stage(j);
          in_training += q0 * train_years;
          const double train_exits = delta * q0 * train_years;
          c.earnings_lost_unemployed += wage(j) * q0 * train_pv * to_currency;
          c.benefits += g.benefit_rate(j) * q0 * train_pv * to_currency;
          y.exited += train_exits;
          s.exited(j) += train_exits;
          stage(j) = q0 * train_keep;
        }
        if (!training[q].empty()) r.policies[static_cast<size_t>(g.policy)].training_years += in_training;
        pool[q](j) = u0 * pool_keep_of[q];
        if (grouped) {
          SegmentTotals& x = seg_totals[q];
          x.time(j) += u0 * person_years_of[q] + in_training;
          x.earnings(j) += c.earnings_lost_unemployed;
          x.scarring(j) += (seg_scar[q](j) * pv_scar_old + scarring_rate * hq * u0 * pv_scar_new_of[q]) * to_currency;
          seg_scar[q](j) = seg_scar[q](j) * scar_keep + scarring_rate * hq * u0 * pool_keep_of[q] * scar_mean_of[q];
          x.retraining(j) += c.retraining;
          (g.extended ? x.extended : x.regular)(j) += c.benefits;
          x.programme(j) += c.programme;
          x.wage_insurance(j) += c.wage_insurance;
        }

        y.time_unemployed += u0 * person_years_of[q] + in_training;
        y.reemployed += hired;
        if (to_informal > 0.0) r.reemployed_informally += to_informal * hired;
        y.switchers += switch_share * hired;
        y.exited += exits;
        s.time_unemployed(j) += u0 * person_years_of[q] + in_training;
        s.reemployed(j) += hired;
        s.switchers(j) += switch_share * hired;
        s.exited(j) += exits;
        s.earnings_lost_unemployed(j) += c.earnings_lost_unemployed;
        s.benefits(j) += c.benefits;
        if (g.extended) {
          extended_benefits(j) += c.benefits;
          r.policies[static_cast<size_t>(g.extension)].extended_benefits += c.benefits;
        } else {
          regular_benefits(j) += c.benefits;
        }
        s.retraining(j) += c.retraining;
        s.scarring(j) += c.scarring;
        s.programme(j) += c.programme;
        s.wage_insurance(j) += c.wage_insurance;
        add_to(year_costs, c);
      }
      scar(j) = scar_next;
    }
    finish(year_costs);
    r.time_unemployed += y.time_unemployed;
    r.reemployed += y.reemployed;
    r.switchers += y.switchers;
    r.exited += y.exited;
    if (in_horizon) {
      y.displaced = displaced.sum();
      y.openings = openings.sum();
      y.reemployment_capacity = capacity;
      y.entrants = y.openings - y.reemployed;
      y.net_jobs = in.jobs_change_path.col(t).sum();
      y.employed = jobs_base_total + y.net_jobs;
      y.unemployed = people_left();
      y.costs = year_costs;
      y.wage_bill_change = in.jobs_change_path.col(t).dot(wage) * to_currency;
      y.wage_bill_gain_growing = in.jobs_change_path.col(t).cwiseMax(0.0).dot(wage) * to_currency;
      r.timeline.push_back(y);
    } else {
      add_to(r.beyond_horizon, year_costs);
    }
  }
  r.years_beyond_horizon = t - 1 - horizon;
  if (people_left() > tolerance)
    r.notes.push_back("the unemployment pool still holds " + fmt(people_left()) + " persons " +
                      std::to_string(max_years) +
                      " years on: with no turnover hires and no exits the displaced stay unemployed; their later "
                      "costs are not counted");
  // Scarring after the last simulated year, to its end (§5: the loss continues past T).
  const double tail_discount = std::exp(-rho * (t - 1)) / (kappa + rho);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double tail = scar(j) * tail_discount * to_currency;
    s.scarring(j) += tail;
    r.beyond_horizon.scarring += tail;
  }
  for (size_t q = 0; q < seg_totals.size(); ++q) seg_totals[q].scarring += seg_scar[q] * (tail_discount * to_currency);
  finish(r.beyond_horizon);

  s.extended_benefits = extended_benefits;
  if (policies.empty()) {
    s.private_cost = s.earnings_lost_unemployed + s.scarring - s.benefits;
    s.public_cost = s.benefits + s.retraining;
  } else {
    s.private_cost = s.earnings_lost_unemployed + s.scarring - s.benefits - s.wage_insurance;
    s.public_cost = s.benefits + s.retraining + s.programme + s.wage_insurance;
  }
  s.adjustment_cost = s.private_cost + s.public_cost;
  s.cost_per_displaced.setZero(n);
  for (Eigen::Index j = 0; j < n; ++j)
    if (s.displaced(j) > 0.0)
      s.cost_per_displaced(j) = s.adjustment_cost(j) * in.base_units_per_currency_unit / s.displaced(j);
  r.total.earnings_lost_unemployed = s.earnings_lost_unemployed.sum();
  r.total.scarring = s.scarring.sum();
  r.total.retraining = s.retraining.sum();
  r.total.benefits = s.benefits.sum();
  r.total.programme = s.programme.sum();
  r.total.wage_insurance = s.wage_insurance.sum();
  finish(r.total);
  r.displaced = s.displaced.sum();
  if (r.displaced > 0.0) r.cost_per_displaced = r.total.adjustment_cost * in.base_units_per_currency_unit / r.displaced;

  // Groups (§5): sector of origin figures × the group's share; benefits by coverage. Policy
  // participation does not depend on the group, so programme costs and wage insurance follow
  // the shares too; extended benefits go to the groups the extension reaches.
  const LabourPolicy* extension = nullptr;
  for (const auto& pol : policies)
    if (pol.type == PolicyType::benefit_extension) extension = &pol;
  for (const auto& split : in.splits) {
    for (size_t g = 0; g < split.groups.size(); ++g) {
      const std::string& name = split.groups[g];
      const auto share = split.shares.col(static_cast<Eigen::Index>(g));
      GroupAdjustment ga;
      ga.dimension = split.dimension;
      ga.group = name;
      ga.displaced = s.displaced.dot(share);
      ga.time_unemployed = s.time_unemployed.dot(share);
      ga.costs.earnings_lost_unemployed = s.earnings_lost_unemployed.dot(share);
      ga.costs.scarring = s.scarring.dot(share);
      ga.costs.retraining = s.retraining.dot(share);
      if (!policies.empty()) {
        ga.costs.programme = s.programme.dot(share);
        ga.costs.wage_insurance = s.wage_insurance.dot(share);
      }
      const bool uncovered_group = name == "informal" || name == "self_employed";
      const bool covered_complement = name == "formal" || name == "employees";
      for (Eigen::Index j = 0; j < n; ++j) {
        // Covered share of the group's workers: none for informal and self-employed; for
        // their complements all of the sector's covered workers; else the sector's share.
        const double covered = 1.0 - uncovered(j);
        double group_covered = covered;  // independence within the sector
        if (uncovered_group) group_covered = 0.0;
        if (covered_complement) group_covered = share(j) > 0.0 ? covered / share(j) : 0.0;
        const double sector_benefits_per_covered = covered > 0.0 ? regular_benefits(j) / covered : 0.0;
        ga.costs.benefits += sector_benefits_per_covered * share(j) * group_covered;
        if (extension && extended_benefits(j) > 0.0)
          ga.costs.benefits += extended_benefits(j) * extension_fraction(in.splits, *extension, name, share(j), j);
      }
      if (grouped) {
        // Segment by segment: a programme's participants are the targeted groups of their
        // split (in their proportions) and a cross-section of the other splits.
        const size_t d = static_cast<size_t>(&split - in.splits.data());
        ga.time_unemployed = 0.0;
        ga.costs = AdjustmentCosts();
        // Group g's share of each segment: a programme's participants are its targeted groups
        // (in proportion) or a cross-section; those in no programme are the rest of the group.
        std::vector<Eigen::VectorXd> weight(S, share);
        Eigen::VectorXd in_programmes = Eigen::VectorXd::Zero(n), outside = Eigen::VectorXd::Zero(n);
        for (size_t q = 0; q < S; ++q) {
          if (segs[q].policy < 0) {
            outside += segs[q].share;
            continue;
          }
          const LabourPolicy& target_pol = policies[static_cast<size_t>(segs[q].policy)];
          if (segs[q].target_split >= 0 && segs[q].target_split != static_cast<int>(d) &&
              coverage_targeting(target_pol) && !coverage_class(name).empty()) {
            // Formality and status are not independent: the target's share in group g.
            for (Eigen::Index j = 0; j < n; ++j) {
              double targeted = 0.0, both = 0.0;
              for (const auto& tg : target_pol.groups) {
                targeted += share_of(in.splits, tg, j);
                both += joint_share(in.splits, tg, name, j);
              }
              weight[q](j) = targeted > 0.0 ? both / targeted : 0.0;
            }
          } else if (segs[q].target_split == static_cast<int>(d)) {
            const bool in_target = std::find(segs[q].target_groups.begin(), segs[q].target_groups.end(),
                                             static_cast<Eigen::Index>(g)) != segs[q].target_groups.end();
            for (Eigen::Index j = 0; j < n; ++j) {
              double reached = 0.0;
              for (Eigen::Index c : segs[q].target_groups) reached += split.shares(j, c);
              weight[q](j) = in_target && reached > 0.0 ? share(j) / reached : 0.0;
            }
          }
          in_programmes += segs[q].share.cwiseProduct(weight[q]);
        }
        for (size_t q = 0; q < S; ++q)
          if (segs[q].policy < 0)
            for (Eigen::Index j = 0; j < n; ++j)
              weight[q](j) = outside(j) > 0.0 ? std::max(0.0, share(j) - in_programmes(j)) / outside(j) : share(j);
        // Targeting by coverage: each row's regular benefits go to the groups of its covered
        // workers, its extended benefits to those of its reached workers (in the targeted split
        // by the targeted groups' covered or reached shares, in the others as in the sector),
        // and the rest's to what the programmes leave of each group's.
        const bool by_coverage = segs.front().covered.size() > 0;
        std::vector<Eigen::VectorXd> regular_part, extended_part;
        if (by_coverage) {
          size_t rows = 0;
          for (const Segment& q : segs) rows = std::max(rows, static_cast<size_t>(q.row) + 1);
          regular_part.assign(rows, Eigen::VectorXd::Zero(n));
          extended_part.assign(rows, Eigen::VectorXd::Zero(n));
          std::vector<const Segment*> row_of(rows, nullptr);  // one segment of each row
          for (const Segment& q : segs)
            if (!row_of[static_cast<size_t>(q.row)]) row_of[static_cast<size_t>(q.row)] = &q;
          for (Eigen::Index j = 0; j < n; ++j) {
            double m = 0.0;
            if (extension)
              for (const auto& e : extension->groups) m = std::max(m, share_of(in.splits, e, j));
            const double emask = extension ? sector_mask(*extension, n)(j) : 0.0;
            double cov_left = covered_mass(in.splits, uncovered, name, j);
            double reach_left =
                extension ? emask * extension->coverage * reached_mass(in.splits, *extension, name, j) : 0.0;
            for (size_t k = 1; k < rows; ++k) {
              const Segment& q = *row_of[k];
              double fc = 0.0, fr = 0.0;
              if (q.target_split == static_cast<int>(d)) {
                double c_all = 0.0, r_all = 0.0;
                for (const auto& tg : policies[static_cast<size_t>(q.policy)].groups) {
                  c_all += covered_mass(in.splits, uncovered, tg, j);
                  if (extension) r_all += reached_mass(in.splits, *extension, tg, j);
                }
                const bool in_target = std::find(q.target_groups.begin(), q.target_groups.end(),
                                                 static_cast<Eigen::Index>(g)) != q.target_groups.end();
                if (in_target && c_all > 0.0) fc = covered_mass(in.splits, uncovered, name, j) / c_all;
                if (in_target && r_all > 0.0) fr = reached_mass(in.splits, *extension, name, j) / r_all;
              } else {
                if (uncovered(j) < 1.0) fc = covered_mass(in.splits, uncovered, name, j) / (1.0 - uncovered(j));
                if (extension && m > 0.0) fr = reached_mass(in.splits, *extension, name, j) / m;
              }
              regular_part[static_cast<size_t>(q.row)](j) = fc;
              extended_part[static_cast<size_t>(q.row)](j) = fr;
              cov_left -= q.row_share(j) * q.covered(j) * fc;
              reach_left -= q.row_share(j) * q.reach(j) * fr;
            }
            const Segment& rest = segs.front();
            const double rc = rest.row_share(j) * rest.covered(j), rr = rest.row_share(j) * rest.reach(j);
            regular_part[0](j) = rc > 0.0 ? std::max(0.0, cov_left) / rc : 0.0;
            extended_part[0](j) = rr > 0.0 ? std::max(0.0, reach_left) / rr : 0.0;
          }
        }
        for (size_t q = 0; q < S; ++q) {
          const Eigen::VectorXd& w = weight[q];
          const SegmentTotals& x = seg_totals[q];
          if (by_coverage) {
            ga.time_unemployed += x.time.dot(w);
            ga.costs.earnings_lost_unemployed += x.earnings.dot(w);
            ga.costs.scarring += x.scarring.dot(w);
            ga.costs.retraining += x.retraining.dot(w);
            ga.costs.programme += x.programme.dot(w);
            ga.costs.wage_insurance += x.wage_insurance.dot(w);
            ga.costs.benefits += x.regular.dot(regular_part[static_cast<size_t>(segs[q].row)]) +
                                 x.extended.dot(extended_part[static_cast<size_t>(segs[q].row)]);
            continue;
          }
          ga.time_unemployed += x.time.dot(w);
          ga.costs.earnings_lost_unemployed += x.earnings.dot(w);
          ga.costs.scarring += x.scarring.dot(w);
          ga.costs.retraining += x.retraining.dot(w);
          ga.costs.programme += x.programme.dot(w);
          ga.costs.wage_insurance += x.wage_insurance.dot(w);
          for (Eigen::Index j = 0; j < n; ++j) {
            const double covered = 1.0 - uncovered(j);
            double group_covered = covered;
            if (uncovered_group) group_covered = 0.0;
            if (covered_complement) group_covered = share(j) > 0.0 ? covered / share(j) : 0.0;
            if (covered > 0.0) ga.costs.benefits += x.regular(j) / covered * w(j) * group_covered;
            if (extension && x.extended(j) > 0.0)
              ga.costs.benefits += x.extended(j) * (uncovered_group || covered_complement
                                                        ? extension_fraction(in.splits, *extension, name, share(j), j)
                                                        : w(j));
          }
        }
      }
      finish(ga.costs);
      if (ga.displaced > 0.0)
        ga.cost_per_displaced = ga.costs.adjustment_cost * in.base_units_per_currency_unit / ga.displaced;
      r.by_group.push_back(ga);
    }
  }

  // Payback (§5): years until the discounted wage-bill gain of growing sectors, accruing
  // continuously from the start of each year and staying at its year-T level after T,
  // equals the adjustment cost.
  const double cost = r.total.adjustment_cost;
  if (cost <= 0.0) {
    r.payback_years = 0.0;
  } else {
    double gained = 0.0;
    // Years u ≥ 0 into a period at level g, discounted from its start by d, to gain `need`.
    const auto years_to = [&](double need, double level, double d) -> std::optional<double> {
      const double q = need / (level * d);  // (1 − e^{−ρu})/ρ = q
      if (rho == 0.0) return q;
      if (rho * q >= 1.0) return std::nullopt;
      return -std::log1p(-rho * q) / rho;
    };
    for (int year = 1; year <= horizon && !r.payback_years; ++year) {
      const double level = r.timeline[static_cast<size_t>(year)].wage_bill_gain_growing;
      const double d = std::exp(-rho * (year - 1));
      const double in_year = level * d * mean_decay(rho);
      if (level > 0.0 && gained + in_year >= cost) {
        const auto u = years_to(cost - gained, level, d);
        r.payback_years = (year - 1) + std::min(1.0, u.value_or(1.0));
      }
      gained += in_year;
    }
    const double last_level = r.timeline.back().wage_bill_gain_growing;
    if (!r.payback_years && last_level > 0.0) {
      const auto u = years_to(cost - gained, last_level, std::exp(-rho * horizon));
      if (u) r.payback_years = horizon + *u;
    }
  }
  return r;
}

}  // namespace

}  // namespace tradejobs::reference_simulation
