"""Baselines on the gold pairs, scored exactly like the engine: what a diff tool would give.

usage: python bench/baselines.py [--shared DIR]   (the development set in bench/devgold, then
the shared gold pairs and Mark when ../shared is there)

1. difflib sentence diff: the two sentence lists diffed in order (as diff, Meld or delta
   would); equal sentences are ``match``, replaced ones are paired in order as ``differ``.
2. rapidfuzz all pairs: every left sentence against every right sentence with
   ``token_set_ratio``; greedy one-to-one above 60; 90 and up is ``match``, else ``differ``.
3. sidebyside: the engine.

All three use the engine's sentence segmentation, so only the alignment and verdicts differ.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from tui.compare import compare_files  # noqa: E402
from tui.compare.model import Comparison, Link  # noqa: E402
from tui.evaluate import read_gold_json, read_gold_tsv, score  # noqa: E402


def difflib_links(c: Comparison) -> list[Link]:
    a = [c.left.sentence_text(i) for i in range(len(c.left.sentences))]
    b = [c.right.sentence_text(i) for i in range(len(c.right.sentences))]
    links = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            links += [Link((i,), (j,), "match", 1.0) for i, j in zip(range(i1, i2), range(j1, j2))]
        elif tag == "replace":
            links += [Link((i,), (j,), "differ", 0.5) for i, j in zip(range(i1, i2), range(j1, j2))]
    return links


def rapidfuzz_links(c: Comparison) -> list[Link]:
    a = [c.left.sentence_text(i) for i in range(len(c.left.sentences))]
    b = [c.right.sentence_text(i) for i in range(len(c.right.sentences))]
    scored = sorted(((fuzz.token_set_ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    used_a, used_b, links = set(), set(), []
    for s, i, j in scored:
        if s < 60:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        links.append(Link((i,), (j,), "match" if s >= 90 else "differ", s / 100))
    return links


def run(name: str, gold_reader, left: Path, right: Path) -> None:
    t0 = time.perf_counter()
    c = compare_files(left, right)
    engine_time = time.perf_counter() - t0
    gold = gold_reader(c)
    print(name)
    for label, make in (("difflib sentence diff", difflib_links), ("rapidfuzz all pairs", rapidfuzz_links), ("sidebyside", None)):
        t0 = time.perf_counter()
        links = c.links if make is None else make(c)
        dt = engine_time if make is None else time.perf_counter() - t0
        report = Comparison(c.left, c.right, links).to_json()
        r = score(gold, report, c.left.text, c.right.text)
        print(f"  {label:22s} link F1 {r['link_f1']:.2f}  lax F1 {r['lax_f1']:.2f}  verdict macro-F1 "
              f"{r['label_macro_f1']:.2f}  verses/sentences judged match {r['match_share']:.2f}  {dt:6.2f} s")


def main() -> int:
    import json

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    gold_dir, seeds, bible = args.shared / "gold", args.shared / "seeds", args.shared / "bench" / "bible"
    # The development set ships with the repository (bench/devgold, documents in sample_corpus).
    for g in sorted((ROOT / "bench" / "devgold").glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        corpus = ROOT / "sample_corpus"
        run(f"devgold {g.name}", lambda c, d=data: read_gold_json(d, c.left.text, c.right.text),
            corpus / data["left"], corpus / data["right"])
    if not gold_dir.is_dir():
        print(f"no gold data at {gold_dir}; skipped")
        return 0
    for g in sorted(gold_dir.glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        run(g.name, lambda c, d=data: read_gold_json(d, c.left.text, c.right.text), seeds / data["left"], seeds / data["right"])
    if (bible / "mark.gold.tsv").is_file():
        gold = read_gold_tsv(bible / "mark.gold.tsv")
        run("mark.gold.tsv (KJV vs WEB)", lambda c: gold, bible / gold.left_file, bible / gold.right_file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
