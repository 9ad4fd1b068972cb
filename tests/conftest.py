"""Shared fixtures: where the sample corpus and the (optional) shared evaluation data live,
and a hermetic environment (no test touches the user's data or cache folders)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample_corpus"
# SIDEBYSIDE_SHARED points at the evaluation data when it is not beside the repository.
SHARED = Path(os.environ.get("SIDEBYSIDE_SHARED") or ROOT.parent / "shared")
GOLD = SHARED / "gold"
BIBLE = SHARED / "bench" / "bible"

AP = CORPUS / "02-ap-story-western-journal.txt"
AP_REWRITE = CORPUS / "04-ap-story-rewritten.txt"
FOX = CORPUS / "01-livenow-fox-explainer.txt"

needs_shared = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared (gold alignments) is not present")
needs_bible = pytest.mark.skipif(not BIBLE.is_dir(), reason="../shared/bench/bible is not present")


@pytest.fixture(scope="module")
def ap_pair():
    """The wire story against its rewrite: the sample pair the reader opens on."""
    from tui.compare import compare_files

    return compare_files(AP, AP_REWRITE)


@pytest.fixture(scope="module")
def fox_pair():
    """Two outlets: the explainer against the wire story."""
    from tui.compare import compare_files

    return compare_files(FOX, AP)


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory, monkeypatch):
    """Point every per-user folder at a temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SIDEBYSIDE_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))


@pytest.fixture
def pair(tmp_path):
    """Copies of the wire story and its rewrite that a test may edit."""
    import shutil

    left, right = tmp_path / "ap.txt", tmp_path / "ap-rewrite.txt"
    shutil.copy(AP, left)
    shutil.copy(AP_REWRITE, right)
    return left, right
