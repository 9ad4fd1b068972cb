"""Pick-one lists in a modal: all notes of the comparison, and the saved comparisons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..widgets.textlayout import display_safe
from .dialog import Dialog


class PickList(Dialog[int | None]):
    """A titled list; enter returns the index of the chosen line, escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]


    def __init__(self, title: str, lines: list[str], empty: str = "Nothing here yet.") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes=Dialog.BOX):
            yield Label(Content(self.title_text))
            if self.lines:
                # Lines quote notes and file names: data, shown as plain text.
                yield OptionList(*[Option(Content(display_safe(line)), id=str(i)) for i, line in enumerate(self.lines)])
            else:
                yield Label(Content(self.empty))

    def on_mount(self) -> None:
        for option_list in self.query(OptionList):
            option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
