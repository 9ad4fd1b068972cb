"""What the reader's comparing and the coverage view's grouping share: a worker thread's
progress posted to the screen only when its bar would move, and the thread's outcome (the open
session, or why it failed, in one line) posted as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from ..compare.errors import InputError
from .messages import CompareFailed

STEPS = 1000


class Throttled:
    """A progress callback (``stage, done, total``) that posts ``message(stage, done, total)``
    when the stage changes or the bar moves by a thousandth of the whole (``fraction``), and
    at every call of the stages named in ``every_call``."""

    def __init__(self, target: MessagePump, message: Callable[[str, int, int], Message],
                 fraction: Callable[[str, int, int], float], every_call: tuple[str, ...] = ()) -> None:
        self.target, self.message, self.fraction, self.every_call = target, message, fraction, every_call
        self.last: tuple[str, int] = ("", -1)

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = (stage, int(self.fraction(stage, done, total) * STEPS))
        if step != self.last or stage in self.every_call:
            self.last = step
            self.target.post_message(self.message(stage, done, total))


def post_outcome(target: MessagePump, work: Callable[[], Any], done: Callable[[Any], Message], what: str,
                 quiet: tuple[type[BaseException], ...] = ()) -> None:
    """Run ``work`` and post ``done(result)``, or ``CompareFailed`` with one line; nothing
    when it ends with one of ``quiet`` (nobody waits for it any more)."""
    try:
        result = work()
    except quiet:
        return
    except InputError as err:
        target.post_message(CompareFailed(str(err)))
        return
    except Exception as err:  # a bug: say so in one line rather than leave the screen waiting
        target.post_message(CompareFailed(f"{what} failed ({type(err).__name__}: {err})"))
        return
    target.post_message(done(result))
