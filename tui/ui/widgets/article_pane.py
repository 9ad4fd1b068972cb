"""One article in the reader: a Line-API pane that renders only the rows on screen.

Every sentence is drawn in the colour of its verdict with a gutter glyph (``=`` match,
``≠`` differ, ``+`` only in this source, ``┊`` a sentence going on) so colour is never the
only signal. The current link is emphasised (background, bold, and ``┃`` in the gutter),
changed words inside ``differ`` links are highlighted (background, bold, underline), search
hits are reversed. File text is data: control characters are replaced one for one and no
markup is ever parsed.

The screen sets what to show (attributes down: ``current_link``, ``current_sentence``,
``folded``, search hits, notes); the pane says what the user clicked (messages up).
"""

from __future__ import annotations

import bisect
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...compare.model import Comparison, Side
from ...vocabulary import CONTINUED, CONTINUED_CURRENT, GLYPHS, NOTE_MARK, USER_MARK, count
from ..messages import SentenceClicked
from .textlayout import Intervals, Line, SentenceIndex, display_safe, layout

GUTTER = 3               # glyph, marker (note ✎ / corrected *), space
CHANGED_OPS = ("replace", "delete", "insert")
SCROLL_OFF = 2           # rows kept above and below the current sentence when moving


def changed_spans(comparison: Comparison, side: Side) -> list[tuple[int, int]]:
    """The character spans on ``side`` to highlight inside differ links: the word diff's
    replaced, deleted and inserted words, and the typed changes (not equal or moved words)."""
    spans: list[tuple[int, int]] = []
    for link in comparison.links:
        if link.kind != "differ":
            continue
        for op in link.diff:
            span = op.left if side == "left" else op.right
            if op.op in CHANGED_OPS and span:
                spans.append(span)
        for ch in link.changes:
            span = ch.left if side == "left" else ch.right
            if span and ch.type not in ("detail", "quote"):
                spans.append(span)
    return spans


