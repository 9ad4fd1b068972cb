"""Text from outside made safe to print: the one place that decides which characters could act
on a terminal, a browser or a reader instead of being shown.

File names, URLs, what a server says, document text and notes are data. Printed raw, an ESC or
a C1 CSI (U+009B) starts a terminal escape sequence (retitle the window, clear the screen), and
a bidi control (U+202E and its kin) reorders what follows it. ``visible`` replaces each such
character by one visible stand-in, so offsets into the text stay valid
(``visible(text)[a:b] == visible(text[a:b])``); ``json_text`` escapes them in JSON instead.
"""

from __future__ import annotations

import re

# Bidi controls: ALM, LRM, RLM, the embeddings and overrides (LRE RLE PDF LRO RLO), the isolates.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 (tab and newline are decided by the caller), DEL, C1, bidi controls.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
# What JSON may leave unescaped but a terminal or a bidi renderer would still act on.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI}]")


def _stand_in(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, Unicode's Control Pictures (ESC shows as ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and bidi controls have no pictures


def visible(text: str, *, keep: str = "\t\n") -> str:
    """``text`` with every control character except those in ``keep`` replaced, one for one.

    Messages that must stay on one line pass ``keep=""`` (a newline shows as ␊)."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _stand_in(m.group()), text)


def one_line(text: str) -> str:
    """``text`` for a one-line message: nothing kept, not even a newline."""
    return visible(text, keep="")


def json_text(dumped: str) -> str:
    """JSON made by ``json.dumps(..., ensure_ascii=False)`` with DEL, C1 and bidi controls written
    as ``\\u`` escapes too (``json.dumps`` escapes only C0). Outside strings JSON is ASCII, so
    every such character is inside a string, and the result parses to the same data."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
