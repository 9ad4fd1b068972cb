"""The reader, driven with Pilot the way a user drives it; assertions are on state."""

from __future__ import annotations

import pytest

from tui.app import SideBySideApp
from tui.compare import compare_files, compare_texts
from tui.screens.help import HelpScreen
from tui.screens.pick_pair import PickPairScreen
from tui.screens.reader import ReaderScreen

from .conftest import AP, AP_REWRITE, FOX

SIZE = (140, 40)


@pytest.fixture(scope="module")
def ap_pair():
    return compare_files(AP, AP_REWRITE)


@pytest.fixture(scope="module")
def fox_pair():
    return compare_files(FOX, AP)


def reader(app) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def verdict(screen: ReaderScreen) -> str:
    sid = screen.current[screen.side]
    return screen.comparison.verdict_of(screen.side, sid)


async def test_opens_two_files_side_by_side(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        assert r.left_pane.border_title == "02-ap-story-western-journal.txt"
        assert r.right_pane.border_title == "04-ap-story-rewritten.txt"
        assert r.current["left"] == 0
        assert not r.query_one("#panes").has_class("stacked")
        assert "match 39" in r.status_text() or "match" in r.status_text()


async def test_n_and_N_walk_the_differences(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        seen = []
        for _ in range(4):
            await pilot.press("n")
            seen.append((r.side, r.current[r.side]))
            assert verdict(r) in ("differ", "only")
        assert len(set(seen)) == 4
        await pilot.press("N")
        assert (r.side, r.current[r.side]) == seen[2]


@pytest.mark.parametrize("key, side, expected", [("d", None, "differ"), ("1", "left", "only"), ("2", "right", "only"), ("m", None, "match")])
async def test_jump_by_kind(fox_pair, key, side, expected):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press(key, key)
        assert verdict(r) == expected
        if side:
            assert r.side == side


async def test_sentence_steps_top_bottom_and_pane_switch(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("j", "j", "k")
        assert r.current["left"] == 1
        await pilot.press("G")
        assert r.current["left"] == len(ap_pair.left.sentences) - 1
        await pilot.press("g")
        assert r.current["left"] == 0
        await pilot.press("tab")
        assert r.side == "right" and app.focused is r.right_pane
        await pilot.press("h")
        assert r.side == "left"


async def test_selecting_a_link_brings_the_partner_level(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("d", "d", "d")
        k = r.current_link
        assert k is not None
        link = fox_pair.links[k]
        lrow = r.left_pane.screen_row_of(link.left[0])
        rrow = r.right_pane.screen_row_of(link.right[0])
        assert lrow == rrow or r.right_pane.scroll_offset.y in (0, r.right_pane.max_scroll_y)
        assert r.left_pane.current_link == k == r.right_pane.current_link


async def test_scrolling_one_pane_scrolls_the_other_to_the_partner(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        left, right = r.left_pane, r.right_pane
        link = next(lk for lk in fox_pair.links if lk.left[0] > 15)
        left.scroll_to(y=left.line_of_sentence(link.left[0]), animate=False)
        await pilot.pause()
        row = left.line_of_sentence(link.left[0]) - round(left.scroll_offset.y)
        assert right.line_of_sentence(link.right[0]) - round(right.scroll_offset.y) == row
        # Sync off: the other pane stays where it is.
        await pilot.press("s")
        before = right.scroll_offset.y
        left.scroll_to(y=0, animate=False)
        await pilot.pause()
        assert right.scroll_offset.y == before


async def test_clicking_a_sentence_makes_its_link_current(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        pane = r.right_pane
        y = pane.line_of_sentence(5)
        assert await pilot.click(pane, offset=(6, y - round(pane.scroll_offset.y) + 1))
        await pilot.pause()
        assert r.side == "right" and r.current["right"] == 5
        assert r.left_pane.current_link == ap_pair.link_of("right", 5)


async def test_filter_folds_matches_and_back(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        full = r.left_pane.line_count
        await pilot.press("f")
        await pilot.pause()
        assert r.left_pane.folded and r.right_pane.folded
        kinds = [ln.kind for ln in r.left_pane._lines]
        assert "fold" in kinds and r.left_pane.line_count < full
        await pilot.press("j")
        assert verdict(r) != "match"
        await pilot.press("f")
        await pilot.pause()
        assert r.left_pane.line_count == full


async def test_search_marks_hits_and_steps_without_taking_n(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("slash")
        await pilot.press(*"kursk")
        await pilot.press("enter")
        await pilot.pause()
        hits = r.left_pane.search_hits
        assert len(hits) == sum(1 for i in range(len(AP.read_text())) if AP.read_text()[i : i + 5].lower() == "kursk")
        first = r.current["left"]
        assert "Kursk" in ap_pair.left.sentence_text(first)
        await pilot.press("semicolon")
        assert r.current["left"] != first and "Kursk" in ap_pair.left.sentence_text(r.current["left"])
        await pilot.press("n")  # n still jumps to the next difference
        assert verdict(r) != "match"


async def test_detail_panel_shows_the_typed_changes(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("d", "i")
        await pilot.pause()
        text = str(r.query_one("#detail").render())
        assert "number: 175 prisoners of war each → 175" in text
        assert "linked by" in text


async def test_help_screen_opens_and_closes(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_no_files_opens_the_picker_with_a_pair_chosen():
    app = SideBySideApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickPairScreen)
        await pilot.press("c")
        await pilot.pause()
        r = reader(app)
        assert r.comparison.left.path.endswith("02-ap-story-western-journal.txt")
        assert r.comparison.right.path.endswith("04-ap-story-rewritten.txt")


async def test_narrow_terminal_stacks_the_panes(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        r = reader(app)
        assert r.query_one("#panes").has_class("stacked")
        await pilot.press("v")
        assert not r.query_one("#panes").has_class("stacked")


async def test_quit_key():
    app = SideBySideApp(compare_texts("One claim here. Another claim.", "One claim here. A third one."))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_palette_lists_the_differences(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        labels = reader(app).differences()
        counts = fox_pair.counts()
        assert len(labels) == counts["differ"] + counts["only_left"] + counts["only_right"]


HOSTILE = "Markup [bold]x[/] and [link=http://e]y[/link] and \x1b[31mred\x1b]8;;http://x\x07 stays text."


async def test_hostile_text_is_shown_literally():
    app = SideBySideApp(compare_texts(HOSTILE + "\n", "Something else entirely, with [b]brackets[/b].\n"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        pane = r.left_pane
        rendered = "".join(
            "".join(seg.text for seg in pane._render_index(y, 120)) for y in range(pane.line_count)
        )
        assert "[bold]x[/]" in rendered and "[link=http://e]y[/link]" in rendered
        assert "\x1b" not in rendered and "\x07" not in rendered
        assert "␛[31mred␛]8;;http://x" in rendered
