"""The article in a web page: main text and title, by trafilatura (navigation, ads, share bars,
related links and comments are dropped). Paragraphs stay on lines of their own.

trafilatura is imported on first use, so comparing plain text files never pays for it.
Extraction is local and deterministic: trafilatura reads only the page it is given (a URL is
passed for metadata, never fetched) and gives the same text for the same page.
"""

from __future__ import annotations

import re

from ..compare.errors import InputError

# A page whose extracted text has less than this is a section front or an error page.
MIN_ARTICLE_CHARS = 200
MIN_PROSE_LINES = 2  # lines of eight words or more that end like a sentence
_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_SENTENCE_END = re.compile(r"""[.!?…][\"'”’»)\]]*$""")
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def looks_like_html(data: bytes) -> bool:
    """True for HTML whatever the file is called (a doctype or <html> at the start, after any
    byte-order mark, XML declaration or comments)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def _trafilatura():
    # trafilatura and its helpers log warnings about odd pages; the user gets our one-line
    # messages instead. Only their own loggers are touched. (logging is imported here: a
    # local text file, which is only looked at, need not pay for it.)
    import logging

    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        import trafilatura
    except ImportError as err:  # e.g. lxml without lxml_html_clean
        raise InputError(f"cannot read web pages: trafilatura cannot be imported ({' '.join(str(err).split())})") from None
    return trafilatura


def extract_article(html: bytes | str, name: str, url: str | None = None) -> tuple[str, str]:
    """``(title, text)`` of the page's article; ``InputError`` when there is none."""
    trafilatura = _trafilatura()
    if isinstance(html, str):
        html = _NUMERIC_REFERENCE.sub(_xml_safe_reference, html)
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
    prose = sum(1 for line in text.split("\n") if len(line.split()) >= 8 and _SENTENCE_END.search(line))
    if len(text) < MIN_ARTICLE_CHARS or prose < MIN_PROSE_LINES:
        raise InputError(f"{name}: no article text found in the page (is it a section front, an error page, or a page that needs JavaScript?)")
    title = " ".join((data.get("title") or "").split())
    return title, text


def _xml_safe_reference(m: re.Match[str]) -> str:
    """A character reference the extractor's XML tree can hold; one it cannot (``&#27;``, a
    control character, or ``&#xFFFF;``) would make the whole page "no article", so it becomes
    U+FFFD, as the HTML parser already makes ``&#0;`` and references to surrogates."""
    digits = m.group(1) or m.group(2)
    if len(digits.lstrip("0")) > 8:
        return "\ufffd"
    code = int(digits, 16) if m.group(1) else int(digits)
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    return m.group() if allowed else "\ufffd"


def _clean(text: str) -> str:
    """One paragraph a line, a blank line between paragraphs, no trailing spaces."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
