/// \file bench_core.cpp
/// Benchmarks of the tradejobs solve core through its public APIs (issues 2, 3, 5). Every
/// figure is printed beside its yardstick measured in the same process: the single-thread
/// Eigen GEMM rate of the same shape (this target inherits EIGEN_DONT_PARALLELIZE from
/// tradejobs::models, so every Eigen product is single-threaded; T threads run T chunks of
/// runs at once, as the sweep runner does, and the GEMM yardstick then runs T products at once).
///
///   bench_core io WORLD_DIR                      (b) LU, solve, inverse, multipliers
///   bench_core woodbury WORLD_DIR [--runs R] [--fresh F]       (d) Woodbury vs refactorisation
///   bench_core crossover [--cols C]   L·X with the explicit inverse versus the blocked LU solve, by n
///   bench_core sweep CASE [--runs N] [--threads T] [--chunk B] [--dump DIR] [--check K]
///     CASE usa-china   (e) needs --scenario FILE (scenarios/us-china-2018.yaml)
///          world-fd    (f) needs --world WORLD_DIR
///          world-tariff-off | world-tariff-on  (g) needs --world WORLD_DIR
///          synthetic   (h) [--sectors 5000]
///
/// WORLD_DIR is the folder written by `tradejobs import wiod-wiot DATA/wiod2013_wiot --year 2011`.
/// --dump DIR writes the case's arrays (raw float64, column-major, listed in DIR/manifest.txt)
/// and the first K runs' parameters and tradejobs outputs for benchmarks/numpy_baseline.py.

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_economies.h"
#include "run/single_region_backend.h"
#include "tradejobs/engine/economy_io.h"
#include "tradejobs/engine/runner.h"
#include "tradejobs/engine/scenario.h"
#include "tradejobs/models/input_output.h"
#include "tradejobs/models/trade.h"

using namespace tradejobs;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/// Median time of f over `reps` repetitions (after one warm-up call).
double time_median(const std::function<void()>& f, int reps) {
  f();
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    t.push_back(seconds_since(t0));
  }
  return median(t);
}

/// GFLOP/s of C = A·B with A rows×inner and B inner×cols, `threads` independent products at
/// once (one per OpenMP thread, each single-threaded Eigen): the aggregate rate. Median of 5.
double gemm_gflops(int rows, int inner, int cols, int threads) {
  std::vector<double> rates;
  std::vector<Eigen::MatrixXd> a(threads), b(threads), c(threads);
  for (int t = 0; t < threads; ++t) {
    a[t] = Eigen::MatrixXd::Random(rows, inner);
    b[t] = Eigen::MatrixXd::Random(inner, cols);
    c[t] = Eigen::MatrixXd::Zero(rows, cols);
  }
  const double flops = 2.0 * rows * inner * cols;
  const int reps = std::max(1, static_cast<int>(2e9 / flops));  // about 0.05 s per sample
  for (int s = 0; s < 6; ++s) {
    const auto t0 = Clock::now();
#pragma omp parallel for num_threads(threads) schedule(static, 1)
    for (int t = 0; t < threads; ++t)
      for (int r = 0; r < reps; ++r) c[t].noalias() = a[t] * b[t];
    const double dt = seconds_since(t0);
    if (s > 0) rates.push_back(threads * reps * flops / dt / 1e9);
  }
  return median(rates);
}

// ------------------------------------------------------------------------------------------
// Arguments
// ------------------------------------------------------------------------------------------
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> named;
  std::string get(const std::string& k, const std::string& def) const {
    const auto it = named.find(k);
    return it == named.end() ? def : it->second;
  }
  long number(const std::string& k, long def) const { return std::stol(get(k, std::to_string(def))); }
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) throw std::invalid_argument(s + " needs a value");
      a.named[s.substr(2)] = argv[++i];
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

