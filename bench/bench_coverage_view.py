"""Coverage view speed, headless: time to first paint and time per key with many rows.

usage: python bench/bench_coverage_view.py [--sources N] [--claims M]

The grouping is not what is measured here (``bench/bench_coverage.py`` does that): a coverage
report of N sources (default 20) and M claims (default 600) is built directly, seeded, with the
mix of a real one (about a third of the claims in one source only, the rest in 2 to N sources,
some told differently with a number that changed), and opened in the app at 160×48 and 80×24.

For each key two figures are printed:
  work   the action itself plus rendering every row the grid shows (what the key costs),
  pilot  the key pressed through Pilot until the app is idle again, screen update included;
         a key bound to nothing is timed too, to show what Pilot's own waiting costs.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare.coverage import Claim, ClaimChange, Coverage  # noqa: E402
from tui.compare.coverage.order import by_count  # noqa: E402
from tui.compare.load import sha256_hex  # noqa: E402
from tui.compare.model import Document, Sentence  # noqa: E402
from tui.coverage_session import CoverageSession  # noqa: E402
from tui.store.claim_notes import load_claim_notes  # noqa: E402
from tui.ui.app import SideBySideApp  # noqa: E402
from tui.ui.screens.coverage import CoverageScreen  # noqa: E402

KEYS = 40
WORDS = "council budget mayor schools roads vote hearing residents tax plan county million".split()


def build(sources: int, claims: int, seed: int = 7) -> Coverage:
    rng = random.Random(seed)
    members: list[dict[int, int]] = []
    counts = [0] * sources
    for _ in range(claims):
        n = 1 if rng.random() < 0.35 else rng.randint(2, sources)
        carriers = sorted(rng.sample(range(sources), n))
        members.append({s: counts[s] for s in carriers})
        for s in carriers:
            counts[s] += 1
    texts: list[list[str]] = [[] for _ in range(sources)]
    for c, m in enumerate(members):
        for s in m:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            texts[s].append(f"Claim {c} says the {words} cost {rng.choice((175, 170, 23))} each.")
    docs = []
    for s in range(sources):
        text, sentences, pos = "", [], 0
        for i, sentence in enumerate(texts[s]):
            sentences.append(Sentence(i, pos, pos + len(sentence)))
            text += sentence + " "
            pos = len(text)
        docs.append(Document(f"report-{s:02}.txt", text, sha256_hex(text.encode()), sentences=sentences))
    out = []
    for c, m in enumerate(members):
        ref = min(m)
        verdicts = {s: ("reference" if s == ref else rng.choice(("match", "match", "differ"))) for s in m}
        changes = {s: [ClaimChange("number", "170", "175", None, None)] for s, v in verdicts.items() if v == "differ"}
        out.append(Claim(c, ref, {s: (i,) for s, i in m.items()}, verdicts, changes))
    groups = [c.members for c in out]
    return Coverage(docs, out, 0, by_count(groups, list(range(len(groups)))))


def render_visible(screen: CoverageScreen) -> None:
    for y in range(screen.grid.page):
        screen.grid.render_line(y)


async def measure(coverage: Coverage, size: tuple[int, int]) -> dict:
    data = tempfile.mkdtemp(prefix="sbs-bench-")
    session = CoverageSession(coverage, load_claim_notes(coverage.documents, data), data)
    app = SideBySideApp(session=session, data_dir=data)
    app.animation_level = "none"
    t0 = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        while not isinstance(app.screen, CoverageScreen):
            await pilot.pause()
        await pilot.pause()
        first = time.perf_counter() - t0
        screen = app.screen
        actions = {"step (j)": lambda: screen.action_step(1), "jump (n d 1 m)": None,
                   "column (l, h)": None, "page down": lambda: screen.action_page(1)}
        work: dict[str, list[float]] = {k: [] for k in actions}
        for i in range(KEYS):
            jobs = {"step (j)": actions["step (j)"], "page down": actions["page down"],
                    "jump (n d 1 m)": lambda i=i: screen.action_jump(1, ("diff", "differ", "only", "all")[i % 4]),
                    "column (l, h)": lambda i=i: screen.action_column(1 if (i // 20) % 2 == 0 else -1)}
            for name, job in jobs.items():
                t = time.perf_counter()
                job()
                render_visible(screen)
                work[name].append(time.perf_counter() - t)
            if i % 10 == 9:
                screen.action_edge(-1)
        pilot_times = []
        for key in ["j", "n", "l", "pagedown", "d", "h"] * 5:
            t = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            pilot_times.append(time.perf_counter() - t)
        floor = []
        for _ in range(10):
            t = time.perf_counter()
            await pilot.press("f20")
            await pilot.pause()
            floor.append(time.perf_counter() - t)
    return {"first": first, "work": work, "pilot": pilot_times, "floor": floor}


def ms(values: list[float]) -> str:
    return f"mean {statistics.mean(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=int, default=20)
    ap.add_argument("--claims", type=int, default=600)
    args = ap.parse_args(argv)
    coverage = build(args.sources, args.claims)
    print(f"{args.sources} sources, {len(coverage.claims)} claims "
          f"({sum(len(c.members) for c in coverage.claims)} cells filled)")
    for size in ((160, 48), (80, 24)):
        r = asyncio.run(measure(coverage, size))
        print(f"{size[0]}x{size[1]}: time to first paint {r['first'] * 1000:.0f} ms (app start to the grid on screen)")
        for name, values in r["work"].items():
            print(f"  {name:<16} work {ms(values)}")
        print(f"  keys through Pilot (j n l PgDn d h): {ms(r['pilot'])}; a key bound to nothing: {ms(r['floor'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
