"""Score the engine against a gold alignment: ``python -m tui.evaluate GOLD DOCDIR``.

Gold files come in two forms:

* the JSON format of ``shared/gold/GOLD_FORMAT.md`` (links of exact sentence texts, with
  labels ``match``/``differ`` and ``unique_left``/``unique_right`` lists);
* a verse table (``*.gold.tsv``: ``id book chapter verse kjv_start kjv_end web_start
  web_end kjv web note``), where every row with both sides is a ``match`` link.

Predicted sentences are mapped to gold units by character overlap, so the score does not
depend on where either side puts sentence boundaries. Figures: link precision/recall/F1
over sentence pairs, lax link F1 (a gold link is found when any of its pairs is predicted),
strict F1 (pairs whose kind agrees too), per-sentence label accuracy and macro-F1 over
match/differ/unique. The definitions follow the reference scorer ``shared/gold/score.py``;
``tests/test_evaluate.py`` checks that both give the same figures.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS = ("match", "differ", "unique")


@dataclass(slots=True)
class GoldUnit:
    start: int
    end: int
    label: str
    link: int | None


@dataclass(slots=True)
class Gold:
    left_file: str
    right_file: str
    left: list[GoldUnit]
    right: list[GoldUnit]


def _locate(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for s in sentences:
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i < 0:
            raise ValueError(f"gold sentence not in document: {s[:60]!r}")
        spans.append((i, i + len(s)))
        pos = i + len(s)
    return spans


def read_gold_json(data: dict[str, Any], left_text: str, right_text: str) -> Gold:
    units: dict[str, list[GoldUnit]] = {}
    for side, text in (("left", left_text), ("right", right_text)):
        items: list[tuple[str, str, int | None]] = []
        for k, link in enumerate(data["links"]):
            items.extend((s, link["label"], k) for s in link[side])
        items.extend((s, "unique", None) for s in data[f"unique_{side}"])
        spans = _locate(text, [s for s, _, _ in items])
        units[side] = [GoldUnit(a, b, label, k) for (a, b), (_, label, k) in zip(spans, items)]
    return Gold(data["left"], data["right"], units["left"], units["right"])


def read_gold_tsv(path: Path) -> Gold:
    """A verse table: columns kjv_start/kjv_end (left) and web_start/web_end (right)."""
    left: list[GoldUnit] = []
    right: list[GoldUnit] = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for k, line in enumerate(f):
            row = line.rstrip("\n").split("\t")
            has_l = bool(row[col["kjv_start"]])
            has_r = bool(row[col["web_start"]])
            label = "match" if has_l and has_r else "unique"
            link = k if has_l and has_r else None
            if has_l:
                left.append(GoldUnit(int(row[col["kjv_start"]]), int(row[col["kjv_end"]]), label, link))
            if has_r:
                right.append(GoldUnit(int(row[col["web_start"]]), int(row[col["web_end"]]), label, link))
    stem = path.name.removesuffix(".gold.tsv")
    return Gold(f"{stem}.kjv.txt", f"{stem}.web.txt", left, right)


def _map_to_gold(pred_sentences: list[dict[str, Any]], units: list[GoldUnit]) -> dict[int, tuple[int, int]]:
    """Predicted sentence id -> (gold unit index with the largest overlap, overlap)."""
    order = sorted(range(len(units)), key=lambda i: units[i].start)
    starts = [units[i].start for i in order]
    longest = max((u.end - u.start for u in units), default=0)
    out: dict[int, tuple[int, int]] = {}
    for s in pred_sentences:
        a, b = s["start"], s["end"]
        best, best_ov = None, 0
        k = bisect.bisect_left(starts, a - longest)
        while k < len(order) and starts[k] < b:
            u = units[order[k]]
            ov = max(0, min(b, u.end) - max(a, u.start))
            if ov > best_ov:
                best, best_ov = order[k], ov
            k += 1
        if best is not None:
            out[s["id"]] = (best, best_ov)
    return out


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


Pair = tuple[int, int]


def score(gold: Gold, report: dict[str, Any], left_text: str, right_text: str) -> dict[str, Any]:
    """Score a ``--format json`` report against gold units."""
    texts = {"left": left_text, "right": right_text}
    units = {"left": gold.left, "right": gold.right}
    bad = sum(
        1
        for side in ("left", "right")
        for s in report[side]["sentences"]
        if texts[side][s["start"] : s["end"]] != s["text"]
    )
    pmap = {side: _map_to_gold(report[side]["sentences"], units[side]) for side in ("left", "right")}
    gold_pairs = _gold_pairs(gold)
    pred_pairs, pred_links, pred_label = _predicted(report, pmap)
    return {**_link_figures(gold, gold_pairs, pred_pairs, pred_links),
            **_label_figures(units, pred_label), "bad_offsets": bad}


def _gold_pairs(gold: Gold) -> set[tuple[int, int, str]]:
    """Every (left unit, right unit, label) the gold links join."""
    members: dict[str, dict[int, list[int]]] = {"left": {}, "right": {}}
    for side, units in (("left", gold.left), ("right", gold.right)):
        for i, u in enumerate(units):
            if u.link is not None:
                members[side].setdefault(u.link, []).append(i)
    label = {u.link: u.label for u in gold.left if u.link is not None}
    return {(a, b, label[k]) for k, lefts in members["left"].items() for a in lefts
            for b in members["right"].get(k, [])}


def _predicted(report: dict[str, Any], pmap: dict[str, dict[int, tuple[int, int]]]):
    """The report's links over gold units: (unit pairs with their kind, each link's unit pairs,
    and per side each unit's kind from the predicted sentence that overlaps it most)."""
    pairs_kind: set[tuple[int, int, str]] = set()
    links: list[set[Pair]] = []
    label: dict[str, dict[int, tuple[int, str]]] = {"left": {}, "right": {}}
    for link in report["links"]:
        kind = link["kind"]
        ls = {pmap["left"][i][0] for i in link["left"] if i in pmap["left"]}
        rs = {pmap["right"][i][0] for i in link["right"] if i in pmap["right"]}
        pairs = {(a, b) for a in ls for b in rs}
        pairs_kind.update((a, b, kind) for a, b in pairs)
        if pairs:
            links.append(pairs)
        for side in ("left", "right"):
            for i in link[side]:
                if i in pmap[side]:
                    g, ov = pmap[side][i]
                    if ov > label[side].get(g, (0, ""))[0]:
                        label[side][g] = (ov, kind)
    return pairs_kind, links, label


