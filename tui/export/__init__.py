"""Exporters: the comparison as JSON, Markdown, HTML or (notes only) W3C Web Annotation JSON-LD,
for the CLI and the app. ``annotations`` is the comparison's store of notes and corrections
(``tui.store.comparisons.ComparisonStore``); pass the comparison with its corrections applied."""

from __future__ import annotations

import json

from ..compare.model import Comparison
from .markdown import render_markdown
from .text import json_text

FORMATS = ("json", "markdown", "html", "jsonld")


def render(comparison: Comparison, fmt: str, annotations=None) -> str:
    if fmt == "json":
        data = comparison.to_json()
        if annotations is not None:
            from .notes import annotations_json

            data["annotations"] = annotations_json(comparison, annotations)
        return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
    if fmt == "markdown":
        return render_markdown(comparison, annotations)
    if fmt == "html":
        from .html import render_html

        return render_html(comparison, annotations)
    if fmt == "jsonld":
        from .jsonld import render_jsonld

        return render_jsonld(comparison, annotations)
    raise ValueError(f"unknown format {fmt!r}")
