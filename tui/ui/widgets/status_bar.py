"""The status line: where you are, the counts, the modes, and a legend of the marks.

    ≠ differ 1/2 │ differ 2 · only-left 5 · only-right 1 · match 39 │ left 8/46 │ sync off     = match ≠ differ + only here

The screen hands it a ``Status`` (attributes down); the bar lays it out for its width. Where
you are (the stop and ``left 8/46``) is never dropped: when the line is too long the legend
goes first, then the counts shorten (``≠2 +L5 +R1 =39``), then the modes take their short
forms, and only then is the end of the line cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from ...compare.model import Comparison, Side
from ...reading_order import Route
from ...vocabulary import COUNTED_KINDS, GLYPHS, NOTE_MARK, SHORT_KIND, count, glyph, mark_of, on_side
from .textlayout import display_safe


@dataclass(frozen=True)
class Flag:
    """A mode shown on the status line, and the shorter words for it on a narrow terminal."""

    text: str
    short: str = ""


def reader_flags(mark: tuple[str, int] | None, sync: bool, folded: bool, notes: int,
                 unsaved: bool) -> list[Flag]:
    """The reader's modes on the status line, the one waiting for the user first (a narrow
    line keeps the first ones): a link being made, sync off, only differences, notes, unsaved."""
    flags = []
    if mark is not None:
        marked = on_side(mark[0], [mark[1]])
        flags.append(Flag(f"linking {marked}: pick a sentence in the other pane, press +", f"linking {marked} (+)"))
    if not sync:
        flags.append(Flag("sync off", "no sync"))
    if folded:
        flags.append(Flag("only differences", "diffs"))
    if notes:
        flags.append(Flag(count(notes, "note"), f"{notes}{NOTE_MARK}"))
    if unsaved:
        flags.append(Flag("not saved"))
    return flags


@dataclass
class Status:
    counts: dict[str, int]                   # by kind: differ, only-left, only-right, match
    kind: str | None = None                  # the current stop's kind
    rank: tuple[int, int] = (0, 0)           # n of total stops of that kind
    side: str = "left"                       # the pane the position is given in
    sentence: tuple[int, int] | None = None  # n of total sentences in that pane
    flags: list[Flag] = field(default_factory=list)  # "sync off", "only differences", ...
    search: str = ""                         # the search term
    hit: tuple[int, int] = (0, 0)            # n of total hits

    @classmethod
    def at(cls, route: Route, cursor: tuple[Side, int] | None, comparison: Comparison,
           flags: list[Flag]) -> "Status":
        """Where ``cursor`` is in ``route`` (the active pane's reading order), and the counts."""
        st = cls(counts={kind: route.count(kind) for kind in COUNTED_KINDS},
                 side=route.side, flags=flags)
        if cursor is not None:
            pos = route.position(*cursor)
            if pos is not None:
                st.kind = route.stops[pos].kind
                st.rank = route.rank(pos, st.kind)
            st.side, st.sentence = cursor[0], (cursor[1] + 1, len(comparison.doc(cursor[0]).sentences))
        return st


class StatusBar(Widget):
    """One line of state under the panes.

    | Component class | What it styles |
    | :- | :- |
    | `status--match` / `status--differ` / `status--only` | the counts and legend marks |
    | `status--here` | the position of the current link |
    | `status--dim` | separators and the legend's words |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--match", "status--differ", "status--only", "status--here", "status--dim",
    }

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status: Status | None = None

    def show(self, status: Status) -> None:
        self.status = status
        self.refresh()

    def _style(self, name: str):
        return self.get_visual_style(name, partial=True)

    def plain(self) -> str:
        """The text of the line (for tests and screen readers)."""
        return self.render().plain

    def render(self) -> Content:
        st = self.status
        if st is None:
            return Content("")
        width = max(1, self.content_region.width)
        # Narrower: drop the legend, then shorten the counts, then the modes; the position stays.
        for legend, short, short_flags in ((True, False, False), (False, False, False), (False, True, False),
                                           (False, True, True)):
            line = self._line(st, short, legend, width, short_flags)
            if line.cell_length <= width:
                return line
        return line.truncate(width, ellipsis=True)

    def _line(self, st: Status, short: bool, legend: bool, width: int, short_flags: bool = False) -> Content:
        dim = self._style("status--dim")
        sep = Content.styled(" │ ", dim)
        parts: list[Content] = []
        if st.kind is not None:
            n, total = st.rank
            here = self._style("status--here")
            colour = self._style(f"status--{mark_of(st.kind)}")
            parts.append(Content.assemble((f"{glyph(st.kind)} ", colour),
                                          (f"{st.kind} {n}/{total}", here)))
            parts.append(sep)
        counts = []
        for kind in COUNTED_KINDS:
            colour = self._style(f"status--{mark_of(kind)}")
            label = f"{SHORT_KIND[kind]}{st.counts.get(kind, 0)}" if short else f"{kind} {st.counts.get(kind, 0)}"
            counts.append(Content.styled(label, colour))
        parts.append(Content.styled(" · " if not short else " ", dim).join(counts))
        if st.sentence is not None:
            n, total = st.sentence
            parts.append(sep)
            parts.append(Content(f"{st.side} {n}/{total}"))
        for flag in st.flags:
            parts.append(sep)
            parts.append(Content((flag.short or flag.text) if short_flags else flag.text))
        if st.search:
            n, total = st.hit
            parts.append(sep)
            term = display_safe(st.search)
            parts.append(Content(f"/{term} {n}/{total}" if total else f"/{term} not found"))
        left = Content.assemble(*parts)
        if not legend:
            return left
        key = Content.assemble(
            (GLYPHS["match"], self._style("status--match")), (" match  ", dim),
            (GLYPHS["differ"], self._style("status--differ")), (" differ  ", dim),
            (GLYPHS["only"], self._style("status--only")), (" only here", dim),
        )
        gap = width - left.cell_length - key.cell_length
        if gap < 2:
            return Content(" " * (width + 1))  # too wide: the caller tries without the legend
        return Content.assemble(left, " " * gap, key)
