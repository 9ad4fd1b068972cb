"""Turn sentence text into tokens with comparison keys that survive house style and paraphrase.

A token keeps its character span in the document; its ``key`` is what the aligner compares:
lower-cased, curly quotes straightened, spelling variants unified (U.S./US/United States,
prioritised/prioritized, cease-fire/ceasefire), numbers as values ("two" and "2" are ``#2``),
Early Modern English forms modernised, then stemmed (nltk's Snowball stemmer).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ARCHAIC,
    CAPS_VARIANTS,
    FRACTIONS,
    MONTHS,
    MULTIPLIERS,
    ORDINAL_WORDS,
    PHRASE_VARIANTS,
    SCALES,
    STOP_WORDS,
    TENS,
    UNITS,
    VARIANTS,
    WEEKDAYS,
)

def _combining_marks() -> str:
    """A character class body of the combining marks of the common scripts (Devanagari vowel
    signs, Hebrew points, Arabic harakat ...): they belong to the word they sit on."""
    import unicodedata

    ranges = ((0x0300, 0x1CFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    marks = [c for a, b in ranges for c in range(a, b + 1) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    runs: list[list[int]] = []  # written as runs "first-last": the patterns compile in half the time
    for c in marks:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


_MARKS = _combining_marks()
# One mark at a time, possessive: a run of letters and marks is read one way only (linear).
_LETTERS = rf"[^\W\d_]++(?:[{_MARKS}][^\W\d_]*+)*+"
_TOKEN = re.compile(
    rf"""
    (?P<num>\$?\d+(?:[,.]\d+)*(?:st|nd|rd|th|s)?%?)
  | (?P<abbr>(?:[^\W\d_]\.){{2,}}|(?<![\w.])(?:[^\W\d_]\.)+[^\W\d_](?![\w]))
  | (?P<word>{_LETTERS}(?:['’]{_LETTERS})*(?:-{_LETTERS}(?:['’]{_LETTERS})*)*)
    """,
    re.VERBOSE,
)
# Every character a token may hold or look at: word characters (letters, digits, "_"), the
# combining marks, and what numbers, abbreviations and compounds join with. ``_GAP`` is a run
# of other characters (kept by ``split``).
_GAP = re.compile(rf"([^\w$%.,'’\-{_MARKS}]+)")
_PLAIN_WORD = r"(?<![\w\-])[^\W\d_]+(?![\w\-])"
# Starts only at the start of a run of letters, and never gives letters back: linear on a
# "word" of any length (a match inside a run could only repeat the one at its start).
_HYPHENATED = r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+"
# Both in one pass: a plain word touches no hyphen and a hyphenated one holds one, so no match
# of one overlaps a match of the other, and the pass finds what two passes would.
_PLAIN_OR_HYPHENATED = re.compile(f"({_PLAIN_WORD})|({_HYPHENATED})")

NUMBER_WORDS = {**UNITS, **TENS}
_ALL_NUMBER_WORDS = {**NUMBER_WORDS, **SCALES, **MULTIPLIERS}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    surface: str
    key: str
    content: bool
    number: float | None = None
    cap: bool = False  # starts with a capital letter
    low: str = ""  # the surface in lower case (``surface.lower()``, made once)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_NEW = object.__new__


def make_token(start: int, end: int, fields: tuple) -> Token:
    """``Token(start, end, *fields)``, made without calling ``__init__`` (half the time: a
    book has millions of tokens). ``fields`` are the other six, in order."""
    t = _NEW(Token)
    t.start = start
    t.end = end
    t.surface, t.key, t.content, t.number, t.cap, t.low = fields
    return t


@lru_cache(maxsize=1)
def _stemmer():
    from .nltk_parts import modules

    return modules()[1].EnglishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stem(word)


_BRITISH = (
    (re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})ys(e|ed|es|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|ful)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,}[ea])ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"^(\w{3,})tre(s|d)?$"), r"\1ter\2"),
    (re.compile(r"^(\w{2,})ogue(s)?$"), r"\1og\2"),
)


@lru_cache(maxsize=200_000)
def word_key(lower: str) -> str:
    """The comparison key of one lower-cased word (no spaces, no hyphens)."""
    w = lower.replace("’", "'")
    if w in VARIANTS:
        return VARIANTS[w]
    if w in ARCHAIC:
        return ARCHAIC[w]
    if w.endswith("'s") or w.endswith("s'"):
        w = w[:-2] if w.endswith("'s") else w[:-1]
    w = w.replace("'", "")
    if w in VARIANTS:
        return VARIANTS[w]
    if w in MONTHS and len(w) > 3:
        return w
    for pattern, repl in _BRITISH:
        if pattern.match(w):
            w = pattern.sub(repl, w)
            break
    if len(w) > 5 and w.endswith("eth"):
        w = w[:-3] + "e"  # cometh -> come, believeth -> believe
    # Not through ``stem``'s cache: this function's own keeps each word's key already.
    return _stemmer().stem(w)


def parse_number(surface: str) -> float | None:
    s = surface.lstrip("$").rstrip("%")
    s = re.sub(r"(st|nd|rd|th|s)$", "", s)
    s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def number_key(value: float, percent: bool = False) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "#" + text + ("%" if percent else "")


# Characters of a text searched for words at a time (``_words_of``).
WORDS_CHUNK = 1 << 18


def _words_of(text: str) -> Iterator[tuple[str, str]]:
    """``_PLAIN_OR_HYPHENATED.findall(text)``, found a quarter of a million characters at a time
    (cut at a space or a line break, where no match starts, ends or looks), so a book's million
    matches are never all in one list."""
    for piece in _pieces(text):
        yield from _PLAIN_OR_HYPHENATED.findall(piece)


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of a quarter of a million characters or so, cut at a space or a line
    break (where no word starts, ends or looks)."""
    pos = 0
    while pos < len(text):
        end = text.find(" ", pos + WORDS_CHUNK)
        if end < 0:
            end = text.find("\n", pos + WORDS_CHUNK)
        if end < 0:
            end = len(text)
        yield text[pos:end]
        pos = end


