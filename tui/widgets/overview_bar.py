"""A change map beside a pane (as in Meld and KDiff3): where the differences are in the whole
article, and which part of it is on screen. Clicking it scrolls the pane there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

RANK = {"match": 1, "only": 2, "differ": 3}
MARKS = {"match": "│", "only": "┃", "differ": "█"}


class OverviewBar(Widget):
    """Each row stands for a slice of the pane's lines and shows its most important verdict."""

    COMPONENT_CLASSES = {"overview--match", "overview--differ", "overview--only", "overview--view"}

    DEFAULT_CSS = """
    OverviewBar {
        width: 1;
        height: 1fr;
    }
    """

    @dataclass
    class Jump(Message):
        bar: "OverviewBar"
        fraction: float

    def __init__(self, pane, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pane = pane

    def render_line(self, y: int) -> Strip:
        height = max(1, self.size.height)
        pane = self.pane
        total = max(1, pane.line_count)
        lo = y * total // height
        hi = max(lo + 1, (y + 1) * total // height)
        best = None
        for ln in pane._lines[lo:hi]:
            if ln.kind == "blank":
                continue
            sid = pane.index.at(ln.start) if ln.kind == "text" else ln.sentence
            if sid is None:
                continue
            verdict = pane.verdicts[sid]
            if best is None or RANK[verdict] > RANK[best]:
                best = verdict
        top = round(pane.scroll_offset.y)
        view = pane.scrollable_content_region.height
        in_view = lo < top + view and hi > top
        style = self.rich_style
        if in_view:
            style = style + self.get_component_rich_style("overview--view", partial=True)
        if best is None:
            return Strip([Segment(" ", style)], 1)
        style = style + self.get_component_rich_style(f"overview--{best}", partial=True)
        return Strip([Segment(MARKS[best], style)], 1)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.size.height:
            self.post_message(self.Jump(self, offset.y / self.size.height))
