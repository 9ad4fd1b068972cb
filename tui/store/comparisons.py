"""Saved comparisons: the notes and corrections of one pair of documents, kept as you go.

One record (``record.Record``, a JSON file) per pair of documents, in
``<data dir>/comparisons/<left>-<right>.json``, named after the documents' identities
(``documents.record_key``: a file's path, a web article's URL, else the text's hash). So a
record stays with the pair where it was made: copies of the files elsewhere get a record of
their own (the notes saved for the same texts elsewhere are offered, as ``twins``, never
moved), and a file edited in place keeps its record.

Every target remembers the hash of the text it points into. Opening a pair re-anchors the
targets anchored in another version of a document (``anchors.reanchor``: offsets, then the
quote, then the context, then a fuzzy match; what cannot be found is kept as ``orphaned``,
never dropped), and ``message`` says how that went.

Several windows may have one pair open. ``save()`` merges: under the folder's lock it reads
the file again, applies this window's edits since it last synced (``merge.merge``: notes and
corrections by id), writes atomically, and takes in the other windows' edits. A window never
overwrites another's notes. A file that cannot be parsed is moved aside to
``<name>.corrupt-<time>`` and the pair starts empty with a one-line ``message``; a folder
that cannot be written makes ``save()`` raise ``StoreError`` (one line) while every edit stays
in memory, still ``unsaved``, to be saved by the next ``save()`` that can.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from ..compare.model import Comparison, Document, Side
from ..reading_order import rows
from .anchors import TextTarget, reanchor, sentences_of, snap_to_sentences, targets_for_sentences
from .annotations import Annotation, clean_tags, now_iso
from .atomic import write_text_atomic
from ..vocabulary import LINK_VERDICTS, Verdict
from .corrections import Correction
from .documents import DocRecord, record_key, text_sha256
from .folder import Busy, StoreError, clean_up, comparisons_dir, locked, move_aside, reason
from .listing import SavedComparison, list_saved
from .merge import changed, merge
from .record import FORMAT, SCHEMA_VERSION, BadRecord, NewerSchema, Record, item_key, read, unreadable

__all__ = [
    "FORMAT", "SCHEMA_VERSION", "ComparisonStore", "DocRecord", "PlacedNote", "SavedComparison", "StoreError",
    "comparisons_dir", "list_saved", "load_for", "record_path", "text_sha256",
]


def record_path(left: Document, right: Document, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The file that holds (or would hold) the notes on these two documents."""
    return comparisons_dir(data_dir) / f"{record_key(DocRecord.of(left), DocRecord.of(right))}.json"


