"""The comparison as one self-contained HTML page: two aligned columns and the notes beside them.

Inline CSS, no scripts, nothing fetched: the file reads the same offline, in any browser, and
prints. Rows follow the left document (``reading_order.rows``); each side shows the verdict's
colour and glyph as the app does (``=`` match, ``≠`` differ, ``+`` only in one source), the
changed words of a link (its word diff) and its typed changes (underlined, listed below the
row). Notes and corrections sit in a third column; notes that lost their place and the full
list of corrections follow the table. Every piece of document or user text goes through
``text.html_text`` (control characters made visible, then ``html.escape(quote=True)``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .. import __version__
from ..compare.model import Comparison, Link, Side
from ..reading_order import Stop, rows as reading_rows
from ..vocabulary import GLYPHS, LABELS, count, pair_title, where
from .notes import AnnotationSource, correction_sentences
from .text import html_text as esc


CSS = """
:root {
  --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --rule: #d1d9e0;
  --match: #1a7f37; --match-bg: #e9f6ec;
  --differ: #9a6700; --differ-bg: #fff5d6;
  --only: #0969da; --only-bg: #e8f1fd;
  --user: #8250df; --changed-bg: #ffd866; --moved: #6e7781;
  --note-bg: #fbf8ff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --rule: #30363d;
    --match: #3fb950; --match-bg: #12261a; --differ: #d29922; --differ-bg: #2b2111;
    --only: #4493f8; --only-bg: #0f1f35; --user: #ab7df8; --changed-bg: #6b4e00;
    --moved: #9198a1; --note-bg: #1a1530;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1.5rem; max-width: 96rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
.meta, .legend { color: var(--muted); margin: .2rem 0; }
code { font-size: .85em; word-break: break-all; }
table.sbs { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 1rem; }
table.sbs th { text-align: left; border-bottom: 2px solid var(--rule); padding: .4rem .6rem; }
table.sbs td { vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--rule); }
col.text { width: 38%; } col.notes { width: 24%; }
td.match { background: var(--match-bg); border-left: 4px solid var(--match); }
td.differ { background: var(--differ-bg); border-left: 4px solid var(--differ); }
td.only { background: var(--only-bg); border-left: 4px solid var(--only); }
td.empty { background: transparent; }
.glyph { display: inline-block; width: 1.2em; font-weight: 700; text-align: center; }
td.match .glyph { color: var(--match); } td.differ .glyph { color: var(--differ); }
td.only .glyph { color: var(--only); }
.sn { color: var(--muted); font-size: .75em; margin-right: .3em; font-variant-numeric: tabular-nums; }
.w-replace, .w-delete, .w-insert { background: var(--changed-bg); border-radius: 2px; font-weight: 600; }
.w-moved { text-decoration: underline dotted var(--moved); }
.chg { text-decoration: underline 2px var(--differ); text-underline-offset: 3px; }
tr.changes td { border-bottom: 1px solid var(--rule); padding-top: 0; font-size: .9em; }
tr.changes ul { margin: 0; padding-left: 1.4rem; }
.ctype { font-weight: 600; color: var(--differ); }
.note, .fix { background: var(--note-bg); border-left: 3px solid var(--user); padding: .3rem .5rem;
  margin: 0 0 .4rem; font-size: .92em; }
.note .body { white-space: pre-wrap; overflow-wrap: anywhere; }
.note .where, .fix .where { color: var(--muted); font-size: .85em; }
.tag { display: inline-block; border: 1px solid var(--user); color: var(--user); border-radius: 1em;
  padding: 0 .5em; margin: 0 .25em .2em 0; font-size: .8em; }
