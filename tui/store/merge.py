"""Merging one window's edits into the record on disk (three-way, by note or correction id).

Each open window knows the record as it last read or wrote it and what it holds now
(``mine``); another window may have written the file since (``disk``). What this window
changed since it last synced is applied to ``disk``, and everything else on disk is kept:

- added here: added;
- deleted here: removed, unless another window changed it since (its edit is kept);
- changed here: this window's version (re-added if another window deleted it meanwhile);
- untouched here: the disk's version, whatever the other window did.

So two windows' notes both survive, and no edit is lost to a last-writer-wins save.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence, TypeVar


class Item(Protocol):
    id: str


T = TypeVar("T", bound=Item)


def merge(disk: Sequence[T], mine: Sequence[T], seen_disk: dict[str, str], seen_mine: dict[str, str],
          key: Callable[[T], str]) -> list[T]:
    """``disk`` with this window's changes applied (see the module doc).

    ``seen_disk`` maps each item id to ``key(item)`` as the disk held it when this window last
    read or wrote the file; ``seen_mine`` to ``key(item)`` as this window held it then (the
    same, or re-anchored into this window's texts). ``key`` is the item's stored form (its
    JSON), so any change to it counts as an edit."""
    mine_by_id = {m.id: m for m in mine}
    on_disk = {d.id for d in disk}
    out: list[T] = []
    for d in disk:
        m = mine_by_id.get(d.id)
        if m is None:
            deleted_here = d.id in seen_mine
            changed_there = key(d) != seen_disk.get(d.id)
            if not deleted_here or changed_there:
                out.append(d)
        elif d.id in seen_mine and key(m) == seen_mine[d.id]:
            out.append(d)  # untouched here: the disk's version
        else:
            out.append(m)
    for m in mine:
        if m.id in on_disk:
            continue
        if m.id not in seen_mine or key(m) != seen_mine[m.id]:
            out.append(m)  # new here, or changed here after another window deleted it
    return out


def changed(mine: Sequence[T], seen_mine: dict[str, str], key: Callable[[T], str]) -> int:
    """How many items this window added, changed or deleted since it last synced."""
    ids = {m.id for m in mine}
    return sum(1 for m in mine if seen_mine.get(m.id) != key(m)) + sum(1 for i in seen_mine if i not in ids)
