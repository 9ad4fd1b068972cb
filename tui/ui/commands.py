"""Command palette: every difference of the open comparison, to jump to by name
("differ 1/2: number: 175 → 170"), in the active pane's reading order, numbered as the
status line numbers them. "only right" finds "only-right": a hyphen matches a space."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..compare.model import Side
from ..reading_order import Stop
from ..vocabulary import clip
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
            # "only right" or "only-right": the label with its hyphens as spaces too (one for
            # one, so the highlighted offsets still fit the label shown).
            spaced = label.replace("-", " ")
            score, text = max((matcher.match(label), label), (matcher.match(spaced), spaced))
            if score > 0:
                yield Hit(score, _highlight(matcher, label, text), callback, text=label, help="Jump to this difference")


def differences(screen: ReaderScreen) -> list[tuple[str, Stop]]:
    """Labels for every difference, in the active pane's reading order."""
    comparison = screen.comparison
    route = screen.routes[screen.active]
    out = []
    for pos, stop in enumerate(route.stops):
        if stop.kind == "match":
            continue
        n, total = route.rank(pos, stop.kind)
        if stop.link is not None:
            what = "; ".join(ch.label() for ch in comparison.links[stop.link].changes[:2]) or "reworded"
        else:
            side: Side = "left" if stop.left else "right"
            what = comparison.doc(side).sentence_text(stop.ids(side)[0])
        out.append((f"{stop.kind} {n}/{total}: {clip(what, 90)}", stop))
    return out


def _highlight(matcher, label: str, matched: str | None = None) -> Content:
    """Like ``Matcher.highlight`` but for plain text: that one parses its input as markup, and
    these labels quote the articles. ``matched`` is the form of the label that matched (the
    same length)."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, matched or label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
