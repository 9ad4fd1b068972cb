"""The array helpers of ``prepared`` give what the numpy set functions they stand in for give."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.prepared import _among, _first_of_runs

_VALUES = st.lists(st.integers(-(2**63), 2**63 - 1) | st.integers(-3, 3), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_VALUES, _VALUES)
def test_among_is_isin(values, pool):
    a, b = np.array(values, dtype=np.int64), np.array(pool, dtype=np.int64)
    assert _among(a, b).tolist() == np.isin(a, b).tolist()


@settings(max_examples=200, deadline=None)
@given(_VALUES)
def test_first_of_runs_picks_what_unique_gives(values):
    codes = np.sort(np.array(values, dtype=np.int64))
    assert codes[_first_of_runs(codes)].tolist() == np.unique(codes).tolist()
