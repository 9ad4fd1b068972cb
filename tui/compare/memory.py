"""Whether a comparison fits in the memory this process may still use, checked before it
starts: one that would not is refused with a one-line message instead of ending, minutes
later, in a ``MemoryError``.

What a comparison needs grows with its texts (``needed``: figures from
``python bench/bench_memory.py``, with a margin). What is available is the least of what the
machine has free (``MemAvailable``), what this process's control group still allows (cgroup v2
or v1), and what the address-space and data-segment limits (``ulimit -v``, ``ulimit -d``) leave.

Between the stages of a large comparison, ``give_back`` hands the memory the last stage freed
back to the system: glibc keeps freed heap pages for reuse otherwise, and a later stage's peak
then stands on top of an earlier one's (about 40 MB at 10 MB of text).
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from .errors import InputError

MIB = 1024 * 1024
# Peak memory above the interpreter: FLOOR and so much per character of both texts together
# (texts whose tokens are kept cost more per character), over what ``python
# bench/bench_memory.py`` measures. Measured, above the interpreter (``--sizes 1,10,100``): 86
# MiB at 1.0 MB, 119 MiB at 10 MB and 912 MiB at 100 MB (tokens made again; 142 and 1,087 MiB
# before the aligner's data took compact forms and ``frugal``), earlier 232 MiB at 4.0 MB
# (tokens kept); estimated 138, 243, 1,616 and 281 MiB.
KEPT_BYTES_PER_CHAR = 50
MADE_AGAIN_BYTES_PER_CHAR = 16
FLOOR = 90 * MIB
# Address space a comparison takes for each byte of resident memory it adds (arenas reserved,
# files mapped): an address-space limit (``ulimit -v``) leaves room for that much less. Measured
# on three New Testaments a side (5.6 million characters): 130 MiB more resident memory needed
# ``ulimit -v`` to leave about 195 MiB.
ADDRESS_SPACE_PER_BYTE = 1.6
# Memory the process and its helper process take together for each byte of the process's own:
# the machine's free memory and a control group's limit are shared by both. ``python
# bench/bench_memory.py`` ("tree" against "peak", above the interpreter): 1.45x at 10 and 100 MB.
WITH_HELPER = 1.5
# From this many characters (both texts together) freed memory is given back between stages.
GIVE_BACK_CHARS = 1_000_000
# Blocks of this many bytes or more are mapped on their own, given back when freed (``frugal``);
# after, the bound glibc's own rule would reach at most (its DEFAULT_MMAP_THRESHOLD_MAX), since
# mallopt turns that rule off for good.
M_MMAP_THRESHOLD = -3
MMAP_BYTES = 128 * 1024
MMAP_BYTES_AFTER = 32 * MIB


def needed(chars: int, kept: bool) -> int:
    """Bytes a comparison of texts of ``chars`` characters (both together) may need."""
    return FLOOR + chars * (KEPT_BYTES_PER_CHAR if kept else MADE_AGAIN_BYTES_PER_CHAR)


def available() -> int | None:
    """Bytes this process may still allocate, or None when nothing says: the least of the
    machine's free memory and the control group's room (both shared with the helper process),
    the address-space limit's room (address space runs ahead of resident memory) and the
    data-segment limit's."""
    limits = [_share(_meminfo(), WITH_HELPER), _share(_cgroup(), WITH_HELPER),
              _share(_rlimit(resource.RLIMIT_AS, "VmSize"), ADDRESS_SPACE_PER_BYTE),
              _rlimit(resource.RLIMIT_DATA, "VmData")]
    known = [x for x in limits if x is not None]
    return min(known) if known else None


def _share(room: int | None, per_byte: float) -> int | None:
    """The part of ``room`` left for this process's own memory, when each byte of it takes
    ``per_byte`` of that room."""
    return None if room is None else int(room / per_byte)


def check(chars: int, kept: bool) -> int | None:
    """Raise ``InputError`` when a comparison of ``chars`` characters would not fit; else
    return what ``available`` said."""
    need, have = needed(chars, kept), available()
    if have is not None and need > have:
        raise InputError(f"comparing these texts ({chars / 1e6:.1f} million characters) needs about "
                         f"{need // MIB} MiB of memory and {max(0, have) // MIB} MiB is available; "
                         "compare shorter texts or free some memory")
    return have


def give_back() -> None:
    """Return freed heap memory to the system, where the C library can (glibc's
    ``malloc_trim``); elsewhere nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextmanager
def frugal(yes: bool = True) -> Iterator[None]:
    """Inside (when ``yes``), the C library gives every block of ``MMAP_BYTES`` or more back to
    the system as soon as it is freed (glibc's ``mallopt``; elsewhere nothing). Otherwise glibc
    raises that bound to the largest block freed so far, and a book's arrays of a few MB are
    then carved from the heap, whose holes stay resident beside what the next stage holds.
    It costs time (each such block is mapped afresh): for texts where memory is what limits."""
    mallopt = _mallopt() if yes else None
    if mallopt is None:
        yield
        return
    mallopt(M_MMAP_THRESHOLD, MMAP_BYTES)
    try:
        yield
    finally:
        mallopt(M_MMAP_THRESHOLD, MMAP_BYTES_AFTER)


@lru_cache(maxsize=1)
def _mallopt():
    try:
        import ctypes

        return ctypes.CDLL(None).mallopt
    except Exception:  # not glibc, or no C library to ask
        return None


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim  # the process's own symbols: libc's, on Linux
    except Exception:  # no such function (not glibc), or no C library to ask (Windows)
        return None


def _meminfo() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup() -> int | None:
    """The memory this process's control group still allows (v2, else v1)."""
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            room = _room(f"/sys/fs/cgroup{path}", "memory.max", "memory.current")
        elif "memory" in controllers.split(","):
            room = _room(f"/sys/fs/cgroup/memory{path}", "memory.limit_in_bytes", "memory.usage_in_bytes")
        else:
            continue
        if room is not None:
            return room
    return None


def _room(folder: str, limit_file: str, usage_file: str) -> int | None:
    try:
        with open(os.path.join(folder, limit_file), encoding="ascii") as f:
            limit = f.read().strip()
        with open(os.path.join(folder, usage_file), encoding="ascii") as f:
            usage = int(f.read().strip())
    except (OSError, ValueError):
        return None
    if limit == "max" or not limit.isdigit() or int(limit) >= 1 << 60:
        return None  # no limit set (v1 writes a huge number for none)
    return int(limit) - usage


def _rlimit(which: int, status_field: str) -> int | None:
    """What a soft resource limit leaves above this process's current use of it."""
    soft, _ = resource.getrlimit(which)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(status_field + ":"):
                    return soft - int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None
