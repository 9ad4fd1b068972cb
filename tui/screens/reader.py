"""The reader: two synced panes, a change map beside each, the detail panel, a status line,
search, and every key that moves between matches, differences and one-sided sentences."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..compare.model import Comparison, Side
from ..export.rows import Row, aligned_rows
from ..widgets.article_pane import ArticlePane
from ..widgets.detail_panel import DetailPanel
from ..widgets.overview_bar import OverviewBar

# Kinds a jump can look for; "diff" is any difference (a differ link or a one-sided sentence).
KINDS = ("diff", "differ", "only-left", "only-right", "match")
NARROW = 100  # below this many columns the panes are stacked


def row_kind(comparison: Comparison, row: Row) -> str:
    if row.link is not None:
        return comparison.links[row.link].kind
    return "only-left" if row.left else "only-right"


def row_is(comparison: Comparison, row: Row, kind: str) -> bool:
    rk = row_kind(comparison, row)
    if kind == "diff":
        return rk != "match"
    return rk == kind


class ReaderScreen(Screen):
    """Two articles side by side."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
        Binding("n", "jump(1, 'diff')", "Next diff", id="next-diff", group=Binding.Group("Differences")),
        Binding("N,shift+n", "jump(-1, 'diff')", "Prev diff", id="prev-diff", group=Binding.Group("Differences")),
        Binding("d", "jump(1, 'differ')", "Next differ", show=False, id="next-differ"),
        Binding("D,shift+d", "jump(-1, 'differ')", "Prev differ", show=False, id="prev-differ"),
        Binding("1", "jump(1, 'only-left')", "Next only-left", show=False, id="next-only-left"),
        Binding("exclamation_mark,shift+1", "jump(-1, 'only-left')", "Prev only-left", key_display="!",
                show=False, id="prev-only-left"),
        Binding("2", "jump(1, 'only-right')", "Next only-right", show=False, id="next-only-right"),
        Binding("at,shift+2", "jump(-1, 'only-right')", "Prev only-right", key_display="@", show=False,
                id="prev-only-right"),
        Binding("m", "jump(1, 'match')", "Next match", show=False, id="next-match"),
        Binding("M,shift+m", "jump(-1, 'match')", "Prev match", show=False, id="prev-match"),
        Binding("j,down", "step(1)", "Next sentence", show=False, id="next-sentence"),
        Binding("k,up", "step(-1)", "Prev sentence", show=False, id="prev-sentence"),
        Binding("g,home", "edge(-1)", "Top", show=False, id="top"),
        Binding("G,shift+g,end", "edge(1)", "Bottom", show=False, id="bottom"),
        Binding("tab", "switch_pane", "Other pane", id="switch-pane"),
        Binding("h", "focus_side('left')", "Left pane", show=False, id="left-pane"),
        Binding("l", "focus_side('right')", "Right pane", show=False, id="right-pane"),
        Binding("f", "toggle_filter", "Only diffs", id="filter"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("semicolon", "search_step(1)", "Next hit", key_display=";", show=False, id="next-hit"),
        Binding("comma", "search_step(-1)", "Prev hit", key_display=",", show=False, id="prev-hit"),
        Binding("i,enter", "toggle_detail", "Detail", id="detail"),
        Binding("s", "toggle_sync", "Sync", id="sync"),
        Binding("v", "toggle_layout", "Stack", show=False, id="layout"),
        Binding("a", "note", "Note", id="note", group=Binding.Group("Notes")),
        Binding("A,shift+a", "notes_list", "All notes", show=False, id="notes-list"),
        Binding("right_square_bracket", "note_jump(1)", "Next note", key_display="]", show=False, id="next-note"),
        Binding("left_square_bracket", "note_jump(-1)", "Prev note", key_display="[", show=False, id="prev-note"),
        Binding("c", "toggle_verdict", "Match/differ", show=False, id="set-verdict"),
        Binding("u", "unlink", "Unlink", show=False, id="unlink"),
        Binding("plus", "link_mark", "Link", key_display="+", show=False, id="link"),
        Binding("x", "export('html')", "Export", id="export"),
        Binding("o", "app.open_saved", "Open saved", show=False, id="open-saved"),
    ]

    DEFAULT_CSS = """
    ReaderScreen #panes { height: 1fr; }
    ReaderScreen #panes.stacked { layout: vertical; }
    ReaderScreen #panes.stacked OverviewBar { display: none; }
    ReaderScreen #search { display: none; dock: bottom; }
    ReaderScreen #search.visible { display: block; }
    ReaderScreen DetailPanel.hidden { display: none; }
    ReaderScreen #status { height: 1; }
    """

    def __init__(self, comparison: Comparison, base: Comparison | None = None, store=None) -> None:
        super().__init__()
        self.comparison = comparison
        self.base = base or comparison  # the engine's comparison; ``comparison`` has corrections applied
        self.store = store  # a ComparisonStore, or None when notes are off
        self.mark: tuple[Side, int] | None = None  # first half of a link the user makes
        self.rows = aligned_rows(comparison)
        self._row_of = self._index_rows()
        self.side: Side = "left"
        self.current: dict[Side, int | None] = {"left": None, "right": None}
        self.sync = True
        self._syncing = False
        self.stacked_manual: bool | None = None
        self.search_term = ""
        self.search_pos = -1

    def _index_rows(self) -> dict[tuple[str, int], int]:
        out = {}
        for r, row in enumerate(self.rows):
            for i in row.left:
                out[("left", i)] = r
            for j in row.right:
                out[("right", j)] = r
        return out

    # ---- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.left_pane = ArticlePane(self.comparison, "left", id="left")
        self.right_pane = ArticlePane(self.comparison, "right", id="right")
        with Horizontal(id="panes"):
            yield OverviewBar(self.left_pane, id="left-map")
            yield self.left_pane
            yield self.right_pane
            yield OverviewBar(self.right_pane, id="right-map")
        with Vertical(id="bottom"):
            yield DetailPanel(id="detail", classes="hidden")
            yield Static(id="status")
            yield Input(placeholder="search the active pane (enter: find, escape: close)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.left_pane, "scroll_y", lambda y: self._follow(self.left_pane, self.right_pane), init=False)
        self.watch(self.right_pane, "scroll_y", lambda y: self._follow(self.right_pane, self.left_pane), init=False)
        self.left_pane.focus()
        self._apply_layout()
        self._refresh_notes()
        first = next((r for r, row in enumerate(self.rows) if row.left), None)
        if first is not None:
            self.call_after_refresh(self.select, "left", self.rows[first].left[0], "top")

    def on_resize(self) -> None:
        self._apply_layout()
        self._reselect_after_layout()

    def _apply_layout(self) -> None:
        stacked = self.size.width < NARROW if self.stacked_manual is None else self.stacked_manual
        self.query_one("#panes").set_class(stacked, "stacked")

    def pane(self, side: Side) -> ArticlePane:
        return self.left_pane if side == "left" else self.right_pane

    # ---- selection ------------------------------------------------------------------------

    @property
    def current_link(self) -> int | None:
        sid = self.current[self.side]
        return None if sid is None else self.comparison.link_of(self.side, sid)

    def select(self, side: Side, sid: int, place: str = "keep") -> None:
        """Make ``sid`` on ``side`` current, emphasise its link in both panes and bring both
        into view level with each other."""
        self.side = side
        self.current[side] = sid
        k = self.comparison.link_of(side, sid)
        other: Side = "right" if side == "left" else "left"
        if k is not None:
            self.current[other] = self.comparison.links[k].ids(other)[0]
        for s in ("left", "right"):
            p = self.pane(s)  # type: ignore[arg-type]
            p.current_link = k
            p.current_sentence = sid if s == side and k is None else None
        pane = self.pane(side)
        if self.focused is not pane:
            pane.focus()
        self._syncing = True
        try:
            if place == "top":
                pane.scroll_to_sentence(sid, row=1)
            else:
                pane.scroll_to_sentence(sid)
            if k is not None and self.sync:
                row = pane.screen_row_of(sid)
                self.pane(other).scroll_to_sentence(self.current[other], row=row)  # type: ignore[arg-type]
        finally:
            self._syncing = False
        self._update_panels()

    def _follow(self, src: ArticlePane, dst: ArticlePane) -> None:
        """Sync after the user scrolled ``src``: keep the partner of the sentence at the top of
        ``src`` level with it in ``dst``."""
        if self._syncing or not self.sync:
            return
        top = round(src.scroll_offset.y)
        sid = src.sentence_at_line(top)
        if sid is None:
            return
        # The nearest linked sentence at or after the top line, else before it.
        order = list(range(sid, len(src.doc.sentences))) + list(range(sid - 1, -1, -1))
        for s in order[:200]:
            k = self.comparison.link_of(src.side, s)
            if k is None:
                continue
            partner = self.comparison.links[k].ids(dst.side)[0]
            row = src.line_of_sentence(s) - top
            self._syncing = True
            try:
                dst.scroll_to_sentence(partner, row=row)
            finally:
                self._syncing = False
            return

    def _update_panels(self) -> None:
        detail = self.query_one(DetailPanel)
        if not detail.has_class("hidden"):
            detail.show(self.comparison, self.current_link, self.side, self.current[self.side], self.notes_here())
        self.query_one("#status", Static).update(self.status_text())

    def status_text(self) -> str:
        c = self.comparison.counts()
        pos = ""
        r = self._row_of.get((self.side, self.current[self.side] or 0))
        if r is not None:
            kind = row_kind(self.comparison, self.rows[r])
            same = [i for i, row in enumerate(self.rows) if row_kind(self.comparison, row) == kind]
            glyph = {"match": "=", "differ": "≠"}.get(kind, "+")
            pos = f"{glyph} {kind} {same.index(r) + 1}/{len(same)}  │  " if r in same else ""
        sid = self.current[self.side]
        where = f"  │  {self.side} {sid + 1}/{len(self.comparison.doc(self.side).sentences)}" if sid is not None else ""
        flags = (" · sync off" if not self.sync else "") + (" · only diffs" if self.left_pane.folded else "")
        if self.store is not None and self.store.annotations:
            flags += f" · {len(self.store.annotations)} note{'s' if len(self.store.annotations) != 1 else ''}"
        if self.mark is not None:
            flags += f" · linking {self.mark[0]} {self.mark[1] + 1}: pick a sentence in the other pane, press +"
        hits = f" · “{self.search_term}” {self.search_pos + 1}/{len(self._hits())}" if self.search_term else ""
        return (f"{pos}differ {c['differ']} · only-left {c['only_left']} · only-right {c['only_right']} · "
                f"match {c['match']}{where}{flags}{hits}")

    # ---- actions ------------------------------------------------------------------------

    def _current_row(self) -> int:
        sid = self.current[self.side]
        if sid is None:
            return -1
        return self._row_of.get((self.side, sid), -1)

    def action_jump(self, direction: int, kind: str) -> None:
        r = self._current_row()
        r = r + direction if r >= 0 or direction > 0 else len(self.rows) - 1
        while 0 <= r < len(self.rows):
            row = self.rows[r]
            if row_is(self.comparison, row, kind):
                self._land(row)
                return
            r += direction
        self.notify(f"no {'more ' if self._current_row() >= 0 else ''}{kind.replace('-', ' ')} "
                    f"{'below' if direction > 0 else 'above'}", timeout=2)

    def _land(self, row: Row) -> None:
        ids = row.left if self.side == "left" else row.right
        if ids:
            self.select(self.side, ids[0])
        else:
            other: Side = "right" if self.side == "left" else "left"
            self.select(other, (row.right if other == "right" else row.left)[0])

    def action_step(self, direction: int) -> None:
        doc = self.comparison.doc(self.side)
        sid = self.current[self.side]
        sid = 0 if sid is None else sid + direction
        pane = self.pane(self.side)
        while 0 <= sid < len(doc.sentences):
            if not pane.folded or pane.verdicts[sid] != "match":
                self.select(self.side, sid)
                return
            sid += direction

    def action_edge(self, direction: int) -> None:
        doc = self.comparison.doc(self.side)
        if doc.sentences:
            self.select(self.side, 0 if direction < 0 else len(doc.sentences) - 1)

    def action_switch_pane(self) -> None:
        self.action_focus_side("right" if self.side == "left" else "left")

    def action_focus_side(self, side: Side) -> None:
        sid = self.current[side]
        if sid is None:
            sid = self.pane(side).sentence_at_line(round(self.pane(side).scroll_offset.y)) or 0
        if self.comparison.doc(side).sentences:
            self.select(side, sid)

    def action_toggle_filter(self) -> None:
        folded = not self.left_pane.folded
        self.left_pane.folded = folded
        self.right_pane.folded = folded
        self._reselect_after_layout()
        self._update_panels()

    def action_toggle_detail(self) -> None:
        detail = self.query_one(DetailPanel)
        detail.toggle_class("hidden")
        self._update_panels()
        self._reselect_after_layout()

    def _reselect_after_layout(self) -> None:
        """The panes changed height: bring the current sentence back into view."""
        sid = self.current[self.side]
        if sid is not None:
            self.call_after_refresh(self.select, self.side, sid)

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("scrolling in sync" if self.sync else "panes scroll on their own", timeout=2)
        self._update_panels()

    def action_toggle_layout(self) -> None:
        stacked = self.query_one("#panes").has_class("stacked")
        self.stacked_manual = not stacked
        self._apply_layout()
        self._reselect_after_layout()

    # ---- search -----------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("visible")
        box.value = self.search_term
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_term = event.value
        box = self.query_one("#search", Input)
        box.remove_class("visible")
        pane = self.pane(self.side)
        pane.focus()
        hits = self._find(pane, self.search_term)
        for s in ("left", "right"):
            self.pane(s).set_search(hits if s == self.side else [])  # type: ignore[arg-type]
        self.search_pos = -1
        if not hits:
            if self.search_term:
                self.notify(f"“{self.search_term}” is not in the {self.side} text", timeout=3)
            self._update_panels()
            return
        self.action_search_step(1)

    def on_key(self, event) -> None:
        box = self.query_one("#search", Input)
        if event.key == "escape" and box.has_class("visible"):
            box.remove_class("visible")
            self.pane(self.side).focus()
            event.stop()

    @staticmethod
    def _find(pane: ArticlePane, term: str) -> list[tuple[int, int]]:
        if not term:
            return []
        return [m.span() for m in re.finditer(re.escape(term), pane.doc.text, re.IGNORECASE)]

    def _hits(self) -> list[tuple[int, int]]:
        return self.pane(self.side).search_hits

    def action_search_step(self, direction: int) -> None:
        hits = self._hits()
        if not hits:
            self.notify("no search: press / to search the active pane", timeout=2)
            return
        pane = self.pane(self.side)
        sid_now = self.current[self.side]
        if self.search_pos < 0:
            # The first hit at or after the current sentence.
            start = pane.doc.sentences[sid_now].start if sid_now is not None else 0
            self.search_pos = next((i for i, (a, _) in enumerate(hits) if a >= start), 0)
        else:
            self.search_pos = (self.search_pos + direction) % len(hits)
        a, _ = hits[self.search_pos]
        sid = pane.index.nearest(a)
        if sid is not None:
            self.select(self.side, sid)

    # ---- mouse ------------------------------------------------------------------------

    @on(ArticlePane.SentenceClicked)
    def _clicked(self, event: ArticlePane.SentenceClicked) -> None:
        self.select(event.pane.side, event.sentence)

    @on(OverviewBar.Jump)
    def _map_jump(self, event: OverviewBar.Jump) -> None:
        pane = event.bar.pane
        line = int(event.fraction * pane.line_count)
        sid = pane.sentence_at_line(line)
        if sid is not None:
            self.select(pane.side, sid)

    # ---- palette ------------------------------------------------------------------------

    def differences(self) -> list[tuple[str, Row]]:
        """Labels for every difference, for the command palette."""
        out = []
        n = 0
        for row in self.rows:
            kind = row_kind(self.comparison, row)
            if kind == "match":
                continue
            n += 1
            if row.link is not None:
                link = self.comparison.links[row.link]
                what = "; ".join(ch.label() for ch in link.changes[:2]) or "differs"
            else:
                side: Side = "left" if row.left else "right"
                what = self.comparison.doc(side).sentence_text((row.left or row.right)[0])
            out.append((f"{n}. {kind}: {' '.join(what.split())[:90]}", row))
        return out

    def go_to_row(self, row: Row) -> None:
        self._land(row)

    # ---- notes and corrections ----------------------------------------------------------

    def notes_here(self) -> list:
        sid = self.current[self.side]
        if self.store is None or sid is None:
            return []
        return self.store.notes_at(self.comparison, self.side, sid)

    def _refresh_notes(self) -> None:
        for side in ("left", "right"):
            ids: set[int] = set()
            if self.store is not None:
                for placed in self.store.placed_notes(self.comparison):
                    ids.update(placed.left if side == "left" else placed.right)
            self.pane(side).set_notes(ids)  # type: ignore[arg-type]

    def _save(self) -> None:
        from ..store.comparisons import StoreError

        if self.store is None:
            return
        try:
            self.store.save()
        except StoreError as err:
            self.notify(f"{err} (your notes are kept while the app is open)", severity="error", timeout=8)

    def _check_store(self) -> bool:
        if self.store is None:
            self.notify("notes are off for this comparison", severity="warning")
            return False
        return True

    def action_note(self) -> None:
        if not self._check_store():
            return
        sid = self.current[self.side]
        if sid is None:
            return
        existing = self.notes_here()
        k = self.current_link
        if k is not None:
            link = self.comparison.links[k]
            about = (f"Note on left {', '.join(str(i + 1) for i in link.left)} ↔ right "
                     f"{', '.join(str(j + 1) for j in link.right)}: "
                     f"{self.comparison.left.sentence_text(link.left[0])[:70]}…")
        else:
            about = f"Note on {self.side} {sid + 1}: {self.comparison.doc(self.side).sentence_text(sid)[:70]}…"
        from .note_editor import NoteEditor

        note = existing[0] if existing else None
        editor = NoteEditor(about, note.body if note else "", note.tags if note else [], existing=note is not None)
        self.app.push_screen(editor, lambda result: self._note_done(result, note, k, sid))

    def _note_done(self, result, note, k: int | None, sid: int) -> None:
        if result is None:
            return
        if result.delete and note is not None:
            self.store.delete_note(note.id)
            self.notify("note deleted", timeout=2)
        elif note is not None:
            self.store.edit_note(note.id, body=result.body, tags=result.tags)
        elif k is not None:
            self.store.note_link(self.comparison, k, result.body, result.tags)
        else:
            self.store.note_sentences(self.comparison, self.side, [sid], result.body, result.tags)
        self._save()
        self._refresh_notes()
        self._update_panels()

    def _placed(self) -> list:
        return [p for p in self.store.placed_notes(self.comparison)] if self.store is not None else []

    def _go_to_note(self, placed) -> None:
        if placed.row is None:
            self.notify("this note is orphaned: its text is no longer in the documents", timeout=4)
            return
        if placed.left and (self.side == "left" or not placed.right):
            self.select("left", placed.left[0])
        else:
            self.select("right", placed.right[0])

    def action_note_jump(self, direction: int) -> None:
        notes = [p for p in self._placed() if p.row is not None]
        if not notes:
            self.notify("no notes yet: press a to write one", timeout=2)
            return
        here = self._current_row()
        ahead = [p for p in notes if (p.row > here if direction > 0 else p.row < here)]
        if not ahead:
            self.notify(f"no more notes {'below' if direction > 0 else 'above'}", timeout=2)
            return
        self._go_to_note(ahead[0] if direction > 0 else ahead[-1])

    def action_notes_list(self) -> None:
        from .lists import PickList

        placed = self._placed()
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
        """Lay the corrections over the engine's links again and show the result."""
        from ..store.corrections import apply_corrections

        sid = self.current[self.side]
        self.comparison = apply_corrections(self.base, self.store.corrections) if self.store else self.base
        self.rows = aligned_rows(self.comparison)
        self._row_of = self._index_rows()
        for side in ("left", "right"):
            self.pane(side).set_comparison(self.comparison)  # type: ignore[arg-type]
        self._refresh_notes()
        if sid is not None:
            self.select(self.side, sid)

    def action_toggle_verdict(self) -> None:
        k = self.current_link
        if not self._check_store() or k is None:
            if k is None:
                self.notify("this sentence is in no link: + links it to one in the other pane", timeout=3)
            return
        new = "match" if self.comparison.links[k].kind == "differ" else "differ"
        self.store.set_verdict(self.comparison, k, new)
        self._save()
        self.recompute()
        self.notify(f"marked {new} (your correction)", timeout=2)

    def action_unlink(self) -> None:
        k = self.current_link
        if not self._check_store() or k is None:
            return
        self.store.unlink(self.comparison, k)
        self._save()
        self.recompute()
        self.notify("unlinked: both sides now count as only in one source", timeout=3)

    def action_link_mark(self) -> None:
        if not self._check_store():
            return
        sid = self.current[self.side]
        if sid is None:
            return
        if self.mark is None or self.mark[0] == self.side:
            self.mark = (self.side, sid)
            self.notify(f"{self.side} {sid + 1} marked: select a sentence in the other pane and press + again",
                        timeout=4)
            self._update_panels()
            return
        left = self.mark[1] if self.mark[0] == "left" else sid
        right = sid if self.mark[0] == "left" else self.mark[1]
        self.mark = None
        self.store.link(self.comparison, [left], [right])
        self._save()
        self.recompute()
        self.notify(f"linked left {left + 1} with right {right + 1} (your correction)", timeout=3)

    def action_export(self, fmt: str) -> None:
        from ..export.files import ExportError, write_export

        try:
            path = write_export(self.comparison, fmt, self.store)
        except ExportError as err:
            self.notify(str(err), severity="error", timeout=8)
            return
        self.notify(f"wrote {path}", timeout=8)