// ------------------------------------------------------------------------------------------
// Dumps for numpy (raw float64, column-major as Eigen stores them)
// ------------------------------------------------------------------------------------------
class Dump {
 public:
  explicit Dump(std::string dir) : dir_(std::move(dir)) {
    if (!dir_.empty()) manifest_.open(dir_ + "/manifest.txt");
    if (!dir_.empty() && !manifest_)
      throw std::runtime_error("cannot write " + dir_ + "/manifest.txt (make the folder)");
  }
  bool on() const { return !dir_.empty(); }
  void put(const std::string& name, const Eigen::MatrixXd& m) {
    if (!on()) return;
    std::ofstream f(dir_ + "/" + name + ".f64", std::ios::binary);
    f.write(reinterpret_cast<const char*>(m.data()), static_cast<std::streamsize>(sizeof(double) * m.size()));
    manifest_ << name << ' ' << m.rows() << ' ' << m.cols() << '\n';
  }
  void meta(const std::string& key, const std::string& value) {
    if (on()) manifest_ << "#" << key << ' ' << value << '\n';
  }

 private:
  std::string dir_;
  std::ofstream manifest_;
};

// ------------------------------------------------------------------------------------------
// One sweep case: a model, a base shock, per-run parameters and shocks
// ------------------------------------------------------------------------------------------
struct Case {
  std::string name;
  std::string description;
  std::shared_ptr<const PreparedEconomy> prepared;  // usa-china only
  std::unique_ptr<SingleRegionBackend> backend;     // usa-china only: its model and shocks
  std::unique_ptr<Economy> economy;                 // other cases
  std::unique_ptr<IoCoefficients> coefficients;
  std::unique_ptr<LeontiefSystem> io;
  std::unique_ptr<TradeModel> own_model;
  const TradeModel* model = nullptr;
  const IoCoefficients* c = nullptr;
  const LeontiefSystem* lu = nullptr;
  TradeShock base_shock;
  TradeParameters base_params;
  TradeOptions options;
  bool draw_elasticities = true;       // σ_D, σ_M, η drawn per run
  bool draw_final_demand = false;      // Δf drawn per run
  Eigen::VectorXd final_demand_scale;  // sd of Δf per sector (1% of Fd·1)
  std::uint64_t seed = 2018;
};

