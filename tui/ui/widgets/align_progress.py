"""The line under the panes while the comparison runs: what the engine is doing and a
progress bar. It stands where the status line will be, one row high, so nothing moves when
the comparison arrives and the status line takes its place."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...progress import STAGE_NAMES, fraction
from ..background import STEPS  # the bar's resolution: a step is when progress is posted


class AlignProgress(Horizontal):
    """``Aligning the two texts: finding the sentences · 3 s ▇▇▇▇▁▁▁ 12%``: the seconds go on
    counting within a long stage, so a book-length pair never looks stuck."""

    DEFAULT_CSS = """
    AlignProgress { height: 1; padding: 0 1; }
    AlignProgress > Label { width: auto; }
    AlignProgress > ProgressBar { width: 1fr; padding-left: 1; }
    AlignProgress > ProgressBar > Bar { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stage = "starting"
        self._start = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Label(self._words(), id="align-stage")
        yield ProgressBar(total=STEPS, show_eta=False, id="align-bar")

    def on_mount(self) -> None:
        self._start = time.monotonic()
        self._timer = self.set_interval(1, self._tick)

    def _words(self) -> str:
        seconds = int(time.monotonic() - self._start)
        return f"Aligning the two texts: {self._stage}" + (f" · {seconds} s" if seconds else "")

    def _tick(self) -> None:
        if self.display:
            self.query_one("#align-stage", Label).update(self._words())

    def show(self, stage: str, done: int, total: int) -> None:
        self._stage = STAGE_NAMES.get(stage, stage)
        self.query_one("#align-stage", Label).update(self._words())
        self.query_one(ProgressBar).update(progress=round(fraction(stage, done, total) * STEPS))

    def finish(self) -> None:
        """The comparison is here: hide and stop counting."""
        self.display = False
        self._timer.stop()

    @property
    def text(self) -> str:
        """The stage shown (for tests)."""
        return str(self.query_one("#align-stage", Label).render())
