"""The app as the snapshot tests see it: the sample pair (or the picker), a fixed theme, a
temporary data dir."""

from __future__ import annotations

import os
import tempfile

from tui.compare import compare_files
from tui.corpus import default_pair
from tui.ui.app import SideBySideApp


class SnapshotApp(SideBySideApp):
    def __init__(self, picker: bool = False) -> None:
        data = tempfile.mkdtemp(prefix="sbs-snap-")
        os.environ.setdefault("SIDEBYSIDE_DATA_DIR", data)
        super().__init__(None if picker else compare_files(*default_pair()), data_dir=data)
        self.theme = "textual-dark"
        self.animation_level = "none"



class CoverageSnapshotApp(SideBySideApp):
    """The coverage view on the five sample reports, with the same pins."""

    def __init__(self) -> None:
        from tui.corpus import sample_files
        from tui.coverage_session import CoverageSession

        data = tempfile.mkdtemp(prefix="sbs-snap-")
        super().__init__(session=CoverageSession.open([str(p) for p in sample_files()], data), data_dir=data)
        self.theme = "textual-dark"
        self.animation_level = "none"


if __name__ == "__main__":
    SnapshotApp().run()
