"""One path to an open comparison: "open saved" reopens what was saved the way it was first
opened (web pages as articles, URLs from the cache), notes that cannot be saved are never lost
on quit, and notes saved on the same texts elsewhere are offered, not taken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.ui.app import SideBySideApp
from tui.compare import compare_files
from tui.ui.screens.lists import PickList
from tui.ui.screens.note_editor import NoteEditor
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.unsaved import UnsavedDialog
from tui.session import Session
from tui.sources import load_source
from tui.store.comparisons import list_saved, record_path
from tui.web import cache as page_cache

from .conftest import AP, AP_REWRITE
from .pilot_waits import wait_until

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SIZE = (140, 40)


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


async def write_note(pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def open_first_saved(pilot) -> ReaderScreen:
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickList)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen


async def test_open_saved_reopens_saved_web_pages_as_their_articles(tmp_path, data):
    left, right = tmp_path / "courier.html", tmp_path / "ledger.html"
    shutil.copy(FIXTURES / "courier-flood.html", left)
    shutil.copy(FIXTURES / "ledger-flood.html", right)
    session = Session.open([str(left), str(right)], data)
    session.write_note("left", 0, "checked")
    app = SideBySideApp(None, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        r = await open_first_saved(pilot)
        assert r.comparison.left.text == load_source(str(left)).text  # the article, not the markup
        assert r.store.message == "" and r.store.path == session.record.path
        assert [a.body for a in r.store.annotations] == ["checked"]
        assert not [n for n in app._notifications if "changed" in n.message]
    assert [s.file for s in list_saved(data)] == [session.record.path]


async def test_open_saved_reopens_a_url_comparison_from_the_cache(tmp_path, data):
    url = "http://127.0.0.1:9/ledger"  # nothing listens there: the cached copy must be used
    article = load_source(str(FIXTURES / "ledger-flood.html"))
    page_cache.save(page_cache.CachedPage(url, url, article.title, article.text, "2025-01-01T00:00:00+00:00"))
    right = tmp_path / "courier.html"
    shutil.copy(FIXTURES / "courier-flood.html", right)
    session = Session.open([url, str(right)], data)
    session.write_note("left", 1, "from the web")
    app = SideBySideApp(None, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        r = await open_first_saved(pilot)
        assert r.comparison.left.source["kind"] == "url" and r.comparison.left.text == article.text
        assert [a.body for a in r.store.annotations] == ["from the web"]
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_quitting_with_notes_that_could_not_be_saved_offers_to_export_them(pair, data, tmp_path):
    c = compare_files(*pair)
    record_path(c.left, c.right, data).mkdir(parents=True)  # the record's path is a folder
    app = SideBySideApp(c, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_note(pilot, "keep me")
        reader = app.screen
        assert "not saved" in reader.status_text()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)  # not gone
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader and app.is_running
        await pilot.press("q")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "missing-folder" / "notes.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)  # a file that cannot be written: stay, say why
        assert "cannot write" in str(app.screen.query_one("#problem").render())
        app.screen.query_one("#path").value = str(tmp_path / "notes.md")
        await pilot.press("enter")
        await pilot.pause()
    assert "keep me" in (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert str(tmp_path / "notes.md") in app.farewell


async def test_quitting_when_everything_is_saved_asks_nothing(pair, data):
    app = SideBySideApp(compare_files(*pair), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_note(pilot, "saved")
        assert "not saved" not in app.screen.status_text()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.farewell == ""


async def test_notes_on_the_same_texts_elsewhere_are_offered_and_copied(pair, data, tmp_path):
    first = Session.open([str(p) for p in pair], data)
    first.write_note("left", 0, "made on the originals")
    before = first.record.path.read_bytes()
    copies = [tmp_path / "copy-a.txt", tmp_path / "copy-b.txt"]
    for src, dst in zip(pair, copies):
        shutil.copy(src, dst)
    app = SideBySideApp(session=Session.open([str(p) for p in copies], data), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        assert r.store.annotations == []
        assert any("same texts have notes saved" in n.message for n in app._notifications)
        [command] = [c for c in app.get_system_commands(r) if c.title.startswith("Copy the notes")]
        command.callback()
        await pilot.pause()
        assert [a.body for a in r.store.annotations] == ["made on the originals"]
        assert 0 in r.left_pane.notes
    assert first.record.path.read_bytes() == before
    assert len(list_saved(data)) == 2


async def test_open_saved_from_the_reader_the_app_started_on(tmp_path, data):
    # The command line's reader is the app's default screen, which Textual cannot switch away
    # from: opening a saved comparison there crashed the app.
    left, right = tmp_path / "courier.html", tmp_path / "ledger.html"
    shutil.copy(FIXTURES / "courier-flood.html", left)
    shutil.copy(FIXTURES / "ledger-flood.html", right)
    Session.open([str(left), str(right)], data).write_note("left", 0, "checked")
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen) and not app.screen.aligning)
        r = await open_first_saved(pilot)
        assert r is not first and r.comparison.left.text == load_source(str(left)).text
        assert [a.body for a in r.store.annotations] == ["checked"]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
