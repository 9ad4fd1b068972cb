"""Where the coverage view's jump keys go, with no Textual here: the rows of a coverage report
in one order (reading order or most-carried first), and the nearest row of a kind.

Kinds: ``only`` (one source carries the claim), ``differ`` (the sources that carry it do not
all tell it alike), ``all`` (every source carries it).
"""

from __future__ import annotations

from ..nearest import nearest
from .model import Claim, Coverage

KINDS = ("only", "differ", "all")
ORDERS = ("rows", "by_count")
# What "differences" means in the coverage view (its ``n`` key and its filter): a claim the
# sources that carry it tell differently, or a claim only one source carries. A claim two or
# more sources tell alike is no difference, even where other sources leave it out.
DIFFERENCES = ("differ", "only")


def is_a(claim: Claim, kind: str, sources: int) -> bool:
    if kind == "only":
        return len(claim.members) == 1
    if kind == "differ":
        return claim.status == "differ"
    if kind == "all":
        return len(claim.members) == sources
    raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")


class ClaimRoute:
    """The claims in one order, with the lookups the jump keys need (positions are indexes
    into ``ids``, the claim ids in this order)."""

    def __init__(self, coverage: Coverage, order: str = "rows",
                 kind_filter: str | tuple[str, ...] | None = None) -> None:
        """``kind_filter``: keep only the claims of this kind (or of any of these kinds)."""
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r} (one of {', '.join(ORDERS)})")
        ids = [c.id for c in coverage.claims] if order == "rows" else list(coverage.by_count)
        n = len(coverage.documents)
        if kind_filter is not None:
            kinds = (kind_filter,) if isinstance(kind_filter, str) else kind_filter
            ids = [i for i in ids if any(is_a(coverage.claims[i], k, n) for k in kinds)]
        self.ids = ids
        self._position = {cid: p for p, cid in enumerate(ids)}
        self._by_kind = {kind: [p for p, cid in enumerate(ids) if is_a(coverage.claims[cid], kind, n)]
                         for kind in KINDS}

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, claim_id: int) -> int | None:
        return self._position.get(claim_id)

    def next(self, position: int | None, direction: int, kind: str) -> int | None:
        """The nearest position of ``kind`` after (``direction`` > 0) or before ``position``;
        None when there is none that way."""
        return nearest(self._by_kind[kind], position, direction)

    def count(self, kind: str) -> int:
        return len(self._by_kind[kind])
