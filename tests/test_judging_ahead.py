"""Judging ahead (tui/compare/judging.py, ``judge_ahead``): the links the aligner has before its
meaning pass are judged in a forked helper while this process finishes aligning. The answer is
the one a single process gives: links the meaning pass or merging changed are judged here, a
helper that dies part way has the rest done here, and each used link's name swaps count once."""

from __future__ import annotations

import os
import time

import pytest

from tui.compare import compare_texts, helper, judging
from tui.compare.align import RawLink
from tui.compare.prepared import PreparedPair

from .conftest import AP, AP_REWRITE
from .test_helper import swaps_judged_alone

needs_helper = pytest.mark.skipif(not helper.available() or not hasattr(os, "waitid"),
                                  reason="no fork, one core, or threads running")

LEFT = AP.read_text(encoding="utf-8")
# Three sentences of the rewrite split in two: merging grows the links found by words into 1:2.
RIGHT = AP_REWRITE.read_text(encoding="utf-8").replace(", and ", ". And ")


def _alone(monkeypatch) -> str:
    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    out = compare_texts(LEFT, RIGHT).to_json()
    monkeypatch.delenv("SIDEBYSIDE_ONE_PROCESS")
    return out


def _ahead_on_small_texts(monkeypatch, wait=None) -> list:
    """Judging ahead for texts of a few dozen links, in runs of two; what ``judge_ahead``
    started is listed in the answer. ``wait(ahead)`` runs once the helper has been told which
    links changed, before the judging here begins."""
    monkeypatch.setattr(judging, "HELPER_MIN_LINKS", 1)
    monkeypatch.setattr(judging, "DEAL", 2)
    started = []

    def judge_ahead(pair, raw, started_ahead=judging.judge_ahead):
        ahead = started_ahead(pair, raw)
        started.append(ahead)
        return ahead

    def sorted_out(raw, ahead, sorted_out=judging._sorted_out):
        out = sorted_out(raw, ahead)
        if wait is not None:
            wait(ahead)
        return out

    monkeypatch.setattr(judging, "judge_ahead", judge_ahead)
    monkeypatch.setattr(judging, "_sorted_out", sorted_out)
    from tui.compare import engine

    monkeypatch.setattr(engine, "judge_ahead", judge_ahead)
    return started


