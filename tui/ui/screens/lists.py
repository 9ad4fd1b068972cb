"""Pick-one lists in a modal: all notes of the comparison, and the saved comparisons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..widgets.textlayout import display_safe


class PickList(ModalScreen[int | None]):
    """A titled list; enter returns the index of the chosen line, escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    DEFAULT_CSS = """
    PickList { align: center middle; }
    PickList > Vertical {
        width: 110; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PickList Label { text-style: bold; margin-bottom: 1; }
    PickList OptionList { height: auto; max-height: 30; }
    """

    def __init__(self, title: str, lines: list[str], empty: str = "Nothing here yet.") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical():
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
