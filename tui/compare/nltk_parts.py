"""The two parts of nltk the engine uses, Punkt and the English Snowball stemmer, imported
without running nltk's package ``__init__``.

That ``__init__`` imports all of nltk (corpora, parsers, classifiers, ...): about 0.45 s of the
0.8 s a report on two short articles takes from process start, against well under 0.1 s for the
two modules and what they import (``python bench/bench_imports.py``). For the import the
packages ``nltk``, ``nltk.tokenize``, ``nltk.stem`` and ``nltk.corpus`` stand in as empty
packages over nltk's own folders, and ``nltk.pathsec`` and ``nltk.tokenize.util``, whose
functions the two only name, as modules that import them when one is first called; afterwards
every nltk module is taken out of ``sys.modules`` again, so a later ``import nltk`` anywhere in
the process loads the whole real package afresh (the engine keeps its own copies of the two
modules). If nltk is already imported, or a future nltk's modules need more than their folders,
the ordinary import is used. While the two modules load (once per process) another thread that
imports nltk would get a stand-in: nothing else in sidebyside imports nltk, and a program that
embeds the engine and imports nltk in other threads should import nltk first.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
import types
from functools import lru_cache

_STAND_INS = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.corpus")
# Modules whose functions the two only name (for Punkt's files, nltk's Java wrapper, other
# tokenizers): imported, with the real nltk, when one is first called, which the engine never
# does. Both import urllib.request (pathsec itself, tokenize.util through xml.sax.saxutils),
# and with it http.client, ssl and email: three quarters of the two modules' import time.
_DEFERRED = ("nltk.pathsec", "nltk.tokenize.util")
_LOCK = threading.Lock()


class _Deferred(types.ModuleType):
    """A stand-in for a module whose functions are only named at import: each attribute is a
    function that imports the real module when called, and calls its namesake there."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__

        def deferred(*args, **kwargs):
            return getattr(importlib.import_module(module), name)(*args, **kwargs)

        deferred.__name__ = deferred.__qualname__ = name
        return deferred


def _light_import() -> tuple[types.ModuleType, types.ModuleType]:
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    root = spec.submodule_search_locations[0]
    before = set(sys.modules)
    try:
        for name in _STAND_INS:
            package = types.ModuleType(name)
            package.__path__ = [os.path.join(root, *name.split(".")[1:])]
            package.__package__ = name
            sys.modules[name] = package
        for name in _DEFERRED:
            sys.modules[name] = _Deferred(name)
        # snowball imports the stopword corpus, which it reads only when asked to skip
        # stopwords; the engine never asks.
        sys.modules["nltk.corpus"].stopwords = None
        punkt = importlib.import_module("nltk.tokenize.punkt")
        snowball = importlib.import_module("nltk.stem.snowball")
    finally:
        for name in [n for n in sys.modules if (n == "nltk" or n.startswith("nltk.")) and n not in before]:
            del sys.modules[name]
    return punkt, snowball


@lru_cache(maxsize=1)
def modules() -> tuple[types.ModuleType, types.ModuleType]:
    """``(nltk.tokenize.punkt, nltk.stem.snowball)``."""
    with _LOCK:
        if "nltk" not in sys.modules:
            try:
                return _light_import()
            except Exception:
                pass
        from nltk.stem import snowball
        from nltk.tokenize import punkt

        return punkt, snowball
