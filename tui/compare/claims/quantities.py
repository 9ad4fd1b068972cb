"""Numbers and dates in a link: another quantity ("175" vs "170", "175 each" vs "175",
"30-day" vs "immediate"), another date or time ("Monday" vs "Tuesday")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import (
    DISTRIBUTIVE,
    PERIOD_WORDS,
    RELATIVE_DAYS,
    RELATIVE_PERIOD_HEADS,
    TIME_QUALIFIERS,
    TIME_UNITS,
)
from ..model import Change
from ..normalise import MONTH_NAMES, WEEKDAY_NAMES, Token, stem
from .context import Side, Span, change, join

# A number starts only where a run of digits, commas and points starts (a match starting later
# in the run could only repeat the one at its start), so the search stays linear on a long run.
_CONVERSION = re.compile(
    r"(?<![\d,.])[,.]*+(?P<a>\d[\d,.]*+)\s*(?:-|\s)?(?:square |cubic )?[A-Za-z]+\s*\(\s*(?:about |roughly |some |nearly |around |approximately )?"
    r"(?P<b>\d[\d,.]*+)\s*(?:-|\s)?(?:square |cubic )?[A-Za-z]+\s*\)"
)


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
    matches = []
    for lo, hi in side.within():  # each sentence of the link: never the ones between them
        if side.text.find("(", lo, hi) < 0:
            continue  # every conversion holds one
        # a slice: a run cut at ``lo`` starts there
        matches += [(lo, m) for m in _CONVERSION.finditer(side.text[lo:hi])]
    for lo, m in matches:
        vals = set()
        starts = []
        for g in ("a", "b"):
            try:
                vals.add(float(m.group(g).replace(",", "").rstrip(".")))
            except ValueError:
                continue
            starts.append(lo + m.start(g))
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
    if not L.has_numbers() and not R.has_numbers():
        return []
    lq, rq = _quantities(L), _quantities(R)
    changes, unmatched_l, used_r = _same_values(L, R, lq, rq)
    unmatched_r = [r for k, r in enumerate(rq) if k not in used_r]
    # A value told twice on one side and once on the other is not a new number.
    lvalues = {v for q in lq for v in q.values}
    rvalues = {v for r in rq for v in r.values}
    unmatched_l = [q for q in unmatched_l if not q.values & rvalues]
    unmatched_r = [r for r in unmatched_r if not r.values & lvalues]
    by_unit, left_over, unmatched_r = _same_units(L, R, unmatched_l, unmatched_r)
    return changes + by_unit + _in_order(L, R, left_over, unmatched_r)


def _same_values(L: Side, R: Side, lq: list[Quantity],
                 rq: list[Quantity]) -> tuple[list[Change], list[Quantity], set[int]]:
    """Pair the quantities that share a value (a change only when one side counts them "each"
    and the other "in all"); the left ones with no partner, and the right ones paired."""
    changes: list[Change] = []
    by_value: dict[float, list[int]] = {}
    for k, r in enumerate(rq):
        for v in r.values:
            by_value.setdefault(v, []).append(k)
    used_r: set[int] = set()
    unmatched_l: list[Quantity] = []
    first_free: dict[float, int] = {}  # per value, where its first unused partner may be
    for q in lq:
        hit = None
        for v in q.values:
            ks = by_value.get(v, ())
            i = first_free.get(v, 0)
            while i < len(ks) and ks[i] in used_r:
                i += 1  # each partner is passed once: a value told many times stays linear
            first_free[v] = i
            if i < len(ks):
                hit = ks[i]
                break
        if hit is None:
            unmatched_l.append(q)
            continue
        used_r.add(hit)
        r = rq[hit]
        dl = _distributive(L.tokens, q.index)
        dr = _distributive(R.tokens, r.index)
        if bool(dl) != bool(dr):
            lspan = join(q.token.span, dl.span if dl else None)
            rspan = join(r.token.span, dr.span if dr else None)
            changes.append(change("number", L, R, lspan, rspan, "counted differently (each / in all)"))
    return changes, unmatched_l, used_r


def _same_units(L: Side, R: Side, unmatched_l: list[Quantity],
                unmatched_r: list[Quantity]) -> tuple[list[Change], list[Quantity], list[Quantity]]:
    """Pair leftovers with the same unit first (another number); what is left on each side."""
    changes: list[Change] = []
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
            changes.append(change("number", L, R, _quantity_span(L, q), _quantity_span(R, r)))
        else:
            left_over.append(q)
    return changes, left_over, [r for r in unmatched_r if id(r) not in paired]


def _in_order(L: Side, R: Side, left_over: list[Quantity], unmatched_r: list[Quantity]) -> list[Change]:
    """Then in order: "1,500 people" against "1,200 residents" is still one number told two
    ways; a duration is only paired with the same unit ("30-day" is not "two-hour")."""
    changes: list[Change] = []
    time_units = _time_unit_keys()
    plain_l = [q for q in left_over if q.unit not in time_units]
    plain_r = [r for r in unmatched_r if r.unit not in time_units]
    for q, r in zip(plain_l, plain_r):
        changes.append(change("number", L, R, _quantity_span(L, q), _quantity_span(R, r)))
    n = min(len(plain_l), len(plain_r))
    done_l = {id(q) for q in plain_l[:n]}
    done_r = {id(r) for r in plain_r[:n]}
    for q in left_over:
        if id(q) in done_l:
            continue
        other, vague = _time_word(R, L, q)
        if other or not _told_anyway(q, R):
            changes.append(_duration_change(L, R, _quantity_span(L, q), other, vague))
    for r in unmatched_r:
        if id(r) in done_r:
            continue
        other, vague = _time_word(L, R, r)
        if other or not _told_anyway(r, L):
            changes.append(_duration_change(L, R, other, _quantity_span(R, r), vague))
    return changes


def _duration_change(L: Side, R: Side, lspan: Span | None, rspan: Span | None, vague: bool) -> Change:
    """'30-day' vs 'immediate' is another number; '2-hour' vs 'lengthy' only says it less exactly."""
    if vague:
        return change("detail", L, R, lspan, rspan, "an exact duration on one side, a vague one on the other")
    return change("number", L, R, lspan, rspan)


def _told_anyway(q: Quantity, other: Side) -> bool:
    """The other side has this number in a sentence next to the link, or says 'both' for two."""
    if q.token.key in other.near:
        return True
    return q.values == {2.0} and any(t.low == "both" for t in other.tokens)


def _quantity_span(side: Side, q: Quantity) -> Span:
    end = q.token.end
    toks = side.tokens
    for u in toks[q.index + 1 : q.index + 3]:
        if u.content and u.number is None and (u.key in _time_unit_keys() or u.key == q.unit):
            end = u.end
            break
    return (q.token.start, end)


def _time_word(other: Side, this: Side, q: Quantity) -> tuple[Span | None, bool]:
    """The other side's 'immediate' for this side's '30-day', when the quantity is a duration,
    and whether that word is only a vaguer length ('lengthy', 'brief')."""
    if q.unit not in _time_unit_keys():
        return None, False
    end = _quantity_span(this, q)[1]
    own = _head(this.tokens, next((k for k, t in enumerate(this.tokens) if t.start >= end), len(this.tokens)))
    for k, t in enumerate(other.tokens):
        kind = TIME_QUALIFIERS.get(t.low)
        if kind and t.key not in this.keys:
            head = _head(other.tokens, k + 1)
            if head is not None and head != own and head in this.keys:
                continue  # "a lengthy call" is this side's call, not its "30-day halt"
            return t.span, kind in _VAGUE_LENGTHS
    return None, False


def _head(tokens: list[Token], i: int) -> str | None:
    """The key of the word a qualifier qualifies: the next content word, close by."""
    for t in tokens[i : i + 2]:
        if t.content and t.number is None:
            return t.key
    return None


_VAGUE_LENGTHS = {"long", "brief", "temporary"}


@cache
def _time_unit_keys() -> frozenset[str]:
    """The keys of the words for units of time: made when first asked for, as stemming them
    loads the stemmer, which importing this module should not."""
    return frozenset(stem(w) for w in TIME_UNITS)


def _distributive(tokens: list[Token], i: int) -> Token | None:
    for t in tokens[i + 1 : i + 6]:
        if t.low in DISTRIBUTIVE:
            return t
        if t.number is not None:
            break
    return None


def _dates(side: Side) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    toks = side.tokens
    if side.keys.isdisjoint(_DATE_KEYS) and side.lows.isdisjoint(_DATE_LOWS) and not side.has_numbers():
        return out
    i = 0
    while i < len(toks):
        t = toks[i]
        low = t.low
        if t.number is None and t.key not in _DATE_KEYS and low not in _DATE_LOWS:
            i += 1  # none of the cases below: most words
            continue
        if t.key in WEEKDAY_NAMES:
            out.append((t.key, t.span))
        elif low == "this" and i + 1 < len(toks) and toks[i + 1].low in ("day", "night", "morning", "evening"):
            nxt = toks[i + 1].low
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
        elif low in RELATIVE_PERIOD_HEADS and i + 1 < len(toks) and _bare(toks[i + 1].surface) in PERIOD_WORDS:
            out.append((f"{low} {_bare(toks[i + 1].surface)}", (t.start, toks[i + 1].end)))
            i += 1
        elif t.number is not None and _is_date_number(toks, i):
            prev = toks[i - 1].key if i > 0 else ""
            nxt = toks[i + 1].key if i + 1 < len(toks) else ""
            if prev not in MONTH_NAMES and nxt not in MONTH_NAMES:
                span = t.span
                if nxt in ("am", "pm"):
                    span = (t.start, toks[i + 1].end)  # "10 a.m."
                out.append((t.surface.lstrip("$"), span))
        i += 1
    return out


# Every key and lower-cased word ``_dates`` looks for, other than numbers.
_DATE_KEYS = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | RELATIVE_DAYS
_DATE_LOWS = {"this"} | RELATIVE_DAYS | RELATIVE_PERIOD_HEADS


def _may_is_month(toks: list[Token], i: int) -> bool:
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (nxt is not None and nxt.number is not None) or prev in ("in", "of", "since", "until", "by", "last", "next", "early", "late", "mid")


def date_changes(L: Side, R: Side) -> list[Change]:
    ld, rd = _dates(L), _dates(R)
    if not ld and not rd:
        return []
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
    # Pair a weekday with a weekday, a year with a year ...; the rest is on one side only.
    paired_r: set[int] = set()
    for d, ls in lonly:
        k = next((k for k, (e, _) in enumerate(ronly) if k not in paired_r and _date_class(e) == _date_class(d)), None)
        if k is None:
            changes.append(change("date", L, R, ls, None))
        else:
            paired_r.add(k)
            changes.append(change("date", L, R, ls, ronly[k][1]))
    changes += [change("date", L, R, None, rs) for k, (_, rs) in enumerate(ronly) if k not in paired_r]
    return changes


def _bare(word: str) -> str:
    """A word without its possessive: "next year's budget" tells "next year"."""
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _date_class(label: str) -> str:
    head = label.split()[0]
    if head in WEEKDAY_NAMES:
        return "weekday"
    if head in MONTH_NAMES:
        return "month"
    if head.isdigit():
        return "year" if len(head) == 4 else "time"
    return "relative"
