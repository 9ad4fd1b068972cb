"""Notes as W3C Web Annotation JSON-LD, so other annotation tools can read them.

One ``Annotation`` per note, gathered in an ``AnnotationCollection`` with a single embedded
``AnnotationPage``. The note's text is a ``TextualBody`` with purpose ``commenting``; each tag
is a ``TextualBody`` with purpose ``tagging``. Each target names its document (a ``file:`` URI
for files, else ``urn:sha256:<hash of the text>``) and carries both a ``TextQuoteSelector``
and a ``TextPositionSelector`` (offsets in code points, end excluded, as the model defines).
Corrections are not annotations in this sense and are left out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..compare.model import Comparison, Document
from ..store.annotations import Annotation
from ..store.comparisons import text_sha256
from .notes import AnnotationSource
from ..vocabulary import pair_title
from .text import json_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def source_uri(doc: Document) -> str:
    """A URI for the document: its file, or its text's hash when it has no file."""
    kind = doc.source.get("kind", "file") if doc.source else "file"
    if kind == "file":
        return Path(os.path.abspath(doc.path)).as_uri()
    if kind == "url" or doc.path.startswith(("http://", "https://")):
        return doc.path
    return f"urn:sha256:{text_sha256(doc.text)}"


def annotation_jsonld(a: Annotation, comparison: Comparison, *, context: bool = True) -> dict[str, Any]:
    """One note as a Web Annotation (``context=False`` inside a collection that states it)."""
    body: list[dict[str, Any]] = []
    if a.body:
        body.append({"type": "TextualBody", "value": a.body, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    targets = []
    for t in a.targets:
        targets.append({
            "source": source_uri(comparison.doc(t.side)),
            "selector": [
                {"type": "TextQuoteSelector", "exact": t.exact, "prefix": t.prefix, "suffix": t.suffix},
                {"type": "TextPositionSelector", "start": t.start, "end": t.end},
            ],
        })
    out: dict[str, Any] = {"@context": CONTEXT} if context else {}
    out.update({
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.body else "tagging",
        "created": a.created,
        "modified": a.modified,
        "generator": {"type": "Software", "name": "sidebyside"},
        "body": body,
        "target": targets,
    })
    return out


def render_jsonld(comparison: Comparison, annotations: AnnotationSource | None = None) -> str:
    notes = annotations.annotations if annotations is not None else []
    items = [annotation_jsonld(a, comparison, context=False) for a in notes]
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "sidebyside notes: " + pair_title(comparison.left.name, comparison.right.name),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json_text(json.dumps(collection, ensure_ascii=False, indent=1)) + "\n"
