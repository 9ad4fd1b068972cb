"""What a reader holds and how it shows it: the session (None while the texts are still being
compared), the ``PairView`` with the cursor, the active pane, the search, a link being made,
and the lookups built from the links; the status line and the detail panel that follow the
cursor; and what every edit ends with (``_edited``: did saving fail, did the links change).

``ReaderState`` is the base of the reader's groups of actions (``reader_moves``,
``reader_search``, ``reader_notes``, ``reader_corrections``), so each of them uses only what
is declared here; ``ReaderScreen`` (``reader.py``) puts them together with the layout.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import wraps
from typing import TYPE_CHECKING, Callable, TypeVar

from textual.screen import Screen

from ...compare.model import Comparison, Document, Side
from ...reading_order import Route
from ..candidates import Walk
from ..search import Search
from ..widgets.article_pane import ArticlePane
from ..widgets.detail_panel import DetailPanel
from ..widgets.pair_view import PairView
from ..widgets.status_bar import Status, StatusBar, reader_flags

if TYPE_CHECKING:
    from ...session import Session

A = TypeVar("A", bound=Callable)


def needs_alignment(action: A) -> A:
    """An action that needs the comparison: while it is still being made, it says so."""

    @wraps(action)
    def run(self: ReaderState, *args):
        if self.session is None:
            self.app.hint("Still aligning: this key works once the texts are compared.")
            return None
        return action(self, *args)

    return run  # type: ignore[return-value]


def unaligned(documents: tuple[Document, Document]) -> Comparison:
    """What the reader shows before the comparison is ready: the texts, no sentences yet.
    (Copies: the engine segments the documents themselves in its thread meanwhile.)"""
    left, right = documents
    return Comparison(replace(left, sentences=[]), replace(right, sentences=[]), [])


class ReaderState(Screen):
    """The reader's state and what shows it; the actions live in its subclasses."""

    def __init__(self, session: Session | None = None, *, documents: tuple[Document, Document] | None = None) -> None:
        super().__init__()
        # The documents, the comparison (corrections applied), the notes; None while aligning.
        self.session: Session | None = session
        if session is not None:
            comparison = session.comparison
        elif documents is not None:
            comparison = unaligned(documents)
        else:
            raise ValueError("a reader needs a session or the documents being compared")
        self.view = PairView(comparison, id="panes")
        # Set when nobody will wait for this reader's comparison (another one was opened).
        self.abandon = threading.Event()
        self.active: Side = "left"
        self.mark: tuple[Side, int] | None = None  # first half of a link the user is making
        self.walk: Walk | None = None  # a one-sided sentence, and which candidate > showed
        self.search = Search()
        self.stacked_manual: bool | None = None
        self._index(comparison)

    def _index(self, comparison: Comparison) -> None:
        """The lookups that depend on the links (built again after a correction)."""
        self.comparison: Comparison = comparison
        self.routes: dict[Side, Route] = {"left": Route(comparison, "left"), "right": Route(comparison, "right")}
        self._version = self.session.version if self.session is not None else -1

    @property
    def aligning(self) -> bool:
        """The comparison is still being made: the texts are shown as they are written."""
        return self.session is None

    # ---- what the view holds ------------------------------------------------------------------

    @property
    def store(self):
        """The saved record of notes and corrections (``ComparisonStore``)."""
        return self.session.record

    @property
    def left_pane(self) -> ArticlePane:
        return self.view.left_pane

    @property
    def right_pane(self) -> ArticlePane:
        return self.view.right_pane

    def pane(self, side: Side) -> ArticlePane:
        return self.view.pane(side)

    @property
    def cursor(self) -> tuple[Side, int] | None:
        return self.view.cursor

    @property
    def sync(self) -> bool:
        return self.view.sync

    @property
    def current_link(self) -> int | None:
        return self.view.current_link

    @property
    def current(self) -> dict[Side, int | None]:
        """The current sentence on each side: the cursor, and its partner if it has one."""
        return {s: (ids[0] if (ids := self.view.ids_on(s)) else None) for s in ("left", "right")}  # type: ignore[misc]

    def select(self, side: Side, sid: int, place: str = "keep") -> None:
        self.view.select(side, sid, place)

    def _position(self, route: Route) -> int | None:
        return None if self.cursor is None else route.position(*self.cursor)

    def notes_here(self) -> list:
        return self.session.notes_at(*self.cursor) if self.cursor is not None else []

    # ---- the status line and the detail panel ----------------------------------------------

    def status(self) -> Status:
        st = Status.at(self.routes[self.active], self.cursor, self.comparison, self._flags())
        if self.search.term:
            st.search, st.hit = self.search.term, (self.search.pos + 1, len(self.search.hits))
        return st

    def _flags(self):
        notes = len(self.store.annotations) if self.session is not None else 0
        unsaved = self.session is not None and self.session.unsaved
        return reader_flags(self.mark, self.sync, self.view.folded, notes, unsaved)

    def status_text(self) -> str:
        return self.query_one(StatusBar).plain()

    @property
    def detail_open(self) -> bool:
        return self.is_mounted and not self.query_one(DetailPanel).has_class("hidden")

    def _show_state(self) -> None:
        """Show the detail panel (when open) and the status line for where the cursor is."""
        if self.aligning:
            return
        detail = self.query_one(DetailPanel)
        if not detail.has_class("hidden") and self.cursor is not None:
            # Its height follows its text; the panes keep the cursor in view as they resize.
            detail.show(self.comparison, self.current_link, *self.cursor, notes=self.notes_here())
        self.query_one(StatusBar).show(self.status())

    # ---- after an edit (notes and corrections are the session's; saved as made) ---------------

    def _show_notes(self) -> None:
        placed = self.session.placed_notes()
        self.view.set_notes({i for p in placed for i in p.left}, {j for p in placed for j in p.right})

    def _edited(self, message: str = "") -> None:
        """After an edit: say if saving failed, show the comparison as it is now (corrections,
        also another window's, may have changed the links), the notes and the state."""
        if self.session.save_error:
            self.notify(f"{self.session.save_error} (your notes are kept while the app is open)",
                        severity="error", timeout=8, markup=False)
        if self.session.version != self._version:
            self._index(self.session.comparison)
            self.view.set_comparison(self.comparison)
            self.refresh_bindings()
        self._show_notes()
        self._show_state()
        if message:
            self.notify(message, timeout=3)
