"""The pipeline: load → segment → normalise → align → compare claims → ``Comparison``."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from .align import AlignParams, Aligner
from .claims import ClaimParams, PairContext, judge
from .load import is_markdown, load_document
from .model import Comparison, Document, Link
from .normalise import Tokenizer
from .segment import segment
from .similarity import build_bags, idf_weights, unify_spellings, weigh


@dataclass(slots=True)
class Options:
    align: AlignParams = field(default_factory=AlignParams)
    claims: ClaimParams = field(default_factory=ClaimParams)


def segment_document(doc: Document) -> Document:
    if not doc.sentences:
        doc.sentences = segment(doc.text, markdown=is_markdown(doc.path))
    return doc


def compare_documents(left: Document, right: Document, options: Options | None = None) -> Comparison:
    """Align two loaded documents and judge every link."""
    opts = options or Options()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    segment_document(left)
    segment_document(right)
    t1 = time.perf_counter()
    timings["segment"] = t1 - t0

    tokenizer = Tokenizer(left.text, right.text)
    ltoks = [tokenizer.tokens(left.text, s.start, s.end) for s in left.sentences]
    rtoks = [tokenizer.tokens(right.text, s.start, s.end) for s in right.sentences]
    unify_spellings(ltoks, rtoks)
    lsets, rsets = build_bags(ltoks), build_bags(rtoks)
    idf = idf_weights(lsets, rsets)
    lbags, rbags = weigh(lsets, idf), weigh(rsets, idf)
    t2 = time.perf_counter()
    timings["normalise"] = t2 - t1

    skip_l = {s.id for s in left.sentences if s.kind == "dateline"}
    skip_r = {s.id for s in right.sentences if s.kind == "dateline"}
    sub_l = {s.id for s in left.sentences if s.kind in ("subhead", "headline")}
    sub_r = {s.id for s in right.sentences if s.kind in ("subhead", "headline")}
    aligner = Aligner(lbags, rbags, opts.align, skip_l, skip_r, sub_l, sub_r)
    aligner.left_headlines = {s.id for s in left.sentences if s.kind == "headline"}
    aligner.right_headlines = {s.id for s in right.sentences if s.kind == "headline"}
    names = proper_keys((left, ltoks), (right, rtoks))
    aligner.left_names = aligner.right_names = names
    raw = aligner.run()
    t3 = time.perf_counter()
    timings["align"] = t3 - t2

    ctx = PairContext(left.text, right.text, idf, names, opts.claims,
                      quotes_both=_marks_quotes(left.text) and _marks_quotes(right.text))
    lstarts = [_starts(left.text, s.start) for s in left.sentences]
    rstarts = [_starts(right.text, s.start) for s in right.sentences]

    def judge_raw(r) -> Link:
        lt = [t for i in r.left for t in ltoks[i]]
        rt = [t for j in r.right for t in rtoks[j]]
        ls = set().union(*(lstarts[i] for i in r.left))
        rs = set().union(*(rstarts[j] for j in r.right))
        return judge(ctx, lt, rt, ls, rs, r.left, r.right, r.score, r.how,
                     _near(lsets, r.left), _near(rsets, r.right))

    links = [judge_raw(r) for r in raw]
    ctx.aliases = {pair for pair, n in ctx.name_swaps.items() if n >= NAME_ALIAS_MIN}
    if ctx.aliases:
        links = [judge_raw(r) if any(c.type in ("entity", "attribution") for c in link.changes) else link
                 for r, link in zip(raw, links)]
    t4 = time.perf_counter()
    timings["claims"] = t4 - t3
    timings["total"] = t4 - t0
    return Comparison(left, right, links, timings)


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
    from .similarity import overlap

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
