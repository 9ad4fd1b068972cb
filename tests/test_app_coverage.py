"""The coverage view in the app: its keys, the order, the filter and the base, the drill-down
into the reader and back to the same row, notes on a claim (saved, reopened, exported, never
lost to a failed write), the reader's notes shown on the claims, and the picker's "all five"."""

from __future__ import annotations

import json

import pytest

from tui.compare.coverage import ClaimRoute
from tui.corpus import sample_files
from tui.coverage_session import CoverageSession
from tui.store.claim_notes import coverage_dir
from tui.ui.app import SideBySideApp
from tui.ui.screens.coverage import CoverageScreen
from tui.ui.screens.drill_down import DrillDownReader
from tui.ui.widgets.coverage_grid import CoverageHeader
from tui.ui.screens.help import HelpScreen, key_names
from tui.ui.screens.note_editor import NoteEditor
from tui.ui.screens.pick_pair import PickPairScreen
from tui.ui.screens.unsaved import UnsavedDialog

from .pilot_waits import wait_until

SIZE = (160, 48)
FIVE = [str(p) for p in sample_files()]
THREE = [FIVE[0], FIVE[2], FIVE[4]]  # the statements, the wire story, its rewrite (quicker to group)
AP, REWRITE = 1, 2  # the wire story and its rewrite, in THREE
PRISONERS = 7       # the wire story's "... exchange 175 prisoners of war each ..."


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def open_app(data, sources=THREE) -> SideBySideApp:
    return SideBySideApp(session=CoverageSession.open(sources, data), data_dir=data)


def view(app) -> CoverageScreen:
    screen = app.screen
    assert isinstance(screen, CoverageScreen), screen
    return screen


async def press(pilot, *keys) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def visit_all(pilot, key: str, most: int = 6) -> list[int]:
    """The claim ids a jump key visits, pressed until it stops moving (or ``most`` times)."""
    screen = view(pilot.app)
    seen: list[int] = []
    while len(seen) < most:
        before = screen.grid.row
        await press(pilot, key)
        if screen.grid.row == before:
            return seen
        seen.append(screen.grid.claim.id)
    return seen


