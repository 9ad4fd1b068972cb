"""One statement told twice on one side: in a link that joins several sentences on one side,
one of them (the core) quotes a statement and says nothing the other side does not, while
the others are a subhead or a lead-in that quote from the same statement ("the office released
a statement saying both sides spoke about “...”", then the statement's words). Their own
wording of that statement is not a detail or a quote of their own: the reader of the other
side learns the claim from the core. A number, date, name, source, negation or certainty they
change still counts, and a member that quotes nothing of the core keeps its details."""

from __future__ import annotations

import re

from ..lexicon import quote_marks
from ..model import Change
from .context import Side, Span

CORE_WORDS = 4       # content words the core must have (a bare "He said" is no core)
CORE_COVER = 0.5     # share of the other side's content keys the core must say
RESTATE_KEYS = 2     # content keys a member's quoted words must share with the core
LOOSE = ("detail", "quote")  # what a restating member's own wording may bring in
_OPEN, _CLOSE = quote_marks()
# Quoted words inside one sentence (an opening mark, a closing mark, no mark between).
_QUOTED = re.compile(rf"[{_OPEN}]([^{_OPEN}{_CLOSE}]+)[{_CLOSE}]")


def _keys(side: Side, span: Span) -> list[str]:
    return [t.key for t in side.between(span) if t.content]


def _quoted_keys(side: Side, span: Span) -> set[str]:
    return {t.key for m in _QUOTED.finditer(side.text, *span) for t in side.between(m.span(1)) if t.content}


def restating(this: Side, other: Side) -> list[Span]:
    """The members of ``this`` side's group that quote from what its core quotes (none
    without a core)."""
    if len(this.spans) < 2:
        return []
    said = {t.key for t in other.tokens if t.content}
    cores = [(span, keys) for span, keys in ((s, _keys(this, s)) for s in this.spans)
             if len(keys) >= CORE_WORDS and all(k in said for k in keys)
             and len(set(keys)) >= CORE_COVER * len(said)
             and any(m in this.text[span[0]:span[1]] for m in _OPEN)]
    if not cores:
        return []
    core_span, core_keys = max(cores, key=lambda c: len(set(c[1])))
    core = set(core_keys)
    return [span for span in this.spans
            if span != core_span and len(core & _quoted_keys(this, span)) >= RESTATE_KEYS]


def without_restated(changes: list[Change], L: Side, R: Side) -> list[Change]:
    """``changes`` less the loose ones (detail, quote) that lie in a restating member."""
    lspans, rspans = restating(L, R), restating(R, L)
    if not lspans and not rspans:
        return changes

    def inside_any(span: Span | None, spans: list[Span]) -> bool:
        return span is not None and any(a <= span[0] < b for a, b in spans)

    return [c for c in changes if not (
        c.type in LOOSE and (inside_any(c.left, lspans) or inside_any(c.right, rspans))
        and not (c.left and c.right))]
