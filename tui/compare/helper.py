"""A second core for large inputs: half of a step runs in a forked copy of this process.

The engine is pure Python, so threads would not use the machine's second core. A fork does,
and costs a few milliseconds: the copy starts with everything this process has (documents,
tokens, the aligner's state) and sends back only its result, pickled through a pipe.

Used only where it is safe and pays: ``os.fork`` exists, this process runs a single thread (a
fork of a threaded process, such as the app, can copy a lock another thread holds), it is not
itself a worker of a pool (the coverage report's pool already uses every core), and the
machine has a second core. Whatever goes wrong in the copy, its half is done here instead, so
the answer is the same either way.

Two forms: ``in_two``/``begin`` send back one result when the copy is done; ``in_batches``
works through numbered batches in the copy while this process goes on with other work and then
takes batches from the end for itself until the two meet. There each batch's result is pickled
into an unnamed file in memory as it is made (a pipe would fill while this process is busy),
and a small shared map holds how far the copy has got and where it must stop, and notes this
process writes for the copy as it goes. A copy that must wait for the notes sleeps on a pipe
this process writes to once they are in; as this process ends, its end of the pipe closes, and
that wakes the copy too.
"""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import select
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import partial
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
    forked = _fork_piped(there)
    if forked is None:
        return Later(there)
    pid, (pipe,) = forked
    return Later(there, pid, pipe)


class Telling(Later[A]):
    """A ``Later`` whose copy also tells this process one thing early (``begin_telling``):
    ``told()`` waits for it."""

    def __init__(self, there: Callable[[], A], pid: int | None = None, pipe: BinaryIO | None = None,
                 early: BinaryIO | None = None) -> None:
        super().__init__(there, pid, pipe)
        self._early = early

    def told(self) -> object | None:
        """What the copy told, or None where it told nothing (no copy, or it failed first)."""
        if self._early is None:
            return None
        with self._early as early:
            self._early = None
            got = _load(early)
        return None if got is _FAILED else got

    def cancel(self) -> None:
        super().cancel()
        if self._early is not None:
            self._early.close()
            self._early = None


def begin_telling(there: Callable[[Callable[[object], None]], A]) -> Telling[A]:
    """``begin``, with ``there`` given a ``tell(value)`` it may call once, early: the copy
    sends ``value`` at once, for this process's ``told()``. Where ``there`` runs here instead,
    ``tell`` does nothing (``told()`` gives None; ask it before ``result()``)."""
    here = partial(there, _tell_nothing)
    forked = _fork_piped(partial(_telling, there), early=True)
    if forked is None:
        return Telling(here)
    pid, (pipe, early) = forked
    return Telling(here, pid, pipe, early)


def _tell_nothing(value: object) -> None:
    pass


def _telling(there: Callable[[Callable[[object], None]], A], early: int) -> A:
    """In the copy: ``there(tell)``, where ``tell`` sends its value down the pipe ``early``."""

    def tell(value: object) -> None:
        with os.fdopen(early, "wb") as pipe:
            pickle.dump(value, pipe, protocol=pickle.HIGHEST_PROTOCOL)

    return there(tell)


def _fork_piped(there: Callable[..., object], early: bool = False) -> tuple[int, list[BinaryIO]] | None:
    """A forked copy of this process that runs ``there()`` and sends its result down a pipe,
    where a helper may run: the copy's id and the pipe's reading end, or None where no helper
    may run or the fork failed. ``early``: a second pipe, for what the copy tells before its
    result: ``there`` is given its writing end, and its reading end comes second."""
    if not available():
        return None
    pipes = [os.pipe() for _ in range(2 if early else 1)]
    reads, writes = [r for r, _ in pipes], [w for _, w in pipes]
    pid = _fork(lambda: _child(reads, writes[0], partial(there, *writes[1:])))
    if pid is None:
        for fd in reads + writes:
            os.close(fd)
        return None
    for fd in writes:
        os.close(fd)
    return pid, [os.fdopen(fd, "rb") for fd in reads]


