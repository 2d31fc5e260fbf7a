#!/usr/bin/python3
"""numpy baselines of the tradejobs trade core (docs/model.md §2 cost push, §3 two-level CES, Leontief solve).

Reads a case dumped by `bench_core sweep CASE --dump DIR` (raw float64 column-major arrays listed
in DIR/manifest.txt), then
  1. checks both numpy versions against tradejobs' outputs x' on the dumped check runs
     (same parameters, same shock): the largest relative difference max|x_np - x_tj| / max|x_tj|;
  2. times the per-run loop an analyst would write: for each run the price stage, then
     numpy.linalg.solve of (I - A')^T for the cost push and of I - A' = I - diag(d)A for x';
  3. times the best batched numpy version of the same model: L = (I - A)^-1 and Am.L formed once,
     the price stage vectorised over a block of runs, the cost push as one matrix product, and
     x' by the same strategy tradejobs uses (no moving row: X = L F; few shared moving rows:
     batched Woodbury with L[:, J]; otherwise the iteration X <- X0 + L (dA X) as matrix
     products to the same relative residual 1e-12).
Runs draw sigma_D ~ triangular(0.76, 1, 2.25), sigma_M ~ triangular(1.5, 2.5, 4.5),
eta ~ uniform(-2.25, -0.76) (scenarios/us-china-2018-sweep.yaml), or for case world-fd a normal
final-demand change with sd 1% of Fd.1 per sector.

Usage: /usr/bin/python3 benchmarks/numpy_baseline.py DIR [--runs N] [--loop-runs M] [--block B]
       [--threads T]   (T sets OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before numpy loads)
Must run with Debian's /usr/bin/python3 (python3-numpy).
"""
import argparse
import os
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--runs", type=int, default=1000, help="runs of the batched version")
ap.add_argument("--loop-runs", type=int, default=200, help="runs of the per-run loop (runs/s extrapolated)")
ap.add_argument("--block", type=int, default=256, help="runs per block of the batched version")
ap.add_argument("--threads", type=int, default=0, help="BLAS threads (0 = numpy's default)")
ap.add_argument("--seed", type=int, default=2018)
args = ap.parse_args()
if args.threads > 0:
    for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[v] = str(args.threads)

import numpy as np  # noqa: E402

TOL = 1e-12


def load(dirname):
    arrays, meta = {}, {}
    with open(os.path.join(dirname, "manifest.txt")) as f:
        for line in f:
            parts = line.split()
            if line.startswith("#"):
                meta[parts[0][1:]] = parts[1] if len(parts) > 1 else ""
                continue
            name, rows, cols = parts[0], int(parts[1]), int(parts[2])
            a = np.fromfile(os.path.join(dirname, name + ".f64"), dtype=np.float64)
            arrays[name] = a.reshape((rows, cols), order="F")
    return arrays, meta


def ces(w, p, sigma):
    """CES price index over the last axis: (sum theta p^(1-sigma))^(1/(1-sigma)), theta = w/sum w;
    sigma = 1 the geometric mean; no weight at all: 1 (docs/model.md §3). Written as
    exp(log1p(sum theta expm1(rho ln p)) / rho), accurate near sigma = 1 like tradejobs."""
    wsum = w.sum(axis=-1)
    theta = np.divide(w, wsum[..., None], out=np.zeros_like(w), where=wsum[..., None] > 0)
    logp = np.log(p)
    rho = 1.0 - sigma
    geo = np.exp((theta * logp).sum(axis=-1))
    safe_rho = np.where(rho == 0.0, 1.0, rho)
    gen = np.exp(np.log1p((theta * np.expm1(safe_rho[..., None] * logp)).sum(axis=-1)) / safe_rho)
    out = np.where(rho == 0.0, geo, gen)
    return np.where(wsum > 0, out, 1.0)