def _until_done(ahead) -> None:
    """Until the helper has judged every run (or 30 s have gone)."""
    count = -(-len(ahead.hows) // judging.DEAL)
    deadline = time.monotonic() + 30
    while ahead.runs.done < count and time.monotonic() < deadline:
        time.sleep(0.005)


@needs_helper
def test_links_judged_ahead_are_the_links_one_process_judges(monkeypatch):
    alone = _alone(monkeypatch)
    started = _ahead_on_small_texts(monkeypatch)
    assert compare_texts(LEFT, RIGHT).to_json() == alone
    assert started and started[0] is not None, "nothing was judged ahead"


@needs_helper
def test_links_changed_after_the_helper_began_are_judged_here(monkeypatch):
    alone = _alone(monkeypatch)
    started = _ahead_on_small_texts(monkeypatch, wait=_until_done)
    judged_here = []

    def judge(self, left, right, *args, judged=PreparedPair.judge):
        if os.getpid() == parent:
            judged_here.append((tuple(left), tuple(right)))
        return judged(self, left, right, *args)

    parent = os.getpid()
    monkeypatch.setattr(PreparedPair, "judge", judge)
    c = compare_texts(LEFT, RIGHT)
    assert c.to_json() == alone
    ahead_keys = set(started[0].sides())
    changed = [(link.left, link.right) for link in c.links if (link.left, link.right) not in ahead_keys]
    assert len(changed) >= 3  # the three split sentences' links, at least
    # Every other link came from the helper, which had judged them all by then.
    assert sorted(judged_here) == sorted(changed)


@needs_helper
def test_a_helper_that_dies_part_way_has_the_rest_judged_here(monkeypatch):
    alone = _alone(monkeypatch)
    writes = []

    def write_all(fd, data, write=helper._write_all):
        writes.append(len(data))
        if len(writes) == 4:  # half of the second run's links, then the helper is gone
            write(fd, data[: len(data) // 2])
            os._exit(1)
        write(fd, data)

    def until_dead(ahead) -> None:
        os.waitid(os.P_PID, ahead.runs._pid, os.WEXITED | os.WNOWAIT)

    monkeypatch.setattr(helper, "_write_all", write_all)
    started = _ahead_on_small_texts(monkeypatch, wait=until_dead)
    assert compare_texts(LEFT, RIGHT).to_json() == alone
    assert started[0] is not None and started[0].runs.done == 1


@needs_helper
def test_name_swaps_count_once_for_each_link_used(monkeypatch):
    pair, raw, alone = swaps_judged_alone(monkeypatch)
    monkeypatch.setattr(judging, "HELPER_MIN_LINKS", 1)
    monkeypatch.setattr(judging, "DEAL", 2)
    # A link the aligner later scored again: judged ahead (a swap counted there), never used.
    rescored = RawLink(raw[0].left, raw[0].right, raw[0].score / 2, raw[0].how)
    ahead = judging.judge_ahead(pair, [*raw, rescored])
    assert ahead is not None
    _ahead_on_small_texts(monkeypatch, wait=_until_done)  # every link judged by the helper
    judging.judge_links(pair, raw, None, ahead=ahead)
    assert dict(pair.ctx.name_swaps) == alone


@needs_helper
def test_runs_taken_from_the_end_are_not_among_the_helpers_results():
    runs = helper.in_batches(lambda k, notes: (os.getpid(), k * k), 50)
    assert runs is not None
    taken, got = [], []
    while (k := runs.take_last()) is not None:
        taken.append(k)
        got += runs.made()  # what the helper has made so far, as it goes on
    got += runs.results()
    assert [k for k, _ in got] == list(range(runs.stop))
    assert all(pid != os.getpid() and square == k * k for k, (pid, square) in got)
    assert set(taken).isdisjoint(k for k, _ in got) and set(taken) | {k for k, _ in got} == set(range(50))


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc")
def test_no_shared_map_means_no_helper_and_no_file_left_open(monkeypatch):
    def no_memory(*args, **kwargs):
        raise OSError(12, "Cannot allocate memory")

    before = _open_fds()
    monkeypatch.setattr(helper.mmap, "mmap", no_memory)
    assert helper.in_batches(lambda k, notes: k, 10) is None  # this process does the work
    assert _open_fds() == before


@needs_helper
def test_a_helper_waited_for_when_interrupted_is_ended_and_reaped(monkeypatch):
    runs = helper.in_batches(lambda k, notes: time.sleep(0.2) or k, 50)
    assert runs is not None
    pid = runs._pid
    reap = helper._reap

    def interrupted(child: int, kill: bool = False) -> int:
        if not kill:
            raise KeyboardInterrupt  # as Ctrl-C would, while results() waits for the helper
        return reap(child, kill)

    monkeypatch.setattr(helper, "_reap", interrupted)
    with pytest.raises(KeyboardInterrupt):
        list(runs.results())
    with pytest.raises(ChildProcessError):  # killed and reaped: no such child any more
        os.waitpid(pid, os.WNOHANG)


@needs_helper
def test_a_helper_waiting_for_the_notes_goes_on_as_soon_as_they_are_in(monkeypatch):
    # Its own look at whether this process is still there would come only after a minute.
    monkeypatch.setattr(helper, "PARENT_CHECK", 60.0)

    def work(k, notes):
        waited = not notes.are_in
        notes.wait()
        return waited, notes.view[0], time.monotonic()

    runs = helper.in_batches(work, 1, notes=1)
    assert runs is not None
    try:
        time.sleep(0.2)
        runs.notes[0] = 7
        told = time.monotonic()
        runs.notes_in()
        [(_, (waited, note, woke))] = list(runs.results())
    finally:
        runs.cancel()
    assert waited and note == 7
    assert woke - told < 10


_WAITS_FOR_NOTES = """
import os, sys, time
from tui.compare import helper

helper.PARENT_CHECK = float(sys.argv[1])
runs = helper.in_batches(lambda k, notes: (time.sleep(float(sys.argv[3])), notes.wait()), 1, notes=1)
other = 0
if sys.argv[2] == "another copy":  # forked later, it holds this process's end of the bell too
    other = os.fork()
    if other == 0:
        time.sleep(60)
        os._exit(0)
print(runs._pid, other, flush=True)
time.sleep(60)
"""


def _ended(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"  # (ended, not yet reaped)
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
@needs_helper
@pytest.mark.parametrize("check, others, late", [(60.0, "none", 0), (0.2, "another copy", 0), (60.0, "none", 1)])
def test_a_helper_waiting_for_the_notes_ends_when_its_process_is_killed(check, others, late):
    """Killed, the process's end of the bell closes: its helper wakes and ends at once. Where
    another copy of it still holds that end, the helper's look every ``PARENT_CHECK`` ends it.
    A helper that comes to wait only after its process was killed (``late``) ends too."""
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _WAITS_FOR_NOTES, str(check), others, str(late)],
                            stdout=subprocess.PIPE, text=True)
    waiting, other = map(int, proc.stdout.readline().split())
    try:
        time.sleep(0.3)
        assert not _ended(waiting)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while not _ended(waiting) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _ended(waiting)
    finally:
        for pid in (waiting, other):
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        proc.stdout.close()
