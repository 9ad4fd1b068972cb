"""The closest candidates of a sentence only one text has, as the reader walks them: ``>``
goes to the best, then the next (round again); ``L`` links the sentence with the one shown,
or with the best when none is shown. Pure bookkeeping over the comparison (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.model import Comparison, Side
from ..reading_order import other


@dataclass(frozen=True, slots=True)
class Walk:
    """A one-sided sentence and which of its candidates the cursor was taken to."""

    side: Side
    sentence: int
    index: int

    def target(self, comparison: Comparison) -> tuple[int, float]:
        """The candidate shown: (sentence id in the other text, score)."""
        return comparison.closest_to(self.side, self.sentence)[self.index]

    def count(self, comparison: Comparison) -> int:
        return len(comparison.closest_to(self.side, self.sentence))


def _one_sided_with_candidates(comparison: Comparison, cursor: tuple[Side, int] | None) -> bool:
    return (cursor is not None and comparison.link_of(*cursor) is None
            and bool(comparison.closest_to(*cursor)))


def still_on(walk: Walk | None, comparison: Comparison, cursor: tuple[Side, int] | None) -> Walk | None:
    """``walk`` if the cursor is still on the candidate it showed and the sentence is still
    one-sided; else None (the reader moved on, or linked it)."""
    if walk is None or cursor is None or comparison.link_of(walk.side, walk.sentence) is not None:
        return None
    if walk.index < walk.count(comparison) and cursor == (other(walk.side), walk.target(comparison)[0]):
        return walk
    return None


def next_candidate(walk: Walk | None, comparison: Comparison, cursor: tuple[Side, int] | None) -> Walk | str:
    """Where ``>`` goes: the next candidate of the walk under way, else the best candidate of
    the sentence at the cursor; a one-line reason when there is none."""
    walk = still_on(walk, comparison, cursor)
    if walk is not None:
        return Walk(walk.side, walk.sentence, (walk.index + 1) % walk.count(comparison))
    if cursor is None or comparison.link_of(*cursor) is not None:
        return "> shows where a sentence only one text has comes closest in the other."
    if not comparison.closest_to(*cursor):
        return f"No sentence of the {other(cursor[0])} text comes close to this one."
    return Walk(cursor[0], cursor[1], 0)


def to_link(walk: Walk | None, comparison: Comparison, cursor: tuple[Side, int] | None) -> Walk | None:
    """What ``L`` links: the candidate the walk shows, else the best one of the sentence at
    the cursor; None when the cursor is on no one-sided sentence with candidates."""
    walk = still_on(walk, comparison, cursor)
    if walk is not None:
        return walk
    if _one_sided_with_candidates(comparison, cursor):
        return Walk(cursor[0], cursor[1], 0)
    return None
