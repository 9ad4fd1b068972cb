"""The aligner's candidate search, summed in arrays, finds what a running total per sentence
finds: the same right sentences, in the same order, ties broken by which was found first."""

from __future__ import annotations

from operator import itemgetter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare import align
from tui.compare.align import WINDOW, AlignParams, Aligner
from tui.compare.similarity import Bags

# Few distinct weights, so that many candidates tie on their summed weight.
WEIGHTS = (0.1, 0.3, 1.0, 1.5, 2.25)


def bags(rng: np.random.Generator, n: int, vocab: int, common: int, weights) -> Bags:
    """n sentences; key 0..common-1 in most of them (long posting lists), the rest rare."""
    rows = []
    for _ in range(n):
        frequent = [k for k in range(common) if rng.random() < 0.6]
        rare = rng.choice(np.arange(common, vocab), size=int(rng.integers(0, 12)), replace=True).tolist()
        rows.append(sorted(set(frequent + rare)))
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=starts[1:])
    keys = np.array([k for r in rows for k in r], dtype=np.int32)
    return Bags(keys, starts, [f"k{i:03d}" for i in range(vocab)], weights)


def running_totals(al: Aligner) -> dict[int, list[int]]:
    """The candidate search written plainly: a dict of running totals per left sentence."""
    postings, where, rank = al._index
    m, n = max(1, len(al.R)), max(1, len(al.L))
    cap = max(WINDOW, int(6 * m ** 0.5))
    weights = al.L.weights.tolist()
    out: dict[int, list[int]] = {}
    for a in range(len(al.L)):
        if a in al.left_skip or not al.L.sizes[a]:
            continue
        acc: dict[int, float] = {}
        used = 0
        for k in sorted(al.L.ids(a).tolist(), key=rank.__getitem__):
            lo, hi = where[k], where[k + 1]
            if hi == lo or hi - lo > cap:
                continue
            if hi - lo > WINDOW:
                middle = int(np.searchsorted(postings[lo:hi], a * m // n))
                lo += max(0, min(middle - WINDOW // 2, hi - lo - WINDOW))
                hi = lo + WINDOW
            for j in postings[lo:hi].tolist():
                acc[j] = acc.get(j, 0.0) + weights[k]
            used += 1
            if used >= al.p.rare_keys:
                break
        if acc:
            best = sorted(acc.items(), key=itemgetter(1), reverse=True)[: al.p.candidates]
            out[a] = [j for j, _ in best]
    return out


def as_dict(cands) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, b, col in zip(*(c.tolist() for c in cands)):
        assert col == len(out.setdefault(a, []))
        out[a].append(b)
    return out


def candidates_in_chunks(al: Aligner, chunk: int) -> dict[int, list[int]]:
    """``al.candidates()`` with the left sentences summed ``chunk`` at a time."""
    kept = align.CANDIDATE_CHUNK
    align.CANDIDATE_CHUNK = chunk
    try:
        return as_dict(al.candidates())
    finally:
        align.CANDIDATE_CHUNK = kept


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), m=st.integers(1, 160),
       common=st.integers(0, 4), chunk=st.sampled_from([1, 3, 512]), skip=st.sets(st.integers(0, 39), max_size=5))
def test_candidates_equal_running_totals(seed, n, m, common, chunk, skip):
    rng = np.random.default_rng(seed)
    vocab = 30
    weights = np.array(rng.choice(WEIGHTS, size=vocab), dtype=np.float64)
    al = Aligner(bags(rng, n, vocab, common, weights), bags(rng, m, vocab, common, weights),
                 AlignParams(candidates=5, rare_keys=4), left_skip=skip)
    assert candidates_in_chunks(al, chunk) == running_totals(al)


def test_a_long_posting_list_is_read_near_the_expected_place():
    """A key in 80 of 200 right sentences (more than ``WINDOW``): a late left sentence finds
    right sentences from the middle of the text on, not the first ones."""
    n = m = 200
    weights = np.ones(1)
    left = Bags(np.zeros(n, dtype=np.int32), np.arange(n + 1, dtype=np.int64), ["k"], weights)
    holders = [j % 2 == 0 and j < 160 for j in range(m)]
    starts = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(holders, out=starts[1:])
    right = Bags(np.zeros(sum(holders), dtype=np.int32), starts, ["k"], weights)
    al = Aligner(left, right)
    found = candidates_in_chunks(al, 7)
    assert found == running_totals(al)
    assert min(found[150]) >= 32 and min(found[0]) == 0
