"""Extracted articles of fetched pages, kept in the user cache folder keyed by URL, so a page
opens again without the network; and every distinct text a URL returned, so the versions of
one article can be compared (``sidebyside --versions URL``).

One JSON file a URL, written atomically under the folder's lock (two processes fetching one
URL never lose each other's version). A file holds the versions in the order they were first
fetched, each with the time it was first fetched and the time a fetch last returned it, and
which one the last fetch returned (``current``: a page may go back to an earlier text).
``load`` gives that one, as a plain open of the URL always did.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store.atomic import write_text_atomic
from ..store.folder import Busy, locked
from ..store.paths import cache_dir

SCHEMA_VERSION = 2
MAX_VERSIONS = 100  # the oldest go first


@dataclass(slots=True)
class CachedPage:
    url: str
    final_url: str
    title: str
    text: str
    fetched_at: str  # the last fetch that returned this text
    first_fetched: str = ""  # the first fetch that returned it ("": the same as fetched_at)


def cache_path(url: str, directory: Path | None = None) -> Path:
    folder = (directory or cache_dir()) / "pages"
    return folder / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")


def _read(url: str, directory: Path | None) -> tuple[list[CachedPage], int] | None:
    """The versions of ``url`` oldest first and the index of the current one; None for a
    missing or unreadable entry (a miss)."""
    try:
        data = json.loads(cache_path(url, directory).read_text(encoding="utf-8"))
        if data.get("url") != url:
            return None
        if data.get("schema_version") == 1:  # one copy, as earlier versions kept it
            return [CachedPage(url, data["final_url"], data["title"], data["text"], data["fetched_at"])], 0
        if data.get("schema_version") != SCHEMA_VERSION:
            return None
        versions = [_version(url, v) for v in data["versions"]]
        current = int(data["current"])
        return (versions, current) if versions and 0 <= current < len(versions) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _version(url: str, v: dict[str, Any]) -> CachedPage:
    page = CachedPage(url, str(v["final_url"]), str(v["title"]), v["text"], str(v["fetched_at"]),
                      str(v.get("first_fetched", "")))
    if not isinstance(page.text, str):
        raise TypeError("a cached text that is not text")
    return page


def load(url: str, directory: Path | None = None) -> CachedPage | None:
    """The article ``url`` returned when last fetched, or None (not cached, or unreadable)."""
    found = _read(url, directory)
    return None if found is None else found[0][found[1]]


def versions(url: str, directory: Path | None = None) -> list[CachedPage]:
    """Every distinct text ``url`` returned, oldest first (empty: not cached)."""
    found = _read(url, directory)
    return [] if found is None else found[0]


def save(page: CachedPage, directory: Path | None = None) -> Path | None:
    """Cache an article just fetched: a new version when its text is new, else the version with
    that text is marked as fetched again. A cache that cannot be written is not an error
    (returns None)."""
    path = cache_path(page.url, directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path.parent):
            found = _read(page.url, directory)
            pages, current = _add(found[0] if found else [], page)
            data = {"schema_version": SCHEMA_VERSION, "url": page.url, "current": current,
                    "versions": [_version_json(p) for p in pages]}
            return write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
    except (OSError, Busy):
        return None


def _add(pages: list[CachedPage], page: CachedPage) -> tuple[list[CachedPage], int]:
    for k, old in enumerate(pages):
        if old.text == page.text:
            pages[k] = CachedPage(page.url, page.final_url, page.title, page.text, page.fetched_at,
                                  old.first_fetched or old.fetched_at)
            return pages, k
    pages = [*pages, CachedPage(page.url, page.final_url, page.title, page.text, page.fetched_at,
                                page.first_fetched or page.fetched_at)][-MAX_VERSIONS:]
    return pages, len(pages) - 1


def _version_json(p: CachedPage) -> dict[str, Any]:
    return {"final_url": p.final_url, "title": p.title, "first_fetched": p.first_fetched or p.fetched_at,
            "fetched_at": p.fetched_at, "text": p.text}
