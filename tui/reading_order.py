"""Reading order: every link and one-sided sentence as a *stop*, in one document's order.
The reader's jump keys, the order of notes, and the rows of the exports all follow it; no
Textual here.

Reading the left document, the stops follow the left text: a link stops at its first left
sentence, a sentence only the left text has is a stop of its own, and a sentence only the
right text has comes right after the stop that shows the right sentence before it (where
the right text tells it), or first when nothing before it is linked. Reading the right
document it is the same with the sides swapped, so ``n`` always walks down the pane you are
reading, even when the other article is reordered. The exports lay out their rows in the
left document's order (``rows``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .compare.model import Comparison, Side
from .compare.nearest import nearest
from .vocabulary import JUMP_KINDS, JumpKind, StopKind

KINDS = JUMP_KINDS  # what a jump can look for; "diff" is any difference (a differ link or a one-sided sentence)


def other(side: Side) -> Side:
    return "right" if side == "left" else "left"


@dataclass(frozen=True, slots=True)
class Stop:
    left: tuple[int, ...]
    right: tuple[int, ...]
    link: int | None  # index into comparison.links; None for a one-sided sentence
    kind: StopKind

    def ids(self, side: Side) -> tuple[int, ...]:
        return self.left if side == "left" else self.right

    def is_a(self, kind: JumpKind) -> bool:
        return self.kind != "match" if kind == "diff" else self.kind == kind


def rows(comparison: Comparison) -> list[Stop]:
    """The two documents laid out side by side, in the left document's order (the exports)."""
    return stops_in_order(comparison, "left")


def stops_in_order(comparison: Comparison, side: Side) -> list[Stop]:
    """Every sentence of both texts, grouped into stops, in ``side``'s reading order."""
    far = other(side)
    only_kind: dict[Side, StopKind] = {side: f"only-{side}", far: f"only-{far}"}  # type: ignore[dict-item]

    def stop(ids: dict[Side, tuple[int, ...]], link: int | None, kind: StopKind) -> Stop:
        return Stop(ids.get("left", ()), ids.get("right", ()), link, kind)

    # One-sided sentences of the far text, grouped after the linked far sentence before them.
    after: dict[int | None, list[int]] = {}
    anchor: int | None = None
    for s in comparison.doc(far).sentences:
        if comparison.link_of(far, s.id) is None:
            after.setdefault(anchor, []).append(s.id)
        else:
            anchor = s.id

    out = [stop({far: (j,)}, None, only_kind[far]) for j in after.pop(None, [])]
    shown: set[int] = set()
    for s in comparison.doc(side).sentences:
        k = comparison.link_of(side, s.id)
        if k is None:
            out.append(stop({side: (s.id,)}, None, only_kind[side]))
            continue
        if k in shown:
            continue
        shown.add(k)
        link = comparison.links[k]
        out.append(stop({"left": tuple(link.left), "right": tuple(link.right)}, k, link.kind))
        for j in sorted(link.ids(far)):
            out.extend(stop({far: (o,)}, None, only_kind[far]) for o in after.pop(j, []))
    for rest in after.values():  # only with malformed links: keep every sentence reachable
        out.extend(stop({far: (o,)}, None, only_kind[far]) for o in rest)
    return out


class Route:
    """The stops of one pane's reading order, with the lookups the jump keys need."""

    def __init__(self, comparison: Comparison, side: Side) -> None:
        self.side = side
        self.stops = stops_in_order(comparison, side)
        self._where: dict[tuple[Side, int], int] = {}
        self._by_kind: dict[str, list[int]] = {kind: [] for kind in KINDS}
        for i, stop in enumerate(self.stops):
            for s in ("left", "right"):
                for sid in stop.ids(s):  # type: ignore[arg-type]
                    self._where[(s, sid)] = i  # type: ignore[index]
            for kind in KINDS:
                if stop.is_a(kind):
                    self._by_kind[kind].append(i)

    def __len__(self) -> int:
        return len(self.stops)

    def position(self, side: Side, sentence: int) -> int | None:
        """The index of the stop holding this sentence."""
        return self._where.get((side, sentence))

    def nearest(self, side: Side, at_side: Side, sentence: int, direction: int) -> int | None:
        """The nearest sentence of ``side`` from where ``at_side``'s ``sentence`` stands, in
        this reading order, going in ``direction`` (its own stop first)."""
        pos = self.position(at_side, sentence)
        while pos is not None and 0 <= pos < len(self.stops):
            ids = self.stops[pos].ids(side)
            if ids:
                return ids[0] if direction > 0 else ids[-1]
            pos += direction
        return None

    def first_position(self, left: tuple[int, ...], right: tuple[int, ...]) -> int | None:
        """The first stop that holds any of these sentences (a note's place)."""
        found = [self._where.get(("left", i)) for i in left] + [self._where.get(("right", j)) for j in right]
        return min((f for f in found if f is not None), default=None)

    def next(self, position: int | None, direction: int, kind: JumpKind) -> int | None:
        """The nearest stop of ``kind`` after (``direction`` > 0) or before ``position``."""
        return nearest(self._by_kind[kind], position, direction)

    def rank(self, position: int, kind: JumpKind) -> tuple[int, int]:
        """``(n, total)``: this stop is the n-th of the ``total`` stops of ``kind`` (n from 1;
        0 when the stop is not of that kind)."""
        found = self._by_kind[kind]
        k = bisect.bisect_left(found, position)
        n = k + 1 if k < len(found) and found[k] == position else 0
        return n, len(found)

    def count(self, kind: JumpKind) -> int:
        return len(self._by_kind[kind])
