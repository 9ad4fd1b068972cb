"""One article in the reader: a Line-API pane that renders only the rows on screen.

Every sentence is drawn in the colour of its verdict with a gutter glyph (``=`` match,
``≠`` differ, ``+`` only in this source) so colour is never the only signal. The current link
is emphasised, changed words inside ``differ`` links are highlighted, search hits are marked.
File text is data: control characters are replaced one for one and no markup is parsed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..compare.model import Comparison, Side
from .textlayout import Intervals, Line, SentenceIndex, display_safe, layout

GLYPHS = {"match": "=", "differ": "≠", "only": "+"}
GUTTER = 3
CHANGED_OPS = ("replace", "delete", "insert")


class ArticlePane(ScrollView, can_focus=True):
    """One side of a comparison.

    | Component class | What it styles |
    |---|---|
    | `pane--match` / `pane--differ` / `pane--only` | sentences by verdict |
    | `pane--current` | the sentences of the current link |
    | `pane--changed` | changed words inside a differ link |
    | `pane--search` | search hits |
    | `pane--note` | the note marker in the gutter |
    | `pane--fold` | a folded run of matching sentences |
    | `pane--gutter` | the gutter |
    """

    COMPONENT_CLASSES = {
        "pane--match", "pane--differ", "pane--only", "pane--current", "pane--changed",
        "pane--search", "pane--note", "pane--fold", "pane--gutter", "pane--user",
    }

    DEFAULT_CSS = """
    ArticlePane {
        overflow-x: hidden;
        overflow-y: auto;
        height: 1fr;
        width: 1fr;
    }
    """

    current_link: reactive[int | None] = reactive(None, repaint=False)
    current_sentence: reactive[int | None] = reactive(None, repaint=False)
    folded: reactive[bool] = reactive(False, repaint=False)

    @dataclass
    class SentenceClicked(Message):
        pane: "ArticlePane"
        sentence: int

    def __init__(self, comparison: Comparison, side: Side, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side: Side = side
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._version = 0
        self.search_hits: list[tuple[int, int]] = []
        self._hits = Intervals([])
        self.notes: set[int] = set()
        self.set_comparison(comparison)

    # ---- data -------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison) -> None:
        """Attach a (new or corrected) comparison; keeps the scroll position."""
        self.comparison = comparison
        self.doc = comparison.doc(self.side)
        self.border_title = display_safe(self.doc.name)
        self.verdicts = [comparison.verdict_of(self.side, s.id) for s in self.doc.sentences]
        self.user_links = {i for link in comparison.links if link.origin == "user" for i in link.ids(self.side)}
        self.index = SentenceIndex(self.doc)
        spans = []
        for link in comparison.links:
            if link.kind != "differ":
                continue
            for op in link.diff:
                span = op.left if self.side == "left" else op.right
                if op.op in CHANGED_OPS and span:
                    spans.append(span)
            for ch in link.changes:
                span = ch.left if self.side == "left" else ch.right
                if span and ch.type not in ("detail", "quote"):
                    spans.append(span)
        self._changed = Intervals(spans)
        self._width = 0
        self._relayout()

    def set_search(self, hits: list[tuple[int, int]]) -> None:
        self.search_hits = hits
        self._hits = Intervals(hits)
        self._invalidate()

    def set_notes(self, sentence_ids: set[int]) -> None:
        self.notes = set(sentence_ids)
        self._invalidate()

    # ---- layout -------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER)

    def _relayout(self) -> None:
        if not self.is_mounted:
            return
        width = self.text_width
        self._width = width
        self._lines = layout(self.doc, self.verdicts, width, self.folded)
        self._line_starts = [ln.start if ln.kind != "blank" else -1 for ln in self._lines]
        self._sentence_line: dict[int, int] = {}
        for y, ln in enumerate(self._lines):
            if ln.kind == "fold":
                for s in self.doc.sentences[ln.sentence : ln.sentence + ln.folded]:
                    self._sentence_line.setdefault(s.id, y)
            elif ln.kind == "text":
                sid = self.index.at(ln.start)
                if sid is not None:
                    self._sentence_line.setdefault(sid, y)
                k = bisect.bisect_left(self.index.starts, ln.start)
                while k < len(self.index.starts) and self.index.starts[k] < ln.end:
                    self._sentence_line.setdefault(k, y)
                    k += 1
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))
        self._invalidate()

    def on_mount(self) -> None:
        self._relayout()

    def on_resize(self) -> None:
        if self.text_width != self._width:
            self._relayout()

    def watch_folded(self) -> None:
        self._relayout()

    def watch_current_link(self) -> None:
        self._invalidate()

    def watch_current_sentence(self) -> None:
        self._invalidate()

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of_sentence(self, sid: int) -> int:
        return self._sentence_line.get(sid, 0)

    def sentence_at_line(self, y: int) -> int | None:
        """The sentence shown on display line ``y`` (the first one starting there, else the one
        it continues)."""
        if not self._lines:
            return None
        y = max(0, min(y, len(self._lines) - 1))
        for yy in range(y, min(len(self._lines), y + 3)):
            ln = self._lines[yy]
            if ln.kind == "fold":
                return ln.sentence
            if ln.kind == "text":
                sid = self.index.at(ln.start)
                return sid if sid is not None else self.index.nearest(ln.start)
        return self.index.nearest(self._lines[y].start) if self._lines[y].kind != "blank" else None

    def current_ids(self) -> tuple[int, ...]:
        if self.current_link is not None and self.current_link < len(self.comparison.links):
            return self.comparison.links[self.current_link].ids(self.side)
        if self.current_sentence is not None:
            return (self.current_sentence,)
        return ()

    def scroll_to_sentence(self, sid: int, *, row: int | None = None) -> None:
        """Bring a sentence into view: at screen row ``row`` if given, else centred when it is
        not already visible."""
        y = self.line_of_sentence(sid)
        if row is not None:
            self.scroll_to(y=max(0, y - row), animate=False, immediate=True)
            return
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if not top <= y < top + height - 1:
            self.scroll_to_region(Region(0, y, 1, 1), center=True, animate=False, immediate=True)

    def screen_row_of(self, sid: int) -> int:
        return self.line_of_sentence(sid) - round(self.scroll_offset.y)

    # ---- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self.text_width != self._width:
            # The region changed under us (a scrollbar came or went): wrap again.
            self._relayout()
        index = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        key = (index, width, self._version)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_index(index, width)
            self._cache[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _render_index(self, index: int, width: int) -> Strip:
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        ln = self._lines[index]
        if ln.kind == "blank":
            return Strip.blank(width, base)
        current = set(self.current_ids())
        if ln.kind == "fold":
            plural = "s" if ln.folded != 1 else ""
            fold_current = any(s.id in current for s in self.doc.sentences[ln.sentence : ln.sentence + ln.folded])
            style = base + self._style("pane--fold") + (self._style("pane--current") if fold_current else Style())
            label = f"= ⋯ {ln.folded} matching sentence{plural} folded"
            return Strip([Segment(label, style)]).adjust_cell_length(width, base)
        segments = self._gutter(ln, current, base)
        a, b = ln.start, ln.end
        cuts = {a, b}
        sid = self.index.at(a)
        k = bisect.bisect_right(self.index.starts, a)
        while k < len(self.index.starts) and self.index.starts[k] < b:
            cuts.add(self.index.starts[k])
            k += 1
        k = bisect.bisect_right(self.index.ends, a)
        while k < len(self.index.ends) and self.index.ends[k] < b:
            cuts.add(self.index.ends[k])
            k += 1
        cuts.update(self._changed.cuts(a, b))
        cuts.update(self._hits.cuts(a, b))
        points = sorted(cuts)
        text = self.doc.text
        for x, z in zip(points, points[1:]):
            sid = self.index.at(x)
            style = base
            if sid is not None:
                verdict = self.verdicts[sid]
                style = style + self._style(f"pane--{verdict}")
                if sid in current:
                    style = style + self._style("pane--current")
                if verdict == "differ" and x in self._changed:
                    style = style + self._style("pane--changed")
            if x in self._hits:
                style = style + self._style("pane--search")
            segments.append(Segment(display_safe(text[x:z]), style))
        return Strip(segments).adjust_cell_length(width, base)

    def _gutter(self, ln: Line, current: set[int], base: Style) -> list[Segment]:
        sid = ln.sentence if ln.sentence >= 0 else self.index.at(ln.start)
        if sid is None:
            sid = self.index.nearest(ln.start)
        if sid is None:
            return [Segment(" " * GUTTER, base)]
        verdict = self.verdicts[sid]
        style = base + self._style("pane--gutter") + self._style(f"pane--{verdict}")
        if sid in current:
            style = style + self._style("pane--current")
        glyph = GLYPHS[verdict] if ln.sentence >= 0 else "┊"
        mark = " "
        if ln.sentence >= 0 and sid in self.notes:
            return [Segment(glyph, style), Segment("✎", base + self._style("pane--note")), Segment(" ", base)]
        if ln.sentence >= 0 and sid in self.user_links:
            mark = "*"
        return [Segment(glyph + mark + " ", style)]

    # ---- mouse --------------------------------------------------------------------------

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        y = offset.y + round(self.scroll_offset.y)
        if not 0 <= y < len(self._lines):
            return
        ln = self._lines[y]
        if ln.kind == "blank":
            return
        if ln.kind == "fold":
            sid = ln.sentence
        else:
            col = max(0, offset.x - GUTTER)
            pos = ln.start
            used = 0
            text = self.doc.text
            while pos < ln.end and used < col:
                used += len(display_safe(text[pos]))
                pos += 1
            sid = self.index.at(min(pos, ln.end - 1))
            if sid is None:
                sid = self.index.nearest(pos)
        if sid is not None:
            self.post_message(self.SentenceClicked(self, sid))
