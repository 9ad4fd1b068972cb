"""The Textual app: opens a comparison in the reader, or the sample-corpus picker first."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from .commands import DifferencesProvider
from .compare import Comparison, InputError, compare_files


def verdict_colours(theme: dict[str, str]) -> dict[str, str]:
    """Defaults for the variables app.tcss uses, taken from the theme's own colours so every
    theme (dark, light, ANSI) gets readable ones; a theme may still set any of them."""
    return {
        "match-colour": theme.get("text-success", "green"),
        "differ-colour": theme.get("text-warning", "yellow"),
        "only-colour": theme.get("text-primary", "blue"),
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
                 corpus: list[Path] | None = None) -> None:
        super().__init__()
        self.comparison = comparison
        self.data_dir = data_dir  # notes and corrections (issue 4) will live here
        self._corpus = corpus

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        return {**verdict_colours(variables), **variables}

    def on_mount(self) -> None:
        if self.comparison is not None:
            self.open_comparison(self.comparison)
        else:
            self.pick_pair()

    def pick_pair(self) -> None:
        """Let the user choose two articles of the sample corpus (a pair preselected)."""
        from .corpus import default_pair, sample_files
        from .screens.pick_pair import PickPairScreen

        files = self._corpus if self._corpus is not None else sample_files()
        self.push_screen(PickPairScreen(files, default_pair()), self._picked)

    def _picked(self, pair: tuple[Path, Path] | None) -> None:
        if pair is None:
            self.exit()
            return
        try:
            comparison = compare_files(*pair)
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            self.pick_pair()
            return
        self.open_comparison(comparison)

    def open_comparison(self, comparison: Comparison) -> None:
        """Show a comparison with its saved notes and corrections (restored by content hash)."""
        from .screens.reader import ReaderScreen
        from .store.comparisons import StoreError, load_for
        from .store.corrections import apply_corrections

        self.comparison = comparison
        for notice in comparison.left.notices + comparison.right.notices:
            self.notify(notice, severity="warning", timeout=6, markup=False)
        store = load_for(comparison.left, comparison.right, self.data_dir)
        if store.message:
            self.notify(store.message, severity="warning", timeout=8, markup=False)
        shown = apply_corrections(comparison, store.corrections)
        try:
            store.save()
        except StoreError as err:
            self.notify(f"{err} (notes are kept while the app is open)", severity="error", timeout=8, markup=False)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ReaderScreen(shown, base=comparison, store=store))

    @work
    async def action_open_saved(self) -> None:
        """Choose a saved comparison (one with notes or corrections) and open it."""
        from .screens.lists import PickList
        from .store.comparisons import list_saved

        saved = [s for s in list_saved(self.data_dir) if s.reopenable]
        lines = [f"{s.last_opened[:16].replace('T', ' ')}  {s.left.name} ↔ {s.right.name}  ·  "
                 f"{s.notes} note{'s' if s.notes != 1 else ''}, {s.corrections} correction"
                 f"{'s' if s.corrections != 1 else ''}" for s in saved]
        choice = await self.push_screen_wait(
            PickList("Saved comparisons (enter opens one)", lines, "Nothing saved yet: notes and corrections are saved as you make them."))
        if choice is None:
            return
        chosen = saved[choice]
        try:
            comparison = compare_files(chosen.left.path, chosen.right.path)
        except InputError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.open_comparison(comparison)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        from .screens.help import key_names
        from .screens.reader import ReaderScreen
        from .widgets.article_pane import ArticlePane

        if isinstance(screen, ReaderScreen):
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
