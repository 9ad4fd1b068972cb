"""Saved comparisons: one JSON file per pair of documents, holding their notes and corrections.

Layout: ``<data dir>/comparisons/<left>-<right>.json`` where ``<left>`` and ``<right>`` are the
first 16 hex digits of the sha256 of each document's **decoded text** (``text.encode("utf-8")``),
the text that every offset points into. The same text saved as UTF-16 or with CRLF line ends
is the same document; a change of a single character is a new one. (``Document.sha256`` is of
the file bytes and is kept too, as ``file_sha256``.)

``load_for(left, right)`` finds the file by those hashes. If there is none, and the documents
are files, it looks for a saved comparison of the same two paths (the files were edited since)
and re-anchors every note and correction in the changed text (see ``anchors.reanchor``); what
cannot be found is kept as ``orphaned``, never dropped. The next ``save()`` writes the file
under the new hashes and removes the old one.

Saving is atomic (``atomic.write_text_atomic``) and cheap: nothing is written when nothing
changed. A file that cannot be parsed is moved aside to ``<name>.corrupt-<time>`` (not deleted)
and the store starts empty with a one-line ``message``; a folder that cannot be written makes
``save()`` raise ``StoreError`` with a one-line message while everything stays in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from ..compare.model import Comparison, Document, Side
from . import paths
from .anchors import TextTarget, reanchor, sentences_of, snap_to_sentences, targets_for_sentences
from .annotations import Annotation, clean_tags, now_iso
from .atomic import write_text_atomic
from .corrections import KINDS, Correction

FORMAT = "sidebyside-annotations"
SCHEMA_VERSION = 1
SUBDIR = "comparisons"
KEY_DIGITS = 16


# Documents that keep their identity when their text changes: a file (a text file or a saved
# web page) by its path, a web article by its URL.
FILE_KINDS = ("file", "html")
STABLE_KINDS = FILE_KINDS + ("url",)


class StoreError(Exception):
    """A one-line, user-facing reason why notes could not be saved or read."""


def text_sha256(text: str) -> str:
    """The document hash the store is keyed by: sha256 of the text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def comparisons_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return paths.data_dir(data_dir) / SUBDIR


