// ctest-labels: unit
// The MRIO trade model (models/mrio_trade.h) on the hand-written three-region table
// tests/fixtures/mrio3 (test data, see its README).
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "tradejobs/engine/economy_io.h"
#include "tradejobs/models/input_output.h"
#include "tradejobs/models/mrio_trade.h"

using namespace tradejobs;

namespace {

Economy mrio3() { return load_economy(std::string(TRADEJOBS_TEST_SOURCE_DIR) + "/tests/fixtures/mrio3"); }

/// The three-region fixture with its coefficients and base factorisation.
struct World {
  Economy economy = mrio3();
  IoCoefficients coefficients = io_coefficients(economy);
  LeontiefSystem io{coefficients.technical_coefficients};
  MrioTradeModel model{economy, coefficients, io};
};

const BilateralFlow& flow(const MrioTradeResult& r, int importer, int product, int source) {
  for (const auto& f : r.bilateral_flows)
    if (f.importer == importer && f.product == product && f.source == source) return f;
  throw std::logic_error("no such flow");
}

constexpr int AAA = 0, BBB = 1, CCC = 2, GOODS = 0;

}  // namespace

TEST_CASE("mrio3 fixture: layout read as three regions of two industries") {
  World w;
  REQUIRE(w.model.regions() == std::vector<std::string>{"AAA", "BBB", "CCC"});
  CHECK(w.model.products() == 2);
  CHECK(w.model.sector(CCC, 1) == 5);
  CHECK(w.coefficients.gross_output(0) == doctest::Approx(143.0));
}

TEST_CASE("a tariff kept at its level changes nothing, exactly") {
  World w;
  const MrioTradeResult r = w.model.solve({{"AAA", GOODS, {"BBB"}, 0.1, 0.1}}, MrioTradeParameters{});
  CHECK(r.converged);
  CHECK(r.output_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.price_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.gross_output == w.coefficients.gross_output);
  for (const auto& f : r.bilateral_flows) CHECK(f.after == doctest::Approx(f.before).epsilon(1e-12));
}

TEST_CASE("a bilateral tariff diverts imports to the third region and moves its jobs") {
  World w;
  const std::vector<BilateralTariff> tariff = {{"AAA", GOODS, {"BBB"}, 0.0, 0.25}};
  for (const bool feedback : {false, true}) {
    CAPTURE(feedback);
    MrioTradeParameters prm;
    prm.price_feedback = feedback;
    const MrioTradeResult r = w.model.solve(tariff, prm);
    REQUIRE(r.converged);
    CHECK(r.relative_residual <= 1e-12);
    // Trade destruction from the taxed source, diversion to the third region.
    CHECK(flow(r, AAA, GOODS, BBB).after < flow(r, AAA, GOODS, BBB).before);
    CHECK(flow(r, AAA, GOODS, CCC).after > flow(r, AAA, GOODS, CCC).before);
    CHECK(flow(r, AAA, GOODS, AAA).after > flow(r, AAA, GOODS, AAA).before);
    // Output and jobs: the protected industry and the third region gain, the taxed source loses.
    CHECK(r.output_change(w.model.sector(AAA, GOODS)) > 0.0);
    CHECK(r.output_change(w.model.sector(BBB, GOODS)) < 0.0);
    CHECK(r.output_change(w.model.sector(CCC, GOODS)) > 0.0);
    CHECK(r.jobs_change(w.model.sector(CCC, GOODS)) > 0.0);
    CHECK(r.jobs_change_by_region(CCC) > 0.0);
    CHECK(r.jobs_change_by_region(BBB) < 0.0);
    CHECK(r.jobs_change(w.model.sector(BBB, GOODS)) ==
          doctest::Approx(2000.0 / 178.0 * r.output_change(w.model.sector(BBB, GOODS))).epsilon(1e-12));
    // Identities: x' = A'x' + Y'1 with the shocked system, and against a fresh dense solve.
    const MrioShockedSystem sys = w.model.shocked_system(tariff, prm);
    const Eigen::VectorXd f = sys.final_demand.rowwise().sum();
    const Eigen::VectorXd residual = r.gross_output - sys.technical_coefficients * r.gross_output - f;
    CHECK(residual.cwiseAbs().maxCoeff() / r.gross_output.cwiseAbs().maxCoeff() <= 1e-12);
    const Eigen::MatrixXd i_minus_a = Eigen::MatrixXd::Identity(6, 6) - sys.technical_coefficients;
    const Eigen::VectorXd dense = i_minus_a.fullPivLu().solve(f);
    CHECK((dense - r.gross_output).cwiseAbs().maxCoeff() <= 1e-10 * dense.cwiseAbs().maxCoeff());
    // Tariff revenue appears only in the importer.
    CHECK(r.tariff_revenue_before.cwiseAbs().maxCoeff() == 0.0);
    CHECK(r.tariff_revenue_after(AAA) > 0.0);
    CHECK(r.tariff_revenue_after(BBB) == 0.0);
    CHECK(r.imports_after(AAA) < r.imports_before(AAA));
  }
}

