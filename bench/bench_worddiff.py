"""The word diff's two ways of finding difflib's blocks, timed on long repetitive word sequences:
prints figures, asserts nothing.

usage: python bench/bench_worddiff.py [--cases 300] [--seed 3]

``worddiff.opcodes`` finds the blocks from the runs of equal words up to ``RUN_PAIRS`` pairs of
equal words, and beyond it by searching each stretch again. A sentence has far fewer pairs; long
repetitive sequences (a list, a chant, hostile text) are where the runs can cost more than the
search. For random periodic sequences with about ``RUN_PAIRS`` pairs, and for the same
kind with ten times as many, this prints the CPU time of each way (the runs way forced by a large
``RUN_PAIRS``, the search by a ``RUN_PAIRS`` of 0; both give the same steps, which is checked) and
the worst ratio of the runs' time to the search's, over cases where the search took over 2 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.compare import worddiff  # noqa: E402


def periodic_case(rnd: random.Random, pairs: int) -> tuple[list[int], list[int]]:
    period = rnd.choice([2, 5, 10, 20, 50])
    n = rnd.randrange(50, 2000)
    m = max(1, min(20_000, pairs * period // n))
    a = [rnd.randrange(period) if rnd.random() < 0.3 else i % period for i in range(n)]
    b = [(i * rnd.choice([1, 3, 7])) % period for i in range(m)]
    return a, b


def timed(a: list[int], b: list[int], run_pairs: int) -> tuple[float, list]:
    kept = worddiff.RUN_PAIRS
    worddiff.RUN_PAIRS = run_pairs
    try:
        t = time.process_time()
        ops = worddiff.opcodes(a, b)
        return time.process_time() - t, ops
    finally:
        worddiff.RUN_PAIRS = kept


def compare(cases: int, seed: int, pairs: int) -> None:
    rnd = random.Random(seed)
    worst, runs_total, search_total, counted = (0.0, (0.0, 0.0)), 0.0, 0.0, 0
    for _ in range(cases):
        a, b = periodic_case(rnd, pairs)
        runs, ops = timed(a, b, 1 << 60)
        search, ops2 = timed(a, b, 0)
        if ops != ops2:
            print("the two ways gave different steps: a bug")
            return
        runs_total += runs
        search_total += search
        counted += 1
        if search > 0.002 and runs / search > worst[0]:
            worst = (runs / search, (runs, search))
    ratio, (r, s) = worst
    print(f"about {pairs:,} pairs of equal words, {counted} cases: runs {runs_total:.2f} s, search "
          f"{search_total:.2f} s in all; worst runs/search {ratio:.2f} ({r * 1000:.1f} ms against {s * 1000:.1f} ms)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    print(f"RUN_PAIRS = {worddiff.RUN_PAIRS:,}")
    for pairs in (worddiff.RUN_PAIRS, 10 * worddiff.RUN_PAIRS):
        compare(args.cases, args.seed, pairs)


if __name__ == "__main__":
    main()
