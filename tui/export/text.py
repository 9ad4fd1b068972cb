"""Document text made safe to show: control characters become visible stand-ins, one for one.

File text is data. An ESC (ANSI sequence) or other control character must not reach a
terminal or a browser as such, and replacing each by exactly one character keeps every
offset into the text valid (``visible(text)[a:b] == visible(text[a:b])``).
"""

from __future__ import annotations

import html
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _stand_in(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (Unicode Control Pictures)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no pictures


def visible(text: str) -> str:
    """``text`` with tab and newline kept and every other control character replaced."""
    return _CONTROL.sub(_stand_in, text)


def html_text(text: str) -> str:
    """Text for an HTML element or attribute: visible, then escaped (``&<>"'``)."""
    return html.escape(visible(text), quote=True)
