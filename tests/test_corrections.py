"""Corrections override the engine and keep meaning the same sentences after the comparison is
recomputed, because they are anchored by text rather than by link number."""

from __future__ import annotations

import pytest

from tui.compare import compare_files
from tui.store.comparisons import load_for
from tui.store.corrections import Correction, apply_corrections

PRISONERS = 7  # left sentence 8: "... exchange 175 prisoners of war each on Wednesday ..."
LONG_AGO = 30  # left sentence 31: "The implementation of this proposal could have begun long ago."


@pytest.fixture
def base(pair):
    return compare_files(*pair)


@pytest.fixture
def store(base, tmp_path):
    return load_for(base.left, base.right, tmp_path / "data")


def link_texts(c, link):
    return ([c.left.sentence_text(i) for i in link.left], [c.right.sentence_text(j) for j in link.right])


def test_set_verdict_overrides_the_engine_and_marks_the_link_as_the_users(base, store):
    k = base.link_of("left", PRISONERS)
    assert base.links[k].kind == "differ"
    store.set_verdict(base, k, "match")
    shown = apply_corrections(base, store.corrections)
    assert (shown.links[k].kind, shown.links[k].origin) == ("match", "user")
    assert shown.links[k].evidence["engine_verdict"] == ["differ"]
    assert (base.links[k].kind, base.links[k].origin) == ("differ", "engine")  # the input is untouched


def test_unlink_makes_both_sides_only_in_one_source(base, store):
    k = base.link_of("left", PRISONERS)
    right = base.links[k].right
    store.unlink(base, k)
    shown = apply_corrections(base, store.corrections)
    assert shown.verdict_of("left", PRISONERS) == "only"
    assert all(shown.verdict_of("right", j) == "only" for j in right)
    assert len(shown.links) == len(base.links) - 1


def test_link_joins_sentences_the_engine_missed_with_a_judged_verdict_and_word_diff(base, store):
    assert base.verdict_of("left", LONG_AGO) == "only"
    right = base.only("right")[0]
    store.link(base, [LONG_AGO], [right])
    shown = apply_corrections(base, store.corrections)
    k = shown.link_of("left", LONG_AGO)
    assert k is not None and shown.link_of("right", right) == k
    link = shown.links[k]
    assert link.origin == "user" and link.kind in ("match", "differ")
    ls, le = shown.left.sentences[LONG_AGO].span
    assert link.diff and all(ls <= op.left[0] <= op.left[1] <= le for op in link.diff if op.left)
    assert [x.left[0] for x in shown.links] == sorted(x.left[0] for x in shown.links)


def test_link_with_a_verdict_and_taking_a_sentence_from_another_link(base, store):
    k = base.link_of("left", PRISONERS)
    stolen = base.links[k].right[0]
    store.link(base, [LONG_AGO], [stolen], kind="differ")
    shown = apply_corrections(base, store.corrections)
    assert shown.verdict_of("left", PRISONERS) == "only"  # its only partner was taken
    assert shown.links[shown.link_of("right", stolen)].left == (LONG_AGO,)
    assert shown.links[shown.link_of("right", stolen)].kind == "differ"


def test_unlinking_a_user_link_removes_the_correction_and_linking_undoes_an_unlink(base, store):
    right = base.only("right")[0]
    store.link(base, [LONG_AGO], [right])
    shown = apply_corrections(base, store.corrections)
    assert store.unlink(shown, shown.link_of("left", LONG_AGO)) is None
    assert store.corrections == []
    k = base.link_of("left", PRISONERS)
    store.unlink(base, k)
    assert [c.action for c in store.corrections] == ["unlink"]
    assert store.link(base, base.links[k].left, base.links[k].right) is None
    assert store.corrections == []


def test_later_corrections_win(base, store):
    k = base.link_of("left", PRISONERS)
    store.set_verdict(base, k, "match")
    store.unlink(base, k)
    assert [c.action for c in store.corrections] == ["unlink"]  # the verdict was replaced
    shown = apply_corrections(base, store.corrections)
    assert shown.verdict_of("left", PRISONERS) == "only"


def test_corrections_survive_recomputing_after_the_text_changed(pair, base, store, tmp_path):
    k = base.link_of("left", PRISONERS)
    expected = link_texts(base, base.links[k])
    store.set_verdict(base, k, "match")
    right = base.only("right")[0]
    linked_right = base.right.sentence_text(right)
    store.link(base, [LONG_AGO], [right], kind="match")
    store.save()

    # The left article gains two paragraphs at the top: every sentence id and link index shifts.
    text = pair[0].read_text(encoding="utf-8")
    pair[0].write_text("Editor's note: this story was updated.\n\nA second new paragraph.\n\n" + text, encoding="utf-8")
    recomputed = compare_files(*pair)
    again = load_for(recomputed.left, recomputed.right, tmp_path / "data")
    assert {c.status for c in again.corrections} == {"moved"}
    shown = apply_corrections(recomputed, again.corrections)

    prisoners = recomputed.left.text.index(base.left.sentence_text(PRISONERS))
    new_id = next(s.id for s in recomputed.left.sentences if s.start == prisoners)
    assert new_id != PRISONERS
    link = shown.links[shown.link_of("left", new_id)]
    assert link_texts(shown, link) == expected
    assert (link.kind, link.origin) == ("match", "user")
    user_links = [x for x in shown.links if x.origin == "user"]
    assert any(link_texts(shown, x)[1] == [linked_right] for x in user_links)


def test_a_correction_whose_text_is_gone_is_kept_but_does_nothing(base, store, pair, tmp_path):
    k = base.link_of("left", PRISONERS)
    store.unlink(base, k)
    store.save()
    text = pair[0].read_text(encoding="utf-8")
    pair[0].write_text(text.replace(base.left.sentence_text(PRISONERS), ""), encoding="utf-8")
    recomputed = compare_files(*pair)
    again = load_for(recomputed.left, recomputed.right, tmp_path / "data")
    [c] = again.corrections
    assert c.status == "orphaned"  # the right side still anchors, but a pair needs both
    assert [t.status for t in c.targets] == ["orphaned", "anchored"]
    assert apply_corrections(recomputed, again.corrections).links == recomputed.links


def test_correction_json_round_trip():
    from tui.store.anchors import describe

    c = Correction("verdict", [describe("left", "abc def", 0, 3), describe("right", "abc xyz", 4, 7)], "differ")
    assert Correction.from_json(c.to_json()).to_json() == c.to_json()
    with pytest.raises(ValueError):
        Correction("verdict", c.targets)  # a verdict needs a kind
