"""Figures for one sentence pair, shared by the paraphrase (MSRP) and similarity (STS-B) benches.

Everything comes from the engine: its normalised comparison keys, weighted Dice, typed changes,
and the meaning model's word and sentence vectors. The classifiers on top are fitted with numpy
on the train splits only.
"""

from __future__ import annotations

import difflib
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from tui.compare.engine import compare_sentences  # noqa: E402
from tui.compare.meaning import load_model  # noqa: E402
from tui.compare.normalise import Tokenizer  # noqa: E402
from tui.compare.similarity import overlap  # noqa: E402

CHANGES = ("number", "date", "entity", "attribution", "negation", "certainty", "quote", "detail")
NAMES = (
    ["dice", "cover_low", "cover_high"]
    + [f"{kind}{n}_{m}" for kind, n in (("w", 1), ("w", 2), ("w", 3), ("w", 4), ("c", 3), ("c", 5)) for m in ("low", "high")]
    + ["length_ratio", "log_length", "number_mismatch", "number_shared", "names_apart", "sequence",
       "meaning", "soft_low", "soft_high"]
    + list(CHANGES)
)


def _grams(keys: list, n: int) -> Counter:
    return Counter(tuple(keys[i : i + n]) for i in range(len(keys) - n + 1))


def _chars(text: str, n: int) -> Counter:
    s = " ".join(text.lower().split())
    return Counter(s[i : i + n] for i in range(len(s) - n + 1))


def _low_high(a: Counter, b: Counter) -> list[float]:
    common = sum((a & b).values())
    x, y = common / max(1, sum(a.values())), common / max(1, sum(b.values()))
    return [min(x, y), max(x, y)]


def _vectors(text: str, tokens, idf, default):
    model = load_model()
    content = [t for t in tokens if t.content]
    if model is None or not content:
        return None
    words = [text[t.start : t.end].lower() for t in content]
    weights = np.array([idf.get(t.key, default) for t in content], np.float32)
    return content, model.word_vectors(words), weights


def _meaning(va, vb) -> list[float]:
    """Cosine of the pooled sentence vectors, and soft coverage of each side: every content
    word counts with its closest word on the other side (1 for the same key)."""
    if va is None or vb is None:
        return [0.0, 0.0, 0.0]
    (ca, A, wa), (cb, B, wb) = va, vb
    pa, pb = (A * wa[:, None]).sum(0), (B * wb[:, None]).sum(0)
    cos = float(pa @ pb / (np.linalg.norm(pa) * np.linalg.norm(pb) or 1.0))
    sims = A @ B.T
    keys_b = {t.key: k for k, t in enumerate(cb)}
    for i, t in enumerate(ca):
        if t.key in keys_b:
            sims[i, keys_b[t.key]] = 1.0
    x = float((sims.max(1) * wa).sum() / wa.sum())
    y = float((sims.max(0) * wb).sum() / wb.sum())
    return [cos, min(x, y), max(x, y)]


def pair_features(a: str, b: str, idf: dict[str, float]) -> list[float]:
    default = max(idf.values())
    link = compare_sentences(a, b, idf)
    tokenizer = Tokenizer(a, b)
    ta, tb = tokenizer.tokens(a, 0, len(a)), tokenizer.tokens(b, 0, len(b))
    o = overlap({t.key: idf.get(t.key, default) for t in ta if t.content},
                {t.key: idf.get(t.key, default) for t in tb if t.content})
    ka, kb = [t.key for t in ta], [t.key for t in tb]
    f = [o.dice, o.low, o.high]
    for n in (1, 2, 3, 4):
        f += _low_high(_grams(ka, n), _grams(kb, n))
    for n in (3, 5):
        f += _low_high(_chars(a, n), _chars(b, n))
    f += [abs(math.log((len(ka) + 1) / (len(kb) + 1))), math.log(1 + min(len(ka), len(kb)))]
    na = {t.key for t in ta if t.number is not None}
    nb = {t.key for t in tb if t.number is not None}
    f += [float(bool(na ^ nb)), float(bool(na & nb))]
    caps_a = {t.key for i, t in enumerate(ta) if i and t.cap and t.content}
    caps_b = {t.key for i, t in enumerate(tb) if i and t.cap and t.content}
    f += [len(caps_a ^ caps_b) / (1 + len(caps_a | caps_b))]
    f += [difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio()]
    f += _meaning(_vectors(a, ta, idf, default), _vectors(b, tb, idf, default))
    types = {c.type for c in link.changes}
    f += [float(t in types) for t in CHANGES]
    return f


def standardise(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    mu, sd = train.mean(0), train.std(0) + 1e-9
    return [np.hstack([np.ones((len(x), 1)), (x - mu) / sd]) for x in (train, *others)]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 3000, rate: float = 0.5) -> np.ndarray:
    """Batch gradient descent from zero weights: deterministic, no other dependency."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w)
    return w


def fit_ridge(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    return np.linalg.solve(x.T @ x + reg, x.T @ y)


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = a.argsort().argsort(), b.argsort().argsort()
    return float(np.corrcoef(ra, rb)[0, 1])
