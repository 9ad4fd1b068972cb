"""The store and the exporters are plain Python: importing them never loads Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["tui.store.anchors", "tui.store.annotations", "tui.store.comparisons", "tui.store.corrections",
           "tui.export.html", "tui.export.jsonld", "tui.export.notes", "tui.export.rows", "tui.export.text",
           "tui.export.files"]


def test_store_and_export_modules_do_not_load_textual_or_rich():
    code = (
        f"import sys, {', '.join(MODULES)}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