@dataclass(eq=False)
class ComparisonStore:
    """The notes and corrections of one comparison as this window holds them, and their file."""

    path: Path
    left: DocRecord
    right: DocRecord
    annotations: list[Annotation] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    last_opened: str = field(default_factory=now_iso)
    message: str = ""  # one line for the user after loading (moved aside, re-anchored, ...)
    read_only: bool = False  # never write (the file is from a newer version, or unreadable)
    twins: list[SavedComparison] = field(default_factory=list)  # the same texts saved elsewhere
    docs: dict[Side, Document] | None = field(default=None, repr=False)  # the documents open here
    # What the file held (``_seen_disk``) and what this window held (``_seen_mine``) when it last
    # read or wrote it, item id -> stored form: the base of the three-way merge.
    _seen_disk: dict[str, str] = field(default_factory=dict, repr=False)
    _seen_mine: dict[str, str] = field(default_factory=dict, repr=False)
    # What the user has seen saved: as ``_seen_mine``, but with this opening's re-anchoring, which
    # is saved with the opening yet is not the user's edit (it is done again at every opening).
    _seen_user: dict[str, str] = field(default_factory=dict, repr=False)
    _exists: bool = field(default=False, repr=False)  # the file existed when last read or written
    _opened: bool = field(default=True, repr=False)  # this opening is not recorded yet
    _replaces: Path | None = field(default=None, repr=False)  # a record of the old naming, to remove

    # ---- state ------------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return not self.annotations and not self.corrections

    @property
    def unsaved(self) -> int:
        """How many notes and corrections this window added, changed or deleted that are not
        in the file yet (0: everything is saved)."""
        return changed([*self.annotations, *self.corrections], self._seen_user, item_key)

    def record(self) -> Record:
        return Record(self.left, self.right, list(self.annotations), list(self.corrections),
                      self.created, self.modified, self.last_opened)

    def dumps(self) -> str:
        return self.record().dumps()

    def _changed(self) -> None:
        self.modified = now_iso()

    def _sha(self, side: Side) -> str:
        return self.left.sha256 if side == "left" else self.right.sha256

    def _stamp(self, targets: list[TextTarget]) -> list[TextTarget]:
        """Targets made in this window's texts, marked with those texts' hashes."""
        return [replace(t, text_sha=self._sha(t.side)) for t in targets]

    # ---- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Merge this window's edits into the file; True when it wrote. Call it after every change.

        A comparison with no notes and no corrections gets no file (opening two documents
        leaves nothing behind) unless it has one already. Raises ``StoreError`` (one line) if
        the folder cannot be written; the edits stay here, ``unsaved``, for a later save.
        """
        if self.read_only:
            return False
        edits = changed([*self.annotations, *self.corrections], self._seen_mine, item_key)
        if not edits and self._replaces is None and not (self._opened and self._exists):
            return False
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with locked(folder):
                wrote = self._merge_and_write()
        except Busy:
            raise StoreError(f"cannot save notes in {folder}: another sidebyside kept the folder locked") from None
        except OSError as err:
            raise StoreError(f"cannot save notes in {folder}: {reason(err)}") from None
        return wrote

    def _merge_and_write(self) -> bool:
        """Under the folder's lock: read the file again, merge, write, take in the result."""
        disk = self._read_disk()
        if disk is None and self._replaces is not None and self._replaces.exists():
            disk = self._read_disk(self._replaces)
        ours = self.record()
        if disk is None:
            merged = ours
        else:
            merged = Record(
                self.left if self._opened else disk.left, self.right if self._opened else disk.right,
                merge(disk.annotations, self.annotations, self._seen_disk, self._seen_mine, item_key),
                merge(disk.corrections, self.corrections, self._seen_disk, self._seen_mine, item_key),
                disk.created, max(disk.modified, self.modified),
                self.last_opened if self._opened else disk.last_opened,
            )
        wrote = False
        if disk is not None or merged.annotations or merged.corrections:
            write_text_atomic(self.path, merged.dumps())
            wrote = True
        if self._replaces is not None and self._replaces != self.path:
            try:
                self._replaces.unlink()
            except OSError:
                pass
        self._replaces = None
        self._take(merged, exists=wrote or self._exists)
        return wrote

    def _read_disk(self, path: Path | None = None) -> Record | None:
        """The record on disk now (None: no file). A bad file is moved aside first."""
        path = path or self.path
        try:
            return read(path)[1]
        except (FileNotFoundError, NotADirectoryError):
            return None
        except NewerSchema as err:
            self.read_only = True
            raise StoreError(f"{path} was written by a newer sidebyside (schema {err.version}); "
                             "nothing will be saved") from None
        except BadRecord as err:
            moved = move_aside(path)
            self.message = f"saved notes {path.name} were unreadable ({err}); moved to {moved}"
            return None

    def _take(self, merged: Record, *, exists: bool) -> None:
        """Hold what was just written (this window's and the other windows' edits), fitted to
        this window's texts for display; remember both forms for the next merge."""
        self._seen_disk = {x.id: item_key(x) for x in [*merged.annotations, *merged.corrections]}
        self.annotations, self.corrections = merged.annotations, merged.corrections
        self.created, self.modified = merged.created, merged.modified
        if self.docs is not None:
            self._fit()
        self._seen_mine = {x.id: item_key(x) for x in [*self.annotations, *self.corrections]}
        self._seen_user = dict(self._seen_mine)
        self._exists = exists
        self._opened = False

    # ---- re-anchoring -----------------------------------------------------------------------

    def _fit(self) -> tuple[list[Annotation | Correction], set[str]]:
        """Re-anchor the targets that point into another version of a document into the
        document open here; returns the items that had such targets, and their sides."""
        assert self.docs is not None
        touched: list[Annotation | Correction] = []
        sides: set[str] = set()
        for item in [*self.annotations, *self.corrections]:
            stale = {t.side for t in item.targets if t.text_sha != self._sha(t.side)}
            if stale:
                item.targets = [self._reanchor(t) if t.side in stale else t for t in item.targets]
                touched.append(item)
                sides |= stale
        return touched, sides

    def _reanchor(self, target: TextTarget) -> TextTarget:
        doc = self.docs[target.side]  # type: ignore[index]
        found = reanchor(target, doc.text)
        if found.orphaned:
            return found  # keeps the selectors of the text it was made in, and that text's hash
        if found.how in ("context", "fuzzy"):
            found = snap_to_sentences(found, doc)
        return replace(found, text_sha=self._sha(target.side))

    # ---- notes -----------------------------------------------------------------------------

    def note(self, note_id: str) -> Annotation:
        for a in self.annotations:
            if a.id == note_id:
                return a
        raise KeyError(note_id)

    def add_note(self, targets: list[TextTarget], body: str, tags: Iterable[str] = ()) -> Annotation:
        if not targets:
            raise ValueError("a note needs something to point at")
        annotation = Annotation(list(targets), body, list(tags))
        self.annotations.append(annotation)
        self._changed()
        return annotation

    def note_sentences(self, comparison: Comparison, side: Side, ids: Iterable[int], body: str,
                       tags: Iterable[str] = ()) -> Annotation:
        """A note on sentences of one side (usually one sentence)."""
        return self.add_note(self._stamp(targets_for_sentences(comparison.doc(side), side, ids)), body, tags)

    def note_link(self, comparison: Comparison, link_index: int, body: str, tags: Iterable[str] = ()) -> Annotation:
        """A note on a link: anchored on the sentences of both sides."""
        link = comparison.links[link_index]
        return self.add_note(self._targets(comparison, link.left, link.right), body, tags)

    def edit_note(self, note_id: str, *, body: str | None = None, tags: Iterable[str] | None = None) -> Annotation:
        a = self.note(note_id)
        new_tags = clean_tags(tags) if tags is not None else a.tags
        if (body is None or body == a.body) and new_tags == a.tags:
            return a
        if body is not None:
            a.body = body
        a.tags = new_tags
        a.modified = now_iso()
        # The user has just looked at the note in place: its new position is confirmed.
        a.targets = [t if t.orphaned else replace(t, status="anchored") for t in a.targets]
        self._changed()
        return a

    def delete_note(self, note_id: str) -> Annotation:
        """Remove a note and return it (keep it to offer an undo via ``restore_note``)."""
        a = self.note(note_id)
        self.annotations.remove(a)
        self._changed()
        return a

    def restore_note(self, annotation: Annotation) -> None:
        if all(a.id != annotation.id for a in self.annotations):
            self.annotations.append(annotation)
            self._changed()

    def notes_at(self, comparison: Comparison, side: Side, sentence_id: int) -> list[Annotation]:
        """Notes on this sentence (including notes on a link that holds it)."""
        doc = comparison.doc(side)
        return [a for a in self.annotations if sentence_id in sentences_of(doc, a.targets, side)]

    def placed_notes(self, comparison: Comparison) -> list["PlacedNote"]:
        """Every note with the sentences it points at, in reading order (left document's order,
        right-only sentences where they fall); orphaned notes come last, in creation order."""
        row_of: dict[tuple[str, int], int] = {}
        for r, row in enumerate(rows(comparison)):
            for i in row.left:
                row_of[("left", i)] = r
            for j in row.right:
                row_of[("right", j)] = r
        placed: list[PlacedNote] = []
        for n, a in enumerate(self.annotations):
            left = sentences_of(comparison.left, a.targets, "left")
            right = sentences_of(comparison.right, a.targets, "right")
            where = [row_of.get(("left", i), 0) for i in left] + [row_of.get(("right", j), 0) for j in right]
            placed.append(PlacedNote(a, left, right, min(where) if where else None, n))
        placed.sort(key=lambda p: (p.row is None, p.row if p.row is not None else 0, p.order))
        return placed

    # ---- corrections -----------------------------------------------------------------------

    def _same_sentences(self, comparison: Comparison, left: tuple[int, ...], right: tuple[int, ...],
                        actions: tuple[str, ...]) -> list[Correction]:
        return [c for c in self.corrections if c.action in actions and c.sentences(comparison) == (left, right)]

    def _targets(self, comparison: Comparison, left: Iterable[int], right: Iterable[int]) -> list[TextTarget]:
        return self._stamp(targets_for_sentences(comparison.left, "left", left)
                           + targets_for_sentences(comparison.right, "right", right))

    def set_verdict(self, comparison: Comparison, link_index: int, kind: Verdict) -> Correction | None:
        """Say link ``link_index`` of the comparison on screen is ``match`` or ``differ``.

        Setting the engine's own verdict again removes the correction. Returns the
        correction made or updated, or None when none is needed any more.
        """
        if kind not in LINK_VERDICTS:
            raise ValueError(f"unknown verdict {kind!r}")
        link = comparison.links[link_index]
        key = (tuple(sorted(link.left)), tuple(sorted(link.right)))
        for c in self._same_sentences(comparison, *key, actions=("link",)):
            c.kind = kind
            c.modified = now_iso()
            self._changed()
            return c
        existing = self._same_sentences(comparison, *key, actions=("verdict",))
        engine = link.evidence.get("engine_verdict", [link.kind if link.origin == "engine" else None])[0]
        if kind == engine:
            for c in existing:
                self.corrections.remove(c)
            if existing:
                self._changed()
            return None
        if existing:
            existing[0].kind = kind
            existing[0].modified = now_iso()
            self._changed()
            return existing[0]
        c = Correction("verdict", self._targets(comparison, *key), kind)
        self.corrections.append(c)
        self._changed()
        return c

    def unlink(self, comparison: Comparison, link_index: int) -> Correction | None:
        """Say the sentences of link ``link_index`` do not belong together.

        Undoes a link the user made, else records an ``unlink``. Returns the new correction,
        or None when a user link was simply removed.
        """
        link = comparison.links[link_index]
        key = (tuple(sorted(link.left)), tuple(sorted(link.right)))
        stale = self._same_sentences(comparison, *key, actions=("link", "verdict"))
        user_link = any(c.action == "link" for c in stale)
        for c in stale:
            self.corrections.remove(c)
        self._changed()
        if user_link:
            return None
        c = Correction("unlink", self._targets(comparison, *key))
        self.corrections.append(c)
        return c

    def link(self, comparison: Comparison, left: Iterable[int], right: Iterable[int],
             kind: Verdict | None = None) -> Correction | None:
        """Link sentences the engine did not (``kind`` None: the engine judges the pair).

        Undoes an earlier ``unlink`` of exactly these sentences instead, when there is one
        and no verdict is given. Returns the new correction, or None when an unlink was undone.
        """
        key = (tuple(sorted(set(left))), tuple(sorted(set(right))))
        if not key[0] or not key[1]:
            raise ValueError("a link needs sentences on both sides")
        for side, ids in zip(("left", "right"), key):
            n = len(comparison.doc(side).sentences)  # type: ignore[arg-type]
            if ids[0] < 0 or ids[-1] >= n:
                raise ValueError(f"no sentence {ids[-1] if ids[-1] >= n else ids[0]} on the {side}")
        if kind is not None and kind not in LINK_VERDICTS:
            raise ValueError(f"unknown verdict {kind!r}")
        unlinks = self._same_sentences(comparison, *key, actions=("unlink",))
        for c in unlinks:
            self.corrections.remove(c)
        self._changed()
        if unlinks and kind is None:
            return None
        c = Correction("link", self._targets(comparison, *key), kind)
        self.corrections.append(c)
        return c

    def correction(self, correction_id: str) -> Correction:
        for c in self.corrections:
            if c.id == correction_id:
                return c
        raise KeyError(correction_id)

    def remove_correction(self, correction_id: str) -> Correction:
        c = self.correction(correction_id)
        self.corrections.remove(c)
        self._changed()
        return c

    def corrections_at(self, comparison: Comparison, side: Side, sentence_id: int) -> list[Correction]:
        """Corrections that name this sentence (to show an unlinked sentence as such)."""
        doc = comparison.doc(side)
        return [c for c in self.corrections if sentence_id in sentences_of(doc, c.targets, side)]

    # ---- loading -----------------------------------------------------------------------------

    def _take_opened(self, text_record: Record) -> None:
        """Hold a record just read for this opening: the targets anchored in other versions of
        the documents are re-anchored here, and that is saved with the opening."""
        saved = text_record
        self.annotations, self.corrections = saved.annotations, saved.corrections
        self.created, self.modified = saved.created, saved.modified
        self._seen_disk = {x.id: item_key(x) for x in [*saved.annotations, *saved.corrections]}
        self._seen_mine = dict(self._seen_disk)
        self._exists = True
        touched, sides = self._fit() if self.docs is not None else ([], set())
        self._seen_user = {x.id: item_key(x) for x in [*self.annotations, *self.corrections]}
        if touched:
            self.message = _reanchored_message(touched, sides)


