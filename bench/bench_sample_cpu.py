"""The sample pair's engine time in CPU time, for a machine too busy for wall times: prints
figures, asserts nothing.

usage: python bench/bench_sample_cpu.py [--code DIR] [--repeats N]

After one warm-up comparison (as ``bench_engine.py`` warms the caches a running app has), in
this one process, with ``time.process_time``: ``compare_files`` on the sample pair, segmenting
both texts, and judging every link of the pair again (the ``claims.judge`` calls of one
comparison, captured and replayed). Each figure is the median (and least) of five batches of
``--repeats`` runs, in milliseconds per run. ``--code DIR`` measures the ``tui`` package of
another checkout (say, main's) with this script: run the two in turn, alternating, to compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def batches(run, repeats: int) -> tuple[float, float]:
    """Median and least of five batches of ``repeats`` calls of ``run``, ms per call."""
    run()
    per = []
    for _ in range(5):
        t0 = time.process_time()
        for _ in range(repeats):
            run()
        per.append((time.process_time() - t0) / repeats * 1000)
    return statistics.median(per), min(per)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose tui package is measured")
    ap.add_argument("--repeats", type=int, default=60)
    args = ap.parse_args()
    sys.path.insert(0, str(args.code.resolve()))

    from tui.compare import claims, prepared
    from tui.compare.engine import compare_files
    from tui.compare.load import load_document
    from tui.compare.segment import segment
    from tui.corpus import default_pair

    left, right = default_pair()
    compare_files(left, right)
    calls = []
    judge = prepared.judge

    def kept(*a, **k):
        calls.append((a, k))
        return judge(*a, **k)

    prepared.judge = kept
    try:
        compare_files(left, right)
    finally:
        prepared.judge = judge
    texts = [load_document(p).text for p in (left, right)]
    figures = {
        "compare_files": batches(lambda: compare_files(left, right), args.repeats),
        "segment both": batches(lambda: [segment(t) for t in texts], args.repeats * 10),
        f"judge {len(calls)} links": batches(lambda: [claims.judge(*a, **k) for a, k in calls], args.repeats * 4),
    }
    print(f"{left.name} vs {right.name}, code in {args.code}: CPU ms per run, median (least) of five batches")
    for name, (med, least) in figures.items():
        print(f"  {name}: {med:.2f} ({least:.2f})")


if __name__ == "__main__":
    main()
