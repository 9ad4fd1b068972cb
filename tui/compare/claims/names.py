"""Names in a link: another person, place or organisation, and another source
("the White House said" vs "the Kremlin said")."""

from __future__ import annotations

from ..lexicon import REPORTING_VERBS, SOURCE_NOUNS
from ..model import Change
from ..normalise import Token
from .context import PairContext, Side, Span, change, is_name, same_name

ENTITY_SWAP_TOKENS = 6


def _known_name(key: str, keys: set[str], own: set[str]) -> bool:
    """The other side names this too: the same key, or a spelling of it (Zelensky/Zelenskyy).
    A key this side also has is its own word ("Dmitry" in "Dmitry Dmitriev"), not a spelling."""
    return key in keys or any(same_name(key, k) for k in keys - own if k[:1] == key[:1])


def entity_changes(L: Side, R: Side, ctx: PairContext, diff) -> list[Change]:
    changes: list[Change] = []
    for op in diff:
        if op.op != "replace":
            continue
        # A substitution is short; a long replaced stretch is a rewording, not a new name.
        lt, rt = L.between(op.left), R.between(op.right)
        if len(lt) > ENTITY_SWAP_TOKENS or len(rt) > ENTITY_SWAP_TOKENS:
            continue
        lnames = [t for t in lt if is_name(t, L, ctx) and not _known_name(t.key, R.keys, L.keys)]
        rnames = [t for t in rt if is_name(t, R, ctx) and not _known_name(t.key, L.keys, R.keys)]
        if lnames and rnames:
            pair = (lnames[0].key, rnames[0].key)
            ctx.name_swaps[pair] += 1
            if pair in ctx.aliases:
                continue
            changes.append(change("entity", L, R, _run(L.tokens, lnames), _run(R.tokens, rnames)))
    return changes


def _run(tokens: list[Token], names: list[Token]) -> Span:
    """The span of the first name and the names right after it ("Dmitry Peskov"), not of every
    name in the stretch ("president said Washington and Moscow")."""
    i = tokens.index(names[0])
    last = names[0]
    for t in tokens[i + 1 :]:
        if t not in names:
            break
        last = t
    return (names[0].start, last.end)


def _sources(side: Side, ctx: PairContext) -> list[tuple[str, Span]]:
    """Who a side says is speaking: 'according to X', 'X said', 'said X'."""
    toks = side.tokens
    out: list[tuple[str, Span]] = []

    def name_run(i: int, step: int) -> list[Token]:
        run: list[Token] = []
        while 0 <= i < len(toks):
            t = toks[i]
            if is_name(t, side, ctx) or (t.cap and t.content and t.start in side.starts):
                run.append(t)
            elif t.low in ("the", "of") and run and step > 0:
                pass
            elif t.low == "the" and step < 0 and run:
                break
            else:
                break
            i += step
        return run if step > 0 else run[::-1]

    for i, t in enumerate(toks):
        low = t.low
        if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            j = i + 2
            if j < len(toks) and toks[j].low == "the":
                j += 1
            run = name_run(j, 1) or _source_phrase(side, i + 2)
            if run:
                out.append((" ".join(x.key for x in run if x.content), (run[0].start, run[-1].end)))
        elif low in REPORTING_VERBS:
            j = i - 1
            while j >= 0 and toks[j].low in ("also", "has", "had", "have", "later", "then", "again"):
                j -= 1
            run = name_run(j, -1) if j >= 0 else []
            if not run and i + 1 < len(toks) and (j < 0 or _clause_break(side.text, toks[j].end, t.start)):
                # '"...," said Peskov': the speaker follows the verb only where the verb opens
                # its clause; in "the president said Washington and Moscow ..." it is what was said.
                run = name_run(i + 1, 1)
            if run:
                out.append((" ".join(x.key for x in run), (run[0].start, run[-1].end)))
    return out


_PHRASE_ENDS = frozenset(",;:.!?—–()\"“”")  # where an unnamed source's phrase ends
_SOURCE_CUES = REPORTING_VERBS | {"according"}  # the words ``_sources`` starts from


def _clause_break(text: str, start: int, end: int) -> bool:
    return not _CLAUSE_MARKS.isdisjoint(text[start:end])


_CLAUSE_MARKS = frozenset(",;:\"“”—–(")


def _source_phrase(side: Side, i: int) -> list[Token]:
    """'a person familiar with the talks', 'the ministry': an unnamed source, up to the end of
    its clause, when it is headed by a word that names a kind of source."""
    toks = side.tokens
    while i < len(toks) and toks[i].low in ("the", "a", "an"):
        i += 1
    run: list[Token] = []
    for t in toks[i : i + 8]:
        if run and not _PHRASE_ENDS.isdisjoint(side.text[run[-1].end : t.start]):
            break
        run.append(t)
    while run and not run[-1].content:
        run.pop()
    if run and any(t.low in SOURCE_NOUNS for t in run[:3]):
        return run
    return []


def attribution_changes(L: Side, R: Side, ctx: PairContext) -> list[Change]:
    if L.lows.isdisjoint(_SOURCE_CUES) or R.lows.isdisjoint(_SOURCE_CUES):
        return []  # a side that names no source
    ls, rs = _sources(L, ctx), _sources(R, ctx)
    if not ls or not rs:
        return []

    def same(x: str, y: str) -> bool:
        return same_name(x, y) or (x, y) in ctx.aliases or (y, x) in ctx.aliases

    def overlaps(a: str, others: list[tuple[str, Span]]) -> bool:
        aw = set(a.split())
        return any(aw & set(o.split()) or any(same(x, y) for x in aw for y in o.split()) for o, _ in others)

    if any(overlaps(a, rs) for a, _ in ls):
        return []
    return [change("attribution", L, R, ls[0][1], rs[0][1])]
