"""Word-level diff inside an aligned pair, on comparison keys, with character spans on both sides.

Punctuation and spelling variants never show as changes (the diff runs on keys). Words that
one side has in another place are ``moved``, not deleted and inserted; a stretch of small
words only ("on", "the", "was" for "is") is ``minor``. Negations, modals and quantifiers are
never minor. However repetitive the words, a pair's diff takes a bounded number of steps for
each of its words (``WORK_PER_WORD``).
"""

from __future__ import annotations

from .lexicon import DEFINITE_MODALS, HEDGED_MODALS, NEGATIONS
from .model import WordOp
from .normalise import Token


# Beyond this many token pairs a word diff costs more than it tells (a "sentence" that is a
# whole unpunctuated file); the pair is then shown as one replaced stretch.
MAX_DIFF_CELLS = 4_000_000
SHORT_REPLACE = 3  # a replaced stretch this short is shown as one step ("175" for "170")


def word_diff(left: list[Token], right: list[Token], lbreaks: frozenset[int] = frozenset(),
              rbreaks: frozenset[int] = frozenset(), keys: tuple[set[str], set[str]] | None = None,
              ) -> tuple[list[WordOp], list[WordOp]]:
    """The diff the checks read, and the diff a reader sees: there a long reworded stretch is
    split so that words the other side has elsewhere show as moved and only the words this side
    alone has are marked. ``lbreaks``/``rbreaks``: token indices where another sentence of the
    link starts. No step spans such a break, so a link of sentences 1 and 5 never points into
    2-4. ``keys``: each side's keys, where the caller has them already."""
    lset, rset = keys or ({t.key for t in left}, {t.key for t in right})
    if len(left) * len(right) > MAX_DIFF_CELLS:
        ops = [WordOp("replace", (left[0].start, left[-1].end), (right[0].start, right[-1].end))]
        return ops, _runs(left, rset, "delete", "left") + _runs(right, lset, "insert", "right")
    steps = opcodes([t.key for t in left], [t.key for t in right])
    if lbreaks or rbreaks:
        steps = _split_at_breaks(steps, lbreaks, rbreaks)
    ops: list[WordOp] = []
    shown: list[WordOp] = []
    for tag, i1, i2, j1, j2 in steps:
        lspan = (left[i1].start, left[i2 - 1].end) if i2 > i1 else None
        rspan = (right[j1].start, right[j2 - 1].end) if j2 > j1 else None
        if tag == "equal":
            op = WordOp("equal", lspan, rspan)
        elif _minor(left[i1:i2]) and _minor(right[j1:j2]):
            op = WordOp("minor", lspan, rspan)
        elif tag == "delete" and _all_elsewhere(left[i1:i2], rset):
            op = WordOp("moved", lspan, None)
        elif tag == "insert" and _all_elsewhere(right[j1:j2], lset):
            op = WordOp("moved", None, rspan)
        else:
            op = WordOp(tag, lspan, rspan)
            if i2 - i1 > SHORT_REPLACE or j2 - j1 > SHORT_REPLACE:
                ops.append(op)
                shown += _runs(left[i1:i2], rset, "delete", "left")
                shown += _runs(right[j1:j2], lset, "insert", "right")
                continue
        ops.append(op)
        shown.append(op)
    return ops, shown


def opcodes(a: list, b: list) -> list[tuple[str, int, int, int, int]]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, the same steps
    without the matcher's set-up: with no junk its algorithm is the longest matching block,
    then the same on either side of it, blocks that touch joined. That is, within
    ``WORK_PER_WORD`` steps a word: when they run out, the stretches not yet searched keep only
    the words their two sides start and end with alike."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    budget = WORK_PER_WORD * (len(a) + len(b))
    b2j: dict = {}
    for j, x in enumerate(b):
        b2j.setdefault(x, []).append(j)
    rows = [b2j.get(x) for x in a]  # where in b each word of a is
    # (at most len(a) * len(b) pairs: most pairs need not count them)
    if len(a) * len(b) <= RUN_PAIRS or sum(len(js) for js in rows if js) <= RUN_PAIRS:
        blocks, left, _ = _blocks_of_runs(_runs_of(rows), len(a), len(b), budget)
    else:
        blocks, left, _ = _blocks_searched(a, b, budget)
    for stretch in left:
        blocks += _ends(a, b, *stretch)
    blocks.sort()
    joined = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                joined.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        joined.append((i1, j1, k1))
    joined.append((len(a), len(b), 0))
    out = []
    i = j = 0
    for ai, bj, size in joined:
        if i < ai and j < bj:
            out.append(("replace", i, ai, j, bj))
        elif i < ai:
            out.append(("delete", i, ai, j, bj))
        elif j < bj:
            out.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


# Up to this many pairs of equal words, the blocks are found from the runs of equal words
# (one list each); beyond it, by searching each stretch again (a character a word). A sentence
# has far fewer, where the runs are about twice as fast; where a long, repetitive one has this
# many, they take two or three times as long as the search, and at 50,000 over ten times
# (bench/bench_worddiff.py).
RUN_PAIRS = 5_000

