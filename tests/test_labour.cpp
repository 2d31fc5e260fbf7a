// ctest-labels: unit
// Labour module (docs/model.md §4): employment groups, employment response, jobs created and
// destroyed, wage-bill change.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "tradejobs/models/labour.h"

using namespace tradejobs;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) r(i++) = x;
  return r;
}

}  // namespace

TEST_CASE("a single share column defines a group and its complement") {
  Eigen::MatrixXd shares(2, 3);
  shares << 0.4, 0.7, 0.1,  //
      0.6, 0.2, 0.3;
  std::string error = "stale";
  const auto splits = employment_group_splits({"female", "informal", "self_employed"}, shares, &error);
  CHECK(error.empty());
  REQUIRE(splits.size() == 3);
  CHECK(splits[0].dimension == "sex");
  CHECK(splits[0].groups == std::vector<std::string>{"female", "male"});
  CHECK(splits[0].shares(0, 1) == doctest::Approx(0.6));
  CHECK(splits[0].shares(1, 1) == doctest::Approx(0.4));
  CHECK(splits[1].dimension == "formality");
  CHECK(splits[1].groups == std::vector<std::string>{"informal", "formal"});
  CHECK(splits[1].shares(1, 1) == doctest::Approx(0.8));
  CHECK(splits[2].dimension == "employment_status");
  CHECK(splits[2].groups == std::vector<std::string>{"self_employed", "employees"});
  CHECK(splits[2].shares(0, 1) == doctest::Approx(0.9));
  // Uncovered by benefits: the larger of informal and self-employed in each sector.
  const Eigen::VectorXd u = benefit_uncovered_share(splits, 2);
  CHECK(u(0) == doctest::Approx(0.7));
  CHECK(u(1) == doctest::Approx(0.3));
}

TEST_CASE("columns with a common prefix form a partition; a column and its named complement form one split") {
  Eigen::MatrixXd shares(2, 6);
  shares << 0.2, 0.5, 0.3, 0.45, 0.55, 0.25,  //
      0.1, 0.6, 0.3, 0.5, 0.5, 0.0;
  std::string error;
  const auto splits =
      employment_group_splits({"skill_low", "skill_medium", "skill_high", "female", "male", "union"}, shares, &error);
  CHECK(error.empty());
  REQUIRE(splits.size() == 3);
  CHECK(splits[0].dimension == "skill");
  CHECK(splits[0].groups == std::vector<std::string>{"skill_low", "skill_medium", "skill_high"});
  CHECK(splits[1].dimension == "sex");
  CHECK(splits[1].groups == std::vector<std::string>{"female", "male"});
  CHECK(splits[1].shares(1, 1) == doctest::Approx(0.5));
  CHECK(splits[2].groups == std::vector<std::string>{"union", "not_union"});
  CHECK(benefit_uncovered_share(splits, 2).isZero());
  // A full cross-tabulation is a partition under one prefix.
  Eigen::MatrixXd cross(1, 4);
  cross << 0.1, 0.3, 0.2, 0.4;
  const auto c = employment_group_splits(
      {"sex-skill_female_low", "sex-skill_female_high", "sex-skill_male_low", "sex-skill_male_high"}, cross, &error);
  CHECK(error.empty());
  REQUIRE(c.size() == 1);
  CHECK(c[0].dimension == "sex-skill");
  CHECK(c[0].groups.size() == 4);
}

TEST_CASE("bad group shares give clear errors") {
  std::string error;
  Eigen::MatrixXd above(2, 1);
  above << 0.5, 1.2;
  CHECK(employment_group_splits({"female"}, above, &error, {"A01", "C13-C15"}).empty());
  CHECK(error == "employment share female of sector C13-C15 = 1.2: must be in [0, 1] (write 45% as 0.45)");
  Eigen::MatrixXd skills(2, 2);
  skills << 0.3, 0.7, 0.3, 0.6;
  CHECK(employment_group_splits({"skill_low", "skill_high"}, skills, &error).empty());
  CHECK(error ==
        "employment shares skill_low + skill_high of sector row 2 sum to 0.9: the columns of split 'skill' form a "
        "partition and must sum to 1 in every sector");
  Eigen::MatrixXd pair(1, 2);
  pair << 0.4, 0.5;
  CHECK(employment_group_splits({"female", "male"}, pair, &error).empty());
  CHECK(error ==
        "employment shares female + male of sector row 1 sum to 0.9: the columns of split 'sex' form a partition and "
        "must sum to 1 in every sector");
  Eigen::MatrixXd two(1, 2);
  two << 0.4, 0.5;
  CHECK(employment_group_splits({"union", "not_union"}, two, &error).empty());
  CHECK(error ==
        "employment group 'not_union' is defined twice (by split 'not_union' and by another column): rename one of "
        "the share columns");
  CHECK(employment_group_splits({"female"}, two, &error).empty());
  CHECK(error == "employment shares have 2 columns but 1 column names");
}

