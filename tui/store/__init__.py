"""Persistence: platformdirs locations (``paths``), atomic writes (``atomic``), and saved
comparisons (``comparisons``) holding notes (``annotations``) and corrections
(``corrections``) anchored in the text (``anchors``)."""
