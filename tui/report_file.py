"""Writing a report to the file the user named with ``--output``, the way they meant it.

- The file must not be one of the inputs (by name, symlink or hard link, or standard input
  redirected from it): that would replace a text with its own report.
- A regular file is replaced atomically (a temporary file beside it, fsync, rename), so an
  interrupted write leaves the old file whole. A symlink is followed: its target is written and
  the link stays. An existing file keeps its mode (and owner, where allowed); a new one gets the
  mode the umask gives (0644 under the usual 022), as a shell redirection would.
- A FIFO, a character device (``/dev/stdout``, ``/dev/null``, a terminal) or a socket is written
  as a stream. A directory or a block device is refused.
- A file with other hard links, or in a folder we may not create files in, is rewritten in place.
Every failure is an ``OutputError`` with a one-line message.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .visible import one_line


class OutputError(Exception):
    """A one-line reason why the report was not written."""


def write_report(path: str, text: str | Iterable[str], inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (a string, or its pieces as they are made) to ``path``."""
    data = _encoded([text] if isinstance(text, str) else text)
    name = one_line(path)
    try:
        st = os.stat(path)  # follows symlinks: what the name leads to
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise OutputError(f"{name}: cannot write ({_reason(err)})") from None
    if st is not None and _is_an_input(st, inputs):
        raise OutputError(f"{name}: is one of the texts being compared; choose another --output file")
    try:
        if st is None:
            _replace(os.path.realpath(path), data, None)
        elif stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{name}: is a directory")
        elif stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISSOCK(st.st_mode):
            _stream(path, data)
        elif not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{name}: is a device, not a file; choose a file to write the report to")
        elif st.st_nlink > 1:
            _in_place(path, data)
        else:
            _replace(os.path.realpath(path), data, st)
    except OSError as err:
        raise OutputError(f"{name}: cannot write ({_reason(err)})") from None


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _is_an_input(st: os.stat_result, inputs: Iterable[str]) -> bool:
    for spec in inputs:
        try:
            if spec == "-":
                other = os.fstat(0)
                if not stat.S_ISREG(other.st_mode):
                    continue
            elif spec.lower().startswith(("http://", "https://")):
                continue
            else:
                other = os.stat(spec)
        except OSError:
            continue
        if os.path.samestat(st, other):
            return True
    return False


def _encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    for piece in pieces:
        yield piece.encode("utf-8")


def _write(f: BinaryIO, data: Iterable[bytes]) -> None:
    for chunk in data:
        f.write(chunk)


def _stream(path: str, data: Iterable[bytes]) -> None:
    with open(path, "wb") as f:
        _write(f, data)


def _in_place(path: str, data: Iterable[bytes]) -> None:
    with open(path, "wb") as f:
        _write(f, data)
        f.flush()
        os.fsync(f.fileno())


def _replace(target: str, data: Iterable[bytes], st: os.stat_result | None) -> None:
    """Write ``target`` through a temporary file beside it; keep the mode of the file it replaces."""
    folder = os.path.dirname(target) or "."
    try:
        fd, tmp = _temporary(folder, os.path.basename(target), 0o600 if st else 0o666)
    except PermissionError:
        if st is None:
            raise
        _in_place(target, data)  # the file may be written although its folder may not
        return
    try:
        if st is not None:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except OSError:
                pass  # another owner: the file becomes ours, as with any editor's save
        with os.fdopen(fd, "wb") as f:
            _write(f, data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new file beside the target; ``mode`` goes through the umask as for any new file."""
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _sync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
