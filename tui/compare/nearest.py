"""The nearest of a sorted list of positions before or after a position: how the reader's
and the coverage view's jumps (next difference, next claim told by one source, ...) find
their stop."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def nearest(found: Sequence[int], position: int | None, direction: int) -> int | None:
    """The first of ``found`` after ``position`` (``direction`` > 0) or the last before it;
    from no position, the first or the last; None when there is none that way."""
    if not found:
        return None
    if position is None:
        return found[0] if direction > 0 else found[-1]
    if direction > 0:
        k = bisect.bisect_right(found, position)
        return found[k] if k < len(found) else None
    k = bisect.bisect_left(found, position) - 1
    return found[k] if k >= 0 else None
