"""CPU time per stage of one comparison, for a machine too busy for wall times: prints figures,
asserts nothing.

usage: python bench/bench_stages.py [--book nt] [--runs 3] [--bible DIR]
       python bench/bench_stages.py --growth [--sizes 1/8,1/4,1/2,1,2] [--runs 5]

The Bible book pair (KJV against WEB; ``nt`` is the whole New Testament) is compared in this
process with the helper process turned off (``SIDEBYSIDE_ONE_PROCESS``), so that every second of
work is this process's CPU time: the time of each stage (segment, normalise, align, judge, as
``compare_documents`` reports them to its progress callback) and of the JSON report, measured
with ``time.process_time``. Beside it, the floor script (``bench/floor.py``) in a child
process, its CPU time from ``getrusage``. Medians of ``--runs`` runs; the ratio of the
engine's CPU time (imports not included) to the floor's (a whole process).

``--growth``: the same stages on the growth inputs of ``bench_engine.py`` (``bench/nt_inputs.py``:
chapters of the New Testament pair, then a rewritten copy of them), made beforehand and written to
files, each size read and compared in a fresh process, in rounds from the smallest size to the
largest. Per doubling and per stage: the exponent
log(CPU ratio) / log(size ratio), the ratio being the median of those paired within a round.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

os.environ["SIDEBYSIDE_ONE_PROCESS"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE, whole_size, write_pair  # noqa: E402

from tui.compare import compare_documents  # noqa: E402
from tui.compare.load import load_document  # noqa: E402
from tui.compare.meaning import load_model  # noqa: E402
from tui.export import render  # noqa: E402

STAGES = ("segment", "normalise", "align", "judge")


def one_run(left: Path, right: Path) -> dict[str, float]:
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(stage, time.process_time())

    a, b = load_document(left), load_document(right)
    t0 = time.process_time()
    comparison = compare_documents(a, b, progress=progress)
    t1 = time.process_time()
    render(comparison, "json")
    t2 = time.process_time()
    starts = [marks[s] for s in STAGES] + [t1]
    out = {s: starts[i + 1] - starts[i] for i, s in enumerate(STAGES)}
    out["engine"] = t1 - t0
    out["json"] = t2 - t1
    return out


def floor_cpu(left: Path, right: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), str(left), str(right)],
                   check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def growth(sizes: list[Fraction], runs: int, bible: Path) -> None:
    rows: dict[Fraction, list[dict[str, float]]] = {s: [] for s in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        whole = whole_size(bible)
        files = {size: write_pair(Path(tmp), int(whole * size), bible) for size in sizes}
        for _ in range(runs):
            for size in sizes:
                done = subprocess.run([sys.executable, __file__, "--one-pair", *files[size]],
                                      capture_output=True, text=True, check=True)
                rows[size].append(json.loads(done.stdout))
    keys = (*STAGES, "json", "engine")
    print(f"CPU seconds per stage in one process, growth inputs (medians of {runs} rounds), and per doubling the "
          "exponent of each stage (ratios paired within a round):")
    print("   size  " + "".join(f"{k:>18s}" for k in keys))
    for i, size in enumerate(sizes):
        here = rows[size]
        line = f"  {str(size):5s}  "
        for k in keys:
            cpu = statistics.median(r[k] for r in here)
            cell = f"{cpu:.2f}"
            if i:
                prev = rows[sizes[i - 1]]
                ratio = statistics.median(r[k] / p[k] for r, p in zip(here, prev))
                cell += f" ({math.log(ratio) / math.log(size / sizes[i - 1]):.2f})"
            line += f"{cell:>18s}"
        print(line)
    print("  goal (issue 13): exponent at most 1.1 at every doubling, every step")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--book", default="nt")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bible", type=Path, default=BIBLE)
    ap.add_argument("--growth", action="store_true", help="the stages' growth from 1/8 to twice the New Testament")
    ap.add_argument("--sizes", default="1/8,1/4,1/2,1,2", help="with --growth: times the New Testament pair")
    ap.add_argument("--one-pair", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_pair is not None:
        load_model()
        print(json.dumps(one_run(*args.one_pair)))
        return 0
    if args.growth:
        if not (args.bible / "nt.kjv.txt").is_file():
            print(f"no Bible data at {args.bible}; nothing measured")
            return 0
        growth([Fraction(s) for s in args.sizes.split(",")], args.runs, args.bible)
        return 0
    left, right = args.bible / f"{args.book}.kjv.txt", args.bible / f"{args.book}.web.txt"
    if not left.is_file():
        print(f"no Bible data at {args.bible}; nothing measured")
        return 0
    load_model()
    runs, floors = [], []
    for _ in range(args.runs):
        floors.append(floor_cpu(left, right))
        runs.append(one_run(left, right))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    floor = statistics.median(floors)
    print(f"{args.book} pair in one process, CPU seconds (medians of {args.runs} runs):")
    print("  " + ", ".join(f"{s} {med[s]:.2f}" for s in STAGES) + f"; engine {med['engine']:.2f}, json {med['json']:.2f}")
    total = med["engine"] + med["json"]
    print(f"  engine + json {total:.2f} s; floor script {floor:.2f} s (whole process); ratio {total / floor:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
