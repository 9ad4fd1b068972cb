"""Inputs of any size for the speed and memory benches, from the New Testament pair (KJV, WEB).

A size below the whole is its first chapters; a size above it adds rewritten copies, never a
verbatim repeat (a repeat would make every sentence a duplicate, which the aligner treats as
its own case). A copy is rewritten the same way on both sides: in every word that is not a
function word, number word or lexicon entry, the first letter (and from the 26th copy on the
second letter too) is shifted through the alphabet, case kept ("believeth" -> "celieveth",
"believes" -> "celieves"). Endings survive, so stemming and the KJV/WEB spelling pairs work as
in the original; the vocabulary of each copy is new, as in another book of the same kind.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare.lexicon import ARCHAIC, STOP_WORDS, TENS, UNITS, VARIANTS  # noqa: E402

BIBLE = ROOT.parent / "shared" / "bench" / "bible"
_WORD = re.compile(r"[A-Za-z]+")
_KEEP = STOP_WORDS | set(ARCHAIC) | set(VARIANTS) | set(UNITS) | set(TENS)


def chapters(bible: Path = BIBLE) -> tuple[list[str], list[str]]:
    """The chapters of each side (one paragraph each), the same number on both."""
    kjv = (bible / "nt.kjv.txt").read_text(encoding="utf-8").split("\n\n")
    web = (bible / "nt.web.txt").read_text(encoding="utf-8").split("\n\n")
    n = min(len(kjv), len(web))
    return kjv[:n], web[:n]


def _shift(ch: str, k: int) -> str:
    base = ord("A") if ch.isupper() else ord("a")
    return chr(base + (ord(ch) - base + k) % 26)


def rewrite(text: str, copy: int) -> str:
    """Copy number ``copy`` (1, 2, ...) of ``text`` with its words rewritten (see the module)."""
    first, second = copy % 25 + 1, copy // 25

    def word(m: re.Match) -> str:
        w = m.group()
        if w.lower() in _KEEP or len(w) < 3:
            return w
        out = _shift(w[0], first) + (_shift(w[1], second) if second else w[1]) + w[2:]
        return out

    return _WORD.sub(word, text)


def pair_of_size(chars: int, bible: Path = BIBLE) -> tuple[str, str]:
    """Left and right texts of about ``chars`` characters together: whole chapters of the
    original first, then of rewritten copies, cut at the same chapter on both sides."""
    kjv, web = chapters(bible)
    left: list[str] = []
    right: list[str] = []
    size = copy = 0
    while size < chars:
        for a, b in zip(kjv, web):
            if size >= chars:
                break
            if copy:
                a, b = rewrite(a, copy), rewrite(b, copy)
            left.append(a)
            right.append(b)
            size += len(a) + len(b) + 4
        copy += 1
    return "\n\n".join(left), "\n\n".join(right)


def whole_size(bible: Path = BIBLE) -> int:
    kjv, web = chapters(bible)
    return sum(len(a) + len(b) + 4 for a, b in zip(kjv, web))


def write_pair(folder: Path, chars: int, bible: Path = BIBLE) -> tuple[str, str]:
    """``pair_of_size(chars)`` written to two files in ``folder`` (their paths): the benches make
    an input beforehand and have a fresh process read it, as the command reads its files."""
    paths = tuple(str(Path(folder) / f"{chars}.{side}.txt") for side in ("left", "right"))
    for path, text in zip(paths, pair_of_size(chars, bible)):
        Path(path).write_text(text, encoding="utf-8")
    return paths
