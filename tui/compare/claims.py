"""Compare the claims of an aligned pair: typed changes, evidence, and the verdict.

A link is ``differ`` when a reader would learn something different from the two sides:
another number or date, another name or source, a negation or a change of certainty, or a
quote or substantive detail that only one side has. Otherwise it is ``match``: rewording,
house style, moved phrases and unit conversions in parentheses do not count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import (
    AIM_VERBS,
    ASSERTIVE_VERBS,
    FRAMING_WORDS,
    DEFINITE_MODALS,
    DISTRIBUTIVE,
    HEDGED_MODALS,
    HEDGED_VERBS,
    NEGATION_PHRASES,
    NEGATIONS,
    PERIOD_WORDS,
    RELATIVE_DAYS,
    RELATIVE_PERIOD_HEADS,
    REPORTING_VERBS,
    STOP_WORDS,
    TIME_QUALIFIERS,
    TIME_UNITS,
)
from .model import Change, Link
from .normalise import MONTH_NAMES, WEEKDAY_NAMES, Token, stem
from .worddiff import word_diff

Span = tuple[int, int]

_CONVERSION = re.compile(
    r"(?P<a>\d[\d,.]*)\s*(?:-|\s)?(?:square |cubic )?[A-Za-z]+\s*\(\s*(?:about |roughly |some |nearly |around |approximately )?"
    r"(?P<b>\d[\d,.]*)\s*(?:-|\s)?(?:square |cubic )?[A-Za-z]+\s*\)"
)
ENTITY_SWAP_TOKENS = 6
_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")


@dataclass(slots=True)
class ClaimParams:
    detail_words: int = 3          # one-sided content words (added or dropped) that make a "detail" change
    detail_words_reworded: int = 4  # ... in a reworded stretch, beyond the words they replace
    detail_names: int = 2          # ... when a name is among them
    quote_cover: float = 0.5       # share of a one-sided quote's words the other side must have
    quote_words: int = 4           # shortest quote (in content words) that counts


@dataclass(slots=True)
class PairContext:
    """What ``judge`` needs to know about the two documents."""

    left_text: str
    right_text: str
    idf: dict[str, float]
    proper: set[str] = field(default_factory=set)  # keys written as names (capitalised mid-sentence)
    params: ClaimParams = field(default_factory=ClaimParams)
    quotes_both: bool = True  # both texts mark quotations (a translation without quote marks does not)
    # Name pairs one text systematically writes for the other (LORD/Yahweh, Elias/Elijah):
    # learned from a first pass over all links, then not reported as changes.
    aliases: set[tuple[str, str]] = field(default_factory=set)
    name_swaps: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class Side:
    text: str
    tokens: list[Token]
    keys: set[str]
    starts: set[int]  # sentence starts (a capital there proves nothing)
    near: set[str] = field(default_factory=set)  # keys of the sentences around this side of the link


def judge(ctx: PairContext, left: list[Token], right: list[Token], lstarts: set[int], rstarts: set[int],
          left_ids: tuple[int, ...], right_ids: tuple[int, ...], score: float, how: str,
          lnear: set[str] | None = None, rnear: set[str] | None = None) -> Link:
    """Compare the claims of one link. ``lnear``/``rnear``: keys of the sentences around each
    side, so content that the other text tells just before or after is not "only one side"."""
    L = Side(ctx.left_text, left, {t.key for t in left}, lstarts, lnear or set())
    R = Side(ctx.right_text, right, {t.key for t in right}, rstarts, rnear or set())
    diff = word_diff(left, right)
    changes: list[Change] = []
    changes += number_changes(L, R)
    changes += date_changes(L, R)
    changes += entity_changes(L, R, ctx, diff)
    changes += attribution_changes(L, R, ctx)
    changes += negation_changes(L, R)
    changes += certainty_changes(L, R)
    if ctx.quotes_both:
        changes += quote_changes(L, R, ctx)
    changes += detail_changes(L, R, ctx, diff, changes)
    changes = _drop_subsumed(changes)
    changes.sort(key=lambda c: (c.left or c.right or (0, 0))[0])
    kind = "differ" if changes else "match"
    return Link(left_ids, right_ids, kind, score, changes, evidence(L, R, ctx, how), diff)


# ---- helpers ------------------------------------------------------------------------------


def _inside(inner: Span | None, outer: Span | None) -> bool:
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _drop_subsumed(changes: list[Change]) -> list[Change]:
    """One finding, one change: a new source is reported as attribution, not also as another
    name; what lies inside a one-sided quote is reported as the quote."""
    quotes = [c for c in changes if c.type == "quote"]
    sources = [c for c in changes if c.type == "attribution"]
    out = []
    for c in changes:
        if c.type != "quote" and any(
            _inside(c.left, q.left) or _inside(c.right, q.right) for q in quotes
        ):
            continue
        if c.type == "entity" and any(_overlaps(c.left, a.left) or _overlaps(c.right, a.right) for a in sources):
            continue
        out.append(c)
    return out


def _change(kind: str, L: Side, R: Side, lspan: Span | None, rspan: Span | None, note: str = "") -> Change:
    return Change(
        kind,
        lspan,
        rspan,
        L.text[lspan[0] : lspan[1]] if lspan else "",
        R.text[rspan[0] : rspan[1]] if rspan else "",
        note,
    )


def _join(a: Span | None, b: Span | None) -> Span | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def _is_date_number(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    prev = tokens[i - 1].key if i > 0 else ""
    nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
    if prev in MONTH_NAMES or nxt in MONTH_NAMES or nxt == "of" and i + 2 < len(tokens) and tokens[i + 2].key in MONTH_NAMES:
        return True
    digits = t.surface.lstrip("$")
    if digits.isdigit() and len(digits) == 4 and 1700 <= int(digits) <= 2100:
        return True
    if nxt in ("am", "pm") or ":" in t.surface:
        return True
    return False


def _conversions(side: Side) -> dict[int, set[float]]:
    """Token start -> every value of a quantity written with a conversion: '1,300 km (500 miles)'."""
    out: dict[int, set[float]] = {}
    if "(" not in side.text:
        return out
    lo = min((t.start for t in side.tokens), default=0)
    hi = max((t.end for t in side.tokens), default=0)
    for m in _CONVERSION.finditer(side.text, lo, hi):
        vals = set()
        starts = []
        for g in ("a", "b"):
            try:
                vals.add(float(m.group(g).replace(",", "").rstrip(".")))
            except ValueError:
                continue
            starts.append(m.start(g))
        for s in starts:
            out[s] = vals
    return out


@dataclass(slots=True)
class Quantity:
    values: set[float]
    token: Token
    index: int
    unit: str


def _quantities(side: Side) -> list[Quantity]:
    conv = _conversions(side)
    out: list[Quantity] = []
    seen_conv: set[frozenset[float]] = set()
    toks = side.tokens
    for i, t in enumerate(toks):
        if t.number is None or not t.content or _is_date_number(toks, i):
            continue
        values = conv.get(t.start, {t.number})
        if len(values) > 1:
            fs = frozenset(values)
            if fs in seen_conv:
                continue
            seen_conv.add(fs)
        unit = ""
        for u in toks[i + 1 : i + 4]:
            if u.content and u.number is None:
                unit = u.key
                break
        out.append(Quantity(values, t, i, unit))
    return out


def number_changes(L: Side, R: Side) -> list[Change]:
    lq, rq = _quantities(L), _quantities(R)
    changes: list[Change] = []
    by_value: dict[float, list[int]] = {}
    for k, r in enumerate(rq):
        for v in r.values:
            by_value.setdefault(v, []).append(k)
    used_r: set[int] = set()
    unmatched_l: list[Quantity] = []
    for q in lq:
        hit = None
        for v in q.values:
            for k in by_value.get(v, ()):
                if k not in used_r:
                    hit = k
                    break
            if hit is not None:
                break
        if hit is None:
            unmatched_l.append(q)
            continue
        used_r.add(hit)
        r = rq[hit]
        dl = _distributive(L.tokens, q.index)
        dr = _distributive(R.tokens, r.index)
        if bool(dl) != bool(dr):
            lspan = _join(q.token.span, dl.span if dl else None)
            rspan = _join(r.token.span, dr.span if dr else None)
            changes.append(_change("number", L, R, lspan, rspan, "counted differently (each / in all)"))
    unmatched_r = [r for k, r in enumerate(rq) if k not in used_r]
    # A value told twice on one side and once on the other is not a new number.
    lvalues = {v for q in lq for v in q.values}
    rvalues = {v for r in rq for v in r.values}
    unmatched_l = [q for q in unmatched_l if not q.values & rvalues]
    unmatched_r = [r for r in unmatched_r if not r.values & lvalues]
    # Pair leftovers with the same unit first, then unit-less ones in order.
    by_unit: dict[str, list[Quantity]] = {}
    for r in unmatched_r:
        by_unit.setdefault(r.unit, []).append(r)
    paired: set[int] = set()
    left_over: list[Quantity] = []
    for q in unmatched_l:
        bucket = by_unit.get(q.unit) if q.unit else None
        if bucket:
            r = bucket.pop(0)
            paired.add(id(r))
            changes.append(_change("number", L, R, _quantity_span(L, q), _quantity_span(R, r)))
        else:
            left_over.append(q)
    unmatched_r = [r for r in unmatched_r if id(r) not in paired]
    plain_l = [q for q in left_over if not q.unit]
    plain_r = [r for r in unmatched_r if not r.unit]
    for q, r in zip(plain_l, plain_r):
        changes.append(_change("number", L, R, _quantity_span(L, q), _quantity_span(R, r)))
    n = min(len(plain_l), len(plain_r))
    done_l = {id(q) for q in plain_l[:n]}
    done_r = {id(r) for r in plain_r[:n]}
    for q in left_over:
        if id(q) in done_l:
            continue
        other = _time_word(R, L, q)
        if other or not _told_anyway(q, R):
            changes.append(_change("number", L, R, _quantity_span(L, q), other))
    for r in unmatched_r:
        if id(r) in done_r:
            continue
        other = _time_word(L, R, r)
        if other or not _told_anyway(r, L):
            changes.append(_change("number", L, R, other, _quantity_span(R, r)))
    return changes


def _told_anyway(q: Quantity, other: Side) -> bool:
    """The other side has this number in a sentence next to the link, or says 'both' for two."""
    if q.token.key in other.near:
        return True
    return q.values == {2.0} and any(t.surface.lower() == "both" for t in other.tokens)


def _quantity_span(side: Side, q: Quantity) -> Span:
    end = q.token.end
    toks = side.tokens
    for u in toks[q.index + 1 : q.index + 3]:
        if u.content and u.number is None and u.key in {stem(w) for w in TIME_UNITS} | {q.unit}:
            end = u.end
            break
    return (q.token.start, end)


def _time_word(other: Side, this: Side, q: Quantity) -> Span | None:
    """The other side's 'immediate' for this side's '30-day', when the quantity is a duration."""
    if q.unit not in _TIME_UNIT_KEYS:
        return None
    for t in other.tokens:
        if t.surface.lower() in TIME_QUALIFIERS and t.key not in this.keys:
            return t.span
    return None


_TIME_UNIT_KEYS = {stem(w) for w in TIME_UNITS}


def _distributive(tokens: list[Token], i: int) -> Token | None:
    for t in tokens[i + 1 : i + 6]:
        if t.surface.lower() in DISTRIBUTIVE:
            return t
        if t.number is not None:
            break
    return None


def _dates(side: Side) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    toks = side.tokens
    i = 0
    while i < len(toks):
        t = toks[i]
        low = t.surface.lower()
        if t.key in WEEKDAY_NAMES:
            out.append((t.key, t.span))
        elif low == "this" and i + 1 < len(toks) and toks[i + 1].surface.lower() in ("day", "night", "morning", "evening"):
            nxt = toks[i + 1].surface.lower()
            out.append(({"day": "today", "night": "tonight"}.get(nxt, f"this {nxt}"), (t.start, toks[i + 1].end)))
            i += 1
        elif t.key in MONTH_NAMES and t.cap and (low != "may" or _may_is_month(toks, i)):
            label, span = t.key, t.span
            if i + 1 < len(toks) and toks[i + 1].number is not None and toks[i + 1].number <= 31:
                label += f" {int(toks[i + 1].number)}"
                span = (t.start, toks[i + 1].end)
                i += 1
            elif i > 0 and toks[i - 1].number is not None and toks[i - 1].number <= 31:
                label = f"{t.key} {int(toks[i - 1].number)}"
                span = (toks[i - 1].start, t.end)
            out.append((label, span))
        elif low in RELATIVE_DAYS or t.key in RELATIVE_DAYS:
            out.append((t.key if t.key in RELATIVE_DAYS else low, t.span))
        elif low in RELATIVE_PERIOD_HEADS and i + 1 < len(toks) and toks[i + 1].surface.lower() in PERIOD_WORDS:
            out.append((f"{low} {toks[i + 1].surface.lower()}", (t.start, toks[i + 1].end)))
            i += 1
        elif t.number is not None and _is_date_number(toks, i):
            prev = toks[i - 1].key if i > 0 else ""
            nxt = toks[i + 1].key if i + 1 < len(toks) else ""
            if prev not in MONTH_NAMES and nxt not in MONTH_NAMES:
                out.append((t.surface.lstrip("$"), t.span))
        i += 1
    return out


def _time_qualifier_changes(L: Side, R: Side) -> list[Change]:
    """'an immediate pause' vs 'a pause': when a thing happens is part of the claim."""
    def qualifiers(side: Side) -> dict[str, Token]:
        return {TIME_QUALIFIERS[t.surface.lower()]: t for t in side.tokens if t.surface.lower() in TIME_QUALIFIERS}

    def near(side: Side) -> set[str]:
        return {TIME_QUALIFIERS[w] for w in TIME_QUALIFIERS if w in side.near or stem(w) in side.near}

    lq, rq = qualifiers(L), qualifiers(R)
    lonly = [t for k, t in lq.items() if k not in rq and k not in near(R)]
    ronly = [t for k, t in rq.items() if k not in lq and k not in near(L)]
    if lonly and ronly:
        return [_change("date", L, R, lonly[0].span, ronly[0].span)]
    if lonly and not _has_duration(R):
        return [_change("date", L, R, lonly[0].span, None)]
    if ronly and not _has_duration(L):
        return [_change("date", L, R, None, ronly[0].span)]
    return []


def _has_duration(side: Side) -> bool:
    # A '30-day' on the other side is reported as a number change instead.
    return any(t.number is not None and i + 1 < len(side.tokens) and side.tokens[i + 1].key in _TIME_UNIT_KEYS
               for i, t in enumerate(side.tokens))


def _may_is_month(toks: list[Token], i: int) -> bool:
    prev = toks[i - 1].surface.lower() if i > 0 else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (nxt is not None and nxt.number is not None) or prev in ("in", "of", "since", "until", "by", "last", "next", "early", "late", "mid")


def date_changes(L: Side, R: Side) -> list[Change]:
    ld, rd = _dates(L), _dates(R)
    lset = {d for d, _ in ld}
    rset = {d for d, _ in rd}

    def known(label: str, other: set[str]) -> bool:
        if label in other:
            return True
        # "February 28" vs "February": the same date told with less detail.
        return any(o.split()[0] == label.split()[0] for o in other) and label.split()[0] in MONTH_NAMES

    lonly = [(d, s) for d, s in ld if not known(d, rset)]
    ronly = [(d, s) for d, s in rd if not known(d, lset)]
    if not lonly or not ronly:
        # A date one side adds is only news if the other side does not tell it nearby.
        lonly = [(d, s) for d, s in lonly if d.split()[0] not in R.near]
        ronly = [(d, s) for d, s in ronly if d.split()[0] not in L.near]
    changes: list[Change] = []
    for (_, ls), (_, rs) in zip(lonly, ronly):
        changes.append(_change("date", L, R, ls, rs))
    changes += _time_qualifier_changes(L, R)
    for _, ls in lonly[len(ronly):]:
        changes.append(_change("date", L, R, ls, None))
    for _, rs in ronly[len(lonly):]:
        changes.append(_change("date", L, R, None, rs))
    return changes


def _is_name(t: Token, side: Side, ctx: PairContext) -> bool:
    if not t.cap or not t.content or t.number is not None:
        return False
    if t.key in MONTH_NAMES or t.key in WEEKDAY_NAMES or t.surface.lower() in STOP_WORDS:
        return False
    if t.start in side.starts:
        return t.key in ctx.proper
    return t.key in ctx.proper or t.surface.isupper()


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short)


def _known_name(key: str, keys: set[str]) -> bool:
    return key in keys or any(_same_name(key, k) for k in keys if k[:1] == key[:1])


def entity_changes(L: Side, R: Side, ctx: PairContext, diff) -> list[Change]:
    changes: list[Change] = []
    for op in diff:
        if op.op != "replace":
            continue
        # A substitution is short; a long replaced stretch is a rewording, not a new name.
        ln = sum(1 for t in L.tokens if op.left[0] <= t.start < op.left[1])
        rn = sum(1 for t in R.tokens if op.right[0] <= t.start < op.right[1])
        if ln > ENTITY_SWAP_TOKENS or rn > ENTITY_SWAP_TOKENS:
            continue
        lnames = [t for t in L.tokens if op.left[0] <= t.start < op.left[1] and _is_name(t, L, ctx)
                  and not _known_name(t.key, R.keys)]
        rnames = [t for t in R.tokens if op.right[0] <= t.start < op.right[1] and _is_name(t, R, ctx)
                  and not _known_name(t.key, L.keys)]
        if lnames and rnames:
            pair = (lnames[0].key, rnames[0].key)
            ctx.name_swaps[pair] += 1
            if pair in ctx.aliases:
                continue
            changes.append(_change("entity", L, R, (lnames[0].start, lnames[-1].end), (rnames[0].start, rnames[-1].end)))
    return changes


def _sources(side: Side, ctx: PairContext) -> list[tuple[str, Span]]:
    """Who a side says is speaking: 'according to X', 'X said', 'said X'."""
    toks = side.tokens
    out: list[tuple[str, Span]] = []

    def name_run(i: int, step: int) -> list[Token]:
        run: list[Token] = []
        while 0 <= i < len(toks):
            t = toks[i]
            if _is_name(t, side, ctx) or (t.cap and t.content and t.start in side.starts):
                run.append(t)
            elif t.surface.lower() in ("the", "of") and run and step > 0:
                pass
            elif t.surface.lower() == "the" and step < 0 and run:
                break
            else:
                break
            i += step
        return run if step > 0 else run[::-1]

    for i, t in enumerate(toks):
        low = t.surface.lower()
        if low == "according" and i + 1 < len(toks) and toks[i + 1].surface.lower() == "to":
            j = i + 2
            if j < len(toks) and toks[j].surface.lower() == "the":
                j += 1
            run = name_run(j, 1)
            if run:
                out.append((" ".join(x.key for x in run), (run[0].start, run[-1].end)))
        elif low in REPORTING_VERBS:
            j = i - 1
            while j >= 0 and toks[j].surface.lower() in ("also", "has", "had", "have", "later", "then", "again"):
                j -= 1
            run = name_run(j, -1) if j >= 0 else []
            if not run and i + 1 < len(toks):
                run = name_run(i + 1, 1)
            if run:
                out.append((" ".join(x.key for x in run), (run[0].start, run[-1].end)))
    return out


def attribution_changes(L: Side, R: Side, ctx: PairContext) -> list[Change]:
    ls, rs = _sources(L, ctx), _sources(R, ctx)
    if not ls or not rs:
        return []

    def same(x: str, y: str) -> bool:
        return _same_name(x, y) or (x, y) in ctx.aliases or (y, x) in ctx.aliases

    def overlaps(a: str, others: list[tuple[str, Span]]) -> bool:
        aw = set(a.split())
        return any(aw & set(o.split()) or any(same(x, y) for x in aw for y in o.split()) for o, _ in others)

    if any(overlaps(a, rs) for a, _ in ls):
        return []
    return [_change("attribution", L, R, ls[0][1], rs[0][1])]


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
            changes.append(_change("negation", L, R, span, t.span))
    for key, span in rn.items():
        if key in L.keys and key not in ln:
            t = next(t for t in L.tokens if t.key == key)
            changes.append(_change("negation", L, R, t.span, span))
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
            changes.append(_change("certainty", L, R, lh[0].span, rf[0].span))
        elif rh and not lh and lf:
            changes.append(_change("certainty", L, R, lf[0].span, rh[0].span))
    la, ra = _aims(L), _aims(R)
    if bool(la) != bool(ra):
        # "agreed to seek a ceasefire" vs "agreed to a ceasefire": an aim is not a deed.
        changes.append(_change("certainty", L, R, la[0].span if la else None, ra[0].span if ra else None,
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


def _quotes(side: Side) -> list[tuple[Span, list[Token]]]:
    if not side.tokens:
        return []
    lo, hi = side.tokens[0].start, side.tokens[-1].end + 2
    out = []
    for m in _QUOTE.finditer(side.text, max(0, lo - 1), min(len(side.text), hi)):
        a, b = m.span(1)
        toks = [t for t in side.tokens if a <= t.start and t.end <= b and t.content]
        out.append(((m.start(), m.end()), toks))
    return out


def quote_changes(L: Side, R: Side, ctx: PairContext) -> list[Change]:
    p = ctx.params
    changes: list[Change] = []
    for this, other, left_side in ((L, R, True), (R, L, False)):
        for span, toks in _quotes(this):
            if len(toks) < p.quote_words:
                continue
            covered = sum(1 for t in toks if t.key in other.keys or t.key in other.near)
            if covered / len(toks) < p.quote_cover:
                changes.append(_change("quote", L, R, span if left_side else None, None if left_side else span,
                                       "quoted on one side only"))
    return changes


def detail_changes(L: Side, R: Side, ctx: PairContext, diff, found: list[Change]) -> list[Change]:
    """Runs of content that only one side has (not moved, not already a typed change)."""
    p = ctx.params
    covered_l = [c.left for c in found if c.left]
    covered_r = [c.right for c in found if c.right]
    changes: list[Change] = []
    for op in diff:
        if op.op in ("equal", "moved"):
            continue
        lt = _one_sided(L, R, op.left, covered_l)
        rt = _one_sided(R, L, op.right, covered_r)
        reworded = op.op == "replace"
        excess_l = len(lt) - len(rt) if reworded else len(lt)
        excess_r = len(rt) - len(lt) if reworded else len(rt)
        need = p.detail_words_reworded if reworded else p.detail_words
        for toks, excess, this in ((lt, excess_l, L), (rt, excess_r, R)):
            names = any(_is_name(t, this, ctx) for t in toks)
            if excess >= need or (names and excess >= p.detail_names):
                span = (toks[0].start, toks[-1].end)
                if this is L:
                    changes.append(_change("detail", L, R, span, None, "only on the left"))
                else:
                    changes.append(_change("detail", L, R, None, span, "only on the right"))
                break
    return changes


def _one_sided(this: Side, other: Side, span: Span | None, covered: list[Span]) -> list[Token]:
    """Content words in ``span`` that the other side says neither in the link nor nearby."""
    if span is None:
        return []
    return [
        t for t in this.tokens
        if span[0] <= t.start < span[1] and t.content and t.key not in other.keys and t.key not in other.near
        and t.surface.lower() not in FRAMING_WORDS
        and not any(c[0] <= t.start < c[1] for c in covered)
    ]


def evidence(L: Side, R: Side, ctx: PairContext, how: str) -> dict[str, list[str]]:
    shared = L.keys & R.keys
    words: list[str] = []
    numbers: list[str] = []
    names: list[str] = []
    seen: set[str] = set()
    for t in sorted((t for t in L.tokens if t.content and t.key in shared),
                    key=lambda t: -ctx.idf.get(t.key, 0.0)):
        if t.key in seen:
            continue
        seen.add(t.key)
        if t.number is not None:
            numbers.append(t.surface)
        elif _is_name(t, L, ctx):
            names.append(t.surface)
        else:
            words.append(t.surface)
    return {"shared_words": words[:12], "shared_numbers": numbers, "shared_names": names[:8], "aligned_by": [how]}
