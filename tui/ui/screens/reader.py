"""The reader: two synced panes with a change map beside each, the detail panel, the status
line, search, and the keys that move between matches, differences and one-sided sentences.

State lives here and goes down to the widgets: the *cursor* (the current sentence, on either
side) and from it the current link, shown in both panes at once. The panes post what the
user clicked; the screen decides.

Syncing: when the user scrolls a pane, the cursor stays in view in it (it moves to the edge
sentence when it would leave, as an editor's cursor does), and the other pane is scrolled so
the partner of the current link sits level with it. One guard flag (``_syncing``) stops the
other pane's scroll from echoing back; the mapping goes through the alignment, so with
reordered articles the other pane jumps to wherever the partner is.
"""

from __future__ import annotations

import gc
import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from ...compare.model import Comparison, Side
from ...session import Session
from ..messages import MapClicked, SearchCancelled, SearchChanged, SearchSubmitted, SentenceClicked
from ..widgets.article_pane import ArticlePane
from ..widgets.detail_panel import DetailPanel
from ..widgets.overview_bar import OverviewBar
from ..widgets.search_bar import SearchBar
from ..widgets.status_bar import Status, StatusBar
from .annotating import AnnotatingMixin
from ...reading_order import Route, Stop, other

NARROW = 100  # below this many columns the panes are stacked (``v`` overrides)
KIND_NAMES = {"diff": "difference", "differ": "differ", "only-left": "only-left sentence",
              "only-right": "only-right sentence", "match": "match"}

DIFFS = Binding.Group("Diff")


