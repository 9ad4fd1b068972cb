"""The note editor: a small modal with a multi-line note, the fixed tags and free tags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Footer, Input, Label, TextArea

from ...store.annotations import TAGS
from ..widgets.textlayout import display_safe
from .dialog import Dialog


@dataclass
class NoteResult:
    body: str = ""
    tags: list[str] = field(default_factory=list)
    delete: bool = False

    def apply(self, session, note, write: Callable[[str, list[str]], object]) -> None:
        """Carry this result out on ``session``: delete or edit ``note``, or (no note yet)
        ``write(body, tags)`` a new one where the caller says."""
        if self.delete and note is not None:
            session.delete_note(note.id)
        elif note is not None:
            session.edit_note(note.id, self.body, self.tags)
        else:
            write(self.body, self.tags)


class NoteEditor(Dialog[NoteResult | None]):
    """``ctrl+s`` saves, ``escape`` cancels, ``ctrl+d`` deletes an existing note."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("ctrl+d", "delete", "Delete note", priority=True),
    ]


    def __init__(self, about: str, body: str = "", tags: list[str] | None = None, existing: bool = False) -> None:
        super().__init__()
        self.about = about
        self.body = body
        self.tags = list(tags or [])
        self.existing = existing

    def compose(self) -> ComposeResult:
        with Vertical(classes=Dialog.BOX):
            yield Label(Content(display_safe(self.about)), id="about")
            yield TextArea(self.body, id="body", soft_wrap=True)
            with Horizontal(id="fixed"):
                for tag in TAGS:
                    yield Checkbox(tag, tag in self.tags, id=f"tag-{tag}")
            free = [t for t in self.tags if t not in TAGS]
            yield Input(", ".join(free), placeholder="more tags, separated by commas", id="free")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#body", TextArea)
        area.cursor_blink = False
        self.query_one("#free", Input).cursor_blink = False
        area.focus()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "delete":
            return self.existing or None
        return True

    def _result(self) -> NoteResult:
        tags = [t for t in TAGS if self.query_one(f"#tag-{t}", Checkbox).value]
        tags += [t.strip() for t in self.query_one("#free", Input).value.split(",") if t.strip()]
        return NoteResult(self.query_one("#body", TextArea).text, tags)

    def action_save(self) -> None:
        result = self._result()
        if not result.body.strip() and not result.tags:
            self.notify("the note is empty: write something, or escape to cancel", severity="warning")
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_delete(self) -> None:
        if self.existing:
            self.dismiss(NoteResult(delete=True))
