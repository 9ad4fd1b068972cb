"""Exports with notes: HTML that is one safe, self-contained page; W3C Web Annotation JSON-LD;
the JSON report and Markdown with an annotations part."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser

import pytest

from tui.compare import compare_files, compare_texts
from tui.export import render
from tui.export.text import visible
from tui.store.comparisons import load_for
from tui.store.corrections import apply_corrections

from .conftest import AP, AP_REWRITE

HOSTILE = [
    "<script>alert(1)</script>",
    '"175 & counting"',
    "[bold]not markup[/bold]",
    "\x1b[31mred\x1b[0m",
    "</td></tr></table><img src=x onerror=alert(2)>",
]
LEFT = (
    "The council met on Monday to discuss <script>alert(1)</script> in the budget. "
    'Officials said "175 & counting" were affected. '
    "The mayor said [bold]not markup[/bold] was fine. "
    "A line with \x1b[31mred\x1b[0m colour codes survived. "
    "Nobody expected </td></tr></table><img src=x onerror=alert(2)> here."
)
RIGHT = (
    "The council met on Tuesday to discuss <script>alert(1)</script> in the budget. "
    'Officials said "170 & counting" were affected. '
    "The mayor said [bold]not markup[/bold] was fine. "
    "A line with \x1b[31mred\x1b[0m colour codes survived. "
    "A wholly different closing sentence about parks."
)


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


@pytest.fixture
def hostile(tmp_path):
    c = compare_texts(LEFT, RIGHT, "<b>left</b>.txt", 'right"&.txt')
    store = load_for(c.left, c.right, tmp_path / "data")
    store.note_sentences(c, "left", [0], "<script>alert('note')</script> & \"so\"", ["<i>tag</i>", "disputed"])
    store.note_link(c, 0, "\x1b]0;title\x07 [red]x[/red]")
    store.unlink(c, 0)
    return apply_corrections(c, store.corrections), store


def test_html_escapes_every_piece_of_hostile_text(hostile):
    c, store = hostile
    page = render(c, "html", store)
    parsed = Collect()
    parsed.feed(page)
    parsed.close()
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name, _ in parsed.attrs if name.startswith("on") or name == "src"]
    text = "".join(parsed.text)
    for piece in HOSTILE:
        assert visible(piece) in text, piece
    assert "<script>alert('note')</script> & \"so\"" in text
    assert "<i>tag</i>" in text and "<b>left</b>.txt" in text and 'right"&.txt' in text
    assert "\x1b" not in page and "\x07" not in page


def test_html_is_self_contained(hostile):
    c, store = hostile
    page = render(c, "html", store)
    parsed = Collect()
    parsed.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert {"script", "link", "iframe", "object", "embed", "img"}.isdisjoint(parsed.tags)
    assert not [v for name, v in parsed.attrs if name in ("href", "src") and v and not v.startswith("#")]
    assert "url(" not in parsed.style and "@import" not in parsed.style


@pytest.fixture
def annotated(tmp_path):
    c = compare_files(AP, AP_REWRITE)
    store = load_for(c.left, c.right, tmp_path / "data")
    k = c.link_of("left", 7)
    store.note_link(c, k, "Three outlets say 175 each.", ["verified", "numbers"])
    store.set_verdict(c, k, "match")
    return apply_corrections(c, store.corrections), store, k


def test_html_shows_aligned_rows_with_glyphs_changed_words_and_notes_beside_their_sentence(annotated):
    c, store, k = annotated
    page = render(c, "html", store)
    row = next(line for line in page.splitlines() if "Three outlets say 175 each." in line)
    assert 'class="sn">8</span>Putin also <span class="w-replace">told</span>' in row
    assert '<span class="glyph" title="match">=</span>' in row
    assert "✎ your correction:</span> verdict → match (the engine said differ)" in row
    assert '<span class="tag tag-verified">verified</span>' in row
    assert "≠" in page and "+" in page  # the other verdicts' glyphs
    assert '<span class="ctype">number</span>' in page


def test_jsonld_is_one_w3c_annotation_per_note_with_both_selectors(annotated):
    c, store, k = annotated
    doc = json.loads(render(c, "jsonld", store))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 1
    [item] = doc["first"]["items"]
    assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
    assert item["motivation"] == "commenting"
    assert item["body"][0] == {"type": "TextualBody", "value": "Three outlets say 175 each.",
                               "format": "text/plain", "purpose": "commenting"}
    assert [b["value"] for b in item["body"] if b["purpose"] == "tagging"] == ["verified", "numbers"]
    assert len(item["target"]) == 2
    for target, doc_ in zip(item["target"], (c.left, c.right)):
        assert target["source"].startswith("file://") and target["source"].endswith(doc_.path.rsplit("/", 1)[-1])
        quote, position = target["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        assert doc_.text[position["start"] : position["end"]] == quote["exact"]
        assert doc_.text[: position["start"]].endswith(quote["prefix"])
        assert doc_.text[position["end"] :].startswith(quote["suffix"])


def test_jsonld_of_text_without_a_file_names_it_by_hash(hostile):
    c, store = hostile
    doc = json.loads(render(c, "jsonld", store))
    assert doc["first"]["items"][0]["target"][0]["source"].startswith("urn:sha256:")


def test_json_report_keeps_its_shape_and_adds_annotations(annotated):
    c, store, k = annotated
    plain = json.loads(render(c, "json"))
    full = json.loads(render(c, "json", store))
    assert list(full) == list(plain) + ["annotations"]
    notes = full["annotations"]["notes"]
    assert notes[0]["left"] == [7] and notes[0]["body"] == "Three outlets say 175 each."
    [fix] = full["annotations"]["corrections"]
    assert (fix["action"], fix["kind"], fix["left"]) == ("verdict", "match", [7])
    assert full["links"][k]["origin"] == "user"


def test_markdown_lists_notes_and_corrections(annotated):
    c, store, k = annotated
    md = render(c, "markdown", store)
    assert "## Notes (1)" in md and "**left 8 ↔ right 9** · `verified` `numbers`" in md
    assert "## Corrections (1)" in md and "✎ verdict → match · left 8 ↔ right 9" in md
    assert "(✎ corrected by you)" in md


def test_orphaned_notes_are_exported_with_the_text_they_were_on(tmp_path):
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(AP, left)
    shutil.copy(AP_REWRITE, right)
    c = compare_files(left, right)
    store = load_for(c.left, c.right, tmp_path / "data")
    lede = c.left.sentence_text(0)
    store.note_sentences(c, "left", [0], "about the lede")
    store.save()
    left.write_text(left.read_text(encoding="utf-8").replace(lede, ""), encoding="utf-8")
    c2 = compare_files(left, right)
    again = load_for(c2.left, c2.right, tmp_path / "data")
    page = render(c2, "html", again)
    assert "Notes that lost their place (1)" in page and "about the lede" in page
    md = render(c2, "markdown", again)
    assert "orphaned: its text is gone" in md and "nowhere (orphaned)" in md


def test_write_export_names_the_file_after_both_documents(annotated, tmp_path):
    from tui.export.files import ExportError, write_export

    c, store, _ = annotated
    path = write_export(c, "html", store, tmp_path)
    assert path.name == "02-ap-story-western-journal--04-ap-story-rewritten.html"
    assert "Three outlets say 175 each." in path.read_text(encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        write_export(c, "markdown", store, blocker)
