"""Opening several sources in the app: the coverage view shows at once and groups the claims
in a worker thread (keys that need them say so), the way the command line, the picker's
"all five" and "open saved" all open them; a saved set of sources is listed by "open saved"
and reopens into the coverage view with its notes. And the view's filter and sort keys,
checked against the rule the help states.

The grouping is the real one (``CoverageSession.compare``); a test holds it at one stage with
a gate so it can look at the screen meanwhile.
"""

from __future__ import annotations


from tui.compare.coverage.navigate import DIFFERENCES, is_a
from tui.corpus import sample_files
from tui.coverage_session import CoverageSession
from tui.ui.app import SideBySideApp
from tui.ui.screens.coverage import CoverageScreen
from tui.ui.screens.drill_down import DrillDownReader
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.lists import PickList
from tui.ui.widgets.coverage_panels import CoverageProgress

from .pilot_waits import Gate
from .pilot_waits import wait_until
from .test_app_coverage import AP, PRISONERS, THREE, press, view

SIZE = (160, 48)


async def test_the_view_shows_the_sources_at_once_and_the_claims_when_grouped(monkeypatch, tmp_path):
    gate = Gate(monkeypatch, CoverageSession, "grouping")
    app = SideBySideApp(documents=CoverageSession.load(THREE), data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        await pilot.pause()
        screen = view(app)
        assert screen.grouping and screen.grid is None
        progress = screen.query_one(CoverageProgress)
        # every pair compared, the stage named, the bar most of the way
        assert "comparing every two sources: 3 of 3 pairs" in progress.text or "grouping the sentences" in progress.text
        assert 0.85 <= progress.query_one("ProgressBar").percentage < 1
        sources = str(progress.query_one("#grouping-sources").render())
        assert all(name in sources for name in screen.names)
        # keys that need the claims say so, once, and change nothing; help still opens
        for key in ("j", "n", "d", "z", "s", "B", "enter", "a"):
            await pilot.press(key)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("Still grouping the claims"), said
        assert app.screen is screen and screen.grouping
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        gate.release()
        # The view takes the claims first; the app records the session when the message reaches it.
        await wait_until(pilot, lambda: not screen.grouping and app.coverage is screen.session)
        await pilot.pause()
        assert screen.grid is not None and app.focused is screen.grid
        assert not screen.query(CoverageProgress)
        assert len(screen.grid.route) == len(screen.coverage.claims) > 0
        await press(pilot, "d")
        assert screen.grid.claim.status == "differ"


async def test_the_picker_s_all_five_groups_in_the_background_too(monkeypatch, tmp_path):
    gate = Gate(monkeypatch, CoverageSession, "verdicts")
    app = SideBySideApp(None, data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "a")  # all five reports
        await wait_until(pilot, gate.reached.is_set)
        await pilot.pause()
        screen = view(app)
        assert screen.grouping and "judging each source's wording" in screen.query_one(CoverageProgress).text
        gate.release()
        await wait_until(pilot, lambda: not screen.grouping)
        assert [d.path for d in screen.coverage.documents] == [str(p) for p in sample_files()]


async def test_open_saved_lists_a_set_of_sources_and_reopens_it_with_its_note(tmp_path):
    data = tmp_path / "data"
    order = [THREE[2], THREE[0], THREE[1]]
    first = SideBySideApp(documents=CoverageSession.load(order), data_dir=data)
    async with first.run_test(size=SIZE) as pilot:
        screen = view(first)
        await wait_until(pilot, lambda: not screen.grouping)
        ap = order.index(THREE[AP])
        swap = screen.coverage.claim_of(ap, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "a")
        await pilot.press(*"count them")
        await press(pilot, "ctrl+s")
        assert swap in screen.grid.noted

    app = SideBySideApp(None, data_dir=data)  # the picker, as `sidebyside` with no arguments
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "o")
        assert isinstance(app.screen, PickList)
        [line] = app.screen.lines
        assert "3 sources" in line and "1 note on claims" in line
        await press(pilot, "enter")
        screen = view(app)
        await wait_until(pilot, lambda: not screen.grouping and app.coverage is screen.session)
        await pilot.pause()
        assert [d.path for d in screen.coverage.documents] == order  # the columns as they were
        swap = screen.coverage.claim_of(order.index(THREE[AP]), PRISONERS)
        assert swap in screen.grid.noted
        assert [a.body for a in screen.session.notes_on(swap)] == ["count them"]
        assert app.coverage is screen.session


