// ctest-labels: unit
// The job-quality balance of the jobs created and destroyed (docs/labour_and_adjustment.md
// "Job quality"), on a hand-made two-sector economy whose figures are worked out below.
#include <doctest/doctest.h>

#include "tradejobs/models/job_quality.h"

using namespace tradejobs;

TEST_CASE("job-quality balance of a two-sector economy equals the hand computation") {
  // A: 100 jobs at 20,000 USD, output +50% -> +50 jobs. B: 300 jobs at 45,000 USD, output -10%
  // -> -30 jobs. Women are 60% of A's jobs and 20% of B's.
  Eigen::VectorXd jobs(2), x0(2), x1(2), wage(2);
  jobs << 100, 300;
  x0 << 10, 10;
  x1 << 15, 9;
  wage << 20000, 45000;
  GroupSplit sex;
  sex.dimension = "sex";
  sex.groups = {"female", "male"};
  sex.shares.resize(2, 2);
  sex.shares << 0.6, 0.4, 0.2, 0.8;
  LabourOptions options;
  const JobsResult r = employment_response(jobs, x0, x1, {sex}, wage, options);
  const JobQuality q = job_quality(r, wage);
  // Median over the 400 baseline jobs: A's 100 reach a quarter, B's take it past half: 45,000.
  CHECK(q.median_wage == 45000);
  CHECK(q.low_pay_threshold == doctest::Approx(30000));
  CHECK(q.created.jobs == doctest::Approx(50));
  CHECK(*q.created.mean_wage == doctest::Approx(20000));
  CHECK(*q.created.low_paid_share == doctest::Approx(1.0));  // all in A, below 30,000
  CHECK(q.destroyed.jobs == doctest::Approx(30));
  CHECK(*q.destroyed.mean_wage == doctest::Approx(45000));
  CHECK(*q.destroyed.low_paid_share == 0.0);
  // Baseline: (100 x 20,000 + 300 x 45,000) / 400 = 38,750; a quarter of the jobs low-paid.
  CHECK(*q.base.mean_wage == doctest::Approx(38750));
  CHECK(*q.base.low_paid_share == doctest::Approx(0.25));
  REQUIRE(q.groups.size() == 2);
  CHECK(q.groups[0].group == "female");
  CHECK(*q.groups[0].share_created == doctest::Approx(0.6));    // 0.6 x 50 / 50
  CHECK(*q.groups[0].share_destroyed == doctest::Approx(0.2));  // 0.2 x 30 / 30
  CHECK(*q.groups[0].share_base == doctest::Approx(0.3));       // (60 + 60) / 400
  CHECK(*q.groups[1].share_created == doctest::Approx(0.4));
  CHECK(*q.groups[1].share_destroyed == doctest::Approx(0.8));
}

TEST_CASE("job quality: no jobs created leaves its figures empty; a wrong wage vector is refused") {
  Eigen::VectorXd jobs(2), x0(2), wage(2);
  jobs << 100, 300;
  x0 << 10, 10;
  wage << 20000, 45000;
  const JobsResult r = employment_response(jobs, x0, x0, {}, wage, LabourOptions());
  const JobQuality q = job_quality(r, wage);
  CHECK(q.created.jobs == 0.0);
  CHECK_FALSE(q.created.mean_wage.has_value());
  CHECK_FALSE(q.created.low_paid_share.has_value());
  CHECK_FALSE(q.destroyed.mean_wage.has_value());
  CHECK(q.base.mean_wage.has_value());
  CHECK_THROWS_AS(job_quality(r, Eigen::VectorXd::Ones(3)), std::invalid_argument);
}
