"""``python -m tui`` runs the same command line as ``sidebyside``."""

from .cli import run

run()
