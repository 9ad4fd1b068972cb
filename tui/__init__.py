"""sidebyside: read two texts that tell the same story side by side."""

__version__ = "0.1.0"
