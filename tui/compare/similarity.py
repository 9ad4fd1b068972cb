"""Weighted bags of content keys for sentences, and the similarity between two bags.

Weights are inverse document frequencies over the sentences of both texts, so a shared rare
name counts for much more than a shared common word. Keys spelled nearly alike on the two
sides (Judaea/Judea, Zaporizhzhia/Zaporizhia) are unified first.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .normalise import Token

Bag = dict[str, float]


@dataclass(slots=True)
class Overlap:
    """How much of two bags is shared: weighted Dice plus the coverage of each side."""

    dice: float
    cover_a: float
    cover_b: float
    shared: float
    count: int = 0  # how many keys are shared

    @property
    def low(self) -> float:
        return min(self.cover_a, self.cover_b)

    @property
    def high(self) -> float:
        return max(self.cover_a, self.cover_b)


def unify_spellings(left: list[list[Token]], right: list[list[Token]], min_len: int = 5, cutoff: float = 86.0) -> None:
    """Give keys that only one side uses the key of a near-identical spelling on the other side.

    Compared within buckets of the same first letter, so the cost stays far below all pairs.
    """
    lkeys = {t.key for toks in left for t in toks if t.content and t.number is None}
    rkeys = {t.key for toks in right for t in toks if t.content and t.number is None}
    only_l = [k for k in lkeys - rkeys if len(k) >= min_len]
    only_r = [k for k in rkeys - lkeys if len(k) >= min_len]
    if not only_l or not only_r:
        return
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in only_r:
        buckets[k[0]].append(k)
    alias: dict[str, str] = {}
    for k in only_l:
        choices = buckets.get(k[0])
        if not choices:
            continue
        hit = process.extractOne(k, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is not None:
            alias[hit[0]] = k
    if alias:
        for toks in right:
            for t in toks:
                if t.key in alias:
                    t.key = alias[t.key]


def build_bags(sentences: list[list[Token]]) -> list[set[str]]:
    return [{t.key for t in toks if t.content} for toks in sentences]


def idf_weights(*bag_lists: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for bags in bag_lists:
        for bag in bags:
            df.update(bag)
            n += 1
    return {k: math.log(1.0 + n / c) for k, c in df.items()}


def weigh(bags: list[set[str]], idf: dict[str, float]) -> list[Bag]:
    return [{k: idf[k] for k in bag} for bag in bags]


def total(bag: Bag) -> float:
    return sum(bag.values())


def overlap(a: Bag, b: Bag, wa: float | None = None, wb: float | None = None) -> Overlap:
    if len(a) > len(b):
        small, big = b, a
    else:
        small, big = a, b
    common = [w for k, w in small.items() if k in big]
    shared = sum(common)
    wa = total(a) if wa is None else wa
    wb = total(b) if wb is None else wb
    if wa <= 0 or wb <= 0:
        return Overlap(0.0, 0.0, 0.0, 0.0)
    return Overlap(2 * shared / (wa + wb), shared / wa, shared / wb, shared, len(common))


def union(*bags: Bag) -> Bag:
    out: Bag = {}
    for bag in bags:
        out.update(bag)
    return out
