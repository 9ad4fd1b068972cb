"""Quality must not move when the engine changes for speed: the gold figures measured now
against the ones stored in ``bench/quality_figures.json``, each the same to two decimals.

usage: python bench/quality.py [--quick] [--record] [--shared DIR]

Measured (``../shared`` by default, or $SIDEBYSIDE_SHARED):

- every gold pair of ``shared/gold`` (``python -m tui.evaluate``): link, lax and strict F1,
  label accuracy and macro-F1;
- the coverage grouping of those pairs (``python -m tui.evaluate_coverage``): the grouped F1s;
- Mark and the whole New Testament, KJV against WEB (verse tables): link, lax, strict F1 and
  label accuracy;
- MSRP paraphrase classification (``bench/msrp.py``): test accuracy and F1 of the thresholds,
  of the logistic regression and of it without the meaning figures.

``--quick`` leaves out the New Testament and MSRP (about a minute between them);
``tests/test_quality_figures.py`` checks the quick set in the test suite. ``--record`` stores the
figures measured now: only when quality was meant to change, and the commit says why.
Exit status 1 when any figure moved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STORED = ROOT / "bench" / "quality_figures.json"
PAIR_MEASURES = ("link_f1", "lax_f1", "strict_f1", "label_acc", "label_macro_f1")
BIBLE_MEASURES = ("link_f1", "lax_f1", "strict_f1", "label_acc")
COVERAGE_MEASURES = ("link_f1", "lax_f1", "strict_f1", "label_macro_f1")
QUICK = ("gold", "coverage", "mark")
ALL = ("gold", "coverage", "mark", "nt", "msrp")


def shared_dir() -> Path:
    return Path(os.environ.get("SIDEBYSIDE_SHARED") or ROOT.parent / "shared")


def gold_figures(shared: Path) -> dict[str, float]:
    from tui.evaluate import evaluate

    out = {}
    for gold in sorted((shared / "gold").glob("*.json")):
        r = evaluate(gold, shared / "seeds")
        out.update({f"{gold.stem} {m}": r[m] for m in PAIR_MEASURES})
    return out


def coverage_figures(shared: Path) -> dict[str, float]:
    from tui.evaluate_coverage import evaluate_grouping

    r = evaluate_grouping(sorted((shared / "gold").glob("*.json")))
    return {f"grouped {name.removesuffix('.json')} {m}": pair["grouped"][m]
            for name, pair in r["pairs"].items() for m in COVERAGE_MEASURES}


def bible_figures(shared: Path, book: str) -> dict[str, float]:
    from tui.evaluate import evaluate

    bible = shared / "bench" / "bible"
    r = evaluate(bible / f"{book}.gold.tsv", bible)
    return {f"{book} {m}": r[m] for m in BIBLE_MEASURES}


def msrp_figures(shared: Path) -> dict[str, float]:
    from msrp import run

    return {f"msrp {k}": v for k, v in run(shared / "bench" / "msrp", say=lambda line: None).items()}


MEASURE = {
    "gold": gold_figures,
    "coverage": coverage_figures,
    "mark": lambda shared: bible_figures(shared, "mark"),
    "nt": lambda shared: bible_figures(shared, "nt"),
    "msrp": msrp_figures,
}


def measure(sets: tuple[str, ...], shared: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in sets:
        t0 = time.perf_counter()
        out.update(MEASURE[name](shared))
        print(f"  measured {name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def moved(stored: dict[str, float], measured: dict[str, float]) -> list[str]:
    """One line per figure that is not the same to two decimals (or is missing on either side)."""
    lines = []
    for key, value in measured.items():
        if key not in stored:
            lines.append(f"{key}: {value:.4f}, no stored figure")
        elif round(stored[key], 2) != round(value, 2):
            lines.append(f"{key}: {value:.4f}, stored {stored[key]:.4f}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="leave out the New Testament and MSRP")
    ap.add_argument("--record", action="store_true", help="store the figures measured now")
    ap.add_argument("--shared", type=Path, default=shared_dir())
    args = ap.parse_args()
    if not (args.shared / "gold").is_dir():
        print(f"no evaluation data at {args.shared}; nothing measured")
        return 0
    sets = QUICK if args.quick else ALL
    measured = measure(sets, args.shared)
    stored = json.loads(STORED.read_text(encoding="utf-8")) if STORED.is_file() else {}
    if args.record:
        stored.update(measured)
        STORED.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"stored {len(measured)} figures in {STORED.relative_to(ROOT)}")
        return 0
    for key, value in measured.items():
        print(f"{key:40s} {value:.4f}  stored {stored.get(key, float('nan')):.4f}")
    lines = moved(stored, measured)
    if lines:
        print(f"{len(lines)} of {len(measured)} figures moved:")
        print("\n".join("  " + line for line in lines))
        return 1
    print(f"all {len(measured)} figures as stored (to two decimals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
