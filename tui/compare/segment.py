"""Split a document into units: sentences (nltk Punkt with shipped parameters), headlines,
datelines, subheads and caption lines. Every unit is a ``(start, end)`` span into the text.

No model is downloaded: Punkt runs with an abbreviation list from ``lexicon``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import ABBREVIATIONS, REPORTING_VERBS, SENTENCE_FINAL_ABBREVIATIONS
from .model import Sentence

# A sentence longer than this is split at ";" or ":" into clauses of at least MIN_CLAUSE chars.
LONG_SENTENCE = 150
MIN_CLAUSE = 40

_TERMINAL = ".!?…\"'”’»)]"
_DATELINE = re.compile(
    r"""(?x)
    (?P<dl>
      [A-Z][A-Z.'’\-]{2,}(?:\ [A-Z][A-Z.'’\-]+)*          # WASHINGTON, NEW YORK
      (?:,\ [A-Z][A-Za-z.'’\-]+(?:\ [A-Z][A-Za-z.'’\-]+)*)?  # , Ukraine
      (?:\ \((?:AP|Reuters|AFP|UPI|CNN|[A-Z]{2,6})\))?      # (AP)
      \s*[—–-]{1,2}
    )
    \s+(?=\S)
    """
)
_CAPTION = re.compile(r"^(?:FILE(?: PHOTO)?\s*[-—–:]|PHOTO:|Photo:|Image:|Caption:|\(Photo)")
_MD_PREFIX = re.compile(r"^(?:\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+))+")
_MD_SKIP = re.compile(r"^\s*(?:(?:[-*_]\s*){3,}|```.*|~~~.*|<!--.*-->)\s*$")
_INITIALS_END = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){1,3}$")
_CLAUSE_CUT = re.compile(r"[;:](?=\s+[^\s\"“'‘])")


# Sentence ends beyond . ? !: the Devanagari danda, the Arabic and Urdu marks, CJK full stops.
SENTENCE_END_CHARS = (".", "?", "!", "।", "॥", "؟", "۔", "。", "！", "？")
_SENTENCE_END = re.compile("[" + re.escape("".join(SENTENCE_END_CHARS)) + "]")


def _unguarded(pattern):
    """``pattern`` compiled again by its own engine, without nltk's guard: from nltk 3.10 each
    Punkt pattern is wrapped to check a time limit on every call, which cost a third of
    segmenting a book. Punkt's patterns are linear (no nested or overlapping repeats), so the
    guard never trips on them; older nltk hands out plain ``re`` patterns, used as they are."""
    if isinstance(pattern, re.Pattern):
        return pattern
    import regex  # the engine nltk's guard wraps (an nltk dependency)

    return regex.compile(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1)
def _tokenizer():
    from .nltk_parts import modules

    punkt = modules()[0]
    PunktLanguageVars, PunktParameters = punkt.PunktLanguageVars, punkt.PunktParameters
    PunktSentenceTokenizer, PunktToken = punkt.PunktSentenceTokenizer, punkt.PunktToken

    class LanguageVars(PunktLanguageVars):
        sent_end_chars = SENTENCE_END_CHARS
        re_boundary_realignment = _unguarded(PunktLanguageVars.re_boundary_realignment)

        @lru_cache(maxsize=1)
        def period_context_re(self):
            return _unguarded(super().period_context_re())

        @lru_cache(maxsize=1)
        def _word_tokenizer_re(self):
            return _unguarded(super()._word_tokenizer_re())

    class Token(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = _unguarded(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = _unguarded(PunktToken._RE_NUMERIC)
        _RE_INITIAL = _unguarded(PunktToken._RE_INITIAL)
        _RE_ALPHA = _unguarded(PunktToken._RE_ALPHA)
        _RE_NON_PUNCT = _unguarded(punkt._re_non_punct)

        @property
        def is_non_punct(self):
            return self._RE_NON_PUNCT.search(self.type)

    class Tokenizer(PunktSentenceTokenizer):
        def text_contains_sentbreak(self, text: str) -> bool:
            return _plain_break(text) or self._decides(_in_short(text))

        @lru_cache(maxsize=65_536)
        def _decides(self, text: str) -> bool:
            # Whether "word. Next" breaks depends on that context alone (the parameters are
            # fixed): decided once per context. The same contexts recur all through a book.
            return super().text_contains_sentbreak(text)

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return Tokenizer(params, lang_vars=LanguageVars(), token_cls=Token)


def _in_short(context: str) -> str:
    """A Punkt context ("word. Next") with its first and last words in short, where Punkt
    decides the short context as it decides the whole one: so a context is decided once per
    shape, not once per pair of words (the same shapes recur all through a book).

    The last word, after a space, when it is letters (perhaps with an opening quote before
    them, and commas, colons, question or exclamation marks or closing quotes after them): its
    letters as "A" or "a" by the case of the first (kept when it has none). Where Punkt's word
    tokens end depends on the characters after the letters alone; the token holding them is
    marked nothing by the first pass (it ends in no full stop), and the second pass asks only
    whether it is punctuation or starts upper or lower case (Punkt's other questions about it,
    its collocations, sentence starters and orthographic context, have empty answers with
    these parameters).

    The first word, when it is two letters or more, no abbreviation, and a sentence end follows
    it ("him.”", "you? He"): as "Zq" or "zq" by the case of its first letter (kept when it has
    none). Where Punkt's word tokens end depends on the characters after the letters alone, so
    the first token is the word and the same characters after it; of its letters Punkt asks only
    whether they are an abbreviation or an initial (neither, in both) and the case of the first
    (the same); the rest of what it asks is about the characters after them, or has empty
    answers with these parameters."""
    head, space, last = context.rpartition(" ")
    m = _LAST_WORD.fullmatch(last) if space else None
    if m is not None and m[2].isalpha():
        if m[2][0].isupper():
            context = f"{head} {m[1]}A{m[3]}"
        elif m[2][0].islower():
            context = f"{head} {m[1]}a{m[3]}"
    m = _FIRST_WORD.match(context)
    if m is None:
        return context
    word, end = m.group(), m.end()
    if (len(word) > 1 and end < len(context) and context[end] in SENTENCE_END_CHARS and word.isalpha()
            and word.lower() not in ABBREVIATIONS):
        if word[0].isupper():
            return "Zq" + context[end:]
        if word[0].islower():
            return "zq" + context[end:]
    return context


_FIRST_WORD = re.compile(r"[^\W\d_]+")
# A last word: letters, perhaps with an opening quote before them and closing marks after them
# (no full stop: "A." would be an initial).
_LAST_WORD = re.compile(r"(“?)([^\W\d_]+)([,;:!?”’]*)")


def _plain_break(context: str) -> bool:
    """True for a context "word. Next" (one space) whose first word is two letters or more and
    no abbreviation, and whose last is letters: Punkt's first pass marks such a word a sentence
    break, its second pass changes only initials, numbers, abbreviations, ellipses and
    collocations (none here), and a word follows. Most contexts of a book are such; the rest are
    for Punkt (False here says nothing)."""
    head, space, last = context.rpartition(" ")
    word = head[:-1]
    return (head[-1:] == "." and last.isalpha() and len(word) > 1 and word.isalpha()
            and word.lower() not in ABBREVIATIONS)


def forget_contexts() -> None:
    """Let go of the sentence-break decisions kept for the contexts seen (about ten MB of them
    once a book is segmented); decided again when met again."""
    if _tokenizer.cache_info().currsize:
        type(_tokenizer())._decides.cache_clear()


def _blocks(text: str, markdown: bool) -> list[tuple[int, int]]:
    """Paragraph-like blocks: lines, or blank-line paragraphs when the text is hard-wrapped."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not _hard_wrapped(text, lines):
        return [(a, b) for a, b in lines if text[a:b].strip()]
    blocks: list[tuple[int, int]] = []
    start = None
    end = 0
    for a, b in lines:
        body = text[a:b]
        blank = not body.strip()
        # In Markdown, headings, list items and quotes start a block of their own.
        starts_new = markdown and bool(_MD_PREFIX.match(body)) and not body.startswith("    ")
        if blank or starts_new:
            if start is not None:
                blocks.append((start, end))
            start = None
            if blank:
                continue
        if start is None:
            start = a
        end = b
        if markdown and body.lstrip().startswith("#"):
            blocks.append((start, end))
            start = None
    if start is not None:
        blocks.append((start, end))
    return blocks


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when single newlines are soft wraps inside paragraphs (e-texts, emails): lines are
    short, paragraphs are separated by blank lines, and lines often run on in lower case."""
    body = [(a, b) for a, b in lines if text[a:b].strip()]
    interior = lines[: max(0, len(lines) - 1)]
    if len(body) < 6 or not any(not text[a:b].strip() for a, b in interior[1:]):
        return False
    lengths = sorted(b - a for a, b in body)
    if lengths[int(len(lengths) * 0.9)] > 100:
        return False
    pairs = runs_on = 0
    for (a, b), (c, d) in zip(lines, lines[1:]):
        first, second = text[a:b].rstrip(), text[c:d].lstrip()
        if first and second:
            pairs += 1
            if first[-1:] not in _TERMINAL and second[:1].islower():
                runs_on += 1
    return pairs > 0 and runs_on >= 0.2 * pairs


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        return a, b  # most spans
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def segment(text: str, *, markdown: bool = False) -> list[Sentence]:
    """Split ``text`` into units; ``text[s.start:s.end]`` is each unit's text."""
    tok = _tokenizer()
    out: list[tuple[int, int, str, int]] = []
    first_block = True
    for para, (ba, bb) in enumerate(_blocks(text, markdown)):
        ba, bb = _trim(text, ba, bb)
        if markdown:
            body = text[ba:bb]
            if _MD_SKIP.match(body):
                continue
            m = _MD_PREFIX.match(body)
            heading = body.lstrip().startswith("#")
            if m:
                ba = ba + m.end()
            if heading:
                if ba < bb:
                    out.append((ba, bb, "headline", para))
                first_block = False
                continue
        if ba >= bb:
            continue
        block = text[ba:bb]
        if _CAPTION.match(block):
            units = [(ba + a, ba + b) for a, b in _punkt_spans(tok, block)]
            out.extend((a, b, "caption", para) for a, b in units)
            first_block = False
            continue
        m = _DATELINE.match(block)
        if m and len(m.group("dl")) <= 60 and bb - ba > m.end() + 20:
            a, b = _trim(text, ba, ba + m.end("dl"))
            out.append((a, b, "dateline", para))
            ba = ba + m.end()
            block = text[ba:bb]
        spans = _units_of(tok, block)
        if len(spans) == 1 and _is_heading(block):
            a, b = spans[0]
            out.append((ba + a, ba + b, "headline" if first_block else "subhead", para))
        else:
            out.extend((ba + a, ba + b, "sentence", para) for a, b in spans)
        first_block = False
    result: list[Sentence] = []
    for a, b, kind, para in out:
        a, b = _trim(text, a, b)
        if a < b:
            result.append(Sentence(len(result), a, b, kind, para))
    return result