# The steps a pair may take for each word of its two sides (a step is about 0.3 µs). A run
# looked at in a stretch is a step; so is a str.find, and one more for each FIND_STEP of its
# stretch's length times (16 + its needle's length): it reads the stretch (about 64 characters
# in the time of a step), and where both are repetitive it compares up to the needle's length
# at each place of it (about 1,000 characters in a step). difflib's way costs a stretch up to
# its length in a times its length in b, and a long pair of few words can have about as many
# stretches as words ("x x x x" against "x y x y": a block of one word each): about n³, seconds
# for 2,000 words. When the steps run out, the stretches not yet searched keep only the words
# their two sides start and end with alike. The word diffs of the sample corpus pairs and of
# the New Testament take at most 18 steps a word (bench/bench_worddiff.py --steps).
WORK_PER_WORD = 64
FIND_STEP = 1024


def _runs_of(rows: list) -> list[list[int]]:
    """The maximal runs of equal words, ``[i, j, k]``: ``a[i:i+k] == b[j:j+k]``, extending
    neither way, in the order of (i, j)."""
    runs: list[list[int]] = []
    prev: dict[int, list[int]] = {}
    for i, js in enumerate(rows):
        if js is None:
            prev = {}
            continue
        cur = {}
        for j in js:
            r = prev.get(j - 1)
            if r is None:
                r = [i, j, 1]
                runs.append(r)
            else:
                r[2] += 1
            cur[j] = r
        prev = cur
    return runs


def _blocks_of_runs(runs: list[list[int]], n: int, m: int, budget: int):
    """difflib's matching blocks, found from the runs: in each stretch the longest part of a
    run inside it (the earliest in a, then in b, among the longest), then the same before and
    after it. A run reaches into one of the two smaller stretches at most (else its part
    would be longer than the block), so each stretch looks only at the runs it holds. Also the
    stretches ``(alo, ahi, blo, bhi)`` left when ``budget`` steps ran out, and the steps left."""
    blocks, left = [], []
    queue = [(0, n, 0, m, runs)]
    for alo, ahi, blo, bhi, held in queue:  # (stretches are added as it goes: widest first)
        if len(held) == 1:  # one run: its part inside is the block, and nothing is left
            i, j, k = held[0]
            s, e = max(i, alo, blo + i - j), min(i + k, ahi, bhi + i - j)
            if e > s:
                blocks.append((s, s + j - i, e - s))
            continue
        budget -= len(held)
        if budget < 0:
            left.append((alo, ahi, blo, bhi))
            continue
        bi, bj, bk, inside = 0, 0, 0, []
        for r in held:
            i, j, k = r
            d = j - i  # its diagonal; its part inside is a[s:e] (max and min calls are slower)
            s = i if i > alo else alo
            if s + d < blo:
                s = blo - d
            e = i + k if i + k < ahi else ahi
            if e + d > bhi:
                e = bhi - d
            if e > s:
                inside.append((s, e, d, r))
                if e - s > bk or (e - s == bk and (s < bi or s == bi and s + d < bj)):
                    bi, bj, bk = s, s + d, e - s
        if not bk:
            continue
        blocks.append((bi, bj, bk))
        if len(inside) == 1:
            continue  # the block was all there was
        ai, aj = bi + bk, bj + bk
        before, after = [], []
        for s, e, d, r in inside:
            if s < bi and s + d < bj:
                before.append(r)
            elif e > ai and e + d > aj:
                after.append(r)
        if before:
            queue.append((alo, bi, blo, bj, before))
        if after:
            queue.append((ai, ahi, aj, bhi, after))
    return blocks, left, budget


def _blocks_searched(a: list, b: list, budget: int):
    """The same blocks as ``_blocks_of_runs``, each stretch searched again (``_longest``) in
    two strings of a character a word (``str.find`` compares them in C): the words both sides
    have get one character each; the words of one side only, one character for each side.
    Also the stretches left unsearched when ``budget`` steps ran out, and the steps left."""
    both = set(a).intersection(b)
    code = dict(zip(both, map(chr, range(2, len(both) + 2))))
    get = code.get
    sa = "".join([get(x, "\0") for x in a])
    sb = "".join([get(x, "\1") for x in b])
    blocks, left = [], []
    queue = [(0, len(sa), 0, len(sb))]
    for alo, ahi, blo, bhi in queue:  # (stretches are added as it goes: widest first)
        if budget >= 0:
            i, j, k, budget = _longest(sa, sb, alo, ahi, blo, bhi, budget)
        if budget < 0:
            left.append((alo, ahi, blo, bhi))
        elif k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    return blocks, left, budget


