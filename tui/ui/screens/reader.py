"""The reader: keys → actions. Two synced panes with a change map beside each (``PairView``),
the detail panel, the status line, search, and the keys that move between matches,
differences and one-sided sentences, write notes and correct the engine.

The screen holds what the user is doing (the active pane, the search, a link being made) and
hands the rest down: the cursor and the sync to the ``PairView``, notes and corrections to
the ``Session`` (saved as made). When the cursor moves, the view posts ``CursorMoved`` and
the screen shows the detail panel and the status line for it.

A reader can open before its comparison is ready (``documents`` instead of a session): it
shows both texts as they are written, with a progress bar where the status line goes, while
the engine runs in a thread (``comparing``); ``Compared`` brings the session and the panes
take their colours. Until then the keys that need the alignment say so (``needs_alignment``).

Where things are: the keys in ``reader_keys``; the state, the lookups and what shows them in
``reader_state``; the actions by what they do in ``reader_moves``, ``reader_search``,
``reader_notes`` and ``reader_corrections``. This module puts them together with the layout,
the comparison's arrival and the modes (fold, detail panel, sync, stacking).
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Footer

from ..exporting import export_and_tell
from ..messages import CompareFailed, Compared, ComparisonProgress, CursorMoved
from ..widgets.align_progress import AlignProgress
from ..widgets.detail_panel import DetailPanel
from ..widgets.search_bar import SearchBar
from ..widgets.status_bar import StatusBar
from .reader_corrections import ReaderCorrections
from .reader_keys import READER_KEYS
from .reader_moves import ReaderMoves
from .reader_notes import ReaderNotes
from .reader_search import ReaderSearch
from .reader_state import needs_alignment

NARROW = 100  # below this many columns the panes are stacked (``v`` overrides)


class ReaderScreen(ReaderMoves, ReaderSearch, ReaderNotes, ReaderCorrections):
    """Two articles side by side. The keys are the bindings below (the help screen lists them
    from there, grouped, and so does the README)."""

    BINDINGS: ClassVar[list[BindingType]] = READER_KEYS

    DEFAULT_CSS = """
    ReaderScreen #bottom { height: auto; }
    ReaderScreen DetailPanel.hidden { display: none; }
    ReaderScreen.-narrow DetailPanel { max-height: 8; }
    """

    # ---- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.view
        with Vertical(id="bottom"):
            yield DetailPanel(id="detail", classes="hidden")
            status = StatusBar(id="status")
            progress = AlignProgress(id="aligning")
            status.display, progress.display = not self.aligning, self.aligning
            yield status
            yield progress
            yield SearchBar(id="search")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_layout()
        self.left_pane.focus()
        if not self.aligning:
            self._opened()

    def _opened(self) -> None:
        # The comparison is a large, long-lived object graph: keep the cycle collector from
        # walking it on every full collection (a 10,000-sentence pair cost 200-300 ms pauses).
        gc.freeze()
        self._show_notes()
        self._show_state()

    def on_unmount(self) -> None:
        gc.unfreeze()
        if any(isinstance(s, ReaderScreen) and s is not self for s in self.app.screen_stack):
            gc.freeze()  # another comparison is open (freezing is process-wide)

    def on_resize(self) -> None:
        self._apply_layout()
        self.view.reselect_after_layout()

    def _apply_layout(self) -> None:
        narrow = self.size.width < NARROW
        self.view.stacked = narrow if self.stacked_manual is None else self.stacked_manual
        self.set_class(narrow, "-narrow")
        self.query_one(Footer).show_command_palette = not narrow

    @on(CursorMoved)
    def _cursor_moved(self) -> None:
        self._show_state()

    # ---- the comparison arrives -------------------------------------------------------------

    @on(ComparisonProgress)
    def _progress(self, event: ComparisonProgress) -> None:
        if self.aligning:
            self.query_one(AlignProgress).show(event.stage, event.done, event.total)

    @on(CompareFailed)
    def _compare_failed(self, event: CompareFailed) -> None:
        if not self.aligning or self not in self.app.screen_stack:
            event.stop()  # a comparison this reader no longer waits for

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        """The comparison arrived: colour the panes, and put the cursor where the reader is."""
        if not self.aligning or self not in self.app.screen_stack:
            event.stop()  # a comparison this reader no longer waits for
            return
        offset = self.view.offset_at_top(self.active)
        self.session = event.session
        self._index(event.session.comparison)
        self.view.set_comparison(self.comparison)
        self.query_one(AlignProgress).finish()
        self.query_one(StatusBar).display = True
        sid = self.view.sentence_near(self.active, offset) if offset is not None else None
        if sid is None and self.comparison.doc(self.active).sentences:
            sid = 0
        if sid is not None:
            self.view.start(self.active, sid)
        self.refresh_bindings()
        self._opened()

    # ---- modes ------------------------------------------------------------------------------

    @needs_alignment
    def action_toggle_filter(self) -> None:
        self.view.folded = not self.view.folded
        self._show_state()

    @needs_alignment
    async def action_toggle_detail(self) -> None:
        detail = self.query_one(DetailPanel)
        await detail.prepare()
        detail.forget()
        detail.toggle_class("hidden")
        self._show_state()
        self.view.reselect_after_layout()
        self.refresh_bindings()

    async def action_close_detail(self) -> None:
        await self.action_toggle_detail()

    def action_scroll_detail(self, direction: int) -> None:
        self.query_one(DetailPanel).page(direction)

    def action_toggle_sync(self) -> None:
        self.view.sync = not self.view.sync
        self.notify("Scrolling in sync" if self.sync else "The panes scroll on their own", timeout=2)
        if self.sync and self.cursor is not None:
            self.select(*self.cursor)
        else:
            self._show_state()

    def action_toggle_layout(self) -> None:
        self.stacked_manual = not self.view.stacked
        self._apply_layout()
        self.view.reselect_after_layout()

    # ---- the rest ---------------------------------------------------------------------------

    @needs_alignment
    def action_export(self, fmt: str) -> None:
        export_and_tell(self, self.session, fmt)

    def action_help(self) -> None:
        self.app.action_help()

    async def action_quit(self) -> None:
        await self.app.action_quit()  # asks first when notes could not be saved

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.query_one(SearchBar).has_focus:
            return False  # typing a search: the footer shows the search bar's keys only
        if action == "search_step" and not self.search.hits:
            return None  # greyed out until there is a search
        if action in ("close_detail", "scroll_detail"):
            return self.detail_open  # hidden (and the keys free) while the panel is closed
        if action == "toggle_detail" and self.detail_open:
            return False  # the footer shows "esc Close" instead; i and enter close it
        return True