TEST_CASE("nest factors equal the textbook two-level CES with the table's shares") {
  // Importer AAA, goods: domestic use 20+10+60+5 = 95; from BBB 12+3+25+2 = 42; from CCC
  // 8+2+18+1 = 29 (intermediate + final columns of AAA in the fixture).
  World w;
  MrioTradeParameters prm;
  prm.price_feedback = false;
  prm.armington = 1.5;  // σ_M = 3 by the rule of two
  const MrioShockedSystem sys = w.model.shocked_system({{"AAA", GOODS, {"BBB"}, 0.0, 0.25}}, prm);
  const double theta_b = 42.0 / 71.0, theta_c = 29.0 / 71.0, alpha = 95.0 / 166.0;
  const double pm = std::pow(theta_b * std::pow(1.25, -2.0) + theta_c, -0.5);
  const double p = std::pow(alpha + (1.0 - alpha) * std::pow(pm, -0.5), -2.0);
  const double d = std::pow(p, 1.5), m = std::pow(p / pm, 1.5);
  auto at = [&](int s, int i, int r) { return sys.source_factor[(static_cast<size_t>(s) * 2 + i) * 3 + r]; };
  CHECK(sys.import_price_change(AAA, GOODS) == doctest::Approx(pm - 1.0).epsilon(1e-14));
  CHECK(sys.composite_price_change(AAA, GOODS) == doctest::Approx(p - 1.0).epsilon(1e-14));
  CHECK(at(AAA, GOODS, AAA) == doctest::Approx(d).epsilon(1e-14));
  CHECK(at(AAA, GOODS, BBB) == doctest::Approx(m * std::pow(pm / 1.25, 3.0)).epsilon(1e-14));
  CHECK(at(AAA, GOODS, CCC) == doctest::Approx(m * std::pow(pm, 3.0)).epsilon(1e-14));
  CHECK(sys.final_demand_factor[AAA * 2 + GOODS] == doctest::Approx(std::pow(p, -0.5)).epsilon(1e-14));
  // Untouched (importer, product) pairs keep factor 1 exactly.
  CHECK(at(BBB, GOODS, AAA) == 1.0);
  CHECK(at(AAA, 1, BBB) == 1.0);
  // A' scales the whole (source row, importer block) segment by the factor.
  const Eigen::MatrixXd& a = w.coefficients.technical_coefficients;
  CHECK(sys.technical_coefficients(2, 1) == doctest::Approx(a(2, 1) * at(AAA, GOODS, BBB)).epsilon(1e-15));
  CHECK(sys.technical_coefficients(2, 2) == a(2, 2));
}

TEST_CASE("Cobb-Douglas among sources keeps value shares; zero elasticities keep output") {
  World w;
  MrioTradeParameters prm;
  prm.price_feedback = false;
  prm.source_substitution = 1.0;
  const MrioShockedSystem sys = w.model.shocked_system({{"AAA", GOODS, {"BBB"}, 0.0, 0.4}}, prm);
  auto at = [&](int r) { return sys.source_factor[(static_cast<size_t>(AAA) * 2 + GOODS) * 3 + r]; };
  // Value at tariff-inclusive prices: 42·1.4·f_B : 29·1·f_C stays 42 : 29.
  CHECK((1.4 * at(BBB)) / at(CCC) == doctest::Approx(1.0).epsilon(1e-14));

  MrioTradeParameters leontief;
  leontief.armington = 0.0;
  leontief.source_substitution = 0.0;
  leontief.final_demand_elasticity = 0.0;
  leontief.price_feedback = false;
  const MrioTradeResult r = w.model.solve({{"AAA", GOODS, {}, 0.0, 3.0}}, leontief);
  CHECK(r.output_change.cwiseAbs().maxCoeff() == 0.0);
  CHECK(r.tariff_revenue_after(AAA) > 0.0);
}