class ReaderScreen(AnnotatingMixin, Screen):
    """Two articles side by side.

    | Key(s) | Description |
    | :- | :- |
    | n / N | next / previous difference of any kind |
    | d / D | next / previous differ |
    | 1 / ! | next / previous sentence only the left text has |
    | 2 / @ | next / previous sentence only the right text has |
    | m / M | next / previous match |
    | j / k, down / up | next / previous sentence in the active pane |
    | g / G, home / end | top / bottom |
    | tab, h / l, left / right | switch pane, left pane / right pane |
    | z | show only differences (fold the matches) / everything |
    | / then ; / , | search the active pane, next / previous hit |
    | i, enter | detail panel |
    | s | synced scrolling on / off |
    | v | stack the panes / side by side |
    | a, A, ] / [ | write a note; all notes; next / previous note |
    | c, u, + | mark match / differ; unlink; link two sentences |
    | x, o | export as HTML; open a saved comparison |
    | ? | help |
    | q | quit |
    """

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
        Binding("s", "toggle_sync", "Sync", id="sync"),
        Binding("v", "toggle_layout", "Stack/side by side", show=False, id="layout"),
        # Notes and corrections (issue 4): saved as you go in the data dir.
        Binding("a", "note", "Note", id="note"),
        Binding("A,shift+a", "notes_list", "All notes", show=False, id="notes-list"),
        Binding("right_square_bracket", "note_jump(1)", "Next note", key_display="]", show=False, id="next-note"),
        Binding("left_square_bracket", "note_jump(-1)", "Previous note", key_display="[", show=False, id="prev-note"),
        Binding("c", "toggle_verdict", "Match/differ", show=False, id="set-verdict"),
        Binding("u", "unlink", "Unlink", show=False, id="unlink"),
        Binding("plus,shift+equals_sign", "link_mark", "Link", key_display="+", show=False, id="link"),
        Binding("x", "export('html')", "Export", show=False, id="export"),
        Binding("o", "app.open_saved", "Open saved", show=False, id="open-saved"),
        Binding("question_mark,shift+slash", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    DEFAULT_CSS = """
    ReaderScreen #panes { height: 1fr; }
    ReaderScreen #panes.stacked { layout: vertical; }
    ReaderScreen #panes > .box { width: 1fr; height: 1fr; }
    ReaderScreen #panes.stacked #left-map { dock: right; }
    ReaderScreen #bottom { height: auto; }
    ReaderScreen DetailPanel.hidden { display: none; }
    ReaderScreen.-narrow DetailPanel { max-height: 8; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session  # the documents, the comparison (corrections applied), the notes
        self.mark: tuple[Side, int] | None = None  # first half of a link the user is making
        self._index(session.comparison)
        self.active: Side = "left"
        self.cursor: tuple[Side, int] | None = None
        self.sync = True
        self._syncing = False
        self._settling = False
        self._pane_heights: tuple[int, int] | None = None  # as last seen by ``_layout_changed``
        self.stacked_manual: bool | None = None
        self.search_term = ""
        self.search_side: Side = "left"
        self.search_hits: list[tuple[int, int]] = []
        self.search_pos = -1
        self._before_search: tuple | None = None

    @property
    def store(self):
        """The saved record of notes and corrections (``ComparisonStore``)."""
        return self.session.record

    def _index(self, comparison: Comparison) -> None:
        """The lookups that depend on the links (built again after a correction)."""
        self.comparison = comparison
        self._version = self.session.version
        self.routes: dict[Side, Route] = {"left": Route(comparison, "left"), "right": Route(comparison, "right")}
        self._linked_before = {s: self._nearest_linked(s, -1) for s in ("left", "right")}
        self._linked_after = {s: self._nearest_linked(s, 1) for s in ("left", "right")}

    def _nearest_linked(self, side: Side, direction: int) -> list[int | None]:
        """For each sentence, the nearest linked sentence strictly before (or after) it."""
        n = len(self.comparison.doc(side).sentences)
        out: list[int | None] = [None] * n
        last: int | None = None
        order = range(n) if direction < 0 else range(n - 1, -1, -1)
        for i in order:
            out[i] = last
            if self.comparison.link_of(side, i) is not None:
                last = i
        return out

    # ---- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.left_pane = ArticlePane(self.comparison, "left", id="left")
        self.right_pane = ArticlePane(self.comparison, "right", id="right")
        with Horizontal(id="panes"):
            with Horizontal(id="left-box", classes="box"):
                yield OverviewBar(self.left_pane, id="left-map")
                yield self.left_pane
            with Horizontal(id="right-box", classes="box"):
                yield self.right_pane
                yield OverviewBar(self.right_pane, id="right-map")
        with Vertical(id="bottom"):
            yield DetailPanel(id="detail", classes="hidden")
            yield StatusBar(id="status")
            yield SearchBar(id="search")
        yield Footer()

    def on_mount(self) -> None:
        # The comparison is a large, long-lived object graph: keep the cycle collector from
        # walking it on every full collection (a 10,000-sentence pair cost 200-300 ms pauses).
        gc.freeze()
        self.watch(self.left_pane, "scroll_y", lambda old, new: self._scrolled("left", old, new), init=False)
        self.watch(self.right_pane, "scroll_y", lambda old, new: self._scrolled("right", old, new), init=False)
        self._apply_layout()
        self.left_pane.focus()
        self._refresh_notes()
        if self.comparison.left.sentences:
            self._settling = True
            self.call_after_refresh(self._settle, "left", 0)
        else:
            self._update_panels()

    def on_unmount(self) -> None:
        gc.unfreeze()
        if any(isinstance(s, ReaderScreen) and s is not self for s in self.app.screen_stack):
            gc.freeze()  # another comparison is open (freezing is process-wide)

    def on_resize(self) -> None:
        self._apply_layout()
        self._reselect_after_layout()

    def _apply_layout(self) -> None:
        narrow = self.size.width < NARROW
        stacked = narrow if self.stacked_manual is None else self.stacked_manual
        self.query_one("#panes").set_class(stacked, "stacked")
        self.set_class(narrow, "-narrow")
        self.query_one(Footer).show_command_palette = not narrow

    def pane(self, side: Side) -> ArticlePane:
        return self.left_pane if side == "left" else self.right_pane

    def _reselect_after_layout(self) -> None:
        """The panes changed size or layout: bring the cursor back into view (and level)."""
        if self.cursor is not None:
            self._settling = True
            self.call_after_refresh(self._settle, *self.cursor)

    def _settle(self, side: Side, sid: int) -> None:
        self._settling = False
        self._layout_changed()
        self.select(side, sid)

    # ---- the cursor -----------------------------------------------------------------------

    @property
    def current_link(self) -> int | None:
        if self.cursor is None:
            return None
        return self.comparison.link_of(*self.cursor)

    @property
    def current(self) -> dict[Side, int | None]:
        """The current sentence on each side: the cursor, and its partner if it has one."""
        return {s: (ids[0] if (ids := self._ids_on(s)) else None) for s in ("left", "right")}  # type: ignore[misc]

    def _ids_on(self, side: Side) -> tuple[int, ...]:
        """The cursor's sentences on ``side``: the cursor itself, or its link's sentences."""
        if self.cursor is None:
            return ()
        cs, sid = self.cursor
        if cs == side:
            return (sid,)
        k = self.comparison.link_of(cs, sid)
        return self.comparison.links[k].ids(side) if k is not None else ()

    def _set_cursor(self, side: Side, sid: int) -> None:
        self.cursor = (side, sid)
        k = self.comparison.link_of(side, sid)
        for s in ("left", "right"):
            p = self.pane(s)  # type: ignore[arg-type]
            p.current_link = k
            p.current_sentence = sid if s == side and k is None else None

    def select(self, side: Side, sid: int, place: str = "keep") -> None:
        """Make sentence ``sid`` of ``side`` current, emphasise its link in both panes, bring
        it into view and (with sync on) its partner level with it in the other pane."""
        self._set_cursor(side, sid)
        self._syncing = True
        try:
            self.pane(side).bring_into_view(sid, place)
            if self.sync:
                self._level(side, move_source=True)
        finally:
            self._syncing = False
        self._update_panels()

    # ---- sync -------------------------------------------------------------------------------

    def _anchor(self, src: Side) -> tuple[int, int] | None:
        """Two lines, one in ``src``'s pane and one in the other's, that should be level:
        the cursor's sentence and its partner (see ``_link_sentence``), or for a one-sided
        sentence the ends of the linked sentences before it (the gap it sits in), else the
        starts of those after."""
        if self.cursor is None:
            return None
        cs, sid = self.cursor
        c = self.comparison
        k = c.link_of(cs, sid)
        dst = other(src)
        ps, pd = self.pane(src), self.pane(dst)
        if k is not None:
            return ps.first_line(self._link_sentence(src)), pd.first_line(self._link_sentence(dst))
        far = other(cs)
        before = self._linked_before[cs][sid]
        if before is not None:
            link = c.links[c.link_of(cs, before)]  # type: ignore[index]
            here, there = self.pane(cs).last_line(before) + 1, self.pane(far).last_line(link.ids(far)[-1]) + 1
        else:
            after = self._linked_after[cs][sid]
            if after is None:
                return None
            link = c.links[c.link_of(cs, after)]  # type: ignore[index]
            here, there = self.pane(cs).first_line(after), self.pane(far).first_line(link.ids(far)[0])
        return (here, there) if cs == src else (there, here)

    def _link_sentence(self, side: Side) -> int:
        """The sentence of the current link to level on ``side``: the cursor itself on its
        own side, the link's first sentence on the other. A link's sentences need not be
        neighbours (a headline joined to the lead paragraph), so the link's first line can
        be a screen away from the cursor: levelling that would push the partner out of view.
        (The choice depends only on the cursor, never on what is visible, so it cannot
        flip while scrolling.)"""
        cs, sid = self.cursor  # type: ignore[misc]
        return sid if cs == side else self._ids_on(side)[0]

    def _level(self, src: Side, *, move_source: bool = False) -> None:
        """Scroll the other pane so the anchor sits on the same row as in ``src``. With
        ``move_source`` (after a jump) ``src`` may move too, when that lets both be level
        without hiding the cursor."""
        anchor = self._anchor(src)
        if anchor is None:
            return
        ys, yd = anchor
        ps, pd = self.pane(src), self.pane(other(src))
        row = ys - ps.top
        if move_source:
            lo = max(ys - ps.max_scroll_y, yd - pd.max_scroll_y)
            hi = min(ys, yd)
            ids = self._ids_on(src)
            if ids:  # keep the cursor's lines in view in src
                first, last = ps.first_line(ids[0]), ps.last_line(ids[-1])
                lo = max(lo, ys - first)
                hi = min(hi, ys - last + ps.height - 1)
            if lo <= hi:
                row = max(lo, min(row, hi))
                ps.scroll_to_line(ys - row)
        top = yd - row
        cs, sid = self.cursor  # type: ignore[misc]
        if cs == pd.side and self.comparison.link_of(cs, sid) is not None:
            # The user scrolls the pane showing the partner; the cursor is in the other one.
            # When the partner is several sentences and its first has gone up out of view,
            # levelling that would push the cursor out of its own pane: stop at the edge
            # instead. (The cursor moves over once none of the partner is in view.)
            top = min(max(top, pd.last_line(sid) - pd.height + 1), pd.first_line(sid))
        pd.scroll_to_line(top)

    def _scrolled(self, side: Side, old: float, new: float) -> None:
        """The user scrolled ``side``'s pane (wheel, page keys, scrollbar)."""
        if self._syncing or self._settling or self.cursor is None:
            return
        if self._layout_changed():
            # Not the user: a pane changed height (the detail panel grew or shrank with its
            # text, the search bar opened) and its scroll position was clamped. Moving the
            # cursor to the edge here would throw it to another sentence, even the other pane.
            self._reselect_after_layout()
            return
        self._syncing = True
        try:
            moved = self._keep_cursor_in_view(side, new > old)
            if self.sync:
                self._level(side)
            cs, sid = self.cursor
            if not moved and not self._ids_on(side) and not self.pane(cs).is_visible(sid):
                # A sentence only the other text has went out of view with the other pane.
                moved = self._keep_cursor_in_view(side, new > old, force=True)
                if moved and self.sync:
                    self._level(side)
        finally:
            self._syncing = False
        if moved:
            self._update_panels()

    def _keep_cursor_in_view(self, side: Side, down: bool, force: bool = False) -> bool:
        """If the cursor left ``side``'s pane, move it to the sentence at the edge it left by
        (the top one when scrolling down), as an editor's cursor does."""
        pane = self.pane(side)
        ids = self._ids_on(side)
        if not force:
            if not ids or any(pane.is_visible(i) for i in ids):
                return False
            down = pane.first_line(ids[0]) < pane.top
        top, bottom = pane.top, pane.top + pane.height - 1
        if down:
            sid = pane.first_sentence_from(top)
            if sid is None or pane.first_line(sid) > bottom:
                sid = pane.sentence_at_line(top)
        else:
            sid = pane.last_sentence_until(bottom)
            if sid is None or pane.last_line(sid) < top:
                sid = pane.sentence_at_line(bottom)
        if sid is None:
            return False
        self._set_cursor(side, sid)
        return True

    # ---- the status line and the detail panel ----------------------------------------------

    def _position(self, route: Route) -> int | None:
        return None if self.cursor is None else route.position(*self.cursor)

    def status(self) -> Status:
        route = self.routes[self.active]
        counts = {kind: route.count(kind) for kind in ("differ", "only-left", "only-right", "match")}
        st = Status(counts=counts, side=self.active)
        pos = self._position(route)
        if pos is not None:
            stop = route.stops[pos]
            st.kind = stop.kind
            st.rank = route.rank(pos, stop.kind)
        if self.cursor is not None:
            cs, sid = self.cursor
            st.side = cs
            st.sentence = (sid + 1, len(self.comparison.doc(cs).sentences))
        if not self.sync:
            st.flags.append("sync off")
        if self.left_pane.folded:
            st.flags.append("only differences")
        if self.store.annotations:
            n = len(self.store.annotations)
            st.flags.append(f"{n} note{'s' if n != 1 else ''}")
        if self.session.unsaved:
            st.flags.append("not saved")
        if self.mark is not None:
            st.flags.append(f"linking {self.mark[0]} {self.mark[1] + 1}: pick a sentence in the other pane, press +")
        if self.search_term:
            st.search = self.search_term
            st.hit = (self.search_pos + 1 if self.search_pos >= 0 else 0, len(self.search_hits))
        return st

    def status_text(self) -> str:
        return self.query_one(StatusBar).plain()

    def _layout_changed(self) -> bool:
        """Whether the panes' heights changed since the last call."""
        heights = (self.left_pane.height, self.right_pane.height)
        changed = self._pane_heights is not None and heights != self._pane_heights
        self._pane_heights = heights
        return changed

    def _check_layout(self) -> None:
        if self._layout_changed():
            self._reselect_after_layout()

    def _update_panels(self) -> None:
        detail = self.query_one(DetailPanel)
        if not detail.has_class("hidden") and self.cursor is not None:
            detail.show(self.comparison, self.current_link, *self.cursor, notes=self.notes_here())
            # Its height follows its text: once laid out, keep the cursor in view and level.
            self.call_after_refresh(self._check_layout)
        self.query_one(StatusBar).show(self.status())

    # ---- moving -----------------------------------------------------------------------------

    def action_jump(self, direction: int, kind: str) -> None:
        route = self.routes[self.active]
        target = route.next(self._position(route), direction, kind)
        if target is None:
            where = "below" if direction > 0 else "above"
            none = "no more" if self.cursor is not None else "no"
            self.notify(f"{none} {KIND_NAMES[kind]}s {where} in the {self.active} text" if route.count(kind)
                        else f"the texts have no {KIND_NAMES[kind]}s", timeout=2)
            return
        self._land(route.stops[target])

    def _land(self, stop: Stop) -> None:
        side = self.active if stop.ids(self.active) else other(self.active)
        self.select(side, stop.ids(side)[0])

    def action_step(self, direction: int) -> None:
        side = self.active
        pane = self.pane(side)
        n = len(pane.doc.sentences)
        if not n:
            return
        if self.cursor is None:
            self.select(side, 0)
            return
        cs, sid = self.cursor
        if cs != side:
            # The cursor is in the other pane: start from the corresponding place here.
            ids = self._ids_on(side)
            if ids:
                self.select(side, ids[0])
                return
            route = self.routes[side]
            pos = route.position(cs, sid)
            while pos is not None and 0 <= pos < len(route):
                ids = route.stops[pos].ids(side)
                if ids:
                    self.select(side, ids[0] if direction > 0 else ids[-1])
                    return
                pos += direction
            return
        target = self._next_in_pane(pane, sid, direction)
        if target is not None:
            self.select(side, target)

    @staticmethod
    def _next_in_pane(pane: ArticlePane, sid: int, direction: int) -> int | None:
        """The next sentence down (or up) the pane; a folded run of matches is one step."""
        n = len(pane.doc.sentences)
        target = sid + direction
        if pane.folded:
            line = pane.lines[pane.first_line(sid)]
            if line.kind == "fold" and direction > 0:
                target = line.sentence + line.folded
            if 0 <= target < n:
                there = pane.lines[pane.first_line(target)]
                if there.kind == "fold":
                    target = there.sentence
        return target if 0 <= target < n else None

    def action_edge(self, direction: int) -> None:
        n = len(self.comparison.doc(self.active).sentences)
        if n:
            self.select(self.active, 0 if direction < 0 else n - 1)

    def action_switch_pane(self) -> None:
        self.action_focus_side(other(self.active))

    def action_focus_side(self, side: Side) -> None:
        self.active = side
        pane = self.pane(side)
        if self.focused is not pane:
            pane.focus()
        ids = self._ids_on(side)
        if ids:
            self.select(side, ids[0])
        elif self.cursor is None and pane.doc.sentences:
            self.select(side, pane.sentence_at_line(pane.top) or 0)
        else:
            self._update_panels()

    @on(SentenceClicked)
    def _clicked(self, event: SentenceClicked) -> None:
        self.active = event.side
        self.select(event.side, event.sentence)

    @on(MapClicked)
    def _map_clicked(self, event: MapClicked) -> None:
        pane = self.pane(event.side)
        sid = pane.sentence_at_line(int(event.fraction * pane.line_count))
        if sid is not None:
            self.active = event.side
            pane.focus()
            self.select(event.side, sid, place="third")

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, ArticlePane) and widget.side != self.active:
            self.active = widget.side
            self._update_panels()

    # ---- modes ------------------------------------------------------------------------------

    def action_toggle_filter(self) -> None:
        folded = not self.left_pane.folded
        self.left_pane.folded = folded
        self.right_pane.folded = folded
        self._reselect_after_layout()
        self._update_panels()

    def action_toggle_detail(self) -> None:
        self.query_one(DetailPanel).toggle_class("hidden")
        self._update_panels()
        self._reselect_after_layout()

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Scrolling in sync" if self.sync else "The panes scroll on their own", timeout=2)
        if self.sync and self.cursor is not None:
            self.select(*self.cursor)
        else:
            self._update_panels()

    def action_toggle_layout(self) -> None:
        stacked = self.query_one("#panes").has_class("stacked")
        self.stacked_manual = not stacked
        self._apply_layout()
        self._reselect_after_layout()

    # ---- search -----------------------------------------------------------------------------

    def action_search(self) -> None:
        self._before_search = (self.cursor, self.search_term, self.search_side, self.search_hits, self.search_pos)
        self.search_side = self.active
        self.query_one(SearchBar).open(self.search_term, f"{self.active} text")
        self.refresh_bindings()

    @staticmethod
    def find(text: str, term: str) -> list[tuple[int, int]]:
        """Where ``term`` occurs in ``text``, ignoring case (the term is text, not a pattern)."""
        if not term:
            return []
        return [m.span() for m in re.finditer(re.escape(term), text, re.IGNORECASE)]

    def _set_search(self, term: str, hits: list[tuple[int, int]], pos: int) -> None:
        self.search_term, self.search_hits, self.search_pos = term, hits, pos
        current = hits[pos] if 0 <= pos < len(hits) else None
        self.pane(self.search_side).set_search(hits, current)
        self.pane(other(self.search_side)).set_search([], None)
        self.refresh_bindings()

    @on(SearchChanged)
    def _search_changed(self, event: SearchChanged) -> None:
        """Search as you type: mark the hits and show the first one from where you started."""
        side = self.search_side
        hits = self.find(self.comparison.doc(side).text, event.term)
        origin = self._before_search[0] if self._before_search else None
        start = 0
        if origin is not None and origin[0] == side:
            start = self.comparison.doc(side).sentences[origin[1]].start
        pos = next((i for i, (a, _) in enumerate(hits) if a >= start), 0) if hits else -1
        self._set_search(event.term, hits, pos)
        if pos >= 0:
            self._show_hit()
        elif origin is not None:
            self.select(*origin)
        self._update_panels()

    @on(SearchSubmitted)
    def _search_submitted(self, event: SearchSubmitted) -> None:
        bar = self.query_one(SearchBar)
        bar.close()
        self.refresh_bindings()
        self.pane(self.search_side).focus()
        self.active = self.search_side
        if not self.search_hits and event.term:
            self.notify(f"Not in the {self.search_side} text: {event.term}", timeout=3, markup=False)
        self._update_panels()

    @on(SearchCancelled)
    def _search_cancelled(self) -> None:
        self.query_one(SearchBar).close()
        self.refresh_bindings()
        if self._before_search is not None:
            cursor, term, side, hits, pos = self._before_search
            self.search_side = side
            self._set_search(term, hits, pos)
            if cursor is not None:
                self.select(*cursor)
        self.pane(self.active).focus()
        self._update_panels()

    def _show_hit(self) -> None:
        a, _ = self.search_hits[self.search_pos]
        sid = self.pane(self.search_side).index.nearest(a)
        if sid is not None:
            self.select(self.search_side, sid)

    def action_search_step(self, direction: int) -> None:
        if not self.search_hits:
            return
        self.search_pos = (self.search_pos + direction) % len(self.search_hits)
        if direction > 0 and self.search_pos == 0 or direction < 0 and self.search_pos == len(self.search_hits) - 1:
            self.notify("Search wrapped around", timeout=1.5)
        self._set_search(self.search_term, self.search_hits, self.search_pos)
        self.active = self.search_side
        self.pane(self.active).focus()
        self._show_hit()

    def action_help(self) -> None:
        self.app.action_help()

    async def action_quit(self) -> None:
        await self.app.action_quit()  # asks first when notes could not be saved

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.query_one(SearchBar).has_focus:
            return False  # typing a search: the footer shows the search bar's keys only
        if action == "search_step" and not self.search_hits:
            return None  # greyed out until there is a search
        return True

    # ---- palette ------------------------------------------------------------------------

    def differences(self) -> list[tuple[str, Stop]]:
        """Labels for every difference, in the active pane's reading order (for the palette)."""
        out = []
        for n, stop in enumerate((s for s in self.routes[self.active].stops if s.kind != "match"), 1):
            if stop.link is not None:
                link = self.comparison.links[stop.link]
                what = "; ".join(ch.label() for ch in link.changes[:2]) or "reworded"
            else:
                side: Side = "left" if stop.left else "right"
                what = self.comparison.doc(side).sentence_text(stop.ids(side)[0])
            out.append((f"{n}. {stop.kind}: {' '.join(what.split())[:90]}", stop))
        return out

    def go_to(self, stop: Stop) -> None:
        self._land(stop)
