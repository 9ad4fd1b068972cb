"""Where the jump keys go: stops in each pane's reading order (pure, no app)."""

from __future__ import annotations

import pytest

from tui.compare import compare_texts
from tui.reading_order import KINDS, Route, stops_in_order


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_sentence_of_both_texts_is_in_exactly_one_stop(fox_pair, side):
    stops = stops_in_order(fox_pair, side)
    for s in ("left", "right"):
        ids = [i for stop in stops for i in stop.ids(s)]
        assert sorted(ids) == list(range(len(fox_pair.doc(s).sentences)))


@pytest.mark.parametrize("side", ["left", "right"])
def test_stops_follow_the_reading_order_of_their_pane(fox_pair, side):
    firsts = [stop.ids(side)[0] for stop in stops_in_order(fox_pair, side) if stop.ids(side)]
    assert firsts == sorted(firsts)


def test_a_one_sided_sentence_of_the_other_text_comes_after_its_neighbour():
    c = compare_texts("Alpha beta gamma delta.\n\nEpsilon zeta eta theta.\n",
                      "Alpha beta gamma delta.\n\nSomething only the right text says here.\n\nEpsilon zeta eta theta.\n")
    kinds = [stop.kind for stop in stops_in_order(c, "left")]
    only_right = c.only("right")
    assert only_right, "the engine should leave the inserted sentence unlinked"
    assert kinds.index("only-right") == 1


def test_stop_kinds_agree_with_the_engine_counts(fox_pair):
    route = Route(fox_pair, "left")
    counts = fox_pair.counts()
    assert route.count("differ") == counts["differ"]
    assert route.count("match") == counts["match"]
    assert route.count("only-left") == counts["only_left"]
    assert route.count("only-right") == counts["only_right"]
    assert route.count("diff") == counts["differ"] + counts["only_left"] + counts["only_right"]


@pytest.mark.parametrize("kind", KINDS)
def test_next_and_previous_find_the_nearest_stop_of_a_kind(fox_pair, kind):
    route = Route(fox_pair, "right")
    middle = len(route) // 2
    nxt = route.next(middle, 1, kind)
    prev = route.next(middle, -1, kind)
    if nxt is not None:
        assert nxt > middle and route.stops[nxt].is_a(kind)
        assert not any(route.stops[i].is_a(kind) for i in range(middle + 1, nxt))
    if prev is not None:
        assert prev < middle and route.stops[prev].is_a(kind)
        assert not any(route.stops[i].is_a(kind) for i in range(prev + 1, middle))
    assert route.next(None, 1, kind) == (route.next(-1, 1, kind))


def test_rank_counts_stops_of_the_same_kind(fox_pair):
    route = Route(fox_pair, "left")
    positions = [i for i, s in enumerate(route.stops) if s.kind == "differ"]
    assert [route.rank(p, "differ") for p in positions] == [(n, len(positions)) for n in range(1, len(positions) + 1)]
