"""The reader's notes: write, edit or delete the note on the current link or sentence (``a``,
in the note editor), jump to the next or previous note in reading order (``]`` / ``[``), list
them all (``A``, orphaned ones too), and copy over the notes saved on the same texts at
another place. The notes are the session's, saved as they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...compare.model import Side
from ...vocabulary import NOTE_MARK, clip, on_side, where
from .lists import PickList
from .reader_state import ReaderState, needs_alignment

if TYPE_CHECKING:
    from .note_editor import NoteResult


class ReaderNotes(ReaderState):
    """Actions on the user's notes."""

    @needs_alignment
    def action_note(self) -> None:
        if self.cursor is None:
            return
        side, sid = self.cursor
        k = self.current_link
        if k is not None:
            link = self.comparison.links[k]
            about = f"Note on {where(link.left, link.right)}: {clip(self.comparison.left.sentence_text(link.left[0]), 300)}"
        else:
            about = f"Note on {on_side(side, [sid])}: {clip(self.comparison.doc(side).sentence_text(sid), 300)}"
        existing = self.notes_here()
        note = existing[0] if existing else None
        # Imported here: the editor's TextArea is a slow import, which the first frame does not
        # wait for (tests/test_import_hygiene.py).
        from .note_editor import NoteEditor

        editor = NoteEditor(about, note.body if note else "", note.tags if note else [], existing=note is not None)
        self.app.push_screen(editor, lambda result: self._note_written(result, note, side, sid))

    def _note_written(self, result: NoteResult | None, note, side: Side, sid: int) -> None:
        if result is None:
            return
        result.apply(self.session, note, lambda body, tags: self.session.write_note(side, sid, body, tags))
        self._edited("Note deleted." if result.delete else "")

    def _go_to_note(self, placed) -> None:
        if placed.row is None:
            self.notify("This note is orphaned: its text is no longer in the documents.", timeout=4)
        elif placed.left and (self.active == "left" or not placed.right):
            self.select("left", placed.left[0])
        else:
            self.select("right", placed.right[0])

    @needs_alignment
    def action_note_jump(self, direction: int) -> None:
        route = self.routes[self.active]
        notes = [(pos, p) for p in self.session.placed_notes()
                 if p.row is not None and (pos := route.first_position(p.left, p.right)) is not None]
        if not notes:
            self.app.hint("No notes yet: press a to write one.")
            return
        here = self._position(route)
        here = -1 if here is None else here
        ahead = sorted(n for n in notes if (n[0] > here if direction > 0 else n[0] < here))
        if not ahead:
            self.app.hint(f"No more notes {'below' if direction > 0 else 'above'}.")
            return
        self._go_to_note((ahead[0] if direction > 0 else ahead[-1])[1])

    @needs_alignment
    def action_notes_list(self) -> None:
        placed = self.session.placed_notes()
        lines = []
        for p in placed:
            place = "orphaned" if p.row is None else on_side("left", p.left) if p.left else on_side("right", p.right)
            tags = f" [{', '.join(p.annotation.tags)}]" if p.annotation.tags else ""
            lines.append(f"{NOTE_MARK} {place}: {clip(p.annotation.body, 80)}{tags}")
        self.app.push_screen(
            PickList("Notes (enter jumps to one)", lines, "No notes yet: press a on a sentence to write one."),
            lambda i: self._go_to_note(placed[i]) if i is not None else None,
        )

    @needs_alignment
    def copy_notes_from(self, twin) -> None:
        """Copy the notes saved on the same texts at another place (the palette offers it)."""
        n = self.session.copy_notes_from(twin)
        what = "note or correction" if n == 1 else "notes and corrections"
        self._edited(f"Copied {n} {what}; the originals stay where they are.")
