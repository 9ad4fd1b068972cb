"""The detail panel: the current link's sentences with changed words marked, the typed
changes, the score and why the sentences were linked (and, later, notes)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..compare.model import Comparison
from .article_pane import CHANGED_OPS, GLYPHS
from .textlayout import display_safe

CHANGE_NAMES = {
    "number": "number", "date": "date/time", "entity": "name", "attribution": "attribution",
    "negation": "negation", "certainty": "certainty", "quote": "quote only on one side",
    "detail": "detail only on one side",
}


def _marked(text: str, base: int, spans: list[tuple[int, int]]) -> Content:
    """The text with ``spans`` (document offsets) in reverse bold: built from data, never parsed."""
    content = Content(display_safe(text))
    for a, b in spans:
        a, b = max(a - base, 0), min(b - base, len(text))
        if a < b:
            content = content.stylize("reverse bold", a, b)
    return content


def describe(comparison: Comparison, link_index: int | None, side: str, sentence: int | None,
             notes: list | None = None) -> Content:
    """What the detail panel shows for the current position (with the notes on it)."""
    body = _describe(comparison, link_index, side, sentence)
    if not notes:
        return body
    parts: list = [body, ("\nnotes:", "bold")]
    for note in notes:
        tags = f" [{', '.join(note.tags)}]" if note.tags else ""
        status = f" ({note.status})" if note.status != "anchored" else ""
        parts.append(f"\n  ✎ {display_safe(' '.join(note.body.split()))}{display_safe(tags)}{status}")
    return Content.assemble(*parts)


def _describe(comparison: Comparison, link_index: int | None, side: str, sentence: int | None) -> Content:
    if link_index is None:
        if sentence is None:
            return Content("Nothing selected.")
        doc = comparison.doc(side)  # type: ignore[arg-type]
        other = "right" if side == "left" else "left"
        return Content.assemble(
            (f"{GLYPHS['only']} only in {side} ", "bold"),
            f"— the {other} text does not tell this:\n",
            Content(display_safe(doc.sentence_text(sentence))),
        )
    link = comparison.links[link_index]
    parts: list = []
    head = f"{GLYPHS[link.kind]} {link.kind}  ·  link {link_index + 1} of {len(comparison.links)}  ·  score {link.score:.2f}"
    if link.origin == "user":
        head += "  ·  your correction"
    parts.append((head + "\n", "bold"))
    for s in ("left", "right"):
        doc = comparison.doc(s)  # type: ignore[arg-type]
        ids = link.ids(s)  # type: ignore[arg-type]
        start, end = doc.sentences[ids[0]].start, doc.sentences[ids[-1]].end
        spans = []
        if link.kind == "differ":
            spans = [op.left if s == "left" else op.right for op in link.diff if op.op in CHANGED_OPS]
            spans = [sp for sp in spans if sp]
        label = f"{s:>5} ({', '.join(str(i + 1) for i in ids)}): "
        parts.append((label, "bold"))
        parts.append(_marked(doc.text[start:end], start, spans))
        parts.append("\n")
    if link.changes:
        parts.append(("changes: ", "bold"))
        for ch in link.changes:
            a = display_safe(ch.left_text) or "—"
            b = display_safe(ch.right_text) or "—"
            parts.append(f"\n  • {CHANGE_NAMES.get(ch.type, ch.type)}: {a} → {b}")
        parts.append("\n")
    ev = link.evidence
    why = []
    if ev.get("shared_names"):
        why.append("names " + ", ".join(ev["shared_names"][:6]))
    if ev.get("shared_numbers"):
        why.append("numbers " + ", ".join(ev["shared_numbers"][:6]))
    if ev.get("shared_words"):
        why.append("words " + ", ".join(ev["shared_words"][:8]))
    if why:
        parts.append(("linked by: ", "bold"))
        parts.append(display_safe("; ".join(why)))
    return Content.assemble(*parts)


class DetailPanel(Static):
    """Shows ``describe(...)`` for the current link."""

    DEFAULT_CSS = """
    DetailPanel {
        height: auto;
        max-height: 12;
        overflow-y: auto;
        padding: 0 1;
    }
    """

    def show(self, comparison: Comparison, link_index: int | None, side: str, sentence: int | None,
             notes: list | None = None) -> None:
        self.update(describe(comparison, link_index, side, sentence, notes))
