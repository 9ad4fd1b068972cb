"""A coverage report as Markdown: the sources with their summaries, the claim matrix, every
claim told differently with each source's wording and changes, and what only one source
reports. Everything from outside (document text, file names, titles) goes through
``markdown.md_escape``."""

from __future__ import annotations

from ..compare.coverage import Claim, Coverage
from .coverage_cells import (CELL_GLYPHS, CELL_LABELS, STATUS_LABELS, cell_kind, cell_text, claim_text,
                             member_text, sentence_numbers, source_names)
from .coverage_notes import CoverageNotes, markdown_section
from .markdown import md_escape


def render_coverage_markdown(coverage: Coverage, notes: CoverageNotes | None = None) -> str:
    names = source_names(coverage.documents)
    counts = coverage.counts()
    lines = [
        f"# Coverage: {len(coverage.documents)} sources, {len(coverage.claims)} claims",
        "",
        f"{counts['match']} {STATUS_LABELS['match']} · {counts['differ']} {STATUS_LABELS['differ']} · "
        f"{counts['only']} {STATUS_LABELS['only']}. Rows follow source {coverage.base + 1} "
        f"({md_escape(names[coverage.base])}).",
        "",
        "Legend: " + ", ".join(f"`{CELL_GLYPHS[k]}` {CELL_LABELS[k]}" for k in CELL_GLYPHS) + ", blank: absent.",
        "",
        "## Sources",
        "",
        "| # | source | file | sentences | claims | shared | differing | own |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for k, doc in enumerate(coverage.documents):
        s = coverage.summary(k)
        lines.append(f"| {k + 1} | {md_escape(names[k])} | {md_escape(doc.path)} | {len(doc.sentences)} | "
                     f"{s.claims} | {s.shared} | {s.differing} | {s.own} |")
    lines += ["", "## Claims", "", _matrix_header(len(coverage.documents))]
    lines += [_matrix_row(coverage, claim) for claim in coverage.claims]
    lines += ["", "## Told differently", ""]
    differing = [c for c in coverage.claims if c.status == "differ"]
    if not differing:
        lines += ["None.", ""]
    for claim in differing:
        lines += _claim_block(coverage, claim, names)
    lines += ["## What only one source reports", ""]
    for k in range(len(coverage.documents)):
        lines += _own_block(coverage, k, names)
    if notes is not None:
        lines += markdown_section(coverage, notes)
    return "\n".join(lines)


def _matrix_header(n: int) -> str:
    cols = " | ".join(str(k + 1) for k in range(n))
    return f"| claim | reference wording | {cols} |\n|---|---|{'---|' * n}"


def _matrix_row(coverage: Coverage, claim: Claim) -> str:
    cells = " | ".join(md_escape(cell_text(claim, k)) for k in range(len(coverage.documents)))
    return f"| {claim.id + 1} | {md_escape(claim_text(coverage, claim))} | {cells} |"


def _claim_block(coverage: Coverage, claim: Claim, names: list[str]) -> list[str]:
    out = [f"### Claim {claim.id + 1} · {len(claim.members)} of {len(coverage.documents)} sources", ""]
    for k, ids in claim.members.items():
        kind = cell_kind(claim, k)
        out.append(f"- `{CELL_GLYPHS[kind]}` **{md_escape(names[k])}** ({sentence_numbers(ids)}): "
                   f"{md_escape(member_text(coverage, claim, k))}")
        for c in claim.changes.get(k, []):
            out.append(f"  - *{md_escape(c.type)}*: {md_escape(c.text) or '—'} "
                       f"(reference: {md_escape(c.reference_text) or '—'})")
    out.append("")
    return out


def _own_block(coverage: Coverage, source: int, names: list[str]) -> list[str]:
    own = coverage.summary(source).own_claims
    out = [f"### Only in {md_escape(names[source])} ({len(own)})", ""]
    if not own:
        out.append("Nothing: every claim it carries is in another source too.")
    for cid in own:
        claim = coverage.claims[cid]
        out.append(f"- claim {cid + 1} ({sentence_numbers(claim.members[source])}): "
                   f"{md_escape(member_text(coverage, claim, source))}")
    out.append("")
    return out