TEST_CASE("fixed coefficients: jobs move with output, created and destroyed apart, wage bill") {
  // θ = 1: N' = N x'/x. Sector A shrinks 10%, sector B grows 10%.
  const Eigen::VectorXd jobs = vec({1000, 2000});
  const Eigen::VectorXd x = vec({100, 200});
  const Eigen::VectorXd x_new = vec({90, 220});
  const Eigen::VectorXd wage = vec({40000, 50000});  // USD per person-year
  LabourOptions o;                                   // USD million
  const JobsResult r = employment_response(jobs, x, x_new, {}, wage, o);
  CHECK(r.jobs_change(0) == doctest::Approx(-100));
  CHECK(r.jobs_change(1) == doctest::Approx(200));
  CHECK(r.jobs_created(0) == 0.0);
  CHECK(r.jobs_destroyed(0) == doctest::Approx(100));
  CHECK(r.total_jobs_created == doctest::Approx(200));
  CHECK(r.total_jobs_destroyed == doctest::Approx(100));
  CHECK(r.total_jobs_change == doctest::Approx(100));
  // −100 × 40,000 USD = −4 USD million; +200 × 50,000 USD = +10 USD million.
  CHECK(r.wage_bill_change(0) == doctest::Approx(-4.0));
  CHECK(r.wage_bill_change(1) == doctest::Approx(10.0));
  CHECK(r.total_wage_bill_change == doctest::Approx(6.0));
}

TEST_CASE("employment elasticity below one and zero output") {
  LabourOptions o;
  o.employment_elasticity = vec({0.5, 0.0, 1.0});
  const JobsResult r =
      employment_response(vec({1000, 500, 300}), vec({100, 50, 0}), vec({81, 10, 0}), {}, vec({1, 1, 1}), o);
  CHECK(r.jobs_new(0) == doctest::Approx(900));  // 1000 × 0.81^0.5
  CHECK(r.jobs_change(1) == 0.0);                // θ = 0: jobs do not follow output
  CHECK(r.jobs_change(2) == 0.0);                // x = 0: no change defined, none made
}

TEST_CASE("group changes add up to the sector change in every split, with and without group elasticities") {
  std::mt19937 rng(2018);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const Eigen::Index n = 12;
  Eigen::VectorXd jobs(n), x(n), x_new(n), wage(n);
  Eigen::MatrixXd shares(n, 4);  // female, skill_low, skill_medium, skill_high
  for (Eigen::Index j = 0; j < n; ++j) {
    jobs(j) = 1000 + 9000 * u(rng);
    x(j) = 50 + 100 * u(rng);
    x_new(j) = x(j) * (0.7 + 0.6 * u(rng));
    wage(j) = 20000 + 40000 * u(rng);
    const double a = u(rng), b = u(rng), c = u(rng);
    shares.row(j) << 0.2 + 0.6 * u(rng), a / (a + b + c), b / (a + b + c), c / (a + b + c);
  }
  std::string error;
  const auto splits = employment_group_splits({"female", "skill_low", "skill_medium", "skill_high"}, shares, &error);
  REQUIRE(error.empty());
  for (bool own : {false, true}) {
    CAPTURE(own);
    LabourOptions o;
    if (own) {
      o.group_elasticity["female"] = Eigen::VectorXd::Constant(n, 1.3);
      o.group_elasticity["skill_low"] = Eigen::VectorXd::Constant(n, 1.5);
    }
    const JobsResult r = employment_response(jobs, x, x_new, splits, wage, o);
    REQUIRE(r.group_names == std::vector<std::string>{"female", "male", "skill_low", "skill_medium", "skill_high"});
    for (Eigen::Index j = 0; j < n; ++j) {
      CHECK(r.group_jobs_change.row(j).head(2).sum() == doctest::Approx(r.jobs_change(j)));
      CHECK(r.group_jobs_change.row(j).tail(3).sum() == doctest::Approx(r.jobs_change(j)));
      CHECK(r.jobs_created(j) - r.jobs_destroyed(j) == doctest::Approx(r.jobs_change(j)));
    }
    double female_total = 0.0;
    for (const auto& g : r.groups) {
      CHECK(g.jobs_created - g.jobs_destroyed == doctest::Approx(g.jobs_change));
      CHECK(g.jobs_created >= 0.0);
      CHECK(g.jobs_destroyed >= 0.0);
      if (g.group == "female") female_total = g.jobs_change;
    }
    CHECK(r.groups[0].jobs_change + r.groups[1].jobs_change == doctest::Approx(r.total_jobs_change));
    CHECK(r.groups[2].wage_bill_change + r.groups[3].wage_bill_change + r.groups[4].wage_bill_change ==
          doctest::Approx(r.total_wage_bill_change));
    CHECK(r.total_jobs_created - r.total_jobs_destroyed == doctest::Approx(r.total_jobs_change));
    if (own) {
      double expected = 0.0;  // Σ_j N_j s_j ((x'/x)^1.3 − 1)
      for (Eigen::Index j = 0; j < n; ++j) expected += jobs(j) * shares(j, 0) * (std::pow(x_new(j) / x(j), 1.3) - 1.0);
      CHECK(female_total == doctest::Approx(expected));
    } else {
      CHECK(female_total == doctest::Approx(r.jobs_change.dot(shares.col(0))));
    }
  }
}

