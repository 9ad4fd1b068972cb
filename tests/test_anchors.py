"""Anchors: a target is found again after its document changes, or kept as orphaned."""

from __future__ import annotations

import pytest

from tui.compare import compare_texts
from tui.store.anchors import (
    CONTEXT,
    FUZZY_WINDOW,
    TextTarget,
    describe,
    reanchor,
    sentences_in,
    targets_for_sentences,
)

TEXT = (
    "Putin and Trump spoke for two hours on Tuesday. "
    "Russia and Ukraine will exchange 175 prisoners of war each on Wednesday, the Kremlin said. "
    "The White House called it a first step toward peace. "
    "Zelenskyy said he doubted Putin was ready to end the war."
)
PRISONERS = "Russia and Ukraine will exchange 175 prisoners of war each on Wednesday, the Kremlin said."


def target_of(quote: str, text: str = TEXT) -> TextTarget:
    start = text.index(quote)
    return describe("left", text, start, start + len(quote))


def test_describe_keeps_the_quote_and_32_characters_either_side():
    t = target_of(PRISONERS)
    assert t.exact == PRISONERS
    assert len(t.prefix) == len(t.suffix) == CONTEXT
    assert TEXT[t.start - CONTEXT : t.end + CONTEXT] == t.prefix + t.exact + t.suffix


def test_unchanged_text_anchors_by_offsets():
    t = reanchor(target_of(PRISONERS), TEXT)
    assert (t.status, t.how) == ("anchored", "position")


def test_text_inserted_before_moves_the_target_to_its_quote():
    edited = "MOSCOW (AP) — A new opening line. " + TEXT
    t = reanchor(target_of(PRISONERS), edited)
    assert (t.status, t.how) == ("moved", "quote")
    assert edited[t.start : t.end] == PRISONERS


def test_of_two_exact_occurrences_the_one_with_the_same_context_wins():
    text = "Officials said so. " + TEXT + " Officials said so. A later paragraph."
    old = describe("left", text, len(text) - len(" A later paragraph.") - len("Officials said so."),
                   len(text) - len(" A later paragraph."))
    edited = "Inserted. " + text
    t = reanchor(old, edited)
    assert t.how == "quote"
    assert edited[t.end :].startswith(" A later paragraph.")


def test_a_reworded_sentence_between_kept_sentences_is_found_by_its_context():
    reworded = "Russia and Ukraine are set to swap 175 prisoners of war on Wednesday, according to the Kremlin."
    t = reanchor(target_of(PRISONERS), TEXT.replace(PRISONERS, reworded))
    assert (t.status, t.how) == ("moved", "context")
    assert t.exact == reworded


def test_a_reworded_sentence_with_new_neighbours_is_found_by_fuzzy_matching():
    reworded = "Russia and Ukraine will exchange 175 prisoners of war on Wednesday, the Kremlin said."
    edited = ("Completely new opening sentence about the call. " + reworded
              + " Another entirely new sentence follows here.")
    t = reanchor(target_of(PRISONERS), edited)
    assert (t.status, t.how) == ("moved", "fuzzy")
    assert "175 prisoners of war" in t.exact


def test_a_deleted_sentence_is_orphaned_and_keeps_its_selectors():
    old = target_of(PRISONERS)
    t = reanchor(old, TEXT.replace(PRISONERS + " ", ""))
    assert t.status == "orphaned"
    assert (t.exact, t.prefix, t.suffix, t.start) == (old.exact, old.prefix, old.suffix, old.start)


def test_an_orphan_anchors_again_when_its_text_comes_back():
    lost = reanchor(target_of(PRISONERS), TEXT.replace(PRISONERS + " ", ""))
    assert reanchor(lost, TEXT).status == "anchored"


@pytest.mark.parametrize("short", ["war", "the"])
def test_short_quotes_are_never_matched_fuzzily(short):
    t = describe("left", "at the war front", 7, 7 + len(short))
    assert reanchor(t, "completely different words here").status == "orphaned"


def test_target_json_round_trip_uses_w3c_selectors():
    t = target_of(PRISONERS)
    data = t.to_json()
    assert [s["type"] for s in data["selectors"]] == ["TextPositionSelector", "TextQuoteSelector"]
    assert TextTarget.from_json(data) == t


def test_sentences_in_takes_sentences_covered_at_least_half():
    c = compare_texts(TEXT, TEXT)
    doc = c.left
    s1, s2 = doc.sentences[1], doc.sentences[2]
    assert sentences_in(doc, s1.start, s1.end) == (1,)
    assert sentences_in(doc, s1.start + 3, s1.start + 10) == (1,)  # inside one sentence
    assert sentences_in(doc, s1.start, s2.start + 5) == (1,)
    assert sentences_in(doc, s1.start, s2.end) == (1, 2)


def test_targets_for_sentences_make_one_target_per_consecutive_run():
    c = compare_texts(TEXT, TEXT)
    targets = targets_for_sentences(c.left, "left", [3, 0, 1])
    assert [(t.start, t.end) for t in targets] == [
        (c.left.sentences[0].start, c.left.sentences[1].end),
        (c.left.sentences[3].start, c.left.sentences[3].end),
    ]


def test_in_a_long_text_fuzzy_search_stays_near_the_old_place():
    filler = "Unrelated filler sentence number {} about something else entirely. "
    head = "".join(filler.format(i) for i in range(2000))
    text = head + PRISONERS + " " + head
    old = target_of(PRISONERS, text)
    reworded = "Russia and Ukraine will exchange 175 prisoners of war on Wednesday, the Kremlin said."
    edited = head[:-40] + "New words before it. " + reworded + " New words after it. " + head[40:]
    assert len(edited) > 3 * FUZZY_WINDOW
    t = reanchor(old, edited)
    assert t.how == "fuzzy" and "175 prisoners of war" in t.exact