async def test_open_saved_in_the_coverage_view_lists_pairs_and_sets(tmp_path):
    data = tmp_path / "data"
    app = SideBySideApp(documents=CoverageSession.load(THREE), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        screen = view(app)
        await wait_until(pilot, lambda: not screen.grouping)
        await press(pilot, "a")
        await pilot.press(*"on a claim")
        await press(pilot, "ctrl+s")
        await press(pilot, "l", "enter")  # the reader on two of the sources: a note there too
        assert isinstance(app.screen, DrillDownReader)
        await press(pilot, "a")
        await pilot.press(*"on a pair")
        await press(pilot, "ctrl+s", "escape")
        assert app.screen is screen
        await press(pilot, "o")
        lines = app.screen.lines
        assert len(lines) == 2 and sum("3 sources" in line for line in lines) == 1
        pair_line = next(n for n, line in enumerate(lines) if "↔" in line)
        await pilot.press(*["down"] * pair_line)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: app.session is not None)
        reader = app.screen
        assert not isinstance(reader, (CoverageScreen, DrillDownReader)) and reader.session is app.session
        assert [a.body for a in app.session.record.annotations] == ["on a pair"]
        assert len(app.screen_stack) == 2  # the coverage view made way for the reader


async def test_the_differences_filter_shows_exactly_the_rows_n_visits_as_the_help_says(tmp_path):
    app = SideBySideApp(session=CoverageSession.open([str(p) for p in sample_files()], tmp_path), data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        cov, n = screen.coverage, len(screen.coverage.documents)
        rows = [c.id for c in cov.claims]
        differ = [c for c in rows if cov.claims[c].status == "differ"]
        only = [c for c in rows if len(cov.claims[c].members) == 1]
        alike_some = [c for c in rows if cov.claims[c].status != "differ" and 1 < len(cov.claims[c].members) < n]
        assert differ and only and alike_some  # the sample has each kind, so the rule is tested
        await press(pilot, "z")
        shown = screen.grid.route.ids
        assert shown == [c for c in rows if c in set(differ) | set(only)]
        assert not set(shown) & set(alike_some)  # told alike by some, left out by others: not a difference
        assert "only differences (≠ or one source)" in screen.status_text()
        # n under the filter visits every row it shows, in order
        await press(pilot, "g")
        visited = [screen.grid.claim.id]
        for _ in range(len(shown)):
            await press(pilot, "n")
            if screen.grid.claim.id == visited[-1]:
                break
            visited.append(screen.grid.claim.id)
        assert visited == shown
        # sorted by how many sources carry a claim, the filter still holds
        await press(pilot, "s")
        counts = [len(cov.claims[c].members) for c in screen.grid.route.ids]
        assert sorted(screen.grid.route.ids) == sorted(shown) and counts == sorted(counts, reverse=True)
        # the help states the rule
        await press(pilot, "question_mark")
        assert "told differently, or carried by one source only" in app.screen.text
        assert all(any(is_a(cov.claims[c], k, n) for k in DIFFERENCES) for c in shown)


async def test_a_base_chosen_with_B_is_the_left_side_of_the_drill_down(tmp_path):
    app = SideBySideApp(session=CoverageSession.open(THREE, tmp_path), data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = view(app)
        swap = screen.coverage.claim_of(AP, PRISONERS)
        screen.go_to_claim(swap)
        await press(pilot, "l")
        await press(pilot, "B")
        await wait_until(pilot, lambda: screen.rebasing is None)
        assert screen.coverage.base == AP
        await press(pilot, "h")  # the statements, against the new base
        row = screen.grid.row
        await press(pilot, "enter")
        reader = app.screen
        assert isinstance(reader, DrillDownReader)
        assert reader.comparison.left is screen.coverage.documents[AP]
        assert reader.comparison.right is screen.coverage.documents[0]
        await press(pilot, "escape")
        assert app.screen is screen and screen.grid.row == row and screen.coverage.base == AP


async def test_many_sources_group_in_a_pool_of_processes_from_inside_the_app(tmp_path):
    """Eight sources make 28 pairs, enough for the pool of worker processes; inside the app
    (which captures standard error) the fork server still starts and the claims arrive."""
    shared = ["The council approved the budget of 4.2 million dollars on Monday evening.",
              "The mayor said the money would go to schools and roads across the county.",
              "Opponents of the plan argued that the tax rise came at the worst possible time."]
    sources = []
    for k in range(8):
        p = tmp_path / f"s{k}.txt"
        p.write_text(" ".join(shared[: 1 + k % 3] + [f"Reporter {k} counted {k + 3} residents at the hearing."]) + "\n",
                     encoding="utf-8")
        sources.append(str(p))
    app = SideBySideApp(documents=CoverageSession.load(sources), data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        screen = view(app)
        await wait_until(pilot, lambda: not screen.grouping or app._exit)
        assert not app.farewell and not screen.grouping
        budget = screen.coverage.claim_of(0, 0)
        assert len(screen.coverage.claims[budget].members) == 8


async def test_leaving_the_view_while_grouping_stops_the_grouping(monkeypatch, tmp_path):
    gate = Gate(monkeypatch, CoverageSession, "grouping")
    app = SideBySideApp(documents=CoverageSession.load(THREE), data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        screen = view(app)
        from tui.session import Session

        app.open_documents(Session.load(THREE[:2]))  # what "open saved" does with a pair
        await pilot.pause()
        assert screen.stop.stopped and app.screen is not screen
        gate.release()
        await wait_until(pilot, lambda: app.session is not None)
        assert screen.grouping and app.coverage is None  # its claims were never taken
