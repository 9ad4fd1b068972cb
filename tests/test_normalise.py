"""Comparison keys: spelling and house-style variants meet, different words do not."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.compare.normalise import Tokenizer


def keys(text: str, *context: str) -> list[str]:
    tok = Tokenizer(text, *context)
    return [t.key for t in tok.tokens(text, 0, len(text)) if t.content]


@pytest.mark.parametrize(
    "a, b",
    [
        ("cease-fire", "ceasefire"),
        ("U.S.", "US"),
        ("U.S", "U.S."),
        ("U.S.", "United States"),
        ("U.N.", "United Nations"),
        ("prioritised", "prioritized"),
        ("normalising", "normalizing"),
        ("neighbour", "neighbor"),
        ("fuelling", "fueling"),
        ("kilometres", "kilometers"),
        ("Russia’s", "Russia's"),
        ("two", "2"),
        ("thirty", "30"),
        ("twenty five", "25"),
        ("1,300", "1300"),
        ("11th", "11"),
        ("$2.5 billion", "2500000000"),
        ("Feb.", "February"),
        ("Tues.", "Tuesday"),
        ("cometh", "come"),
        ("thirtyfold", "thirty"),
        ("to day", "today"),
    ],
)
def test_variants_share_a_key(a, b):
    assert keys(a, b) == keys(b, a)


@pytest.mark.parametrize("a, b", [("175", "170"), ("Monday", "Tuesday"), ("agreed", "rejected"), ("us", "U.S.")])
def test_different_words_keep_different_keys(a, b):
    assert keys(a, b) != keys(b, a)


def test_hyphenated_compound_splits_when_no_text_joins_it():
    assert keys("intelligence-sharing", "intelligence sharing") == keys("intelligence sharing", "intelligence-sharing")


def test_stop_words_are_not_content():
    assert keys("the and of to it he said") == []


def test_a_shared_quantifier_is_no_shared_content():
    """'many' and 'much' say how many, like 'few', 'more' and 'some': two sentences that share
    only such a word share no claim."""
    from tui.compare.engine import compare_sentences

    assert keys("many much few more some") == []
    assert compare_sentences("There are just so many elements.", "Many areas are very different now.").score == 0


def test_tokens_point_into_the_text():
    text = "The U.S.-Russia cease-fire (1,300 km) began on Feb. 28 — “immediately”."
    tok = Tokenizer(text)
    for t in tok.tokens(text, 0, len(text)):
        assert text[t.start : t.end] == t.surface or " " in t.surface


def test_compounds_joined_as_two_separate_scans_would_find_them():
    """The tokenizer finds plain and hyphenated words in one pass: the compounds it joins are
    those a scan for plain words and a scan for hyphenated ones find (random strings of letters,
    hyphens, marks, digits and case oddities)."""
    import random
    import re

    from tui.compare import normalise

    plain_re, hyphen_re = re.compile(normalise._PLAIN_WORD), re.compile(normalise._HYPHENATED)

    def two_scans(text: str) -> set[str]:
        plain = {m.lower() for m in plain_re.findall(text)}
        return {h.lower() for h in hyphen_re.findall(text) if h.lower().replace("-", "") in plain}

    rng = random.Random(7)
    alphabet = "aB-é- _1'’x\u0301-İΣς.,"
    texts = ["cease-fire and ceasefire", "Co-Op coop co-op", "well-being", "a-b-c abc ab-c"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert Tokenizer(text).joined == two_scans(text), text
    assert Tokenizer("cease-fire and ceasefire").joined == {"cease-fire"}


def test_words_found_piece_by_piece_are_those_of_one_scan(monkeypatch):
    """The tokenizer scans a text for words a piece at a time, cut at spaces and line breaks:
    it finds the same words, in the same order, as one scan of the whole text."""
    import random

    from tui.compare import normalise

    rng = random.Random(11)
    alphabet = "aB-é- _1'’x\u0301\n-İΣς.,"
    texts = ["cease-fire and\nceasefire " * 50, "word-" * 400, "".join(rng.choice(alphabet) for _ in range(20_000))]
    for chunk in (1, 5, 64):
        monkeypatch.setattr(normalise, "WORDS_CHUNK", chunk)
        for text in texts:
            assert list(normalise._words_of(text)) == normalise._PLAIN_OR_HYPHENATED.findall(text)


@settings(max_examples=300, deadline=None)
@example(texts=["a-ς aΣ'b"])  # "aΣ" alone lower-cases to "aς", inside the text to "aσ"
@example(texts=["i̇x-y", "İxy"])  # "İ" lower-cases to two characters
@given(texts=st.lists(st.text(alphabet="aAbBéÉ-- _1²'’.,\u0301ΣσςİıK\u212a", max_size=40), min_size=1, max_size=3))
def test_compounds_joined_from_hyphens_as_a_full_scan_would(texts):
    """The tokenizer looks for compounds from the texts' hyphens and for their joined spelling in
    the lower-cased texts: it joins those a scan of all their words would (several texts, case
    oddities that change length or depend on context: İ, final sigma, the Kelvin sign)."""
    import re

    from tui.compare import normalise

    from unittest import mock

    plain_re, hyphen_re = re.compile(normalise._PLAIN_WORD), re.compile(normalise._HYPHENATED)
    plain = {m.lower() for text in texts for m in plain_re.findall(text)}
    want = {h.lower() for text in texts for h in hyphen_re.findall(text) if h.lower().replace("-", "") in plain}
    # One find per word; one scan because there are many words; one scan after too many finds
    # inside other words.
    for words, misses in ((64, 1000), (0, 1000), (64, -1)):
        with mock.patch.object(normalise, "FIND_WORDS", words), mock.patch.object(normalise, "FIND_MISSES", misses):
            assert Tokenizer(*texts).joined == want


def test_tokens_made_without_init_equal_those_init_makes():
    """The tokenizer makes its tokens without calling ``Token.__init__``: each equals the token
    ``__init__`` makes from the same fields, every field set (words, numbers, abbreviations,
    parts of compounds)."""
    from dataclasses import fields

    from tui.compare.normalise import Token, make_token

    text = "The U.S. sent 1,300 troops to well-being camps on Feb. 28; twenty-five stayed."
    tokens = Tokenizer(text).tokens(text, 0, len(text))
    assert len(tokens) > 10
    for t in tokens:
        values = tuple(getattr(t, f.name) for f in fields(Token))
        assert make_token(values[0], values[1], values[2:]) == Token(*values) == t


def test_combining_marks_class_holds_exactly_the_marks():
    """The tokenizer's class of combining marks, written as runs of code points, holds every
    combining mark of the scripts it covers and nothing else."""
    import re
    import unicodedata

    from tui.compare.normalise import _MARKS

    marks = re.compile(f"[{_MARKS}]")
    covered = ((0x0300, 0x1CFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    want = {c for a, b in covered for c in range(a, b + 1) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")}
    assert {c for c in range(0x10000) if marks.match(chr(c))} == want
    assert "\u0301" in "".join(map(chr, want)) and len(want) > 1000


_SPACED = st.lists(st.sampled_from(["the", "Cease-fire", "ceasefire", "5", "2.5", "billion", "twenty", "five",
                                    "U.S.", "it's", "“quoted”", "(AP)", "—", "of", "half", "é", "x\u0301",
                                    ",", ".", "$3", "10%", " ", "\n", "prime", "minister", "“I", "him:", "five;",
                                    "“Half", "half?”", "(the)", "“”", ":", "…", "2:"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_SPACED, st.integers(0, 3))
@example(["the", " ", "talks"], 0)
def test_chunks_read_between_spaces_give_the_tokens_the_token_pattern_gives_between_gaps(words, cut):
    """Reading a text chunk by chunk between spaces (plain words from a table, the rest split at
    ``_GAP``) gives the tokens that ``_TOKEN`` reading every stretch between ``_GAP``'s matches gives."""
    from tui.compare import normalise

    text = " ".join(words)
    tokenizer = Tokenizer(text)
    fast = tokenizer.tokens(text, cut, len(text))
    plain_fields = normalise._plain_fields
    normalise._plain_fields = lambda chunk: None  # every stretch read by ``_TOKEN``
    normalise._CHUNK_FIELDS.clear()
    normalise._ODD_FIELDS.clear()
    normalise._CHUNK_TOKENS.clear()
    try:
        slow = tokenizer.tokens(text, cut, len(text))
    finally:
        normalise._plain_fields = plain_fields
    assert [(t.start, t.end, t.surface, t.key, t.number) for t in fast] == \
           [(t.start, t.end, t.surface, t.key, t.number) for t in slow]


