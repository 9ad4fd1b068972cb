"""The similarity of every sentence pair the aligner scored, kept compact.

Each left sentence's candidates (at most ``k``) and their scores live in arrays, a row per
sentence: about 13 bytes a pair, where a dict of pair tuples took about 150 (a book has a
quarter of a million candidate pairs). The few pairs scored elsewhere (between anchors, by
the meaning pass) go in a dict keyed by ``a * m + b``. The meaning pass's own scores
(``MeaningScores``) are arrays too, in the order that pass made them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


class PairScores:
    def __init__(self, n: int, m: int, k: int) -> None:
        self.m = max(1, m)
        self.cand = np.full((n, k), -1, dtype=np.int32)  # right sentence ids, -1 where none
        self.score = np.zeros((n, k))
        self.single = np.zeros((n, k), dtype=bool)  # shares one claim word or fewer
        self.extra: dict[int, float] = {}
        self.vetoed: set[tuple[int, int]] = set()  # pairs the purpose veto scored 0

    def get(self, a: int, b: int) -> float | None:
        s = self.extra.get(a * self.m + b)
        if s is None and 0 <= a < len(self.cand):
            hit = np.flatnonzero(self.cand[a] == b)
            if len(hit):
                return float(self.score[a, hit[0]])
        return s

    def known(self, a, b):
        """For pairs (a[i], b[i]) (numpy arrays): whether each is scored already."""
        found = np.zeros(len(a), dtype=bool)
        ok = (a >= 0) & (a < len(self.cand))
        found[ok] = (self.cand[a[ok]] == b[ok][:, None]).any(axis=1)
        if self.extra:
            codes = (a * self.m + b).tolist()
            found |= np.fromiter((c in self.extra for c in codes), dtype=bool, count=len(codes))
        return found

    def put(self, a: int, b: int, s: float) -> None:
        self.extra[a * self.m + b] = s

    def rows(self, cands: dict[int, list[int]]):
        """Place candidates: (a, b, row, column) arrays of every pair, in ``cands`` order."""
        k = self.cand.shape[1]
        a = np.fromiter((x for x, js in cands.items() for _ in js), dtype=np.int64)
        b = np.fromiter((j for js in cands.values() for j in js), dtype=np.int64, count=len(a))
        col = np.fromiter((c for js in cands.values() for c in range(len(js))), dtype=np.int64, count=len(a))
        if len(a) and col.max() >= k:
            raise ValueError(f"more than {k} candidates for a sentence")
        self.cand[a, col] = b
        return a, b, col

    def lookup(self, a, b):
        """For pairs (a[i], b[i]) (numpy arrays): each one's score as a candidate pair, 0 where it
        is none (``a`` may run off either end)."""
        out = np.zeros(len(a))
        ok = (a >= 0) & (a < len(self.cand))
        rows = self.cand[a[ok]]
        eq = rows == b[ok][:, None]
        has = eq.any(axis=1)
        col = eq.argmax(axis=1)
        vals = np.where(has, self.score[a[ok], col], 0.0)
        out[ok] = vals
        return out

    def pairs(self, lefts: set[int] | None = None, rights: set[int] | None = None) -> Iterator[tuple[int, int, float]]:
        """Every scored pair and its score (candidates first); with ``lefts``/``rights``, only
        the pairs that hold one of those left or right sentences."""
        found = self.cand >= 0
        if lefts is not None or rights is not None:
            rows = np.zeros(len(self.cand), dtype=bool)
            rows[list(lefts or ())] = True
            found &= rows[:, None] | np.isin(self.cand, np.fromiter(rights or (), dtype=np.int64))
        a, col = np.nonzero(found)
        yield from zip(a.tolist(), self.cand[a, col].tolist(), self.score[a, col].tolist())
        m = self.m
        for code, s in self.extra.items():
            x, y = divmod(code, m)
            if lefts is None and rights is None or x in (lefts or ()) or y in (rights or ()):
                yield x, y, s

    def __len__(self) -> int:
        return int((self.cand >= 0).sum()) + len(self.extra)


class MeaningScores:
    """The pairs the meaning pass scored, in the order it scored them (the order decides
    between equal scores): left and right ids, meaning score and cosine, as arrays."""

    def __init__(self, pairs: list[tuple[int, int]] = (), scores: list[float] = (),
                 cosines: list[float] = ()) -> None:
        self.left = np.fromiter((a for a, _ in pairs), dtype=np.int32, count=len(pairs))
        self.right = np.fromiter((b for _, b in pairs), dtype=np.int32, count=len(pairs))
        self.score = np.array(scores, dtype=np.float64)
        self.cos = np.array(cosines, dtype=np.float64)

    def __iter__(self) -> Iterator[tuple[int, int, float, float]]:
        """(left id, right id, meaning score, cosine) of each pair, in order."""
        return zip(self.left.tolist(), self.right.tolist(), self.score.tolist(), self.cos.tolist())

    def __len__(self) -> int:
        return len(self.left)
