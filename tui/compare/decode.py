"""Bytes to text: which encoding a file is in, and the text exactly as Python's ``open()`` reads it.

The order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32); the encoding a server
declared; valid UTF-8; UTF-8 with a few damaged bytes (shown as U+FFFD, and counted in a
notice); UTF-16 or UTF-32 without a byte-order mark (files saved by Windows tools); else a
single-byte encoding, cp1252 unless another one reads clearly better.

``Decoded.text`` is ``open(path, encoding=encoding, errors=errors).read()``: universal newlines,
and a byte-order mark dropped only where the codec drops it (a second U+FEFF stays).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: FF FE 00 00
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
# Single-byte encodings worth trying when a file is not UTF-8, most common first; cp1252 is
# taken unless another reads clearly better (it is also what browsers read Latin-1 as).
SINGLE_BYTE = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1257", "mac_roman",
)
_CLEARLY_MESSIER = 0.05     # charset-normalizer's mess ratio, 0 (clean) and up
_CLEARLY_LESS_COHERENT = 0.1  # its language coherence, 0 to 1
_SAMPLE = 64 * 1024
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v", "\x1b"}
# C0 and C1 controls and DEL, less those text may hold (counted in C, not one by one in Python).
_BINARY_CHAR = re.compile("[" + "".join(re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0)]
                                        if chr(c) not in _CONTROL_OK) + "]")
_ASCII = bytes(range(128))
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str          # a codec name ``open()`` accepts
    errors: str = "strict"  # "replace": bytes not valid in ``encoding`` show as U+FFFD
    notices: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, name: str = "input", declared: str | None = None) -> Decoded:
    """Decode a file's bytes (``declared``: the codec a server named); ``InputError`` for binary data."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        found = _decode(data, encoding, name)
    else:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError(f"{name}: this is {what}, not a text file")
        found = _guess(data, name, declared)
    if _looks_binary(found.text):
        wide = None if encoding is not None else _wide_without_bom(data, name)
        if wide is None:
            raise InputError(f"{name}: this looks like a binary file (too many control characters), not text")
        found = wide
    found.text = found.text.replace("\r\n", "\n").replace("\r", "\n")
    return found


def _decode(data: bytes, encoding: str, name: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return Decoded(data.decode(encoding, "replace"), encoding, "replace",
                       [f"{name}: some bytes are not valid {encoding}; they show as \ufffd"])


def _guess(data: bytes, name: str, declared: str | None) -> Decoded:
    if b"\x00" in data:
        wide = _wide_without_bom(data, name)
        if wide is not None:
            return wide
        raise InputError(f"{name}: this looks like a binary file (it contains NUL bytes), not text")
    if declared is not None and declared not in _WIDE:
        return _decode(data, declared, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    sample = _non_ascii_lines(data)
    if _mostly_utf8(sample)[0] is not None:
        text, damaged = _mostly_utf8(data)
        if text is not None:
            what = f"{damaged} invalid UTF-8 sequence{'s' * (damaged != 1)}"
            return Decoded(text, "utf-8", "replace", [f"{name}: {what} shown as \ufffd (the rest is valid UTF-8)"])
    for encoding in single_byte_encodings(sample):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # a byte the sample did not hold
            continue
        return Decoded(text, encoding, "strict", [f"{name}: not valid UTF-8; read as {encoding}"])
    return Decoded(data.decode("latin_1"), "latin_1", "strict", [f"{name}: not valid UTF-8; read as latin_1"])


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """The text with damaged sequences as U+FFFD, and how many, when the valid UTF-8 characters
    beyond ASCII are at least half as many as the damaged places. In a legacy file almost every
    accented letter is a damaged place and a valid sequence is a rare accident."""
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    ascii_chars = len(data) - len(data.translate(None, _ASCII))
    valid_beyond_ascii = len(text) - ascii_chars - damaged
    return (text, damaged) if valid_beyond_ascii >= max(1, damaged / 2) else (None, damaged)


def single_byte_encodings(sample: bytes) -> list[str]:
    """The single-byte encodings that can read ``sample``, best first: cp1252 unless another
    reads clearly better (less mess, or more like a language, by charset-normalizer's measures)."""
    high = bytes(sorted(set(sample.translate(None, _ASCII))))
    candidates = [enc for enc in SINGLE_BYTE if _decodes(high, enc)]
    try:
        from charset_normalizer.cd import coherence_ratio
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - a declared dependency
        return candidates
    scores = {}
    for enc in candidates:
        text = sample.decode(enc)
        languages = coherence_ratio(text)
        scores[enc] = (mess_ratio(text, 1.0), languages[0][1] if languages else 0.0)
    if not scores:
        return []
    least_mess = min(m for m, _ in scores.values())
    clean = [enc for enc in candidates if scores[enc][0] <= least_mess + _CLEARLY_MESSIER]
    most_coherent = max(scores[enc][1] for enc in clean)
    if "cp1252" in clean and scores["cp1252"][1] >= most_coherent - _CLEARLY_LESS_COHERENT:
        best = "cp1252"
    else:
        best = max(clean, key=lambda enc: scores[enc][1])  # the first of equals, in SINGLE_BYTE order
    return [best] + [enc for enc in sorted(candidates, key=lambda e: scores[e][0]) if enc != best]


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _non_ascii_lines(data: bytes) -> bytes:
    """Up to 64 KiB of the lines that hold a byte above ASCII (the ones encodings disagree on),
    found wherever they are in the file; a long line is cut to a window around its first one."""
    out: list[bytes] = []
    size = pos = 0
    while size < _SAMPLE:
        m = _HIGH_BYTE.search(data, pos)
        if m is None:
            break
        at = m.start()
        start = max(data.rfind(b"\n", 0, at) + 1, at - 1024)
        end = data.find(b"\n", at)
        end = min(len(data) if end < 0 else end, at + _SAMPLE)
        out.append(data[start:end])
        size += end - start + 1
        pos = end + 1
    return b"\n".join(out)


def _wide_without_bom(data: bytes, name: str) -> Decoded | None:
    """UTF-32 or UTF-16 without a byte-order mark, if the bytes read as text in one of them."""
    for encoding in _WIDE:
        if len(data) % (4 if "32" in encoding else 2):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return Decoded(text, encoding, "strict",
                           [f"{name}: {encoding[:6].upper()} without a byte-order mark; read as {encoding}"])
    return None


def _plausible(text: str) -> bool:
    """Text, not bytes read with the wrong width: no character unassigned, private, a lone
    surrogate or a control, and nine in ten from two blocks of 256 code points (a script and
    ASCII's spaces and punctuation: Latin, Cyrillic, Greek, Hebrew ...). Bytes misread as UTF-16
    scatter over the whole range."""
    sample = text[:4096]
    if not sample.strip():
        return False
    if any(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in sample):
        return False
    if sum(1 for ch in sample if not ch.isprintable() and ch not in "\n\r\t\f") > len(sample) // 100:
        return False
    blocks = Counter(ord(ch) >> 8 for ch in sample).most_common(2)
    return sum(n for _, n in blocks) >= 0.9 * len(sample)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = len(_BINARY_CHAR.findall(sample))
    return bad > max(8, len(sample) // 50)
