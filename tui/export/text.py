"""Document and user text made safe for an export: control characters made visible (by
``tui.visible``, the one function that decides them), then escaped for the format."""

from __future__ import annotations

import html

from ..visible import json_text, visible

__all__ = ["html_text", "json_text", "visible"]


def html_text(text: str) -> str:
    """Text for an HTML element or attribute: visible, then escaped (``&<>"'``)."""
    return html.escape(visible(text), quote=True)
