"""Command palette: every difference of the open comparison, to jump to by name
("3. differ: number: 175 → 170"), in the active pane's reading order."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .widgets.textlayout import display_safe


class DifferencesProvider(Provider):
    """'Go to' a differ link or a one-sided sentence."""

    def _items(self):
        from .screens.reader import ReaderScreen

        screen = next((s for s in reversed(self.app.screen_stack) if isinstance(s, ReaderScreen)), None)
        if screen is None:
            return []
        # Labels quote the articles: data, made safe for display and never read as markup.
        return [(display_safe(f"Go to {label}"), partial(screen.go_to, stop)) for label, stop in screen.differences()]

    async def discover(self) -> Hits:
        for label, callback in self._items():
            yield DiscoveryHit(Content(label), callback, text=label, help="Jump to this difference")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _highlight(matcher, label), callback, text=label, help="Jump to this difference")


def _highlight(matcher, label: str) -> Content:
    """Like ``Matcher.highlight`` but for plain text: that one parses its input as markup, and
    these labels quote the articles."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
