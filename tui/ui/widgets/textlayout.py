"""Wrapping a document into display lines for a pane, by character offsets (no Textual here).

A display line is a ``Line``: a ``(start, end)`` span of the document's text, or a blank line
between paragraphs, or a fold standing for a run of matching sentences. Every line keeps
offsets into ``Document.text`` so highlights, clicks and notes never re-find strings.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.cells import cell_len

from ...visible import BIDI

# C0 and C1 controls, DEL, bidi controls (they would reorder the row), and the Unicode
# line/paragraph separators (they would break a row).
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}]")
_VISIBLE = {"\x1b": "␛", "\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "}
_WORD = re.compile(r"\S+")


def display_safe(text: str) -> str:
    """Replace control characters one for one, so offsets stay valid and nothing reaches the
    terminal as an escape sequence (ESC shows as ␛, other codes as �)."""
    return _CONTROL.sub(lambda m: _VISIBLE.get(m.group(), "\ufffd"), text)


@dataclass(frozen=True, slots=True)
class Line:
    kind: str        # "text" | "blank" | "fold"
    start: int = 0
    end: int = 0
    sentence: int = -1   # the sentence that starts on this line (text), or the first folded one
    folded: int = 0      # how many sentences a fold stands for


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into spans no wider than ``width`` cells."""
    width = max(1, width)
    out: list[tuple[int, int]] = []
    line_start = None
    line_end = start
    used = 0
    for m in _WORD.finditer(text, start, end):
        a, b = m.span()
        word = m.group()
        w = len(word) if word.isascii() else cell_len(display_safe(word))
        if line_start is not None and used + 1 + w <= width:
            used += 1 + w
            line_end = b
            continue
        if line_start is not None:
            out.append((line_start, line_end))
        while w > width:  # a word longer than the line: cut it
            cut = a + _fit(text, a, b, width)
            out.append((a, cut))
            a = cut
            w = cell_len(display_safe(text[a:b]))
        line_start, line_end, used = a, b, w
    if line_start is not None:
        out.append((line_start, line_end))
    return out


def _fit(text: str, a: int, b: int, width: int) -> int:
    n, used = 0, 0
    for ch in text[a:b]:
        w = cell_len(display_safe(ch))
        if used + w > width and n:
            break
        used += w
        n += 1
    return n


def layout(doc, verdicts: list[str], width: int, folded: bool) -> list[Line]:
    """Lines for a document: every unit (sentence, headline, dateline ...) starts a line of
    its own, so the gutter shows each unit's mark; paragraphs are parted by a blank line. With
    ``folded``, each run of matching units is one line and there are no blank lines. A
    document not segmented yet (the comparison is still running) is shown as it is written."""
    sentences = doc.sentences
    if not sentences:
        return plain_layout(doc.text, width)
    text = doc.text
    lines: list[Line] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        if folded and verdicts[s.id] == "match":
            j = i
            while j < len(sentences) and verdicts[sentences[j].id] == "match":
                j += 1
            lines.append(Line("fold", s.start, sentences[j - 1].end, s.id, j - i))
            i = j
            continue
        if not folded and i and s.paragraph != sentences[i - 1].paragraph:
            lines.append(Line("blank"))
        for a, b in wrap_span(text, s.start, s.end, width):
            lines.append(Line("text", a, b, s.id if a == s.start else -1))
        i += 1
    return lines


def plain_layout(text: str, width: int) -> list[Line]:
    """The text's lines wrapped to ``width``, a blank line for each run of blank lines."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        spans = wrap_span(text, a, b, width)
        if not spans:
            if lines and lines[-1].kind != "blank":
                lines.append(Line("blank"))
            continue
        lines.extend(Line("text", x, y) for x, y in spans)
    while lines and lines[-1].kind == "blank":
        lines.pop()
    return lines


class SentenceIndex:
    """Which sentence holds a character offset."""

    def __init__(self, doc) -> None:
        self.starts = [s.start for s in doc.sentences]
        self.ends = [s.end for s in doc.sentences]

    def at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.ends[k]:
            return k
        return None

    def nearest(self, offset: int) -> int | None:
        if not self.starts:
            return None
        k = bisect.bisect_right(self.starts, offset) - 1
        return max(0, k)


class Intervals:
    """A sorted set of non-overlapping character spans, asked 'is this offset inside?'."""

    def __init__(self, spans) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(s for s in spans if s[0] < s[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]

    def cuts(self, a: int, b: int) -> list[int]:
        """Span boundaries strictly inside ``(a, b)``."""
        out = []
        k = max(0, bisect.bisect_right(self.starts, a) - 1)
        while k < len(self.starts) and self.starts[k] < b:
            for x in (self.starts[k], self.ends[k]):
                if a < x < b:
                    out.append(x)
            k += 1
        return out
