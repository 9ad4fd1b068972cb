"""Growth in instructions, not seconds: prints figures, asserts nothing.

usage: python bench/bench_instructions.py [--sizes 1/8,1/4,1/2,1,2] [--halves] [--cache] [--bible DIR]

This machine's speed drifts by up to 1.7x between runs and a single run's time by about 10%,
so a time exponent of one doubling is a noisy figure (``bench_engine.py`` pairs runs and takes
medians). The number of instructions a run executes does not drift: here each size of the
New Testament growth input (``bench/nt_inputs.py``: chapters of the KJV/WEB pair, then a
rewritten copy of them) is compared and rendered as JSON in one process (the helper processes
off, ``SIDEBYSIDE_ONE_PROCESS``) under ``valgrind --tool=callgrind``, and from its total is
taken that of the same program on two one-line texts (the interpreter, the imports and the
meaning model), so what is left is the comparison's own work. The input is made beforehand and
read from two files, as the command reads it. Per doubling: the ratio and the exponent
log(ratio) / log(size ratio). Instructions are not time: a cache miss costs no
instruction, so a working set that outgrows the caches shows in ``bench_engine.py`` and not
here. Valgrind runs Python some 50 times slower: the whole table takes about half an hour.
``--cache`` has callgrind simulate the caches too (slower again): each size's misses in the
last-level cache beside its instructions, with their exponents. The last-level cache simulated is
this machine's (size, ways and line read from ``/sys/devices/system/cpu/cpu0/cache``; callgrind's
own guess on this virtual machine was a 512 MiB cache, in which nearly every miss is a first
touch of memory).

Twice the New Testament is the New Testament and a rewritten copy of it, and the copy need not
be the same work as the original (its rewritten words are not words the meaning model knows, so
they break into more word pieces). ``--halves`` also counts the copy compared on its own, and
prints the largest size against its two halves compared apart: 1.00 is linear whatever the copy
costs.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE, chapters, pair_of_size, rewrite, whole_size  # noqa: E402

CHILD = """
import sys
from pathlib import Path
from tui.compare import compare_texts
from tui.compare.meaning import load_model
from tui.export import render
left, right = (Path(p).read_text(encoding="utf-8") for p in sys.argv[1:3])
load_model()
render(compare_texts(left, right), "json")
"""


def _texts(chars: int, bible: Path) -> tuple[str, str]:
    if chars > 0:
        return pair_of_size(chars, bible)
    if chars < 0:  # the first rewritten copy alone
        left, right = ("\n\n".join(rewrite(c, 1) for c in side) for side in chapters(bible))
        return left, right
    return "One line.", "One line too."


def last_level_cache() -> list[str]:
    """callgrind's ``--LL=size,ways,line`` for this machine's largest cache, if sysfs tells it."""
    best = None
    for index in Path("/sys/devices/system/cpu/cpu0/cache").glob("index*"):
        try:
            level = int((index / "level").read_text())
            if (index / "type").read_text().strip() == "Instruction":
                continue
            size = (index / "size").read_text().strip()
            bytes_ = int(size[:-1]) * {"K": 1 << 10, "M": 1 << 20}[size[-1]] if size[-1] in "KM" else int(size)
            ways = int((index / "ways_of_associativity").read_text())
            line = int((index / "coherency_line_size").read_text())
        except (OSError, ValueError, KeyError):
            continue
        if best is None or level > best[0]:
            best = (level, bytes_, ways, line)
    return [] if best is None else [f"--LL={best[1]},{best[2]},{best[3]}"]


def instructions(chars: int, bible: Path = BIBLE, cache: bool = False) -> tuple[int, int]:
    """Instructions executed by the child reading and comparing an input of about ``chars``
    characters (made here, written to two files), then writing its JSON report to a string;
    for ``chars`` 0 two one-line texts, below 0 the rewritten copy alone. With them, the misses
    in the last-level cache where ``cache`` (else 0)."""
    # (a fixed hash seed: the same sets and dicts, so the same count from run to run)
    env = dict(os.environ, PYTHONPATH=str(ROOT), SIDEBYSIDE_ONE_PROCESS="1", PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        paths = [Path(tmp) / "left.txt", Path(tmp) / "right.txt"]
        for path, text in zip(paths, _texts(chars, bible)):
            path.write_text(text, encoding="utf-8")
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                               f"--cache-sim={'yes' if cache else 'no'}", *(last_level_cache() if cache else []),
                               sys.executable, "-c", CHILD, *map(str, paths)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip()[-300:])
        text = out.read_text()
        events = re.search(r"^events: (.*)$", text, re.M).group(1).split()
        counts = dict(zip(events, map(int, re.search(r"^(?:summary|totals): (.*)$", text, re.M).group(1).split())))
        return counts["Ir"], sum(counts.get(e, 0) for e in ("ILmr", "DLmr", "DLmw"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1/8,1/4,1/2,1,2", help="times the New Testament pair, ascending")
    ap.add_argument("--halves", action="store_true", help="also the rewritten copy alone (needs sizes 1 and 2)")
    ap.add_argument("--cache", action="store_true", help="also the misses in the last-level cache (simulated)")
    ap.add_argument("--bible", type=Path, default=BIBLE)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed; nothing measured")
        return 0
    if not (args.bible / "nt.kjv.txt").is_file():
        print(f"no Bible data at {args.bible}; nothing measured")
        return 0
    sizes = [Fraction(s) for s in args.sizes.split(",")]
    whole = whole_size(args.bible)
    base = instructions(0, args.bible, args.cache)
    if args.cache:
        print("last-level cache simulated: " + (" ".join(last_level_cache()) or "callgrind's guess (sysfs says nothing)"))
    print(f"interpreter, imports and model on two one-line texts: {base[0] / 1e9:.2f} G instructions"
          + (f", {base[1] / 1e6:.1f} M last-level misses" if args.cache else "") + " (taken off below)")
    print("   size   instructions (G)   x      exp" + ("     LL misses (M)    x      exp" if args.cache else ""))
    prev = None
    done: list[tuple[Fraction, int]] = []
    for size in sizes:
        work, misses = (a - b for a, b in zip(instructions(int(whole * size), args.bible, args.cache), base))
        done.append((size, work))
        line = f"  {str(size):5s} {work / 1e9:12.2f}"
        if prev is not None:
            ratio = work / prev[1]
            line += f"       x{ratio:4.2f}  {math.log(ratio) / math.log(size / prev[0]):5.2f}"
        else:
            line += " " * 20
        if args.cache:
            line += f"   {misses / 1e6:12.1f}"
            if prev is not None and prev[2] > 0:
                ratio = misses / prev[2]
                line += f"     x{ratio:4.2f}  {math.log(ratio) / math.log(size / prev[0]):5.2f}"
        print(line, flush=True)
        prev = (size, work, misses)
    if args.halves and sizes[-1] == 2 and 1 in sizes:
        whole_work = next(w for s, w in done if s == 1)
        copy = instructions(-1, args.bible)[0] - base[0]
        print(f"  the rewritten copy alone: {copy / 1e9:.2f} G ({copy / whole_work:.2f}x the New Testament's); "
              f"twice the New Testament against the two compared apart: x{prev[1] / (whole_work + copy):.3f}")
    print("  goal (issue 13): exponent at most 1.1 at every doubling")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