def test_readings_are_the_same_when_the_per_word_tables_fill_up(monkeypatch):
    """The tables kept per chunk and per surface (fields, flags) are emptied when full and made
    again: a reading made with tables of three entries equals one made with room to spare."""
    from dataclasses import astuple

    from tui.compare import normalise, tokens
    from tui.compare.load import load_document
    from tui.compare.prepare import segment_document

    from .conftest import AP

    doc = segment_document(load_document(AP))

    def reading():
        normalise.forget_words()
        r = tokens.read(doc, Tokenizer(doc.text), keep=True)
        return (r.vocab, r.keys.tobytes(), bytes(r.flags), r.starts.tobytes(), bytes(r.purposeful),
                [[astuple(t) for t in toks] for toks in r.kept])

    roomy = reading()
    monkeypatch.setitem(normalise._ROOM, "chunks", 3)
    monkeypatch.setattr(tokens, "PLAIN_FLAGS_MAX", 3)
    assert reading() == roomy
    assert len(normalise._CHUNK_FIELDS) <= 3 and len(tokens._PLAIN_FLAGS) <= 3


def test_with_few_words_kept_the_tables_stay_small_and_the_tokens_the_same(monkeypatch):
    """After a book's reading (``few_words``) the per-word tables keep the words met lately, up
    to their room, letting the older half go when full: the tokens are those made with room."""
    from dataclasses import astuple

    from tui.compare import normalise

    from .conftest import AP

    text = AP.read_text(encoding="utf-8")
    tok = Tokenizer(text)
    normalise.forget_words()
    roomy = [astuple(t) for t in tok.tokens(text, 0, len(text))]
    monkeypatch.setitem(normalise.FEW_WORDS, "words", 8)
    monkeypatch.setitem(normalise.FEW_WORDS, "chunks", 8)
    normalise.forget_words()
    normalise.few_words(True)
    try:
        few = [astuple(t) for t in tok.tokens(text, 0, len(text))]
        sizes = len(normalise._WORD_FIELDS), len(normalise._CHUNK_FIELDS), normalise.word_key.cache_info().currsize
    finally:
        normalise.few_words(False)
        normalise.forget_words()
    assert few == roomy
    assert max(sizes) <= 8 < len(roomy)


