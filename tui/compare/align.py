"""Align the sentences of two texts: one-to-one, one-to-two and two-to-one links, in any order.

0. Units written alike on both sides (headlines, datelines, subheads, repeated lines) link
   first, the copies of a repeated unit in order.
1. Candidates come from an inverted index of each sentence's rarest keys, so the work grows
   with the number of sentences, not with their product.
2. Anchors: candidate pairs taken greedily by similarity, with a bonus when the neighbours
   on both sides are similar too (it separates repeated formulaic sentences). Any order is
   allowed, so reordered paragraphs still align.
3. Gaps between consecutive anchors that keep their order are aligned by a small dynamic
   programme with a lower threshold: position is evidence there.
4. Quotations: free sentences that quote the same words link (``quoted``).
5. Meaning: the sentences still free are scored by words and by the cosine of their sentence
   vectors, over their index candidates and a window around their expected place; mutual best
   partners link, and a free sentence whose best partner is linked joins that link. A free
   sentence that a linked one points back to ("It was ...") links with the free neighbour of
   that link it matches on the other side.
6. Merges: a neighbour joins a link (1:2 or 2:1) when it carries content of the partner that
   the linked sentence lacks.

A pair told for two different purposes (``veto``) never links, whatever its words share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from . import helper
from .model import held_side, side_ids
from .pair_scores import MeaningScores, PairScores, first_best
from .similarity import Bag, Bags, Overlap, _expand, overlap, shared_weights, union

if TYPE_CHECKING:
    import numpy as np


@dataclass(slots=True)
class AlignParams:
    link_threshold: float = 0.30     # weighted Dice needed for a link anywhere in the text
    gap_threshold: float = 0.22      # ... for a link between two anchors that keep their order
    context_weight: float = 0.15     # weight of the neighbours' similarity when choosing anchors
    candidates: int = 24             # candidates scored per sentence
    rare_keys: int = 8               # keys per sentence used to find candidates
    max_gap: int = 12                # longest gap (sentences on one side) filled between anchors
    max_edge_gap: int = 3            # ... before the first or after the last anchor
    monotone_share: float = 0.8      # texts whose anchors keep this much order are "mostly in order"
    strong_move: float = 0.5         # ... and there an out-of-order anchor must be this similar to stay
    merge_gain: float = 0.12         # coverage a merged neighbour must add to the partner
    merge_cover: float = 0.35        # share of the neighbour the partner must cover
    max_group: int = 4               # most sentences on one side of a link
    heading_cover: float = 0.6       # share of a headline a linked claim must cover for it to join
    heading_words: int = 3           # ... in at least this many shared words that are not names
    meaning_weight: float = 0.5      # weight of the meaning cosine against weighted Dice in the meaning score
    meaning_link: float = 0.30       # meaning score for mutual best partners to link
    meaning_join: float = 0.35       # ... for a sentence to join the link its best partner is in
    meaning_window: int = 3          # sentences either side of the expected place also compared
    in_order_cover: float = 0.5      # share of the shorter text anchored, in order, for "keeps its order"
    weak_anchor: float = 0.40        # below this Dice, an anchor must also pass the meaning score (reordered texts)
    weak_anchor_words: int = 3       # ... and share this many keys that are not names, or its words count for nothing
    meaning_claims: float = 0.15     # cosine a meaning link's words other than names need (a name says who, not what)
    antecedent_link: float = 0.22    # meaning score of a sentence pointed back to with a free neighbour of the link


# Sentences of one key's posting list read per left sentence (see ``Aligner.candidates``).
WINDOW = 64
# From this many sentences (both sides) half of the candidates are found and scored in the
# helper process (helper.py).
HELPER_MIN_SENTENCES = 4000
# Left sentences whose candidates are found and scored at a time: the candidate lists of a
# book (a quarter of a million pairs as Python lists) are never all held at once.
SCORE_CHUNK = 2048
# Left sentences whose candidate postings are summed in one go (a few hundred postings each).
CANDIDATE_CHUNK = 512

# Candidate pairs read at a time when anchors are taken (see ``Aligner.anchors``).
ANCHOR_CHUNK = 65_536

# Pairs whose meaning vectors are compared in one go (see ``Aligner._cosines``).
MEANING_CHUNK = 4096
# Joins whose claims (``_claims_alike``) are asked about at a time: a book's tens of thousands of
# pairs, their cosines and the set of those alike held at once took several MB at its peak.
JOIN_CHUNK = 2048

# From this many sentences (both sides) the anchors are made as ``OneToOne`` links: less
# memory, a little more time to read (the New Testament pair has about 20,000).
COMPACT_SENTENCES = 40_000
# A set of ids the aligner is given is held as an ``IdSet`` from this many ids.
COMPACT_IDS = 4096

# Pairs less alike than this never link on words alone, so the purpose veto is not asked.
VETO_FLOOR = 0.15
# From this many pairs for the veto in a chunk of candidates, it is told of them first
# (``expect_veto``); for a few, making what they need one by one costs less than looking ahead.
VETO_AHEAD = 100


@dataclass(slots=True)
class RawLink:
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    how: str = "anchor"
    meaning: float | None = None  # cosine of the sentence vectors, when the meaning pass linked it


class OneToOne(RawLink):
    """A ``RawLink`` that holds a side of one sentence as its id, not a 1-tuple (``left`` and
    ``right`` read as tuples all the same, a little slower): the anchors of a book, tens of
    thousands of them, took about 4 MB of tuples at 10 MB of text."""

    __slots__ = ("_left", "_right")

    @property  # type: ignore[override]
    def left(self) -> tuple[int, ...]:
        return side_ids(self._left)

    @left.setter
    def left(self, ids: tuple[int, ...]) -> None:
        self._left = held_side(ids)

    @property  # type: ignore[override]
    def right(self) -> tuple[int, ...]:
        return side_ids(self._right)

    @right.setter
    def right(self, ids: tuple[int, ...]) -> None:
        self._right = held_side(ids)


class IdSet:
    """A set of sentence ids (each 0 or more) held as a byte per sentence up to the largest: a
    book's thousands of questions or purposeful sentences took about half a megabyte as a set."""

    __slots__ = ("_mask", "_count")

    def __init__(self, ids=(), mask: bytearray | None = None) -> None:
        """The set of ``ids``, or of the places where ``mask`` (taken as it is) holds a 1."""
        if mask is None:
            ids = list(ids)
            mask = bytearray(max(ids) + 1 if ids else 0)
            for i in ids:
                mask[i] = 1
        self._mask = mask
        self._count = mask.count(1)

    def __contains__(self, i: object) -> bool:
        try:
            return i >= 0 and self._mask[i] == 1  # type: ignore[operator, index]
        except (IndexError, TypeError):
            return False

    def __iter__(self):
        mask = self._mask
        return (i for i in range(len(mask)) if mask[i])

    def __len__(self) -> int:
        return self._count

    def isdisjoint(self, ids) -> bool:
        mask, n = self._mask, len(self._mask)
        for i in ids:
            if 0 <= i < n and mask[i]:
                return False
        return True

    def mask(self, size: int):
        """A numpy bool array of ``size``: True at the ids of the set below ``size``."""
        import numpy as np

        out = np.zeros(size, dtype=bool)
        held = np.frombuffer(self._mask, dtype=np.uint8)[:size]
        out[: len(held)] = held.astype(bool)
        return out


def _compact(ids):
    """A set of ids (any iterable of them) as it is held: an ``IdSet`` from ``COMPACT_IDS`` ids,
    else a set (asked faster)."""
    ids = ids if isinstance(ids, (set, frozenset, IdSet)) else set(ids)
    return IdSet(ids) if len(ids) >= COMPACT_IDS and not isinstance(ids, IdSet) else ids


