"""The reader opened from the coverage view on two of its sources, at one claim; ``escape``
goes back to the coverage view's same row."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from ...session import Session
from .reader import ReaderScreen


class DrillDownReader(ReaderScreen):
    """The reader on two sources of a coverage view; ``escape`` goes back to the same row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back to coverage", id="back"),
    ]

    def __init__(self, session: Session, start: tuple[str, int] | None = None) -> None:
        super().__init__(session)
        self.start = start

    def on_mount(self) -> None:
        if self.start is not None:
            self.call_after_refresh(self._start)

    def _start(self) -> None:
        side, sid = self.start  # type: ignore[misc]
        self.active = side  # type: ignore[assignment]
        self.pane(side).focus()  # type: ignore[arg-type]
        self.select(side, sid, "third")  # type: ignore[arg-type]

    async def action_back(self) -> None:
        if self.detail_open:  # escape closes the detail panel first, as in the reader
            await self.action_close_detail()
            return
        if self.session.unsaved:
            self.session.save()  # one more try; the edits stay with the session either way
        self.dismiss(None)
