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


def test_a_pair_too_long_to_diff_is_one_replaced_stretch_shown_word_by_word(monkeypatch):
    """Past ``MAX_DIFF_CELLS`` the checks read one replaced stretch; the reader still sees the
    words the other side has as moved and only the rest as deleted or inserted."""
    from tui.compare import worddiff

    a = "The talks in Geneva ended late on Monday night."
    b = "Late on Monday the Geneva talks were finished."
    tok = Tokenizer(a, b)
    left, right = tok.tokens(a, 0, len(a)), tok.tokens(b, 0, len(b))
    monkeypatch.setattr(worddiff, "MAX_DIFF_CELLS", len(left) * len(right) - 1)
    ops, shown = worddiff.word_diff(left, right)
    assert [(op.op, op.left, op.right) for op in ops] == [("replace", (0, len(a) - 1), (0, len(b) - 1))]
    marked = {(op.op, a[op.left[0]:op.left[1]] if op.left else b[op.right[0]:op.right[1]]) for op in shown}
    assert marked == {("moved", "The talks in Geneva"), ("delete", "ended"), ("moved", "late on Monday"),
                      ("delete", "night"), ("moved", "Late on Monday the Geneva talks were"), ("insert", "finished")}
