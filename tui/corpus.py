"""Where the bundled sample corpus lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

# The pair a new user sees first: one wire story and a rewrite of it.
DEFAULT_PAIR = ("02-ap-story-western-journal.txt", "04-ap-story-rewritten.txt")


def sample_corpus_dir() -> Path:
    # Installed, the corpus is the package ``tui.sample_corpus`` next to this module; in a
    # checkout it is ``sample_corpus/`` at the top of the repository. (``tui.sample_corpus``
    # has no __init__.py, so ``resources.files`` gives a MultiplexedPath whose str() is not a
    # path: do not go through it.)
    here = Path(__file__).resolve().parent
    for path in (here / "sample_corpus", here.parent / "sample_corpus"):
        if path.is_dir():
            return path
    return here.parent / "sample_corpus"


def sample_files() -> list[Path]:
    return sorted(p for p in sample_corpus_dir().glob("*.txt"))


def default_pair() -> tuple[Path, Path]:
    d = sample_corpus_dir()
    return d / DEFAULT_PAIR[0], d / DEFAULT_PAIR[1]
