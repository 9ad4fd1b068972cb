"""The word diff on long repetitive sentences, and its two ways of finding difflib's blocks:
prints figures, asserts nothing.

usage: python bench/bench_worddiff.py [--sizes 250,500,1000,2000,4000] [--repeat 3] [--no-cli]
                                      [--steps] [--bible DIR] [--ways] [--cases 300] [--seed 3]

By default, sentences of a few repeated words ("buffalo", "bison", "herd"), both sides slightly
different, at each size (words a side): the seconds of one comparison (the least of
``--repeat``) of ``worddiff.opcodes`` on their keys and of ``compare_sentences`` (the word diff
and every claim check), with the growth from the size before (a linear cost doubles when the
size doubles); then ``sidebyside a.txt b.txt --format json`` from process start on each kind of
pair at each size. Past ``word_diff``'s ``MAX_DIFF_CELLS`` (2,000 words a side: the row of
4,000) a pair is one replaced stretch, as before; ``opcodes`` alone has no such limit.

``--steps``: the most steps a word (``worddiff.WORK_PER_WORD``) any word diff of the sample
corpus pairs and of Mark, Acts and the New Testament (KJV against WEB, from ``--bible``) takes,
with no limit on them: how far ordinary text stays below the limit.

``--ways``: ``worddiff.opcodes`` finds the blocks from the runs of equal words up to
``RUN_PAIRS`` pairs of equal words, and beyond it by searching each stretch again. For random
periodic sequences with about ``RUN_PAIRS`` pairs, and for the same kind with ten times as
many, the CPU time of each way (the runs way forced by a large ``RUN_PAIRS``, the search by a
``RUN_PAIRS`` of 0, both with no limit on the steps; both give the same steps, which is
checked) and the worst ratio of the runs' time to the search's, over cases where the search
took over 2 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare import worddiff  # noqa: E402
from tui.compare.engine import compare_sentences  # noqa: E402
from tui.compare.normalise import Tokenizer  # noqa: E402

UNLIMITED = 1 << 60


def _one_word_few_changed(n: int, rnd: random.Random) -> tuple[list[str], list[str]]:
    a = ["buffalo"] * n
    b = list(a)
    for k in range(5):
        b[(2 * k + 1) * n // 10] = "bison"
    return a, b


def _one_word_tenth_changed(n: int, rnd: random.Random) -> tuple[list[str], list[str]]:
    return ["buffalo"] * n, ["bison" if i % 10 == 9 else "buffalo" for i in range(n)]


def _one_word_tenth_added(n: int, rnd: random.Random) -> tuple[list[str], list[str]]:
    b = []
    for i in range(n - n // 11):
        b += ["buffalo", "herd"] if i % 10 == 9 else ["buffalo"]
    return ["buffalo"] * n, b


def _three_words_twentieth_changed(n: int, rnd: random.Random) -> tuple[list[str], list[str]]:
    a = [rnd.choice(("buffalo", "bison", "herd")) for _ in range(n)]
    return a, [rnd.choice(("buffalo", "bison", "herd")) if rnd.random() < 0.05 else w for w in a]


def _two_words_tenth_dropped(n: int, rnd: random.Random) -> tuple[list[str], list[str]]:
    a = [("buffalo", "bison")[i % 2] for i in range(n)]
    return a, [w for i, w in enumerate(a) if i % 10 != 7] + ["bison"] * (n // 10)


KINDS = {
    "one word, 5 changed": _one_word_few_changed,
    "one word, 1 in 10 changed": _one_word_tenth_changed,
    "one word, 1 in 10 followed by another": _one_word_tenth_added,
    "3 words at random, 1 in 20 changed": _three_words_twentieth_changed,
    "2 words in turn, 1 in 10 moved to the end": _two_words_tenth_dropped,
}


def sentences(kind: str, n: int) -> tuple[str, str]:
    a, b = KINDS[kind](n, random.Random(n))
    return " ".join(a).capitalize() + ".", " ".join(b).capitalize() + "."


def least_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def growth_row(label: str, sizes: list[int], seconds: list[float]) -> str:
    cells = []
    for k, (n, s) in enumerate(zip(sizes, seconds)):
        grew = f" (x{s / seconds[k - 1]:4.1f})" if k and seconds[k - 1] > 0 else ""
        cells.append(f"{n:>5}: {s:7.4f} s{grew}")
    return f"  {label:>8} " + " · ".join(cells)


def engine(sizes: list[int], repeat: int) -> None:
    compare_sentences("The herd moved.", "The herd moved on.")  # load the stemmer first
    for kind in KINDS:
        ops, judged = [], []
        for n in sizes:
            a, b = sentences(kind, n)
            tok = Tokenizer(a, b)
            ka = [t.key for t in tok.tokens(a, 0, len(a))]
            kb = [t.key for t in tok.tokens(b, 0, len(b))]
            ops.append(least_time(lambda: worddiff.opcodes(ka, kb), repeat))
            judged.append(least_time(lambda: compare_sentences(a, b), repeat))
        print(kind)
        print(growth_row("opcodes", sizes, ops))
        print(growth_row("pair", sizes, judged))


def cli(sizes: list[int]) -> None:
    print("sidebyside a.txt b.txt --format json, from process start:")
    with tempfile.TemporaryDirectory() as tmp:
        left, right = Path(tmp, "a.txt"), Path(tmp, "b.txt")
        for kind in KINDS:
            seconds = []
            for n in sizes:
                a, b = sentences(kind, n)
                left.write_text(a + "\n", encoding="utf-8")
                right.write_text(b + "\n", encoding="utf-8")
                t = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "--format", "json",
                                       "--data-dir", tmp], cwd=ROOT, capture_output=True)
                seconds.append(time.perf_counter() - t)
                if proc.returncode:
                    print(f"  {kind}, {n} words: exit {proc.returncode}")
            print(kind)
            print(growth_row("CLI", sizes, seconds))


def steps(bible: Path) -> None:
    """The most steps a word the word diffs of real pairs take, with no limit on them."""
    from tui.compare import compare_texts

    if not hasattr(worddiff, "WORK_PER_WORD"):
        print("--steps: this worddiff has no limit on its steps")
        return
    kept = worddiff.WORK_PER_WORD, worddiff._blocks_of_runs, worddiff._blocks_searched
    spent: list[int] = []

    def counted(fn):
        def run(*args):
            out = fn(*args)
            spent.append(args[-1] - out[2])
            return out
        return run

    worddiff.WORK_PER_WORD = UNLIMITED
    worddiff._blocks_of_runs, worddiff._blocks_searched = counted(kept[1]), counted(kept[2])
    os.environ["SIDEBYSIDE_ONE_PROCESS"] = "1"  # (every diff in this process, to count it)
    try:
        corpus = sorted((ROOT / "sample_corpus").glob("*.txt"))
        pairs = [("sample corpus", a, b) for a, b in itertools.permutations(corpus, 2)]
        pairs += [(book, bible / f"{book}.kjv.txt", bible / f"{book}.web.txt") for book in ("mark", "acts", "nt")
                  if (bible / f"{book}.kjv.txt").exists()]
        worst: dict[str, tuple[float, int, int]] = {}
        for name, a, b in pairs:
            kept_opcodes = worddiff.opcodes

            def opcodes(x, y):
                before = len(spent)
                out = kept_opcodes(x, y)
                if len(spent) > before:
                    words = len(x) + len(y)
                    worst[name] = max(worst.get(name, (0.0, 0, 0)), (spent[-1] / words, spent[-1], words))
                return out

            worddiff.opcodes = opcodes
            try:
                compare_texts(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
            finally:
                worddiff.opcodes = kept_opcodes
        print(f"steps a word, no limit (the limit is {kept[0]}):")
        for name, (per, total, words) in worst.items():
            print(f"  {name:>14}: at most {per:5.1f} ({total:,} steps, a pair of {words:,} words)")
    finally:
        worddiff.WORK_PER_WORD, worddiff._blocks_of_runs, worddiff._blocks_searched = kept
        del os.environ["SIDEBYSIDE_ONE_PROCESS"]


def periodic_case(rnd: random.Random, pairs: int) -> tuple[list[int], list[int]]:
    period = rnd.choice([2, 5, 10, 20, 50])
    n = rnd.randrange(50, 2000)
    m = max(1, min(20_000, pairs * period // n))
    a = [rnd.randrange(period) if rnd.random() < 0.3 else i % period for i in range(n)]
    b = [(i * rnd.choice([1, 3, 7])) % period for i in range(m)]
    return a, b


def timed(a: list[int], b: list[int], run_pairs: int) -> tuple[float, list]:
    kept = worddiff.RUN_PAIRS, getattr(worddiff, "WORK_PER_WORD", None)
    worddiff.RUN_PAIRS = run_pairs
    worddiff.WORK_PER_WORD = UNLIMITED
    try:
        t = time.process_time()
        ops = worddiff.opcodes(a, b)
        return time.process_time() - t, ops
    finally:
        worddiff.RUN_PAIRS, worddiff.WORK_PER_WORD = kept


def compare_ways(cases: int, seed: int, pairs: int) -> None:
    rnd = random.Random(seed)
    worst, runs_total, search_total, counted = (0.0, (0.0, 0.0)), 0.0, 0.0, 0
    for _ in range(cases):
        a, b = periodic_case(rnd, pairs)
        runs, ops = timed(a, b, UNLIMITED)
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
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="250,500,1000,2000,4000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--steps", action="store_true")
    ap.add_argument("--bible", type=Path, default=ROOT.parent / "shared" / "bench" / "bible")
    ap.add_argument("--ways", action="store_true")
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    if args.ways:
        print(f"RUN_PAIRS = {worddiff.RUN_PAIRS:,}")
        for pairs in (worddiff.RUN_PAIRS, 10 * worddiff.RUN_PAIRS):
            compare_ways(args.cases, args.seed, pairs)
        return
    if args.steps:
        steps(args.bible)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    engine(sizes, args.repeat)
    if not args.no_cli:
        cli(sizes)


if __name__ == "__main__":
    main()
