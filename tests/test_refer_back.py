"""A sentence that opens by pointing back ("It was released again ...") speaks of the sentence
before it: when it is linked and the sentence it points back to is free, that sentence links with
the link's free neighbour on the other side that means the same, if one does (and the pointing
sentence goes with it when it shares its side of the link with another sentence)."""

from __future__ import annotations

import pytest

from tui.compare import compare_texts
from tui.compare.align import AlignParams
from tui.compare.prepared import Options
from tui.compare.refer_back import refers_back

LEFT = [
    "The city council and the transit agency agreed on Monday to start work on a new river bridge, officials said.",
    "Last month, the council accepted the state's offer of a ten-year loan for the bridge.",
    "As part of the deal, the state immediately lifted its freeze on road money for the town.",
    "The mayor said the bridge would cut travel times across the river by half.",
    "Construction crews will begin clearing the site in early spring.",
    "Heavy snow is expected in the mountains this weekend.",
]
# The same story told in another order; right 3 says (in other words) what left 2 says, and
# right 4 ("It ...") points back to right 3 while its own words are those of left 1.
RIGHT = [
    "Crews are due to start clearing the building site early in the spring.",
    "Travel times across the river would be cut in half by the bridge, the mayor said.",
    "A local bakery won a national prize for its sourdough bread.",
    "After a bitter dispute over tolls in January, the governor temporarily suspended some road money and grants "
    "to the community.",
    "It was released again after the council last month accepted the state's loan for the bridge.",
    "Work on a new river bridge will start soon after the city council and the transit agency reached agreement "
    "on Monday.",
    "The council approved the state's ten-year loan offer for the bridge last month during a late-night session.",
]


def links(left: list[str], right: list[str], **params) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    c = compare_texts("\n\n".join(left) + "\n", "\n\n".join(right) + "\n", options=Options(align=AlignParams(**params)))
    assert len(c.left.sentences) == len(left) and len(c.right.sentences) == len(right)
    return {(lk.left, lk.right) for lk in c.links}


@pytest.mark.parametrize("text, expected", [
    ("It was restored a week later.", True),
    ("“They said so on Monday.", True),
    ("That's got to be dealt with.", True),
    ("He denied it.", True),
    ("Its army is in retreat.", False),
    ("Items on the list were sold.", False),
    ("This-year figures are lower.", False),
    ("The plan was restored.", False),
    ("Officials said it was restored.", False),
])
def test_a_sentence_pointing_back_is_told_by_its_first_word(text, expected):
    assert refers_back(text, 0, len(text)) is expected


def test_the_pointing_sentence_goes_with_what_it_points_back_to():
    found = links(LEFT, RIGHT)
    # The suspended money and its release are left 2's claim; the loan is left 1's alone.
    assert ((2,), (3, 4)) in found
    assert ((1,), (6,)) in found
    # Without the rule, "It was released ..." joins the loan by its words and left 2 stays alone.
    without = links(LEFT, RIGHT, antecedent_link=9.0)
    assert ((1,), (4, 6)) in without
    assert not any(2 in lk for lk, _ in without)


def test_what_a_sentence_alone_in_its_link_points_back_to_links_on_its_own():
    right = RIGHT[:6]  # the loan is told only by the sentence that points back
    found = links(LEFT, right)
    assert ((1,), (4,)) in found
    assert ((2,), (3,)) in found
    assert not any(2 in lk for lk, _ in links(LEFT, right, antecedent_link=9.0))


def test_a_sentence_pointed_back_to_that_tells_another_thing_does_not_link():
    right = list(RIGHT)
    right[3] = ("After a bitter dispute over tolls in January, the governor traveled to the town to open a new "
                "public library.")
    found = links(LEFT, right)
    assert not any(3 in r for _, r in found)
    assert not any(2 in lk for lk, _ in found)


def test_the_same_trip_for_another_purpose_does_not_link_through_a_pointing_sentence():
    left, right = list(LEFT), list(RIGHT)
    left[2] = "As part of the deal, the mayor traveled to the capital to sign the loan papers."
    right[3] = "In January, the mayor traveled to the capital to protest the tolls on the old bridge."
    right[4] = "It was settled after the council last month accepted the state's loan for the bridge."
    found = links(left, right)
    assert not any(2 in lk and 3 in r for lk, r in found)


def test_too_little_in_common_with_the_neighbour_links_nothing():
    right = list(RIGHT)
    right[3] = ("After a bitter dispute over tolls in January, the governor temporarily froze some highway funds "
                "and grants for the community.")
    found = links(LEFT, right)
    assert not any(2 in lk for lk, _ in found)
    assert ((1,), (4, 6)) in found
