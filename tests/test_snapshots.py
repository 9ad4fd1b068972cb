"""Snapshots of the main views at 80×24, the size where layout goes wrong first, with a fixed
theme (pytest-textual-snapshot).

Regenerate with ``pytest tests/test_snapshots.py --snapshot-update`` after a deliberate change
to the look (or to the engine's verdicts on the sample pair), and look at the report first.
"""

from __future__ import annotations

from .snapshot_app import CoverageSnapshotApp, SnapshotApp

SIZE = (80, 24)


def test_main_screen(snap_compare):
    assert snap_compare(SnapshotApp(), terminal_size=SIZE)


def test_detail_panel(snap_compare):
    assert snap_compare(SnapshotApp(), press=["d", "i"], terminal_size=SIZE)


def test_help_screen(snap_compare):
    assert snap_compare(SnapshotApp(), press=["question_mark"], terminal_size=SIZE)


def test_picker(snap_compare):
    assert snap_compare(SnapshotApp(picker=True), terminal_size=SIZE)


def test_coverage_view_80x24(snap_compare):
    assert snap_compare(CoverageSnapshotApp(), press=["d"], terminal_size=(80, 24))


def test_coverage_view_160x48(snap_compare):
    assert snap_compare(CoverageSnapshotApp(), press=["d", "l", "l"], terminal_size=(160, 48))