class ArticlePane(ScrollView, can_focus=True, inherit_bindings=False):
    """One side of a comparison.

    | Key(s) | Description |
    | :- | :- |
    | pagedown, space, f | Scroll a page down |
    | pageup, b | Scroll a page up |
    | ctrl+d / ctrl+u | Scroll half a page down / up |
    | ctrl+e / ctrl+y | Scroll a line down / up |

    | Component class | What it styles |
    | :- | :- |
    | `pane--match` / `pane--differ` / `pane--only` | sentences by verdict |
    | `pane--current` | the sentences of the current link |
    | `pane--changed` | changed words inside a differ link |
    | `pane--search` / `pane--search-current` | search hits / the hit you are on |
    | `pane--note` | the note marker in the gutter |
    | `pane--user` | the marker of a link you corrected |
    | `pane--fold` | a folded run of matching sentences |
    | `pane--gutter` | the gutter glyphs |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space,f", "page(1)", "Page down", show=False, id="page-down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("ctrl+d", "page(0.5)", "Half page down", show=False, id="half-page-down"),
        Binding("ctrl+u", "page(-0.5)", "Half page up", show=False, id="half-page-up"),
        Binding("ctrl+e", "lines(1)", "Line down", show=False, id="line-down"),
        Binding("ctrl+y", "lines(-1)", "Line up", show=False, id="line-up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane--match", "pane--differ", "pane--only", "pane--current", "pane--changed",
        "pane--search", "pane--search-current", "pane--note", "pane--user", "pane--fold",
        "pane--gutter",
    }

    DEFAULT_CSS = """
    ArticlePane {
        overflow-x: hidden;
        overflow-y: scroll;
        height: 1fr;
        width: 1fr;
    }
    """

    current_link: reactive[int | None] = reactive(None, repaint=False)
    current_sentence: reactive[int | None] = reactive(None, repaint=False)
    folded: reactive[bool] = reactive(False, repaint=False)
    layout_version: reactive[int] = reactive(0, repaint=False)  # grows each time the lines change

    def __init__(self, comparison: Comparison, side: Side, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side: Side = side
        self._lines: list[Line] = []
        self._first: list[int] = []
        self._last: list[int] = []
        self._width = 0
        # Rendered lines by (line, width, current): a line the current link does not touch is
        # cached under None, so moving the current link re-renders only the lines it touches.
        self._cache: LRUCache[tuple[int, int, tuple[int, ...] | None], Strip] = LRUCache(2048)
        self._base: Style | None = None
        self._current: tuple[int, ...] = ()
        self.search_hits: list[tuple[int, int]] = []
        self._hits = Intervals([])
        self._hit: tuple[int, int] | None = None
        self.notes: set[int] = set()
        self.set_comparison(comparison)

    # ---- data ---------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison) -> None:
        """Attach a (new or corrected) comparison."""
        self.comparison = comparison
        self.doc = comparison.doc(self.side)
        self.border_title = Content(display_safe(self.doc.name))
        self.verdicts = [comparison.verdict_of(self.side, s.id) for s in self.doc.sentences]
        self.user_links = {i for link in comparison.links if link.origin == "user" for i in link.ids(self.side)}
        self.index = SentenceIndex(self.doc)
        self._changed = Intervals(changed_spans(comparison, self.side))
        self._width = 0
        self._relayout()

    def set_search(self, hits: list[tuple[int, int]], current: tuple[int, int] | None = None) -> None:
        """Mark search hits (character spans); ``current`` is the one being visited."""
        if hits is not self.search_hits:
            self.search_hits = hits
            self._hits = Intervals(hits)
        self._hit = current
        self._invalidate()

    def set_notes(self, sentence_ids: set[int]) -> None:
        """Sentences that carry a note (issue 4): marked ``✎`` in the gutter."""
        self.notes = set(sentence_ids)
        self._invalidate()

    # ---- layout -------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> list[Line]:
        return self._lines

    @property
    def top(self) -> int:
        """The document line at the top of the pane."""
        return self.scroll_offset.y

    @property
    def height(self) -> int:
        """How many lines the pane shows."""
        return max(1, self.scrollable_content_region.height)

    def _relayout(self) -> None:
        if not self.is_mounted:
            return
        width = self.text_width
        self._width = width
        self._lines = layout(self.doc, self.verdicts, width, self.folded)
        n = len(self.doc.sentences)
        first, last = [-1] * n, [-1] * n
        sentences = self.doc.sentences
        k = 0
        for y, ln in enumerate(self._lines):
            if ln.kind == "fold":
                for i in range(ln.sentence, ln.sentence + ln.folded):
                    first[i] = last[i] = y
                k = ln.sentence + ln.folded
            elif ln.kind == "text":
                while k < n and sentences[k].end <= ln.start:
                    k += 1
                j = k
                while j < n and sentences[j].start < ln.end:
                    if first[j] < 0:
                        first[j] = y
                    last[j] = y
                    j += 1
        # Every sentence has a line (an empty one takes the line of the sentence before it).
        for i in range(n):
            if first[i] < 0:
                first[i] = last[i] = first[i - 1] if i else 0
        self._first, self._last = first, last
        self.layout_version += 1
        self._current = self.current_ids()
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
        self._current_changed()

    def watch_current_sentence(self) -> None:
        self._current_changed()

    def _current_changed(self) -> None:
        """Repaint only the lines of the old and the new current sentences."""
        old, new = self._current, self.current_ids()
        if old == new:
            return
        self._current = new
        if not self._first:
            return
        for ids in (old, new):
            if ids:
                first = min(self.first_line(i) for i in ids)
                last = max(self.last_line(i) for i in ids)
                self.refresh_lines(first, last - first + 1)

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._cache.clear()

    # ---- where things are -----------------------------------------------------------------

    def first_line(self, sid: int) -> int:
        return self._first[sid] if 0 <= sid < len(self._first) else 0

    def last_line(self, sid: int) -> int:
        return self._last[sid] if 0 <= sid < len(self._last) else 0

    def sentence_at_line(self, y: int) -> int | None:
        """The sentence shown on line ``y``: the first one on it (a blank line between
        paragraphs counts as the next sentence's)."""
        if not self._first:
            return None
        k = bisect.bisect_left(self._last, y)  # the first sentence ending on or after y
        return min(k, len(self._first) - 1)

    def first_sentence_from(self, y: int) -> int | None:
        """The first sentence that starts on line ``y`` or below."""
        k = bisect.bisect_left(self._first, y)
        return k if k < len(self._first) else None

    def last_sentence_until(self, y: int) -> int | None:
        """The last sentence that ends on line ``y`` or above."""
        k = bisect.bisect_right(self._last, y) - 1
        return k if k >= 0 else None

    def next_sentence(self, sid: int, direction: int) -> int | None:
        """The next sentence down (or up) the pane; a folded run of matches is one step."""
        n = len(self.doc.sentences)
        target = sid + direction
        if self.folded:
            line = self._lines[self.first_line(sid)]
            if line.kind == "fold" and direction > 0:
                target = line.sentence + line.folded
            if 0 <= target < n:
                there = self._lines[self.first_line(target)]
                if there.kind == "fold":
                    target = there.sentence
        return target if 0 <= target < n else None

    def offset_at_line(self, y: int) -> int | None:
        """Where the text shown from line ``y`` on starts (a character offset)."""
        return next((ln.start for ln in self._lines[y:] if ln.kind != "blank"), None)

    def is_visible(self, sid: int) -> bool:
        return self.first_line(sid) < self.top + self.height and self.last_line(sid) >= self.top

    def screen_row_of(self, sid: int) -> int:
        return self.first_line(sid) - self.top

    def scroll_to_line(self, y: float) -> None:
        self.scroll_to(y=max(0, min(y, self.max_scroll_y)), animate=False, immediate=True)

    def bring_into_view(self, sid: int, place: str = "keep") -> None:
        """Scroll so sentence ``sid`` shows: ``keep`` scrolls as little as possible (with a
        margin) when it is near, else puts it a third of the way down; ``third`` always does."""
        first, last = self.first_line(sid), self.last_line(sid)
        top, h = self.top, self.height
        margin = min(SCROLL_OFF, max(0, (h - (last - first + 1)) // 2))
        if place == "keep":
            if first >= top + margin and last < top + h - margin:
                return
            if top - h <= first < top + margin:
                self.scroll_to_line(first - margin)
                return
            if top + h - margin <= last < top + 2 * h:
                self.scroll_to_line(min(first - margin, last - h + 1 + margin))
                return
        self.scroll_to_line(first - h // 3)

    # ---- keys ---------------------------------------------------------------------------

    def action_page(self, pages: float) -> None:
        self.scroll_to(y=self.scroll_y + int(pages * self.height), animate=False)

    def action_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    # ---- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self.text_width != self._width:
            self._relayout()  # the region changed under us: wrap again
        index = y + self.top
        width = self.scrollable_content_region.width
        key = (index, width, self._current if self._touches_current(index) else None)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_index(index, width)
            self._cache[key] = strip
        return strip

    def _touches_current(self, index: int) -> bool:
        if not self._current or index >= len(self._lines):
            return False
        return any(self._first[i] <= index <= self._last[i] for i in self._current if i < len(self._first))

    @property
    def base_style(self) -> Style:
        """The pane's own style (computed once, not per line)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def current_ids(self) -> tuple[int, ...]:
        if self.current_link is not None and self.current_link < len(self.comparison.links):
            return self.comparison.links[self.current_link].ids(self.side)
        if self.current_sentence is not None:
            return (self.current_sentence,)
        return ()

    def _render_index(self, index: int, width: int) -> Strip:
        base = self.base_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        ln = self._lines[index]
        if ln.kind == "blank":
            return Strip.blank(width, base)
        current = set(self._current)
        if ln.kind == "fold":
            return self._render_fold(ln, current, base, width)
        segments = self._gutter(ln, current, base)
        a, b = ln.start, ln.end
        cuts = {a, b}
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
        if self._hit is not None:
            cuts.update(x for x in self._hit if a < x < b)
        points = sorted(cuts)
        text = self.doc.text
        sid = None
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
                hit = self._hit is not None and self._hit[0] <= x < self._hit[1]
                style = style + self._style("pane--search-current" if hit else "pane--search")
            segments.append(Segment(display_safe(text[x:z]), style))
        # The current sentence's band runs to the edge when it goes on to the next line.
        last = self.index.at(b - 1) if b > a else None
        goes_on = last is not None and last in current and self.index.ends[last] > b
        pad = base + self._style("pane--current") if goes_on else base
        return Strip(segments).adjust_cell_length(width, pad)

    def _render_fold(self, ln: Line, current: set[int], base: Style, width: int) -> Strip:
        is_current = any(i in current for i in range(ln.sentence, ln.sentence + ln.folded))
        style = base + self._style("pane--fold")
        gutter = base + self._style("pane--gutter") + self._style("pane--match")
        if is_current:
            style += self._style("pane--current")
            gutter += self._style("pane--current")
        label = f"⋯ {count(ln.folded, 'matching sentence')}"
        return Strip([Segment(GLYPHS["match"] + "  ", gutter), Segment(label, style)]).adjust_cell_length(width, base)

    def _gutter(self, ln: Line, current: set[int], base: Style) -> list[Segment]:
        starts_here = ln.sentence >= 0
        sid = ln.sentence if starts_here else self.index.at(ln.start)
        if sid is None:
            sid = self.index.nearest(ln.start)
        if sid is None:
            return [Segment(" " * GUTTER, base)]
        verdict = self.verdicts[sid]
        style = base + self._style("pane--gutter") + self._style(f"pane--{verdict}")
        is_current = sid in current
        if is_current:
            style += self._style("pane--current")
        if starts_here:
            glyph = GLYPHS[verdict]
        else:
            glyph = CONTINUED_CURRENT if is_current else CONTINUED
        if starts_here and sid in self.notes:
            return [Segment(glyph, style), Segment(NOTE_MARK, base + self._style("pane--note")), Segment(" ", base)]
        if starts_here and sid in self.user_links:
            return [Segment(glyph, style), Segment(USER_MARK, base + self._style("pane--user")), Segment(" ", base)]
        return [Segment(glyph + "  ", style)]

    # ---- mouse --------------------------------------------------------------------------

    def sentence_at(self, x: int, y: int) -> int | None:
        """The sentence under content cell ``(x, y)`` of the pane (``y`` on screen)."""
        line = y + self.top
        if not 0 <= line < len(self._lines):
            return None
        ln = self._lines[line]
        if ln.kind == "blank":
            return None
        if ln.kind == "fold":
            return ln.sentence
        col = max(0, x - GUTTER)
        pos, used, text = ln.start, 0, self.doc.text
        while pos < ln.end:
            w = cell_len(display_safe(text[pos]))
            if used + w > col:
                break
            used += w
            pos += 1
        sid = self.index.at(min(pos, ln.end - 1))
        return sid if sid is not None else self.index.nearest(pos)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        sid = self.sentence_at(offset.x, offset.y)
        if sid is not None:
            self.post_message(SentenceClicked(self.side, sid))
