"""The engine takes Punkt and the Snowball stemmer from nltk without importing all of nltk, and
leaves the process able to import the whole package afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_engine_does_not_import_the_whole_of_nltk():
    out = _run(
        """
        import sys
        from tui.compare import compare_texts
        c = compare_texts("WASHINGTON — Mr. Smith said 175 people left. They went home.",
                          "WASHINGTON — Mr. Smith said 170 people left. They went home.")
        print(len(c.left.sentences), len(c.right.sentences))
        print(any(name == "nltk" or name.startswith("nltk.") for name in sys.modules))
        """
    )
    sizes, flags = out.splitlines()
    assert sizes == "3 3"  # dateline, and "Mr." did not end a sentence
    assert flags == "False"


def test_whole_nltk_still_imports_after_the_engine():
    out = _run(
        """
        from tui.compare.nltk_parts import modules
        punkt, snowball = modules()
        import nltk
        import nltk.tokenize.punkt
        import nltk.stem.snowball
        print(callable(nltk.word_tokenize), nltk.tokenize.punkt.PunktSentenceTokenizer.__name__)
        print(snowball.EnglishStemmer().stem("running"), nltk.stem.snowball.EnglishStemmer().stem("running"))
        """
    )
    assert out.split() == ["True", "PunktSentenceTokenizer", "run", "run"]


def test_nltk_imported_first_is_used_as_it_is():
    out = _run(
        """
        import nltk.tokenize.punkt
        from tui.compare.nltk_parts import modules
        print(modules()[0] is nltk.tokenize.punkt)
        """
    )
    assert out.strip() == "True"


def test_what_goes_between_processes_pickles_without_nltk():
    # The coverage view's pool and the judging helper send documents and comparisons to other
    # processes: nothing in them may be an object of the engine's private nltk modules.
    out = _run(
        """
        import pickle, sys
        from tui.compare import compare_texts
        c = compare_texts("WASHINGTON — Mr. Smith said 175 people left. They went home.",
                          "WASHINGTON — Mr. Smith said 170 people left. They went home.")
        back = pickle.loads(pickle.dumps(c))
        print(len(back.links), any(name == "nltk" or name.startswith("nltk.") for name in sys.modules))
        """
    )
    assert out.split() == ["3", "False"]


def test_the_two_modules_load_without_the_network_modules_and_call_through():
    """Punkt and Snowball load without nltk.pathsec's and nltk.tokenize.util's imports
    (urllib.request, http.client, ssl: most of their import time); a function of those modules
    that Punkt names still works when called, from the real module loaded then."""
    out = _run(
        """
        import sys
        from tui.compare.nltk_parts import modules
        punkt, snowball = modules()
        print(sorted(m for m in ("urllib.request", "http.client", "ssl", "xml.sax") if m in sys.modules))
        try:
            punkt.validate_path("/", context="test")
        except PermissionError as refused:  # nltk's path sandbox refuses the root
            print(type(refused).__name__, type(sys.modules["nltk.pathsec"]).__name__)
        """
    )
    assert out.splitlines() == ["[]", "PermissionError module"]
