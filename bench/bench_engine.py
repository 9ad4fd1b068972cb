"""Engine speed and memory: prints figures, asserts nothing.

usage: python bench/bench_engine.py [--bible DIR]

0. The meaning model's load time, on its own, in a fresh process (numpy, tokenizers, the
   memory-mapped vector table): the engine pays it once, on the first comparison that needs it.
1. The sample pair (two edits of one wire story) and a pair of two outlets (where the meaning
   pass runs): engine time after the model is loaded, median of repeated runs; and
   ``sidebyside A B --format json`` on the sample pair, wall time from process start.
2. Growth: the New Testament pair cut to 1/8, 1/4, 1/2 and all of its chapters; time for
   each size and the ratio when the input doubles (2.0 means linear).
3. The whole New Testament through the CLI (``--format json``) in a child process: wall time
   and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare import compare_files, compare_texts  # noqa: E402
from tui.corpus import default_pair  # noqa: E402


def model_load() -> None:
    code = ("import time; t0 = time.perf_counter()\n"
            "from tui.compare.meaning import load_model\n"
            "t1 = time.perf_counter(); m = load_model(); t2 = time.perf_counter()\n"
            "print(f'{t2 - t1:.3f} {m.load_seconds if m else -1:.3f}')")
    times = []
    for _ in range(5):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if proc.returncode != 0 or proc.stdout.split()[1] == "-1.000":
            print("meaning model: not installed (the engine compares words only)")
            return
        times.append(float(proc.stdout.split()[0]))
    print(f"meaning model load (fresh process, imports included): median {statistics.median(times) * 1000:.0f} ms "
          f"over {len(times)} runs")


def cli_wall(runs: int = 5) -> None:
    left, right = default_pair()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "--format", "json"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            print(f"sidebyside --format json failed: {proc.stderr.strip()}")
            return
    print(f"sidebyside {left.name} {right.name} --format json: median {statistics.median(times):.2f} s wall "
          f"over {runs} runs (from process start)")


def sample_pair(runs: int = 15) -> None:
    left, right = default_pair()
    _time_pair(left, right, runs)
    outlets = sorted(left.parent.glob("0[01]-*.txt"))
    if len(outlets) == 2:
        _time_pair(*outlets, runs)


def _time_pair(left: Path, right: Path, runs: int) -> None:
    compare_files(left, right)  # warm caches (stemmer, Punkt, the meaning model) the way a running app would
    times, parts = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        c = compare_files(left, right)
        times.append(time.perf_counter() - t0)
        parts.append(c.timings)
    med = statistics.median(times)
    stages = {k: statistics.median(p[k] for p in parts) * 1000 for k in ("segment", "normalise", "align", "claims")}
    print(f"{left.name} vs {right.name} ({len(c.left.sentences)}+{len(c.right.sentences)} sentences): engine "
          f"median {med * 1000:.1f} ms over {runs} runs (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    print("  stages (median ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))


def growth(bible: Path) -> None:
    kjv = (bible / "nt.kjv.txt").read_text(encoding="utf-8").split("\n\n")
    web = (bible / "nt.web.txt").read_text(encoding="utf-8").split("\n\n")
    n = min(len(kjv), len(web))
    print(f"growth on the New Testament pair ({n} chapters a side):")
    prev = None
    for frac in (8, 4, 2, 1):
        k = n // frac
        left, right = "\n\n".join(kjv[:k]), "\n\n".join(web[:k])
        t0 = time.perf_counter()
        c = compare_texts(left, right)
        dt = time.perf_counter() - t0
        ratio = f"  x{dt / prev:.2f} for twice the input" if prev else ""
        print(f"  {k:4d} chapters, {len(left) + len(right):>9,} chars, "
              f"{len(c.left.sentences) + len(c.right.sentences):>6} sentences: {dt:6.2f} s{ratio}")
        prev = dt


def whole_nt_cli(bible: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "nt.json"
        cmd = [sys.executable, "-m", "tui", str(bible / "nt.kjv.txt"), str(bible / "nt.web.txt"),
               "--format", "json", "--output", str(out)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if proc.returncode != 0:
            print(f"whole New Testament via the CLI failed: {proc.stderr.strip()}")
            return
        size = out.stat().st_size
    print(f"whole New Testament via the CLI (--format json): {wall:.1f} s wall, peak memory "
          f"{max(peak, before) / 1024:.0f} MiB, report {size / 1e6:.1f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", type=Path, default=ROOT.parent / "shared" / "bench" / "bible")
    args = ap.parse_args()
    model_load()
    sample_pair()
    cli_wall()
    if (args.bible / "nt.kjv.txt").is_file():
        growth(args.bible)
        whole_nt_cli(args.bible)
    else:
        print(f"no Bible data at {args.bible}; growth and New Testament figures skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
