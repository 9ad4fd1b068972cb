"""Property tests: any Unicode input compares without crashing and yields valid offsets; any\nbytes that load (encodings, byte-order marks, damage) keep the JSON offsets contract."""

from __future__ import annotations

import codecs
import os
import tempfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.compare import InputError, compare_documents, compare_texts
from tui.sources import load_source

from .conftest import AP

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


# ---- the offsets contract for any bytes ----------------------------------------------------------

CODECS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1", "cp1250",
          "cp1251", "koi8_r", "mac_roman"]
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
prose = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
damage = st.one_of(st.just([]), st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=3)),
                                         min_size=1, max_size=3))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(prose, text), codec=st.sampled_from(CODECS), boms=st.integers(0, 2), crlf=st.booleans(),
       hurt=damage)
@example(body="Kyiv said no. Moscow said yes.", codec="utf-16-le", boms=2, crlf=True, hurt=[])
@example(body="He said “no” — then “maybe”. Later “again”.", codec="utf-8", boms=0, crlf=False,
         hurt=[(3, b"\xff"), (20, b"\xfe"), (40, b"\x80"), (10**6, b"\xc3")])
def test_offsets_point_into_the_text_open_reads_for_any_encoding(body, codec, boms, crlf, hurt):
    """Whatever the bytes (any of these encodings, none, one or two byte-order marks, CRLF,
    a few damaged bytes), a file that loads has sentences whose offsets index the text that
    ``open(path, encoding=..., errors=...)`` gives, as the JSON report states them."""
    if crlf:
        body = body.replace("\n", "\r\n")
    data = BOMS.get(codec, b"") * boms + body.encode(codec, "replace")
    for at, junk in hurt:
        at %= len(data) + 1
        data = data[:at] + junk + data[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "in.txt")
        with open(path, "wb") as f:
            f.write(data)
        try:
            doc = load_source(path)
        except InputError:
            return  # empty or binary: refused with a message, nothing to point into
        with open(path, encoding=doc.encoding, errors=doc.source.get("errors", "strict")) as f:
            read = f.read()
        assert read == doc.text
        report = compare_documents(doc, load_source(str(AP))).to_json()
    for s in report["left"]["sentences"]:
        assert read[s["start"]:s["end"]] == s["text"]
    for link in report["links"]:
        for ch in link["changes"]:
            if ch["left"] is not None:
                assert read[ch["left"][0]:ch["left"][1]] == ch["left_text"]
