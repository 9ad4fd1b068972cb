"""Notes and corrections in the app: the editor, the keys, saving, reopening, exporting."""

from __future__ import annotations

import pytest

from tui.ui.app import SideBySideApp
from tui.compare import compare_files
from tui.ui.screens.lists import PickList
from tui.ui.screens.note_editor import NoteEditor
from tui.ui.screens.reader import ReaderScreen
from tui.store.comparisons import list_saved

SIZE = (140, 40)


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def open_app(pair, data) -> SideBySideApp:
    return SideBySideApp(compare_files(*pair), data_dir=data)


async def write_note(pilot, text: str, tags=()) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    for tag in tags:
        pilot.app.screen.query_one(f"#tag-{tag}").value = True
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_note_round_trip_across_restarts(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        r = app.screen
        sid = r.current["left"]
        await write_note(pilot, "175 each?", ["disputed"])
        assert isinstance(app.screen, ReaderScreen)
        assert [n.body for n in r.notes_here()] == ["175 each?"]
        assert sid in r.left_pane.notes
    # A new app on the same two files finds the note again.
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        assert sid in r.left_pane.notes
        r.select("left", sid)
        notes = r.notes_here()
        assert [(n.body, n.tags) for n in notes] == [("175 each?", ["disputed"])]


async def test_escape_cancels_and_printable_keys_stay_in_the_editor(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        before = r.current["left"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n", "q", "?")  # would jump, quit and open help outside the editor
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("#body").text == "nq?"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert r.current["left"] == before and r.store.annotations == []


async def test_edit_and_delete_a_note(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        await write_note(pilot, "first")
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#body").text == "first"
        await pilot.press("end", *" and more", "ctrl+s")
        await pilot.pause()
        assert [n.body for n in r.store.annotations] == ["first and more"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert r.store.annotations == []


async def test_next_previous_note_and_the_notes_list(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        await write_note(pilot, "top")
        await pilot.press("G")
        await write_note(pilot, "bottom")
        last = r.current["left"]
        await pilot.press("g")
        await pilot.press("right_square_bracket")
        assert r.current["left"] == last
        await pilot.press("left_square_bracket")
        assert r.current["left"] == 0
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, PickList)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert r.current["left"] == last


async def test_verdict_override_survives_a_restart(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        await pilot.press("d")
        k = r.current_link
        assert r.comparison.links[k].kind == "differ"
        await pilot.press("c")
        await pilot.pause()
        link = r.comparison.links[r.current_link]
        assert link.kind == "match" and link.origin == "user"
        sid = r.current["left"]
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        k = r.comparison.link_of("left", sid)
        assert r.comparison.links[k].kind == "match" and r.comparison.links[k].origin == "user"


async def test_unlink_and_link_again(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        await pilot.press("j", "j")
        left = r.current["left"]
        right = r.current["right"]
        assert r.current_link is not None
        await pilot.press("u")
        await pilot.pause()
        assert r.comparison.link_of("left", left) is None
        assert r.comparison.link_of("right", right) is None
        await pilot.press("plus")
        r.select("right", right)
        await pilot.press("plus")
        await pilot.pause()
        k = r.comparison.link_of("left", left)
        assert k is not None and r.comparison.links[k].right == (right,)
        assert r.store.corrections == []  # linking them again undid the unlink
        # Two sentences the engine left unlinked: the user's link is judged and marked as such.
        lonely_left, lonely_right = r.comparison.only("left")[0], r.comparison.only("right")[0]
        r.select("left", lonely_left)
        await pilot.press("plus")
        r.select("right", lonely_right)
        await pilot.press("plus")
        await pilot.pause()
        k = r.comparison.link_of("left", lonely_left)
        assert k is not None and r.comparison.links[k].origin == "user"
        assert r.comparison.links[k].right == (lonely_right,)


async def test_export_action_writes_the_file_and_says_where(pair, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_note(pilot, "<script>alert(1)</script>")
        await pilot.press("x")
        await pilot.pause()
    files = list(tmp_path.glob("*.html"))
    assert len(files) == 1
    page = files[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert any(str(files[0].name) in n.message for n in app._notifications)


async def test_unwritable_data_dir_keeps_the_app_usable(pair, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = open_app(pair, blocker / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = app.screen
        await write_note(pilot, "kept in memory")
        assert [n.body for n in r.store.annotations] == ["kept in memory"]
        assert any(n.severity == "error" for n in app._notifications)
        await pilot.press("n")
        assert isinstance(app.screen, ReaderScreen)


async def test_open_a_saved_comparison_from_the_list(pair, data):
    app = open_app(pair, data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_note(pilot, "saved")
    assert len(list_saved(data)) == 1
    app = SideBySideApp(None, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PickList)
        await pilot.press("enter")
        await pilot.pause()
        r = app.screen
        assert isinstance(r, ReaderScreen)
        assert r.comparison.left.path == str(pair[0]) and len(r.store.annotations) == 1
