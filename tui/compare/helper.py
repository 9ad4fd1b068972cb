"""A second core for large inputs: half of a step runs in a forked copy of this process.

The engine is pure Python, so threads would not use the machine's second core. A fork does,
and costs a few milliseconds: the copy starts with everything this process has (documents,
tokens, the aligner's state) and sends back only its result, pickled through a pipe.

Used only where it is safe and pays: ``os.fork`` exists, this process runs a single thread (a
fork of a threaded process, such as the app, can copy a lock another thread holds), it is not
itself a worker of a pool (the coverage report's pool already uses every core), and the
machine has a second core. Whatever goes wrong in the copy, its half is done here instead, so
the answer is the same either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import BinaryIO, Generic, TypeVar

from .switch import Switch

A = TypeVar("A")
B = TypeVar("B")


_alone = Switch()


def alone(yes: bool = True) -> AbstractContextManager[None]:
    """No helper inside this block (when ``yes``): where memory is short, say."""
    return _alone.on(yes)


def available() -> bool:
    """Whether a forked helper may run now."""
    if _alone or not hasattr(os, "fork") or os.environ.get("SIDEBYSIDE_ONE_PROCESS"):
        return False
    if threading.active_count() != 1 or _in_a_pool():
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus > 1


def _in_a_pool() -> bool:
    """Whether this process is a worker of a ``multiprocessing`` pool (which imported it)."""
    mp = sys.modules.get("multiprocessing")
    return mp is not None and mp.parent_process() is not None


def in_two(there: Callable[[], A], here: Callable[[], B]) -> tuple[A, B]:
    """``(there(), here())``, with ``there`` run in a forked copy of this process while this one
    runs ``here``. ``there``'s result must pickle. Without a helper, both run here."""
    later = begin(there)
    try:
        mine = here()
    except BaseException:
        later.cancel()
        raise
    return later.result(), mine


class Later(Generic[A]):
    """``there()``, being worked out in a forked copy (``begin``) while this process goes on:
    ``result()`` waits for it. Without a copy, or where the copy failed, ``result()`` runs
    ``there`` here. ``cancel()`` ends a copy whose result is no longer wanted."""

    def __init__(self, there: Callable[[], A], pid: int | None = None, pipe: BinaryIO | None = None) -> None:
        self._there, self._pid, self._pipe = there, pid, pipe

    def result(self) -> A:
        if self._pid is None:
            return self._there()
        pid, self._pid = self._pid, None
        assert self._pipe is not None
        with self._pipe as pipe:
            try:
                got = _load(pipe)  # read as it is unpickled: the pickled bytes are never all held
            except BaseException:
                _reap(pid, kill=True)
                raise
        if _reap(pid) != 0 or got is _FAILED:
            return self._there()
        return got  # type: ignore[return-value]

    def cancel(self) -> None:
        if self._pid is not None:
            _reap(self._pid, kill=True)
            self._pid = None
            if self._pipe is not None:
                self._pipe.close()


def begin(there: Callable[[], A]) -> Later[A]:
    """``there()`` started in a forked copy of this process, where a helper may run (else it
    runs when its result is asked for). Its result must pickle."""
    if not available():
        return Later(there)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # or the copy would write out what is still buffered here, twice
        except (OSError, ValueError):
            pass
    read, write = os.pipe()
    # The copy's garbage collector then leaves the shared objects' pages alone. Not needed
    # where the collector is paused (a comparison pauses it), and not done where something
    # else holds objects frozen (the reader): unfreezing would hand those back too.
    freeze = gc.isenabled() and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:
        _child(read, write, there)  # (its objects stay frozen)
    if freeze:
        gc.unfreeze()
    if pid < 0:
        os.close(read)
        os.close(write)
        return Later(there)
    os.close(write)
    return Later(there, pid, os.fdopen(read, "rb"))


_FAILED = object()


def _load(pipe) -> object:
    """The copy's result from the pipe, or ``_FAILED`` when it sent none (or a part)."""
    try:
        return pickle.load(pipe)
    except Exception:
        return _FAILED


def _child(read: int, write: int, there: Callable[[], object]) -> None:
    """In the copy: run ``there``, send its result, and leave without running anything the
    parent registered to run at exit."""
    code = 1
    try:
        os.close(read)
        result = there()
        # Pickled straight into the pipe, a frame at a time: the pickled bytes are never all
        # held (a part sent before a failure is read as none: see ``_load``).
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _reap(pid: int, kill: bool = False) -> int:
    if kill:
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return 1
    return status
