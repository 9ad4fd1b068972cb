"""Choose two articles of the bundled sample corpus to compare (a sensible pair preselected)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, OptionList
from textual.widgets.option_list import Option


class PickPairScreen(Screen[tuple[Path, Path]]):
    """Two lists of the corpus files; enter or the button compares the chosen pair."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("c", "compare", "Compare"),
        Binding("o", "app.open_saved", "Open saved"),
        Binding("tab", "app.focus_next", "Next list", show=False),
    ]

    DEFAULT_CSS = """
    PickPairScreen { align: center middle; }
    PickPairScreen > Vertical { width: 100; max-width: 100%; height: auto; padding: 1 2; border: round $primary; }
    PickPairScreen Horizontal { height: auto; }
    PickPairScreen OptionList { width: 1fr; height: auto; max-height: 12; }
    PickPairScreen #title { text-style: bold; margin-bottom: 1; }
    PickPairScreen Button { margin-top: 1; }
    """

    def __init__(self, files: list[Path], default: tuple[Path, Path]) -> None:
        super().__init__()
        self.files = files
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Compare two reports of the same phone call (the bundled sample corpus)", id="title")
            with Horizontal():
                yield OptionList(*[Option(p.name, id=str(i)) for i, p in enumerate(self.files)], id="left-list")
                yield OptionList(*[Option(p.name, id=str(i)) for i, p in enumerate(self.files)], id="right-list")
            yield Button("Compare", variant="primary", id="go")
        yield Footer()

    def on_mount(self) -> None:
        names = [p.name for p in self.files]
        left, right = self.query_one("#left-list", OptionList), self.query_one("#right-list", OptionList)
        left.highlighted = names.index(self.default[0].name) if self.default[0].name in names else 0
        right.highlighted = names.index(self.default[1].name) if self.default[1].name in names else min(1, len(names) - 1)
        left.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "left-list":
            self.query_one("#right-list").focus()
        else:
            self.action_compare()

    @on(Button.Pressed, "#go")
    def action_compare(self) -> None:
        left = self.query_one("#left-list", OptionList).highlighted or 0
        right = self.query_one("#right-list", OptionList).highlighted or 0
        if left == right:
            self.notify("choose two different articles", severity="warning")
            return
        self.dismiss((self.files[left], self.files[right]))
