"""A weak anchor in a text told in another order: two sentences that share two words and
nothing else of substance ("discuss the issue") are not linked by those words."""

from __future__ import annotations

from tui.compare import compare_texts
from tui.compare.similarity import overlap

LEFT = [
    "The city council approved a new budget for public schools on Thursday evening.",
    "Teachers will receive a five percent raise starting in September, the budget says.",
    "The mayor praised the decision as a victory for families across the region.",
    "{quote}",
    "Opponents argued that the plan raises property taxes far too sharply for retirees.",
    "The harbour authority will repaint the old lighthouse and reopen its museum to visitors.",
    "Heavy snow fell in the northern mountains overnight.",
]
# The right side tells the same story backwards (so the texts do not keep one order), with a
# sentence of its own at the top.
RIGHT = [
    "A new bakery opened downtown with a line around the block.",
    "Visitors will find the old lighthouse repainted and its museum reopened by the harbour authority this spring.",
    "Critics said the plan raises property taxes far too sharply for retirees on fixed incomes.",
    "{quote}",
    "Calling it a victory for families, the mayor praised the council's decision.",
    "Under the budget, teachers get a five percent raise from September.",
    "On Thursday evening the city council passed a new budget for the public schools.",
]


def compared(left_quote: str, right_quote: str):
    left = "\n\n".join(LEFT).replace("{quote}", left_quote) + "\n"
    right = "\n\n".join(RIGHT).replace("{quote}", right_quote) + "\n"
    c = compare_texts(left, right)
    assert len(c.left.sentences) == len(LEFT) and len(c.right.sentences) == len(RIGHT)
    return c, {(lk.left, lk.right) for lk in c.links}


def test_two_shared_words_do_not_make_a_weak_anchor():
    c, links = compared(
        "“We will discuss the issue of parking.",
        "“But there are many issues that we need to discuss carefully with our neighbours and partners before winter.",
    )
    pair = c.engine_state
    dice = overlap(pair.lbags[3], pair.rbags[3]).dice
    assert 0.3 <= dice < 0.4  # what words alone would link, but weakly
    assert len(pair.lbags.keyset(3) & pair.rbags.keyset(3)) == 2
    assert ((3,), (3,)) not in links
    # the rest of the story still links, whatever its order
    assert {((0,), (6,)), ((1,), (5,)), ((2,), (4,)), ((4,), (2,)), ((5,), (1,))} <= links


def test_three_shared_words_still_anchor():
    c, links = compared(
        "“We will discuss the issue of parking fees.",
        "“But there are many issues about parking that we need to discuss carefully with our neighbours and "
        "partners before the long winter.",
    )
    pair = c.engine_state
    assert 0.3 <= overlap(pair.lbags[3], pair.rbags[3]).dice < 0.4  # as weak as the one above
    assert len(pair.lbags.keyset(3) & pair.rbags.keyset(3)) == 3
    assert ((3,), (3,)) in links
