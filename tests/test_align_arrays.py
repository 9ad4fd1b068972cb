"""The aligner's array shortcuts give the very floats of the plain code they replace (its output
must not move by a rounding): many sentence-vector cosines at once, against one at a time."""

from __future__ import annotations

import numpy as np

from tui.compare.align import _dots


def test_cosines_at_once_are_the_cosines_one_at_a_time():
    rng = np.random.default_rng(7)
    left = rng.standard_normal((40, 256)).astype(np.float32)
    right = rng.standard_normal((50, 256)).astype(np.float32)
    left /= np.linalg.norm(left, axis=1, keepdims=True)
    right /= np.linalg.norm(right, axis=1, keepdims=True)
    for n in (1, 7, 300):
        a, b = rng.integers(0, 40, n), rng.integers(0, 50, n)
        one_by_one = [float(left[x] @ right[y]) for x, y in zip(a.tolist(), b.tolist())]
        assert _dots(left[a], right[b]).tolist() == one_by_one
