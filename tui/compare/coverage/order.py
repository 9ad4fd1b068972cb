"""Row orders for a coverage report.

Rows follow the base source's reading order. A claim the base lacks goes where it first
appears in another source (sources taken in argument order): right after the claim that
precedes it there, and after any rows placed there before it that this source does not
carry, so two sources' extra claims after one sentence keep their own order. The other order
puts the claims most sources carry first (rows order breaks ties).
"""

from __future__ import annotations

from collections.abc import Sequence

from .grouping import Group


def reading_order(groups: Sequence[dict[int, Group]], sizes: Sequence[int], base: int) -> list[int]:
    """Indexes into ``groups`` in row order."""
    home = {(s, i): g for g, members in enumerate(groups) for s, ids in members.items() for i in ids}
    rows: list[int] = []
    placed: set[int] = set()
    for i in range(sizes[base]):
        g = home.get((base, i))
        if g is not None and g not in placed:
            rows.append(g)
            placed.add(g)
    for source in (s for s in range(len(sizes)) if s != base):
        last = -1
        for i in range(sizes[source]):
            g = home.get((source, i))
            if g is None:
                continue
            if g in placed:
                last = rows.index(g)
                continue
            last = _slot(rows, last, groups, source, base)
            rows.insert(last, g)
            placed.add(g)
    return rows


def _slot(rows: list[int], last: int, groups: Sequence[dict[int, Group]], source: int, base: int) -> int:
    """Where to insert after ``rows[last]``: past rows of other sources' extra claims that
    ``source`` does not carry (never past a claim of the base)."""
    at = last + 1
    while at < len(rows) and base not in groups[rows[at]] and source not in groups[rows[at]]:
        at += 1
    return at


def by_count(groups: Sequence[dict[int, Group]], rows: Sequence[int]) -> list[int]:
    """Positions in ``rows`` (claim ids), the claims most sources carry first."""
    return sorted(range(len(rows)), key=lambda n: (-len(groups[rows[n]]), n))
