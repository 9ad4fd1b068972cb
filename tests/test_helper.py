"""The forked helper (tui/compare/helper.py): half of a step in a copy of this process, the same
answer as doing it all here, and a copy that fails costs nothing but time."""

from __future__ import annotations

import os
import threading

import pytest

from tui.compare import align, compare_files, helper, judging, prepare
from tui.compare.model import Document, Link

from .conftest import AP, AP_REWRITE

needs_helper = pytest.mark.skipif(not helper.available(), reason="no fork, one core, or threads running")


@needs_helper
def test_the_copy_runs_in_another_process_at_the_same_time():
    here = os.getpid()
    there, mine = helper.in_two(os.getpid, os.getpid)
    assert mine == here
    assert there != here


@needs_helper
def test_a_copy_that_fails_has_its_half_done_here():
    parent = os.getpid()

    def there() -> str:
        if os.getpid() != parent:
            raise MemoryError("the copy ran out")
        return "done here"

    assert helper.in_two(there, lambda: 1) == ("done here", 1)


class _FailsInTheCopy:
    """Pickles in the parent; in the copy its pickling fails, after a megabyte of the result
    before it has gone into the pipe."""

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def __reduce__(self):
        if os.getpid() != self.parent:
            raise MemoryError("the copy ran out while sending")
        return (_FailsInTheCopy, (self.parent,))


@needs_helper
def test_a_copy_that_fails_while_sending_has_its_half_done_here():
    """The copy pickles its result straight into the pipe: a part sent before it failed is
    read as nothing, and the half is done here."""
    parent = os.getpid()

    def there() -> list:
        return [b"x" * (1 << 20), _FailsInTheCopy(parent), "done here" if os.getpid() == parent else "copy"]

    got, mine = helper.in_two(there, lambda: 1)
    assert mine == 1
    assert got[0] == b"x" * (1 << 20) and got[2] == "done here"


@needs_helper
def test_a_copy_tells_its_early_value_before_its_result():
    parent = os.getpid()
    gate_read, gate_write = os.pipe()

    def there(tell) -> int:
        tell(("early", os.getpid()))
        os.read(gate_read, 1)  # the copy goes on only once this process has what it told
        return os.getpid()

    later = helper.begin_telling(there)
    try:
        told = later.told()
        os.write(gate_write, b"x")
        got = later.result()
    finally:
        later.cancel()
        os.close(gate_read)
        os.close(gate_write)
    assert told == ("early", got)
    assert got != parent


@needs_helper
def test_a_copy_that_fails_before_telling_tells_nothing_and_its_work_is_done_here():
    parent = os.getpid()

    def there(tell) -> str:
        if os.getpid() != parent:
            raise MemoryError("the copy ran out")
        tell("told here")  # (here, telling does nothing)
        return "done here"

    later = helper.begin_telling(there)
    assert later.told() is None
    assert later.result() == "done here"


