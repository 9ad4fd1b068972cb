"""The aligner's steps one by one: prints figures, asserts nothing.

usage: python bench/bench_align_steps.py [--runs N] [--bible DIR] [LEFT RIGHT]

Reads and weighs the pair (the New Testament pair by default) as ``compare_documents`` does,
then runs each step of ``Aligner.run`` (and ``closest``) on its own and prints, per step, the
wall time, this process's CPU time (``time.process_time``) and its minor page faults; medians
of ``--runs`` runs, each in a fresh aligner. With the helper process on (the default, where the
machine has two cores), the candidate step runs half its work in a forked copy, whose CPU time
is not counted here: set ``SIDEBYSIDE_ONE_PROCESS=1`` to have all the work in this process.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE  # noqa: E402

from tui.compare import collector  # noqa: E402
from tui.compare.engine import _prepared  # noqa: E402
from tui.compare.load import load_document  # noqa: E402
from tui.compare.meaning import load_model  # noqa: E402

STEPS = ("scored_candidates", "anchors", "drop_stray_anchors", "fill_gaps", "quote_pass", "meaning_pass",
         "merge_neighbours", "attach_headings", "closest")


def one_run(left, right) -> dict[str, tuple[float, float, int]]:
    """(wall s, CPU s, minor faults) of each step, on a fresh aligner."""
    out: dict[str, tuple[float, float, int]] = {}

    def timed(name, call, *args):
        w, c = time.perf_counter(), time.process_time()
        f = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        result = call(*args)
        out[name] = (time.perf_counter() - w, time.process_time() - c,
                     resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f)
        return result

    with collector.paused():  # as in compare_documents
        pair = _prepared(left, right, None, lambda *a: None, {}, lambda: None, lambda: None)
        al = pair.aligner()
        timed("scored_candidates", al.scored_candidates)
        links = timed("anchors", al.anchors, al.identical())
        for step in STEPS[2:-1]:
            links = timed(step, getattr(al, step), links)
        linked = ({i for r in links for i in r.left}, {j for r in links for j in r.right})
        timed("closest", al.closest, [s.id for s in left.sentences if s.id not in linked[0]],
              [s.id for s in right.sentences if s.id not in linked[1]])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bible", type=Path, default=BIBLE)
    ap.add_argument("pair", nargs="*", help="two files (default: the New Testament pair)")
    args = ap.parse_args()
    paths = args.pair or [args.bible / "nt.kjv.txt", args.bible / "nt.web.txt"]
    if len(paths) != 2 or not all(Path(p).is_file() for p in paths):
        print("bench_align_steps: give two files, or have the Bible texts in --bible", file=sys.stderr)
        return 2
    load_model()
    runs = []
    for _ in range(args.runs):
        runs.append(one_run(*(load_document(p) for p in paths)))  # each run segments afresh
    mode = "one process" if os.environ.get("SIDEBYSIDE_ONE_PROCESS") else "with the helper where it runs"
    print(f"{Path(paths[0]).name} vs {Path(paths[1]).name}, {mode}; medians of {args.runs} runs:")
    for step in STEPS:
        w, c, f = (statistics.median(r[step][k] for r in runs) for k in range(3))
        print(f"  {step:20s} wall {w:6.3f} s  CPU {c:6.3f} s  minor faults {f:8.0f}")
    total = [sum(r[s][1] for s in STEPS) for r in runs]
    print(f"  {'all steps':20s} CPU {statistics.median(total):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
