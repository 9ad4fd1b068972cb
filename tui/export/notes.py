"""Notes and corrections as the exporters need them: placed on sentences, grouped by row, and
as the ``"annotations"`` part of the JSON report.

The exporters take the store (``tui.store.comparisons.ComparisonStore``) or anything with
``annotations``, ``corrections`` and ``placed_notes(comparison)``; the comparison should
already have the corrections applied (``tui.store.corrections.apply_corrections``).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..compare.model import Comparison
from ..store.anchors import sentences_of
from ..store.annotations import Annotation
from ..store.comparisons import SCHEMA_VERSION, PlacedNote
from ..store.corrections import Correction
from ..vocabulary import where  # noqa: F401  (the exporters' name for it)


class AnnotationSource(Protocol):
    annotations: list[Annotation]
    corrections: list[Correction]

    def placed_notes(self, comparison: Comparison) -> list[PlacedNote]: ...


def correction_sentences(comparison: Comparison, c: Correction) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (sentences_of(comparison.left, c.targets, "left"), sentences_of(comparison.right, c.targets, "right"))


def annotations_json(comparison: Comparison, source: AnnotationSource) -> dict[str, Any]:
    """Notes and corrections with the sentence ids they point at in this comparison."""
    notes = []
    # (placing notes reads the whole comparison in reading order: not done for none)
    for p in source.placed_notes(comparison) if source.annotations else ():
        notes.append({**p.annotation.to_json(), "left": list(p.left), "right": list(p.right)})
    corrections = []
    for c in source.corrections:
        left, right = correction_sentences(comparison, c)
        corrections.append({**c.to_json(), "left": list(left), "right": list(right)})
    return {"schema_version": SCHEMA_VERSION, "notes": notes, "corrections": corrections}
