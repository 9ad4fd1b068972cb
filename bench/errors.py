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


class Analysis:
    """One gold pair against the engine's comparison of its documents, in gold units."""

    def __init__(self, gold_path: Path, docdir: Path, width: int) -> None:
        self.name = gold_path.name
        self.data = json.loads(gold_path.read_text(encoding="utf-8"))
        self.cmp = compare_files(docdir / self.data["left"], docdir / self.data["right"])
        self.gold = read_gold_json(self.data, self.cmp.left.text, self.cmp.right.text)
        self.width = width
        rep = self.cmp.to_json()
        self.pmap = {s: _map_to_gold(rep[s]["sentences"], getattr(self.gold, s)) for s in ("left", "right")}
        # gold unit -> predicted sentence ids
        self.unit_ids: dict[str, dict[int, list[int]]] = {"left": {}, "right": {}}
        for side in ("left", "right"):
            for sid, (g, _) in self.pmap[side].items():
                self.unit_ids[side].setdefault(g, []).append(sid)
        self.glinks: dict[int, tuple[list[int], list[int], str]] = {}
        for side, k in (("left", 0), ("right", 1)):
            for gi, u in enumerate(getattr(self.gold, side)):
                if u.link is not None:
                    self.glinks.setdefault(u.link, ([], [], u.label))[k].append(gi)
        self.pred = []
        for lk in rep["links"]:
            ls = {self.pmap["left"][i][0] for i in lk["left"] if i in self.pmap["left"]}
            rs = {self.pmap["right"][j][0] for j in lk["right"] if j in self.pmap["right"]}
            self.pred.append((lk, ls, rs))

    def text(self, side: str, g: int) -> str:
        u = getattr(self.gold, side)[g]
        doc = self.cmp.left if side == "left" else self.cmp.right
        return _short(doc.text[u.start:u.end], self.width)

    def engine_of(self, side: str, g: int) -> str:
        ids = self.unit_ids[side].get(g, [])
        for lk, _, _ in self.pred:
            if set(ids) & set(lk[side]):
                return f"{lk['kind']} L{lk['left']} R{lk['right']}"
        return "only"

    def gold_link(self, k: int, ls: list[int], rs: list[int], label: str) -> list[str]:
        """What is wrong with gold link ``k``: missed, or found with another verdict."""
        pairs = {(a, b) for a in ls for b in rs}
        hit = [(lk, pls, prs) for lk, pls, prs in self.pred if {(a, b) for a in pls for b in prs} & pairs]
        note = self.data["links"][k].get("note", "")
        if not hit:
            out = [f"\nMISSED gold {label} (note: {note})"]
            out += [f"  L{self.unit_ids['left'].get(a)} [{self.engine_of('left', a)}] {self.text('left', a)}" for a in ls]
            out += [f"  R{self.unit_ids['right'].get(b)} [{self.engine_of('right', b)}] {self.text('right', b)}"
                    for b in rs]
            out += [f"    L{x}-R{y}: {_figures(self.cmp, x, y)}" for a in ls for b in rs
                    for x in self.unit_ids["left"].get(a, []) for y in self.unit_ids["right"].get(b, [])]
            return out
        if label in {lk["kind"] for lk, _, _ in hit}:
            return []
        lk = hit[0][0]
        out = [f"\nVERDICT gold {label}, engine {lk['kind']} L{lk['left']} R{lk['right']} (note: {note})"]
        out += [f"  L {self.text('left', a)}" for a in ls] + [f"  R {self.text('right', b)}" for b in rs]
        out += [f"    change {c['type']}: {_short(c.get('left_text', ''), 60)!r} → {_short(c.get('right_text', ''), 60)!r}"
                for c in lk["changes"]]
        return out

    def false_links(self) -> list[str]:
        """The engine's links that share no sentence pair with a gold link."""
        gold_pairs = {(a, b) for ls, rs, _ in self.glinks.values() for a in ls for b in rs}
        out = []
        for lk, pls, prs in self.pred:
            if {(a, b) for a in pls for b in prs} & gold_pairs:
                continue
            how = lk.get("evidence", {}).get("aligned_by", [""])[0]
            out.append(f"\nFALSE {lk['kind']} L{lk['left']} R{lk['right']} by {how} score {lk['score']:.2f}")
            for side, tag, doc in (("left", "L", self.cmp.left), ("right", "R", self.cmp.right)):
                for i in lk[side]:
                    g = self.pmap[side].get(i, (None,))[0]
                    gl = getattr(self.gold, side)[g].label if g is not None else "-"
                    out.append(f"  {tag}{i} (gold {gl}) {_short(doc.sentence_text(i), self.width)}")
            out.append(f"    {_figures(self.cmp, lk['left'][0], lk['right'][0])}")
        return out


def analyse(gold_path: Path, docdir: Path, width: int) -> list[str]:
    a = Analysis(gold_path, docdir, width)
    out = [f"=== {a.name}: {a.data['left']} vs {a.data['right']}"]
    for k, (ls, rs, label) in sorted(a.glinks.items()):
        out += a.gold_link(k, ls, rs, label)
    return out + a.false_links()


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
