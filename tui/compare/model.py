"""The comparison model: documents, sentences, links, typed changes, word diffs; JSON in and out.

Everything that points into a document is a pair of character offsets into
``Document.text`` (the file's text as Python reads it with universal newlines), so
``doc.text[start:end]`` is always the text it names.
"""

from __future__ import annotations

import bisect
import operator
import struct
from dataclasses import dataclass, field
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, partial
from itertools import islice
from typing import Any, Iterator, Literal

FORMAT = "sidebyside-comparison"
VERSION = 1

# Sentences or links written to JSON in one call of the encoder (each call costs a little).
JSON_BATCH = 16

# Documents of this many characters keep their sentences packed (``Sentences``): a usual text's
# stay ``Sentence`` objects, which are quicker to read.
PACK_CHARS = 4_000_000

Span = tuple[int, int]
Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")

# Sentence kinds: how the segmenter classified the unit.
UNIT_KINDS = ("sentence", "headline", "dateline", "subhead", "caption")

# Verdicts shown to the user: links are "match" or "differ"; a sentence in no link is "only".
VERDICTS = ("match", "differ", "only")

# Change types inside a "differ" link, in the order a reader cares about them.
CHANGE_TYPES = (
    "number",       # another quantity: 175 vs 170, 30-day vs immediate, 175 each vs 175
    "date",         # another date or time: Monday vs Tuesday, Feb. 12 vs March 18
    "entity",       # another person, place or organisation
    "attribution",  # another source: the White House said vs the Kremlin said
    "negation",     # a claim on one side is negated on the other
    "certainty",    # agreed vs stopped short of; may vs will; suggested vs claimed
    "quote",        # a quotation present on one side only
    "detail",       # substantive content present on one side only
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One unit of a document: a sentence, headline, dateline, subhead or caption line."""

    id: int
    start: int
    end: int
    kind: str = "sentence"
    paragraph: int = 0

    @property
    def span(self) -> Span:
        return (self.start, self.end)


class Sentences(Sequence[Sentence]):
    """A document's sentences, packed: their offsets, kinds and paragraphs in arrays (about a
    tenth of the memory of the ``Sentence`` objects they read as; a book has a million
    sentences). Sentence ``i`` has id ``i``. Made by ``Sentences.pack``."""

    __slots__ = ("_starts", "_ends", "_kinds", "_paragraphs")

    def __init__(self, starts: array, ends: array, kinds: bytes, paragraphs: array) -> None:
        self._starts, self._ends, self._kinds, self._paragraphs = starts, ends, kinds, paragraphs

    @classmethod
    def pack(cls, sentences: Sequence[Sentence]) -> "Sequence[Sentence]":
        """These sentences packed; as they are when they cannot be (an id that is not its
        index, a kind not in ``UNIT_KINDS``)."""
        if isinstance(sentences, Sentences):
            return sentences
        code = {kind: k for k, kind in enumerate(UNIT_KINDS)}
        if any(s.id != k or s.kind not in code for k, s in enumerate(sentences)):
            return sentences
        for typecode in ("i", "q"):  # offsets past 2**31 (no text read is that long) need "q"
            try:
                columns = [array(typecode, [getattr(s, name) for s in sentences])
                           for name in ("start", "end", "paragraph")]
            except (TypeError, OverflowError):
                continue
            return cls(columns[0], columns[1], bytes(code[s.kind] for s in sentences), columns[2])
        return sentences

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._starts)
        if not 0 <= i < len(self._starts):
            raise IndexError("sentence id out of range")
        return Sentence(i, self._starts[i], self._ends[i], UNIT_KINDS[self._kinds[i]], self._paragraphs[i])

    def __iter__(self) -> Iterator[Sentence]:
        kinds = UNIT_KINDS
        for i, (a, b, k, p) in enumerate(zip(self._starts, self._ends, self._kinds, self._paragraphs)):
            yield Sentence(i, a, b, kinds[k], p)

    def ids_of_kind(self, kind: str) -> list[int]:
        """The ids of the units of this kind, read from the packed kinds."""
        code, kinds, out = UNIT_KINDS.index(kind), self._kinds, []
        at = kinds.find(code)
        while at >= 0:
            out.append(at)
            at = kinds.find(code, at + 1)
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sentences):
            return (self._starts, self._ends, self._kinds, self._paragraphs) == (
                other._starts, other._ends, other._kinds, other._paragraphs)
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    def __reduce__(self):
        return (Sentences, (self._starts, self._ends, self._kinds, self._paragraphs))

    def __repr__(self) -> str:
        return f"Sentences({list(self)!r})"


@dataclass(slots=True)
class Document:
    """A loaded text and its segmentation."""

    path: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    sentences: list[Sentence] = field(default_factory=list)  # or ``Sentences``, packed
    title: str = ""
    source: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start : s.end]

    @property
    def name(self) -> str:
        """A short display name: the title if known, else the file name."""
        if self.title:
            return self.title
        return self.path.replace("\\", "/").rsplit("/", 1)[-1] or self.path


@dataclass(slots=True)
class Change:
    """A typed difference inside a link; a side is ``None`` when the thing is absent there."""

    type: str
    left: Span | None
    right: Span | None
    left_text: str = ""
    right_text: str = ""
    note: str = ""

    def label(self) -> str:
        """Human summary, e.g. ``number: 175 each → 175``."""
        a = self.left_text or "—"
        b = self.right_text or "—"
        return f"{self.type}: {a} → {b}"


@dataclass(slots=True)
class WordOp:
    """One step of the word diff between the two sides of a link.

    ``op`` is ``equal``, ``replace``, ``delete`` (left only), ``insert`` (right only),
    ``moved`` (words present on both sides, but in another place) or ``minor`` (small words
    only, such as "on" or "was"/"is": not worth a highlight).
    """

    op: str
    left: Span | None
    right: Span | None


OPS = ("equal", "replace", "delete", "insert", "moved", "minor")
_SHORT_STEP = struct.Struct("<BHHHH")  # a step of a packed diff: op, left start and length, right ...
_BASES = struct.Struct("<ii")  # ... the starts counted from these (the first offset on each side)
_ABSENT = 0xFFFF  # a side the step does not have
_OP_CODE = {op: k for k, op in enumerate(OPS)}
_NO_SPAN = (_ABSENT, _ABSENT)


_SHORT_STEPS_MAX = 32  # diffs of up to this many steps (most) are packed in one call


@lru_cache(maxsize=_SHORT_STEPS_MAX)
def _short_steps(n: int) -> struct.Struct:
    """A short packed diff of ``n`` steps: its mark, its two bases, then ``_SHORT_STEP`` n times."""
    return struct.Struct("<Bii" + "BHHHH" * n)


def _short_numbers(ops: Sequence[WordOp], lbase: int, rbase: int) -> list[int]:
    """What ``_short_steps`` packs: 1, the bases, then each step's op code and its start and
    length on each side (counted from the bases; _ABSENT twice for a side it lacks)."""
    code, absent = _OP_CODE, _ABSENT
    numbers = [1, lbase, rbase]
    add = numbers.extend
    for op in ops:
        left, right = op.left, op.right
        if left:
            a, b = left
            if right:
                c, d = right
                add((code[op.op], a - lbase, b - a, c - rbase, d - c))
            else:
                add((code[op.op], a - lbase, b - a, absent, absent))
        elif right:
            c, d = right
            add((code[op.op], absent, absent, c - rbase, d - c))
        else:
            add((code[op.op], absent, absent, absent, absent))
    return numbers


class WordOps(Sequence[WordOp]):
    """A link's word diff, packed: five integers a step (op, left start and end, right start
    and end; -1 where a side is absent), about a tenth of the memory of the ``WordOp`` objects
    it reads as. A book's comparison holds tens of thousands of diffs."""

    __slots__ = ("_data",)

    def __init__(self, ops: Iterable[WordOp] = ()) -> None:
        data = array("i")
        for op in ops:
            left, right = op.left or (-1, -1), op.right or (-1, -1)
            data.extend((_OP_CODE[op.op], left[0], left[1], right[0], right[1]))
        self._data = data

    def to_bytes(self) -> bytes:
        """The diff in few bytes (``of_bytes`` reads it): where every offset of a step lies
        within 65,535 characters after the first offset of its side (a link's sentences rarely
        span more), a byte and four 16-bit numbers a step (start and length on each side, after
        the two sides' first offsets); else the five 32-bit integers a step."""
        return WordOps.pack(list(self))

    @staticmethod
    def pack(ops: Sequence[WordOp]) -> bytes:
        """``WordOps(ops).to_bytes()``, made straight from the steps."""
        if not ops:
            return b""
        lefts = [op.left[0] for op in ops if op.left is not None]
        rights = [op.right[0] for op in ops if op.right is not None]
        lbase, rbase = min(lefts, default=0), min(rights, default=0)
        if lbase < 0 or rbase < 0 or max(lefts, default=0) - lbase >= _ABSENT or max(rights, default=0) - rbase >= _ABSENT:
            return _wide(ops)
        try:
            if len(ops) > _SHORT_STEPS_MAX:
                code, step = _OP_CODE, _SHORT_STEP.pack
                return b"\x01" + _BASES.pack(lbase, rbase) + b"".join([
                    step(code[op.op], *((left[0] - lbase, left[1] - left[0]) if (left := op.left) else _NO_SPAN),
                         *((right[0] - rbase, right[1] - right[0]) if (right := op.right) else _NO_SPAN))
                    for op in ops])
            return _short_steps(len(ops)).pack(*_short_numbers(ops, lbase, rbase))
        except struct.error:  # a length past 16 bits, or an end before its start
            return _wide(ops)

    @classmethod
    def of_bytes(cls, packed: bytes) -> "WordOps":
        """The diff ``to_bytes`` packed."""
        ops = cls()
        if packed[:1] == b"\x00":
            ops._data.frombytes(packed[1:])
        elif packed:
            lbase, rbase = _BASES.unpack_from(packed, 1)
            data = ops._data
            for code, ls, ln, rs, rn in _SHORT_STEP.iter_unpack(memoryview(packed)[1 + _BASES.size :]):
                data.extend((code, *((-1, -1) if ls == _ABSENT else (lbase + ls, lbase + ls + ln)),
                             *((-1, -1) if rs == _ABSENT else (rbase + rs, rbase + rs + rn))))
        return ops

    def __len__(self) -> int:
        return len(self._data) // 5

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        n = len(self)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("word diff step out of range")
        code, ls, le, rs, re = self._data[5 * k : 5 * k + 5]
        return WordOp(OPS[code], None if ls < 0 else (ls, le), None if rs < 0 else (rs, re))

    def __iter__(self) -> Iterator[WordOp]:
        data = self._data
        for k in range(0, len(data), 5):
            code, ls, le, rs, re = data[k : k + 5]
            yield WordOp(OPS[code], None if ls < 0 else (ls, le), None if rs < 0 else (rs, re))

    def json_rows(self) -> list[list]:
        """``[[op, [start, end] or None, [start, end] or None], ...]``, read off the packed
        integers (no ``WordOp`` made on the way)."""
        steps = iter(self._data)
        return [[OPS[code], None if ls < 0 else [ls, le], None if rs < 0 else [rs, re]]
                for code, ls, le, rs, re in zip(steps, steps, steps, steps, steps)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordOps):
            return self._data == other._data
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"WordOps({list(self)!r})"


