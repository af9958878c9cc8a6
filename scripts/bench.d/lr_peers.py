#!/usr/bin/env python3
"""The peers' method for the linear-regression loop (Kazdan et al. 2024's code, which carries Gerstgrasser et
al. 2024's experiment): a Python loop over seeds and generations that keeps every generation's rows and refits
on the training set with np.linalg.pinv at every generation (replace: the newest T rows; accumulate: all g·T
rows stacked; accumulate-subsample: T rows drawn without replacement from the stacked pool).

It is far too slow to run in full (hours for the big cells), so it runs a SUBSAMPLE of seeds: per cell and
regime, seeds are run until a time budget is spent (at least one seed, at most all of them) and its wall time
is scaled to the full seed count. Cells that share everything but σ² cost the same; when one σ² value of a
group has shown that a seed costs more than the budget, the group's other σ² values are not run and are
costed from that measurement (marked `transferred`). A first seed that runs past --seed-cap seconds is
stopped, and its cost is reported as a lower bound (marked `lower_bound`).

Usage: lr_peers.py SPEC [--set k=v]... [--replicates N] [--budget S] [--seed-cap S] [--skip-above F] [--out FILE]
"""
import argparse
import math
import sys
import time

import numpy as np

import common


class Deadline(Exception):
    pass


def one_seed(d, T, sigma, G, regime, rng, deadline):
    wstar = rng.standard_normal(d)
    X = rng.standard_normal((T, d))
    Xs, ys = [], []
    w = wstar
    err = np.empty(G)
    for g in range(1, G + 1):
        y = X @ w + sigma * rng.standard_normal(T)
        Xs.append(X)
        ys.append(y)
        if regime == "replace":
            Xtr, ytr = X, y
        elif regime == "accumulate":
            Xtr, ytr = np.concatenate(Xs), np.concatenate(ys)
        else:
            poolX, pooly = np.concatenate(Xs), np.concatenate(ys)
            idx = rng.choice(g * T, size=T, replace=False)
            Xtr, ytr = poolX[idx], pooly[idx]
        w = np.linalg.pinv(Xtr) @ ytr
        err[g - 1] = np.sum((w - wstar) ** 2)
        if deadline is not None and time.perf_counter() > deadline:
            raise Deadline(g)
    return err


def flops_estimate(d, T, G, regime):
    """Rough cost of one seed (SVD of a rows×d matrix ~ rows·d²), to skip hopeless cells in --quick."""
    if regime == "accumulate":
        return T * d * d * G * (G + 1) / 2
    return T * d * d * G


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--replicates", type=int)
    ap.add_argument("--budget", type=float, default=1.0, help="seconds per cell and regime before stopping adding seeds")
    ap.add_argument("--seed-cap", type=float, default=600.0, help="stop a single seed after this many seconds (lower bound)")
    ap.add_argument("--skip-above", type=float, default=0, help="skip cells whose estimated cost per seed exceeds this many flops (0: never)")
    ap.add_argument("--out")
    ap.add_argument("--sigma2-scale", type=float, default=1.0)
    a = ap.parse_args(argv)
    spec = common.load_spec(a.spec, a.set)
    G = int(spec["generations"])
    R = int(a.replicates or spec["replicates"])
    seed = int(spec.get("seed", 0))
    grid = common.cells(spec)
    group_cost = {}  # (d, T, regime) -> seconds per seed measured
    rows = []
    t_start = time.perf_counter()
    for ci, p in enumerate(grid):
        d, T = int(p["d"]), int(p["T"])
        sigma = math.sqrt(float(p["sigma2"]) * a.sigma2_scale)
        for regime in spec["regimes"]:
            gkey = (d, T, regime)
            row = {"params": p, "regime": regime, "metric": "test_error", "replicates_total": R}
            if a.skip_above and flops_estimate(d, T, G, regime) > a.skip_above:
                row.update(status="skipped", seeds_run=0)
                rows.append(row)
                continue
            known = group_cost.get(gkey)
            if known is not None and known[0] > a.budget:
                row.update(status="transferred", seeds_run=0, seconds_per_seed=known[0], lower_bound=known[1])
                rows.append(row)
                continue
            errs = []
            t0 = time.perf_counter()
            lower = False
            for s in range(R):
                rng = np.random.default_rng(np.random.SeedSequence([seed, ci, s, 7]))
                try:
                    errs.append(one_seed(d, T, sigma, G, regime, rng, t0 + a.seed_cap if s == 0 else None))
                except Deadline:
                    lower = True
                    break
                if time.perf_counter() - t0 > a.budget:
                    break
            secs = time.perf_counter() - t0
            n = max(1, len(errs))
            per_seed = secs / n
            group_cost[gkey] = (per_seed, lower)
            row.update(status="measured", seeds_run=len(errs), seconds=secs, seconds_per_seed=per_seed, lower_bound=lower)
            if len(errs) >= 2:
                row.update(common.summarize(np.vstack(errs)))
            rows.append(row)
    for row in rows:
        if "seconds_per_seed" in row:
            row["scaled_seconds"] = row["seconds_per_seed"] * R
    payload = {"implementation": "numpy-peers", "spec": a.spec, "replicates": R, "generations": G,
               "numpy": np.__version__, "blas_env": common.blas_threads_note(),
               "compute_seconds": time.perf_counter() - t_start, "rows": rows}
    if a.out:
        common.write_output(a.out, payload)
    return payload


if __name__ == "__main__":
    main()
