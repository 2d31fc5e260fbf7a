// ctest-labels: unit
#include <doctest/doctest.h>

#include "tradejobs/models/input_output.h"

using namespace tradejobs;

TEST_CASE("Miller & Blair two-sector Leontief inverse") {
  Eigen::MatrixXd z(2, 2);
  z << 150, 500, 200, 100;
  Eigen::VectorXd x(2);
  x << 1000, 2000;
  const Eigen::MatrixXd a = input_coefficients(z, x);
  LeontiefSystem io(a);
  const Eigen::MatrixXd l = io.leontief_inverse();
  CHECK(l(0, 0) == doctest::Approx(1.254125).epsilon(1e-6));
  CHECK(l(0, 1) == doctest::Approx(0.330033).epsilon(1e-6));
  CHECK(l(1, 0) == doctest::Approx(0.264026).epsilon(1e-6));
  CHECK(l(1, 1) == doctest::Approx(1.122112).epsilon(1e-6));
  Eigen::VectorXd f(2);
  f << 350, 1700;
  const Eigen::VectorXd xs = io.solve(f);
  CHECK(xs(0) == doctest::Approx(1000).epsilon(1e-12));
  CHECK(xs(1) == doctest::Approx(2000).epsilon(1e-12));
}
