"""The pipeline: load → segment → normalise → align → compare claims → ``Comparison``."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, TypeVar

from .align import AlignParams, Aligner
from .claims import ClaimParams, PairContext, judge
from .load import is_markdown, load_document
from .model import Comparison, Document, Link
from .normalise import Tokenizer
from .segment import segment
from .similarity import build_bags, idf_weights, overlap, union, unify_spellings, weigh


@dataclass(slots=True)
class Options:
    align: AlignParams = field(default_factory=AlignParams)
    claims: ClaimParams = field(default_factory=ClaimParams)


def segment_document(doc: Document) -> Document:
    if not doc.sentences:
        doc.sentences = segment(doc.text, markdown=is_markdown(doc.path))
    return doc


class PreparedPair:
    """Both documents segmented and normalised, ready to align and to judge any pair of
    sentence groups (the engine's links, or a link the user makes)."""

    def __init__(self, left: Document, right: Document, options: Options | None = None) -> None:
        self.left, self.right = left, right
        self.options = options or Options()
        tokenizer = Tokenizer(left.text, right.text)
        self.ltoks = [tokenizer.tokens(left.text, s.start, s.end) for s in left.sentences]
        self.rtoks = [tokenizer.tokens(right.text, s.start, s.end) for s in right.sentences]
        unify_spellings(self.ltoks, self.rtoks)
        self.lsets, self.rsets = build_bags(self.ltoks), build_bags(self.rtoks)
        self.idf = idf_weights(self.lsets, self.rsets)
        self.lbags, self.rbags = weigh(self.lsets, self.idf), weigh(self.rsets, self.idf)
        self.names = proper_keys((left, self.ltoks), (right, self.rtoks))
        self.ctx = PairContext(left.text, right.text, self.idf, self.names, self.options.claims,
                               quotes_both=_marks_quotes(left.text) and _marks_quotes(right.text))
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
        return aligner

    def judge(self, left: tuple[int, ...], right: tuple[int, ...], score: float | None = None,
              how: str = "user") -> Link:
        """Compare the claims of these sentences (a link, whoever made it)."""
        left, right = tuple(sorted(left)), tuple(sorted(right))
        if score is None:
            lbag = union(*(self.lbags[i] for i in left))
            rbag = union(*(self.rbags[j] for j in right))
            score = overlap(lbag, rbag).dice
        lt = [t for i in left for t in self.ltoks[i]]
        rt = [t for j in right for t in self.rtoks[j]]
        ls = set().union(*(self.lstarts[i] for i in left))
        rs = set().union(*(self.rstarts[j] for j in right))
        return judge(self.ctx, lt, rt, ls, rs, left, right, score, how,
                     _near(self.lsets, left), _near(self.rsets, right))


# The stages of ``compare_documents``, in order, as its ``progress`` callback names them.
STAGES = ("segment", "normalise", "align", "judge")
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def compare_documents(left: Document, right: Document, options: Options | None = None,
                      progress: Progress | None = None) -> Comparison:
    """Align two loaded documents and judge every link. ``progress(stage, done, total)``, if
    given, is called as each of ``STAGES`` starts and ends, and as links are judged."""
    report = progress or _silent
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    report("segment", 0, 2)
    segment_document(left)
    report("segment", 1, 2)
    segment_document(right)
    report("segment", 2, 2)
    t1 = time.perf_counter()
    timings["segment"] = t1 - t0
    report("normalise", 0, 1)
    pair = PreparedPair(left, right, options)
    report("normalise", 1, 1)
    t2 = time.perf_counter()
    timings["normalise"] = t2 - t1
    report("align", 0, 1)
    raw = pair.aligner().run()
    report("align", 1, 1)
    t3 = time.perf_counter()
    timings["align"] = t3 - t2
    links = [pair.judge(r.left, r.right, r.score, r.how) for r in _counted(raw, "judge", report)]
    ctx = pair.ctx
    ctx.aliases = {p for p, n in ctx.name_swaps.items() if n >= NAME_ALIAS_MIN}
    if ctx.aliases:
        links = [pair.judge(r.left, r.right, r.score, r.how)
                 if any(c.type in ("entity", "attribution") for c in link.changes) else link
                 for r, link in zip(raw, links)]
    t4 = time.perf_counter()
    timings["claims"] = t4 - t3
    timings["total"] = t4 - t0
    comparison = Comparison(left, right, links, timings)
    comparison.engine_state = pair
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


def _silent(stage: str, done: int, total: int) -> None:
    pass


T = TypeVar("T")


def _counted(items: list[T], stage: str, report: Progress, steps: int = 100) -> Iterator[T]:
    """``items``, reporting ``(stage, done, len(items))`` about ``steps`` times on the way."""
    every = max(1, len(items) // steps)
    for i, item in enumerate(items):
        if i % every == 0:
            report(stage, i, len(items))
        yield item
    report(stage, len(items), len(items))


NAME_ALIAS_MIN = 3  # a name swapped for another this often is the texts' style, not a change
NEAR = 2  # sentences either side of a link whose words count as "told nearby"


def _near(bags: list[set[str]], ids: tuple[int, ...]) -> set[str]:
    lo, hi = max(0, ids[0] - NEAR), min(len(bags), ids[-1] + NEAR + 1)
    out: set[str] = set()
    for i in range(lo, hi):
        if i not in ids:
            out |= bags[i]
    return out


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
    """Keys written with a capital in mid-sentence and never in lower case: names."""
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
                elif not first:
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
