"""Comparing in the background: the reader shows both texts at once and the engine runs in a
thread, posting its progress, then the open session (or the reason it failed), to the screen.

The thread is a daemon: quitting while a long pair is still being aligned does not wait for
it. Progress is posted only when the bar would move (a thousandth of the whole) or the stage
changes, so a long alignment does not flood the screen with messages.
"""

from __future__ import annotations

import threading

from textual.message_pump import MessagePump

from ..compare.errors import InputError
from ..compare.model import Document
from .messages import CompareFailed, Compared, ComparisonProgress

STEPS = 1000


def compare_in_thread(target: MessagePump, documents: tuple[Document, Document], data_dir=None) -> threading.Thread:
    """Start comparing ``documents`` (``Session.compare``); ``target`` receives the messages."""
    thread = threading.Thread(target=_compare, args=(target, documents, data_dir),
                              name="sidebyside-compare", daemon=True)
    thread.start()
    return thread


def _compare(target: MessagePump, documents: tuple[Document, Document], data_dir) -> None:
    from ..progress import fraction
    from ..session import Session

    last: list[tuple[str, int]] = [("", -1)]

    def progress(stage: str, done: int, total: int) -> None:
        step = (stage, int(fraction(stage, done, total) * STEPS))
        if step != last[0]:
            last[0] = step
            target.post_message(ComparisonProgress(stage, done, total))

    try:
        session = Session.compare(documents, data_dir, progress=progress)
    except InputError as err:
        target.post_message(CompareFailed(str(err)))
        return
    except Exception as err:  # a bug: say so in one line rather than leave the reader waiting
        target.post_message(CompareFailed(f"the comparison failed ({type(err).__name__}: {err})"))
        return
    target.post_message(Compared(session))
