"""Python's cycle collector paused while a comparison runs.

A comparison makes hundreds of thousands of small objects that live until it ends (tokens,
bags, links) and almost no cycles (about 300 unreachable objects after the New Testament pair).
The collector's full passes walk every one of those objects again and again as they pile up:
about a seventh of the engine's time on a book. Paused, nothing is walked; what cycles there
are wait for the next full collection. Calls may nest and may come from
several threads at once: the collector runs again when the last of them has ended, and only
if it ran before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": False}


@contextmanager
def paused() -> Iterator[None]:
    with _lock:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                _promote()
                gc.enable()


def _promote() -> None:
    """Everything made while paused joins the oldest generation at once (freeze, then unfreeze:
    two list splices), so the first collection after the pause does not walk it all as young
    objects. Only when nothing else holds objects frozen (the reader freezes its comparison):
    unfreezing would hand those back to the collector too."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
