"""Word-level diff inside an aligned pair, on comparison keys, with character spans on both sides.

Punctuation and spelling variants never show as changes (the diff runs on keys). Words that
one side has in another place are ``moved``, not deleted and inserted; a stretch of small
words only ("on", "the", "was" for "is") is ``minor``. Negations, modals and quantifiers are
never minor.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from .lexicon import DEFINITE_MODALS, HEDGED_MODALS, NEGATIONS
from .model import WordOp
from .normalise import Token


# Beyond this many token pairs a word diff costs more than it tells (a "sentence" that is a
# whole unpunctuated file); the pair is then shown as one replaced stretch.
MAX_DIFF_CELLS = 4_000_000


def word_diff(left: list[Token], right: list[Token]) -> list[WordOp]:
    if len(left) * len(right) > MAX_DIFF_CELLS:
        return [WordOp("replace", (left[0].start, left[-1].end), (right[0].start, right[-1].end))]
    lkeys = [t.key for t in left]
    rkeys = [t.key for t in right]
    sm = SequenceMatcher(None, lkeys, rkeys, autojunk=False)
    ops: list[WordOp] = []
    lcount = Counter(lkeys)
    rcount = Counter(rkeys)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        lspan = (left[i1].start, left[i2 - 1].end) if i2 > i1 else None
        rspan = (right[j1].start, right[j2 - 1].end) if j2 > j1 else None
        if tag == "equal":
            ops.append(WordOp("equal", lspan, rspan))
            continue
        if _minor(left[i1:i2]) and _minor(right[j1:j2]):
            ops.append(WordOp("minor", lspan, rspan))
        elif tag == "delete" and _all_elsewhere(left[i1:i2], rcount):
            ops.append(WordOp("moved", lspan, None))
        elif tag == "insert" and _all_elsewhere(right[j1:j2], lcount):
            ops.append(WordOp("moved", None, rspan))
        else:
            ops.append(WordOp(tag, lspan, rspan))
    return ops


_MEANINGFUL_SMALL_WORDS = NEGATIONS | HEDGED_MODALS | DEFINITE_MODALS | {"not", "each", "only", "all", "no"}


def _minor(tokens: list[Token]) -> bool:
    """Only small words ("on", "the", "was"/"is") that do not turn the claim: not worth a highlight."""
    return all(not t.content and t.number is None and t.surface.lower() not in _MEANINGFUL_SMALL_WORDS
               and t.key not in _MEANINGFUL_SMALL_WORDS for t in tokens)


def _all_elsewhere(tokens: list[Token], other: Counter[str]) -> bool:
    content = [t for t in tokens if t.content]
    return bool(content) and all(other[t.key] > 0 for t in content)


def changed_tokens(left: list[Token], right: list[Token]) -> tuple[list[Token], list[Token]]:
    """Content tokens whose key the other side does not have at all."""
    lkeys = {t.key for t in left}
    rkeys = {t.key for t in right}
    return (
        [t for t in left if t.content and t.key not in rkeys],
        [t for t in right if t.content and t.key not in lkeys],
    )
