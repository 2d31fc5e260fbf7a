#include "tradejobs/models/job_quality.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace tradejobs {

namespace {

JobSetQuality set_quality(const Eigen::VectorXd& jobs, const Eigen::VectorXd& wage, double threshold) {
  JobSetQuality q;
  q.jobs = jobs.sum();
  if (!(q.jobs > 0.0)) return q;
  q.mean_wage = jobs.dot(wage) / q.jobs;
  double low = 0.0;
  for (Eigen::Index j = 0; j < jobs.size(); ++j)
    if (wage(j) < threshold) low += jobs(j);
  q.low_paid_share = low / q.jobs;
  return q;
}

std::optional<double> ratio(double part, double whole) {
  if (!(whole > 0.0)) return std::nullopt;
  return part / whole;
}

}  // namespace

JobQuality job_quality(const JobsResult& jobs, const Eigen::VectorXd& annual_wage) {
  const Eigen::Index n = jobs.jobs_base.size();
  if (annual_wage.size() != n)
    throw std::invalid_argument("annual_wage has " + std::to_string(annual_wage.size()) +
                                " entries: must have one per sector (" + std::to_string(n) + ")");
  JobQuality q;
  // Weighted median of the sector wages over the baseline jobs.
  std::vector<Eigen::Index> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return annual_wage(a) < annual_wage(b); });
  const double total = jobs.jobs_base.sum();
  double cumulative = 0.0;
  for (Eigen::Index j : order) {
    if (!(jobs.jobs_base(j) > 0.0)) continue;
    cumulative += jobs.jobs_base(j);
    if (cumulative >= 0.5 * total) {
      q.median_wage = annual_wage(j);
      break;
    }
  }
  q.low_pay_threshold = 2.0 / 3.0 * q.median_wage;
  q.created = set_quality(jobs.jobs_created, annual_wage, q.low_pay_threshold);
  q.destroyed = set_quality(jobs.jobs_destroyed, annual_wage, q.low_pay_threshold);
  q.base = set_quality(jobs.jobs_base, annual_wage, q.low_pay_threshold);
  for (const GroupJobs& g : jobs.groups) {
    GroupQuality gq;
    gq.dimension = g.dimension;
    gq.group = g.group;
    gq.share_created = ratio(g.jobs_created, q.created.jobs);
    gq.share_destroyed = ratio(g.jobs_destroyed, q.destroyed.jobs);
    gq.share_base = ratio(g.jobs_base, q.base.jobs);
    q.groups.push_back(gq);
  }
  return q;
}

}  // namespace tradejobs
