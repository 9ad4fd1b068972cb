"""No function in the code (``tui/``, ``bench/``, ``scripts/``) is over 50 lines unless it is a table (issue 9): a check a
tool makes, not a reviewer's count. A function's length runs from its ``def`` line to its last
line, docstring and comments included; methods and nested functions are measured on their own.
A table that must stay whole goes on ``TABLES`` with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

LIMIT = 50

# "path/to/module.py:Qualified.name" -> why it may be longer than LIMIT lines. Only tables
# (one entry a line, nothing to split out); an entry whose function is gone or short fails.
TABLES: dict[str, str] = {}


def long_functions(root: Path, limit: int = LIMIT) -> dict[str, int]:
    """Every function under ``root`` longer than ``limit`` lines: "file:qualname" -> lines."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(root.parent).as_posix()

        def visit(node: ast.AST, prefix: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = f"{prefix}{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        lines = child.end_lineno - child.lineno + 1  # type: ignore[operator]
                        if lines > limit:
                            found[f"{where}:{name}"] = lines
                    visit(child, f"{name}.")
                else:
                    visit(child, prefix)

        visit(tree, "")
    return found


def test_no_function_in_the_code_is_over_50_lines_unless_it_is_a_table():
    found = {}
    for folder in ("tui", "bench", "scripts"):  # the code, its benchmarks and its tools
        found |= long_functions(ROOT / folder)
    too_long = {name: n for name, n in found.items() if name not in TABLES}
    assert not too_long, f"functions over {LIMIT} lines (split them, or list a table in TABLES): {too_long}"
    stale = sorted(set(TABLES) - set(found))
    assert not stale, f"on TABLES but no longer over {LIMIT} lines (take them off): {stale}"


def test_the_check_finds_a_long_method_and_a_nested_function(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT - 1))  # def line + 49 = exactly LIMIT
    (pkg / "ok.py").write_text(f"def fits():\n{body}\n")
    nested = "\n".join(f"            y{i} = {i}" for i in range(LIMIT))  # def line + 50 = LIMIT + 1
    (pkg / "long.py").write_text(f"class Reader:\n    def act(self):\n        def inner():\n{nested}\n")
    assert long_functions(pkg.parent / "pkg") == {
        "pkg/long.py:Reader.act": LIMIT + 2,
        "pkg/long.py:Reader.act.inner": LIMIT + 1,
    }


def test_no_module_of_the_ui_folder_is_over_about_500_lines():
    """Issue 9: a screen that grows past this is split by what its parts do, as the reader was."""
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "tui" / "ui").rglob("*.py")}
    assert sizes and not {p: n for p, n in sizes.items() if n > 500}
