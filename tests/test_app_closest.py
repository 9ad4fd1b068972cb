"""Where the engine hesitates, the reader decides: a sentence only one text has lists its
closest candidates in the other text (detail panel), ``>`` goes to them one after another, and
``L`` links the sentence with the one shown (joining that sentence's link if it has one)."""

from __future__ import annotations

import shutil

from tui.compare import compare_files
from tui.session import Session
from tui.ui.app import SideBySideApp
from tui.ui.widgets.detail_panel import DetailPanel

from .conftest import CORPUS

SIZE = (140, 40)


def copies(tmp_path):
    left, right = tmp_path / "statements.txt", tmp_path / "explainer.txt"
    shutil.copy(CORPUS / "00-white-house-and-kremlin-statements.txt", left)
    shutil.copy(CORPUS / "01-livenow-fox-explainer.txt", right)
    return left, right


def one_sided_with_candidates(comparison, side="left", at_least=2):
    for sid in comparison.only(side):
        if len(comparison.closest_to(side, sid)) >= at_least:
            return sid
    raise AssertionError("the pair has no one-sided sentence with candidates")


async def test_closest_candidates_shown_visited_and_linked(tmp_path):
    left, right = copies(tmp_path)
    comparison = compare_files(left, right)
    sid = one_sided_with_candidates(comparison)
    candidates = [j for j, _ in comparison.closest_to("left", sid)]
    app = SideBySideApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        reader.select("left", sid)
        await pilot.press("i")
        await pilot.pause()
        shown = reader.query_one(DetailPanel).text
        assert "closest:" in shown and f"right {candidates[0] + 1}" in shown
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert reader.cursor == ("right", candidates[0])
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert reader.cursor == ("right", candidates[1])
        await pilot.press("L")
        await pilot.pause()
        k = reader.comparison.link_of("left", sid)
        assert k is not None and candidates[1] in reader.comparison.links[k].right
        assert reader.comparison.links[k].origin == "user"
    # The link is a correction saved with the pair: a new window has it.
    again = Session.open([str(left), str(right)], tmp_path / "data")
    k = again.comparison.link_of("left", sid)
    assert k is not None and candidates[1] in again.comparison.links[k].right


async def test_L_on_a_linked_sentence_changes_nothing(tmp_path):
    left, right = copies(tmp_path)
    comparison = compare_files(left, right)
    k0 = next(k for k, link in enumerate(comparison.links) if link.kind == "differ")
    before = [(link.left, link.right) for link in comparison.links]
    app = SideBySideApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        reader.select("left", comparison.links[k0].left[0])
        await pilot.press("L", "greater_than_sign")
        await pilot.pause()
        assert [(link.left, link.right) for link in reader.comparison.links] == before
        assert reader.cursor == ("left", comparison.links[k0].left[0])


def test_linking_with_a_linked_sentence_joins_its_link(tmp_path):
    left, right = copies(tmp_path)
    session = Session.open([str(left), str(right)], tmp_path / "data")
    c = session.comparison
    sid, j = next((s, j) for s in c.only("left") for j, _ in c.closest_to("left", s)
                  if c.link_of("right", j) is not None)
    held = c.links[c.link_of("right", j)]
    new_left, new_right = session.link_with("left", sid, j)
    assert new_left == sorted({*held.left, sid}) and new_right == list(held.right)
    k = session.comparison.link_of("left", sid)
    assert k is not None and session.comparison.links[k].right == held.right