class Model:
    def __init__(self, a):
        self.A = a["A"]
        self.Am = a["Am"]
        self.n = self.A.shape[0]
        self.fd = a["fd"][:, 0]
        self.fm = a["fm"][:, 0]
        self.dom = np.maximum(0.0, a["domestic_use"][:, 0])
        self.imp = np.maximum(0.0, a["imports_table"][:, 0])
        self.e = a["exports"]
        self.theta = a["shares"] * (1.0 + a["tariff_base"])  # n x Rm value shares at tariff-inclusive prices
        kappa = a["pass_through"][:, 0][:, None]
        raw = (1.0 + a["tariff"]) / (1.0 + a["tariff_base"])
        self.pm = 1.0 + kappa * (raw - 1.0)  # partner prices pm' (n x Rm)
        self.export_wedge = (1.0 + a["export_tariff"]) / (1.0 + a["export_tariff_base"])  # n x Re
        self.eps = a["final_demand_elasticity"][:, 0]
        self.base_sd = a["armington"][:, 0]
        self.base_sm = a["source_substitution"][:, 0]
        self.base_eta = a["export_demand"][:, 0]
        self.import_value = self.theta.sum(axis=1) * self.imp
        tot = self.dom + self.import_value
        self.alpha = np.divide(self.dom, tot, out=np.ones_like(tot), where=tot > 0)
        self.I = np.eye(self.n)

    # ---- the per-run loop an analyst would write -------------------------------------------
    def run_one(self, sd, sm, eta, dfd, feedback):
        PM = ces(self.theta, self.pm, sm)
        pd = np.ones(self.n)
        if feedback and np.abs(PM - 1.0).max() > 0:
            pd = pd + np.linalg.solve((self.I - self.A).T, self.Am.T @ (PM - 1.0))
        P = ces(np.stack([self.alpha, 1.0 - self.alpha], axis=-1), np.stack([pd, PM], axis=-1), sd)
        d = (P / pd) ** sd
        q = P ** self.eps
        ex = self.e * (pd[:, None] * self.export_wedge) ** eta[:, None]
        f = self.fd * (d * q) + dfd + ex.sum(axis=1)
        return np.linalg.solve(self.I - d[:, None] * self.A, f)

    # ---- the best batched version --------------------------------------------------------------
    def prepare_batched(self):
        self.L = np.linalg.inv(self.I - self.A)
        self.AmL = self.Am @ self.L  # cost push: dp^T = dpm^T Am L  ->  DP = DPM @ (Am L)
        self.LT = np.ascontiguousarray(self.L.T)
        self.AT = np.ascontiguousarray(self.A.T)

    def run_block(self, SD, SM, ETA, DFD, feedback):
        """SD, SM, ETA, DFD: B x n. Returns X' (B x n)."""
        B = SD.shape[0]
        PM = ces(np.broadcast_to(self.theta, (B,) + self.theta.shape), np.broadcast_to(self.pm, (B,) + self.pm.shape), SM)
        if feedback:
            PD = 1.0 + (PM - 1.0) @ self.AmL
        else:
            PD = np.ones_like(PM)
        W = np.stack([np.broadcast_to(self.alpha, PD.shape), np.broadcast_to(1.0 - self.alpha, PD.shape)], axis=-1)
        P = ces(W, np.stack([PD, PM], axis=-1), SD)
        D = (P / PD) ** SD
        Q = P ** self.eps
        F = self.fd * (D * Q) + DFD
        if self.e.shape[1] > 0:
            F = F + (self.e * (PD[:, :, None] * self.export_wedge) ** ETA[:, :, None]).sum(axis=2)
        X0 = F @ self.LT
        DM = D - 1.0
        moving = np.flatnonzero(np.any(DM != 0.0, axis=0) & np.any(self.A != 0.0, axis=1))
        if moving.size == 0:
            return X0
        pattern_shared = np.all((DM[:, moving] != 0.0) == (DM[0, moving] != 0.0))
        if moving.size <= 32 and pattern_shared:
            # Woodbury: x = x0 + L[:,J] S^-1 D_J A_J x0, S = I - D_J (L_JJ - I)
            J = moving
            LJ = self.L[:, J]
            ALJJ = self.L[np.ix_(J, J)] - np.eye(J.size)
            DJ = DM[:, J]
            S = np.eye(J.size)[None, :, :] - DJ[:, :, None] * ALJJ[None, :, :]
            rhs = DJ * (X0 @ self.AT[:, J])
            Y = np.linalg.solve(S, rhs[:, :, None])[:, :, 0]
            return X0 + Y @ LJ.T
        fnorm = np.linalg.norm(F, axis=1)
        fnorm[fnorm == 0] = 1.0
        X = X0.copy()
        Yd = DM * (X @ self.AT)
        active = np.linalg.norm(Yd, axis=1) / fnorm > TOL
        for _ in range(500):
            if not active.any():
                break
            idx = np.flatnonzero(active)
            Xn = X0[idx] + Yd[idx] @ self.LT
            Yn = DM[idx] * (Xn @ self.AT)
            r = np.linalg.norm(Yn - Yd[idx], axis=1) / fnorm[idx]
            X[idx] = Xn
            Yd[idx] = Yn
            active[idx[r <= TOL]] = False
        else:
            raise RuntimeError("iteration did not converge")
        return X