def store_path(left_sha: str, right_sha: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    return comparisons_dir(data_dir) / f"{left_sha[:KEY_DIGITS]}-{right_sha[:KEY_DIGITS]}.json"


# ---- documents ---------------------------------------------------------------------------------


@dataclass(slots=True)
class DocRecord:
    """What the store remembers about one document: enough to list it and reopen it."""

    path: str  # absolute (symbolic links resolved) for files; as given otherwise ("<stdin>", a name)
    name: str
    sha256: str  # of the decoded text (the store key)
    file_sha256: str = ""  # of the file bytes, as in the JSON report
    kind: str = "file"  # the Document's source kind: file, stdin, text, ...

    @classmethod
    def of(cls, doc: Document) -> "DocRecord":
        kind = str(doc.source.get("kind", "file")) if doc.source else "file"
        path = os.path.realpath(doc.path) if kind in FILE_KINDS else doc.path
        return cls(path, doc.name, text_sha256(doc.text), doc.sha256, kind)

    @property
    def reopenable(self) -> bool:
        return (self.kind in FILE_KINDS and os.path.isfile(self.path)) or self.kind == "url"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "name": self.name, "sha256": self.sha256,
                "file_sha256": self.file_sha256, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DocRecord":
        return cls(str(data["path"]), str(data.get("name") or data["path"]), str(data["sha256"]),
                   str(data.get("file_sha256", "")), str(data.get("kind", "file")))


# ---- the store ---------------------------------------------------------------------------------


@dataclass(eq=False)
class ComparisonStore:
    """The notes and corrections of one comparison, and the file they live in."""

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
    _on_disk: str | None = field(default=None, repr=False)  # the text last read or written
    _replaces: Path | None = field(default=None, repr=False)  # the file of the documents' old versions

    # ---- saving ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "created": self.created,
            "modified": self.modified or self.created,
            "last_opened": self.last_opened,
            "documents": {"left": self.left.to_json(), "right": self.right.to_json()},
            "annotations": [a.to_json() for a in self.annotations],
            "corrections": [c.to_json() for c in self.corrections],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"

    @property
    def empty(self) -> bool:
        return not self.annotations and not self.corrections

    def save(self) -> bool:
        """Write the file if anything changed; True when it wrote. Call it after every change.

        A comparison with no notes and no corrections gets no file (opening two documents
        leaves nothing behind) unless it has one already. Raises ``StoreError`` (one line) if
        the folder cannot be written; the store stays as it was, so a later save can succeed.
        """
        if self.read_only:
            return False
        text = self.dumps()
        if text == self._on_disk and self._replaces is None:
            return False
        if self.empty and self._on_disk is None and self._replaces is None and not self.path.exists():
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, text)
        except OSError as err:
            raise StoreError(f"cannot save notes in {self.path.parent}: {_reason(err)} "
                             "(they are kept in memory until sidebyside closes)") from None
        self._on_disk = text
        if self._replaces is not None and self._replaces != self.path:
            try:
                self._replaces.unlink()
            except OSError:
                pass
        self._replaces = None
        return True

    def _changed(self) -> None:
        self.modified = now_iso()

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
        return self.add_note(targets_for_sentences(comparison.doc(side), side, ids), body, tags)

    def note_link(self, comparison: Comparison, link_index: int, body: str, tags: Iterable[str] = ()) -> Annotation:
        """A note on a link: anchored on the sentences of both sides."""
        link = comparison.links[link_index]
        targets = (targets_for_sentences(comparison.left, "left", link.left)
                   + targets_for_sentences(comparison.right, "right", link.right))
        return self.add_note(targets, body, tags)

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
        from ..export.rows import aligned_rows

        row_of: dict[tuple[str, int], int] = {}
        for r, row in enumerate(aligned_rows(comparison)):
            for i in row.left:
                row_of[("left", i)] = r
            for j in row.right:
                row_of[("right", j)] = r
        placed: list[PlacedNote] = []
        for n, a in enumerate(self.annotations):
            left = sentences_of(comparison.left, a.targets, "left")
            right = sentences_of(comparison.right, a.targets, "right")
            rows = [row_of.get(("left", i), 0) for i in left] + [row_of.get(("right", j), 0) for j in right]
            placed.append(PlacedNote(a, left, right, min(rows) if rows else None, n))
        placed.sort(key=lambda p: (p.row is None, p.row if p.row is not None else 0, p.order))
        return placed

    # ---- corrections -----------------------------------------------------------------------

    def _same_sentences(self, comparison: Comparison, left: tuple[int, ...], right: tuple[int, ...],
                        actions: tuple[str, ...]) -> list[Correction]:
        return [c for c in self.corrections if c.action in actions and c.sentences(comparison) == (left, right)]

    def _targets(self, comparison: Comparison, left: Iterable[int], right: Iterable[int]) -> list[TextTarget]:
        return (targets_for_sentences(comparison.left, "left", left)
                + targets_for_sentences(comparison.right, "right", right))

    def set_verdict(self, comparison: Comparison, link_index: int, kind: str) -> Correction | None:
        """Say link ``link_index`` of the comparison on screen is ``match`` or ``differ``.

        Setting the engine's own verdict again removes the correction. Returns the
        correction made or updated, or None when none is needed any more.
        """
        if kind not in KINDS:
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
             kind: str | None = None) -> Correction | None:
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
        if kind is not None and kind not in KINDS:
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

    @classmethod
    def from_json(cls, path: Path, data: Any) -> "ComparisonStore":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        version = data.get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise ValueError(f"bad schema_version {version!r}")
        if version > SCHEMA_VERSION:
            raise NewerSchema(version)
        docs = data["documents"]
        return cls(
            path,
            DocRecord.from_json(docs["left"]),
            DocRecord.from_json(docs["right"]),
            [Annotation.from_json(a) for a in data.get("annotations", [])],
            [Correction.from_json(c) for c in data.get("corrections", [])],
            str(data.get("created", "")) or now_iso(),
            str(data.get("modified", "")),
            str(data.get("last_opened", "")) or now_iso(),
        )


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with the sentences it points at now; ``row`` orders notes for next/previous."""

    annotation: Annotation
    left: tuple[int, ...]
    right: tuple[int, ...]
    row: int | None  # None: orphaned
    order: int


class NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"schema_version {version}")
        self.version = version


def _reason(err: OSError) -> str:
    return err.strerror.lower() if err.strerror else str(err)


def _read(path: Path) -> tuple[str, ComparisonStore]:
    """Read and parse one store file. Raises OSError, NewerSchema or ValueError."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        data = json.loads(text)
        return text, ComparisonStore.from_json(path, data)
    except NewerSchema:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ValueError(_parse_reason(err)) from None


def _parse_reason(err: Exception) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"not valid JSON (line {err.lineno})"
    if isinstance(err, KeyError):
        return f"missing field {err.args[0]!r}"
    return str(err) or type(err).__name__


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


def load_for(left: Document, right: Document, data_dir: str | os.PathLike[str] | None = None) -> ComparisonStore:
    """The notes and corrections saved for these two documents (an empty store if none).

    Never raises for a bad or unreadable file: the problem is in ``store.message`` (one line)
    and the store is empty. Nothing is written here; the app calls ``save()`` after loading to
    record the opening (and to move re-anchored notes to the new file).
    """
    lrec, rrec = DocRecord.of(left), DocRecord.of(right)
    path = store_path(lrec.sha256, rrec.sha256, data_dir)
    fresh = ComparisonStore(path, lrec, rrec)
    try:
        text, store = _read(path)
    except (FileNotFoundError, NotADirectoryError):  # no file yet (saving will say if it cannot make one)
        return _load_edited(left, right, fresh, data_dir)
    except NewerSchema as err:
        fresh.read_only = True
        fresh.message = (f"{path} was written by a newer sidebyside (schema {err.version}); "
                         "its notes are not shown and nothing will be saved")
        return fresh
    except ValueError as err:
        return _set_aside(fresh, path, str(err))
    except OSError as err:
        fresh.read_only = True
        fresh.message = f"cannot read saved notes {path}: {_reason(err)}; nothing will be saved"
        return fresh
    store._on_disk = text
    store.left, store.right = lrec, rrec  # paths and names as opened now
    store.last_opened = now_iso()
    return store


