"""Turn a command-line argument into a ``Document``: a file path, ``-`` for standard input,
(later) an HTML file or an http(s) URL."""

from __future__ import annotations

import sys
from typing import BinaryIO

from .compare.errors import InputError
from .compare.load import MAX_BYTES, document_from_bytes, load_document
from .compare.model import Document

STDIN = "-"


def load_source(spec: str, *, stdin: BinaryIO | None = None, refresh: bool = False) -> Document:
    """Load one side of a comparison from what the user typed."""
    if spec == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("standard input: too large")
        if not data:
            raise InputError("standard input: is empty")
        return document_from_bytes(data, "<stdin>", source={"kind": "stdin"})
    if spec.startswith(("http://", "https://")):
        raise InputError(f"{spec}: URLs are not supported yet")
    return load_document(spec)