def draws(rng, runs, n, case, m, fd_scale):
    if case == "world-fd":
        SD = np.broadcast_to(m.base_sd, (runs, n))
        SM = np.broadcast_to(m.base_sm, (runs, n))
        ETA = np.broadcast_to(m.base_eta, (runs, n))
        DFD = fd_scale * rng.standard_normal((runs, n))
        return SD, SM, ETA, DFD
    sd = rng.triangular(0.76, 1.0, 2.25, runs)
    sm = rng.triangular(1.5, 2.5, 4.5, runs)
    eta = rng.uniform(-2.25, -0.76, runs)
    ones = np.ones((1, n))
    return sd[:, None] * ones, sm[:, None] * ones, eta[:, None] * ones, np.zeros((runs, n))


def main():
    arrays, meta = load(args.dir)
    case = meta["case"]
    feedback = meta.get("price_feedback", "1") == "1"
    m = Model(arrays)
    n = m.n
    fd_scale = arrays["final_demand_scale"][:, 0] if "final_demand_scale" in arrays else np.zeros(n)
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}, case {case}, n = {n}, "
          f"price feedback {'on' if feedback else 'off'}, BLAS threads {os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")

    t0 = time.perf_counter()
    m.prepare_batched()
    t_prep = time.perf_counter() - t0

    # 1. Same runs as tradejobs: compare x'.
    check = int(meta.get("check", "0"))
    worst_loop = worst_batch = 0.0
    if check > 0:
        SD = np.stack([arrays[f"check_armington_{r}"][:, 0] for r in range(check)])
        SM = np.stack([arrays[f"check_source_substitution_{r}"][:, 0] for r in range(check)])
        ETA = np.stack([arrays[f"check_export_demand_{r}"][:, 0] for r in range(check)])
        DFD = np.stack([arrays[f"check_final_demand_change_{r}"][:, 0] for r in range(check)])
        XT = np.stack([arrays[f"check_x_{r}"][:, 0] for r in range(check)])
        XB = m.run_block(SD, SM, ETA, DFD, feedback)
        for r in range(check):
            xl = m.run_one(SD[r], SM[r], ETA[r], DFD[r], feedback)
            scale = np.abs(XT[r]).max()
            worst_loop = max(worst_loop, np.abs(xl - XT[r]).max() / scale)
            worst_batch = max(worst_batch, np.abs(XB[r] - XT[r]).max() / scale)
        spread = np.abs(XT - XT.mean(axis=0)).max() / np.abs(XT).max()
        print(f"check on {check} runs: max relative difference to tradejobs: per-run loop {worst_loop:.2e}, "
              f"batched {worst_batch:.2e} (for scale: x' differs across these runs by {spread:.2e})")

    rng = np.random.default_rng(args.seed)
    # 2. Per-run loop.
    SD, SM, ETA, DFD = draws(rng, args.loop_runs, n, case, m, fd_scale)
    t0 = time.perf_counter()
    acc = 0.0
    for r in range(args.loop_runs):
        acc += m.run_one(SD[r], SM[r], ETA[r], DFD[r], feedback).sum()
    t_loop = time.perf_counter() - t0
    loop_rate = args.loop_runs / t_loop
    print(f"per-run loop: {args.loop_runs} runs in {t_loop:.3f} s = {loop_rate:.2f} runs/s")

    # 3. Batched.
    t0 = time.perf_counter()
    acc = 0.0
    done = 0
    while done < args.runs:
        b = min(args.block, args.runs - done)
        SD, SM, ETA, DFD = draws(rng, b, n, case, m, fd_scale)
        acc += m.run_block(SD, SM, ETA, DFD, feedback).sum()
        done += b
    t_batch = time.perf_counter() - t0
    batch_rate = args.runs / t_batch
    print(f"batched: {args.runs} runs in blocks of {args.block} in {t_batch:.3f} s = {batch_rate:.2f} runs/s "
          f"(+ {t_prep:.3f} s once for L and Am.L)")
    print(f"RESULT numpy case={case} n={n} loop_runs={args.loop_runs} loop_runs_per_s={loop_rate:.3f} "
          f"batched_runs={args.runs} batched_runs_per_s={batch_rate:.3f} prepare_s={t_prep:.3f} "
          f"check_loop={worst_loop:.3e} check_batched={worst_batch:.3e}")


main()
