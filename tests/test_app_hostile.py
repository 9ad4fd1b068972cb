"""Text is data: markup-like brackets and escape sequences in an article (or its file name)
are shown literally and never reach the terminal as control codes."""

from __future__ import annotations

from tui.ui.app import SideBySideApp
from tui.ui.commands import differences
from tui.compare import compare_files
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.detail_panel import DetailPanel

HOSTILE = "Markup [bold]x[/] and [link=http://e]y[/link] and \x1b[31mred\x1b]8;;http://x\x07 stays text."
OTHER = "Something else entirely, with [b]brackets[/b] and a [citation needed].\n"


def strip_text(pane) -> list[str]:
    return ["".join(seg.text for seg in pane.render_line(y)) for y in range(pane.height)]


def control_free(text: str) -> bool:
    return not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in text)


async def test_hostile_text_is_shown_literally(tmp_path):
    left = tmp_path / "[bold]left[u] \x1b[2J.txt"
    right = tmp_path / "right.txt"
    left.write_text(HOSTILE + "\n", encoding="utf-8")
    right.write_text(OTHER, encoding="utf-8")
    app = SideBySideApp(compare_files(left, right))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        r = app.screen
        assert isinstance(r, ReaderScreen)
        shown = " ".join(strip_text(r.left_pane))
        assert "[bold]x[/]" in shown and "[link=http://e]y[/link]" in shown
        assert "␛[31mred␛]8;;http://x" in shown  # ESC visible as ␛, BEL replaced
        assert control_free(shown)
        assert "[b]brackets[/b]" in " ".join(strip_text(r.right_pane))
        assert "[citation" in " ".join(strip_text(r.right_pane))
        # The file name is a title, not markup.
        assert r.left_pane._border_title.plain == "[bold]left[u] ␛[2J.txt"
        # The detail panel and the status line (with a search for markup) are literal too.
        await pilot.press("i", "slash", *"[/]", "enter")
        await pilot.pause()
        detail = r.query_one(DetailPanel).text
        assert "[bold]x[/]" in detail and all(control_free(line) for line in detail.splitlines())
        assert "/[/] 1/1" in r.status_text()
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg


async def test_palette_labels_quote_articles_literally(tmp_path):
    left = tmp_path / "a.txt"
    right = tmp_path / "b.txt"
    left.write_text("Only here: [red]danger[/red] \x1b]0;title\x07 text.\n", encoding="utf-8")
    right.write_text("A completely different sentence about budgets.\n", encoding="utf-8")
    app = SideBySideApp(compare_files(left, right))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        labels = [label for label, _ in differences(app.screen)]
        assert any("[red]danger[/red]" in label for label in labels)
        from tui.ui.commands import DifferencesProvider

        provider = DifferencesProvider(app.screen)
        hits = [hit async for hit in provider.search("danger")]
        assert hits and "[red]danger[/red]" in hits[0].match_display.plain
        assert control_free(hits[0].match_display.plain)


def test_bidi_controls_are_shown_one_for_one():
    from tui.ui.widgets.textlayout import display_safe

    text = "price \u202e0001$\u202c and \u2066isolate\u2069, \x1b[2J, \u009b31m"
    shown = display_safe(text)
    assert len(shown) == len(text)  # offsets stay valid
    assert not any(ch in shown for ch in "\u202e\u202c\u2066\u2069\x1b\u009b")
    assert shown.startswith("price \ufffd0001$\ufffd and ")
