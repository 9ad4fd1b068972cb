"""Reader speed, headless: time to first paint, time per jump, time per page scroll.

usage: python bench/bench_app.py [--sentences N] [--bible DIR]

Three pairs: the sample pair; a long pair of about N (default 10,000) sentences a side,
built from the sample corpus: every article repeated with variations (numbers changed on one
side, a paragraph dropped and two swapped on the other), so the pair has matches,
differences and one-sided sentences all the way through; and, when ../shared is there, the
New Testament pair (KJV against WEB, about 9,900 sentences a side). The comparison is computed
before the app starts, as the command line does; the figures are for the app alone.

For each key two figures are printed:
  work   the action itself plus rendering every row both panes show (what the key costs),
  pilot  the key pressed through Pilot until the app is idle again, screen update included;
         a key bound to nothing is timed too, to show what Pilot's own waiting costs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.ui.app import SideBySideApp  # noqa: E402
from tui.compare import compare_files, compare_texts  # noqa: E402
from tui.corpus import default_pair, sample_files  # noqa: E402
from tui.ui.screens.reader import ReaderScreen  # noqa: E402

SIZE = (140, 45)
JUMPS = 60


def vary(text: str, k: int, side: str) -> str:
    """Article ``text`` for repetition ``k``: numbers changed on the left; a paragraph dropped
    and two swapped on the right."""
    if side == "left":
        for number in ("175", "23", "30", "2022", "11"):
            text = text.replace(number, str(int(number) + 1 + k % 7))
        return text
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 4:
        del paragraphs[(k * 3) % len(paragraphs)]
        i = (k * 5) % (len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    return "\n\n".join(paragraphs)


def long_pair(sentences: int):
    texts = [p.read_text(encoding="utf-8") for p in sample_files()]
    per_text = [len(compare_texts(t, t).left.sentences) for t in texts]
    left, right, n, k = [], [], 0, 0
    while n < sentences:
        i = k % len(texts)
        left.append(vary(texts[i], k, "left"))
        right.append(vary(texts[i], k, "right"))
        n += per_text[i]
        k += 1
    return compare_texts("\n\n".join(left), "\n\n".join(right), "long-left.txt", "long-right.txt")


def render_visible(screen: ReaderScreen) -> None:
    for pane in (screen.left_pane, screen.right_pane):
        for y in range(pane.height):
            pane.render_line(y)


async def measure(comparison) -> dict[str, object]:
    app = SideBySideApp(comparison)
    app.animation_level = "none"  # measure the work, not the length of scroll animations
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, ReaderScreen) and app.screen.cursor is not None):
            await pilot.pause()
        first_paint = time.perf_counter() - t0
        screen = app.screen
        work: dict[str, list[float]] = {"jump": [], "page": []}
        pilot_times: dict[str, list[float]] = {"jump": [], "page": []}
        for i in range(JUMPS):
            kind = ("diff", "differ", "only-left", "only-right", "diff", "match")[i % 6]
            t = time.perf_counter()
            screen.action_jump(1, kind)
            render_visible(screen)
            work["jump"].append(time.perf_counter() - t)
            await pilot.pause()
            t = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            pilot_times["jump"].append(time.perf_counter() - t)
        for i in range(JUMPS // 2):
            t = time.perf_counter()
            screen.pane(screen.active).action_page(1)
            render_visible(screen)
            work["page"].append(time.perf_counter() - t)
            await pilot.pause()
            t = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            pilot_times["page"].append(time.perf_counter() - t)
        t = time.perf_counter()
        screen.action_edge(1)
        render_visible(screen)
        bottom = time.perf_counter() - t
        floor = []
        for _ in range(10):  # a key bound to nothing: what Pilot itself costs
            t = time.perf_counter()
            await pilot.press("f20")
            await pilot.pause()
            floor.append(time.perf_counter() - t)
    return {"first": first_paint, "work": work, "pilot": pilot_times, "bottom": bottom, "floor": floor}


def ms(values: list[float]) -> str:
    return f"mean {statistics.mean(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"


def report(name: str, comparison) -> None:
    r = asyncio.run(measure(comparison))
    sizes = f"{len(comparison.left.sentences):,} + {len(comparison.right.sentences):,} sentences"
    print(f"{name} ({sizes}):")
    print(f"  time to first paint  {r['first'] * 1000:.0f} ms (app start to the reader on screen)")
    print(f"  jump (n, d, 1, 2, m) work {ms(r['work']['jump'])}; pilot {ms(r['pilot']['jump'])}")
    print(f"  page down            work {ms(r['work']['page'])}; pilot {ms(r['pilot']['page'])}")
    print(f"  jump to the bottom   work {r['bottom'] * 1000:.1f} ms")
    print(f"  (a key bound to nothing costs pilot {ms(r['floor'])}: Pilot's own waiting)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=10_000, help="sentences a side in the long pair")
    ap.add_argument("--bible", type=Path, default=ROOT.parent / "shared" / "bench" / "bible",
                    help="where the New Testament pair is (measured too when present)")
    args = ap.parse_args(argv)
    report("sample pair", compare_files(*default_pair()))
    t0 = time.perf_counter()
    big = long_pair(args.sentences)
    print(f"  (building and comparing the long pair took {time.perf_counter() - t0:.1f} s, not counted)")
    report("long pair", big)
    if (args.bible / "nt.kjv.txt").is_file():
        t0 = time.perf_counter()
        nt = compare_files(args.bible / "nt.kjv.txt", args.bible / "nt.web.txt")
        print(f"  (comparing the New Testament pair took {time.perf_counter() - t0:.1f} s, not counted)")
        report("New Testament pair, KJV vs WEB", nt)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
