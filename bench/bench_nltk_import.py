"""What the engine pays for nltk: a fresh process importing the whole package against one taking
only Punkt and the Snowball stemmer through ``tui.compare.nltk_parts``. Prints figures, asserts
nothing.

    python bench/bench_nltk_import.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

_WHOLE = "import nltk.tokenize.punkt, nltk.stem.snowball"
_PARTS = "from tui.compare.nltk_parts import modules; modules()"
_TIMED = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"


def _seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", _TIMED.format(code)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    for label, code in (("whole nltk package", _WHOLE), ("Punkt + Snowball only", _PARTS)):
        times = [_seconds(code) for _ in range(runs)]
        print(f"{label:24} median {statistics.median(times) * 1000:6.0f} ms  (runs {min(times) * 1000:.0f}-{max(times) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
