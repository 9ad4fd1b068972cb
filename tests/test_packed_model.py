"""The packed forms of the model (a compacted ``Link``, ``Sentences``) read, compare, pickle
and go through JSON exactly as the plain objects they replace."""

from __future__ import annotations

import json
import pickle
from json.encoder import encode_basestring
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare import compare_texts, model, prepared
from tui.compare.model import UNIT_KINDS, Change, Closest, Comparison, Link, Sentence, Sentences, WordOp, WordOps

from .conftest import AP

words = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=12)
evidence = st.dictionaries(st.sampled_from(["shared_words", "shared_numbers", "shared_names", "aligned_by",
                                            "similar_meaning", "engine_verdict"]),
                           st.lists(words, max_size=12), max_size=6)
span = st.one_of(st.none(), st.tuples(st.integers(0, 2**31 - 1), st.integers(0, 2**31 - 1)))
ops = st.lists(st.builds(WordOp, st.sampled_from(model.OPS), span, span), max_size=20)


def plain_link(ev: dict, diff: list[WordOp]) -> Link:
    return Link((3, 4), (7,), "differ", 0.61234, [Change("number", (1, 4), None, "175", "", "x")],
                {k: list(v) for k, v in ev.items()}, list(diff))


@settings(max_examples=200, deadline=None)
@given(ev=evidence, diff=ops)
def test_a_compacted_link_reads_and_writes_json_as_before(ev, diff):
    plain, packed = plain_link(ev, diff), plain_link(ev, diff).compact({})
    assert model._link_to_json(packed) == model._link_to_json(plain)
    assert json.dumps(model._link_to_json(packed)) == json.dumps(model._link_to_json(plain))
    assert list(packed.evidence_items()) == list(plain.evidence.items())
    assert list(packed.diff) == diff and len(packed.diff) == len(diff)
    assert packed.evidence == ev and list(packed.evidence) == list(ev)  # the keys keep their order
    assert packed == plain


near_span = st.one_of(st.none(), st.tuples(st.integers(0, 70_000), st.integers(0, 70_000)))
odd_values = st.one_of(words, st.integers(), st.floats(), st.none(), st.booleans())


@settings(max_examples=100, deadline=None)
@given(ev=st.one_of(evidence, st.dictionaries(words, st.lists(odd_values, max_size=4), max_size=4)),
       diff=st.one_of(ops, st.lists(st.builds(WordOp, st.sampled_from(model.OPS), near_span, near_span), max_size=20)),
       score=st.one_of(st.floats(), st.integers(-5, 5)), origin=st.sampled_from(["engine", "user"]),
       changes=st.lists(st.builds(Change, st.sampled_from(model.CHANGE_TYPES), span, span, words, words, words),
                        max_size=3),
       right=st.one_of(st.just((7,)), st.lists(st.one_of(st.integers(0, 99), st.booleans(), st.floats()),
                                               max_size=3).map(tuple)))
def test_a_links_json_written_from_its_parts_is_what_the_encoder_writes(ev, diff, score, origin, changes, right):
    # (ids that are no plain ints come only from a hand-edited report read back)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    plain = Link((3, 4), right, "differ", score, changes, {k: list(v) for k, v in ev.items()}, list(diff), origin)
    packed = Link((3, 4), right, "differ", score, changes, {k: list(v) for k, v in ev.items()}, list(diff),
                  origin).compact({})
    for link in (plain, packed, Link.unpacked(packed.packed())):
        assert model._link_json(link, dumps, encode_basestring) == dumps(model._link_to_json(link))
    assert ", ".join(model._links_json([plain, packed] * 20, dumps)) == dumps([model._link_to_json(plain)] * 40)[1:-1]


@settings(max_examples=100, deadline=None)
@given(ev=evidence, diff=ops)
def test_a_compacted_link_round_trips_through_json_and_pickles(ev, diff):
    link = plain_link(ev, diff).compact({})
    again = model._link_from_json(json.loads(json.dumps(model._link_to_json(link)))).compact({})
    assert model._link_to_json(again) == model._link_to_json(link)
    for copy in (pickle.loads(pickle.dumps(link)), Link.unpacked(pickle.loads(pickle.dumps(link.packed())))):
        assert model._link_to_json(copy) == model._link_to_json(link)


def test_evidence_read_from_a_compacted_link_is_its_own_and_changes_stay():
    link = plain_link({"shared_words": ["Kremlin"], "aligned_by": ["anchor"]}, []).compact({})
    link.evidence["aligned_by"] = []
    link.evidence["engine_verdict"] = ["match"]
    assert model._link_to_json(link)["evidence"] == {"shared_words": ["Kremlin"], "aligned_by": [],
                                                     "engine_verdict": ["match"]}


