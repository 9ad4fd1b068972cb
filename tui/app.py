"""The Textual app: opens a comparison in the reader, or the sample-corpus picker first."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from .commands import DifferencesProvider
from .compare import Comparison, InputError, compare_files

COLOURS = {
    # Defaults for the theme variables app.tcss uses; a theme may override any of them.
    "match-colour": "#5faf5f",
    "differ-colour": "#e0a030",
    "only-colour": "#5f9fdf",
    "current-background": "#3a3a5a",
    "changed-background": "#7a5200",
    "search-background": "#8a2be2",
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
        self.data_dir = data_dir
        self._corpus = corpus

    def get_css_variables(self) -> dict[str, str]:
        return {**COLOURS, **super().get_css_variables()}

    def on_mount(self) -> None:
        if self.comparison is not None:
            self.open_comparison(self.comparison)
        else:
            self.pick_pair()

    @work
    async def pick_pair(self) -> None:
        from .corpus import default_pair, sample_files
        from .screens.pick_pair import PickPairScreen

        files = self._corpus or sample_files()
        pair = await self.push_screen_wait(PickPairScreen(files, default_pair()))
        if pair is None:
            return
        try:
            comparison = compare_files(*pair)
        except InputError as err:
            self.notify(str(err), severity="error")
            self.pick_pair()
            return
        self.pop_screen_if_picker()
        self.open_comparison(comparison)

    def pop_screen_if_picker(self) -> None:
        from .screens.pick_pair import PickPairScreen

        if isinstance(self.screen, PickPairScreen):
            self.pop_screen()

    def open_comparison(self, comparison: Comparison) -> None:
        """Show a comparison with its saved notes and corrections (restored by content hash)."""
        from .screens.reader import ReaderScreen
        from .store.comparisons import StoreError, load_for
        from .store.corrections import apply_corrections

        self.comparison = comparison
        self.sub_title = f"{comparison.left.name} ↔ {comparison.right.name}"
        for notice in comparison.left.notices + comparison.right.notices:
            self.notify(notice, severity="warning", timeout=6)
        store = load_for(comparison.left, comparison.right, self.data_dir)
        if store.message:
            self.notify(store.message, severity="warning", timeout=8)
        shown = apply_corrections(comparison, store.corrections)
        try:
            store.save()
        except StoreError as err:
            self.notify(f"{err} (notes are kept while the app is open)", severity="error", timeout=8)
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
            from .compare import compare_documents
            from .sources import load_source

            comparison = compare_documents(load_source(chosen.left.path), load_source(chosen.right.path))
        except InputError as err:
            self.notify(str(err), severity="error")
            return
        self.open_comparison(comparison)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        from .screens.reader import ReaderScreen

        if isinstance(screen, ReaderScreen):
            for fmt, name in (("html", "HTML"), ("markdown", "Markdown"), ("json", "JSON"), ("jsonld", "W3C Web Annotation JSON-LD")):
                yield SystemCommand(f"Export as {name}", "Write the comparison with its notes to a file here",
                                    _runner(screen, f"export('{fmt}')"))
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.id and binding.action != "app.quit":
                    yield SystemCommand(binding.description, f"key: {binding.key_display or binding.key.split(',')[0]}",
                                        _runner(screen, binding.action))


def _runner(screen, action: str):
    """A palette callback that runs a screen action (a string like "jump(1, 'differ')")."""
    return lambda: screen.call_later(screen.run_action, action)
