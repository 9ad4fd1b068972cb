"""Quitting with notes that could not be saved: say so, and offer to export them to a file
the user names, to keep the app open, or to quit without them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label

from ...vocabulary import plural
from ..widgets.textlayout import display_safe
from .dialog import Dialog

if TYPE_CHECKING:
    from ...coverage_session import CoverageSession
    from ...session import Session


class UnsavedDialog(Dialog[str | None]):
    """Dismissed with the line to print after quitting (quit), or None (keep the app open)."""

    BINDINGS = [
        Binding("escape", "keep", "Keep the app open", priority=True),
    ]


    def __init__(self, session: Session | CoverageSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        n = self.session.unsaved
        what = f"{n} {plural('note', n)} or {plural('correction', n)}"
        default = Path.cwd() / self.session.export_name("html")
        with Vertical(classes=Dialog.BOX) as box:
            box.border_title = "Not saved"
            yield Label(Content(display_safe(
                f"{what} could not be saved ({self.session.save_error or 'the notes folder cannot be written'}). "
                "Export them with the comparison to a file (.html, .md, .json or .jsonld), "
                "or keep the app open.")), id="why")
            yield Input(str(default), id="path")
            yield Label("", id="problem")
            with Horizontal():
                yield Button("Export and quit", variant="primary", id="export")
                yield Button("Keep the app open", id="keep")
                yield Button("Quit without them", variant="error", id="discard")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            return
        try:
            written = self.session.export_to(path)
        except OSError as err:
            reason = err.strerror.lower() if err.strerror else str(err)
            self.query_one("#problem", Label).update(Content(display_safe(f"cannot write {path}: {reason}")))
            return
        self.dismiss(f"sidebyside: notes not saved; exported with the comparison to {written}")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        self.dismiss("sidebyside: quit without saving the notes")