def _id_sets(value):
    """``value`` (a tuple of sets of ids, or None) with each set held as ``_compact`` holds it."""
    return None if value is None else tuple(_compact(ids) for ids in value)


class Aligner:
    # Sets of sentence ids the aligner asks about: a large one held as an ``IdSet`` (``_compact``).
    left_questions = property(lambda self: self._questions[0],
                              lambda self, ids: setattr(self, "_questions", (_compact(ids), self._questions[1])))
    right_questions = property(lambda self: self._questions[1],
                               lambda self, ids: setattr(self, "_questions", (self._questions[0], _compact(ids))))
    refers_back = property(lambda self: self._refers_back,
                           lambda self, sides: setattr(self, "_refers_back", _id_sets(sides)))
    veto_sides = property(lambda self: self._veto_sides,
                          lambda self, sides: setattr(self, "_veto_sides", _id_sets(sides)))

    def __init__(self, left: Bags, right: Bags, params: AlignParams | None = None,
                 left_skip: set[int] | None = None, right_skip: set[int] | None = None,
                 left_transparent: set[int] | None = None, right_transparent: set[int] | None = None) -> None:
        self.L = left
        self.R = right
        self.p = params or AlignParams()
        self.wl = left.totals
        self.wr = right.totals
        # Every pair scored; a candidate pair that shares one word, or names only, is marked
        # "single": a coincidence unless its position says otherwise.
        self.scores = PairScores(len(left), len(right), self.p.candidates)
        # Units that carry no claim of their own on either side (datelines) never link.
        self.left_skip = left_skip or set()
        self.right_skip = right_skip or set()
        # Units a merge may step over (subheads between a sentence and its neighbour).
        self.left_transparent = left_transparent or set()
        self.right_transparent = right_transparent or set()
        self.left_headlines: set[int] = set()
        # Questions ("Will Russia agree?") claim nothing: meaning alone never links them.
        self._questions = (set(), set())
        self.right_headlines: set[int] = set()
        self.left_names: set[str] = set()
        self.right_names: set[str] = set()
        self.refers_back = (set(), set())  # opening "It was ...", "They ...", per side
        # Sentence vectors of both sides (``v[i]`` a sentence's, ``v.rows(ids)`` a matrix of
        # them; those of the ids asked for made), asked for only when words alone leave
        # sentences unlinked; None when no meaning model is installed.
        self.meaning: Callable[[Any, Any], tuple[Any, Any] | None] | None = None
        # The cosine of each pair's sentence vectors made without names: (left id, right id)
        # pairs in, cosines out; None leaves the meaning score alone to decide.
        self.claim_meaning: Callable[[list[tuple[int, int]]], list[float]] | None = None
        # Set when the anchors keep their order (an edit, a translation): links then keep it too.
        self.in_order = False
        self.meaning_scores = MeaningScores()
        self._vectors: tuple[Any, Any] | None = None
        self.scored_by_meaning: Callable[[], None] = lambda: None  # the meaning pass has its cosines
        # Sentences that quote the same words (``quoted.shared_quotes``): free left ids and
        # free right ids in; (left, right, score) pairs out.
        self.quoted: Callable[[list[int], list[int]], list[tuple[int, int, float]]] | None = None
        # Pairs that must not link whatever their words share (two purposes: two events).
        self.veto: Callable[[int, int], bool] | None = None
        # Units written alike on both sides, in groups: (left ids, right ids).
        self.exact_groups: list[tuple[list[int], list[int]]] = []
        self._arrays: tuple | None = None
        self._totals: tuple = ()
        self._index: tuple | None = None  # the right side's postings and the keys' rarity ranks
        # The sentences of each side the veto can hold for (those told for a purpose); None: all.
        self.veto_sides = None
        # Called between steps: gives the memory a step freed back (see ``memory.give_back``).
        self.tidy: Callable[[], None] = lambda: None

    # ---- similarity -----------------------------------------------------------------

    def sim(self, a: int, b: int) -> float:
        s = self.scores.get(a, b)
        if s is None:
            s = overlap(self.L[a], self.R[b], self.wl[a], self.wr[b]).dice
            if s >= VETO_FLOOR and self._vetoed(a, b):
                s = 0.0
                self.scores.vetoed.add((a, b))
            self.scores.put(a, b, s)
        return s

    def score_many(self, a, b) -> None:
        """``sim`` for the pairs (a[i], b[i]) (numpy arrays), those not scored yet counted in a
        few array operations and kept as arrays (``PairScores.put_many``)."""
        import numpy as np

        new = ~self.scores.known(a, b)
        a, b = a[new], b[new]
        if not len(a):
            return
        shared, _, _ = shared_weights(self.L, self.R, a, b, self._counted())
        wa, wb = self._totals[0][a], self._totals[1][b]
        ok = (wa > 0) & (wb > 0)
        dice = np.where(ok, 2 * shared / np.where(ok, wa + wb, 1.0), 0.0)
        for k in np.flatnonzero(dice >= VETO_FLOOR).tolist():
            x, y = int(a[k]), int(b[k])
            if self._vetoed(x, y):
                dice[k] = 0.0
                self.scores.vetoed.add((x, y))
        self.scores.put_many(a, b, dice)

    def expect_veto(self, lefts: list[int], rights: list[int]) -> None:
        """Told the pairs the veto is about to be asked about (left ids, right ids), so that what
        it needs for them can be made in one go (``PreparedPair.aligner`` sets one)."""

    def _vetoed(self, a: int, b: int) -> bool:
        sides = self.veto_sides
        return (self.veto is not None and (sides is None or a in sides[0] and b in sides[1])
                and self.veto(a, b))

    def score_rows(self, cands) -> None:
        """``sim`` for the candidates of many sentences at once (``candidates``' arrays): the
        shared words of all the pairs counted in a few array operations, the scores kept in
        ``self.scores``' arrays."""
        import numpy as np

        sc = self.scores
        a, b, col = cands
        sc.cand[a, col] = b
        if not len(a):
            return
        shared, count, claimed = shared_weights(self.L, self.R, a, b, self._counted())
        wa, wb = self._totals[0][a], self._totals[1][b]
        ok = (wa > 0) & (wb > 0)
        dice = np.where(ok, 2 * shared / np.where(ok, wa + wb, 1.0), 0.0)
        if self.veto is not None:
            ask = dice >= VETO_FLOOR
            if self.veto_sides is not None:
                ask &= _members(a, self.veto_sides[0], len(self.L)) & _members(b, self.veto_sides[1], len(self.R))
            asked = np.flatnonzero(ask)
            if len(asked) >= VETO_AHEAD:
                self.expect_veto(a[asked].tolist(), b[asked].tolist())
            for k in asked.tolist():
                x, y = int(a[k]), int(b[k])
                if self._vetoed(x, y):
                    dice[k] = 0.0
                    sc.vetoed.add((x, y))
        sc.score[a, col] = dice
        sc.single[a, col] = (count < 2) | (claimed < 2) | ~ok

    def _counted(self):
        """Per key id, 1.0 for a key that is not a name (see ``_claim_words``); with the totals."""
        if self._arrays is None:
            import numpy as np

            names = self.left_names
            self._arrays = np.array([k not in names for k in self.L.vocab], dtype=np.float64)
            self._totals = (np.asarray(self.wl, dtype=np.float64), np.asarray(self.wr, dtype=np.float64))
        return self._arrays

    def _claim_words(self, a: int, b: int) -> int:
        """Shared keys that are not names: a shared name alone says who, not what."""
        small, big = (self.L[a], self.R[b]) if len(self.L[a]) <= len(self.R[b]) else (self.R[b], self.L[a])
        return sum(1 for k in small if k in big and k not in self.left_names)

    def group_overlap(self, left: tuple[int, ...], right: tuple[int, ...]) -> Overlap:
        a = union(*(self.L[i] for i in left))
        b = union(*(self.R[j] for j in right))
        return overlap(a, b)

    # ---- steps ------------------------------------------------------------------------

    def scored_candidates(self) -> None:
        """``candidates`` of every left sentence, each pair scored (``score_rows``). On a large
        input the second half of the left sentences is done in the helper process, which sends
        back its rows of the score arrays."""
        n = len(self.L)
        if n + len(self.R) < HELPER_MIN_SENTENCES or not helper.available():
            self._score_lefts(0, n)
            self._index = None  # the postings: made again if candidates are asked for again
            return
        half = n // 2

        def there() -> tuple:
            self._score_lefts(half, n)
            sc = self.scores
            return sc.cand[half:], sc.score[half:], sc.single[half:], sc.vetoed

        (cand, score, single, vetoed), _ = helper.in_two(there, lambda: self._score_lefts(0, half))
        sc = self.scores
        sc.cand[half:], sc.score[half:], sc.single[half:] = cand, score, single
        sc.vetoed |= vetoed
        self._index = None

    def _score_lefts(self, lo: int, hi: int) -> None:
        """``score_rows(candidates(...))`` for left sentences lo..hi-1, ``SCORE_CHUNK`` at a time
        (each sentence's candidates and scores are its own: the chunks change nothing)."""
        for start in range(lo, hi, SCORE_CHUNK):
            self.score_rows(self.candidates(range(start, min(hi, start + SCORE_CHUNK))))

    def candidates(self, lefts: range | None = None):
        """For each left sentence (of ``lefts``, default all), right sentences sharing its
        rarer keys, best first. A key in more than ``WINDOW`` sentences is read only where the
        partner is expected (as far into the right text as the sentence is into the left), so
        the work per sentence is bounded whatever the length of the texts. As arrays (a, b,
        col): left sentence a's candidate number col (0 the best) is right sentence b, in the
        order of a, then col."""
        import numpy as np

        if self._index is None:
            self._index = (*self._postings(), self._rank())
        lefts = range(len(self.L)) if lefts is None else lefts
        parts = [self._best_of(self._slices(lefts[lo : lo + CANDIDATE_CHUNK]))
                 for lo in range(0, len(lefts), CANDIDATE_CHUNK)]
        if not parts:
            return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
        return tuple(np.concatenate(column) for column in zip(*parts))

    def _slices(self, lefts: range):
        """For each left sentence, the stretches of the postings its keys read: (sentence,
        start, length, key weight) arrays, stretch by stretch in the order they are read."""
        import numpy as np

        postings, where, rank = self._index
        m, n = max(1, len(self.R)), max(1, len(self.L))
        cap = max(WINDOW, int(6 * m ** 0.5))
        ids = np.arange(lefts.start, lefts.stop, lefts.step, dtype=np.int64)
        if self.left_skip:
            ids = ids[~np.isin(ids, np.fromiter(self.left_skip, dtype=np.int64, count=len(self.left_skip)))]
        pair, keys = _expand(self.L, ids)
        owner = ids[pair]
        # Rarest first; keys as rare as each other in the order of their spelling, so the
        # candidates are the same in every process (a set's order is not).
        order = np.lexsort((rank[keys], owner))
        owner, keys = owner[order], keys[order]
        lo = where[keys]
        size = where[keys + 1] - lo
        ok = (size > 0) & (size <= cap)
        owner, keys, lo, size = owner[ok], keys[ok], lo[ok], size[ok]
        place = np.arange(len(owner))
        place -= np.maximum.accumulate(np.where(np.r_[True, owner[1:] != owner[:-1]], place, 0))
        keep = place < self.p.rare_keys  # each sentence's first few
        owner, keys, lo, size = owner[keep], keys[keep], lo[keep], size[keep]
        wide = np.flatnonzero(size > WINDOW)
        if len(wide):  # read only around the expected place
            middle = _lower_bounds(postings, lo[wide], lo[wide] + size[wide], owner[wide] * m // n) - lo[wide]
            lo[wide] += np.maximum(0, np.minimum(middle - WINDOW // 2, size[wide] - WINDOW))
            size[wide] = WINDOW
        return owner, lo, size, self.L.weights[keys]

    def _best_of(self, slices):
        """Each sentence's right sentences by the summed weight of the keys that found them,
        the first ``candidates`` of them: best first, and among equals the first found first.
        The sums add each sentence's weights in the order they were read (``bincount`` adds in
        order), so they are the same floats a running total would give."""
        import numpy as np

        owner, starts, size, ws = slices
        if not len(owner):
            return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
        m = max(1, len(self.R))
        offset = np.repeat(starts - (np.cumsum(size) - size), size)
        right = self._index[0][np.arange(len(offset), dtype=np.int64) + offset].astype(np.int64)
        code = np.repeat(owner, size) * m + right
        pairs, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
        total = np.bincount(inverse, weights=np.repeat(ws, size))
        lefts = pairs // m
        # The pairs in the order they were first found (no sort: where each first stands), then
        # by sentence and total: a stable sort keeps the first found first among equals.
        seen = np.zeros(len(code), dtype=bool)
        seen[first] = True
        found = inverse[np.flatnonzero(seen)]
        order = found[np.lexsort((-total[found], lefts[found]))]
        lefts = lefts[order]
        head = np.flatnonzero(np.r_[True, lefts[1:] != lefts[:-1]])
        place = np.arange(len(order)) - np.repeat(head, np.diff(np.r_[head, len(order)]))
        keep = place < self.p.candidates
        return lefts[keep], pairs[order][keep] % m, place[keep]

    def _postings(self):
        """For each key id, the right sentences holding it (not skipped), in order: the
        sentences of key k are ``postings[where[k]:where[k + 1]]``."""
        import numpy as np

        R = self.R
        sentence = np.repeat(np.arange(len(R), dtype=np.int32), R.sizes)
        keep = np.ones(len(R), dtype=bool)
        keep[list(self.right_skip)] = False
        keys, sentence = R.keys[keep[sentence]], sentence[keep[sentence]]
        # Where the ids fit in 16 bits numpy sorts them by radix, in one pass for each byte: the
        # same order as a merge sort's, in a time that grows only as the keys do.
        order = np.argsort(keys.astype(np.uint16) if len(R.vocab) <= 1 << 16 else keys, kind="stable")
        where = np.zeros(len(R.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys, minlength=len(R.vocab)), out=where[1:])
        return sentence[order], where

    def _rank(self):
        """Each key id's place in the order rarest first (highest weight), then by spelling."""
        import numpy as np

        vocab, weights = self.L.vocab, (-self.L.weights).tolist()
        order = sorted(range(len(vocab)), key=list(zip(weights, vocab)).__getitem__)
        rank = np.zeros(len(vocab), dtype=np.int64)
        rank[order] = np.arange(len(vocab))
        return rank

    def identical(self) -> list[RawLink]:
        """Units written alike on both sides (headlines, datelines, subheads, repeated lines)
        link first (``exact_groups``); a unit repeated on a side pairs its copies in order."""
        n, m = max(1, len(self.L)), max(1, len(self.R))
        links = []
        for lefts, rights in self.exact_groups:
            for a, b in _pair_in_order(lefts, rights, n, m):
                links.append(RawLink((a,), (b,), 1.0, "identical"))
        return links

    def anchors(self, taken: list[RawLink] | None = None) -> list[RawLink]:
        """Candidate pairs similar enough, strongest first (with a bonus when the neighbours on
        both sides are alike too), each sentence taken once."""
        import numpy as np

        sc = self.scores
        # Only pairs similar enough can anchor (their neighbours' scores are looked up below).
        a, col = np.nonzero((sc.cand >= 0) & (sc.score >= self.p.link_threshold) & ~sc.single)
        sc.single = None  # read by no later step: a byte per candidate let go (12 MB at 100 MB)
        a = a.astype(np.int32)
        b = sc.cand[a, col]
        s = sc.score[a, col]
        del col
        rank = self._anchor_ranks(a, b, s)
        # Strongest first: by rank, then score, then left and right id, all descending (the
        # order of the (rank, score, a, b) tuples sorted in reverse), sorted as arrays.
        order = np.lexsort((b, a, s, rank))[::-1]
        del rank
        links: list[RawLink] = list(taken or [])
        one_to_one = OneToOne if len(self.L) + len(self.R) >= COMPACT_SENTENCES else RawLink
        used_l: set[int] = {i for lk in links for i in lk.left}
        used_r: set[int] = {j for lk in links for j in lk.right}
        for lo in range(0, len(order), ANCHOR_CHUNK):
            part = order[lo : lo + ANCHOR_CHUNK]
            for s_, a_, b_ in zip(s[part].tolist(), a[part].tolist(), b[part].tolist()):
                if a_ in used_l or b_ in used_r:
                    continue
                used_l.add(a_)
                used_r.add(b_)
                links.append(one_to_one((a_,), (b_,), s_, "anchor"))
        return links

    def _anchor_ranks(self, a, b, s):
        """For candidate pairs (a[i], b[i]) scored s[i]: s + context_weight * the mean score of
        the pairs before (a - 1, b - 1) and after (a + 1, b + 1), worked out ``ANCHOR_CHUNK``
        pairs at a time, in place (the same floats as the whole expression)."""
        import numpy as np

        rank = np.empty(len(a))
        for lo in range(0, len(a), ANCHOR_CHUNK):
            pa, pb = a[lo : lo + ANCHOR_CHUNK], b[lo : lo + ANCHOR_CHUNK]
            ctx = self.scores.lookup(pa - 1, pb - 1)
            ctx += self.scores.lookup(pa + 1, pb + 1)
            ctx *= 0.5
            ctx *= self.p.context_weight
            ctx += s[lo : lo + ANCHOR_CHUNK]
            rank[lo : lo + ANCHOR_CHUNK] = ctx
        return rank

    def drop_stray_anchors(self, links: list[RawLink]) -> list[RawLink]:
        """In texts that keep their order (an edit, a translation), an out-of-order anchor that
        is neither very similar nor part of a moved block is a formulaic look-alike: drop it
        and let the gap between its in-order neighbours decide."""
        order = sorted(links, key=lambda lk: lk.left[0])
        keep = _increasing(order)
        total_w = sum(lk.score for lk in order) or 1.0
        if sum(order[i].score for i in keep) / total_w < self.p.monotone_share:
            return links
        # ... and when they cover most of the shorter text, its leftovers keep that order too.
        self.in_order = len(order) >= self.p.in_order_cover * min(len(self.L), len(self.R))
        out = []
        for i, lk in enumerate(order):
            if i in keep or lk.score >= self.p.strong_move:
                out.append(lk)
                continue
            block = any(
                0 <= k < len(order) and k not in keep and 0 < abs(order[k].right[0] - lk.right[0]) <= 2
                for k in (i - 1, i + 1)
            )
            if block:
                out.append(lk)
        return out

    def fill_gaps(self, links: list[RawLink]) -> list[RawLink]:
        """Align the sentences between anchors that keep their order."""
        n, m = len(self.L), len(self.R)
        if not links:
            return links  # with no anchor at all, a sentence's place says nothing
        used_l = {i for link in links for i in link.left}
        used_r = {j for link in links for j in link.right}
        order = sorted(links, key=lambda lk: lk.left[0])
        bounds = [(-1, -1)] + [(lk.left[-1], lk.right[-1]) for lk in order] + [(n, m)]
        starts = [(lk.left[0], lk.right[0]) for lk in order] + [(n, m)]
        added: list[RawLink] = []
        for k in range(len(starts)):
            a1, b1 = bounds[k]
            a2, b2 = starts[k]
            if b2 - b1 < 2 or a2 - a1 < 2:  # no sentence between them on a side
                continue
            gl = [i for i in range(a1 + 1, a2) if i not in used_l and i not in self.left_skip and self.L.sizes[i]]
            gr = [j for j in range(b1 + 1, b2) if j not in used_r and j not in self.right_skip and self.R.sizes[j]]
            edge = k == 0 or k == len(starts) - 1
            limit = self.p.max_edge_gap if edge else self.p.max_gap
            if not gl or not gr or len(gl) > limit or len(gr) > limit:
                continue
            new = self._dp(gl, gr)
            for lk in new:  # gaps overlap where anchors cross: a sentence one gap linked is taken
                used_l.update(lk.left)
                used_r.update(lk.right)
            added.extend(new)
        return links + added

    def _dp(self, gl: list[int], gr: list[int]) -> list[RawLink]:
        t = self.p.gap_threshold
        nl, nr = len(gl), len(gr)
        NEG = -1.0
        best = [[0.0] * (nr + 1) for _ in range(nl + 1)]
        back: list[list[tuple[int, int, RawLink | None]]] = [[(0, 0, None)] * (nr + 1) for _ in range(nl + 1)]
        for i in range(nl + 1):
            for j in range(nr + 1):
                if i == 0 and j == 0:
                    continue
                cand: list[tuple[float, int, int, RawLink | None]] = []
                if i > 0:
                    cand.append((best[i - 1][j], i - 1, j, None))
                if j > 0:
                    cand.append((best[i][j - 1], i, j - 1, None))
                if i > 0 and j > 0:
                    s = self.sim(gl[i - 1], gr[j - 1])
                    if s >= t:
                        cand.append((best[i - 1][j - 1] + s, i - 1, j - 1,
                                     RawLink((gl[i - 1],), (gr[j - 1],), s, "gap")))
                    if i > 1 and gl[i - 2] + 1 == gl[i - 1]:
                        o = self.group_overlap((gl[i - 2], gl[i - 1]), (gr[j - 1],))
                        if (o.dice >= t and o.dice > max(self.sim(gl[i - 2], gr[j - 1]), self.sim(gl[i - 1], gr[j - 1]))
                                and self._members_covered((gl[i - 2], gl[i - 1]), (gr[j - 1],), "left")):
                            cand.append((best[i - 2][j - 1] + o.dice * 1.5, i - 2, j - 1,
                                         RawLink((gl[i - 2], gl[i - 1]), (gr[j - 1],), o.dice, "gap")))
                    if j > 1 and gr[j - 2] + 1 == gr[j - 1]:
                        o = self.group_overlap((gl[i - 1],), (gr[j - 2], gr[j - 1]))
                        if (o.dice >= t and o.dice > max(self.sim(gl[i - 1], gr[j - 2]), self.sim(gl[i - 1], gr[j - 1]))
                                and self._members_covered((gl[i - 1],), (gr[j - 2], gr[j - 1]), "right")):
                            cand.append((best[i - 1][j - 2] + o.dice * 1.5, i - 1, j - 2,
                                         RawLink((gl[i - 1],), (gr[j - 2], gr[j - 1]), o.dice, "gap")))
                score, pi, pj, link = max(cand, key=lambda c: c[0]) if cand else (NEG, 0, 0, None)
                best[i][j] = score
                back[i][j] = (pi, pj, link)
        out: list[RawLink] = []
        i, j = nl, nr
        while i > 0 or j > 0:
            pi, pj, link = back[i][j]
            if link is not None:
                out.append(link)
            i, j = pi, pj
        return out

    def _members_covered(self, left: tuple[int, ...], right: tuple[int, ...], side: str) -> bool:
        """Each sentence of the grouped side must be mostly said by the partner."""
        if side == "left":
            partner = union(*(self.R[j] for j in right))
            return all(overlap(self.L[i], partner).cover_a >= self.p.merge_cover for i in left)
        partner = union(*(self.L[i] for i in left))
        return all(overlap(self.R[j], partner).cover_a >= self.p.merge_cover for j in right)

    def merge_neighbours(self, links: list[RawLink]) -> list[RawLink]:
        """Grow links into 1:2, 2:1 (up to 4 a side) where a free neighbour carries the
        partner's content. Subheads between a sentence and its neighbour are stepped over."""
        used = {"left": {i for link in links for i in link.left}, "right": {j for link in links for j in link.right}}
        for link in links:
            for _ in range(2 * (self.p.max_group - 1)):
                best: tuple[float, str, int] | None = None
                bags: tuple[Bag, Bag] | None = None  # the link's two sides, worked out once a round
                for side in ("left", "right"):
                    ids = link.left if side == "left" else link.right
                    if len(ids) >= self.p.max_group:
                        continue
                    for nb in self._free_neighbours(side, ids, used[side]):
                        if bags is None:
                            bags = (union(*(self.L[i] for i in link.left)), union(*(self.R[j] for j in link.right)))
                            base = overlap(*bags)
                        gain = self._merge_gain(bags, side, nb, base)
                        if gain is not None and (best is None or gain > best[0]):
                            best = (gain, side, nb)
                if best is None:
                    break
                _, side, nb = best
                used[side].add(nb)
                if side == "left":
                    link.left = tuple(sorted(link.left + (nb,)))
                else:
                    link.right = tuple(sorted(link.right + (nb,)))
                link.score = self.group_overlap(link.left, link.right).dice
                if "+merge" not in link.how:
                    link.how += "+merge"
        return links

    def _free_neighbours(self, side: str, ids: tuple[int, ...], used: set[int]) -> list[int]:
        bags = self.L if side == "left" else self.R
        skip = self.left_skip if side == "left" else self.right_skip
        transparent = self.left_transparent if side == "left" else self.right_transparent
        n, sizes = len(bags.sizes), bags.sizes
        out = []
        for start, step in ((ids[0], -1), (ids[-1], 1)):
            u = start + step
            for _ in range(3):
                if not 0 <= u < n or u in used:
                    break
                if u not in skip and sizes[u]:
                    out.append(u)
                    if u not in transparent:
                        break
                u += step
        return out

    def _merge_gain(self, bags: tuple[Bag, Bag], side: str, nb: int, base: Overlap) -> float | None:
        """How much more of the partner a merged neighbour explains (``bags``: the link's left
        and right sides, ``base``: their overlap), or None if it should not join. A key weighs
        the same in every bag and weights add exactly (``similarity.QUANTUM``), so a side grown
        by a bag is the side's union made again with it, to the last bit."""
        left, right = bags
        if side == "left":
            gain = overlap(union(left, self.L[nb]), right).cover_b - base.cover_b
            alone = overlap(self.L[nb], right)
        else:
            gain = overlap(left, union(right, self.R[nb])).cover_a - base.cover_a
            alone = overlap(self.R[nb], left)
        if gain >= self.p.merge_gain and alone.cover_a >= self.p.merge_cover and alone.count >= 2:
            return gain
        return None

    def attach_headings(self, links: list[RawLink]) -> list[RawLink]:
        """A headline or subhead that only summarises a linked claim joins that link: a
        headline wherever the claim is, a subhead only when it stands right next to it (and
        right above it, the names it shares with the claim's partner count as its words)."""
        for side in ("left", "right"):
            bags = self.L if side == "left" else self.R
            other = self.R if side == "left" else self.L
            names = self.left_names if side == "left" else self.right_names
            headlines = self.left_headlines if side == "left" else self.right_headlines
            group_of = {i: lk for lk in links for i in (lk.left if side == "left" else lk.right)}
            for u in sorted(self.left_transparent if side == "left" else self.right_transparent):
                if u in group_of or not bags.sizes[u]:
                    continue
                if u in headlines:
                    options = links
                else:
                    options = [group_of[v] for v in (u - 1, u + 1) if v in group_of]
                best: tuple[float, RawLink] | None = None
                for lk in options:
                    partner = union(*(other[j] for j in (lk.right if side == "left" else lk.left)))
                    o = overlap(bags[u], partner)
                    # Right above its own sentence a subhead heads that claim: its names count too.
                    heads = u not in headlines and group_of.get(u + 1) is lk
                    words = o.count if heads else sum(1 for k in bags[u] if k in partner and k not in names)
                    if (o.cover_a >= self.p.heading_cover and words >= self.p.heading_words
                            and (best is None or o.cover_a > best[0])):
                        best = (o.cover_a, lk)
                if best is not None:
                    lk = best[1]
                    if side == "left":
                        lk.left = tuple(sorted(lk.left + (u,)))
                    else:
                        lk.right = tuple(sorted(lk.right + (u,)))
                    group_of[u] = lk
        return links

    def _free(self, side: str, links: list[RawLink], also_skip: set[int] = frozenset()) -> list[int]:
        """The sentences of ``side`` in no link, not skipped, not empty and not in ``also_skip``,
        in order (the linked ones marked in a byte per sentence, not a set of ids)."""
        left = side == "left"
        bags, skip = (self.L, self.left_skip) if left else (self.R, self.right_skip)
        used = _marked(links, left, len(bags))
        sizes = bags.sizes
        return [i for i in range(len(bags)) if not used[i] and sizes[i] and i not in skip and i not in also_skip]

    def quote_pass(self, links: list[RawLink]) -> list[RawLink]:
        """Free sentences that quote the same words link: one statement, reported twice."""
        if self.quoted is None:
            return links
        free_l, free_r = self._free("left", links), self._free("right", links)
        if not free_l or not free_r:
            return links
        new = [RawLink((a,), (b,), s, "quote") for a, b, s in self.quoted(free_l, free_r) if not self._vetoed(a, b)]
        return self._keeps_order(links + new) if new else links

    def meaning_pass(self, links: list[RawLink]) -> list[RawLink]:
        """Sentences words alone left unlinked, compared by meaning too: mutual best partners
        link, and a sentence whose best partner is already linked joins that link."""
        free_l = self._free("left", links, self.left_questions)
        free_r = self._free("right", links, self.right_questions)
        if not free_l and not free_r or self.meaning is None:
            return links
        weak = [lk for lk in links if not self.in_order and lk.how == "anchor" and lk.score < self.p.weak_anchor]
        vectors = self._vectors = self.meaning([lk.left[0] for lk in weak], [lk.right[0] for lk in weak])
        if vectors is None:
            return links
        links = self._drop_weak_anchors(links, vectors, free_l, free_r)
        scores = self._meaning_scores(links, free_l, free_r)
        self.meaning_scores = scores
        links = self._keeps_order(links + self._mutual_best(scores, set(free_l), set(free_r)))
        return self._with_antecedents(self._join_best(links, scores))

    def _drop_weak_anchors(self, links: list[RawLink], vectors, free_l: list[int], free_r: list[int]) -> list[RawLink]:
        """In texts that do not keep one order, a pair linked by a few shared words whose
        meaning score falls short is freed to compete with the others by meaning."""
        if self.in_order:
            return links
        VL, VR = vectors
        w = self.p.meaning_weight
        out = []
        for lk in links:
            if lk.how == "anchor" and lk.score < self.p.weak_anchor:
                a, b = lk.left[0], lk.right[0]
                dice = lk.score
                if self._claim_words(a, b) < self.p.weak_anchor_words:
                    # Two words in common ("discuss the issue") are a coincidence in a short
                    # sentence: the pair counts by its meaning alone, here and in the meaning pass.
                    dice = 0.0
                    self.scores.put(a, b, 0.0)
                if (1 - w) * dice + w * float(VL[a] @ VR[b]) < self.p.meaning_link:
                    free_l.append(a)
                    free_r.append(b)
                    continue
            out.append(lk)
        return out

    def _meaning_scores(self, links, free_l, free_r) -> MeaningScores:
        """(mean of Dice and cosine, cosine) of each candidate pair of the free sentences:
        from the word index, and from a window where the neighbours' partners say it should be."""
        import numpy as np

        firsts = (np.array([lk.left[0] for lk in links], dtype=np.int64),
                  np.array([lk.right[0] for lk in links], dtype=np.int64))
        pairs: set[tuple[int, int]] = set()
        if self.in_order:
            cands, reverse = {}, {}  # in a text that keeps its order, only where the partner should be
        else:
            cands, reverse = self._candidates_of(free_l), self._chosen_by(free_r)
        w = self.p.meaning_window
        for a, at in zip(free_l, _expected(free_l, *firsts, len(self.R))):
            js = set(cands.get(a, ())) | set(range(max(0, at - w), min(len(self.R), at + w + 1)))
            pairs.update((a, b) for b in js if b not in self.right_skip and self.R.sizes[b])
        for b, at in zip(free_r, _expected(free_r, *firsts[::-1], len(self.L))):
            js = set(reverse.get(b, ())) | set(range(max(0, at - w), min(len(self.L), at + w + 1)))
            pairs.update((a, b) for a in js if a not in self.left_skip and self.L.sizes[a])
        del cands, reverse, firsts
        # The set's order, which decides between equal scores later.
        a = np.fromiter((x for x, _ in pairs), dtype=np.int64, count=len(pairs))
        b = np.fromiter((y for _, y in pairs), dtype=np.int64, count=len(pairs))
        del pairs
        self.tidy()
        cosines = self._cosines(a, b)
        self.scored_by_meaning()
        self.score_many(a, b)
        dice = self.scores.values(a, b)
        w = self.p.meaning_weight
        scores = (1 - w) * dice + w * cosines
        for k in np.flatnonzero((dice < VETO_FLOOR) & (scores >= self.p.meaning_link * 0.5)).tolist():
            if self._vetoed(int(a[k]), int(b[k])):
                scores[k] = cosines[k] = 0.0
        return MeaningScores.of_arrays(a, b, scores, cosines)

    def _cosines(self, a, b):
        """The cosine of each pair's sentence vectors (pairs a[i], b[i]), worked out a few
        thousand pairs at a time in text order, so the vectors a book needs are never all in
        memory at once."""
        import numpy as np

        out = np.zeros(len(a), dtype=np.float64)
        order = np.lexsort((b, a))
        for lo in range(0, len(order), MEANING_CHUNK):
            ids = order[lo : lo + MEANING_CHUNK]
            lefts, rights = a[ids].tolist(), b[ids].tolist()
            VL, VR = self._vectors = self.meaning(set(lefts), set(rights))
            out[ids] = _dots(VL.rows(lefts), VR.rows(rights))
        return out

    def _candidates_of(self, lefts: list[int]) -> dict[int, list[int]]:
        cand = self.scores.cand
        return {a: [b for b in cand[a].tolist() if b >= 0] for a in lefts}

    def _chosen_by(self, rights: list[int]) -> dict[int, list[int]]:
        """For each of these right sentences, the left sentences that have it as a candidate."""
        import numpy as np

        cand = self.scores.cand
        a, col = np.nonzero(np.isin(cand, np.array(rights, dtype=np.int64)))
        out: dict[int, list[int]] = {}
        for x, y in zip(a.tolist(), cand[a, col].tolist()):
            out.setdefault(y, []).append(x)
        return out

    def _mutual_best(self, scores: MeaningScores, free_l: set[int], free_r: set[int]) -> list[RawLink]:
        """Free pairs each of whose sentences scores the other best (the first in the scores'
        order among equals), in the order their left sentences first appear, linked when close
        enough by meaning and by their words other than names."""
        import numpy as np

        a, b, s = scores.left.astype(np.int64), scores.right.astype(np.int64), scores.score
        free = np.flatnonzero(_members(a, free_l, len(self.L)) & _members(b, free_r, len(self.R)) & (s > -1.0))
        lefts, best, first = first_best(a[free], s[free])
        rights, best_r, _ = first_best(b[free], s[free])
        partner = np.full(len(self.R), -1, dtype=np.int64)
        partner[rights] = a[free[best_r]]
        chosen = free[best]
        keep = (partner[b[chosen]] == lefts) & (s[chosen] >= self.p.meaning_link)
        chosen = chosen[keep][np.argsort(first[keep], kind="stable")]
        mutual = list(zip(a[chosen].tolist(), b[chosen].tolist(), s[chosen].tolist(), scores.cos[chosen].tolist()))
        claims = self._claims_alike([(x, y) for x, y, _, _ in mutual])
        return [RawLink((x,), (y,), sc, "meaning", meaning=cos)
                for x, y, sc, cos in mutual if (x, y) in claims]

    def _claims_alike(self, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The pairs whose words other than names mean alike too: sentences that share a
        person's name and title and little else ("X has rejected the demands" / "X remains
        skeptical of peace") are close by meaning only because of the name."""
        if self.claim_meaning is None or not pairs:
            return set(pairs)
        cosines = self.claim_meaning(pairs)
        return {pair for pair, cos in zip(pairs, cosines) if cos >= self.p.meaning_claims}

    def _keeps_order(self, links: list[RawLink]) -> list[RawLink]:
        """In a text that keeps its order, the new links that do not cross the others."""
        if not self.in_order:
            return links
        order = sorted(links, key=lambda lk: lk.left[0])
        keep = _increasing(order)
        return [lk for i, lk in enumerate(order) if i in keep or lk.how not in ("meaning", "quote")]

    def _join_best(self, links: list[RawLink], scores: MeaningScores) -> list[RawLink]:
        """A still-free sentence whose best partner is in a link, and close enough, joins it."""
        # Each sentence's link, per side (a list by sentence id: a book's tens of thousands of
        # linked sentences as (side, id) keys of a dict took about 10 MB).
        group: tuple[list, list] = ([None] * len(self.L), [None] * len(self.R))
        for lk in links:
            for i in lk.left:
                group[0][i] = lk
            for j in lk.right:
                group[1][j] = lk
        joins = self._best_joins(group, scores)
        alike: set[tuple[int, int]] = set()
        for k, ((side, me), (s, their, other)) in enumerate(joins):
            if k % JOIN_CHUNK == 0:  # a pair's claims are its own: asked about a chunk at a time
                alike = self._claims_alike([(me, other) if side == "left" else (other, me)
                                            for (side, me), (_, _, other) in joins[k : k + JOIN_CHUNK]])
            lk = group[their == "right"][other]
            if lk is None or len(lk.left if side == "left" else lk.right) >= self.p.max_group:
                continue
            if ((me, other) if side == "left" else (other, me)) not in alike:
                continue
            ids = lk.left if side == "left" else lk.right
            if self.in_order and me not in self._free_neighbours(side, ids, set()):
                continue  # a text that keeps its order joins neighbours only
            if side == "left":
                lk.left = tuple(sorted(lk.left + (me,)))
            else:
                lk.right = tuple(sorted(lk.right + (me,)))
            group[side == "right"][me] = lk
            if "+meaning" not in lk.how and lk.how != "meaning":
                lk.how += "+meaning"
        return links

    def _best_joins(self, group: tuple[list, list], scores: MeaningScores) -> list[tuple[tuple[str, int], tuple[float, str, int]]]:
        """Each free sentence's best partner ((side, id), (score, partner's side, partner's id)),
        where close enough to join: strongest first; among equals, and for a sentence's partner
        among equals, the first in the scores' order (the left sentence of a pair before its
        right one)."""
        import numpy as np

        s = scores.score
        found = []
        for side, me, other, their, links_of in (("left", scores.left, scores.right, "right", group[0]),
                                                 ("right", scores.right, scores.left, "left", group[1])):
            linked = np.fromiter((lk is not None for lk in links_of), dtype=bool, count=len(links_of))
            at = np.flatnonzero(~linked[me] & (s > -1.0))
            ids, best, first = first_best(me[at].astype(np.int64), s[at])
            best = at[best]
            keep = s[best] >= self.p.meaning_join
            found.append((side, their, ids[keep], best[keep], 2 * at[first[keep]] + (side == "right")))
        side_of = np.concatenate([np.full(len(f[2]), k) for k, f in enumerate(found)])
        ids, best, seq = (np.concatenate([f[k] for f in found]) for k in (2, 3, 4))
        order = np.lexsort((seq, -s[best]))
        other = np.where(side_of == 0, scores.right[best], scores.left[best])
        return [((found[k][0], i), (x, found[k][1], o)) for k, i, x, o in
                zip(side_of[order].tolist(), ids[order].tolist(), s[best[order]].tolist(), other[order].tolist())]

    def _with_antecedents(self, links: list[RawLink]) -> list[RawLink]:
        """A linked sentence that opens by pointing back ("It was restored ...") speaks of the
        sentence before it. When that sentence is free and matches a free neighbour of the link
        on the other side (position is evidence: both stand next to the claim they follow), it
        links with that neighbour; and where the pointing sentence shares its side of the link
        with other sentences, it leaves them and goes with what it points back to."""
        # Every linked sentence, a byte per sentence of each side: made when first needed.
        used: tuple[bytearray, bytearray] | None = None
        for lk in list(links):
            for side, other in (("left", "right"), ("right", "left")):
                ids, partner = (lk.left, lk.right) if side == "left" else (lk.right, lk.left)
                if self.refers_back[side == "right"].isdisjoint(ids):
                    continue  # most links: no sentence of theirs points back
                if len(ids) >= self.p.max_group or len(partner) >= self.p.max_group:
                    continue
                if used is None:
                    used = (_marked(links, True, len(self.L)), _marked(links, False, len(self.R)))
                found = self._antecedent_partner(side, ids, partner, used)
                if found is None:
                    continue
                me, c, s = found
                used[side == "right"][me - 1] = used[other == "right"][c] = 1
                if len(ids) > 1:  # the rest of the link stays; the pointing sentence leaves it
                    ids = tuple(i for i in ids if i != me)
                    lk.left, lk.right = (ids, lk.right) if side == "left" else (lk.left, ids)
                    lk.score = self.group_overlap(lk.left, lk.right).dice
                    pointed = (me - 1, me)
                    links.append(RawLink(pointed, (c,), s, "meaning") if side == "left"
                                 else RawLink((c,), pointed, s, "meaning"))
                    break
                ante = (me - 1,)
                links.append(RawLink(ante, (c,), s, "meaning") if side == "left" else RawLink((c,), ante, s, "meaning"))
                break
        return links

    def _antecedent_partner(self, side: str, ids: tuple[int, ...], partner: tuple[int, ...],
                            used: tuple[bytearray, bytearray]) -> tuple[int, int, float] | None:
        """(a member of ``ids`` that points back to a free sentence, the free neighbour of
        ``partner`` that matches that sentence best, their meaning score), or None. ``used``:
        per side, a byte per sentence, 1 for a linked one."""
        refers = self.refers_back[side == "right"]
        bags, skip = (self.L, self.left_skip) if side == "left" else (self.R, self.right_skip)
        mine, theirs = used if side == "left" else used[::-1]
        pointing = [me for me in ids if me in refers and me >= 1 and not mine[me - 1]
                    and me - 1 not in skip and bags.sizes[me - 1]]
        if not pointing:  # most links: nothing to look for on the other side
            return None
        obags, oskip = (self.R, self.right_skip) if side == "left" else (self.L, self.left_skip)
        options = sorted({c + d for c in partner for d in (-1, 1)} - set(partner))
        options = [c for c in options if 0 <= c < len(obags) and not theirs[c]
                   and c not in oskip and obags.sizes[c]]
        for me in pointing if options else ():
            ante = me - 1
            pairs = [(ante, c) if side == "left" else (c, ante) for c in options]
            scored = [(self._pair_meaning(a, b), c) for (a, b), c in zip(pairs, options)]
            s, c = max(scored)
            if s >= self.p.antecedent_link and self._claims_alike([pairs[options.index(c)]]):
                return me, c, s
        return None

    def _pair_meaning(self, a: int, b: int) -> float:
        """The meaning pass's score of one pair: the mean (by ``meaning_weight``) of weighted
        Dice and the cosine of the sentence vectors."""
        import numpy as np

        if self._vetoed(a, b):
            return 0.0
        cos = float(self._cosines(np.array([a], dtype=np.int64), np.array([b], dtype=np.int64))[0])
        w = self.p.meaning_weight
        return (1 - w) * self.sim(a, b) + w * cos

    def closest(self, only_left: list[int], only_right: list[int], k: int = 3) -> dict[str, dict[int, list[tuple[int, float]]]]:
        """For each sentence left unlinked, its best candidates in the other text (id, score),
        from the pairs already scored: by meaning where that pass ran, else by words. The
        pairs are read a part at a time (``PairScores.parts``), each part's best k of a
        sentence kept: the best k of all are among them."""
        import numpy as np

        want_l, want_r = set(only_left), set(only_right)
        vetoed = None
        if self.scores.vetoed:
            vetoed = np.fromiter({x * self.scores.m + y for x, y in self.scores.vetoed}, dtype=np.int64)
        cosines = self._closest_cosines(want_l, want_r)
        best: dict[str, list] = {"left": [], "right": []}
        for a, b, s in self.scores.parts(want_l, want_r):  # the meaning pass scored its pairs here too
            a, b, s = self._closest_scores(a, b, s, vetoed, cosines)
            best["left"].append(_top(a, b, s, want_l, len(self.L), k))
            best["right"].append(_top(b, a, s, want_r, len(self.R), k))
        out = {}
        for side, want, size in (("left", want_l, len(self.L)), ("right", want_r, len(self.R))):
            me, other, s = (np.concatenate(column) for column in zip(*best[side])) if best[side] else ((),) * 3
            out[side] = _best_of(np.asarray(me, dtype=np.int64), np.asarray(other, dtype=np.int64),
                                 np.asarray(s, dtype=np.float64), want, size, k)
        return out

    def _closest_scores(self, a, b, s, vetoed, cosines):
        """``closest``'s scores of the pairs (a[i], b[i]) scored s[i] by words: as the meaning
        pass scores them, without its vetoes (the reader decides), those above 0 only."""
        import numpy as np

        s = s.copy()  # a part may be the scores' own array
        codes = a * self.scores.m + b
        if vetoed is not None:
            for i in np.flatnonzero(np.isin(codes, vetoed)).tolist():
                s[i] = overlap(self.L[int(a[i])], self.R[int(b[i])], self.wl[int(a[i])], self.wr[int(b[i])]).dice
        if cosines is not None:
            known, values = cosines
            at = np.minimum(np.searchsorted(known, codes), len(known) - 1)
            hit = known[at] == codes
            w = self.p.meaning_weight
            s[hit] = (1 - w) * s[hit] + w * values[at[hit]]
        s = np.minimum(s, 1.0)  # rounding can take the cosine of a sentence with itself past 1
        return a[s > 0], b[s > 0], s[s > 0]

    def _closest_cosines(self, want_l: set[int], want_r: set[int]):
        """The cosines of the pairs the meaning pass scored that hold an unlinked sentence, as
        (sorted codes a * m + b, cosines); None where that pass did not run. That pass kept
        them, except for the pairs it vetoed (cosine 0): those are worked out again, the
        sentence vectors asked for 4,096 pairs at a time."""
        import numpy as np

        ms = self.meaning_scores
        if not len(ms) or self._vectors is None or self.meaning is None:
            return None
        chosen = _members(ms.left, want_l, len(self.L)) | _members(ms.right, want_r, len(self.R))
        if not chosen.any():
            return None
        a, b = ms.left[chosen].astype(np.int64), ms.right[chosen].astype(np.int64)
        cos = ms.cos[chosen]
        again = np.flatnonzero(cos == 0.0)
        for lo in range(0, len(again), 4096):
            ids = again[lo : lo + 4096]
            lefts, rights = a[ids].tolist(), b[ids].tolist()
            self._vectors = self.meaning(set(lefts), set(rights))
            if self._vectors is None:
                return None
            left, right = self._vectors
            cos[ids] = _dots(left.rows(lefts), right.rows(rights))
        codes = a * self.scores.m + b
        order = np.argsort(codes)
        return codes[order], cos[order]

    # Told the links found by words (and whether the texts keep one order) before the meaning
    # pass: the engine starts judging them meanwhile (the links change afterwards: it copies them).
    before_meaning: Callable[[list[RawLink], bool], None] | None = None

    def run(self) -> list[RawLink]:
        self.scored_candidates()
        self.tidy()
        links = self.anchors(self.identical())
        self.tidy()
        links = self.drop_stray_anchors(links)
        links = self.fill_gaps(links)
        links = self.quote_pass(links)
        if self.before_meaning is not None:
            self.before_meaning(links, self.in_order)
        links = self.meaning_pass(links)
        self.tidy()
        links = self.merge_neighbours(links)
        links = self.attach_headings(links)
        links.sort(key=lambda lk: (lk.left[0], lk.right[0]))
        return links


def linked_ids(links: list[RawLink], n: int, m: int) -> tuple[IdSet, IdSet]:
    """The left sentences (of ``n``) and the right ones (of ``m``) in one of ``links``."""
    return IdSet(mask=_marked(links, True, n)), IdSet(mask=_marked(links, False, m))


def _expected(ids: list[int], mine: np.ndarray, theirs: np.ndarray, size: int) -> list[int]:
    """Where each of ``ids`` (sentences of one side) should find its partner among ``size``: as
    far past the partner of the nearest linked sentence before it as it is past that sentence
    (``mine[k]`` linked with ``theirs[k]``, the first sentence of each side of a link), else
    as far into the other text as it is into its own (by the number of links)."""
    import numpy as np

    if not ids:
        return []
    order = np.lexsort((theirs, mine))
    mine, theirs = mine[order], theirs[order]
    at = np.array(ids, dtype=np.int64)
    k = np.searchsorted(mine, at, side="left") - 1
    before = np.maximum(k, 0)
    found = (theirs[before] + at - mine[before]).tolist() if len(mine) else [0] * len(ids)
    return [f if ok else i * size // max(1, len(mine)) for i, f, ok in zip(ids, found, (k >= 0).tolist())]


def _marked(links: list[RawLink], left: bool, size: int) -> bytearray:
    """A byte per sentence of a side, 1 for those in one of ``links``."""
    mask = bytearray(size)
    for lk in links:
        for i in lk.left if left else lk.right:
            mask[i] = 1
    return mask


def _members(ids, members: set[int] | IdSet, size: int):
    """For each id (a numpy array), whether it is in ``members``."""
    import numpy as np

    if isinstance(members, IdSet):
        return members.mask(size)[ids]
    mask = np.zeros(size, dtype=bool)
    mask[list(members)] = True
    return mask[ids]


def _best_of(me, other, s, want: set[int], size: int, k: int) -> dict[int, list[tuple[int, float]]]:
    """For each sentence of ``want`` among ``me``, its best k partners (other id, score) among
    the pairs (me[i], other[i]) scored s[i]: highest score first, then lowest id."""
    out: dict[int, list[tuple[int, float]]] = {}
    for i, j, x in zip(*(column.tolist() for column in _top(me, other, s, want, size, k))):
        out.setdefault(i, []).append((j, x))
    return out


def _top(me, other, s, want: set[int], size: int, k: int):
    """``_best_of``'s pairs as arrays (me, other, s): by ``me``, then best first."""
    import numpy as np

    chosen = _members(me, want, size)
    me, other, s = me[chosen], other[chosen], s[chosen]
    order = np.lexsort((other, -s, me))
    me, other, s = me[order], other[order], s[order]
    first = np.ones(len(me), dtype=bool)
    first[1:] = me[1:] != me[:-1]
    place = np.arange(len(me))
    place -= np.maximum.accumulate(np.where(first, place, 0))
    top = place < k
    return me[top], other[top], s[top]


def _dots(left, right):
    """The dot product of each row of ``left`` with the same row of ``right``: the same floats
    as ``left[i] @ right[i]`` one row at a time (numpy hands a vector @ vector product to the
    same BLAS dot in a stack of them), without a Python loop."""
    return (left[:, None, :] @ right[:, :, None]).ravel()


def _lower_bounds(values, lo, hi, targets):
    """For each i, where ``targets[i]`` would go in the ascending run values[lo[i]:hi[i]]
    (``searchsorted``'s left side, as an index into ``values``): a bisection of all at once."""
    import numpy as np

    lo, hi = lo.copy(), hi.copy()
    last = len(values) - 1
    while True:
        open_ = lo < hi
        if not open_.any():
            return lo
        mid = (lo + hi) // 2
        right = open_ & (values[np.minimum(mid, last)] < targets)
        lo = np.where(right, mid + 1, lo)
        hi = np.where(open_ & ~right, mid, hi)


def _pair_in_order(lefts: list[int], rights: list[int], n: int, m: int, cap: int = 64) -> list[tuple[int, int]]:
    """Pair the copies of one unit on both sides, keeping their order; with unequal counts,
    the copies whose places in their texts are closest (a small alignment, capped)."""
    if len(lefts) == len(rights):
        return list(zip(lefts, rights))
    if len(lefts) > cap or len(rights) > cap:
        return []
    cost = [[abs(a / n - b / m) for b in rights] for a in lefts]
    # best[i][j]: least cost pairing min(i, j) copies among the first i left and j right ones.
    short = min(len(lefts), len(rights))
    inf = float("inf")
    best = [[inf] * (len(rights) + 1) for _ in range(len(lefts) + 1)]
    for i in range(len(lefts) + 1):
        for j in range(len(rights) + 1):
            if min(i, j) == 0:
                best[i][j] = 0.0
                continue
            options = [best[i - 1][j - 1] + cost[i - 1][j - 1]]
            if i > j:
                options.append(best[i - 1][j])
            if j > i:
                options.append(best[i][j - 1])
            best[i][j] = min(options)
    out = []
    i, j = len(lefts), len(rights)
    while i and j and len(out) < short:
        if i > j and best[i][j] == best[i - 1][j]:
            i -= 1
        elif j > i and best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            out.append((lefts[i - 1], rights[j - 1]))
            i, j = i - 1, j - 1
    return out[::-1]


def _increasing(order: list[RawLink]) -> set[int]:
    """Indices of a heaviest chain of links whose right side increases with the left side."""
    import bisect

    # Patience-style longest increasing subsequence on right indices (O(n log n)); ties in
    # weight do not matter much here, length is a good proxy for a mostly monotone text.
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(order)
    for i, lk in enumerate(order):
        r = lk.right[0]
        k = bisect.bisect_left(tails, r)
        if k == len(tails):
            tails.append(r)
            tails_idx.append(i)
        else:
            tails[k] = r
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k > 0 else -1
    out: set[int] = set()
    i = tails_idx[-1] if tails_idx else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out
