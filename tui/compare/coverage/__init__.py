"""Several reports at once: who reported what, claim by claim.

``compare_many(documents)`` runs the pairwise comparison of every two documents (once each,
cached, in a process pool when there are many), groups their sentences into claims
(``grouping``: correlation clustering by greedy additive edge contraction, at most one group
of sentences per source, no chaining), judges each source's wording against the claim's
reference (``verdicts``) and orders the rows by a base source's reading order (``order``).
The result is a ``Coverage`` (``model``), with JSON in and out. Datelines and subheads no
other source links are left out of the claims: they label text, they claim nothing.

For the coverage view: ``rebase`` picks another base source without comparing anything again,
``ClaimRoute`` (``navigate``) finds the next claim of a kind, ``coverage_comparison(coverage,
i, j)`` gives the two-pane comparison of sources ``i`` (left) and ``j`` (right) to drill down
into, and ``pair_links(coverage, i, j)`` the grouping seen as links between those two.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor

from ..engine import Options
from ..model import Comparison, Document, Link
from .grouping import GroupingParams, PairLink, group_claims
from .model import FORMAT, VERSION, Claim, ClaimChange, Coverage, SourceSummary
from .navigate import ClaimRoute
from .order import by_count, reading_order
from .pairs import PairCache, Stop, Stopped
from .verdicts import build_claims

__all__ = [
    "FORMAT", "VERSION", "Claim", "ClaimChange", "ClaimRoute", "Coverage", "GroupingParams", "PairCache",
    "Progress", "STAGES", "SourceSummary", "Stop", "Stopped",
    "compare_many", "coverage_comparison", "pair_links", "rebase",
]

MIN_SOURCES = 2
# The stages of ``compare_many``, in order, as its ``progress`` callback names them: the
# pairwise comparisons (counted in pairs), the grouping, the verdicts (each 0 of 1, then 1 of 1).
STAGES = ("pairs", "grouping", "verdicts")
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def compare_many(documents: Sequence[Document], base: int = 0, progress: Progress | None = None,
                 workers: int | None = None, options: Options | None = None,
                 params: GroupingParams | None = None, pairs: PairCache | None = None,
                 stop: Stop | None = None) -> Coverage:
    """Compare every two documents and group their sentences into claims.

    ``base`` is the source whose reading order the rows follow and whose wording is the
    reference where it carries a claim. ``progress(stage, done, total)`` is called as each of
    ``STAGES`` starts and ends, and as pairs finish (``done`` of ``total`` pairs).
    ``workers``: processes for the pairwise comparisons (None: both cores when there are
    many pairs, one process for a few). ``pairs``: a cache from an earlier call on the same
    documents, so nothing is compared twice. ``stop``: called from another thread, it ends
    the comparisons early and this raises ``Stopped``.
    """
    docs = list(documents)
    if len(docs) < MIN_SOURCES:
        raise ValueError(f"a coverage report needs at least {MIN_SOURCES} sources, got {len(docs)}")
    if not 0 <= base < len(docs):
        raise ValueError(f"base {base} is not a source index (0 to {len(docs) - 1})")
    if pairs is None:
        pairs = PairCache(docs, options)
    elif len(pairs.documents) != len(docs) or any(a is not b for a, b in zip(pairs.documents, docs)):
        raise ValueError("the pair cache was built for other documents")
    params = params or GroupingParams()
    report = progress or _silent
    t0 = time.perf_counter()
    with pairs.pool(workers, stop) as pool:
        pairs.run(lambda done, total: report("pairs", done, total), pool, stop)
        t1 = time.perf_counter()
        report("grouping", 0, 1)
        links = {key: [PairLink(x.left, x.right, x.score) for x in pairs.stored(*key).links] for key in pairs.keys()}
        groups = [g for g in group_claims([len(d.sentences) for d in docs], links, params) if not _label(g, docs)]
        report("grouping", 1, 1)
        t2 = time.perf_counter()
        report("verdicts", 0, 1)
        coverage = _assemble(docs, groups, base, pairs, params, pool)
        report("verdicts", 1, 1)
        t3 = time.perf_counter()
    coverage.timings = {"pairs": t1 - t0, "grouping": t2 - t1, "verdicts": t3 - t2, "total": t3 - t0}
    return coverage


def _silent(stage: str, done: int, total: int) -> None:
    pass


def rebase(coverage: Coverage, base: int) -> Coverage:
    """The same claims with another base source: its reading order and its wording as the
    reference (the pairwise comparisons are reused, nothing is aligned again)."""
    if not 0 <= base < len(coverage.documents):
        raise ValueError(f"base {base} is not a source index (0 to {len(coverage.documents) - 1})")
    groups = [dict(c.members) for c in coverage.claims]
    t0 = time.perf_counter()
    out = _assemble(coverage.documents, groups, base, _pairs_of(coverage), coverage.params)
    out.timings = {"verdicts": time.perf_counter() - t0}
    return out


def coverage_comparison(coverage: Coverage, i: int, j: int) -> Comparison:
    """The pairwise comparison of source ``i`` (left) with source ``j`` (right), for the
    two-pane reader; computed now if the coverage was read from JSON."""
    return _pairs_of(coverage).get(i, j)


def pair_links(coverage: Coverage, i: int, j: int) -> list[Link]:
    """The grouping seen from two sources: one link per claim both carry (source ``i`` left),
    with the engine's verdict on those sentences."""
    requests = [(i, c.members[i], j, c.members[j]) for c in coverage.claims if i in c.members and j in c.members]
    return _pairs_of(coverage).judge_many(requests)


# Units that label text rather than claim anything ("WASHINGTON —", "What they're saying:").
LABEL_KINDS = ("dateline", "subhead")


def _label(group: dict[int, tuple[int, ...]], docs: list[Document]) -> bool:
    """A group made only of datelines and subheads is not a claim, whether one source has it or
    several write it alike (the engine links identical labels)."""
    return all(docs[source].sentences[i].kind in LABEL_KINDS for source, ids in group.items() for i in ids)


def _pairs_of(coverage: Coverage) -> PairCache:
    if coverage.pairs is None:
        coverage.pairs = PairCache(coverage.documents)
    return coverage.pairs


def _assemble(docs: list[Document], groups: list[dict[int, tuple[int, ...]]], base: int, pairs: PairCache,
              params: GroupingParams, pool: Executor | None = None) -> Coverage:
    rows = reading_order(groups, [len(d.sentences) for d in docs], base)
    claims = build_claims(groups, rows, base, pairs, pool)
    return Coverage(docs, claims, base, by_count(groups, rows), params=params, pairs=pairs)
