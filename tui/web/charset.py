"""Decode a web page's bytes as a browser would: a byte-order mark, then the charset the server
declared, then a ``<meta charset>`` near the top, then UTF-8 if the bytes are valid UTF-8,
then the engine's guess among single-byte encodings."""

from __future__ import annotations

import codecs
import re

from ..compare.errors import InputError
from ..compare.load import decode_bytes

_META_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^<>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
# Labels that browsers read as a wider encoding (the WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030",
}
_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


def codec_for(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None if there is no such codec."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The codec a ``<meta charset>`` or ``<meta http-equiv>`` names near the top of the page."""
    m = _META_CHARSET.search(data[:_META_WINDOW])
    return codec_for(m.group(1).decode("ascii", "replace")) if m else None


def decode_html(data: bytes, name: str, header_charset: str | None = None) -> tuple[str, list[str]]:
    """The page's text and any notices about its decoding.

    A declared charset is trusted, with undecodable bytes shown as U+FFFD (a page that says
    UTF-8 and holds one stray byte still opens); without one, the engine's detection decides.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace").lstrip("\ufeff"), []
    codec = codec_for(header_charset) or meta_charset(data)
    if codec is not None and codec not in _WIDE:  # a UTF-16 label without a BOM is ignored, as browsers do
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            return data.decode(codec, "replace"), [f"{name}: some bytes are not valid {codec}; they show as \ufffd"]
    try:
        decoded = decode_bytes(data, name)
    except InputError:
        # Odd bytes inside something that is HTML by name or type: let the extractor find the text.
        return data.decode("utf-8", "replace"), [f"{name}: not valid UTF-8; undecodable bytes show as \ufffd"]
    return decoded.text, decoded.notices
