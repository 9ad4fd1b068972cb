"""The words and marks for what sidebyside finds, defined once: verdicts, the kinds of stop
the jump keys visit, the types of change, their glyphs, labels and colour names, and how a
place in the two texts is written ("left 1, 2 ↔ right 3", numbers from 1).

The reader, the exports, the store and the command line all take them from here, so a mark
or a word cannot differ between the screen and a report.
"""

from __future__ import annotations

from typing import Iterable, Literal, get_args

from .compare.model import CHANGE_TYPES, SIDES, VERDICTS, Side  # noqa: F401  (the engine's own names)

Verdict = Literal["match", "differ"]  # of a link
LINK_VERDICTS: tuple[Verdict, ...] = get_args(Verdict)

StopKind = Literal["match", "differ", "only-left", "only-right"]  # a link, or a sentence in no link
STOP_KINDS: tuple[StopKind, ...] = get_args(StopKind)
JumpKind = Literal["diff", "differ", "only-left", "only-right", "match"]  # "diff": anything but a match
JUMP_KINDS: tuple[JumpKind, ...] = get_args(JumpKind)

Mark = Literal["match", "differ", "only"]  # what a sentence shows (the engine's VERDICTS)
ChangeType = Literal["number", "date", "entity", "attribution", "negation", "certainty", "quote", "detail"]

GLYPHS: dict[Mark, str] = {"match": "=", "differ": "≠", "only": "+"}
MAP_MARKS: dict[Mark, str] = {"match": "│", "only": "▌", "differ": "█"}  # the change maps
CONTINUED = "┊"           # a line that goes on with the sentence above
CONTINUED_CURRENT = "┃"   # ... of the current link (visible without colour)
NOTE_MARK = "✎"           # a sentence with a note
USER_MARK = "*"           # a link the user made or corrected
ARROW = "↔"
COUNTED_KINDS = ("differ", "only-left", "only-right", "match")  # the status line's counts, in its order


def pair_title(left: str, right: str) -> str:
    """Two names (or paths) of one comparison, left first: ``a ↔ b``."""
    return f"{left} {ARROW} {right}"

LABELS: dict[Mark, str] = {"match": "match", "differ": "differ", "only": "only in one source"}  # the reports' legend
MEANINGS: dict[Mark, str] = {
    "match": "the other text says the same (perhaps in other words)",
    "differ": "the same claim with a difference; changed words are highlighted",
    "only": "only this text says it",
}
# A source's verdict on a claim (the coverage view and reports): the reference wording, the
# same, different, or (a claim of one source) only this source; no glyph where it is absent.
CellKind = Literal["reference", "match", "differ", "only"]
REFERENCE_MARK = "●"
CELL_GLYPHS: dict[CellKind, str] = {"reference": REFERENCE_MARK, "match": GLYPHS["match"],
                                    "differ": GLYPHS["differ"], "only": GLYPHS["only"]}
CELL_LABELS: dict[CellKind, str] = {"reference": "the reference wording", "match": "same as the reference",
                                    "differ": "carries it with a difference", "only": "only this source"}
COLOUR_VARIABLES: dict[Mark, str] = {"match": "match-colour", "differ": "differ-colour", "only": "only-colour"}

# How a stop's kind is named: in messages ("no more only-left sentences") and the status line.
KIND_NAMES: dict[JumpKind, str] = {"diff": "difference", "differ": "differ", "only-left": "only-left sentence",
                                   "only-right": "only-right sentence", "match": "match"}
SHORT_KIND: dict[StopKind, str] = {"differ": "≠", "only-left": "+L", "only-right": "+R", "match": "="}

CHANGE_NAMES: dict[ChangeType, str] = {
    "number": "number", "date": "date/time", "entity": "name", "attribution": "attribution",
    "negation": "negation", "certainty": "certainty", "quote": "quote on one side only",
    "detail": "detail on one side only",
}


def mark_of(kind: str) -> Mark:
    """The mark of a verdict or stop kind: ``only-left`` and ``only-right`` are ``only``."""
    return "only" if kind.startswith("only") else kind  # type: ignore[return-value]


def glyph(kind: str) -> str:
    return GLYPHS[mark_of(kind)]


def numbers(ids: Iterable[int]) -> str:
    """Sentence ids as the user counts them: ``(0, 1)`` is ``1, 2``."""
    return ", ".join(str(i + 1) for i in ids)


def on_side(side: str, ids: Iterable[int]) -> str:
    """``left 4`` or ``right 5, 6``."""
    return f"{side} {numbers(ids)}"


def where(left: Iterable[int], right: Iterable[int]) -> str:
    """``left 4 ↔ right 5, 6``; one side alone when the other is empty; else orphaned."""
    parts = [on_side(side, ids) for side, ids in (("left", tuple(left)), ("right", tuple(right))) if ids]
    return f" {ARROW} ".join(parts) if parts else "nowhere (orphaned)"


def plural(word: str, n: int = 2) -> str:
    """``word`` as said of ``n`` things: sentence → sentences, match → matches (one
    helper, so no screen or report says "1 sentences" or "2 matchs")."""
    if n == 1:
        return word
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def count(n: int, word: str) -> str:
    """``1 sentence``, ``46 sentences``, ``0 notes``."""
    return f"{n} {plural(word, n)}"


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with
    ``…`` when it was cut (a word longer than ``limit`` is cut inside)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    if text[len(cut)] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def nothing_to_jump_to(kind: JumpKind, direction: int, any_of_kind: bool, from_cursor: bool, reading: str) -> str:
    """What a jump key says when there is nowhere to go. A sentence only one text has is named
    by that text ("sentences only the right text has"), whichever pane is being read."""
    where = "below" if direction > 0 else "above"
    if kind in ("only-left", "only-right"):
        side = kind.removeprefix("only-")
        if not any_of_kind:
            return f"the {side} text has no sentence the other lacks"
        return f"{'no more' if from_cursor else 'no'} sentences only the {side} text has {where}"
    name = plural(KIND_NAMES[kind])
    if not any_of_kind:
        return f"the texts have no {name}"
    return f"{'no more' if from_cursor else 'no'} {name} {where} in the {reading} text"
