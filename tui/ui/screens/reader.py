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
"""

from __future__ import annotations

import gc
from dataclasses import replace
from functools import wraps
from typing import TYPE_CHECKING, Callable, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer

from ...compare.model import Comparison, Document, Side
from ...reading_order import Route, Stop, other
from ...vocabulary import NOTE_MARK, JumpKind, clip, count, nothing_to_jump_to, on_side, where
from ..messages import (CompareFailed, Compared, ComparisonProgress, CursorMoved, MapClicked, SearchCancelled, SearchChanged,
                        SearchSubmitted, SentenceClicked)
from ..search import Search
from ..widgets.align_progress import AlignProgress
from ..widgets.article_pane import ArticlePane
from ..widgets.detail_panel import DetailPanel
from ..widgets.pair_view import PairView
from ..widgets.search_bar import SearchBar
from ..widgets.status_bar import Flag, Status, StatusBar

if TYPE_CHECKING:
    from ...session import Session
    from .note_editor import NoteResult

NARROW = 100  # below this many columns the panes are stacked (``v`` overrides)

DIFFS = Binding.Group("Diff")

A = TypeVar("A", bound=Callable)


def needs_alignment(action: A) -> A:
    """An action that needs the comparison: while it is still being made, it says so."""

    @wraps(action)
    def run(self: "ReaderScreen", *args):
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


class ReaderScreen(Screen):
    """Two articles side by side. The keys are the bindings below (the help screen lists them
    from there, grouped, and so does the README)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "jump(1, 'diff')", "Next difference", id="next-diff", group=DIFFS),
        Binding("N,shift+n", "jump(-1, 'diff')", "Previous difference", key_display="N", id="prev-diff", group=DIFFS),
        Binding("d", "jump(1, 'differ')", "Next differ", show=False, id="next-differ"),
        Binding("D,shift+d", "jump(-1, 'differ')", "Previous differ", show=False, id="prev-differ"),
        Binding("1", "jump(1, 'only-left')", "Next only-left", show=False, id="next-only-left"),
        Binding("exclamation_mark,shift+1", "jump(-1, 'only-left')", "Previous only-left", key_display="!",
                show=False, id="prev-only-left"),
        Binding("2", "jump(1, 'only-right')", "Next only-right", show=False, id="next-only-right"),
        Binding("at,shift+2", "jump(-1, 'only-right')", "Previous only-right", key_display="@", show=False,
                id="prev-only-right"),
        Binding("m", "jump(1, 'match')", "Next match", show=False, id="next-match"),
        Binding("M,shift+m", "jump(-1, 'match')", "Previous match", show=False, id="prev-match"),
        Binding("j,down", "step(1)", "Next sentence", show=False, id="next-sentence"),
        Binding("k,up", "step(-1)", "Previous sentence", show=False, id="prev-sentence"),
        Binding("g,home", "edge(-1)", "Top", show=False, id="top"),
        Binding("G,shift+g,end", "edge(1)", "Bottom", show=False, id="bottom"),
        Binding("tab", "switch_pane", "Other pane", show=False, id="switch-pane"),
        Binding("h,left", "focus_side('left')", "Left pane", show=False, id="left-pane"),
        Binding("l,right", "focus_side('right')", "Right pane", show=False, id="right-pane"),
        Binding("z", "toggle_filter", "Only diffs", id="fold"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("semicolon", "search_step(1)", "Next hit", key_display=";", show=False, id="next-hit"),
        Binding("comma", "search_step(-1)", "Previous hit", key_display=",", show=False, id="prev-hit"),
        Binding("i,enter", "toggle_detail", "Detail", id="detail"),
        # While the detail panel is open these stand in the footer where "i Detail" was.
        Binding("escape,i,enter", "close_detail", "Close", key_display="esc", id="close-detail"),
        Binding("J,shift+j", "scroll_detail(1)", "Scroll", key_display="J/K", id="detail-down"),
        Binding("K,shift+k", "scroll_detail(-1)", "Scroll detail up", show=False, id="detail-up"),
        Binding("s", "toggle_sync", "Sync", show=False, id="sync"),
        Binding("v", "toggle_layout", "Stack/side by side", show=False, id="layout"),
        # Notes and corrections (issue 4): saved as you go in the data dir.
        Binding("a", "note", "Note", id="note"),
        Binding("A,shift+a", "notes_list", "All notes", show=False, id="notes-list"),
        Binding("right_square_bracket", "note_jump(1)", "Next note", key_display="]", show=False, id="next-note"),
        Binding("left_square_bracket", "note_jump(-1)", "Previous note", key_display="[", show=False, id="prev-note"),
        Binding("c", "toggle_verdict", "Match/differ", show=False, id="set-verdict"),
        Binding("u", "unlink", "Unlink", show=False, id="unlink"),
        Binding("plus,shift+equals_sign", "link_mark", "Link", key_display="+", show=False, id="link"),
        Binding("greater_than_sign,shift+full_stop", "closest", "Closest in the other text", key_display=">",
                show=False, id="closest"),
        Binding("L,shift+l", "link_closest", "Link with the closest", key_display="L", show=False, id="link-closest"),
        Binding("x", "export('html')", "Export", show=False, id="export"),
        Binding("o", "app.open_saved", "Open saved", show=False, id="open-saved"),
        Binding("question_mark,shift+slash", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    DEFAULT_CSS = """
    ReaderScreen #bottom { height: auto; }
    ReaderScreen DetailPanel.hidden { display: none; }
    ReaderScreen.-narrow DetailPanel { max-height: 8; }
    """

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
        self.active: Side = "left"
        self.mark: tuple[Side, int] | None = None  # first half of a link the user is making
        self.walk: tuple[Side, int, int] | None = None  # a one-sided sentence, and which candidate > showed
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
        pane = self.pane(self.active)
        offset = pane.offset_at_line(pane.top) if pane.top > 0 else None
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

    # ---- the status line and the detail panel ----------------------------------------------

    @on(CursorMoved)
    def _cursor_moved(self) -> None:
        self._show_state()

    def _position(self, route: Route) -> int | None:
        return None if self.cursor is None else route.position(*self.cursor)

    def status(self) -> Status:
        st = Status.at(self.routes[self.active], self.cursor, self.comparison, self._flags())
        if self.search.term:
            st.search, st.hit = self.search.term, (self.search.pos + 1, len(self.search.hits))
        return st

    def _flags(self) -> list[Flag]:
        """The modes on the status line, the one waiting for the user first (a narrow line
        keeps the first ones)."""
        flags = []
        if self.mark is not None:
            marked = on_side(self.mark[0], [self.mark[1]])
            flags.append(Flag(f"linking {marked}: pick a sentence in the other pane, press +",
                              f"linking {marked} (+)"))
        if not self.sync:
            flags.append(Flag("sync off", "no sync"))
        if self.view.folded:
            flags.append(Flag("only differences", "diffs"))
        if self.session is not None and (n := len(self.store.annotations)):
            flags.append(Flag(count(n, "note"), f"{n}{NOTE_MARK}"))
        if self.session is not None and self.session.unsaved:
            flags.append(Flag("not saved"))
        return flags

    def status_text(self) -> str:
        return self.query_one(StatusBar).plain()

    def _show_state(self) -> None:
        """Show the detail panel (when open) and the status line for where the cursor is."""
        if self.aligning:
            return
        detail = self.query_one(DetailPanel)
        if not detail.has_class("hidden") and self.cursor is not None:
            detail.show(self.comparison, self.current_link, *self.cursor, notes=self.notes_here())
            # Its height follows its text: once laid out, keep the cursor in view and level.
            self.call_after_refresh(self.view.check_layout)
        self.query_one(StatusBar).show(self.status())

    # ---- moving -----------------------------------------------------------------------------

    @needs_alignment
    def action_jump(self, direction: int, kind: JumpKind) -> None:
        route = self.routes[self.active]
        target = route.next(self._position(route), direction, kind)
        if target is None:
            self.app.hint(nothing_to_jump_to(kind, direction, route.count(kind) > 0, self.cursor is not None,
                                             self.active))
            return
        self.go_to(route.stops[target])

    def go_to(self, stop: Stop) -> None:
        """Make a stop current, in the active pane when it has sentences there."""
        side = self.active if stop.ids(self.active) else other(self.active)
        self.select(side, stop.ids(side)[0])

    @needs_alignment
    def action_step(self, direction: int) -> None:
        side = self.active
        if not self.comparison.doc(side).sentences:
            return
        if self.cursor is None:
            self.select(side, 0)
            return
        cs, sid = self.cursor
        if cs == side:
            target = self.view.step(side, sid, direction)
        else:  # start from the corresponding place here: the partner, else the nearest in reading order
            partner = self.view.ids_on(side)
            target = partner[0] if partner else self.routes[side].nearest(side, cs, sid, direction)
        if target is not None:
            self.select(side, target)

    @needs_alignment
    def action_edge(self, direction: int) -> None:
        n = len(self.comparison.doc(self.active).sentences)
        if n:
            self.select(self.active, 0 if direction < 0 else n - 1)

    def action_switch_pane(self) -> None:
        self.action_focus_side(other(self.active))

    def action_focus_side(self, side: Side) -> None:
        self.active = side
        if self.focused is not self.pane(side):
            self.pane(side).focus()
        ids = self.view.ids_on(side)
        if ids:
            self.select(side, ids[0])
        elif self.cursor is None and self.comparison.doc(side).sentences:
            self.select(side, self.view.first_visible(side) or 0)
        else:
            self._show_state()

    @on(SentenceClicked)
    def _clicked(self, event: SentenceClicked) -> None:
        self.active = event.side
        self.select(event.side, event.sentence)

    @on(MapClicked)
    def _map_clicked(self, event: MapClicked) -> None:
        sid = self.view.sentence_at_fraction(event.side, event.fraction)
        if sid is not None:
            self.active = event.side
            self.pane(event.side).focus()
            self.select(event.side, sid, place="third")

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, ArticlePane) and widget.side != self.active:
            self.active = widget.side
            self._show_state()

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

    @property
    def detail_open(self) -> bool:
        return self.is_mounted and not self.query_one(DetailPanel).has_class("hidden")

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

    # ---- search -----------------------------------------------------------------------------

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

    # ---- notes and corrections (the session's; saved as made) --------------------------------

    def notes_here(self) -> list:
        return self.session.notes_at(*self.cursor) if self.cursor is not None else []

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

    @needs_alignment
    def action_note(self) -> None:
        if self.cursor is None:
            return
        side, sid = self.cursor
        k = self.current_link
        if k is not None:
            link = self.comparison.links[k]
            about = f"Note on {where(link.left, link.right)}: {clip(self.comparison.left.sentence_text(link.left[0]), 300)}"
        else:
            about = f"Note on {on_side(side, [sid])}: {clip(self.comparison.doc(side).sentence_text(sid), 300)}"
        existing = self.notes_here()
        note = existing[0] if existing else None
        from .note_editor import NoteEditor

        editor = NoteEditor(about, note.body if note else "", note.tags if note else [], existing=note is not None)
        self.app.push_screen(editor, lambda result: self._note_written(result, note, side, sid))

    def _note_written(self, result: NoteResult | None, note, side: Side, sid: int) -> None:
        if result is None:
            return
        if result.delete and note is not None:
            self.session.delete_note(note.id)
        elif note is not None:
            self.session.edit_note(note.id, result.body, result.tags)
        else:
            self.session.write_note(side, sid, result.body, result.tags)
        self._edited("Note deleted." if result.delete else "")

    def _go_to_note(self, placed) -> None:
        if placed.row is None:
            self.notify("This note is orphaned: its text is no longer in the documents.", timeout=4)
        elif placed.left and (self.active == "left" or not placed.right):
            self.select("left", placed.left[0])
        else:
            self.select("right", placed.right[0])

    @needs_alignment
    def action_note_jump(self, direction: int) -> None:
        route = self.routes[self.active]
        notes = [(pos, p) for p in self.session.placed_notes()
                 if p.row is not None and (pos := route.first_position(p.left, p.right)) is not None]
        if not notes:
            self.app.hint("No notes yet: press a to write one.")
            return
        here = self._position(route)
        here = -1 if here is None else here
        ahead = sorted(n for n in notes if (n[0] > here if direction > 0 else n[0] < here))
        if not ahead:
            self.app.hint(f"No more notes {'below' if direction > 0 else 'above'}.")
            return
        self._go_to_note((ahead[0] if direction > 0 else ahead[-1])[1])

    @needs_alignment
    def action_notes_list(self) -> None:
        placed = self.session.placed_notes()
        lines = []
        for p in placed:
            place = "orphaned" if p.row is None else on_side("left", p.left) if p.left else on_side("right", p.right)
            tags = f" [{', '.join(p.annotation.tags)}]" if p.annotation.tags else ""
            lines.append(f"{NOTE_MARK} {place}: {clip(p.annotation.body, 80)}{tags}")
        from .lists import PickList

        self.app.push_screen(
            PickList("Notes (enter jumps to one)", lines, "No notes yet: press a on a sentence to write one."),
            lambda i: self._go_to_note(placed[i]) if i is not None else None,
        )

    @needs_alignment
    def action_toggle_verdict(self) -> None:
        k = self.current_link
        if k is None:
            self.notify("This sentence is in no link: + links it to one in the other pane.", timeout=3)
            return
        self._edited(f"Marked {self.session.toggle_verdict(k)} (your correction).")

    @needs_alignment
    def action_unlink(self) -> None:
        if self.current_link is not None:
            self.session.unlink(self.current_link)
            self._edited("Unlinked: both sides now count as only in one source.")

    @needs_alignment
    def action_link_mark(self) -> None:
        if self.cursor is None:
            return
        side, sid = self.cursor
        if self.mark is None or self.mark[0] == side:
            self.mark = (side, sid)
            self.notify(f"{on_side(side, [sid])} marked: select a sentence in the other pane and press + again.",
                        timeout=4)
            self._show_state()
            return
        left, right = (self.mark[1], sid) if self.mark[0] == "left" else (sid, self.mark[1])
        self.mark = None
        self.session.link([left], [right])
        self._edited(f"Linked {where([left], [right])} (your correction).")

    @needs_alignment
    def action_closest(self) -> None:
        """Go to the other text's sentence closest to this one-sided sentence; again, the next."""
        walk = self._walking()
        if walk is not None:
            side, sid, i = walk
            i = (i + 1) % len(self.comparison.closest_to(side, sid))
        elif self.cursor is not None and self.comparison.link_of(*self.cursor) is None:
            (side, sid), i = self.cursor, 0
            if not self.comparison.closest_to(side, sid):
                self.app.hint(f"No sentence of the {other(side)} text comes close to this one.")
                return
        else:
            self.app.hint("> shows where a sentence only one text has comes closest in the other.")
            return
        candidates = self.comparison.closest_to(side, sid)
        j, score = candidates[i]
        self.walk = (side, sid, i)
        self.action_focus_side(other(side))
        self.select(other(side), j)
        self.app.hint(f"Closest {i + 1} of {len(candidates)} to {on_side(side, [sid])}: score {score:.2f}. "
                      "L links them, > shows the next.", timeout=4)

    def _walking(self) -> tuple[Side, int, int] | None:
        """Where ``>`` left the cursor, while it is still there."""
        if self.walk is None or self.cursor is None:
            return None
        side, sid, i = self.walk
        candidates = self.comparison.closest_to(side, sid)
        if i < len(candidates) and self.cursor == (other(side), candidates[i][0]) \
                and self.comparison.link_of(side, sid) is None:
            return self.walk
        return None

    @needs_alignment
    def action_link_closest(self) -> None:
        """Link a one-sided sentence with the candidate ``>`` shows (else its closest)."""
        walk = self._walking()
        if walk is None and self.cursor is not None and self.comparison.link_of(*self.cursor) is None \
                and self.comparison.closest_to(*self.cursor):
            walk = (*self.cursor, 0)
        if walk is None:
            self.app.hint("L links a sentence only one text has with its closest candidate (> shows them).")
            return
        side, sid, i = walk
        self.walk = None
        left, right = self.session.link_with(side, sid, self.comparison.closest_to(side, sid)[i][0])
        self._edited(f"Linked {where(left, right)} (your correction).")

    @needs_alignment
    def copy_notes_from(self, twin) -> None:
        """Copy the notes saved on the same texts at another place (the palette offers it)."""
        n = self.session.copy_notes_from(twin)
        what = "note or correction" if n == 1 else "notes and corrections"
        self._edited(f"Copied {n} {what}; the originals stay where they are.")

    @needs_alignment
    def action_export(self, fmt: str) -> None:
        from ...export.files import ExportError

        try:
            path = self.session.write_export(fmt)
        except ExportError as err:
            self.notify(str(err), severity="error", timeout=8, markup=False)
            return
        self.notify(f"Wrote {path}", timeout=8, markup=False)

    # ---- the rest ---------------------------------------------------------------------------

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
