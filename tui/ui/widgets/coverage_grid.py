"""The coverage grid: one row per claim, one column per source, rendered a line at a time.

A row is the claim's number, a note mark, the claim's reference wording cut to its column,
and one cell per source: ``●`` the reference wording, ``=`` the same, ``≠`` with that
source's value (``≠ 175``), ``+`` a claim only this source has, blank where the source does
not carry it. Each mark has its colour too, as in the reader. When the sources do not fit,
the source columns scroll sideways under a fixed claim column (``◂`` and ``▸`` say more
columns are hidden), so twenty sources work in 80 columns.

Only the rows on screen are rendered (the Line API, with a strip cache), so hundreds of
claims from twenty sources move as fast as ten. Document text is data: control characters
are shown as stand-ins and nothing is read as markup. The screen sets what to show
(attributes down); the grid says which cell was clicked (``CellClicked``, up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ...compare.coverage import Claim, ClaimRoute, Coverage
from ...export.coverage_cells import cell_kind, cell_value, member_text
from ...vocabulary import CELL_GLYPHS, NOTE_MARK
from .textlayout import display_safe

MIN_CELL = 8      # a source column: glyph, space, six characters of value
MAX_CELL = 18
MIN_CLAIM = 24    # the claim column never gets narrower than this ...
WIDE_CLAIM = 40   # ... nor narrower than this when the screen is wide
SCROLL_OFF = 2    # rows kept above and below the current one


@dataclass(frozen=True, slots=True)
class GridLayout:
    """Column widths for a grid ``width`` cells wide; ``first`` is the first source column
    shown and ``shown`` how many fit."""

    number: int
    claim: int
    cell: int
    first: int
    shown: int
    sources: int

    @property
    def more_left(self) -> bool:
        return self.first > 0

    @property
    def more_right(self) -> bool:
        return self.first + self.shown < self.sources

    def columns(self) -> range:
        return range(self.first, self.first + self.shown)

    def cell_x(self, k: int) -> int:
        """Where source column ``k`` starts (after its separator)."""
        return self.number + 2 + self.claim + (k - self.first) * (self.cell + 1) + 1

    def column_at(self, x: int) -> int | None:
        start = self.number + 2 + self.claim
        if x < start:
            return None
        k = self.first + (x - start) // (self.cell + 1)
        return k if k < self.first + self.shown else None


def grid_layout(width: int, sources: int, rows: int, column: int = 0, first: int = 0) -> GridLayout:
    """Lay out the columns: every source when they fit beside a claim column of ``MIN_CLAIM``
    (or ``WIDE_CLAIM`` on a wide screen), else as many as fit, scrolled so ``column`` shows."""
    number = len(str(max(1, rows))) + 1
    room = max(1, width - number - 2)
    want_claim = WIDE_CLAIM if width >= 120 else MIN_CLAIM
    cell = max(MIN_CELL, min(MAX_CELL, room // 2 // max(1, sources) - 1))
    if want_claim + sources * (cell + 1) <= room:
        return GridLayout(number, room - sources * (cell + 1), cell, 0, sources, sources)
    cell = MIN_CELL
    shown = max(1, (room - want_claim - 1) // (cell + 1))  # one cell kept for the "▸"
    if shown >= sources:
        return GridLayout(number, room - sources * (cell + 1), cell, 0, sources, sources)
    first = min(max(first, column - shown + 1, 0), column, sources - shown)
    return GridLayout(number, room - shown * (cell + 1) - 1, cell, first, shown, sources)


def fit(text: str, width: int) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with ``…``, or padded."""
    if width <= 0:
        return ""
    flat = display_safe(" ".join(text.split()))
    if cell_len(flat) > width:
        flat = set_cell_size(flat, width - 1) + "…"
    return set_cell_size(flat, width)