@dataclass(slots=True)
class Link:
    """Sentences on the left that say what sentences on the right say.

    ``compact`` packs a link's changes, evidence and word diff (a book's comparison holds
    hundreds of thousands of links); they read the same after it: ``changes`` as a list and
    ``evidence`` as a dict of lists (each made when first read, and the link's own from then
    on), ``diff`` as ``WordOps``."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: str  # "match" | "differ"
    score: float
    changes: list[Change] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    diff: list[WordOp] = field(default_factory=list)
    origin: str = "engine"  # "engine" or "user" (a correction)

    def ids(self, side: Side) -> tuple[int, ...]:
        return self.left if side == "left" else self.right

    def compact(self, shared: dict | None = None) -> "Link":
        """Hold no list where there are no changes, pack the evidence into one tuple (its strings the same objects as the equal strings
        in ``shared``, which gathers them) and the word diff into bytes; returns the link."""
        if _CHANGES_SLOT.__get__(self, Link) == []:
            _CHANGES_SLOT.__set__(self, None)
        ev = _EVIDENCE_SLOT.__get__(self, Link)
        if isinstance(ev, dict):
            _EVIDENCE_SLOT.__set__(self, _packed_evidence(ev, {} if shared is None else shared))
        diff = _DIFF_SLOT.__get__(self, Link)
        if not isinstance(diff, bytes):
            _DIFF_SLOT.__set__(self, _diff_bytes(diff))
        return self

    def packed(self) -> tuple:
        """The link as plain tuples (which pickle several times faster than the dataclasses),
        its evidence as packed as it is and its diff in bytes; ``Link.unpacked`` makes it again."""
        diff = _DIFF_SLOT.__get__(self, Link)
        return (self.left, self.right, self.kind, self.score,
                [(c.type, c.left, c.right, c.left_text, c.right_text, c.note) for c in _changes_of(self)],
                _EVIDENCE_SLOT.__get__(self, Link), diff if isinstance(diff, bytes) else _diff_bytes(diff),
                self.origin)

    @classmethod
    def unpacked(cls, x: tuple, shared: dict | None = None) -> "Link":
        """A link from ``packed()``; with ``shared``, the evidence's strings are made the same
        objects as the equal strings there (as ``compact`` makes them)."""
        left, right, kind, score, changes, evidence, diff, origin = x
        if shared is not None and isinstance(evidence, tuple):
            evidence = _shared_evidence(evidence, shared)
        # (the slots set as they are: no list for no changes, the evidence and diff as packed)
        return cls(left, right, kind, score, [Change(*c) for c in changes] or None, evidence, diff, origin).compact()

    def evidence_items(self) -> Iterator[tuple[str, list]]:
        """The evidence's (key, values) pairs, as ``evidence.items()`` reads, without making the
        link's evidence dict."""
        ev = _EVIDENCE_SLOT.__get__(self, Link)
        return iter(ev.items()) if isinstance(ev, dict) else _unpacked_evidence(ev)

    def diff_rows(self) -> list[list]:
        """The word diff as JSON rows (see ``WordOps.json_rows``)."""
        diff = _DIFF_SLOT.__get__(self, Link)
        if isinstance(diff, bytes):
            return _rows_of_bytes(diff)
        if isinstance(diff, WordOps):
            return diff.json_rows()
        return [[op.op, _span_json(op.left), _span_json(op.right)] for op in diff]


