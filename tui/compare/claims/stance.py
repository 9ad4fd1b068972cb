"""Stance in a link: a claim negated on one side, or told with another certainty
(suggested vs claimed, may vs will, "agreed to seek" vs "agreed to")."""

from __future__ import annotations

from ..lexicon import (
    AIM_VERBS,
    ASSERTIVE_VERBS,
    DENIAL_VERBS,
    DEFINITE_MODALS,
    HEDGED_MODALS,
    HEDGED_VERBS,
    NEGATION_PHRASES,
    NEGATIONS,
    REPORTING_VERBS,
)
from ..model import Change
from .context import Side, Span, change


def _negated(side: Side) -> tuple[dict[str, Span], int]:
    """Content key -> span of 'cue … word' for every word a negation cue scopes over, and the
    number of cues."""
    toks = side.tokens
    out: dict[str, Span] = {}
    cues = 0
    if "not" not in side.keys and side.lows.isdisjoint(_NEGATION_CUES):
        return out, cues
    after = 0  # the first token after the last cue
    for i in [k for k, t in enumerate(toks) if t.key == "not" or t.low in _NEGATION_CUES]:
        if i < after:
            continue  # a word of the phrase just counted
        low = toks[i].low
        width = 0
        if toks[i].key == "not" or low in NEGATIONS:
            width = 1
        else:
            for phrase in NEGATION_PHRASES:
                n = len(phrase)
                if tuple(t.low for t in toks[i : i + n]) == phrase:
                    width = n
                    break
        if not width:
            continue
        cues += 1
        prev_end = toks[i + width - 1].end
        for t in toks[i + width : i + width + 4]:
            if not _CLAUSE_ENDS.isdisjoint(side.text[prev_end : t.start]):
                break  # a negation does not reach past the end of its clause
            if t.content and t.key != "not":
                out.setdefault(t.key, (toks[i].start, t.end))
                break
            prev_end = t.end
        after = i + width
    return out, cues


_NEGATION_FIRST = {phrase[0] for phrase in NEGATION_PHRASES}
_NEGATION_CUES = NEGATIONS | _NEGATION_FIRST  # the words a cue starts with (or its key is "not")
_CLAUSE_ENDS = frozenset(",;:.!?—–()")


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


def denial_changes(L: Side, R: Side, diff, found: list[Change]) -> list[Change]:
    """A reporting verb on one side where the other side has a verb of denial ("he said" vs
    "he denied"): the same words, the opposite stance."""
    changes: list[Change] = []
    if L.lows.isdisjoint(DENIAL_VERBS) and R.lows.isdisjoint(DENIAL_VERBS):
        return changes
    reporting = _SAYING_VERBS
    for op in diff:
        if op.op != "replace":
            continue
        lt, rt = L.between(op.left), R.between(op.right)
        for a, b in ((lt, rt), (rt, lt)):
            said = next((t for t in a if t.low in reporting), None)
            denied = next((t for t in b if t.low in DENIAL_VERBS), None)
            if said is not None and denied is not None:
                lspan, rspan = (said.span, denied.span) if a is lt else (denied.span, said.span)
                if not any(c.left == lspan or c.right == rspan for c in found + changes):
                    changes.append(change("negation", L, R, lspan, rspan, "reported on one side, denied on the other"))
                break
    return changes


def certainty_changes(L: Side, R: Side) -> list[Change]:
    changes: list[Change] = []
    # A change needs a word of certainty on each side: most links have none on one side.
    both = not L.lows.isdisjoint(_CERTAINTY_WORDS) and not R.lows.isdisjoint(_CERTAINTY_WORDS)
    for hedged, firm in ((HEDGED_VERBS, ASSERTIVE_VERBS), (HEDGED_MODALS, DEFINITE_MODALS)) if both else ():
        if L.lows.isdisjoint(hedged) == R.lows.isdisjoint(hedged):
            continue  # a change needs a hedge on one side only
        lh = [t for t in L.tokens if t.low in hedged]
        rh = [t for t in R.tokens if t.low in hedged]
        lf = [t for t in L.tokens if t.low in firm]
        rf = [t for t in R.tokens if t.low in firm]
        lhk = {t.low for t in lh}
        rhk = {t.low for t in rh}
        if lh and not rh and rf and not lhk & rhk:
            changes.append(change("certainty", L, R, lh[0].span, rf[0].span))
        elif rh and not lh and lf:
            changes.append(change("certainty", L, R, lf[0].span, rh[0].span))
    changes += _aim_changes(L, R)
    return changes


_SAYING_VERBS = REPORTING_VERBS | ASSERTIVE_VERBS  # what a denial on the other side turns
_CERTAINTY_WORDS = HEDGED_VERBS | ASSERTIVE_VERBS | HEDGED_MODALS | DEFINITE_MODALS


def _aim_changes(L: Side, R: Side) -> list[Change]:
    """'agreed to seek a ceasefire' vs 'agreed to a ceasefire': an aim is not a deed. Only
    where the other side has the same verb with a deed ("agreed to ..."), which it names."""
    la, ra = _aims(L), _aims(R)
    if bool(la) == bool(ra):
        return []
    this, other = (L, R) if la else (R, L)
    toks = this.tokens
    for i in la or ra:
        aim = toks[i]
        if i < 2 or toks[i - 1].low != "to" or aim.key in other.keys:
            continue
        o = other.tokens
        # A verb is written in lower case: "call Tuesday to seek" hangs on no "Tuesday".
        deeds = {o[k].key: k for k in range(len(o) - 1)
                 if o[k].content and o[k].surface[:1].islower() and o[k + 1].low == "to"}
        # The verb the aim hangs on: "agreed [during the call] to seek".
        head = next((t for t in toks[max(0, i - 8) : i - 1][::-1] if t.key in deeds and t.surface[:1].islower()), None)
        if head is None:
            continue
        k = deeds[head.key]
        span_this, span_other = (head.start, aim.end), (o[k].start, o[k + 1].end)
        lspan, rspan = (span_this, span_other) if this is L else (span_other, span_this)
        return [change("certainty", L, R, lspan, rspan, "an aim on one side, a fact on the other")]
    return []


def _aims(side: Side) -> list[int]:
    """Indices of aim verbs used as such: 'to seek …', 'seeks to …'."""
    toks = side.tokens
    out: list[int] = []
    if side.lows.isdisjoint(AIM_VERBS):
        return out
    for i, t in enumerate(toks):
        if t.low in AIM_VERBS:
            before = toks[i - 1].low if i > 0 else ""
            after = toks[i + 1].low if i + 1 < len(toks) else ""
            if before == "to" or after == "to":
                out.append(i)
    return out
