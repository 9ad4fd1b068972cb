"""Comparing in the background: the reader shows both texts at once and the engine runs in a
thread, posting its progress, then the open session (or the reason it failed), to the screen.

The thread is a daemon: quitting while a long pair is still being aligned does not wait for
it. Progress is posted only when the bar would move (a thousandth of the whole) or the stage
changes (``background``), so a long alignment does not flood the screen with messages.
"""

from __future__ import annotations

import threading

from textual.message_pump import MessagePump

from ..compare.model import Document
from .background import Throttled, post_outcome
from .messages import Compared, ComparisonProgress


def compare_in_thread(target: MessagePump, documents: tuple[Document, Document], data_dir=None) -> threading.Thread:
    """Start comparing ``documents`` (``Session.compare``); ``target`` receives the messages."""
    thread = threading.Thread(target=_compare, args=(target, documents, data_dir),
                              name="sidebyside-compare", daemon=True)
    thread.start()
    return thread


def _compare(target: MessagePump, documents: tuple[Document, Document], data_dir) -> None:
    from ..progress import fraction
    from ..session import Session

    progress = Throttled(target, ComparisonProgress, fraction)
    post_outcome(target, lambda: Session.compare(documents, data_dir, progress=progress), Compared,
                 "the comparison")
