"""Extracted articles of fetched pages, kept in the user cache folder keyed by URL, so a
page opens again without the network. One JSON file a URL, written atomically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..store.atomic import write_text_atomic
from ..store.paths import cache_dir

SCHEMA_VERSION = 1


@dataclass(slots=True)
class CachedPage:
    url: str
    final_url: str
    title: str
    text: str
    fetched_at: str


def cache_path(url: str, directory: Path | None = None) -> Path:
    folder = (directory or cache_dir()) / "pages"
    return folder / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")


def load(url: str, directory: Path | None = None) -> CachedPage | None:
    """The cached article for ``url``, or None (a missing or unreadable entry is a miss)."""
    path = cache_path(url, directory)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema_version") != SCHEMA_VERSION or data.get("url") != url:
            return None
        return CachedPage(data["url"], data["final_url"], data["title"], data["text"], data["fetched_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(page: CachedPage, directory: Path | None = None) -> Path | None:
    """Cache an article; a cache that cannot be written is not an error (returns None)."""
    path = cache_path(page.url, directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_text_atomic(path, json.dumps({"schema_version": SCHEMA_VERSION, **asdict(page)},
                                                  ensure_ascii=False, indent=1))
    except OSError:
        return None
