"""A change map beside a pane (as in Meld and KDiff3): where the differences are in the whole
article, and which part of it is on screen. Clicking it posts ``MapClicked``.

Each row of the bar stands for a slice of the pane's lines and shows the most important
verdict in it (differ over only over match), with a mark that differs by kind too (``█``
differ, ``▌`` only, ``│`` match) so it reads without colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from ...vocabulary import MAP_MARKS
from ..messages import MapClicked

RANK = {"match": 1, "only": 2, "differ": 3}  # a map row shows the most important verdict in it


class OverviewBar(Widget):
    """The change map of one ``ArticlePane``.

    | Component class | What it styles |
    | :- | :- |
    | `overview--match` / `overview--differ` / `overview--only` | rows by their verdict |
    | `overview--view` | the rows standing for what the pane shows |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "overview--match", "overview--differ", "overview--only", "overview--view",
    }

    DEFAULT_CSS = """
    OverviewBar {
        width: 1;
        height: 1fr;
    }
    """

    def __init__(self, pane, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pane = pane
        self._rows: list[str | None] = []
        self._key: tuple[int, int] = (-1, -1)

    def on_mount(self) -> None:
        self.watch(self.pane, "scroll_y", lambda: self.refresh(), init=False)
        self.watch(self.pane, "layout_version", lambda: self.refresh(), init=False)

    def _verdicts(self) -> list[str | None]:
        """The verdict shown on each row, computed once per layout and height."""
        height = max(1, self.size.height)
        key = (self.pane.layout_version, height)
        if key != self._key:
            self._key = key
            pane = self.pane
            lines = pane.lines
            total = max(1, len(lines))
            best: list[str | None] = [None] * height
            for sid, verdict in enumerate(pane.verdicts):
                a = pane.first_line(sid) * height // total
                b = pane.last_line(sid) * height // total
                for row in range(a, min(b, height - 1) + 1):
                    if best[row] is None or RANK[verdict] > RANK[best[row]]:  # type: ignore[index]
                        best[row] = verdict
            self._rows = best
        return self._rows

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._key = (-1, -1)
        self._styles: dict[str, Style] = {}

    def _style(self, name: str) -> Style:
        styles = self.__dict__.setdefault("_styles", {})
        if name not in styles:
            styles[name] = self.rich_style if name == "base" else self.get_component_rich_style(name, partial=True)
        return styles[name]

    def render_line(self, y: int) -> Strip:
        rows = self._verdicts()
        pane = self.pane
        height = len(rows)
        total = max(1, pane.line_count)
        lo, hi = y * total / height, (y + 1) * total / height
        top, view = pane.top, pane.height
        style = self._style("base")
        if lo < top + view and hi > top:
            style += self._style("overview--view")
        best = rows[y] if 0 <= y < height else None
        if best is None:
            return Strip([Segment(" ", style)], 1)
        style += self._style(f"overview--{best}")
        return Strip([Segment(MAP_MARKS[best], style)], 1)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.size.height:
            self.post_message(MapClicked(self.pane.side, (offset.y + 0.5) / self.size.height))
