"""Grouping claims in the background: the coverage view names the sources at once and the
claims of all pairs are worked out in a thread, which posts its progress, then the open
session (or the reason it failed), to the screen.

As with two texts (``comparing``), the thread is a daemon, and progress is posted only when
the bar would move or the stage changes. The pairwise comparisons themselves run in a
process pool when there are many (``compare.coverage.pairs``), so the screen stays
responsive while twenty sources are compared.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from textual.message_pump import MessagePump

from ..compare.errors import InputError
from ..compare.model import Document
from .messages import CompareFailed, Grouped, GroupingProgress

STEPS = 1000

# How much of the whole each stage takes (the pairwise comparisons are nearly all of it).
STAGE_SHARES = {"pairs": (0.0, 0.9), "grouping": (0.9, 0.95), "verdicts": (0.95, 1.0)}
STAGE_NAMES = {"pairs": "comparing every two sources", "grouping": "grouping the sentences into claims",
               "verdicts": "judging each source's wording"}


def fraction(stage: str, done: int, total: int) -> float:
    """How much of the grouping is done (0 to 1)."""
    start, end = STAGE_SHARES.get(stage, (0.0, 0.0))
    part = done / total if total > 0 else 1.0
    return start + (end - start) * min(1.0, max(0.0, part))


def describe(stage: str, done: int, total: int) -> str:
    """``comparing every two sources: 45 of 190 pairs``."""
    words = STAGE_NAMES.get(stage, stage)
    return f"{words}: {done} of {total} pairs" if stage == "pairs" and total else words


def group_in_thread(target: MessagePump, documents: Sequence[Document], data_dir=None) -> threading.Thread:
    """Start grouping ``documents`` (``CoverageSession.compare``); ``target`` receives the messages."""
    thread = threading.Thread(target=_group, args=(target, list(documents), data_dir),
                              name="sidebyside-group", daemon=True)
    thread.start()
    return thread


def _group(target: MessagePump, documents: list[Document], data_dir) -> None:
    from ..coverage_session import CoverageSession

    last: list[tuple[str, int]] = [("", -1)]

    def progress(stage: str, done: int, total: int) -> None:
        step = (stage, int(fraction(stage, done, total) * STEPS))
        if step != last[0] or stage == "pairs":
            last[0] = step
            target.post_message(GroupingProgress(stage, done, total))

    try:
        session = CoverageSession.compare(documents, data_dir, progress=progress)
    except InputError as err:
        target.post_message(CompareFailed(str(err)))
        return
    except Exception as err:  # a bug: say so in one line rather than leave the view waiting
        target.post_message(CompareFailed(f"grouping the claims failed ({type(err).__name__}: {err})"))
        return
    target.post_message(Grouped(session))
