"""The reader's search: ``/`` opens the search bar on the active pane, the hits are marked as
you type (the first one from where you started is shown), enter keeps them and escape goes
back to where you were; ``;`` and ``,`` step through the hits. The hits themselves are kept
by ``Search`` (``tui/ui/search.py``)."""

from __future__ import annotations

from textual import on

from ..messages import SearchCancelled, SearchChanged, SearchSubmitted
from ..widgets.search_bar import SearchBar
from .reader_state import ReaderState, needs_alignment


class ReaderSearch(ReaderState):
    """Search the active pane as you type, then step through the hits."""

    @needs_alignment
    def action_search(self) -> None:
        self.search.start(self.cursor, self.active)
        self.query_one(SearchBar).open(self.search.term, f"{self.active} text")
        self.refresh_bindings()

    def _show_search(self) -> None:
        self.view.set_search(self.search.side, self.search.hits, self.search.current)
        self.refresh_bindings()

    def _show_hit(self) -> None:
        sid = self.view.sentence_near(self.search.side, self.search.current[0])  # type: ignore[index]
        if sid is not None:
            self.select(self.search.side, sid)

    @on(SearchChanged)
    def _search_changed(self, event: SearchChanged) -> None:
        """Search as you type: mark the hits and show the first one from where you started."""
        side, origin = self.search.side, self.search.origin
        doc = self.comparison.doc(side)
        start = doc.sentences[origin[1]].start if origin is not None and origin[0] == side else 0
        self.search.update(event.term, doc.text, start)
        self._show_search()
        if self.search.current is not None:
            self._show_hit()
        elif origin is not None:
            self.select(*origin)
        self._show_state()

    @on(SearchSubmitted)
    def _search_submitted(self, event: SearchSubmitted) -> None:
        self.query_one(SearchBar).close()
        self.refresh_bindings()
        self.pane(self.search.side).focus()
        self.active = self.search.side
        if not self.search.hits and event.term:
            self.notify(f"Not in the {self.search.side} text: {event.term}", timeout=3, markup=False)
        self._show_state()

    @on(SearchCancelled)
    def _search_cancelled(self) -> None:
        self.query_one(SearchBar).close()
        cursor = self.search.restore()
        self._show_search()
        if cursor is not None:
            self.select(*cursor)
        self.pane(self.active).focus()
        self._show_state()

    @needs_alignment
    def action_search_step(self, direction: int) -> None:
        if not self.search.hits:
            return
        if self.search.step(direction):
            self.app.hint("Search wrapped around", timeout=1.5)
        self._show_search()
        self.active = self.search.side
        self.pane(self.active).focus()
        self._show_hit()
