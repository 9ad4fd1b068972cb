"""Notes on the claims of several documents (the coverage view), kept as you go.

One record per *set* of documents, in ``<data dir>/coverage/<key>.json``. The key is a hash of
the documents' identities (``DocRecord.identity``: a file's path, a web article's URL, else the
text's hash) in sorted order, so the same documents given in another order find the same notes.
A note on a claim is an ``Annotation`` with one target per source that carries the claim, and
a target names its document by the document's own key (``doc_key``), never by its place in
the argument list. Opening re-anchors the targets anchored in another version of a document
(``anchors.reanchor``, as the pair record does); a note is on the claim that holds most of its
anchored sentences, and a note none of whose text is found is kept as orphaned, never dropped.

Saving is the pair record's way: under the folder's lock the file is read again, this window's
edits since it last synced are merged in by id (``merge.merge``), the result is written
atomically and the other windows' edits are taken in. A file that cannot be read is moved
aside; a folder that cannot be written makes ``save()`` raise ``StoreError`` while every edit
stays in memory, still ``unsaved``.

``pair_notes`` reads (never writes) the reader's notes on any two of the documents, so the
coverage view can show them on the claims they touch.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import permutations
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..compare.coverage import Coverage
from ..compare.model import Document
from . import paths
from .anchors import TextTarget, reanchor, sentences_in, snap_to_sentences, targets_for_sentences
from .annotations import Annotation, clean_tags, list_of, now_iso
from .atomic import write_text_atomic
from .documents import DocRecord, record_key
from .folder import Busy, StoreError, clean_up, comparisons_dir, locked, move_aside, reason, record_files
from .merge import changed, merge
from .record import BadRecord, NewerSchema, check_header, item_key, parsed, read, unreadable

FORMAT = "sidebyside-claim-notes"
SCHEMA_VERSION = 1
SUBDIR = "coverage"
SET_KEY_DIGITS = 32


def coverage_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return paths.data_dir(data_dir) / SUBDIR


def doc_key(doc: DocRecord) -> str:
    """How a target names its document: 16 hex digits of the hash of the document's identity."""
    return record_key(doc)


def set_key(docs: Iterable[DocRecord]) -> str:
    """The record's file name (without ``.json``): the same for the same documents in any order."""
    joined = "\n".join(sorted(d.identity for d in docs))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:SET_KEY_DIGITS]


