"""The small tests a word diff makes of each step's words say what their definitions say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.normalise import Tokenizer
from tui.compare.worddiff import _MEANINGFUL_SMALL_WORDS, _all_elsewhere, _minor

_WORDS = st.lists(st.sampled_from(["the", "on", "was", "is", "not", "no", "may", "each", "talks", "Geneva", "two",
                                   "2", "of", "never", "will", "ended"]), max_size=6)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sets(st.sampled_from(["talk", "geneva", "#2", "end", "the", "not"])))
def test_minor_and_all_elsewhere_are_their_definitions(words, other):
    text = " ".join(words)
    toks = Tokenizer(text).tokens(text, 0, len(text))
    assert _minor(toks) == all(not t.content and t.number is None and t.low not in _MEANINGFUL_SMALL_WORDS
                               and t.key not in _MEANINGFUL_SMALL_WORDS for t in toks)
    content = [t for t in toks if t.content]
    assert _all_elsewhere(toks, other) == (bool(content) and all(t.key in other for t in content))
