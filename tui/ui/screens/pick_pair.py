"""Choose two articles of the bundled sample corpus to compare, a sensible pair preselected.

Shown when ``sidebyside`` runs without files, so a new user sees it work at once: enter
(or ``c``) compares the preselected pair straight away, from either list. File names wrap
after a hyphen, never inside a word, and on a short terminal the lists shrink so the
Compare button stays on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, OptionList
from textual.widgets.option_list import Option

from ..widgets.textlayout import display_safe

SHORT = 30  # rows: below this the box fills the screen and the lists take what is left


def headline(path: Path, limit: int = 70) -> str:
    """The first non-empty line of a file, shortened (what the article is about)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = " ".join(line.split())
                if line:
                    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    except OSError:
        pass
    return ""


def wrap_name(name: str, width: int) -> str:
    """A file name on lines no wider than ``width``, broken after ``-``, ``_`` or ``.`` (a
    part longer than a line is cut as it must be)."""
    parts: list[str] = []
    part = ""
    for ch in name:
        part += ch
        if ch in "-_.":
            parts.append(part)
            part = ""
    if part:
        parts.append(part)
    lines = [""]
    for part in parts:
        if lines[-1] and len(lines[-1]) + len(part.rstrip("-_.")) > width:
            lines.append("")
        lines[-1] += part
    out: list[str] = []
    for line in lines:
        while len(line) > width > 0:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def _safe_lines(text: str) -> str:
    return "\n".join(display_safe(line) for line in text.split("\n"))


def descriptions(files: list[Path]) -> dict[str, str]:
    """What each file is, from the corpus README's table (``| `name` | ... | what it is |``)."""
    out: dict[str, str] = {}
    for readme in {p.parent / "README.md" for p in files}:
        try:
            lines = readme.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and cells[0].startswith("`") and cells[0].endswith("`"):
                out[cells[0].strip("`")] = cells[-1]
    return out


class PickPairScreen(Screen[tuple[Path, ...] | None]):
    """Two lists of the corpus files; enter in either list, ``c`` or the button compares
    the two; ``a`` or its button opens every file in the coverage view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "compare", "Compare", id="compare"),
        Binding("a", "compare_all", "All reports", id="compare-all"),
        Binding("o", "app.open_saved", "Open saved", id="open-saved"),
        Binding("tab", "app.focus_next", "Other list", show=False),
        Binding("escape,q", "cancel", "Quit", id="quit"),
    ]

    DEFAULT_CSS = """
    PickPairScreen { align: center middle; }
    PickPairScreen > Vertical {
        width: 120; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: round $primary; border-title-align: center;
    }
    PickPairScreen #intro { width: 1fr; color: $text-muted; margin-bottom: 1; }
    PickPairScreen #lists { height: auto; }
    PickPairScreen #lists > Vertical { width: 1fr; height: auto; }
    PickPairScreen .side { text-style: bold; color: $accent; }
    PickPairScreen OptionList { height: auto; max-height: 16; }
    PickPairScreen #go-row { height: auto; align-horizontal: right; margin-top: 1; }
    PickPairScreen.-short > Vertical { height: 1fr; max-height: 100%; }
    PickPairScreen.-short #intro { margin-bottom: 0; }
    PickPairScreen.-short #lists { height: 1fr; }
    PickPairScreen.-short #lists > Vertical { height: 1fr; }
    PickPairScreen.-short OptionList { height: 1fr; max-height: 100%; }
    PickPairScreen.-short #go-row { margin-top: 0; }
    PickPairScreen #all { margin-right: 2; }
    """

    def __init__(self, files: list[Path], default: tuple[Path, Path]) -> None:
        super().__init__()
        self.files = files
        self.default = default
        self._about = descriptions(files)
        self._name_width = 0  # the width the names are wrapped to

    def _options(self, width: int = 1000) -> list[Option]:
        return [Option(Content.assemble((_safe_lines(wrap_name(p.name, width)), "bold"), "\n",
                                        (display_safe(self._about.get(p.name) or headline(p)), "italic")),
                       id=str(i)) for i, p in enumerate(self.files)]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "sidebyside: choose two texts"
            yield Label("Five reports of one phone call, from the bundled sample corpus. "
                        "A wire story and its rewrite are chosen: press enter to compare them.", id="intro")
            with Horizontal(id="lists"):
                with Vertical():
                    yield Label("Left", classes="side")
                    yield OptionList(*self._options(), id="left-list")
                with Vertical():
                    yield Label("Right", classes="side")
                    yield OptionList(*self._options(), id="right-list")
            with Horizontal(id="go-row"):
                if len(self.files) > 2:  # every report at once, in the coverage view
                    yield Button(f"All {len(self.files)} reports", id="all")
                yield Button("Compare", variant="primary", id="go")
        yield Footer()

    def on_mount(self) -> None:
        if len(self.files) < 2:
            self.query_one("#intro", Label).update(Content(
                "The sample corpus was not found next to the program, so there is nothing to pick. "
                "Give two files: sidebyside LEFT RIGHT"))
            self.query_one("#go", Button).disabled = True
            return
        names = [p.name for p in self.files]
        left, right = self.query_one("#left-list", OptionList), self.query_one("#right-list", OptionList)
        left.highlighted = names.index(self.default[0].name) if self.default[0].name in names else 0
        right.highlighted = names.index(self.default[1].name) if self.default[1].name in names else min(1, len(names) - 1)
        left.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "-short")
        self.call_after_refresh(self._wrap_names)

    def _wrap_names(self) -> None:
        """Wrap the file names to the lists' width (after a hyphen, never inside a word)."""
        lists = list(self.query(OptionList).results(OptionList))
        width = min((ol.scrollable_content_region.width for ol in lists), default=0)
        if width <= 0 or width == self._name_width or len(self.files) < 2:
            return
        self._name_width = width
        for ol in lists:
            highlighted = ol.highlighted
            ol.clear_options()
            ol.add_options(self._options(width))
            ol.highlighted = highlighted
            ol.call_after_refresh(ol.scroll_to_highlight)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_compare()  # enter in either list compares the two highlighted texts

    @on(Button.Pressed, "#go")
    def action_compare(self) -> None:
        if len(self.files) < 2:
            return
        left = self.query_one("#left-list", OptionList).highlighted or 0
        right = self.query_one("#right-list", OptionList).highlighted or 0
        if left == right:
            self.notify("Choose two different texts.", severity="warning")
            return
        self.dismiss((self.files[left], self.files[right]))

    @on(Button.Pressed, "#all")
    def action_compare_all(self) -> None:
        if len(self.files) > 2:
            self.dismiss(tuple(self.files))

    def action_cancel(self) -> None:
        self.dismiss(None)
