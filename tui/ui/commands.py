"""Command palette: every difference of the open comparison, to jump to by name
("3. differ: number: 175 → 170"), in the active pane's reading order."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..compare.model import Side
from ..reading_order import Stop
from .screens.reader import ReaderScreen
from .widgets.textlayout import display_safe


class DifferencesProvider(Provider):
    """'Go to' a differ link or a one-sided sentence."""

    def _items(self):
        screen = next((s for s in reversed(self.app.screen_stack) if isinstance(s, ReaderScreen)), None)
        if screen is None:
            return []
        # Labels quote the articles: data, made safe for display and never read as markup.
        return [(display_safe(f"Go to {label}"), partial(screen.go_to, stop)) for label, stop in differences(screen)]

    async def discover(self) -> Hits:
        for label, callback in self._items():
            yield DiscoveryHit(Content(label), callback, text=label, help="Jump to this difference")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _highlight(matcher, label), callback, text=label, help="Jump to this difference")


def differences(screen: ReaderScreen) -> list[tuple[str, Stop]]:
    """Labels for every difference, in the active pane's reading order."""
    comparison = screen.comparison
    out = []
    for n, stop in enumerate((s for s in screen.routes[screen.active].stops if s.kind != "match"), 1):
        if stop.link is not None:
            what = "; ".join(ch.label() for ch in comparison.links[stop.link].changes[:2]) or "reworded"
        else:
            side: Side = "left" if stop.left else "right"
            what = comparison.doc(side).sentence_text(stop.ids(side)[0])
        out.append((f"{n}. {stop.kind}: {' '.join(what.split())[:90]}", stop))
    return out


def _highlight(matcher, label: str) -> Content:
    """Like ``Matcher.highlight`` but for plain text: that one parses its input as markup, and
    these labels quote the articles."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
