"""A process-wide setting that is on while any block that asked for it runs.

Comparisons can overlap in one process (the app compares in worker threads), so a block may not
put back the value it saw on entry: a block that began before another one and ends after it would
leave the setting as the other one found it. A count of the blocks that asked for it is kept
instead."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Switch:
    """On while at least one ``on()`` block that asked for it is running."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return self._count > 0

    @contextmanager
    def on(self, yes: bool = True) -> Iterator[None]:
        """Inside this block (when ``yes``) the switch is on."""
        if not yes:
            yield
            return
        with self._lock:
            self._count += 1
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1
