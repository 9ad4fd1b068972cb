"""The meaning pass's choices made with arrays are the choices its loops over the scores made:
mutual best partners and the best partner of each free sentence, with equal scores decided by
the scores' order, on random score tables full of ties."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.align import Aligner
from tui.compare.pair_scores import MeaningScores, first_best
from tui.compare.similarity import Bags

N = 12  # sentences a side


def bags(n: int) -> Bags:
    return Bags(np.zeros(n, dtype=np.int32), np.arange(n + 1, dtype=np.int64), ["k"], np.ones(1))


def loop_mutual_best(scores, free_l, free_r, link):
    """The mutual best partners as the meaning pass found them with dicts, in their order."""
    best_l, best_r = {}, {}
    for a, b, s, cos in scores:
        if a in free_l and b in free_r:
            if s > best_l.get(a, (-1.0, -1, 0.0))[0]:
                best_l[a] = (s, b, cos)
            if s > best_r.get(b, (-1.0, -1))[0]:
                best_r[b] = (s, a)
    return [(a, b, s, cos) for a, (s, b, cos) in best_l.items() if best_r.get(b, (0, -1))[1] == a and s >= link]


def loop_joins(group, scores, join):
    """Each free sentence's best partner as the meaning pass found it with a dict, in order."""
    best = {}
    for a, b, s, _ in scores:
        for side, me, other, their in (("left", a, b, "right"), ("right", b, a, "left")):
            if (side, me) not in group and s > best.get((side, me), (-1.0, "", -1))[0]:
                best[(side, me)] = (s, their, other)
    return sorted(((key, v) for key, v in best.items() if v[0] >= join), key=lambda kv: -kv[1][0])


# Few distinct scores, so most sentences meet equal scores; pairs may repeat in any order.
tables = st.lists(st.tuples(st.integers(0, N - 1), st.integers(0, N - 1), st.sampled_from([0.1, 0.3, 0.31, 0.5, 0.8]),
                            st.sampled_from([-0.2, 0.0, 0.4, 0.9])), max_size=60)
sides = st.sets(st.integers(0, N - 1))


def table(rows) -> MeaningScores:
    return MeaningScores([(a, b) for a, b, _, _ in rows], [s for _, _, s, _ in rows], [c for _, _, _, c in rows])


@settings(max_examples=300, deadline=None)
@given(tables, sides, sides)
def test_mutual_best_with_arrays_is_the_loop_over_pairs(rows, free_l, free_r):
    aligner = Aligner(bags(N), bags(N))
    scores = table(rows)
    links = aligner._mutual_best(scores, free_l, free_r)
    expected = loop_mutual_best(scores, free_l, free_r, aligner.p.meaning_link)
    assert [(lk.left, lk.right, lk.score, lk.meaning, lk.how) for lk in links] == [
        ((a,), (b,), s, cos, "meaning") for a, b, s, cos in expected]


@settings(max_examples=300, deadline=None)
@given(tables, sides, sides)
def test_best_joins_with_arrays_are_the_loop_over_pairs(rows, linked_l, linked_r):
    aligner = Aligner(bags(N), bags(N))
    scores = table(rows)
    group = {("left", i): None for i in linked_l} | {("right", j): None for j in linked_r}
    # The aligner's form: each side's link by sentence id, None where a sentence is in none.
    links_of = ([("link",) if i in linked_l else None for i in range(N)],
                [("link",) if j in linked_r else None for j in range(N)])
    assert aligner._best_joins(links_of, scores) == loop_joins(group, scores, aligner.p.meaning_join)


def test_first_best_takes_the_first_of_equal_scores_and_says_where_each_id_starts():
    ids, best, first = first_best(np.array([4, 2, 4, 2, 4]), np.array([0.5, 0.7, 0.9, 0.7, 0.9]))
    assert ids.tolist() == [2, 4] and best.tolist() == [1, 2] and first.tolist() == [1, 0]
    assert [x.tolist() for x in first_best(np.array([], dtype=np.int64), np.array([]))] == [[], [], []]
