"""Exporters for a coverage report (several sources, claim by claim): JSON, Markdown or one
self-contained HTML page, with the notes on claims and the reader's notes on pairs of the
sources when given (``CoverageNotes``). ``render_coverage(coverage, fmt, notes)`` is what the
CLI and the app call; ``write_coverage_export`` writes one next to the user."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..compare.coverage import Coverage
from ..report_file import OutputError, write_report
from .coverage_notes import CoverageNotes
from .files import EXTENSIONS, ExportError, _stem
from .text import json_text

COVERAGE_FORMATS = ("json", "markdown", "html")

__all__ = ["COVERAGE_FORMATS", "CoverageNotes", "coverage_export_name", "render_coverage", "write_coverage_export"]


def render_coverage(coverage: Coverage, fmt: str, notes: CoverageNotes | None = None) -> str:
    if fmt == "json":
        data = coverage.to_json()
        if notes is not None:
            from .coverage_notes import annotations_json

            data["annotations"] = annotations_json(coverage, notes)
        return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
    if fmt == "markdown":
        from .coverage_markdown import render_coverage_markdown

        return render_coverage_markdown(coverage, notes)
    if fmt == "html":
        from .coverage_html import render_coverage_html

        return render_coverage_html(coverage, notes)
    raise ValueError(f"unknown coverage format {fmt!r} (one of {', '.join(COVERAGE_FORMATS)})")


def coverage_export_name(coverage: Coverage, fmt: str) -> str:
    """``coverage-5-sources--<first source>.<ext>``."""
    return f"coverage-{len(coverage.documents)}-sources--{_stem(coverage.documents[0].name)}.{EXTENSIONS[fmt]}"


def write_coverage_export(coverage: Coverage, fmt: str, notes: CoverageNotes | None = None,
                          directory: str | os.PathLike[str] | None = None) -> Path:
    """Render the report into ``directory`` (default: the current folder), replacing an
    earlier export of the same sources; never over one of them. Raises ``ExportError``."""
    folder = Path(directory) if directory is not None else Path.cwd()
    path = folder / coverage_export_name(coverage, fmt)
    try:
        write_report(str(path), render_coverage(coverage, fmt, notes), tuple(d.path for d in coverage.documents))
    except OutputError as err:
        raise ExportError(str(err)) from None
    return path.resolve()
