"""Both documents read and weighed, ready to align and to judge any pair of sentence groups
(the engine's links, or a link the user makes).

Built from the two readings (``tokens.read``): the keys both texts spell nearly alike unified,
each sentence's bag of content keys (``similarity.Bags``), IDF weights, the names (keys written
capitalised mid-sentence and never in lower case), and the groups of units written alike on
both sides, all worked out on the readings' arrays. What is worked out per sentence on demand
(its purposes, its words, its meaning vector) is kept for the most recent few thousand.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from .align import AlignParams, Aligner
from .claims import ClaimParams, PairContext, judge
from .model import Document, Link, Sentences
from .meaning import load_model
from .normalise import Token, Tokenizer
from .quoted import quoted_bag, shared_quotes
from .purpose import Purpose, different_purposes, lower_words, purposes
from .refer_back import refers_back
from .similarity import Bags, idf_of_counts, overlap, spelling_aliases, union
from .tokens import CONTENT, LOWER, NUMBER, UPPER, Reading, Tokens

NEAR = 2  # sentences either side of a link whose words count as "told nearby"
RECENT = 4096  # per-sentence results kept (purposes, words, vectors) per side
# Sentences whose tokens made again are kept per side (about 150 bytes a token): what is worked
# out of them (purposes, words, vectors) is kept for more. At 10 MB, 384 against 1,024 took the
# same CPU time to align and judge and 6 MiB less memory.
TOKENS_KEPT = 384
# Lists of word vectors kept for the purpose veto (1 KB a word, a dozen words a list).
WORD_LISTS_KEPT = 256
# Texts of this many characters together keep their links packed (``Link.compact``: a few
# hundred bytes less a link, a microsecond or so more to make); shorter ones, a few hundred links
# at most, keep them as made.
COMPACT_LINKS_CHARS = 100_000
# Purposes and lower-case words kept for the purpose veto (both sides together, each kind): a
# book made of several keeps fewer (the veto asks of sentences near one place in the texts; at
# 10 MB a quarter as many made about 10,000 more of each again, 4% more CPU time aligning).
VETO_KEPT = {True: 2 * RECENT, False: 2048}
# Sentence vectors (1 KB each) kept per side, in units of RECENT: texts of a usual size (whose
# tokens are kept) keep more, a book made of several keeps fewer (half of RECENT: at 10 MB the
# meaning pass makes them in the same CPU time as with twice as many, in 5 MiB less).
VECTORS_KEPT = {True: 4, False: 0.5}
# Pairs whose claim vectors (``claim_cosines``, 2 KB a pair) are made at a time.
CLAIM_CHUNK = 1024
# Arrays of up to this many key ids are made distinct through a dict (``_distinct``).
SHORT_KEYS = 20_000
# Up to this many units (both sides) ``_exact_groups`` holds every unit's keys at once; beyond,
# it hashes them and makes again only those of the units whose hash the other side has too.
EXACT_HELD = 20_000
_HASH_BASE = 0x9E3779B97F4A7C15  # (odd: its powers never wrap around to 0)


@dataclass(slots=True)
class Options:
    align: AlignParams = field(default_factory=AlignParams)
    claims: ClaimParams = field(default_factory=ClaimParams)


class PreparedPair:
    """Both documents read and weighed (see the module)."""

    def __init__(self, left: Document, right: Document, options: Options | None,
                 readings: tuple[Reading, Reading], tokenizer: Tokenizer) -> None:
        self.left, self.right = left, right
        self.options = options or Options()
        lr, rr = readings
        ids, lkeys, rkeys = _merged(lr, rr)
        vocab = list(ids)
        aliases = spelling_aliases(_content_keys(lkeys, lr.flags, vocab), _content_keys(rkeys, rr.flags, vocab))
        if aliases:
            before, rkeys = rkeys, _renamed(rkeys, aliases, ids)
            if rr.kept is not None:
                _rename_kept(rr.kept, before, rkeys, np.frombuffer(rr.starts, dtype=np.int64), aliases)
        self.ltoks = Tokens(left, tokenizer, lr.kept, None, None if lr.keep_made else TOKENS_KEPT)
        self.rtoks = Tokens(right, tokenizer, rr.kept, aliases, None if rr.keep_made else TOKENS_KEPT,
                            None if rr.packed is None else (rr.packed, rr.starts))
        lstarts, rstarts = np.frombuffer(lr.starts, dtype=np.int64), np.frombuffer(rr.starts, dtype=np.int64)
        lflags, rflags = np.frombuffer(lr.flags, dtype=np.uint8), np.frombuffer(rr.flags, dtype=np.uint8)
        lb, rb = _bag_ids(lkeys, lflags, lstarts, len(vocab)), _bag_ids(rkeys, rflags, rstarts, len(vocab))
        df = np.bincount(lb[0], minlength=len(vocab)) + np.bincount(rb[0], minlength=len(vocab))
        weights = idf_of_counts(df, len(lstarts) + len(rstarts) - 2)
        self.lbags, self.rbags = Bags(*lb, vocab, weights), Bags(*rb, vocab, weights)
        self.idf = dict(zip(vocab, weights.tolist()))
        self.names = _names(((lkeys, lflags, lstarts), (rkeys, rflags, rstarts)), vocab)
        self.exact_groups = self._exact_groups((lkeys, lstarts), (rkeys, rstarts), ids)
        del ids
        self.purposeful = (lr.purposeful, rr.purposeful)
        # The purposes the first pass found, where it kept the tokens (keys renamed as above).
        self._stated = (lr.stated, _renamed_purposes(rr.stated, aliases))
        self.ctx = PairContext(left.text, right.text, self.idf, self.names, self.options.claims,
                               quotes_both=_marks_quotes(left.text) and _marks_quotes(right.text))
        self._recent: dict[str, dict] = {"purposes": {}, "words": {}, "vectors": {}}
        self._vectors_kept = VECTORS_KEPT[lr.kept is not None]
        self._veto_kept = VETO_KEPT[lr.kept is not None]
        self._words: dict[str, str] = {}
        self._compact = len(left.text) + len(right.text) >= COMPACT_LINKS_CHARS

    def aligner(self) -> Aligner:
        (lskip, lpass, lheads, lasks, lrefers), (rskip, rpass, rheads, rasks, rrefers) = (
            _unit_kinds(self.left), _unit_kinds(self.right))
        aligner = Aligner(self.lbags, self.rbags, self.options.align, lskip, rskip, lpass, rpass)
        aligner.left_headlines, aligner.right_headlines = lheads, rheads
        aligner.left_names = aligner.right_names = self.names
        aligner.left_questions, aligner.right_questions = lasks, rasks
        aligner.refers_back = (lrefers, rrefers)
        aligner.meaning = self.sentence_vectors
        aligner.claim_meaning = self.claim_cosines
        if self._vectors_kept < 1:  # a large text: its sentence vectors are made again when asked
            aligner.scored_by_meaning = self.forget_sentence_vectors
        aligner.quoted = self.quoted_pairs
        aligner.veto = self.different_events
        aligner.expect_veto = self.expect_events
        aligner.veto_sides = ({i for i, p in enumerate(self.purposeful[0]) if p},
                              {j for j, p in enumerate(self.purposeful[1]) if p})
        aligner.exact_groups = self.exact_groups
        return aligner

    # ---- per sentence, on demand --------------------------------------------------------

    def _kept(self, kind: str, side: int, i: int, make):
        cache = self._recent[kind]
        value = cache.get((side, i))
        if value is None:
            if len(cache) >= self._veto_kept:
                cache.clear()
            value = cache[(side, i)] = make()
        return value

    def purposes_of(self, side: int, i: int) -> list:
        stated = self._stated[side]
        if stated is not None:
            return stated.get(i, [])
        doc, toks = (self.left, self.ltoks) if side == 0 else (self.right, self.rtoks)
        return self._kept("purposes", side, i, lambda: purposes(doc.text, toks[i]))

    def _lower_words(self, side: int, i: int) -> list[str]:
        doc, toks = (self.left, self.ltoks) if side == 0 else (self.right, self.rtoks)
        return self._kept("words", side, i, lambda: lower_words(doc.text, toks[i]))

    def different_events(self, a: int, b: int) -> bool:
        """One act told for two purposes on the two sides: two events, never one link."""
        if not self.purposeful[0][a] or not self.purposeful[1][b]:
            return False
        lp, rp = self.purposes_of(0, a), self.purposes_of(1, b)
        if not lp or not rp:
            return False
        model = load_model()
        similarity = None
        if model is not None:
            def similarity(xs: list[str], ys: list[str]) -> float:
                return float((self._word_vectors(model, xs) @ self._word_vectors(model, ys).T).max())
        return different_purposes(lp, self.lbags.keyset(a), partial(self._lower_words, 0, a),
                                  rp, self.rbags.keyset(b), partial(self._lower_words, 1, b), similarity)

    def _word_vectors(self, model, words: list[str]):
        """The model's vectors of these words, a matrix kept for the last ``WORD_LISTS_KEPT`` lists
        asked for: the veto compares a sentence's words with the purposes of each of its
        candidates, one after another."""
        cache = self._recent.setdefault("word vectors", {})
        key = tuple(words)
        found = cache.get(key)
        if found is None:
            if len(cache) >= WORD_LISTS_KEPT:
                cache.clear()
            found = cache[key] = model.word_vectors(words)
        return found

    def expect_events(self, lefts: list[int], rights: list[int]) -> None:
        """Make in one go the word vectors ``different_events`` will compare for these pairs
        (one call of the model for many words costs about what one for a word does)."""
        words: set[str] = set()
        for a, b in set(zip(lefts, rights)):
            if (self.purposeful[0][a] and self.purposeful[1][b]  # as different_events asks
                    and self.purposes_of(0, a) and self.purposes_of(1, b)):
                for side, i in ((0, a), (1, b)):
                    words.update(self._lower_words(side, i))
                    words.update(w for p in self.purposes_of(side, i) for w in p.words)
        model = load_model() if words else None
        if model is not None:
            model.rows(sorted(words))

    def sentence_vectors(self, left_ids=None, right_ids=None):
        """Both sides' sentence vectors as ``(left, right)``, each indexed by sentence id (a
        numpy row), with the rows of the ids asked for made (all when none are named) and kept
        at least until the next call; None without a meaning model."""
        model = load_model()
        if model is None:
            return None
        out = []
        for side, (doc, toks, ids) in enumerate(((self.left, self.ltoks, left_ids), (self.right, self.rtoks, right_ids))):
            rows = self._recent["vectors"].setdefault(side, VectorRows(model.dim))
            todo = sorted(i for i in set(range(len(toks)) if ids is None else ids) if i not in rows)
            if todo:
                if len(rows) + len(todo) > max(RECENT, len(todo)) * self._vectors_kept:
                    rows.clear()
                    todo = sorted(set(range(len(toks)) if ids is None else ids))
                words = [_meant_words(doc.text, toks[i], self.idf) for i in todo]
                rows.add(todo, model.sentence_vectors(words))
            out.append(rows)
        return tuple(out)

    def expect_meaning(self, links) -> None:
        """Make in one go the sentence vectors that the links judged by their meaning will ask
        for (``meaning_of``), each of which would make its own two or three: as many as are kept."""
        meant = [r for r in links if "meaning" in r.how]
        lefts = sorted({i for r in meant for i in r.left})
        rights = sorted({j for r in meant for j in r.right})
        if meant and max(len(lefts), len(rights)) <= RECENT:
            self.sentence_vectors(lefts, rights)

    def forget_sentence_vectors(self) -> None:
        """Let the sentence vectors go (made again when asked)."""
        for rows in self._recent["vectors"].values():
            rows.clear()

    def forget_vectors(self) -> None:
        """Let the sentence vectors go, and what the purpose veto kept (purposes, words, word
        vectors): made again when asked, and judging asks for none of it."""
        self._recent.update(vectors={}, purposes={}, words={})
        self._recent.pop("word vectors", None)

    def forget(self) -> None:
        """Let go of everything worked out per sentence on demand (vectors, purposes, words,
        tokens made again): made again when asked."""
        self._recent = {"purposes": {}, "words": {}, "vectors": {}}
        for toks in (self.ltoks, self.rtoks):
            toks.forget()

    # ---- judging ----------------------------------------------------------------------------

    def judge(self, left: tuple[int, ...], right: tuple[int, ...], score: float | None = None,
              how: str = "user", linked: tuple[set[int], set[int]] | None = None) -> Link:
        """Compare the claims of these sentences (a link, whoever made it). ``linked``: the
        sentences of the engine's other links in texts that do not keep one order; what such a
        neighbour says is its own claim, not told "nearby" for this one."""
        left, right = tuple(sorted(left)), tuple(sorted(right))
        if score is None:
            lbag = union(*(self.lbags[i] for i in left))
            rbag = union(*(self.rbags[j] for j in right))
            score = overlap(lbag, rbag).dice
        lt, ls, lspans = _link_side(self.left, self.ltoks, left)
        rt, rs, rspans = _link_side(self.right, self.rtoks, right)
        link = judge(self.ctx, lt, rt, ls, rs, left, right, score, how,
                     partial(_near, self.lbags, left, linked[0] if linked else _NONE),
                     partial(_near, self.rbags, right, linked[1] if linked else _NONE),
                     lspans, rspans)
        if "meaning" in how:
            cos = self.meaning_of(left, right)
            if cos is not None:
                link.evidence["similar_meaning"] = [f"{cos:.2f}"]
        # The words of a link's evidence the same string objects as the same words of the
        # other links (a book's tens of thousands of links name a few thousand words).
        return link.compact(self._words) if self._compact else link

    def quoted_pairs(self, lefts: list[int], rights: list[int]) -> list[tuple[int, int, float]]:
        """Of these sentences, the pairs that quote the same words (``quoted.shared_quotes``)."""
        if not self.ctx.quotes_both:
            return []
        bags = []
        for doc, toks, ids in ((self.left, self.ltoks, lefts), (self.right, self.rtoks, rights)):
            sents = doc.sentences
            found = {}
            for i in ids:
                s = sents[i]
                said = doc.text[s.start:s.end]
                if '"' in said or "“" in said or "«" in said:
                    bag = quoted_bag(doc.text, s.start, s.end, toks[i], self.idf)
                    if bag:
                        found[i] = bag
            bags.append(found)
        return shared_quotes(bags[0], bags[1]) if bags[0] and bags[1] else []

    def claim_cosines(self, pairs: list[tuple[int, int]]) -> list[float]:
        """For (left id, right id) pairs: the cosine of the two sentences' vectors made of their
        words other than names (0 where a side has no other words); 1.0 for a pair that shares
        no name, which no name can have brought together. Made on demand: the aligner asks
        only about the few pairs it is about to link by meaning."""
        model = load_model()
        out = [1.0] * len(pairs)
        names = self.names
        ask = [k for k, (a, b) in enumerate(pairs) if names & self.lbags.keyset(a) & self.rbags.keyset(b)]
        if model is None:
            return out
        for lo in range(0, len(ask), CLAIM_CHUNK):  # each pair's vectors are its own: chunks change nothing
            part = ask[lo : lo + CLAIM_CHUNK]
            sides = []
            for side, (doc, toks) in enumerate(((self.left, self.ltoks), (self.right, self.rtoks))):
                sides.append(model.sentence_vectors([_meant_words(doc.text, toks[pairs[k][side]], self.idf, names)
                                                     for k in part]))
            for k, cos in zip(part, (sides[0] * sides[1]).sum(axis=1).tolist()):
                out[k] = cos
        return out

    def meaning_of(self, left: tuple[int, ...], right: tuple[int, ...]) -> float | None:
        """Cosine between the two sides' sentence vectors (summed over a side's sentences)."""
        vectors = self.sentence_vectors(left, right)
        if vectors is None:
            return None
        a, b = vectors[0].rows(left).sum(axis=0), vectors[1].rows(right).sum(axis=0)
        na, nb = float((a @ a) ** 0.5), float((b @ b) ** 0.5)
        return float(a @ b) / (na * nb) if na and nb else 0.0

    # ---- units written alike ----------------------------------------------------------------

    def _exact_groups(self, left: tuple, right: tuple, ids: dict[str, int]) -> list[tuple[list[int], list[int]]]:
        """Units written alike on both sides: the keys of all their words are equal (a dateline's
        without its agency, so "WASHINGTON (AP) —" and "WASHINGTON —" are one place). Groups in
        the order of their first unit on the left. Each unit's keys are hashed, and made again
        for the units whose hash the other side has too (never all held at once)."""
        sides = ((self.left, self.ltoks, left), (self.right, self.rtoks, right))
        if len(self.left.sentences) + len(self.right.sentences) <= EXACT_HELD:
            return _groups_of([list(self._exact_keys(doc, toks, keys, starts, ids)) for doc, toks, (keys, starts) in sides])
        hashes = [self._unit_hashes(doc, toks, keys, starts, ids) for doc, toks, (keys, starts) in sides]
        worded = [hs[has] for hs, has in hashes]
        shared = worded[0][_among(worded[0], worded[1])]
        where: dict[bytes, tuple[list[int], list[int]]] = {}
        for side, ((doc, toks, (keys, starts)), (hs, has)) in enumerate(zip(sides, hashes)):
            chosen = np.flatnonzero(has & _among(hs, shared)).tolist()
            for i, key in zip(chosen, self._exact_keys(doc, toks, keys, starts, ids, chosen)):
                where.setdefault(key, ([], []))[side].append(i)
        return [(lefts, rights) for lefts, rights in where.values() if lefts and rights]

    def _unit_hashes(self, doc: Document, toks: Tokens, keys, starts, ids: dict[str, int]):
        """A hash of each unit's ``_exact_keys`` (64 bits; units with equal keys hash alike),
        and whether the unit has any. Worked out for all the units at once from the key ids, as
        a polynomial in each unit's keys; a dateline's from the keys made for it."""
        sizes = np.diff(starts)
        has = sizes > 0
        count = int(starts[-1] - starts[0])
        place = np.arange(count, dtype=np.int64) - np.repeat(starts[:-1] - starts[0], sizes)
        powers = np.cumprod(np.full(max(1, int(sizes.max(initial=0))), _HASH_BASE, dtype=np.uint64))
        terms = (keys[starts[0] : starts[-1]].astype(np.uint64) + np.uint64(1)) * powers[place]
        running = np.zeros(count + 1, dtype=np.uint64)
        np.cumsum(terms, out=running[1:])  # (sums and differences wrap around 2**64, alike on both sides)
        hashes = (running[starts[1:] - starts[0]] - running[starts[:-1] - starts[0]]) ^ sizes.astype(np.uint64)
        hashes = hashes.view(np.int64)
        sentences = doc.sentences
        dates = (sentences.ids_of_kind("dateline") if isinstance(sentences, Sentences)
                 else [i for i, s in enumerate(sentences) if s.kind == "dateline"])
        for i, key in zip(dates, self._exact_keys(doc, toks, keys, starts, ids, dates)):
            has[i] = key is not None
            hashes[i] = hash(key)
        return hashes, has

    def _exact_keys(self, doc: Document, toks: Tokens, keys, starts, ids: dict[str, int],
                    which: list[int] | None = None) -> Iterator[bytes | None]:
        """The keys of these units (all when None) as bytes (None for a unit without words)."""
        sentences = doc.sentences
        # Read through memoryviews: a Python int per start and a bytes slice per unit, where
        # numpy would make a scalar and an array for each.
        starts, key_bytes, size = memoryview(starts), memoryview(keys).cast("B"), keys.itemsize
        for i in range(len(sentences)) if which is None else which:
            s = sentences[i]
            if s.kind == "dateline":
                cut = doc.text.find("(", s.start, s.end)
                end = cut if cut >= 0 else s.end
                row = np.array([ids[t.key] for t in toks[i] if t.end <= end], dtype=np.int32)
                yield b"D" + row.tobytes() if len(row) else None
            else:
                a, b = starts[i], starts[i + 1]
                yield b"S" + key_bytes[a * size : b * size] if b > a else None


class VectorRows:
    """Sentence vectors by sentence id: rows of one growing float32 matrix."""

    def __init__(self, dim: int) -> None:
        self._row: dict[int, int] = {}
        self._matrix = np.zeros((0, dim), np.float32)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, i: object) -> bool:
        return i in self._row

    def clear(self) -> None:
        """Forget every row and let the matrix go (it grows again as rows are added)."""
        self._row.clear()
        self._matrix = np.zeros((0, self._matrix.shape[1]), np.float32)

    def add(self, ids: list[int], vectors) -> None:
        start = len(self._row)
        if start + len(ids) > len(self._matrix):
            # Twice as large, so the rows copied over all the growing are about as many as those
            # kept (a quarter larger copied several times as many, the meaning pass adding a
            # book's rows in runs). The rows not used yet are zeros never touched: no memory
            # where the matrix is mapped on its own, as a large one is.
            grown = np.zeros((max(1024, start + len(ids), len(self._matrix) * 2), self._matrix.shape[1]), np.float32)
            grown[:start] = self._matrix[:start]
            self._matrix = grown
        self._matrix[start : start + len(ids)] = vectors
        for k, i in enumerate(ids):
            self._row[i] = start + k

    def __getitem__(self, i: int):
        return self._matrix[self._row[i]]

    def rows(self, ids) -> "np.ndarray":
        return self._matrix[[self._row[i] for i in ids]]


# ---- the readings' arrays --------------------------------------------------------------------

def _merged(lr: Reading, rr: Reading) -> tuple[dict[str, int], "np.ndarray", "np.ndarray"]:
    """One vocabulary for both readings (key -> id, the left one's ids first), and their key ids in it."""
    ids = dict(zip(lr.vocab, range(len(lr.vocab))))
    add = ids.setdefault
    table = np.array([add(k, len(ids)) for k in rr.vocab], dtype=np.int32)
    lkeys = np.frombuffer(lr.keys, dtype=np.int32)
    rkeys = table[np.frombuffer(rr.keys, dtype=np.int32)] if len(rr.keys) else np.zeros(0, np.int32)
    return ids, lkeys, rkeys


def _groups_of(keys: list[list[bytes | None]]) -> list[tuple[list[int], list[int]]]:
    """``_exact_groups`` from every unit's keys held at once (``keys[side][i]``)."""
    common = set(keys[0]).intersection(keys[1])
    common.discard(None)
    where: dict[bytes, tuple[list[int], list[int]]] = {}
    for side, units in enumerate(keys):
        for i, key in enumerate(units):
            if key in common:
                where.setdefault(key, ([], []))[side].append(i)
    return list(where.values())


def _content_keys(keys, flags: bytearray, vocab: list[str]) -> set[str]:
    """The content keys that are not numbers, as ``unify_spellings`` collects them (in token
    order, so the set iterates as it does there)."""
    f = np.frombuffer(flags, dtype=np.uint8)
    chosen = keys[((f & CONTENT) != 0) & ((f & NUMBER) == 0)]
    return {vocab[k] for k in _distinct(chosen)}


def _distinct(keys: "np.ndarray") -> list[int]:
    """The keys once each, in the order they first appear: what a set or dict built from all of
    them sees (a key met again changes neither). Up to ``SHORT_KEYS`` of them through a dict;
    beyond, without a Python list of all of them: each key id's first place, found in one pass
    (no sort of all the keys, whose cost grew faster than the text), and the keys at those
    places in order."""
    if len(keys) <= SHORT_KEYS or not len(keys):
        return list(dict.fromkeys(keys.tolist()))
    first = np.full(int(keys.max()) + 1, len(keys), dtype=np.int64)
    np.minimum.at(first, keys, np.arange(len(keys), dtype=np.int64))
    return keys[np.sort(first[first < len(keys)])].tolist()


def _renamed_purposes(stated: dict[int, list[Purpose]] | None, aliases: dict[str, str]) -> dict[int, list[Purpose]] | None:
    """Purposes with their keys renamed by ``aliases`` (the "to" a purpose starts with is no
    content word, so no alias renames it: the same purposes the renamed tokens state)."""
    if not stated or not aliases:
        return stated
    return {i: [p if p.keys.isdisjoint(aliases) else Purpose(frozenset(aliases.get(k, k) for k in p.keys), p.words)
                for p in found]
            for i, found in stated.items()}


def _renamed(keys, aliases: dict[str, str], ids: dict[str, int]):
    table = np.arange(len(ids), dtype=np.int32)
    for old, new in aliases.items():
        table[ids[old]] = ids[new]
    return table[keys]


def _rename_kept(kept: list[list], before, after, starts, aliases: dict[str, str]) -> None:
    """Rename the kept tokens whose key ids ``_renamed`` changed (``before`` -> ``after``, a
    token's id where ``starts`` says its sentence's tokens begin)."""
    at = np.flatnonzero(before != after)
    for p, i in zip(at.tolist(), (np.searchsorted(starts, at, side="right") - 1).tolist()):
        t = kept[i][p - int(starts[i])]
        t.key = aliases[t.key]


def _bag_ids(keys, flags, starts, size: int) -> tuple["np.ndarray", "np.ndarray"]:
    """Each sentence's content key ids, sorted and once each: (ids, starts) as ``Bags`` wants."""
    n = len(starts) - 1
    sentence = np.repeat(np.arange(n, dtype=np.int32 if n < 2**31 else np.int64), np.diff(starts))
    content = (flags & CONTENT) != 0
    codes = sentence[content].astype(np.int64)
    del sentence
    codes *= size
    codes += keys[content]
    # The codes come sentence by sentence: a stable sort (a merge sort that finds runs in
    # order) has only each sentence's few keys to put in order, where quicksort sorted them all.
    codes.sort(kind="stable")
    codes = codes[_first_of_runs(codes)]  # np.unique(codes), without importing numpy.ma
    out = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(codes // size, minlength=n), out=out[1:])
    return (codes % size).astype(np.int32), out


def _among(values: "np.ndarray", pool: "np.ndarray") -> "np.ndarray":
    """``np.isin(values, pool)``, by a binary search in the sorted pool (np.isin of values this
    spread, like np.unique and np.intersect1d, imports numpy.ma: 20 ms of a short report)."""
    if not len(pool):
        return np.zeros(len(values), dtype=bool)
    pool = np.sort(pool)
    at = np.searchsorted(pool, values)
    at[at == len(pool)] = 0
    return pool[at] == values


def _first_of_runs(ordered: "np.ndarray") -> "np.ndarray":
    """True where a value of a sorted array differs from the one before it."""
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def _names(sides, vocab: list[str]) -> set[str]:
    """Keys written with a capital in mid-sentence and never in lower case: names. Scripts
    without letter case (Hebrew, Arabic, Devanagari ...) have none: there a name is no signal.
    A sentence's first token is not mid-sentence, whatever it is."""
    capital: set[int] = set()
    lower: set[int] = set()
    for keys, flags, starts in sides:
        first = np.zeros(len(keys), dtype=bool)
        heads = starts[:-1][np.diff(starts) > 0]
        first[heads] = True
        word = ((flags & CONTENT) != 0) & ((flags & NUMBER) == 0)
        lower.update(_distinct(keys[word & ((flags & LOWER) != 0)]))
        capital.update(_distinct(keys[word & ((flags & LOWER) == 0) & ((flags & UPPER) != 0) & ~first]))
    return {vocab[k] for k in capital - lower}


def _meant_words(text: str, tokens: list[Token], idf: dict[str, float],
                 left_out: Container[str] | None = None) -> list[tuple[str, float]]:
    """A sentence's content words (but those keyed in ``left_out``) as the meaning model weighs
    them: each as written, lower-cased, with its key's IDF weight. A token's ``low`` is its text
    lower-cased, but for a token merged of several words (``low`` joins them with a space, where
    the text may have another gap): only those, and a token made without ``low``, are read
    from the text."""
    get, left_out = idf.get, left_out or ()
    return [((low if (low := t.low) and " " not in low else text[t.start : t.end].lower()), get(t.key, 1.0))
            for t in tokens if t.content and t.key not in left_out]


def _link_side(doc: Document, toks: Tokens, ids: tuple[int, ...]) -> tuple[list[Token], set[int], list[tuple[int, int]]]:
    """One side of a link: its sentences' tokens (a list of its own), where their first words
    may begin (``_starts``), and their spans."""
    sentences = doc.sentences
    if len(ids) == 1:  # most links
        s = sentences[ids[0]]
        return list(toks[ids[0]]), _starts(doc.text, s.start), [(s.start, s.end)]
    spans = [sentences[i].span for i in ids]
    return ([t for i in ids for t in toks[i]], set().union(*(_starts(doc.text, a) for a, _ in spans)), spans)


def _unit_kinds(doc: Document) -> tuple[set[int], set[int], set[int], set[int], set[int]]:
    """A text's units the aligner treats apart, in one pass: datelines (never linked), subheads
    and headlines (a merge steps over them), headlines, questions (a "?" before any closing
    quotes), and sentences that open by pointing back (``refers_back``)."""
    text = doc.text
    datelines: set[int] = set()
    heads: set[int] = set()
    headlines: set[int] = set()
    asks: set[int] = set()
    refers: set[int] = set()
    for s in doc.sentences:
        kind, i = s.kind, s.id
        if kind == "dateline":
            datelines.add(i)
        elif kind == "headline" or kind == "subhead":
            heads.add(i)
            if kind == "headline":
                headlines.add(i)
        # (a question's "?" is last but for closing quotes and spaces)
        last = text[s.end - 1] if s.end > s.start else ""
        if last == "?" or (last in _CLOSING and text[s.start : s.end].rstrip(_CLOSING).endswith("?")):
            asks.add(i)
        if refers_back(text, s.start, s.end):
            refers.add(i)
    return datelines, heads, headlines, asks, refers


_CLOSING = "\"”’' "


def _near(bags: Bags, ids: tuple[int, ...], linked: set[int]) -> set[str]:
    """Keys of the sentences around a link that are not in another link: there an edit may
    have moved a clause of this claim."""
    lo, hi = max(0, ids[0] - NEAR), min(len(bags), ids[-1] + NEAR + 1)
    out: set[str] = set()
    for i in range(lo, hi):
        if i not in ids and i not in linked:
            out |= bags.keyset(i)
    return out


_NONE: frozenset[int] = frozenset()


def _marks_quotes(text: str) -> bool:
    return any(q in text for q in ("\"", "“", "”", "«", "„"))


def _starts(text: str, start: int) -> set[int]:
    """Offsets where a sentence's first word may begin (after opening quotes or brackets)."""
    out = {start}
    i = start
    while i < len(text) and text[i] in "\"“‘'([«—–- ":
        i += 1
        out.add(i)
    return out
