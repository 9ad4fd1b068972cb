"""Hostile text: how long the engine takes on input built to make regexes backtrack. Prints
figures, asserts nothing (``tests/test_hostile_text.py`` checks that such input is compared).

usage: python bench/bench_hostile.py [--sizes 62500,250000,1000000]

For each kind of run (one "word" of letters, digits, opening quotes with no closing one,
capitals, letters and hyphens, ordinary words) and each size, a line holding the run is put on
both sides of a pair (so the lines link and every claim check runs over them) and compared
with ``compare_texts``. A linear engine takes about 4x as long when the run is 4x longer;
the ratio to the previous size is printed. Last, the two inputs of the test (a 200,000-letter
word; a 1 MB line of runs; 400 hyphenated compounds beside such a word) through the CLI with ``--format json``, from process start, and the
time to decide the encoding of large files that are not plain UTF-8.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare import compare_texts  # noqa: E402

BASE = "The ceasefire began on Monday. Officials said 175 prisoners were freed.\n"
RUNS = {"letters": "a", "digits": "1", "open quotes": "“", "capitals": "A", "hyphenated": "a-",
        "words": "the talks went on ", "short quotations": "“alpha beta gamma” ", "one number told again": "1 "}


# A run in a sentence the other side has no partner for: the steps for free sentences read it.
UNLINKED = {"open quotes, sentence with no partner": "“", "short quotations, sentence with no partner": "“alpha beta” "}
OTHER = "Nothing of the kind was seen “in the town” by anyone.\n"


def engine(sizes: list[int]) -> None:
    compare_texts(BASE, BASE)  # load the stemmer and Punkt first
    for kind, unit in {**RUNS, **UNLINKED}.items():
        prev = None
        cells = []
        for n in sizes:
            line = "Troops moved 12 km (7 miles) and said " + unit * (n // len(unit)) + " toward the border"
            other = OTHER if kind in UNLINKED else line.replace("Troops", "Soldiers") + " today\n"
            t0 = time.perf_counter()
            compare_texts(BASE + line + "\n", BASE + other)
            dt = time.perf_counter() - t0
            cells.append(f"{n:>9,} chars {dt:6.2f} s" + (f" (x{dt / prev:4.1f})" if prev else ""))
            prev = dt
        print(f"{kind:>38}: " + " · ".join(cells))


def cli() -> None:
    word = "a" * 200_000
    runs = ["1" * 250_000, "“" * 250_000, "b" * 250_000, "A" * 250_000]
    line = "Troops moved 12 km (7 miles) and said " + " ".join(runs) + " toward the border"
    compounds = " ".join("a-" + "a" * k for k in range(1, 401))
    cases = {
        "200,000-letter word": (BASE + f"He wrote {word} on the wall.\n", BASE + f"She wrote {word} on the wall.\n"),
        f"{len(line):,}-char line of runs": (BASE + line + "\n", BASE + line.replace("Troops", "Soldiers") + "\n"),
        "400 compounds beside a 200,000-letter word": (BASE + word + " and " + compounds + " aaa.\n",
                                                       BASE + "b" * 200_000 + " and " + compounds + ".\n"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, (a, b) in cases.items():
            left, right = Path(tmp, "left.txt"), Path(tmp, "right.txt")
            left.write_text(a, encoding="utf-8")
            right.write_text(b, encoding="utf-8")
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "--format", "json"],
                                  cwd=ROOT, capture_output=True)
            dt = time.perf_counter() - t0
            print(f"CLI --format json, {name}: {dt:.2f} s from process start (exit {proc.returncode})")


def decoding() -> None:
    from tui.compare.decode import decode_bytes

    cases = {
        "cp1251 (Russian)": ("Президент заявил, что переговоры продолжатся в понедельник в Женеве. " * 700_000).encode("cp1251"),
        "UTF-8, one damaged byte at the end": ("He said “no” — then “maybe”. " * 1_500_000).encode() + b"\xff",
        "ASCII, one cp1252 line at the end": b"plain ascii line\n" * 3_000_000 + "Il a dit «non» hier.\n".encode("cp1252"),
    }
    for name, data in cases.items():
        t0 = time.perf_counter()
        decoded = decode_bytes(data, name)
        dt = time.perf_counter() - t0
        print(f"decode {len(data) / 2**20:.0f} MiB, {name}: {dt:.2f} s, read as {decoded.encoding} ({decoded.errors})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="62500,250000,1000000")
    args = ap.parse_args()
    engine([int(s) for s in args.sizes.split(",")])
    cli()
    decoding()


if __name__ == "__main__":
    main()
