"""The similarity of every sentence pair the aligner scored, kept compact.

Each left sentence's candidates (at most ``k``) and their scores live in arrays, a row per
sentence: about 13 bytes a pair, where a dict of pair tuples took about 150 (a book has a
quarter of a million candidate pairs). The few pairs scored one at a time (between anchors)
go in a dict keyed by ``a * m + b``; the many the meaning pass scores at once, in sorted
arrays of those codes. The meaning pass's own scores (``MeaningScores``) are arrays too, in
the order that pass made them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


# Pairs looked up at a time (``PairScores.lookup``).
LOOKUP_CHUNK = 65_536
# Left sentences whose candidate pairs ``PairScores.parts`` gives at a time.
PART_ROWS = 4096


class PairScores:
    def __init__(self, n: int, m: int, k: int) -> None:
        self.m = max(1, m)
        self.cand = np.full((n, k), -1, dtype=np.int32)  # right sentence ids, -1 where none
        self.score = np.zeros((n, k))
        # Shares one claim word or fewer; None once the anchors, its only reader, are taken.
        self.single: np.ndarray | None = np.zeros((n, k), dtype=bool)
        self.extra: dict[int, float] = {}
        self.bulk: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted codes a * m + b, scores)
        self.vetoed: set[tuple[int, int]] = set()  # pairs the purpose veto scored 0

    def get(self, a: int, b: int) -> float | None:
        code = a * self.m + b
        s = self.extra.get(code)
        for codes, scores in self.bulk if s is None else ():
            k = int(np.searchsorted(codes, code))
            if k < len(codes) and codes[k] == code:
                return float(scores[k])
        if s is None and 0 <= a < len(self.cand):
            row = self.cand[a].tolist()  # a few dozen ids: a list is searched faster than an array
            if b in row:
                return float(self.score[a, row.index(b)])
        return s

    def known(self, a, b):
        """For pairs (a[i], b[i]) (numpy arrays): whether each is scored already."""
        found = np.zeros(len(a), dtype=bool)
        ok = (a >= 0) & (a < len(self.cand))
        found[ok] = (self.cand[a[ok]] == b[ok][:, None]).any(axis=1)
        if self.extra:
            codes = (a * self.m + b).tolist()
            found |= np.fromiter((c in self.extra for c in codes), dtype=bool, count=len(codes))
        for codes, _ in self.bulk:
            found |= _found(codes, a * self.m + b)
        return found

    def values(self, a, b):
        """For pairs (a[i], b[i]) (numpy arrays), all scored already: their scores."""
        out = self.lookup(a, b)
        codes = a * self.m + b
        if self.extra:
            for k in np.flatnonzero(_members(codes, set(self.extra))).tolist():
                out[k] = self.extra[int(codes[k])]
        for bulk_codes, scores in self.bulk:
            k = np.minimum(np.searchsorted(bulk_codes, codes), len(bulk_codes) - 1)
            hit = bulk_codes[k] == codes
            out[hit] = scores[k[hit]]
        return out

    def put(self, a: int, b: int, s: float) -> None:
        self.extra[a * self.m + b] = s

    def put_many(self, a, b, s) -> None:
        """Scores of many pairs not scored yet (numpy arrays), kept as arrays."""
        if len(a):
            codes = a.astype(np.int64) * self.m + b
            order = np.argsort(codes)
            self.bulk.append((codes[order], np.asarray(s, dtype=np.float64)[order]))

    def lookup(self, a, b):
        """For pairs (a[i], b[i]) (numpy arrays): each one's score as a candidate pair, 0 where it
        is none (``a`` may run off either end). Worked out ``LOOKUP_CHUNK`` pairs at a time: a
        pair's row of candidates is copied to compare with it."""
        out = np.zeros(len(a))
        for lo in range(0, len(a), LOOKUP_CHUNK):
            pa, pb = a[lo : lo + LOOKUP_CHUNK], b[lo : lo + LOOKUP_CHUNK]
            ok = (pa >= 0) & (pa < len(self.cand))
            eq = self.cand[pa[ok]] == pb[ok][:, None]
            has = eq.any(axis=1)
            col = eq.argmax(axis=1)
            out[lo : lo + LOOKUP_CHUNK][ok] = np.where(has, self.score[pa[ok], col], 0.0)
        return out

    def pairs(self, lefts: set[int] | None = None, rights: set[int] | None = None):
        """Every scored pair and its score, as arrays (a, b, score); with ``lefts``/``rights``,
        only the pairs that hold one of those left or right sentences."""
        parts = list(self.parts(lefts, rights))
        if not parts:
            return tuple(np.zeros(0, dtype=t) for t in (np.int64, np.int64, np.float64))
        return tuple(np.concatenate(column) for column in zip(*parts))

    def parts(self, lefts: set[int] | None = None, rights: set[int] | None = None, rows: int | None = None):
        """``pairs`` in parts (a, b, score), in the same order: the candidates of ``rows`` left
        sentences at a time, then the pairs scored one at a time, then those scored in bulk."""
        rows = rows or PART_ROWS
        chosen = rows_of = None
        if lefts is not None or rights is not None:
            rows_of = np.zeros(len(self.cand), dtype=bool)
            rows_of[list(lefts or ())] = True
            chosen = np.zeros(self.m + 1, dtype=bool)  # the last for -1, no candidate
            chosen[list(rights or ())] = True
        for lo in range(0, len(self.cand), rows):
            cand = self.cand[lo : lo + rows]
            found = cand >= 0
            if chosen is not None:
                found &= rows_of[lo : lo + rows, None] | chosen[cand]
            a, col = np.nonzero(found)
            yield a + lo, cand[a, col].astype(np.int64), self.score[lo : lo + rows][a, col]
        m = self.m
        others = list(self.bulk)
        if self.extra:
            codes = np.fromiter(self.extra, dtype=np.int64, count=len(self.extra))
            others.insert(0, (codes, np.fromiter(self.extra.values(), dtype=np.float64, count=len(codes))))
        for codes, scores in others:
            x, y = np.divmod(codes, m)
            if chosen is not None:
                keep = _members(x, lefts) | _members(y, rights)
                x, y, scores = x[keep], y[keep], scores[keep]
            yield x, y, scores

    def __len__(self) -> int:
        return int((self.cand >= 0).sum()) + len(self.extra) + sum(len(codes) for codes, _ in self.bulk)


