"""The array helpers of ``prepared`` give what the numpy set functions they stand in for give."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.prepared import _among, _first_of_runs

_VALUES = st.lists(st.integers(-(2**63), 2**63 - 1) | st.integers(-3, 3), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_VALUES, _VALUES)
def test_among_is_isin(values, pool):
    a, b = np.array(values, dtype=np.int64), np.array(pool, dtype=np.int64)
    assert _among(a, b).tolist() == np.isin(a, b).tolist()


@settings(max_examples=200, deadline=None)
@given(_VALUES)
def test_first_of_runs_picks_what_unique_gives(values):
    codes = np.sort(np.array(values, dtype=np.int64))
    assert codes[_first_of_runs(codes)].tolist() == np.unique(codes).tolist()


def _exact_groups_both_ways(monkeypatch, left: str, right: str):
    from tui.compare import prepared
    from tui.compare.engine import compare_texts
    from tui.compare.prepare import read_both

    pair = compare_texts(left, right).engine_state
    held = pair.exact_groups
    monkeypatch.setattr(prepared, "EXACT_HELD", 0)  # the hashed way, as for a book

    again = prepared.PreparedPair(pair.left, pair.right, None, *read_both(pair.left, pair.right))
    return held, again.exact_groups


def test_exact_groups_held_at_once_are_those_found_by_hashing(monkeypatch):
    left = ("WASHINGTON (AP) — The talks ended. Prices rose 5%. The talks ended.\n\n"
            "Nobody spoke. Prices rose 5%.")
    right = "WASHINGTON — Prices rose 5%. Nobody spoke at all. The talks ended. Prices rose 5%."
    held, hashed = _exact_groups_both_ways(monkeypatch, left, right)
    assert held == hashed
    # the dateline without its agency; "The talks ended" twice on the left; "Prices rose 5%"
    # twice a side ("Nobody spoke" is not "Nobody spoke at all"), in the order of the left
    assert held == [([0], [0]), ([1, 3], [3]), ([2, 5], [1, 4])]


def test_exact_groups_of_the_sample_pair_are_the_same_either_way(monkeypatch):
    from tui.corpus import default_pair

    left, right = (p.read_text(encoding="utf-8") for p in default_pair())
    held, hashed = _exact_groups_both_ways(monkeypatch, left, right)
    assert held == hashed and held


_SENTENCES = st.lists(st.lists(st.sampled_from(["Prices", "rose", "fell", "talks", "ended", "5%", "again"]),
                               min_size=1, max_size=4).map(lambda ws: " ".join(ws) + "."), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(_SENTENCES, _SENTENCES)
def test_exact_groups_of_sentences_from_few_words_are_the_same_either_way(lefts, rights):
    from _pytest.monkeypatch import MonkeyPatch

    with MonkeyPatch.context() as monkeypatch:
        held, hashed = _exact_groups_both_ways(monkeypatch, " ".join(lefts), " ".join(rights))
    assert held == hashed


_KEY_IDS = st.lists(st.integers(0, 30), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_KEY_IDS)
def test_distinct_keys_are_in_the_order_they_first_appear_either_way(values):
    from tui.compare import prepared

    keys = np.array(values, dtype=np.int32)
    want = list(dict.fromkeys(values))
    assert prepared._distinct(keys) == want
    short = prepared.SHORT_KEYS
    prepared.SHORT_KEYS = -1  # the numpy way, as for a book
    try:
        assert prepared._distinct(keys) == want
    finally:
        prepared.SHORT_KEYS = short


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=60), st.integers(1, 200))
def test_idf_of_counts_weighs_each_count_as_idf_weights_does(counts, n):
    import math

    from tui.compare.similarity import QUANTUM, idf_of_counts

    got = idf_of_counts(np.array(counts, dtype=np.int64), n)
    assert got.dtype == np.float64
    assert got.tolist() == [round(math.log(1.0 + n / c) * QUANTUM) / QUANTUM if c else 0.0 for c in counts]


def test_kept_tokens_renamed_by_the_spelling_aliases_are_those_with_an_aliased_key():
    """The right side's kept tokens whose key only it spells (Judea for the left's Judaea)
    take the left's key; no other token changes."""
    from dataclasses import astuple

    from tui.compare.engine import compare_texts
    from tui.compare.similarity import spelling_aliases

    left = "Pilate ruled Judaea then. The governor of Judaea spoke. Soldiers marched north."
    right = "Pilate ruled Judea then. Soldiers marched north. The governor of Judea spoke again."
    pair = compare_texts(left, right).engine_state
    fresh = compare_texts(right, left).engine_state.ltoks  # the right text's tokens, not renamed
    assert spelling_aliases({"judaea"}, {"judea"}) == {"judea": "judaea"}
    renamed = [astuple(t) for i in range(len(pair.rtoks)) for t in pair.rtoks[i]]
    plain = [astuple(t) for i in range(len(fresh)) for t in fresh[i]]
    assert len(renamed) == len(plain)
    changed = [(a, b) for a, b in zip(plain, renamed) if a != b]
    assert [(a[3], b[3]) for a, b in changed] == [("judea", "judaea")] * 2
    assert all(a[:3] + a[4:] == b[:3] + b[4:] for a, b in changed)



def test_vector_rows_added_in_runs_keep_every_row_and_copy_about_as_many_as_they_hold():
    """The meaning pass adds a book's sentence vectors in runs: every row stays the vector it
    was added with, and the rows copied as the matrix grows (all those held when it grows) are
    about as many as the rows held, not a multiple of them (growing by a quarter, 42,000 rows
    added 1,400 at a time copied 189,000)."""
    from tui.compare import prepared

    rows = prepared.VectorRows(3)
    added, copied, ids = 0, 0, []
    for run in range(30):
        run_ids = list(range(added, added + 1400))
        matrix = rows._matrix
        rows.add(run_ids, np.array([[i, -i, 0.5] for i in run_ids], dtype=np.float32))
        if rows._matrix is not matrix:  # grown: the rows held so far were copied over
            copied += added
        added += 1400
        ids += run_ids
    assert len(rows) == added
    assert rows.rows(ids)[:, 0].tolist() == ids and rows[41999].tolist() == [41999.0, -41999.0, 0.5]
    assert copied <= 1.1 * added
