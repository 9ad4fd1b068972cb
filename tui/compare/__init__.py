"""The comparison engine: load → segment → normalise → align → compare claims → ``Comparison``.

It imports nothing from Textual or Rich; the CLI, the app, the exporters and the tests all
use this API.
"""

from .engine import Options, compare_documents, compare_files, compare_texts, judge_pair, segment_document
from .errors import InputError
from .load import load_document
from .model import Change, Comparison, Document, Link, Sentence, WordOp

__all__ = [
    "Change", "Comparison", "Document", "InputError", "Link", "Options", "Sentence", "WordOp",
    "compare_documents", "compare_files", "compare_texts", "judge_pair", "load_document", "segment_document",
]
