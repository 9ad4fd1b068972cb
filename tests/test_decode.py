"""Which encoding a file is read in, for files that are not plain UTF-8: doubled byte-order marks,
damaged UTF-8, legacy single-byte files, UTF-16 without a byte-order mark. In every case the
text is exactly what ``open(path, encoding=doc.encoding, errors=...)`` reads."""

from __future__ import annotations

import random

import pytest

from tui.compare import InputError, compare_documents
from tui.sources import load_source

NEWS = ("He said “no” and ‘yes’ — then “maybe”, the officials said on Monday.\n"
        "Later “again”: the talks in Genève resumed.\n")


def _load(tmp_path, data: bytes, name: str = "in.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    doc = load_source(str(p))
    errors = doc.source.get("errors", "strict")
    with open(p, encoding=doc.encoding, errors=errors) as f:
        assert f.read() == doc.text, "the text must be what open() reads with the reported encoding"
    return doc


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                         ("utf-8", b"\xef\xbb\xbf"), ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_a_doubled_byte_order_mark_keeps_every_offset(tmp_path, codec, bom):
    text = "\ufeffKyiv said no. Moscow said yes.\nThe talks went on.\n"
    doc = _load(tmp_path, bom + text.encode(codec))
    assert doc.text == text  # the codec drops one mark; the second is text, as open() keeps it
    other = _load(tmp_path, "Kyiv said no. Moscow said yes.\n".encode(), "other.txt")
    data = compare_documents(doc, other).to_json()
    assert data["left"]["sentences"]
    for s in data["left"]["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]


def test_a_few_damaged_bytes_in_utf8_are_replacement_characters_and_counted(tmp_path):
    good = NEWS.encode("utf-8")
    data = good[:5] + b"\xff" + good[5:30] + b"\xfe" + good[30:60] + b"\x80" + good[60:] + b"\xc3"
    doc = _load(tmp_path, data)
    assert doc.encoding == "utf-8" and doc.source["errors"] == "replace"
    assert "“maybe”" in doc.text and "Genève" in doc.text and doc.text.count("\ufffd") == 4
    assert len(doc.notices) == 1 and "4 invalid UTF-8 sequences" in doc.notices[0]


def test_a_latin1_file_is_read_as_cp1252_not_cp1250(tmp_path):
    doc = _load(tmp_path, "La crème brûlée était délicieuse, dit-il.\n".encode("latin-1"))
    assert doc.encoding == "cp1252" and "crème brûlée" in doc.text


def test_short_cp1252_text_with_guillemets_is_cp1252(tmp_path):
    doc = _load(tmp_path, "Il a dit «non» hier.\n".encode("cp1252"))
    assert doc.encoding == "cp1252" and "«non»" in doc.text


@pytest.mark.parametrize("text, codec", [
    ("Zażółć gęślą jaźń. Władysław powiedział, że spotkanie odbędzie się w środę.\n", "cp1250"),
    ("Президент заявил, что переговоры продолжатся в понедельник в Женеве.\n", "cp1251"),
    ("Президент заявил, что переговоры продолжатся в понедельник в Женеве.\n", "koi8_r"),
    ("Ο πρωθυπουργός δήλωσε ότι οι διαπραγματεύσεις θα συνεχιστούν τη Δευτέρα.\n", "cp1253"),
])
def test_another_single_byte_encoding_wins_when_it_reads_clearly_better(tmp_path, text, codec):
    doc = _load(tmp_path, text.encode(codec))
    assert doc.text == text and "not valid UTF-8" in doc.notices[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Kyiv said no. Moscow said yes.\r\nThe talks went on.\r\n",
                                  "Президент заявил, что переговоры продолжатся.\r\n"])
def test_utf16_without_a_byte_order_mark_is_read_and_named(tmp_path, codec, text):
    doc = _load(tmp_path, text.encode(codec))
    assert doc.encoding == codec and doc.text == text.replace("\r\n", "\n")
    assert "UTF-16 without a byte-order mark" in doc.notices[0]


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes_are_still_binary(tmp_path, seed):
    data = random.Random(seed).randbytes(4000)
    p = tmp_path / "noise.bin"
    p.write_bytes(data)
    with pytest.raises(InputError, match="binary"):
        load_source(str(p))