def test_without_a_helper_nothing_is_told_and_the_work_is_done_here(monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    later = helper.begin_telling(lambda tell: (tell("early"), os.getpid())[1])
    assert later.told() is None
    assert later.result() == os.getpid()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc")
@pytest.mark.parametrize("telling", [False, True])
def test_where_the_fork_fails_the_work_is_done_here_and_no_pipe_is_left_open(monkeypatch, telling):
    def no_fork():
        raise OSError("no fork")

    monkeypatch.setattr(helper, "available", lambda: True)
    monkeypatch.setattr(os, "fork", no_fork)
    before = set(os.listdir("/proc/self/fd"))
    if telling:
        later = helper.begin_telling(lambda tell: (tell("early"), os.getpid())[1])
        assert later.told() is None
    else:
        later = helper.begin(os.getpid)
    assert set(os.listdir("/proc/self/fd")) == before
    assert later.result() == os.getpid()


@needs_helper
def test_a_copy_whose_work_raises_leaves_and_never_comes_back_into_the_callers_code():
    here = os.getpid()

    def raises() -> None:
        raise MemoryError("the copy ran out before it could send anything")

    try:
        pid = helper._fork(raises)
    finally:
        if os.getpid() != here:  # the copy came back: it must not run the rest of this test run
            os._exit(3)
    assert pid is not None
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1


@needs_helper
def test_compounds_found_in_the_copy_join_this_sides_words(monkeypatch):
    """The helper makes the tokenizer and tells this process the compounds it found: a compound
    hyphenated on the left and written as one word only on the right is joined on both sides,
    as where both are read here."""
    left_text = "The cease-fire held. " * 30
    right_text = "The ceasefire held. " * 30

    def readings():
        left, right = (Document(path=n, text=t, sha256="", source={"kind": "text"})
                       for n, t in (("l", left_text), ("r", right_text)))
        (lr, rr), tokenizer = prepare.read_both(left, right)
        return [lr.vocab[k] for k in lr.keys], [rr.vocab[k] for k in rr.keys], tokenizer.joined

    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    alone = readings()
    monkeypatch.delenv("SIDEBYSIDE_ONE_PROCESS")
    monkeypatch.setattr(prepare, "HELPER_MIN_CHARS", 1)
    helped = readings()
    assert alone[2] == helped[2] == {"cease-fire"}
    assert "cease" not in helped[0] and helped[0][1] == helped[1][1]  # one word on both sides
    assert helped == alone


def test_no_helper_with_other_threads_running():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not helper.available()
        assert helper.in_two(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    finally:
        stop.set()
        t.join()


def test_no_helper_when_told_so(monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    assert not helper.available()


@needs_helper
def test_the_engine_answers_the_same_with_a_helper(monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    alone = compare_files(AP, AP_REWRITE).to_json()
    monkeypatch.delenv("SIDEBYSIDE_ONE_PROCESS")
    monkeypatch.setattr(judging, "HELPER_MIN_LINKS", 1)
    monkeypatch.setattr(judging, "DEAL", 3)  # runs of links dealt to both processes in turn
    monkeypatch.setattr(prepare, "HELPER_MIN_CHARS", 1)
    monkeypatch.setattr(align, "HELPER_MIN_SENTENCES", 1)
    helped = compare_files(AP, AP_REWRITE).to_json()
    assert helped == alone


def test_a_link_survives_packing():
    c = compare_files(AP, AP_REWRITE)
    for link in c.links:
        assert Link.unpacked(link.packed()) == link


SWAPS_LEFT = " ".join(f"On day {n} the {w} minister met Smith in the capital." for n, w in
                      enumerate(("farm", "trade", "health", "energy", "water", "labour"), 1))
SWAPS_RIGHT = SWAPS_LEFT.replace("Smith", "Jones")


def swaps_judged_alone(monkeypatch):
    """``(pair, raw links, name swaps counted)`` of the swapped-names pair judged in one process,
    the pair's swaps and aliases cleared again for the next judging."""
    from tui.compare import compare_texts

    monkeypatch.setenv("SIDEBYSIDE_ONE_PROCESS", "1")
    pair = compare_texts(SWAPS_LEFT, SWAPS_RIGHT).engine_state
    raw = pair.aligner().run()
    pair.ctx.name_swaps.clear()
    pair.ctx.aliases = set()
    judging.judge_links(pair, raw, None)
    alone = dict(pair.ctx.name_swaps)
    # Six links swap the name once each, and once more when judged again with the alias known.
    assert alone == {("smith", "jone"): 12}
    monkeypatch.delenv("SIDEBYSIDE_ONE_PROCESS")
    pair.ctx.name_swaps.clear()
    pair.ctx.aliases = set()
    return pair, raw, alone


def test_name_swaps_are_counted_once_when_the_helpers_share_is_done_here(monkeypatch):
    pair, raw, alone = swaps_judged_alone(monkeypatch)
    # The helper's share, dealt out but run here: the fork fails.
    monkeypatch.setattr(judging, "HELPER_MIN_LINKS", 1)
    monkeypatch.setattr(judging, "DEAL", 2)
    monkeypatch.setattr(helper, "available", lambda: True)

    def no_fork():
        raise OSError("no fork")

    monkeypatch.setattr(os, "fork", no_fork)
    judging.judge_links(pair, raw, None)
    assert dict(pair.ctx.name_swaps) == alone


@needs_helper
def test_a_helper_leaves_what_the_reader_froze_frozen():
    import gc

    gc.freeze()  # as the reader does with its comparison
    try:
        frozen = gc.get_freeze_count()
        assert helper.in_two(lambda: 1, lambda: 2) == (1, 2)
        # Frozen objects may still be freed meanwhile; unfreezing them all would leave none.
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()


def _children() -> list[int]:
    out = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as f:
            out += [int(pid) for pid in f.read().split()]
    return out


@needs_helper
@pytest.mark.parametrize("cut_links", [False, True])
def test_a_json_report_written_with_a_helper_is_the_same_text(monkeypatch, cut_links):
    from tui.compare import model

    c = compare_files(AP, AP_REWRITE)
    with helper.alone():
        alone = "".join(c.json_chunks(size=200))
    monkeypatch.setattr(model, "JSON_HELPER_MIN_LINKS", 1)
    if not cut_links:  # the helper writes every link
        monkeypatch.setattr(model, "JSON_LINK_WORK", 1)  # links cheap: this process has more to do
    began = []
    monkeypatch.setattr(helper, "begin", lambda there, begin=helper.begin: began.append(there) or begin(there))
    helped = "".join(c.json_chunks(size=200))
    assert began, "no helper was asked"
    cut = began[0].args[1]
    assert (0 < cut < len(c.links)) if cut_links else cut == 0
    assert helped == alone


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc")
@needs_helper
def test_a_json_report_abandoned_half_way_leaves_no_helper_behind(monkeypatch):
    from tui.compare import model

    c = compare_files(AP, AP_REWRITE)
    monkeypatch.setattr(model, "JSON_HELPER_MIN_LINKS", 1)
    before = _children()
    chunks = c.json_chunks(size=100)
    next(chunks)
    assert len(_children()) == len(before) + 1  # the helper is writing the links
    chunks.close()  # the reader of the report went away
    assert _children() == before


@needs_helper
def test_a_json_report_of_texts_too_large_to_keep_is_written_here_alone(monkeypatch):
    """The helper's text comes back whole before it is written: where a text's tokens are not
    kept (memory is what limits it), this process writes every link itself."""
    from tui.compare import model, tokens

    c = compare_files(AP, AP_REWRITE)
    monkeypatch.setattr(model, "JSON_HELPER_MIN_LINKS", 1)
    began = []
    monkeypatch.setattr(helper, "begin", lambda there, begin=helper.begin: began.append(there) or begin(there))
    chars = len(c.left.text) + len(c.right.text)
    monkeypatch.setattr(tokens, "KEEP_CHARS", chars - 1)
    alone = "".join(c.json_chunks(size=200))
    assert not began
    monkeypatch.setattr(tokens, "KEEP_CHARS", chars)
    assert "".join(c.json_chunks(size=200)) == alone and began