TEST_CASE("removing a 500% tariff: sigma = 1 +- 1e-9 continuous, sigma_M = 500 finite (careful CES index)") {
  // Importer AAA, goods, from BBB: τ0 = 5 → 0, so pm_B = 1/6 and pm_C = 1 (no price feedback).
  // Nest-2 weights at tariff-inclusive baseline prices: θ_B = 42·6/281, θ_C = 29/281.
  World w;
  const std::vector<BilateralTariff> cut = {{"AAA", GOODS, {"BBB"}, 5.0, 0.0}};
  const double theta_b = 252.0 / 281.0, theta_c = 29.0 / 281.0, log6 = std::log(6.0);
  auto params = [](double sigma_d, double sigma_m) {
    MrioTradeParameters prm;
    prm.price_feedback = false;
    prm.armington = sigma_d;
    prm.source_substitution = sigma_m;
    return prm;
  };
  auto at = [](const MrioShockedSystem& sys, int r) {
    return sys.source_factor[(static_cast<size_t>(AAA) * 2 + GOODS) * 3 + r];
  };
  SUBCASE("sigma = 1 +- 1e-9") {
    const MrioShockedSystem one = w.model.shocked_system(cut, params(1.0, 1.0));
    const double pm_one = 1.0 + one.import_price_change(AAA, GOODS);
    CHECK(pm_one == doctest::Approx(std::exp(-theta_b * log6)).epsilon(1e-15));  // geometric mean
    const MrioTradeResult x_one = w.model.solve(cut, params(1.0, 1.0));
    REQUIRE(x_one.converged);
    // ln PM = E_θ ln pm + (1 − σ)/2·Var_θ(ln pm) + O((1 − σ)²): at 1 − σ = ±1e-9 the relative
    // change from σ = 1 is ±1e-9·θ_B·θ_C·(ln 6)²/2 ≈ 6e-11, to rounding (a naive pow is off by ~1e-7).
    for (double rho : {1e-9, -1e-9}) {
      CAPTURE(rho);
      const MrioShockedSystem sys = w.model.shocked_system(cut, params(1.0 - rho, 1.0 - rho));
      const double pm = 1.0 + sys.import_price_change(AAA, GOODS);
      CHECK(std::abs(pm / pm_one - 1.0 - rho * theta_b * theta_c * log6 * log6 / 2.0) < 1e-15);
      for (int r : {AAA, BBB, CCC}) CHECK(at(sys, r) == doctest::Approx(at(one, r)).epsilon(1e-8));
      const MrioTradeResult x = w.model.solve(cut, params(1.0 - rho, 1.0 - rho));
      REQUIRE(x.converged);
      CHECK((x.gross_output - x_one.gross_output).cwiseAbs().maxCoeff() <=
            1e-8 * x_one.gross_output.cwiseAbs().maxCoeff());
    }
  }
  SUBCASE("sigma_D = 50, sigma_M = 500") {
    // θ_B·(1/6)^(1−500) overflows a double: the index must still be (1/6)·θ_B^(−1/499) (the
    // θ_C term is 6^−499 times smaller) and every factor finite.
    const MrioTradeParameters prm = params(50.0, 500.0);
    const MrioShockedSystem sys = w.model.shocked_system(cut, prm);
    const double pm = 1.0 + sys.import_price_change(AAA, GOODS);
    CHECK(pm == doctest::Approx(std::pow(theta_b, -1.0 / 499.0) / 6.0).epsilon(1e-13));
    const double p = 1.0 + sys.composite_price_change(AAA, GOODS);
    CHECK(p > pm);
    CHECK(p < 1.0);
    for (double f : sys.source_factor) CHECK(std::isfinite(f));
    // CES adding up in nest 2: Σ_r θ_r·pm_r·(M_r'/M_r)/m = PM, with m = (P/PM)^σ_D.
    const double m = std::pow(p / pm, 50.0);
    CHECK(theta_b * (at(sys, BBB) / m) / 6.0 + theta_c * (at(sys, CCC) / m) == doctest::Approx(pm).epsilon(1e-12));
    CHECK(at(sys, BBB) > 1.0);  // the freed source gains
    CHECK(at(sys, CCC) < 1e-100);
    CHECK(at(sys, AAA) < 1e-30);  // domestic supply (pd = 1 against P ≈ 0.2) all but vanishes at σ_D = 50
    const MrioTradeResult r = w.model.solve(cut, prm);
    REQUIRE(r.converged);
    CHECK(r.gross_output.allFinite());
    CHECK(r.gross_output.minCoeff() > 0.0);
    CHECK(flow(r, AAA, GOODS, BBB).after > flow(r, AAA, GOODS, BBB).before);
  }
}