def test_threads_reading_words_while_few_are_kept_raise_nothing(monkeypatch):
    """The reader tokenises in more than one thread; a table made room in while another thread
    adds to it must not raise ("dictionary changed size during iteration")."""
    import random
    import sys
    import threading

    from tui.compare import normalise

    rng = random.Random(0)
    text = " ".join("".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 7))) for _ in range(60_000))
    tok, half, errors = Tokenizer(""), text.find(" ", len(text) // 2), []

    def read(lo: int, hi: int) -> None:
        try:
            for a in range(lo, hi, 2000):
                tok.tokens(text, a, min(hi, a + 2000))
        except Exception as e:  # noqa: BLE001 (what a thread raised is the finding)
            errors.append(repr(e))

    monkeypatch.setitem(normalise.FEW_WORDS, "words", 32)
    monkeypatch.setitem(normalise.FEW_WORDS, "chunks", 32)
    interval = sys.getswitchinterval()
    normalise.forget_words()
    normalise.few_words(True)
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(4):  # (a race: each round finds it about every other time)
            threads = [threading.Thread(target=read, args=span) for span in ((0, half), (half + 1, len(text)))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            if errors:
                break
    finally:
        sys.setswitchinterval(interval)
        normalise.few_words(False)
        normalise.forget_words()
    assert errors == []


def test_few_words_are_kept_after_reading_texts_whose_tokens_are_not_kept(monkeypatch):
    from tui.compare import normalise, prepare
    from tui.compare.load import load_document

    from .conftest import AP

    def room_after(keep_chars: int) -> dict:
        monkeypatch.setattr(prepare, "KEEP_CHARS", keep_chars)
        prepare.read_both(load_document(AP), load_document(AP))
        return dict(normalise._ROOM)

    try:
        assert room_after(10) == normalise.FEW_WORDS
        assert room_after(10**9) == normalise.MANY_WORDS
    finally:
        normalise.few_words(False)


_MIXED = st.lists(st.sampled_from(["Cease", "fire", "cease-fire", "ΟΔΟΣ", "Σ", "İstanbul", "ǅemal", "x\u0301y", "_a",
                                   "a1", "Ⅻ", "straße", " ", "\n", "\t", "\u00a0", "\x1c", "\u3000", "-", ",", ".", "talks", "TALKS", "é"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_MIXED, st.sets(st.sampled_from(["cease", "fire", "talks", "ceasefire", "istanbul", "ǆemal", "straße",
                                        "οδος", "οδοσ", "σ", "ς", "i", "stanbul", "xy", "ⅻ", "é", "a"]),
                                min_size=1))
def test_plain_words_read_in_one_scan_are_those_of_every_word_lower_cased(words, wanted):
    from tui.compare import normalise

    text = "".join(words)
    expected = wanted & {w.lower() for w, _ in normalise._words_of(text) if w}
    assert normalise._plain_words_in(text, wanted) == expected
    chunk = normalise.WORDS_CHUNK
    try:
        normalise.WORDS_CHUNK = 3  # pieces cut at every space or line break
        assert normalise._plain_words_in(text, wanted) == expected
    finally:
        normalise.WORDS_CHUNK = chunk


class _NeverDisjoint:
    """A stand-in for ``normalise._MERGE_WORDS`` that lets every sentence try the merges."""

    def isdisjoint(self, words) -> bool:
        return False

    def __contains__(self, word) -> bool:
        return True


_MERGING = st.lists(st.sampled_from(["a", "third", "two-thirds", "half", "of", "the", "United", "States", "states",
                                     "united", "Nations", "America", "Great", "Britain", "twenty", "five", "3",
                                     "quarter", "tomorrow", "to", "morrow", "talks", "U.S.", "cease-fire",
                                     "“third", "of:", "States?”", "(two"]),
                    max_size=14)


@settings(max_examples=300, deadline=None)
@given(_MERGING)
@example(["a", "third", "of", "the", "talks"])
@example(["the", "United", "Nations", "talks"])
def test_sentences_without_merge_words_skip_the_merges_with_the_same_tokens(words):
    """Skipping the fraction and phrase merges for a sentence without their words gives the
    tokens that trying them gives."""
    from dataclasses import astuple

    from tui.compare import normalise

    text = " ".join(words)
    tok = Tokenizer(text)
    fast = [astuple(t) for t in tok.tokens(text, 0, len(text))]
    kept = normalise._MERGE_WORDS
    normalise._MERGE_WORDS = _NeverDisjoint()
    normalise._CHUNK_FIELDS.clear()  # (holds no word a merge needs: here, none)
    normalise._ODD_FIELDS.clear()
    normalise._CHUNK_TOKENS.clear()
    try:
        assert [astuple(t) for t in tok.tokens(text, 0, len(text))] == fast
    finally:
        normalise._MERGE_WORDS = kept


_CHUNKY = st.lists(st.sampled_from(["Russia", "’", "'", "s", "t", "wasn", "I", "é", "x\u0301", "2", ".", ",", "-",
                                    "U", "N", "_", "Ⅻ", " ", "\n", "“", "fire", "cease", "”", ":", "(", "?", "one"]),
                   max_size=30)


@settings(max_examples=400, deadline=None)
@given(_CHUNKY)
@example(["Russia", "’", "s", ",", " ", "wasn", "'", "t", ".", " ", "I", "’", " ", "'", "s"])
def test_chunks_made_into_tokens_directly_are_what_the_token_pattern_reads(parts):
    """A chunk ``tokens`` makes into a word token itself (letters, perhaps joined by apostrophes,
    perhaps with "," or "." after them) gives the token that reading it with ``_TOKEN`` gives."""
    from dataclasses import astuple

    from tui.compare import normalise

    text = "".join(parts)
    tok = Tokenizer(text)
    normalise._CHUNK_FIELDS.clear()
    normalise._ODD_FIELDS.clear()
    normalise._CHUNK_TOKENS.clear()
    direct = [astuple(t) for t in tok.tokens(text, 0, len(text))]
    plain_fields = normalise._plain_fields
    normalise._plain_fields = lambda chunk: None
    normalise._CHUNK_FIELDS.clear()
    normalise._ODD_FIELDS.clear()
    normalise._CHUNK_TOKENS.clear()
    try:
        assert [astuple(t) for t in tok.tokens(text, 0, len(text))] == direct
    finally:
        normalise._plain_fields = plain_fields


def test_a_word_read_keeps_one_string_where_its_forms_agree():
    """A lower-case word's surface and lower case are one string (the per-word tables hold a
    string less per word), a capitalised word's lower case is its own; the word's key is kept
    by the key cache alone, not again by the stemmer's."""
    from tui.compare import normalise

    normalise.forget_words()
    text = "Talks resumed while talks stalled."
    toks = Tokenizer(text).tokens(text, 0, len(text))
    first, second = toks[0], toks[3]
    assert (first.surface, first.low, second.surface, second.low) == ("Talks", "talks", "talks", "talks")
    assert second.low is second.surface and first.low is not first.surface
    assert first.key == second.key == normalise.stem("talk")
    assert normalise.stem.cache_info().currsize == 1  # the call just above; reading added none


_CHUNKS_AFTER_SPACES = st.lists(st.sampled_from(["cease-fire", "“cease-fire”", "U.S.", "U.S.-Russia", "30-day", "—",
                                                 "“We", "said.”", "2022.", "1,300", "half", "of", "a", "the",
                                                 "x-ray", "(AP)", "twenty-five", "e.g.", ".U.S.", "U.S", "talks",
                                                 "x\u0301-ray", "Russia’s—", "$3", "10%,", "COVID-19", "1970s", "e-mail:"]),
                                min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_CHUNKS_AFTER_SPACES, st.sampled_from(["", " ", ".", "x", "\n"]))
def test_chunks_kept_from_another_text_read_as_they_read_afresh(words, before):
    """A chunk's tokens kept from one reading (``_CHUNK_TOKENS``) are what reading it afresh
    gives, in a pair whose compounds differ (ceasefire written as one word or not) and where
    the sentence starts after a character other than a space."""
    from dataclasses import astuple

    from tui.compare import normalise

    text = before + " ".join(words)
    joined, split = Tokenizer(text, "a ceasefire, an xray and an email"), Tokenizer(text)
    for tok in (joined, split, joined):  # each reading after the other's is kept
        warm = [astuple(t) for t in tok.tokens(text, len(before), len(text))]
        normalise._CHUNK_TOKENS.clear()
        assert [astuple(t) for t in tok.tokens(text, len(before), len(text))] == warm


def test_only_short_texts_keep_the_chunks_they_read(monkeypatch):
    from tui.compare import normalise

    text = "U.K. talks: “the U.S. cease-fire held 30%,” he said —"
    normalise._CHUNK_TOKENS.clear()
    Tokenizer(text).tokens(text, 0, len(text))
    kept = set(normalise._CHUNK_TOKENS)
    assert {"U.S.", "cease-fire", "30%,”"} <= kept and "U.K." not in kept  # (that one starts the text)
    # Plain words, between marks or not, are made from their word's fields, not kept here.
    assert kept.isdisjoint({"talks:", "“the", "held", "—"})
    normalise._CHUNK_TOKENS.clear()
    monkeypatch.setattr(normalise, "KEEP_CHUNKS_CHARS", len(text) - 1)  # this text counts as a book
    Tokenizer(text).tokens(text, 0, len(text))
    assert not normalise._CHUNK_TOKENS
