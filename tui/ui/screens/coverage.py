"""The coverage view: keys → actions over the claims of several sources.

One row per claim, one column per source (``CoverageGrid``), the current claim told by each
source under it (``ClaimDetail``), the current source's summary and the status line. The keys
follow the reader's: ``n``/``N`` any difference, ``d``/``D`` where the sources disagree,
``1``/``!`` a claim only one source has, ``m``/``M`` a claim every source carries; ``Enter``
opens the reader on the current source against the base, on this claim, and ``escape`` there
comes back to the same row. The notes on claims and the edits go to the ``CoverageSession``
(saved as made); a drill-down's pair session is kept while the view is open, so its unsaved
notes are never dropped with the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from ...compare.coverage import ClaimRoute, Coverage, Stop
from ...compare.coverage.navigate import DIFFERENCES, KINDS
from ...compare.model import Document
from ...coverage_session import CoverageSession
from ...export.coverage_cells import source_names
from ...session import Session
from ...vocabulary import NOTE_MARK, pair_title
from ..widgets.coverage_grid import CoverageGrid, CoverageHeader
from ..exporting import export_and_tell
from ..messages import Grouped, GroupingProgress
from ..widgets.coverage_panels import ClaimDetail, CoverageProgress, CoverageState, CoverageStatus, SourceSummaryLine
from .help import HelpScreen, bindings_by_id
from .lists import PickList
from .note_editor import NoteEditor, NoteResult
from .coverage_help import SECTIONS, legend
from .drill_down import DrillDownReader

NAME_WIDTH = 40
A = TypeVar("A", bound=Callable)


def needs_claims(action: A) -> A:
    """An action that works on the claims: while they are being grouped it says so instead."""

    @wraps(action)
    def run(self: "CoverageScreen", *args):
        if self.session is None:
            self.app.hint(f"Still grouping the claims ({self.query_one(CoverageProgress).stage}): "  # type: ignore[attr-defined]
                          "this key works once they are shown.", timeout=3)
            return None
        return action(self, *args)

    return run  # type: ignore[return-value]

KIND_NAMES = {"diff": "claims told differently or by one source", "differ": "claims told differently",
              "only": "claims only one source has", "all": "claims every source carries"}


class CoverageScreen(Screen):
    """Several sources, claim by claim. The keys are the bindings below (the help lists them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "jump(1, 'diff')", "Next difference", id="cov-next-diff"),
        Binding("N,shift+n", "jump(-1, 'diff')", "Previous difference", key_display="N", show=False,
                id="cov-prev-diff"),
        Binding("d", "jump(1, 'differ')", "Next disagreement", show=False, id="cov-next-differ"),
        Binding("D,shift+d", "jump(-1, 'differ')", "Previous disagreement", show=False, id="cov-prev-differ"),
        Binding("1", "jump(1, 'only')", "Next claim of one source", show=False, id="cov-next-only"),
        Binding("exclamation_mark,shift+1", "jump(-1, 'only')", "Previous claim of one source", key_display="!",
                show=False, id="cov-prev-only"),
        Binding("m", "jump(1, 'all')", "Next claim all carry", show=False, id="cov-next-all"),
        Binding("M,shift+m", "jump(-1, 'all')", "Previous claim all carry", show=False, id="cov-prev-all"),
        Binding("j,down", "step(1)", "Next claim", show=False, id="cov-down"),
        Binding("k,up", "step(-1)", "Previous claim", show=False, id="cov-up"),
        Binding("h,left", "column(-1)", "Source to the left", show=False, id="cov-left"),
        Binding("l,right", "column(1)", "Source to the right", show=False, id="cov-right"),
        Binding("pagedown,space,f", "page(1)", "Page down", show=False, id="cov-page-down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="cov-page-up"),
        Binding("g,home", "edge(-1)", "First claim", show=False, id="cov-top"),
        Binding("G,shift+g,end", "edge(1)", "Last claim", show=False, id="cov-bottom"),
        Binding("enter", "drill", "Read", id="cov-drill"),
        Binding("z", "toggle_filter", "Only differences", id="cov-filter"),
        Binding("s", "toggle_order", "Sort", id="cov-sort"),
        Binding("B,shift+b", "set_base", "Make base", key_display="B", id="cov-base"),
        Binding("i", "toggle_detail", "Detail", show=False, id="cov-detail"),
        Binding("w", "own_list", "Only here", show=False, id="cov-own"),
        Binding("a", "note", "Note", id="cov-note"),
        Binding("A,shift+a", "notes_list", "All notes", show=False, id="cov-notes-list"),
        Binding("right_square_bracket", "note_jump(1)", "Next note", key_display="]", show=False, id="cov-next-note"),
        Binding("left_square_bracket", "note_jump(-1)", "Previous note", key_display="[", show=False,
                id="cov-prev-note"),
        Binding("x", "export('html')", "Export", show=False, id="cov-export"),
        Binding("o", "app.open_saved", "Open saved", show=False, id="cov-open-saved"),
        Binding("question_mark,shift+slash", "help", "Help", key_display="?", id="cov-help"),
        Binding("q", "quit", "Quit", id="cov-quit"),
    ]

    DEFAULT_CSS = """
    CoverageScreen ClaimDetail { border-top: solid $panel-lighten-2; background: $surface; }
    CoverageScreen.-short ClaimDetail { height: 5; }
    """

    def __init__(self, session: CoverageSession | None = None, documents: Sequence[Document] = ()) -> None:
        """A view on a session, or on ``documents`` whose claims are being grouped (the
        ``Grouped`` message brings the session; ``GroupingProgress`` says how far it is)."""
        super().__init__()
        self.session = session
        self.order = "rows"
        self.filtered = False
        docs = session.documents if session is not None else list(documents)
        if len(docs) < 2:
            raise ValueError("a coverage view needs a session or the documents being grouped")
        self.names = source_names(docs, NAME_WIDTH)
        self.pairs: dict[tuple[int, int], Session] = {}  # drill-downs opened, kept with their edits
        self.rebasing: int | None = None  # the source being made the base (in a thread)
        self.stop = Stop()  # ends the grouping when the view goes away before the claims come
        self.grid = CoverageGrid(session.coverage, self._route(), id="grid") if session is not None else None

    # ---- what the view shows ------------------------------------------------------------------

    @property
    def coverage(self):
        return self.session.coverage

    @property
    def grouping(self) -> bool:
        """The claims are still being grouped (keys that need them say so)."""
        return self.session is None

    def _route(self, coverage: Coverage | None = None) -> ClaimRoute:
        return ClaimRoute(coverage or self.coverage, self.order, DIFFERENCES if self.filtered else None)

    def compose(self) -> ComposeResult:
        if self.grid is None:
            yield CoverageProgress(self.names, id="progress")
            yield Footer()
            return
        yield CoverageHeader(self.grid, self.names, id="header")
        yield self.grid
        yield ClaimDetail(id="detail")
        yield SourceSummaryLine(id="summary")
        yield CoverageStatus(id="status")
        yield Footer()

    def on_mount(self) -> None:
        if self.grid is not None:
            self._shown()

    def _shown(self) -> None:
        self.on_resize()
        self.grid.focus()
        self._show_notes()
        self._show_state()

    def on_unmount(self) -> None:
        if self.grouping:
            self.stop()

    @on(GroupingProgress)
    def _progress(self, event: GroupingProgress) -> None:
        if self.grouping:
            self.query_one(CoverageProgress).show(event.stage, event.done, event.total)

    @on(Grouped)
    async def _grouped(self, event: Grouped) -> None:
        """The claims arrived: show them (the message goes on to the app, which says the
        session's notices and records the opening)."""
        if not self.grouping or self.stop.stopped or self not in self.app.screen_stack:
            event.stop()  # claims this view no longer waits for
            return
        session = event.session
        self.grid = CoverageGrid(session.coverage, self._route(session.coverage), id="grid")
        await self.recompose()
        if self.is_attached:  # (not when the app quit meanwhile)
            self.session = session  # the keys work from here on
            self._shown()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")

    def _show_notes(self) -> None:
        noted = {p.claim for p in self.session.placed_notes() if p.claim is not None}
        noted |= {c for p in self.session.pair_notes for c in p.claims}
        self.grid.set_noted(noted)

    def _show_state(self) -> None:
        grid = self.grid
        claim = grid.claim
        self.query_one(CoverageHeader).refresh()
        notes = self.session.notes_on(claim.id) if claim is not None else []
        pair_notes = self.session.pair_notes_on(claim.id) if claim is not None else []
        self.query_one(ClaimDetail).show(self.coverage, claim, grid.column, self.names, notes, pair_notes)
        self.query_one(SourceSummaryLine).show(self.coverage, grid.column, self.names, "w")
        self.query_one(CoverageStatus).show(self.state())

    def state(self) -> CoverageState:
        route = self.grid.route
        base = self.names[self.coverage.base]
        flags = ["most sources first" if self.order == "by_count" else f"reading order of {base}"]
        if self.filtered:
            flags.append("only differences (≠ or one source)")
        if self.rebasing is not None:
            flags.append(f"making {self.names[self.rebasing]} the base…")
        if n := len(self.session.record.annotations):
            flags.append(f"{n} note{'s' if n != 1 else ''}")
        if self.session.unsaved:
            flags.append("not saved")
        return CoverageState(self.grid.row, len(route), {k: route.count(k) for k in KINDS}, flags)

    def status_text(self) -> str:
        return self.query_one(CoverageStatus).text

    def _reshow(self, claim_id: int | None = None) -> None:
        """Show the claims again (another order, filter or base), on ``claim_id`` if it is still shown."""
        route = self._route()
        self.grid.set_coverage(self.coverage, route, self.order)
        pos = route.position(claim_id) if claim_id is not None else None
        self.grid.move_to(pos if pos is not None else self._nearest(route, claim_id))
        self._show_notes()
        self._show_state()

    @staticmethod
    def _nearest(route: ClaimRoute, claim_id: int | None) -> int:
        if claim_id is None:
            return 0
        later = [p for p, cid in enumerate(route.ids) if cid > claim_id]
        return later[0] if later else max(0, len(route) - 1)

    # ---- moving -------------------------------------------------------------------------------

    def go_to_claim(self, claim_id: int) -> None:
        """Make a claim current (showing every claim again if the filter hides it)."""
        pos = self.grid.route.position(claim_id)
        if pos is None and self.filtered:
            self.filtered = False
            self._reshow(claim_id)
            return
        if pos is not None:
            self.grid.move_to(pos)
            self._show_state()

    @needs_claims
    def action_jump(self, direction: int, kind: str) -> None:
        route, here = self.grid.route, self.grid.row if len(self.grid.route) else None
        kinds = DIFFERENCES if kind == "diff" else (kind,)
        found = [p for k in kinds if (p := route.next(here, direction, k)) is not None]
        if not found:
            where = "below" if direction > 0 else "above"
            any_ = sum(route.count(k) for k in kinds)
            self.notify(f"no more {KIND_NAMES[kind]} {where}" if any_ else f"no {KIND_NAMES[kind]} here", timeout=2)
            return
        self.grid.move_to(min(found) if direction > 0 else max(found))
        self._show_state()

    @needs_claims
    def action_step(self, direction: int) -> None:
        self.grid.move_to(self.grid.row + direction)
        self._show_state()

    @needs_claims
    def action_page(self, direction: int) -> None:
        self.grid.move_to(self.grid.row + direction * self.grid.page)
        self._show_state()

    @needs_claims
    def action_edge(self, direction: int) -> None:
        self.grid.move_to(0 if direction < 0 else len(self.grid.route) - 1)
        self._show_state()

    @needs_claims
    def action_column(self, direction: int) -> None:
        self.grid.move_to(self.grid.row, self.grid.column + direction)
        self._show_state()

    @on(CoverageGrid.CellClicked)
    def _clicked(self, event: CoverageGrid.CellClicked) -> None:
        self.grid.move_to(event.row, event.column)
        self._show_state()

    # ---- modes --------------------------------------------------------------------------------

    @needs_claims
    def action_toggle_filter(self) -> None:
        self.filtered = not self.filtered
        claim = self.grid.claim
        self._reshow(claim.id if claim is not None else None)
        if not len(self.grid.route):
            self.notify("No differences: every claim is carried by two sources or more and told alike "
                        "(z again shows all).", timeout=4)

    @needs_claims
    def action_toggle_order(self) -> None:
        self.order = "by_count" if self.order == "rows" else "rows"
        claim = self.grid.claim
        self._reshow(claim.id if claim is not None else None)

    @needs_claims
    def action_set_base(self) -> None:
        """Make the current column the base: its reading order, its wording the reference
        (worked out in a thread: with many sources it takes a second; the keys go on working
        on the rows as they are meanwhile)."""
        column = self.grid.column
        if self.rebasing is not None:
            self.app.hint(f"Still making {self.names[self.rebasing]} the base.")
            return
        if column == self.coverage.base:
            self.notify(f"{self.names[column]} is the base already.", timeout=2, markup=False)
            return
        self.rebasing = column
        self._show_state()
        self._rebase(column)

    @work(thread=True, exit_on_error=False)
    def _rebase(self, column: int) -> None:
        coverage = self.session.rebased(column)
        self.app.call_from_thread(self._rebased, coverage, column)

    def _rebased(self, coverage: Coverage, column: int) -> None:
        claim = self.grid.claim  # where the user is now (they may have moved meanwhile)
        anchor = next(iter(claim.members.items())) if claim is not None else None
        self.rebasing = None
        self.session.take(coverage)
        cid = self.coverage.claim_of(anchor[0], anchor[1][0]) if anchor is not None else None
        self._reshow(cid)
        self.notify(f"Rows now follow {self.names[column]}.", timeout=3, markup=False)

    @needs_claims
    def action_toggle_detail(self) -> None:
        self.query_one(ClaimDetail).toggle_class("hidden")

    @needs_claims
    def action_own_list(self) -> None:
        """What only the current source reports, to jump to."""
        source = self.grid.column
        own = self.coverage.summary(source).own_claims
        doc = self.coverage.documents[source]
        lines = [f"{c + 1}. {' '.join(doc.sentence_text(i) for i in self.coverage.claims[c].members[source])}"
                 for c in own]
        self.app.push_screen(
            PickList(f"Only in {self.names[source]} ({len(own)}): enter goes there", lines,
                     "Nothing: every claim it carries is in another source too."),
            lambda i: self.go_to_claim(own[i]) if i is not None else None)

    # ---- the reader on two sources ------------------------------------------------------------

    @needs_claims
    def action_drill(self) -> None:
        """Open the reader on the current source against the base, on this claim."""
        claim, column, base = self.grid.claim, self.grid.column, self.coverage.base
        if claim is None:
            return
        if column == base:
            others = [s for s in claim.sources if s != base]
            column = others[0] if others else (base + 1) % len(self.coverage.documents)
        key = (base, column)
        session = self.pairs.get(key)
        if session is None:
            session = self.pairs[key] = self.session.pair_session(base, column)
            for notice in session.notices:
                self.notify(notice, severity="warning", timeout=8, markup=False)
            if not session.save():
                self.notify(f"{session.save_error} (your notes are kept while the app is open)",
                            severity="error", timeout=8, markup=False)
        start = self._start(claim, base, column)
        if start is None or start[2]:
            self.notify(f"Neither {self.names[base]} nor {self.names[column]} carries this claim"
                        + (": the reader opens where it would be." if start else "."), timeout=4, markup=False)
        self.app.push_screen(DrillDownReader(session, start[:2] if start else None), lambda _: self._back())

    def _start(self, claim, base: int, column: int) -> tuple[str, int, bool] | None:
        """Where the reader opens: the claim in the source (right), else in the base (left),
        else the base's sentence before the claim's row (the flag says so)."""
        if column in claim.members:
            return "right", claim.members[column][0], False
        if base in claim.members:
            return "left", claim.members[base][0], False
        before = next((c for c in reversed(self.coverage.claims[:claim.id]) if base in c.members), None)
        return ("left", before.members[base][-1], True) if before is not None else None

    def _back(self) -> None:
        """Back from the reader: its notes may have changed what the rows show."""
        self.session.reread_pair_notes()
        self._show_notes()
        self._show_state()

    # ---- notes on claims ----------------------------------------------------------------------

    @needs_claims
    def action_note(self) -> None:
        claim = self.grid.claim
        if claim is None:
            return
        wording = " ".join(self.coverage.documents[claim.reference].sentence_text(i)
                           for i in claim.members[claim.reference])
        existing = self.session.notes_on(claim.id)
        note = existing[0] if existing else None
        about = f"Note on claim {claim.id + 1} ({len(claim.members)} sources): {' '.join(wording.split())[:70]}…"
        editor = NoteEditor(about, note.body if note else "", note.tags if note else [], existing=note is not None)
        self.app.push_screen(editor, lambda result: self._note_written(result, note, claim.id))

    def _note_written(self, result: NoteResult | None, note, claim_id: int) -> None:
        if result is None:
            return
        result.apply(self.session, note, lambda body, tags: self.session.write_note(claim_id, body, tags))
        if self.session.save_error:
            self.notify(f"{self.session.save_error} (your notes are kept while the app is open)",
                        severity="error", timeout=8, markup=False)
        self._show_notes()
        self._show_state()
        if result.delete:
            self.notify("Note deleted.", timeout=3)

    def _noted_claims(self) -> list[int]:
        claims = {p.claim for p in self.session.placed_notes() if p.claim is not None}
        claims |= {c for p in self.session.pair_notes for c in p.claims}
        return sorted(claims)

    @needs_claims
    def action_note_jump(self, direction: int) -> None:
        route = self.grid.route
        positions = sorted(p for c in self._noted_claims() if (p := route.position(c)) is not None)
        ahead = [p for p in positions if (p > self.grid.row if direction > 0 else p < self.grid.row)]
        if not ahead:
            self.notify("No notes yet: press a to write one." if not positions
                        else f"No more notes {'below' if direction > 0 else 'above'}.", timeout=2)
            return
        self.grid.move_to(ahead[0] if direction > 0 else ahead[-1])
        self._show_state()

    @needs_claims
    def action_notes_list(self) -> None:
        placed = self.session.placed_notes()
        items: list[tuple[int | None, str]] = []
        for p in placed:
            tags = f" [{', '.join(p.annotation.tags)}]" if p.annotation.tags else ""
            where = f"claim {p.claim + 1}" if p.claim is not None else "orphaned"
            items.append((p.claim, f"{NOTE_MARK} {where}: {' '.join(p.annotation.body.split())[:80]}{tags}"))
        for q in self.session.pair_notes:
            where = ", ".join(f"claim {c + 1}" for c in q.claims[:3]) or "no claim"
            items.append((q.claims[0] if q.claims else None,
                          f"{NOTE_MARK} {where} (reader, {pair_title(self.names[q.left], self.names[q.right])}): "
                          f"{' '.join(q.annotation.body.split())[:60]}"))
        self.app.push_screen(
            PickList("Notes (enter jumps to one)", [line for _, line in items],
                     "No notes yet: press a on a claim to write one."),
            lambda i: self._go_to_note(items[i][0]) if i is not None else None)

    def _go_to_note(self, claim_id: int | None) -> None:
        if claim_id is None:
            self.notify("This note is orphaned: its text is no longer in the sources.", timeout=4)
        else:
            self.go_to_claim(claim_id)

    @needs_claims
    def action_export(self, fmt: str) -> None:
        export_and_tell(self, self.session, fmt)

    # ---- the rest -----------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen(bindings_by_id(self.BINDINGS), SECTIONS, legend()))

    async def action_quit(self) -> None:
        await self.app.action_quit()
