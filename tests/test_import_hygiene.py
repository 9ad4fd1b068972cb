"""The engine, the exporters and the report path never import Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

import pytest


HEADLESS = [
    "tui.compare", "tui.sources", "tui.evaluate", "tui.export", "tui.export.html", "tui.export.jsonld",
    "tui.export.files", "tui.store.paths", "tui.store.anchors", "tui.store.annotations",
    "tui.store.comparisons", "tui.store.corrections", "tui.session", "tui.reading_order",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_do_not_load_textual(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_json_report_does_not_load_textual(tmp_path):
    from .conftest import AP, AP_REWRITE

    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main([{str(AP)!r}, {str(AP_REWRITE)!r}, '--format', 'json', '--output', {str(tmp_path / 'r.json')!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
