"""Spelling aliases: a key only one side uses takes the key of a near-identical spelling on the
other side, the same whatever order the keys come in."""

from __future__ import annotations

import subprocess
import sys

from tui.compare.similarity import spelling_aliases


def test_a_spelling_only_one_side_uses_takes_the_other_sides_key():
    assert spelling_aliases({"judaea", "king"}, {"judea", "king"}) == {"judea": "judaea"}


def test_two_left_spellings_near_one_right_one_the_closer_has_it():
    # bethsayda and bethsaidan are both near bethsaida (89 and 95 of 100); bethsaidan is the closer.
    for _ in range(20):  # in whatever order the set gives them
        assert spelling_aliases({"bethsayda", "bethsaidan"}, {"bethsaida"}) == {"bethsaida": "bethsaidan"}


def test_the_answer_does_not_depend_on_the_order_of_the_sets():
    code = ("from tui.compare.similarity import spelling_aliases as s; "
            "print(sorted(s({'savouri', 'savorie', 'bethsayda', 'bethsaidan', 'judaea'}, "
            "{'savori', 'bethsaida', 'judea'}).items()))")
    answers = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout
               for seed in range(8)}
    assert len(answers) == 1
