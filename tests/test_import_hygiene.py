"""The report path never imports Textual or Rich at run time (importing textual costs about a
third of a second). Which modules may import them at all is an import-linter contract
(tests/test_architecture.py); this checks the lazy import in the command line too."""

from __future__ import annotations

import subprocess
import sys


def _after_a_report(tmp_path, check: str) -> None:
    """Run ``check`` (Python) in a fresh process after it wrote a JSON report on the sample pair."""
    from .conftest import AP, AP_REWRITE

    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main([{str(AP)!r}, {str(AP_REWRITE)!r}, '--format', 'json', '--output', {str(tmp_path / 'r.json')!r}])\n"
        + check
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_json_report_does_not_load_textual(tmp_path):
    _after_a_report(tmp_path, "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
                              "assert not bad, bad\n")


def test_the_first_frame_waits_for_neither_the_engine_nor_the_store():
    """What the reader needs to show two texts (the command line, the session's loading, the
    app) imports no nltk, engine, store records or exporters: those load in the comparison's
    thread once the texts are on screen (bench/bench_startup.py measures the frame)."""
    from .conftest import AP, AP_REWRITE

    code = (
        "import sys\n"
        "import tui.cli, tui.ui.app\n"
        "from tui.session import Session\n"
        f"Session.load([{str(AP)!r}, {str(AP_REWRITE)!r}])\n"
        "heavy = ('nltk', 'tui.compare.engine', 'tui.compare.segment', 'tui.store.comparisons', 'tui.export',\n"
        "         'trafilatura', 'charset_normalizer', 'textual.widgets._text_area')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_json_report_does_not_load_numpy_masked_arrays(tmp_path):
    """numpy.ma (about 20 ms to import) loads with np.unique, np.intersect1d and np.isin on
    widely spread values: the engine finds the same answers without them, and a report on two
    short articles never loads it."""
    _after_a_report(tmp_path, "assert 'numpy' in sys.modules and 'numpy.ma' not in sys.modules\n")


def test_json_report_on_text_files_loads_neither_multiprocessing_nor_logging(tmp_path):
    """The forked helper needs only ``os.fork`` (``multiprocessing`` is looked at only where
    something else imported it), and logging is for trafilatura's web pages: about 7 ms of
    imports a report on two text files need not wait for."""
    _after_a_report(tmp_path, "bad = sorted(m for m in ('multiprocessing', 'logging') if m in sys.modules)\n"
                              "assert not bad, bad\n")


def test_the_aligner_and_claim_checks_are_imported_once_the_reading_has_begun():
    """Importing the engine leaves out what reading the texts does not need (numpy, the aligner,
    the claim checks: about a tenth of a second): a comparison imports them while a helper
    process reads one text of a large input (``prepare.read_both``'s ``meanwhile``)."""
    from .conftest import AP, AP_REWRITE

    code = (
        "import sys\n"
        "import tui.compare.engine as engine\n"
        "later = ('numpy', 'tui.compare.prepared', 'tui.compare.claims', 'tui.compare.align')\n"
        "assert not [m for m in later if m in sys.modules], [m for m in later if m in sys.modules]\n"
        f"c = engine.compare_files({str(AP)!r}, {str(AP_REWRITE)!r})\n"
        "assert c.links and all(m in sys.modules for m in later)\n"
        "assert engine.Options is sys.modules['tui.compare.prepared'].Options\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_meaning_model_is_loaded_ahead_only_for_large_inputs():
    """Large inputs load the meaning model while a helper reads the right text (the helpers
    forked later find it loaded); a small pair loads it only if its comparison asks for it."""
    code = (
        "from tui.compare import engine\n"
        "from tui.compare.meaning import load_model\n"
        "text = 'The council met on Monday. It approved the budget.'\n"
        "engine.compare_texts(text, text)\n"
        "small = load_model.cache_info().currsize\n"
        "engine.HELPER_MIN_CHARS = 10\n"
        "engine.compare_texts(text, text)\n"
        "print(small, load_model.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "1"]


def test_importing_the_claims_loads_no_stemmer():
    """The stemmer (Snowball, with nltk's parts) loads when words are first stemmed, not when
    a module that stems a word list is imported: ``claims.quantities`` stems its time units on
    first use."""
    code = (
        "import tui.compare.claims\n"
        "from tui.compare import normalise\n"
        "assert normalise._stemmer.cache_info().currsize == 0, 'the stemmer was made on import'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
