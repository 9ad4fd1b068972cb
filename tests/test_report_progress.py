"""A report on a terminal says how far a long comparison is, on standard error, and wipes the
line when done; never when standard output or standard error is not a terminal, and never
inside the report."""

from __future__ import annotations

import io
import json

import pytest

from tui import progress
from tui.cli import main
from tui.progress import TerminalProgress, describe, fraction

from .conftest import AP, AP_REWRITE


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_fraction_runs_through_the_stages_in_order():
    from tui.compare.engine import STAGES

    seen = [fraction(stage, done, 4) for stage in STAGES for done in range(5)]
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 1
    assert describe("align", 1, 2) == "aligning the sentences (62%)"


def test_the_line_is_redrawn_in_place_and_wiped():
    out = Terminal()
    line = TerminalProgress(out, delay=0, rate=1e9)
    line("segment", 1, 2)
    line("judge", 10, 10)
    line.close()
    text = out.getvalue()
    assert text.count("\r\x1b[2K") == 3 and "finding the sentences (12%)" in text
    assert text.endswith("\r\x1b[2K") and "\n" not in text


def test_a_short_comparison_shows_nothing():
    out = Terminal()
    line = TerminalProgress(out, delay=60)
    line("segment", 0, 2)
    line.close()
    assert out.getvalue() == ""


@pytest.mark.parametrize("stdout_tty, stderr_tty", [(True, True), (False, True), (True, False)])
def test_the_report_shows_progress_only_on_a_terminal(monkeypatch, stdout_tty, stderr_tty):
    monkeypatch.setattr(progress, "DELAY", 0)
    out = Terminal() if stdout_tty else io.StringIO()
    err = Terminal() if stderr_tty else io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    assert main([str(AP), str(AP_REWRITE), "--format", "json"]) == 0
    report = json.loads(out.getvalue())  # the report holds no progress
    assert report["format"] == "sidebyside-comparison"
    if stdout_tty and stderr_tty:
        assert "sidebyside: finding the sentences" in err.getvalue()
        assert err.getvalue().endswith("\r\x1b[2K")  # wiped before the report is read
    else:
        assert err.getvalue() == ""


def test_the_engine_reports_each_stage_in_order_and_ends_complete():
    from tui.compare.engine import STAGES, compare_documents
    from tui.compare.load import load_document

    seen: list[tuple[str, int, int]] = []
    c = compare_documents(load_document(AP), load_document(AP_REWRITE), progress=lambda *a: seen.append(a))
    assert [s for s in dict.fromkeys(stage for stage, _, _ in seen)] == list(STAGES)
    assert all(0 <= done <= total for _, done, total in seen)
    fractions = [fraction(*call) for call in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1] == ("judge", len(c.links), len(c.links))
