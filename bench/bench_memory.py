"""Peak memory for large inputs (issue 10): 1, 10 and 100 MB of text through the CLI.

usage: python bench/bench_memory.py [--sizes 1,10,100] [--format json] [--estimate-only]

Each input is two files of half the size each, built from the New Testament pair
(``bench/nt_inputs.py``: KJV against WEB, then rewritten copies of both, never a verbatim
repeat), compared with ``sidebyside LEFT RIGHT --format json --output FILE`` from process
start. Printed per size: wall time, the process's peak resident memory (``wait4``'s max RSS, as
``/usr/bin/time`` reports it), the peak of the proportional set sizes of the process and its
helper together (sampled), the interpreter's own footprint (a run on two one-line files), and
the ratio of the peak above the interpreter to the input's size. The goal: at most about 10x
the input plus the interpreter.

Before each run it prints what the pre-flight check (``tui/compare/memory.py``) estimates the
comparison needs and what it finds available: where the estimate is larger, the CLI refuses the
input in one line, and the bench says so and shows that line instead of a measurement.
``--estimate-only`` prints the estimates without running anything (a 100 MB run takes most of
an hour on two cores).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_engine import Child, cli  # noqa: E402
from nt_inputs import BIBLE, pair_of_size  # noqa: E402

from tui.compare import memory, tokens  # noqa: E402

MB = 1_000_000


def run(left: Path, right: Path, out: Path, fmt: str) -> Child:
    return Child(cli(str(left), str(right), "--format", fmt, "--output", str(out)), sample=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="input sizes in MB (both files together)")
    ap.add_argument("--format", default="json")
    ap.add_argument("--estimate-only", action="store_true", help="print the pre-flight estimates, run nothing")
    args = ap.parse_args()
    if not (BIBLE / "nt.kjv.txt").is_file():
        print(f"no Bible data at {BIBLE}; nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        left, right, out = folder / "left.txt", folder / "right.txt", folder / "report"
        if not args.estimate_only:
            left.write_text("One line.\n", encoding="utf-8")
            right.write_text("One line too.\n", encoding="utf-8")
            base = run(left, right, out, args.format)
            print(f"interpreter and engine on two one-line files: peak {base.max_rss:.0f} MiB")
        print(" input MB   estimate MiB   available MiB   wall s   peak MiB   tree MiB   (peak - interpreter) / input")
        for size in (float(x) for x in args.sizes.split(",")):
            a, b = pair_of_size(int(size * MB))
            chars = len(a) + len(b)
            need, have = memory.needed(chars, chars <= tokens.KEEP_CHARS), memory.available()
            head = f"{(len(a.encode()) + len(b.encode())) / MB:8.1f}   {need / 2**20:12.0f}   " + (
                f"{have / 2**20:13.0f}" if have is not None else f"{'unknown':>13s}")
            if args.estimate_only:
                print(head + ("   would be refused" if have is not None and need > have else ""))
                continue
            left.write_text(a, encoding="utf-8")
            right.write_text(b, encoding="utf-8")
            del a, b
            actual = (left.stat().st_size + right.stat().st_size) / MB
            child = run(left, right, out, args.format)
            if child.returncode != 0:
                why = "refused before starting" if "needs about" in child.stderr else f"failed (exit {child.returncode})"
                first = (child.stderr.strip().splitlines() or [""])[0]
                print(f"{head}   {why}: {first[:300]}")
                continue
            ratio = (child.max_rss - base.max_rss) * 2**20 / (actual * MB)
            print(f"{head} {child.wall:8.1f} {child.max_rss:10.0f} {child.tree_peak:10.0f}   {ratio:5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