TEST_CASE("a source with negative baseline use is left out of the basket: the index stays a price index") {
  // An inventory drawdown of 40 by AAA's households from CCC goods makes AAA's baseline use of
  // CCC goods 8 + 2 − 40 + 1 = −29: no weight in the import basket of AAA goods, which is then
  // BBB alone (weights are normalised over the positive ones). A 25% tariff on both sources
  // raises both prices to 1.25, so PM' = 1.25 exactly (without normalisation the index would be
  // 1.25·(42/13)^(1/2) ≈ 2.25, above every source price).
  Economy e = mrio3();
  e.final_demand_domestic(4, 0) = -40.0;
  const IoCoefficients c = io_coefficients(e);
  const LeontiefSystem io(c.technical_coefficients);
  const MrioTradeModel model(e, c, io);
  MrioTradeParameters prm;
  prm.price_feedback = false;
  for (double sigma_m : {0.0, 1.0, 3.0}) {
    CAPTURE(sigma_m);
    prm.source_substitution = sigma_m;
    const MrioShockedSystem sys = model.shocked_system({{"AAA", GOODS, {"BBB", "CCC"}, 0.0, 0.25}}, prm);
    CHECK(sys.import_price_change(AAA, GOODS) == 0.25);
    const double p = 1.0 + sys.composite_price_change(AAA, GOODS);
    CHECK(p > 1.0);
    CHECK(p < 1.25);
  }
}

