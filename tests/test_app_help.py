"""The help screen, the footer and the README list the keys the reader really has."""

from __future__ import annotations

from pathlib import Path

from tui.ui.screens.help import SECTIONS, default_bindings, help_text, key_names
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.article_pane import ArticlePane

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_binding_has_a_row_in_the_help():
    listed = {i for _, rows in SECTIONS for ids, _ in rows for i in ids}
    for binding in [*ReaderScreen.BINDINGS, *ArticlePane.BINDINGS]:
        assert binding.id in listed, binding


def test_every_binding_has_an_id_and_a_description():
    ids = [b.id for b in [*ReaderScreen.BINDINGS, *ArticlePane.BINDINGS]]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(b.description for b in [*ReaderScreen.BINDINGS, *ArticlePane.BINDINGS])


def test_capitals_are_bound_for_the_kitty_keyboard_protocol_too():
    for binding in ReaderScreen.BINDINGS:
        keys = binding.key.split(",")
        for key in keys:
            if len(key) == 1 and key.isupper():
                assert f"shift+{key.lower()}" in keys, binding


def test_the_fixed_keys():
    by_key = {k: b.action for b in ReaderScreen.BINDINGS for k in b.key.split(",")}
    assert by_key["n"] == "jump(1, 'diff')" and by_key["N"] == "jump(-1, 'diff')"
    assert by_key["question_mark"] == "help" and by_key["q"] == "quit"


def test_key_names_read_as_typed():
    bindings = default_bindings()
    assert key_names(bindings["prev-diff"]) == ["N"]
    assert key_names(bindings["prev-note"]) == ["["]
    assert key_names(bindings["bottom"]) == ["G", "End"]
    assert key_names(bindings["prev-only-left"]) == ["!"]


def test_the_readme_documents_every_key():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The reader"):]
    for title, rows in SECTIONS:
        for ids, what in rows:
            for i in ids:
                for key in key_names(default_bindings()[i]):
                    assert f"`{key}`" in section, (i, key)
    assert "screenshots/reader.svg" in section
    assert help_text(default_bindings())
