"""CPU time of the "judge" stage (``judge_links``) and of the JSON report: prints figures,
asserts nothing.

usage: python bench/bench_judge.py [--code DIR] [--runs 60] [--book nt] [--bible DIR]

``--code DIR``: time the ``tui`` package of another checkout (an older commit, say) instead of
this one, so that two versions can be timed in turns on a busy machine. Measured with
``time.process_time`` in this process, the helper process turned off
(``SIDEBYSIDE_ONE_PROCESS``): the sample pair's judging (least and lower-quartile time of
``--runs`` comparisons, and the same for the whole engine), then the Bible book pair (KJV
against WEB; ``nt`` is the whole New Testament): its judging and its compact JSON, once.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ["SIDEBYSIDE_ONE_PROCESS"] = "1"
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--book", default="nt")
    ap.add_argument("--bible", type=Path, default=ROOT.parent / "shared" / "bench" / "bible")
    args = ap.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from tui.compare import engine
    from tui.compare.load import load_document
    from tui.export import render

    judged: list[float] = []
    judge_links = engine.judge_links

    def timed(*a, **k):
        t0 = time.process_time()
        try:
            return judge_links(*a, **k)
        finally:
            judged.append(time.process_time() - t0)

    engine.judge_links = timed
    sample = ROOT / "sample_corpus"
    left, right = load_document(sample / "02-ap-story-western-journal.txt"), load_document(sample / "04-ap-story-rewritten.txt")
    engine.compare_documents(left, right)  # warm caches the way a running app would
    judged.clear()
    whole = []
    for _ in range(args.runs):
        t0 = time.process_time()
        engine.compare_documents(left, right)
        whole.append(time.process_time() - t0)
    print(f"code: {args.code.resolve()}")
    print(f"sample pair 02 vs 04, {args.runs} runs, CPU ms (least / lower quartile): judge "
          f"{_ms(judged)}; engine {_ms(whole)}")
    a, b = args.bible / f"{args.book}.kjv.txt", args.bible / f"{args.book}.web.txt"
    if not a.is_file():
        print(f"no Bible data at {args.bible}; the book pair is not measured")
        return 0
    judged.clear()
    comparison = engine.compare_documents(load_document(a), load_document(b))
    t0 = time.process_time()
    render(comparison, "json")
    print(f"{args.book} pair, CPU s: judge {judged[0]:.2f}, JSON {time.process_time() - t0:.2f}")
    return 0


def _ms(times: list[float]) -> str:
    times = sorted(times)
    return f"{times[0] * 1000:.2f} / {times[len(times) // 4] * 1000:.2f}"


if __name__ == "__main__":
    sys.exit(main())
