"""Every sentence's tokens, read once: what the aligner needs of them in arrays, the token
lists themselves kept for texts of a usual size and made again when asked for larger ones.

One pass over a document tokenises each sentence and records, per token, the id of its key
(``keys``, into the reading's own vocabulary) and four flags (content word, number, first letter
upper or lower case), and per sentence whether it states a purpose. That is all the aligner
reads of the tokens. A token object costs about a hundred bytes and a 100 MB text has some 18
million of them, so beyond ``KEEP_CHARS`` the token lists are not kept: ``Tokens[i]`` makes a
sentence's again (the same tokens: tokenising is deterministic) and keeps the last few
thousand, which is what judging links in text order and the purpose veto ask for. A text of
a usual size read in the helper process (``prepare.read_both``) sends its tokens back packed
(``Packed``), and ``Tokens[i]`` makes a sentence's from those, for less than tokenising it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, filterfalse

from .model import Document
from .normalise import _NEW, Token, Tokenizer, kept_per_word
from .purpose import purposes

CONTENT, NUMBER, UPPER, LOWER = 1, 2, 4, 8

# Texts up to this many characters (both together) keep their tokens: about 60 MB of them for
# the New Testament pair's 1.9 million characters. Beyond, making them again costs about a fifth
# more time and saves about half the memory (4 MB of text: 340 -> 190 MiB in one process).
KEEP_CHARS = 4_000_000
# Sentences whose tokens are kept when they are made again, per side.
RECENT = 4096


@dataclass(slots=True)
class Reading:
    """One document's pass: token key ids and flags, sentence by sentence."""

    vocab: list[str]
    keys: array  # "i": the id of every token's key, sentence after sentence
    flags: bytearray  # per token: CONTENT | NUMBER | UPPER | LOWER
    starts: array  # "q": sentence i's tokens are keys[starts[i]:starts[i + 1]]
    purposeful: bytearray  # per sentence: 1 when it states a purpose (purpose.py)
    kept: list[list[Token]] | None = field(default=None, repr=False)
    keep_made: bool = False  # not kept, but keep every sentence's tokens once made again
    # With the tokens kept: the purposes (``purpose.purposes``) of each sentence that states one.
    stated: dict[int, list] | None = field(default=None, repr=False)
    # The tokens packed (``read(..., pack=True)``): ``Tokens`` makes them again from this.
    packed: "Packed | None" = field(default=None, repr=False)


@dataclass(slots=True)
class Packed:
    """Every token as (start, end, the number of its other fields in ``fields``): about a sixth
    of the token objects' memory, sent from a helper in a few arrays, and made into tokens
    again for less than half of what tokenising the sentence again costs."""

    spans: array  # "q": start and end of every token, in turn
    which: array  # "i": per token, its row of ``fields``
    fields: list[tuple]  # (surface, key, content, number, cap, low), each once


# The flags of tokens whose surface is letters only, by surface: such a token is one plain word,
# whose fields follow from its surface alone (a merged token holds a space, a hyphen or a digit).
_PLAIN_FLAGS: dict[str, int] = kept_per_word({})
PLAIN_FLAGS_MAX = 100_000


# Tokens read in one batch (``_Batch``): the per-token work is done a batch at a time, in C-level
# passes over all its tokens, instead of sentence by sentence.
BATCH_TOKENS = 4096


def read(doc: Document, tokenizer: Tokenizer, keep: bool, pack: bool = False) -> Reading:
    reading = Reading([], array("i"), bytearray(), array("q", [0]), bytearray(len(doc.sentences)),
                      [] if keep else None, stated={} if keep else None,
                      packed=Packed(array("q"), array("i"), []) if pack else None)
    batch = _Batch(reading, doc.text)
    tokens, text, lists = tokenizer.tokens, doc.text, batch.lists
    for s in doc.sentences:
        toks = tokens(text, s.start, s.end)
        lists.append(toks)
        batch.size += len(toks)
        if batch.size >= BATCH_TOKENS:
            batch.flush()
    batch.flush()
    reading.vocab = list(batch.ids)
    return reading


class _Batch:
    """The sentences' tokens read but not yet recorded in the reading's arrays."""

    def __init__(self, reading: Reading, text: str) -> None:
        self.reading, self.text = reading, text
        self.ids: dict[str, int] = {}  # key -> id, in the order keys are first met
        self.rows: dict[tuple | str, int] = {}  # ``_pack``'s rows
        self.lists: list[list[Token]] = []  # the sentences' tokens, in turn
        self.size = 0  # tokens in ``lists``
        self.first = 0  # the number of the first sentence in ``lists``

    def flush(self) -> None:
        r, lists, ids = self.reading, self.lists, self.ids
        flat = list(chain.from_iterable(lists))
        said = [t.key for t in flat]  # (comprehensions read slots twice as fast as attrgetter does)
        fresh = list(filterfalse(ids.__contains__, dict.fromkeys(said)))
        ids.update(zip(fresh, range(len(ids), len(ids) + len(fresh))))
        r.keys.fromlist(list(map(ids.__getitem__, said)))  # (an array extends from a list faster)
        plain = _PLAIN_FLAGS.get
        marks = [plain(t.surface) for t in flat]
        for k in _where_none(marks):
            marks[k] = _flags(flat[k], _PLAIN_FLAGS)
        r.flags.extend(marks)
        ends = list(accumulate(map(len, lists), initial=r.starts[-1]))
        r.starts.extend(ends[1:])
        if r.packed is not None:
            _pack(r.packed, self.rows, flat)
        for k in _with_to(said, ends):  # a purpose starts at "to"
            found = purposes(self.text, lists[k])
            if found:
                r.purposeful[self.first + k] = 1
                if r.stated is not None:
                    r.stated[self.first + k] = found
        if r.kept is not None:
            r.kept.extend(lists)
        self.first += len(lists)
        lists.clear()
        self.size = 0