def test_compacted_links_share_their_evidence_words():
    shared: dict = {}
    a = plain_link({"shared_words": ["".join(["Krem", "lin"])]}, []).compact(shared)
    b = plain_link({"shared_words": ["".join(["Kre", "mlin"])]}, []).compact(shared)
    assert a.evidence["shared_words"][0] is b.evidence["shared_words"][0]


def test_the_engine_compacts_its_links_and_the_json_is_the_same_as_plain_links(monkeypatch):
    monkeypatch.setattr(prepared, "COMPACT_LINKS_CHARS", 0)  # as for a book
    c = compare_texts(AP.read_text(encoding="utf-8"), AP.read_text(encoding="utf-8").replace("175", "170"))
    assert c.links and all(isinstance(model._DIFF_SLOT.__get__(link, Link), bytes) for link in c.links)
    plain = [Link(lk.left, lk.right, lk.kind, lk.score, list(lk.changes), dict(lk.evidence), list(lk.diff), lk.origin)
             for lk in c.links]
    assert "".join(c.json_chunks()) == "".join(Comparison(c.left, c.right, plain, closest=c.closest).json_chunks())


def test_short_texts_keep_their_links_as_made_and_the_json_is_the_same():
    text = AP.read_text(encoding="utf-8")
    assert 2 * len(text) < prepared.COMPACT_LINKS_CHARS
    c = compare_texts(text, text.replace("175", "170"))
    assert c.links and not any(isinstance(model._DIFF_SLOT.__get__(link, Link), bytes) for link in c.links)
    packed = [Link(lk.left, lk.right, lk.kind, lk.score, list(lk.changes), dict(lk.evidence), list(lk.diff),
                   lk.origin).compact({}) for lk in c.links]
    assert "".join(c.json_chunks()) == "".join(Comparison(c.left, c.right, packed, closest=c.closest).json_chunks())
    again = [Link.unpacked(lk.packed()) for lk in c.links]  # what crosses the helper's pipe: the diff in bytes
    assert all(isinstance(model._DIFF_SLOT.__get__(link, Link), bytes) for link in again)
    assert [list(a.diff) for a in again] == [list(lk.diff) for lk in c.links]


