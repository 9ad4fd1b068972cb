"""Leave-one-pair-out check of the meaning pass's three settings on the gold pairs.

usage: python bench/calibrate.py [GOLD_DIR]      (default: ../shared/gold)

The engine's defaults (AlignParams.meaning_weight, meaning_link, meaning_join) were set by this
script. For each gold pair in turn, the grid point with the best score on the *other* pairs is
chosen (score: the mean over those pairs of the lower of lax link F1 and verdict macro-F1), and
the held-out pair is scored with it. So every figure in the "held out" column was measured on a
pair its settings never saw. The last lines score the defaults on every pair, and the engine
with the meaning pass switched off (words only), to show what the meaning signal adds.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.compare.engine import Options  # noqa: E402
from tui.evaluate import evaluate  # noqa: E402

GRID = {
    "meaning_weight": (0.5, 0.72),  # 0.72: cosine's share when both are fitted on STS-B train (bench/stsb.py)
    "meaning_link": (0.25, 0.30, 0.35, 0.40),
    "meaning_join": (0.35, 0.40, 0.45, 0.50),
}


def run(gold: list[Path], docs: Path, setting: dict[str, float]) -> dict[str, tuple[float, float]]:
    options = Options()
    for key, value in setting.items():
        setattr(options.align, key, value)
    out = {}
    for g in gold:
        r = evaluate(g, docs, options)
        out[g.stem] = (r["lax_f1"], r["label_macro_f1"])
    return out


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/gold"
    gold = sorted(root.glob("*.json"))
    if not gold:
        print(f"no gold pairs at {root}; skipped")
        return 0
    docs = root.parent / "seeds"
    settings = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    table = [(s, run(gold, docs, s)) for s in settings]
    print("pair        held out (lax F1 / macro-F1)   setting chosen on the other pairs")
    for g in gold:
        others = [x.stem for x in gold if x != g]
        best, scores = max(table, key=lambda t: sum(min(t[1][o]) for o in others) / len(others))
        lax, macro = scores[g.stem]
        print(f"{g.stem}    {lax:.2f} / {macro:.2f}                  {best}")
    from tui.compare.align import AlignParams

    p = AlignParams()
    default = {k: getattr(p, k) for k in GRID}
    scores = run(gold, docs, default)
    print("defaults", default, "  ".join(f"{k} {a:.2f}/{b:.2f}" for k, (a, b) in scores.items()))
    words = run(gold, docs, {"meaning_link": 9.0, "meaning_join": 9.0, "weak_anchor": 0.0})
    print("words only (no meaning pass)", "  ".join(f"{k} {a:.2f}/{b:.2f}" for k, (a, b) in words.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
