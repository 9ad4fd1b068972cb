"""Messages the reader's widgets post up to the screen (attributes go down, messages go up).

The panes, change maps, the pair of panes and the search bar never reach into the screen:
they say what the user did (or that the cursor moved), and the screen decides what that
means for the detail panel and the status line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..compare.model import Side

if TYPE_CHECKING:
    from ..coverage_session import CoverageSession
    from ..session import Session


@dataclass
class SentenceClicked(Message):
    """The user clicked a sentence (or a folded run of matches) in one pane."""

    side: Side
    sentence: int


@dataclass
class CursorMoved(Message):
    """The current sentence moved (a jump, a click, or scrolling that carried it along);
    ``link`` is its link now (the current link), or None."""

    side: Side
    sentence: int
    link: int | None


@dataclass
class MapClicked(Message):
    """The user clicked a change map: ``fraction`` of the way down the article."""

    side: Side
    fraction: float


@dataclass
class SearchChanged(Message):
    """The search text changed while typing (search as you type)."""

    term: str


@dataclass
class SearchSubmitted(Message):
    """The user pressed enter in the search bar."""

    term: str


class SearchCancelled(Message):
    """The user pressed escape in the search bar."""


@dataclass
class ComparisonProgress(Message, bubble=False):
    """How far the comparison running in the background is (``compare.engine``'s stages)."""

    stage: str
    done: int
    total: int


@dataclass
class Compared(Message):
    """The comparison of the documents the reader shows is ready, as an open session (the
    screen shows it, then the app says its notices and records the opening)."""

    session: Session


@dataclass
class CompareFailed(Message):
    """The comparison could not be made (a one-line reason)."""

    error: str


@dataclass
class GroupingProgress(Message, bubble=False):
    """How far the grouping of several sources into claims is (``compare.coverage.STAGES``)."""

    stage: str
    done: int
    total: int


@dataclass
class Grouped(Message):
    """The claims of the sources the coverage view names are ready, as an open session (the
    screen shows them, then the app says its notices and records the opening)."""

    session: CoverageSession
