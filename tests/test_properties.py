"""Property test: any Unicode input compares without crashing and yields valid offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.compare import compare_texts

WORDS = ["Putin", "Trump", "U.S.", "cease-fire", "175", "thirty", "said", "not", "“quote”", "Feb.", "—", "\n", "\n\n",
         "WASHINGTON —", "?", "!", ";", ":", "each", "(500 miles)", "J.D.", "Kremlin", "immediately"]

text = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=80).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(left=text, right=text)
def test_any_text_gives_valid_offsets(left, right):
    c = compare_texts(left, right)
    for doc in (c.left, c.right):
        prev_end = 0
        for i, s in enumerate(doc.sentences):
            assert s.id == i
            assert prev_end <= s.start < s.end <= len(doc.text)
            assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]
            prev_end = s.end
    seen = {"left": set(), "right": set()}
    for link in c.links:
        assert link.kind in ("match", "differ")
        for side in ("left", "right"):
            doc = c.doc(side)
            for i in link.ids(side):
                assert 0 <= i < len(doc.sentences) and i not in seen[side]
                seen[side].add(i)
        for ch in link.changes:
            if ch.left:
                assert c.left.text[ch.left[0] : ch.left[1]] == ch.left_text
            if ch.right:
                assert c.right.text[ch.right[0] : ch.right[1]] == ch.right_text
        for op in link.diff:
            for span, doc in ((op.left, c.left), (op.right, c.right)):
                if span:
                    assert 0 <= span[0] <= span[1] <= len(doc.text)
    c.to_json()
