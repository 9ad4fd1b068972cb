"""Group the sentences of N sources into claims: correlation clustering, solved by greedy
additive edge contraction (GAEC), with cannot-link constraints.

The input is what the pairwise comparisons decided: for each pair of sources, links between
groups of sentences. Every two sentences of different sources get a weight from the
comparison of their two sources:

* ``linked + by_score × score`` (0.5 + the link's score, from 0.5 to 1.5) when a link joins
  them: the engine says they carry the same claim, and a confident link pulls harder than a
  doubtful one;
* ``-contradicted`` when both were linked to *other* sentences in that comparison;
* ``-half_linked`` when one was linked elsewhere and the other to nothing there;
* ``-unlinked`` when neither was linked to anything there (the engine saw no partner, but
  it may have missed one that other sources reveal).

Correlation clustering asks for the partition that maximises the total weight inside
clusters. GAEC (Keuper et al., 2015) approximates it greedily: start with one sentence per
cluster, repeatedly merge the two clusters joined by the largest *total* weight (the sum over
every pair of sentences across them, negative weights included), stop when no merge gains.
Hard constraints make the result a set of claims:

* a claim holds at most one group of sentences per source: two sentences of one source may
  share a claim only if some comparison put them on one side of one link (a source that
  splits a claim over two sentences, a 1:2 link); any other two are a cannot-link pair;
* a sentence belongs to one claim (clusters partition the sentences).

It does not chain. With A1~B1, B1~C1 and C1~A2 (links of equal score w), merging {A1, B1} with
C1 gains ``w - half_linked`` (C1 is linked to A2, not A1), while C1~A2 alone gains w, so C1 goes to A2;
{A1, B1} and {C1, A2} can then never meet, since A1 and A2 are a cannot-link pair. Unlike
single-link clustering (connected components of the link graph), a merge must be supported by
the sum of all the pairwise verdicts between the two groups, so one stray link cannot pull two
claims together when the other sources' comparisons say otherwise; and where one comparison
missed a link that two others imply, the consensus can still put the three sentences in one
claim (at a cost of ``unlinked`` per missing pair).

The module knows nothing of documents: sources are indexes, sentences are ids.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Group = tuple[int, ...]
Claim = dict[int, Group]  # source index -> sentence ids


@dataclass(frozen=True, slots=True)
class PairLink:
    """A link of the comparison of sources ``a < b``: sentences of ``a`` with sentences of ``b``."""

    a: Group
    b: Group
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class GroupingParams:
    linked: float = 0.5    # the weight of any link ...
    by_score: float = 1.0  # ... plus this much of its score (0-1)
    contradicted: float = 1.0
    half_linked: float = 0.5
    unlinked: float = 0.25


class _Graph:
    """Sentences as nodes ``(source, id)`` numbered globally, and the pairwise verdicts."""

    def __init__(self, sizes: Sequence[int], links: Mapping[tuple[int, int], Sequence[PairLink]],
                 params: GroupingParams) -> None:
        self.params = params
        self.offset = [0]
        for n in sizes:
            self.offset.append(self.offset[-1] + n)
        self.source = [s for s, n in enumerate(sizes) for _ in range(n)]
        n_nodes = self.offset[-1]
        self.partners: list[dict[int, float]] = [{} for _ in range(n_nodes)]
        self.linked_in: list[set[int]] = [set() for _ in range(n_nodes)]  # sources linked to
        self.together: set[tuple[int, int]] = set()  # same-source nodes one link groups
        for (a, b), pair_links in links.items():
            if a == b:
                raise ValueError("a source is not compared with itself")
            for link in pair_links:
                xs = [self.node(a, i) for i in link.a]
                ys = [self.node(b, j) for j in link.b]
                for x in xs:
                    self.linked_in[x].add(b)
                    for y in ys:
                        self.partners[x][y] = self.partners[y][x] = params.linked + params.by_score * link.score
                for y in ys:
                    self.linked_in[y].add(a)
                for side in (xs, ys):
                    self.together.update((u, v) for u in side for v in side if u < v)

    def node(self, source: int, sid: int) -> int:
        n = self.offset[source] + sid
        if not self.offset[source] <= n < self.offset[source + 1]:
            raise ValueError(f"sentence {sid} is not in source {source}")
        return n

    def weight(self, x: int, y: int) -> float:
        w = self.partners[x].get(y)
        if w is not None:
            return w
        p = self.params
        sx, sy = self.source[x], self.source[y]
        elsewhere = (sy in self.linked_in[x]) + (sx in self.linked_in[y])
        return -(p.unlinked, p.half_linked, p.contradicted)[elsewhere]


@dataclass(slots=True)
class _Cluster:
    nodes: list[int]
    by_source: dict[int, list[int]] = field(default_factory=dict)


def group_claims(sizes: Sequence[int], links: Mapping[tuple[int, int], Sequence[PairLink]],
                 params: GroupingParams | None = None) -> list[Claim]:
    """Partition every sentence of every source into claims.

    ``sizes[s]`` is the number of sentences of source ``s``; ``links[(a, b)]`` the links of
    the comparison of sources ``a < b``. Returns one ``{source: sentence ids}`` per claim
    (sentences no merge reached are claims of one source), sorted by their first sentence.
    """
    graph = _Graph(sizes, links, params or GroupingParams())
    clusters: dict[int, _Cluster] = {}
    home: list[int] = []
    for x in range(len(graph.source)):
        clusters[x] = _Cluster([x], {graph.source[x]: [x]})
        home.append(x)
    heap: list[tuple[float, int, int, int]] = []
    for x in range(len(graph.source)):
        for y in graph.partners[x]:
            if x < y:
                _push(heap, graph, clusters, x, y)
    next_id = len(graph.source)
    while heap:
        _, _, cx, cy = heapq.heappop(heap)
        if cx not in clusters or cy not in clusters:
            continue  # one side was merged since: a stale entry
        merged = _merge(clusters.pop(cx), clusters.pop(cy))
        cz, next_id = next_id, next_id + 1
        clusters[cz] = merged
        for x in merged.nodes:
            home[x] = cz
        for cw in sorted({home[y] for x in merged.nodes for y in graph.partners[x]} - {cz}):
            _push(heap, graph, clusters, cz, cw)
    return _claims(graph, clusters.values())


def _push(heap: list, graph: _Graph, clusters: dict[int, _Cluster], cx: int, cy: int) -> None:
    gain = _gain(graph, clusters[cx], clusters[cy])
    if gain is not None and gain > 0:
        first = min(clusters[cx].nodes[0], clusters[cy].nodes[0])
        heapq.heappush(heap, (-gain, first, cx, cy))


def _gain(graph: _Graph, x: _Cluster, y: _Cluster) -> float | None:
    """Total weight between two clusters, or None when merging them breaks a constraint."""
    for source, nodes in x.by_source.items():
        other = y.by_source.get(source)
        if other and any((min(u, v), max(u, v)) not in graph.together for u in nodes for v in other):
            return None
    total = 0.0
    for u in x.nodes:
        su = graph.source[u]
        for v in y.nodes:
            if graph.source[v] != su:
                total += graph.weight(u, v)
    return total


def _merge(x: _Cluster, y: _Cluster) -> _Cluster:
    nodes = sorted(x.nodes + y.nodes)
    by_source: dict[int, list[int]] = {}
    for source, group in (*x.by_source.items(), *y.by_source.items()):
        by_source.setdefault(source, []).extend(group)
    return _Cluster(nodes, by_source)


def _claims(graph: _Graph, clusters) -> list[Claim]:
    out: list[Claim] = []
    for cluster in clusters:
        out.append({s: tuple(sorted(n - graph.offset[s] for n in nodes))
                    for s, nodes in sorted(cluster.by_source.items())})
    out.sort(key=lambda claim: min((s, ids[0]) for s, ids in claim.items()))
    return out
