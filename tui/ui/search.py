"""The reader's search as plain state: the term, the side searched, where it occurs, the hit
being visited, and what to go back to when the user gives up (escape)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compare.model import Side

Span = tuple[int, int]


def find(text: str, term: str) -> list[Span]:
    """Where ``term`` occurs in ``text``, ignoring case (the term is text, not a pattern)."""
    if not term:
        return []
    return [m.span() for m in re.finditer(re.escape(term), text, re.IGNORECASE)]


@dataclass
class Search:
    term: str = ""
    side: Side = "left"
    hits: list[Span] = field(default_factory=list)
    pos: int = -1  # the hit being visited (-1: none)
    # (cursor, term, side, hits, pos) when the search bar opened
    before: tuple | None = None

    @property
    def current(self) -> Span | None:
        return self.hits[self.pos] if 0 <= self.pos < len(self.hits) else None

    def start(self, cursor: tuple[Side, int] | None, side: Side) -> None:
        """The search bar opened on ``side``'s pane."""
        self.before = (cursor, self.term, self.side, self.hits, self.pos)
        self.side = side

    @property
    def origin(self) -> tuple[Side, int] | None:
        """The cursor when the search bar opened."""
        return self.before[0] if self.before else None

    def update(self, term: str, text: str, start: int) -> None:
        """Search as you type: the hits of ``term``; the first one at or after ``start``."""
        self.term, self.hits = term, find(text, term)
        self.pos = next((i for i, (a, _) in enumerate(self.hits) if a >= start), 0) if self.hits else -1

    def restore(self) -> tuple[Side, int] | None:
        """Give up: the search before the bar opened comes back; returns the cursor then."""
        if self.before is None:
            return None
        cursor, self.term, self.side, self.hits, self.pos = self.before
        return cursor

    def step(self, direction: int) -> bool:
        """Visit the next (or previous) hit; True when that wrapped around."""
        self.pos = (self.pos + direction) % len(self.hits)
        return self.pos == 0 if direction > 0 else self.pos == len(self.hits) - 1
