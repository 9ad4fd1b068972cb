"""Turn a command-line argument into a ``Document``: a text or Markdown file, ``-`` for
standard input, a saved web page (HTML), or an http(s) URL (a web page, or plain text that a
server sends as ``text/plain``).

For web pages the document's text is the extracted article and ``sha256`` is the hash of
that text (``source["sha256_of"]`` says so); all offsets point into it. A URL's document is
known by its URL (without any ``#fragment``), so notes on it follow the article when the
page changes.

URLs and the cache: a URL fetched once is kept (its extracted article) in the cache folder and
opened from there afterwards, without the network; ``refresh`` fetches it again. If that
fetch fails and a cached copy exists, the copy is used and a notice says why. The cache keeps
every distinct text a URL returned: ``url_versions`` gives them all, as documents.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from .compare.errors import InputError
from .compare.load import MAX_BYTES, document_from_bytes, read_file, sha256_hex
from .compare.model import Document
from .visible import one_line

STDIN = "-"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def load_source(spec: str, *, stdin: BinaryIO | None = None, refresh: bool = False,
                timeout: float | None = None, cache: Path | None = None) -> Document:
    """Load one side of a comparison from what the user typed.

    Notices (like ``InputError`` messages) name files and URLs and quote servers: they come out
    with every control character made visible (``tui.visible``), safe to print or show."""
    doc = _load(spec, stdin=stdin, refresh=refresh, timeout=timeout, cache=cache)
    doc.notices = [one_line(n) for n in doc.notices]
    return doc


def _load(spec: str, *, stdin: BinaryIO | None, refresh: bool, timeout: float | None,
          cache: Path | None) -> Document:
    if spec == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("standard input: too large")
        if not data:
            raise InputError("standard input: is empty")
        if _is_html(data, ""):
            return _html_document(data, "<stdin>", {"kind": "stdin", "format": "html"})
        return document_from_bytes(data, "<stdin>", source={"kind": "stdin"})
    if is_url(spec):
        return load_url(spec, refresh=refresh, timeout=timeout, cache=cache)
    if _OTHER_SCHEME.match(spec) and not Path(spec).exists():
        raise InputError(f"{spec}: only http:// and https:// addresses can be fetched")
    data, name = read_file(spec)
    if _is_html(data, name):
        return _html_document(data, name, {"kind": "html", "path": name})
    return document_from_bytes(data, name)


def _is_html(data: bytes, name: str) -> bool:
    from .web.extract import looks_like_html

    return name.lower().endswith(HTML_SUFFIXES) or looks_like_html(data)


def _html_document(data: bytes, name: str, source: dict, url: str | None = None) -> Document:
    from .web.charset import decode_html
    from .web.extract import extract_article

    if not data.strip():
        raise InputError(f"{name}: is empty")
    html, notices = decode_html(data, name)
    title, text = extract_article(html, name, url)
    return _article(name, title, text, source, notices)


def _article(name: str, title: str, text: str, source: dict, notices: list[str] | None = None) -> Document:
    return Document(
        path=name,
        text=text,
        sha256=sha256_hex(text.encode("utf-8")),
        encoding="utf-8",
        title=title,
        source={**source, "sha256_of": "extracted text"},
        notices=list(notices or []),
    )


def url_identity(url: str) -> str:
    """The URL a page is known by: scheme and host in lower case, no ``#fragment`` (a fragment
    is never sent to the server)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url.split("#", 1)[0])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def load_url(url: str, *, refresh: bool = False, timeout: float | None = None, cache: Path | None = None) -> Document:
    """Fetch and extract a page, or take it from the cache (``refresh`` fetches it again)."""
    from .web import cache as page_cache
    from .web.charset import codec_for, decode_html
    from .web.extract import extract_article
    from .web.fetch import TIMEOUT, check_url, fetch

    check_url(url)
    url = url_identity(url)
    cached = page_cache.load(url, cache)
    if cached is not None and not refresh:
        return _article(url, cached.title, cached.text,
                        {"kind": "url", "url": url, "final_url": cached.final_url,
                         "fetched_at": cached.fetched_at, "from_cache": True})
    try:
        page = fetch(url, timeout=timeout or TIMEOUT)
        if page.kind == "text":  # text/plain: a transcript, a book, a raw file
            title, plain = "", document_from_bytes(page.body, url, declared=codec_for(page.charset))
            text, notices = plain.text, plain.notices
        else:
            html, notices = decode_html(page.body, url, page.charset)
            title, text = extract_article(html, url, page.final_url)
    except InputError as err:
        if cached is None:
            raise
        doc = _article(url, cached.title, cached.text,
                       {"kind": "url", "url": url, "final_url": cached.final_url,
                        "fetched_at": cached.fetched_at, "from_cache": True})
        doc.notices.append(f"{err}; using the copy fetched {cached.fetched_at}")
        return doc
    fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if page_cache.save(page_cache.CachedPage(url, page.final_url, title, text, fetched_at), cache) is None:
        notices.append(f"{url}: could not keep a copy in the cache folder; it will be fetched again next time")
    return _article(url, title, text, {"kind": "url", "url": url, "final_url": page.final_url,
                                       "fetched_at": fetched_at, "from_cache": False}, notices)


def url_versions(url: str, *, refresh: bool = False, timeout: float | None = None,
                 cache: Path | None = None) -> list[Document]:
    """Every distinct text the URL returned, oldest first, as documents (fetched first if it
    is not cached, or with ``refresh``). Each is a fixed text: it is known by its hash, and its
    title starts with its number and fetch time (``v2 · 2025-03-01 14:02 UTC · …``)."""
    from .web import cache as page_cache

    current = load_url(url, refresh=refresh, timeout=timeout, cache=cache)
    url = url_identity(url)
    pages = page_cache.versions(url, cache)
    if not pages:  # the cache could not be written: the one text there is
        pages = [page_cache.CachedPage(url, current.source.get("final_url", url), current.title, current.text,
                                       str(current.source.get("fetched_at", "")))]
    docs = []
    for k, page in enumerate(pages, 1):
        first = page.first_fetched or page.fetched_at
        title = " · ".join(x for x in (f"v{k}", _when(first), page.title) if x)
        docs.append(_article(url, title, page.text,
                             {"kind": "url-version", "url": url, "final_url": page.final_url, "version": k,
                              "fetched_at": first, "last_fetched": page.fetched_at},
                             list(current.notices) if page.text == current.text else []))
    return docs


def _when(iso: str) -> str:
    """``2025-03-01 14:02 UTC`` from an ISO time (as written; "" if it is not one)."""
    try:
        return datetime.fromisoformat(iso).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return one_line(iso[:25])
