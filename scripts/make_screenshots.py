"""Make the SVG screenshots in screenshots/ from the sample corpus (run from anywhere).

usage: python scripts/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.app import SideBySideApp  # noqa: E402
from tui.compare import compare_files  # noqa: E402
from tui.corpus import default_pair, sample_corpus_dir  # noqa: E402

OUT = ROOT / "screenshots"
SIZE = (140, 42)

SHOTS = [
    # (file name, pair, keys pressed before the shot)
    ("reader.svg", default_pair(), ["d"]),
    ("detail-panel.svg", default_pair(), ["d", "i"]),
    ("only-differences.svg", (sample_corpus_dir() / "01-livenow-fox-explainer.txt",
                              sample_corpus_dir() / "02-ap-story-western-journal.txt"), ["f", "d", "i"]),
    ("help.svg", default_pair(), ["question_mark"]),
    ("picker.svg", None, []),
    ("narrow-80x24.svg", default_pair(), ["d"]),
]


async def shoot(name: str, pair, keys: list[str]) -> Path:
    app = SideBySideApp(compare_files(*pair) if pair else None)
    size = (80, 24) if "80x24" in name else SIZE
    async with app.run_test(size=size) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        return Path(app.save_screenshot(name, path=str(OUT)))


def main() -> int:
    os.environ.setdefault("SIDEBYSIDE_DATA_DIR", tempfile.mkdtemp(prefix="sbs-shots-"))
    OUT.mkdir(exist_ok=True)
    for name, pair, keys in SHOTS:
        print(asyncio.run(shoot(name, pair, keys)).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
