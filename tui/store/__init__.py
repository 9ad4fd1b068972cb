"""Persistence: platformdirs locations (``paths``), atomic writes (``atomic``), the folder of
saved comparisons and its lock (``folder``), and one record per pair of documents
(``documents``, ``record``, ``listing``) holding notes (``annotations``) and corrections
(``corrections``) anchored in the text (``anchors``), merged between windows (``merge``) by
``comparisons.ComparisonStore``."""
