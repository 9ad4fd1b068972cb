"""The reader's notes and corrections (issue 4): write, edit and delete notes, move between
them, override the engine's verdicts and links, export. The edits are the session's
(``tui.session.Session``: saved as made); this mixin words their results.

A mixin of ``ReaderScreen``: it works on the screen's ``session`` and its cursor.
"""

from __future__ import annotations

from ...compare.model import Side


class AnnotatingMixin:
    def notes_here(self) -> list:
        if self.cursor is None:
            return []
        return self.session.notes_at(*self.cursor)

    def _refresh_notes(self) -> None:
        placed = self.session.placed_notes()
        for side in ("left", "right"):
            ids: set[int] = set()
            for p in placed:
                ids.update(p.left if side == "left" else p.right)
            self.pane(side).set_notes(ids)  # type: ignore[arg-type]

    def _after_edit(self) -> None:
        """Say if saving failed, and show the session as it is now (corrections from another
        window may have come in with the save)."""
        if self.session.save_error:
            self.notify(f"{self.session.save_error} (your notes are kept while the app is open)",
                        severity="error", timeout=8, markup=False)
        if self.session.version != self._version:
            self.recompute()
        else:
            self._refresh_notes()
            self._update_panels()

    def action_note(self) -> None:
        if self.cursor is None:
            return
        side, sid = self.cursor
        existing = self.notes_here()
        k = self.current_link
        if k is not None:
            link = self.comparison.links[k]
            about = (f"Note on left {', '.join(str(i + 1) for i in link.left)} ↔ right "
                     f"{', '.join(str(j + 1) for j in link.right)}: "
                     f"{self.comparison.left.sentence_text(link.left[0])[:70]}…")
        else:
            about = f"Note on {side} {sid + 1}: {self.comparison.doc(side).sentence_text(sid)[:70]}…"
        from .note_editor import NoteEditor

        note = existing[0] if existing else None
        editor = NoteEditor(about, note.body if note else "", note.tags if note else [], existing=note is not None)
        self.app.push_screen(editor, lambda result: self._note_done(result, note, side, sid))

    def _note_done(self, result, note, side: Side, sid: int) -> None:
        if result is None:
            return
        if result.delete and note is not None:
            self.session.delete_note(note.id)
            self.notify("Note deleted.", timeout=2)
        elif note is not None:
            self.session.edit_note(note.id, result.body, result.tags)
        else:
            self.session.write_note(side, sid, result.body, result.tags)
        self._after_edit()

    def _go_to_note(self, placed) -> None:
        if placed.row is None:
            self.notify("This note is orphaned: its text is no longer in the documents.", timeout=4)
            return
        if placed.left and (self.active == "left" or not placed.right):
            self.select("left", placed.left[0])
        else:
            self.select("right", placed.right[0])

    def _note_position(self, placed) -> int | None:
        route = self.routes[self.active]
        where = [route.position("left", i) for i in placed.left] + [route.position("right", j) for j in placed.right]
        where = [w for w in where if w is not None]
        return min(where) if where else None

    def action_note_jump(self, direction: int) -> None:
        notes = [(pos, p) for p in self.session.placed_notes()
                 if p.row is not None and (pos := self._note_position(p)) is not None]
        if not notes:
            self.notify("No notes yet: press a to write one.", timeout=2)
            return
        here = self._position(self.routes[self.active])
        here = -1 if here is None else here
        ahead = sorted(((pos, i) for i, (pos, _) in enumerate(notes) if (pos > here if direction > 0 else pos < here)))
        if not ahead:
            self.notify(f"No more notes {'below' if direction > 0 else 'above'}.", timeout=2)
            return
        self._go_to_note(notes[(ahead[0] if direction > 0 else ahead[-1])[1]][1])

    def action_notes_list(self) -> None:
        from .lists import PickList

        placed = self.session.placed_notes()
        lines = []
        for p in placed:
            where = "orphaned" if p.row is None else (
                f"left {', '.join(str(i + 1) for i in p.left)}" if p.left else f"right {', '.join(str(j + 1) for j in p.right)}")
            tags = f" [{', '.join(p.annotation.tags)}]" if p.annotation.tags else ""
            lines.append(f"✎ {where}: {' '.join(p.annotation.body.split())[:80]}{tags}")
        self.app.push_screen(
            PickList("Notes (enter jumps to one)", lines, "No notes yet: press a on a sentence to write one."),
            lambda i: self._go_to_note(placed[i]) if i is not None else None,
        )

    def recompute(self) -> None:
        """Show the session's comparison again (after a correction: links may have changed)."""
        cursor = self.cursor
        self._index(self.session.comparison)
        for side in ("left", "right"):
            self.pane(side).set_comparison(self.comparison)  # type: ignore[arg-type]
        self._refresh_notes()
        if cursor is not None:
            self.select(*cursor)
        self.refresh_bindings()

    def action_toggle_verdict(self) -> None:
        k = self.current_link
        if k is None:
            self.notify("This sentence is in no link: + links it to one in the other pane.", timeout=3)
            return
        new = self.session.toggle_verdict(k)
        self._after_edit()
        self.notify(f"Marked {new} (your correction).", timeout=2)

    def action_unlink(self) -> None:
        k = self.current_link
        if k is None:
            return
        self.session.unlink(k)
        self._after_edit()
        self.notify("Unlinked: both sides now count as only in one source.", timeout=3)

    def action_link_mark(self) -> None:
        if self.cursor is None:
            return
        side, sid = self.cursor
        if self.mark is None or self.mark[0] == side:
            self.mark = (side, sid)
            self.notify(f"{side} {sid + 1} marked: select a sentence in the other pane and press + again.",
                        timeout=4)
            self._update_panels()
            return
        left = self.mark[1] if self.mark[0] == "left" else sid
        right = sid if self.mark[0] == "left" else self.mark[1]
        self.mark = None
        self.session.link([left], [right])
        self._after_edit()
        self.notify(f"Linked left {left + 1} with right {right + 1} (your correction).", timeout=3)

    def copy_notes_from(self, twin) -> None:
        """Copy the notes saved on the same texts at another place (the palette offers it)."""
        n = self.session.copy_notes_from(twin)
        self._after_edit()
        self.notify(f"Copied {n} notes and corrections; the originals stay where they are.", timeout=4)

    def action_export(self, fmt: str) -> None:
        from ...export.files import ExportError

        try:
            path = self.session.write_export(fmt)
        except ExportError as err:
            self.notify(str(err), severity="error", timeout=8, markup=False)
            return
        self.notify(f"Wrote {path}", timeout=8, markup=False)
