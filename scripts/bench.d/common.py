"""Shared helpers for the numpy implementations: spec reading (the same JSON specs harness runs), sweeps,
per-generation summaries (mean, SE, median with a distribution-free CI) and output."""
import itertools
import json
import math
import os
import sys
import time

import numpy as np


def load_spec(path, overrides=()):
    """The spec as harness reads it, with `--set key=value` overrides (a comma makes a list)."""
    with open(path) as f:
        spec = json.load(f)
    for item in overrides:
        key, _, raw = item.partition("=")
        vals = [_parse(v) for v in raw.split(",")]
        val = vals if len(vals) > 1 else vals[0]
        if key in ("generations", "replicates", "seed", "name", "title"):
            spec[key] = val
        elif key == "regimes":
            spec[key] = vals
        else:
            spec.setdefault("parameters", {})[key] = val
    return spec


def _parse(v):
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


def cells(spec):
    """The sweep grid: the product of list-valued parameters, first axis slowest (harness's order)."""
    params = spec.get("parameters", {})
    keys = list(params)
    axes = [params[k] if isinstance(params[k], list) else [params[k]] for k in keys]
    return [dict(zip(keys, combo)) for combo in itertools.product(*axes)]


def summarize(values):
    """values: (replicates, generations). Returns per-generation mean, se, median, median_se, n."""
    v = np.asarray(values, dtype=float)
    n = v.shape[0]
    mean = v.mean(axis=0)
    se = v.std(axis=0, ddof=1) / math.sqrt(n) if n > 1 else np.full(v.shape[1], np.nan)
    srt = np.sort(v, axis=0)
    med = np.median(v, axis=0)
    # distribution-free 95% CI of the median from order statistics; SE = half-width / 1.96
    h = 1.959963984540054 * math.sqrt(n) / 2
    lo = max(0, int(math.floor(n / 2 - h)) - 1)
    hi = min(n - 1, int(math.ceil(n / 2 + h)) - 1)
    med_se = (srt[hi] - srt[lo]) / (2 * 1.959963984540054) if n > 2 else np.full(v.shape[1], np.nan)
    return {"mean": mean.tolist(), "se": _list(se), "median": med.tolist(), "median_se": _list(med_se), "n": int(n)}


def _list(a):
    return [float(x) for x in np.asarray(a)]


def cell_key(params):
    return ",".join(f"{k}={v}" for k, v in params.items())


def write_output(path, payload):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(payload, f)
    os.replace(tmp, path)


def blas_threads_note():
    return {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def run_tasks(tasks, fn, workers):
    """Runs fn(task) for every task, in `workers` processes (each with its own single-threaded BLAS when the
    driver pinned it), and returns the results in task order, whatever order the workers finish in."""
    if workers <= 1 or len(tasks) <= 1:
        return [fn(t) for t in tasks]
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        return pool.map(fn, tasks, chunksize=1)


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
