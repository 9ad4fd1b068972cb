"""One saved comparison as a file: its JSON form, and reading it without ever crashing.

A record holds the two documents (``DocRecord``), the notes and the corrections, and three
times (created, modified, last opened). Every target carries the hash of the text its
selectors point into (``text_sha256``); a record from before that field takes the hash of
its document. Anything that is not a well-formed record (bad JSON, nesting too deep to read,
an offset of ``1e999``, a missing field) is a ``BadRecord`` with a one-line reason, never a
traceback: the caller sets the file aside or lists it as unreadable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from .annotations import Annotation, list_of, now_iso
from .corrections import Correction
from .documents import DocRecord
from .folder import Busy, locked, move_aside, reason

T = TypeVar("T")

FORMAT = "sidebyside-annotations"
SCHEMA_VERSION = 1


class NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"schema_version {version}")
        self.version = version


class BadRecord(ValueError):
    """A file that is not a readable record; the message says why, in one line."""


@dataclass(slots=True)
class Record:
    left: DocRecord
    right: DocRecord
    annotations: list[Annotation] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    last_opened: str = field(default_factory=now_iso)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "created": self.created,
            "modified": self.modified or self.created,
            "last_opened": self.last_opened,
            "documents": {"left": self.left.to_json(), "right": self.right.to_json()},
            "annotations": [a.to_json(stored=True) for a in self.annotations],
            "corrections": [c.to_json(stored=True) for c in self.corrections],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"

    @property
    def orphaned(self) -> int:
        return sum(1 for x in [*self.annotations, *self.corrections] if x.status == "orphaned")


def item_key(item: Annotation | Correction) -> str:
    """An item's stored form, to tell whether it changed."""
    return json.dumps(item.to_json(stored=True), ensure_ascii=False, sort_keys=True)


def parsed(parse_data: Callable[[Any], T]) -> Callable[[Any], T]:
    """``parse_data`` with its errors turned into ``BadRecord`` (one line), as ``parse`` does."""
    def run(data: Any) -> T:
        try:
            return parse_data(data)
        except (NewerSchema, BadRecord):
            raise
        except KeyError as err:
            raise BadRecord(f"missing field {str(err.args[0])[:40]!r}") from None
        except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as err:
            raise BadRecord(" ".join(str(err).split())[:120] or type(err).__name__) from None
    return run


def check_header(data: Any, fmt: str, newest: int) -> None:
    """A record's ``format`` and ``schema_version``: ``BadRecord`` unless it is ``fmt``,
    ``NewerSchema`` when written by a newer sidebyside."""
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise BadRecord(f"not a {fmt} file")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadRecord(f"bad schema_version {str(version)[:20]!r}")
    if version > newest:
        raise NewerSchema(version)


def _parse(data: Any) -> Record:
    check_header(data, FORMAT, SCHEMA_VERSION)
    docs = data["documents"]
    left, right = DocRecord.from_json(docs["left"]), DocRecord.from_json(docs["right"])
    shas = {"left": left.sha256, "right": right.sha256}
    notes = [Annotation.from_json(a) for a in list_of(data.get("annotations", []), "annotations")]
    fixes = [Correction.from_json(c) for c in list_of(data.get("corrections", []), "corrections")]
    for item in [*notes, *fixes]:  # a record from before targets knew their text
        item.targets = [t if t.text_sha else replace(t, text_sha=shas[t.side]) for t in item.targets]
    return Record(left, right, notes, fixes, str(data.get("created", "")) or now_iso(),
                  str(data.get("modified", "")), str(data.get("last_opened", "")) or now_iso())


def parse(data: Any) -> Record:
    """A ``Record`` from parsed JSON. Raises ``NewerSchema``, or ``BadRecord`` (one line)."""
    return parsed(_parse)(data)


def loads(text: str, parser: Callable[[Any], T] = parse) -> T:  # type: ignore[assignment]
    """Parse a record file's text with ``parser`` (the pair record's ``parse`` by default)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadRecord(f"not valid JSON (line {err.lineno})") from None
    except RecursionError:
        raise BadRecord("nested too deeply to read") from None
    except (ValueError, OverflowError) as err:
        raise BadRecord(f"not valid JSON ({' '.join(str(err).split())[:80]})") from None
    return parser(data)


def read(path: Path, parser: Callable[[Any], T] = parse) -> tuple[str, T]:  # type: ignore[assignment]
    """Read and parse one record file. Raises ``OSError``, ``NewerSchema`` or ``BadRecord``."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BadRecord("not UTF-8 text") from None
    return text, loads(text, parser)


def unreadable(path: Path, err: NewerSchema | BadRecord | OSError) -> tuple[bool, str]:
    """``(read_only, message)`` for a store whose record at ``path`` could not be read: a newer
    schema is left alone and not written; a damaged record is moved aside (never deleted) and
    the store starts afresh; a record that cannot be read at all is left alone and not written."""
    if isinstance(err, NewerSchema):
        return True, (f"{path} was written by a newer sidebyside (schema {err.version}); "
                      "its notes are not shown and nothing will be saved")
    if isinstance(err, BadRecord):
        why = str(err)
        try:
            with locked(path.parent):
                moved = move_aside(path)
        except (Busy, OSError) as problem:
            said = reason(problem) if isinstance(problem, OSError) else "another sidebyside holds the folder"
            return True, (f"saved notes {path} are unreadable ({why}) and could not be moved aside "
                          f"({said}); starting without notes, nothing will be saved")
        return False, f"saved notes {path.name} were unreadable ({why}); moved to {moved} and started afresh"
    return True, f"cannot read saved notes {path}: {reason(err)}; nothing will be saved"
