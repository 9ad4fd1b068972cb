"""Aligned rows: the two documents laid out side by side in the left document's reading order.

Each link is one row, at its first left sentence; a left-only sentence is a row of its own;
a right-only sentence comes right after the row that shows the right sentence before it (so
it sits where the right document tells it), or at the top when nothing before it is linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.model import Comparison


@dataclass(frozen=True, slots=True)
class Row:
    left: tuple[int, ...]
    right: tuple[int, ...]
    link: int | None  # index into comparison.links, None for a one-sided row


def aligned_rows(comparison: Comparison) -> list[Row]:
    linked_right = {j for link in comparison.links for j in link.right}
    after: dict[int | None, list[int]] = {}
    anchor: int | None = None
    for s in comparison.right.sentences:
        if s.id in linked_right:
            anchor = s.id
        else:
            after.setdefault(anchor, []).append(s.id)

    rows = [Row((), (j,), None) for j in after.pop(None, [])]
    emitted: set[int] = set()
    for s in comparison.left.sentences:
        k = comparison.link_of("left", s.id)
        if k is None:
            rows.append(Row((s.id,), (), None))
            continue
        if k in emitted:
            continue
        emitted.add(k)
        link = comparison.links[k]
        rows.append(Row(tuple(link.left), tuple(link.right), k))
        for j in sorted(link.right):
            rows.extend(Row((), (o,), None) for o in after.pop(j, []))
    # Right-only sentences whose anchor was never shown (cannot happen with well-formed links).
    for rest in after.values():
        rows.extend(Row((), (o,), None) for o in rest)
    return rows
