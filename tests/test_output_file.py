"""``--output``: never over one of the inputs; through a symlink to its target; into a FIFO or a
character device as a stream; an existing file keeps its mode, a new one gets the umask's."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading

import pytest
from pathlib import Path

from tui.cli import main

from .conftest import AP, AP_REWRITE


@pytest.fixture
def texts(tmp_path):
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_bytes(AP.read_bytes())
    right.write_bytes(AP_REWRITE.read_bytes())
    return left, right


def _report(path) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    assert data["format"] == "sidebyside-comparison"
    return data


@pytest.mark.parametrize("how", ["same name", "symlink", "hard link", "other spelling"])
def test_the_output_is_never_one_of_the_inputs(texts, tmp_path, capsys, how):
    left, right = texts
    before = right.read_bytes()
    out = {"same name": right, "symlink": tmp_path / "link.json", "hard link": tmp_path / "hard.json",
           "other spelling": tmp_path / "." / "sub" / ".." / "b.txt"}[how]
    if how == "symlink":
        out.symlink_to(right)
    elif how == "hard link":
        os.link(right, out)
    elif how == "other spelling":
        (tmp_path / "sub").mkdir()
    assert main([str(left), str(right), "-f", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "is one of the texts being compared" in err and len(err.splitlines()) == 1
    assert right.read_bytes() == before


def test_standard_input_read_from_the_output_file_is_not_overwritten(texts):
    left, right = texts
    before = left.read_bytes()
    with open(left, "rb") as stdin:
        proc = subprocess.run([sys.executable, "-m", "tui", "-", str(right), "-f", "json", "-o", str(left)],
                              stdin=stdin, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "is one of the texts being compared" in proc.stderr
    assert left.read_bytes() == before


def test_a_symlink_is_written_through_to_its_target(texts, tmp_path):
    left, right = texts
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert main([str(left), str(right), "-f", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert _report(target)["left"]["path"] == str(left)


def test_a_dangling_symlink_creates_its_target(texts, tmp_path):
    left, right = texts
    link = tmp_path / "latest.json"
    link.symlink_to(tmp_path / "new.json")
    assert main([str(left), str(right), "-f", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and _report(tmp_path / "new.json")


def test_a_fifo_gets_the_report_as_a_stream(texts, tmp_path):
    left, right = texts
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main([str(left), str(right), "-f", "json", "-o", str(fifo)]) == 0
    reader.join(30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["format"] == "sidebyside-comparison"


def test_a_character_device_is_written_not_replaced(texts, tmp_path):
    left, right = texts
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root")
    assert main([str(left), str(right), "-f", "json", "-o", str(null)]) == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_standard_output_by_name_is_a_stream(texts):
    # /dev/fd/1 rather than /dev/stdout: were the stream ever replaced by a file again, the
    # temporary file could not be made in /proc, where /dev/stdout's folder /dev (as root) can.
    left, right = texts
    proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "-f", "json", "-o", "/dev/fd/1"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)["format"] == "sidebyside-comparison"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_an_existing_file_keeps_its_mode(texts, tmp_path, mode):
    left, right = texts
    out = tmp_path / "report.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(mode)
    assert main([str(left), str(right), "-f", "json", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode and _report(out)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_file_gets_the_umask_mode(texts, tmp_path, umask):
    left, right = texts
    out = tmp_path / "report.json"
    old = os.umask(umask)
    try:
        assert main([str(left), str(right), "-f", "json", "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask and _report(out)


def test_a_directory_is_refused_in_one_line(texts, tmp_path, capsys):
    left, right = texts
    assert main([str(left), str(right), "-f", "json", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and len(err.splitlines()) == 1
