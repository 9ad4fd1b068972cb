"""The Textual app: opens a comparison in the reader, or the sample-corpus picker first."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from ..compare import Comparison, InputError
from ..corpus import default_pair, sample_files
from ..coverage_session import CoverageSession
from ..session import Session
from ..store.listing import list_saved
from ..vocabulary import COLOUR_VARIABLES
from .commands import DifferencesProvider
from .screens.coverage import CoverageScreen
from .screens.help import HelpScreen, key_names
from .screens.lists import PickList
from .screens.pick_pair import PickPairScreen
from .screens.reader import ReaderScreen
from .screens.unsaved import UnsavedDialog
from .widgets.article_pane import ArticlePane


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


class SideBySideApp(App[None]):
    """sidebyside: two texts that tell the same story, side by side."""

    TITLE = "sidebyside"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere find it
    COMMANDS = App.COMMANDS | {DifferencesProvider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, comparison: Comparison | None = None, data_dir: str | Path | None = None,
                 corpus: list[Path] | None = None, session: Session | CoverageSession | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir  # where notes and corrections are saved
        self.coverage = session if isinstance(session, CoverageSession) else None  # several sources
        if isinstance(session, CoverageSession):
            session = None
        self.session = session if session is not None or comparison is None else Session.of(comparison, data_dir)
        self._corpus = corpus
        self.farewell = ""  # a line for the terminal after the app has gone (the command line prints it)

    @property
    def comparison(self) -> Comparison | None:
        return self.session.comparison if self.session is not None else None

    def sessions(self) -> list[Session | CoverageSession]:
        """Every session open in a screen (the reader's, the coverage view's and its drill-downs)."""
        found: list[Session | CoverageSession] = []
        for screen in self.screen_stack:
            if isinstance(screen, CoverageScreen):
                found += [screen.session, *screen.pairs.values()]
            elif isinstance(screen, ReaderScreen):
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

    def on_mount(self) -> None:
        if self.coverage is not None:
            self.open_coverage(self.coverage)
        elif self.session is not None:
            self.open_session(self.session)
        else:
            self.pick_pair()

    def pick_pair(self) -> None:
        """Let the user choose two articles of the sample corpus (a pair preselected)."""

        files = self._corpus if self._corpus is not None else sample_files()
        self.push_screen(PickPairScreen(files, default_pair()), self._picked)

    def _picked(self, pair: tuple[Path, ...] | None) -> None:
        if pair is None:
            self.exit()
            return
        try:
            if len(pair) > 2:  # "all five reports"
                self.open_coverage(CoverageSession.open([str(p) for p in pair], self.data_dir))
                return
            session = Session.open([str(p) for p in pair], self.data_dir)
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            self.pick_pair()
            return
        self.open_session(session)

    def open_coverage(self, session: CoverageSession) -> None:
        """Show several sources in the coverage view: its notices, then the claims."""
        self.coverage = session
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        if not session.save():  # records the opening (and re-anchored notes)
            self.notify(f"{session.save_error} (your notes are kept while the app is open)", severity="error",
                        timeout=8, markup=False)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CoverageScreen(session))

    def open_session(self, session: Session) -> None:
        """Show a session in the reader: its notices, then the comparison with its notes."""

        self.session = session
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        if not session.save():  # records the opening (and re-anchored notes)
            self.notify(f"{session.save_error} (your notes are kept while the app is open)", severity="error",
                        timeout=8, markup=False)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ReaderScreen(session))

    def open_comparison(self, comparison: Comparison) -> None:
        """Show a comparison made elsewhere, with what was saved for its documents."""
        self.open_session(Session.of(comparison, self.data_dir))

    @work
    async def action_open_saved(self) -> None:
        """Choose a saved comparison (one with notes or corrections) and open it."""

        saved = [s for s in list_saved(self.data_dir) if s.reopenable]
        lines = [f"{s.last_opened[:16].replace('T', ' ')}  {s.left.name} ↔ {s.right.name}  ·  "
                 f"{s.notes} note{'s' if s.notes != 1 else ''}, {s.corrections} correction"
                 f"{'s' if s.corrections != 1 else ''}" for s in saved]
        choice = await self.push_screen_wait(
            PickList("Saved comparisons (enter opens one)", lines, "Nothing saved yet: notes and corrections are saved as you make them."))
        if choice is None:
            return
        try:
            session = Session.reopen(saved[choice], self.data_dir)
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.open_session(session)

    async def action_quit(self) -> None:
        """Quit, unless notes could not be saved: then say so and offer to export them (one
        dialog for each open session that holds unsaved notes)."""

        if isinstance(self.screen, UnsavedDialog):
            self.exit()
            return
        self._farewells: list[str] = []
        self._asked: list[Session | CoverageSession] = []
        self._ask_next()

    def _ask_next(self) -> None:
        """Ask about the next open session whose notes could not be saved, or quit."""
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

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
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
            for n, twin in enumerate(screen.session.record.twins, 1):
                # No file names here: the palette reads titles as markup (the notice at opening names them).
                yield SystemCommand(f"Copy the notes saved on the same texts elsewhere ({n})",
                                    f"{twin.notes} notes, {twin.corrections} corrections; the originals stay",
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


def _runner(node, action: str):
    """A palette callback that runs an action string (like ``jump(1, 'differ')``) on ``node``."""
    return lambda: node.call_later(node.run_action, action)
