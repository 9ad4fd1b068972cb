"""Judge every link the aligner made: typed changes, evidence, word diff, verdict.

Each link is judged on its own, so on a large input the second half of the links is judged in
a forked helper (``helper.in_two``) while this process judges the first. The one thing links
share is the count of name swaps (LORD/Yahweh), from which the aliases are learned; the helper
sends its counts back with its links, and the links that named another person or source are
judged again once the aliases are known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from . import helper
from .model import Change, Link

# Below this many links a helper costs more (forking, sending links back) than it saves.
HELPER_MIN_LINKS = 1500
NAME_ALIAS_MIN = 3  # a name swapped for another this often is the texts' style, not a change


def judge_links(pair, raw: list, linked: tuple[set[int], set[int]] | None,
                report: Callable[[str, int, int], None] | None = None) -> list[Link]:
    """``pair.judge`` for every raw link, in order; aliases learned, and applied. ``report``
    gets ``("judge", done, len(raw))`` about a hundred times on the way."""
    ctx = pair.ctx
    report = report or (lambda stage, done, total: None)
    total = len(raw)
    if total >= HELPER_MIN_LINKS and helper.available():
        half = _halfway(pair, raw)

        def there() -> tuple[list[tuple], dict]:
            links = [pair.judge(r.left, r.right, r.score, r.how, linked) for r in raw[half:]]
            return [pack(link) for link in links], dict(ctx.name_swaps)

        def here() -> list[Link]:  # both halves go on at once: this one's progress, twice over
            return [pair.judge(r.left, r.right, r.score, r.how, linked)
                    for r in _counted(raw[:half], lambda i: report("judge", min(total, 2 * i), total))]

        (packed, swaps), links = helper.in_two(there, here)
        for k, x in enumerate(packed):  # each packed link let go as it is unpacked
            links.append(unpack(x))
            packed[k] = None
        del packed
        ctx.name_swaps.update(swaps)
    else:
        links = [pair.judge(r.left, r.right, r.score, r.how, linked)
                 for r in _counted(raw, lambda i: report("judge", i, total))]
    ctx.aliases = {p for p, n in ctx.name_swaps.items() if n >= NAME_ALIAS_MIN}
    if ctx.aliases:
        links = [pair.judge(r.left, r.right, r.score, r.how, linked)
                 if any(c.type in ("entity", "attribution") for c in link.changes) else link
                 for r, link in zip(raw, links)]
    report("judge", total, total)
    return links


def _counted(items: list, tell: Callable[[int], None], steps: int = 100) -> Iterator:
    """``items``, telling how many are done about ``steps`` times on the way."""
    every = max(1, len(items) // steps)
    for i, item in enumerate(items):
        if i % every == 0:
            tell(i)
        yield item


def _halfway(pair, raw: list) -> int:
    """Where to cut the links so both halves hold about as many words."""
    lcount, rcount = pair.token_counts
    sizes = [sum(lcount[i] for i in r.left) + sum(rcount[j] for j in r.right) for r in raw]
    goal, acc = sum(sizes) / 2, 0
    for k, size in enumerate(sizes):
        acc += size
        if acc >= goal:
            return k + 1
    return len(raw)


def pack(link: Link) -> tuple:
    """A link as plain tuples, which pickle several times faster than the dataclasses."""
    return (link.left, link.right, link.kind, link.score,
            [(c.type, c.left, c.right, c.left_text, c.right_text, c.note) for c in link.changes],
            link.evidence, link.diff, link.origin)


def unpack(x: tuple[Any, ...]) -> Link:
    left, right, kind, score, changes, evidence, diff, origin = x
    return Link(left, right, kind, score, [Change(*c) for c in changes], evidence, diff, origin)

