"""Listing the saved comparisons: what ``--list-saved`` and "open saved" show.

Each file is read on its own: an unreadable one is listed with its problem and never stops
the others from being listed (or a new pair from opening).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .documents import DocRecord
from .folder import comparisons_dir, reason, record_files
from .record import BadRecord, NewerSchema, Record, read


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
    record: Record | None = field(default=None, repr=False, compare=False)

    @property
    def reopenable(self) -> bool:
        return self.left is not None and self.right is not None and self.left.reopenable and self.right.reopenable


def list_saved(data_dir: str | os.PathLike[str] | None = None) -> list[SavedComparison]:
    """Every saved comparison in the data dir, most recently opened first (unreadable files
    last, with ``problem`` set). Temporary and moved-aside files are skipped."""
    folder = comparisons_dir(data_dir)
    names = record_files(folder)
    good: list[SavedComparison] = []
    bad: list[SavedComparison] = []
    for p in names:
        try:
            _, record = read(p)
        except NewerSchema as err:
            bad.append(SavedComparison(p, None, None, problem=f"written by a newer sidebyside (schema {err.version})"))
            continue
        except (OSError, BadRecord) as err:
            bad.append(SavedComparison(p, None, None, problem=reason(err) if isinstance(err, OSError) else str(err)))
            continue
        good.append(SavedComparison(p, record.left, record.right, len(record.annotations), len(record.corrections),
                                    record.orphaned, record.last_opened, "", record))
    good.sort(key=lambda s: s.last_opened, reverse=True)
    return good + bad
