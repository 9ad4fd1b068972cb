"""Text anchors that survive edits: where a note or correction points in a document.

A ``TextTarget`` is one side plus the two W3C Web Annotation selectors: a
TextPositionSelector (half-open character offsets into ``Document.text``, counted in code
points like Python slices) and a TextQuoteSelector (the exact text with up to 32 characters of
prefix and suffix, as the Hypothesis client stores them).

``reanchor`` finds a target again in a changed text, trying the cheap and certain first:

1. the offsets, if the text there is still the quote        -> ``anchored`` (how ``position``)
2. the best exact occurrence of the quote (prefix and suffix
   similarity, then nearness to the old offset)              -> ``moved``    (how ``quote``)
3. the text between the old prefix and suffix, if it is still
   like the quote (a reworded sentence between kept ones)   -> ``moved``    (how ``context``)
4. rapidfuzz ``partial_ratio_alignment`` above a cutoff      -> ``moved``    (how ``fuzzy``)
5. nothing fits                                              -> ``orphaned`` (selectors kept)

The sentence helpers at the end turn targets into sentence ids of a segmented ``Document``
and back, by majority overlap, so anchors stay meaningful when segmentation changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any, Collection, Iterable

from rapidfuzz import fuzz

from ..compare.model import SIDES, Document, Side

CONTEXT = 32  # characters of prefix and suffix kept with a quote (as Hypothesis does)
STATUSES = ("anchored", "moved", "orphaned")

FUZZY_CUTOFF = 75.0   # partial_ratio (0-100) a quote must reach anywhere in the text
CONTEXT_CUTOFF = 45.0  # ratio a reworded quote must keep when its prefix and suffix still hold
MIN_FUZZY_CHARS = 12  # shorter quotes are never fuzzy-matched: they would fit anywhere
MAX_OCCURRENCES = 500  # exact occurrences scored before giving up on the rest
FUZZY_WINDOW = 30_000  # in texts over 3 windows long, fuzzy search stays this close to the old place


@dataclass(frozen=True, slots=True)
class TextTarget:
    """One anchored range of one side's text."""

    side: Side  # in a pair's record; in a record of several documents, the document's key
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    status: str = "anchored"  # anchored | moved | orphaned
    how: str = ""  # how it was last found: "" (as made), position, quote, context, fuzzy
    text_sha: str = ""  # the hash of the text the selectors point into ("" : not known)

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    def to_json(self, *, stored: bool = False) -> dict[str, Any]:
        """The W3C selectors; ``stored`` adds the hash of the text they point into (the store
        keeps it, to know which notes to re-anchor when a document changes)."""
        out: dict[str, Any] = {
            "side": self.side,
            "selectors": [
                {"type": "TextPositionSelector", "start": self.start, "end": self.end},
                {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            ],
            "status": self.status,
        }
        if self.how:
            out["how"] = self.how
        if stored and self.text_sha:
            out["text_sha256"] = self.text_sha
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], sides: Collection[str] = SIDES) -> "TextTarget":
        """A target as stored; ``sides`` are the names a target may point into."""
        side = data["side"]
        if not isinstance(side, str) or side not in sides:
            raise ValueError(f"bad side {side!r}")
        position: dict[str, Any] = {}
        quote: dict[str, Any] = {}
        for sel in data["selectors"]:
            if sel.get("type") == "TextPositionSelector":
                position = sel
            elif sel.get("type") == "TextQuoteSelector":
                quote = sel
        if not quote:
            raise ValueError("a target without a TextQuoteSelector")
        status = data.get("status", "anchored")
        if status not in STATUSES:
            raise ValueError(f"bad anchor status {status!r}")
        exact = quote["exact"]
        if not isinstance(exact, str):
            raise ValueError("a quote that is not text")
        start = _offset(position.get("start", 0))
        end = _offset(position.get("end", start + len(exact)))
        return cls(side, start, end, exact, str(quote.get("prefix", "")),
                   str(quote.get("suffix", "")), status, str(data.get("how", "")),
                   str(data.get("text_sha256", "")))