TEST_CASE("price feedback: the cost-push price model on the full MRIO") {
  World w;
  MrioTradeParameters prm;
  const std::vector<BilateralTariff> t = {{"AAA", GOODS, {"BBB", "CCC"}, 0.05, 0.30}};
  const MrioShockedSystem sys = w.model.shocked_system(t, prm);
  // Exact: Δpᵀ(I − A∘T) = 1ᵀ(A∘(T − 1)), T = 1.30/1.05 on rows (BBB|CCC, goods) in AAA's columns.
  Eigen::MatrixXd a = w.coefficients.technical_coefficients, g = Eigen::MatrixXd::Zero(6, 6);
  for (int row : {2, 4})
    for (int col : {0, 1}) g(row, col) = a(row, col) * (1.30 / 1.05 - 1.0);
  const Eigen::MatrixXd lhs = Eigen::MatrixXd::Identity(6, 6) - a - g;
  const Eigen::VectorXd dp = lhs.transpose().fullPivLu().solve(g.transpose() * Eigen::VectorXd::Ones(6));
  CHECK((sys.price_change - dp).cwiseAbs().maxCoeff() <= 1e-13);
  CHECK(sys.price_change(0) > 0.0);
  CHECK(sys.price_change(2) > 0.0);  // BBB pays more for AAA's inputs it uses
  // Pass-through 0: no price moves, no quantity moves.
  prm.pass_through = 0.0;
  const MrioTradeResult r = w.model.solve(t, prm);
  CHECK(r.output_change.cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("a prohibitive tariff drives the taxed imports towards zero, finitely") {
  World w;
  const MrioTradeResult r = w.model.solve({{"AAA", GOODS, {"BBB"}, 0.0, 50.0}}, MrioTradeParameters{});
  REQUIRE(r.converged);
  CHECK(std::isfinite(r.gross_output.sum()));
  CHECK(flow(r, AAA, GOODS, BBB).after < 1e-3 * flow(r, AAA, GOODS, BBB).before);
  CHECK(r.gross_output.minCoeff() > 0.0);
}

TEST_CASE("jobs in a region without employment are unknown (NaN), never zero") {
  World w;
  w.economy.employment_known = {true, true, true, true, false, false};
  const IoCoefficients c = io_coefficients(w.economy);
  const LeontiefSystem io(c.technical_coefficients);
  const MrioTradeModel model(w.economy, c, io);
  const MrioTradeResult r = model.solve({{"AAA", GOODS, {"BBB"}, 0.0, 0.25}}, MrioTradeParameters{});
  CHECK(std::isnan(r.jobs_change(4)));
  CHECK(std::isnan(r.jobs_change_by_region(CCC)));
  CHECK(r.output_change(4) > 0.0);  // output results still there
  CHECK(std::isfinite(r.jobs_change_by_region(AAA)));
}

TEST_CASE("bad measures, parameters and layouts are rejected with a clear message") {
  World w;
  const MrioTradeParameters prm;
  CHECK_THROWS_WITH_AS(w.model.solve({{"ZZZ", 0, {}, 0.0, 0.1}}, prm),
                       "tariff 0: importer 'ZZZ' is not a region of the table", std::invalid_argument);
  CHECK_THROWS_WITH_AS(w.model.solve({{"AAA", 2, {}, 0.0, 0.1}}, prm), "tariff 0: product 2 is outside 0..1",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(w.model.solve({{"AAA", 0, {"AAA"}, 0.0, 0.1}}, prm),
                       "tariff 0: source 'AAA' is the importer itself: a tariff applies to imports",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(w.model.solve({{"AAA", 0, {}, 0.0, -0.1}}, prm),
                       "tariff 0: rates from = 0, to = -0.1: must be finite rates >= 0 (write 25% as 0.25)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(w.model.solve({{"AAA", 0, {"BBB"}, 0.0, 0.1}, {"AAA", 0, {}, 0.0, 0.2}}, prm),
                       "tariff 1: imports of product 0 from BBB into AAA are already taxed by an earlier tariff",
                       std::invalid_argument);
  MrioTradeParameters bad;
  auto why = [](const MrioTradeParameters& p) {
    std::string error;
    CHECK_FALSE(p.is_valid(2, &error));
    return error;
  };
  CHECK(MrioTradeParameters{}.is_valid(2, nullptr));
  bad.pass_through = 1.5;
  CHECK(why(bad) == "MrioTradeParameters::pass_through = 1.5: must be in [0, 1]");
  bad = MrioTradeParameters{};
  bad.armington_by_product = Eigen::VectorXd::Constant(3, 1.0);
  CHECK(why(bad) == "MrioTradeParameters::armington_by_product has 3 entries: must have one per product (2) or none");
  bad = MrioTradeParameters{};
  bad.final_demand_elasticity = 0.5;
  CHECK_THROWS_WITH_AS(w.model.solve({}, bad),
                       "MrioTradeParameters::final_demand_elasticity = 0.5: must be a finite number <= 0",
                       std::invalid_argument);

  Economy single = w.economy;
  single.sector_regions.clear();
  CHECK_THROWS_WITH_AS(MrioTradeModel(single, w.coefficients, w.io),
                       "MRIO trade model: the economy has 0 sector regions for 6 sectors: expected a multi-region "
                       "economy (sectors.csv with a 'region' column)",
                       std::invalid_argument);
  Economy renamed = w.economy;
  renamed.sector_codes[3] = "BBB_other";
  CHECK_THROWS_WITH_AS(MrioTradeModel(renamed, w.coefficients, w.io),
                       "MRIO trade model: sector 4 is 'BBB_other' (region BBB): expected 'BBB_services' (codes "
                       "<REGION>_<industry>, same industries in every region)",
                       std::invalid_argument);
}