@dataclass(slots=True)
class ClaimRecord:
    """The file: the documents (sorted by key) and the notes on their claims."""

    documents: list[DocRecord]
    annotations: list[Annotation] = field(default_factory=list)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    last_opened: str = field(default_factory=now_iso)

    def to_json(self) -> dict[str, Any]:
        docs = sorted(self.documents, key=doc_key)
        return {
            "format": FORMAT, "schema_version": SCHEMA_VERSION, "created": self.created,
            "modified": self.modified or self.created, "last_opened": self.last_opened,
            "documents": [{"key": doc_key(d), **d.to_json()} for d in docs],
            "order": [doc_key(d) for d in self.documents],  # as last opened: "open saved" keeps it
            "annotations": [a.to_json(stored=True) for a in self.annotations],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"


def _parse(data: Any) -> ClaimRecord:
    check_header(data, FORMAT, SCHEMA_VERSION)
    docs = [DocRecord.from_json(d) for d in list_of(data["documents"], "documents")]
    keys = {doc_key(d) for d in docs}
    order = data.get("order")
    if isinstance(order, list) and sorted(map(str, order)) == sorted(keys) and len(order) == len(docs):
        place = {key: n for n, key in enumerate(order)}
        docs.sort(key=lambda d: place[doc_key(d)])
    notes = [Annotation.from_json(a, keys) for a in list_of(data.get("annotations", []), "annotations")]
    return ClaimRecord(docs, notes, str(data.get("created", "")) or now_iso(), str(data.get("modified", "")),
                       str(data.get("last_opened", "")) or now_iso())


parse_record = parsed(_parse)


@dataclass(frozen=True, slots=True)
class PlacedClaimNote:
    """A note with the claim it is on now (None: orphaned) and the sentences it points at."""

    annotation: Annotation
    claim: int | None
    sentences: dict[int, tuple[int, ...]]  # source index -> sentence ids


@dataclass(eq=False)
class ClaimNotesStore:
    """The notes on the claims of one set of documents as this window holds them, and their file."""

    path: Path
    documents: list[DocRecord]  # one per source, in the session's order
    docs: list[Document] = field(repr=False)
    annotations: list[Annotation] = field(default_factory=list)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    last_opened: str = field(default_factory=now_iso)
    message: str = ""  # one line for the user after loading
    read_only: bool = False
    # As in ``ComparisonStore``: the file's and this window's items when last synced (the base
    # of the three-way merge), and what the user has seen saved.
    _seen_disk: dict[str, str] = field(default_factory=dict, repr=False)
    _seen_mine: dict[str, str] = field(default_factory=dict, repr=False)
    _seen_user: dict[str, str] = field(default_factory=dict, repr=False)
    _exists: bool = field(default=False, repr=False)
    _opened: bool = field(default=True, repr=False)

    @property
    def keys(self) -> list[str]:
        return [doc_key(d) for d in self.documents]

    @property
    def unsaved(self) -> int:
        return changed(self.annotations, self._seen_user, item_key)

    def record(self) -> ClaimRecord:
        return ClaimRecord(list(self.documents), list(self.annotations), self.created, self.modified,
                           self.last_opened)

    # ---- notes ------------------------------------------------------------------------------

    def note_claim(self, coverage: Coverage, claim_id: int, body: str, tags: Iterable[str] = ()) -> Annotation:
        """A new note on a claim, anchored in every source that carries it."""
        claim = coverage.claims[claim_id]
        targets: list[TextTarget] = []
        for source, ids in claim.members.items():
            made = targets_for_sentences(self.docs[source], self.keys[source], ids)  # type: ignore[arg-type]
            targets += [replace(t, text_sha=self.documents[source].sha256) for t in made]
        note = Annotation(targets, body, list(tags))
        self.annotations.append(note)
        self.modified = now_iso()
        return note

    def note(self, note_id: str) -> Annotation:
        for a in self.annotations:
            if a.id == note_id:
                return a
        raise KeyError(note_id)

    def edit_note(self, note_id: str, body: str, tags: Iterable[str]) -> Annotation:
        note = self.note(note_id)
        note.body, note.tags = body, clean_tags(tags)
        note.modified = self.modified = now_iso()
        return note

    def delete_note(self, note_id: str) -> Annotation:
        note = self.note(note_id)
        self.annotations.remove(note)
        self.modified = now_iso()
        return note

    def placed(self, coverage: Coverage) -> list[PlacedClaimNote]:
        """Every note with its claim now, in row order (orphaned last, oldest first within)."""
        source_of = {key: k for k, key in enumerate(self.keys)}
        out = []
        for a in self.annotations:
            sentences = target_sentences(a.targets, self.docs, source_of)
            out.append(PlacedClaimNote(a, claim_at(coverage, sentences), sentences))
        return sorted(out, key=lambda p: (p.claim is None, p.claim or 0, p.annotation.created))

    # ---- saving (as ``ComparisonStore.save``) ---------------------------------------------------

    def save(self) -> bool:
        """Merge this window's edits into the file; True when it wrote. Raises ``StoreError``
        (one line) when the folder cannot be written, keeping the edits for a later save."""
        if self.read_only:
            return False
        edits = changed(self.annotations, self._seen_mine, item_key)
        if not edits and not (self._opened and self._exists):
            return False
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with locked(folder):
                return self._merge_and_write()
        except Busy:
            raise StoreError(f"cannot save notes in {folder}: another sidebyside kept the folder locked") from None
        except OSError as err:
            raise StoreError(f"cannot save notes in {folder}: {reason(err)}") from None

    def _merge_and_write(self) -> bool:
        disk = self._read_disk()
        if disk is None:
            merged = self.record()
        else:
            merged = ClaimRecord(
                self.documents if self._opened else disk.documents,
                merge(disk.annotations, self.annotations, self._seen_disk, self._seen_mine, item_key),
                disk.created, max(disk.modified, self.modified),
                self.last_opened if self._opened else disk.last_opened)
        wrote = disk is not None or bool(merged.annotations)
        if wrote:
            write_text_atomic(self.path, merged.dumps())
        self._take(merged, exists=wrote or self._exists)
        return wrote

    def _read_disk(self) -> ClaimRecord | None:
        try:
            return read(self.path, parse_record)[1]
        except (FileNotFoundError, NotADirectoryError):
            return None
        except NewerSchema as err:
            self.read_only = True
            raise StoreError(f"{self.path} was written by a newer sidebyside (schema {err.version}); "
                             "nothing will be saved") from None
        except BadRecord as err:
            moved = move_aside(self.path)
            self.message = f"saved notes {self.path.name} were unreadable ({err}); moved to {moved}"
            return None

    def _take(self, merged: ClaimRecord, *, exists: bool) -> None:
        """Hold what was just written (this window's and the other windows' notes), fitted to
        the documents open here; remember both forms for the next merge."""
        self._seen_disk = {a.id: item_key(a) for a in merged.annotations}
        self.annotations = merged.annotations
        self.created, self.modified = merged.created, merged.modified
        self._fit()
        self._seen_mine = {a.id: item_key(a) for a in self.annotations}
        self._seen_user = dict(self._seen_mine)
        self._exists, self._opened = exists, False

    def _fit(self) -> list[Annotation]:
        """Re-anchor targets that point into another version of a document."""
        shas = dict(zip(self.keys, (d.sha256 for d in self.documents)))
        docs = dict(zip(self.keys, self.docs))
        touched = []
        for note in self.annotations:
            if any(t.side in shas and t.text_sha != shas[t.side] for t in note.targets):
                note.targets = [fit_target(t, docs[t.side]) if t.side in shas and t.text_sha != shas[t.side] else t
                                for t in note.targets]
                touched.append(note)
        return touched


def fit_target(target: TextTarget, doc: Document) -> TextTarget:
    """A target found again in ``doc`` (a changed version of its text), or kept orphaned."""
    found = reanchor(target, doc.text)
    if found.orphaned:
        return found
    if found.how in ("context", "fuzzy"):
        found = snap_to_sentences(found, doc)
    return replace(found, text_sha=DocRecord.of(doc).sha256)


def target_sentences(targets: Iterable[TextTarget], docs: Sequence[Document],
                     source_of: dict[str, int]) -> dict[int, tuple[int, ...]]:
    """The sentences (by source) that the anchored targets point at."""
    out: dict[int, set[int]] = {}
    for t in targets:
        source = source_of.get(t.side)
        if source is None or t.orphaned:
            continue
        out.setdefault(source, set()).update(sentences_in(docs[source], t.start, t.end))
    return {s: tuple(sorted(ids)) for s, ids in sorted(out.items()) if ids}


def claim_at(coverage: Coverage, sentences: dict[int, tuple[int, ...]]) -> int | None:
    """The claim holding most of these sentences (the first row on a tie), or None. (A claim's
    id is its row.)"""
    votes = Counter(cid for s, ids in sentences.items() for i in ids
                    if (cid := coverage.claim_of(s, i)) is not None)
    return min(votes, key=lambda cid: (-votes[cid], cid)) if votes else None


def load_claim_notes(docs: Sequence[Document], data_dir: str | os.PathLike[str] | None = None) -> ClaimNotesStore:
    """The notes saved on the claims of these documents (an empty store if none).

    Never raises for a bad or unreadable file: the problem is in ``message`` (one line). The
    caller calls ``save()`` after loading to record the opening (and the re-anchored notes)."""
    records = [DocRecord.of(d) for d in docs]
    folder = coverage_dir(data_dir)
    clean_up(folder)
    store = ClaimNotesStore(folder / f"{set_key(records)}.json", records, list(docs))
    try:
        _, saved = read(store.path, parse_record)
    except (FileNotFoundError, NotADirectoryError):
        return store
    except (NewerSchema, BadRecord, OSError) as err:
        store.read_only, store.message = unreadable(store.path, err)
        return store
    store._seen_disk = {a.id: item_key(a) for a in saved.annotations}
    store._seen_mine = dict(store._seen_disk)
    store.annotations, store.created, store.modified = saved.annotations, saved.created, saved.modified
    store._exists = True
    touched = store._fit()
    store._seen_user = {a.id: item_key(a) for a in store.annotations}
    if touched:
        lost = sum(1 for a in touched if a.status == "orphaned")
        store.message = (f"texts changed since the notes on claims were saved: {len(touched) - lost} found again, "
                         f"{lost} orphaned" + (" (see the notes list)" if lost else ""))
    return store


@dataclass(frozen=True, slots=True)
class SavedClaimNotes:
    """One saved set of documents with notes on its claims, as listed; ``problem`` says why a
    file could not be read."""

    file: Path
    documents: list[DocRecord]
    notes: int = 0
    orphaned: int = 0
    last_opened: str = ""
    problem: str = ""

    @property
    def reopenable(self) -> bool:
        return bool(self.documents) and all(d.reopenable for d in self.documents)


def list_claim_notes(data_dir: str | os.PathLike[str] | None = None) -> list[SavedClaimNotes]:
    """Every saved set of documents, most recently opened first (unreadable files last)."""
    folder = coverage_dir(data_dir)
    names = record_files(folder)
    good, bad = [], []
    for p in names:
        try:
            _, record = read(p, parse_record)
        except NewerSchema as err:
            bad.append(SavedClaimNotes(p, [], problem=f"written by a newer sidebyside (schema {err.version})"))
            continue
        except (OSError, BadRecord) as err:
            bad.append(SavedClaimNotes(p, [], problem=reason(err) if isinstance(err, OSError) else str(err)))
            continue
        good.append(SavedClaimNotes(p, record.documents, len(record.annotations),
                                    sum(1 for a in record.annotations if a.status == "orphaned"), record.last_opened))
    good.sort(key=lambda s: s.last_opened, reverse=True)
    return good + bad


# ---- the reader's notes on any two of the documents ---------------------------------------------


@dataclass(frozen=True, slots=True)
class PairNote:
    """A note written in the reader on sources ``left`` and ``right``, with the sentences it
    points at now and the claims those are in."""

    annotation: Annotation
    left: int
    right: int
    sentences: dict[int, tuple[int, ...]]
    claims: tuple[int, ...]


def pair_notes(coverage: Coverage, data_dir: str | os.PathLike[str] | None = None) -> list[PairNote]:
    """The notes saved in the reader on any two of the coverage's documents (either way round).
    Read only: a record that cannot be read is skipped, and nothing is written."""
    docs = coverage.documents
    records = [DocRecord.of(d) for d in docs]
    folder = comparisons_dir(data_dir)
    try:
        names = set(os.listdir(folder))
    except OSError:
        return []
    out = []
    for i, j in permutations(range(len(docs)), 2):
        name = f"{record_key(records[i], records[j])}.json"
        if name not in names:
            continue
        try:
            _, saved = read(folder / name)
        except (OSError, BadRecord, NewerSchema):
            continue
        shas = {"left": records[i].sha256, "right": records[j].sha256}
        for a in saved.annotations:
            targets = [t if t.text_sha == shas[t.side] else fit_target(t, docs[i if t.side == "left" else j])
                       for t in a.targets]
            sentences = target_sentences(targets, docs, {"left": i, "right": j})
            claims = sorted({cid for s, ids in sentences.items() for k in ids
                             if (cid := coverage.claim_of(s, k)) is not None})
            out.append(PairNote(a, i, j, sentences, tuple(claims)))
    return out
