"""Meaning that survives paraphrase: static word vectors pooled into sentence vectors.

The vectors are WordLlama's 256-dimension ``l2_supercat`` token table (MIT licence), which the
``wordllama`` wheel ships with its tokenizer: nothing is downloaded. Only those two files are
read (with numpy and ``tokenizers``); wordllama's own loader is not used, because it asks the
network for the tokenizer and configures logging when imported. The table is memory-mapped and
loaded on first use, so report mode pays for it only when a comparison needs it. In a comparison
of large texts (``letting_pages_go``) the pages of it a batch of words read are let go once their
rows are copied (the file stays in the system's cache), so it does not keep all 16 MB of it
resident; each batch then reads its pages again, which costs CPU time, so texts of a usual size
keep them.

A word's vector is the mean of its tokens' rows; a sentence's is the sum of its content words'
vectors weighed by their IDF over the two texts, so "halt"/"pause" and "strikes"/"attacks" come
close where the words differ, and the story's common names weigh little.
"""

from __future__ import annotations

import json
import mmap
import os
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .switch import Switch

TABLE = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


@dataclass(slots=True)
class MeaningModel:
    """Word vectors on demand, each computed once (a row of one growing matrix), unit length."""

    table: Any  # numpy array (vocabulary x 256), float16, memory-mapped
    tokenizer: Any  # tokenizers.Tokenizer
    load_seconds: float = 0.0
    mapped: Any = None  # the table's mmap.mmap, whose pages are let go after each batch
    _rows: dict[str, int] = field(default_factory=dict)
    _matrix: Any = None
    _used: Any = None  # per row of the matrix, the number of the last ``rows`` call that asked for it
    _calls: int = 0

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])

    def word_vectors(self, words: list[str]) -> Any:
        """One unit vector per word (a row of zeros for a word with no tokens)."""
        import numpy as np

        if not words:
            return np.zeros((0, self.dim), np.float32)
        rows = self.rows(words)  # first: it may grow the matrix
        return self._matrix[rows]

    def rows(self, words: list[str]) -> Any:
        """The row of each word's vector in the matrix (computing those not seen yet)."""
        import numpy as np

        rows = self._rows
        todo = sorted({w for w in words if w not in rows})
        if todo and len(rows) + len(todo) > _words_kept():
            self._keep_recent(set(words), len(todo))  # a book's vocabulary need not all be kept
            todo = sorted({w for w in words if w not in rows})
        if todo:
            self._add(todo)
        found = np.fromiter((rows[w] for w in words), dtype=np.int64, count=len(words))
        if len(found):
            self._calls += 1
            self._used[found] = self._calls
        return found

    def _keep_recent(self, wanted: set[str], new: int) -> None:
        """Make room for ``new`` words: keep the words of ``wanted`` and those asked for most
        recently, up to seven eighths of what is kept (``WORDS_KEPT``) with the new ones (a
        text's later sentences use the words of the sentences just before them, where starting
        again made them all anew), their rows moved to the front of the matrix in their order;
        a matrix grown larger than that (by texts of a usual size) shrinks to it."""
        import numpy as np

        rows = self._rows
        held = len(rows)
        used = self._used[:held].copy()
        for w in wanted:
            if w in rows:
                used[rows[w]] = self._calls + 1  # asked for now: kept first
        room = max(0, _words_kept() * 7 // 8 - new)
        keep = np.sort(np.argsort(-used, kind="stable")[:room]) if room else np.zeros(0, np.int64)
        words = list(rows)  # in the order of their rows
        _move_rows_up(self._matrix, keep)
        self._used[: len(keep)] = self._used[keep]
        rows.clear()
        for k, old in enumerate(keep.tolist()):
            rows[words[old]] = k
        if len(self._matrix) > _words_kept():
            self._make_room(_words_kept())

    def _add(self, words: list[str]) -> None:
        import numpy as np

        size = self.table.shape[0]
        start = len(self._rows)
        if self._matrix is None or start + len(words) > len(self._matrix):
            # Room for all the words kept at once: a zeroed array's rows take no memory until
            # written, where growing it step by step copied it each time (10 MB at twice the
            # New Testament).
            self._make_room(max(start + len(words), _words_kept()))
        encoded = self.tokenizer.encode_batch(words, add_special_tokens=False)
        ids = [[i for i in enc.ids if 0 <= i < size] for enc in encoded]
        for k, word in enumerate(words):
            self._rows[word] = start + k
        self._matrix[start : start + len(words)] = 0.0  # a word with no tokens: zeros, not a row let go
        placed = [k for k, row in enumerate(ids) if row]
        # Letting the table's pages go, a few words at a time: a batch of thousands of words
        # would otherwise touch most of the table's pages before they are let go.
        step = LET_GO_WORDS if _letting_go else max(1, len(placed))
        for lo in range(0, len(placed), step):
            part = placed[lo : lo + step]
            self._matrix[[start + k for k in part]] = self._unit_means(ids, part)
            self._let_pages_go()

    def _make_room(self, rows: int) -> None:
        """Room for ``rows`` word vectors (more or fewer than now), the first rows kept: resized
        where it stands where numpy allows it, else copied."""
        import numpy as np

        if self._matrix is None:
            self._matrix, self._used = np.zeros((rows, self.dim), np.float32), np.zeros(rows, np.int64)
            return
        self._matrix, self._used = _resized(self._matrix, (rows, self.dim)), _resized(self._used, (rows,))

    def _let_pages_go(self) -> None:
        """Drop the table's pages from this process's resident memory (read again from the
        system's file cache when next touched), where the platform can."""
        dont_need = getattr(mmap, "MADV_DONTNEED", None)
        if _letting_go and self.mapped is not None and dont_need is not None:
            self.mapped.madvise(dont_need)

    def _unit_means(self, ids: list[list[int]], placed: list[int]):
        """For each word of ``placed`` (an index into ``ids``, with ids), the mean of its
        tokens' rows as a unit vector: the same floats as ``table[ids].mean(axis=0)`` and
        ``vec / linalg.norm(vec)`` word by word, worked out for the words of each token count
        at once (their rows added one after another, as the mean adds them)."""
        import numpy as np

        table = np.asarray(self.table)  # a plain view of the memory map: faster to index
        means = np.zeros((len(placed), self.dim), np.float32)
        by_count: dict[int, list[int]] = {}
        for n, k in enumerate(placed):
            by_count.setdefault(len(ids[k]), []).append(n)
        for count, members in by_count.items():
            rows = np.asarray(table[[ids[placed[n]] for n in members]], dtype=np.float32)
            total = rows[:, 0].copy()
            for c in range(1, count):
                total += rows[:, c]
            means[members] = total / np.float32(count)
        norms = np.array([np.sqrt(vec.dot(vec)) for vec in means], dtype=np.float32)
        norms[norms == 0] = 1.0  # a zero mean stays zeros
        return means / norms[:, None]

    def sentence_vectors(self, sentences: list[list[tuple[str, float]]]) -> Any:
        """Unit vectors of sentences given as (word, weight) lists; zeros for an empty one.
        Pooled a few hundred sentences at a time, so the words' vectors (1 KB each) are never
        many in memory at once."""
        import numpy as np

        out = np.zeros((len(sentences), self.dim), np.float32)
        for lo in range(0, len(sentences), SENTENCE_CHUNK):
            chunk = sentences[lo : lo + SENTENCE_CHUNK]
            words = [w for s in chunk for w, _ in s]
            if not words:
                continue
            vecs = self.word_vectors(words)  # a copy of the rows: weighed in place
            vecs *= np.array([x for s in chunk for _, x in s], np.float32)[:, None]
            sizes = np.array([len(s) for s in chunk])
            filled = np.nonzero(sizes)[0]
            starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[filled]
            part = out[lo : lo + len(chunk)]
            part[filled] = np.add.reduceat(vecs, starts, axis=0)
            norms = np.linalg.norm(part, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            part /= norms
        return out


def _move_rows_up(matrix: Any, keep: Any) -> None:
    """``matrix[:len(keep)] = matrix[keep]`` for ascending ``keep``, ``MOVE_CHUNK`` rows at a time:
    a row only moves up (keep[k] >= k), so no row is overwritten before it is read, and the
    copy of all the kept rows (7 MB for a book) is never made at once."""
    for lo in range(0, len(keep), MOVE_CHUNK):
        part = keep[lo : lo + MOVE_CHUNK]
        matrix[lo : lo + len(part)] = matrix[part]


def _resized(array: Any, shape: tuple[int, ...]) -> Any:
    """``array`` with ``shape`` (its first rows kept, new ones zeros): resized in place where numpy
    allows it, else copied."""
    import numpy as np

    try:
        array.resize(shape)
        return array
    except ValueError:
        out = np.zeros(shape, array.dtype)
        kept = min(shape[0], len(array))
        out[:kept] = array[:kept]
        return out


# Sentences pooled at a time: 64 sentences of a book hold about a thousand words, whose
# vectors take about 1 MB (256 sentences' took 5 MB, twice over while they were weighed).
SENTENCE_CHUNK = 64
# Word vectors kept (a float32 row of 1 KB each); beyond, those asked for longest ago go. Texts whose
# tokens are kept (up to tokens.KEEP_CHARS) keep 16,384, twice the New Testament pair's words, so that
# twice the New Testament makes its words once; larger texts, where memory is what limits the
# comparison and the table's pages are let go (``letting_pages_go``), keep 4,096 (at 10 MB, 8,192 held
# 4 MiB more through aligning and judging for no less CPU time: bench_memory_stages.py --mb 10).
WORDS_KEPT = 16384
WORDS_KEPT_LARGE = 4096
# Words whose vectors are made between two lettings-go of the table's pages (a word's rows
# touch a page or two each; the table is 16 MB).
LET_GO_WORDS = 128
# Word vectors moved at a time when the matrix is compacted (``_move_rows_up``).
MOVE_CHUNK = 512


_letting_go = Switch()


def _words_kept() -> int:
    return WORDS_KEPT_LARGE if _letting_go else WORDS_KEPT


def letting_pages_go(yes: bool = True) -> AbstractContextManager[None]:
    """Inside this block (when ``yes``) the model lets its table's pages go after each batch
    of words (see the module), and keeps fewer word vectors (``WORDS_KEPT_LARGE``)."""
    return _letting_go.on(yes)


def _package_dir() -> Path | None:
    """Where the wordllama wheel put its files, found without importing it."""
    try:
        spec = find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _read_table(path: Path) -> tuple[Any, mmap.mmap]:
    """The embedding matrix of a safetensors file, memory-mapped (the format is an 8-byte
    header length, a JSON header, then the raw little-endian tensor), and its mapping."""
    import numpy as np

    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    name, info = next((k, v) for k, v in header.items() if k != "__metadata__")
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    start, end = info["data_offsets"]
    shape = tuple(info["shape"])
    table = np.frombuffer(mapped, dtype=dtype, count=int(np.prod(shape)), offset=8 + size + start)
    return table.reshape(shape), mapped


@lru_cache(maxsize=1)
def load_model() -> MeaningModel | None:
    """The shipped model, or None when its files are not installed (the engine then compares
    words only)."""
    t0 = time.perf_counter()
    root = _package_dir()
    if root is None or not (root / TABLE).is_file() or not (root / TOKENIZER).is_file():
        return None
    # The engine's batches are small; the library's thread pool would only make a later fork
    # (helper.py) print a warning about it.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        table, mapped = _read_table(root / TABLE)
    except (ImportError, OSError, ValueError, KeyError, StopIteration):
        return None
    return MeaningModel(table, tokenizer, time.perf_counter() - t0, mapped)
