"""The reader's corrections of the engine: mark the current link match ↔ differ (``c``),
unlink it (``u``), link two sentences the user picks (``+`` on each), and link a one-sided
sentence with the candidate ``>`` showed (``L``). Each is the session's, saved as made; the
links change, so the reader's lookups are built again (``_edited``)."""

from __future__ import annotations

from ...vocabulary import on_side, where
from ..candidates import to_link
from .reader_state import ReaderState, needs_alignment


class ReaderCorrections(ReaderState):
    """Actions that change the links."""

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
    def action_link_closest(self) -> None:
        """Link a one-sided sentence with the candidate ``>`` shows (else its closest)."""
        walk = to_link(self.walk, self.comparison, self.cursor)
        if walk is None:
            self.app.hint("L links a sentence only one text has with its closest candidate (> shows them).")
            return
        self.walk = None
        left, right = self.session.link_with(walk.side, walk.sentence, walk.target(self.comparison)[0])
        self._edited(f"Linked {where(left, right)} (your correction).")
