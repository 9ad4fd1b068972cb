"""Read a text or Markdown file into a ``Document``: read, decode (``decode``), check it is text.

The text the engine holds is exactly what ``open(path, encoding=doc.encoding).read()`` returns
(universal newlines: ``\\r\\n`` and ``\\r`` become ``\\n``), so offsets in reports can be checked
against the file with nothing but Python. When a few bytes of a UTF-8 file are damaged they
read as U+FFFD and ``doc.source["errors"]`` is ``"replace"``: the text is then
``open(path, encoding=doc.encoding, errors="replace").read()``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .decode import Decoded, decode_bytes
from .errors import InputError
from .model import Document

__all__ = ["MAX_BYTES", "Decoded", "decode_bytes", "document_from_bytes", "is_markdown", "load_document",
           "read_file", "sha256_hex"]

MAX_BYTES = 256 * 1024 * 1024


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
            # As many bytes as the size says, and one more: only a file longer than it said (a
            # pipe, a file being written) is read on, up to the limit (a read of the limit
            # itself sets aside a buffer of that size, about 35 us a file of any size).
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    return data, name


def document_from_bytes(data: bytes, name: str, *, source: dict | None = None,
                        declared: str | None = None) -> Document:
    """Decode bytes into an unsegmented ``Document`` (``sentences`` empty); ``declared`` is the
    encoding a server named, if any."""
    decoded = decode_bytes(data, name, declared)
    if not decoded.text.strip():
        raise InputError(f"{name}: is empty (nothing but whitespace)" if data else f"{name}: is empty")
    source = dict(source or {"kind": "file", "path": name})
    if decoded.errors != "strict":
        source["errors"] = decoded.errors
    return Document(
        path=name,
        text=decoded.text,
        sha256=sha256_hex(data),
        encoding=decoded.encoding,
        source=source,
        notices=decoded.notices,
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and decode a text or Markdown file (not yet segmented)."""
    data, name = read_file(path)
    return document_from_bytes(data, name)


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown", ".mdown", ".mkd"))
