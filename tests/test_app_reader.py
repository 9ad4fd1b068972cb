"""The reader, driven with Pilot the way a user drives it; assertions are on state.

Verdicts come from the comparison object, never hard-coded: the engine may change its mind
about a sentence and these tests should still hold.
"""

from __future__ import annotations

import re

import pytest
from textual import events

from tui.ui.app import SideBySideApp
from tui.ui.commands import differences
from tui.compare import compare_texts
from tui.ui.screens.help import HelpScreen
from tui.reading_order import KINDS
from tui.ui.screens.pick_pair import PickPairScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.detail_panel import CHANGE_NAMES, DetailPanel

SIZE = (140, 40)


def reader(app) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def stop_kind(r: ReaderScreen) -> str:
    route = r.routes[r.active]
    return route.stops[route.position(*r.cursor)].kind


def level(r: ReaderScreen, k: int) -> bool:
    """Both panes show link ``k``'s first sentences on the same row (or one pane cannot
    scroll further)."""
    link = r.comparison.links[k]
    rows = [r.pane(s).screen_row_of(link.ids(s)[0]) for s in ("left", "right")]
    clamped = any(r.pane(s).top in (0, r.pane(s).max_scroll_y) for s in ("left", "right"))
    return rows[0] == rows[1] or clamped


