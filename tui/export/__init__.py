"""Exporters: the comparison as JSON, Markdown (and later HTML), for the CLI and the app."""

from __future__ import annotations

import json

from ..compare.model import Comparison
from .markdown import render_markdown

FORMATS = ("json", "markdown")


def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(comparison.to_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return render_markdown(comparison)
    raise ValueError(f"unknown format {fmt!r}")