/// σ_D ~ triangular(0.76, 1.0, 2.25), σ_M ~ triangular(1.5, 2.5, 4.5), η ~ uniform(−2.25, −0.76):
/// the ranges of scenarios/us-china-2018-sweep.yaml. Run i has its own stream (seed, i).
struct Draw {
  double sigma_d, sigma_m, eta;
};
double triangular(double u, double lo, double mode, double hi) {
  const double fc = (mode - lo) / (hi - lo);
  return u < fc ? lo + std::sqrt(u * (hi - lo) * (mode - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
}
std::mt19937_64 run_stream(std::uint64_t seed, long run) {
  std::seed_seq s{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(run),
                  static_cast<std::uint32_t>(run >> 32)};
  return std::mt19937_64(s);
}

void make_run(const Case& k, long run, TradeShock& shock, TradeParameters& p) {
  shock = k.base_shock;
  p = k.base_params;
  auto rng = run_stream(k.seed, run);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  if (k.draw_elasticities) {
    p.armington.setConstant(triangular(u(rng), 0.76, 1.0, 2.25));
    p.source_substitution.setConstant(triangular(u(rng), 1.5, 2.5, 4.5));
    p.export_demand.setConstant(-2.25 + 1.49 * u(rng));
  }
  if (k.draw_final_demand) {
    std::normal_distribution<double> z(0.0, 1.0);
    for (Eigen::Index i = 0; i < shock.final_demand_change.size(); ++i)
      shock.final_demand_change(i) = k.final_demand_scale(i) * z(rng);
  }
}

void own(Case& k, Economy e) {
  k.economy = std::make_unique<Economy>(std::move(e));
  k.coefficients = std::make_unique<IoCoefficients>(io_coefficients(*k.economy));
  k.io = std::make_unique<LeontiefSystem>(k.coefficients->technical_coefficients);
  k.own_model = std::make_unique<TradeModel>(*k.economy, *k.coefficients, *k.io);
  k.model = k.own_model.get();
  k.c = k.coefficients.get();
  k.lu = k.io.get();
  k.base_shock = k.model->no_change();
  k.base_params = TradeParameters::defaults(k.model->sectors());
}

/// The `count` products with the largest imports (Zm·1 + Fm·1) whose row of A is non-zero.
std::vector<int> largest_importers(const Economy& e, const IoCoefficients& c, int count) {
  const Eigen::VectorXd m = imports_by_product(e);
  std::vector<int> idx(m.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int>(i);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return m(a) > m(b); });
  std::vector<int> out;
  for (int i : idx) {
    if (static_cast<int>(out.size()) == count) break;
    if (c.technical_coefficients.row(i).cwiseAbs().sum() > 0) out.push_back(i);
  }
  return out;
}

Economy load_world(const std::string& dir) {
  const auto t0 = Clock::now();
  Economy w = load_economy(dir);
  std::printf("loaded %s: %d sectors in %.2f s\n", dir.c_str(), w.sectors(), seconds_since(t0));
  return w;
}

Case make_case(const std::string& name, const Args& a) {
  Case k;
  k.name = name;
  if (name == "usa-china") {
    const std::string file = a.get("scenario", "scenarios/us-china-2018.yaml");
    const Scenario s = load_scenario(file);
    k.prepared = prepare_economy(s.economy);
    const ResolvedScenario rs = resolve_scenario(s, *k.prepared);
    k.backend = std::make_unique<SingleRegionBackend>(*k.prepared);
    k.model = &k.backend->model();
    k.c = &k.prepared->coefficients;
    k.lu = &k.prepared->io;
    k.base_shock = k.backend->shock_at(rs, std::vector<double>(rs.measures.size(), 1.0));
    k.base_params = rs.parameters;
    k.options = rs.trade_options;
    k.description = file + " on " + s.economy + " (n = " + std::to_string(k.model->sectors()) +
                    "), sigma_D, sigma_M, eta drawn per run, price feedback on";
  } else if (name == "world-fd") {
    own(k, load_world(a.get("world", "")));
    k.draw_elasticities = false;
    k.draw_final_demand = true;
    k.final_demand_scale = 0.01 * k.economy->final_demand_domestic.rowwise().sum().cwiseAbs();
    k.description = "WIOD 2013 world table 2011 as one economy (n = " + std::to_string(k.model->sectors()) +
                    "), final-demand shock per run (normal, sd 1% of Fd.1 per sector)";
  } else if (name == "world-tariff-off" || name == "world-tariff-on") {
    own(k, bench::world_without_outside_region(load_world(a.get("world", "")), "RoW"));
    for (int i : largest_importers(*k.economy, *k.c, 5)) k.base_shock.tariff(i, 0) = 0.25;
    k.options.price_feedback = name == "world-tariff-on";
    k.description =
        "WIOD 2013 (2011), 40 countries as one economy, RoW outside (n = " + std::to_string(k.model->sectors()) +
        "), 25% tariff on the 5 largest imported products, " + "sigma_D, sigma_M, eta drawn per run, price feedback " +
        (k.options.price_feedback ? "on" : "off");
  } else if (name == "synthetic") {
    const int n = static_cast<int>(a.number("sectors", 5000));
    const auto t0 = Clock::now();
    own(k, bench::synthetic_economy(n, 20240601));
    std::printf("synthetic economy of %d sectors generated and factorised in %.2f s\n", n, seconds_since(t0));
    for (int i : largest_importers(*k.economy, *k.c, 5)) k.base_shock.tariff(i, 0) = 0.25;
    k.description =
        "synthetic productive economy (n = " + std::to_string(n) +
        ", seed 20240601), 25% tariff on 5 products, sigma_D, sigma_M, eta drawn per run, price feedback on";
  } else {
    throw std::invalid_argument("unknown case " + name);
  }
  return k;
}

void dump_case(Dump& d, const Case& k) {
  if (!d.on()) return;
  const Economy* e = k.prepared ? &k.prepared->economy : k.economy.get();
  const Eigen::VectorXd fd = e->final_demand_domestic.rowwise().sum();
  d.meta("case", k.name);
  d.meta("price_feedback", k.options.price_feedback ? "1" : "0");
  d.meta("tolerance", std::to_string(k.options.tolerance));
  d.put("A", k.c->technical_coefficients);
  d.put("Am", k.c->import_coefficients);
  d.put("fd", fd);
  d.put("fm", e->final_demand_imported.rowwise().sum());
  Eigen::VectorXd dom = fd;
  if (e->intermediate_domestic.size() > 0) dom += e->intermediate_domestic.rowwise().sum();
  d.put("domestic_use", dom);
  d.put("imports_table", imports_by_product(*e));
  d.put("exports", k.model->export_partners() > 0 && e->exports.rows() == k.model->sectors()
                       ? e->exports
                       : Eigen::MatrixXd::Zero(k.model->sectors(), 0));
  d.put("shares", k.model->import_volume_shares());
  d.put("tariff_base", k.base_shock.tariff_base);
  d.put("tariff", k.base_shock.tariff);
  d.put("export_tariff_base", k.base_shock.export_tariff_base);
  d.put("export_tariff", k.base_shock.export_tariff);
  d.put("pass_through", k.base_params.pass_through);
  d.put("final_demand_elasticity", k.base_params.final_demand_elasticity);
  d.put("armington", k.base_params.armington);
  d.put("source_substitution", k.base_params.source_substitution);
  d.put("export_demand", k.base_params.export_demand);
  if (k.draw_final_demand) d.put("final_demand_scale", k.final_demand_scale);
}

// ------------------------------------------------------------------------------------------
// (e)–(h): sweeps through TradeModel::solve_batch
// ------------------------------------------------------------------------------------------
int run_sweep(const Args& a) {
  if (a.positional.size() < 2) throw std::invalid_argument("sweep CASE");
  Case k = make_case(a.positional[1], a);
  const long runs = a.number("runs", 1000);
  const int threads = static_cast<int>(a.number("threads", 1));
  const long chunk = a.number("chunk", 256);
  const int check = static_cast<int>(a.number("check", 8));
  const int n = k.model->sectors();
  Dump dump(a.get("dump", ""));
  dump_case(dump, k);

  const long chunks = (runs + chunk - 1) / chunk;
  std::vector<double> chunk_build(chunks), chunk_solve(chunks), chunk_sum(chunks);
  std::vector<long> chunk_iters(chunks), chunk_failed(chunks), chunk_paths_iter(chunks), chunk_paths_wood(chunks),
      chunk_paths_base(chunks);
  std::vector<Eigen::VectorXd> check_x(check), check_sd(check), check_sm(check), check_eta(check), check_df(check);

  const auto t0 = Clock::now();
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (long ch = 0; ch < chunks; ++ch) {
    const long first = ch * chunk, last = std::min(runs, first + chunk);
    const auto tb = Clock::now();
    std::vector<TradeShock> shocks(last - first);
    std::vector<TradeParameters> params(last - first);
    for (long r = first; r < last; ++r) make_run(k, r, shocks[r - first], params[r - first]);
    chunk_build[ch] = seconds_since(tb);
    const auto ts = Clock::now();
    const TradeBatchResult res = k.model->solve_batch(shocks, params, k.options);
    chunk_solve[ch] = seconds_since(ts);
    double sum = 0;
    for (long r = first; r < last; ++r) {
      const TradeResult& t = res.results[r - first];
      if (!res.errors[r - first].empty()) continue;
      sum += t.output_change.sum();
      chunk_iters[ch] += t.iterations;
      chunk_paths_iter[ch] += t.solver_path == "iterative";
      chunk_paths_wood[ch] += t.solver_path == "woodbury";
      chunk_paths_base[ch] += t.solver_path == "baseline";
      if (r < check) {
        check_x[r] = t.output;
        check_sd[r] = params[r - first].armington;
        check_sm[r] = params[r - first].source_substitution;
        check_eta[r] = params[r - first].export_demand;
        check_df[r] = shocks[r - first].final_demand_change;
      }
    }
    chunk_sum[ch] = sum;
    chunk_failed[ch] = res.failed;
  }
  const double wall = seconds_since(t0);
  long iters = 0, failed = 0, p_it = 0, p_wb = 0, p_base = 0;
  double build = 0, solve = 0, checksum = 0;
  for (long ch = 0; ch < chunks; ++ch) {
    iters += chunk_iters[ch];
    failed += chunk_failed[ch];
    p_it += chunk_paths_iter[ch];
    p_wb += chunk_paths_wood[ch];
    p_base += chunk_paths_base[ch];
    build += chunk_build[ch];
    solve += chunk_solve[ch];
    checksum += chunk_sum[ch];
  }
  const double mean_it = p_it > 0 ? static_cast<double>(iters) / p_it : 0.0;
  std::printf("case %s: %s\n", k.name.c_str(), k.description.c_str());
  std::printf(
      "runs %ld, threads %d, chunk %ld, failed %ld; paths: iterative %ld (mean %.2f iterations), "
      "woodbury %ld, baseline %ld; checksum sum(dx) %.9e\n",
      runs, threads, chunk, failed, p_it, mean_it, p_wb, p_base, checksum);
  std::printf("wall %.3f s = %.1f runs/s; thread-seconds: building shocks %.3f, solve_batch %.3f\n", wall, runs / wall,
              build, solve);

  // Yardstick: the same-shape single-thread GEMM (A n×n times a block of `chunk` runs), run on
  // `threads` threads at once, and the ideal time of the batched linear algebra of the path.
  const int cols = static_cast<int>(std::min(chunk, runs));
  const double gemm = gemm_gflops(n, n, cols, threads);
  // Flops the implementation performs per run (TradeModel::solve_batch, see RESULTS.md "Where
  // the time goes"), with S a solve L·X (an explicit-L GEMM for n <= 200, else the blocked LU
  // solve) and G a GEMM with A or Am, each 2n² per run:
  //   cost push (only where an import price moved): G (Amᵀ·ΔΠ) + transposed S, or one GEMM
  //              with the explicit (Am·L)ᵀ;
  //   iterative: x0 S, A·x0 G, per iteration S + G;  woodbury, baseline: x0 S (+ O(kn));
  //   every run: A·Δx and Am·Δx for the residual and the results, 2 G.
  const double n2 = static_cast<double>(n) * n;
  const bool explicit_l = k.model->has_explicit_inverse() && cols >= 2;
  const bool cost_push = k.options.price_feedback && k.base_shock.tariff != k.base_shock.tariff_base;
  const double push_products = cost_push ? (explicit_l ? 1 : 2) : 0;
  const double flops_per_run_iter = 2 * n2 * (push_products + 1 + 1 + 2 * mean_it + 2);
  const double flops_per_run_other = 2 * n2 * (push_products + 1 + 2);
  const double flops = p_it * flops_per_run_iter + (runs - p_it) * flops_per_run_other;
  // Matrix–matrix part alone: the same products on a block of the same size, timed here.
  Eigen::MatrixXd block = Eigen::MatrixXd::Random(n, cols);
  Eigen::MatrixXd l_explicit;
  if (explicit_l) l_explicit = k.lu->leontief_inverse();
  const double t_solve_block = time_median(
      [&] { Eigen::MatrixXd y = explicit_l ? Eigen::MatrixXd(l_explicit * block) : k.lu->solve(block); }, 3);
  Eigen::MatrixXd prod(n, cols);
  const double t_gemm_block = time_median([&] { prod.noalias() = k.c->technical_coefficients * block; }, 3);
  const double blocks = static_cast<double>(runs) / cols;
  const double push_time = cost_push ? (explicit_l ? t_gemm_block : t_gemm_block + t_solve_block) : 0.0;
  const double ideal =
      blocks * (push_time + 2 * t_gemm_block +
                (p_it > 0 ? t_solve_block * (1 + mean_it) + t_gemm_block * (1 + mean_it) : t_solve_block));
  std::printf("GEMM %dx%d * %dx%d on %d thread(s): %.2f GFLOP/s (same process)\n", n, n, n, cols, threads, gemm);
  std::printf("%s of %d columns: %.3f ms (%.2f GFLOP/s); GEMM A*X: %.3f ms\n",
              explicit_l ? "explicit-L GEMM L*X" : "blocked LU solve", cols, 1e3 * t_solve_block,
              2 * n2 * cols / t_solve_block / 1e9, 1e3 * t_gemm_block);
  std::printf(
      "solve phase: %.2f GFLOP/s counted (%.0f%% of GEMM); ideal all-matrix-matrix time %.3f "
      "thread-s vs solve_batch %.3f thread-s (%.0f%%)\n",
      flops / (solve / threads) / 1e9, 100 * flops / (solve / threads) / 1e9 / gemm, ideal, solve, 100 * ideal / solve);
  std::printf(
      "RESULT case=%s runs=%ld threads=%d runs_per_s=%.3f gemm_gflops=%.3f solve_gflops=%.3f "
      "mean_iterations=%.3f\n",
      k.name.c_str(), runs, threads, runs / wall, gemm, flops / (solve / threads) / 1e9, mean_it);

  if (dump.on()) {
    dump.meta("runs", std::to_string(runs));
    dump.meta("check", std::to_string(check));
    for (int r = 0; r < check && r < runs; ++r) {
      const std::string s = std::to_string(r);
      dump.put("check_x_" + s, check_x[r]);
      dump.put("check_armington_" + s, check_sd[r]);
      dump.put("check_source_substitution_" + s, check_sm[r]);
      dump.put("check_export_demand_" + s, check_eta[r]);
      dump.put("check_final_demand_change_" + s, check_df[r]);
    }
  }
  return failed > 0 ? 1 : 0;
}

// ------------------------------------------------------------------------------------------
// (b): LU, solve, explicit inverse, multipliers on the world table as one economy
// ------------------------------------------------------------------------------------------
int run_io(const Args& a) {
  if (a.positional.size() < 2) throw std::invalid_argument("io WORLD_DIR");
  const Economy w = load_world(a.positional[1]);
  const int reps = static_cast<int>(a.number("reps", 5));
  IoCoefficients c;
  const double t_coef = time_median([&] { c = io_coefficients(w); }, reps);
  const int n = w.sectors();
  LeontiefSystem io;
  const double t_lu = time_median([&] { io = LeontiefSystem(c.technical_coefficients); }, reps);
  const Eigen::VectorXd f = w.final_demand_domestic.rowwise().sum();
  Eigen::VectorXd x;
  const double t_solve1 = time_median([&] { x = io.solve(f); }, reps);
  const double t_solve1v = time_median([&] { x = io.factorisation().solve(f); }, reps);
  Eigen::MatrixXd l;
  const double t_inv = time_median([&] { l = io.leontief_inverse(); }, reps);
  Multipliers m;
  const double t_mult = time_median([&] { m = compute_multipliers(c, MultiplierType::TypeI); }, reps);
  const double gemm = gemm_gflops(n, n, n, 1);
  const double nn = static_cast<double>(n);
  const double lu_flops = 2.0 / 3.0 * nn * nn * nn, inv_flops = 2.0 * nn * nn * nn;
  const double resid = (x - c.technical_coefficients * x - f).norm() / f.norm();
  std::printf("economy %s, n = %d, single thread (EIGEN_DONT_PARALLELIZE)\n", w.name.c_str(), n);
  std::printf("io_coefficients            %9.3f ms\n", 1e3 * t_coef);
  std::printf("LU of I - A (PartialPivLU) %9.3f ms  %6.2f GFLOP/s  %3.0f%% of GEMM\n", 1e3 * t_lu,
              lu_flops / t_lu / 1e9, 100 * lu_flops / t_lu / 1e9 / gemm);
  std::printf("solve 1 column (MatrixXd)  %9.3f ms  (%.2e relative residual)\n", 1e3 * t_solve1, resid);
  std::printf("solve 1 column (VectorXd)  %9.3f ms\n", 1e3 * t_solve1v);
  std::printf("explicit inverse L         %9.3f ms  %6.2f GFLOP/s  %3.0f%% of GEMM\n", 1e3 * t_inv,
              inv_flops / t_inv / 1e9, 100 * inv_flops / t_inv / 1e9 / gemm);
  std::printf("Type I multipliers         %9.3f ms\n", 1e3 * t_mult);
  std::printf("GEMM %dx%d * %dx%d          %6.2f GFLOP/s (same process, 1 thread)\n", n, n, n, n, gemm);
  std::printf("RESULT case=io n=%d lu_ms=%.3f solve_ms=%.3f inverse_ms=%.3f multipliers_ms=%.3f gemm_gflops=%.3f\n", n,
              1e3 * t_lu, 1e3 * t_solve1, 1e3 * t_inv, 1e3 * t_mult, gemm);
  return 0;
}

// ------------------------------------------------------------------------------------------
// (d): Woodbury update versus a fresh refactorisation per run
// ------------------------------------------------------------------------------------------
int run_woodbury(const Args& a) {
  if (a.positional.size() < 2) throw std::invalid_argument("woodbury WORLD_DIR");
  Case k;
  own(k, bench::world_without_outside_region(load_world(a.positional[1]), "RoW"));
  k.options.price_feedback = false;
  const long runs = a.number("runs", 200);
  const int fresh = static_cast<int>(a.number("fresh", 10));
  const int n = k.model->sectors();
  std::printf("economy %s, n = %d, price feedback off, sigma_D, sigma_M, eta drawn per run, 1 thread\n",
              k.economy->name.c_str(), n);
  for (int sectors : {1, 5, 20}) {
    k.base_shock = k.model->no_change();
    for (int i : largest_importers(*k.economy, *k.c, sectors)) k.base_shock.tariff(i, 0) = 0.25;
    std::vector<TradeShock> shocks(runs);
    std::vector<TradeParameters> params(runs);
    for (long r = 0; r < runs; ++r) make_run(k, r, shocks[r], params[r]);
    auto t0 = Clock::now();
    const TradeBatchResult batch = k.model->solve_batch(shocks, params, k.options);
    const double t_batch = seconds_since(t0) / runs;
    t0 = Clock::now();
    std::vector<TradeResult> single;
    for (int r = 0; r < fresh; ++r) single.push_back(k.model->solve(shocks[r], params[r], k.options));
    const double t_single = seconds_since(t0) / fresh;
    t0 = Clock::now();
    double err = 0;
    for (int r = 0; r < fresh; ++r) {
      const Eigen::VectorXd xf = k.model->solve_fresh(batch.results[r]);
      err = std::max(err, (xf - batch.results[r].output).norm() / xf.norm());
    }
    const double t_fresh = seconds_since(t0) / fresh;
    std::printf(
        "measures on %2d sectors: path %s (k = %d); per run: solve_batch of %ld %.3f ms, solve() %.3f ms, "
        "fresh LU %.3f ms; refactorisation / batch %.1fx, refactorisation / solve() %.1fx; max rel. diff %.1e\n",
        sectors, batch.results[0].solver_path.c_str(), batch.results[0].moving_rows, runs, 1e3 * t_batch,
        1e3 * t_single, 1e3 * t_fresh, t_fresh / t_batch, t_fresh / t_single, err);
    std::printf("RESULT case=woodbury sectors=%d batch_ms=%.4f single_ms=%.4f fresh_ms=%.4f\n", sectors, 1e3 * t_batch,
                1e3 * t_single, 1e3 * t_fresh);
  }
  return 0;
}

// ------------------------------------------------------------------------------------------
// Where an explicit L beats the blocked LU solve (TradeModel::kExplicitInverseMaxSectors)
// ------------------------------------------------------------------------------------------
int run_crossover(const Args& a) {
  const int cols = static_cast<int>(a.number("cols", 16));
  std::printf("L*X (explicit inverse, GEMM) versus the blocked LU solve of I - A, %d columns, 1 thread\n", cols);
  for (int n : {56, 100, 150, 200, 300, 500, 800, 1400}) {
    const Economy e = bench::synthetic_economy(n, 20240601);
    const IoCoefficients c = io_coefficients(e);
    const LeontiefSystem io(c.technical_coefficients);
    const Eigen::MatrixXd l = io.leontief_inverse();
    const Eigen::MatrixXd f = Eigen::MatrixXd::Random(n, cols);
    Eigen::MatrixXd x(n, cols);
    const double t_lu = time_median([&] { x = io.solve(f); }, 9);
    const double t_l = time_median([&] { x.noalias() = l * f; }, 9);
    const double t_inv = time_median([&] { Eigen::MatrixXd li = io.leontief_inverse(); }, 3);
    std::printf("RESULT case=crossover n=%d cols=%d lu_solve_us=%.2f explicit_us=%.2f ratio=%.2f inverse_ms=%.3f\n", n,
                cols, 1e6 * t_lu, 1e6 * t_l, t_lu / t_l, 1e3 * t_inv);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = parse(argc, argv);
    if (a.positional.empty()) {
      std::fprintf(stderr, "usage: bench_core io|woodbury|sweep ... (see the top of bench_core.cpp)\n");
      return 2;
    }
    const std::string cmd = a.positional[0];
    if (cmd == "io") return run_io(a);
    if (cmd == "woodbury") return run_woodbury(a);
    if (cmd == "sweep") return run_sweep(a);
    if (cmd == "crossover") return run_crossover(a);
    std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_core: %s\n", e.what());
    return 2;
  }
}
