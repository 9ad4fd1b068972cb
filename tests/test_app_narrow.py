"""The reader at 80×24, where a new user trips first (issue 11): the detail panel by keyboard,
the status line that keeps the position, the picker, the help legend, the note dialog, and
the words the keys say. Assertions are on state and on what is drawn, never on copied text
of a run: counts and verdicts come from the comparison itself."""

from __future__ import annotations

from textual.geometry import Region

from tui.compare import compare_texts
from tui.ui.app import SideBySideApp
from tui.ui.commands import DifferencesProvider, differences
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.note_editor import NoteEditor
from tui.ui.screens.pick_pair import PickPairScreen, wrap_name
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.detail_panel import DetailPanel
from tui.vocabulary import GLYPHS, SHORT_KIND, clip, count, plural

NARROW = (80, 24)


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def drawn(widget) -> list[str]:
    """The rows a widget draws, as text."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def shown_keys(screen) -> set[str]:
    return {b.binding.id for b in screen.active_bindings.values() if b.enabled and b.binding.show}


# ---- the detail panel ---------------------------------------------------------------------

async def test_the_detail_panel_scrolls_by_keyboard_and_escape_closes_it(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        r = reader(app)
        assert {"detail-down", "close-detail"}.isdisjoint(shown_keys(r))
        await pilot.press("d", "i")
        await pilot.pause()
        panel = r.query_one(DetailPanel)
        assert not panel.has_class("hidden")
        # The footer says how: esc closes, J/K scroll (and "i Detail" makes room for them).
        assert {"detail-down", "close-detail"} <= shown_keys(r) and "detail" not in shown_keys(r)
        assert panel.max_scroll_y > 0, "at 80×24 the panel's rows do not all fit"
        changes = panel.query_one("#detail-row-3")
        assert changes.region.y >= panel.region.bottom  # below the fold at first
        while panel.scroll_y < panel.max_scroll_y:
            before = panel.scroll_y
            await pilot.press("J")
            await pilot.pause()
            assert panel.scroll_y > before
        assert panel.region.y <= changes.region.y < panel.region.bottom  # the typed changes, reached
        await pilot.press("K")
        await pilot.pause()
        assert panel.scroll_y < panel.max_scroll_y
        cursor = r.cursor
        await pilot.press("escape")
        await pilot.pause()
        assert panel.has_class("hidden") and r.cursor == cursor
        assert "detail" in shown_keys(r) and "close-detail" not in shown_keys(r)
        await pilot.press("escape", "i")  # escape does nothing more; i opens it again
        await pilot.pause()
        assert not panel.has_class("hidden") and panel.scroll_y == 0
        await pilot.press("i")
        await pilot.pause()
        assert panel.has_class("hidden")


# ---- the status line ----------------------------------------------------------------------

async def test_the_status_line_keeps_the_position_in_every_mode(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        r = reader(app)
        route = r.routes["left"]
        short = " ".join(f"{SHORT_KIND[k]}{route.count(k)}" for k in ("differ", "only-left", "only-right", "match"))

        def position() -> str:
            side, sid = r.cursor
            return f"{side} {sid + 1}/{len(r.comparison.doc(side).sentences)}"

        width = r.query_one("StatusBar").content_region.width
        for keys in (["n"], ["z"], ["s"], ["plus"], ["l", "j"]):  # fold, sync off, linking, move while linking
            await pilot.press(*keys)
            await pilot.pause()
            text = r.status_text()
            assert position() in text, (keys, text)
            assert len(text) <= width
        assert "linking left" in text and short in text  # the counts were shortened to keep the rest


# ---- the picker ---------------------------------------------------------------------------

def test_file_names_wrap_after_a_hyphen_never_inside_a_word():
    name = "00-white-house-and-kremlin-statements.txt"
    for width in (12, 20, 34, 40):
        lines = wrap_name(name, width).split("\n")
        assert "".join(lines) == name and all(len(line) <= width for line in lines)
        assert all(line[-1] in "-_." for line in lines[:-1])  # every break follows a hyphen
    assert wrap_name(name, 80) == name


async def test_the_picker_at_80x24_fits_and_compares_from_either_list():
    app = SideBySideApp(None)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickPairScreen)
        await pilot.pause()
        button = screen.query_one("#go")
        assert button.region.bottom <= NARROW[1] - 1 and button.region.height > 0  # above the footer
        assert app.focused.id == "left-list"
        names = [p.name for p in screen.files]
        wrapped = 0
        for option_list in screen.query("OptionList"):
            width = option_list.scrollable_content_region.width
            for option, name in zip(option_list.options, names):
                lines = option.prompt.plain.split("\n")
                k = next(i for i in range(1, len(lines) + 1) if "".join(lines[:i]) == name)
                assert all(len(line) <= width for line in lines[:k])
                assert all(line[-1] in "-_." for line in lines[:k - 1])  # broken after a hyphen only
                wrapped += k > 1
        assert wrapped, "at 80 columns some name needs two lines"
        chosen = []
        app.pop_screen()
        app.push_screen(PickPairScreen(screen.files, (screen.files[1], screen.files[3])), chosen.append)
        await pilot.pause()
        await pilot.press("enter")  # enter in the left list compares at once
        await pilot.pause()
        assert chosen == [(screen.files[1], screen.files[3])]


# ---- help, the note dialog, the notes list ------------------------------------------------

async def test_help_legend_meanings_wrap_under_themselves(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        meanings = list(help_screen.query(".legend-row .help-what"))
        assert len(meanings) == 5 and len({m.region.x for m in meanings}) == 1
        assert meanings[0].region.x > help_screen.query_one("#legend").region.x + 10
        assert any(m.region.height > 1 for m in meanings), "at 80 columns a meaning wraps"


async def test_the_note_dialog_title_ends_in_an_ellipsis_and_tags_keep_one_row(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        about = editor.query_one("#about")
        title = drawn(about)[0].rstrip()
        assert title.endswith("…") and len(title) <= about.size.width
        row = editor.query_one("#fixed")
        height = row.region.height
        boxes = list(editor.query("Checkbox"))
        for box in boxes:
            box.focus()
            await pilot.pause()
            assert box.has_focus and box.region.height == 1 and row.region.height == height


def test_clip_cuts_at_a_word_with_an_ellipsis():
    text = "Kremlin readout says the call lasted over two hours and covered energy"
    assert clip(text, 14) == "Kremlin…"
    assert clip(text, 200) == text
    assert clip("a\n b   c", 10) == "a b c"
    assert len(clip("x" * 50, 10)) == 10


async def test_the_notes_list_cuts_note_text_at_a_word(ap_pair, tmp_path):
    from tui.session import Session

    session = Session.of(ap_pair, tmp_path)
    body = "Kremlin readout " * 10
    session.write_note("left", 0, body)
    app = SideBySideApp(session=session, data_dir=tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        line = app.screen.query_one("OptionList").options[0].prompt.plain
        assert "…" in line and "Kremlin readou…" not in line and "readout…" in line


# ---- every unit's mark, without colour ----------------------------------------------------

async def test_every_unit_starts_a_line_with_its_own_mark():
    c = compare_texts(
        "WASHINGTON (AP) — The mayor opened the new bridge on Monday. It cost 40 million dollars. "
        "Crowds cheered on both banks.\n",
        "The mayor opened the new bridge on Monday. It cost 45 million dollars.\n")
    left = c.left.sentences
    assert len(left) >= 3 and left[0].paragraph == left[1].paragraph  # units that share a line in the file
    app = SideBySideApp(c)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        pane = reader(app).left_pane
        marks = {"match": GLYPHS["match"], "differ": GLYPHS["differ"], "only": GLYPHS["only"]}
        kinds = set()
        for s in left:
            y = pane.first_line(s.id)
            assert pane.lines[y].sentence == s.id and pane.lines[y].start == s.start
            row = pane.render_line(y - pane.top).text
            assert row.lstrip().startswith(marks[pane.verdicts[s.id]]), row
            kinds.add(pane.verdicts[s.id])
        assert len(kinds) >= 2  # the units on that one line of the file are of different kinds


# ---- what the keys say --------------------------------------------------------------------

async def test_n_at_the_last_difference_shows_one_note_not_a_stack(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.press(*["n"] * 5)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["no more differences below in the left text"]


async def test_hints_queued_faster_than_shown_still_leave_one(ap_pair):
    """As with a key held down: several hints made before the app shows any of them."""
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        for word in ("first", "second", "third"):
            app.hint(word)
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["third"]
        app.notify("a notice that is not a hint")
        app.hint("fourth")
        await pilot.pause()
        assert sorted(n.message for n in app._notifications) == ["a notice that is not a hint", "fourth"]


async def test_the_only_right_key_names_the_right_text(ap_pair):
    app = SideBySideApp(ap_pair)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        r = reader(app)
        assert r.routes["left"].count("only-right") > 0
        await pilot.press("G", "2")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["no more sentences only the right text has below"]
        assert "left text" not in said[0]


async def test_the_palette_numbers_differences_as_the_status_line_does(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        r = reader(app)
        for label, stop in differences(r):
            r.go_to(stop)  # the cursor moves at once; the status is computed from it
            st = r.status()
            assert label.startswith(f"{st.kind} {st.rank[0]}/{st.rank[1]}: "), (label, st)


async def test_palette_search_only_right_finds_only_right(fox_pair):
    app = SideBySideApp(fox_pair)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        provider = DifferencesProvider(app.screen)
        expected = {f"Go to {label}" for label, stop in differences(reader(app)) if stop.kind == "only-right"}
        assert expected
        for query in ("only right", "only-right"):
            hits = {hit.text async for hit in provider.search(query)}
            assert expected <= hits, query


# ---- one pluralising helper ---------------------------------------------------------------

def test_one_helper_pluralises():
    assert count(1, "sentence") == "1 sentence" and count(2, "sentence") == "2 sentences"
    assert plural("match") == "matches" and plural("match", 1) == "match" and count(0, "note") == "0 notes"


def test_the_markdown_header_says_1_sentence():
    from tui.export import render

    c = compare_texts("One short sentence here.\n", "One short sentence here. And a second one follows it.\n")
    text = render(c, "markdown", None)
    assert "(1 sentence," in text and "(1 sentences" not in text
    assert f"({count(len(c.right.sentences), 'sentence')}," in text
