"""What could tell the gold links below the meaning bar from the rest: over the gold pairs, the
free sentences' mutual best partners (by the meaning pass's score, the mean of weighted Dice and
the sentence cosine) scoring 0.18-0.30 once the engine has linked, and for each whether gold
links it, with the figures that were tried as extra evidence; then every sentence pair whose
quoted words meet (``tui/compare/quoted.py``), gold or not.

    python bench/below_bar.py            # the development set, and the shared gold if present

Figures: the best clause-to-clause score (sentences cut at commas, quotes and conjunctions),
whether the pair lies between the partners of its linked neighbours, the cosine of vectors that
take in the neighbouring sentences, and the area under the curve of each within the band.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

from errors import Analysis  # noqa: E402
from tui.compare.meaning import load_model  # noqa: E402
from tui.compare.quoted import quoted_bag  # noqa: E402
from tui.compare.similarity import overlap  # noqa: E402

CUT = re.compile(r"[,;:—–()\"“”]|\s(?:while|but|and|as|with|after|before|which|who|saying|stating|though|although|because)\s",
                 re.I)
BAND = (0.18, 0.30)


def clauses(doc, toks, i: int, least: int = 3) -> list[list]:
    """A sentence's content tokens cut into clauses; a clause of fewer than ``least`` joins the one before."""
    s = doc.sentences[i]
    cuts = [s.start] + [m.start() for m in CUT.finditer(doc.text, s.start, s.end)] + [s.end]
    out: list[list] = []
    for lo, hi in zip(cuts, cuts[1:]):
        part = [t for t in toks[i] if lo <= t.start < hi and t.content]
        if part and out and len(part) < least:
            out[-1] += part
        elif part:
            out.append(part)
    return out


def clause_score(pair, model, x: int, y: int) -> float:
    best = 0.0
    for cl in clauses(pair.left, pair.ltoks, x):
        for cr in clauses(pair.right, pair.rtoks, y):
            bl = {t.key: pair.idf.get(t.key, 1.0) for t in cl}
            br = {t.key: pair.idf.get(t.key, 1.0) for t in cr}
            vl, vr = (model.sentence_vectors([[(doc.text[t.start:t.end].lower(), pair.idf.get(t.key, 1.0)) for t in c]])[0]
                      for doc, c in ((pair.left, cl), (pair.right, cr)))
            best = max(best, (overlap(bl, br).dice + float(vl @ vr)) / 2)
    return best


def with_neighbours(V):
    W = V.copy()
    W[1:] += 0.5 * V[:-1]
    W[:-1] += 0.5 * V[1:]
    return W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-9)


def gold_pairs(a: Analysis) -> set[tuple[int, int]]:
    return {(x, y) for ls, rs, _ in a.glinks.values() for gl in ls for gr in rs
            for x in a.unit_ids["left"].get(gl, []) for y in a.unit_ids["right"].get(gr, [])}


def below_bar(a: Analysis, model) -> list[tuple]:
    """(pair name, x, y, score, gold, clause score, between linked neighbours, context cosine)."""
    pair = a.cmp.engine_state
    n, m = len(pair.lbags), len(pair.rbags)
    VL, VR = pair.sentence_vectors()
    VL, VR = VL.rows(range(n)), VR.rows(range(m))
    S = (np.array([[overlap(x, y).dice for y in pair.rbags] for x in pair.lbags]) + VL @ VR.T) / 2
    CC = with_neighbours(VL) @ with_neighbours(VR).T
    gold = gold_pairs(a)
    linked = sorted((i, j) for lk, _, _ in a.pred for i in lk["left"] for j in lk["right"])
    fl = [x for x in range(n) if x not in {i for i, _ in linked} and pair.lbags.sizes[x]]
    fr = [y for y in range(m) if y not in {j for _, j in linked} and pair.rbags.sizes[y]]
    if not fl or not fr:
        return []
    sub = S[np.ix_(fl, fr)]
    out = []
    for k, x in enumerate(fl):
        j = int(sub[k].argmax())
        y = fr[j]
        if sub[:, j].argmax() != k or not BAND[0] <= S[x, y] < BAND[1]:
            continue
        before = [q for p, q in linked if p < x]
        after = [q for p, q in linked if p > x]
        between = (not before or before[-1] < y) and (not after or after[0] > y)
        out.append((a.name, x, y, S[x, y], (x, y) in gold, clause_score(pair, model, x, y), between, CC[x, y]))
    return out


def shared_quotations(a: Analysis) -> list[str]:
    pair = a.cmp.engine_state
    gold = gold_pairs(a)
    bags = [{i: quoted_bag(doc.text, s.start, s.end, toks[i], pair.idf) for i, s in enumerate(doc.sentences)}
            for doc, toks in ((pair.left, pair.ltoks), (pair.right, pair.rtoks))]
    out = []
    for x, bl in bags[0].items():
        for y, br in bags[1].items():
            o = overlap(bl, br) if bl and br else None
            if o is not None and o.count >= 2:
                out.append(f"  {a.name} L{x} R{y}: quoted words Dice {o.dice:.2f} ({o.count} keys), gold {(x, y) in gold}")
    return out


def auc(rows: list[tuple], k: int) -> float:
    pos = [r[k] for r in rows if r[4]]
    neg = [r[k] for r in rows if not r[4]]
    if not pos or not neg:
        return float("nan")
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))


def main() -> int:
    sets = [(ROOT / "sample_corpus", sorted((ROOT / "bench" / "devgold").glob("*.json")))]
    shared = ROOT.parent / "shared"
    if (shared / "gold").is_dir():
        sets.append((shared / "seeds", sorted((shared / "gold").glob("*.json"))))
    model = load_model()
    rows, quotes = [], []
    for docdir, golds in sets:
        for g in golds:
            a = Analysis(g, docdir, 100)
            rows += below_bar(a, model)
            quotes += shared_quotations(a)
    gold = [r for r in rows if r[4]]
    print(f"free mutual best partners scoring {BAND[0]}-{BAND[1]}: {len(rows)}, gold {len(gold)}")
    for label, k in (("meaning score", 3), ("clause score", 5), ("neighbour context cosine", 7)):
        print(f"  {label}: gold mean {np.mean([r[k] for r in gold]):.3f}, others "
              f"{np.mean([r[k] for r in rows if not r[4]]):.3f}, area under the curve {auc(rows, k):.2f}")
    print(f"  between the partners of linked neighbours: gold {sum(r[6] for r in gold)} of {len(gold)}, "
          f"others {sum(r[6] for r in rows if not r[4])} of {len(rows) - len(gold)}")
    print("sentence pairs whose quoted words share two keys or more:")
    print("\n".join(quotes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