def _set_aside(fresh: ComparisonStore, path: Path, reason: str) -> ComparisonStore:
    try:
        moved = _move_aside(path)
    except OSError as err:
        fresh.read_only = True
        fresh.message = (f"saved notes {path} are unreadable ({reason}) and could not be moved aside "
                         f"({_reason(err)}); starting without notes, nothing will be saved")
        return fresh
    fresh.message = f"saved notes {path.name} were unreadable ({reason}); moved to {moved} and started afresh"
    return fresh


def _load_edited(left: Document, right: Document, fresh: ComparisonStore,
                 data_dir: str | os.PathLike[str] | None) -> ComparisonStore:
    """No file for these texts: look for one saved for the same paths, and re-anchor it."""
    if fresh.left.kind not in STABLE_KINDS or fresh.right.kind not in STABLE_KINDS:
        return fresh
    try:
        saved = list_saved(data_dir)
    except StoreError as err:
        fresh.message = str(err)
        return fresh
    candidates = [s for s in saved if s.store is not None
                  and s.left is not None and s.right is not None
                  and s.left.path == fresh.left.path and s.right.path == fresh.right.path]
    if not candidates:
        return fresh
    old = candidates[0].store
    assert old is not None
    docs = {"left": left, "right": right}
    changed = [side for side, rec in (("left", old.left), ("right", old.right))
               if rec.sha256 != text_sha256(docs[side].text)]
    for item in list(old.annotations) + list(old.corrections):
        item.targets = [t if t.side not in changed else _reanchor(t, docs[t.side]) for t in item.targets]
    old._replaces = old.path
    old.path = fresh.path
    old.left, old.right = fresh.left, fresh.right
    old.last_opened = now_iso()
    old._on_disk = None
    items = list(old.annotations) + list(old.corrections)
    lost = sum(1 for x in items if x.status == "orphaned")
    reworded = sum(1 for x in items if x.status != "orphaned"
                   and any(t.how in ("context", "fuzzy") for t in x.targets))
    which = " and ".join(changed) + (" text" if len(changed) == 1 else " texts")
    old.message = "" if not changed else (f"the {which} changed since the notes were saved: "
                   f"{len(items) - reworded - lost} found unchanged, {reworded} on reworded text (check them), "
                   f"{lost} orphaned" + (" (see the notes list)" if lost else ""))
    return old


def _reanchor(target: TextTarget, doc: Document) -> TextTarget:
    found = reanchor(target, doc.text)
    if found.how in ("context", "fuzzy"):
        found = snap_to_sentences(found, doc)
    return found


# ---- listing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SavedComparison:
    """One saved comparison, as listed; ``problem`` says why a file could not be read."""

    file: Path
    left: DocRecord | None
    right: DocRecord | None
    notes: int = 0
    corrections: int = 0
    orphaned: int = 0
    last_opened: str = ""
    problem: str = ""
    store: ComparisonStore | None = field(default=None, repr=False, compare=False)

    @property
    def reopenable(self) -> bool:
        return self.left is not None and self.right is not None and self.left.reopenable and self.right.reopenable


def list_saved(data_dir: str | os.PathLike[str] | None = None) -> list[SavedComparison]:
    """Every saved comparison in the data dir, most recently opened first (unreadable files
    last, with ``problem`` set). Temporary and moved-aside files are skipped."""
    folder = comparisons_dir(data_dir)
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as err:
        raise StoreError(f"cannot list {folder}: {_reason(err)}") from None
    good: list[SavedComparison] = []
    bad: list[SavedComparison] = []
    for p in names:
        try:
            _, store = _read(p)
        except NewerSchema as err:
            bad.append(SavedComparison(p, None, None, problem=f"written by a newer sidebyside (schema {err.version})"))
            continue
        except (OSError, ValueError) as err:
            reason = _reason(err) if isinstance(err, OSError) else str(err)
            bad.append(SavedComparison(p, None, None, problem=reason))
            continue
        items = list(store.annotations) + list(store.corrections)
        good.append(SavedComparison(
            p, store.left, store.right, len(store.annotations), len(store.corrections),
            sum(1 for x in items if x.status == "orphaned"), store.last_opened, "", store,
        ))
    good.sort(key=lambda s: s.last_opened, reverse=True)
    return good + bad
