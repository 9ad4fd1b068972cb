"""The shape of the code as rules a tool checks: the import-linter contracts in pyproject.toml
(only tui.ui imports textual or rich; the store never imports the exporters; the layers from
the command line down to the engine) hold, and a broken one is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .conftest import ROOT

LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def lint(cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LINT], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_import_contracts_are_kept():
    proc = lint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout


def test_a_module_outside_the_ui_folder_that_imports_textual_breaks_a_contract(tmp_path):
    shutil.copytree(ROOT / "tui", tmp_path / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "tui" / "store" / "bad.py").write_text("from textual.widgets import Static\nfrom ..export import render\n")
    proc = lint(tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "tui.store.bad -> textual" in proc.stdout
    assert "tui.store.bad -> tui.export" in proc.stdout


def test_the_readme_tree_names_every_folder_of_the_code():
    """README's "How the code is laid out" has one line per folder under tui/, and no more."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("```", 2)[1]
    stack: list[str] = []
    listed = set()
    for line in section.splitlines():
        m = re.match(r"^([│├└─\s]*)(\w+)/\s", line)
        if not m:
            continue
        depth = len(m.group(1)) // 4
        stack[depth:] = [m.group(2)]
        listed.add("/".join(stack))
    folders = {"/".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tui").rglob("*.py")}
    assert listed == folders


def test_the_vocabulary_types_name_what_the_engine_produces():
    from typing import get_args

    from tui.compare.model import CHANGE_TYPES, VERDICTS
    from tui.vocabulary import CHANGE_NAMES, GLYPHS, ChangeType, Mark

    assert get_args(ChangeType) == CHANGE_TYPES and set(CHANGE_NAMES) == set(CHANGE_TYPES)
    assert get_args(Mark) == VERDICTS and set(GLYPHS) == set(VERDICTS)
