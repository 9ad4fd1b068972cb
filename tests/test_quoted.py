"""Sentences that quote the same words link, however little else they share."""

from __future__ import annotations

from tui.compare import compare_texts
from tui.compare.model import evidence_text
from tui.compare.quoted import shared_quotes

LEFT = """The mayor met the city council on Monday morning.

She spoke for an hour about next year's budget and the state of the roads.

Speaking to reporters on the steps of the town hall after lunch, the mayor mentioned the idea of “selling harbour warehouses.”

The council adjourned at noon without a vote.
"""

RIGHT = """Council members gathered for their weekly session in the town hall.

Rain delayed the start by ten minutes.

Two aides said private developers have already begun talks on “selling some harbour warehouses” as part of a wider plan to fund new schools.

A teachers' union protested outside.
"""


def _unquoted(text: str) -> str:
    return text.replace("“", "").replace("”", "")


def test_sentences_quoting_the_same_words_link_and_say_why():
    c = compare_texts(LEFT, RIGHT)
    quoted = [lk for lk in c.links if lk.left == (2,) and lk.right == (2,)]
    assert quoted, [(lk.left, lk.right) for lk in c.links]
    assert evidence_text(quoted[0]).startswith("the same quotation")


def test_without_the_quotation_marks_the_same_sentences_stay_apart():
    # The words the two sentences share are too few on their own: the quotation links them.
    c = compare_texts(_unquoted(LEFT), _unquoted(RIGHT))
    assert not [lk for lk in c.links if 2 in lk.left and 2 in lk.right]


def test_one_quoted_word_in_common_is_no_shared_quotation():
    left = ("The ferry company called the delays on the northern route “unacceptable” in a letter to passengers.\n\n"
            "Its chief executive will meet the regulator next week.\n")
    right = ("A museum director said the damage to the old paintings was “unacceptable” after the storm.\n\n"
             "Restorers expect the work to take a year.\n")
    c = compare_texts(left, right)
    assert not [lk for lk in c.links if 0 in lk.left and 0 in lk.right]


def test_each_sentence_shares_its_quotation_with_one_partner_the_closest_first():
    left = {0: {"sell": 1.0, "harbour": 2.0, "warehous": 2.0}, 1: {"sell": 1.0, "harbour": 2.0}}
    right = {5: {"sell": 1.0, "harbour": 2.0, "warehous": 2.0}, 6: {"sell": 1.0, "harbour": 2.0, "ship": 3.0}}
    found = shared_quotes(left, right)
    assert [(a, b) for a, b, _ in found] == [(0, 5), (1, 6)]
    assert found[0][2] == 1.0 and 0.5 <= found[1][2] < 1.0


def test_guillemets_mark_a_quotation_too():
    left = ("Le maire a évoqué devant la presse, dimanche après-midi, l'idée de « vendre les entrepôts du port ».\n\n"
            "Il faisait beau.\n")
    right = ("Selon deux conseillers, les promoteurs privés discutent déjà de « vendre certains entrepôts du port » "
             "pour financer de nouvelles écoles.\n\n"
             "Des enseignants manifestaient dehors.\n")
    c = compare_texts(left, right)
    assert [(lk.left, lk.right) for lk in c.links] == [((0,), (0,))]
    assert evidence_text(c.links[0]).startswith("the same quotation")


def test_straight_marks_mark_a_quotation_too():
    def straight(text: str) -> str:
        return text.replace("“", '"').replace("”", '"')

    c = compare_texts(straight(LEFT), straight(RIGHT))
    quoted = [lk for lk in c.links if lk.left == (2,) and lk.right == (2,)]
    assert quoted and evidence_text(quoted[0]).startswith("the same quotation")


def test_evidence_reads_a_report_whose_aligned_by_is_empty():
    # A report read back from JSON (Comparison.from_json) may carry an empty list.
    c = compare_texts("Officials said 175 prisoners were freed on Monday.\n",
                      "Officials said 175 prisoners were released on Monday.\n")
    link = c.links[0]
    link.evidence["aligned_by"] = []
    assert "quotation" not in evidence_text(link) and "175" in evidence_text(link)
