"""Speed work must not move quality: the quick set of ``bench/quality.py`` (every gold pair, their
coverage grouping, Mark) against the figures stored in ``bench/quality_figures.json``, to two
decimals. The New Testament and MSRP take about a minute: ``python bench/quality.py`` checks them."""

from __future__ import annotations

import importlib.util
import json

import pytest

from .conftest import BIBLE, ROOT, SHARED, needs_bible, needs_shared


def _quality():
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STORED = json.loads((ROOT / "bench" / "quality_figures.json").read_text(encoding="utf-8"))


def test_moved_reports_a_figure_that_changed_in_the_second_decimal():
    quality = _quality()
    assert quality.moved({"x": 0.8421}, {"x": 0.8449}) == []
    assert quality.moved({"x": 0.8421}, {"x": 0.8341}) == ["x: 0.8341, stored 0.8421"]
    assert quality.moved({}, {"x": 0.5}) == ["x: 0.5000, no stored figure"]


@needs_shared
@pytest.mark.parametrize("name", ["gold", "coverage"])
def test_gold_pairs_and_their_grouping_as_stored(name):
    quality = _quality()
    measured = quality.MEASURE[name](SHARED)
    assert len(measured) >= 16
    assert quality.moved(STORED, measured) == []


@needs_bible
def test_mark_as_stored():
    quality = _quality()
    measured = quality.MEASURE["mark"](BIBLE.parent.parent)
    assert set(measured) == {f"mark {m}" for m in quality.BIBLE_MEASURES}
    assert quality.moved(STORED, measured) == []
