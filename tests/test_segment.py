"""Segmentation: sentences, abbreviations, quotes, datelines, subheads, captions, offsets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.segment import segment

from .conftest import AP, FOX, GOLD, needs_shared


def units(text: str, **kw) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, **kw)]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in segment(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump last spoke to Putin on Feb. 12 for about 90 minutes.",
        "The call began at 10 a.m. and lasted nearly two hours.",
        "Gen. Smith met Sen. Jones and Mr. Brown on St. Patrick's Day.",
        "The U.S. delegation met Ukrainian officials in Saudi Arabia.",
        "Vice President J.D. Vance reportedly yelled at the delegation.",
        "The U.N. agency expressed alarm, i.e. it warned again.",
    ],
)
def test_abbreviations_do_not_end_sentences(sentence):
    text = sentence + " The next sentence follows."
    assert units(text) == [sentence, "The next sentence follows."]


def test_sentence_after_us_at_the_end_of_a_sentence():
    assert units("Talks moved to the U.S. Then the Kremlin replied.") == [
        "Talks moved to the U.S.",
        "Then the Kremlin replied.",
    ]


def test_quote_with_several_sentences_keeps_its_marks_on_the_right_units():
    text = '"Both leaders agreed this conflict needs to end. They also stressed relations." Next one.'
    assert units(text) == [
        '"Both leaders agreed this conflict needs to end.',
        'They also stressed relations."',
        "Next one.",
    ]


def test_question_in_quotes_with_attribution_is_one_unit():
    assert units("“Is it realistic?” he asked. Then he left.") == ["“Is it realistic?” he asked.", "Then he left."]
    assert units('"Are we going to drive every Russian off?" Waltz asked.') == [
        '"Are we going to drive every Russian off?" Waltz asked.'
    ]


def test_dateline_is_a_unit_of_its_own():
    text = "WASHINGTON — President Donald Trump and Vladimir Putin agreed on Tuesday to a pause."
    assert kinds(text) == [
        ("dateline", "WASHINGTON —"),
        ("sentence", "President Donald Trump and Vladimir Putin agreed on Tuesday to a pause."),
    ]
    assert kinds("KYIV, Ukraine (AP) — Drones struck again overnight, officials said.")[0] == (
        "dateline",
        "KYIV, Ukraine (AP) —",
    )


def test_headline_subheads_and_captions():
    text = (
        "White House: Trump, Putin agree to ceasefire\n"
        "Putin agreed to a pause on strikes.\n"
        "What they're saying:\n"
        '"We never get ahead of events," Peskov said.\n'
        "Russia stays tight-lipped\n"
        "What could happen?\n"
        "FILE - This combination of pictures shows Trump. Putin speaks in Jerusalem.\n"
    )
    got = kinds(text)
    assert got[0] == ("headline", "White House: Trump, Putin agree to ceasefire")
    assert ("subhead", "What they're saying:") in got
    assert ("subhead", "Russia stays tight-lipped") in got
    assert ("subhead", "What could happen?") in got
    assert ("caption", "FILE - This combination of pictures shows Trump.") in got
    assert ("caption", "Putin speaks in Jerusalem.") in got
    assert ("sentence", "Putin agreed to a pause on strikes.") in got


def test_offsets_are_ordered_trimmed_and_exact():
    text = AP.read_text(encoding="utf-8")
    sents = segment(text)
    assert [s.id for s in sents] == list(range(len(sents)))
    for a, b in zip(sents, sents[1:]):
        assert a.end <= b.start
    for s in sents:
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip()


def test_markdown_markers_are_not_part_of_units():
    text = "# Ceasefire talks\n\n- Putin agreed to a pause.\n- Trump called it a start.\n\n> Quoted line here.\n"
    assert units(text, markdown=True) == [
        "Ceasefire talks",
        "Putin agreed to a pause.",
        "Trump called it a start.",
        "Quoted line here.",
    ]
    assert segment(text, markdown=True)[0].kind == "headline"


def test_hard_wrapped_paragraphs_are_joined():
    lines = [
        "It was the best of times, it was the worst of times, it was the age",
        "of wisdom, it was the age of foolishness. It was the epoch of belief,",
        "it was the epoch of incredulity, it was the season of Light.",
        "",
        "There were a king with a large jaw and a queen with a plain face, on",
        "the throne of England; there were a king with a large jaw and a queen",
        "with a fair face, on the throne of France.",
        "",
        "In both countries it was clearer than crystal to the lords of the State",
        "preserves of loaves and fishes, that things in general were settled for",
        "ever.",
    ]
    text = "\n".join(lines)
    got = units(text)
    assert got[0] == "It was the best of times, it was the worst of times, it was the age\nof wisdom, it was the age of foolishness."
    assert got[-1].startswith("In both countries") and got[-1].endswith("settled for\never.")
    assert len({s.paragraph for s in segment(text)}) == 3


def test_very_long_sentence_is_split_at_clauses():
    clause = "and the chains had been plucked asunder by him and the fetters broken in pieces"
    text = f"He had been often bound with fetters; {clause}; {clause}: neither could any man tame him."
    got = units(text)
    assert len(got) >= 2
    assert all(len(piece) >= 40 for piece in got)
    assert all(piece[-1] in ";:." for piece in got)
    assert "".join(got).replace(" ", "") == text.replace(" ", "")


@needs_shared
@pytest.mark.parametrize("gold_name", ["002__004.json", "001__002.json"])
def test_gold_sentences_are_units(gold_name):
    """Every sentence a careful reader marked in the gold files is exactly one unit."""
    gold = json.loads((GOLD / gold_name).read_text(encoding="utf-8"))
    seeds = GOLD.parent / "seeds"
    for side in ("left", "right"):
        text = (seeds / gold[side]).read_text(encoding="utf-8")
        ours = set(units(text))
        theirs = [s for link in gold["links"] for s in link[side]] + gold[f"unique_{side}"]
        assert [s for s in theirs if s not in ours] == []


def test_fox_subheads_are_recognised():
    got = kinds(FOX.read_text(encoding="utf-8"))
    assert got[0][0] == "headline"
    assert sum(1 for k, t in got if k == "subhead" and t == "What they're saying:") >= 3


def test_punkt_splits_alike_without_nltk_per_call_guard():
    """The segmenter runs Punkt's patterns without nltk's per-call time guard (a third of
    segmenting a book): the spans are the ones nltk's own guarded patterns give."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    from tui.compare.lexicon import ABBREVIATIONS
    from tui.compare.segment import SENTENCE_END_CHARS, _tokenizer
    from tui.corpus import sample_files

    class Vars(PunktLanguageVars):
        sent_end_chars = SENTENCE_END_CHARS

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    guarded = PunktSentenceTokenizer(params, lang_vars=Vars())
    texts = [p.read_text(encoding="utf-8") for p in sample_files()]
    texts.append('He said "Stop." (And then?) She left... Mr. J. R. Smith paid $1.5 m. at 10 a.m.! '
                 "‘Why?’ they asked. «Non.» 3.14. Done!!! Next.\n\nItem 2. A. B. C. Word.")
    for text in texts:
        assert list(_tokenizer().span_tokenize(text)) == list(guarded.span_tokenize(text))


