"""Tokens sent from the helper packed (``tokens.Packed``) are made again into the very tokens
that tokenising the sentences again gives: every field of every token, every sentence."""

from __future__ import annotations

from tui.compare.load import load_document
from tui.compare.normalise import Tokenizer
from tui.compare.prepare import segment_document
from tui.compare.tokens import Tokens, read
from tui.corpus import sample_corpus_dir

FIELDS = ("start", "end", "surface", "key", "content", "number", "cap", "low")


def fields(tokens) -> list[tuple]:
    return [tuple(getattr(t, f) for f in FIELDS) for t in tokens]


def test_packed_tokens_are_the_tokens_made_again():
    # Numbers ("30-day", "175 prisoners"), hyphenated words and quotations in one story.
    docs = [segment_document(load_document(p)) for p in sorted(sample_corpus_dir().glob("0[01]-*.txt"))]
    tokenizer = Tokenizer(*(d.text for d in docs))
    for doc in docs:
        reading = read(doc, tokenizer, keep=False, pack=True)
        assert reading.kept is None and reading.packed is not None
        packed = Tokens(doc, tokenizer, None, packed=(reading.packed, reading.starts))
        assert len(reading.packed.fields) < len(reading.packed.which)  # fields shared by the copies of a word
        assert len(set(reading.packed.fields)) == len(reading.packed.fields)  # each set of fields one row
        for i, s in enumerate(doc.sentences):
            assert fields(packed[i]) == fields(tokenizer.tokens(doc.text, s.start, s.end))


def test_aliases_rename_packed_tokens_as_made_ones():
    doc = segment_document(load_document(sorted(sample_corpus_dir().glob("01-*.txt"))[0]))
    tokenizer = Tokenizer(doc.text)
    reading = read(doc, tokenizer, keep=False, pack=True)
    some = next(t.key for t in tokenizer.tokens(doc.text, 0, len(doc.text)) if t.content)
    aliases = {some: "renamed"}
    packed = Tokens(doc, tokenizer, None, aliases, packed=(reading.packed, reading.starts))
    made = Tokens(doc, tokenizer, None, aliases)
    assert any(t.key == "renamed" for i in range(len(doc.sentences)) for t in packed[i])
    assert any(f[1] == some for f in reading.packed.fields)  # the reading's own rows are not renamed
    assert all(fields(packed[i]) == fields(made[i]) for i in range(len(doc.sentences)))
