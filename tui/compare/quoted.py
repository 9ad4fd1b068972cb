"""Quotations both texts reproduce: the sentences of the two sides that quote the same words.

Reports of one event quote the same people, and a quotation is copied word for word where the
sentences around it are not ("Trump hinted at the idea of “dividing certain assets”" / "the
president said they had begun discussing “dividing up certain assets” between ..."). Two
sentences whose quoted words are mostly the same report the same statement, however little
else they share, so the aligner links them where words and meaning alone fall short.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .lexicon import quote_marks
from .normalise import Token
from .similarity import overlap

# A quotation inside one sentence: an opening mark, at least a few characters, a closing mark
# (curly marks, straight marks, or guillemets). The quoted words hold no quotation mark of any
# kind, so each try stops at the next mark and a run of opening marks is read once.
_OPEN, _CLOSE = quote_marks()
_QUOTE = re.compile(rf"[{_OPEN}]\s?([^{_OPEN}{_CLOSE}]{{3,}}?)\s?[{_CLOSE}]")

SHARED_KEYS = 2  # content keys two quotations must share ...
SHARED_DICE = 0.5  # ... and their weighted Dice: one shared word is a coincidence, a phrase is a quote
# A key quoted in more sentences than this (a formula a long text repeats) finds no partners
# by itself, so the work stays bounded however long the texts are.
MAX_POSTINGS = 64


def quoted_bag(text: str, start: int, end: int, tokens: Iterable[Token], idf: dict[str, float]) -> dict[str, float]:
    """The content keys (with their weights) inside the quotations of the sentence text[start:end]."""
    spans = [m.span(1) for m in _QUOTE.finditer(text, start, end)]
    if not spans:
        return {}
    tokens = list(tokens)
    starts = [t.start for t in tokens]  # in text order: each quotation's words found by bisection
    return {t.key: idf.get(t.key, 1.0) for a, b in spans
            for t in tokens[bisect_left(starts, a) : bisect_left(starts, b)] if t.content}


def shared_quotes(left: dict[int, dict[str, float]], right: dict[int, dict[str, float]]) -> list[tuple[int, int, float]]:
    """(left id, right id, Dice of their quoted words) of the sentences that quote the same
    words, best first, each sentence in one pair at most. ``left``/``right``: each sentence's
    quoted words (``quoted_bag``)."""
    postings: dict[str, list[int]] = {}
    for j, bag in right.items():
        for k in bag:
            postings.setdefault(k, []).append(j)
    found = []
    for i, bag in left.items():
        shared: dict[int, int] = {}
        for k in bag:
            found_in = postings.get(k, ())
            if len(found_in) <= MAX_POSTINGS:
                for j in found_in:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            if count < SHARED_KEYS:
                continue
            dice = overlap(bag, right[j]).dice
            if dice >= SHARED_DICE:
                found.append((dice, i, j))
    found.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for dice, i, j in found:
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            out.append((i, j, dice))
    return out
