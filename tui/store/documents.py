"""What the store remembers about a document, and how a saved comparison is named.

A saved comparison belongs to the *documents where it was made*, not to their text: a file
(a text file or a saved web page) is known by its absolute path, a web article by its URL,
and only a document with no place of its own (standard input) by the hash of its text. The
record's file name is made from those identities, so a copy of the files elsewhere gets a
record of its own, and editing a file keeps its record where it is.

The text hash (sha256 of the decoded text as UTF-8, the text every offset points into) is
kept too: it tells whether a document changed since a note was anchored in it, and finds
records of the same texts at other places (to offer their notes, never to move them).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from ..compare.model import Document

KEY_DIGITS = 16

# Documents that keep their identity when their text changes: a file (a text file or a saved
# web page) by its path, a web article by its URL.
FILE_KINDS = ("file", "html")
STABLE_KINDS = FILE_KINDS + ("url",)


def text_sha256(text: str) -> str:
    """The hash of a document's text: sha256 of the text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class DocRecord:
    """What the store remembers about one document: enough to list it and reopen it."""

    path: str  # absolute (symbolic links resolved) for files; the URL for a web article; else as given
    name: str
    sha256: str  # of the decoded text, when the record was last opened
    file_sha256: str = ""  # of the file bytes, as in the JSON report
    kind: str = "file"  # the Document's source kind: file, html, url, stdin, text, ...

    @classmethod
    def of(cls, doc: Document) -> "DocRecord":
        kind = str(doc.source.get("kind", "file")) if doc.source else "file"
        path = os.path.realpath(doc.path) if kind in FILE_KINDS else doc.path
        return cls(path, doc.name, text_sha256(doc.text), doc.sha256, kind)

    @property
    def identity(self) -> str:
        """What the document is known by: ``file:<path>``, ``url:<url>`` or ``text:<hash>``."""
        if self.kind in FILE_KINDS:
            return f"file:{self.path}"
        if self.kind == "url":
            return f"url:{self.path}"
        return f"text:{self.sha256}"

    @property
    def reopenable(self) -> bool:
        return (self.kind in FILE_KINDS and os.path.isfile(self.path)) or self.kind == "url"

    @property
    def source(self) -> str | None:
        """What to give ``sources.load_source`` to open the document again (None: it cannot be)."""
        return self.path if self.kind in STABLE_KINDS else None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "name": self.name, "sha256": self.sha256,
                "file_sha256": self.file_sha256, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DocRecord":
        if not isinstance(data, dict):
            raise ValueError("a document that is not an object")
        path, sha = data["path"], data["sha256"]
        if not isinstance(path, str) or not isinstance(sha, str):
            raise ValueError("a document without a path or hash")
        return cls(path, str(data.get("name") or path), sha, str(data.get("file_sha256", "")),
                   str(data.get("kind", "file")))


def record_key(*docs: DocRecord) -> str:
    """The file name (without ``.json``) of the record of these documents, in this order:
    ``<left>-<right>``, each the first 16 hex digits of the hash of a document's identity."""
    return "-".join(hashlib.sha256(d.identity.encode("utf-8")).hexdigest()[:KEY_DIGITS] for d in docs)


def legacy_key(*docs: DocRecord) -> str:
    """How records were named before they were keyed by identity: by the texts' hashes."""
    return "-".join(d.sha256[:KEY_DIGITS] for d in docs)
