"""The Textual app: opens a comparison in the reader, several sources in the coverage view,
or the sample-corpus picker first.

Two texts named on the command line (or picked, or saved) open at once: the reader shows them
as they are written while the engine compares them in a thread (``comparing``), and colours
them when the comparison arrives. Three or more open the coverage view the same way: it names
the sources and shows how far the grouping is while the claims are worked out in a thread
(``grouping``), then shows them. The command line, the picker and "open saved" all go
through ``open_documents``. The engine, the store and the exporters are imported only when
needed (by ``Session``), so the first frame waits for none of them. For the same reason the
screens other than the reader (the picker, the coverage view, help, the lists and dialogs) are
imported inside the actions that first show them: importing them all after the reader costs
more than the app with the reader itself (``python bench/bench_imports.py``; the coverage view
brings the engine with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notification, Notify
from textual.screen import Screen

from ..compare.errors import InputError
from ..compare.model import Comparison, Document
from ..corpus import default_pair, sample_files
from ..vocabulary import COLOUR_VARIABLES, count, pair_title
from .comparing import compare_in_thread
from .messages import CompareFailed, Compared, Grouped
from .screens.reader import ReaderScreen
from .widgets.article_pane import ArticlePane

if TYPE_CHECKING:
    from ..coverage_session import CoverageSession
    from ..session import Session


def verdict_colours(theme: dict[str, str]) -> dict[str, str]:
    """Defaults for the variables app.tcss uses, taken from the theme's own colours so every
    theme (dark, light, ANSI) gets readable ones; a theme may still set any of them."""
    return {
        COLOUR_VARIABLES["match"]: theme.get("text-success", "green"),
        COLOUR_VARIABLES["differ"]: theme.get("text-warning", "yellow"),
        COLOUR_VARIABLES["only"]: theme.get("text-primary", "blue"),
        "current-background": theme.get("primary-muted", "blue 30%"),
        "changed-background": theme.get("warning-muted", "yellow 40%"),
        "search-colour": theme.get("text-error", "red"),
    }


def differences_provider():
    """The palette's differences (imported when the palette first opens)."""
    from .commands import DifferencesProvider

    return DifferencesProvider