def _punkt_spans(tok, block: str) -> list[tuple[int, int]]:
    """Punkt's spans of a block that ends with other than whitespace."""
    return [(0, len(block))] if _one_sentence(block) else list(tok.span_tokenize(block))


def _one_sentence(block: str) -> bool:
    """Punkt breaks only at a sentence end with something after it: a block (that ends with
    other than whitespace) whose only sentence end is its last character, or that has none,
    is one span to Punkt (about half of a news story's paragraphs are one sentence)."""
    m = _SENTENCE_END.search(block)
    return m is None or m.end() == len(block)


def _units_of(tok, block: str) -> list[tuple[int, int]]:
    """The units of a block that ends with other than whitespace (a Markdown quote's may
    start with some)."""
    if _one_sentence(block):
        # One span: nothing to merge, and no full stop with a space after it to split after.
        return _split_long(block, *_trim(block, 0, len(block)))
    spans = _merge_fragments(block, list(tok.span_tokenize(block)))
    spans = [piece for a, b in spans for piece in _split_after_abbreviation(block, a, b)]
    return [piece for a, b in spans for piece in _split_long(block, a, b)]


def _is_heading(line: str) -> bool:
    """A one-unit line that reads as a headline or subhead rather than a sentence."""
    body = line.strip()
    core = body.rstrip("\"”’'»")
    if core[-1:] not in ".!?…;,":
        return True
    if core.endswith("?") and len(body.split()) <= 10 and body[:1] not in "\"“‘'":
        return True  # "What could happen?"
    return False


