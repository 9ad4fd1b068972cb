"""Writing an export from a screen: the reader's and the coverage view's ``e``-keys both write
through their session and say where the file went, or why it was not written."""

from __future__ import annotations

from typing import Protocol

from textual.screen import Screen


class Exports(Protocol):
    def write_export(self, fmt: str) -> object: ...


def export_and_tell(screen: Screen, session: Exports, fmt: str) -> None:
    # Imported here: the exporters load the engine and nltk, which the reader's first frame
    # does not wait for (tests/test_import_hygiene.py).
    from ..export.files import ExportError

    try:
        path = session.write_export(fmt)
    except ExportError as err:
        screen.notify(str(err), severity="error", timeout=8, markup=False)
        return
    screen.notify(f"Wrote {path}", timeout=8, markup=False)