def _where_none(values: list) -> Iterator[int]:
    """The indices of the Nones in ``values``, in order (found by ``list.index``, at C speed)."""
    at = -1
    try:
        while True:
            at = values.index(None, at + 1)
            yield at
    except ValueError:
        return


def _with_to(said: list[str], ends: list[int]) -> list[int]:
    """The sentences (numbers in the batch) with a token keyed "to", in order: ``said`` is the
    batch's keys and sentence k's are said[ends[k] - ends[0]:ends[k + 1] - ends[0]]."""
    out: list[int] = []
    base, at = ends[0], -1
    try:
        while True:
            at = said.index("to", at + 1)
            k = bisect_right(ends, base + at) - 1
            out.append(k)
            at = ends[k + 1] - base - 1  # on to the next sentence
    except ValueError:
        return out


def _pack(packed: Packed, rows: dict, toks: list[Token]) -> None:
    """Add ``toks`` to ``packed``, a row of ``fields`` for each set of fields first met (in
    order). ``rows`` finds the row of a set of fields, and of a surface of letters only (whose
    fields follow from it, as in ``_PLAIN_FLAGS``): most tokens' rows are found by their
    surface, without making their fields into a tuple."""
    which = [rows.get(t.surface) for t in toks]
    for k in _where_none(which):
        t = toks[k]
        f = (t.surface, t.key, t.content, t.number, t.cap, t.low)
        r = rows.get(f)
        if r is None:
            r = rows[f] = len(packed.fields)
            packed.fields.append(f)
        if t.surface.isalpha():
            rows[t.surface] = r
        which[k] = r
    packed.which.fromlist(which)
    spans = [0] * (2 * len(toks))
    spans[::2] = [t.start for t in toks]
    spans[1::2] = [t.end for t in toks]
    packed.spans.fromlist(spans)


def _unpacked(packed: Packed, fields: list[tuple], lo: int, hi: int) -> list[Token]:
    """The tokens lo..hi-1 of a packed reading, made again from ``fields`` (the packed rows,
    or those rows with keys renamed), as ``make_token`` makes them."""
    spans = packed.spans
    out: list[Token] = []
    append, new = out.append, _NEW
    for a, b, r in zip(spans[2 * lo : 2 * hi : 2], spans[2 * lo + 1 : 2 * hi : 2], packed.which[lo:hi]):
        t = new(Token)
        t.start, t.end = a, b
        t.surface, t.key, t.content, t.number, t.cap, t.low = fields[r]
        append(t)
    return out


def _renamed_rows(fields: list[tuple], aliases: dict[str, str]) -> list[tuple]:
    """The packed rows with each key that ``aliases`` renames renamed (as a made token's)."""
    return [f if f[1] not in aliases else (f[0], aliases[f[1]], *f[2:]) for f in fields]


def _flags(t: Token, plain: dict[str, int]) -> int:
    """A token's flags (kept in ``plain`` when its surface is letters only)."""
    first = t.surface[:1]
    f = ((CONTENT if t.content else 0) | (NUMBER if t.number is not None else 0)
         | (UPPER if first.isupper() else 0) | (LOWER if first.islower() else 0))
    if t.surface.isalpha():
        if len(plain) >= PLAIN_FLAGS_MAX:
            plain.clear()
        plain[t.surface] = f
    return f


class Tokens(Sequence[list[Token]]):
    """One document's tokens, sentence by sentence: kept, or made again when asked (keys
    renamed by ``aliases``, as ``unify_spellings`` renamed them on the first pass)."""

    def __init__(self, doc: Document, tokenizer: Tokenizer, kept: list[list[Token]] | None,
                 aliases: dict[str, str] | None = None, recent: int | None = RECENT,
                 packed: tuple[Packed, array] | None = None) -> None:
        self.doc = doc
        self.tokenizer = tokenizer
        self.kept = kept
        self.aliases = aliases or {}
        self.recent = recent  # how many made-again sentences to keep (None: all)
        self.packed = packed  # (the tokens packed, where each sentence's start): made from these
        # The packed rows, with their keys renamed once here rather than each token's when made.
        self._rows = None if packed is None else _renamed_rows(packed[0].fields, self.aliases)
        self._recent: dict[int, list[Token]] = {}

    def forget(self) -> None:
        """Let the tokens made again go."""
        self._recent = {}

    def __len__(self) -> int:
        return len(self.doc.sentences)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if self.kept is not None:
            return self.kept[i]
        toks = self._recent.get(i)
        if toks is None:
            if self.packed is not None:
                packed, starts = self.packed
                toks = _unpacked(packed, self._rows, starts[i], starts[i + 1])
            else:
                s = self.doc.sentences[i]
                toks = self.tokenizer.tokens(self.doc.text, s.start, s.end)
                if self.aliases:
                    for t in toks:
                        if t.key in self.aliases:
                            t.key = self.aliases[t.key]
            if self.recent is not None and len(self._recent) >= self.recent:
                self._recent.clear()
            self._recent[i] = toks
        return toks