class SideBySideApp(App[None]):
    """sidebyside: two texts that tell the same story, side by side."""

    TITLE = "sidebyside"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere find it
    COMMANDS = App.COMMANDS | {differences_provider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, comparison: Comparison | None = None, data_dir: str | Path | None = None,
                 corpus: list[Path] | None = None, session: Session | CoverageSession | None = None,
                 documents: Sequence[Document] | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir  # where notes and corrections are saved
        self.coverage: CoverageSession | None = None  # several sources
        if session is not None:
            from ..coverage_session import CoverageSession

            if isinstance(session, CoverageSession):
                self.coverage, session = session, None
        if session is None and comparison is not None:
            from ..session import Session

            session = Session.of(comparison, data_dir)
        self.session = session
        self._documents = documents  # to compare once the reader (or the coverage view) shows them
        self._kept: list[Session | CoverageSession] = []  # closed with notes not saved: kept till quitting
        self._corpus = corpus
        self._hint: Notification | None = None  # the hint on screen
        self._hints: set[str] = set()  # identities of the hints posted
        self.farewell = ""  # a line for the terminal after the app has gone (the command line prints it)

    @property
    def comparison(self) -> Comparison | None:
        return self.session.comparison if self.session is not None else None

    def sessions(self) -> list[Session | CoverageSession]:
        """Every session open in a screen (the reader's, the coverage view's and its drill-downs);
        a reader still comparing has none yet."""
        from .screens.coverage import CoverageScreen

        found: list[Session | CoverageSession] = list(self._kept)
        for screen in self.screen_stack:
            if isinstance(screen, CoverageScreen):
                found += [s for s in (screen.session, *screen.pairs.values()) if s is not None]
            elif isinstance(screen, ReaderScreen) and screen.session is not None:
                found.append(screen.session)
        for s in (self.session, self.coverage):
            if s is not None and all(s is not f for f in found):
                found.append(s)
        out: list[Session | CoverageSession] = []
        for s in found:
            if all(s is not o for o in out):
                out.append(s)
        return out

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        return {**verdict_colours(variables), **variables}

    def get_default_screen(self) -> Screen:
        """The reader, when the app starts on documents to compare (the command line): the
        first frame is the texts, no blank screen composed first. Else a blank screen under
        the picker or the reader of a session given ready-made (pushed: its first sentence
        settles sooner that way, ``bench/bench_app.py``)."""
        if self._documents is not None:
            return self._screen_for(self._documents)
        return super().get_default_screen()

    @staticmethod
    def _screen_for(documents: Sequence[Document]) -> Screen:
        """The screen that shows documents while they are compared: two in the reader, more
        in the coverage view."""
        if len(documents) == 2:
            return ReaderScreen(documents=tuple(documents))  # type: ignore[arg-type]
        from .screens.coverage import CoverageScreen

        return CoverageScreen(documents=documents)

    def on_mount(self) -> None:
        if self.coverage is not None:
            self.open_coverage(self.coverage)
        elif self.session is not None:
            self.open_session(self.session)
        elif self._documents is not None:
            self._compare_after_first_frame(self.screen, self._documents)
        else:
            self.pick_pair()

    def hint(self, message: str, timeout: float = 2) -> None:
        """A short note (nothing to jump to, still aligning ...) that replaces the previous
        one instead of stacking under it, however often the key is pressed."""
        hint = Notification(message, timeout=timeout, markup=False)
        self._hints.add(hint.identity)
        self.post_message(Notify(hint))

    def on_notify(self, event: Notify) -> None:
        """Runs before Textual adds the notification: a hint withdraws the hints shown before
        it (also those still queued when it was made, as with a key held down)."""
        if event.notification.identity not in self._hints:
            return
        if self._hint is not None:
            self._unnotify(self._hint, refresh=False)  # Textual has no public call to withdraw one toast
            self._hints.discard(self._hint.identity)
        self._hint = event.notification

    def pick_pair(self) -> None:
        """Let the user choose two articles of the sample corpus (a pair preselected)."""

        from .screens.pick_pair import PickPairScreen

        files = self._corpus if self._corpus is not None else sample_files()
        self.push_screen(PickPairScreen(files, default_pair()), self._picked)

    def _picked(self, pair: tuple[Path, ...] | None) -> None:
        if pair is None:
            self.exit()
            return
        if not self._load_and_open([str(p) for p in pair]):  # two, or "all five reports"
            self.pick_pair()

    def _load_and_open(self, sources: list[str]) -> bool:
        """Read the sources (two for the reader, more for the coverage view, as on the
        command line) and show them at once, compared in the background; an error is said
        and False returned."""
        try:
            if len(sources) == 2:
                from ..session import Session

                documents: Sequence[Document] = Session.load(sources)
            else:
                from ..coverage_session import CoverageSession

                documents = CoverageSession.load(sources)
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            return False
        self.open_documents(documents)
        return True

    def open_documents(self, documents: Sequence[Document]) -> None:
        """Show the documents now and compare them in a thread: two in the reader, which takes
        the session (``Compared``) when it is ready, then ``on_compared`` says its notices;
        more in the coverage view, the same way (``Grouped``, then ``on_grouped``)."""
        self._keep_unsaved()
        self.session = self.coverage = None
        screen = self._screen_for(documents)
        if isinstance(screen, ReaderScreen):
            self._show_reader(screen)
        else:
            self._show_coverage(screen)
        self._compare_after_first_frame(screen, documents)

    def _compare_after_first_frame(self, screen: Screen, documents: Sequence[Document]) -> None:
        # After the next frame, so the texts (or the sources' names) are on screen before the
        # engine takes the CPU.
        if isinstance(screen, ReaderScreen):
            self.call_after_refresh(compare_in_thread, screen, tuple(documents), self.data_dir, screen.abandon)
        else:
            from .grouping import group_in_thread

            self.call_after_refresh(group_in_thread, screen, documents, self.data_dir, screen.stop)  # type: ignore[attr-defined]

    def _keep_unsaved(self) -> None:
        """Before the open screens make way for others: hold on to every session whose notes
        could not be saved, so quitting still asks about them, and stop the grouping of a
        coverage view, or the comparison of a reader, nobody will wait for."""
        from .screens.coverage import CoverageScreen

        for session in self.sessions():
            if session.unsaved and all(session is not k for k in self._kept):
                self._kept.append(session)
        for screen in self.screen_stack:
            if isinstance(screen, CoverageScreen) and screen.grouping:
                screen.stop()
            elif isinstance(screen, ReaderScreen) and screen.aligning:
                screen.abandon.set()

    def open_coverage(self, session: CoverageSession) -> None:
        """Show a coverage session made elsewhere (the versions of a page) in the coverage view."""
        from .screens.coverage import CoverageScreen

        self._keep_unsaved()
        self._show_coverage(CoverageScreen(session))
        self._coverage_opened(session)

    def _show_coverage(self, screen: Screen) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def _coverage_opened(self, session: CoverageSession) -> None:
        self.coverage = session
        self._announce(session)

    @on(Grouped)
    def on_grouped(self, event: Grouped) -> None:
        """The coverage view took the session it was waiting for (the message bubbles up from it)."""
        from .screens.coverage import CoverageScreen

        if any(isinstance(s, CoverageScreen) and s.session is event.session for s in self.screen_stack):
            self._coverage_opened(event.session)

    def open_session(self, session: Session) -> None:
        """Show a session in the reader: its notices, then the comparison with its notes."""
        self._keep_unsaved()
        self._show_reader(ReaderScreen(session))
        self._opened(session)

    def _show_reader(self, screen: ReaderScreen) -> None:
        """Make ``screen`` the reader: it replaces the one open, over the blank screen or as
        the first screen (dialogs and the picker above it are closed)."""
        while len(self.screen_stack) > 1 and (not isinstance(self.screen, ReaderScreen)
                                               or len(self.screen_stack) > 2):
            self.pop_screen()
        if isinstance(self.screen, ReaderScreen) and len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            # Over the blank screen, or over the reader the app started on: that one is the
            # app's default screen, which switch_screen cannot replace (it stays below, as a
            # coverage view the app started on does).
            self.push_screen(screen)

    def _opened(self, session: Session) -> None:
        self.session = session
        self._announce(session)

    def _announce(self, session: Session | CoverageSession) -> None:
        """An opened session's notices, then its first save (which records the opening and
        any re-anchored notes), said once for the reader and the coverage view."""
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        if not session.save():  # records the opening (and re-anchored notes)
            self.notify(f"{session.save_error} (your notes are kept while the app is open)", severity="error",
                        timeout=8, markup=False)

    @on(Compared)
    def on_compared(self, event: Compared) -> None:
        """The reader took the session it was waiting for (the message bubbles up from it)."""
        # (A dialog such as help may be open over the reader meanwhile.)
        if any(isinstance(s, ReaderScreen) and s.session is event.session for s in self.screen_stack):
            self._opened(event.session)

    @on(CompareFailed)
    def on_compare_failed(self, event: CompareFailed) -> None:
        """The comparison could not be made: back to the picker with the reason, or (opened
        from the command line) leave with it, as a bad input would."""
        if self._documents is None:
            self.notify(event.error, severity="error", markup=False)
            self.pick_pair()
            return
        self.farewell = f"sidebyside: error: {event.error}"
        self.exit(return_code=2)

    def open_comparison(self, comparison: Comparison) -> None:
        """Show a comparison made elsewhere, with what was saved for its documents."""
        from ..session import Session

        self.open_session(Session.of(comparison, self.data_dir))

    @work
    async def action_open_saved(self) -> None:
        """Choose a saved comparison (two texts with notes or corrections) or a saved set of
        sources (notes on their claims), most recently opened first, and open it as the
        command line would."""
        from ..coverage_session import CoverageSession
        from ..session import Session
        from ..store.claim_notes import list_claim_notes
        from ..store.comparisons import StoreError
        from ..store.listing import list_saved
        from .screens.lists import PickList

        try:
            pairs, sets = list_saved(self.data_dir), list_claim_notes(self.data_dir)
        except StoreError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        saved = sorted([*(s for s in pairs if s.reopenable), *(s for s in sets if s.reopenable)],
                       key=lambda s: s.last_opened, reverse=True)
        choice = await self.push_screen_wait(
            PickList("Saved comparisons and sets of sources (enter opens one)", [saved_line(s) for s in saved],
                     "Nothing saved yet: notes and corrections are saved as you make them."))
        if choice is None:
            return
        chosen = saved[choice]
        try:
            sources = (Session.sources_of(chosen) if hasattr(chosen, "left")  # type: ignore[arg-type]
                       else CoverageSession.sources_of(chosen))  # type: ignore[arg-type]
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self._load_and_open(sources)

    async def action_quit(self) -> None:
        """Quit, unless notes could not be saved: then say so and offer to export them (one
        dialog for each open session that holds unsaved notes)."""

        from .screens.unsaved import UnsavedDialog

        if isinstance(self.screen, UnsavedDialog):
            self.exit()
            return
        self._farewells: list[str] = []
        self._asked: list[Session | CoverageSession] = []
        self._ask_next()

    def _ask_next(self) -> None:
        """Ask about the next open session whose notes could not be saved, or quit."""
        from .screens.unsaved import UnsavedDialog

        for session in self.sessions():
            if any(session is s for s in self._asked):
                continue
            if session.unsaved:
                session.save()  # one more try (the folder may be writable again)
            if session.unsaved:
                self._asked.append(session)
                self.push_screen(UnsavedDialog(session), self._after_unsaved)
                return
        self.farewell = "\n".join(self._farewells)
        self.exit()

    def _after_unsaved(self, farewell: str | None) -> None:
        if farewell is not None:  # None: keep the app open
            self._farewells.append(farewell)
            self._ask_next()

    def action_help(self) -> None:

        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        from .screens.help import key_names

        from .screens.coverage import CoverageScreen

        yield from super().get_system_commands(screen)

        if isinstance(screen, CoverageScreen):
            for fmt, name in (("html", "HTML"), ("markdown", "Markdown"), ("json", "JSON")):
                yield SystemCommand(f"Export as {name}", "Write the coverage report with its notes to a file here",
                                    _runner(screen, f"export('{fmt}')"))
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.id and binding.id != "cov-quit":
                    yield SystemCommand(binding.description, "key: " + " ".join(key_names(binding)),
                                        _runner(screen, binding.action))

        if isinstance(screen, ReaderScreen):
            twins = screen.session.record.twins if screen.session is not None else []
            for n, twin in enumerate(twins, 1):
                # No file names here: the palette reads titles as markup (the notice at opening names them).
                yield SystemCommand(f"Copy the notes saved on the same texts elsewhere ({n})",
                                    f"{count(twin.notes, 'note')}, {count(twin.corrections, 'correction')}; the originals stay",
                                    partial(screen.copy_notes_from, twin))
            for fmt, name in (("html", "HTML"), ("markdown", "Markdown"), ("json", "JSON"),
                              ("jsonld", "W3C Web Annotation JSON-LD")):
                yield SystemCommand(f"Export as {name}", "Write the comparison with its notes to a file here",
                                    _runner(screen, f"export('{fmt}')"))
            for binding in [*screen.BINDINGS, *ArticlePane.BINDINGS]:
                if isinstance(binding, Binding) and binding.id and binding.id != "quit":
                    target = screen if binding in screen.BINDINGS else screen.pane(screen.active)
                    yield SystemCommand(binding.description, "key: " + " ".join(key_names(binding)),
                                        _runner(target, binding.action))


def saved_line(saved) -> str:
    """One line of "open saved": when, what, and how many notes."""
    when = saved.last_opened[:16].replace("T", " ")
    if hasattr(saved, "left"):  # two texts
        return (f"{when}  {pair_title(saved.left.name, saved.right.name)}  ·  "
                f"{count(saved.notes, 'note')}, {count(saved.corrections, 'correction')}")
    names = " · ".join(d.name for d in saved.documents)
    return f"{when}  {len(saved.documents)} sources: {names}  ·  {count(saved.notes, 'note')} on claims"


def _runner(node, action: str):
    """A palette callback that runs an action string (like ``jump(1, 'differ')``) on ``node``."""
    return lambda: node.call_later(node.run_action, action)