def _link_figures(gold: Gold, gold_pairs: set[tuple[int, int, str]], pred_pairs: set[tuple[int, int, str]],
                  pred_links: list[set[Pair]]) -> dict[str, float]:
    gp = {(a, b) for a, b, _ in gold_pairs}
    pp = {(a, b) for a, b, _ in pred_pairs}
    gold_links: dict[int, set[Pair]] = {}
    for a, b, _ in gold_pairs:
        gold_links.setdefault(gold.left[a].link, set()).add((a, b))
    lax_r = sum(1 for ps in gold_links.values() if ps & pp) / len(gold_links) if gold_links else 0.0
    lax_p = sum(1 for ps in pred_links if ps & gp) / len(pred_links) if pred_links else 0.0
    lax_f = 2 * lax_p * lax_r / (lax_p + lax_r) if lax_p + lax_r else 0.0
    link_p, link_r, link_f = _prf(len(gp & pp), len(pp), len(gp))
    strict_f = _prf(len(gold_pairs & pred_pairs), len(pred_pairs), len(gold_pairs))[2]
    return {"link_p": link_p, "link_r": link_r, "link_f1": link_f,
            "lax_p": lax_p, "lax_r": lax_r, "lax_f1": lax_f, "strict_f1": strict_f}


def _label_figures(units: dict[str, list[GoldUnit]], pred_label: dict[str, dict[int, tuple[int, str]]]) -> dict[str, Any]:
    conf = {(g, p): 0 for g in LABELS for p in LABELS}
    for side in ("left", "right"):
        for gi, u in enumerate(units[side]):
            p = pred_label[side].get(gi, (0, "unique"))[1]
            conf[(u.label, p if p in LABELS else "unique")] += 1
    n = sum(conf.values())
    gold_n = {x: sum(conf[(x, p)] for p in LABELS) for x in LABELS}
    pred_n = {x: sum(conf[(g, x)] for g in LABELS) for x in LABELS}
    f1s = {x: _prf(conf[(x, x)], pred_n[x], gold_n[x])[2] for x in LABELS}
    present = [x for x in LABELS if gold_n[x] or pred_n[x]]
    return {
        "label_acc": sum(conf[(x, x)] for x in LABELS) / n if n else 0.0,
        "label_macro_f1": sum(f1s.values()) / len(LABELS),
        "label_macro_f1_present": sum(f1s[x] for x in present) / len(present) if present else 0.0,
        "label_f1": f1s,
        "confusion": {f"{g}->{p}": c for (g, p), c in conf.items() if c},
        "match_share": conf[("match", "match")] / gold_n["match"] if gold_n["match"] else 0.0,
    }


def evaluate(gold_path: Path, docdir: Path, options=None) -> dict[str, Any]:
    """Run the engine on the gold file's two documents and score the result."""
    from .compare import compare_files

    if gold_path.suffix == ".tsv":
        gold = read_gold_tsv(gold_path)
        data = None
    else:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        gold = Gold(data["left"], data["right"], [], [])
    lpath, rpath = docdir / gold.left_file, docdir / gold.right_file
    t0 = time.perf_counter()
    comparison = compare_files(lpath, rpath, options)
    elapsed = time.perf_counter() - t0
    if data is not None:
        gold = read_gold_json(data, comparison.left.text, comparison.right.text)
    result = score(gold, comparison.to_json(), comparison.left.text, comparison.right.text)
    result["seconds"] = elapsed
    result["pair"] = f"{gold.left_file} vs {gold.right_file}"
    return result


def format_result(name: str, r: dict[str, Any]) -> str:
    return (
        f"{name}: link P {r['link_p']:.3f} R {r['link_r']:.3f} F1 {r['link_f1']:.3f} | "
        f"lax F1 {r['lax_f1']:.3f} | strict F1 {r['strict_f1']:.3f} | "
        f"label acc {r['label_acc']:.3f} macroF1 {r['label_macro_f1']:.3f} | "
        f"match kept {r['match_share']:.3f} | bad offsets {r['bad_offsets']} | {r['seconds']:.2f}s\n"
        f"  per-label F1: { {k: round(v, 3) for k, v in r['label_f1'].items()} }\n"
        f"  confusion: {r['confusion']}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path, help="gold .json or .gold.tsv files")
    ap.add_argument("--docs", type=Path, help="folder with the documents (default: beside the gold file, "
                    "or ../seeds for the JSON gold files)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    results = {}
    for g in args.gold:
        if not g.is_file():
            print(f"error: {g}: no such gold file", file=sys.stderr)
            return 2
        docdir = args.docs or (g.parent if g.suffix == ".tsv" else g.parent.parent / "seeds")
        try:
            results[g.name] = evaluate(g, docdir)
        except Exception as err:  # one line per failing gold file, not a traceback
            print(f"error: {g}: {err}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(format_result(name, r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
