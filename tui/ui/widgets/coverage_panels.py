"""The lines under the coverage grid: the current claim told by each source that carries it
(with the changes and the notes on it), the current source's summary (what it shares, where
it differs, what only it reports) and the status line (where you are, the counts, the modes);
and what stands in the grid's place while the claims are grouped (``CoverageProgress``).

Each is built as styled ``Content`` from plain strings: document text and notes are data,
never markup. The screen hands them what to show (attributes down).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static

from ...compare.coverage import Claim, Coverage
from ...export.coverage_cells import STATUS_LABELS, cell_kind, member_text
from ...store.annotations import Annotation
from ...store.claim_notes import PairNote
from ...vocabulary import ARROW, CELL_GLYPHS, COLOUR_VARIABLES, NOTE_MARK, CellKind, numbers
from ..background import STEPS
from ..grouping import describe, fraction
from .textlayout import display_safe

Part = str | tuple[str, str]


def _colour(kind: CellKind | str) -> str:
    mark = "only" if kind == "only" else "match" if kind in ("reference", "match") else kind
    return f"${COLOUR_VARIABLES[mark]} bold"  # type: ignore[index]


def _flat(text: str) -> str:
    return display_safe(" ".join(text.split()))


def _notes_parts(notes: list[Annotation], pair_notes: list[PairNote], names: list[str]) -> list[Part]:
    parts: list[Part] = []
    for a in notes:
        tags = f" [{', '.join(a.tags)}]" if a.tags else ""
        parts += ["\n", (NOTE_MARK + " ", "$accent bold"), _flat(a.body)[:300] + tags]
    for p in pair_notes:
        where = f"{names[p.left]} {ARROW} {names[p.right]}"
        parts += ["\n", (NOTE_MARK + " ", "$accent"), (f"in the reader, {_flat(where)}: ", "$text-muted"),
                  _flat(p.annotation.body)[:300]]
    return parts


class ClaimDetail(Static):
    """The current claim: the reference wording in full, the current source's wording and
    changes when it differs (or that it does not carry the claim), and the notes on it."""

    DEFAULT_CSS = """
    ClaimDetail { height: 8; padding: 0 1; overflow: hidden; }
    ClaimDetail.hidden { display: none; }
    """

    def show(self, coverage: Coverage, claim: Claim | None, column: int, names: list[str],
             notes: list[Annotation], pair_notes: list[PairNote]) -> None:
        if claim is None:
            self.update(Content("No claims to show: z shows them all again."), layout=False)
            return
        n = len(coverage.documents)
        head = f"Claim {claim.id + 1} · {len(claim.members)} of {n} sources · {STATUS_LABELS[claim.status]}"
        if notes or pair_notes:
            head += f" · {NOTE_MARK} {len(notes) + len(pair_notes)}"
        parts: list[Part] = [(head, "bold")]
        parts += self._member(coverage, claim, claim.reference, names)
        if column != claim.reference:
            if column in claim.members:
                parts += self._member(coverage, claim, column, names)
            else:
                parts += ["\n", (f"  {_flat(names[column])} does not carry this claim", "$text-muted italic")]
        parts += _notes_parts(notes, pair_notes, names)
        self.update(Content.assemble(*parts), layout=False)  # a fixed height: the grid never jumps

    @staticmethod
    def _member(coverage: Coverage, claim: Claim, source: int, names: list[str]) -> list[Part]:
        kind = cell_kind(claim, source)
        ids = claim.members[source]
        label = f"{_flat(names[source])} ({'sentence' if len(ids) == 1 else 'sentences'} {numbers(ids)}): "
        parts: list[Part] = ["\n", (CELL_GLYPHS[kind] + " ", _colour(kind)), (label, "bold"),  # type: ignore[index]
                             _flat(member_text(coverage, claim, source))]
        for c in claim.changes.get(source, []):
            parts += ["\n    ", (c.type, _colour("differ")), ": ", _flat(c.text) or "—",
                      (f"  (reference: {_flat(c.reference_text) or '—'})", "$text-muted")]
        return parts


class SourceSummaryLine(Static):
    """One source's coverage: claims shared, differing and its own, and which rows are its own."""

    DEFAULT_CSS = """
    SourceSummaryLine { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, coverage: Coverage, source: int, names: list[str], key: str) -> None:
        s = coverage.summary(source)
        base = " (base)" if source == coverage.base else ""
        own = ", ".join(str(c + 1) for c in s.own_claims[:40])
        self.update(Content.assemble(
            (f"{_flat(names[source])}{base}: ", "bold"), f"{s.claims} claims · ",
            (f"{CELL_GLYPHS['match']} {s.shared} shared", _colour("match")), " · ",
            (f"{CELL_GLYPHS['differ']} {s.differing} differing", _colour("differ")), " · ",
            (f"{CELL_GLYPHS['only']} {s.own} only here", _colour("only")),
            (f": {own}" if own else "", "$text-muted"), (f"  ({key} lists them)" if own else "", "$text-muted"),
        ), layout=False)


@dataclass
class CoverageState:
    """What the status line says."""

    row: int = 0
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # only, differ, all
    flags: list[str] = field(default_factory=list)


class CoverageStatus(Static):
    """Where you are and the counts: ``row 12/115 │ ≠ 17 differ · + 68 one source · 3 all``."""

    DEFAULT_CSS = """
    CoverageStatus { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    text = ""  # what it says, as plain text

    def show(self, state: CoverageState) -> None:
        c = state.counts
        parts: list[Part] = [(f"row {state.row + 1 if state.rows else 0}/{state.rows}", "bold"), " │ ",
                             (f"{CELL_GLYPHS['differ']} {c.get('differ', 0)} told differently", _colour("differ")),
                             " · ", (f"{CELL_GLYPHS['only']} {c.get('only', 0)} one source", _colour("only")),
                             " · ", (f"{c.get('all', 0)} in all", _colour("match"))]
        for flag in state.flags:
            parts += [" │ ", (flag, "$text-muted")]
        content = Content.assemble(*parts)
        self.text = content.plain
        self.update(content, layout=False)


class CoverageProgress(Vertical):
    """What the coverage view shows while the claims are grouped: the sources, and a line
    ``Grouping 20 sources: comparing every two sources: 45 of 190 pairs · 3 s`` over a bar
    (the seconds go on counting, so a long stage never looks stuck)."""

    DEFAULT_CSS = """
    CoverageProgress { height: 1fr; padding: 1 2; }
    CoverageProgress > #grouping-sources { height: 1fr; overflow: hidden; }
    CoverageProgress > #grouping-line { height: 1; }
    CoverageProgress > #grouping-line > Label { width: auto; }
    CoverageProgress > #grouping-line > ProgressBar { width: 1fr; padding-left: 1; }
    CoverageProgress > #grouping-line > ProgressBar > Bar { width: 1fr; }
    """

    def __init__(self, names: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = names
        self._stage = "starting"
        self._start = time.monotonic()

    def compose(self) -> ComposeResult:
        lines = [(f"{len(self.names)} sources", "bold"), " (the columns, in this order):"]
        for n, name in enumerate(self.names, 1):
            lines += ["\n", (f"{n:>3}. ", "$text-muted"), _flat(name)]
        yield Static(Content.assemble(*lines), id="grouping-sources")
        with Horizontal(id="grouping-line"):
            yield Label(Content(self._words()), id="grouping-stage")
            yield ProgressBar(total=STEPS, show_eta=False, id="grouping-bar")

    def on_mount(self) -> None:
        self._start = time.monotonic()
        self._timer = self.set_interval(1, self._tick)

    def _words(self) -> str:
        seconds = int(time.monotonic() - self._start)
        return f"Grouping {len(self.names)} sources into claims: {self._stage}" + (f" · {seconds} s" if seconds else "")

    def _tick(self) -> None:
        self.query_one("#grouping-stage", Label).update(Content(self._words()))

    def show(self, stage: str, done: int, total: int) -> None:
        self._stage = describe(stage, done, total)
        self.query_one("#grouping-stage", Label).update(Content(self._words()))
        self.query_one(ProgressBar).update(progress=round(fraction(stage, done, total) * STEPS))

    @property
    def stage(self) -> str:
        """The stage in words (for the hint a key gives while grouping)."""
        return self._stage

    @property
    def text(self) -> str:
        return str(self.query_one("#grouping-stage", Label).render())
