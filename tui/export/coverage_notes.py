"""Notes in a coverage report: the user's notes on claims and the reader's notes on any two of
the sources, as the JSON ``"annotations"`` part, a Markdown section and HTML blocks.

A note's targets name their document by source index here (``"source": 2``), the report's
own numbering; the store names them by the document's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..compare.coverage import Coverage
from ..store.annotations import Annotation
from ..store.claim_notes import SCHEMA_VERSION, PairNote, PlacedClaimNote, doc_key
from ..store.documents import DocRecord
from ..vocabulary import ARROW, NOTE_MARK
from .coverage_cells import source_names
from .markdown import md_code, md_escape
from .text import html_text as esc

STATUS_WORDS = {"moved": "re-anchored after a text changed", "orphaned": "orphaned: its text is gone"}


@dataclass(slots=True)
class CoverageNotes:
    """What the exporters show besides the claims: the notes on claims, and the reader's notes
    on pairs of the sources (each with the claims it touches)."""

    claims: list[PlacedClaimNote] = field(default_factory=list)
    pairs: list[PairNote] = field(default_factory=list)

    def on_claim(self, claim_id: int) -> list[PlacedClaimNote]:
        return [p for p in self.claims if p.claim == claim_id]

    def pairs_on(self, claim_id: int) -> list[PairNote]:
        return [p for p in self.pairs if claim_id in p.claims]


def _targets_json(coverage: Coverage, a: Annotation, sides: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for t in a.targets:
        d = t.to_json()
        d.pop("side")
        out.append({"source": sides.get(t.side), **d})
    return out


def annotations_json(coverage: Coverage, notes: CoverageNotes) -> dict[str, Any]:
    keys = {doc_key(DocRecord.of(d)): k for k, d in enumerate(coverage.documents)}
    claim_notes = [{**_note_fields(p.annotation), "claim": p.claim,
                    "members": {str(s): list(ids) for s, ids in p.sentences.items()},
                    "targets": _targets_json(coverage, p.annotation, keys)} for p in notes.claims]
    reader_notes = [{**_note_fields(p.annotation), "sources": [p.left, p.right], "claims": list(p.claims),
                     "members": {str(s): list(ids) for s, ids in p.sentences.items()},
                     "targets": _targets_json(coverage, p.annotation, {"left": p.left, "right": p.right})}
                    for p in notes.pairs]
    return {"schema_version": SCHEMA_VERSION, "notes": claim_notes, "reader_notes": reader_notes}


def _note_fields(a: Annotation) -> dict[str, Any]:
    return {"id": a.id, "created": a.created, "modified": a.modified, "body": a.body, "tags": list(a.tags),
            "status": a.status}


def _pair_label(coverage: Coverage, p: PairNote) -> str:
    names = source_names(coverage.documents)
    return f"{names[p.left]} {ARROW} {names[p.right]}"


def markdown_section(coverage: Coverage, notes: CoverageNotes) -> list[str]:
    lines = [f"## Notes ({len(notes.claims)} on claims, {len(notes.pairs)} from the reader)", ""]
    if not notes.claims and not notes.pairs:
        return lines + ["None.", ""]
    for p in notes.claims:
        lines += _md_note(p.annotation, f"claim {p.claim + 1}" if p.claim is not None else "orphaned")
    for q in notes.pairs:
        where = ", ".join(f"claim {c + 1}" for c in q.claims) or "no claim"
        lines += _md_note(q.annotation, f"{where} · in the reader on {md_escape(_pair_label(coverage, q))}")
    return lines


def _md_note(a: Annotation, where: str) -> list[str]:
    tags = " ".join(md_code(t) for t in a.tags)
    status = f" · {STATUS_WORDS[a.status]}" if a.status in STATUS_WORDS else ""
    out = [f"- {NOTE_MARK} **{where}**{' · ' + tags if tags else ''}{status}", ""]
    out += [f"  {md_escape(line)}".rstrip() for line in a.body.splitlines()]
    return out + [""]


def html_note(a: Annotation, where: str = "") -> str:
    tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in a.tags)
    status = f'<div class="where">{esc(STATUS_WORDS[a.status])}</div>' if a.status in STATUS_WORDS else ""
    place = f'<div class="where">{where}</div>' if where else ""
    return f'<div class="note" id="note-{esc(a.id)}">{place}{tags}<div class="body">{esc(a.body)}</div>{status}</div>'


def html_row_notes(coverage: Coverage, notes: CoverageNotes, claim_id: int) -> str:
    """The notes shown in a claim's row: on the claim, then the reader's on it."""
    out = [html_note(p.annotation) for p in notes.on_claim(claim_id)]
    out += [html_note(q.annotation, f"{NOTE_MARK} in the reader: {esc(_pair_label(coverage, q))}")
            for q in notes.pairs_on(claim_id)]
    return "".join(out)


def html_orphans(notes: CoverageNotes) -> list[str]:
    lost = [p for p in notes.claims if p.claim is None]
    if not lost:
        return []
    return [f"<h2>Orphaned notes ({len(lost)})</h2>", *[html_note(p.annotation) for p in lost]]