_HYPHENATED_RE = re.compile(_HYPHENATED)
# ``_PLAIN_WORD`` that never gives letters back (a shorter run would end beside a letter).
_PLAIN_WORD_RE = re.compile(r"(?<![\w\-])[^\W\d_]++(?![\w\-])")
_LETTER = re.compile(r"[^\W\d_]")
_WORD_OR_HYPHEN = re.compile(r"[\w\-]")
# Words ``_plain_among`` looks for one by one with ``str.find`` (more are read in one scan), and
# the finds inside other words it tries before it reads the text in one scan instead.
FIND_WORDS = 64
FIND_MISSES = 1000
# A hyphen after a letter (the hyphen first: the engine then skips to hyphens at C speed).
_HYPHEN_AFTER_LETTER = re.compile(r"-(?<=[^\W\d_]-)")


def _hyphenated(text: str) -> set[str]:
    """The hyphenated words of ``text`` (``_HYPHENATED``'s matches), found from its hyphens
    that follow a letter: a match starts where the run of letters before its first hyphen
    starts."""
    out: set[str] = set()
    done = 0
    for hyphen in _HYPHEN_AFTER_LETTER.finditer(text):
        at = hyphen.start()
        if at < done:  # a hyphen inside the last match is that match's
            continue
        start = at - 1
        while start > 0 and _LETTER.match(text, start - 1):
            start -= 1
        m = _HYPHENATED_RE.match(text, start)
        if m:
            out.add(m.group())
            done = m.end()
    return out


def _plain_among(text: str, wanted: set[str]) -> set[str]:
    """The words of ``wanted`` (lower case, letters only) that ``text`` writes as a plain word
    (``_PLAIN_WORD``), in any case. A few words are looked for in the lower-cased text, where
    lower-casing keeps every character's place (no character becomes two, no final sigma); many
    words, another text, or a text where they turn up too often inside other words (a page of
    one long "word") have all their plain words read once instead, so the cost stays linear."""
    if not wanted:
        return set()
    low = text.lower()
    if len(wanted) > FIND_WORDS or len(low) != len(text) or "Σ" in text:
        return _plain_words_in(text, wanted, low)
    misses = FIND_MISSES + len(text) // 100
    out = set()
    for word in wanted:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            # ``word`` is letters only: it is a plain word here when neither neighbour is a
            # word character or a hyphen (``_PLAIN_WORD``'s look-behind and look-ahead).
            if ((at == 0 or not _WORD_OR_HYPHEN.match(text, at - 1))
                    and (end == len(text) or not _WORD_OR_HYPHEN.match(text, end))):
                out.add(word)
                break
            misses -= 1
            if misses < 0:
                return _plain_words_in(text, wanted, low)
            at = low.find(word, at + 1)
    return out


