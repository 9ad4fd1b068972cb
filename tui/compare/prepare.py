"""Segment and read both documents: what the aligner and the claim checks work on.

Large inputs are read side by side (``helper.begin_telling``): a forked copy of the process
makes the tokenizer (it reads both texts' words) and tells this process what it found, then
segments and reads the right text while this process does the left, and sends back the right
text's sentences and reading: its arrays and, for texts whose tokens are kept, the tokens
packed (``tokens.Packed``; the token objects themselves would cost more to send than to make
again), made into tokens here when asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from . import helper
from .load import is_markdown
from .model import PACK_CHARS, Document, Sentence, Sentences
from .normalise import Tokenizer, few_words
from .segment import segment
from .tokens import KEEP_CHARS, Reading, read

# From this many characters (both texts together) the right text is read in a helper process.
HELPER_MIN_CHARS = 400_000


def segment_document(doc: Document) -> Document:
    if not doc.sentences:
        sentences = segment(doc.text, markdown=is_markdown(doc.path))
        doc.sentences = Sentences.pack(sentences) if len(doc.text) >= PACK_CHARS else sentences
    return doc


def read_both(left: Document, right: Document, timings: dict[str, float] | None = None,
              meanwhile: Callable[[], None] | None = None) -> tuple[tuple[Reading, Reading], Tokenizer]:
    """Segment both documents (where not done yet) and read their tokens (``tokens.read``);
    ``timings["segment"]`` gets the time the segmentation took here. ``meanwhile``, if given,
    runs here while a helper reads one text (or first, without one)."""
    timings = {} if timings is None else timings
    keep = len(left.text) + len(right.text) <= KEEP_CHARS
    # Every word's fields kept while the texts are read; where their tokens are not kept and
    # are made again when asked, only the words met lately from then on.
    few_words(False)
    try:
        return _read_both(left, right, keep, timings, meanwhile)
    finally:
        few_words(not keep)


def _read_both(left: Document, right: Document, keep: bool, timings: dict[str, float],
               meanwhile: Callable[[], None] | None) -> tuple[tuple[Reading, Reading], Tokenizer]:
    """``read_both``'s work: here alone for small texts, else the right text in a helper."""
    if len(left.text) + len(right.text) < HELPER_MIN_CHARS or not helper.available():
        if meanwhile is not None:
            meanwhile()
        t0 = time.perf_counter()
        segment_document(left)
        segment_document(right)
        timings["segment"] = time.perf_counter() - t0
        tokenizer = Tokenizer(left.text, right.text)
        return (read(left, tokenizer, keep), read(right, tokenizer, keep)), tokenizer

    # The tokenizer looks at both texts (for their hyphenated compounds): the helper makes it
    # and tells this process what it found, while this process does ``meanwhile`` and
    # segments the left text.
    def there(tell: Callable[[object], None]) -> tuple[Sequence[Sentence], Reading]:
        tokenizer = Tokenizer(left.text, right.text)
        tell(tokenizer.joined)
        segment_document(right)
        reading = read(right, tokenizer, keep=False, pack=keep)
        return Sentences.pack(right.sentences), reading

    later = helper.begin_telling(there)
    try:
        if meanwhile is not None:
            meanwhile()
        t1 = time.perf_counter()
        segment_document(left)  # (needs no tokenizer: done while the helper makes it)
        timings["segment"] = time.perf_counter() - t1
        joined = later.told()
        tokenizer = Tokenizer(left.text, right.text, joined=joined if isinstance(joined, set) else None)
        mine = read(left, tokenizer, keep)
    except BaseException:
        later.cancel()
        raise
    sentences, reading = later.result()
    if not right.sentences or len(right.sentences) != len(sentences):
        right.sentences = sentences if len(right.text) >= PACK_CHARS else list(sentences)
    # The right text's tokens did not travel: made again here when asked, and kept (this
    # process judges half the links; the helper that judges the other half makes its own).
    reading.keep_made = keep
    return (mine, reading), tokenizer
