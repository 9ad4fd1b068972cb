"""The detail panel: the current link's sentences with the changed words marked, the word
diff in short ("told → informed · −each · +severely"), the typed changes ("number: 175 →
170"), the score and why the sentences were linked. For a sentence only one text has, it says
so and where the other text stands at that point.

Everything shown from the articles is built as ``Content`` from data (never parsed as markup)
and made display-safe. Notes on the current link or sentence get a row of their own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...compare.model import Comparison, Side, evidence_text
from ...vocabulary import CHANGE_NAMES, GLYPHS, NOTE_MARK, clip, on_side
from .article_pane import CHANGED_OPS
from .textlayout import display_safe

MAX_DIFF_ITEMS = 12


def _one_line(text: str) -> str:
    return display_safe(" ".join(text.split()))


def _marked(text: str, base: int, spans: list[tuple[int, int]], style: str) -> Content:
    """``text`` (found at offset ``base``) with ``spans`` (document offsets) styled."""
    content = Content(display_safe(text))
    for a, b in spans:
        a, b = max(a - base, 0), min(b - base, len(text))
        if a < b:
            content = content.stylize(style, a, b)
    return content


def word_diff(comparison: Comparison, link_index: int) -> list[Content]:
    """The changed words of a link in reading order: ``told → informed``, ``−each``, ``+severely``."""
    link = comparison.links[link_index]
    left, right = comparison.left.text, comparison.right.text
    items: list[Content] = []
    for op in link.diff:
        a = _one_line(left[op.left[0] : op.left[1]]) if op.left else ""
        b = _one_line(right[op.right[0] : op.right[1]]) if op.right else ""
        if op.op == "replace" and a and b:
            items.append(Content.assemble((a, "strike"), " → ", (b, "bold")))
        elif op.op in ("delete", "replace") and a:
            items.append(Content.assemble(("−", "bold"), (a, "strike")))
        elif op.op in ("insert", "replace") and b:
            items.append(Content.assemble(("+", "bold"), (b, "bold")))
    return items


ROW_NAMES = ("head", "left", "right", "word diff", "changes", "linked by", "why", "closest", "notes")
CLOSEST_SHOWN = 3

Rows = list[tuple[str, Content]]


def describe(comparison: Comparison, link_index: int | None, side: Side, sentence: int | None,
             notes: list | None = None) -> Rows:
    """What the detail panel shows for the current position: ``(label, content)`` rows, the
    notes on it last."""
    rows = _describe(comparison, link_index, side, sentence)
    if notes:
        lines = []
        for note in notes:
            tags = f" [{', '.join(note.tags)}]" if note.tags else ""
            status = f" ({note.status})" if note.status != "anchored" else ""
            lines.append(Content.assemble(f"{NOTE_MARK} ", display_safe(" ".join(note.body.split())),
                                          (display_safe(tags), "italic"), status))
        rows.append(("notes", Content("\n").join(lines)))
    return rows


def _describe(comparison: Comparison, link_index: int | None, side: Side, sentence: int | None) -> Rows:
    if link_index is None:
        return _describe_only(comparison, side, sentence)
    link = comparison.links[link_index]
    head = f"{GLYPHS[link.kind]} {link.kind}   link {link_index + 1} of {len(comparison.links)}   score {link.score:.2f}"
    if link.origin == "user":
        head += "   your correction"
    rows: Rows = [("head", Content.styled(head, "bold"))]
    for s in ("left", "right"):
        doc = comparison.doc(s)  # type: ignore[arg-type]
        ids = link.ids(s)  # type: ignore[arg-type]
        spans = []
        if link.kind == "differ":
            spans = [sp for op in link.diff if op.op in CHANGED_OPS
                     for sp in [op.left if s == "left" else op.right] if sp]
        # Each sentence of the link on its own: sentences between non-adjacent ones are not shown.
        runs: list[list[int]] = []
        for i in ids:
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        parts = []
        for run in runs:
            a, b = doc.sentences[run[0]].start, doc.sentences[run[-1]].end
            parts.append(_marked(doc.text[a:b], a, spans, "reverse bold"))
        rows.append((on_side(s, ids), Content(" … ").join(parts)))
    if link.kind == "differ":
        items = word_diff(comparison, link_index)
        if items:
            shown = items[:MAX_DIFF_ITEMS]
            more = f"  (+{len(items) - len(shown)} more)" if len(items) > len(shown) else ""
            rows.append(("word diff", Content.assemble(Content("  ·  ").join(shown), more)))
    if link.changes:
        lines = []
        for ch in link.changes:
            a = _one_line(ch.left_text) or "—"
            b = _one_line(ch.right_text) or "—"
            lines.append(Content.assemble((CHANGE_NAMES.get(ch.type, ch.type) + ": ", "italic"), a, " → ", b))
        rows.append(("changes", Content("\n").join(lines)))
    elif link.kind == "match":
        rows.append(("changes", Content("none: the same claim, perhaps in other words")))
    why = evidence_text(link)
    how = link.evidence.get("aligned_by") or []
    if why or how:
        rows.append(("linked by", Content(display_safe(why + (f" ({', '.join(how)})" if how else "")))))
    return rows


def _describe_only(comparison: Comparison, side: Side, sentence: int | None) -> Rows:
    if sentence is None:
        return [("head", Content("Nothing selected."))]
    doc = comparison.doc(side)
    far: Side = "right" if side == "left" else "left"
    # Where the other text stands here: the partner of the nearest linked sentence before.
    before = next((k for s in range(sentence - 1, -1, -1) if (k := comparison.link_of(side, s)) is not None), None)
    where = "it comes before anything the two texts share"
    if before is not None:
        j = comparison.links[before].ids(far)[-1]
        where = f"in the {far} text it would come after sentence {j + 1}"
    rows: Rows = [
        ("head", Content.styled(f"{GLYPHS['only']} only in {side}   sentence {sentence + 1} of {len(doc.sentences)}", "bold")),
        (f"{side} {sentence + 1}", Content(display_safe(doc.sentence_text(sentence)))),
        ("why", Content(f"no {far} sentence says this; {where}.")),
    ]
    candidates = comparison.closest_to(side, sentence)[:CLOSEST_SHOWN]
    if candidates:
        other_doc = comparison.doc(far)
        lines = [Content.assemble((f"{far} {j + 1}", "bold"), f"  {score:.2f}  ",
                                  display_safe(clip(other_doc.sentence_text(j), 70)))
                 for j, score in candidates]
        lines.append(Content.styled("> goes to the closest (again: the next), L links with it", "italic"))
        rows.append(("closest", Content("\n").join(lines)))
    return rows


def as_text(rows: Rows) -> str:
    return "\n".join(content.plain if label == "head" else f"{label}: {content.plain}" for label, content in rows)


class DetailPanel(VerticalScroll, can_focus=False):
    """Shows ``describe(...)`` for the current link as label/value rows; scrolls when long.

    The rows (one per possible part) are made the first time the panel shows something, not
    at start-up; ``show`` fills them in and hides the empty ones.
    """

    DEFAULT_CSS = """
    DetailPanel {
        height: auto;
        max-height: 12;
        padding: 0 1;
    }
    DetailPanel > #detail-head { width: 1fr; }
    DetailPanel > .detail-row { height: auto; }
    DetailPanel > .detail-row > .detail-label { width: 12; text-style: bold; text-align: right; padding-right: 1; }
    DetailPanel > .detail-row > .detail-value { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""
        self._rows: list[tuple[Horizontal, Static, Static]] = []
        self._at: tuple | None = None  # what is shown: (link, side, sentence)

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")

    @property
    def text(self) -> str:
        """The plain text shown (for tests)."""
        return self._text

    def _make_rows(self):
        for i in range(len(ROW_NAMES) - 1):
            label, value = Static(classes="detail-label"), Static(classes="detail-value")
            self._rows.append((Horizontal(label, value, classes="detail-row", id=f"detail-row-{i}"), label, value))
        return self.mount_all(row for row, _, _ in self._rows)

    async def prepare(self) -> None:
        """Make the rows (once), before the panel is first shown."""
        if not self._rows:
            await self._make_rows()

    def forget(self) -> None:
        """The next ``show`` starts from the top (the panel is being opened again)."""
        self._at = None

    def page(self, direction: int) -> None:
        """Scroll a panel's height (less a line) down or up: the keyboard's way to the word
        diff, the typed changes and the notes when the panel is short."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def show(self, comparison: Comparison, link_index: int | None, side: Side, sentence: int | None,
             notes: list | None = None) -> None:
        if not self._rows:
            self._make_rows()
        if (link_index, side if link_index is None else None, sentence if link_index is None else None) != self._at:
            self._at = (link_index, side if link_index is None else None, sentence if link_index is None else None)
            self.scroll_to(y=0, animate=False)  # another link: read it from the top
        rows = describe(comparison, link_index, side, sentence, notes)
        self._text = as_text(rows)
        head = next((c for label, c in rows if label == "head"), Content(""))
        self.query_one("#detail-head", Static).update(head)
        body = [(label, c) for label, c in rows if label != "head"]
        for i, (row, label_widget, value_widget) in enumerate(self._rows):
            if i < len(body):
                label, content = body[i]
                label_widget.update(Content(label))
                value_widget.update(content)
                row.display = True
            else:
                row.display = False
