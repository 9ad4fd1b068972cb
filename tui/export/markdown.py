"""The comparison as a readable Markdown report; document text is escaped so it renders literally."""

from __future__ import annotations

import re

from ..compare.model import Comparison, Link
from ..visible import visible
from ..vocabulary import GLYPHS, LABELS, NOTE_MARK, count, numbers, pair_title, where
from .notes import correction_sentences

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_BACKTICKS = re.compile(r"`+")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it as written (no emphasis, links, HTML or control codes)."""
    text = visible(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def md_code(text: str) -> str:
    """A code span showing ``text`` as written (a path, a tag): controls made visible, and a
    fence longer than any run of backticks inside (CommonMark code spans take no escapes)."""
    text = visible(text, keep="")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _quote(comparison: Comparison, side: str, ids: tuple[int, ...]) -> str:
    doc = comparison.doc(side)  # type: ignore[arg-type]
    return " ".join(md_escape(doc.sentence_text(i)) for i in ids)


def _link_block(comparison: Comparison, n: int, link: Link) -> list[str]:
    corrected = f" · {NOTE_MARK} corrected by you" if link.origin == "user" else ""
    out = [f"### {n}. {GLYPHS[link.kind]} {link.kind} (score {link.score:.2f}){corrected}", ""]
    out.append(f"- **left** (sentence {numbers(link.left)}): {_quote(comparison, 'left', link.left)}")
    out.append(f"- **right** (sentence {numbers(link.right)}): {_quote(comparison, 'right', link.right)}")
    for c in link.changes:
        out.append(f"  - *{c.type}*: {md_escape(c.left_text) or '—'} → {md_escape(c.right_text) or '—'}")
    out.append("")
    return out


def _notes_section(comparison: Comparison, annotations) -> list[str]:
    """Notes in reading order and the user's corrections (``annotations``: the store)."""
    placed = annotations.placed_notes(comparison)
    lines = [f"## Notes ({len(placed)})", ""]
    if not placed:
        lines += ["None.", ""]
    for n, p in enumerate(placed, 1):
        a = p.annotation
        tags = " ".join(md_code(t) for t in a.tags)
        status = {"moved": " · re-anchored after the text changed",
                  "orphaned": " · orphaned: its text is gone"}.get(a.status, "")
        lines.append(f"{n}. **{where(p.left, p.right)}**{' · ' + tags if tags else ''}{status}")
        for t in a.targets:
            lines.append(f"   > {t.side}: {md_escape(t.exact)}")
        lines.append("")
        for body_line in a.body.splitlines():
            lines.append(f"   {md_escape(body_line)}".rstrip())
        lines.append("")
    corrections = list(annotations.corrections)
    lines += [f"## Corrections ({len(corrections)})", ""]
    if not corrections:
        lines += ["None.", ""]
    for n, c in enumerate(corrections, 1):
        left, right = correction_sentences(comparison, c)
        status = "" if c.status == "anchored" else f" · {c.status}"
        lines.append(f"{n}. {NOTE_MARK} {c.describe()} · {where(left, right)}{status}")
    if corrections:
        lines.append("")
    return lines


def render_markdown(comparison: Comparison, annotations=None) -> str:
    left, right = comparison.left, comparison.right
    counts = comparison.counts()
    lines = [
        f"# {pair_title(md_escape(left.name), md_escape(right.name))}",
        "",
        f"- left: {md_code(left.path)} ({count(len(left.sentences), 'sentence')}, sha256 {left.sha256[:12]}…)",
        f"- right: {md_code(right.path)} ({count(len(right.sentences), 'sentence')}, sha256 {right.sha256[:12]}…)",
        f"- {counts['match']} match · {counts['differ']} differ · "
        f"{counts['only_left']} only left · {counts['only_right']} only right",
        "",
        "Legend: " + ", ".join(f"`{GLYPHS[m]}` {LABELS[m]}" for m in ("match", "differ", "only")) + ".",
        "",
    ]
    differ = [(k, link) for k, link in enumerate(comparison.links) if link.kind == "differ"]
    match = [(k, link) for k, link in enumerate(comparison.links) if link.kind == "match"]
    lines += ["## Differences", ""]
    if not differ:
        lines += ["None.", ""]
    for n, (_, link) in enumerate(differ, 1):
        lines += _link_block(comparison, n, link)
    for side, title in (("left", left.name), ("right", right.name)):
        only = comparison.only(side)  # type: ignore[arg-type]
        lines += [f"## Only in {md_escape(title)} ({side})", ""]
        if not only:
            lines += ["None.", ""]
        for i in only:
            lines.append(f"- {GLYPHS['only']} ({i + 1}) {md_escape(comparison.doc(side).sentence_text(i))}")  # type: ignore[arg-type]
        lines.append("")
    lines += ["## Matches", ""]
    for n, (_, link) in enumerate(match, 1):
        corrected = f" ({NOTE_MARK} corrected by you)" if link.origin == "user" else ""
        lines.append(f"{n}. {GLYPHS['match']} {_quote(comparison, 'left', link.left)}{corrected}")
        lines.append(f"   {GLYPHS['match']} {_quote(comparison, 'right', link.right)}")
    lines.append("")
    if annotations is not None:
        lines += _notes_section(comparison, annotations)
    return "\n".join(lines)
