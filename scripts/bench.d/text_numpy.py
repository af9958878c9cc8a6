#!/usr/bin/env python3
"""Benchmark (v): the text loop (harness family `ngram-text`, issue 9) in numpy, for speed and statistical agreement.

The same loop as harness, read from the same spec: corpus (sotu-fixture, sotu-1mb = every 12th sentence of the 249
speeches, sotu), cleaning (bracketed annotations dropped, ’ → '), sentence splitting (paragraphs at line breaks, at
. ! ? ending a word except after Mr./Mrs./Ms./Dr./St./Jr./Sr./Gen./No./Vs./U.S./Messrs. and single letters),
tokenisation (runs of letters and ASCII digits, lower-cased, an apostrophe kept between a letter and a letter),
sentences of fewer than 3 tokens dropped, ids in order of first appearance with 0 the boundary.

Generation 1 draws M sentences uniformly with replacement from the corpus; the model is the unsmoothed trigram (or
bigram) MLE over sentences padded with n − 1 boundaries in front and one behind (none behind a truncated sentence);
generation g ≥ 2 samples M sentences at temperature T (weights count^(1/T)), cut at max_length. Regimes: replace,
accumulate (the pool's counts, merged), mix-fresh (round(λM) fresh human sentences, then the first M − round(λM)
synthetic ones). Metrics, on the generation's text (its last M training sentences), with harness's names:
distinct_1/2/3, ttr (1000-token chunks), vocabulary (types in the last 5000 tokens), model_vocabulary, rare_surviving,
mean_length, truncated. Not computed: self_bleu_diversity.

Vectorised: counting is np.unique on packed int64 keys (21 bits per id); sampling advances all M sentences of a
replicate together, one token per step, finding each context with np.searchsorted and the next id by a searchsorted
in the global running sum of the tempered weights.

Usage: text_numpy.py SPEC [--set k=v]... [--replicates R] [--out FILE]
"""
import argparse
import os
import re
import time

import numpy as np

import common

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = {"sotu-fixture": ("experiments/data/sotu-fixture.txt", 1), "sotu-1mb": ("data/sotu", 12), "sotu": ("data/sotu", 1)}
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "no", "vs", "u.s", "messrs"}
TOKEN = re.compile(r"(?:[0-9]|[^\W\d_]|(?<=[^\W\d_])'(?=[^\W\d_]))+")
METRICS = ("distinct_1", "distinct_2", "distinct_3", "ttr", "vocabulary", "model_vocabulary", "rare_surviving",
           "mean_length", "truncated")
BITS = 21
TTR_CHUNK, VOCABULARY_TOKENS = 1000, 5000


# ---------------------------------------------------------------- corpus

def clean(text):
    out, inside = [], False
    for ch in text:
        if ch == "[":
            inside = True
        elif ch == "]" and inside:
            inside = False
            out.append(" ")
        elif ch == "\n":
            inside = False
            out.append(ch)
        elif inside:
            continue
        else:
            out.append("'" if ch == "\u2019" else ch)
    return "".join(out)


def split_sentences(text):
    result = []
    for paragraph in text.split("\n"):
        current = []
        for word in re.split(r"[ \t\r]+", paragraph):
            if not word:
                continue
            current.append(word)
            last = word[-1]
            if last not in ".!?":
                continue
            bare = word[:-1].lower().lstrip("\"'(")
            if last == "." and (bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())):
                continue
            result.append(" ".join(current))
            current = []
        if current:
            result.append(" ".join(current))
    return result


def load_corpus(name):
    """(sentences as int arrays, number of ids, corpus frequency per id)."""
    rel, stride = CORPORA[name]
    path = os.path.join(ROOT, rel)
    if not os.path.exists(path):
        raise SystemExit(f"text_numpy.py: corpus {name}: {rel} not found: run scripts/fetch-corpus")
    if os.path.isdir(path):
        raw = []
        for f in sorted(x for x in os.listdir(path) if x.endswith(".txt")):
            raw += split_sentences(clean(open(os.path.join(path, f), encoding="utf-8").read()))
    else:
        raw = [s for s in clean(open(path, encoding="utf-8").read()).split("\n") if s]
    raw = raw[::stride]
    ids, freq, sentences = {}, [0], []
    for s in raw:
        toks = [t.lower() for t in TOKEN.findall(s)]
        if len(toks) < 3:
            continue
        row = []
        for t in toks:
            i = ids.get(t)
            if i is None:
                i = ids[t] = len(freq)
                freq.append(0)
            freq[i] += 1
            row.append(i)
        sentences.append(np.array(row, dtype=np.int64))
    return sentences, len(freq), np.array(freq)


