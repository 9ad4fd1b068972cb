"""The article in a web page: main text and title, by trafilatura (navigation, ads, share bars,
related links and comments are dropped). Paragraphs stay on lines of their own."""

from __future__ import annotations

import logging
import re

from ..compare.errors import InputError

# A page whose extracted text has less than this is a section front or an error page.
MIN_ARTICLE_CHARS = 200
MIN_PROSE_LINES = 2  # lines of eight words or more

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    """True for HTML whatever the file is called (a doctype or <html> at the start)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def extract_article(html: bytes | str, name: str, url: str | None = None) -> tuple[str, str]:
    """``(title, text)`` of the page's article; ``InputError`` when there is none."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, include_images=False,
            include_links=False, with_metadata=True, deduplicate=False,
        )
    except Exception as err:  # lxml and trafilatura raise many kinds on broken markup
        raise InputError(f"{name}: the page could not be read as HTML ({type(err).__name__})") from None
    if doc is None:
        raise InputError(f"{name}: no article text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = _clean(data.get("text") or "")
    prose = sum(1 for line in text.split("\n") if len(line.split()) >= 8)
    if len(text) < MIN_ARTICLE_CHARS or prose < MIN_PROSE_LINES:
        raise InputError(f"{name}: no article text found in the page (is it a section front or an error page?)")
    title = " ".join((data.get("title") or "").split())
    return title, text


def _clean(text: str) -> str:
    """One paragraph a line, a blank line between paragraphs, no trailing spaces."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