def _plain_words_in(text: str, wanted: set[str], low: str | None = None) -> set[str]:
    """The words of ``wanted`` among ``text``'s plain words, lower-cased: one scan of the text
    (of the lower-cased text ``low``, where lower-casing keeps every character's place)."""
    if low is None:
        low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        return wanted & {w.lower() for w, _ in _words_of(text) if w}
    found: set[str] = set()
    # No plain word holds or borders on white space: each distinct run between white space is
    # read on its own, a run of letters alone being one word.
    for piece in _pieces(low):
        for run in set(piece.split()):
            if run.isalpha():
                if run in wanted:
                    found.add(run)
            else:
                found |= wanted.intersection(_PLAIN_WORD_RE.findall(run))
    return found


class Tokenizer:
    """Tokenises the sentences of a pair of documents with a shared vocabulary.

    The vocabulary decides hyphenated compounds: ``cease-fire`` becomes ``ceasefire`` when
    either text writes it as one word, and ``intelligence-sharing`` becomes two tokens
    when neither does.
    """

    def __init__(self, *texts: str, joined: set[str] | None = None) -> None:
        """``joined``: the compounds written as one word, where already found (by a tokenizer
        of the same texts); else they are looked for."""
        # Short texts keep the chunks they read (``_CHUNK_TOKENS``); a book's are mostly its own.
        self.keep_chunks = sum(map(len, texts)) <= KEEP_CHUNKS_CHARS
        if joined is not None:
            self.joined = joined
            return
        hyphenated: set[str] = set()
        for text in texts:
            hyphenated |= _hyphenated(text)
        if not hyphenated:
            self.joined = set()
            return
        compounds = set(map(str.lower, hyphenated))
        wanted = {h.replace("-", "") for h in compounds}
        plain: set[str] = set()
        for text in texts:
            plain |= _plain_among(text, wanted - plain)
        self.joined = {h for h in compounds if h.replace("-", "") in plain}

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        out: list[Token] = []
        append = out.append
        plain = _CHUNK_FIELDS
        new = _NEW
        # The text is read chunk by chunk, split at spaces: a chunk ``plain`` holds (a word of
        # letters, perhaps with "," or "." after it, that is no number and no word a merge
        # needs: most chunks) is one word token, made here (as ``make_token`` makes it); any
        # other goes through ``_chunk`` (an empty one, between two spaces, holds nothing).
        odd = False  # a token made by ``_chunk`` is a number or a word a merge needs
        pos = start
        for chunk in text[start:end].split(" "):
            at = pos
            pos += len(chunk) + 1
            fields = plain.get(chunk)
            if fields is None:
                if chunk and self._chunk(out, text, at, chunk):
                    odd = True
                continue
            t = new(Token)
            t.start = at
            t.surface, t.key, t.content, t.number, t.cap, t.low = fields
            t.end = at + len(t.surface)
            append(t)
        # The merges need numbers or certain words: most sentences have none, and skip them. A
        # merge makes no word that a later merge needs (a merged token's words are two or more).
        if not odd:
            return out
        if _adjacent_numbers(out):
            _merge_numbers(out)
        if _MERGE_WORDS.isdisjoint([t.low for t in out]):
            return out
        words = {t.low for t in out}
        if "of" in words and not words.isdisjoint(FRACTIONS):
            _merge_fractions(out, text)
        if not words.isdisjoint(_PHRASE_ENDS) and any(phrase <= words for phrase in _PHRASE_WORD_SETS):
            _merge_phrases(out)
        return out

    def _chunk(self, out: list[Token], text: str, at: int, chunk: str) -> bool:
        """Add the tokens of a chunk (no spaces) that ``_CHUNK_FIELDS`` does not hold; True
        when one is a number or a word a merge needs. A plain word, perhaps between marks that
        no token holds ("“I", "him:", "you?”": gaps to ``_read_chunk``), is that word's one
        token, made here. Of other chunks, one after a space reads alike in any text
        (``_CHUNK_TOKENS``): kept, and made again from what was kept where the pair's compounds
        (``joined``) decide its hyphenated words as they did then."""
        core = chunk.lstrip(_MARKS_AROUND)
        lead = len(chunk) - len(core)
        core = core.rstrip(_MARKS_AROUND)
        if not core:
            return False  # marks only
        fields = _CHUNK_FIELDS.get(core) or _ODD_FIELDS.get(core) or _plain_fields(core)
        if fields is not None:
            out.append(make_token(at + lead, at + lead + len(fields[0]), fields))
            return fields[3] is not None or fields[5] in _MERGE_WORDS
        after_space = self.keep_chunks and at > 0 and text[at - 1] == " "
        if after_space:
            kept = _CHUNK_TOKENS.get(chunk)
            if kept is not None and all((word in self.joined) == was for word, was in kept[2]):
                for a, b, fields in kept[0]:
                    out.append(make_token(at + a, at + b, fields))
                return kept[1]
        first = len(out)
        compounds: list[tuple[str, bool]] = []
        self._read_chunk(out, text, at, chunk, compounds)
        made = out[first:]
        odd = any(t.number is not None or t.low in _MERGE_WORDS for t in made)
        if after_space:
            if len(_CHUNK_TOKENS) >= _CHUNK_TOKENS_MAX:
                _CHUNK_TOKENS.clear()
            _CHUNK_TOKENS[chunk] = (tuple((t.start - at, t.end - at, (t.surface, t.key, t.content, t.number, t.cap, t.low))
                                          for t in made), odd, tuple(compounds))
        return odd

    def _read_chunk(self, out: list[Token], text: str, at: int, chunk: str, compounds: list) -> None:
        """A chunk's tokens: a token never spans a character ``_GAP`` matches, so it is read in
        the parts between those; a part that is a plain word (``_plain_fields``) is one token,
        any other is read by ``_TOKEN``."""
        parts = _GAP.split(chunk)  # part, gap, part, ... gap, part
        for k in range(0, len(parts), 2):
            part = parts[k]
            fields = _plain_fields(part) if part else None
            if fields is not None:
                out.append(make_token(at, at + len(fields[0]), fields))
            elif part:
                self._tokens(out, text, at, at + len(part), compounds)
            at += len(part) + (len(parts[k + 1]) if k + 1 < len(parts) else 0)

    def _tokens(self, out: list[Token], text: str, start: int, end: int, compounds: list) -> None:
        """``_TOKEN``'s tokens of text[start:end]; each hyphenated word met, lower-cased, goes
        into ``compounds`` with whether the pair writes it as one word (``joined``)."""
        joined = self.joined
        for m in _TOKEN.finditer(text, start, end):
            surface = m.group()
            a, b = m.span()
            group = m.lastgroup
            if group == "word" and "-" in surface:
                low = surface.lower().replace("’", "'")
                compounds.append((low, low in joined))
                if low not in joined:
                    pos = a
                    for part in surface.split("-"):
                        fields = _word_fields(part)
                        out.append(make_token(pos, pos + len(part), fields))
                        pos += len(part) + 1
                    continue
            fields = _WORD_FIELDS.get(surface) if group == "word" else _other_fields(group, surface)
            if fields is None:
                fields = _word_fields(surface)
            if fields is _NOT_A_NUMBER:
                continue
            out.append(make_token(a, b, fields))


