"""A session over several sources: who reported what, claim by claim, with the user's notes
on claims (saved as made).

The sibling of ``session.Session`` for three to twenty sources (or the versions of one web
article): the documents come from ``session.load_documents`` (the one way sources are
loaded), the claims from ``compare.coverage.compare_many``, and the notes from
``store.claim_notes`` (a record keyed by the *set* of documents). The reader's notes on any
two of the documents are read too (``pair_notes``) so the coverage view can show them, and a
drill-down into two sources is a ``Session`` of its own, on the pairwise comparison the
coverage already made, with that pair's record.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence

from .compare.coverage import Coverage, Progress, Stop, compare_many, coverage_comparison, rebase
from .compare.engine import compare_documents
from .compare.errors import InputError
from .compare.model import Document
from .export.coverage import CoverageNotes, coverage_export_name, render_coverage, write_coverage_export
from .session import DataDir, Session, load_documents
from .sources import url_versions
from .store.annotations import Annotation
from .store.atomic import write_text_atomic
from .store.claim_notes import (ClaimNotesStore, PairNote, PlacedClaimNote, SavedClaimNotes, load_claim_notes,
                                pair_notes)
from .store.comparisons import StoreError
from .store.documents import DocRecord

MIN_SOURCES = 2  # the versions of one article may be two; the command line asks for three texts
MAX_SOURCES = 20


class CoverageSession:
    """N documents grouped into claims, with the notes on those claims.

    ``coverage`` is what every view and export shows (``rebase`` changes its base source);
    ``record`` holds the notes on claims; ``pair_notes`` the reader's notes on any two of the
    documents, as last read. ``save_error`` is the last save's one-line failure ("" after one
    that worked)."""

    def __init__(self, coverage: Coverage, record: ClaimNotesStore, data_dir: DataDir = None,
                 notices: Iterable[str] = ()) -> None:
        self.coverage = coverage
        self.record = record
        self.data_dir = data_dir
        self.notices = list(notices)
        self.save_error = ""
        self.pair_notes: list[PairNote] = pair_notes(coverage, data_dir)

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, sources: Sequence[str], data_dir: DataDir = None, *, refresh: bool = False,
             timeout: float | None = None, stdin: BinaryIO | None = None,
             progress: Progress | None = None) -> "CoverageSession":
        """Load the sources and group their claims, with the notes saved on them. Raises
        ``InputError`` (one line) for anything that cannot be opened."""
        docs = cls.load(sources, refresh=refresh, timeout=timeout, stdin=stdin)
        return cls.compare(docs, data_dir, progress=progress)

    @staticmethod
    def load(sources: Sequence[str], *, refresh: bool = False, timeout: float | None = None,
             stdin: BinaryIO | None = None) -> list[Document]:
        """The first step of ``open``: the documents the sources name, read but not compared
        (what the coverage view names while the claims are grouped). Raises ``InputError``."""
        check_count(len(sources))
        docs = load_documents(sources, stdin=stdin, refresh=refresh, timeout=timeout)
        check_distinct(docs)
        return docs

    @classmethod
    def compare(cls, documents: Sequence[Document], data_dir: DataDir = None, *, base: int = 0,
                progress: Progress | None = None, stop: Stop | None = None) -> "CoverageSession":
        """The second step of ``open`` (the slow one: the app runs it in a worker thread):
        group the claims of loaded documents (``progress`` hears how far it is; ``stop``
        ends it early, raising ``Stopped``) and restore the notes saved on them. The
        documents are segmented in place."""
        docs = list(documents)
        check_count(len(docs))
        check_distinct(docs)
        coverage = compare_many(docs, base=base, progress=progress, stop=stop)
        record = load_claim_notes(docs, data_dir)
        notices = [n for d in docs for n in d.notices]
        if record.message:
            notices.append(record.message)
        return cls(coverage, record, data_dir, notices)

    of = compare  # a session on documents loaded elsewhere (the versions of an article)

    @classmethod
    def reopen(cls, saved: SavedClaimNotes, data_dir: DataDir = None) -> "CoverageSession":
        """Open a saved set of sources again, from where its documents came from."""
        return cls.open(cls.sources_of(saved), data_dir)

    @staticmethod
    def sources_of(saved: SavedClaimNotes) -> list[str]:
        """Where a saved set's documents came from (to ``load`` them again); raises
        ``InputError`` for a set that cannot be opened again."""
        if saved.problem or not saved.documents:
            raise InputError(f"{saved.file}: {saved.problem or 'unreadable'}")
        sources = [d.source for d in saved.documents]
        if None in sources:
            raise InputError("these notes were made on a text read from standard input and cannot be opened again")
        return sources  # type: ignore[return-value]

    @property
    def documents(self) -> list[Document]:
        return self.coverage.documents

    def rebase(self, base: int) -> None:
        """Make another source the base: its reading order and its wording as the reference."""
        self.take(self.rebased(base))

    def rebased(self, base: int) -> Coverage:
        """The claims with ``base`` as the base source, without taking them yet (the slow
        part of ``rebase``, for a worker thread: pairs not judged yet are prepared again)."""
        return self.coverage if base == self.coverage.base else rebase(self.coverage, base)

    def take(self, coverage: Coverage) -> None:
        """Show ``coverage`` (from ``rebased``) from now on."""
        self.coverage = coverage

    # ---- the reader on two of the sources --------------------------------------------------

    def pair_session(self, left: int, right: int) -> Session:
        """The two-pane session of source ``left`` against source ``right`` (the comparison the
        coverage already made, with that pair's saved notes and corrections)."""
        return Session.of(coverage_comparison(self.coverage, left, right), self.data_dir)

    def reread_pair_notes(self) -> None:
        """Read the reader's notes again (after a drill-down may have written some)."""
        self.pair_notes = pair_notes(self.coverage, self.data_dir)

    # ---- notes on claims -------------------------------------------------------------------

    @property
    def unsaved(self) -> int:
        return self.record.unsaved

    def save(self) -> bool:
        """Save (merging with other windows); False with ``save_error`` set when it could not."""
        try:
            self.record.save()
        except StoreError as err:
            self.save_error = str(err)
            return False
        self.save_error = ""
        return True

    def placed_notes(self) -> list[PlacedClaimNote]:
        return self.record.placed(self.coverage)

    def notes_on(self, claim_id: int) -> list[Annotation]:
        """The notes on this claim (the user's notes on claims, not the reader's)."""
        return [p.annotation for p in self.placed_notes() if p.claim == claim_id]

    def pair_notes_on(self, claim_id: int) -> list[PairNote]:
        return [p for p in self.pair_notes if claim_id in p.claims]

    def write_note(self, claim_id: int, body: str, tags: Iterable[str] = ()) -> Annotation:
        note = self.record.note_claim(self.coverage, claim_id, body, tags)
        self.save()
        return note

    def edit_note(self, note_id: str, body: str, tags: Iterable[str]) -> Annotation:
        note = self.record.edit_note(note_id, body, tags)
        self.save()
        return note

    def delete_note(self, note_id: str) -> Annotation:
        note = self.record.delete_note(note_id)
        self.save()
        return note

    # ---- exports ---------------------------------------------------------------------------

    def notes(self) -> CoverageNotes:
        return CoverageNotes(self.placed_notes(), self.pair_notes)

    def export(self, fmt: str) -> str:
        """The coverage report with the notes as ``fmt`` (json, markdown, html)."""
        return render_coverage(self.coverage, fmt, self.notes())

    def export_name(self, fmt: str) -> str:
        """The file name an export gets (``coverage-5-sources--<first>.<ext>``)."""
        return coverage_export_name(self.coverage, fmt)

    def write_export(self, fmt: str, directory: DataDir = None) -> Path:
        """Write the export into ``directory`` (default: here); raises ``ExportError``."""
        return write_coverage_export(self.coverage, fmt, self.notes(), directory)

    def export_to(self, path: str | os.PathLike[str]) -> Path:
        """Write the export to a file the user named, in the format its extension says (HTML
        for any other); raises ``OSError``."""
        target = Path(path).expanduser()
        fmt = {".json": "json", ".md": "markdown"}.get(target.suffix.lower(), "html")
        write_text_atomic(target, self.export(fmt))
        return target.resolve()


def check_count(n: int) -> None:
    if not MIN_SOURCES <= n <= MAX_SOURCES:
        raise InputError(f"a coverage report takes {MIN_SOURCES} to {MAX_SOURCES} sources, not {n}")


def check_distinct(docs: Sequence[Document]) -> None:
    """Each document once: notes name their document by its identity."""
    seen: dict[str, str] = {}
    for d in docs:
        identity = DocRecord.of(d).identity
        if identity in seen:
            raise InputError(f"{d.path} is given twice" if seen[identity] == d.path
                             else f"{d.path} and {seen[identity]} are the same text")
        seen[identity] = d.path


def open_versions(url: str, data_dir: DataDir = None, *, refresh: bool = False, timeout: float | None = None,
                  progress: Progress | None = None, cache: Path | None = None) -> Session | CoverageSession:
    """The versions of a web page kept in the cache, compared: two in the reader (older
    left), more in the coverage view (one column per version, the newest twenty). Raises
    ``InputError`` (one line) when there is only one."""
    docs = version_documents(url, refresh=refresh, timeout=timeout, cache=cache)
    if len(docs) == 2:
        return Session.of(compare_documents(*docs), data_dir)
    return CoverageSession.compare(docs, data_dir, progress=progress)


def version_documents(url: str, *, refresh: bool = False, timeout: float | None = None,
                      cache: Path | None = None) -> list[Document]:
    """The first step of ``open_versions``: the versions to compare (the newest twenty, the
    newest saying how many there were), read but not compared (what the app shows while it
    compares them). Raises ``InputError`` (one line) when there is only one."""
    docs = url_versions(url, refresh=refresh, timeout=timeout, cache=cache)
    if len(docs) == 1:
        when = docs[0].source.get("last_fetched") or docs[0].source.get("fetched_at")
        raise InputError(f"{docs[0].path}: one version in the cache (fetched {when}), nothing to compare yet; "
                         "--refresh fetches it again")
    if len(docs) > MAX_SOURCES:
        note = f"{docs[0].path}: {len(docs)} versions in the cache; comparing the newest {MAX_SOURCES}"
        docs = docs[-MAX_SOURCES:]
        docs[-1].notices.insert(0, note)
    return docs
