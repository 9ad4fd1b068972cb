"""Purpose clauses: "traveled to Moscow to speak with Putin" against "traveled to Russia to
bring home a prisoner" is one kind of act told for two purposes, so two events, not one claim
told two ways. A purpose is an infinitive ("to" and a lower-case content word) and the words
after it up to the end of its clause."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .lexicon import STOP_WORDS
from .normalise import Token

_CLAUSE_END = frozenset(",;:.!?—–()\"“”")
MAX_WORDS = 6
# Words this close in meaning (cosine of their vectors) tell the same purpose: save/reduce.
RELATED = 0.25


@dataclass(frozen=True, slots=True)
class Purpose:
    keys: frozenset[str]  # the keys of its lower-case words
    words: tuple[str, ...]  # those words as written, lower-cased


def purposes(text: str, tokens: list[Token]) -> list[Purpose]:
    """The purpose clauses of a sentence."""
    out = []
    keys = [t.key for t in tokens]
    i = -1
    while True:
        try:  # every "to" has this key: looked for first, for less than testing every token
            i = keys.index("to", i + 1, len(tokens) - 1)
        except ValueError:
            return out
        found = _purpose_at(text, tokens, i)
        if found is not None:
            out.append(found)


def _purpose_at(text: str, tokens: list[Token], i: int) -> Purpose | None:
    """The purpose clause that the "to" of ``tokens[i]`` starts, if it starts one."""
    t, verb = tokens[i], tokens[i + 1]
    low = verb.low
    if t.low != "to" or not verb.content or verb.number is not None or not verb.surface[:1].islower():
        return None
    if low in STOP_WORDS or (low.endswith("ing") and len(low) > 5) or _plural_noun(low):
        return None  # "to Moscow", "to the", "close to securing", "told to reporters" are no purposes
    run = [verb]
    prev = verb.end
    for u in tokens[i + 2 : i + 2 + MAX_WORDS]:
        if u.low == "to" or not _CLAUSE_END.isdisjoint(text[prev : u.start]):
            break
        if u.content:
            run.append(u)
        prev = u.end
    # Only its lower-case words tell a purpose: a name in it ("to speak with Putin") says who
    # the act is with, and the other sentence may name that person for another reason.
    said = [u for u in run if u.surface[:1].islower()]
    return Purpose(frozenset([u.key for u in said]), tuple([text[u.start : u.end].lower() for u in said]))


def _plural_noun(word: str) -> bool:
    """A word ending in a plural "s" ("reporters", "officials"): a verb's bare form, which a
    purpose starts with, ends in "s" only after "s", "u", "a" or "i" (discuss, focus, bias)."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "as", "is"))


def lower_words(text: str, tokens: list[Token]) -> list[str]:
    return [text[t.start : t.end].lower() for t in tokens if t.content and t.surface[:1].islower()]


Words = list[str] | Callable[[], list[str]]


def different_purposes(left: list[Purpose], lkeys: set[str], lwords: Words,
                       right: list[Purpose], rkeys: set[str], rwords: Words,
                       similarity: Callable[[list[str], list[str]], float] | None = None) -> bool:
    """Both sentences have a purpose the other sentence says nothing of (by key, or by a word
    close in meaning when ``similarity`` gives the best cosine between two word lists).
    ``lwords``/``rwords``: each sentence's ``lower_words``, or a function that makes them
    (called only when a purpose's words are to be compared with them)."""
    def told(p: Purpose, keys: set[str], words: Words) -> bool:
        if p.keys & keys:
            return True
        if similarity is None or not p.words:
            return False
        words = words() if callable(words) else words
        return bool(words) and similarity(list(p.words), words) >= RELATED

    return (any(not told(p, rkeys, rwords) for p in left)
            and any(not told(p, lkeys, lwords) for p in right))
