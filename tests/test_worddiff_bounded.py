"""A word diff takes a bounded number of steps for each word of the pair, whatever the words:
within them it is difflib's diff; past them, still a diff that turns one side into the other."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare import worddiff
from tui.compare.engine import compare_sentences
from tui.compare.worddiff import opcodes

UNLIMITED = 1 << 60


def applied(steps: list[tuple[str, int, int, int, int]], a: list, b: list) -> list:
    """``a`` turned by the steps into the other side, after checking that they are well made:
    in order, end to end, each tag with the stretches it needs, equal stretches equal, no two
    changes or two equal stretches in a row (difflib joins them)."""
    out: list = []
    i = j = 0
    last = None
    for tag, i1, i2, j1, j2 in steps:
        assert (i1, j1) == (i, j)
        assert {"equal": i2 - i1 == j2 - j1 > 0, "replace": i2 > i1 and j2 > j1,
                "delete": i2 > i1 and j2 == j1, "insert": i2 == i1 and j2 > j1}[tag]
        assert (tag == "equal") != (last == "equal") or last is None
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            out += b[j1:j2]
        i, j, last = i2, j2, tag
    assert (i, j) == (len(a), len(b))
    return out


def _x_against_xy(n: int) -> tuple[list[str], list[str]]:
    """difflib's worst: every block one word long, each stretch nearly the whole pair."""
    return ["buffalo"] * n, ["buffalo", "bison"] * (n // 2)


_FEW_WORDS = st.lists(st.sampled_from("xxxxyz"), max_size=120)


@settings(max_examples=300, deadline=None)
@given(_FEW_WORDS, _FEW_WORDS, st.sampled_from([0, 1, 2, 4, 16]))
def test_the_steps_of_a_pair_cut_short_still_turn_one_side_into_the_other(a, b, steps_a_word):
    kept = worddiff.WORK_PER_WORD
    worddiff.WORK_PER_WORD = steps_a_word
    try:
        assert applied(opcodes(a, b), a, b) == b
    finally:
        worddiff.WORK_PER_WORD = kept


@pytest.mark.parametrize("find", ["runs", "search"])
def test_with_no_steps_left_a_pair_keeps_its_common_start_and_end(monkeypatch, find):
    a = ["the", "herd", "ran", "buffalo", "buffalo", "buffalo", "west", "at", "dawn"]
    b = ["the", "herd", "ran", "bison", "buffalo", "bison", "buffalo", "west", "at", "dawn"]
    monkeypatch.setattr(worddiff, "WORK_PER_WORD", 0)
    monkeypatch.setattr(worddiff, "RUN_PAIRS", UNLIMITED if find == "runs" else 0)
    assert opcodes(a, b) == [("equal", 0, 3, 0, 3), ("replace", 3, 5, 3, 6), ("equal", 5, 9, 6, 10)]


@pytest.mark.parametrize("n", [200, 400])
def test_a_long_repetitive_pair_within_its_steps_is_difflibs(monkeypatch, n):
    a, b = _x_against_xy(n)
    monkeypatch.setattr(worddiff, "WORK_PER_WORD", UNLIMITED)
    assert opcodes(a, b) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@pytest.mark.parametrize("find", ["runs", "search"])
def test_a_pair_stops_within_its_steps_and_the_next_search(find):
    """difflib's way would take about n³/64 steps here; the pair takes its share of words
    and at most one more search (the one that ran out)."""
    a, b = _x_against_xy(1000 if find == "search" else 100)
    budget = worddiff.WORK_PER_WORD * (len(a) + len(b))
    if find == "runs":
        where: dict[str, list[int]] = {}
        for j, x in enumerate(b):
            where.setdefault(x, []).append(j)
        blocks, left, rest = worddiff._blocks_of_runs(worddiff._runs_of([where.get(x) for x in a]),
                                                      len(a), len(b), budget)
        most = len(a) * len(b)  # a run looked at: a step; there are at most this many
    else:
        blocks, left, rest = worddiff._blocks_searched(a, b, budget)
        most = 1 + len(b) * (17 + len(a)) // worddiff.FIND_STEP  # one search of the widest stretch
    assert left and -most <= rest < 0
    assert len(blocks) < min(len(a), len(b))


def test_a_long_repetitive_pair_is_a_diff_of_its_words():
    a, b = _x_against_xy(2000)
    assert applied(opcodes(a, b), a, b) == b


def _few_changed(n: int) -> tuple[list[str], list[str]]:
    changed = ["buffalo"] * n
    for k in (5, 290, 291, 600, n - 2):
        changed[k] = "bison"
    return ["buffalo"] * n, changed


@pytest.mark.parametrize("pair", [_few_changed(1000), _x_against_xy(2000)], ids=["few changed", "x against x y"])
def test_a_long_repetitive_sentence_marks_the_words_only_one_side_has_and_no_other(pair):
    """A sentence of one word against the same with a few words changed (within the steps: difflib's
    diff), or with another word after each (past them): the reader sees the other words marked
    on their side, and no "buffalo" marked on either."""
    a, b = (" ".join(words).capitalize() + "." for words in pair)
    diff = compare_sentences(a, b).diff
    marked = [b[op.right[0]:op.right[1]] for op in diff if op.right and op.op in ("replace", "insert")]
    assert " ".join(marked).split() == [w for w in pair[1] if w == "bison"]
    assert not [op for op in diff if op.left and op.op in ("replace", "delete")]
