"""Judge every link the aligner made: typed changes, evidence, word diff, verdict.

Each link is judged on its own, so on a large input every other run of links is judged in a
forked helper (``helper.in_two``) while this process judges the rest. The one thing links
share is the count of name swaps (LORD/Yahweh), from which the aliases are learned; the helper
sends its counts back with its links, and the links that named another person or source are
judged again once the aliases are known.

In texts that keep one order, judging starts earlier (``judge_ahead``): the aligner's links
before its meaning pass go to a forked helper in runs of ``DEAL``, judged while this process
finishes aligning. Most come out of the aligner unchanged; for those the helper's verdict is
taken (judging a link reads nothing the rest of the aligner changes), and this process judges
the links that are new or changed, then takes runs from the end of the helper's until the two
meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import helper
from .model import Link

# Below this many links a helper costs more (forking, sending links back) than it saves.
HELPER_MIN_LINKS = 1500
DEAL = 64  # links in a run dealt to one process
NAME_ALIAS_MIN = 3  # a name swapped for another this often is the texts' style, not a change


def judge_links(pair, raw: list, linked: tuple[set[int], set[int]] | None,
                report: Callable[[str, int, int], None] | None = None, ahead: Ahead | None = None) -> list[Link]:
    """``pair.judge`` for every raw link, in order; aliases learned, and applied. ``report``
    gets ``("judge", done, len(raw))`` about a hundred times on the way. ``ahead``: links
    being judged already (``judge_ahead``)."""
    ctx = pair.ctx
    report = report or (lambda stage, done, total: None)
    pair.expect_meaning(raw)
    total = len(raw)
    if ahead is not None and linked is not None:  # judged ahead without the other links in view
        ahead.cancel()
        ahead = None
    if ahead is not None:
        links = _with_ahead(pair, raw, ahead, report)
    elif total >= HELPER_MIN_LINKS and helper.available():
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


@dataclass(slots=True)
class Ahead:
    """Links being judged in a helper: each as ``(left, right, score, how)``, in runs of ``DEAL``."""

    keys: list[tuple]
    runs: helper.Batches

    def cancel(self) -> None:
        self.runs.cancel()


def judge_ahead(pair, raw: list) -> Ahead | None:
    """The aligner's links so far (texts that keep one order: ``linked`` is None) started being
    judged in a forked helper, or None where that would not pay or no helper may run. Each
    link's name swaps come back with it, to be counted only if the link is used."""
    if len(raw) < HELPER_MIN_LINKS or not helper.available():
        return None
    # The links next to a free sentence last: the meaning pass and merging change only such
    # links (by joining that sentence to them), and this process takes runs from the end.
    used = ({i for r in raw for i in r.left}, {j for r in raw for j in r.right})
    sizes = (len(pair.left.sentences), len(pair.right.sentences))
    keys = sorted(((r.left, r.right, r.score, r.how) for r in raw), key=lambda key: not _settled(key, used, sizes))
    ctx = pair.ctx

    def run(k: int) -> tuple[list[tuple], dict[int, dict]]:
        packed, swaps = [], {}
        for n, (left, right, score, how) in enumerate(keys[k * DEAL : (k + 1) * DEAL]):
            ctx.name_swaps.clear()  # (the helper's own copy)
            packed.append(pair.judge(left, right, score, how, None).packed())
            if ctx.name_swaps:
                swaps[n] = dict(ctx.name_swaps)
        return packed, swaps

    runs = helper.in_batches(run, -(-len(keys) // DEAL))
    return None if runs is None else Ahead(keys, runs)


def _settled(key: tuple, used: tuple[set[int], set[int]], sizes: tuple[int, int]) -> bool:
    """Whether the sentences right before and after the link, on both sides, are linked too
    (or are none: the text ends there)."""
    for ids, linked, size in zip(key[:2], used, sizes):
        if ids[0] > 0 and ids[0] - 1 not in linked or ids[-1] + 1 < size and ids[-1] + 1 not in linked:
            return False
    return True


def _with_ahead(pair, raw: list, ahead: Ahead, report: Callable[[str, int, int], None]) -> list[Link]:
    """Every raw link judged: by the helper where it judged the same link ahead, else here
    (new and changed links first, then the helper's runs taken from the end)."""
    total = len(raw)
    links: list[Link | None] = [None] * total
    index = {key: n for n, key in enumerate(ahead.keys)}
    fresh: list[int] = []
    in_run: dict[int, list[tuple[int, int]]] = {}  # helper's run -> (link, place in the run)
    for k, r in enumerate(raw):
        n = index.get((r.left, r.right, r.score, r.how))
        if n is None:
            fresh.append(k)
        else:
            in_run.setdefault(n // DEAL, []).append((k, n % DEAL))
    del index
    runs = ahead.runs
    before = [0]  # links taken from the helper's runs below each run
    for b in range(len(ahead.keys) // DEAL + 1):
        before.append(before[-1] + len(in_run.get(b, ())))
    here = 0

    def judge_here(k: int) -> None:
        nonlocal here
        r = raw[k]
        links[k] = pair.judge(r.left, r.right, r.score, r.how, None)
        here += 1
        if here % max(1, total // 100) == 0:
            report("judge", min(total, here + before[min(runs.done, runs.stop)]), total)

    for k in fresh:
        judge_here(k)
    while (b := runs.take_last()) is not None:
        for k, _ in in_run.get(b, ()):
            judge_here(k)
    swaps = pair.ctx.name_swaps
    for b, (packed, run_swaps) in runs.results():
        for k, n in in_run.get(b, ()):
            links[k] = Link.unpacked(packed[n])
            swaps.update(run_swaps.get(n, ()))
    for k in range(total):  # the helper failed, or stopped short
        if links[k] is None:
            judge_here(k)
    return links  # type: ignore[return-value]


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
