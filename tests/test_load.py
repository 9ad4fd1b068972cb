"""Loading files: encodings, line endings, and a one-line error for every kind of bad input."""

from __future__ import annotations

import pytest

from tui.compare import InputError, load_document
from tui.compare.load import read_file


def test_utf8_text_is_read_as_is(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Zelenskyy’s “plan” — 30 days.\n", encoding="utf-8")
    doc = load_document(p)
    assert doc.text == "Zelenskyy’s “plan” — 30 days.\n"
    assert doc.encoding == "utf-8"
    assert doc.notices == []


def test_utf8_bom_is_dropped_and_offsets_match_open(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfPutin called. Trump answered.\n")
    doc = load_document(p)
    with open(p, encoding=doc.encoding) as f:
        assert doc.text == f.read()
    assert doc.text.startswith("Putin")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    p = tmp_path / "u16.txt"
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    p.write_bytes(bom + "Kyiv said no. Moscow said yes.\r\n".encode(codec))
    doc = load_document(p)
    assert doc.text == "Kyiv said no. Moscow said yes.\n"
    with open(p, encoding=doc.encoding) as f:
        assert f.read() == doc.text


def test_single_byte_fallback_says_so(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Café owners in Zürich said the deal “works”.".encode("cp1252"))
    doc = load_document(p)
    assert "Café" in doc.text and "Zürich" in doc.text
    assert doc.encoding != "utf-8"
    assert len(doc.notices) == 1 and "not valid UTF-8" in doc.notices[0]
    with open(p, encoding=doc.encoding) as f:
        assert f.read() == doc.text


def test_line_endings_are_normalised_like_open(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"First line.\r\nSecond line.\rThird line.\n")
    doc = load_document(p)
    assert doc.text == "First line.\nSecond line.\nThird line.\n"
    with open(p, encoding=doc.encoding) as f:
        assert f.read() == doc.text


def test_sha256_is_of_the_file_bytes(tmp_path):
    import hashlib

    p = tmp_path / "h.txt"
    data = "Text.\r\n".encode()
    p.write_bytes(data)
    assert load_document(p).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\t \n"), "is empty"),
        (lambda d: _write(d / "nul.bin", b"abc\x00\x01\x02def" * 10), "binary"),
        (lambda d: _write(d / "img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "PNG image"),
        (lambda d: _write(d / "doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "PDF"),
        (lambda d: _write(d / "ctl.txt", bytes(range(1, 32)) * 40), "binary"),
    ],
)
def test_bad_input_gives_one_line_error(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError) as err:
        load_document(path)
    text = str(err.value)
    assert message in text
    assert "\n" not in text
    assert str(path) in text


def test_unreadable_file(tmp_path, monkeypatch):
    p = _write(tmp_path / "secret.txt", b"text")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_file(p)


def test_escape_sequences_are_text_not_binary(tmp_path):
    p = _write(tmp_path / "ansi.txt", b"Red \x1b[31malert\x1b[0m said the [bold]wire[/bold].\n")
    doc = load_document(p)
    assert "\x1b[31m" in doc.text


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_file_longer_than_its_size_says_is_read_whole(tmp_path):
    """A named pipe's size is 0: what is written to it is read all the same, past the one byte
    more than the size that a file is first read for."""
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    sent = ("All three leaders spoke by phone on Tuesday. " * 3000).encode()

    def write() -> None:
        with open(pipe, "wb") as f:
            f.write(sent)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        data, _ = read_file(pipe)
    finally:
        writer.join(timeout=10)
    assert data == sent and len(sent) > 100_000


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.txt"
    body = "Talks resumed in Geneva.\n".encode() * 5000
    path.write_bytes(body)
    assert read_file(path)[0] == body
    path.write_bytes(b"")
    assert read_file(path)[0] == b""