async def test_the_jump_keys_visit_every_claim_of_their_kind_in_row_order(data):
    app = open_app(data, FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        cov = screen.coverage
        rows = [c.id for c in cov.claims]
        assert screen.grid.claim.id == rows[0]
        differ = [c for c in rows if cov.claims[c].status == "differ"]
        only = [c for c in rows if len(cov.claims[c].members) == 1]
        every = [c for c in rows if len(cov.claims[c].members) == len(FIVE)]
        assert differ and only and every
        after_first = lambda ids: [c for c in ids if c != rows[0]][:6]  # noqa: E731  (the jumps start below row 1)
        assert await visit_all(pilot, "d") == after_first(differ)
        await press(pilot, "g")
        assert await visit_all(pilot, "1") == after_first(only)
        await press(pilot, "g")
        assert len(every) < 6 and await visit_all(pilot, "m") == after_first(every)  # all of them, then it stops
        await press(pilot, "g")
        assert await visit_all(pilot, "n") == after_first(sorted(set(differ) | set(only)))
        # and back up from the last row
        await press(pilot, "G")
        last = screen.grid.claim.id
        assert last == rows[-1]
        assert await visit_all(pilot, "D") == [c for c in reversed(differ) if c < last][:6]
        await press(pilot, "G")
        assert await visit_all(pilot, "exclamation_mark") == [c for c in reversed(only) if c < last][:6]
        await press(pilot, "G")
        assert await visit_all(pilot, "M") == [c for c in reversed(every) if c < last]
        assert "one source" in screen.status_text()


async def test_columns_sort_filter_and_base(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        await press(pilot, "l", "l")
        assert screen.grid.column == 2
        await press(pilot, "h")
        assert screen.grid.column == 1

        await press(pilot, "s")  # most sources first
        counts = [len(screen.coverage.claims[c].members) for c in screen.grid.route.ids]
        assert counts == sorted(counts, reverse=True) and screen.grid.order == "by_count"
        await press(pilot, "s")
        assert screen.grid.route.ids == [c.id for c in screen.coverage.claims]

        await press(pilot, "z")  # only differences (the filter's own test is below)
        assert 0 < len(screen.grid.route) < len(screen.coverage.claims)
        await press(pilot, "z")
        assert len(screen.grid.route) == len(screen.coverage.claims)

        # make the wire story the base, on the prisoner-swap claim: the row stays on that claim
        swap = screen.coverage.claim_of(AP, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "h", "l")  # the wire story's column
        assert screen.grid.column == AP
        await press(pilot, "B")
        await wait_until(pilot, lambda: screen.rebasing is None)  # made in a thread
        cov = screen.coverage
        assert cov.base == AP and screen.grid.claim.id == cov.claim_of(AP, PRISONERS)
        assert screen.grid.claim.reference == AP
        base_rows = [c.members[AP][0] for c in cov.claims if AP in c.members]
        assert base_rows == sorted(base_rows)  # rows follow the wire story's reading order


async def test_enter_opens_the_reader_on_the_claim_and_escape_returns_to_the_same_row(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        swap = screen.coverage.claim_of(AP, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "l", "l", "l")  # the rewrite's column (the last: the keys stop there)
        row, column = screen.grid.row, screen.grid.column
        assert column == REWRITE
        await press(pilot, "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, DrillDownReader)
        left, right = reader.comparison.left, reader.comparison.right
        assert left is screen.coverage.documents[0] and right is screen.coverage.documents[REWRITE]
        claim = screen.coverage.claims[swap]
        assert reader.cursor == ("right", claim.members[REWRITE][0])
        assert "175 prisoners" in right.sentence_text(reader.cursor[1])
        await press(pilot, "escape")
        assert app.screen is screen and (screen.grid.row, screen.grid.column) == (row, column)


async def test_escape_in_the_drill_down_closes_the_detail_panel_first(data):
    app = open_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = view(app)
        await press(pilot, "d", "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, DrillDownReader)
        await press(pilot, "i")
        assert reader.detail_open
        await press(pilot, "escape")
        assert app.screen is reader and not reader.detail_open
        await press(pilot, "escape")
        assert app.screen is screen


async def test_a_note_on_a_claim_is_saved_reopened_and_exported(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        swap = screen.coverage.claim_of(AP, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"175 each, or in all?")
        app.screen.query_one("#tag-disputed").value = True
        await press(pilot, "ctrl+s")
        assert app.screen is screen and swap in screen.grid.noted
        assert "175 each, or in all?" in screen.query_one("#detail").render().plain
        assert "1 note" in screen.status_text()
    [record] = coverage_dir(data).glob("*.json")
    assert "175 each, or in all?" in record.read_text(encoding="utf-8")

    # The same sources in another order: the note is on the same claim.
    app = open_app(data, THREE[::-1])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        ap = len(THREE) - 1 - AP
        swap = screen.coverage.claim_of(ap, PRISONERS)
        assert swap in screen.grid.noted
        screen.go_to_claim(swap)
        await press(pilot, "a")
        assert app.screen.query_one("#body").text == "175 each, or in all?"  # the editor opens the note
        await press(pilot, "escape")
        report = json.loads(screen.session.export("json"))
        [note] = report["annotations"]["notes"]
        assert note["claim"] == swap and note["tags"] == ["disputed"]


async def test_the_readers_notes_show_on_the_claims_after_going_back(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        swap = screen.coverage.claim_of(AP, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "l", "l")
        await press(pilot, "enter")
        assert isinstance(app.screen, DrillDownReader)
        await press(pilot, "a")
        await pilot.press(*"from the reader")
        await press(pilot, "ctrl+s")
        await press(pilot, "escape")
        assert app.screen is screen
        assert swap in screen.grid.noted
        assert [p.annotation.body for p in screen.session.pair_notes_on(swap)] == ["from the reader"]
        assert "in the reader" in screen.query_one("#detail").render().plain


async def test_a_note_that_cannot_be_saved_is_kept_and_quitting_asks(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        folder = coverage_dir(data)
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("not a folder", encoding="utf-8")
        await press(pilot, "a")
        await pilot.press(*"keep me")
        await press(pilot, "ctrl+s")
        assert screen.session.unsaved == 1 and "not saved" in screen.status_text()
        await press(pilot, "q")
        assert isinstance(app.screen, UnsavedDialog)
        await press(pilot, "escape")  # keep the app open
        assert app.screen is screen
        folder.unlink()
        await press(pilot, "q")  # the folder is writable again: saved, then quit
    assert "keep me" in next(coverage_dir(data).glob("*.json")).read_text(encoding="utf-8")


async def test_the_help_lists_every_key_of_the_view(data):
    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for binding in CoverageScreen.BINDINGS:
            assert " ".join(key_names(binding)) in text, binding


async def test_twenty_sources_fit_in_80_columns_by_scrolling_the_columns(data, tmp_path):
    shared = ["The council approved the budget of 4.2 million dollars on Monday evening.",
              "The mayor said the money would go to schools and roads across the county.",
              "Opponents of the plan argued that the tax rise came at the worst possible time."]
    sources = []
    for k in range(20):
        p = tmp_path / f"s{k:02}.txt"
        own = f"Reporter number {k} also noted that {k + 3} residents spoke at the hearing."
        p.write_text(" ".join(shared[: 1 + k % 3] + [own]) + "\n", encoding="utf-8")
        sources.append(str(p))
    app = open_app(data, sources)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = view(app)
        lay = screen.grid.layout
        assert 0 < lay.shown < 20 and lay.more_right
        await press(pilot, *["l"] * 19)
        lay = screen.grid.layout
        assert screen.grid.column == 19 and lay.first <= 19 < lay.first + lay.shown and lay.more_left
        assert len(screen.grid.route) == len(screen.coverage.claims) == len(ClaimRoute(screen.coverage))


async def test_the_picker_offers_all_five_reports_with_the_pair_still_chosen(data):
    app = SideBySideApp(None, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickPairScreen)
        names = [p.name for p in picker.files]
        assert picker.query_one("#left-list").highlighted == names.index("02-ap-story-western-journal.txt")
        assert picker.query_one("#right-list").highlighted == names.index("04-ap-story-rewritten.txt")
        await press(pilot, "a")
        # The claims are grouped in a thread: a loaded machine may take longer than a pause.
        await wait_until(pilot, lambda: isinstance(app.screen, CoverageScreen) and not app.screen.grouping)
        screen = view(app)
        assert [d.path for d in screen.coverage.documents] == FIVE


def test_the_readme_documents_every_key_of_the_view():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Several reports at once"):text.index("## How it compares")]
    for binding in CoverageScreen.BINDINGS:
        for key in key_names(binding):
            assert f"`{key}`" in section, (binding.id, key)
    assert "screenshots/coverage.svg" in section


async def test_a_readers_note_that_cannot_be_saved_survives_going_back_and_quitting_asks(data):
    from tui.store.folder import comparisons_dir

    app = open_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        await press(pilot, "l", "enter")
        reader = app.screen
        assert isinstance(reader, DrillDownReader)
        folder = comparisons_dir(data)
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("not a folder", encoding="utf-8")
        await press(pilot, "a")
        await pilot.press(*"kept in memory")
        await press(pilot, "ctrl+s")
        assert reader.session.unsaved == 1
        await press(pilot, "escape")
        assert app.screen is screen
        await press(pilot, "enter")  # the same pair again: the same session, the note still there
        assert app.screen.session is reader.session and reader.session.unsaved == 1
        await press(pilot, "escape")
        await press(pilot, "q")
        assert isinstance(app.screen, UnsavedDialog) and app.screen.session is reader.session
        await press(pilot, "escape")
        folder.unlink()
        await press(pilot, "q")
    assert any("kept in memory" in p.read_text(encoding="utf-8") for p in comparisons_dir(data).glob("*.json"))


async def test_file_names_and_text_are_shown_as_data(data, tmp_path):
    names = ["[bold]red[i].txt", "b\x1b]0;pwned\x07.txt", "c.txt"]
    texts = ["The council approved a budget of 4.2 million dollars [link=x]on Monday[/link]. \x1b[31mRed\x1b[0m text.",
             "On Monday the council approved a budget of 4.8 million dollars. Nothing else.",
             "The council approved a budget of 4.2 million dollars on Monday. Schools get it."]
    sources = []
    for name, text in zip(names, texts):
        (tmp_path / name).write_text(text, encoding="utf-8")
        sources.append(str(tmp_path / name))
    app = open_app(data, sources)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        shown = "\n".join(s.text for s in [screen.query_one(CoverageHeader).render_line(0),
                                          *(screen.grid.render_line(y) for y in range(len(screen.grid.route)))])
        shown += screen.query_one("#detail").render().plain
        assert "[bold]red[i]" in shown and "[link=x]on Monday[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "␛" in shown