def _fork(child: Callable[[], None]) -> int | None:
    """The id of a forked copy of this process that runs ``child`` and leaves with ``os._exit``
    (nothing this process registered to run at exit runs there), or None where the fork failed."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # or the copy would write out what is still buffered here, twice
        except (OSError, ValueError):
            pass
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
        try:
            child()  # (its objects stay frozen)
        finally:
            os._exit(1)  # (never back into this process's code, even where ``child`` raised)
    if freeze:
        gc.unfreeze()
    return pid if pid > 0 else None


_FAILED = object()


def _load(pipe) -> object:
    """The copy's result from the pipe, or ``_FAILED`` when it sent none (or a part)."""
    try:
        return pickle.load(pipe)
    except Exception:
        return _FAILED


def _child(reads: list[int], write: int, there: Callable[[], object]) -> None:
    """In the copy: close the pipes' reading ends (``reads``, the parent's), run ``there``, send
    its result down ``write``, and leave without running anything the parent registered to run
    at exit."""
    code = 1
    try:
        for fd in reads:
            os.close(fd)
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


def in_batches(work: Callable[[int, Notes], A], count: int, notes: int = 0) -> Batches[A] | None:
    """``work(0, notes)``, ``work(1, notes)``, ... up to batch ``count - 1`` started in a forked
    copy of this process, in order, each result kept as it is made (see ``Batches``). ``notes``:
    that many bytes, zero at first, which this process may write (``Batches.notes``, then
    ``Batches.notes_in``) and the copy's ``work`` read as it goes (``Notes``). None where no
    helper may run: the caller does the work itself. The results must pickle."""
    if count <= 0 or not available():
        return None
    opened: list[int] = []
    try:
        opened.append(_scratch_file())
        opened += os.pipe()
        shared = mmap.mmap(-1, _NOTES + notes)  # anonymous, and shared with the copy
    except OSError:
        for fd in opened:
            os.close(fd)
        return None
    fd, bell, ring = opened
    _put(shared, _STOP, count)
    parent = os.getpid()
    pid = _fork(lambda: _batches_child(fd, shared, work, count, Notes(shared, bell, parent), ring))
    if pid is None:
        for f in opened:
            os.close(f)
        shared.close()
        return None
    os.close(bell)
    return Batches(pid, fd, shared, ring)


# The words shared with a copy working through batches: how many it has done, the batch it must
# not start (lowered by this process as it takes batches from the end), and whether the notes
# are in; the notes after.
_DONE, _STOP, _IN, _NOTES = 0, 4, 8, 12
PARENT_CHECK = 0.5  # seconds between a waiting copy's looks at whether this process is still there


class Notes:
    """In the copy working through batches: the bytes this process writes for it (``view``,
    ``Batches.notes``), and whether it has said they are all in (``Batches.notes_in``)."""

    def __init__(self, shared: mmap.mmap, bell: int, parent: int) -> None:
        self.view = memoryview(shared)[_NOTES:]
        self._shared, self._bell, self._parent = shared, bell, parent

    @property
    def are_in(self) -> bool:
        return _get(self._shared, _IN) != 0

    def wait(self) -> None:
        """Until the notes are in, or RuntimeError once the process that started this copy is
        gone. Either wakes it at once (this process writes to the bell, or its end of the bell
        closes as it ends), unless another copy of that process still holds that end: then it
        is seen within ``PARENT_CHECK`` seconds."""
        poll = select.poll()
        poll.register(self._bell, select.POLLIN)
        while not self.are_in:
            if os.getppid() != self._parent:
                raise RuntimeError("the process that started this helper is gone")
            poll.poll(PARENT_CHECK * 1000)


