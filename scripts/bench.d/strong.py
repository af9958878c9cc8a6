#!/usr/bin/env python3
"""Benchmark (iv): strong model collapse (Dohmatob, Feng, Subramonian, Kempe, ICLR 2025; PAPERS.md §5).

One OLS fit on n rows: n₁ = n − n₂ real (y = xᵀw₁* + ε) and n₂ = round(p₂·n) synthetic (y = xᵀw₂* + ε),
x ~ N(0, I_d), ε ~ N(0, σ²), w₂* = w₁* + δ with δ uniform on the sphere ‖δ‖² = c². Metric test_error =
‖ŵ − w₁*‖² (real distribution, noise excluded); like harness's `mixture-regression` family, best and direct also
report clean_test_error (the same replicate's fit with every label real: same X, same noise) and gap = the
difference. Theory (ridgeless, φ = d/n):
σ²d/(n−d−1) + p₂²c² + p₁p₂c²·φ/(1−φ).

Implementations (--method):
- best: sufficient statistics sampled directly, exact in law: Gᵢ = XᵢᵀXᵢ ~ Wishart(nᵢ, I_d) by the Bartlett
  decomposition, Xᵢᵀεᵢ | Gᵢ ~ N(0, σ²Gᵢ) = σ·chol(Gᵢ)·z, so ŵ − w₁* = (G₁ + G₂)⁻¹(G₂δ + σL₁z₁ + σL₂z₂):
  O(d³) per replicate, independent of n; batched over replicates.
- direct: generates the rows in chunks of 50,000 and accumulates XᵀX (syrk through A.T @ A) and Xᵀy, then
  solves the normal equations: O(n·d²) per replicate; subsample of replicates within --budget, scaled.
- naive: the peers' style, the full n×d matrix in memory and np.linalg.lstsq (SVD); one replicate (or more
  within --budget), scaled.

Usage: strong.py SPEC [--set k=v]... [--method best|direct|naive] [--budget S] [--out FILE]
"""
import argparse
import math
import time

import numpy as np

import common


def cell_params(p):
    return int(p["n"]), int(p["d"]), float(p["p2"]), float(p.get("c2", 1.0)), float(p.get("sigma2", 1.0))


def n_split(n, p2):
    n2 = int(round(p2 * n))
    return n - n2, n2


def delta(rng, shape, c2):
    v = rng.standard_normal(shape)
    return v * (math.sqrt(c2) / np.linalg.norm(v, axis=-1, keepdims=True))


def wishart(rng, R, n, d):
    """(R, d, d) draws of Wishart(n, I_d): Bartlett (n ≥ d) or direct Gram of n rows."""
    if n == 0:
        return np.zeros((R, d, d))
    if n < d:
        X = rng.standard_normal((R, n, d))
        return X.transpose(0, 2, 1) @ X
    A = np.tril(rng.standard_normal((R, d, d)), -1)
    A[:, np.arange(d), np.arange(d)] = np.sqrt(rng.chisquare(n - np.arange(d), size=(R, d)))
    return A @ A.transpose(0, 2, 1)


def noise_term(rng, Gm, sigma):
    """σ·L·z with LLᵀ = G (eigen-decomposition, so a singular G (n < d) works too)."""
    vals, vecs = np.linalg.eigh(Gm)
    z = rng.standard_normal(Gm.shape[:2])
    return sigma * np.einsum("rij,rj->ri", vecs, np.sqrt(np.clip(vals, 0, None)) * z)


def best(n, d, p2, c2, s2, R, rng, block=250):
    n1, n2 = n_split(n, p2)
    sigma = math.sqrt(s2)
    err = np.empty((R, 3))
    for r0 in range(0, R, block):
        b = min(block, R - r0)
        G1 = wishart(rng, b, n1, d)
        G2 = wishart(rng, b, n2, d)
        dl = delta(rng, (b, d), c2)
        noise = noise_term(rng, G1, sigma) + noise_term(rng, G2, sigma)
        h = np.stack([np.einsum("rij,rj->ri", G2, dl) + noise, noise], axis=2)  # (b, d, 2): mixed, clean
        e = np.linalg.solve(G1 + G2, h)
        err[r0:r0 + b, 0] = np.einsum("ri,ri->r", e[:, :, 0], e[:, :, 0])
        err[r0:r0 + b, 1] = np.einsum("ri,ri->r", e[:, :, 1], e[:, :, 1])
        err[r0:r0 + b, 2] = err[r0:r0 + b, 0] - err[r0:r0 + b, 1]
    return err


