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
meet. The helper judges the links next to a free sentence (the only ones the meaning pass and
merging change) last, and only once this process has told it which of them changed.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import helper
from .model import Link, held_side, side_ids

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
    """Links being judged in a helper, in runs of ``DEAL``: the n-th as it was then, in columns
    (``lefts[n]``, ``rights[n]``, ``scores[n]``, ``hows[n]``), a side of one sentence held as
    its id (``model.held_side``: a book's tens of thousands of 1-tuples took about 5 MB while aligning)."""

    lefts: list[int | tuple[int, ...]]
    rights: list[int | tuple[int, ...]]
    scores: array
    hows: list[str]
    runs: helper.Batches

    def cancel(self) -> None:
        self.runs.cancel()

    def sides(self) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
        """(left ids, right ids) of each link, in order."""
        return ((side_ids(a), side_ids(b)) for a, b in zip(self.lefts, self.rights))


def judge_ahead(pair, raw: list) -> Ahead | None:
    """The aligner's links so far (texts that keep one order: ``linked`` is None) started being
    judged in a forked helper, or None where that would not pay or no helper may run. Each
    link's name swaps come back with it, to be counted only if the link is used."""
    if len(raw) < HELPER_MIN_LINKS or not helper.available():
        return None
    # The links next to a free sentence last: the meaning pass and merging change only such
    # links (by joining that sentence to them), and this process takes runs from the end.
    from .align import linked_ids  # (imported by now: the aligner calls this)

    sizes = (len(pair.left.sentences), len(pair.right.sentences))
    used = linked_ids(raw, *sizes)
    order = sorted(range(len(raw)), key=lambda k: not _settled(raw[k], used, sizes))
    settled = sum(1 for k in order if _settled(raw[k], used, sizes))
    del used
    ctx = pair.ctx

    def run(k: int, notes: helper.Notes) -> tuple[list[tuple | None], dict[int, dict]]:
        # (in the helper, whose ``raw`` is as it was when it began)
        packed: list[tuple | None] = []
        swaps = {}
        changed = notes.view
        for n, m in enumerate(range(k * DEAL, min(len(order), (k + 1) * DEAL))):
            if m >= settled and not notes.are_in:
                notes.wait()  # a link that may change: only once it is known whether it did
            if changed[m]:  # the aligner changed it since
                packed.append(None)
                continue
            ctx.name_swaps.clear()  # (the helper's own copy)
            r = raw[order[m]]
            packed.append(pair.judge(r.left, r.right, r.score, r.how, None).packed())
            if ctx.name_swaps:
                swaps[n] = dict(ctx.name_swaps)
        return packed, swaps

    # Here the links change on: what each was is kept. The notes, once the aligner is done: a
    # byte per link, set where the link changed.
    at = [raw[k] for k in order]
    lefts, rights, hows = [held_side(r.left) for r in at], [held_side(r.right) for r in at], [r.how for r in at]
    scores = array("d", (r.score for r in at))
    del at
    runs = helper.in_batches(run, -(-len(order) // DEAL), notes=len(order))
    return None if runs is None else Ahead(lefts, rights, scores, hows, runs)


def _settled(r, used: tuple, sizes: tuple[int, int]) -> bool:
    """Whether the sentences right before and after the link, on both sides, are linked too
    (or are none: the text ends there)."""
    for ids, linked, size in ((r.left, used[0], sizes[0]), (r.right, used[1], sizes[1])):
        if ids[0] > 0 and ids[0] - 1 not in linked or ids[-1] + 1 < size and ids[-1] + 1 not in linked:
            return False
    return True


def _with_ahead(pair, raw: list, ahead: Ahead, report: Callable[[str, int, int], None]) -> list[Link]:
    """Every raw link judged: by the helper where it judged the same link ahead, else here
    (new and changed links first, then the helper's runs taken from the end)."""
    total = len(raw)
    links: list[Link | None] = [None] * total
    fresh, in_run = _sorted_out(raw, ahead)
    runs = ahead.runs
    before = [0]  # links taken from the helper's runs below each run
    for b in range(len(ahead.hows) // DEAL + 1):
        before.append(before[-1] + len(in_run.get(b, ())))
    here = 0

    def judge_here(k: int) -> None:
        nonlocal here
        r = raw[k]
        links[k] = pair.judge(r.left, r.right, r.score, r.how, None)
        here += 1
        if here % max(1, total // 100) == 0:
            report("judge", min(total, here + before[min(runs.done, runs.stop)]), total)

    swaps = pair.ctx.name_swaps
    words: dict[str, str] = {}  # equal words of the runs' evidence made one string (each run came on its own)

    def take(made: Iterator[tuple[int, tuple]]) -> None:
        for b, (packed, run_swaps) in made:
            for k, n in in_run.get(b, ()):
                if links[k] is None:  # (never judged here too: its swaps count once)
                    links[k] = Link.unpacked(packed[n], words)
                    swaps.update(run_swaps.get(n, ()))

    for k in fresh:
        judge_here(k)
    while (b := runs.take_last()) is not None:
        for k, _ in in_run.get(b, ()):
            judge_here(k)
        take(runs.made())
    take(runs.results())
    for k in range(total):  # the helper failed, or stopped short
        if links[k] is None:
            judge_here(k)
    return links  # type: ignore[return-value]


def _sorted_out(raw: list, ahead: Ahead) -> tuple[list[int], dict[int, list[tuple[int, int]]]]:
    """The raw links not judged ahead (their places in ``raw``), and those judged ahead by the
    helper's run: run -> [(place in ``raw``, place in the run)]. The helper is told which of
    its links are no longer wanted."""
    index = {key: n for n, key in enumerate(zip(ahead.lefts, ahead.rights, ahead.scores, ahead.hows))}
    fresh: list[int] = []
    in_run: dict[int, list[tuple[int, int]]] = {}
    unused = bytearray(b"\x01") * len(index)
    for k, r in enumerate(raw):
        n = index.get((held_side(r.left), held_side(r.right), r.score, r.how))
        if n is None:
            fresh.append(k)
        else:
            in_run.setdefault(n // DEAL, []).append((k, n % DEAL))
            unused[n] = 0
    ahead.runs.notes[: len(unused)] = unused
    ahead.runs.notes_in()
    return fresh, in_run


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
