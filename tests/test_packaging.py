"""Packaging: every package under tui/ is listed in pyproject, and the sample corpus ships."""

from __future__ import annotations

import tomllib

from tui.corpus import DEFAULT_PAIR, sample_files

from .conftest import ROOT


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "tui").rglob("__init__.py")
    }
    assert found <= listed
    assert "tui.sample_corpus" in listed


def test_sample_corpus_has_the_five_articles():
    names = [p.name for p in sample_files()]
    assert len(names) == 5
    assert set(DEFAULT_PAIR) <= set(names)


def test_sample_corpus_is_the_seed_articles_byte_for_byte():
    import hashlib

    import pytest

    from .conftest import SHARED

    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert sorted(digest(p) for p in sample_files()) == sorted(digest(p) for p in seeds.glob("*.txt"))


def test_sample_corpus_is_found_when_installed(tmp_path):
    """Installed, the corpus sits inside the package (site-packages/tui/sample_corpus)."""
    import shutil
    import subprocess
    import sys

    site = tmp_path / "site"
    (site / "tui").mkdir(parents=True)
    (site / "tui" / "__init__.py").write_text("")
    shutil.copy(ROOT / "tui" / "corpus.py", site / "tui" / "corpus.py")
    shutil.copytree(ROOT / "sample_corpus", site / "tui" / "sample_corpus")
    code = "from tui.corpus import sample_files, default_pair; print(len(sample_files()), default_pair()[0].is_file())"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert proc.stdout.split() == ["5", "True"], proc.stderr
