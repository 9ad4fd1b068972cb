"""Engine speed and memory: prints figures, asserts nothing.

usage: python bench/bench_engine.py [--runs N] [--growth-runs N] [--skip-growth] [--bible DIR]

0. The meaning model's load time, on its own, in a fresh process (numpy, tokenizers, the
   memory-mapped vector table): the engine pays it once, on the first comparison that needs it.
1. The sample pair (two edits of one wire story) and a pair of two outlets (where the meaning
   pass runs): engine time after the model is loaded, median of repeated runs; and
   ``sidebyside A B --format json`` on the sample pair, wall time from process start.
2. The whole New Testament pair through the CLI (``--format json -o FILE``), from process start:
   wall time and peak memory, beside the floor (``bench/floor.py``: read both texts, split
   sentences with a regex, index words to sentences), runs alternating so that drift in this
   shared machine's speed hits both alike. The ratio is of the medians.
3. Growth: 1/8, 1/4, 1/2, 1 and 2x the New Testament pair (``bench/nt_inputs.py``: whole chapters,
   then a rewritten copy, never a verbatim repeat), made beforehand and written to files, each
   size read in a fresh process (making the copy there would leave that process's heap
   fragmented by the rewriting, which the command never does): engine and JSON time, and
   memory above the interpreter (peak RSS minus RSS once the input and the model are
   loaded). Per doubling: the ratios, and the exponents log(time ratio) / log(size ratio)
   (1.0 is linear). Each size runs ``--growth-runs`` times (default 5) in rounds, each round
   from the smallest size to the largest, so the two sizes of a doubling run one after the
   other. A doubling's ratio is the median of its ratios within each round (paired, so a drift
   in the machine's speed between rounds cancels); the times and sizes shown are medians, and
   each round's exponents are printed too (a single run's time varies by about 10% here: one
   round's exponent at the last doubling has ranged over 0.56-1.38, the median over 0.90-1.20,
   in the runs of the last two sessions).

Peak memory is the process's maximum resident set (``wait4``, what ``/usr/bin/time`` reports);
where the engine starts workers for a large input, ``tree`` adds the peak of the proportional
set sizes of the process and its workers together (sampled every 20 ms), so memory shared
between them counts once. Sampling slows the process it samples, so the tree's figure comes
from one more run that is not timed.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE, whole_size, write_pair  # noqa: E402

from tui.compare import compare_files  # noqa: E402
from tui.corpus import default_pair  # noqa: E402

# The children run as an installed sidebyside does: ``pip install`` compiles the package's
# modules, so a user's process start reads bytecode. A checkout under PYTHONDONTWRITEBYTECODE
# would compile every module at every start instead.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT)}


# ---- running a child and measuring it ------------------------------------------------------

def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Child:
    """A command run to its end: wall time, its max RSS (MiB) and, with ``sample``, the peak PSS
    of its process tree (MiB, sampled) and whether it had workers.

    Sampling reads every process's ``smaps_rollup`` 50 times a second, and the kernel walks the
    page tables to answer: on two cores, with the engine using both, that costs the measured
    process about 0.25 s of the New Testament's 4 s. So a run that is timed is not sampled."""

    def __init__(self, cmd: list[str], sample: bool = False) -> None:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, text=True)
        self.tree_peak = 0.0
        self.workers = False
        done = threading.Event()

        def sampling() -> None:
            while not done.is_set():
                pids = _tree(proc.pid)
                self.workers |= len(pids) > 1
                self.tree_peak = max(self.tree_peak, sum(_pss_kib(p) for p in pids) / 1024)
                done.wait(0.02)

        sampler = threading.Thread(target=sampling, daemon=True)
        if sample:
            sampler.start()
        out, err = proc.communicate()
        done.set()
        if sample:
            sampler.join()
        self.wall = time.perf_counter() - t0
        # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN only as a max
        # over all children, so the child reports its own peak on stderr's last line instead.
        self.returncode = proc.returncode
        self.stdout, self.stderr = out, err
        self.max_rss = _reported_peak(err)


PEAK_WRAPPER = ("import resource, runpy, sys, atexit\n"
                "atexit.register(lambda: print(f'@peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}',"
                " file=sys.stderr))\n"
                "sys.argv = sys.argv[1:]\n"
                "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n")


