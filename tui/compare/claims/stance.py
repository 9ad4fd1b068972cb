"""Stance in a link: a claim negated on one side, or told with another certainty
(suggested vs claimed, may vs will, "agreed to seek" vs "agreed to")."""

from __future__ import annotations

from ..lexicon import (
    AIM_VERBS,
    ASSERTIVE_VERBS,
    DEFINITE_MODALS,
    HEDGED_MODALS,
    HEDGED_VERBS,
    NEGATION_PHRASES,
    NEGATIONS,
)
from ..model import Change
from ..normalise import Token
from .context import Side, Span, change


def _negated(side: Side) -> tuple[dict[str, Span], int]:
    """Content key -> span of 'cue … word' for every word a negation cue scopes over, and the
    number of cues."""
    toks = side.tokens
    out: dict[str, Span] = {}
    cues = 0
    i = 0
    while i < len(toks):
        low = toks[i].surface.lower()
        width = 0
        if toks[i].key == "not" or low in NEGATIONS:
            width = 1
        elif low in _NEGATION_FIRST:
            for phrase in NEGATION_PHRASES:
                n = len(phrase)
                if tuple(t.surface.lower() for t in toks[i : i + n]) == phrase:
                    width = n
                    break
        if width:
            cues += 1
            prev_end = toks[i + width - 1].end
            for t in toks[i + width : i + width + 4]:
                if any(ch in ",;:.!?—–()" for ch in side.text[prev_end : t.start]):
                    break  # a negation does not reach past the end of its clause
                if t.content and t.key != "not":
                    out.setdefault(t.key, (toks[i].start, t.end))
                    break
                prev_end = t.end
            i += width
        else:
            i += 1
    return out, cues


_NEGATION_FIRST = {phrase[0] for phrase in NEGATION_PHRASES}


def negation_changes(L: Side, R: Side) -> list[Change]:
    """A word negated on one side and affirmed on the other, when the sides do not negate
    equally often ("tell no man" vs "tell no one" is the same claim)."""
    ln, lcues = _negated(L)
    rn, rcues = _negated(R)
    if lcues == rcues:
        return []
    changes: list[Change] = []
    for key, span in ln.items():
        if key in R.keys and key not in rn:
            t = next(t for t in R.tokens if t.key == key)
            changes.append(change("negation", L, R, span, t.span))
    for key, span in rn.items():
        if key in L.keys and key not in ln:
            t = next(t for t in L.tokens if t.key == key)
            changes.append(change("negation", L, R, t.span, span))
    return changes[:1] + [c for c in changes[1:] if c.left != changes[0].left]


def certainty_changes(L: Side, R: Side) -> list[Change]:
    changes: list[Change] = []
    for hedged, firm in ((HEDGED_VERBS, ASSERTIVE_VERBS), (HEDGED_MODALS, DEFINITE_MODALS)):
        lh = [t for t in L.tokens if t.surface.lower() in hedged]
        rh = [t for t in R.tokens if t.surface.lower() in hedged]
        lf = [t for t in L.tokens if t.surface.lower() in firm]
        rf = [t for t in R.tokens if t.surface.lower() in firm]
        lhk = {t.surface.lower() for t in lh}
        rhk = {t.surface.lower() for t in rh}
        if lh and not rh and rf and not lhk & rhk:
            changes.append(change("certainty", L, R, lh[0].span, rf[0].span))
        elif rh and not lh and lf:
            changes.append(change("certainty", L, R, lf[0].span, rh[0].span))
    la, ra = _aims(L), _aims(R)
    if bool(la) != bool(ra):
        # "agreed to seek a ceasefire" vs "agreed to a ceasefire": an aim is not a deed.
        changes.append(change("certainty", L, R, la[0].span if la else None, ra[0].span if ra else None,
                               "an aim on one side, a fact on the other"))
    return changes


def _aims(side: Side) -> list[Token]:
    """Aim verbs used as such: 'to seek …', 'seeks to …'."""
    toks = side.tokens
    out = []
    for i, t in enumerate(toks):
        if t.surface.lower() in AIM_VERBS:
            before = toks[i - 1].surface.lower() if i > 0 else ""
            after = toks[i + 1].surface.lower() if i + 1 < len(toks) else ""
            if before == "to" or after == "to":
                out.append(t)
    return out