def _wide(ops: Sequence[WordOp]) -> bytes:
    """A diff packed as its five 32-bit integers a step (``of_bytes`` reads it)."""
    data = ops._data if isinstance(ops, WordOps) else WordOps(ops)._data
    return b"\x00" + data.tobytes()


def _diff_bytes(diff: Sequence[WordOp]) -> bytes:
    return diff.to_bytes() if isinstance(diff, WordOps) else WordOps.pack(diff)


def _rows_of_bytes(packed: bytes) -> list[list]:
    """``WordOps.of_bytes(packed).json_rows()``, read straight off the bytes."""
    if packed[:1] != b"\x01":
        return WordOps.of_bytes(packed).json_rows()
    lbase, rbase = _BASES.unpack_from(packed, 1)
    return [[OPS[code], None if ls == _ABSENT else [lbase + ls, lbase + ls + ln],
             None if rs == _ABSENT else [rbase + rs, rbase + rs + rn]]
            for code, ls, ln, rs, rn in _SHORT_STEP.iter_unpack(memoryview(packed)[1 + _BASES.size :])]


# The slots that hold a link's changes, evidence and diff, read and written through the
# properties below.
_CHANGES_SLOT = Link.__dict__["changes"]
_EVIDENCE_SLOT = Link.__dict__["evidence"]
_DIFF_SLOT = Link.__dict__["diff"]
# The layouts of packed evidence (its keys and how many values each has): a few hundred of them
# among any number of links, each kept once.
_LAYOUTS: dict[tuple, tuple] = {}
_LAYOUTS_MAX = 65_536


