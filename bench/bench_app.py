"""Reader speed: time to first paint and time per jump, headless. Prints figures only.

usage: python bench/bench_app.py

Pairs: the sample pair, and a 10,000-sentence pair built from the sample corpus (every
article repeated with its numbers changed, so the pair has matches, differences and
one-sided sentences all the way through). The comparison is computed before the app starts,
as the command line does; the figures are for the app alone.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.app import SideBySideApp  # noqa: E402
from tui.compare import compare_files, compare_texts  # noqa: E402
from tui.corpus import default_pair, sample_files  # noqa: E402
from tui.screens.reader import ReaderScreen  # noqa: E402


def long_pair(sentences: int = 10_000):
    texts = [p.read_text(encoding="utf-8") for p in sample_files()]
    left, right, n, k = [], [], 0, 0
    while n < sentences:
        a, b = texts[k % len(texts)], texts[(k + 2) % len(texts)]
        left.append(a.replace("175", str(175 + k)))
        right.append(b.replace("30-day", f"{30 + k % 3}-day"))
        n += a.count(". ") + a.count("\n")
        k += 1
    return compare_texts("\n\n".join(left), "\n\n".join(right), "long-left.txt", "long-right.txt")


async def measure(comparison, jumps: int = 40) -> tuple[float, list[float], list[float]]:
    app = SideBySideApp(comparison)
    app.animation_level = "none"  # measure the work, not the length of scroll animations
    t0 = time.perf_counter()
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        first_paint = time.perf_counter() - t0
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        jump_times, scroll_times = [], []
        for i in range(jumps):
            t = time.perf_counter()
            await pilot.press("n" if i % 4 else "d")
            await pilot.pause()
            jump_times.append(time.perf_counter() - t)
        for _ in range(jumps // 2):
            t = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            scroll_times.append(time.perf_counter() - t)
    return first_paint, jump_times, scroll_times


def report(name: str, comparison) -> None:
    first, jumps, scrolls = asyncio.run(measure(comparison))
    n = len(comparison.left.sentences) + len(comparison.right.sentences)
    print(f"{name} ({n:,} sentences): first paint {first * 1000:.0f} ms; "
          f"jump mean {statistics.mean(jumps) * 1000:.0f} ms, max {max(jumps) * 1000:.0f} ms; "
          f"page scroll mean {statistics.mean(scrolls) * 1000:.0f} ms "
          "(each step includes Pilot's own pause)")


def main() -> int:
    report("sample pair", compare_files(*default_pair()))
    t0 = time.perf_counter()
    big = long_pair()
    print(f"  (building and comparing the long pair took {time.perf_counter() - t0:.1f} s, not counted below)")
    report("long pair", big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
