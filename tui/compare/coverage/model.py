"""The coverage model: N documents, the claims they carry, and each source's verdict on each
claim; JSON in and out.

A claim is at most one group of sentences per source (``members``: source index -> sentence
ids). Its ``reference`` is the source whose wording the others are judged against; every
other member has a verdict (``match`` or ``differ``) and, when it differs, typed changes
seen from the reference (``text`` is this source's words, ``reference_text`` the
reference's). A source missing from ``members`` does not carry the claim; a sentence is in
one claim at most (a dateline or subhead of one source only is in none). Claims are kept in
row order (the base source's reading order), and a claim's ``id`` is its row.

As everywhere in the engine, positions are character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..model import Document, Sentence, Span, _doc_to_json
from .grouping import GroupingParams

FORMAT = "sidebyside-coverage"
VERSION = 1

Verdict = Literal["reference", "match", "differ"]
# A claim as a whole: every member says the same, some member differs, or one source only.
STATUSES = ("match", "differ", "only")


@dataclass(slots=True)
class ClaimChange:
    """A typed difference between a member's sentences and the reference's."""

    type: str
    text: str
    reference_text: str
    span: Span | None  # in this member's document; None when the thing is absent there
    reference_span: Span | None  # in the reference document
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type, "text": self.text, "reference_text": self.reference_text,
            "span": _span_json(self.span), "reference_span": _span_json(self.reference_span),
        }
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "ClaimChange":
        return cls(d["type"], d.get("text", ""), d.get("reference_text", ""),
                   _span_from(d.get("span")), _span_from(d.get("reference_span")), d.get("note", ""))


@dataclass(slots=True)
class Claim:
    """One claim: which sources carry it, in which sentences, and how each tells it."""

    id: int
    reference: int
    members: dict[int, tuple[int, ...]]
    verdicts: dict[int, str]
    changes: dict[int, list[ClaimChange]] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)  # similarity to the reference

    @property
    def sources(self) -> list[int]:
        return sorted(self.members)

    @property
    def status(self) -> str:
        if len(self.members) == 1:
            return "only"
        return "differ" if "differ" in self.verdicts.values() else "match"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reference": self.reference,
            "status": self.status,
            "members": {str(s): list(ids) for s, ids in sorted(self.members.items())},
            "verdicts": {str(s): v for s, v in sorted(self.verdicts.items())},
            "changes": {str(s): [c.to_json() for c in cs] for s, cs in sorted(self.changes.items()) if cs},
            "scores": {str(s): round(v, 4) for s, v in sorted(self.scores.items())},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Claim":
        return cls(
            id=int(d["id"]),
            reference=int(d["reference"]),
            members={int(s): tuple(int(i) for i in ids) for s, ids in d["members"].items()},
            verdicts={int(s): str(v) for s, v in d["verdicts"].items()},
            changes={int(s): [ClaimChange.from_json(c) for c in cs] for s, cs in d.get("changes", {}).items()},
            scores={int(s): float(v) for s, v in d.get("scores", {}).items()},
        )


@dataclass(slots=True)
class SourceSummary:
    """What one source carries: ``shared`` (others carry it and all carriers agree),
    ``differing`` (others carry it and the carriers do not all agree), ``own`` (only this
    source carries it; ``own_claims`` lists them in row order)."""

    source: int
    claims: int
    shared: int
    differing: int
    own: int
    own_claims: list[int]
    differs_from_reference: int  # claims where this source's own verdict is "differ"

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "claims": self.claims, "shared": self.shared,
                "differing": self.differing, "own": self.own, "own_claims": self.own_claims,
                "differs_from_reference": self.differs_from_reference}


@dataclass(slots=True)
class Coverage:
    """N documents and their claims, in the base source's reading order."""

    documents: list[Document]
    claims: list[Claim]
    base: int = 0
    by_count: list[int] = field(default_factory=list)  # claim ids, most sources first
    timings: dict[str, float] = field(default_factory=dict)
    params: GroupingParams = field(default_factory=GroupingParams)
    # The pairwise comparisons (a ``PairCache``), kept for drill-down; not part of the JSON.
    pairs: Any = field(default=None, repr=False, compare=False)
    _index: dict[tuple[int, int], int] | None = field(default=None, repr=False, compare=False)

    def claim_of(self, source: int, sentence_id: int) -> int | None:
        """The id of the claim holding this sentence, or None (a dateline or subhead of its own)."""
        if self._index is None:
            self._index = {(s, i): c.id for c in self.claims for s, ids in c.members.items() for i in ids}
        return self._index.get((source, sentence_id))

    def summary(self, source: int) -> SourceSummary:
        carried = [c for c in self.claims if source in c.members]
        own = [c.id for c in carried if len(c.members) == 1]
        differing = sum(1 for c in carried if c.status == "differ")
        return SourceSummary(source, len(carried), len(carried) - len(own) - differing, differing, len(own),
                             own, sum(1 for c in carried if c.verdicts.get(source) == "differ"))

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for c in self.claims if c.status == status) for status in STATUSES}

    # ---- JSON -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "base": self.base,
            "sources": [_doc_to_json(doc) for doc in self.documents],
            "claims": [c.to_json() for c in self.claims],
            "order": {"rows": [c.id for c in self.claims], "by_count": list(self.by_count)},
            "summary": [self.summary(s).to_json() for s in range(len(self.documents))],
            "counts": self.counts(),
            "grouping": {"method": "correlation clustering by greedy additive edge contraction (GAEC), "
                                   "one group of sentences per source",
                         "weights": asdict(self.params)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], texts: list[str] | None = None) -> "Coverage":
        """Rebuild a coverage report from ``to_json`` output; ``texts`` supplies the documents'
        texts when the JSON does not hold them (it holds sentences, not whole texts)."""
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if data.get("version") != VERSION:
            raise ValueError(f"unsupported {FORMAT} version {data.get('version')!r}")
        sources = data["sources"]
        if texts is not None and len(texts) != len(sources):
            raise ValueError(f"{len(sources)} sources but {len(texts)} texts")
        docs = [_document_from_json(d, texts[k] if texts else d.get("text"), k) for k, d in enumerate(sources)]
        claims = [Claim.from_json(c) for c in data["claims"]]
        by_id = {c.id: c for c in claims}
        rows = data.get("order", {}).get("rows") or [c.id for c in claims]
        weights = data.get("grouping", {}).get("weights", {})
        return cls(docs, [by_id[i] for i in rows], int(data.get("base", 0)),
                   list(data.get("order", {}).get("by_count", [])),
                   params=GroupingParams(**weights))


def _document_from_json(d: dict[str, Any], text: str | None, k: int) -> Document:
    if text is None:
        raise ValueError(f"the text of source {k} is neither in the file nor given")
    return Document(
        path=d["path"], text=text, sha256=d["sha256"], encoding=d.get("encoding", "utf-8"),
        title=d.get("title", ""), source=d.get("source", {}), notices=list(d.get("notices", [])),
        sentences=[Sentence(s["id"], s["start"], s["end"], s.get("kind", "sentence"), s.get("paragraph", 0))
                   for s in d["sentences"]],
    )


def _span_json(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _span_from(v: Any) -> Span | None:
    return None if v is None else (int(v[0]), int(v[1]))