def _reanchored_message(touched: list, sides: set[str]) -> str:
    which = " and ".join(s for s in ("left", "right") if s in sides)
    which += " text" if len(sides) == 1 else " texts"
    lost = sum(1 for x in touched if x.status == "orphaned")
    reworded = sum(1 for x in touched if x.status != "orphaned"
                   and any(t.how in ("context", "fuzzy") for t in x.targets))
    return (f"the {which} changed since the notes were saved: "
            f"{len(touched) - reworded - lost} found unchanged, {reworded} on reworded text (check them), "
            f"{lost} orphaned" + (" (see the notes list)" if lost else ""))


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with the sentences it points at now; ``row`` orders notes for next/previous."""

    annotation: Annotation
    left: tuple[int, ...]
    right: tuple[int, ...]
    row: int | None  # None: orphaned
    order: int


def load_for(left: Document, right: Document, data_dir: str | os.PathLike[str] | None = None) -> ComparisonStore:
    """The notes and corrections saved for these two documents (an empty store if none).

    Never raises for a bad or unreadable file: the problem is in ``store.message`` (one line)
    and the store is empty. Nothing is written here, except that temporary files left by
    writers that died are removed and an unreadable record is moved aside; the app calls
    ``save()`` after loading to record the opening (and the re-anchored notes).
    """
    lrec, rrec = DocRecord.of(left), DocRecord.of(right)
    folder = comparisons_dir(data_dir)
    clean_up(folder)
    store = ComparisonStore(folder / f"{record_key(lrec, rrec)}.json", lrec, rrec,
                            docs={"left": left, "right": right})
    try:
        _, saved = read(store.path)
    except (FileNotFoundError, NotADirectoryError):  # no file yet (saving will say if it cannot make one)
        return _first_open(store, data_dir)
    except (NewerSchema, BadRecord, OSError) as err:
        store.read_only, store.message = unreadable(store.path, err)
        return store
    store._take_opened(saved)
    return store


def _first_open(store: ComparisonStore, data_dir: str | os.PathLike[str] | None) -> ComparisonStore:
    """No record for these documents: adopt one saved under the old naming (by text hash) for
    the same documents, and find records of the same texts at other places (``twins``)."""
    try:
        saved = list_saved(data_dir)
    except StoreError as err:
        store.message = str(err)
        return store
    mine = (store.left.identity, store.right.identity)
    texts = (store.left.sha256, store.right.sha256)
    for s in saved:
        if s.record is None:
            continue
        if (s.record.left.identity, s.record.right.identity) == mine and s.file != store.path:
            store._take_opened(s.record)
            store._replaces = s.file
            store._exists = False
            return store
        elif (s.record.left.sha256, s.record.right.sha256) == texts and (s.notes or s.corrections):
            store.twins.append(s)
    return store
