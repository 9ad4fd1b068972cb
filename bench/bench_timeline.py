"""Where a large comparison's time goes, stage by stage, through the CLI: prints figures,
asserts nothing.

usage: python bench/bench_timeline.py [--size 1] [--one-process] [--bible DIR]

The input is ``--size`` times the New Testament pair (``bench/nt_inputs.py``: whole chapters, or
rewritten copies added, never a verbatim repeat), written to two files and compared with
``sidebyside LEFT RIGHT --format json --output FILE`` in a fresh process. In that process the
engine's stages and the aligner's steps are timed as they run: for each, when it starts and ends
(wall seconds from the process's start) and the CPU time this process spent in it
(``time.process_time``; a forked helper's time is not in it, but each helper's is printed
as it ends), and the minor page faults it took (after a fork, the first write to each page this
process shares with a helper faults and copies the page). ``--one-process`` turns the helper
processes off (``SIDEBYSIDE_ONE_PROCESS``), so the two ways can be set side by side.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE, pair_of_size, whole_size  # noqa: E402

CHILD = """
import os, resource, sys, time
T0 = time.perf_counter()
PID = os.getpid()
from tui.compare import align, engine


def timed(owner, name, label):
    f = getattr(owner, name)

    def run(*a, **k):
        t, c, faults = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        try:
            return f(*a, **k)
        finally:
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
            print(f"  {{label:18s}} {{t - T0:6.2f}} -> {{time.perf_counter() - T0:6.2f}} s   "
                  f"CPU {{time.process_time() - c:5.2f}} s   page faults {{faults:7,d}}", file=sys.stderr)

    setattr(owner, name, run)


for name in ("read_both", "_aligned", "judge_links"):
    timed(engine, name, name.strip("_"))
for name in ("scored_candidates", "anchors", "fill_gaps", "meaning_pass", "merge_neighbours", "closest"):
    timed(align.Aligner, name, "  " + name)
from tui import cli

leave = os._exit


def ended(code):
    # (a forked helper ends this way too; its CPU time counts from its fork)
    who = "ended" if os.getpid() == PID else "a helper ended"
    print(f"  {{who:18s}} {{time.perf_counter() - T0:6.2f}} s            CPU {{time.process_time():5.2f}} s",
          file=sys.stderr)
    leave(code)


os._exit = ended
sys.argv = ["sidebyside", {left!r}, {right!r}, "--format", "json", "--output", {out!r}]
cli.run()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=1.0, help="times the New Testament pair")
    ap.add_argument("--one-process", action="store_true")
    ap.add_argument("--bible", type=Path, default=BIBLE)
    args = ap.parse_args()
    if not (args.bible / "nt.kjv.txt").is_file():
        print(f"no Bible data at {args.bible}; nothing measured")
        return 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    if args.one_process:
        env["SIDEBYSIDE_ONE_PROCESS"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        left, right, out = (str(Path(tmp) / name) for name in ("left.txt", "right.txt", "report.json"))
        a, b = pair_of_size(int(whole_size() * args.size))
        Path(left).write_text(a, encoding="utf-8")
        Path(right).write_text(b, encoding="utf-8")
        code = CHILD.format(left=left, right=right, out=out)
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    print(f"{args.size:g}x the New Testament pair ({len(a) + len(b):,} characters), "
          f"{'one process' if args.one_process else 'with helper processes'}; wall from the process's start:")
    print("".join(line + "\n" for line in done.stderr.splitlines() if line.startswith("  ")), end="")
    if done.returncode != 0:
        print(f"the CLI failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
