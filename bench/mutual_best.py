"""How far the meaning score can take the alignment: over gold pairs, how many gold links have a
pair of sentences that are each other's best partner by the score the meaning pass uses (the mean
of weighted Dice and the sentence cosine, over all sentence pairs), and how often such mutual
best partners are a gold pair, by score band.

    python bench/mutual_best.py            # the development set, and the shared gold if present
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from tui.compare import compare_files  # noqa: E402
from tui.compare.similarity import overlap  # noqa: E402
from tui.evaluate import _map_to_gold, read_gold_json  # noqa: E402

BANDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 2.0)


def gold_sets(docdir: Path, gold_path: Path):
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    c = compare_files(docdir / data["left"], docdir / data["right"])
    gold = read_gold_json(data, c.left.text, c.right.text)
    rep = c.to_json()
    link_of = {}
    for side in ("left", "right"):
        units = getattr(gold, side)
        link_of[side] = {sid: units[g].link for sid, (g, _) in _map_to_gold(rep[side]["sentences"], units).items()}
    return c, link_of


def scores(c) -> np.ndarray:
    pair = c.engine_state
    VL, VR = pair.sentence_vectors()
    VL, VR = VL.rows(range(len(pair.lbags))), VR.rows(range(len(pair.rbags)))
    dice = np.array([[overlap(a, b).dice for b in pair.rbags] for a in pair.lbags])
    return (dice + VL @ VR.T) / 2


def main() -> int:
    sets = [(ROOT / "sample_corpus", sorted((ROOT / "bench" / "devgold").glob("*.json")))]
    shared = ROOT.parent / "shared"
    if (shared / "gold").is_dir():
        sets.append((shared / "seeds", sorted((shared / "gold").glob("*.json"))))
    found = total = 0
    bands = {b: [0, 0] for b in BANDS[:-1]}
    for docdir, golds in sets:
        for g in golds:
            c, link_of = gold_sets(docdir, g)
            linked = [k for k in link_of["left"].values() if k is not None]
            if len(linked) > 0.8 * len(link_of["left"]):
                continue  # two edits of one story (002__004): words alone align them
            S = scores(c)
            mutual = [(a, int(S[a].argmax())) for a in range(S.shape[0]) if S.shape[1]
                      and int(S[:, int(S[a].argmax())].argmax()) == a]
            links = {k for k in link_of["left"].values() if k is not None}
            total += len(links)
            hit = {link_of["left"].get(a) for a, b in mutual
                   if link_of["left"].get(a) is not None and link_of["left"].get(a) == link_of["right"].get(b)}
            found += len(hit & links)
            for a, b in mutual:
                band = max(x for x in BANDS[:-1] if S[a, b] >= x)
                ok = link_of["left"].get(a) is not None and link_of["left"].get(a) == link_of["right"].get(b)
                bands[band][0] += ok
                bands[band][1] += 1
    print(f"gold links with a mutual best pair: {found} of {total}")
    for lo, hi in zip(BANDS, BANDS[1:]):
        right, n = bands[lo]
        print(f"  mutual best partners scoring {lo:.2f}-{min(hi, 1.0):.2f}: {right} of {n} are a gold pair")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
