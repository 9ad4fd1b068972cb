"""Make the SVG screenshots in screenshots/ from the sample corpus (run from anywhere).

usage: python scripts/make_screenshots.py [--out DIR] [NAME.svg ...]

Each shot opens the app headless (``run_test``) at a fixed size and theme, presses the keys a
user would, and saves what the terminal shows with ``save_screenshot``. The README shows them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.ui.app import SideBySideApp  # noqa: E402
from tui.compare import compare_files  # noqa: E402
from tui.corpus import default_pair, sample_corpus_dir, sample_files  # noqa: E402
from tui.coverage_session import CoverageSession  # noqa: E402

SIZE = (140, 42)
FOX_AP = ("01-livenow-fox-explainer.txt", "02-ap-story-western-journal.txt")
ALL = "all five reports"  # the coverage view on the whole sample corpus

SHOTS = [
    # (file name, pair (None: the picker; ALL: the coverage view), keys pressed before the shot, terminal size)
    ("reader.svg", default_pair(), ["n"], SIZE),
    ("detail-panel.svg", default_pair(), ["n", "i"], SIZE),
    ("only-differences.svg", FOX_AP, ["z", "d", "d", "i"], SIZE),
    ("search.svg", default_pair(), ["slash", *"kremlin", "enter", "semicolon"], SIZE),
    ("help.svg", default_pair(), ["question_mark"], SIZE),
    ("picker.svg", None, [], SIZE),
    ("narrow-80x24.svg", default_pair(), ["n"], (80, 24)),
    ("narrow-detail-80x24.svg", default_pair(), ["d", "i"], (80, 24)),
    ("coverage.svg", ALL, ["l"] * 4 + ["j"] * 18, SIZE),  # the rewrite's column, the prisoner swap
    ("coverage-80x24.svg", ALL, ["d", "d"], (80, 24)),
]


async def shoot(name: str, pair, keys: list[str], size: tuple[int, int], out: Path) -> Path:
    if pair == ALL:
        app = SideBySideApp(session=CoverageSession.open([str(p) for p in sample_files()]))
    else:
        if pair is not None and isinstance(pair[0], str):
            pair = tuple(sample_corpus_dir() / p for p in pair)
        app = SideBySideApp(compare_files(*pair) if pair else None)
    async with app.run_test(size=size) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause(0.3)  # let notifications and screen switches settle
        return Path(app.save_screenshot(name, path=str(out)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "screenshots")
    ap.add_argument("names", nargs="*", help="make only these shots (e.g. coverage.svg); default: all")
    args = ap.parse_args(argv)
    os.environ.setdefault("SIDEBYSIDE_DATA_DIR", tempfile.mkdtemp(prefix="sbs-shots-"))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, pair, keys, size in SHOTS:
        if args.names and name not in args.names:
            continue
        path = asyncio.run(shoot(name, pair, keys, size, args.out))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