.tag-disputed { border-color: var(--differ); color: var(--differ); }
.tag-verified { border-color: var(--match); color: var(--match); }
.status { color: var(--differ); font-size: .85em; }
.fix .mark, .corrected { color: var(--user); font-weight: 600; }
blockquote { margin: .2rem 0 .4rem; padding-left: .6rem; border-left: 3px solid var(--rule); color: var(--muted); }
@media print { body { max-width: none; padding: 0; } tr { break-inside: avoid; } }
"""


def _class(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", name.lower())


def _marks(link: Link, side: Side) -> list[tuple[int, int, str, str]]:
    """(start, end, class, title) spans to highlight on one side of a link."""
    out: list[tuple[int, int, str, str]] = []
    for op in link.diff:
        span = op.left if side == "left" else op.right
        if span is None or op.op == "equal":
            continue
        out.append((span[0], span[1], f"w-{_class(op.op)}", ""))
    for c in link.changes:
        span = c.left if side == "left" else c.right
        if span is not None:
            out.append((span[0], span[1], f"chg chg-{_class(c.type)}", c.label()))
    return out


def _highlight(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """``text[start:end]`` escaped, with each stretch wrapped in the classes that cover it."""
    inside = [(max(a, start), min(b, end), cls, title) for a, b, cls, title in marks if a < end and b > start]
    points = sorted({start, end, *(a for a, _, _, _ in inside), *(b for _, b, _, _ in inside)})
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        if a >= b:
            continue
        piece = esc(text[a:b])
        cover = [(cls, title) for s, e, cls, title in inside if s <= a and e >= b]
        if not cover:
            out.append(piece)
            continue
        classes = " ".join(sorted({c for cls, _ in cover for c in cls.split()}))
        titles = "; ".join(dict.fromkeys(t for _, t in cover if t))
        title = f' title="{esc(titles)}"' if titles else ""
        out.append(f'<span class="{classes}"{title}>{piece}</span>')
    return "".join(out)


def _cell(comparison: Comparison, row: Stop, side: Side) -> str:
    ids = row.left if side == "left" else row.right
    if not ids:
        return '<td class="empty"></td>'
    link = comparison.links[row.link] if row.link is not None else None
    verdict = link.kind if link is not None else "only"
    doc = comparison.doc(side)
    marks = _marks(link, side) if link is not None else []
    parts = []
    for i in ids:
        s = doc.sentences[i]
        parts.append(f'<span class="sn">{i + 1}</span>{_highlight(doc.text, s.start, s.end, marks)}')
    glyph = f'<span class="glyph" title="{LABELS[verdict]}">{GLYPHS[verdict]}</span>'
    return f'<td class="{verdict}" id="{side[0]}{ids[0] + 1}">{glyph} {" ".join(parts)}</td>'


def _note_html(placed) -> str:
    a = placed.annotation
    tags = "".join(f'<span class="tag tag-{_class(t)}">{esc(t)}</span>' for t in a.tags)
    status = ""
    if a.status == "moved":
        status = ' · <span class="status">re-anchored after the text changed</span>'
    elif a.status == "orphaned":
        status = ' · <span class="status">orphaned: its text is gone</span>'
    body = f'<div class="body">{esc(a.body)}</div>' if a.body else ""
    return (f'<div class="note" id="note-{esc(a.id)}">{tags}{body}'
            f'<div class="where">{esc(where(placed.left, placed.right))} · {esc(a.modified[:10])}{status}</div></div>')


def _fix_html(comparison: Comparison, c, link: Link | None) -> str:
    left, right = correction_sentences(comparison, c)
    extra = ""
    if link is not None and "engine_verdict" in link.evidence and link.evidence["engine_verdict"][0] != link.kind:
        extra = f" (the engine said {esc(link.evidence['engine_verdict'][0])})"
    return (f'<div class="fix"><span class="mark">✎ your correction:</span> {esc(c.describe())}{extra}'
            f'<div class="where">{esc(where(left, right))}</div></div>')


def _quote_block(comparison: Comparison, targets) -> str:
    out = []
    for t in targets:
        out.append(f"<blockquote>{esc(t.side)}: {esc(' '.join(t.exact.split()))}</blockquote>")
    return "".join(out)


def render_html(comparison: Comparison, annotations: AnnotationSource | None = None) -> str:
    rows = reading_rows(comparison)
    placed = annotations.placed_notes(comparison) if annotations is not None else []
    corrections = list(annotations.corrections) if annotations is not None else []
    beside = _beside_rows(comparison, rows, placed, corrections)
    out = _head(comparison, len(placed) if annotations is not None else None, len(corrections))
    out += _table(comparison, rows, beside)
    out += _after_table(comparison, [p for p in placed if p.row is None], corrections)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _beside_rows(comparison: Comparison, rows: list[Stop], placed: list, corrections: list) -> dict[int, str]:
    """The notes column of each row: the corrections on it, then the notes on it."""
    row_of: dict[tuple[str, int], int] = {}
    for r, row in enumerate(rows):
        for i in row.left:
            row_of[("left", i)] = r
        for j in row.right:
            row_of[("right", j)] = r
    notes_in_row: dict[int, list[str]] = defaultdict(list)
    fixes_in_row: dict[int, list[str]] = defaultdict(list)
    for p in placed:
        if p.row is not None:
            notes_in_row[p.row].append(_note_html(p))
    for c in corrections:
        cl, cr = correction_sentences(comparison, c)
        rs = [row_of[("left", i)] for i in cl if ("left", i) in row_of] + \
             [row_of[("right", j)] for j in cr if ("right", j) in row_of]
        if rs:
            r = min(rs)
            link = comparison.links[rows[r].link] if rows[r].link is not None else None
            fixes_in_row[r].append(_fix_html(comparison, c, link))
    return {r: "".join(fixes_in_row.get(r, [])) + "".join(notes_in_row.get(r, [])) for r in range(len(rows))}


def _head(comparison: Comparison, notes: int | None, corrections: int) -> list[str]:
    """Everything before the table: the page's head, the title, where the texts came from,
    the counts and the legend (``notes`` None: the export has no annotations)."""
    left, right = comparison.left, comparison.right
    counts = comparison.counts()
    title = pair_title(left.name, right.name)
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="sidebyside {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{pair_title(esc(left.name), esc(right.name))}</h1>",
        f'<p class="meta">left: <code>{esc(left.path)}</code> · {count(len(left.sentences), "sentence")} · '
        f"sha256 {esc(left.sha256[:12])}…</p>",
        f'<p class="meta">right: <code>{esc(right.path)}</code> · {count(len(right.sentences), "sentence")} · '
        f"sha256 {esc(right.sha256[:12])}…</p>",
        f'<p class="meta">{counts["match"]} match · {counts["differ"]} differ · '
        f'{counts["only_left"]} only left · {counts["only_right"]} only right'
        + (f" · {count(notes, 'note')} · {count(corrections, 'correction')}" if notes is not None else "")
        + "</p>",
        f'<p class="legend"><b>{GLYPHS["match"]}</b> match · <b>{GLYPHS["differ"]}</b> differ · '
        f'<b>{GLYPHS["only"]}</b> {LABELS["only"]} · <span class="w-replace">changed words</span> · '
        f'<span class="chg">typed change</span> · <span class="corrected">✎</span> your correction</p>',
    ]


def _table(comparison: Comparison, rows: list[Stop], beside: dict[int, str]) -> list[str]:
    left, right = comparison.left, comparison.right
    out = [
        '<table class="sbs">',
        '<colgroup><col class="text"><col class="text"><col class="notes"></colgroup>',
        f"<thead><tr><th>{esc(left.name)}</th><th>{esc(right.name)}</th><th>Notes</th></tr></thead>",
        "<tbody>",
    ]
    for r, row in enumerate(rows):
        out.append(f'<tr id="row-{r + 1}">{_cell(comparison, row, "left")}{_cell(comparison, row, "right")}'
                   f'<td class="notes">{beside[r]}</td></tr>')
        if row.link is not None and comparison.links[row.link].changes:
            items = "".join(f'<li><span class="ctype">{esc(c.type)}</span>: {esc(c.left_text or "—")} → '
                            f"{esc(c.right_text or '—')}</li>" for c in comparison.links[row.link].changes)
            out.append(f'<tr class="changes"><td colspan="2"><ul>{items}</ul></td><td></td></tr>')
    return out + ["</tbody>", "</table>"]


def _after_table(comparison: Comparison, orphans: list, corrections: list) -> list[str]:
    """Notes that lost their place, and the list of corrections."""
    out = []
    if orphans:
        out.append(f"<h2>Notes that lost their place ({len(orphans)})</h2>")
        out.append('<p class="meta">Their text is no longer in the documents; each shows the text it was on.</p>')
        for p in orphans:
            out.append(_note_html(p) + _quote_block(comparison, p.annotation.targets))
    if corrections:
        out.append(f"<h2>Corrections ({len(corrections)})</h2>")
        out.append("<ol>")
        for c in corrections:
            cl, cr = correction_sentences(comparison, c)
            status = "" if c.status == "anchored" else f' · <span class="status">{esc(c.status)}</span>'
            out.append(f"<li><span class=\"corrected\">✎</span> {esc(c.describe())} · {esc(where(cl, cr))}{status}"
                       f"{_quote_block(comparison, c.targets)}</li>")
        out.append("</ol>")
    return out
