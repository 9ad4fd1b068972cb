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
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from .model import Document
from .normalise import Token, Tokenizer, kept_per_word, make_token
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


class _Ids(dict):
    """Key -> id: a key not seen yet gets the next id when it is first asked for."""

    def __missing__(self, key: str) -> int:
        n = self[key] = len(self)
        return n


_KEY, _SURFACE = attrgetter("key"), attrgetter("surface")
# The flags of tokens whose surface is letters only, by surface: such a token is one plain word,
# whose fields follow from its surface alone (a merged token holds a space, a hyphen or a digit).
_PLAIN_FLAGS: dict[str, int] = kept_per_word({})
PLAIN_FLAGS_MAX = 100_000


def read(doc: Document, tokenizer: Tokenizer, keep: bool, pack: bool = False) -> Reading:
    ids = _Ids()
    keys, flags, starts = array("i"), bytearray(), array("q", [0])
    purposeful = bytearray(len(doc.sentences))
    kept: list[list[Token]] | None = [] if keep else None
    stated: dict[int, list] | None = {} if keep else None
    plain = _PLAIN_FLAGS
    packed = Packed(array("q"), array("i"), []) if pack else None
    rows: dict[tuple, int] = {}
    text = doc.text
    for n, s in enumerate(doc.sentences):
        toks = tokenizer.tokens(text, s.start, s.end)
        said = list(map(_KEY, toks))
        keys.extend(map(ids.__getitem__, said))
        marks = list(map(plain.get, map(_SURFACE, toks)))
        if None in marks:
            for k, t in enumerate(toks):
                if marks[k] is None:
                    marks[k] = _flags(t, plain)
        flags.extend(marks)
        starts.append(len(keys))
        if packed is not None:
            _pack(packed, rows, toks)
        found = purposes(text, toks) if "to" in said else None  # a purpose starts at "to"
        if found:
            purposeful[n] = 1
            if stated is not None:
                stated[n] = found
        if kept is not None:
            kept.append(toks)
    return Reading(list(ids), keys, flags, starts, purposeful, kept, stated=stated, packed=packed)


def _pack(packed: Packed, rows: dict[tuple, int], toks: list[Token]) -> None:
    for t in toks:
        f = (t.surface, t.key, t.content, t.number, t.cap, t.low)
        r = rows.get(f)
        if r is None:
            r = rows[f] = len(packed.fields)
            packed.fields.append(f)
        packed.which.append(r)
        packed.spans.append(t.start)
        packed.spans.append(t.end)


def _unpacked(packed: Packed, lo: int, hi: int) -> list[Token]:
    """The tokens lo..hi-1 of a packed reading, made again."""
    fields, spans = packed.fields, packed.spans
    return [make_token(a, b, fields[r])
            for a, b, r in zip(spans[2 * lo : 2 * hi : 2], spans[2 * lo + 1 : 2 * hi : 2], packed.which[lo:hi])]


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
                toks = _unpacked(packed, starts[i], starts[i + 1])
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
