"""What ``prepared`` works out per sentence and per link, by its quick ways, is what the
plain definitions give: the words the meaning model weighs, a link's sides, the units the
aligner treats apart."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st


_GAPPED = st.lists(st.tuples(st.sampled_from(["twenty", "five", "United", "States", "a", "third", "of", "2.5", "billion",
                                              "Cease-fire", "U.S.", "İstanbul", "talks", "“Quoted”", "—", "x\u0301"]),
                             st.sampled_from([" ", "  ", "\n", " \n "])), max_size=16)


@settings(max_examples=300, deadline=None)
@given(_GAPPED)
@example([("twenty", "\n"), ("five", " "), ("United", "  "), ("States", " ")])
def test_the_words_the_meaning_model_weighs_are_the_tokens_written_lower_cased(parts):
    """``_meant_words`` reads each content token's lower case from the token where it can: the
    same words as the text at the token's span, lower-cased, for merged tokens whose words the
    text parts by line breaks or several spaces too."""
    from tui.compare.normalise import Tokenizer
    from tui.compare.prepared import _meant_words

    text = "".join(w + gap for w, gap in parts)
    toks = Tokenizer(text).tokens(text, 0, len(text))
    idf = {t.key: float(n) for n, t in enumerate(toks)}
    want = [(text[t.start : t.end].lower(), idf[t.key]) for t in toks if t.content]
    assert _meant_words(text, toks, idf) == want
    some = {t.key for t in toks[::2]}
    assert _meant_words(text, toks, idf, some) == [
        (text[t.start : t.end].lower(), idf[t.key]) for t in toks if t.content and t.key not in some]


def test_a_link_side_of_one_sentence_is_what_the_general_way_gives():
    """``_link_side`` of one sentence (its own quick way) gives the tokens (in a list of their
    own), first-word offsets and span that the way for several sentences gives."""
    from tui.compare import prepared
    from tui.compare.engine import compare_texts

    text = "“Talks resumed,” he said. (Prices rose 5%.) The U.S. Senate met again on Monday."
    pair = compare_texts(text, text).engine_state
    doc, toks = pair.left, pair.ltoks
    for i in range(len(doc.sentences)):
        got = prepared._link_side(doc, toks, (i,))
        s = doc.sentences[i]
        assert got == (toks[i], prepared._starts(doc.text, s.start), [s.span])
        assert got[0] is not toks[i]
    both = prepared._link_side(doc, toks, (0, 2))
    assert both[0] == toks[0] + toks[2]
    assert both[1] == prepared._starts(doc.text, doc.sentences[0].start) | prepared._starts(doc.text, doc.sentences[2].start)
    assert both[2] == [doc.sentences[0].span, doc.sentences[2].span]


def test_the_units_the_aligner_treats_apart_are_found_in_one_pass():
    """``_unit_kinds``: datelines, subheads and headlines, headlines, questions (a "?" before
    closing quotes too) and sentences opening with a pointer back, as their definitions say."""
    from tui.compare.engine import compare_texts
    from tui.compare.prepared import _unit_kinds
    from tui.compare.refer_back import refers_back
    from tui.corpus import default_pair

    text = ('Talks end without a deal\n\nGENEVA (AP) — The talks ended on Tuesday without a deal, officials said.\n\n'
            '“Will Russia agree?” he asked. It was not clear. Will they meet again?\n\nWhat comes next\n\n'
            'They said nothing more. “Is it over?”  ')
    docs = [compare_texts(text, text).left, *(compare_texts(p.read_text(encoding="utf-8"), "x").left
                                             for p in default_pair())]
    for doc in docs:
        sents, t = doc.sentences, doc.text
        assert _unit_kinds(doc) == (
            {s.id for s in sents if s.kind == "dateline"},
            {s.id for s in sents if s.kind in ("subhead", "headline")},
            {s.id for s in sents if s.kind == "headline"},
            {s.id for s in sents if t[s.start:s.end].rstrip("\"”’' ").endswith("?")},
            {s.id for s in sents if refers_back(t, s.start, s.end)})
    doc = docs[0]
    found = _unit_kinds(doc)
    assert all(found)
    assert sorted(doc.text[doc.sentences[i].start:doc.sentences[i].end] for i in found[3]) == [
        "Will they meet again?", "“Is it over?”"]
