"""Grouping claims in the background: the coverage view names the sources at once and the
claims of all pairs are worked out in a thread, which posts its progress, then the open
session (or the reason it failed), to the screen.

As with two texts (``comparing``), the thread is a daemon, and progress is posted only when
the bar would move or the stage changes. The pairwise comparisons themselves run in a
process pool when there are many (``compare.coverage.pairs``), so the screen stays
responsive while twenty sources are compared.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence

from textual.message_pump import MessagePump

from ..compare.coverage.pairs import Stop, Stopped
from ..compare.model import Document
from .background import Throttled, post_outcome
from .messages import Grouped, GroupingProgress

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


def group_in_thread(target: MessagePump, documents: Sequence[Document], data_dir=None,
                    stop: Stop | None = None) -> threading.Thread:
    """Start grouping ``documents`` (``CoverageSession.compare``); ``target`` receives the
    messages, and ``stop()`` ends the grouping early (quitting need not wait for the pool's
    pairs). Call it from the app's thread (see ``start_process_servers``)."""
    start_process_servers(len(documents))
    thread = threading.Thread(target=_group, args=(target, list(documents), data_dir, stop),
                              name="sidebyside-group", daemon=True)
    thread.start()
    return thread


def start_process_servers(sources: int) -> None:
    """Start the fork server the pool of workers will come from, when there will be one.

    Textual captures ``sys.stderr`` with a stand-in whose ``fileno()`` is -1, and
    multiprocessing's fork server and resource tracker hand that descriptor to the processes
    they start: from inside the app they fail ("bad value(s) in fds_to_keep"). They are
    started here with the real standard error, in the app's thread (so no other code of
    ours runs while ``sys.stderr`` is swapped); they take a few milliseconds to start.
    """
    from ..compare.coverage.pairs import pool_size, server_context

    if pool_size(sources * (sources - 1) // 2) <= 1:
        return
    context = server_context()  # what the worker thread's pool will use
    if context.get_start_method() != "forkserver" or sys.__stderr__ is None:
        return
    from multiprocessing import forkserver

    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        forkserver.ensure_running()
    finally:
        sys.stderr = captured


def _group(target: MessagePump, documents: list[Document], data_dir, stop: Stop | None) -> None:
    from ..coverage_session import CoverageSession

    progress = Throttled(target, GroupingProgress, fraction, every_call=("pairs",))
    post_outcome(target, lambda: CoverageSession.compare(documents, data_dir, progress=progress, stop=stop),
                 Grouped, "grouping the claims", quiet=(Stopped,))
