"""Comparing in the background: the reader shows both texts at once and the engine runs in a
thread, posting its progress, then the open session (or the reason it failed), to the screen.

The thread is a daemon: quitting while a long pair is still being aligned does not wait for
it, and opening another comparison meanwhile ends it at its next step (it would only take the
CPU from the new one). Progress is posted only when the bar would move (a thousandth of the whole) or the stage
changes (``background``), so a long alignment does not flood the screen with messages.
"""

from __future__ import annotations

import threading

from textual.message_pump import MessagePump

from ..compare.model import Document
from .background import Throttled, post_outcome
from .messages import Compared, ComparisonProgress


class Abandoned(Exception):
    """The reader that waited for the comparison has gone (another comparison was opened)."""


def compare_in_thread(target: MessagePump, documents: tuple[Document, Document], data_dir=None,
                      abandon: threading.Event | None = None) -> threading.Thread:
    """Start comparing ``documents`` (``Session.compare``); ``target`` receives the messages.
    Once ``abandon`` is set the comparison ends at its next step, quietly."""
    thread = threading.Thread(target=_compare, args=(target, documents, data_dir, abandon),
                              name="sidebyside-compare", daemon=True)
    thread.start()
    return thread


def _compare(target: MessagePump, documents: tuple[Document, Document], data_dir,
             abandon: threading.Event | None) -> None:
    from ..progress import fraction
    from ..session import Session

    throttled = Throttled(target, ComparisonProgress, fraction)

    def progress(stage: str, done: int, total: int) -> None:
        if abandon is not None and abandon.is_set():
            raise Abandoned
        throttled(stage, done, total)

    post_outcome(target, lambda: Session.compare(documents, data_dir, progress=progress), Compared,
                 "the comparison", quiet=(Abandoned,))
