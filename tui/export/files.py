"""Writing an export to a file, for the app's export action: a file name made from the two
documents' names, written as ``--output`` writes (atomic, the umask's mode, never over an input),
and a one-line error when it cannot be written."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..compare.model import Comparison
from ..report_file import OutputError, write_report

EXTENSIONS = {"html": "html", "markdown": "md", "json": "json", "jsonld": "jsonld"}


class ExportError(Exception):
    """A one-line, user-facing reason why an export could not be written."""


def _stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:60] or "document"


def export_name(comparison: Comparison, fmt: str) -> str:
    """``<left>--<right>.<ext>``, e.g. ``ap-story--ap-rewrite.html`` (notes only: ``.jsonld``)."""
    return f"{_stem(comparison.left.name)}--{_stem(comparison.right.name)}.{EXTENSIONS[fmt]}"


def write_export(comparison: Comparison, fmt: str, annotations=None,
                 directory: str | os.PathLike[str] | None = None) -> Path:
    """Render ``comparison`` (with its notes) as ``fmt`` into ``directory`` (default: the current
    folder), replacing an earlier export of the same pair; returns the file's path."""
    from . import render

    folder = Path(directory) if directory is not None else Path.cwd()
    path = folder / export_name(comparison, fmt)
    text = render(comparison, fmt, annotations)
    try:
        write_report(str(path), text, (comparison.left.path, comparison.right.path))
    except OutputError as err:
        raise ExportError(str(err)) from None
    return path.resolve()
