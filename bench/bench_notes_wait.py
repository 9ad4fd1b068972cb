"""A helper judging ahead that must wait for this process's notes (``judging.judge_ahead``): how
long after the notes are in it goes on, and the CPU it spends while it waits. Prints figures,
asserts nothing.

usage: python bench/bench_notes_wait.py [--code DIR] [--runs 10] [--wait 1.0]

Each run starts a helper (``helper.in_batches``) whose one batch waits for the notes, lets it
wait ``--wait`` seconds, then says the notes are in. ``--code DIR``: the ``tui`` package of
another checkout, so two versions can be timed in turns; one from before the helper slept on a
pipe (it looked at the notes every 2 ms, ``judging._wait_for_notes``) is timed its own way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--wait", type=float, default=1.0)
    args = ap.parse_args()
    sys.path.insert(0, str(args.code))
    from tui.compare import helper, judging

    polls = not hasattr(helper, "Notes")  # (a checkout from before the pipe)

    def work(k: int, notes) -> tuple[float, float]:
        cpu = time.process_time()
        if polls:
            judging._wait_for_notes(notes)
        else:
            notes.wait()
        return time.monotonic(), time.process_time() - cpu

    late, used = [], []
    for _ in range(args.runs):
        runs = helper.in_batches(work, 1, notes=1)
        if runs is None:
            print("no helper may run here; nothing measured")
            return 0
        time.sleep(args.wait)
        told = time.monotonic()
        if polls:
            runs.notes[0] = 1
        else:
            runs.notes_in()
        [(_, (woke, cpu))] = list(runs.results())
        late.append((woke - told) * 1000)
        used.append(cpu * 1000)
    print(f"{helper.__file__}: {'looks every 2 ms' if polls else 'sleeps on a pipe'}; {args.runs} runs")
    print(f"  goes on after the notes are in: median {statistics.median(late):.2f} ms, most {max(late):.2f} ms")
    print(f"  CPU while it waits {args.wait:g} s: median {statistics.median(used):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
