"""A group that restates its core: a subhead and a lead-in announcing a statement, then the
statement's words, against one sentence that quotes them (``claims/restated.py``)."""

from __future__ import annotations

from tui.compare import compare_texts
from tui.compare.engine import judge_pair

QUOTE = "\"Both councils agreed the schools need a fair budget this year."
SAID = "“Both councils agreed the schools need a fair budget this year,” the mayor’s office said in a statement.\n"


def judged(left_lines: list[str], right: str):
    c = compare_texts("\n\n".join(left_lines) + "\n", right)
    assert len(c.left.sentences) == len(left_lines) and len(c.right.sentences) == 1
    return judge_pair(c, tuple(range(len(left_lines))), (0,))


def test_a_lead_in_and_subhead_restating_the_quoted_statement_match():
    link = judged([
        "Mayor: Both councils call for \"a fair budget\"",
        "After the vote in the town hall, the mayor's office issued a statement saying that both councils "
        "spoke about \"a fair budget and new buses for the district.\"",
        QUOTE,
    ], SAID)
    assert link.kind == "match", link.changes


def test_a_number_the_lead_in_changes_still_counts():
    link = judged([
        "After the vote, the mayor's office issued a statement saying that both councils want a fair "
        "budget with 40 new buses.",
        QUOTE,
    ], "“Both councils agreed the schools need a fair budget this year,” the mayor’s office said in a "
       "statement about 30 new buses.\n")
    assert "number" in {c.type for c in link.changes}


def test_a_member_that_does_not_restate_the_core_keeps_its_detail():
    link = judged([
        "Both councils agreed the schools need a fair budget this year.",
        "The new stadium, built by volunteers from nearby towns, opens in spring.",
    ], "Both councils agreed the schools need a fair budget this year.\n")
    assert link.kind == "differ"
    assert [c.type for c in link.changes] == ["detail"]
    assert "stadium" in link.changes[0].left_text


def test_without_a_core_the_lead_in_detail_counts():
    # No member says only what the other side says (the quote adds "and next"): the lead-in's
    # extra wording is a detail as usual.
    link = judged([
        "After the vote in the town hall, the mayor's office issued a statement saying that both councils "
        "spoke about \"a fair budget and new buses for the district.\"",
        "\"Both councils agreed the schools need a fair budget this year and new teachers by autumn.",
    ], SAID)
    assert link.kind == "differ"


def test_a_member_on_the_same_topic_that_quotes_nothing_keeps_its_detail():
    # The second sentence is about the same bridge and mayor, but it reports no statement the
    # core quotes: what it adds (demolition, a tunnel) is a detail the other side lacks.
    link = judged([
        "\"The bridge will close on Monday for good,\" the mayor said.",
        "The mayor said the bridge, which carries most commuters, will be demolished and replaced by a tunnel.",
    ], "“The bridge will close on Monday for good,” the mayor said.\n")
    assert link.kind == "differ"
    assert any("tunnel" in c.left_text or "demolished" in c.left_text for c in link.changes)
