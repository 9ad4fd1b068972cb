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
        from .screens.reader import ReaderScreen

        self.comparison = comparison
        self.sub_title = f"{comparison.left.name} ↔ {comparison.right.name}"
        for notice in comparison.left.notices + comparison.right.notices:
            self.notify(notice, severity="warning", timeout=6)
        self.push_screen(ReaderScreen(comparison))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        from .screens.reader import ReaderScreen

        if isinstance(screen, ReaderScreen):
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.id and binding.action != "app.quit":
                    yield SystemCommand(binding.description, f"key: {binding.key_display or binding.key.split(',')[0]}",
                                        _runner(screen, binding.action))


def _runner(screen, action: str):
    """A palette callback that runs a screen action (a string like "jump(1, 'differ')")."""
    return lambda: screen.call_later(screen.run_action, action)