# ---------------------------------------------------------------- model

def keys_of(sentences, truncated, order):
    """Packed n-gram keys (with repeats) of the sentences padded with n − 1 boundaries in front and one behind (none
    behind a truncated one): every window of n ids inside one padded sentence. Padded sentences are joined with a −1
    separator, and windows containing one are dropped."""
    pad = np.zeros(order - 1, dtype=np.int64)
    end, none, sep = np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.full(1, -1, dtype=np.int64)
    parts = []
    for s, cut in zip(sentences, truncated):
        parts += [pad, s, none if cut else end, sep]
    flat = np.concatenate(parts)
    width = len(flat) - order + 1
    key = np.zeros(width, dtype=np.int64)
    ok = np.ones(width, dtype=bool)
    for j in range(order):
        col = flat[j:j + width]
        ok &= col >= 0
        key = (key << BITS) | np.maximum(col, 0)
    return key[ok]


class Model:
    def __init__(self, keys, counts, order, temperature):
        self.order = order
        self.keys, self.counts = keys, counts
        ctx = keys >> BITS
        first = np.ones(len(keys), dtype=bool)
        first[1:] = ctx[1:] != ctx[:-1]
        self.contexts = ctx[first]
        self.start = np.append(np.flatnonzero(first), len(keys))
        w = counts.astype(float) if temperature == 1 else counts.astype(float) ** (1 / temperature)
        self.cum = np.cumsum(w)
        self.before = np.concatenate(([0.0], self.cum))[self.start[:-1]]
        self.total = self.cum[self.start[1:] - 1] - self.before

    def sample(self, m, max_length, rng):
        """m sentences, advanced together; returns (list of arrays, truncated flags)."""
        cmask = (1 << (BITS * (self.order - 1))) - 1
        context = np.zeros(m, dtype=np.int64)
        tokens = np.zeros((m, max_length), dtype=np.int64)
        length = np.zeros(m, dtype=np.int64)
        active = np.arange(m)
        truncated = np.zeros(m, dtype=bool)
        for step in range(max_length):
            if len(active) == 0:
                break
            c = np.searchsorted(self.contexts, context[active])
            found = (c < len(self.contexts)) & (self.contexts[np.minimum(c, len(self.contexts) - 1)] == context[active])
            truncated[active[~found]] = True  # a dead end
            active, c = active[found], c[found]
            u = rng.random(len(active)) * self.total[c] + self.before[c]
            i = np.searchsorted(self.cum, u, side="right")
            i = np.minimum(i, self.start[c + 1] - 1)
            w = self.keys[i] & ((1 << BITS) - 1)
            done = w == 0
            keep = active[~done]
            tokens[keep, step] = w[~done]
            length[keep] += 1
            context[keep] = ((context[keep] << BITS) | w[~done]) & cmask
            active = keep
        truncated[active] = True  # cut at max_length
        return [tokens[r, :length[r]] for r in range(m)], truncated


def count(keys):
    k, c = np.unique(keys, return_counts=True)
    return k, c


def merge(parts):
    keys = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return keys[first], np.add.reduceat(counts, np.flatnonzero(first))


# ---------------------------------------------------------------- metrics

def distinct(sentences, n):
    keys = []
    for s in sentences:
        if len(s) < n:
            continue
        k = np.zeros(len(s) - n + 1, dtype=np.int64)
        for j in range(n):
            k = (k << BITS) | s[j:len(s) - n + 1 + j]
        keys.append(k)
    if not keys:
        return 0.0
    k = np.concatenate(keys)
    return len(np.unique(k)) / len(k)


