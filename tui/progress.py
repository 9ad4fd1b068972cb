"""How far a comparison is: the engine's ``progress(stage, done, total)`` calls as a fraction
of the whole and in words, for the reader's progress bar and the report's line on standard
error. No Textual here, and no engine import until the engine is running.

``TerminalProgress`` is the report's line: silent for a comparison that ends within
``DELAY`` seconds (the sample pair takes a few hundredths), then one line on standard error,
redrawn in place and wiped when the comparison is done, so the report itself (on standard
output or in a file) never holds it.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

# What each stage of the engine (``compare.engine.STAGES``) is doing, for a reader.
STAGE_NAMES = {
    "segment": "finding the sentences",
    "normalise": "reading the words",
    "align": "aligning the sentences",
    "judge": "comparing the claims",
}

DELAY = 0.5  # seconds of work before the report's progress line appears


def fraction(stage: str, done: int, total: int) -> float:
    """How much of the whole comparison is done (0 to 1), each stage counting alike."""
    from .compare.engine import STAGES

    if stage not in STAGES:
        return 0.0
    part = done / total if total > 0 else 1.0
    return (STAGES.index(stage) + min(1.0, max(0.0, part))) / len(STAGES)


def describe(stage: str, done: int, total: int) -> str:
    """``aligning the sentences (45%)``: the stage in words and the whole's percentage."""
    return f"{STAGE_NAMES.get(stage, stage)} ({fraction(stage, done, total):.0%})"


class TerminalProgress:
    """A progress callback that draws one line on a terminal (``stream``), after ``delay``
    seconds, at most ``rate`` times a second; ``close()`` wipes it."""

    def __init__(self, stream: TextIO | None = None, delay: float | None = None, rate: float = 10.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.delay = DELAY if delay is None else delay
        self.interval = 1.0 / rate
        self.last = 0.0
        self.shown = False

    @staticmethod
    def wanted(*streams: TextIO) -> bool:
        """Only when every one of ``streams`` is a terminal (the user is watching)."""
        return all(_is_terminal(s) for s in streams)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < self.interval:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[2Ksidebyside: {describe(stage, done, total)}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