TEST_CASE("a group elasticity moves the group; its complement takes the rest of the sector change") {
  // Sector loses 10% of output, θ = 1: −100 jobs. Women (40%) with θ = 2 lose
  // 400 × (1 − 0.81) = 76; men take the rest, −24.
  Eigen::MatrixXd shares(1, 1);
  shares << 0.4;
  std::string error;
  const auto splits = employment_group_splits({"female"}, shares, &error);
  LabourOptions o;
  o.group_elasticity["female"] = vec({2.0});
  const JobsResult r = employment_response(vec({1000}), vec({100}), vec({90}), splits, vec({30000}), o);
  CHECK(r.group_jobs_change(0, 0) == doctest::Approx(-76));
  CHECK(r.group_jobs_change(0, 1) == doctest::Approx(-24));
}

TEST_CASE("bad labour options give clear errors") {
  Eigen::MatrixXd shares(2, 1);
  shares << 0.4, 0.5;
  std::string error;
  const auto splits = employment_group_splits({"female"}, shares, &error);
  LabourOptions o;
  o.employment_elasticity = vec({1.0, -1.0});
  CHECK_FALSE(o.is_valid(2, splits, &error));
  CHECK(error == "parameters.employment_elasticity[1] = -1: must be >= 0 and finite");
  o.employment_elasticity = vec({1.0});
  CHECK_FALSE(o.is_valid(2, splits, &error));
  CHECK(error == "parameters.employment_elasticity has 1 entries: must have one per sector (2)");
  o.employment_elasticity.resize(0);
  o.group_elasticity["women"] = vec({1, 1});
  CHECK_FALSE(o.is_valid(2, splits, &error));
  CHECK(error == "group_elasticity.women: no employment group of that name (known: female, male)");
  o.group_elasticity.clear();
  o.group_elasticity["female"] = vec({1, 1});
  o.group_elasticity["male"] = vec({1, 1});
  CHECK_FALSE(o.is_valid(2, splits, &error));
  CHECK(error ==
        "group_elasticity: every group of split 'sex' has its own elasticity: leave one group to take the rest of the "
        "sector change (set parameters.employment_elasticity for the sector instead)");
  o.group_elasticity.erase("male");
  CHECK(o.is_valid(2, splits, &error));
  CHECK(error.empty());
  CHECK_THROWS_AS(employment_response(vec({1, 1}), vec({1, 1}), vec({1, -1}), splits, vec({1, 1}), o),
                  std::invalid_argument);
}

TEST_CASE("annual wage from compensation") {
  // 2 USD million of compensation for 50 persons = 40,000 USD per person-year.
  const Eigen::VectorXd w = annual_wage_from_compensation(vec({2.0, 1.0}), vec({50, 0}), 1e6);
  CHECK(w(0) == doctest::Approx(40000));
  CHECK(w(1) == 0.0);
}
