#pragma once
/// \file job_quality.h
/// The job-quality balance of the jobs created and destroyed (docs/labour_and_adjustment.md
/// "Job quality"): their mean annual wage, the share of low-paid jobs among them and the share
/// of every employment group, next to the same figures for all baseline jobs. Pure economics
/// on Eigen: no files, no console.
///
/// Example:
///   JobsResult jobs = employment_response(...);
///   JobQuality q = job_quality(jobs, economy.annual_wage);
///   q.created.mean_wage;        // base units per person-year
///   q.created.low_paid_share;   // share of the jobs created in sectors paying < 2/3 of the median

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tradejobs/models/labour.h"

namespace tradejobs {

/// Figures of one set of jobs (created, destroyed or baseline); empty optionals when the set
/// has no jobs.
struct JobSetQuality {
  double jobs = 0.0;                     ///< Persons.
  std::optional<double> mean_wage;       ///< Σ jobs_j w_j / Σ jobs_j, base units per person-year.
  std::optional<double> low_paid_share;  ///< Share of the jobs in sectors with w_j < low_pay_threshold.
};

/// Share of one employment group among each set of jobs.
struct GroupQuality {
  std::string dimension;                ///< Split ("sex", "formality", ...).
  std::string group;                    ///< Group name.
  std::optional<double> share_created;  ///< Group's jobs created / all jobs created.
  std::optional<double> share_destroyed;
  std::optional<double> share_base;  ///< Group's baseline jobs / all baseline jobs.
};

/// The balance (docs/labour_and_adjustment.md "Job quality").
struct JobQuality {
  /// Median annual wage over the baseline jobs: the wage of the sector in which the
  /// cumulative baseline jobs, sectors sorted by wage, first reach half of all jobs.
  double median_wage = 0.0;
  double low_pay_threshold = 0.0;  ///< Two-thirds of the median (the ILO/OECD low-pay line).
  JobSetQuality created, destroyed, base;
  std::vector<GroupQuality> groups;  ///< Every group of every split, in split order.
};

/// The balance of a jobs result; wages by sector in base units (length n, ≥ 0). Sectors with
/// no baseline jobs carry no weight in the median. Throws std::invalid_argument when the wage
/// vector does not have one entry per sector.
JobQuality job_quality(const JobsResult& jobs, const Eigen::VectorXd& annual_wage);

}  // namespace tradejobs