def _merge_fragments(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo splits Punkt makes inside a sentence: after initials ("J.D. Vance") and before a
    lower-case continuation ("“Is it realistic?” he asked.")."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged:
            pa, pb = merged[-1]
            prev = block[pa:pb].rstrip()
            nxt = block[a:b].lstrip("\"“'‘([ ")
            join = False
            if prev.rstrip("”\"’'")[-1:] in "?!" and prev[-1:] in "”\"’'" and (
                nxt[:1].islower() or _is_attribution_tail(block[a:b])
            ):
                join = True  # “Is it realistic?” he asked.
            # (``_INITIALS_END`` looked for only where the unit ends as it must: capital, full stop)
            elif ("A" <= prev[-2:-1] <= "Z" and prev[-1:] == "." and _INITIALS_END.search(prev)
                  and nxt[:1].isupper()):
                last_word = prev.rsplit(None, 1)[-1]
                abbrev = last_word.lower().strip("(").rstrip(".")
                if abbrev not in SENTENCE_FINAL_ABBREVIATIONS and len(prev) > len(last_word):
                    join = True
            elif not nxt[:1].isalnum() and len(nxt) < 3:
                join = True
            if join:
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    return merged


_FINAL_ABBREV_BREAK = re.compile(
    r"\b(?:U\.S|U\.K|U\.N|E\.U|D\.C|a\.m|p\.m|Inc|Co|Ltd|etc)\.(?=\s+(?:The|He|She|It|They|We|But|And|"
    r"In|On|This|That|These|Those|A|An|His|Her|Their|Its|I|There|Then|Now|After|Before|When|"
    r"While|Meanwhile|However|So|Yet)\b)"
)

_DOT_SPACE = re.compile(r"\.\s")


def _split_after_abbreviation(block: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split after "U.S." or "a.m." when a common sentence opener follows ("... the U.S. Then ...")."""
    if not _DOT_SPACE.search(block, a, b):  # every break is a full stop and a space: most units have none
        return [_trim(block, a, b)] if a < b else []
    cuts = [a] + [m.end() for m in _FINAL_ABBREV_BREAK.finditer(block, a, b)] + [b]
    return [_trim(block, x, y) for x, y in zip(cuts, cuts[1:]) if x < y]


def _is_attribution_tail(unit: str) -> bool:
    """'Waltz asked.' / 'the Kremlin said.': a short tail that belongs to the quote before it."""
    words = unit.rstrip(".").split()
    return 0 < len(words) <= 5 and words[-1].lower() in _TAIL_VERBS


_TAIL_VERBS = REPORTING_VERBS | {"asked", "wrote", "added"}


def _split_long(block: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a very long sentence at clause boundaries (";" or ":") into readable pieces."""
    if b - a <= LONG_SENTENCE:
        return [(a, b)]
    cuts = [a]
    for m in _CLAUSE_CUT.finditer(block, a, b):
        c = m.end()
        if c - cuts[-1] >= MIN_CLAUSE and b - c >= MIN_CLAUSE:
            cuts.append(c)
    cuts.append(b)
    return [_trim(block, x, y) for x, y in zip(cuts, cuts[1:])]
