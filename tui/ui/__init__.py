"""The terminal UI (Textual): the app, its screens and widgets. Everything that imports
textual or rich lives under this folder (``lint-imports`` checks it); the rest of ``tui``
runs without them."""
