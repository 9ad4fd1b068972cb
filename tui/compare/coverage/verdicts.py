"""How each member of a claim tells it, against the claim's reference wording.

The reference is the base source when it carries the claim, else the first source (in
argument order) that does. A member's verdict and typed changes come from the engine's link
between the reference's sentences and the member's in their pairwise comparison; when that
comparison has no link of exactly those sentences (the grouping joined them through other
sources, or grouped them a little differently), the engine judges those sentences now, as it
judges a link a user makes.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import judge_pair
from ..model import Link
from .grouping import Group
from .model import Claim, ClaimChange
from .pairs import PairCache, mirror_link


def judge_groups(pairs: PairCache, i: int, group_i: Group, j: int, group_j: Group) -> Link:
    """The engine's link between these sentences of source ``i`` (left) and of ``j`` (right)."""
    a, b = (i, j) if i < j else (j, i)
    ga, gb = (group_i, group_j) if i < j else (group_j, group_i)
    pairs.get(a, b)  # computed if missing
    stored = pairs.stored(a, b)
    link = next((x for x in stored.links if x.left == ga and x.right == gb), None)
    if link is None:
        link = judge_pair(stored, ga, gb, origin="engine")
    return link if i < j else mirror_link(link)


def reference_of(members: dict[int, Group], base: int) -> int:
    return base if base in members else min(members)


def build_claim(claim_id: int, members: dict[int, Group], base: int, pairs: PairCache) -> Claim:
    ref = reference_of(members, base)
    verdicts: dict[int, str] = {ref: "reference"}
    changes: dict[int, list[ClaimChange]] = {}
    scores: dict[int, float] = {ref: 1.0}
    for k, group in sorted(members.items()):
        if k == ref:
            continue
        link = judge_groups(pairs, ref, members[ref], k, group)
        verdicts[k] = link.kind
        scores[k] = link.score
        found = [ClaimChange(c.type, c.right_text, c.left_text, c.right, c.left, c.note) for c in link.changes]
        if found:
            changes[k] = found
    return Claim(claim_id, ref, dict(sorted(members.items())), dict(sorted(verdicts.items())), changes, scores)


def build_claims(groups: Sequence[dict[int, Group]], rows: Sequence[int], base: int, pairs: PairCache) -> list[Claim]:
    """Claims in row order (``rows``: indexes into ``groups``), numbered by row."""
    return [build_claim(n, groups[g], base, pairs) for n, g in enumerate(rows)]
