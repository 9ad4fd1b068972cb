"""The search bar under the panes: type to search the active pane as you type, enter to keep
the hits (then ``;`` / ``,`` step through them), escape to give up and go back."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from ..messages import SearchCancelled, SearchChanged, SearchSubmitted


class SearchBar(Input):
    """An ``Input`` that reports searches up to the screen (messages up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Keep the hits", id="search-keep"),
        Binding("escape", "cancel", "Go back", id="search-cancel"),
    ]

    DEFAULT_CSS = """
    SearchBar { display: none; }
    SearchBar.-open { display: block; }
    """

    def open(self, term: str, where: str) -> None:
        self.placeholder = f"search the {where} (enter keeps the hits, escape goes back)"
        self.value = term
        self.cursor_position = len(term)
        self.add_class("-open")
        self.focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.is_open:
            self.post_message(SearchChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchSubmitted(event.value))

    def on_blur(self) -> None:
        # Focus went elsewhere (a click, tab): keep what was typed, as enter would.
        if self.is_open:
            self.post_message(SearchSubmitted(self.value))

    def action_cancel(self) -> None:
        self.post_message(SearchCancelled())
