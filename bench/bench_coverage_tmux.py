"""The coverage view as a user meets it: ``sidebyside A B C ...`` in a real terminal (tmux),
timed from process start. Prints figures, asserts nothing.

usage: python bench/bench_coverage_tmux.py [--sources N ...] [--runs R] [--python PY] [--repo DIR]

For each number of sources (default 5, the sample corpus, and 20, the reports of
``bench_coverage.py``: Mark 1-4 in two translations when ../shared is there, else rewrites of
the sample corpus), the app is started in a detached tmux window of 160×48 and its screen
read every 10 ms (``tmux capture-pane``) until:

  first paint   anything of the app is on screen (the sources' names and the progress line,
                or, for code that groups before it shows anything, the claims);
  key answered  a key pressed at first paint (``j``) has visibly answered (a hint that the
                claims are still being grouped, or the row moved);
  claims shown  the status line ``row 1/…`` is there;
  quit          ``q`` pressed then, until the process has gone.

``--repo DIR`` runs another checkout's code (e.g. an export of main) for a before/after
figure with the same inputs; ``--python`` the interpreter to run it with. Figures depend on
the machine's load (printed): compare runs made in the same minute.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_coverage import BIBLE, bible_reports, corpus_reports  # noqa: E402

SESSION = "sbs-bench-coverage"
POLL = 0.01


def screen() -> str:
    out = subprocess.run(["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else ""


def alive() -> bool:
    return subprocess.run(["tmux", "has-session", "-t", SESSION], capture_output=True).returncode == 0


def wait_for(test, limit: float = 120.0) -> float | None:
    """Seconds until ``test(screen text)`` is true (None: not within ``limit``)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if test(screen()):
            return time.perf_counter()
        time.sleep(POLL)
    return None


def one_run(python: str, repo: Path, files: list[str], data: str) -> dict[str, float | None]:
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    command = " ".join(shlex.quote(a) for a in [python, "-m", "tui", *files, "--data-dir", data])
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "48",
                    f"cd {shlex.quote(str(repo))} && exec {command}"], check=True)
    out: dict[str, float | None] = {}
    first = wait_for(lambda s: "Grouping" in s or "row 1/" in s)
    out["first paint"] = first - t0 if first else None
    subprocess.run(["tmux", "send-keys", "-t", SESSION, "j"])
    answered = wait_for(lambda s: "Still grouping" in s or "row 2/" in s)
    out["key answered"] = answered - first if answered and first else None
    shown = wait_for(lambda s: "row 1/" in s or "row 2/" in s)
    out["claims shown"] = shown - t0 if shown else None
    t1 = time.perf_counter()
    subprocess.run(["tmux", "send-keys", "-t", SESSION, "q"])
    while alive() and time.perf_counter() - t1 < 30:
        time.sleep(POLL)
    out["quit"] = time.perf_counter() - t1
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    return out


def inputs(n: int, folder: Path) -> list[str]:
    if n == 5:
        return [str(p) for p in sorted((ROOT / "sample_corpus").glob("*.txt"))]
    reports = bible_reports(BIBLE, n, 1000) if (BIBLE / "mark.gold.tsv").is_file() else corpus_reports(n, 1000)
    paths = []
    for name, text in reports:
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, nargs="+", default=[5, 20])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--repo", type=Path, default=ROOT)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; code from {args.repo}")
    with tempfile.TemporaryDirectory(prefix="sbs-bench-") as tmp:
        for n in args.sources:
            files = inputs(n, Path(tmp))
            runs = [one_run(args.python, args.repo, files, str(Path(tmp) / f"data-{n}-{r}")) for r in range(args.runs)]
            print(f"{n} sources, {args.runs} runs (median; all in seconds from process start unless said):")
            for key in ("first paint", "key answered", "claims shown", "quit"):
                values = [r[key] for r in runs if r[key] is not None]
                if not values:
                    print(f"  {key:<13} never")
                    continue
                after = " after first paint" if key == "key answered" else " after q" if key == "quit" else ""
                print(f"  {key:<13} {statistics.median(values):.2f}{after} "
                      f"(runs: {', '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
