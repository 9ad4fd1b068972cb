"""``tokens.read`` records its tokens a batch of sentences at a time: whatever the batch size,
the reading is what reading each sentence's tokens in turn gives."""

from __future__ import annotations

from dataclasses import astuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare import tokens
from tui.compare.load import load_document
from tui.compare.model import Document, Sentence
from tui.compare.normalise import Tokenizer
from tui.compare.prepare import segment_document
from tui.compare.purpose import purposes
from tui.compare.tokens import CONTENT, LOWER, NUMBER, UPPER

from .conftest import AP, FOX


def sentence_by_sentence(doc: Document, tokenizer: Tokenizer) -> tuple:
    """The reading as the module describes it, one sentence's tokens at a time."""
    ids: dict[str, int] = {}
    keys, flags, starts, purposeful, stated = [], [], [0], [], {}
    for n, s in enumerate(doc.sentences):
        toks = tokenizer.tokens(doc.text, s.start, s.end)
        for t in toks:
            keys.append(ids.setdefault(t.key, len(ids)))
            first = t.surface[:1]
            flags.append((CONTENT if t.content else 0) | (NUMBER if t.number is not None else 0)
                         | (UPPER if first.isupper() else 0) | (LOWER if first.islower() else 0))
        starts.append(len(keys))
        found = purposes(doc.text, toks)
        purposeful.append(1 if found else 0)
        if found:
            stated[n] = found
    return list(ids), keys, flags, starts, purposeful, stated


def as_lists(r: tokens.Reading) -> tuple:
    return r.vocab, r.keys.tolist(), list(r.flags), r.starts.tolist(), list(r.purposeful), r.stated


def with_empty_units(doc: Document) -> Document:
    """``doc`` with a unit of no tokens ("* * *") before, between and after its sentences."""
    text = "* * * " + doc.text + " * * *"
    units, shift = [Sentence(0, 0, 5)], 6
    for s in doc.sentences:
        units.append(Sentence(len(units), s.start + shift, s.end + shift))
        units.append(Sentence(len(units), s.start + shift, s.start + shift))  # an empty span too
    units.append(Sentence(len(units), len(text) - 5, len(text)))
    return Document(doc.path, text, "", sentences=units)


@pytest.mark.parametrize("path", [AP, FOX])
@pytest.mark.parametrize("batch", [1, 5, 64, tokens.BATCH_TOKENS])
def test_a_reading_in_batches_is_the_sentence_by_sentence_reading(monkeypatch, path, batch):
    doc = with_empty_units(segment_document(load_document(path)))
    tokenizer = Tokenizer(doc.text)
    expected = sentence_by_sentence(doc, tokenizer)
    assert any(expected[4]) and not all(expected[4])  # some units state a purpose, some do not
    monkeypatch.setattr(tokens, "BATCH_TOKENS", batch)
    kept = tokens.read(doc, tokenizer, keep=True)
    assert as_lists(kept) == expected
    assert [[astuple(t) for t in toks] for toks in kept.kept] == [
        [astuple(t) for t in tokenizer.tokens(doc.text, s.start, s.end)] for s in doc.sentences]
    packed = tokens.read(doc, tokenizer, keep=False, pack=True)
    assert as_lists(packed)[:5] == expected[:5] and packed.stated is None and packed.kept is None
    made = tokens.Tokens(doc, tokenizer, None, packed=(packed.packed, packed.starts))
    assert [[astuple(t) for t in made[i]] for i in range(len(doc.sentences))] == [
        [astuple(t) for t in toks] for toks in kept.kept]


_SENTENCES = ["They went to build roads.", "to help them rebuild.", "To see it.", "* * *", "Go to Kyiv.",
              "It is not to be.", "talks to officials", "to", "Twenty five people came to vote."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), max_size=12), st.integers(1, 12))
def test_generated_units_read_in_batches_as_sentence_by_sentence(units, batch):
    text, spans = "", []
    for u in units:
        spans.append((len(text), len(text) + len(u)))
        text += u + " "
    doc = Document("x", text, "", sentences=[Sentence(i, a, b) for i, (a, b) in enumerate(spans)])
    tokenizer = Tokenizer(text)
    old = tokens.BATCH_TOKENS
    tokens.BATCH_TOKENS = batch
    try:
        reading = tokens.read(doc, tokenizer, keep=True)
    finally:
        tokens.BATCH_TOKENS = old
    assert as_lists(reading) == sentence_by_sentence(doc, tokenizer)
