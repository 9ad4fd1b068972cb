"""Judge every link the aligner made: typed changes, evidence, word diff, verdict.

Each link is judged on its own, so on a large input every other run of links is judged in a
forked helper (``helper.in_two``) while this process judges the rest. The one thing links
share is the count of name swaps (LORD/Yahweh), from which the aliases are learned; the helper
sends its counts back with its links, and the links that named another person or source are
judged again once the aliases are known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from . import helper
from .model import Link

# Below this many links a helper costs more (forking, sending links back) than it saves.
HELPER_MIN_LINKS = 1500
DEAL = 64  # links in a run dealt to one process
NAME_ALIAS_MIN = 3  # a name swapped for another this often is the texts' style, not a change


def judge_links(pair, raw: list, linked: tuple[set[int], set[int]] | None,
                report: Callable[[str, int, int], None] | None = None) -> list[Link]:
    """``pair.judge`` for every raw link, in order; aliases learned, and applied. ``report``
    gets ``("judge", done, len(raw))`` about a hundred times on the way."""
    ctx = pair.ctx
    report = report or (lambda stage, done, total: None)
    pair.expect_meaning(raw)
    total = len(raw)
    if total >= HELPER_MIN_LINKS and helper.available():
        mine, theirs = _dealt(total)

        def there() -> tuple[list[tuple], dict]:
            before = Counter(ctx.name_swaps)
            links = [pair.judge(raw[k].left, raw[k].right, raw[k].score, raw[k].how, linked) for k in theirs]
            swaps = ctx.name_swaps - before
            # Counted once, below, whichever process ran this (without a helper, this one).
            ctx.name_swaps.clear()
            ctx.name_swaps.update(before)
            return [link.packed() for link in links], dict(swaps)

        def here() -> list[Link]:  # both shares go on at once: this one's progress, twice over
            return [pair.judge(raw[k].left, raw[k].right, raw[k].score, raw[k].how, linked)
                    for k in _counted(mine, lambda i: report("judge", min(total, 2 * i), total))]

        (packed, swaps), ours = helper.in_two(there, here)
        links: list[Link] = [None] * total  # type: ignore[list-item]
        for k, link in zip(mine, ours):
            links[k] = link
        for n, (k, x) in enumerate(zip(theirs, packed)):  # each packed link let go as it is unpacked
            links[k] = Link.unpacked(x)
            packed[n] = None
        del packed
        ctx.name_swaps.update(swaps)
    else:
        links = [pair.judge(r.left, r.right, r.score, r.how, linked)
                 for r in _counted(raw, lambda i: report("judge", i, total))]
    ctx.aliases = {p for p, n in ctx.name_swaps.items() if n >= NAME_ALIAS_MIN}
    if ctx.aliases:
        # (a "match" has no changes: its list is not made to look)
        links = [pair.judge(r.left, r.right, r.score, r.how, linked)
                 if link.kind == "differ" and any(c.type in ("entity", "attribution") for c in link.changes)
                 else link for r, link in zip(raw, links)]
    report("judge", total, total)
    return links


def _counted(items: list, tell: Callable[[int], None], steps: int = 100) -> Iterator:
    """``items``, telling how many are done about ``steps`` times on the way."""
    every = max(1, len(items) // steps)
    for i, item in enumerate(items):
        if i % every == 0:
            tell(i)
        yield item


def _dealt(total: int) -> tuple[list[int], list[int]]:
    """The links' indices dealt out in runs of ``DEAL``, every other run to the helper: each
    side gets links from all through the texts, so both have about as much work (a cut in the
    middle gave one side the harder half of a book)."""
    mine: list[int] = []
    theirs: list[int] = []
    for k, lo in enumerate(range(0, total, DEAL)):
        (theirs if k % 2 else mine).extend(range(lo, min(total, lo + DEAL)))
    return mine, theirs
