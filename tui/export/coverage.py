"""Exporters for a coverage report (several sources, claim by claim): JSON, Markdown or one
self-contained HTML page. ``render_coverage(coverage, fmt)`` is what the CLI calls."""

from __future__ import annotations

import json

from ..compare.coverage import Coverage
from .text import json_text

COVERAGE_FORMATS = ("json", "markdown", "html")


def render_coverage(coverage: Coverage, fmt: str) -> str:
    if fmt == "json":
        return json_text(json.dumps(coverage.to_json(), ensure_ascii=False, indent=1)) + "\n"
    if fmt == "markdown":
        from .coverage_markdown import render_coverage_markdown

        return render_coverage_markdown(coverage)
    if fmt == "html":
        from .coverage_html import render_coverage_html

        return render_coverage_html(coverage)
    raise ValueError(f"unknown coverage format {fmt!r} (one of {', '.join(COVERAGE_FORMATS)})")
