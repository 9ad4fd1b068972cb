"""Read a text or Markdown file into a ``Document``: decode, check it is text, normalise line endings.

The text the engine holds is exactly what ``open(path, encoding=doc.encoding).read()`` returns
(universal newlines: ``\\r\\n`` and ``\\r`` become ``\\n``), so offsets in reports can be checked
against the file with nothing but Python.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import InputError
from .model import Document

MAX_BYTES = 256 * 1024 * 1024

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

# Single-byte encodings worth trying when a file is not UTF-8, most common first.
_SINGLE_BYTE = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1257", "mac_roman",
)

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v", "\x1b"}


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str, list[str]]:
    """Decode file bytes; return ``(text, encoding, notices)``.

    ``encoding`` is a codec name that ``open()`` accepts and that gives back ``text``.
    Raises ``InputError`` for binary data.
    """
    notices: list[str] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError(f"{name}: this is {what}, not a text file")
        if b"\x00" in data:
            raise InputError(f"{name}: this looks like a binary file (it contains NUL bytes), not text")
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _detect_single_byte(data)
            notices.append(f"{name}: not valid UTF-8; read as {encoding}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: cannot be decoded as {encoding} ({err.reason})") from None
    if encoding in ("utf-16", "utf-32") and text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise InputError(f"{name}: this looks like a binary file (too many control characters), not text")
    return text, encoding, notices


def _detect_single_byte(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return "cp1252"
    best = from_bytes(data, cp_isolation=list(_SINGLE_BYTE)).best()
    if best is not None:
        return best.encoding
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin_1"


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ch < " " or "\x7f" <= ch < "\xa0") and ch not in _CONTROL_OK)
    return bad > max(8, len(sample) // 50)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_file(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a file's bytes with a one-line ``InputError`` for every way it can fail."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
        with open(p, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    return data, name


def document_from_bytes(data: bytes, name: str, *, source: dict | None = None) -> Document:
    """Decode bytes into an unsegmented ``Document`` (``sentences`` empty)."""
    text, encoding, notices = decode_bytes(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty (nothing but whitespace)" if data else f"{name}: is empty")
    return Document(
        path=name,
        text=text,
        sha256=sha256_hex(data),
        encoding=encoding,
        source=source or {"kind": "file", "path": name},
        notices=notices,
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and decode a text or Markdown file (not yet segmented)."""
    data, name = read_file(path)
    return document_from_bytes(data, name)


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown", ".mdown", ".mkd"))
