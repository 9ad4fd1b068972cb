"""Paraphrase classification on the MSR Paraphrase Corpus with the engine's pair comparison.

usage: python bench/msrp.py [MSRP_DIR]      (default: ../shared/bench/msrp)

Every pair goes through ``compare_sentences`` (the same normalisation, similarity and typed
changes the aligner uses). Two classifiers are reported, both fitted on the train split only
and scored on the test split:

1. thresholds: a pair is a paraphrase when its similarity reaches one threshold, or a
   higher one when the engine judged it ``differ``;
2. a logistic regression over the engine's figures for the pair: similarity, the coverage of
   each side, word 1/2/3-gram overlap of comparison keys, and which typed changes were found.

IDF weights come from the train split's sentences.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.compare.engine import compare_sentences, key_document_frequencies  # noqa: E402
from tui.compare.normalise import Tokenizer  # noqa: E402
from tui.compare.similarity import overlap  # noqa: E402

CHANGE_FLAGS = ("number", "negation", "entity", "date")


def read(path: Path) -> list[tuple[int, str, str]]:
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5:
                rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def _ngrams(keys: list[str], n: int) -> Counter:
    return Counter(tuple(keys[i : i + n]) for i in range(len(keys) - n + 1))


def pair_features(a: str, b: str, idf: dict[str, float]) -> tuple[float, bool, list[float]]:
    """(similarity, judged differ, feature vector) for one pair."""
    link = compare_sentences(a, b, idf)
    tokenizer = Tokenizer(a, b)
    ta, tb = tokenizer.tokens(a, 0, len(a)), tokenizer.tokens(b, 0, len(b))
    default = max(idf.values())
    o = overlap({t.key: idf.get(t.key, default) for t in ta if t.content},
                {t.key: idf.get(t.key, default) for t in tb if t.content})
    ka, kb = [t.key for t in ta], [t.key for t in tb]
    grams = []
    for n in (1, 2, 3):
        ga, gb = _ngrams(ka, n), _ngrams(kb, n)
        common = sum((ga & gb).values())
        pa, pb = common / max(1, sum(ga.values())), common / max(1, sum(gb.values()))
        grams += [min(pa, pb), max(pa, pb)]
    types = {c.type for c in link.changes}
    flags = [float(t in types) for t in CHANGE_FLAGS]
    return link.score, link.kind == "differ", [link.score, o.cover_a, o.cover_b, *grams, *flags]


def accuracy_f1(ys: list[int], ps: list[int]) -> tuple[float, float]:
    tp = sum(1 for y, p in zip(ys, ps) if y and p)
    fp = sum(1 for y, p in zip(ys, ps) if not y and p)
    fn = sum(1 for y, p in zip(ys, ps) if y and not p)
    acc = sum(1 for y, p in zip(ys, ps) if y == p) / len(ys)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return acc, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def fit_logistic(xs: list[list[float]], ys: list[int], epochs: int = 400, rate: float = 0.5) -> list[float]:
    """Plain batch gradient descent from zero weights: deterministic, no dependencies."""
    w = [0.0] * (len(xs[0]) + 1)
    for _ in range(epochs):
        grad = [0.0] * len(w)
        for x, y in zip(xs, ys):
            err = _sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))) - y
            grad[0] += err
            for i, xi in enumerate(x):
                grad[i + 1] += err * xi
        w = [wi - rate * g / len(xs) for wi, g in zip(w, grad)]
    return w


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/bench/msrp"
    if not (root / "train.tsv").is_file():
        print(f"MSRP not found at {root}; skipped")
        return 0
    train, test = read(root / "train.tsv"), read(root / "test.tsv")
    t0 = time.perf_counter()
    idf = key_document_frequencies([s for _, a, b in train for s in (a, b)])
    ftrain = [pair_features(a, b, idf) for _, a, b in train]
    ftest = [pair_features(a, b, idf) for _, a, b in test]
    elapsed = time.perf_counter() - t0
    ytrain, ytest = [y for y, _, _ in train], [y for y, _, _ in test]
    print(f"MSRP: {len(train)} train / {len(test)} test pairs; features in {elapsed:.1f} s "
          f"({1000 * elapsed / (len(train) + len(test)):.1f} ms a pair)")

    def rule(feats, tm, td):
        return [int(s >= (td if differ else tm)) for s, differ, _ in feats]

    grid = [i / 100 for i in range(20, 91)]
    _, tm, td = max((accuracy_f1(ytrain, rule(ftrain, tm, td))[0], tm, td) for tm in grid for td in grid if td >= tm)
    print(f"1. thresholds (chosen on train): similarity >= {tm:.2f}, or >= {td:.2f} when judged differ")
    for name, feats, ys in (("train", ftrain, ytrain), ("test", ftest, ytest)):
        acc, f1 = accuracy_f1(ys, rule(feats, tm, td))
        print(f"   {name}: accuracy {100 * acc:.1f}  F1 {100 * f1:.1f}")

    w = fit_logistic([x for _, _, x in ftrain], ytrain)

    def probs(feats):
        return [_sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))) for _, _, x in feats]

    ptrain, ptest = probs(ftrain), probs(ftest)
    cut = max((accuracy_f1(ytrain, [int(p >= c) for p in ptrain])[0], c) for c in grid)[1]
    print(f"2. logistic regression on the engine's figures (fitted on train, cut {cut:.2f})")
    for name, ps, ys in (("train", ptrain, ytrain), ("test", ptest, ytest)):
        acc, f1 = accuracy_f1(ys, [int(p >= cut) for p in ps])
        print(f"   {name}: accuracy {100 * acc:.1f}  F1 {100 * f1:.1f}")
    print("published on test: majority class 66.5 / 79.9; lexical baselines 69.6-72.0 accuracy, 81.2-81.6 F1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
