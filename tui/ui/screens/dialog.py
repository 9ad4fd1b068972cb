"""The base of the four dialogs (note editor, pick lists, help, unsaved notes): a box in the
middle of the screen over the dimmed reader. Their look is in app.tcss (``Dialog`` and
``.dialog-box``, then one rule per dialog); each composes its content in a container with the
class ``dialog-box``."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog; its box is the child with the class ``dialog-box``."""

    BOX = "dialog-box"
