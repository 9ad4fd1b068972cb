"""Error analysis against gold alignments: per pair, the gold links the engine missed, the links
it made that gold does not have, and the links whose verdict differs, each with its sentences
and the engine's figures for the pair (weighted Dice, meaning cosine).

    python bench/errors.py bench/devgold/*.json --docs sample_corpus
    python bench/errors.py ../shared/gold/*.json          # documents from ../shared/seeds
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.compare import compare_files  # noqa: E402
from tui.compare.similarity import overlap  # noqa: E402
from tui.evaluate import _map_to_gold, read_gold_json  # noqa: E402


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _figures(cmp, a: int, b: int) -> str:
    pair = cmp.engine_state
    dice = overlap(pair.lbags[a], pair.rbags[b]).dice
    cos = pair.meaning_of((a,), (b,))
    veto = pair.different_events(a, b)
    return f"dice {dice:.2f} cos {cos if cos is None else round(cos, 2)}{' VETO' if veto else ''}"


def analyse(gold_path: Path, docdir: Path, width: int) -> list[str]:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    cmp = compare_files(docdir / data["left"], docdir / data["right"])
    gold = read_gold_json(data, cmp.left.text, cmp.right.text)
    rep = cmp.to_json()
    pmap = {s: _map_to_gold(rep[s]["sentences"], getattr(gold, s)) for s in ("left", "right")}
    # gold unit -> predicted sentence ids
    unit_ids: dict[str, dict[int, list[int]]] = {"left": {}, "right": {}}
    for side in ("left", "right"):
        for sid, (g, _) in pmap[side].items():
            unit_ids[side].setdefault(g, []).append(sid)
    glinks: dict[int, tuple[list[int], list[int], str]] = {}
    for side, k in (("left", 0), ("right", 1)):
        for gi, u in enumerate(getattr(gold, side)):
            if u.link is not None:
                glinks.setdefault(u.link, ([], [], u.label))[k].append(gi)
    pred = []
    for lk in rep["links"]:
        ls = {pmap["left"][i][0] for i in lk["left"] if i in pmap["left"]}
        rs = {pmap["right"][j][0] for j in lk["right"] if j in pmap["right"]}
        pred.append((lk, ls, rs))
    gold_pairs = {(a, b): k for k, (ls, rs, _) in glinks.items() for a in ls for b in rs}
    out = [f"=== {gold_path.name}: {data['left']} vs {data['right']}"]
    L, R = cmp.left, cmp.right

    def ltext(g: int) -> str:
        u = gold.left[g]
        return _short(L.text[u.start:u.end], width)

    def rtext(g: int) -> str:
        u = gold.right[g]
        return _short(R.text[u.start:u.end], width)

    def engine_of(side: str, g: int) -> str:
        ids = unit_ids[side].get(g, [])
        for lk, _, _ in pred:
            if set(ids) & set(lk[side]):
                return f"{lk['kind']} L{lk['left']} R{lk['right']}"
        return "only"

    for k, (ls, rs, label) in sorted(glinks.items()):
        hit = [(lk, pls, prs) for lk, pls, prs in pred if {(a, b) for a in pls for b in prs} & {(a, b) for a in ls for b in rs}]
        if not hit:
            out.append(f"\nMISSED gold {label} (note: {data['links'][k].get('note', '')})")
            for a in ls:
                out.append(f"  L{unit_ids['left'].get(a)} [{engine_of('left', a)}] {ltext(a)}")
            for b in rs:
                out.append(f"  R{unit_ids['right'].get(b)} [{engine_of('right', b)}] {rtext(b)}")
            for a in ls:
                for b in rs:
                    for x in unit_ids["left"].get(a, []):
                        for y in unit_ids["right"].get(b, []):
                            out.append(f"    L{x}-R{y}: {_figures(cmp, x, y)}")
            continue
        kinds = {lk["kind"] for lk, _, _ in hit}
        if label not in kinds:
            lk = hit[0][0]
            out.append(f"\nVERDICT gold {label}, engine {lk['kind']} L{lk['left']} R{lk['right']} "
                       f"(note: {data['links'][k].get('note', '')})")
            for a in ls:
                out.append(f"  L {ltext(a)}")
            for b in rs:
                out.append(f"  R {rtext(b)}")
            for c in lk["changes"]:
                out.append(f"    change {c['type']}: {_short(c.get('left_text', ''), 60)!r} → {_short(c.get('right_text', ''), 60)!r}")
    for lk, pls, prs in pred:
        if {(a, b) for a in pls for b in prs} & set(gold_pairs):
            continue
        how = lk.get("evidence", {}).get("aligned_by", [""])[0]
        out.append(f"\nFALSE {lk['kind']} L{lk['left']} R{lk['right']} by {how} score {lk['score']:.2f}")
        for i in lk["left"]:
            g = pmap["left"].get(i, (None,))[0]
            gl = gold.left[g].label if g is not None else "-"
            out.append(f"  L{i} (gold {gl}) {_short(L.sentence_text(i), width)}")
        for j in lk["right"]:
            g = pmap["right"].get(j, (None,))[0]
            gl = gold.right[g].label if g is not None else "-"
            out.append(f"  R{j} (gold {gl}) {_short(R.sentence_text(j), width)}")
        out.append(f"    {_figures(cmp, lk['left'][0], lk['right'][0])}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--docs", type=Path)
    ap.add_argument("--width", type=int, default=150)
    args = ap.parse_args()
    for g in args.gold:
        docdir = args.docs or g.parent.parent / "seeds"
        print("\n".join(analyse(g, docdir, args.width)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