def _reported_peak(err: str) -> float:
    for line in reversed(err.splitlines()):
        if line.startswith("@peak "):
            return int(line.split()[1]) / 1024
    return float("nan")


def cli(*args: str) -> list[str]:
    """``python -m tui ARGS`` with its own peak memory reported at exit."""
    return [sys.executable, "-c", PEAK_WRAPPER, "tui", *args]


# ---- 0, 1: model load, sample pair ---------------------------------------------------------

def model_load() -> None:
    code = ("import time; t0 = time.perf_counter()\n"
            "from tui.compare.meaning import load_model\n"
            "t1 = time.perf_counter(); m = load_model(); t2 = time.perf_counter()\n"
            "print(f'{t2 - t1:.3f} {m.load_seconds if m else -1:.3f}')")
    times = []
    for _ in range(5):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV)
        if proc.returncode != 0 or proc.stdout.split()[1] == "-1.000":
            print("meaning model: not installed (the engine compares words only)")
            return
        times.append(float(proc.stdout.split()[0]))
    print(f"meaning model load (fresh process, imports included): median {statistics.median(times) * 1000:.0f} ms "
          f"over {len(times)} runs")


def sample_pair(runs: int = 31) -> None:
    left, right = default_pair()
    _time_pair(left, right, runs, goal=" (goal: 15 ms; issue 8 allowed 100 ms)")
    outlets = sorted(left.parent.glob("0[01]-*.txt"))
    if len(outlets) == 2:
        _time_pair(*outlets, runs)


