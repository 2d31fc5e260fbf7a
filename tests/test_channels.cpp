// Export demand by partner, the use of tariff revenue and the labour-market presets (issue 18;
// docs/trade.md "Export demand by partner" and "Tariff revenue", docs/validation.md
// "Adjustment cost"), on the tiny hand-made economy of tests/fixtures/tiny_economy.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"
#include "tradejobs/engine/sweep.h"
#include "tradejobs/models/adjustment.h"
#include "tradejobs/models/input_output.h"
#include "tradejobs/models/trade.h"

namespace fs = std::filesystem;
using namespace tradejobs;

namespace {

const std::string kSource = TRADEJOBS_TEST_SOURCE_DIR;

/// A scratch folder with a copy of the tiny economy; scenario files are written next to it.
struct Folder {
  fs::path dir;
  explicit Folder(const std::string& tag) {
    dir = fs::temp_directory_path() / ("tradejobs_channels_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(kSource + "/tests/fixtures/tiny_economy", dir / "econ");
  }
  ~Folder() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

std::string scenario_text(const std::string& measures, const std::string& parameters, const std::string& options,
                          const std::string& labour_market = "{}") {
  return "schema_version: 1\nname: t\neconomy: econ\nmeasures:\n" + measures + "parameters: " + parameters +
         "\nlabour_market: " + labour_market + "\noptions: " + options + "\n";
}

const std::string kUsTariff = "  - type: tariff\n    sectors: [MAN]\n    partners: [CHN]\n    from: 0\n    to: 0.25\n";
const std::string kChinaTariff =
    "  - type: export_tariff\n    sectors: [AGR]\n    partners: [CHN]\n    from: 0\n    to: 0.2\n";

ScenarioResult run_file(const std::string& file, ResolvedScenario* rs_out = nullptr) {
  const Scenario s = load_scenario(file);
  const auto pe = prepare_economy(s.economy);
  const ResolvedScenario rs = resolve_scenario(s, *pe);
  if (rs_out) *rs_out = rs;
  return run_scenario(*pe, rs);
}

std::string error_of(const std::string& file) {
  try {
    run_file(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool bitwise_equal(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (std::memcmp(&a.data()[i], &b.data()[i], sizeof(double)) != 0) return false;
  return true;
}

}  // namespace

TEST_CASE("export_demand_by_partner: each partner's buyers respond with their own eta") {
  Folder f("eta");
  // No cost push, so the exports move by the export tariffs alone: e' = e·((1 + τ')/(1 + τ))^η.
  const std::string file = f.write(
      "s.yaml", scenario_text(kChinaTariff + "  - type: export_tariff\n    sectors: [AGR]\n    partners: [ROW]\n"
                                             "    from: 0\n    to: 0.1\n",
                              "{export_demand: -1.5, export_demand_by_partner: {CHN: {default: -2.5, AGR: -6.5}}}",
                              "{price_feedback: false}"));
  ResolvedScenario rs;
  const ScenarioResult r = run_file(file, &rs);
  const Eigen::MatrixXd& eta = rs.parameters.export_demand_by_partner;
  REQUIRE(eta.rows() == 3);
  REQUIRE(eta.cols() == 2);  // CHN, ROW as in exports.csv
  CHECK(eta(0, 0) == -6.5);  // AGR to CHN: the partner's sector value
  CHECK(eta(1, 0) == -2.5);  // MAN to CHN: the partner's default
  CHECK(eta(0, 1) == -1.5);  // AGR to ROW: export_demand
  CHECK(r.trade.exports(0, 0) == doctest::Approx(5.0 * std::pow(1.2, -6.5)).epsilon(1e-14));
  CHECK(r.trade.exports(0, 1) == doctest::Approx(15.0 * std::pow(1.1, -1.5)).epsilon(1e-14));

  // A matrix equal to export_demand for every partner gives bitwise the results without it.
  const std::string same =
      f.write("same.yaml",
              scenario_text(kChinaTariff, "{export_demand: -1.5, export_demand_by_partner: {CHN: -1.5, ROW: -1.5}}",
                            "{price_feedback: true}"));
  const std::string none =
      f.write("none.yaml", scenario_text(kChinaTariff, "{export_demand: -1.5}", "{price_feedback: true}"));
  const ScenarioResult a = run_file(same), b = run_file(none);
  CHECK(bitwise_equal(a.trade.output, b.trade.output));
  CHECK(bitwise_equal(a.trade.exports, b.trade.exports));
  CHECK(bitwise_equal(a.jobs.jobs_change, b.jobs.jobs_change));
}

TEST_CASE("export_demand_by_partner: bad values, partners and sectors are located errors") {
  Folder f("eta_bad");
  const std::string positive =
      f.write("p.yaml", scenario_text(kChinaTariff, "\n  export_demand_by_partner:\n    CHN: {AGR: 2}", "{}"));
  std::string err;
  try {
    load_scenario(positive);
  } catch (const InputError& e) {
    err = e.what();
  }
  CHECK(err == positive +
                   ":12:16: parameters.export_demand_by_partner.CHN.AGR = 2: must be a finite price elasticity "
                   "of foreign demand in [-100, 0]");
  const std::string partner =
      f.write("q.yaml", scenario_text(kChinaTariff, "{export_demand_by_partner: {USA: -2}}", "{}"));
  CHECK(error_of(partner) == partner +
                                 ":10:41: parameters.export_demand_by_partner.USA: unknown export partner 'USA': the "
                                 "economy tiny's export partners are CHN, ROW");
  const std::string sector =
      f.write("r.yaml", scenario_text(kChinaTariff, "{export_demand_by_partner: {CHN: {XYZ: -2}}}", "{}"));
  CHECK(error_of(sector) == sector +
                                ":10:41: parameters.export_demand_by_partner.CHN.XYZ: unknown sector 'XYZ': expected "
                                "a sector code or group of economy tiny (AGR, MAN, SER)");
  const std::string empty = f.write("e.yaml", scenario_text(kChinaTariff, "{export_demand_by_partner: {}}", "{}"));
  try {
    load_scenario(empty);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("parameters.export_demand_by_partner: expected a map from export partner") !=
          std::string::npos);
  }
  // The model rejects a matrix of the wrong width or a positive value (engine checks come first).
  TradeParameters p = TradeParameters::defaults(3);
  p.export_demand_by_partner = Eigen::MatrixXd::Constant(3, 2, 0.5);
  std::string why;
  CHECK_FALSE(p.is_valid(&why));
  CHECK(why ==
        "TradeParameters::export_demand_by_partner(0, 0) = 0.5: must be finite and <= 0 (-infinity is not allowed)");
}

TEST_CASE("export_demand_by_partner is sweepable: the partner default keeps the partner's sector values") {
  Folder f("eta_sweep");
  Scenario s = load_scenario(
      f.write("s.yaml", scenario_text(kChinaTariff, "{export_demand_by_partner: {CHN: {AGR: -6.5}}}", "{}")));
  CHECK(set_scenario_value(s, "parameters.export_demand_by_partner.CHN", -3.0).empty());
  CHECK(set_scenario_value(s, "parameters.export_demand_by_partner.ROW.MAN", -1.0).empty());
  CHECK(*s.export_demand_by_partner["CHN"].values.all == -3.0);
  CHECK(s.export_demand_by_partner["CHN"].values.by_sector.at("AGR") == -6.5);
  CHECK(s.export_demand_by_partner["ROW"].values.by_sector.at("MAN") == -1.0);
  CHECK(
      set_scenario_value(s, "parameters.export_demand_by_partner.CHN", 1.0) ==
      "parameters.export_demand_by_partner.CHN = 1: must be a finite price elasticity of foreign demand in [-100, 0]");
  CHECK(set_scenario_value(s, "parameters.export_demand_by_partner", -1.0) ==
        "expected parameters.export_demand_by_partner.PARTNER or parameters.export_demand_by_partner.PARTNER.SECTOR");
  const auto pe = prepare_economy(s.economy);
  const ResolvedScenario rs = resolve_scenario(s, *pe);
  CHECK(rs.parameters.export_demand_by_partner(0, 0) == -6.5);
  CHECK(rs.parameters.export_demand_by_partner(1, 0) == -3.0);
  CHECK(rs.parameters.export_demand_by_partner(1, 1) == -1.0);
  CHECK(rs.parameters.export_demand_by_partner(0, 1) == -2.0);  // export_demand's §3 default
}

TEST_CASE("tariff_revenue: zero revenue changes nothing, bit for bit") {
  Folder f("rev_zero");
  // The tiny economy has no baseline tariffs: China's tariff changes trade but raises no US
  // revenue, and a US tariff at scale 0 changes nothing.
  for (const std::string& measures : {kChinaTariff, kUsTariff.substr(0, kUsTariff.size() - 1) + "\n    scale: 0\n"}) {
    CAPTURE(measures);
    ScenarioResult retained = run_file(f.write("a.yaml", scenario_text(measures, "{}", "{induced: true}")));
    for (const char* use : {"households", "government"}) {
      CAPTURE(use);
      const ScenarioResult spent = run_file(f.write(
          "b.yaml", scenario_text(measures, "{}", std::string("{induced: true, tariff_revenue: ") + use + "}")));
      CHECK(spent.totals.tariff_revenue_change == 0.0);
      CHECK(spent.totals.tariff_revenue_spent == 0.0);
      CHECK(bitwise_equal(spent.trade.output, retained.trade.output));
      CHECK(bitwise_equal(spent.trade.imports, retained.trade.imports));
      CHECK(bitwise_equal(spent.trade.exports, retained.trade.exports));
      CHECK(bitwise_equal(spent.jobs.jobs_change, retained.jobs.jobs_change));
      CHECK(bitwise_equal(spent.output_change_induced, retained.output_change_induced));
      CHECK(bitwise_equal(spent.adjustment.by_sector.adjustment_cost, retained.adjustment.by_sector.adjustment_cost));
    }
  }
}

TEST_CASE("tariff_revenue: households and government spending equal a hand computation on the tiny economy") {
  // With σ_D = σ_M = 0, ε = 0, η = 0 and no cost push, the tariff moves nothing but the revenue,
  // so the spending is the whole effect and can be computed by hand from the fixture's tables.
  Eigen::Matrix3d zd, zm;
  zd << 10, 30, 5, 15, 60, 25, 5, 20, 40;
  zm << 2, 10, 3, 5, 30, 10, 1, 5, 7;
  const Eigen::Vector3d fd_h(40, 60, 100), fd_g(0, 10, 60), fm_h(5, 20, 3), exports(20, 50, 10);
  const Eigen::Vector3d comp(30, 40, 100), jobs(1000, 1500, 3000);
  const Eigen::Vector3d x = zd.rowwise().sum() + fd_h + fd_g + exports;  // 105, 220, 235
  const Eigen::Matrix3d a = zd * x.cwiseInverse().asDiagonal(), am = zm * x.cwiseInverse().asDiagonal();
  const Eigen::Matrix3d l = (Eigen::Matrix3d::Identity() - a).inverse();
  // Baseline imports of MAN: Am·x + Fm·1 = 45 + 20; China's share 0.5; the tariff 25%.
  const double r0 = 0.25 * 0.5 * (zm.row(1).sum() + 20.0);
  CHECK(r0 == 8.125);

  Folder f("rev_hand");
  const std::string zero = "{armington: 0, source_substitution: 0, final_demand_elasticity: 0, export_demand: 0}";
  for (const char* use : {"households", "government"}) {
    CAPTURE(use);
    const bool hh = std::string(use) == "households";
    const Eigen::Vector3d dom = hh ? fd_h : fd_g;
    const Eigen::Vector3d imp = hh ? fm_h : Eigen::Vector3d::Zero();
    const double total = dom.sum() + imp.sum();  // 228 for households, 70 for government
    // Revenue spent R buys R/total of the column; the MAN imports it draws pay the tariff too:
    // R = r0 + 0.125·(R/total)·(Am·L·dom + imp)_MAN, so R = r0 / (1 − 0.125·(Am·L·dom + imp)_MAN / total).
    const double k = (am * l * dom + imp)(1);
    const double revenue = r0 / (1.0 - 0.125 * k / total);
    const Eigen::Vector3d g = revenue / total * dom;  // effective demand change at base technology
    const Eigen::Vector3d dx = l * g;
    // Type II (docs/model.md §2): households closed with consumption Fd_h/Σcomp and income comp/x.
    Eigen::Matrix4d closed = Eigen::Matrix4d::Zero();
    closed.topLeftCorner<3, 3>() = a;
    closed.topRightCorner<3, 1>() = fd_h / comp.sum();
    closed.bottomLeftCorner<1, 3>() = comp.cwiseQuotient(x).transpose();
    Eigen::Vector4d g4 = Eigen::Vector4d::Zero();
    g4.head<3>() = g;
    const Eigen::Vector3d induced = ((Eigen::Matrix4d::Identity() - closed).inverse() * g4).head<3>() - dx;

    const std::string file = f.write(
        "s.yaml", scenario_text(kUsTariff, zero,
                                std::string("{price_feedback: false, induced: true, tariff_revenue: ") + use + "}"));
    const ScenarioResult r = run_file(file);
    CHECK(r.totals.tariff_revenue_change == doctest::Approx(revenue).epsilon(1e-12));
    CHECK(r.totals.tariff_revenue_spent == r.totals.tariff_revenue_change);
    for (int i = 0; i < 3; ++i) {
      CAPTURE(i);
      CHECK(r.trade.output_change(i) == doctest::Approx(dx(i)).epsilon(1e-10));
      CHECK(r.trade.effective_demand_change(i) == doctest::Approx(g(i)).epsilon(1e-10));
      CHECK(r.output_change_induced(i) == doctest::Approx(induced(i)).epsilon(1e-10));
      CHECK(r.jobs_change_induced(i) == doctest::Approx(jobs(i) / x(i) * induced(i)).epsilon(1e-10));
      // Final-use imports gain the column's imported part.
      CHECK(r.trade.imports_final(i) - fm_h(i) == doctest::Approx(revenue / total * imp(i)).epsilon(1e-10));
    }
    // Retained: nothing moves but the revenue.
    const ScenarioResult kept =
        run_file(f.write("k.yaml", scenario_text(kUsTariff, zero, "{price_feedback: false, induced: true}")));
    CHECK(kept.totals.tariff_revenue_change == doctest::Approx(r0).epsilon(1e-14));
    CHECK(kept.trade.output_change.cwiseAbs().maxCoeff() == 0.0);
  }
}

TEST_CASE("tariff_revenue: the sweep's batched path spends the revenue like run_scenario") {
  Folder f("rev_sweep");
  f.write("s.yaml", scenario_text(kUsTariff, "{}", "{tariff_revenue: households}"));
  f.write("k.yaml", scenario_text(kUsTariff, "{}", "{}"));
  const std::string vary = "vary:\n  - key: parameters.armington\n    values: [0.5, 1.5, 3]\n";
  const SweepPlan spent = prepare_sweep(f.write("w.yaml", "schema_version: 1\nbase: s.yaml\n" + vary));
  const SweepPlan kept = prepare_sweep(f.write("v.yaml", "schema_version: 1\nbase: k.yaml\n" + vary));
  for (std::uint64_t run = 0; run < 3; ++run) {
    CAPTURE(run);
    const RunRecord batched = compute_sweep_run(spent, run), single = compute_sweep_run_unbatched(spent, run);
    CHECK(batched.values == single.values);
    CHECK(batched.values[0] > compute_sweep_run(kept, run).values[0]);  // jobs_change: the spending adds jobs
  }
}

TEST_CASE("tariff_revenue: bad values and economies without the column are errors") {
  Folder f("rev_bad");
  const std::string bad = f.write("b.yaml", scenario_text(kUsTariff, "{}", "{tariff_revenue: rebate}"));
  try {
    load_scenario(bad);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          bad + ":12:27: options.tariff_revenue: 'rebate': expected retained, households or government");
  }
  // An economy whose second final-demand column is not called government.
  for (const char* file : {"final_demand_domestic.csv", "final_demand_imported.csv"}) {
    std::ifstream in(f.dir / "econ" / file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    text.replace(text.find("government"), 10, "public");
    std::ofstream(f.dir / "econ" / file) << text;
  }
  const std::string gov = f.write("g.yaml", scenario_text(kUsTariff, "{}", "{tariff_revenue: government}"));
  CHECK(error_of(gov) ==
        gov +
            ":12:11: options.tariff_revenue: government needs a final-demand column 'government' in economy "
            "tiny, which has household, public");
}

TEST_CASE("labour_market presets: defined values, overrides and errors") {
  const auto low = labour_market_preset("low_unemployment"), high = labour_market_preset("high_unemployment");
  REQUIRE(low);
  REQUIRE(high);
  CHECK_FALSE(labour_market_preset("boom"));
  CHECK(labour_market_preset_names() == std::vector<std::string>{"low_unemployment", "high_unemployment"});
  CHECK(low->discount_rate == 0.05);
  CHECK(high->discount_rate == 0.05);
  CHECK(low->horizon_years == 20);
  CHECK(high->horizon_years == 20);
  CHECK(low->unemployment_duration_years < high->unemployment_duration_years);
  CHECK(low->scarring_switchers < high->scarring_switchers);
  std::string why;
  CHECK(low->is_valid(&why));
  CHECK(high->is_valid(&why));

  Folder f("preset");
  ResolvedScenario rs;
  run_file(f.write("s.yaml", scenario_text(kUsTariff, "{}", "{}", "{preset: high_unemployment, discount_rate: 0.03}")),
           &rs);
  CHECK(rs.labour_market.discount_rate == 0.03);  // the explicit key overrides the preset
  CHECK(rs.labour_market.scarring_switchers == high->scarring_switchers);
  CHECK(rs.labour_market.unemployment_duration_years == high->unemployment_duration_years);
  const std::string bad = f.write("b.yaml", scenario_text(kUsTariff, "{}", "{}", "{preset: boom}"));
  try {
    load_scenario(bad);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(
        std::string(e.what()) ==
        bad +
            ":11:25: labour_market.preset: unknown preset 'boom': expected one of low_unemployment, high_unemployment");
  }
}

TEST_CASE("labour_market presets reproduce Davis and von Wachter's 1.4 and 2.8 years of lost earnings") {
  // A small sector sheds 100 of its 10,000 jobs in year 1 and a large one (1,000,000 jobs)
  // gains 100: almost all the displaced are re-employed in the large sector (switchers), as
  // in the US–China scenario, where the vacancies of the large service sectors dominate. On Davis and von Wachter's
  // basis (earnings lost while unemployed and after re-employment, 5% discounting) the loss per displaced worker, in
  // years of the previous wage, is their 1.4 in good times and 2.8 in bad (docs/validation.md gives the US–China
  // figures, which test_validation checks).
  AdjustmentInput in;
  in.sector_codes = {"A", "B"};
  in.jobs_base = Eigen::Vector2d(10000, 1000000);
  in.jobs_change_path = Eigen::MatrixXd::Zero(2, 21);  // 20 years, as the presets' horizon
  for (int t = 1; t <= 20; ++t) in.jobs_change_path.col(t) = Eigen::Vector2d(-100, 100);
  in.annual_wage = Eigen::Vector2d(50000, 50000);
  in.uncovered_share = Eigen::Vector2d::Zero();
  in.base_units_per_currency_unit = 1.0;
  auto years = [&](const LabourMarketParameters& p) {
    std::string why;
    REQUIRE_MESSAGE(is_valid(in, p, &why), why);
    const AdjustmentResult r = adjustment_path(in, p);
    return (r.total.earnings_lost_unemployed + r.total.scarring - r.beyond_horizon.earnings_lost_unemployed -
            r.beyond_horizon.scarring) /
           (r.displaced * 50000.0);
  };
  LabourMarketParameters defaults_dvw;  // the §5 defaults on their basis: 5%, 20 years
  defaults_dvw.discount_rate = 0.05;
  defaults_dvw.horizon_years = 20;
  const double low = years(*labour_market_preset("low_unemployment"));
  const double high = years(*labour_market_preset("high_unemployment"));
  CHECK(low == doctest::Approx(1.4).epsilon(0.05));
  CHECK(high == doctest::Approx(2.8).epsilon(0.05));
  CHECK(years(defaults_dvw) > low);  // the §5 defaults lie between the two
  CHECK(years(defaults_dvw) < high);
}
