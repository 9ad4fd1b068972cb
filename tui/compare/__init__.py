"""The comparison engine: load → segment → normalise → align → compare claims → ``Comparison``.

It imports nothing from Textual or Rich; the CLI, the app, the exporters and the tests all
use this API.

The names below are imported on first use (PEP 562), so importing a light module of the
package (``tui.compare.model``, ``.load``, ``.errors``) does not load the engine and nltk:
the reader shows the texts before the comparison is ready.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Options, compare_documents, compare_files, compare_texts, judge_pair, segment_document
    from .errors import InputError
    from .load import load_document
    from .model import Change, Comparison, Document, Link, Sentence, WordOp

_WHERE = {
    "Options": "engine", "compare_documents": "engine", "compare_files": "engine", "compare_texts": "engine",
    "judge_pair": "engine", "segment_document": "engine", "InputError": "errors", "load_document": "load",
    "Change": "model", "Comparison": "model", "Document": "model", "Link": "model", "Sentence": "model",
    "WordOp": "model",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
