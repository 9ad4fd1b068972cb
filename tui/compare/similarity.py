"""Weighted bags of content keys for sentences, and the similarity between two bags.

Weights are inverse document frequencies over the sentences of both texts, so a shared rare
name counts for much more than a shared common word. Keys spelled nearly alike on the two
sides (Judaea/Judea, Zaporizhzhia/Zaporizhia) are unified first.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
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
    """Give keys that only one side uses the key of a near-identical spelling on the other side
    (the right side's tokens are renamed)."""
    lkeys = {t.key for toks in left for t in toks if t.content and t.number is None}
    rkeys = {t.key for toks in right for t in toks if t.content and t.number is None}
    alias = spelling_aliases(lkeys, rkeys, min_len, cutoff)
    if alias:
        for toks in right:
            for t in toks:
                if t.key in alias:
                    t.key = alias[t.key]


def spelling_aliases(lkeys: set[str], rkeys: set[str], min_len: int = 5, cutoff: float = 86.0) -> dict[str, str]:
    """Right key -> left key for keys only one side uses that the other spells nearly alike
    (Judaea/Judea). Compared within buckets of the same first letter, so the cost stays far
    below all pairs."""
    # Sorted, so that the answer does not depend on the order of a set (which changes from
    # process to process): where two left keys claim one right key, the closer one has it
    # (savoury and savour both near savory), the first in spelling order on a tie.
    only_l = sorted(k for k in lkeys - rkeys if len(k) >= min_len)
    only_r = sorted(k for k in rkeys - lkeys if len(k) >= min_len)
    if not only_l or not only_r:
        return {}
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in only_r:
        buckets[k[0]].append(k)
    claims: dict[str, tuple[float, str]] = {}
    for k in only_l:
        choices = buckets.get(k[0])
        if not choices:
            continue
        hit = process.extractOne(k, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is not None and (hit[0] not in claims or hit[1] > claims[hit[0]][0]):
            claims[hit[0]] = (hit[1], k)
    return {r: k for r, (_, k) in claims.items()}


def build_bags(sentences: list[list[Token]]) -> list[set[str]]:
    return [{t.key for t in toks if t.content} for toks in sentences]


# Weights are multiples of 2**-20: sums of them are exact in floating point, so a score is the
# same whatever order its words are added in (a set's order changes from process to process,
# and the same pair scored twice must tie with itself).
QUANTUM = 2.0 ** 20


def idf_weights(*bag_lists: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for bags in bag_lists:
        for bag in bags:
            df.update(bag)
            n += 1
    return {k: round(math.log(1.0 + n / c) * QUANTUM) / QUANTUM for k, c in df.items()}


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


class Bags(Sequence[Bag]):
    """The weighted bags of one text, packed: each sentence's content keys as sorted ids into a
    vocabulary both texts share, the weights in one array (a dict per sentence costs about
    600 bytes; this, about 50). ``bags[i]`` builds sentence i's dict (key -> weight) when asked;
    ``size``, ``total`` and ``ids`` read the arrays. The most recently built dicts are kept."""

    KEPT = 512

    def __init__(self, keys, starts, vocab: list[str], weights) -> None:
        import numpy as np

        self.keys = keys  # int32, the ids of every sentence's keys, sorted within a sentence
        self.starts = starts  # int64, len(self) + 1: sentence i's ids are keys[starts[i]:starts[i + 1]]
        self.vocab = vocab
        self.weights = weights  # float64 per key id
        sizes = np.diff(starts)
        # Read an item at a time, as Python ints and floats: arrays of the standard library
        # (8 bytes a sentence, where a list of floats took 32).
        self.sizes = array("q", sizes.astype(np.int64).tobytes())
        owner = np.repeat(np.arange(len(sizes)), sizes)
        self.totals = array("d", np.bincount(owner, weights=weights[keys], minlength=len(sizes)).tobytes())
        self._kept: dict[int, Bag] = {}
        self._keysets: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.sizes)

    def __getitem__(self, i):  # type: ignore[override]
        bag = self._kept.get(i)
        if bag is None:
            a, b = self.starts[i], self.starts[i + 1]
            ids = self.keys[a:b].tolist()
            vocab = self.vocab
            bag = dict(zip([vocab[k] for k in ids], self.weights[ids].tolist()))
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[i] = bag
        return bag

    def ids(self, i: int):
        return self.keys[self.starts[i] : self.starts[i + 1]]

    def keyset(self, i: int) -> frozenset[str]:
        """Sentence i's keys (the last few hundred asked for are kept: judging asks for each
        sentence's several times, as a neighbour of the links around it)."""
        keys = self._keysets.get(i)
        if keys is None:
            vocab = self.vocab
            keys = frozenset([vocab[k] for k in self.keys[self.starts[i] : self.starts[i + 1]].tolist()])
            if len(self._keysets) >= self.KEPT:
                self._keysets.clear()
            self._keysets[i] = keys
        return keys


def idf_of_counts(df, n: int):
    """``idf_weights`` from document frequencies (a numpy array per key id) over ``n`` bags."""
    import numpy as np

    counts = np.flatnonzero(np.bincount(df))  # each count met, once (np.unique's, for less)
    table = np.zeros(int(counts[-1]) + 1 if len(counts) else 1)
    table[counts] = [round(math.log(1.0 + n / c) * QUANTUM) / QUANTUM if c else 0.0 for c in counts.tolist()]
    return table[df]


# Pairs scored in one go: the arrays of a chunk stay a few megabytes.
PAIR_CHUNK = 16_384


def shared_weights(left: "Bags", right: "Bags", a, b, counted):
    """For the pairs (a[i], b[i]): the summed weight of the keys both bags hold, how many keys
    they share, and how many of those are ``counted`` (a 0/1 array over key ids). numpy arrays."""
    import numpy as np

    n = len(a)
    weights = left.weights
    shared = np.zeros(n)
    count = np.zeros(n, dtype=np.int64)
    claimed = np.zeros(n, dtype=np.int64)
    for lo in range(0, n, PAIR_CHUNK):
        hi = min(n, lo + PAIR_CHUNK)
        pair_l, keys_l = _expand(left, a[lo:hi])
        pair_r, keys_r = _expand(right, b[lo:hi])
        if not len(keys_l) or not len(keys_r):
            continue
        vocab = np.int64(len(weights))
        codes_r = pair_r * vocab + keys_r  # sorted: pair by pair, keys sorted within a pair
        codes_l = pair_l * vocab + keys_l
        at = np.searchsorted(codes_r, codes_l)
        at[at == len(codes_r)] = 0
        hit = codes_r[at] == codes_l
        where, keys = pair_l[hit], keys_l[hit]
        shared[lo:hi] = np.bincount(where, weights=weights[keys], minlength=hi - lo)
        count[lo:hi] = np.bincount(where, minlength=hi - lo)
        claimed[lo:hi] = np.bincount(where, weights=counted[keys], minlength=hi - lo)
    return shared, count, claimed


def _expand(arrays: "Bags", ids):
    """(pair index, key id) for every key of every pair's sentence, pair by pair."""
    import numpy as np

    starts = arrays.starts[ids]
    sizes = arrays.starts[ids + 1] - starts
    pair = np.repeat(np.arange(len(ids), dtype=np.int64), sizes)
    offsets = np.arange(len(pair), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return pair, arrays.keys[np.repeat(starts, sizes) + offsets].astype(np.int64)
