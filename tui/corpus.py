"""Where the bundled sample corpus lives, installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# The pair a new user sees first: one wire story and a rewrite of it.
DEFAULT_PAIR = ("02-ap-story-western-journal.txt", "04-ap-story-rewritten.txt")


def sample_corpus_dir() -> Path:
    try:
        path = Path(str(resources.files("tui.sample_corpus")))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "sample_corpus"


def sample_files() -> list[Path]:
    return sorted(p for p in sample_corpus_dir().glob("*.txt"))


def default_pair() -> tuple[Path, Path]:
    d = sample_corpus_dir()
    return d / DEFAULT_PAIR[0], d / DEFAULT_PAIR[1]
