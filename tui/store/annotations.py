"""Notes: an ``Annotation`` is a body of text and tags on one or more anchored targets.

A note on a sentence has one target; a note on a link has one target per side (more if a
side's sentences are not consecutive). Tags come from a short fixed set plus free tags.
Dataclass ⇄ JSON; the store file (``comparisons.py``) carries the ``schema_version``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Collection, Iterable

from ..compare.model import SIDES
from .anchors import TextTarget

TAGS = ("verified", "disputed", "follow-up", "important")  # offered first in the editor
MAX_TAG_CHARS = 40


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as stored: trimmed, lower case, inner spaces as hyphens, no duplicates, fixed
    tags first in their fixed order, then free tags in the order given."""
    seen: list[str] = []
    for tag in tags:
        t = "-".join(str(tag).strip().lower().split())[:MAX_TAG_CHARS].strip("#")
        if t and t not in seen:
            seen.append(t)
    fixed = [t for t in TAGS if t in seen]
    return fixed + [t for t in seen if t not in TAGS]


def overall_status(targets: Iterable[TextTarget]) -> str:
    """``orphaned`` when no target anchors, ``moved`` when any was moved or lost, else ``anchored``."""
    statuses = [t.status for t in targets]
    if not statuses or all(s == "orphaned" for s in statuses):
        return "orphaned"
    if any(s != "anchored" for s in statuses):
        return "moved"
    return "anchored"


@dataclass(slots=True)
class Annotation:
    """A user's note on sentences of one or both documents."""

    targets: list[TextTarget]
    body: str = ""
    tags: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    modified: str = ""

    def __post_init__(self) -> None:
        self.tags = clean_tags(self.tags)
        if not self.modified:
            self.modified = self.created

    @property
    def status(self) -> str:
        return overall_status(self.targets)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(s for s in ("left", "right") if any(t.side == s for t in self.targets))

    def to_json(self, *, stored: bool = False) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": self.created,
            "modified": self.modified,
            "body": self.body,
            "tags": list(self.tags),
            "status": self.status,
            "targets": [t.to_json(stored=stored) for t in self.targets],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], sides: Collection[str] = SIDES) -> "Annotation":
        targets = [TextTarget.from_json(t, sides) for t in list_of(data["targets"], "targets")]
        if not targets:
            raise ValueError("an annotation without targets")
        body = data.get("body", "")
        if not isinstance(body, str):
            raise ValueError("an annotation body that is not text")
        return cls(targets, body, [str(t) for t in list_of(data.get("tags", []), "tags")], item_id(data),
                   str(data.get("created", "")) or now_iso(), str(data.get("modified", "")))


def list_of(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"{what} that are not a list")
    return value


def item_id(data: dict[str, Any]) -> str:
    value = data["id"]
    if not isinstance(value, str) or not value:
        raise ValueError("an id that is not text")
    return value