def _packed_evidence(ev: dict, shared: dict) -> tuple:
    """``(layout, value, value, ...)``: layout is ``(key, count, key, count, ...)``."""
    layout: list = []
    values: list = [None]
    same, add = shared.setdefault, values.append
    for key, vs in ev.items():
        layout += (same(key, key) if type(key) is str else key, len(vs))
        for v in vs:  # (a loop, not a list comprehension for each key: a link has few values)
            add(same(v, v) if type(v) is str else v)
    head = tuple(layout)
    if len(_LAYOUTS) >= _LAYOUTS_MAX:
        _LAYOUTS.clear()
    values[0] = _LAYOUTS.setdefault(head, head)
    return tuple(values)


def _shared_evidence(packed: tuple, shared: dict) -> tuple:
    """Packed evidence with its layout and strings the same objects as equal ones seen before."""
    same = shared.setdefault
    if len(_LAYOUTS) >= _LAYOUTS_MAX:
        _LAYOUTS.clear()
    values = [_LAYOUTS.setdefault(packed[0], packed[0])]
    add = values.append
    for v in islice(packed, 1, None):
        add(same(v, v) if type(v) is str else v)
    return tuple(values)


def _unpacked_evidence(packed: tuple) -> Iterator[tuple[str, list]]:
    layout, at = packed[0], 1
    for k in range(0, len(layout), 2):
        n = layout[k + 1]
        yield layout[k], list(packed[at : at + n])
        at += n


def _get_evidence(link: Link) -> dict[str, list]:
    ev = _EVIDENCE_SLOT.__get__(link, Link)
    if not isinstance(ev, dict):
        ev = dict(_unpacked_evidence(ev))
        _EVIDENCE_SLOT.__set__(link, ev)
    return ev


def _get_changes(link: Link) -> list[Change]:
    changes = _CHANGES_SLOT.__get__(link, Link)
    if changes is None:
        changes = []
        _CHANGES_SLOT.__set__(link, changes)
    return changes


def held_side(ids: tuple[int, ...]) -> int | tuple[int, ...]:
    """A link's side held compactly (a book's anchors, the links judged ahead): the id of a side
    of one sentence, else the tuple."""
    return ids[0] if len(ids) == 1 else ids


def side_ids(held: int | tuple[int, ...]) -> tuple[int, ...]:
    """A side held by ``held_side``, as a tuple again."""
    return held if type(held) is tuple else (held,)


def _changes_of(link: Link) -> "list[Change] | tuple[()]":
    """A link's changes, without making a list for a link that has none."""
    return _CHANGES_SLOT.__get__(link, Link) or ()


def _get_diff(link: Link):
    diff = _DIFF_SLOT.__get__(link, Link)
    return WordOps.of_bytes(diff) if isinstance(diff, bytes) else diff


Link.changes = property(_get_changes, _CHANGES_SLOT.__set__, doc="The typed differences.")  # type: ignore[assignment]
Link.evidence = property(_get_evidence, _EVIDENCE_SLOT.__set__, doc="Why the sentences were linked: lists by kind.")  # type: ignore[assignment]
Link.diff = property(_get_diff, _DIFF_SLOT.__set__, doc="The word diff between the two sides.")  # type: ignore[assignment]


