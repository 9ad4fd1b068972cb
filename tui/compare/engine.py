"""The pipeline: load → segment → normalise → align → compare claims → ``Comparison``."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from .align import AlignParams, Aligner
from .claims import ClaimParams, PairContext, judge
from .load import load_document
from .judging import judge_links
from .model import Comparison, Document, Link
from .normalise import Tokenizer
from .prepare import read_both, segment_document, tokenize
from .purpose import different_purposes, lower_words, purposes
from .similarity import Bags, bag_ids, build_bags, idf_of_ids, idf_weights, overlap, union, unify_spellings, weigh


@dataclass(slots=True)
class Options:
    align: AlignParams = field(default_factory=AlignParams)
    claims: ClaimParams = field(default_factory=ClaimParams)


class PreparedPair:
    """Both documents segmented and normalised, ready to align and to judge any pair of
    sentence groups (the engine's links, or a link the user makes)."""

    def __init__(self, left: Document, right: Document, options: Options | None = None,
                 tokens: tuple[list, list] | None = None) -> None:
        self.left, self.right = left, right
        self.options = options or Options()
        self.ltoks, self.rtoks = tokens or tokenize(left, right)
        unify_spellings(self.ltoks, self.rtoks)
        lids, rids, vocab = bag_ids(self.ltoks, self.rtoks)
        weights = idf_of_ids(lids, rids, len(vocab))
        self.lbags, self.rbags = Bags.of(lids, vocab, weights), Bags.of(rids, vocab, weights)
        self.idf = dict(zip(vocab, weights.tolist()))
        self.names = proper_keys((left, self.ltoks), (right, self.rtoks))
        self.ctx = PairContext(left.text, right.text, self.idf, self.names, self.options.claims,
                               quotes_both=_marks_quotes(left.text) and _marks_quotes(right.text))
        self._vectors = None
        self._purposes: tuple[list, list] | None = None
        self._word_matrices: dict[tuple[str, ...], object] = {}
        self._sentence_words: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})
        self.lstarts = [_starts(left.text, s.start) for s in left.sentences]
        self.rstarts = [_starts(right.text, s.start) for s in right.sentences]

    def aligner(self) -> Aligner:
        left, right = self.left.sentences, self.right.sentences
        aligner = Aligner(
            self.lbags, self.rbags, self.options.align,
            {s.id for s in left if s.kind == "dateline"}, {s.id for s in right if s.kind == "dateline"},
            {s.id for s in left if s.kind in ("subhead", "headline")},
            {s.id for s in right if s.kind in ("subhead", "headline")},
        )
        aligner.left_headlines = {s.id for s in left if s.kind == "headline"}
        aligner.right_headlines = {s.id for s in right if s.kind == "headline"}
        aligner.left_names = aligner.right_names = self.names
        aligner.left_questions = {s.id for s in left if self.left.text[s.start:s.end].rstrip("\"”’' ").endswith("?")}
        aligner.right_questions = {s.id for s in right if self.right.text[s.start:s.end].rstrip("\"”’' ").endswith("?")}
        aligner.meaning = self.sentence_vectors
        aligner.veto = self.different_events
        lp, rp = self.purposes()
        aligner.veto_sides = ({i for i, p in enumerate(lp) if p}, {j for j, p in enumerate(rp) if p})
        aligner.left_exact = [_exact_key(self.left, s, t) for s, t in zip(left, self.ltoks)]
        aligner.right_exact = [_exact_key(self.right, s, t) for s, t in zip(right, self.rtoks)]
        return aligner

    def purposes(self) -> tuple[list, list]:
        """The purpose clauses of every sentence of both sides."""
        if self._purposes is None:
            self._purposes = ([purposes(self.left.text, t) for t in self.ltoks],
                              [purposes(self.right.text, t) for t in self.rtoks])
        return self._purposes

    def different_events(self, a: int, b: int) -> bool:
        """One act told for two purposes on the two sides: two events, never one link."""
        lp, rp = self.purposes()[0][a], self._purposes[1][b]
        if not lp or not rp:
            return False
        from .meaning import load_model

        model = load_model()
        similarity = None
        if model is not None:
            matrices = self._word_matrices

            def matrix(words: list[str]):
                key = tuple(words)
                m = matrices.get(key)
                if m is None:
                    m = matrices[key] = model.word_vectors(words)
                return m

            def similarity(xs: list[str], ys: list[str]) -> float:
                return float((matrix(xs) @ matrix(ys).T).max())
        return different_purposes(lp, self.lbags.keyset(a), self._lower_words(0, a),
                                  rp, self.rbags.keyset(b), self._lower_words(1, b), similarity)

    def _lower_words(self, side: int, i: int) -> list[str]:
        words = self._sentence_words[side].get(i)
        if words is None:
            doc, toks = (self.left, self.ltoks) if side == 0 else (self.right, self.rtoks)
            words = self._sentence_words[side][i] = lower_words(doc.text, toks[i])
        return words

    def sentence_vectors(self, left_ids=None, right_ids=None):
        """Both sides' sentence vectors (numpy arrays, one row per sentence), with the rows of
        the ids asked for computed (all when none are named); None without a model."""
        from .meaning import load_model

        model = load_model()
        if model is None:
            return None
        import numpy as np

        if self._vectors is None:
            self._vectors = (np.zeros((len(self.ltoks), model.dim), np.float32),
                             np.zeros((len(self.rtoks), model.dim), np.float32))
            self._vector_rows: tuple[set[int], set[int]] = (set(), set())
        for k, (doc, toks, ids) in enumerate(((self.left, self.ltoks, left_ids), (self.right, self.rtoks, right_ids))):
            todo = sorted(set(range(len(toks)) if ids is None else ids) - self._vector_rows[k])
            if todo:
                words = [[(doc.text[t.start:t.end].lower(), self.idf.get(t.key, 1.0)) for t in toks[i] if t.content]
                         for i in todo]
                self._vectors[k][todo] = model.sentence_vectors(words)
                self._vector_rows[k].update(todo)
        return self._vectors

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
        lt = [t for i in left for t in self.ltoks[i]]
        rt = [t for j in right for t in self.rtoks[j]]
        ls = set().union(*(self.lstarts[i] for i in left))
        rs = set().union(*(self.rstarts[j] for j in right))
        lspans = [self.left.sentences[i].span for i in left]
        rspans = [self.right.sentences[j].span for j in right]
        link = judge(self.ctx, lt, rt, ls, rs, left, right, score, how,
                     _near(self.lbags, left, linked[0] if linked else set()),
                     _near(self.rbags, right, linked[1] if linked else set()),
                     lspans, rspans)
        if "meaning" in how:
            cos = self.meaning_of(left, right)
            if cos is not None:
                link.evidence["similar_meaning"] = [f"{cos:.2f}"]
        return link

    def meaning_of(self, left: tuple[int, ...], right: tuple[int, ...]) -> float | None:
        """Cosine between the two sides' sentence vectors (summed over a side's sentences)."""
        vectors = self.sentence_vectors(left, right)
        if vectors is None:
            return None
        a, b = vectors[0][list(left)].sum(axis=0), vectors[1][list(right)].sum(axis=0)
        na, nb = float((a @ a) ** 0.5), float((b @ b) ** 0.5)
        return float(a @ b) / (na * nb) if na and nb else 0.0


