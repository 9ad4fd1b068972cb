"""A coverage report as one self-contained HTML page: the sources and their summaries, the
claim matrix (one row per claim, one column per source; each cell links to that source's
sentences), what only one source reports, and every source's text with each sentence marked
by its verdict and linked back to its row.

Inline CSS, no scripts, nothing fetched. Every piece of document text, file name or title goes
through ``text.html_text`` (control characters made visible, then ``html.escape``).
"""

from __future__ import annotations

from .. import __version__
from ..compare.coverage import Claim, Coverage
from .coverage_cells import (CELL_GLYPHS, CELL_LABELS, STATUS_LABELS, cell_kind, cell_text, claim_text,
                             member_text, sentence_numbers, source_names)
from .coverage_notes import CoverageNotes, html_orphans, html_row_notes
from .html import CSS as PAIR_CSS
from .text import html_text as esc

CSS = PAIR_CSS + """
td.reference { background: var(--bg); border-left: 4px solid var(--fg); }
table.matrix { border-collapse: collapse; margin-top: 1rem; font-size: .92em; }
table.matrix th, table.matrix td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; vertical-align: top; }
table.matrix th.src { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 600; max-height: 12rem; }
table.matrix td.cell { white-space: nowrap; min-width: 2rem; }
table.matrix td.cell a { color: inherit; text-decoration: none; }
table.matrix td.claim { max-width: 40rem; }
table.matrix details summary { cursor: pointer; }
table.matrix details ul { margin: .3rem 0; padding-left: 1.2rem; }
table.sources { border-collapse: collapse; }
table.sources th, table.sources td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid var(--rule); }
.sent { padding: 0 .1rem; border-radius: 2px; }
.sent.match { background: var(--match-bg); } .sent.differ { background: var(--differ-bg); }
.sent.only { background: var(--only-bg); } .sent.reference { background: var(--match-bg); }
.sent.label { color: var(--muted); }
.sent a.glyph { text-decoration: none; color: var(--muted); }
.sent:target { outline: 2px solid var(--fg); }
tr:target td { outline: 2px solid var(--fg); }
section.source p { margin: .4rem 0; }
"""


def render_coverage_html(coverage: Coverage, notes: CoverageNotes | None = None) -> str:
    names = source_names(coverage.documents)
    counts = coverage.counts()
    title = f"Coverage of {len(coverage.documents)} sources"
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="sidebyside {esc(__version__)}">',
        f"<title>{esc(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>{esc(title)}: {len(coverage.claims)} claims</h1>",
        f'<p class="meta">{counts["match"]} {STATUS_LABELS["match"]} · {counts["differ"]} '
        f'{STATUS_LABELS["differ"]} · {counts["only"]} {STATUS_LABELS["only"]}. Rows follow '
        f'<a href="#src-{coverage.base + 1}">{esc(names[coverage.base])}</a>.</p>',
        '<p class="legend">' + " · ".join(f"<b>{CELL_GLYPHS[k]}</b> {CELL_LABELS[k]}" for k in CELL_GLYPHS)
        + " · blank: absent</p>",
    ]
    out += _sources_table(coverage, names)
    out += _matrix(coverage, names, notes or CoverageNotes())
    out += html_orphans(notes or CoverageNotes())
    out += _own_lists(coverage, names)
    for k in range(len(coverage.documents)):
        out += _source_text(coverage, k, names)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _sources_table(coverage: Coverage, names: list[str]) -> list[str]:
    out = ["<h2>Sources</h2>", '<table class="sources"><thead><tr><th>#</th><th>source</th><th>file</th>'
           "<th>sentences</th><th>claims</th><th>shared</th><th>differing</th><th>own</th></tr></thead><tbody>"]
    for k, doc in enumerate(coverage.documents):
        s = coverage.summary(k)
        out.append(f'<tr><td>{k + 1}</td><td><a href="#src-{k + 1}">{esc(names[k])}</a></td>'
                   f"<td><code>{esc(doc.path)}</code></td><td>{len(doc.sentences)}</td><td>{s.claims}</td>"
                   f"<td>{s.shared}</td><td>{s.differing}</td><td>{s.own}</td></tr>")
    out.append("</tbody></table>")
    return out


