"""Segment and tokenise both documents: what the aligner and the claim checks work on.

Large inputs are read side by side (``helper.in_two``): a forked copy of the process segments
and tokenises the right text while this process does the left, and sends back the right
text's sentences and tokens as plain tuples, which travel several times faster than the
objects they become again here.
"""

from __future__ import annotations

import time

from . import helper
from .load import is_markdown
from .model import Document, Sentence
from .normalise import Token, Tokenizer
from .segment import segment

# From this many characters (both texts together) the right text is read in a helper process.
HELPER_MIN_CHARS = 400_000


def segment_document(doc: Document) -> Document:
    if not doc.sentences:
        doc.sentences = segment(doc.text, markdown=is_markdown(doc.path))
    return doc


def tokenize(left: Document, right: Document) -> tuple[list[list[Token]], list[list[Token]]]:
    """The tokens of every sentence of both (segmented) documents."""
    tokenizer = Tokenizer(left.text, right.text)
    return _tokens(tokenizer, left), _tokens(tokenizer, right)


def _tokens(tokenizer: Tokenizer, doc: Document) -> list[list[Token]]:
    return [tokenizer.tokens(doc.text, s.start, s.end) for s in doc.sentences]


def read_both(left: Document, right: Document, timings: dict[str, float]) -> tuple[list, list]:
    """Segment both documents (where not done yet) and tokenise them; ``timings["segment"]``
    gets the time the segmentation took here."""
    t0 = time.perf_counter()
    if len(left.text) + len(right.text) < HELPER_MIN_CHARS or not helper.available():
        segment_document(left)
        segment_document(right)
        timings["segment"] = time.perf_counter() - t0
        return tokenize(left, right)

    def there() -> tuple[list[tuple], list[list[tuple]]]:
        segment_document(right)
        tokens = _tokens(Tokenizer(left.text, right.text), right)
        return ([(s.id, s.start, s.end, s.kind, s.paragraph) for s in right.sentences],
                [[(t.start, t.end, t.surface, t.key, t.content, t.number, t.cap, t.low) for t in ts] for ts in tokens])

    def here() -> list[list[Token]]:
        segment_document(left)
        timings["segment"] = time.perf_counter() - t0
        return _tokens(Tokenizer(left.text, right.text), left)

    (sentences, packed), ltoks = helper.in_two(there, here)
    if not right.sentences or len(right.sentences) != len(sentences):
        right.sentences = [Sentence(*s) for s in sentences]
    return ltoks, [[Token(*t) for t in ts] for ts in packed]