def compare_documents(left: Document, right: Document, options: Options | None = None) -> Comparison:
    """Align two loaded documents and judge every link."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    tokens = read_both(left, right, timings)
    pair = PreparedPair(left, right, options, tokens)
    t2 = time.perf_counter()
    timings["normalise"] = t2 - t0 - timings["segment"]
    aligner = pair.aligner()
    raw = aligner.run()
    linked = None if aligner.in_order else ({i for r in raw for i in r.left}, {j for r in raw for j in r.right})
    t3 = time.perf_counter()
    timings["align"] = t3 - t2
    links = judge_links(pair, raw, linked)
    t4 = time.perf_counter()
    timings["claims"] = t4 - t3
    timings["total"] = t4 - t0
    comparison = Comparison(left, right, links, timings)
    comparison.engine_state = pair
    comparison.closest = aligner.closest(comparison.only("left"), comparison.only("right"))
    return comparison


def judge_pair(comparison: Comparison, left: tuple[int, ...], right: tuple[int, ...],
               origin: str = "user") -> Link:
    """Judge sentences the engine did not link (a user's correction) as the engine would."""
    pair = comparison.engine_state
    if not isinstance(pair, PreparedPair) or pair.left is not comparison.left or pair.right is not comparison.right:
        pair = PreparedPair(comparison.left, comparison.right)
        comparison.engine_state = pair
    link = pair.judge(tuple(left), tuple(right))
    link.origin = origin
    return link


NEAR = 2  # sentences either side of a link whose words count as "told nearby"


def _near(bags: Bags, ids: tuple[int, ...], linked: set[int]) -> set[str]:
    """Keys of the sentences around a link that are not in another link: there an edit may
    have moved a clause of this claim."""
    lo, hi = max(0, ids[0] - NEAR), min(len(bags), ids[-1] + NEAR + 1)
    out: set[str] = set()
    for i in range(lo, hi):
        if i not in ids and i not in linked:
            out |= bags.keyset(i)
    return out


def _exact_key(doc: Document, sentence, tokens: list) -> tuple | None:
    """Equal for units written alike: the keys of all their words (a dateline's without its
    agency, so "WASHINGTON (AP) —" and "WASHINGTON —" are one place)."""
    if sentence.kind == "dateline":
        cut = doc.text.find("(", sentence.start, sentence.end)
        end = cut if cut >= 0 else sentence.end
        tokens = [t for t in tokens if t.end <= end]
    keys = tuple(t.key for t in tokens)
    return (sentence.kind == "dateline",) + keys if keys else None


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


def proper_keys(*docs: tuple[Document, list]) -> set[str]:
    """Keys written with a capital in mid-sentence and never in lower case: names. Scripts
    without letter case (Hebrew, Arabic, Devanagari ...) have none: there a name is no signal."""
    capital: set[str] = set()
    lower: set[str] = set()
    for doc, toks in docs:
        for s, sentence_tokens in zip(doc.sentences, toks):
            first = True
            for t in sentence_tokens:
                if not t.content or t.number is not None:
                    first = False
                    continue
                if t.surface[:1].islower():
                    lower.add(t.key)
                elif t.surface[:1].isupper() and not first:
                    capital.add(t.key)
                first = False
    return capital - lower


def compare_texts(left_text: str, right_text: str, left_name: str = "left", right_name: str = "right",
                  options: Options | None = None) -> Comparison:
    """Compare two strings (handy for tests and embedding)."""
    from .load import sha256_hex

    docs = [
        Document(path=name, text=text, sha256=sha256_hex(text.encode("utf-8")), source={"kind": "text"})
        for name, text in ((left_name, left_text), (right_name, right_text))
    ]
    return compare_documents(docs[0], docs[1], options)


def compare_files(left: str | os.PathLike[str], right: str | os.PathLike[str],
                  options: Options | None = None) -> Comparison:
    """Load, segment and compare two files."""
    return compare_documents(load_document(left), load_document(right), options)


def compare_sentences(a: str, b: str, idf: dict[str, float] | None = None,
                      options: Options | None = None) -> Link:
    """Compare two single sentences: a ``Link`` with the similarity score, the verdict and the
    typed changes. ``idf`` (key -> weight, e.g. from ``key_document_frequencies``) weighs
    rare words up; without it every content word weighs the same."""
    opts = options or Options()
    tokenizer = Tokenizer(a, b)
    at, bt = [tokenizer.tokens(a, 0, len(a))], [tokenizer.tokens(b, 0, len(b))]
    unify_spellings(at, bt)
    aset, bset = build_bags(at), build_bags(bt)
    weights = {k: (idf or {}).get(k, _default_idf(idf)) for k in aset[0] | bset[0]}
    abag, bbag = weigh(aset, weights)[0], weigh(bset, weights)[0]
    o = overlap(abag, bbag)
    ctx = PairContext(a, b, weights, _caps(at[0]) | _caps(bt[0]), opts.claims)
    return judge(ctx, at[0], bt[0], {0}, {0}, (0,), (0,), o.dice, "pair")


def _default_idf(idf: dict[str, float] | None) -> float:
    return max(idf.values()) if idf else 1.0


def _caps(tokens: list) -> set[str]:
    return {t.key for i, t in enumerate(tokens) if i > 0 and t.cap and t.content and t.number is None}


def key_document_frequencies(texts: list[str]) -> dict[str, float]:
    """IDF weights of comparison keys over a collection of short texts (one bag per text)."""
    tokenizer = Tokenizer(*texts[:2000])
    bags = [{t.key for t in tokenizer.tokens(x, 0, len(x)) if t.content} for x in texts]
    return idf_weights(bags)
