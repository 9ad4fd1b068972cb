"""Score the grouping of several sources against pairwise gold alignments:
``python -m tui.evaluate_coverage GOLD.json...``.

The documents the gold files name are grouped together, in one coverage report (all of them
at once, as a user would open them). For each gold pair the grouping is projected back onto
that pair (one link per claim both sources carry, judged by the engine) and scored with the
definitions of ``tui.evaluate``, next to the pairwise engine's own comparison of the pair.
Grouping must not cost pairwise quality: the goal is to keep at least 95% of the pairwise
link F1 (the mean over the gold pairs).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from .evaluate import read_gold_json, score

MEASURES = ("link_f1", "lax_f1", "strict_f1", "label_macro_f1")
GOAL = 0.95


def evaluate_grouping(gold_paths: list[Path], docdir: Path | None = None) -> dict[str, Any]:
    """Group the gold files' documents and score the pairwise and grouped links of each pair."""
    from .compare import Comparison, load_document
    from .compare.coverage import compare_many, pair_links

    golds = [(g, json.loads(g.read_text(encoding="utf-8"))) for g in gold_paths]
    names = sorted({data[side] for _, data in golds for side in ("left", "right")})
    folder = {g: docdir or g.parent.parent / "seeds" for g, _ in golds}
    paths = {}
    for g, data in golds:
        for side in ("left", "right"):
            paths.setdefault(data[side], folder[g] / data[side])
    docs = [load_document(paths[name]) for name in names]
    t0 = time.perf_counter()
    coverage = compare_many(docs)
    seconds = time.perf_counter() - t0
    pairs: dict[str, Any] = {}
    for g, data in golds:
        a, b = names.index(data["left"]), names.index(data["right"])
        left, right = docs[a], docs[b]
        gold = read_gold_json(data, left.text, right.text)
        pairwise = coverage.pairs.get(a, b)
        grouped = Comparison(left, right, pair_links(coverage, a, b))
        pairs[g.name] = {
            "pairwise": score(gold, pairwise.to_json(), left.text, right.text),
            "grouped": score(gold, grouped.to_json(), left.text, right.text),
        }
    return {"documents": names, "seconds": seconds, "claims": coverage.counts(), "pairs": pairs,
            "mean": _means(pairs)}


def _means(pairs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for which in ("pairwise", "grouped"):
        out[which] = {m: sum(p[which][m] for p in pairs.values()) / len(pairs) for m in MEASURES}
    out["kept"] = {m: (out["grouped"][m] / out["pairwise"][m]) if out["pairwise"][m] else 1.0 for m in MEASURES}
    return out


def format_report(r: dict[str, Any]) -> str:
    lines = [f"{len(r['documents'])} documents grouped in {r['seconds']:.2f} s: "
             f"{r['claims']['match']} claims all tell alike, {r['claims']['differ']} with differences, "
             f"{r['claims']['only']} in one source only"]
    head = " | ".join(f"{m.replace('_', ' ')}" for m in MEASURES)
    lines.append(f"pairwise -> grouped ({head})")
    for name, p in r["pairs"].items():
        lines.append(f"  {name}: " + " | ".join(f"{p['pairwise'][m]:.3f} -> {p['grouped'][m]:.3f}" for m in MEASURES))
    mean = r["mean"]
    lines.append("  mean: " + " | ".join(f"{mean['pairwise'][m]:.3f} -> {mean['grouped'][m]:.3f}" for m in MEASURES))
    kept = mean["kept"]["link_f1"]
    verdict = "meets" if kept >= GOAL else "MISSES"
    lines.append(f"grouping keeps {kept:.1%} of the pairwise link F1 ({verdict} the goal of {GOAL:.0%}); "
                 f"lax F1 {mean['kept']['lax_f1']:.1%}, label macro-F1 {mean['kept']['label_macro_f1']:.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.evaluate_coverage", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path, help="gold .json files (shared/gold format)")
    ap.add_argument("--docs", type=Path, help="folder with the documents (default: ../seeds beside the gold files)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--check", action="store_true", help=f"exit 1 when less than {GOAL:.0%} of the link F1 is kept")
    args = ap.parse_args(argv)
    for g in args.gold:
        if not g.is_file():
            print(f"error: {g}: no such gold file", file=sys.stderr)
            return 2
    try:
        result = evaluate_grouping(args.gold, args.docs)
    except Exception as err:  # one line, not a traceback
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    if args.check and result["mean"]["kept"]["link_f1"] < GOAL:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