# A word's token fields (surface, key, content, number, cap, low) depend on its surface alone: each
# is worked out once, and the tokens of every copy share one surface string.
_WORD_FIELDS: dict[str, tuple] = {}
_NOT_A_NUMBER = ()


def _word_fields(surface: str) -> tuple:
    fields = _WORD_FIELDS.get(surface)
    if fields is None:
        fields = _word(surface)
        if len(_WORD_FIELDS) >= _ROOM["words"]:
            _make_room(_WORD_FIELDS)
        _WORD_FIELDS[surface] = fields
    return fields


# Room in the per-word tables (entries). Once a book's reading is done and its tokens are made
# again only when asked (``few_words``), the words put in lately are kept, not the book's whole
# vocabulary: 182 -> 171 MiB at the peak of a 10 MB comparison (bench/bench_memory_stages.py).
MANY_WORDS = {"words": 500_000, "chunks": 100_000}
FEW_WORDS = {"words": 16_384, "chunks": 16_384}
_ROOM = dict(MANY_WORDS)


def few_words(few: bool) -> None:
    """Keep few words' fields from now on (``FEW_WORDS``), or many (``MANY_WORDS``)."""
    _ROOM.update(FEW_WORDS if few else MANY_WORDS)


def _make_room(table: dict) -> None:
    """Empty a full table; with few words kept, let the half put in first go (a dict keeps its
    insertion order) and the word keys with it."""
    if _ROOM["words"] < MANY_WORDS["words"]:
        # The keys copied in one call: the reader's threads tokenise too, and an iterator over a
        # table another thread adds to meanwhile raises.
        for old in list(table)[: len(table) // 2]:
            table.pop(old, None)  # (another thread may have let it go)
        word_key.cache_clear()
    else:
        table.clear()


# A chunk of letters, perhaps with a comma or full stop after it -> the fields of its one word
# token (``_plain_fields``), where that word is no number and no word a merge needs; chunks of
# other kinds are not kept here. Made room in when full (``_make_room``): made again from
# ``_WORD_FIELDS`` at the cost of a dict look-up.
_CHUNK_FIELDS: dict[str, tuple] = {}
# The same for the words that are numbers or that a merge needs ("one", "day"), read by ``_chunk``.
_ODD_FIELDS: dict[str, tuple] = {}
# Marks that no token holds (``_GAP`` matches each): a chunk of a plain word between such marks
# has that word's one token.
_MARKS_AROUND = "“”‘\"()[]{}«»;:?!—–…*/"


def _plain_fields(chunk: str) -> tuple | None:
    """The fields of the word a chunk of letters (perhaps with "," or "." after it) is, or None
    for any other chunk. The letters may be runs joined by apostrophes ("Russia’s", "wasn’t"):
    ``_TOKEN`` reads those as one word too."""
    word = chunk[:-1] if chunk[-1:] in (",", ".") else chunk
    if not word.isalpha() and not (("’" in word or "'" in word)
                                   and all(map(str.isalpha, word.replace("’", "'").split("'")))):
        return None
    fields = _word_fields(word)
    kept = _CHUNK_FIELDS if fields[3] is None and fields[5] not in _MERGE_WORDS else _ODD_FIELDS
    if len(kept) >= _ROOM["chunks"]:
        _make_room(kept)
    kept[chunk] = fields
    return fields


# A chunk ``_chunk`` read after a space -> (its tokens as (start, end, fields) from the chunk's
# start, whether one is a number or a word a merge needs, its hyphenated words lower-cased with
# whether ``joined`` held each). Emptied when full.
_CHUNK_TOKENS: dict[str, tuple] = {}
_CHUNK_TOKENS_MAX = 8192
# Texts up to this many characters together keep their chunks there. A book's are mostly read
# once: with them kept, the New Testament pair's reading took 5% more CPU time (the table
# filled and was emptied again and again) or, with room for all 17,853, 8 MiB more memory.
KEEP_CHUNKS_CHARS = 400_000


# What other modules keep per word (``kept_per_word``), emptied by ``forget_words`` too.
_KEPT_ELSEWHERE: list[dict] = []


def kept_per_word(cache: dict) -> dict:
    """``cache``, a dict of what another module keeps per word, to be emptied by ``forget_words``."""
    _KEPT_ELSEWHERE.append(cache)
    return cache


def forget_words() -> None:
    """Let go of what is kept per word seen (fields, keys, stems: up to a few hundred MB after
    a book of many words); worked out again when met again."""
    for kept in (_WORD_FIELDS, _CHUNK_FIELDS, _ODD_FIELDS, _CHUNK_TOKENS, *_KEPT_ELSEWHERE):
        kept.clear()
    for cached in (_other_fields, word_key, stem):
        cached.cache_clear()


@lru_cache(maxsize=100_000)
def _other_fields(group: str, surface: str) -> tuple:
    """The fields of a number or an abbreviation (``_NOT_A_NUMBER`` for digits that are none)."""
    if group == "num":
        value = parse_number(surface)
        if value is None:
            return _NOT_A_NUMBER
        return (surface, number_key(value, surface.endswith("%")), True, value, False, surface.lower())
    lower = surface.lower()
    key = VARIANTS.get(lower, VARIANTS.get(lower.rstrip("."), lower.replace(".", "")))
    return (surface, key, key not in STOP_WORDS, None, True, lower)


def _word(surface: str) -> tuple:
    low = surface.lower()
    if low == surface:  # most words: one string kept for surface, lower case and key cache
        low = surface
    return (*_word_fields_of(low, surface), low)


def _word_fields_of(low: str, surface: str) -> tuple:
    lower = low.replace("’", "'").replace("-", "")
    cap = surface[:1].isupper()
    if surface.isupper() and lower in CAPS_VARIANTS:
        return (surface, CAPS_VARIANTS[lower], True, None, cap)
    if lower.endswith("n't"):
        return (surface, "not", False, None, cap)
    if lower.endswith("fold") and lower[:-4] in NUMBER_WORDS:
        lower = lower[:-4]  # thirtyfold -> thirty
    if lower in _ALL_NUMBER_WORDS:
        value = float(_ALL_NUMBER_WORDS[lower])
        return (surface, number_key(value), lower not in ("one", "once"), value, cap)
    if lower in ORDINAL_WORDS and lower not in ("first", "second"):
        value = float(ORDINAL_WORDS[lower])
        return (surface, number_key(value), True, value, cap)
    if cap and lower in MONTHS and lower != "may":
        return (surface, MONTH_NAMES[MONTHS[lower] - 1], True, None, cap)
    if lower in WEEKDAYS and (cap or len(lower) > 4):
        return (surface, WEEKDAY_NAMES[WEEKDAYS[lower] - 1], True, None, cap)
    key = word_key(lower)
    content = lower not in STOP_WORDS and key not in STOP_WORDS and len(key) > 1
    return (surface, key, content, None, cap)



def _adjacent_numbers(tokens: list[Token]) -> bool:
    """Two numbers side by side: what every merge of ``_merge_numbers`` starts from."""
    numbers = [t.number for t in tokens]
    if len(numbers) - numbers.count(None) < 2:  # most sentences: no pair to look for
        return False
    return any(a is not None and b is not None for a, b in zip(numbers, numbers[1:]))


def _merge_numbers(tokens: list[Token]) -> None:
    """'twenty five' -> 25, '2.5 billion' -> 2.5e9, 'two hundred' -> 200 (in place)."""
    i = 0
    while i < len(tokens) - 1:
        t, u = tokens[i], tokens[i + 1]
        if (
            t.number is not None
            and u.number is not None
            and u.low in SCALES
            and t.low not in SCALES
        ):
            value = t.number * u.number
        elif (
            t.number is not None
            and u.number is not None
            and t.low in TENS
            and u.low in UNITS
        ):
            value = t.number + u.number
        else:
            i += 1
            continue
        surface = t.surface + " " + u.surface
        tokens[i] = Token(t.start, u.end, surface, number_key(value), True, value, t.cap, surface.lower())
        del tokens[i + 1]


def _merge_fractions(tokens: list[Token], text: str) -> None:
    """'a third of' -> 1/3, 'two-thirds of' -> 2/3, 'half of' -> 1/2 (in place)."""
    i = 0
    while i < len(tokens) - 1:
        t, u = tokens[i], tokens[i + 1]
        low = u.low
        follows_of = i + 2 < len(tokens) and tokens[i + 2].low == "of"
        top = 1.0 if t.low in ("a", "an", "one") else t.number
        if low in FRACTIONS and follows_of and top is not None and 0 < top < FRACTIONS[low]:
            value = top / FRACTIONS[low]
            surface = text[t.start : u.end]
            tokens[i] = Token(t.start, u.end, surface, number_key(round(value, 6)), True, value, t.cap, surface.lower())
            del tokens[i + 1]
        i += 1


def _merge_phrases(tokens: list[Token]) -> None:
    """'United States' -> one token keyed 'us' (in place)."""
    i = 0
    while i < len(tokens):
        for phrase, key in _PHRASES_BY_FIRST.get(tokens[i].low, ()):
            n = len(phrase)
            if i + n <= len(tokens) and all(tokens[i + k].low == phrase[k] for k in range(1, n)):
                first, last = tokens[i], tokens[i + n - 1]
                surface = " ".join(t.surface for t in tokens[i : i + n])
                tokens[i : i + n] = [Token(first.start, last.end, surface, key, True, None, first.cap, surface.lower())]
                break
        i += 1


_PHRASE_WORD_SETS = [frozenset(phrase) for phrase in PHRASE_VARIANTS]
_PHRASE_ENDS = frozenset(phrase[-1] for phrase in PHRASE_VARIANTS)
# A sentence none of whose tokens is one of these words has nothing for those merges to do.
_MERGE_WORDS = _PHRASE_ENDS | frozenset(FRACTIONS)
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _key in sorted(PHRASE_VARIANTS.items(), key=lambda kv: -len(kv[0])):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _key))
