"""What the app tests wait with: a deadline in seconds for a condition, and a gate that holds
a real comparison or grouping at one stage so a test can look at the screen meanwhile."""

from __future__ import annotations

import threading
import time


class Gate:
    """Wraps ``session_class.compare`` (``Session`` or ``CoverageSession``) so the engine stops
    at ``stage`` until ``release()``."""

    def __init__(self, monkeypatch, session_class, stage: str) -> None:
        self.stage = stage
        self.reached = threading.Event()
        self.go = threading.Event()
        real = session_class.compare.__func__

        def compare(cls, documents, data_dir=None, *, progress=None, **options):
            def held(s, done, total):
                if progress is not None:
                    progress(s, done, total)
                if s == self.stage and done == 0:
                    self.reached.set()
                    self.go.wait(30)
            return real(cls, documents, data_dir, progress=held, **options)

        monkeypatch.setattr(session_class, "compare", classmethod(compare))

    def release(self) -> None:
        self.go.set()


async def wait_until(pilot, condition, seconds: float = 60) -> None:
    """Let the app run until ``condition()`` holds; a deadline in seconds, not a count of
    pauses, so a loaded machine (a CI runner, the suite on every core) only makes it slower."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the condition never came true in {seconds} s")
        await pilot.pause(0.02)
