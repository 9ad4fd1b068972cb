"""The line under the panes while the comparison runs: what the engine is doing and a
progress bar. It stands where the status line will be, one row high, so nothing moves when
the comparison arrives and the status line takes its place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...progress import STAGE_NAMES, fraction

STEPS = 1000  # the bar's resolution


class AlignProgress(Horizontal):
    """``Aligning the two texts: finding the sentences ▇▇▇▇▁▁▁ 12%``."""

    DEFAULT_CSS = """
    AlignProgress { height: 1; padding: 0 1; }
    AlignProgress > Label { width: auto; }
    AlignProgress > ProgressBar { width: 1fr; padding-left: 1; }
    AlignProgress > ProgressBar > Bar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label("Aligning the two texts: starting", id="align-stage")
        yield ProgressBar(total=STEPS, show_eta=False, id="align-bar")

    def show(self, stage: str, done: int, total: int) -> None:
        self.query_one("#align-stage", Label).update(f"Aligning the two texts: {STAGE_NAMES.get(stage, stage)}")
        self.query_one(ProgressBar).update(progress=round(fraction(stage, done, total) * STEPS))

    @property
    def text(self) -> str:
        """The stage shown (for tests)."""
        return str(self.query_one("#align-stage", Label).render())