sentences = st.lists(st.tuples(st.integers(0, 2**40), st.integers(0, 2**40), st.sampled_from(UNIT_KINDS),
                               st.integers(0, 2**33)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(rows=sentences)
def test_packed_sentences_read_as_the_sentence_objects(rows):
    plain = [Sentence(i, a, b, kind, p) for i, (a, b, kind, p) in enumerate(rows)]
    packed = Sentences.pack(plain)
    assert isinstance(packed, Sentences)
    assert len(packed) == len(plain) and list(packed) == plain and packed == plain
    assert [packed[i] for i in range(len(plain))] == plain
    assert packed[-1:] == plain[-1:] and packed[1:3] == plain[1:3]
    assert pickle.loads(pickle.dumps(packed)) == packed
    with pytest.raises(IndexError):
        packed[len(plain)]


def test_offsets_that_fit_in_32_bits_take_4_bytes():
    packed = Sentences.pack([Sentence(0, 0, 2**31 - 1), Sentence(1, 5, 9, "caption", 3)])
    assert isinstance(packed, Sentences) and packed._starts.itemsize == 4
    assert packed[1] == Sentence(1, 5, 9, "caption", 3)


@pytest.mark.parametrize("odd", [Sentence(1, 5, 9, "verse"), Sentence(7, 5, 9), Sentence(1, 5.0, 9)])
def test_sentences_that_cannot_be_packed_stay_as_they_are(odd):
    plain = [Sentence(0, 0, 4), odd]
    assert Sentences.pack(plain) is plain


def test_a_long_documents_sentences_are_packed_and_its_report_is_the_same(monkeypatch):
    text_a, text_b = AP.read_text(encoding="utf-8"), AP.read_text(encoding="utf-8").replace("Monday", "Tuesday")
    plain = compare_texts(text_a, text_b)
    monkeypatch.setattr(model, "PACK_CHARS", 0)
    monkeypatch.setattr("tui.compare.prepare.PACK_CHARS", 0)
    packed = compare_texts(text_a, text_b)
    assert isinstance(packed.left.sentences, Sentences) and isinstance(packed.right.sentences, Sentences)
    assert "".join(packed.json_chunks()) == "".join(plain.json_chunks())
    again = Comparison.from_json(json.loads("".join(packed.json_chunks())), {"left": text_a, "right": text_b})
    assert isinstance(again.left.sentences, Sentences)
    assert again.to_json() == plain.to_json()


def test_packed_sentences_keep_their_arrays_in_pickles():
    packed = Sentences.pack([Sentence(i, 10 * i, 10 * i + 5) for i in range(1000)])
    assert len(pickle.dumps(packed)) < 20_000  # three arrays of 4-byte integers and the kinds
    assert isinstance(packed._starts, array)


@settings(max_examples=300, deadline=None)
@given(diff=ops)
def test_a_word_diff_packed_into_bytes_reads_the_same(diff):
    ops_ = WordOps(diff)
    assert list(WordOps.of_bytes(ops_.to_bytes())) == [
        WordOp(op.op, op.left if op.left and op.left[0] >= 0 else None, op.right if op.right and op.right[0] >= 0 else None)
        for op in diff]


@settings(max_examples=200, deadline=None)
@given(diff=st.lists(st.builds(WordOp, st.sampled_from(model.OPS), near_span, near_span), max_size=40))
def test_a_word_diff_of_near_offsets_packed_straight_from_its_steps_reads_the_same(diff):
    # (short and long diffs, sides absent, ends before starts, offsets past 16 bits)
    assert list(WordOps.of_bytes(WordOps.pack(diff))) == diff
    assert WordOps.pack(diff) == WordOps(diff).to_bytes()


def test_a_word_diff_within_a_sentence_takes_nine_bytes_a_step():
    near = WordOps([WordOp("equal", (1_000_000, 1_000_004), (2_000_000, 2_000_004)),
                    WordOp("delete", (1_000_005, 1_000_009), None), WordOp("insert", None, (2_000_005, 2_000_010))])
    far = WordOps([WordOp("equal", (0, 4), (0, 4)), WordOp("moved", (70_000, 70_004), (5, 9))])
    assert len(near.to_bytes()) == 1 + 8 + 3 * 9
    assert len(far.to_bytes()) == 1 + 2 * 20  # too far apart for 16 bits: the plain integers
    for packed in (near, far):
        assert WordOps.of_bytes(packed.to_bytes()) == packed


def test_a_compacted_link_without_changes_holds_none_until_its_changes_are_read():
    link = Link((1,), (2,), "match", 0.9, [], {"aligned_by": ["anchor"]}, []).compact()
    assert model._CHANGES_SLOT.__get__(link, Link) is None
    assert model._link_to_json(link)["changes"] == [] and model._CHANGES_SLOT.__get__(link, Link) is None
    link.changes.append(Change("detail", (0, 3), None, "new"))
    assert [c.type for c in link.changes] == ["detail"]
    assert model._link_to_json(link)["changes"][0]["left_text"] == "new"
    assert Link.unpacked(link.packed()).changes == link.changes


@settings(max_examples=200, deadline=None)
@given(near=st.dictionaries(st.integers(-5, 2**40), st.lists(st.tuples(st.integers(0, 2**40), st.floats(0, 1)),
                                                             max_size=4), max_size=20),
       ordered=st.booleans())
def test_packed_closest_candidates_read_as_the_dict(near, ordered):
    if ordered:
        near = dict(sorted(near.items()))
    packed = Closest(near)
    assert list(packed) == list(near) and len(packed) == len(near)
    assert {i: packed[i] for i in packed} == near and dict(packed.items()) == near
    assert packed.get(2**41) is None and packed.get(2**41, []) == []
    for i in near:
        assert packed.get(i) == near[i]


def test_a_link_is_found_by_a_numpy_integer_id_too():
    """Sentence ids that come out of numpy arrays find their link as plain ints do."""
    import numpy as np

    from tui.compare import compare_texts

    c = compare_texts("The ceasefire began on Monday. Officials said 175 prisoners were freed.",
                      "The ceasefire began on Monday. Officials said 170 prisoners were freed.")
    for i in range(len(c.left.sentences)):
        assert c.link_of("left", np.int64(i)) == c.link_of("left", i) is not None
    assert c.link_of("left", np.int64(99)) is None


def test_the_streamed_report_writes_sentences_as_the_encoder_does_even_odd_ones_from_a_file():
    text = AP.read_text(encoding="utf-8")
    other = text.replace("175", "170") + "\n\nA sentence the other story never tells about the weather.\n"
    c = compare_texts(other, text)
    assert any("closest" in s for side in ("left", "right") for s in c.to_json()[side]["sentences"])
    data = c.to_json()
    data["left"]["sentences"][0]["paragraph"] = True  # a file may hold what the engine never makes
    data["right"]["sentences"][1]["kind"] = 7
    odd = Comparison.from_json(data, {"left": other, "right": text})
    for comparison in (c, odd):
        assert "".join(comparison.json_chunks(size=300)) == json.dumps(comparison.to_json(), ensure_ascii=False)
    assert '"paragraph": true' in "".join(odd.json_chunks())


def test_ids_of_kind_are_those_of_the_sentences_of_that_kind():
    kinds = ["dateline", "sentence", "headline", "dateline", "sentence", "sentence", "dateline"]
    packed = Sentences.pack([Sentence(i, i, i + 1, kind, 0) for i, kind in enumerate(kinds)])
    assert isinstance(packed, Sentences)
    for kind in UNIT_KINDS:
        assert packed.ids_of_kind(kind) == [i for i, k in enumerate(kinds) if k == kind]