class Batches(Generic[A]):
    """Batches being worked out in order by a forked copy (``in_batches``). Meanwhile this
    process may take batches from the end for itself (``take_last``); then ``results()`` waits
    for the copy to stop and gives what it made of the batches below ``stop``. Any batch below
    ``stop`` missing from them (the copy failed or was killed) is this process's to do. The
    copy reads ``stop`` before it starts each batch and this process writes it without a lock:
    a stale read makes a batch be worked out twice, never skipped."""

    def __init__(self, pid: int, fd: int, shared: mmap.mmap, ring: int) -> None:
        self._pid: int | None = pid
        self._fd: int | None = fd
        self._shared = shared
        self._ring: int | None = ring  # the bell's end this process writes to
        self._at = 0  # where in the file the next result starts

    @property
    def stop(self) -> int:
        return _get(self._shared, _STOP)

    @property
    def notes(self) -> memoryview:
        """The notes the copy's ``work`` reads (a note it has not yet seen may come too late)."""
        return memoryview(self._shared)[_NOTES:]

    def notes_in(self) -> None:
        """Tell the copy the notes are all written: one that waits for them goes on."""
        _put(self._shared, _IN, 1)  # (after the notes: a copy that sees this sees them)
        self._close_bell(ring=True)

    def _close_bell(self, ring: bool = False) -> None:
        if self._ring is not None:
            if ring:
                try:
                    os.write(self._ring, b"\x01")
                except OSError:  # (the copy is gone)
                    pass
            os.close(self._ring)
            self._ring = None

    @property
    def done(self) -> int:
        """How many batches the copy has made (it may be making the next)."""
        return _get(self._shared, _DONE)

    def take_last(self) -> int | None:
        """The last batch the copy has not begun, now this process's (the copy starts no batch
        from there on); None once the copy is at its last one."""
        stop = self.stop
        if self._pid is None or stop - self.done <= 1:
            return None
        _put(self._shared, _STOP, stop - 1)
        return stop - 1

    def made(self) -> Iterator[tuple[int, A]]:
        """``(batch, result)`` for the batches the copy has made since last asked, in order,
        while it goes on (``results`` then gives the rest)."""
        yield from self._read(min(self.done, self.stop))

    def results(self) -> Iterator[tuple[int, A]]:
        """``(batch, result)`` for the batches below ``stop`` the copy made that ``made`` has
        not given, in order, once it has stopped: unpickled one at a time (never all held)."""
        try:
            if self._pid is not None:
                _reap(self._pid)  # (interrupted while it waits: ``cancel`` below kills and reaps it)
                self._pid = None
            yield from self._read(self.stop)
        finally:
            self.cancel()

    def _read(self, below: int) -> Iterator[tuple[int, A]]:
        for k, result, after in _frames(self._fd, self._at):
            if k >= below:
                return
            self._at = after
            yield k, result

    def cancel(self) -> None:
        """End the copy, if it is still at work, and let what it sent go."""
        if self._pid is not None:
            _reap(self._pid, kill=True)
            self._pid = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._close_bell()


def _batches_child(fd: int, shared: mmap.mmap, work: Callable[[int, Notes], object], count: int, notes: Notes,
                   ring: int) -> None:
    """In the copy: each batch below ``stop`` in turn, its result appended to the scratch
    file (its length, then its pickle) before it counts as done. ``ring``: the parent's end of
    the bell, closed here so that the bell closes as the parent ends."""
    code = 1
    try:
        os.close(ring)
        for k in range(count):
            if k >= _get(shared, _STOP):
                break
            data = pickle.dumps((k, work(k, notes)), protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(fd, len(data).to_bytes(8, "little"))
            _write_all(fd, data)
            _put(shared, _DONE, k + 1)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _frames(fd: int | None, at: int) -> Iterator[tuple[int, object, int]]:
    """What ``_batches_child`` wrote from ``at`` on, up to the first frame that is not whole:
    ``(batch, result, where the next frame starts)``."""
    while fd is not None:
        head = os.pread(fd, 8, at)
        if len(head) < 8:
            return
        size = int.from_bytes(head, "little")
        body = _pread_all(fd, size, at + 8)
        if len(body) < size:
            return
        try:
            got = pickle.loads(body)
        except Exception:
            return
        del body
        at += 8 + size
        yield (*got, at)


def _pread_all(fd: int, size: int, at: int) -> bytes:
    parts = []
    while size > 0:
        part = os.pread(fd, size, at)
        if not part:
            break
        parts.append(part)
        size -= len(part)
        at += len(part)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _scratch_file() -> int:
    """An unnamed file for a copy's results: in memory where the system makes one."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("sidebyside-helper", os.MFD_CLOEXEC)
        except OSError:
            pass
    import tempfile

    with tempfile.TemporaryFile() as f:
        return os.dup(f.fileno())


def _get(shared: mmap.mmap, at: int) -> int:
    return struct.unpack_from("<i", shared, at)[0]


def _put(shared: mmap.mmap, at: int, value: int) -> None:
    struct.pack_into("<i", shared, at, value)


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