def _found(codes, wanted):
    """For each of ``wanted``, whether the sorted array ``codes`` holds it."""
    if not len(codes):
        return np.zeros(len(wanted), dtype=bool)
    k = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    return codes[k] == wanted


def _members(ids, members: set[int] | None):
    if not members:
        return np.zeros(len(ids), dtype=bool)
    return np.isin(ids, np.fromiter(members, dtype=np.int64, count=len(members)))


def first_best(ids, scores):
    """For the pairs (ids[i], scores[i]) in their order: each id once (ascending), the index of
    its pair with the highest score, the first such in order among equals, and the index of
    its first pair. What a loop keeping each id's best with ``>`` keeps, as arrays."""
    ids = np.asarray(ids)
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    order = np.lexsort((np.arange(len(ids)), -np.asarray(scores), ids))
    sorted_ids = ids[order]
    head = np.r_[True, sorted_ids[1:] != sorted_ids[:-1]]
    unique, first = np.unique(ids, return_index=True)
    return unique, order[head], first


class MeaningScores:
    """The pairs the meaning pass scored, in the order it scored them (the order decides
    between equal scores): left and right ids, meaning score and cosine, as arrays."""

    def __init__(self, pairs: list[tuple[int, int]] = (), scores: list[float] = (),
                 cosines: list[float] = ()) -> None:
        self.left = np.fromiter((a for a, _ in pairs), dtype=np.int32, count=len(pairs))
        self.right = np.fromiter((b for _, b in pairs), dtype=np.int32, count=len(pairs))
        self.score = np.array(scores, dtype=np.float64)
        self.cos = np.array(cosines, dtype=np.float64)

    @classmethod
    def of_arrays(cls, left, right, scores, cosines) -> "MeaningScores":
        out = cls()
        out.left, out.right = left.astype(np.int32), right.astype(np.int32)
        out.score, out.cos = scores.astype(np.float64), cosines.astype(np.float64)
        return out

    def __iter__(self) -> Iterator[tuple[int, int, float, float]]:
        """(left id, right id, meaning score, cosine) of each pair, in order."""
        return zip(self.left.tolist(), self.right.tolist(), self.score.tolist(), self.cos.tolist())

    def __len__(self) -> int:
        return len(self.left)
