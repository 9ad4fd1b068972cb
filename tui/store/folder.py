"""The folder of saved comparisons: one lock for writers, cleaning up after writers that died,
and setting aside files that cannot be read.

Every write to the folder (a save, a file moved aside) happens while holding the folder's
lock (``.lock``, an advisory ``flock``; the system releases it when its holder dies, however
it dies). So when the lock can be taken, no writer is half way through: the temporary files
of ``atomic.write_text_atomic`` lying there are from writers that were killed, and go.
"""

from __future__ import annotations

import errno
import os
import re
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows: msvcrt locks a byte of the file instead
    fcntl = None  # type: ignore[assignment]
    import msvcrt

from . import paths

SUBDIR = "comparisons"
LOCK_NAME = ".lock"
LOCK_WAIT = 10.0  # seconds a save waits for another window's save to finish
LEGACY_TMP_AGE = 3600.0  # a temporary file without its writer's pid is stale after an hour
# ``.<target>.<pid>.<random>.tmp`` (atomic.py), or ``.<target>.<random>.tmp`` from older versions
_TMP = re.compile(r"^\..+?(?:\.(?P<pid>\d+))?\.[^.]+\.tmp$")


class StoreError(Exception):
    """A one-line, user-facing reason why notes could not be saved or read."""


class Busy(Exception):
    """The folder's lock is held by another process."""


def comparisons_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return paths.data_dir(data_dir) / SUBDIR


def reason(err: OSError) -> str:
    return err.strerror.lower() if err.strerror else str(err)


def record_files(folder: Path) -> list[Path]:
    """The records in ``folder`` in name order (temporary and moved-aside files, whose names
    start with a dot, skipped); none where the folder does not exist yet."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as err:
        raise StoreError(f"cannot list {folder}: {reason(err)}") from None


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise


@contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the folder's lock (the folder must exist). Raises ``Busy`` after ``wait`` seconds,
    ``OSError`` if the lock file cannot be made."""
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise Busy()
            time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process (or a number we cannot ask about): leave it
    return True


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files whose writer is gone: its pid (in the name) is not running, or, for a
    name without a pid, the file is over an hour old."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in names:
        m = _TMP.match(name)
        if m is None:
            continue
        path = folder / name
        pid = m.group("pid")
        if pid is not None:
            stale = int(pid) != os.getpid() and not _alive(int(pid))
        else:
            try:
                stale = time.time() - path.stat().st_mtime > LEGACY_TMP_AGE
            except OSError:
                continue
        if stale:
            out.append(path)
    return out


def clean_up(folder: Path) -> int:
    """Remove the temporary files of writers that died mid-save; returns how many. Does
    nothing while another process holds the lock (it may be writing one)."""
    if not any(_TMP.match(n) for n in _names(folder)):
        return 0
    removed = 0
    try:
        with locked(folder, wait=0):
            for path in stale_temporaries(folder):
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
    except (Busy, OSError):
        pass
    return removed


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def move_aside(path: Path) -> Path:
    """Rename an unreadable record to ``<name>.corrupt-<time>`` (never deleted)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target