async def test_opens_two_files_side_by_side(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        assert r.left_pane.border_title == "02-ap-story-western-journal.txt"
        assert r.right_pane.border_title == "04-ap-story-rewritten.txt"
        assert r.cursor == ("left", 0) and app.focused is r.left_pane
        k = ap_pair.link_of("left", 0)
        assert r.left_pane.current_link == k == r.right_pane.current_link
        assert not r.query_one("#panes").has_class("stacked")
        c = ap_pair.counts()
        assert (f"differ {c['differ']} · only-left {c['only_left']} · only-right {c['only_right']} · "
                f"match {c['match']}") in r.status_text()
        assert "= match" in r.status_text() and "≠ differ" in r.status_text()  # the legend


async def test_n_walks_every_difference_down_the_active_pane_and_N_walks_back(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        route = r.routes["left"]
        positions = []
        for _ in range(6):
            await pilot.press("n")
            assert stop_kind(r) != "match"
            positions.append(route.position(*r.cursor))
        assert positions == sorted(positions) and len(set(positions)) == 6
        expected = [i for i, s in enumerate(route.stops) if s.kind != "match" and i > route.position("left", 0)]
        assert positions == expected[:6]
        await pilot.press("N", "N")
        assert route.position(*r.cursor) == positions[3]
        assert "Shift" not in r.status_text()


@pytest.mark.parametrize("key, back, kind", [("d", "D", "differ"), ("1", "exclamation_mark", "only-left"),
                                             ("2", "at", "only-right"), ("m", "M", "match")])
async def test_jump_by_kind_forward_and_back(fox_pair, key, back, kind):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        route = r.routes["left"]
        targets = [i for i, s in enumerate(route.stops) if s.kind == kind and i > route.position("left", 0)]
        await pilot.press(key, key)
        assert stop_kind(r) == kind
        assert route.position(*r.cursor) == targets[1]
        if kind.startswith("only-"):
            assert r.cursor[0] == kind[5:]
            assert r.comparison.link_of(*r.cursor) is None
        await pilot.press(back)
        assert route.position(*r.cursor) == targets[0]
        n, total = route.rank(targets[0], kind)
        assert f"{kind} {n}/{total}" in r.status_text()


async def test_no_more_differences_says_so_and_stays(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("G")
        before = r.cursor
        await pilot.press("d")
        assert r.cursor == before
        assert any("no more differ" in n.message for n in app._notifications)


async def test_sentence_steps_top_bottom_and_switching_panes(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("j", "j", "k")
        assert r.cursor == ("left", 1)
        await pilot.press("down")
        assert r.cursor == ("left", 2)
        await pilot.press("G")
        assert r.cursor == ("left", len(ap_pair.left.sentences) - 1)
        assert r.left_pane.top == r.left_pane.max_scroll_y
        await pilot.press("g")
        assert r.cursor == ("left", 0) and r.left_pane.top == 0
        await pilot.press("tab")
        k = ap_pair.link_of("left", 0)
        assert r.active == "right" and app.focused is r.right_pane
        assert r.cursor == ("right", ap_pair.links[k].right[0])
        await pilot.press("j")
        assert r.cursor == ("right", ap_pair.links[k].right[0] + 1)
        await pilot.press("h")
        assert r.active == "left" and app.focused is r.left_pane
        await pilot.press("l")
        assert r.active == "right"


async def test_a_jump_puts_the_partner_level_in_the_other_pane(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        for _ in range(3):
            await pilot.press("d")
            k = r.current_link
            assert k is not None and fox_pair.links[k].kind == "differ"
            assert r.left_pane.current_link == k == r.right_pane.current_link
            assert level(r, k)
            assert r.left_pane.is_visible(r.cursor[1])


async def test_scrolling_one_pane_keeps_the_cursor_in_view_and_the_partner_level(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        left, right = r.left_pane, r.right_pane
        left.scroll_to(y=40, animate=False)  # as the scrollbar or the wheel does
        await pilot.pause()
        assert left.top == 40  # no feedback loop pulled it back
        side, sid = r.cursor
        assert side == "left" and left.is_visible(sid) and sid > 0
        k = r.current_link
        assert k is not None and level(r, k)
        # The page keys scroll the focused pane; the other follows.
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.top == 40 + left.height
        k = r.current_link
        assert left.is_visible(r.cursor[1]) and k is not None and level(r, k)
        # The mouse wheel over the other pane works the same way, the other way round.
        top = right.top
        await pilot._post_mouse_events([events.MouseScrollUp], right)  # no public helper for the wheel
        await pilot.pause()
        assert right.top < top
        k = r.current_link
        if k is not None:
            assert level(r, k)


async def test_sync_can_be_turned_off(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("s")
        assert not r.sync and "sync off" in r.status_text()
        before = r.right_pane.top
        r.left_pane.scroll_to(y=30, animate=False)
        await pilot.pause()
        assert r.right_pane.top == before
        await pilot.press("s")
        assert r.sync and level(r, r.current_link)


async def test_with_reordered_articles_the_other_pane_jumps_to_the_partner():
    paragraphs = [f"Paragraph {w} tells how the {w} committee voted on the {w} budget in {1990 + i}."
                  for i, w in enumerate("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split())]
    left = "\n\n".join(p * 1 + " " + p.replace("tells how", "says that") for p in paragraphs) + "\n"
    right = "\n\n".join(reversed([p + " " + p.replace("tells how", "says that") for p in paragraphs])) + "\n"
    c = compare_texts(left, right)
    app = SideBySideApp(c)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("v")  # side by side at 100 columns
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        k = r.current_link
        assert k is not None
        partner = c.links[k].right[0]
        assert r.right_pane.is_visible(partner)
        assert partner < len(c.right.sentences) // 2  # the last left sentence is near the right text's top
        await pilot.press("g")
        await pilot.pause()
        assert r.right_pane.is_visible(c.links[r.current_link].right[0])


async def test_clicking_a_sentence_makes_its_link_current(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        pane = r.right_pane
        target = 5
        offset = pane.content_region.offset - pane.region.offset
        row = pane.first_line(target) - pane.top
        assert await pilot.click(pane, offset=(offset.x + 6, offset.y + row))
        await pilot.pause()
        assert r.active == "right" and r.cursor == ("right", target)
        assert r.left_pane.current_link == ap_pair.link_of("right", target) == r.right_pane.current_link


async def test_clicking_the_change_map_goes_there(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        bar = r.query_one("#right-map")
        assert await pilot.click(bar, offset=(0, bar.size.height - 1))
        await pilot.pause()
        assert r.active == "right" and r.cursor[0] == "right"
        assert r.cursor[1] > len(fox_pair.right.sentences) * 3 // 4
        assert r.right_pane.top > 0


async def test_filter_folds_the_matches_and_back(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        full = r.left_pane.line_count
        await pilot.press("z")
        await pilot.pause()
        assert r.left_pane.folded and r.right_pane.folded and "only differences" in r.status_text()
        lines = r.left_pane.lines
        assert any(ln.kind == "fold" for ln in lines) and r.left_pane.line_count < full
        # Every match sits in a fold; every difference is shown in full.
        for ln in lines:
            if ln.kind == "fold":
                assert all(ap_pair.verdict_of("left", i) == "match" for i in range(ln.sentence, ln.sentence + ln.folded))
        # j steps over a folded run as one step.
        seen = []
        for _ in range(6):
            await pilot.press("j")
            seen.append(r.cursor[1])
        for a, b in zip(seen, seen[1:]):
            folded_between = all(ap_pair.verdict_of("left", i) == "match" for i in range(a + 1, b))
            assert b == a + 1 or folded_between
        await pilot.press("z")
        await pilot.pause()
        assert not r.left_pane.folded and r.left_pane.line_count == full
        assert r.left_pane.is_visible(r.cursor[1])


async def test_search_marks_hits_steps_and_leaves_the_jump_keys_alone(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("slash", *"kremlin")
        await pilot.pause()
        expected = [m.span() for m in re.finditer("kremlin", ap_pair.left.text, re.IGNORECASE)]
        assert r.search.hits == expected == r.left_pane.search_hits and len(expected) > 1
        assert "kremlin" in ap_pair.left.sentence_text(r.cursor[1]).lower()  # found as you type
        await pilot.press("n")  # typed into the search, not a jump
        assert r.search.term == "kremlinn" and not r.search.hits
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert app.focused is r.left_pane and r.search.pos == 0
        first = r.cursor
        await pilot.press("semicolon")
        assert r.search.pos == 1 and r.cursor != first
        assert "kremlin" in ap_pair.left.sentence_text(r.cursor[1]).lower()
        assert f"/kremlin 2/{len(expected)}" in r.status_text()
        await pilot.press("comma")
        assert r.search.pos == 0 and r.cursor == first
        await pilot.press("n")  # n still jumps to the next difference
        assert stop_kind(r) != "match" and r.search.pos == 0


async def test_escape_abandons_a_search_and_goes_back(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("d")
        before = r.cursor
        await pilot.press("slash", *"[bold]", "escape")
        await pilot.pause()
        assert r.cursor == before and r.search.term == "" and not r.search.hits
        assert app.focused is r.left_pane


async def test_search_text_is_literal():
    c = compare_texts("A note [citation needed] here. Then (a+b)* twice.\n", "Nothing alike at all in this one.\n")
    app = SideBySideApp(c)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        for term, n in (("[citation needed]", 1), ("(a+b)*", 1), ("[/]", 0)):
            await pilot.press("slash", *(["ctrl+u"] if r.search.term else []))
            r.query_one("#search").value = term
            await pilot.press("enter")
            await pilot.pause()
            assert len(r.search.hits) == n, term


async def test_detail_panel_shows_both_sentences_the_changes_and_why(ap_pair):
    k = next(i for i, link in enumerate(ap_pair.links) if link.kind == "differ" and link.changes)
    link = ap_pair.links[k]
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        while r.current_link != k:
            await pilot.press("d")
        await pilot.press("i")
        await pilot.pause()
        panel = r.query_one(DetailPanel)
        assert panel.display and not panel.has_class("hidden")
        text = panel.text
        for ch in link.changes:
            label = f"{CHANGE_NAMES[ch.type]}: {' '.join(ch.left_text.split()) or '—'} → {' '.join(ch.right_text.split()) or '—'}"
            assert label in text
        assert " ".join(ap_pair.left.sentence_text(link.left[0]).split()) in " ".join(text.split())
        assert " ".join(ap_pair.right.sentence_text(link.right[0]).split()) in " ".join(text.split())
        assert f"score {link.score:.2f}" in text and "linked by:" in text and "word diff:" in text
        assert r.left_pane.is_visible(r.cursor[1])  # the panel did not hide the current sentence
        await pilot.press("enter")
        assert panel.has_class("hidden")


async def test_detail_panel_for_a_sentence_only_one_text_has(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("1", "i")
        await pilot.pause()
        text = r.query_one(DetailPanel).text
        assert text.startswith("+ only in left") and "no right sentence says this" in text


async def test_help_screen_opens_and_closes(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "n / N" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_no_files_opens_the_picker_with_a_pair_chosen():
    app = SideBySideApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickPairScreen)
        await pilot.press("enter")
        await pilot.pause()
        r = reader(app)
        assert r.comparison.left.path.endswith("02-ap-story-western-journal.txt")
        assert r.comparison.right.path.endswith("04-ap-story-rewritten.txt")


async def test_the_picker_compares_another_pair():
    app = SideBySideApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "left-list"  # the first choice is the left text
        await pilot.press("up", "up", "tab", "up", "enter")  # left: 00, right: 03
        await pilot.pause()
        r = reader(app)
        assert r.comparison.left.path.endswith("00-white-house-and-kremlin-statements.txt")
        assert r.comparison.right.path.endswith("03-two-hour-call-cnn-sources.txt")


async def test_narrow_terminals_stack_the_panes_and_v_toggles(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        r = reader(app)
        assert r.query_one("#panes").has_class("stacked")
        assert r.left_pane.region.y < r.right_pane.region.y
        assert r.left_pane.is_visible(r.cursor[1])
        await pilot.press("v")
        await pilot.pause()
        assert not r.query_one("#panes").has_class("stacked")
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert not r.query_one("#panes").has_class("stacked")


async def test_resizing_keeps_the_current_sentence_in_view(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("d", "d", "d")
        cursor = r.cursor
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert r.cursor == cursor and r.query_one("#panes").has_class("stacked")
        assert r.pane(cursor[0]).is_visible(cursor[1])


async def test_q_quits():
    app = SideBySideApp(compare_texts("One claim here. Another claim.", "One claim here. A third one."))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_palette_offers_every_command_and_every_difference(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        labels = differences(r)
        c = fox_pair.counts()
        assert len(labels) == c["differ"] + c["only_left"] + c["only_right"]
        titles = {cmd.title for cmd in app.get_system_commands(r)}
        for binding in r.BINDINGS:
            if binding.id != "quit":
                assert binding.description in titles
        # Jump through the palette: type part of a label, enter.
        label, stop = labels[3]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*label[:2], *"only" if "only" in label else "differ")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert r.cursor is not None and stop_kind(r) != "match"


def test_kinds_cover_the_jump_keys():
    actions = {b.action for b in ReaderScreen.BINDINGS}
    for kind in KINDS:
        assert f"jump(1, '{kind}')" in actions and f"jump(-1, '{kind}')" in actions


async def test_a_theme_switch_repaints_with_the_new_colours(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        pane = reader(app).left_pane
        before = [seg.style for seg in pane.render_line(0)]
        app.theme = "textual-light"
        await pilot.pause()
        after = [seg.style for seg in pane.render_line(0)]
        assert before != after


async def test_a_sentence_only_the_other_text_has_hands_the_cursor_over_when_it_scrolls_away(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r = reader(app)
        await pilot.press("2")  # the cursor is in the right pane now; the left pane is active
        assert r.cursor[0] == "right" and r.active == "left"
        for _ in range(8):
            await pilot.press("pagedown")
        await pilot.pause()
        side, sid = r.cursor
        assert r.pane(side).is_visible(sid)


async def test_the_picker_without_a_corpus_says_what_to_do():
    app = SideBySideApp(None, corpus=[])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickPairScreen)
        assert "sidebyside LEFT RIGHT" in app.screen.query_one("#intro").render().plain
