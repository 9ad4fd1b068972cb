"""How the ``sidebyside`` command ends (``cli.run``): after a report, without the interpreter's
teardown, yet with its output whole, its exit status right and the functions registered to
run at exit run; anything else ends as ``sys.exit(main())`` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import AP, AP_REWRITE

# A command line as the installed ``sidebyside`` script runs it, with one object left to free at
# teardown (it says so) and one function registered to run at exit (it says so too).
SCRIPT = """
import atexit, sys
class Held:
    def __del__(self):
        sys.stderr.write("freed at teardown\\n")
held = Held()
atexit.register(lambda: sys.stderr.write("ran at exit\\n"))
from tui.cli import run
sys.argv[1:] = {args!r}
run()
"""


def _sidebyside(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(args=list(args))], capture_output=True,
                          text=True, timeout=120)


def test_a_report_on_standard_output_is_whole_and_the_teardown_skipped():
    proc = _sidebyside(str(AP), str(AP_REWRITE), "--format", "json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)  # the whole report, up to its last byte
    assert data["links"] and data["counts"]
    assert proc.stdout.endswith("}\n")
    assert "ran at exit" in proc.stderr and "freed at teardown" not in proc.stderr


def test_a_report_written_to_a_file_is_whole(tmp_path):
    out = tmp_path / "report.md"
    proc = _sidebyside(str(AP), str(AP_REWRITE), "--format", "markdown", "-o", str(out))
    assert proc.returncode == 0
    assert proc.stderr.splitlines()[0] == f"sidebyside: wrote {out}"
    expected = subprocess.run([sys.executable, "-m", "tui", str(AP), str(AP_REWRITE), "--format", "markdown"],
                              capture_output=True, text=True, timeout=120).stdout
    assert out.read_text(encoding="utf-8") == expected
    assert "ran at exit" in proc.stderr and "freed at teardown" not in proc.stderr


def test_bad_input_ends_as_before_with_status_2(tmp_path):
    proc = _sidebyside(str(AP), str(tmp_path / "missing.txt"), "--format", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("sidebyside: error: ")
    # no report: the interpreter ends as usual, freeing what it holds
    assert "ran at exit" in proc.stderr and "freed at teardown" in proc.stderr


def test_a_reader_gone_away_is_not_an_error():
    # `sidebyside A B -f json | head -c 10`: the pipe closes under the report
    shell = subprocess.run(f"{sys.executable} -c {_quoted(SCRIPT.format(args=[str(AP), str(AP_REWRITE), '-f', 'json']))}"
                           " | head -c 10; exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                           capture_output=True, text=True, timeout=120)
    assert shell.returncode == 0
    assert shell.stdout == '{"format":'
    assert "Traceback" not in shell.stderr


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _closing(fd: int):
    return lambda: os.close(fd)


def test_a_report_to_a_file_with_standard_output_or_error_closed_ends_well(tmp_path):
    """Started with stdout or stderr closed (``>&-``, ``2>&-``): the report is written and the
    status is 0, with no traceback."""
    for fd in (1, 2):
        out = tmp_path / f"report{fd}.json"
        proc = subprocess.run([sys.executable, "-c", SCRIPT.format(args=[str(AP), str(AP_REWRITE), "-f", "json",
                                                                         "-o", str(out)])],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if fd == 2 else None,
                              stderr=subprocess.PIPE if fd == 1 else None, preexec_fn=_closing(fd), timeout=120)
        assert proc.returncode == 0, fd
        assert json.loads(out.read_text(encoding="utf-8"))["links"]
        assert b"Traceback" not in (proc.stderr or b"")


def test_a_report_to_a_closed_standard_output_is_refused_in_one_line():
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(args=[str(AP), str(AP_REWRITE), "-f", "json"])],
                          stderr=subprocess.PIPE, text=True, preexec_fn=_closing(1), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("sidebyside: error: standard output is closed")
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_under_standard_output_is_an_error_in_one_line():
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-c", SCRIPT.format(args=[str(AP), str(AP_REWRITE), "-f", "json"])],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line != "ran at exit"]
    assert errors == ["sidebyside: error: could not write the report to standard output: No space left on device"]
