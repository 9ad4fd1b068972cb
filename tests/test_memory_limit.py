"""A comparison too large for the memory available is refused before it starts, in one line;
running out of memory anyway ends in one line too, never a traceback (issue 10)."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from tui.compare import memory

from .conftest import AP, AP_REWRITE

LIMIT = 600 * 1024 * 1024  # address space: the interpreter and its libraries take about 220 MB


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _big_pair(tmp_path, chars: int):
    story = AP.read_text(encoding="utf-8")
    copies = chars // (2 * len(story)) + 1
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("\n\n".join(story.replace("175", str(k)) for k in range(copies)), encoding="utf-8")
    right.write_text("\n\n".join(story.replace("Monday", f"day {k}") for k in range(copies)), encoding="utf-8")
    return left, right


def test_what_a_comparison_needs_grows_with_its_texts():
    assert memory.needed(10_000_000, kept=False) > memory.needed(1_000_000, kept=False) > memory.needed(0, kept=False)
    assert memory.needed(1_000_000, kept=True) > memory.needed(1_000_000, kept=False)


def test_too_large_for_the_address_space_is_refused_in_one_line(tmp_path):
    left, right = _big_pair(tmp_path, 24_000_000)
    assert memory.needed(24_000_000, kept=False) > LIMIT - 220 * 1024 * 1024
    proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "--format", "json"],
                          capture_output=True, text=True, timeout=120, preexec_fn=_limited)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "needs about" in lines[0] and "MiB is available" in lines[0]
    assert proc.stdout == ""


def test_a_small_comparison_still_runs_under_the_limit():
    proc = subprocess.run([sys.executable, "-m", "tui", str(AP), str(AP_REWRITE), "--format", "json"],
                          capture_output=True, text=True, timeout=120, preexec_fn=_limited)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('{"format": "sidebyside-comparison"')


OUT_OF_MEMORY = """
import tui.compare.engine, tui.session
def out_of_memory(*args, **kwargs):
    raise MemoryError
{patch}
from tui.cli import main
raise SystemExit(main([{left!r}, {right!r}, "--format", "json"]))
"""


@pytest.mark.parametrize("patch", [
    "tui.compare.engine._compare = out_of_memory",          # while comparing
    "tui.session.Session.export_chunks = out_of_memory",    # while writing the report
])
def test_running_out_of_memory_anyway_is_one_line(patch):
    code = OUT_OF_MEMORY.format(patch=patch, left=str(AP), right=str(AP_REWRITE))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "ran out of memory" in lines[0]


def test_limits_leave_room_for_what_the_comparison_really_takes(monkeypatch):
    """Address space runs ahead of resident memory, and the machine's free memory and a control
    group's limit are shared with the helper process: those limits are counted at a discount; the
    data-segment limit, which counts this process's heap alone, as it is."""
    room = 300 * memory.MIB
    limits = {"meminfo": None, "cgroup": None, resource.RLIMIT_AS: None, resource.RLIMIT_DATA: None}
    monkeypatch.setattr(memory, "_meminfo", lambda: limits["meminfo"])
    monkeypatch.setattr(memory, "_cgroup", lambda: limits["cgroup"])
    monkeypatch.setattr(memory, "_rlimit", lambda which, field: limits[which])
    assert memory.available() is None
    for name in limits:
        limits[name] = room
        assert memory.available() == room if name == resource.RLIMIT_DATA else memory.available() < room / 1.4
        limits[name] = None


def test_frugal_sets_the_c_librarys_mapping_bound_inside_and_a_fixed_one_after(monkeypatch):
    """Inside ``memory.frugal()`` glibc maps blocks of MMAP_BYTES or more on their own; after it,
    even when the block raised, the bound is MMAP_BYTES_AFTER; ``frugal(False)``, or a C library
    without ``mallopt``, changes nothing."""
    calls = []
    monkeypatch.setattr(memory, "_mallopt", lambda: lambda option, value: calls.append((option, value)) or 1)
    with memory.frugal(False):
        assert calls == []
    with pytest.raises(KeyError), memory.frugal():
        assert calls == [(memory.M_MMAP_THRESHOLD, memory.MMAP_BYTES)]
        raise KeyError
    assert calls[1:] == [(memory.M_MMAP_THRESHOLD, memory.MMAP_BYTES_AFTER)]
    monkeypatch.setattr(memory, "_mallopt", lambda: None)
    with memory.frugal():
        pass
    assert len(calls) == 2
