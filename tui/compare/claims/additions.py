"""What only one side of a link says: a quote, or a substantive detail (content that is not
moved, not reworded, and not told in the other text's neighbouring sentences)."""

from __future__ import annotations

import re

from ..lexicon import FRAMING_WORDS, GUILLEMETS, quote_marks
from ..model import Change
from ..normalise import Token
from .context import PairContext, Side, Span, change, is_name

# A quote of twelve characters or more: curly marks, straight marks or guillemets, no closing mark
# inside.
_OPEN, _CLOSE = quote_marks()
_GUILLEMET_CLOSE = GUILLEMETS[1]
_QUOTE = re.compile(rf"[{_OPEN}]([^{_CLOSE}]{{12,}}?)[{_CLOSE}]")


def _quotes(side: Side) -> list[tuple[Span, list[Token]]]:
    out = []
    for lo, hi in side.within():  # each sentence of the link: never the ones between them
        lo, hi = max(0, lo - 1), min(len(side.text), hi + 2)
        if side.text.startswith(_GUILLEMET_CLOSE, hi):  # French spacing: "années. »"
            hi += 1
        # No quote can close after the last closing mark: stopping there keeps the search linear
        # (an opening mark with no closing one after it would otherwise be scanned to the end).
        hi = max(side.text.rfind(mark, lo, hi) for mark in _CLOSE) + 1
        for m in _QUOTE.finditer(side.text, lo, hi):
            a, b = m.span(1)
            toks = [t for t in side.between((a, b)) if t.end <= b and t.content]
            out.append(((m.start(), m.end()), toks))
    return out


def quote_changes(L: Side, R: Side, ctx: PairContext) -> list[Change]:
    p = ctx.params
    changes: list[Change] = []
    for this, other, left_side in ((L, R, True), (R, L, False)):
        for span, toks in _quotes(this):
            if len(toks) < p.quote_words:
                continue
            covered = sum(1 for t in toks if t.key in other.keys or t.key in other.near)
            if covered / len(toks) < p.quote_cover:
                changes.append(change("quote", L, R, span if left_side else None, None if left_side else span,
                                       "quoted on one side only"))
    return changes


def detail_changes(L: Side, R: Side, ctx: PairContext, diff, found: list[Change]) -> list[Change]:
    """Runs of content that only one side has (not moved, not already a typed change)."""
    p = ctx.params
    covered_l = [c.left for c in found if c.left]
    covered_r = [c.right for c in found if c.right]
    changes: list[Change] = []
    for op in diff:
        if op.op in ("equal", "moved", "minor"):
            continue  # (a minor step has no content word)
        reworded = op.op == "replace"
        need = p.detail_words_reworded if reworded else p.detail_words
        lt, rt = _unshared(L, R, op.left), _unshared(R, L, op.right)
        if not (_may_tell(lt, need, L, ctx) or _may_tell(rt, need, R, ctx)):
            continue  # too few words on either side for a change, whatever is told nearby
        lt, rt = _one_sided(R, lt, covered_l), _one_sided(L, rt, covered_r)
        excess_l = len(lt) - len(rt) if reworded else len(lt)
        excess_r = len(rt) - len(lt) if reworded else len(rt)
        for toks, excess, this in ((lt, excess_l, L), (rt, excess_r, R)):
            names = any(is_name(t, this, ctx) for t in toks)
            if excess >= need or (names and excess >= p.detail_names):
                span = (toks[0].start, toks[-1].end)
                if this is L:
                    changes.append(change("detail", L, R, span, None, "only on the left"))
                else:
                    changes.append(change("detail", L, R, None, span, "only on the right"))
                break
    return changes


def _may_tell(unshared: list[Token], need: int, this: Side, ctx: PairContext) -> bool:
    """Whether these words could still be a detail: what ``_one_sided`` keeps of them is no
    more, and has no name they lack."""
    n, p = len(unshared), ctx.params
    return n >= need or (n >= p.detail_names and any(is_name(t, this, ctx) for t in unshared))


def _unshared(this: Side, other: Side, span: Span | None) -> list[Token]:
    """Content words in ``span`` that the other side of the link does not have."""
    if span is None:
        return []
    keys = other.keys
    return [t for t in this.between(span) if t.content and t.key not in keys]


def _one_sided(other: Side, unshared: list[Token], covered: list[Span]) -> list[Token]:
    """Of the words the other side does not have (``_unshared``), those it does not tell
    nearby either, that frame no claim, and that no change found already covers."""
    out = unshared
    if out:
        near = other.near
        out = [t for t in out if t.key not in near and t.low not in FRAMING_WORDS]
    if out and covered:
        out = [t for t in out if not any(c[0] <= t.start < c[1] for c in covered)]
    return out