def evidence_text(link: "Link") -> str:
    """Why the sentences were linked, in one line: "similar meaning 0.71; shared: Kremlin, 30-day"."""
    ev = link.evidence
    parts = []
    if ev.get("similar_meaning"):
        parts.append(f"similar meaning {ev['similar_meaning'][0]}")
    shared = [*ev.get("shared_names", [])[:4], *ev.get("shared_numbers", [])[:3], *ev.get("shared_words", [])[:5]]
    if shared:
        parts.append("shared: " + ", ".join(shared))
    if (ev.get("aligned_by") or [""])[0].startswith("quote"):
        parts.insert(0, "the same quotation")
    if ev.get("aligned_by") == ["identical"]:
        parts = ["written alike on both sides"]
    return "; ".join(parts)


@dataclass(slots=True)
class Comparison:
    """Two documents and the links between their sentences."""

    left: Document
    right: Document
    links: list[Link]
    timings: dict[str, float] = field(default_factory=dict)
    # For each sentence only one side has: its closest candidates in the other text, best
    # first, as (sentence id there, score); the reader lists them for a manual link.
    closest: dict[Side, dict[int, list[tuple[int, float]]]] = field(default_factory=lambda: {"left": {}, "right": {}})
    # The engine's prepared tokens, kept so a user's new link can be judged cheaply.
    engine_state: Any = field(default=None, repr=False, compare=False)
    _index: dict[Side, "_LinkIndex"] | None = field(default=None, repr=False, compare=False)

    def doc(self, side: Side) -> Document:
        return self.left if side == "left" else self.right

    def _link_index(self) -> dict[Side, "_LinkIndex"]:
        if self._index is None:
            self._index = {side: _LinkIndex(len(self.doc(side).sentences), self.links, side) for side in SIDES}
        return self._index

    def invalidate(self) -> None:
        """Forget cached lookups after ``links`` was changed in place."""
        self._index = None

    def link_of(self, side: Side, sentence_id: int) -> int | None:
        """Index into ``links`` of the link holding this sentence, or None if only this side has it."""
        return self._link_index()[side].get(sentence_id)

    def verdict_of(self, side: Side, sentence_id: int) -> str:
        k = self.link_of(side, sentence_id)
        return "only" if k is None else self.links[k].kind

    def only(self, side: Side) -> list[int]:
        """Ids of the sentences that only this side has."""
        index = self._link_index()[side]
        return [s.id for s in self.doc(side).sentences if index.get(s.id) is None]

    def closest_to(self, side: Side, sentence_id: int) -> list[tuple[int, float]]:
        """The other text's sentences closest to this one-sided sentence: (id, score), best first."""
        if self.link_of(side, sentence_id) is not None:
            return []
        return list(self.closest.get(side, {}).get(sentence_id, []))

    def counts(self) -> dict[str, int]:
        return {
            "match": sum(1 for link in self.links if link.kind == "match"),
            "differ": sum(1 for link in self.links if link.kind == "differ"),
            "only_left": len(self.only("left")),
            "only_right": len(self.only("right")),
        }

    def iter_changes(self) -> Iterator[tuple[int, Change]]:
        for k, link in enumerate(self.links):
            for change in _changes_of(link):
                yield k, change

    # ---- JSON -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        docs = {}
        for side in SIDES:
            docs[side] = _doc_head(self.doc(side))
            docs[side]["sentences"] = list(map(self._sentence_json(side), self.doc(side).sentences))
        return {
            "format": FORMAT,
            "version": VERSION,
            "left": docs["left"],
            "right": docs["right"],
            "links": [_link_to_json(link) for link in self.links],
            "counts": self.counts(),
        }

    def json_chunks(self, extra: dict[str, Any] | None = None, size: int = 1 << 20) -> Iterator[str]:
        """``json.dumps(to_json() | extra, ensure_ascii=False)``, the same text, in pieces of about
        ``size`` characters: sentence by sentence and link by link, never the whole report in
        memory at once (a book's report is many times the size of its text). For many links, a
        forked helper (``helper.begin``) writes the last links' text while this process writes
        the rest."""
        import json

        dumps = json.JSONEncoder(ensure_ascii=False).encode
        pieces: list[str] = []
        held = 0

        def put(piece: str) -> Iterator[str]:
            nonlocal held
            pieces.append(piece)
            held += len(piece)
            if held >= size:
                yield "".join(pieces)
                pieces.clear()
                held = 0

        cut, later = _links_later(self)
        try:
            yield from put(f'{{"format": {dumps(FORMAT)}, "version": {dumps(VERSION)}')
            for side in SIDES:
                head = dumps(_doc_head(self.doc(side)))
                yield from put(f', {dumps(side)}: {head[:-1]}, "sentences": [')
                for k, piece in enumerate(_sentences_json(self.doc(side), self._closest_json(side, dumps), dumps)):
                    yield from put((", " if k else "") + piece)
                yield from put("]}")
            yield from put(', "links": [')
            for k, piece in enumerate(_links_json(islice(self.links, cut), dumps)):
                yield from put((", " if k else "") + piece)
            if later is not None:
                for k, piece in enumerate(later.result()):
                    yield from put((", " if cut or k else "") + piece)
        finally:
            if later is not None:
                later.cancel()  # (a report abandoned half-way: the helper is not wanted)
        yield from put(f'], "counts": {dumps(self.counts())}')
        for key, value in (extra or {}).items():
            yield from put(f", {dumps(key)}: {dumps(value)}")
        pieces.append("}")
        yield "".join(pieces)

    def _sentence_json(self, side: Side) -> Callable[[Sentence], dict[str, Any]]:
        """A sentence of ``side`` as JSON, with its closest candidates where it is in no link
        (``closest_to``, its lookups made once for the whole side)."""
        doc, linked, closest = self.doc(side), self._link_index()[side].get, self.closest.get(side, {})

        def to_json(s: Sentence) -> dict[str, Any]:
            out = _sentence_to_json(doc, s)
            near = closest.get(s.id) if linked(s.id) is None else None
            if near:
                out["closest"] = [{"id": j, "score": round(x, 4)} for j, x in near]
            return out

        return to_json

    def _closest_json(self, side: Side, dumps: Callable[[Any], str]) -> dict[int, str]:
        """Sentence id -> the JSON of its closest candidates, for the sentences of ``side`` in no
        link that have some (as ``_sentence_json`` writes them)."""
        linked, closest = self._link_index()[side].get, self.closest.get(side, {})
        out = {}
        for i in closest:
            near = closest[i] if linked(i) is None else None
            if near:
                out[i] = dumps([{"id": j, "score": round(x, 4)} for j, x in near])
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], texts: dict[Side, str] | None = None) -> "Comparison":
        """Rebuild a comparison from ``to_json`` output.

        The JSON holds sentences, not whole texts, unless ``text`` was included; pass
        ``texts`` to supply the documents' texts when it was not.
        """
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if data.get("version") != VERSION:
            raise ValueError(f"unsupported {FORMAT} version {data.get('version')!r}")
        docs = {}
        for side in SIDES:
            d = data[side]
            text = (texts or {}).get(side, d.get("text"))
            if text is None:
                raise ValueError(f"the {side} document's text is neither in the file nor given")
            docs[side] = Document(
                path=d["path"],
                text=text,
                sha256=d["sha256"],
                encoding=d.get("encoding", "utf-8"),
                title=d.get("title", ""),
                source=d.get("source", {}),
                notices=list(d.get("notices", [])),
                sentences=_sentences([
                    Sentence(s["id"], s["start"], s["end"], s.get("kind", "sentence"), s.get("paragraph", 0))
                    for s in d["sentences"]
                ], text),
            )
        shared: dict = {}  # the links' evidence words, each string once
        links = [_link_from_json(x).compact(shared) for x in data["links"]]
        closest: dict[Side, dict[int, list[tuple[int, float]]]] = {
            side: {s["id"]: [(int(c["id"]), float(c["score"])) for c in s["closest"]]
                   for s in data[side]["sentences"] if s.get("closest")}
            for side in SIDES
        }
        return cls(docs["left"], docs["right"], links, closest=closest)


