"""The pipeline: load → segment → normalise → align → compare claims → ``Comparison``.

What reading the texts does not need (the aligner, the claim checks, numpy: about a tenth of a
second to import) is imported once the reading has begun (``_import_the_rest``): on a large
input, while a helper process reads one of the texts (``prepare.read_both``), and then the
meaning model is loaded too, once, where the helpers forked later find it loaded.
"""

from __future__ import annotations

import os
import time
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from . import collector, helper, memory, tokens
from .errors import InputError
from .judging import Ahead, judge_ahead, judge_links
from .load import load_document
from .meaning import letting_pages_go
from .model import Closest, Comparison, Document, Link
from .normalise import Tokenizer, forget_words
from .prepare import HELPER_MIN_CHARS, read_both, segment_document
from .segment import forget_contexts

if TYPE_CHECKING:
    from .prepared import Options, PreparedPair

__all__ = ["Options", "PreparedPair", "compare_documents", "compare_files", "compare_sentences", "compare_texts",
           "judge_pair", "key_document_frequencies", "segment_document"]


def __getattr__(name: str) -> Any:  # ``Options``, ``PreparedPair``: imported on first use
    if name in ("Options", "PreparedPair"):
        from . import prepared

        return getattr(prepared, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _import_the_rest(model: bool = False) -> None:
    from . import claims, prepared, similarity  # noqa: F401

    if model:
        from .meaning import load_model

        load_model()


# The stages of ``compare_documents``, in order, as its ``progress`` callback names them.
STAGES = ("segment", "normalise", "align", "judge")
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def compare_documents(left: Document, right: Document, options: Options | None = None,
                      progress: Progress | None = None) -> Comparison:
    """Align two loaded documents and judge every link. ``progress(stage, done, total)``, if
    given, is called as each of ``STAGES`` starts and ends, and as links are judged. Raises
    ``InputError`` (one line) when the comparison would not fit in the memory available, or
    ran out of it."""
    chars = len(left.text) + len(right.text)
    kept = chars <= tokens.KEEP_CHARS
    room = memory.check(chars, kept)
    try:
        # A helper's copy of the process can grow as large again: only where there is room.
        with (helper.alone(room is not None and memory.needed(chars, kept) * 2 > room), collector.paused(),
              letting_pages_go(not kept), memory.frugal(not kept)):
            return _compare(left, right, options, progress or _silent)
    except MemoryError:
        raise InputError(f"ran out of memory comparing these texts ({chars / 1e6:.1f} million characters); "
                         "compare shorter texts or free some memory") from None


def _compare(left: Document, right: Document, options: Options | None, report: Progress) -> Comparison:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    chars = len(left.text) + len(right.text)
    tidy = memory.give_back if chars >= memory.GIVE_BACK_CHARS else _nothing
    # Texts whose tokens are not kept: what is kept per word is let go between stages (judging
    # makes the tokens of the linked sentences again, and keeps what it needs of it again).
    forget = forget_words if chars > tokens.KEEP_CHARS else _nothing
    pair = _prepared(left, right, options, report, timings, tidy, forget)
    t2 = time.perf_counter()
    timings["normalise"] = t2 - t0 - timings["segment"]
    report("align", 0, 1)
    ahead: list[Ahead | None] = []  # links judged meanwhile, where the aligner started that
    try:
        raw, linked, closest = _aligned(pair, tidy, ahead)
        report("align", 1, 1)
        t3 = time.perf_counter()
        timings["align"] = t3 - t2
        links = judge_links(pair, raw, linked, report, ahead[0] if ahead else None)
    finally:
        for started in ahead:
            if started is not None:
                started.cancel()  # (nothing left to end once judged)
    del raw, linked
    pair.forget()  # what judging worked out per sentence: made again if a user links sentences
    forget()
    tidy()
    t4 = time.perf_counter()
    timings["claims"] = t4 - t3
    timings["total"] = t4 - t0
    comparison = Comparison(left, right, links, timings)
    comparison.engine_state = pair
    comparison.closest = closest
    return comparison


def _aligned(pair: PreparedPair, tidy: Callable[[], None], ahead: list[Ahead | None]
             ) -> tuple[list, tuple[set[int], set[int]] | None, dict[str, Closest]]:
    """The "align" stage: the raw links, the sentences of all links where the texts do not keep
    one order (else None), and the closest candidates of the sentences in no link. In texts
    that keep their order, the links found before the meaning pass start being judged in a
    helper meanwhile (``judge_ahead``, added to ``ahead``)."""
    aligner = pair.aligner()
    aligner.tidy = tidy
    aligner.before_meaning = lambda links, in_order: ahead.append(judge_ahead(pair, links) if in_order else None)
    raw = aligner.run()
    from .align import linked_ids

    in_links = linked_ids(raw, len(pair.left.sentences), len(pair.right.sentences))
    linked = None if aligner.in_order else in_links
    # The sentences in no link are known before the links are judged (judging keeps each
    # link's sentences): their closest candidates are found now, and the aligner's scores
    # and the sentence vectors let go before judging needs its memory.
    closest = {side: Closest(near) for side, near in
               aligner.closest(*(_unlinked(doc, ids) for doc, ids in zip((pair.left, pair.right), in_links))).items()}
    del aligner, in_links
    pair.forget_vectors()
    tidy()
    return raw, linked, closest


def _prepared(left: Document, right: Document, options: Options | None, report: Progress,
              timings: dict[str, float], tidy: Callable[[], None], forget: Callable[[], None]) -> PreparedPair:
    """The "segment" and "normalise" stages: both documents read and weighed."""
    report("segment", 0, 2)
    large = len(left.text) + len(right.text) >= HELPER_MIN_CHARS  # (whose comparison loads the model anyway)
    readings, tokenizer = read_both(left, right, timings, meanwhile=partial(_import_the_rest, large))
    if len(left.text) + len(right.text) >= memory.GIVE_BACK_CHARS:
        forget_contexts()
    forget()
    tidy()
    report("segment", 2, 2)
    report("normalise", 0, 1)
    from .prepared import PreparedPair

    pair = PreparedPair(left, right, options, readings, tokenizer)
    del readings  # its arrays are in the pair's own form now
    tidy()
    report("normalise", 1, 1)
    return pair


def _unlinked(doc: Document, linked: set[int]) -> list[int]:
    return [s.id for s in doc.sentences if s.id not in linked]


def judge_pair(comparison: Comparison, left: tuple[int, ...], right: tuple[int, ...],
               origin: str = "user") -> Link:
    """Judge sentences the engine did not link (a user's correction) as the engine would."""
    from .prepared import PreparedPair

    pair = comparison.engine_state
    if not isinstance(pair, PreparedPair) or pair.left is not comparison.left or pair.right is not comparison.right:
        pair = PreparedPair(comparison.left, comparison.right, None, *read_both(comparison.left, comparison.right))
        comparison.engine_state = pair
    link = pair.judge(tuple(left), tuple(right))
    link.origin = origin
    return link


def _silent(stage: str, done: int, total: int) -> None:
    pass


def _nothing() -> None:
    pass


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
    from .claims import PairContext, judge
    from .prepared import Options
    from .similarity import build_bags, overlap, unify_spellings, weigh

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
    from .similarity import idf_weights

    tokenizer = Tokenizer(*texts[:2000])
    bags = [{t.key for t in tokenizer.tokens(x, 0, len(x)) if t.content} for x in texts]
    return idf_weights(bags)
