"""What a group member restates: in a link that joins several sentences on one side, one of
them (the core) may say nothing the other side does not, while the others are a subhead or a
lead-in that announce the same statement ("the office released a statement saying ...",
then the words quoted). Their own wording of that statement is not a detail or a quote of
their own: the reader of the other side learns the claim from its core. A number, date, name,
source, negation or certainty they change still counts."""

from __future__ import annotations

from ..model import Change
from .context import Side, Span

CORE_WORDS = 4       # content words the core must have (a bare "He said" is no core)
CORE_COVER = 0.5     # share of the other side's content keys the core must say
RESTATE_KEYS = 2     # content keys a member must share with the core to restate it
LOOSE = ("detail", "quote")  # what a restating member's own wording may bring in


def _keys(side: Side, span: Span) -> list[str]:
    return [t.key for t in side.between(span) if t.content]


def restating(this: Side, other: Side) -> list[Span]:
    """The members of ``this`` side's group that restate its core (none without a core)."""
    if len(this.spans) < 2:
        return []
    said = {t.key for t in other.tokens if t.content}
    members = [(span, _keys(this, span)) for span in this.spans]
    cores = [(span, keys) for span, keys in members
             if len(keys) >= CORE_WORDS and all(k in said for k in keys)
             and len(set(keys)) >= CORE_COVER * len(said)]
    if not cores:
        return []
    core_span, core_keys = max(cores, key=lambda c: len(set(c[1])))
    core = set(core_keys)
    return [span for span, keys in members
            if span != core_span and len(core & set(keys)) >= RESTATE_KEYS]


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
