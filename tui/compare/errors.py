"""The one exception the engine raises for bad input; its message is a single line for the user."""

from ..visible import one_line


class InputError(Exception):
    """A file or argument the engine cannot use. ``str(err)`` is a one-line message, and safe to
    print or show: the file names, URLs and server text in it have their control characters made
    visible (``tui.visible``), so a name cannot break the line or act on a terminal."""

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(str(message)))
