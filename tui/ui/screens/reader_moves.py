"""The reader's moves: jump to the next difference of a kind (in the active pane's reading
order), step a sentence, go to the top or bottom, switch panes, follow a click on a sentence
or a change map, and walk a one-sided sentence's closest candidates in the other text (``>``).
"""

from __future__ import annotations

from textual import on

from ...compare.model import Side
from ...reading_order import Stop, other
from ...vocabulary import JumpKind, nothing_to_jump_to, on_side
from ..candidates import next_candidate
from ..messages import MapClicked, SentenceClicked
from ..widgets.article_pane import ArticlePane
from .reader_state import ReaderState, needs_alignment


class ReaderMoves(ReaderState):
    """Actions that move the cursor; none of them changes the comparison."""

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

    @needs_alignment
    def action_closest(self) -> None:
        """Go to the other text's sentence closest to this one-sided sentence; again, the next."""
        walk = next_candidate(self.walk, self.comparison, self.cursor)
        if isinstance(walk, str):
            self.app.hint(walk)
            return
        self.walk = walk
        j, score = walk.target(self.comparison)
        self.action_focus_side(other(walk.side))
        self.select(other(walk.side), j)
        self.app.hint(f"Closest {walk.index + 1} of {walk.count(self.comparison)} to "
                      f"{on_side(walk.side, [walk.sentence])}: score {score:.2f}. L links them, > shows the next.",
                      timeout=4)

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
