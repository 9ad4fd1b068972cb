"""The two articles side by side: both panes, their change maps, the cursor, and the scroll
sync between them. It posts ``CursorMoved`` whenever the cursor moves (a jump, a click, or
scrolling that carried the cursor along); the screen decides what else that changes.

The *cursor* is the current sentence, on either side; its link is emphasised in both panes.
When the user scrolls a pane, the cursor stays in view in it (it moves to the edge sentence
when it would leave, as an editor's cursor does), and the other pane is scrolled so the
partner of the current link sits level with it. One guard flag (``_syncing``) stops the
other pane's scroll from echoing back; the mapping goes through the alignment, so with
reordered articles the other pane jumps to wherever the partner is.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from ...compare.model import Comparison, Side
from ...reading_order import other
from ..messages import CursorMoved
from .article_pane import ArticlePane
from .overview_bar import OverviewBar


class PairView(Horizontal):
    """Both panes of a comparison with their change maps (side by side, or ``stacked``)."""

    DEFAULT_CSS = """
    PairView { height: 1fr; }
    PairView.stacked { layout: vertical; }
    PairView > .box { width: 1fr; height: 1fr; }
    PairView.stacked #left-map { dock: right; }
    """

    def __init__(self, comparison: Comparison, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left_pane = ArticlePane(comparison, "left", id="left")
        self.right_pane = ArticlePane(comparison, "right", id="right")
        self.cursor: tuple[Side, int] | None = None
        self.sync = True
        self._syncing = False
        self._settling = False
        self._pane_heights: tuple[int, int] | None = None  # as last seen by ``_layout_changed``
        self._index(comparison)

    def _index(self, comparison: Comparison) -> None:
        self.comparison = comparison
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

    def compose(self) -> ComposeResult:
        with Horizontal(id="left-box", classes="box"):
            yield OverviewBar(self.left_pane, id="left-map")
            yield self.left_pane
        with Horizontal(id="right-box", classes="box"):
            yield self.right_pane
            yield OverviewBar(self.right_pane, id="right-map")

    def on_mount(self) -> None:
        self.watch(self.left_pane, "scroll_y", lambda old, new: self._scrolled("left", old, new), init=False)
        self.watch(self.right_pane, "scroll_y", lambda old, new: self._scrolled("right", old, new), init=False)
        if self.comparison.left.sentences:
            self.start("left", 0)

    def on_resize(self) -> None:
        # The panes grew or shrank with something beside them (the detail panel's height
        # follows its text and is laid out after the key that changed it): keep the cursor in
        # view, whenever that layout happens.
        self.check_layout()

    def start(self, side: Side, sid: int) -> None:
        """Make ``sid`` current once the panes are laid out (at opening, or when the
        comparison arrives)."""
        self._settling = True
        self.call_after_refresh(self._settle, side, sid)

    @property
    def settling(self) -> bool:
        """A cursor waits for the panes' next layout to be placed (``start``)."""
        return self._settling

    # ---- what the screen sets ---------------------------------------------------------------

    def pane(self, side: Side) -> ArticlePane:
        return self.left_pane if side == "left" else self.right_pane

    def set_comparison(self, comparison: Comparison) -> None:
        """Show a (corrected) comparison of the same documents; the cursor stays where it is."""
        self._index(comparison)
        for side in ("left", "right"):
            self.pane(side).set_comparison(comparison)  # type: ignore[arg-type]
        if self.cursor is not None:
            self.select(*self.cursor)

    def set_notes(self, left: set[int], right: set[int]) -> None:
        self.left_pane.set_notes(left)
        self.right_pane.set_notes(right)

    def set_search(self, side: Side, hits: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        """Mark search hits in ``side``'s pane (and none in the other)."""
        self.pane(side).set_search(hits, current)
        self.pane(other(side)).set_search([], None)

    @property
    def folded(self) -> bool:
        """Only differences: runs of matches fold to one line in both panes."""
        return self.left_pane.folded

    @folded.setter
    def folded(self, value: bool) -> None:
        self.left_pane.folded = value
        self.right_pane.folded = value
        self.reselect_after_layout()

    @property
    def stacked(self) -> bool:
        return self.has_class("stacked")

    @stacked.setter
    def stacked(self, value: bool) -> None:
        self.set_class(value, "stacked")

    # ---- where things are ---------------------------------------------------------------------

    @property
    def current_link(self) -> int | None:
        return None if self.cursor is None else self.comparison.link_of(*self.cursor)

    def ids_on(self, side: Side) -> tuple[int, ...]:
        """The cursor's sentences on ``side``: the cursor itself, or its link's sentences."""
        if self.cursor is None:
            return ()
        cs, sid = self.cursor
        if cs == side:
            return (sid,)
        k = self.comparison.link_of(cs, sid)
        return self.comparison.links[k].ids(side) if k is not None else ()

    def first_visible(self, side: Side) -> int | None:
        pane = self.pane(side)
        return pane.sentence_at_line(pane.top)

    def offset_at_top(self, side: Side) -> int | None:
        """Where the text at the top of ``side``'s pane starts (a character offset); None while
        the pane is scrolled to its very top."""
        pane = self.pane(side)
        return pane.offset_at_line(pane.top) if pane.top > 0 else None

    def sentence_at_fraction(self, side: Side, fraction: float) -> int | None:
        """The sentence ``fraction`` of the way down ``side``'s pane (a click on its map)."""
        pane = self.pane(side)
        return pane.sentence_at_line(int(fraction * pane.line_count))

    def sentence_near(self, side: Side, offset: int) -> int | None:
        """The sentence at (or nearest to) a character offset of ``side``'s document."""
        return self.pane(side).index.nearest(offset)

    def step(self, side: Side, sid: int, direction: int) -> int | None:
        """The next sentence down (or up) ``side``'s pane; a folded run of matches is one step."""
        return self.pane(side).next_sentence(sid, direction)

    # ---- the cursor ---------------------------------------------------------------------------

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
        self.post_message(CursorMoved(side, sid, self.current_link))

    def reselect_after_layout(self) -> None:
        """The panes changed size or layout: bring the cursor back into view (and level)."""
        if self.cursor is not None:
            self._settling = True
            self.call_after_refresh(self._settle, *self.cursor)

    def check_layout(self) -> None:
        """After something beside the panes changed their height (the detail panel, the
        search bar): bring the cursor back into view when they did change."""
        if self._layout_changed():
            self.reselect_after_layout()

    def _settle(self, side: Side, sid: int) -> None:
        self._settling = False
        self._layout_changed()
        self.select(side, sid)

    def _layout_changed(self) -> bool:
        """Whether the panes' heights changed since the last call."""
        heights = (self.left_pane.height, self.right_pane.height)
        changed = self._pane_heights is not None and heights != self._pane_heights
        self._pane_heights = heights
        return changed

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
        if c.link_of(cs, sid) is not None:
            dst = other(src)
            return (self.pane(src).first_line(self._link_sentence(src)),
                    self.pane(dst).first_line(self._link_sentence(dst)))
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
        return sid if cs == side else self.ids_on(side)[0]

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
            ids = self.ids_on(src)
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
            self.reselect_after_layout()
            return
        self._syncing = True
        try:
            moved = self._keep_cursor_in_view(side, new > old)
            if self.sync:
                self._level(side)
            cs, sid = self.cursor
            if not moved and not self.ids_on(side) and not self.pane(cs).is_visible(sid):
                # A sentence only the other text has went out of view with the other pane.
                moved = self._keep_cursor_in_view(side, new > old, force=True)
                if moved and self.sync:
                    self._level(side)
        finally:
            self._syncing = False
        if moved:
            self.post_message(CursorMoved(*self.cursor, self.current_link))

    def _keep_cursor_in_view(self, side: Side, down: bool, force: bool = False) -> bool:
        """If the cursor left ``side``'s pane, move it to the sentence at the edge it left by
        (the top one when scrolling down), as an editor's cursor does."""
        pane = self.pane(side)
        ids = self.ids_on(side)
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
