"""Where sidebyside keeps its files: ``--data-dir``, else ``$SIDEBYSIDE_DATA_DIR``, else platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "sidebyside"
DATA_DIR_ENV = "SIDEBYSIDE_DATA_DIR"
CACHE_DIR_ENV = "SIDEBYSIDE_CACHE_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for saved comparisons and annotations (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for cached web pages (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
