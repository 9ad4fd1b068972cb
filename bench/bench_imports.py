"""What importing costs before anything is on screen or compared: each row is a fresh process
timing one import (after what the row names as already imported). Prints figures, asserts
nothing.

    python bench/bench_imports.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

_SCREENS = ("coverage", "pick_pair", "help", "lists", "unsaved", "note_editor")
ROWS = (
    ("the whole nltk package (what the engine avoids)", "", "import nltk.tokenize.punkt, nltk.stem.snowball"),
    ("Punkt + Snowball only (tui.compare.nltk_parts)", "", "from tui.compare.nltk_parts import modules; modules()"),
    ("the engine (tui.compare.engine)", "", "import tui.compare.engine"),
    ("the claim checks, after the engine", "import tui.compare.engine", "import tui.compare.claims"),
    ("Textual's App", "", "import textual.app"),
    ("the app with the reader (tui.ui.app)", "", "import tui.ui.app"),
    ("the other screens, after the app", "import tui.ui.app",
     "; ".join(f"import tui.ui.screens.{name}" for name in _SCREENS)),
)
_TIMED = "{}\nimport time; t = time.perf_counter()\n{}\nprint(time.perf_counter() - t)"


def _seconds(before: str, code: str) -> float:
    out = subprocess.run([sys.executable, "-c", _TIMED.format(before, code)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    for label, before, code in ROWS:
        times = [_seconds(before, code) for _ in range(runs)]
        print(f"{label:50} median {statistics.median(times) * 1000:5.0f} ms "
              f"(runs {min(times) * 1000:.0f}-{max(times) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