def _time_pair(left: Path, right: Path, runs: int, goal: str = "") -> None:
    compare_files(left, right)  # warm caches (stemmer, Punkt, the meaning model) the way a running app would
    times, parts = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        c = compare_files(left, right)
        times.append(time.perf_counter() - t0)
        parts.append(c.timings)
    med = statistics.median(times)
    stages = {k: statistics.median(p.get(k, 0.0) for p in parts) * 1000 for k in ("segment", "normalise", "align", "claims")}
    print(f"{left.name} vs {right.name} ({len(c.left.sentences)}+{len(c.right.sentences)} sentences): engine "
          f"median {med * 1000:.1f} ms over {runs} runs (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}){goal}")
    print("  stages (median ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))


def cli_wall(runs: int = 5) -> None:
    left, right = default_pair()
    times = []
    for _ in range(runs):
        child = Child(cli(str(left), str(right), "--format", "json"))
        if child.returncode != 0:
            print(f"sidebyside --format json failed: {child.stderr.strip()}")
            return
        times.append(child.wall)
    print(f"sidebyside {left.name} {right.name} --format json: median {statistics.median(times):.2f} s wall "
          f"over {runs} runs (from process start)")


# ---- 2: the New Testament through the CLI, beside the floor --------------------------------

def whole_nt_cli(bible: Path, runs: int) -> None:
    left, right = bible / "nt.kjv.txt", bible / "nt.web.txt"
    floor_cmd = [sys.executable, str(ROOT / "bench" / "floor.py"), str(left), str(right)]
    floors, cli_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "nt.json"
        for _ in range(runs):
            floors.append(Child(floor_cmd))
            child = Child(cli(str(left), str(right), "--format", "json", "--output", str(out)))
            if child.returncode != 0:
                print(f"whole New Testament via the CLI failed: {child.stderr.strip()}")
                return
            cli_runs.append(child)
        size = out.stat().st_size
        sampled = Child(cli(str(left), str(right), "--format", "json", "--output", str(out)), sample=True)
    wall = statistics.median(c.wall for c in cli_runs)
    floor = statistics.median(c.wall for c in floors)
    peak = statistics.median(c.max_rss for c in cli_runs)
    tree, workers = sampled.tree_peak, sampled.workers
    print(f"whole New Testament via the CLI (--format json -o FILE, {size / 1e6:.1f} MB report), medians of {runs} runs:")
    print(f"  {wall:.2f} s wall, peak memory {peak:.0f} MiB" + (f" (tree with its worker, from one more run sampled "
                                                               f"and not timed: {tree:.0f} MiB)" if workers else ""))
    print(f"  floor script beside it: {floor:.2f} s wall; ratio {wall / floor:.1f}x the floor "
          f"(runs: {', '.join(f'{c.wall:.2f}/{f.wall:.2f}' for c, f in zip(cli_runs, floors))})")
    print("  goal (issue 13): at most 12x the floor and 250 MiB")


# ---- 3: growth ---------------------------------------------------------------------------

GROWTH_CHILD = """
import json, resource, sys, time
from pathlib import Path
from tui.compare import compare_texts
from tui.compare.meaning import load_model
from tui.export import render
left, right = (Path(p).read_text(encoding="utf-8") for p in ({left!r}, {right!r}))
load_model()
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20
base = rss()
t0 = time.perf_counter()
c = compare_texts(left, right)
t1 = time.perf_counter()
text = render(c, "json")
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"chars": len(left) + len(right), "sentences": len(c.left.sentences) + len(c.right.sentences),
                  "engine": t1 - t0, "json": t2 - t1, "base": base, "peak": peak}}))
"""


def _total(row: dict) -> float:
    return row["engine"] + row["json"]


def _above(row: dict) -> float:
    return row["peak"] - row["base"]


def growth(runs: int, bible: Path) -> None:
    whole = whole_size(bible)
    fractions = ((1, 8), (1, 4), (1, 2), (1, 1), (2, 1))
    rows: dict[tuple[int, int], list[dict]] = {f: [] for f in fractions}
    with tempfile.TemporaryDirectory() as tmp:
        codes = {}
        for num, den in fractions:
            left, right = write_pair(Path(tmp), whole * num // den, bible)
            codes[(num, den)] = GROWTH_CHILD.format(left=left, right=right)
        for _ in range(runs):
            for num, den in fractions:
                child = Child([sys.executable, "-c", codes[(num, den)]])
                if child.returncode != 0:
                    print(f"growth run failed: {child.stderr.strip()[-300:]}")
                    return
                row = __import__("json").loads(child.stdout.strip().splitlines()[-1])
                rows[(num, den)].append(row)
    print(f"growth on the New Testament pair (engine + JSON in a fresh process; medians of {runs} rounds; "
          f"ratios paired within a round):")
    print("   size   chars       sentences   time s  x time  exp   memory MiB (above interpreter)  x mem  exp")
    prev = None
    spread: list[str] = []
    for num, den in fractions:
        here = rows[(num, den)]
        med = {k: statistics.median(r[k] for r in here) for k in ("chars", "sentences", "engine", "json")}
        mem = statistics.median(r["peak"] - r["base"] for r in here)
        peak = statistics.median(r["peak"] for r in here)
        line = f"  {num}/{den:<2} {med['chars']:>10,.0f} {med['sentences']:>9,.0f}   {med['engine'] + med['json']:6.2f}"
        if prev:
            size_ratio = med["chars"] / statistics.median(r["chars"] for r in prev)
            paired = [_total(r) / _total(p) for r, p in zip(here, prev)]
            tr = statistics.median(paired)
            mr = statistics.median(_above(r) / _above(p) if _above(p) > 0 else float("nan") for r, p in zip(here, prev))
            line += f"   x{tr:4.2f}  {math.log(tr) / math.log(size_ratio):4.2f}"
            line += f"   {peak:6.0f} ({mem:5.0f})                    x{mr:4.2f}  {math.log(mr) / math.log(size_ratio):4.2f}"
            spread.append(f"  {num}/{den}: " + ", ".join(f"{math.log(x) / math.log(size_ratio):.2f}" for x in paired))
        else:
            line += f"                {peak:6.0f} ({mem:5.0f})"
        print(line)
        prev = here
    print("  time exponents of each round, per doubling (to the size shown):")
    print("\n".join(spread))
    print("  goal (issue 13): exponent at most 1.1 at every doubling")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", type=Path, default=BIBLE)
    ap.add_argument("--runs", type=int, default=3, help="runs of the New Testament through the CLI")
    ap.add_argument("--growth-runs", type=int, default=5, help="rounds of the growth table (each size once a round)")
    ap.add_argument("--skip-growth", action="store_true")
    args = ap.parse_args()
    model_load()
    sample_pair()
    cli_wall()
    if (args.bible / "nt.kjv.txt").is_file():
        whole_nt_cli(args.bible, args.runs)
        if not args.skip_growth:
            growth(args.growth_runs, args.bible)
    else:
        print(f"no Bible data at {args.bible}; the New Testament and growth figures are skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
