"""The cycle collector is paused only while comparisons run, and left as the caller had it."""

from __future__ import annotations

import gc
import threading

from tui.compare import collector, compare_texts

LEFT = "The minister said on Monday that 175 prisoners were freed. Talks resume in May."
RIGHT = "The minister said on Tuesday that 170 prisoners were freed. Talks resume in May."


def test_a_comparison_leaves_the_collector_running():
    assert gc.isenabled()
    compare_texts(LEFT, RIGHT)
    assert gc.isenabled()


def test_the_collector_is_paused_during_a_comparison_and_nested_pauses_end_together():
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer comparison still runs
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off():
    gc.disable()
    try:
        compare_texts(LEFT, RIGHT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_comparisons_in_two_threads_restart_the_collector_when_both_end():
    inside = threading.Barrier(3)  # both threads inside, and this one looking
    leave = [threading.Event(), threading.Event()]

    def run(k: int) -> None:
        with collector.paused():
            inside.wait()
            leave[k].wait()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    during = gc.isenabled()
    leave[0].set()
    threads[0].join()
    one_left = gc.isenabled()
    leave[1].set()
    threads[1].join()
    assert (during, one_left, gc.isenabled()) == (False, False, True)


def test_objects_another_part_froze_stay_frozen():
    kept = [object() for _ in range(100)]
    gc.freeze()  # as the reader does with its comparison
    try:
        frozen = gc.get_freeze_count()
        compare_texts(LEFT, RIGHT)
        # Frozen objects may still be freed meanwhile; unfreezing them all would leave none.
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
    assert kept


def test_a_comparison_leaves_nothing_frozen():
    assert gc.get_freeze_count() == 0
    compare_texts(LEFT, RIGHT)
    assert gc.get_freeze_count() == 0