def _matrix(coverage: Coverage, names: list[str], notes: CoverageNotes) -> list[str]:
    heads = "".join(f'<th class="src" title="{esc(coverage.documents[k].path)}">{esc(names[k])}</th>'
                    for k in range(len(coverage.documents)))
    out = ["<h2>Claims</h2>", f'<table class="matrix"><thead><tr><th>#</th><th>claim (reference wording)</th>'
           f"{heads}</tr></thead><tbody>"]
    for claim in coverage.claims:
        cells = "".join(_cell(coverage, claim, k) for k in range(len(coverage.documents)))
        out.append(f'<tr id="c{claim.id + 1}" class="{claim.status}"><td><a href="#c{claim.id + 1}">{claim.id + 1}</a>'
                   f"</td>{_claim_cell(coverage, claim, names, html_row_notes(coverage, notes, claim.id))}"
                   f"{cells}</tr>")
    out.append("</tbody></table>")
    return out


def _cell(coverage: Coverage, claim: Claim, source: int) -> str:
    kind = cell_kind(claim, source)
    if not kind:
        return '<td class="cell empty"></td>'
    ids = claim.members[source]
    label = f"{CELL_LABELS[kind]}; {sentence_numbers(ids)}"
    return (f'<td class="cell {kind}"><a href="#s{source + 1}-{ids[0] + 1}" title="{esc(label)}">'
            f"{esc(cell_text(claim, source))}</a></td>")


def _claim_cell(coverage: Coverage, claim: Claim, names: list[str], notes: str = "") -> str:
    short = esc(claim_text(coverage, claim))
    if len(claim.members) == 1:
        return f'<td class="claim">{short}{notes}</td>'
    items = []
    for k, ids in claim.members.items():
        kind = cell_kind(claim, k)
        changes = "".join(f'<li><span class="ctype">{esc(c.type)}</span>: {esc(c.text or "—")} '
                          f'(reference: {esc(c.reference_text or "—")})</li>' for c in claim.changes.get(k, []))
        items.append(f"<li><b>{CELL_GLYPHS[kind]} {esc(names[k])}</b> ({sentence_numbers(ids)}): "
                     f"{esc(member_text(coverage, claim, k))}{f'<ul>{changes}</ul>' if changes else ''}</li>")
    return f'<td class="claim"><details><summary>{short}</summary><ul>{"".join(items)}</ul></details>{notes}</td>'


def _own_lists(coverage: Coverage, names: list[str]) -> list[str]:
    out = ["<h2>What only one source reports</h2>"]
    for k in range(len(coverage.documents)):
        own = coverage.summary(k).own_claims
        out.append(f"<h3>Only in {esc(names[k])} ({len(own)})</h3>")
        if not own:
            out.append('<p class="meta">Nothing: every claim it carries is in another source too.</p>')
            continue
        out.append("<ul>")
        for cid in own:
            claim = coverage.claims[cid]
            ids = claim.members[k]
            out.append(f'<li><a href="#s{k + 1}-{ids[0] + 1}">claim {cid + 1}</a>: '
                       f"{esc(member_text(coverage, claim, k))}</li>")
        out.append("</ul>")
    return out


def _source_text(coverage: Coverage, source: int, names: list[str]) -> list[str]:
    doc = coverage.documents[source]
    out = [f'<section class="source" id="src-{source + 1}"><h2>{source + 1}. {esc(names[source])}</h2>',
           f'<p class="meta"><code>{esc(doc.path)}</code> · sha256 {esc(doc.sha256[:12])}…</p>']
    paragraph, parts = None, []
    for s in doc.sentences:
        if paragraph is not None and s.paragraph != paragraph and parts:
            out.append(f"<p>{' '.join(parts)}</p>")
            parts = []
        paragraph = s.paragraph
        cid = coverage.claim_of(source, s.id)
        claim = coverage.claims[cid] if cid is not None else None
        kind = cell_kind(claim, source) if claim is not None else "label"  # a dateline or subhead
        back = (f'<a class="glyph" href="#c{cid + 1}" title="claim {cid + 1}: {esc(CELL_LABELS[kind])}">'
                f"{CELL_GLYPHS[kind]}</a>" if cid is not None else "")
        parts.append(f'<span class="sent {kind}" id="s{source + 1}-{s.id + 1}">{back} '
                     f"{esc(doc.text[s.start:s.end])}</span>")
    if parts:
        out.append(f"<p>{' '.join(parts)}</p>")
    out.append("</section>")
    return out
