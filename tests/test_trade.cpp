// ctest-labels: unit
// Tests of the trade module (docs/model.md §3): hand cases against closed forms and SMART's linear
// formula, trade diversion and the CES adding-up identity, the σ limits, zero change, extreme
// tariffs, quotas, the row identity after every shock, every solver path against a fresh
// factorisation of the shocked table, the price feedback, batches, and failures.
#include <doctest/doctest.h>

#include <cmath>

#include "trade_test_support.h"
#include "tradejobs/models/trade.h"

using namespace tradejobs;
using tradejobs::test::check_identities;
using tradejobs::test::relative_difference;
using tradejobs::test::TradeFixture;

namespace {

/// One product that is only imported (no domestic supply): final demand for imports `imports`
/// split over partners by `shares`, baseline tariffs `tariffs`.
Economy imported_only(const std::vector<double>& shares, const std::vector<double>& tariffs, double imports = 100.0) {
  Economy e;
  e.name = "imported-only";
  e.sector_codes = {"G"};
  e.sector_names = {"Goods"};
  e.intermediate_domestic = Eigen::MatrixXd::Zero(1, 1);
  e.intermediate_imported = Eigen::MatrixXd::Zero(1, 1);
  e.final_demand_categories = {"household"};
  e.final_demand_domestic = Eigen::MatrixXd::Zero(1, 1);
  e.final_demand_imported = Eigen::MatrixXd::Constant(1, 1, imports);
  e.export_partners = {"total"};
  e.exports = Eigen::MatrixXd::Zero(1, 1);
  e.value_added_components = {"compensation"};
  e.value_added = Eigen::MatrixXd::Zero(1, 1);
  const int r = static_cast<int>(shares.size());
  e.import_shares.resize(1, r);
  e.tariffs.resize(1, r);
  for (int k = 0; k < r; ++k) {
    e.import_partners.push_back("P" + std::to_string(k + 1));
    e.import_shares(0, k) = shares[k];
    e.tariffs(0, k) = tariffs[k];
  }
  return e;
}

/// Two sectors: goods (domestic supply 800, imports 400 for final use from two partners at
/// 5%) and services (no imports).
Economy goods_and_services() {
  Economy e;
  e.name = "two-sector";
  e.sector_codes = {"G", "S"};
  e.sector_names = {"Goods", "Services"};
  e.intermediate_domestic.resize(2, 2);
  e.intermediate_domestic << 200, 100, 150, 100;
  e.intermediate_imported = Eigen::MatrixXd::Zero(2, 2);
  e.final_demand_categories = {"household"};
  e.final_demand_domestic.resize(2, 1);
  e.final_demand_domestic << 500, 450;
  e.final_demand_imported.resize(2, 1);
  e.final_demand_imported << 400, 0;
  e.export_partners = {"total"};
  e.exports.resize(2, 1);
  e.exports << 200, 100;
  e.value_added_components = {"compensation", "other"};
  e.value_added.resize(2, 2);
  e.value_added << 330, 324, 220, 216;
  e.import_partners = {"P1", "P2"};
  e.import_shares.resize(2, 2);
  e.import_shares << 0.6, 0.4, 0.5, 0.5;
  e.tariffs = Eigen::MatrixXd::Constant(2, 2, 0.05);
  return e;
}

/// One sector using itself heavily: x = 100, Zd = `own`, Zm = `imported`, final demand 100 − own.
Economy one_sector(double own, double imported) {
  Economy e;
  e.name = "one-sector";
  e.sector_codes = {"M"};
  e.sector_names = {"Manufacturing"};
  e.intermediate_domestic = Eigen::MatrixXd::Constant(1, 1, own);
  e.intermediate_imported = Eigen::MatrixXd::Constant(1, 1, imported);
  e.final_demand_categories = {"household"};
  e.final_demand_domestic = Eigen::MatrixXd::Constant(1, 1, 100.0 - own);
  e.final_demand_imported = Eigen::MatrixXd::Zero(1, 1);
  e.export_partners = {"total"};
  e.exports = Eigen::MatrixXd::Zero(1, 1);
  e.value_added_components = {"compensation"};
  e.value_added = Eigen::MatrixXd::Constant(1, 1, 100.0 - own - imported);
  return e;
}

TradeParameters with_all(TradeParameters p, double sigma_d, double sigma_m, double eps) {
  p.armington.setConstant(sigma_d);
  p.source_substitution.setConstant(sigma_m);
  p.final_demand_elasticity.setConstant(eps);
  return p;
}

bool bitwise_equal(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

}  // namespace

TEST_CASE("hand case: one import source, no domestic supply, tariff cut from 10% to 0 and to 9.9%") {
  TradeFixture f(imported_only({1.0}, {0.10}));
  TradeParameters p = TradeParameters::defaults(1);
  p.final_demand_elasticity(0) = -1.5;
  TradeShock s = f.model.no_change();
  CHECK(s.tariff_base(0, 0) == 0.10);
  s.tariff(0, 0) = 0.0;
  const TradeResult r = f.model.solve(s, p, TradeOptions{});
  CHECK(r.imports_base(0, 0) == doctest::Approx(100.0));
  CHECK(r.imports(0, 0) == doctest::Approx(100.0 * std::pow(1.1, 1.5)).epsilon(1e-12));
  CHECK(std::abs(r.imports(0, 0) - 115.37) < 0.01);
  CHECK(r.import_price_index(0) == doctest::Approx(1.0 / 1.1).epsilon(1e-14));
  CHECK(r.tariff_revenue_base == doctest::Approx(10.0));
  CHECK(r.tariff_revenue == 0.0);
  check_identities(f.model, r);

  // SMART's linear trade creation M·η·Δt/(1+t) for a small cut, η = ε here (no domestic good).
  s.tariff(0, 0) = 0.099;
  const TradeResult small = f.model.solve(s, p, TradeOptions{});
  const double smart = 100.0 * (-1.5) * (0.099 - 0.10) / 1.10;
  CHECK(std::abs(smart) == doctest::Approx(0.1364).epsilon(1e-3));
  const double change = small.imports(0, 0) - small.imports_base(0, 0);
  CHECK(std::abs(change / smart - 1.0) < 0.01);
}

TEST_CASE("trade diversion: a preferential cut for one of three partners, and the CES adding-up identity") {
  // Identity tested (exact CES duality, §3 nest 2): with θ_r the baseline value shares at
  // tariff-inclusive prices, Σ_r θ_r · pm_r' · (M_r'/M_r) = PM' · (M'/M); with composite demand
  // elasticity 0 and no domestic supply M' = M, so the value-weighted changes add up:
  // Σ_r θ_r · (pm_r'·M_r'/M_r − 1) = PM' − 1.
  const std::vector<double> shares{0.5, 0.3, 0.2};
  const std::vector<double> tariffs{0.10, 0.08, 0.12};
  TradeFixture f(imported_only(shares, tariffs));
  for (double sigma_m : {3.0, 1.0, 0.5}) {
    CAPTURE(sigma_m);
    const TradeParameters p = with_all(TradeParameters::defaults(1), 1.5, sigma_m, 0.0);
    TradeShock s = f.model.no_change();
    s.tariff(0, 0) = 0.0;  // preferential cut for partner 1
    const TradeResult r = f.model.solve(s, p, TradeOptions{});
    CHECK(r.imports(0, 0) > r.imports_base(0, 0));
    CHECK(r.imports(0, 1) < r.imports_base(0, 1));
    CHECK(r.imports(0, 2) < r.imports_base(0, 2));
    CHECK(r.import_composite(0) == doctest::Approx(r.import_composite_base(0)).epsilon(1e-15));
    double theta_sum = 0.0;
    for (int k = 0; k < 3; ++k) theta_sum += shares[k] * (1.0 + tariffs[k]);
    double weighted = 0.0;
    for (int k = 0; k < 3; ++k) {
      const double theta = shares[k] * (1.0 + tariffs[k]) / theta_sum;
      weighted += theta * (r.partner_price(0, k) * r.imports(0, k) / r.imports_base(0, k) - 1.0);
    }
    CHECK(weighted == doctest::Approx(r.import_price_index(0) - 1.0).epsilon(1e-12));
    if (sigma_m == 1.0)  // Cobb–Douglas: every partner keeps its value share
      for (int k = 0; k < 3; ++k)
        CHECK(r.partner_price(0, k) * r.imports(0, k) / r.imports_base(0, k) ==
              doctest::Approx(r.import_price_index(0)).epsilon(1e-12));
    check_identities(f.model, r);
  }
}

TEST_CASE("limits: sigma = 0 and sigma = 1 are exact and continuous with their neighbours") {
  TradeFixture f(test::random_economy(56));
  const TradeShock s = test::tariff_shock(f.model, test::largest_importers(f.economy, 5), 0.3);
  const TradeParameters base = TradeParameters::defaults(56);
  auto run = [&](double sigma_d, double sigma_m) {
    TradeParameters p = base;
    p.armington.setConstant(sigma_d);
    p.source_substitution.setConstant(sigma_m);
    return f.model.solve(s, p, TradeOptions{});
  };
  SUBCASE("sigma_D near 1") {
    const TradeResult one = run(1.0, 3.0);
    for (double v : {1.0 - 1e-9, 1.0 + 1e-9}) {
      const TradeResult r = run(v, 3.0);
      CHECK(relative_difference(r.output, one.output) < 1e-8);
      CHECK(relative_difference(r.imports, one.imports) < 1e-8);
      CHECK(relative_difference(r.composite_price, one.composite_price) < 1e-8);
    }
    check_identities(f.model, one);
  }
  SUBCASE("sigma_M near 1") {
    const TradeResult one = run(1.5, 1.0);
    for (double v : {1.0 - 1e-9, 1.0 + 1e-9}) {
      const TradeResult r = run(1.5, v);
      CHECK(relative_difference(r.imports, one.imports) < 1e-8);
      CHECK(relative_difference(r.import_price_index, one.import_price_index) < 1e-8);
    }
  }
  SUBCASE("sigma = 0 (Leontief)") {
    const TradeResult zero = run(0.0, 0.0);
    CHECK((zero.domestic_factor.array() == 1.0).all());
    CHECK((zero.import_factor.array() == 1.0).all());
    for (int i = 0; i < 56; ++i)
      for (int k = 0; k < f.model.import_partners(); ++k)
        if (zero.imports_base(i, k) > 0.0)
          CHECK(zero.imports(i, k) / zero.imports_base(i, k) ==
                doctest::Approx(zero.import_composite(i) / zero.import_composite_base(i)).epsilon(1e-12));
    const TradeResult near = run(1e-9, 1e-9);
    CHECK(relative_difference(near.output, zero.output) < 1e-8);
    CHECK(relative_difference(near.imports, zero.imports) < 1e-8);
    check_identities(f.model, zero);
  }
}

TEST_CASE("removing a 500% tariff: sigma_M = 1 +- 1e-9 continuous, sigma_M = 500 finite (careful CES index)") {
  // One imported product from three partners, ε = 0 so the import composite stays M: partner 1's
  // tariff 5 → 0 (pm = 1/6), partner 3's 0.1 → 1e6 (pm ≈ 9.1e5), partner 2 unchanged (pm = 1).
  const std::vector<double> shares{0.5, 0.3, 0.2}, tariffs{5.0, 0.0, 0.1};
  TradeFixture f(imported_only(shares, tariffs));
  TradeShock s = f.model.no_change();
  s.tariff(0, 0) = 0.0;
  s.tariff(0, 2) = 1e6;
  double theta[3], total = 0.0;
  for (int k = 0; k < 3; ++k) total += shares[k] * (1.0 + tariffs[k]);
  for (int k = 0; k < 3; ++k) theta[k] = shares[k] * (1.0 + tariffs[k]) / total;
  auto run = [&](double sigma_m) {
    return f.model.solve(s, with_all(TradeParameters::defaults(1), 1.5, sigma_m, 0.0), {});
  };
  SUBCASE("sigma_M = 1 +- 1e-9") {
    const TradeResult one = run(1.0);
    double mean = 0.0, var = 0.0;
    for (int k = 0; k < 3; ++k) mean += theta[k] * std::log(one.partner_price(0, k));
    for (int k = 0; k < 3; ++k) var += theta[k] * std::pow(std::log(one.partner_price(0, k)) - mean, 2.0);
    CHECK(one.import_price_index(0) == doctest::Approx(std::exp(mean)).epsilon(1e-14));
    for (double rho : {1e-9, -1e-9}) {
      CAPTURE(rho);
      const TradeResult r = run(1.0 - rho);
      // ln PM = E_θ ln pm + ρ/2·Var_θ(ln pm) + O(ρ²), ρ = 1 − σ_M: to rounding of PM.
      CHECK(std::abs(r.import_price_index(0) / one.import_price_index(0) - 1.0 - rho * var / 2.0) < 1e-14);
      CHECK(relative_difference(r.imports, one.imports) < 1e-7);
      check_identities(f.model, r);
    }
  }
  SUBCASE("sigma_M = 500") {
    // θ_1·(1/6)^(1−500) overflows a double; PM = (1/6)·θ_1^(−1/499), the other terms being
    // 6^−499 times smaller or less.
    const TradeResult r = run(500.0);
    CHECK(r.import_price_index(0) == doctest::Approx(std::pow(theta[0], -1.0 / 499.0) / 6.0).epsilon(1e-13));
    double weighted = 0.0;  // CES adding up (M' = M): Σ_r θ_r·pm_r'·M_r'/M_r = PM'
    for (int k = 0; k < 3; ++k) weighted += theta[k] * r.partner_price(0, k) * r.imports(0, k) / r.imports_base(0, k);
    CHECK(weighted == doctest::Approx(r.import_price_index(0)).epsilon(1e-12));
    CHECK(r.imports(0, 0) > r.imports_base(0, 0));
    CHECK(r.imports(0, 1) < 1e-100 * r.imports_base(0, 1));
    CHECK(r.imports(0, 2) == 0.0);  // (PM/9.1e5)^500 underflows: the prohibited partner sells nothing
    check_identities(f.model, r);
  }
}

TEST_CASE("zero change gives exactly zero change everywhere") {
  for (bool feedback : {true, false}) {
    CAPTURE(feedback);
    TradeOptions o;
    o.price_feedback = feedback;
    for (int which = 0; which < 2; ++which) {
      TradeFixture f(which == 0 ? test::random_economy(56) : goods_and_services());
      const int n = f.model.sectors();
      const TradeResult r = f.model.solve(f.model.no_change(), TradeParameters::defaults(n), o);
      CHECK(r.solver_path == "baseline");
      CHECK(bitwise_equal(r.output, f.model.baseline_output()));
      CHECK((r.output_change.array() == 0.0).all());
      CHECK((r.effective_demand_change.array() == 0.0).all());
      CHECK((r.domestic_price.array() == 1.0).all());
      CHECK((r.import_price_index.array() == 1.0).all());
      CHECK((r.composite_price.array() == 1.0).all());
      CHECK((r.domestic_factor.array() == 1.0).all());
      CHECK((r.import_factor.array() == 1.0).all());
      CHECK((r.final_demand_factor.array() == 1.0).all());
      CHECK(bitwise_equal(r.imports, r.imports_base));
      CHECK(bitwise_equal(r.exports, r.exports_base));
      CHECK(bitwise_equal(r.final_demand, r.final_demand_base));
      CHECK((r.imports_change.array() == 0.0).all());
      CHECK((r.exports_change.array() == 0.0).all());
      CHECK(r.tariff_revenue == r.tariff_revenue_base);
      CHECK(r.ntm_rent == 0.0);
      // The solved baseline is the table's gross output to rounding.
      CHECK(relative_difference(r.output_base, gross_output(f.economy)) < 1e-12);
    }
  }
}

TEST_CASE("extreme tariffs: prohibitive drives imports towards zero, 300% is finite and sensible") {
  TradeFixture f(goods_and_services());
  const TradeParameters p = TradeParameters::defaults(2);
  for (bool feedback : {true, false}) {
    CAPTURE(feedback);
    TradeOptions o;
    o.price_feedback = feedback;
    TradeShock s = f.model.no_change();
    s.tariff.row(0).setConstant(1e6);
    const TradeResult r = f.model.solve(s, p, o);
    for (int k = 0; k < 2; ++k) CHECK(r.imports(0, k) < 1e-6 * r.imports_base(0, k));
    CHECK(r.output(0) > r.output_base(0));  // domestic supply replaces imports
    check_identities(f.model, r);

    s.tariff.row(0).setConstant(3.0);  // 300%
    const TradeResult t = f.model.solve(s, p, o);
    CHECK(t.imports(0, 0) < t.imports_base(0, 0));
    CHECK(t.imports(0, 0) > 0.0);
    CHECK(t.imports(0, 0) > r.imports(0, 0));
    CHECK(t.output(0) > t.output_base(0));
    CHECK(t.output(0) < r.output(0));
    CHECK(t.import_price_index(0) == doctest::Approx(4.0 / 1.05));
    CHECK(t.tariff_revenue > 0.0);
    check_identities(f.model, t);
  }
}

TEST_CASE("quota: the tariff equivalent reproduces the quota; a non-binding quota changes nothing") {
  TradeOptions o;
  SUBCASE("two-sector economy, one partner and both partners") {
    TradeFixture f(goods_and_services());
    const TradeParameters p = TradeParameters::defaults(2);
    TradeShock s = f.model.no_change();
    s.quotas.push_back({0, {0}, 180.0});  // baseline volume 240
    const TradeResult r = f.model.solve(s, p, o);
    REQUIRE(r.quotas.size() == 1);
    const QuotaResult& q = r.quotas[0];
    CHECK(q.binding);
    CHECK(q.status == "binding");
    CHECK(q.tariff_equivalent > 0.0);
    CHECK(std::abs(q.volume - 180.0) <= o.quota_tolerance * 180.0);
    CHECK(r.imports(0, 0) == doctest::Approx(q.volume).epsilon(1e-14));
    CHECK(q.volume_without_quota == doctest::Approx(240.0));
    CHECK(q.rent == doctest::Approx(q.tariff_equivalent * q.volume).epsilon(1e-12));  // pw = 1
    CHECK(r.quota_rent == q.rent);
    CHECK(r.imports(0, 1) > r.imports_base(0, 1));  // diversion to the other partner
    check_identities(f.model, r);

    // The tariff equivalent as a plain tariff gives the quota volume.
    TradeShock t = f.model.no_change();
    t.tariff(0, 0) += q.tariff_equivalent;
    const TradeResult rt = f.model.solve(t, p, o);
    CHECK(std::abs(rt.imports(0, 0) - 180.0) <= 2.0 * o.quota_tolerance * 180.0);
    CHECK(relative_difference(rt.output, r.output) < 1e-12);

    TradeShock both = f.model.no_change();
    both.quotas.push_back({0, {0, 1}, 300.0});  // baseline 400
    const TradeResult rb = f.model.solve(both, p, o);
    CHECK(std::abs(rb.imports.row(0).sum() - 300.0) <= o.quota_tolerance * 300.0);
    CHECK(rb.quotas[0].binding);
  }
  SUBCASE("non-binding quota") {
    TradeFixture f(goods_and_services());
    const TradeParameters p = TradeParameters::defaults(2);
    TradeShock s = f.model.no_change();
    s.tariff(0, 1) = 0.2;
    const TradeResult plain = f.model.solve(s, p, o);
    s.quotas.push_back({0, {0}, 1000.0});
    const TradeResult r = f.model.solve(s, p, o);
    REQUIRE(r.quotas.size() == 1);
    CHECK_FALSE(r.quotas[0].binding);
    CHECK(r.quotas[0].status == "not binding");
    CHECK(r.quotas[0].tariff_equivalent == 0.0);
    CHECK(r.quotas[0].rent == 0.0);
    CHECK(bitwise_equal(r.output, plain.output));
    CHECK(bitwise_equal(r.imports, plain.imports));
    CHECK(bitwise_equal(r.exports, plain.exports));
    CHECK(r.notes.size() == 1);
  }
  SUBCASE("random economy with price feedback, two quotas at once") {
    TradeFixture f(test::random_economy(56));
    const TradeParameters p = TradeParameters::defaults(56);
    const std::vector<int> top = test::largest_importers(f.economy, 2);
    TradeShock s = f.model.no_change();
    const TradeResult base = f.model.solve(s, p, o);
    const double v0 = base.imports_base(top[0], 1);
    const double v1 = base.imports_base(top[1], 0) + base.imports_base(top[1], 2);
    s.quotas.push_back({top[0], {1}, 0.8 * v0});
    s.quotas.push_back({top[1], {0, 2}, 0.9 * v1});
    const TradeResult r = f.model.solve(s, p, o);
    CHECK(r.quotas[0].binding);
    CHECK(r.quotas[1].binding);
    CHECK(std::abs(r.imports(top[0], 1) - 0.8 * v0) <= o.quota_tolerance * 0.8 * v0);
    CHECK(std::abs(r.imports(top[1], 0) + r.imports(top[1], 2) - 0.9 * v1) <= o.quota_tolerance * 0.9 * v1);
    CHECK(r.model_solves > 2);
    check_identities(f.model, r);
  }
  SUBCASE("a quota no tariff can reach") {
    TradeFixture f(goods_and_services());
    const TradeParameters p = with_all(TradeParameters::defaults(2), 0.0, 0.0, 0.0);
    TradeShock s = f.model.no_change();
    s.quotas.push_back({0, {0, 1}, 100.0});
    CHECK_THROWS_AS(f.model.solve(s, p, o), QuotaError);
  }
}

TEST_CASE("identities hold after every kind of shock") {
  TradeFixture f(test::random_economy(56));
  const int n = 56;
  const TradeParameters p = TradeParameters::defaults(n);
  const std::vector<int> top = test::largest_importers(f.economy, 8);
  std::vector<TradeShock> shocks;
  shocks.push_back(test::tariff_shock(f.model, top, 0.2));
  TradeShock ntm = f.model.no_change();
  ntm.ntm_cost(top[0], 0) = 0.1;
  ntm.ntm_rent(top[1], 1) = 0.15;
  shocks.push_back(ntm);
  TradeShock world = f.model.no_change();
  world.import_price.row(top[2]).setConstant(1.3);
  world.import_price.row(top[3]).setConstant(0.8);
  shocks.push_back(world);
  TradeShock access = f.model.no_change();
  access.export_tariff.col(0).setZero();
  access.export_demand_shift.col(1).setConstant(0.9);
  shocks.push_back(access);
  TradeShock procurement = f.model.no_change();
  procurement.final_demand_change(5) = 250.0;
  procurement.final_demand_change(7) = -40.0;
  shocks.push_back(procurement);
  TradeShock cut = f.model.no_change();
  cut.tariff.setZero();
  shocks.push_back(cut);
  for (bool feedback : {true, false}) {
    TradeOptions o;
    o.price_feedback = feedback;
    for (size_t k = 0; k < shocks.size(); ++k) {
      CAPTURE(feedback);
      CAPTURE(k);
      const TradeResult r = f.model.solve(shocks[k], p, o);
      check_identities(f.model, r);
      CHECK(relative_difference(r.output, f.model.solve_fresh(r)) < 1e-10);
      // g = (I − A)·Δx
      const Eigen::MatrixXd& a = f.coefficients.technical_coefficients;
      CHECK(relative_difference(r.effective_demand_change, r.output_change - a * r.output_change) < 1e-12);
    }
  }
  // NTM rent is reported, NTM cost is not; both raise the partner price.
  const TradeResult r = f.model.solve(shocks[1], p, TradeOptions{});
  CHECK(r.ntm_rent > 0.0);
  CHECK(r.partner_price(top[0], 0) == doctest::Approx(1.0 + 0.1 / (1.0 + f.economy.tariffs(top[0], 0))));
  // Pass-through scales the partner-price change and lowers the world price.
  TradeParameters half = p;
  half.pass_through.setConstant(0.5);
  const TradeResult h = f.model.solve(shocks[0], half, TradeOptions{});
  const int i = top[0];
  const double raw = (1.0 + f.economy.tariffs(i, 0) + 0.2) / (1.0 + f.economy.tariffs(i, 0));
  CHECK(h.partner_price(i, 0) == doctest::Approx(1.0 + 0.5 * (raw - 1.0)));
  CHECK(h.world_price(i, 0) < 1.0);
  check_identities(f.model, h);
}

TEST_CASE("solver paths equal a fresh factorisation of the shocked table (random 56-sector economy)") {
  test::check_solver_paths_against_fresh_factorisation(test::random_economy(56));
  test::check_solver_paths_against_fresh_factorisation(test::random_economy(56, 1, 1, 7));
}

TEST_CASE("default path choice: Woodbury with few moving rows, iteration with the price feedback") {
  TradeFixture f(test::random_economy(56));
  const TradeParameters p = TradeParameters::defaults(56);
  const TradeShock s = test::tariff_shock(f.model, test::largest_importers(f.economy, 3), 0.1);
  TradeOptions off;
  off.price_feedback = false;
  const TradeResult w = f.model.solve(s, p, off);
  CHECK(w.solver_path == "woodbury");
  CHECK(w.moving_rows == 3);
  const TradeResult it = f.model.solve(s, p, TradeOptions{});
  CHECK(it.moving_rows > TradeOptions{}.woodbury_max_rank);
  CHECK(it.solver_path == "iterative");
  CHECK(it.iterations < 30);
  CHECK(it.spectral_radius_bound < 1.0);
}

TEST_CASE("price feedback: a tariff on an imported input raises users' prices and lowers their exports") {
  TradeFixture f(test::random_economy(56));
  const int n = 56;
  const TradeParameters p = TradeParameters::defaults(n);
  const Eigen::MatrixXd& am = f.coefficients.import_coefficients;
  Eigen::Index input = 0;
  am.rowwise().sum().maxCoeff(&input);
  const TradeShock s = test::tariff_shock(f.model, {static_cast<int>(input)}, 0.5);
  const TradeResult on = f.model.solve(s, p, TradeOptions{});
  TradeOptions no_feedback;
  no_feedback.price_feedback = false;
  const TradeResult off = f.model.solve(s, p, no_feedback);
  int users = 0;
  for (int j = 0; j < n; ++j) {
    if (am(input, j) > 0.0) {
      ++users;
      CHECK(on.domestic_price(j) > 1.0);
      CHECK(on.exports_change(j) < 0.0);
    }
    CHECK(off.domestic_price(j) == 1.0);
    if (j != input) {
      CHECK(off.exports_change(j) == 0.0);
      CHECK(off.domestic_factor(j) == 1.0);
    }
  }
  CHECK(users > 5);
  check_identities(f.model, on);
  check_identities(f.model, off);
}

TEST_CASE("batched solve equals one-at-a-time solve") {
  TradeFixture f(test::random_economy(56));
  const int n = 56;
  const TradeParameters p = TradeParameters::defaults(n);
  const std::vector<int> top = test::largest_importers(f.economy, 20);
  std::vector<TradeShock> shocks;
  shocks.push_back(f.model.no_change());
  shocks.push_back(test::tariff_shock(f.model, {top[0]}, 0.1));
  shocks.push_back(test::tariff_shock(f.model, {top[0]}, 0.3));  // same moving rows as the previous
  shocks.push_back(test::tariff_shock(f.model, {top.begin(), top.begin() + 5}, 0.2));
  shocks.push_back(test::tariff_shock(f.model, top, 0.15));
  TradeShock fd = f.model.no_change();
  fd.final_demand_change(3) = 100.0;
  shocks.push_back(fd);
  TradeShock world = f.model.no_change();
  world.import_price.row(top[4]).setConstant(1.2);
  world.export_demand_shift.col(0).setConstant(1.05);
  shocks.push_back(world);
  TradeShock quota = f.model.no_change();
  quota.quotas.push_back({top[1], {0}, 0.7 * f.model.solve(quota, p, TradeOptions{}).imports_base(top[1], 0)});
  shocks.push_back(quota);

  for (bool feedback : {true, false}) {
    CAPTURE(feedback);
    TradeOptions o;
    o.price_feedback = feedback;
    std::vector<TradeParameters> ps{p};
    const TradeBatchResult batch = f.model.solve_batch(shocks, ps, o);
    REQUIRE(batch.results.size() == shocks.size());
    CHECK(batch.failed == 0);
    for (size_t k = 0; k < shocks.size(); ++k) {
      CAPTURE(k);
      CHECK(batch.errors[k].empty());
      const TradeResult one = f.model.solve(shocks[k], p, o);
      const TradeResult& b = batch.results[k];
      CHECK(b.solver_path == one.solver_path);
      CHECK(relative_difference(b.output, one.output) <= 1e-10);
      CHECK(relative_difference(b.output_change, one.output_change) <= 1e-10);
      CHECK(relative_difference(b.imports, one.imports) <= 1e-10);
      CHECK(relative_difference(b.exports, one.exports) <= 1e-10);
      CHECK(relative_difference(b.domestic_price, one.domestic_price) <= 1e-10);
      check_identities(f.model, b);
    }
    CHECK(bitwise_equal(batch.results[0].output, f.model.baseline_output()));
  }
  // One parameter set per run.
  std::vector<TradeParameters> per_run(shocks.size(), p);
  for (size_t k = 0; k < per_run.size(); ++k) per_run[k].armington.setConstant(0.5 + 0.25 * k);
  const TradeBatchResult batch = f.model.solve_batch(shocks, per_run, TradeOptions{});
  for (size_t k = 0; k < shocks.size(); ++k)
    CHECK(relative_difference(batch.results[k].output, f.model.solve(shocks[k], per_run[k], TradeOptions{}).output) <=
          1e-10);
}

TEST_CASE("batched products equal the one-run vector path: cost push, explicit L, blocked LU") {
  // n = 56 holds the explicit L (batches run on GEMMs); n = 230 does not (blocked LU solves).
  for (int n : {56, 230}) {
    CAPTURE(n);
    TradeFixture f(test::random_economy(n));
    CHECK(f.model.has_explicit_inverse() == (n <= TradeModel::kExplicitInverseMaxSectors));
    const std::vector<int> top = test::largest_importers(f.economy, 10);
    std::vector<TradeShock> shocks;
    std::vector<TradeParameters> ps;
    for (int k = 0; k < 9; ++k) {  // tariffs on 1..9 products, elasticities per run, one final-demand shock
      TradeShock s = test::tariff_shock(f.model, {top.begin(), top.begin() + 1 + k}, 0.05 + 0.03 * k);
      if (k == 4) {
        s = f.model.no_change();
        s.final_demand_change(2) = 50.0;
        s.final_demand_change(7) = -20.0;
      }
      shocks.push_back(s);
      TradeParameters p = TradeParameters::defaults(n);
      p.armington.setConstant(0.8 + 0.2 * k);
      p.source_substitution.setConstant(1.5 + 0.3 * k);
      p.export_demand.setConstant(-0.8 - 0.15 * k);
      ps.push_back(p);
    }
    shocks.push_back(f.model.no_change());
    ps.push_back(TradeParameters::defaults(n));
    for (bool feedback : {true, false}) {
      CAPTURE(feedback);
      TradeOptions o;
      o.price_feedback = feedback;
      const TradeBatchResult batch = f.model.solve_batch(shocks, ps, o);
      REQUIRE(batch.failed == 0);
      for (size_t k = 0; k < shocks.size(); ++k) {
        CAPTURE(k);
        const TradeResult one = f.model.solve(shocks[k], ps[k], o);
        const TradeResult& b = batch.results[k];
        CHECK(b.solver_path == one.solver_path);
        // The cost push of the batch (one product over the runs) equals the per-run one.
        const Eigen::VectorXd dp_batch = b.domestic_price.array() - 1.0, dp_one = one.domestic_price.array() - 1.0;
        CHECK(relative_difference(dp_batch, dp_one) <= 1e-12);
        // Exact paths (baseline, Woodbury) agree to rounding; the iteration to its tolerance.
        const double tol = one.solver_path == "iterative" ? 1e-10 : 1e-12;
        CHECK(relative_difference(b.output_change, one.output_change) <= tol);
        CHECK(relative_difference(b.effective_demand_change, one.effective_demand_change) <= tol);
        CHECK(relative_difference(b.imports, one.imports) <= tol);
        CHECK(b.residual <= 1e-11);
        check_identities(f.model, b);
      }
      // A zero shock in a batch is bitwise the baseline, imports included.
      const TradeResult& zero = batch.results.back();
      CHECK(bitwise_equal(zero.output, f.model.baseline_output()));
      CHECK((zero.output_change.array() == 0.0).all());
      CHECK((zero.effective_demand_change.array() == 0.0).all());
      CHECK(bitwise_equal(zero.imports, zero.imports_base));
      // A batch of one run is solve() exactly.
      const TradeBatchResult lone = f.model.solve_batch({shocks[2]}, {ps[2]}, o);
      const TradeResult one = f.model.solve(shocks[2], ps[2], o);
      CHECK(bitwise_equal(lone.results[0].output, one.output));
      CHECK(bitwise_equal(lone.results[0].imports, one.imports));
      CHECK(lone.results[0].residual == one.residual);
    }
  }
}

TEST_CASE("the explicit inverse of a small model equals the LU solve") {
  // Feedback off, final-demand shocks only: the baseline path, x' = L·f', in a batch through the
  // explicit L (GEMM) and one run at a time through the LU factorisation.
  TradeFixture f(test::random_economy(56));
  REQUIRE(f.model.has_explicit_inverse());
  TradeOptions o;
  o.price_feedback = false;
  std::vector<TradeShock> shocks;
  for (int k = 0; k < 6; ++k) {
    TradeShock s = f.model.no_change();
    for (int i = 0; i < 56; i += 3 + k) s.final_demand_change(i) = 10.0 * (k + 1) * ((i % 2) ? 1.0 : -0.5);
    shocks.push_back(s);
  }
  const TradeBatchResult batch = f.model.solve_batch(shocks, {TradeParameters::defaults(56)}, o);
  for (size_t k = 0; k < shocks.size(); ++k) {
    CAPTURE(k);
    const TradeResult one = f.model.solve(shocks[k], TradeParameters::defaults(56), o);
    CHECK(batch.results[k].solver_path == "baseline");
    CHECK(relative_difference(batch.results[k].output_change, one.output_change) <= 1e-12);
    CHECK(relative_difference(batch.results[k].output, f.model.solve_fresh(batch.results[k])) <= 1e-12);
  }
}

TEST_CASE("not productive after the shock: a clear error; a productive table whose iteration diverges is solved") {
  TradeOptions o;
  o.price_feedback = false;
  SUBCASE("prohibitive tariff makes domestic supply replace imports beyond productivity") {
    // α = 100/130, σ_D = 1.5: d → α^-3 ≈ 2.2, so A' = 0.6·2.2 > 1.
    TradeFixture f(one_sector(60.0, 30.0));
    TradeShock s = f.model.no_change();
    s.tariff(0, 0) = 1e6;
    CHECK_THROWS_AS(f.model.solve(s, TradeParameters::defaults(1), o), NotProductiveError);
    TradeOptions iterate = o;
    iterate.woodbury_max_rank = 0;
    CHECK_THROWS_AS(f.model.solve(s, TradeParameters::defaults(1), iterate), NotProductiveError);
    iterate.fallback_to_woodbury = false;
    CHECK_THROWS_WITH_AS(f.model.solve(s, TradeParameters::defaults(1), iterate), doctest::Contains("iterative solve"),
                         NotProductiveError);
    // In a batch the failure is recorded for that run only.
    const TradeBatchResult b = f.model.solve_batch({s, f.model.no_change()}, {TradeParameters::defaults(1)}, o);
    CHECK(b.failed == 1);
    CHECK_FALSE(b.errors[0].empty());
    CHECK(b.errors[1].empty());
  }
  SUBCASE("cheap imports: the iteration diverges although A' is productive") {
    // d ≈ 0.03 on a row with A_ii = 0.6: ρ(L·ΔA) ≈ 1.45 > 1, while A' ≈ 0.02 is productive.
    TradeFixture f(one_sector(60.0, 30.0));
    TradeShock s = f.model.no_change();
    s.import_price(0, 0) = 0.01;
    TradeOptions iterate = o;
    iterate.woodbury_max_rank = 0;
    const TradeResult r = f.model.solve(s, TradeParameters::defaults(1), iterate);
    CHECK(r.solver_path == "woodbury-fallback");
    CHECK(r.notes.size() == 1);
    CHECK(relative_difference(r.output, f.model.solve_fresh(r)) < 1e-12);
    check_identities(f.model, r);
    iterate.fallback_to_woodbury = false;
    CHECK_THROWS_AS(f.model.solve(s, TradeParameters::defaults(1), iterate), NotProductiveError);
  }
}

TEST_CASE("validation names the field, the index, the value and the constraint") {
  TradeFixture f(goods_and_services());
  TradeParameters p = TradeParameters::defaults(2);
  std::string error;
  CHECK(p.is_valid(&error));
  p.armington(1) = -1.0;
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error == "TradeParameters::armington[1] = -1: must be finite and >= 0");
  p = TradeParameters::defaults(2);
  p.pass_through(0) = 1.5;
  CHECK_THROWS_WITH_AS(f.model.solve(f.model.no_change(), p, TradeOptions{}),
                       "TradeParameters::pass_through[0] = 1.5: must be in [0, 1]", std::invalid_argument);
  p = TradeParameters::defaults(2);
  p.export_demand(0) = -std::numeric_limits<double>::infinity();
  CHECK_FALSE(p.is_valid(&error));
  CHECK(error.find("export_demand[0]") != std::string::npos);
  CHECK_THROWS_AS(f.model.solve(f.model.no_change(), TradeParameters::defaults(3), TradeOptions{}),
                  std::invalid_argument);
  TradeShock s = f.model.no_change();
  s.import_price(1, 0) = 0.0;
  CHECK_FALSE(f.model.is_valid(s, &error));
  CHECK(error.rfind("TradeShock::import_price(1, 0) = 0", 0) == 0);
  s = f.model.no_change();
  s.tariff.resize(2, 3);
  CHECK_FALSE(f.model.is_valid(s, &error));
  s = f.model.no_change();
  s.quotas.push_back({0, {5}, 10.0});
  CHECK_FALSE(f.model.is_valid(s, &error));
  CHECK(error.find("quotas[0].partners[0] = 5") != std::string::npos);
  TradeOptions o;
  o.tolerance = 0.0;
  CHECK_FALSE(o.is_valid(&error));
  CHECK(error == "TradeOptions::tolerance = 0: must be in (0, 1)");
  CHECK(f.model.import_partners() == 2);
  CHECK(f.model.export_partners() == 1);
  CHECK(f.model.import_partner_names()[1] == "P2");
}

TEST_CASE("an economy without partner detail has one import partner, ROW, and zero tariffs") {
  Economy e = goods_and_services();
  e.import_partners.clear();
  e.import_shares.resize(0, 0);
  e.tariffs.resize(0, 0);
  TradeFixture f(e);
  CHECK(f.model.import_partners() == 1);
  CHECK(f.model.import_partner_names()[0] == "ROW");
  const TradeShock s0 = f.model.no_change();
  CHECK((s0.tariff_base.array() == 0.0).all());
  TradeShock s = s0;
  s.tariff(0, 0) = 0.1;
  const TradeResult r = f.model.solve(s, TradeParameters::defaults(2), TradeOptions{});
  CHECK(r.imports(0, 0) < r.imports_base(0, 0));
  CHECK(r.tariff_revenue == doctest::Approx(0.1 * r.imports(0, 0)));
  check_identities(f.model, r);
}