def direct_one(n, d, p2, c2, s2, rng, chunk=50_000):
    n1, n2 = n_split(n, p2)
    sigma = math.sqrt(s2)
    w1 = rng.standard_normal(d) / math.sqrt(d)
    w2 = w1 + delta(rng, d, c2)
    G = np.zeros((d, d))
    h = np.zeros(d)
    hc = np.zeros(d)  # Xᵀy with every label real
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        X = rng.standard_normal((m, d))
        real = np.clip(n1 - start, 0, m)
        y = np.empty(m)
        y[:real] = X[:real] @ w1
        y[real:] = X[real:] @ w2
        eps = sigma * rng.standard_normal(m)
        y += eps
        G += X.T @ X
        h += X.T @ y
        hc += X.T @ (X @ w1 + eps)
    w = np.linalg.solve(G, np.stack([h, hc], axis=1))
    t, c = float(np.sum((w[:, 0] - w1) ** 2)), float(np.sum((w[:, 1] - w1) ** 2))
    return [t, c, t - c]


def naive_one(n, d, p2, c2, s2, rng):
    n1, n2 = n_split(n, p2)
    w1 = rng.standard_normal(d) / math.sqrt(d)
    w2 = w1 + delta(rng, d, c2)
    X = rng.standard_normal((n, d))
    y = np.concatenate([X[:n1] @ w1, X[n1:] @ w2]) + math.sqrt(s2) * rng.standard_normal(n)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return [float(np.sum((w - w1) ** 2))]


def theory(n, d, p2, c2, s2):
    phi = d / n
    return s2 * d / (n - d - 1) + p2 * p2 * c2 + (1 - p2) * p2 * c2 * phi / (1 - phi)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--replicates", type=int)
    ap.add_argument("--method", default="best", choices=("best", "direct", "naive"))
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--out")
    ap.add_argument("--sigma2-scale", type=float, default=1.0)
    a = ap.parse_args(argv)
    spec = common.load_spec(a.spec, a.set)
    R = int(a.replicates or spec["replicates"])
    seed = int(spec.get("seed", 0))
    rows = []
    t_start = time.perf_counter()
    for ci, p in enumerate(common.cells(spec)):
        n, d, p2, c2, s2 = cell_params(p)
        s2 *= a.sigma2_scale
        rng = np.random.default_rng(np.random.SeedSequence([seed, ci, {"best": 0, "direct": 1, "naive": 2}[a.method]]))
        t0 = time.perf_counter()
        if a.method == "best":
            err, ran = best(n, d, p2, c2, s2, R, rng), R
        else:
            one = direct_one if a.method == "direct" else naive_one
            vals = []
            while len(vals) < R and (not vals or time.perf_counter() - t0 < a.budget):
                vals.append(one(n, d, p2, c2, s2, rng))
            err, ran = np.array(vals), len(vals)
        secs = time.perf_counter() - t0
        for reg in spec.get("regimes", ["replace"]):
            for mi, metric in enumerate(("test_error", "clean_test_error", "gap")[:err.shape[1]]):
                row = {"params": p, "regime": reg, "metric": metric, "seeds_run": ran, "seconds": secs,
                       "scaled_seconds": secs * R / ran}
                if metric == "test_error":
                    row["theory"] = theory(n, d, p2, c2, s2)
                if ran >= 2:
                    row.update(common.summarize(err[:, mi:mi + 1]))
                rows.append(row)
    payload = {"implementation": f"numpy-{a.method}", "spec": a.spec, "replicates": R, "generations": 1,
               "numpy": np.__version__, "compute_seconds": time.perf_counter() - t_start, "rows": rows}
    if a.out:
        common.write_output(a.out, payload)
    return payload


if __name__ == "__main__":
    main()
