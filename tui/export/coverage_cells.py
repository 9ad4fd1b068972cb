"""What a coverage cell says, for every exporter and the coverage view: the glyph of
a source's verdict on a claim, its short value when it differs, short source names, and the
claim's reference wording cut to a line. Plain strings; each exporter escapes them."""

from __future__ import annotations

import re

from ..compare.coverage import Claim, Coverage
from ..compare.model import CHANGE_TYPES, Document
from ..vocabulary import CELL_GLYPHS, CELL_LABELS  # noqa: F401  (the exporters' names for them)

STATUS_LABELS = {"match": "told alike", "differ": "told differently", "only": "one source only"}

NAME_WIDTH = 28
VALUE_WIDTH = 28
CLAIM_WIDTH = 90


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters (whitespace runs become one space)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def source_names(documents: list[Document], width: int = NAME_WIDTH) -> list[str]:
    """Short, distinct names: the title, else the file name without its extension (and without
    a numbering like ``01-`` that every name has), cut; a number added where two clash."""
    names = [d.title or _stem(d.name) for d in documents]
    if len(names) > 1 and all(_NUMBERED.match(n) for n in names):
        names = [_NUMBERED.sub("", n, count=1) or n for n in names]
    names = [cut(n, width) for n in names]
    return [f"{name} ({k + 1})" if names.count(name) > 1 else name for k, name in enumerate(names)]


_NUMBERED = re.compile(r"^\d{1,3}[-_. ]+(?=\S)")
_EXTENSION = re.compile(r"\.(txt|md|markdown|html?|xhtml)$", re.IGNORECASE)


def _stem(name: str) -> str:
    return _EXTENSION.sub("", name) or name


def cell_kind(claim: Claim, source: int) -> str:
    """``reference``, ``match``, ``differ``, ``only`` or "" (the source does not carry it)."""
    verdict = claim.verdicts.get(source, "")
    if verdict == "reference" and len(claim.members) == 1:
        return "only"
    return verdict


def cell_value(claim: Claim, source: int, width: int = VALUE_WIDTH) -> str:
    """What this source says instead, for a cell that differs: its value for the change a
    reader cares most about (numbers first, as ``model.CHANGE_TYPES`` orders them: ``175``),
    or what it leaves out (``no: four regions``)."""
    changes = claim.changes.get(source, [])
    if not changes:
        return ""
    c = min(changes, key=lambda x: CHANGE_TYPES.index(x.type) if x.type in CHANGE_TYPES else len(CHANGE_TYPES))
    return cut(c.text if c.text else f"no: {c.reference_text}", width)


def cell_text(claim: Claim, source: int) -> str:
    kind = cell_kind(claim, source)
    if not kind:
        return ""
    value = cell_value(claim, source) if kind == "differ" else ""
    return f"{CELL_GLYPHS[kind]} {value}".rstrip()


def member_text(coverage: Coverage, claim: Claim, source: int) -> str:
    doc = coverage.documents[source]
    return " ".join(doc.sentence_text(i) for i in claim.members[source])


def claim_text(coverage: Coverage, claim: Claim, width: int = CLAIM_WIDTH) -> str:
    """The reference wording of a claim, cut to a line."""
    return cut(member_text(coverage, claim, claim.reference), width)


def sentence_numbers(ids: tuple[int, ...]) -> str:
    """``sentence 4`` or ``sentences 5, 6`` (numbered from 1, as readers count)."""
    word = "sentence" if len(ids) == 1 else "sentences"
    return f"{word} {', '.join(str(i + 1) for i in ids)}"
