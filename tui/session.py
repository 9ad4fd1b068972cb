"""A session: what the user named, opened once and kept. The one path from sources (files,
saved pages, URLs, ``-``) to documents (``sources.load_source``), the engine's comparison,
the saved record of notes and corrections (``store.comparisons``) with the corrections laid
over it, the notices for the user, and the edits a user makes (notes, verdicts, links),
each saved as it is made.

The command line's report mode, the app's sample-corpus picker, "open saved" and the reader
all go through ``Session.open`` (or ``Session.of`` for a comparison made elsewhere, and
``Session.reopen`` for a saved one), so a pair is loaded, restored and corrected the same way
wherever it is opened. Nothing here imports Textual: the UI words the results.

Opening has two steps, and the reader shows the texts between them: ``load`` reads the
documents (fast), ``compare`` runs the engine and restores what was saved (the slow part,
in a worker thread in the app, with a ``progress`` callback); ``open`` does both. Importing
this module costs little: the engine (nltk), the store and the exporters are imported by the
methods that need them, so the reader's first frame does not wait for them.

More than two sources: ``coverage_session.CoverageSession`` loads them with the same
``load_documents``, replaces the one pairwise comparison by the claims of all pairs
(``compare.coverage``) and keeps notes on claims in a record keyed by the set of documents.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator, Sequence

from .compare.errors import InputError
from .compare.model import Comparison, Document, Side
from .sources import STDIN, load_source

if TYPE_CHECKING:
    from .store.annotations import Annotation
    from .store.comparisons import ComparisonStore, PlacedNote
    from .store.corrections import Correction
    from .store.listing import SavedComparison

DataDir = str | os.PathLike[str] | None
Progress = Callable[[str, int, int], None]  # (stage, done, total): see compare.engine.STAGES


def load_documents(sources: Sequence[str], *, stdin: BinaryIO | None = None, refresh: bool = False,
                   timeout: float | None = None) -> list[Document]:
    """The documents the user named, in order: the one way sources are loaded for any
    session (standard input at most once). Raises ``InputError`` (one line)."""
    if sum(1 for s in sources if s == STDIN) > 1:
        what = "side" if len(sources) == 2 else "source"
        raise InputError(f"only one {what} can be read from standard input")
    return [load_source(s, stdin=stdin, refresh=refresh, timeout=timeout) for s in sources]


class Session:
    """Two documents compared, with the user's notes and corrections (saved as made).

    ``base`` is the engine's comparison; ``comparison`` has the corrections laid over it and
    is what every view and export shows. ``version`` grows each time ``comparison`` is
    rebuilt (link numbers may change then). ``save_error`` is the last save's one-line
    failure ("" after a save that worked); ``unsaved`` says whether edits wait for a save.
    """

    def __init__(self, base: Comparison, record: ComparisonStore, notices: Iterable[str] = ()) -> None:
        from .store.corrections import apply_corrections

        self.base = base
        self.record = record
        self.notices = list(notices)
        self.comparison = apply_corrections(base, record.corrections)
        self.version = 0
        self.save_error = ""

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, sources: Sequence[str], data_dir: DataDir = None, *, refresh: bool = False,
             timeout: float | None = None, stdin: BinaryIO | None = None,
             progress: Progress | None = None) -> "Session":
        """Load the sources and compare them, with what was saved for them. Raises
        ``InputError`` (one line) for anything that cannot be opened."""
        documents = cls.load(sources, refresh=refresh, timeout=timeout, stdin=stdin)
        return cls.compare(documents, data_dir, progress=progress)

    @staticmethod
    def load(sources: Sequence[str], *, refresh: bool = False, timeout: float | None = None,
             stdin: BinaryIO | None = None) -> tuple[Document, Document]:
        """The first step of ``open``: the documents the sources name, read but not compared
        (what the reader shows while the comparison runs). Raises ``InputError``."""
        if len(sources) != 2:
            raise InputError("give two texts to compare")
        left, right = load_documents(sources, stdin=stdin, refresh=refresh, timeout=timeout)
        return left, right

    @classmethod
    def compare(cls, documents: tuple[Document, Document], data_dir: DataDir = None, *,
                progress: Progress | None = None) -> "Session":
        """The second step of ``open``: compare loaded documents (``progress`` hears how far
        the engine is) and restore what was saved for them. The documents are segmented in
        place: while this runs, show copies of them."""
        from .compare.engine import compare_documents

        return cls.of(compare_documents(*documents, progress=progress), data_dir)

    @classmethod
    def of(cls, comparison: Comparison, data_dir: DataDir = None) -> "Session":
        """A session on a comparison already made (its documents' notices are kept)."""
        from .store.comparisons import load_for

        record = load_for(comparison.left, comparison.right, data_dir)
        notices = [*comparison.left.notices, *comparison.right.notices]
        if record.message:
            notices.append(record.message)
        notices += [_twin_notice(t) for t in record.twins]
        return cls(comparison, record, notices)

    @classmethod
    def reopen(cls, saved: SavedComparison, data_dir: DataDir = None) -> "Session":
        """Open a saved comparison again, from where its documents came from."""
        return cls.open(cls.sources_of(saved), data_dir)

    @staticmethod
    def sources_of(saved: SavedComparison) -> list[str]:
        """Where a saved comparison's documents came from (to ``load`` them again)."""
        if saved.left is None or saved.right is None:
            raise InputError(f"{saved.file}: {saved.problem or 'unreadable'}")
        sources = [saved.left.source, saved.right.source]
        if None in sources:
            raise InputError("this comparison was made from standard input and cannot be opened again")
        return sources  # type: ignore[return-value]

    @property
    def documents(self) -> tuple[Document, Document]:
        return self.base.left, self.base.right

    # ---- saving ----------------------------------------------------------------------------

    @property
    def unsaved(self) -> int:
        """How many edits are not saved yet (0: all are)."""
        return self.record.unsaved

    def save(self) -> bool:
        """Save (merging with other windows); False with ``save_error`` set when it could not.
        Corrections another window saved meanwhile are laid over the comparison too."""
        from .store.comparisons import StoreError

        before = _keys(self.record.corrections)
        try:
            self.record.save()
        except StoreError as err:
            self.save_error = str(err)
            return False
        self.save_error = ""
        if _keys(self.record.corrections) != before:
            self.recompute()
        return True

    def recompute(self) -> None:
        """Lay the corrections over the engine's links again."""
        from .store.corrections import apply_corrections

        self.comparison = apply_corrections(self.base, self.record.corrections)
        self.version += 1

    # ---- notes -----------------------------------------------------------------------------

    def notes_at(self, side: Side, sentence: int) -> list[Annotation]:
        """Notes on this sentence, or on a link that holds it."""
        return self.record.notes_at(self.comparison, side, sentence)

    def placed_notes(self) -> list[PlacedNote]:
        """Every note with the sentences it points at now, in reading order (orphaned last)."""
        return self.record.placed_notes(self.comparison)

    def write_note(self, side: Side, sentence: int, body: str, tags: Iterable[str] = ()) -> Annotation:
        """A new note on the link that holds this sentence (both sides), else on the sentence."""
        k = self.comparison.link_of(side, sentence)
        if k is not None:
            note = self.record.note_link(self.comparison, k, body, tags)
        else:
            note = self.record.note_sentences(self.comparison, side, [sentence], body, tags)
        self.save()
        return note

    def edit_note(self, note_id: str, body: str, tags: Iterable[str]) -> Annotation:
        note = self.record.edit_note(note_id, body=body, tags=tags)
        self.save()
        return note

    def delete_note(self, note_id: str) -> Annotation:
        note = self.record.delete_note(note_id)
        self.save()
        return note

    # ---- corrections -----------------------------------------------------------------------

    def toggle_verdict(self, link: int) -> str:
        """Mark the link the other way (match ↔ differ); returns the new verdict."""
        kind = "match" if self.comparison.links[link].kind == "differ" else "differ"
        self.record.set_verdict(self.comparison, link, kind)
        self._corrected()
        return kind

    def unlink(self, link: int) -> None:
        self.record.unlink(self.comparison, link)
        self._corrected()

    def link(self, left: Sequence[int], right: Sequence[int]) -> None:
        self.record.link(self.comparison, left, right)
        self._corrected()

    def link_with(self, side: Side, sentence: int, other_id: int) -> tuple[list[int], list[int]]:
        """Link a sentence only one text has with ``other_id`` of the other text; when that one
        is in a link already, the sentence joins it. Returns the new link's (left, right)."""
        far: Side = "right" if side == "left" else "left"
        k = self.comparison.link_of(far, other_id)
        if k is None:
            ids = {side: [sentence], far: [other_id]}
        else:
            link = self.comparison.links[k]
            ids = {side: sorted({*link.ids(side), sentence}), far: list(link.ids(far))}
        self.link(ids["left"], ids["right"])
        return ids["left"], ids["right"]

    def _corrected(self) -> None:
        self.recompute()
        self.save()

    def copy_notes_from(self, twin: SavedComparison) -> int:
        """Copy the notes and corrections saved for the same texts elsewhere (new ids; the
        originals stay where they are). Returns how many were copied."""
        if twin.record is None:
            return 0
        notes = [replace_id(a) for a in twin.record.annotations]
        fixes = [replace_id(c) for c in twin.record.corrections]
        self.record.annotations.extend(notes)
        self.record.corrections.extend(fixes)
        self.record.twins = [t for t in self.record.twins if t.file != twin.file]
        self._corrected()
        return len(notes) + len(fixes)

    # ---- exports ---------------------------------------------------------------------------

    def export(self, fmt: str, *, pretty: bool = False) -> str:
        """The comparison with its notes as ``fmt`` (json, markdown, html, jsonld); JSON is
        compact unless ``pretty``."""
        from .export import render

        return render(self.comparison, fmt, self.record, pretty=pretty)

    def export_chunks(self, fmt: str, *, pretty: bool = False) -> Iterator[str]:
        """``export`` in pieces, to write as they are made (compact JSON never sits whole in memory)."""
        if pretty:
            yield self.export(fmt, pretty=True)
            return
        from .export import render_chunks

        yield from render_chunks(self.comparison, fmt, self.record)

    def export_name(self, fmt: str) -> str:
        """The file name an export gets (``<left>--<right>.<ext>``)."""
        from .export.files import export_name

        return export_name(self.comparison, fmt)

    def write_export(self, fmt: str, directory: DataDir = None) -> Path:
        """Write the export next to the user (``<left>--<right>.<ext>``); raises ``ExportError``."""
        from .export.files import write_export

        return write_export(self.comparison, fmt, self.record, directory)

    def export_to(self, path: str | os.PathLike[str]) -> Path:
        """Write the export to a file the user named, in the format its extension says
        (HTML for any other); raises ``OSError``."""
        from .export import FORMATS
        from .export.files import EXTENSIONS
        from .store.atomic import write_text_atomic

        target = Path(path).expanduser()
        by_ext = {f".{ext}": fmt for fmt, ext in EXTENSIONS.items()}
        fmt = by_ext.get(target.suffix.lower(), "html")
        assert fmt in FORMATS
        write_text_atomic(target, self.export(fmt))
        return target.resolve()


def replace_id(item: Annotation | Correction) -> Annotation | Correction:
    """A copy of a note or correction under a new id."""
    from .store.annotations import new_id

    return replace(item, id=new_id(), targets=list(item.targets))


def _keys(items: Iterable[Correction]) -> list[str]:
    from .store.record import item_key

    return [item_key(c) for c in items]


def _twin_notice(twin: SavedComparison) -> str:
    from .vocabulary import count, pair_title

    where = pair_title(str(twin.left.path), str(twin.right.path)) if twin.left and twin.right else str(twin.file)
    return (f"the same texts have notes saved at {where} ({count(twin.notes, 'note')}, "
            f"{count(twin.corrections, 'correction')}); "
            "they stay there: the reader's command palette (ctrl+p) can copy them here")
