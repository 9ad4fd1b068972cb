"""The N×(N−1)/2 pairwise comparisons behind a coverage report, run once and cached.

Each unordered pair of sources is compared once, with the lower index on the left; a
comparison asked for the other way round is the cached one mirrored (sides swapped in every
link, change and word-diff step), so the grouping and the reader agree on who is linked to
whom. Every document is segmented once, in this process, before any pair runs.

With many pairs the comparisons run in a process pool (the engine is pure Python, so threads
would not use the second core); each worker receives the documents once, and sends back only
the links, never the texts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import combinations

from ..engine import Options, compare_documents, segment_document
from ..model import Change, Comparison, Document, Link, WordOp

Progress = Callable[[int, int], None]  # (pairs done, pairs in all)

# Below this many pairs a pool costs more (starting workers, importing the engine in each)
# than it saves: five sources (10 pairs) take about a third of a second in one process.
POOL_MIN_PAIRS = 28


class PairCache:
    """The pairwise comparisons of a list of documents, keyed by ``(i, j)`` with ``i < j``."""

    def __init__(self, documents: Sequence[Document], options: Options | None = None) -> None:
        self.documents = list(documents)
        self.options = options
        self._pairs: dict[tuple[int, int], Comparison] = {}

    def __contains__(self, key: tuple[int, int]) -> bool:
        return _key(*key) in self._pairs

    def keys(self) -> list[tuple[int, int]]:
        return sorted(self._pairs)

    def missing(self) -> list[tuple[int, int]]:
        n = len(self.documents)
        return [p for p in combinations(range(n), 2) if p not in self._pairs]

    def get(self, i: int, j: int) -> Comparison:
        """The comparison of source ``i`` (left) with source ``j`` (right), computed if needed."""
        if i == j:
            raise ValueError("a source is not compared with itself")
        a, b = _key(i, j)
        if (a, b) not in self._pairs:
            self._pairs[(a, b)] = compare_documents(self.documents[a], self.documents[b], self.options)
        comparison = self._pairs[(a, b)]
        return comparison if i == a else mirror(comparison)

    def stored(self, i: int, j: int) -> Comparison:
        """The cached comparison in its stored orientation (lower index left)."""
        return self._pairs[_key(i, j)]

    def run(self, progress: Progress | None = None, workers: int | None = None) -> None:
        """Compute every missing pair, in a process pool when there are many."""
        for doc in self.documents:
            segment_document(doc)
        todo = self.missing()
        total = len(todo)
        workers = pool_size(total) if workers is None else workers
        if progress:
            progress(0, total)
        if workers <= 1 or total < 2:
            for done, (a, b) in enumerate(todo, 1):
                self.get(a, b)
                if progress:
                    progress(done, total)
            return
        self._run_pool(todo, workers, progress)

    def _run_pool(self, todo: list[tuple[int, int]], workers: int, progress: Progress | None) -> None:
        chunks = max(1, len(todo) // (workers * 4))
        with ProcessPoolExecutor(workers, initializer=_worker_init,
                                 initargs=(self.documents, self.options)) as pool:
            for done, (key, links, timings) in enumerate(pool.map(_worker_pair, todo, chunksize=chunks), 1):
                a, b = key
                self._pairs[key] = Comparison(self.documents[a], self.documents[b], links, timings)
                if progress:
                    progress(done, len(todo))


def pool_size(pairs: int) -> int:
    """How many worker processes to use for this many pairs (1 means none)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cpus, 8) if pairs >= POOL_MIN_PAIRS and cpus > 1 else 1


def _key(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


_WORKER: dict[str, object] = {}


def _worker_init(documents: list[Document], options: Options | None) -> None:
    _WORKER["documents"] = documents
    _WORKER["options"] = options


def _worker_pair(key: tuple[int, int]) -> tuple[tuple[int, int], list[Link], dict[str, float]]:
    docs: list[Document] = _WORKER["documents"]  # type: ignore[assignment]
    a, b = key
    c = compare_documents(docs[a], docs[b], _WORKER["options"])  # type: ignore[arg-type]
    return key, c.links, c.timings


def mirror(comparison: Comparison) -> Comparison:
    """The same comparison seen from the other side: left and right swapped everywhere."""
    links = [mirror_link(link) for link in comparison.links]
    return Comparison(comparison.right, comparison.left, links, dict(comparison.timings))


def mirror_link(link: Link) -> Link:
    return replace(
        link,
        left=link.right,
        right=link.left,
        changes=[Change(c.type, c.right, c.left, c.right_text, c.left_text, c.note) for c in link.changes],
        diff=[WordOp(_MIRROR_OP.get(op.op, op.op), op.right, op.left) for op in link.diff],
        evidence={k: list(v) for k, v in link.evidence.items()},
    )


_MIRROR_OP = {"delete": "insert", "insert": "delete"}
