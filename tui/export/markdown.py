"""The comparison as a readable Markdown report; document text is escaped so it renders literally."""

from __future__ import annotations

import re

from ..compare.model import Comparison, Link

GLYPHS = {"match": "=", "differ": "≠", "only": "+"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it as written (no emphasis, links, HTML or control codes)."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _quote(comparison: Comparison, side: str, ids: tuple[int, ...]) -> str:
    doc = comparison.doc(side)  # type: ignore[arg-type]
    return " ".join(md_escape(doc.sentence_text(i)) for i in ids)


def _link_block(comparison: Comparison, n: int, link: Link) -> list[str]:
    out = [f"### {n}. {GLYPHS[link.kind]} {link.kind} (score {link.score:.2f})", ""]
    out.append(f"- **left** (sentence {', '.join(str(i + 1) for i in link.left)}): {_quote(comparison, 'left', link.left)}")
    out.append(f"- **right** (sentence {', '.join(str(i + 1) for i in link.right)}): {_quote(comparison, 'right', link.right)}")
    for c in link.changes:
        out.append(f"  - *{c.type}*: {md_escape(c.left_text) or '—'} → {md_escape(c.right_text) or '—'}")
    out.append("")
    return out


def render_markdown(comparison: Comparison) -> str:
    left, right = comparison.left, comparison.right
    counts = comparison.counts()
    lines = [
        f"# {md_escape(left.name)} ↔ {md_escape(right.name)}",
        "",
        f"- left: `{left.path}` ({len(left.sentences)} sentences, sha256 {left.sha256[:12]}…)",
        f"- right: `{right.path}` ({len(right.sentences)} sentences, sha256 {right.sha256[:12]}…)",
        f"- {counts['match']} match · {counts['differ']} differ · "
        f"{counts['only_left']} only left · {counts['only_right']} only right",
        "",
        f"Legend: `{GLYPHS['match']}` match, `{GLYPHS['differ']}` differ, `{GLYPHS['only']}` only in one source.",
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
        lines.append(f"{n}. {GLYPHS['match']} {_quote(comparison, 'left', link.left)}")
        lines.append(f"   {GLYPHS['match']} {_quote(comparison, 'right', link.right)}")
    lines.append("")
    return "\n".join(lines)
