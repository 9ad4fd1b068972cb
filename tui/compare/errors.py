"""The one exception the engine raises for bad input; its message is a single line for the user."""


class InputError(Exception):
    """A file or argument the engine cannot use. ``str(err)`` is a one-line message."""