def _guarded_punkt():
    """nltk's own Punkt with the segmenter's parameters: no guard taken off, no context cached."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    from tui.compare.lexicon import ABBREVIATIONS
    from tui.compare.segment import SENTENCE_END_CHARS

    class Vars(PunktLanguageVars):
        sent_end_chars = SENTENCE_END_CHARS

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params, lang_vars=Vars())


_WORDS = ["Mr", "U.S", "J", "a", "etc", "No", "3", "1.5", "Word", "word", "Élan", "élan", "ǅemal", "x", "A", "ß",
          "“Word", "(word", "...", "-", "--", "1"]
_ENDS = ["", "", ".", ".", "?", "!", ",", ".”", ")", ".)", "।", "'", "...", ";"]
_SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "  "]
_WORDING = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_ENDS), st.sampled_from(_SPACES)),
                    max_size=30).map(lambda ws: "".join(w + e + s for w, e, s in ws))


def test_punkt_decides_by_the_case_of_the_next_word_alone():
    """The segmenter decides a context "word. Next" once for every next word of letters with
    the same case (``segment._in_short``): Punkt decides the context it stands for alike."""
    from itertools import product

    from tui.compare.segment import _in_short

    punkt = _guarded_punkt()
    afters = ["and", "And", "élan", "Élan", "ǅemal", "ß", "x", "X", "a", "A", "“He", "“he", "‘He", "(He", "He’s", "²"]
    shortened = 0
    for parts in product(_WORDS, [".", "?", "!"], [" ", "  ", "\n "], afters,
                         ["", ",", ".", "?", "!”", ":", ";", ",”", "’", ".”", "…", "-"]):
        context = "".join(parts)
        short = _in_short(context)
        shortened += short != context
        assert punkt.text_contains_sentbreak(short) == punkt.text_contains_sentbreak(context), context
    assert shortened > 1000


def test_punkt_decides_alike_whatever_plain_word_comes_before_the_end():
    """The segmenter decides a context once for every first word of two letters or more, no
    abbreviation, with the same case of its first letter (``segment._in_short``): Punkt decides
    the context it stands for alike, whatever follows the sentence end."""
    from itertools import product

    from tui.compare.lexicon import ABBREVIATIONS
    from tui.compare.segment import _in_short

    assert not {"zq", "Zq"} & ABBREVIATIONS
    punkt = _guarded_punkt()
    firsts = ["him", "HIM", "Babylon", "you", "Élan", "ǅemal", "ab", "No", "no", "Mr", "mr", "etc", "Inc", "x", "J",
              "“Word", "word1", "a\u0301b", "ph", "Ph"]
    ends = [".", "?", "!", ".”", "?”", "!’", "...", "..", ".)", "।", ".”)", "?'", "!\"", "．"]
    afters = ["", " And", " and", " “He", " 3", "  And", "\nAnd", " -", " ”", " A.", " (he"]
    shortened = 0
    for first, end, after in product(firsts, ends, afters):
        context = first + end + after
        short = _in_short(context)
        shortened += short[:2] in ("zq", "Zq")
        assert punkt.text_contains_sentbreak(short) == punkt.text_contains_sentbreak(context), context
    assert shortened > 500


def test_a_plain_word_before_a_full_stop_breaks_as_punkt_says():
    """The contexts the segmenter decides without Punkt (``segment._plain_break``: a word of two
    letters or more, no abbreviation, a full stop, one space, a word of letters) are breaks to
    Punkt; abbreviations, initials, numbers and other spacing are left to Punkt."""
    from itertools import product

    from tui.compare.segment import _plain_break

    punkt = _guarded_punkt()
    heads = _WORDS + ["Babylon", "said", "DR", "Dr", "dr", "Gen", "Inc", "co", "Mrs", "Ab", "ǅemal", "no", "e.g"]
    decided = 0
    for head, end, space, after in product(heads, [".", "?", "!", ".."], [" ", "  ", "\n"],
                                           ["And", "and", "élan", "ß", "A", "3", "“He", "-"]):
        context = head + end + space + after
        if _plain_break(context):
            decided += 1
            assert punkt.text_contains_sentbreak(context), context
    assert decided >= 30
    for abbreviation in ("Mr. Smith", "dr. Who", "Gen. Lee", "J. Bach", "U.S. Then", "No. Five", "1.5. Then"):
        assert not _plain_break(abbreviation)


@settings(max_examples=200, deadline=None)
@given(_WORDING)
def test_punkt_with_contexts_in_short_splits_alike(text):
    """Segmenting with the contexts in short gives the spans nltk's Punkt gives when it decides
    every context afresh."""
    from tui.compare.segment import _tokenizer

    assert list(_tokenizer().span_tokenize(text)) == list(_guarded_punkt().span_tokenize(text))


@settings(max_examples=300, deadline=None)
@given(block=st.lists(st.sampled_from(["U.S.", "a.m.", "etc.", "Inc.", " ", "\n", "The", "They", "then", "x", ".", "Co"]),
                      max_size=25).map("".join),
       a=st.integers(0, 60), b=st.integers(0, 60))
def test_a_unit_without_a_full_stop_and_space_is_never_split(block, a, b):
    """The split after "U.S. Then" is only looked for where a full stop has a space after it:
    the same pieces as looking everywhere."""
    from tui.compare.segment import _FINAL_ABBREV_BREAK, _split_after_abbreviation, _trim

    a, b = min(a, len(block)), min(b, len(block))
    cuts = [a] + [m.end() for m in _FINAL_ABBREV_BREAK.finditer(block, a, b)] + [b]
    assert _split_after_abbreviation(block, a, b) == [_trim(block, x, y) for x, y in zip(cuts, cuts[1:]) if x < y]


_ONE_END = st.lists(st.sampled_from(_WORDS + ["“", "”", "(", ")", '"', "«", "»"]), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(body=_ONE_END, end=st.sampled_from(["", ".", "?", "!", "।", "。", ".”", "?)", "…", ";"]),
       inner=st.sampled_from(["", " ", "\n", "  "]))
def test_a_block_with_one_sentence_end_at_its_close_is_what_punkt_finds(body, end, inner):
    """A block whose only sentence end (if any) is its last character is taken as one unit
    without asking Punkt (``segment._one_sentence``): Punkt gives that one span too."""
    from tui.compare.segment import _one_sentence, _punkt_spans, _tokenizer

    block = (body.replace(" ", inner or " ") + end).strip()
    if not block:
        return
    assert _punkt_spans(_tokenizer(), block) == list(_tokenizer().span_tokenize(block))
    if _one_sentence(block):
        assert list(_guarded_punkt().span_tokenize(block)) == [(0, len(block))]


def test_the_sample_blocks_taken_as_one_sentence_are_one_to_punkt():
    """About half the sample stories' paragraphs are taken as one unit without Punkt: Punkt
    agrees on every one."""
    from tui.compare.segment import _blocks, _one_sentence, _trim
    from tui.corpus import sample_files

    punkt, shortcut = _guarded_punkt(), 0
    for path in sample_files():
        text = path.read_text(encoding="utf-8")
        for a, b in _blocks(text, False):
            a, b = _trim(text, a, b)
            if a < b and _one_sentence(text[a:b]):
                shortcut += 1
                assert list(punkt.span_tokenize(text[a:b])) == [(0, b - a)]
    assert shortcut >= 20


@settings(max_examples=300, deadline=None)
@given(lead=st.sampled_from(["", " ", "  "]), body=_ONE_END,
       long=st.sampled_from(["", "; then the talks went on for a long while after that, and on", ": " + "x" * 60]),
       end=st.sampled_from(["", ".", "?", ".”", "!"]))
def test_the_units_of_a_block_are_those_of_punkt_and_the_splits_after_it(lead, body, long, end):
    """``_units_of`` (which takes a one-sentence block as one span without Punkt) gives the
    units that Punkt's spans, merged and split after abbreviations and at clauses, give; a
    Markdown quote's block may start with spaces."""
    from tui.compare.segment import (_merge_fragments, _split_after_abbreviation, _split_long, _tokenizer,
                                     _units_of)

    block = (lead + body + long + end).rstrip()
    if not block.strip():
        return
    spans = _merge_fragments(block, list(_tokenizer().span_tokenize(block)))
    spans = [piece for a, b in spans for piece in _split_after_abbreviation(block, a, b)]
    assert _units_of(_tokenizer(), block) == [piece for a, b in spans for piece in _split_long(block, a, b)]


def test_a_long_quoted_markdown_line_is_split_where_its_text_is_long():
    """A Markdown quote line with spaces after "> ": the length that decides a split at a
    clause is the sentence's own, not counting those spaces."""
    sentence = "The talks went on for a long while after the call ended; " + "w" * 92 + "."
    assert len(sentence) == 150  # LONG_SENTENCE: not split
    assert units(">   " + sentence, markdown=True) == [sentence]
