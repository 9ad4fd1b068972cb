"""Sync at its edges.

- Links whose sentences are not neighbours (a headline joined to the lead paragraph, one
  sentence matched by several scattered ones): the partner stays in view, level with the
  sentence the cursor is on, however far that is from the link's first sentence.
- Panes that change height under the cursor (the detail panel grows and shrinks with its
  text): the cursor stays where the user put it, in view.

Links and verdicts come from the comparison object, so the tests hold when the engine
changes its mind about which sentences it links.
"""

from __future__ import annotations

import itertools

import pytest
from textual import events

from tui.ui.app import SideBySideApp
from tui.compare import compare_files
from tui.corpus import default_pair, sample_files
from tui.ui.screens.reader import ReaderScreen

from .pilot_waits import wait_until


def scattered_link():
    """A sample pair and a link with a gap between two of its sentences on one side."""
    files = sample_files()
    for a, b in itertools.permutations(range(len(files)), 2):
        comparison = compare_files(files[a], files[b])
        for k, link in enumerate(comparison.links):
            for side in ("left", "right"):
                ids = link.ids(side)
                if len(ids) > 1 and any(y - x > 1 for x, y in zip(ids, ids[1:])):
                    return comparison, k, side
    return None


@pytest.fixture(scope="module")
def scattered():
    found = scattered_link()
    if found is None:
        pytest.skip("no link with scattered sentences in the sample corpus")
    return found


@pytest.mark.parametrize("size", [(140, 40), (80, 24)])
async def test_partner_level_with_a_later_sentence_of_the_link(scattered, size):
    comparison, k, side = scattered
    link = comparison.links[k]
    far = "right" if side == "left" else "left"
    last = link.ids(side)[-1]
    partner = link.ids(far)[0]
    app = SideBySideApp(comparison)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("h" if side == "left" else "l")
        await pilot.pause()
        for _ in range(last + 1):  # walk down the pane to the link's last sentence
            if screen.cursor == (side, last):
                break
            await pilot.press("j")
            await pilot.pause()
        assert screen.cursor == (side, last)
        here, there = screen.pane(side), screen.pane(far)
        assert here.is_visible(last)
        assert there.is_visible(partner), "the partner went out of view"
        row_here = here.first_line(last) - here.top
        row_there = there.first_line(partner) - there.top
        clamped = there.top in (0, there.max_scroll_y) or here.top in (0, here.max_scroll_y)
        assert row_here == row_there or clamped

        # Scrolling the pane a line at a time keeps the pair level (no drift, no jump back
        # to the link's first sentence).
        for _ in range(2):
            await pilot.press("ctrl+e")
            await pilot.pause()
            if screen.cursor != (side, last) or not here.is_visible(last):
                break
            assert there.is_visible(partner)


@pytest.mark.parametrize("keys", [["G"], ["m", "G"], ["G", "g", "G"], ["G", "k", "k", "G"]])
async def test_cursor_stays_put_when_the_detail_panel_resizes_the_panes(keys):
    comparison = compare_files(*default_pair())
    last = len(comparison.left.sentences) - 1
    app = SideBySideApp(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("i")  # the detail panel: its height follows the current link's text
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        # The panel's new height is laid out after the key; on a loaded machine that can take
        # more than one pause. The cursor must end (and stay) on the last sentence, in view.
        await wait_until(pilot, lambda: screen.left_pane.is_visible(last), seconds=10)
        assert screen.cursor == ("left", last)
        assert screen.active == "left"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_wheel_past_a_scattered_partner_keeps_the_cursor_in_its_pane(scattered, size):
    """Scroll the pane that shows a scattered partner: while any of the partner is in view
    the cursor stays, and stays visible in its own pane; after that it moves over."""
    comparison, k, side = scattered
    link = comparison.links[k]
    far = "right" if side == "left" else "left"
    target = link.ids(far)[0]
    app = SideBySideApp(comparison)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("h" if far == "left" else "l")
        await pilot.pause()
        for _ in range(target + 1):
            if screen.cursor == (far, target):
                break
            await pilot.press("j")
            await pilot.pause()
        assert screen.cursor == (far, target)
        scrolled = screen.pane(side)
        for _ in range(40):
            await pilot._post_mouse_events([events.MouseScrollDown], f"#{side}")
            await pilot.pause()
            if screen.cursor != (far, target):
                break
            assert screen.pane(far).is_visible(target), f"the cursor left its pane at top {scrolled.top}"
            assert any(scrolled.is_visible(i) for i in link.ids(side))
