"""Exporters: the comparison as JSON, Markdown, HTML or (notes only) W3C Web Annotation JSON-LD,
for the CLI and the app. ``annotations`` is the comparison's store of notes and corrections
(``tui.store.comparisons.ComparisonStore``); pass the comparison with its corrections applied.
JSON is compact (``pretty`` indents it) and can be written as it is made (``render_chunks``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..compare.model import Comparison
from .markdown import render_markdown
from .text import json_text

FORMATS = ("json", "markdown", "html", "jsonld")


def render(comparison: Comparison, fmt: str, annotations=None, *, pretty: bool = False) -> str:
    """The export as one string. JSON is compact unless ``pretty`` (one item a line, indented)."""
    if fmt == "json" and pretty:
        data = comparison.to_json()
        data.update(_extra(comparison, annotations))
        return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
    return "".join(render_chunks(comparison, fmt, annotations))


def render_chunks(comparison: Comparison, fmt: str, annotations=None) -> Iterator[str]:
    """The export in pieces, for writing as it is made: compact JSON comes sentence by sentence
    and link by link (a book's report never sits in memory whole); other formats in one piece."""
    if fmt == "json":
        for chunk in comparison.json_chunks(_extra(comparison, annotations)):
            # Every character ``json_text`` escapes is unprintable (a control or a format
            # character): a printable chunk, as most are, has none, and is found so twice as fast.
            yield chunk if chunk.isprintable() else json_text(chunk)
        yield "\n"
        return
    if fmt == "markdown":
        yield render_markdown(comparison, annotations)
    elif fmt == "html":
        from .html import render_html

        yield render_html(comparison, annotations)
    elif fmt == "jsonld":
        from .jsonld import render_jsonld

        yield render_jsonld(comparison, annotations)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _extra(comparison: Comparison, annotations) -> dict:
    if annotations is None:
        return {}
    from .notes import annotations_json

    return {"annotations": annotations_json(comparison, annotations)}
