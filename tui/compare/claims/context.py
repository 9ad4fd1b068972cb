"""What the claim comparison works on: the two sides of a link, the pair's context, and
small helpers every change detector shares."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass, field

from ..lexicon import STOP_WORDS
from ..model import Change
from ..normalise import MONTH_NAMES, WEEKDAY_NAMES, Token

Span = tuple[int, int]


@dataclass(slots=True)
class ClaimParams:
    detail_words: int = 3          # one-sided content words (added or dropped) that make a "detail" change
    detail_words_reworded: int = 4  # ... in a reworded stretch, beyond the words they replace
    detail_names: int = 2          # ... when a name is among them
    quote_cover: float = 0.5       # share of a one-sided quote's words the other side must have
    quote_words: int = 4           # shortest quote (in content words) that counts


@dataclass(slots=True)
class PairContext:
    """What ``judge`` needs to know about the two documents."""

    left_text: str
    right_text: str
    idf: dict[str, float]
    proper: set[str] = field(default_factory=set)  # keys written as names (capitalised mid-sentence)
    params: ClaimParams = field(default_factory=ClaimParams)
    quotes_both: bool = True  # both texts mark quotations (a translation without quote marks does not)
    # Name pairs one text systematically writes for the other (LORD/Yahweh, Elias/Elijah):
    # learned from a first pass over all links, then not reported as changes.
    aliases: set[tuple[str, str]] = field(default_factory=set)
    name_swaps: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class Side:
    text: str
    tokens: list[Token]
    keys: set[str]
    starts: set[int]  # sentence starts (a capital there proves nothing)
    # Keys of the sentences around this side of the link, or what makes them when first asked.
    _near: Container[str] | Callable[[], Container[str]] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)  # the link's sentences on this side (they need not touch)
    # The tokens' lower-cased words: a check whose cue words are none of them has nothing to find.
    lows: set[str] = field(default_factory=set)
    _token_starts: list[int] | None = field(default=None, repr=False)
    _numbers: bool | None = field(default=None, repr=False)

    def between(self, span: Span) -> list[Token]:
        """The tokens that start inside ``span``, in order (the tokens are in text order)."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        starts = self._token_starts
        return self.tokens[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]

    @property
    def near(self) -> Container[str]:
        """Keys of the sentences around this side of the link."""
        near = self._near
        if callable(near):
            near = self._near = near()
        return near

    def has_numbers(self) -> bool:
        if self._numbers is None:
            self._numbers = [t.number for t in self.tokens].count(None) != len(self.tokens)
        return self._numbers

    def within(self) -> list[Span]:
        """Where this side's text is: its sentences, or (without them) its tokens' extent."""
        if self.spans:
            return self.spans
        if not self.tokens:
            return []
        return [(self.tokens[0].start, self.tokens[-1].end)]


def clip(span: Span | None, spans: list[Span]) -> Span | None:
    """``span`` cut to the sentence its start is in: a change never reaches between sentences."""
    if span is None or not spans:
        return span
    for a, b in spans:
        if a <= span[0] < b:
            return (span[0], min(span[1], b))
    return span


def inside(inner: Span | None, outer: Span | None) -> bool:
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]

def change(kind: str, L: Side, R: Side, lspan: Span | None, rspan: Span | None, note: str = "") -> Change:
    return Change(
        kind,
        lspan,
        rspan,
        L.text[lspan[0] : lspan[1]] if lspan else "",
        R.text[rspan[0] : rspan[1]] if rspan else "",
        note,
    )


def join(a: Span | None, b: Span | None) -> Span | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def is_name(t: Token, side: Side, ctx: PairContext) -> bool:
    if not t.cap or not t.content or t.number is not None:
        return False
    if t.key in MONTH_NAMES or t.key in WEEKDAY_NAMES or t.low in STOP_WORDS:
        return False
    if t.start in side.starts:
        return t.key in ctx.proper
    return t.key in ctx.proper or t.surface.isupper()


def same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short)
