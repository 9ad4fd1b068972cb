"""``python -m tui`` runs the same command line as ``sidebyside``."""

from .cli import main

raise SystemExit(main())