def _sentences(sentences: list[Sentence], text: str) -> Sequence[Sentence]:
    """A long document's sentences packed (``Sentences``); a usual one's as they are."""
    return Sentences.pack(sentences) if len(text) >= PACK_CHARS else sentences


class Closest(Mapping[int, list[tuple[int, float]]]):
    """The closest candidates of the sentences only one side has, packed: sentence id ->
    ``[(id in the other text, score), ...]``, read as the dict it was made from (in its order)."""

    __slots__ = ("_ids", "_ends", "_others", "_scores", "_row")

    def __init__(self, closest: Mapping[int, Iterable[tuple[int, float]]]) -> None:
        self._ids, self._ends, self._others, self._scores = array("q"), array("q"), array("q"), array("d")
        for i, near in closest.items():
            self._ids.append(i)
            for j, x in near:
                self._others.append(j)
                self._scores.append(x)
            self._ends.append(len(self._others))
        ids = self._ids
        # Ids in increasing order (as the engine makes them) are found by bisection; else a dict.
        self._row = None if all(ids[k] < ids[k + 1] for k in range(len(ids) - 1)) else {i: k for k, i in enumerate(ids)}

    def __getitem__(self, i: int) -> list[tuple[int, float]]:
        if self._row is not None:
            k = self._row[i]
        else:
            k = bisect.bisect_left(self._ids, i)
            if k == len(self._ids) or self._ids[k] != i:
                raise KeyError(i)
        lo, hi = self._ends[k - 1] if k else 0, self._ends[k]
        return list(zip(self._others[lo:hi], self._scores[lo:hi]))

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _LinkIndex:
    """For each sentence of a side, the index of the link holding it: one integer a sentence
    (-1 for none), and a dict for any id beyond the document's sentences."""

    __slots__ = ("_at", "_beyond")

    def __init__(self, size: int, links: list[Link], side: Side) -> None:
        self._at = at = array("i", [-1]) * size
        self._beyond: dict[int, int] = {}
        for k, link in enumerate(links):
            for i in link.ids(side):
                if 0 <= i < size:
                    at[i] = k
                else:
                    self._beyond[i] = k

    def get(self, i: int) -> int | None:
        try:
            at = operator.index(i)  # an int, or an integer such as numpy's
        except TypeError:
            return self._beyond.get(i)
        if 0 <= at < len(self._at):
            k = self._at[at]
            return None if k < 0 else k
        return self._beyond.get(at)


