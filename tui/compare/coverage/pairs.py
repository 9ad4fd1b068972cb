"""The N×(N−1)/2 pairwise comparisons behind a coverage report, run once and cached.

Each unordered pair of sources is compared once, with the lower index on the left; a
comparison asked for the other way round is the cached one mirrored (sides swapped in every
link, change and word-diff step), so the grouping and the reader agree on who is linked to
whom. Every document is segmented once, in this process, before any pair runs.

With many pairs the work runs in a process pool (the engine is pure Python, so threads would
not use the second core; ``start_method`` says how workers start): each worker receives the
documents once and sends back links, never texts. The same pool then judges the sentence
groups a claim joins that no link joined (``judge_many``): judging needs the pair's prepared
tokens, which stay in the process that compared the pair.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from itertools import combinations

from ..engine import Options, compare_documents, judge_pair, segment_document
from ..model import Change, Comparison, Document, Link, WordOp

Progress = Callable[[int, int], None]  # (pairs done, pairs in all)
Group = tuple[int, ...]
Request = tuple[int, Group, int, Group]  # source i, its sentences, source j, its sentences

# Below this many pairs a pool costs more (starting workers) than it saves: five sources
# (10 pairs) take about a third of a second in one process.
POOL_MIN_PAIRS = 28


class Stopped(Exception):
    """The run was stopped (``Stop``) before every pair was compared."""


class Stop:
    """Stops a run from another thread (the user left the view, or quit): pairs not started
    are dropped, the pool is let go without waiting for them, and the run raises ``Stopped``
    (a pair a worker is comparing still ends, so a stop takes at most one batch of pairs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.stopped = False
        self._executor: Executor | None = None

    def __call__(self) -> None:
        with self._lock:
            self.stopped = True
            executor = self._executor
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def attach(self, executor: Executor | None) -> None:
        with self._lock:
            self._executor = executor
            stopped = self.stopped
        if stopped and executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def check(self) -> None:
        if self.stopped:
            raise Stopped


class PairCache:
    """The pairwise comparisons of a list of documents, keyed by ``(i, j)`` with ``i < j``."""

    def __init__(self, documents: Sequence[Document], options: Options | None = None) -> None:
        self.documents = list(documents)
        self.options = options
        self._pairs: dict[tuple[int, int], Comparison] = {}
        self._exact: dict[tuple[int, int], dict[tuple[Group, Group], Link]] = {}
        self._workers = 1

    def __contains__(self, key: tuple[int, int]) -> bool:
        return _key(*key) in self._pairs

    def keys(self) -> list[tuple[int, int]]:
        return sorted(self._pairs)

    def missing(self) -> list[tuple[int, int]]:
        return [p for p in combinations(range(len(self.documents)), 2) if p not in self._pairs]

    def get(self, i: int, j: int) -> Comparison:
        """The comparison of source ``i`` (left) with source ``j`` (right), computed if needed:
        a copy, so a reader that corrects its links leaves the cache as the engine made it."""
        if i == j:
            raise ValueError("a source is not compared with itself")
        stored = self.stored(i, j)
        if i > j:
            return mirror(stored)
        copy = Comparison(stored.left, stored.right, [_copy_link(x) for x in stored.links], dict(stored.timings))
        copy.engine_state = stored.engine_state
        return copy

    def stored(self, i: int, j: int) -> Comparison:
        """The comparison in its stored orientation (lower index left), computed if needed."""
        key = _key(i, j)
        if key not in self._pairs:
            a, b = key
            self._pairs[key] = compare_documents(self.documents[a], self.documents[b], self.options)
        return self._pairs[key]

    @contextmanager
    def pool(self, workers: int | None = None, stop: Stop | None = None) -> Iterator[Executor | None]:
        """A process pool for this cache's missing pairs, or None when one process is better
        (``workers``: None to decide from the number of pairs); ``stop`` can let it go early."""
        self._workers = pool_size(len(self.missing())) if workers is None else workers
        self.segment()  # before the workers get the documents, so none segments them again
        if self._workers <= 1:
            yield None
            return
        executor = ProcessPoolExecutor(self._workers, mp_context=start_method(), initializer=_worker_init,
                                       initargs=(self.documents, self.options))
        if stop is not None:
            stop.attach(executor)
        try:
            yield executor
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        else:
            executor.shutdown(wait=True)
        finally:
            if stop is not None:
                stop.attach(None)

    def segment(self) -> None:
        for doc in self.documents:
            segment_document(doc)

    def run(self, progress: Progress | None = None, pool: Executor | None = None, stop: Stop | None = None) -> None:
        """Compute every missing pair (in ``pool`` if given); raises ``Stopped`` if ``stop``
        is called meanwhile."""
        self.segment()
        todo = self.missing()
        if progress:
            progress(0, len(todo))
        if pool is None:
            results = ((key, self.stored(*key)) for key in todo)
        else:
            chunk = max(1, len(todo) // (self._workers * 8))
            results = ((key, Comparison(self.documents[key[0]], self.documents[key[1]], links, timings))
                       for key, links, timings in pool.map(_worker_pair, todo, chunksize=chunk))
        try:
            for done, (key, comparison) in enumerate(results, 1):
                if stop is not None:
                    stop.check()
                self._pairs[key] = comparison
                if progress:
                    progress(done, len(todo))
        except CancelledError:
            raise Stopped from None

    def judge_many(self, requests: Sequence[Request], pool: Executor | None = None) -> list[Link]:
        """The engine's link for each request's sentences (source ``i`` on the left): the
        comparison's own link when it joins exactly those sentences, else a fresh judgement."""
        out: list[Link | None] = [None] * len(requests)
        fresh: dict[tuple[int, int], list[tuple[int, Group, Group]]] = {}
        for n, (i, gi, j, gj) in enumerate(requests):
            key, ga, gb = (i, j), gi, gj
            if i > j:
                key, ga, gb = (j, i), gj, gi
            link = self._exact_links(key).get((ga, gb))
            if link is None:
                fresh.setdefault(key, []).append((n, ga, gb))
            else:
                out[n] = link
        remote = [key for key in fresh if pool is not None and self._pairs[key].engine_state is None]
        if remote:
            asks = [(key, [(ga, gb) for _, ga, gb in fresh[key]]) for key in remote]
            for key, links in zip(remote, pool.map(_worker_judge, asks)):
                for (n, _, _), link in zip(fresh.pop(key), links):
                    out[n] = link
        for key, items in fresh.items():
            for n, ga, gb in items:
                out[n] = judge_pair(self._pairs[key], ga, gb, origin="engine")
        return [link if i < j else mirror_link(link)  # type: ignore[arg-type]
                for link, (i, _, j, _) in zip(out, requests)]

    def _exact_links(self, key: tuple[int, int]) -> dict[tuple[Group, Group], Link]:
        if key not in self._exact:
            self._exact[key] = {(x.left, x.right): x for x in self.stored(*key).links}
        return self._exact[key]


def pool_size(pairs: int) -> int:
    """How many worker processes to use for this many pairs (1 means none)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cpus, 8) if pairs >= POOL_MIN_PAIRS and cpus > 1 else 1


def start_method() -> multiprocessing.context.BaseContext:
    """How to start workers: a plain fork when this process runs one thread (the CLI: workers
    start in milliseconds); with other threads running (the app), a fork server, since forking
    a threaded process can copy a lock some other thread holds; spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return server_context()


def server_context() -> multiprocessing.context.BaseContext:
    """How to start workers from a process that runs several threads: a fork server that has
    imported this module (the engine) once, else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


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


def _worker_judge(ask: tuple[tuple[int, int], list[tuple[Group, Group]]]) -> list[Link]:
    docs: list[Document] = _WORKER["documents"]  # type: ignore[assignment]
    (a, b), groups = ask
    comparison = Comparison(docs[a], docs[b], [])
    return [judge_pair(comparison, ga, gb, origin="engine") for ga, gb in groups]


def mirror(comparison: Comparison) -> Comparison:
    """The same comparison seen from the other side: left and right swapped everywhere."""
    links = [mirror_link(link) for link in comparison.links]
    return Comparison(comparison.right, comparison.left, links, dict(comparison.timings))


def _copy_link(link: Link) -> Link:
    return replace(link, changes=list(link.changes), diff=list(link.diff),
                   evidence={k: list(v) for k, v in link.evidence.items()})


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