def _offset(value: Any) -> int:
    """A character offset as stored: a whole number, not negative (1e999 or "7" is no offset)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"bad offset {str(value)[:20]!r}")
    return value


def describe(side: Side, text: str, start: int, end: int, *, status: str = "anchored", how: str = "",
             text_sha: str = "") -> TextTarget:
    """A target for ``text[start:end]`` with its quote and context."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return TextTarget(side, start, end, text[start:end], text[max(0, start - CONTEXT) : start],
                      text[end : end + CONTEXT], status, how, text_sha)


def reanchor(target: TextTarget, text: str, *, fuzzy_cutoff: float = FUZZY_CUTOFF) -> TextTarget:
    """Find ``target`` in ``text`` (a changed version of its document); see the module doc.

    A found target is described afresh at its new place (quote and context from ``text``),
    so the next re-anchoring starts from the current text. An orphaned one keeps its old
    selectors, to be tried again if the text changes back.
    """
    exact = target.exact
    if not exact.strip():
        return replace(target, status="orphaned", how="")
    if text[target.start : target.end] == exact:
        return describe(target.side, text, target.start, target.end, status="anchored", how="position")
    found = _best_occurrence(target, text)
    if found is not None:
        return describe(target.side, text, found, found + len(exact), status="moved", how="quote")
    span = _between_context(target, text)
    if span is not None:
        return describe(target.side, text, *span, status="moved", how="context")
    span = _fuzzy(target, text, fuzzy_cutoff)
    if span is not None:
        return describe(target.side, text, *span, status="moved", how="fuzzy")
    return replace(target, status="orphaned", how="")