def text_metrics(text, cut, model_keys, rare):
    tokens = np.concatenate(text) if text else np.zeros(0, dtype=np.int64)
    chunks = len(tokens) // TTR_CHUNK
    if chunks:
        ttr = np.mean([len(np.unique(tokens[i * TTR_CHUNK:(i + 1) * TTR_CHUNK])) / TTR_CHUNK for i in range(chunks)])
    else:
        ttr = len(np.unique(tokens)) / len(tokens) if len(tokens) else 0.0
    support = np.unique(model_keys & ((1 << BITS) - 1))
    support = support[support != 0]
    return {"distinct_1": distinct(text, 1), "distinct_2": distinct(text, 2), "distinct_3": distinct(text, 3), "ttr": ttr,
            "vocabulary": len(np.unique(tokens[-VOCABULARY_TOKENS:])), "model_vocabulary": len(support),
            "rare_surviving": int(rare[support].sum()), "mean_length": len(tokens) / max(len(text), 1),
            "truncated": float(np.mean(cut)) if len(cut) else 0.0}


# ---------------------------------------------------------------- the loop

def replicate(corpus, rare, p, regime, G, rng):
    order, T, m = int(p["order"]), float(p["temperature"]), int(p["sentences"])
    max_length = int(p.get("max_length", 300))
    lam = float(p.get("real_fraction", 0))
    out = {k: np.empty(G) for k in METRICS}

    def human(count_):
        idx = rng.integers(0, len(corpus), count_)
        return [corpus[i] for i in idx], np.zeros(count_, dtype=bool)

    pool = []
    model = None
    for g in range(G):
        batch = human(m) if model is None else model.sample(m, max_length, rng)
        if regime == "mix-fresh" and g > 0:
            n_real = min(m, int(round(lam * m)))
            real = human(m)
            batch = (real[0][:n_real] + batch[0][:m - n_real], np.concatenate([real[1][:n_real], batch[1][:m - n_real]]))
        counted = count(keys_of(batch[0], batch[1], order))
        if regime == "accumulate":
            pool.append(counted)
            keys, counts = merge(pool) if len(pool) > 1 else counted
        else:
            keys, counts = counted
        model = Model(keys, counts, order, T)
        values = text_metrics(batch[0], batch[1], keys, rare)
        for k in METRICS:
            out[k][g] = values[k]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--replicates", type=int)
    ap.add_argument("--out")
    ap.add_argument("--sigma2-scale", type=float, default=1.0, help="ignored (the driver passes it to every script)")
    a = ap.parse_args(argv)
    spec = common.load_spec(a.spec, a.set)
    G, R = int(spec["generations"]), int(a.replicates or spec["replicates"])
    seed = int(spec.get("seed", 0))
    rows, t_start, load_seconds = [], time.perf_counter(), 0.0
    corpora = {}
    for ci, p in enumerate(common.cells(spec)):
        if p.get("smoothing", "none") != "none":
            raise SystemExit("text_numpy.py: only the unsmoothed model (smoothing = none) is implemented")
        name = p.get("corpus", "sotu-fixture")
        if name not in corpora:
            t0 = time.perf_counter()
            sentences, v, freq = load_corpus(name)
            corpora[name] = (sentences, freq <= 2)
            corpora[name][1][0] = False
            load_seconds += time.perf_counter() - t0
        corpus, rare = corpora[name]
        for ri, regime in enumerate(spec["regimes"]):
            if regime not in ("replace", "accumulate", "mix-fresh"):
                raise SystemExit(f"text_numpy.py: regime {regime} is not implemented")
            t0 = time.perf_counter()
            runs = [replicate(corpus, rare, p, regime, G, np.random.default_rng(np.random.SeedSequence([seed, ci, r])))
                    for r in range(R)]
            secs = time.perf_counter() - t0
            for k in METRICS:
                row = {"params": p, "regime": regime, "metric": k, "seeds_run": R, "seconds": secs}
                row.update(common.summarize(np.stack([run[k] for run in runs])))
                rows.append(row)
    payload = {"implementation": "numpy-text", "spec": a.spec, "replicates": R, "generations": G, "numpy": np.__version__,
               "compute_seconds": time.perf_counter() - t_start - load_seconds, "load_seconds": load_seconds,
               "corpus_sentences": {k: len(v[0]) for k, v in corpora.items()}, "rows": rows}
    if a.out:
        common.write_output(a.out, payload)
    return payload


if __name__ == "__main__":
    main()