# From this many links a JSON report has a helper process write the last links' text (below,
# forking and sending the text back cost more than they save).
JSON_HELPER_MIN_LINKS = 4000
# Of the report's work, the share the helper takes: its links, with what this process has to do
# besides (the sentences, the escapes, writing it all out) weighed in the sentence's units below.
JSON_LINK_WORK = 5  # a link's text costs about five sentences'


def _links_later(comparison: "Comparison") -> tuple[int, Any]:
    """``(cut, later)``: the links from ``cut`` on are being written by a helper (``later``,
    whose ``result()`` is their text in pieces), or none are (``len(links), None``)."""
    from . import helper
    from .tokens import KEEP_CHARS

    links = comparison.links
    # The helper's text comes back whole before it is written out: only for texts whose
    # tokens are kept anyway, not where memory is what limits the comparison.
    chars = len(comparison.left.text) + len(comparison.right.text)
    if len(links) < JSON_HELPER_MIN_LINKS or chars > KEEP_CHARS or not helper.available():
        return len(links), None
    sentences = len(comparison.left.sentences) + len(comparison.right.sentences)
    work = sentences + JSON_LINK_WORK * len(links)
    cut = max(0, min(len(links), (work // 2 - sentences) // JSON_LINK_WORK))
    return cut, helper.begin(partial(_links_text, links, cut))


def _links_text(links: list[Link], start: int) -> list[str]:
    """The JSON of ``links[start:]``, in comma-separated pieces (``_links_json``)."""
    import json

    return list(_links_json(islice(links, start, None), json.JSONEncoder(ensure_ascii=False).encode))


def _sentences_json(doc: Document, closest: dict[int, str], dumps: Callable[[Any], str]) -> Iterator[str]:
    """A document's sentences in JSON (as ``dumps([_sentence_to_json(doc, s), ...])`` with the
    ``closest`` text added, less its brackets), in comma-separated pieces of ``JSON_BATCH``."""
    from json.encoder import encode_basestring as esc  # (a string as json.dumps(..., ensure_ascii=False) writes it)

    text, sentences = doc.text, iter(doc.sentences)

    def one(s: Sentence) -> str:
        i, start, end, paragraph = s.id, s.start, s.end, s.paragraph
        if not type(i) is type(start) is type(end) is type(paragraph) is int or type(s.kind) is not str:
            out = _sentence_to_json(doc, s)  # (from a file: what the encoder makes of it)
            near = closest.get(i)
            return dumps(out)[:-1] + ("}" if near is None else f', "closest": {near}}}')
        near = closest.get(i)
        return (f'{{"id": {i}, "start": {start}, "end": {end}, "text": {esc(text[start:end])}, '
                f'"kind": {esc(s.kind)}, "paragraph": {paragraph}'
                + ("}" if near is None else f', "closest": {near}}}'))

    for batch in iter(lambda: list(islice(sentences, JSON_BATCH)), []):
        yield ", ".join(map(one, batch))


def _links_json(links: Iterable[Link], dumps: Callable[[Any], str]) -> Iterator[str]:
    """The links in JSON (as ``dumps([_link_to_json(link), ...])`` less its brackets), in
    comma-separated pieces of ``JSON_BATCH`` links."""
    from json.encoder import encode_basestring as esc

    links = iter(links)
    text = partial(_link_json, dumps=dumps, esc=esc)
    for batch in iter(lambda: list(islice(links, JSON_BATCH)), []):
        yield ", ".join(map(text, batch))


def _link_json(link: Link, dumps: Callable[[Any], str], esc: Callable[[str], str]) -> str:
    """``dumps(_link_to_json(link))``, written from the link's parts (``esc`` writes a string as
    ``dumps`` does): the packed evidence and word diff are read straight into text, with no
    dicts or lists made on the way."""
    score = round(link.score, 4)
    changes = _changes_of(link)
    text = (f'{{"left": [{_ids_json(link.left, dumps)}], "right": [{_ids_json(link.right, dumps)}], '
            f'"kind": {dumps(link.kind)}, '
            f'"score": {float.__repr__(score) if type(score) is float and score - score == 0 else dumps(score)}, '
            f'"changes": {dumps([_change_to_json(c) for c in changes]) if changes else "[]"}, '
            f'"evidence": {_evidence_json(link, dumps, esc)}, "diff": {_diff_json(link, dumps)}')
    return text + ("}" if link.origin == "engine" else f', "origin": {dumps(link.origin)}}}')


def _ids_json(ids: Sequence[int], dumps: Callable[[Any], str]) -> str:
    """A link side's ids as ``dumps`` writes them between the brackets (ids that are not plain
    ints, as a hand-edited report read back may hold, go to ``dumps``)."""
    for i in ids:
        if type(i) is not int:
            return dumps(list(ids))[1:-1]
    return ", ".join(map(int.__repr__, ids))


def _evidence_json(link: Link, dumps: Callable[[Any], str], esc: Callable[[str], str]) -> str:
    """``dumps(dict(link.evidence_items()))``: its strings escaped one by one (anything but
    strings, as a link read from a file may hold, goes to ``dumps``)."""
    ev = _EVIDENCE_SLOT.__get__(link, Link)
    try:
        if isinstance(ev, dict):
            return "{" + ", ".join([f'{esc(k)}: [{", ".join(map(esc, vs))}]' for k, vs in ev.items()]) + "}"
        layout, values, at, parts = ev[0], list(map(esc, ev[1:])), 0, []
        for k in range(0, len(layout), 2):
            n = layout[k + 1]
            parts.append(f'{esc(layout[k])}: [{", ".join(values[at : at + n])}]')
            at += n
        return "{" + ", ".join(parts) + "}"
    except TypeError:
        return dumps(dict(link.evidence_items()))


def _diff_json(link: Link, dumps: Callable[[Any], str]) -> str:
    """``dumps(link.diff_rows())``, read straight off the bytes of a packed diff."""
    packed = _DIFF_SLOT.__get__(link, Link)
    if not isinstance(packed, bytes) or packed[:1] != b"\x01":
        return dumps(link.diff_rows())
    lbase, rbase = _BASES.unpack_from(packed, 1)
    op = _OP_JSON
    parts: list[str] = []
    add = parts.append
    for code, ls, ln, rs, rn in _SHORT_STEP.iter_unpack(memoryview(packed)[1 + _BASES.size :]):
        if ls != _ABSENT:
            ls += lbase
            if rs != _ABSENT:
                rs += rbase
                add(f"[{op[code]}, [{ls}, {ls + ln}], [{rs}, {rs + rn}]]")
            else:
                add(f"[{op[code]}, [{ls}, {ls + ln}], null]")
        elif rs != _ABSENT:
            rs += rbase
            add(f"[{op[code]}, null, [{rs}, {rs + rn}]]")
        else:
            add(f"[{op[code]}, null, null]")
    return "[" + ", ".join(parts) + "]"


_OP_JSON = tuple(f'"{op}"' for op in OPS)  # (the ops' names need no escapes)


def _doc_head(doc: Document) -> dict[str, Any]:
    """A document's JSON without its sentences."""
    out: dict[str, Any] = {
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
    }
    if doc.title:
        out["title"] = doc.title
    if doc.source:
        out["source"] = doc.source
    if doc.notices:
        out["notices"] = doc.notices
    return out


def _doc_to_json(doc: Document) -> dict[str, Any]:
    out = _doc_head(doc)
    out["sentences"] = [_sentence_to_json(doc, s) for s in doc.sentences]
    return out


def _sentence_to_json(doc: Document, s: Sentence) -> dict[str, Any]:
    return {
        "id": s.id,
        "start": s.start,
        "end": s.end,
        "text": doc.text[s.start : s.end],
        "kind": s.kind,
        "paragraph": s.paragraph,
    }


def _span_json(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _span_from(v: Any) -> Span | None:
    return None if v is None else (int(v[0]), int(v[1]))


def _link_to_json(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "left": list(link.left),
        "right": list(link.right),
        "kind": link.kind,
        "score": round(link.score, 4),
        "changes": [_change_to_json(c) for c in _changes_of(link)],
        "evidence": dict(link.evidence_items()),
        "diff": link.diff_rows(),
    }
    if link.origin != "engine":
        out["origin"] = link.origin
    return out


def _change_to_json(c: Change) -> dict[str, Any]:
    return {
        "type": c.type,
        "left": _span_json(c.left),
        "right": _span_json(c.right),
        "left_text": c.left_text,
        "right_text": c.right_text,
        **({"note": c.note} if c.note else {}),
    }


def _link_from_json(x: dict[str, Any]) -> Link:
    return Link(
        left=tuple(x["left"]),
        right=tuple(x["right"]),
        kind=x["kind"],
        score=float(x.get("score", 0.0)),
        changes=[
            Change(
                c["type"],
                _span_from(c.get("left")),
                _span_from(c.get("right")),
                c.get("left_text", ""),
                c.get("right_text", ""),
                c.get("note", ""),
            )
            for c in x.get("changes", [])
        ],
        evidence={k: list(v) for k, v in x.get("evidence", {}).items()},
        diff=WordOps(WordOp(d[0], _span_from(d[1]), _span_from(d[2])) for d in x.get("diff", [])),
        origin=x.get("origin", "engine"),
    )
