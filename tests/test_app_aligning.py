"""The reader before its comparison is ready: both texts at once, a progress bar fed by the
engine, keys that need the alignment saying so, the colours when the comparison arrives,
and quitting that never waits for a long alignment.

The comparison is the real one (``Session.compare``); a test holds it at one stage with a
gate so it can look at the screen meanwhile.
"""

from __future__ import annotations

import re
import threading
import time

import pytest

from tui.session import Session
from tui.ui.app import SideBySideApp
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.align_progress import AlignProgress
from tui.ui.widgets.detail_panel import DetailPanel
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_bar import StatusBar

from .conftest import AP, AP_REWRITE
from .pilot_waits import Gate
from .pilot_waits import wait_until

SIZE = (120, 36)



async def test_opening_another_pair_ends_the_comparison_nobody_waits_for(monkeypatch, tmp_path):
    gate = Gate(monkeypatch, Session, "align")
    made: list[str] = []
    real_of = Session.of.__func__

    def of(cls, comparison, data_dir=None):
        made.append(comparison.left.path)
        return real_of(cls, comparison, data_dir)

    monkeypatch.setattr(Session, "of", classmethod(of))
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]), data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        first = reader(app)
        app.open_documents(Session.load([str(AP_REWRITE), str(AP)]))
        await wait_until(pilot, lambda: reader(app) is not first)
        assert first.abandon.is_set() and not reader(app).abandon.is_set()
        gate.release()
        await wait_until(pilot, lambda: not reader(app).aligning)
        await wait_until(pilot, lambda: not any(t.name == "sidebyside-compare" and t.is_alive()
                                                for t in threading.enumerate()))
        assert made == [str(AP_REWRITE)]  # the first comparison ended without a session
        assert reader(app).session.comparison.left.path == str(AP_REWRITE)

def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def pane_text(pane) -> str:
    return " ".join(pane.doc.text[ln.start:ln.end] for ln in pane.lines if ln.kind == "text")


async def test_the_texts_show_at_once_with_progress_then_colours(monkeypatch):
    gate = Gate(monkeypatch, Session, "align")
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        await pilot.pause()
        r = reader(app)
        assert r.aligning and app.session is None
        # Both texts are on screen as written, before any sentence is known.
        assert r.left_pane.lines and r.right_pane.lines
        assert pane_text(r.left_pane).startswith(AP.read_text(encoding="utf-8").split()[0])
        assert not r.left_pane.doc.sentences and not r.left_pane.verdicts
        # The progress line stands where the status line goes, and names the stage.
        progress = r.query_one(AlignProgress)
        assert progress.display and not r.query_one(StatusBar).display
        assert "aligning the sentences" in progress.text
        assert progress.query_one("ProgressBar").percentage == pytest.approx(0.5)
        # Within a long stage the seconds go on counting (waited for, not slept: a loaded
        # machine may take longer than a second to show the first tick).
        await wait_until(pilot, lambda: re.search(r"aligning the sentences · \d+ s$", progress.text))
        gate.release()
        # The reader takes the session first; the app records it when the message reaches it.
        # The cursor is placed once the panes are laid out again, which a loaded machine can
        # take more than one pause to do.
        await wait_until(pilot, lambda: not r.aligning and app.session is r.session and not r.view.settling)
        await pilot.pause()
        assert not progress.display and r.query_one(StatusBar).display
        assert r.left_pane.verdicts and set(r.left_pane.verdicts) <= {"match", "differ", "only"}
        assert r.cursor == ("left", 0)
        await pilot.press("n")
        await pilot.pause()
        assert r.cursor is not None and r.status().kind != "match"


async def test_keys_that_need_the_alignment_say_so_once(monkeypatch):
    gate = Gate(monkeypatch, Session, "segment")
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        await pilot.pause()
        for key in ("n", "n", "d", "j", "i", "a", "z", "slash"):
            await pilot.press(key)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("Still aligning")
        r = reader(app)
        assert r.cursor is None and not r.query_one(SearchBar).is_open and r.query_one(DetailPanel).has_class("hidden")
        # Keys that need no alignment still work: scrolling the text, switching panes, help.
        await pilot.press("pagedown")
        assert r.left_pane.scroll_y > 0
        await pilot.press("tab")
        assert r.active == "right" and app.focused is r.right_pane
        gate.release()
        await wait_until(pilot, lambda: not r.aligning)


async def test_the_comparison_arriving_under_the_help_screen_opens_the_session(monkeypatch):
    gate = Gate(monkeypatch, Session, "align")
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, ReaderScreen)
        gate.release()
        await wait_until(pilot, lambda: app.session is not None)
        await pilot.press("escape")
        await pilot.pause()
        r = reader(app)
        assert r.session is app.session and not r.aligning and r.left_pane.verdicts


async def test_the_reader_keeps_the_place_read_while_aligning(monkeypatch):
    gate = Gate(monkeypatch, Session, "judge")
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]))
    async with app.run_test(size=(100, 20)) as pilot:
        await wait_until(pilot, gate.reached.is_set)
        await pilot.pause()
        r = reader(app)
        await pilot.press("pagedown", "pagedown")
        top = r.left_pane.offset_at_line(r.left_pane.top)  # the first character read on screen
        assert top > 0
        gate.release()
        await wait_until(pilot, lambda: not r.aligning and not r.view.settling)
        await pilot.pause()
        side, sid = r.cursor
        assert side == "left"
        sentences = r.comparison.left.sentences
        assert sentences[sid].start <= top < sentences[sid + 1].start  # the sentence being read
        assert r.left_pane.is_visible(sid)


async def test_a_failed_comparison_ends_the_app_with_the_reason(monkeypatch):
    from tui.compare.errors import InputError

    def fails(cls, documents, data_dir=None, *, progress=None):
        raise InputError("nothing to align")

    monkeypatch.setattr(Session, "compare", classmethod(fails))
    app = SideBySideApp(documents=Session.load([str(AP), str(AP_REWRITE)]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2 and app.farewell == "sidebyside: error: nothing to align"


QUIT_WHILE_ALIGNING = """
import threading, sys
from tui.session import Session
never = threading.Event()
def compare(cls, documents, data_dir=None, *, progress=None):
    never.wait()  # an alignment that never ends
Session.compare = classmethod(compare)
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_quitting_while_aligning_does_not_wait_for_the_engine(tmp_path):
    """A real process in a terminal: q while the comparison is still running ends it."""
    import os
    import pty
    import select
    import sys

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-c", QUIT_WHILE_ALIGNING, str(AP), str(AP_REWRITE)])
    seen = b""
    status = None
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and b"Aligning" not in seen:
            if select.select([fd], [], [], 0.1)[0]:
                seen += os.read(fd, 65536)
        assert b"Aligning" in seen, seen[-300:]
        os.write(fd, b"q")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        else:
            status = None
    finally:
        if status is None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    assert status is not None, "the app did not exit while the comparison was running"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