def _occurrences(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    out: list[int] = []
    stop = len(text) if end is None else end
    i = text.find(needle, start, stop)
    while i >= 0 and len(out) < MAX_OCCURRENCES:
        out.append(i)
        i = text.find(needle, i + 1, stop)
    return out


def _context_score(target: TextTarget, text: str, start: int, end: int) -> float:
    """Hypothesis's weighting without the quote term: prefix 20, suffix 20, nearness 2."""
    p = target.prefix
    s = target.suffix
    before = text[max(0, start - len(p)) : start]
    after = text[end : end + len(s)]
    psim = 1.0 if not p and not before else fuzz.ratio(p, before) / 100
    ssim = 1.0 if not s and not after else fuzz.ratio(s, after) / 100
    near = 1.0 - min(1.0, abs(start - target.start) / max(1, len(text)))
    return 20 * psim + 20 * ssim + 2 * near


def _best_occurrence(target: TextTarget, text: str) -> int | None:
    found = _occurrences(text, target.exact)
    if not found:
        return None
    n = len(target.exact)
    return max(found, key=lambda i: (_context_score(target, text, i, i + n), -abs(i - target.start)))


def _context_starts(target: TextTarget, text: str) -> list[int]:
    """Where the quote may begin: right after an occurrence of the prefix. A prefix shorter
    than ``CONTEXT`` was the whole text before the quote, so it must start the text."""
    p = target.prefix
    if len(p) < CONTEXT:
        return [len(p)] if text.startswith(p) else []
    return [i + len(p) for i in _occurrences(text, p)]


def _context_end(target: TextTarget, text: str, start: int, limit: int) -> int | None:
    s = target.suffix
    if len(s) < CONTEXT:
        end = len(text) - len(s)
        return end if text.endswith(s) and start <= end <= limit else None
    i = text.find(s, start, limit + len(s))
    return None if i < 0 else i


def _between_context(target: TextTarget, text: str) -> tuple[int, int] | None:
    """The text between the old prefix and suffix, when it is still like the quote."""
    if not target.prefix.strip() and not target.suffix.strip():
        return None
    n = len(target.exact)
    best: tuple[float, int, int, int] | None = None
    for start in _context_starts(target, text):
        end = _context_end(target, text, start, start + 2 * n + CONTEXT)
        if end is None:
            continue
        candidate = text[start:end]
        if len(candidate.strip()) < max(1, n // 3):
            continue
        score = fuzz.ratio(target.exact, candidate)
        key = (score, -abs(start - target.start), start, end)
        if score >= CONTEXT_CUTOFF and (best is None or key > best):
            best = key
    return None if best is None else (best[2], best[3])


def _fuzzy(target: TextTarget, text: str, cutoff: float) -> tuple[int, int] | None:
    exact = target.exact
    if len(exact.strip()) < MIN_FUZZY_CHARS or len(text) < len(exact) // 2:
        return None
    lo, hi = 0, len(text)
    window = max(FUZZY_WINDOW, 20 * len(exact))
    if len(text) > 3 * window:  # a long text: search near the old place only (cost grows with both)
        lo = max(0, target.start - window)
        hi = min(len(text), target.start + len(exact) + window)
    found = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=cutoff)
    if found is None or found.dest_end <= found.dest_start:
        return None
    return _word_bounds(text, lo + found.dest_start, lo + found.dest_end)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a range so it does not cut words in half."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


# ---- sentences -----------------------------------------------------------------------------


def sentences_in(doc: Document, start: int, end: int) -> tuple[int, ...]:
    """Ids of the sentences that a range covers: at least half of each, or else the one it
    overlaps most (a range inside one sentence names that sentence)."""
    sents = doc.sentences
    if not sents or end <= start:
        return ()
    starts, ends = _bounds(doc)
    lo = bisect_right(ends, start)
    hi = bisect_left(starts, end)
    best_id, best_overlap = -1, 0
    chosen: list[int] = []
    for s in sents[lo:hi]:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap <= 0:
            continue
        if overlap * 2 >= s.end - s.start:
            chosen.append(s.id)
        if overlap > best_overlap:
            best_id, best_overlap = s.id, overlap
    if not chosen and best_id >= 0:
        chosen.append(best_id)
    return tuple(chosen)


_BOUNDS: dict[int, tuple[list, list[int], list[int]]] = {}


def _bounds(doc: Document) -> tuple[list[int], list[int]]:
    """Sentence starts and ends, cached per document (notes are placed often, texts are long)."""
    hit = _BOUNDS.get(id(doc))
    if hit is not None and hit[0] is doc.sentences and len(hit[1]) == len(doc.sentences):
        return hit[1], hit[2]
    starts = [s.start for s in doc.sentences]
    ends = [s.end for s in doc.sentences]
    if len(_BOUNDS) >= 8:
        _BOUNDS.clear()
    _BOUNDS[id(doc)] = (doc.sentences, starts, ends)  # holding the list keeps its id from being reused
    return starts, ends


def targets_for_sentences(doc: Document, side: Side, ids: Iterable[int]) -> list[TextTarget]:
    """One target per run of consecutive sentences (a merge like (3, 4) is one target)."""
    ordered = sorted(set(ids))
    out: list[TextTarget] = []
    run: list[int] = []
    for i in ordered:
        if run and i != run[-1] + 1:
            out.append(describe(side, doc.text, doc.sentences[run[0]].start, doc.sentences[run[-1]].end))
            run = []
        run.append(i)
    if run:
        out.append(describe(side, doc.text, doc.sentences[run[0]].start, doc.sentences[run[-1]].end))
    return out


def sentences_of(doc: Document, targets: Iterable[TextTarget], side: Side) -> tuple[int, ...]:
    """Sentence ids of ``side`` that the (not orphaned) targets point at, in order."""
    ids: set[int] = set()
    for t in targets:
        if t.side == side and not t.orphaned:
            ids.update(sentences_in(doc, t.start, t.end))
    return tuple(sorted(ids))


def snap_to_sentences(target: TextTarget, doc: Document) -> TextTarget:
    """Widen a fuzzily found target to the whole sentences it covers."""
    if target.orphaned or not doc.sentences:
        return target
    ids = sentences_in(doc, target.start, target.end)
    if not ids:
        return target
    return describe(target.side, doc.text, doc.sentences[ids[0]].start, doc.sentences[ids[-1]].end,
                    status=target.status, how=target.how)
