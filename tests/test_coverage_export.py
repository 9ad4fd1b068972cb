"""Coverage exports (``tui.export.coverage``): JSON, Markdown and HTML of several sources, and
hostile text (markup, terminal escapes, Markdown syntax) in documents and file names."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from tui.compare import Document
from tui.compare.coverage import compare_many
from tui.compare.load import sha256_hex
from tui.export.coverage import render_coverage

HOSTILE = {
    "<script>alert('name')</script>|x`.txt":
        "The council approved a budget of 4.2 million dollars <script>alert(1)</script> on Monday. "
        "The mayor said \x1b[31mthe money\x1b[0m would go to schools | roads. "
        "Nobody else saw the [secret](javascript:alert(2)) meeting.",
    "b\x1b]0;pwned\x07.txt":
        "On Monday the council approved a budget of 4.8 million dollars <img src=x onerror=alert(3)>. "
        "The mayor said the money would go to schools | roads.",
    "c.txt":
        "The council approved a budget of 4.2 million dollars on Monday. "
        "The mayor said the money would go to schools and roads. *Bold* claims & `code` <b>here</b>.",
}

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "b", "a", "table",
                "thead", "tbody", "tr", "th", "td", "code", "details", "summary", "ul", "li", "span", "section"}


@pytest.fixture(scope="module")
def hostile():
    docs = [Document(path=name, text=text, sha256=sha256_hex(text.encode())) for name, text in HOSTILE.items()]
    return compare_many(docs)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name == "href":
                self.hrefs.append(value)


def test_the_hostile_sources_still_share_claims(hostile):
    assert sum(1 for c in hostile.claims if len(c.members) == 3) == 2
    assert hostile.counts()["only"] == 2


def test_html_shows_hostile_text_as_text_and_every_cell_link_lands(hostile):
    page = render_coverage(hostile, "html")
    tags = Tags()
    tags.feed(page)
    assert tags.tags <= ALLOWED_TAGS
    assert not [name for name, _ in tags.attrs if name.startswith("on")]
    assert "\x1b" not in page and "\x07" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page
    assert all(h.startswith("#") for h in tags.hrefs)
    assert {h[1:] for h in tags.hrefs} <= tags.ids
    # a cell of every claim links to the sentence of that source that carries it
    for claim in hostile.claims:
        for k, ids in claim.members.items():
            assert f'href="#s{k + 1}-{ids[0] + 1}"' in page


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_markdown_escapes_hostile_text_and_keeps_the_matrix_columns(hostile):
    text = render_coverage(hostile, "markdown")
    assert "\x1b" not in text and "\x07" not in text
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert "\\[secret\\](javascript:alert(2))" in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    matrix = [r for r in rows if len(_cells(r)) == 2 + len(hostile.documents)]
    assert len(matrix) == len(hostile.claims)
    sources = [r for r in rows if len(_cells(r)) == 8]
    assert len(sources) == len(hostile.documents)


def test_json_keeps_the_text_exactly_and_escapes_control_characters(hostile):
    out = render_coverage(hostile, "json")
    assert "\x1b" not in out
    data = json.loads(out)
    assert [s["path"] for s in data["sources"]] == list(HOSTILE)
    for src, text in zip(data["sources"], HOSTILE.values()):
        assert all(text[s["start"]:s["end"]] == s["text"] for s in src["sentences"])
    assert "\x1b[31m" in data["sources"][0]["sentences"][1]["text"]


def test_an_unknown_format_is_refused(hostile):
    with pytest.raises(ValueError, match="unknown coverage format"):
        render_coverage(hostile, "pdf")
