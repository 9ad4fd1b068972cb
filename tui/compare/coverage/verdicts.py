"""How each member of a claim tells it, against the claim's reference wording.

The reference is the base source when it carries the claim, else the first source (in
argument order) that does. A member's verdict and typed changes come from the engine's link
between the reference's sentences and the member's in their pairwise comparison; when that
comparison has no link of exactly those sentences (the grouping joined them through other
sources, or grouped them a little differently), the engine judges those sentences now, as it
judges a link a user makes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Executor

from ..model import Link
from .grouping import Group
from .model import Claim, ClaimChange
from .pairs import PairCache


def reference_of(members: dict[int, Group], base: int) -> int:
    return base if base in members else min(members)


def build_claims(groups: Sequence[dict[int, Group]], rows: Sequence[int], base: int, pairs: PairCache,
                 pool: Executor | None = None) -> list[Claim]:
    """Claims in row order (``rows``: indexes into ``groups``), numbered by row."""
    requests = []
    for g in rows:
        members = groups[g]
        ref = reference_of(members, base)
        requests += [(ref, members[ref], k, members[k]) for k in sorted(members) if k != ref]
    links = iter(pairs.judge_many(requests, pool))
    return [_claim(n, groups[g], reference_of(groups[g], base), links) for n, g in enumerate(rows)]


def _claim(claim_id: int, members: dict[int, Group], ref: int, links: Iterator[Link]) -> Claim:
    verdicts: dict[int, str] = {ref: "reference"}
    changes: dict[int, list[ClaimChange]] = {}
    scores: dict[int, float] = {ref: 1.0}
    for k in sorted(members):
        if k == ref:
            continue
        link = next(links)
        verdicts[k] = link.kind
        scores[k] = link.score
        found = [ClaimChange(c.type, c.right_text, c.left_text, c.right, c.left, c.note) for c in link.changes]
        if found:
            changes[k] = found
    return Claim(claim_id, ref, dict(sorted(members.items())), dict(sorted(verdicts.items())), changes, scores)
