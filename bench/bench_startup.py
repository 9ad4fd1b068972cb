"""Process start → first frame, in a pseudo-terminal, as a user waits for it.

usage: python bench/bench_startup.py [--runs N] [--size COLSxROWS] [--aligned] [LEFT RIGHT]

Starts the real ``sidebyside LEFT RIGHT`` command (default: the sample pair) in a pseudo-terminal
of the given size and times how long it takes until both articles' first words are on the screen.
Beside it, in the same run, it times a bare Textual app that shows one line (the floor any
Textual program pays: interpreter, imports, terminal set-up, first frame), and prints both
medians and their ratio. Runs alternate between the two so drift in the machine's speed hits
both alike.

With ``--aligned`` it also times, in separate runs, how long until the comparison is on screen
(the status line's ``left 1/N``, which replaces the progress bar): what a book-length pair
such as ../shared/bench/bible/nt.kjv.txt nt.web.txt makes the user wait for its colours.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import fcntl
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare textual app ready")

Bare().run()
"""

_ESCAPES = re.compile(rb"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def screen_text(raw: bytes) -> str:
    """What the terminal output says once its escape sequences are dropped."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


def time_to_screen(argv: list[str], markers: list[str], size: tuple[int, int], timeout: float = 60.0) -> float:
    """Seconds from fork to the moment every marker has been written to the terminal."""
    cols, rows = size
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the command
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("TEXTUAL", None)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    raw = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
            text = screen_text(raw)
            if all(m in text for m in markers):
                elapsed = time.perf_counter() - start
                break
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        tail = screen_text(raw)[-400:]
        raise SystemExit(f"no first frame within {timeout:.0f} s for {' '.join(argv)}; the terminal showed: {tail!r}")
    return elapsed


def first_words(path: Path) -> str:
    """A word from the first line of a text file, to recognise it on screen."""
    for line in path.read_text(encoding="utf-8").splitlines():
        words = [w for w in re.findall(r"[A-Za-z]{5,}", line)]
        if words:
            return words[0]
    raise SystemExit(f"{path}: no word to look for")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="two texts (default: the sample pair)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="160x48", help="terminal size, COLSxROWS (default 160x48)")
    ap.add_argument("--aligned", action="store_true", help="also time until the comparison is shown")
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.lower().split("x"))
    if args.files:
        left, right = (Path(f) for f in args.files)
    else:
        from tui.corpus import default_pair

        left, right = default_pair()
    exe = Path(sys.executable)
    command = [str(exe), "-m", "tui", str(left), str(right)]
    bare = [str(exe), "-c", BARE_APP]
    markers = [first_words(left), first_words(right)]
    env_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"sidebyside-bench-{os.getpid()}"
    os.environ["SIDEBYSIDE_DATA_DIR"] = str(env_dir)  # never touch the user's notes

    time_to_screen(command, markers, (cols, rows))  # warm the file cache, compile .pyc files
    time_to_screen(bare, ["bare textual app ready"], (cols, rows))
    ours, floor = [], []
    for _ in range(args.runs):
        ours.append(time_to_screen(command, markers, (cols, rows)))
        floor.append(time_to_screen(bare, ["bare textual app ready"], (cols, rows)))
    m_ours, m_floor = statistics.median(ours), statistics.median(floor)
    print(f"terminal {cols}x{rows}, {args.runs} runs each, medians (min-max)")
    print(f"  sidebyside {left.name} {right.name}: {m_ours:.3f} s ({min(ours):.3f}-{max(ours):.3f})")
    print(f"  bare Textual app, one line:      {m_floor:.3f} s ({min(floor):.3f}-{max(floor):.3f})")
    print(f"  ratio: {m_ours / m_floor:.2f}x the bare app")
    if args.aligned:
        aligned = [time_to_screen(command, [*markers, " left 1/"], (cols, rows), timeout=300) for _ in range(args.runs)]
        print(f"  until the comparison is shown (status line): {statistics.median(aligned):.3f} s "
              f"({min(aligned):.3f}-{max(aligned):.3f})")


if __name__ == "__main__":
    main()