def _ends(a: list, b: list, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int]]:
    """The blocks a stretch starts and ends with: its two sides' common first and last words."""
    k = 0
    most = min(ahi - alo, bhi - blo)
    while k < most and a[alo + k] == b[blo + k]:
        k += 1
    e = 0
    while e < most - k and a[ahi - 1 - e] == b[bhi - 1 - e]:
        e += 1
    return [blk for blk in ((alo, blo, k), (ahi - e, bhi - e, e)) if blk[2]]


def _longest(sa: str, sb: str, alo: int, ahi: int, blo: int, bhi: int, budget: int):
    """difflib's find_longest_match without junk: the longest block of sa[alo:ahi] in
    sb[blo:bhi], the earliest in a, then the earliest in b, among the longest; and the steps
    left of ``budget`` (below 0, and no block, when they ran out first). From each start in a,
    only a block longer than the best so far is looked for, and a string that was not found
    is not looked for again (repetitive text asks for the same ones)."""
    besti, bestk = alo, 0
    find = sb.find
    width = bhi - blo
    step = 1 + width * 17 // FIND_STEP
    absent = set()
    for i in range(alo, ahi):
        if i + bestk >= ahi:
            break
        k = bestk + 1
        needle = sa[i : i + k]
        if needle in absent:
            budget -= 1
            continue
        budget -= step
        if budget < 0:
            return alo, blo, 0, budget
        if find(needle, blo, bhi) < 0:
            absent.add(needle)
            continue
        while i + k < ahi:
            budget -= 1 + width * (17 + k) // FIND_STEP
            needle = sa[i : i + k + 1]
            if find(needle, blo, bhi) < 0:
                absent.add(needle)
                break
            k += 1
        if budget < 0:
            return alo, blo, 0, budget
        besti, bestk = i, k
        step = 1 + width * (17 + k) // FIND_STEP
    if not bestk:
        return alo, blo, 0, budget
    return besti, find(sa[besti : besti + bestk], blo, bhi), bestk, budget


def _split_at_breaks(opcodes, lbreaks: frozenset[int], rbreaks: frozenset[int]):
    """Cut every opcode where a sentence of either side ends."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            cuts = [d for d in range(1, i2 - i1) if i1 + d in lbreaks or j1 + d in rbreaks]
            for a, b in zip([0] + cuts, cuts + [i2 - i1]):
                yield "equal", i1 + a, i1 + b, j1 + a, j1 + b
            continue
        lparts = _pieces(i1, i2, lbreaks)
        rparts = _pieces(j1, j2, rbreaks)
        for k in range(max(len(lparts), len(rparts))):
            la, lb = lparts[k] if k < len(lparts) else (i2, i2)
            ra, rb = rparts[k] if k < len(rparts) else (j2, j2)
            yield ("replace" if la < lb and ra < rb else "delete" if la < lb else "insert"), la, lb, ra, rb


def _pieces(a: int, b: int, breaks: frozenset[int]) -> list[tuple[int, int]]:
    if a >= b:
        return []
    cuts = [k for k in range(a + 1, b) if k in breaks]
    return list(zip([a] + cuts, cuts + [b]))


_MEANINGFUL_SMALL_WORDS = NEGATIONS | HEDGED_MODALS | DEFINITE_MODALS | {"not", "each", "only", "all", "no"}


def _minor(tokens: list[Token]) -> bool:
    """Only small words ("on", "the", "was"/"is") that do not turn the claim: not worth a highlight."""
    for t in tokens:  # (a loop, not all() over a generator: most stretches are one or two words)
        if t.content or t.number is not None or t.low in _MEANINGFUL_SMALL_WORDS or t.key in _MEANINGFUL_SMALL_WORDS:
            return False
    return True


def _runs(tokens: list[Token], other: set[str], op: str, side: str) -> list[WordOp]:
    """Split tokens into runs of moved words and runs of words only this side has (``other``:
    the other side's keys)."""
    out: list[WordOp] = []
    run: list[Token] = []
    run_kind = None
    for t in tokens:
        kind = "moved" if (t.key in other or not t.content and t.number is None) else op
        if run and kind != run_kind:
            out.append(_op(run_kind, run, side))
            run = []
        run.append(t)
        run_kind = kind
    if run:
        out.append(_op(run_kind, run, side))
    return out


def _op(kind: str, run: list[Token], side: str) -> WordOp:
    span = (run[0].start, run[-1].end)
    return WordOp(kind, span, None) if side == "left" else WordOp(kind, None, span)


def _all_elsewhere(tokens: list[Token], other: set[str]) -> bool:
    """Every content word of ``tokens`` is among the other side's keys (and there is one)."""
    found = False
    for t in tokens:
        if t.content:
            if t.key not in other:
                return False
            found = True
    return found


def changed_tokens(left: list[Token], right: list[Token]) -> tuple[list[Token], list[Token]]:
    """Content tokens whose key the other side does not have at all."""
    lkeys = {t.key for t in left}
    rkeys = {t.key for t in right}
    return (
        [t for t in left if t.content and t.key not in rkeys],
        [t for t in right if t.content and t.key not in lkeys],
    )
