"""The start of a large comparison, up to the end of ``prepare.read_both``: prints figures,
asserts nothing.

usage: python bench/bench_read_both.py [--code DIR[,DIR...]] [--runs N] [--bible DIR]

Each run is ``sidebyside KJV WEB --format json -o FILE`` on the New Testament pair in a fresh
process (bytecode as an installed copy has it), stopped once ``read_both`` has returned. There
the right text is read by a forked helper while this process reads the left one and imports the
rest of the engine (``engine._import_the_rest``), so the wall waits on the longer of the two.
Per run, in seconds: when ``read_both`` begins and ends (wall, from process start), this
process's CPU time inside ``read_both`` and the helper's CPU time, and "path": the longer of
this process's and the helper's (after what this process did before the fork) — the CPU time
the wall waits on where each has a core. On a busy machine decide by the CPU figures. With
several ``--code`` checkouts, runs alternate between them, so drift hits all alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIBLE = ROOT.parent / "shared" / "bench" / "bible"

# Runs in the child: notes (pid, what, wall from start, process CPU) at the points that matter.
CHILD = r"""
import os, runpy, sys, time
T0, LOG = float(os.environ["RB_T0"]), os.environ["RB_LOG"]
def note(what):
    with open(LOG, "a") as f:
        f.write(f"{what} {time.time() - T0:.4f} {time.process_time():.4f}\n")
from tui.compare import engine, helper, prepare
def there_noted(there):
    def run(*args):
        note("there-begin"); got = there(*args); note("there-end"); return got
    return run
if hasattr(helper, "begin_telling"):
    begin_telling = helper.begin_telling
    def begin_noted(there):
        later = begin_telling(there_noted(there)); note("forked"); return later
    helper.begin_telling = begin_noted
else:
    in_two = helper.in_two
    def here_noted(here):
        def run():
            note("forked"); return here()
        return run
    helper.in_two = lambda there, here: in_two(there_noted(there), here_noted(here))
read_both = prepare.read_both
def noted(*args, **kw):
    note("begin"); got = read_both(*args, **kw); note("end"); os._exit(0)
engine.read_both = noted
sys.argv = ["tui", *sys.argv[1:]]
runpy.run_module("tui", run_name="__main__", alter_sys=True)
"""


def one_run(code: Path, bible: Path, tmp: Path) -> dict[str, float]:
    log = tmp / "notes"
    log.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(code), RB_LOG=str(log), RB_T0=repr(time.time()))
    subprocess.run([sys.executable, "-c", CHILD, str(bible / "nt.kjv.txt"), str(bible / "nt.web.txt"),
                    "--format", "json", "-o", str(tmp / "out.json")], env=env, check=True, cwd=tmp,
                   stdout=subprocess.DEVNULL)
    at: dict[str, tuple[float, float]] = {}
    for line in log.read_text().splitlines():
        what, wall, cpu = line.split()
        at[what] = (float(wall), float(cpu))
    here_cpu = at["end"][1] - at["begin"][1]
    helper_cpu = at["there-end"][1] - at["there-begin"][1]
    before_fork = at["forked"][1] - at["begin"][1]
    return {"begins": at["begin"][0], "ends": at["end"][0], "here cpu": here_cpu, "helper cpu": helper_cpu,
            "path": max(here_cpu, before_fork + helper_cpu)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", default=str(ROOT), help="checkouts to measure, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bible", type=Path, default=BIBLE)
    args = ap.parse_args()
    if not (args.bible / "nt.kjv.txt").exists():
        print(f"no New Testament pair in {args.bible}")
        return 1
    codes = [Path(c).resolve() for c in args.code.split(",")]
    rows: dict[Path, list[dict[str, float]]] = {c: [] for c in codes}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for code in codes:
                rows[code].append(one_run(code, args.bible, Path(tmp)))
    print(f"read_both on the New Testament pair via the CLI, medians of {args.runs} runs (s):")
    for code, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"  {code}: begins {med['begins']:.3f}, ends {med['ends']:.3f} (wall from start); CPU here "
              f"{med['here cpu']:.3f}, helper {med['helper cpu']:.3f}, path {med['path']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