class CoverageGrid(ScrollView, can_focus=True, inherit_bindings=False):
    """The claims of a coverage report against its sources.

    | Component class | What it styles |
    | :- | :- |
    | `grid--reference` / `grid--match` / `grid--differ` / `grid--only` | the cells by verdict |
    | `grid--current` | the current row |
    | `grid--cell` | the current cell |
    | `grid--note` | the note mark |
    | `grid--dim` | claim numbers, separators, hidden-column marks |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--reference", "grid--match", "grid--differ", "grid--only", "grid--current", "grid--cell",
        "grid--note", "grid--dim",
    }

    DEFAULT_CSS = """
    CoverageGrid { overflow-x: hidden; overflow-y: scroll; height: 1fr; width: 1fr; scrollbar-size-vertical: 1; }
    """

    @dataclass
    class CellClicked(Message):
        """The user clicked a row (``column`` None: the claim column)."""

        row: int
        column: int | None

    def __init__(self, coverage: Coverage, route: ClaimRoute, order: str = "rows", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row = 0          # position in ``route``
        self.column = 0       # source index
        self.noted: set[int] = set()  # claim ids with a note
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._layout: GridLayout | None = None
        self._layout_width = 0
        self.set_coverage(coverage, route, order)

    # ---- data -------------------------------------------------------------------------------

    def set_coverage(self, coverage: Coverage, route: ClaimRoute, order: str = "rows") -> None:
        """Show a coverage report's claims in the order and with the filter of ``route``
        (``order``: ``rows`` or ``by_count``, as the route was made)."""
        self.coverage = coverage
        self.route = route
        self.order = order
        self.row = min(self.row, max(0, len(route) - 1))
        self.virtual_size = Size(self.scrollable_content_region.width, len(route))
        self._invalidate()

    def set_noted(self, claim_ids: set[int]) -> None:
        self.noted = set(claim_ids)
        self._invalidate()

    @property
    def claim(self) -> Claim | None:
        """The current row's claim (None: no rows, e.g. a filter that leaves none)."""
        if not len(self.route):
            return None
        return self.coverage.claims[self.route.ids[self.row]]

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # ---- layout and moving ------------------------------------------------------------------

    @property
    def layout(self) -> GridLayout:
        """The columns for the grid's width, scrolled sideways so the current column shows."""
        width = self.scrollable_content_region.width
        lay = self._layout
        if lay is None or self._layout_width != width or not lay.first <= self.column < lay.first + lay.shown:
            lay = grid_layout(width, len(self.coverage.documents), len(self.coverage.claims), self.column,
                              lay.first if lay is not None else 0)
            self._layout, self._layout_width = lay, width
        return lay

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def move_to(self, row: int, column: int | None = None) -> None:
        """Make a cell current and bring it into view."""
        if not len(self.route):
            return
        old_row, old_first = self.row, self.layout.first
        self.row = max(0, min(row, len(self.route) - 1))
        if column is not None:
            self.column = max(0, min(column, len(self.coverage.documents) - 1))
        self._bring_into_view()
        if self.layout.first != old_first:
            self.refresh()
        else:
            self.refresh_lines(old_row, 1)
            self.refresh_lines(self.row, 1)

    def _bring_into_view(self) -> None:
        top, h = self.scroll_offset.y, self.page
        margin = min(SCROLL_OFF, max(0, (h - 1) // 2))
        if self.row < top + margin:
            self.scroll_to(y=max(0, self.row - margin), animate=False, immediate=True)
        elif self.row >= top + h - margin:
            self.scroll_to(y=self.row - h + 1 + margin, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.route))
        self.call_after_refresh(self._bring_into_view)

    # ---- rendering ----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        lay = self.layout
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.route):
            return Strip.blank(width, self.rich_style)
        cid = self.route.ids[index]
        current = index == self.row
        key = (cid, width, lay, current and self.column, current, cid in self.noted)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self.coverage.claims[cid], lay, current, width)
            self._cache[key] = strip
        return strip

    def _render_row(self, claim: Claim, lay: GridLayout, current: bool, width: int) -> Strip:
        base = self.rich_style
        row = base + self._style("grid--current") if current else base
        dim = row + self._style("grid--dim")
        mark = NOTE_MARK if claim.id in self.noted else " "
        wording = member_text(self.coverage, claim, claim.reference)
        segments = [Segment(f"{claim.id + 1:>{lay.number - 1}} ", dim),
                    Segment(mark, row + self._style("grid--note")), Segment(" ", row),
                    Segment(fit(wording, lay.claim), row)]
        for n, k in enumerate(lay.columns()):
            edge = "◂" if n == 0 and lay.more_left else "│"
            segments.append(Segment(edge, dim))
            kind = cell_kind(claim, k)
            text = f"{CELL_GLYPHS[kind]} {cell_value(claim, k, 200)}" if kind else ""  # type: ignore[index]
            style = row + self._style(f"grid--{kind}") if kind else row
            if current and k == self.column:
                style += self._style("grid--cell")
            segments.append(Segment(fit(text, lay.cell), style))
        if lay.more_right:
            segments.append(Segment("▸", dim))
        return Strip(segments).adjust_cell_length(width, row)

    # ---- mouse --------------------------------------------------------------------------------

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        if 0 <= row < len(self.route):
            self.post_message(self.CellClicked(row, self.layout.column_at(offset.x)))


class CoverageHeader(Widget):
    """The source names above the grid's columns, scrolled with them; the base source and the
    current column are marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"header--base", "header--current", "header--dim"}

    DEFAULT_CSS = """
    CoverageHeader { height: 1; width: 1fr; }
    """

    def __init__(self, grid: CoverageGrid, names: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid = grid
        self.names = names

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        if y != 0:
            return Strip.blank(width, base)
        grid = self.grid
        lay = grid.layout
        dim = base + self.get_component_rich_style("header--dim", partial=True)
        order = "most sources first" if grid.order == "by_count" else "reading order"
        about = f"claim ({order} of {self.names[grid.coverage.base]})"
        segments = [Segment(" " * lay.number, dim), Segment("  ", base), Segment(fit(about, lay.claim), dim)]
        for n, k in enumerate(lay.columns()):
            segments.append(Segment("◂" if n == 0 and lay.more_left else "│", dim))
            style = base
            if k == grid.coverage.base:
                style += self.get_component_rich_style("header--base", partial=True)
            if k == grid.column:
                style += self.get_component_rich_style("header--current", partial=True)
            segments.append(Segment(fit(self.names[k], lay.cell), style))
        if lay.more_right:
            segments.append(Segment("▸", dim))
        return Strip(segments).adjust_cell_length(width, base)
