"""Compare the claims of an aligned pair: typed changes, evidence, and the verdict.

A link is ``differ`` when a reader would learn something different from the two sides:
another number or date, another name or source, a negation or a change of certainty, or a
quote or substantive detail that only one side has. Otherwise it is ``match``: rewording,
house style, moved phrases and unit conversions in parentheses do not count.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Container
from itertools import repeat

from ..model import Change, Link, WordOp
from ..normalise import Token
from ..worddiff import word_diff
from .additions import detail_changes, quote_changes
from .context import ClaimParams, PairContext, Side, Span, change, clip, inside, is_name, overlaps
from .names import attribution_changes, entity_changes
from .quantities import date_changes, number_changes
from .restated import without_restated
from .stance import certainty_changes, denial_changes, negation_changes

__all__ = ["ClaimParams", "PairContext", "judge"]

Near = Container[str] | Callable[[], Container[str]]


def judge(ctx: PairContext, left: list[Token], right: list[Token], lstarts: set[int], rstarts: set[int],
          left_ids: tuple[int, ...], right_ids: tuple[int, ...], score: float, how: str,
          lnear: Near | None = None, rnear: Near | None = None,
          lspans: list[Span] | None = None, rspans: list[Span] | None = None) -> Link:
    """Compare the claims of one link. ``lnear``/``rnear``: keys of the sentences around each
    side (or a function that makes them, called only if they are needed), so content that the
    other text tells just before or after is not "only one side".
    ``lspans``/``rspans``: the link's sentences on each side; nothing reaches between them."""
    L = Side(ctx.left_text, left, {t.key for t in left}, lstarts, lnear or set(), lspans or [])
    R = Side(ctx.right_text, right, {t.key for t in right}, rstarts, rnear or set(), rspans or [])
    if _same_text(ctx, lspans, rspans) and _same_tokens(left, right, lspans[0][0] - rspans[0][0]):
        # One sentence a side, written alike: the tokens are alike, the diff is one equal
        # stretch, and no check can find a change (each compares the two sides' own words).
        diff = [WordOp("equal", (left[0].start, left[-1].end), (right[0].start, right[-1].end))] if left else []
        return Link(left_ids, right_ids, "match", score, [], evidence(L, R, ctx, how), diff)
    L.lows, R.lows = {t.low for t in left}, {t.low for t in right}
    diff, shown = word_diff(left, right, _breaks(left, L.spans), _breaks(right, R.spans), (L.keys, R.keys))
    changes: list[Change] = []
    changes += number_changes(L, R)
    changes += date_changes(L, R)
    changes += entity_changes(L, R, ctx, diff)
    changes += attribution_changes(L, R, ctx)
    changes += negation_changes(L, R)
    changes += denial_changes(L, R, diff, changes)
    changes += certainty_changes(L, R)
    if ctx.quotes_both:
        changes += quote_changes(L, R, ctx)
    changes += detail_changes(L, R, ctx, diff, changes)
    changes = [_clipped(c, L, R) for c in without_restated(_drop_subsumed(changes), L, R)]
    changes.sort(key=lambda c: (c.left or c.right or (0, 0))[0])
    kind = "differ" if changes else "match"
    return Link(left_ids, right_ids, kind, score, changes, evidence(L, R, ctx, how), shown)


def _same_text(ctx: PairContext, lspans: list[Span] | None, rspans: list[Span] | None) -> bool:
    if not lspans or not rspans or len(lspans) != 1 or len(rspans) != 1:
        return False
    (a, b), (c, d) = lspans[0], rspans[0]
    return b - a == d - c and ctx.left_text[a:b] == ctx.right_text[c:d]


def _same_tokens(left: list[Token], right: list[Token], shift: int) -> bool:
    if len(left) != len(right):
        return False
    for t, u in zip(left, right):  # (a loop, not all() over a generator)
        if t.start != u.start + shift or t.end != u.end + shift or t.key != u.key:
            return False
    return True


def _breaks(tokens: list[Token], spans: list[Span]) -> frozenset[int]:
    """Indices of the tokens that start another sentence of the link."""
    if len(spans) < 2:
        return frozenset()
    starts = sorted(a for a, _ in spans)
    member = [bisect.bisect_right(starts, t.start) for t in tokens]
    return frozenset(i for i in range(1, len(tokens)) if member[i] != member[i - 1])


def _clipped(c: Change, L: Side, R: Side) -> Change:
    lspan, rspan = clip(c.left, L.spans), clip(c.right, R.spans)
    if lspan == c.left and rspan == c.right:
        return c
    return change(c.type, L, R, lspan, rspan, c.note)


def _drop_subsumed(changes: list[Change]) -> list[Change]:
    """One finding, one change: a new source is reported as attribution, not also as another
    name; what lies inside a one-sided quote is reported as the quote."""
    quotes = [c for c in changes if c.type == "quote"]
    sources = [c for c in changes if c.type == "attribution"]
    out = []
    for c in changes:
        if c.type != "quote" and any(
            inside(c.left, q.left) or inside(c.right, q.right) for q in quotes
        ):
            continue
        if c.type == "entity" and any(overlaps(c.left, a.left) or overlaps(c.right, a.right) for a in sources):
            continue
        out.append(c)
    return out


def evidence(L: Side, R: Side, ctx: PairContext, how: str) -> dict[str, list[str]]:
    shared = L.keys & R.keys
    words: list[str] = []
    numbers: list[str] = []
    names: list[str] = []
    # Each key's first token in the text (the sort is stable and a key's copies weigh alike,
    # so sorting first and keeping each key's first would keep the same tokens), rarest first.
    first: dict[str, Token] = {}
    keep = first.setdefault
    for t in L.tokens:
        if t.content and t.key in shared:
            keep(t.key, t)
    tokens = list(first.values())
    weights = list(map(ctx.idf.get, first, repeat(0.0)))
    # (sorted with reverse=True is stable too: equal weights keep the text's order)
    for k in sorted(range(len(tokens)), key=weights.__getitem__, reverse=True):
        t = tokens[k]
        if t.number is not None:
            numbers.append(t.surface)
        elif t.cap and is_name(t, L, ctx):  # (a name is capitalised)
            names.append(t.surface)
        else:
            words.append(t.surface)
    return {"shared_words": words[:12], "shared_numbers": numbers, "shared_names": names[:8], "aligned_by": [how]}
