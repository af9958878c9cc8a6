#!/usr/bin/env python3
"""Benchmark (iii): the 1D Gaussian refit on its own samples (Shumailov et al. 2024; PAPERS.md §3), replace.

Generation 1 fits M samples of N(μ, σ²); generation g ≥ 2 fits M samples of N(μ̂_{g−1}, σ̂²_{g−1}).
Estimator `mle` (1/M, the official notebook's np.std) or `unbiased` (1/(M−1), the theorem).
Metrics per generation (harness's `gaussian` family names): mean_error = (μ̂_g − μ)², variance_ratio = σ̂²_g/σ²,
log_variance_ratio = log(σ̂²_g/σ²), w2 = (μ̂_g − μ)² + (σ̂_g − σ)².

Implementations (--method):
- best: sufficient statistics, exact in law: x̄ ~ N(μ̂, σ̂²/M) and Σ(x − x̄)² ~ σ̂² χ²_{M−1}, independent, so a
  generation costs two draws per replicate instead of M; vectorised over all replicates.
- direct: the same loop drawing all M samples per replicate, batched over a block of replicates
  (rng.standard_normal((block, M))); runs a subsample of replicates within --budget and is scaled.
- naive: the official notebook's style, a Python loop over replicates and generations with
  rng.normal(μ, σ, M), np.mean, np.std (ddof per estimator); subsample of replicates, scaled.

Usage: gaussian1d.py SPEC [--set k=v]... [--method best|direct|naive] [--budget S] [--out FILE]
"""
import argparse
import math
import time

import numpy as np

import common

METRICS = ("mean_error", "variance_ratio", "log_variance_ratio", "w2")  # harness's names


def params_of(p):
    M = int(p["M"])
    mu = float(p.get("mu", 0.0))
    s2 = float(p.get("sigma2", 1.0))
    est = str(p.get("estimator", "mle"))
    return M, mu, s2, est


def _record(out, where, mu, var, mu0, s20, rows=False):
    vals = ((mu - mu0) ** 2, var / s20, np.log(var / s20), (mu - mu0) ** 2 + (np.sqrt(var) - math.sqrt(s20)) ** 2)
    for i, m in enumerate(METRICS):
        if rows:
            out[i, where] = vals[i]
        else:
            out[m][where] = vals[i]


def best(M, mu0, s20, est, G, R, rng):
    ddof = 0 if est == "mle" else 1
    mu = np.full(R, mu0)
    sd = np.full(R, math.sqrt(s20))
    out = {m: np.empty((R, G)) for m in METRICS}
    for g in range(G):
        xbar = mu + sd * rng.standard_normal(R) / math.sqrt(M)
        ss = sd * sd * rng.chisquare(M - 1, R)
        mu = xbar
        var = ss / (M - ddof)
        sd = np.sqrt(var)
        _record(out, np.s_[:, g], mu, var, mu0, s20)
    return out


def direct(M, mu0, s20, est, G, R, rng, block=64):
    ddof = 0 if est == "mle" else 1
    out = {m: np.empty((R, G)) for m in METRICS}
    for r0 in range(0, R, block):
        b = min(block, R - r0)
        mu = np.full(b, mu0)
        sd = np.full(b, math.sqrt(s20))
        for g in range(G):
            x = rng.standard_normal((b, M))
            x *= sd[:, None]
            x += mu[:, None]
            mu = x.mean(axis=1)
            var = x.var(axis=1, ddof=ddof)
            sd = np.sqrt(var)
            _record(out, np.s_[r0:r0 + b, g], mu, var, mu0, s20)
    return out


def naive_one(M, mu0, s20, est, G, rng):
    ddof = 0 if est == "mle" else 1
    mu, sd = mu0, math.sqrt(s20)
    res = np.empty((len(METRICS), G))
    for g in range(G):
        x = rng.normal(mu, sd, M)
        mu = np.mean(x)
        sd = np.std(x, ddof=ddof)
        _record(res, g, mu, sd * sd, mu0, s20, rows=True)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--replicates", type=int)
    ap.add_argument("--method", default="best", choices=("best", "direct", "naive"))
    ap.add_argument("--budget", type=float, default=10.0, help="direct/naive: seconds per cell before scaling")
    ap.add_argument("--out")
    ap.add_argument("--sigma2-scale", type=float, default=1.0)
    a = ap.parse_args(argv)
    spec = common.load_spec(a.spec, a.set)
    G = int(spec["generations"])
    R = int(a.replicates or spec["replicates"])
    seed = int(spec.get("seed", 0))
    rows = []
    t_start = time.perf_counter()
    for ci, p in enumerate(common.cells(spec)):
        M, mu0, s20, est = params_of(p)
        s20 *= a.sigma2_scale
        rng = np.random.default_rng(np.random.SeedSequence([seed, ci, {"best": 0, "direct": 1, "naive": 2}[a.method]]))
        t0 = time.perf_counter()
        if a.method == "best":
            out, ran = best(M, mu0, s20, est, G, R, rng), R
        elif a.method == "direct":
            chunks, ran = [], 0
            while ran < R and (ran == 0 or time.perf_counter() - t0 < a.budget):
                b = min(64, R - ran)
                chunks.append(direct(M, mu0, s20, est, G, b, rng))
                ran += b
            out = {m: np.concatenate([c[m] for c in chunks]) for m in METRICS}
        else:
            res, ran = [], 0
            while ran < R and (ran == 0 or time.perf_counter() - t0 < a.budget):
                res.append(naive_one(M, mu0, s20, est, G, rng))
                ran += 1
            arr = np.stack(res)  # (ran, metrics, G)
            out = {m: arr[:, i, :] for i, m in enumerate(METRICS)}
        secs = time.perf_counter() - t0
        for reg in spec.get("regimes", ["replace"]):
            for m in METRICS:
                row = {"params": p, "regime": reg, "metric": m, "seeds_run": ran, "seconds": secs,
                       "scaled_seconds": secs * R / ran}
                if ran >= 2:
                    row.update(common.summarize(out[m]))
                rows.append(row)
    payload = {"implementation": f"numpy-{a.method}", "spec": a.spec, "replicates": R, "generations": G,
               "numpy": np.__version__, "compute_seconds": time.perf_counter() - t_start, "rows": rows}
    if a.out:
        common.write_output(a.out, payload)
    return payload


if __name__ == "__main__":
    main()
