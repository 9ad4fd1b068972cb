"""Process-wide settings that comparisons turn on (the model letting its pages go, the helper
process kept out) are on exactly while some comparison that asked for them runs, also when
comparisons overlap in threads and end in another order than they began."""

import threading

from tui.compare import helper, meaning
from tui.compare.switch import Switch


def test_a_block_that_began_first_and_ends_first_does_not_leave_the_switch_as_it_found_it():
    switch = Switch()
    big, small = switch.on(True), switch.on(False)
    big.__enter__()
    small.__enter__()
    assert switch
    big.__exit__(None, None, None)
    assert not switch  # the small block never asked for it
    small.__exit__(None, None, None)
    assert not switch


def test_the_switch_stays_on_until_the_last_block_that_asked_ends():
    switch = Switch()
    first, second = switch.on(), switch.on()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert switch
    second.__exit__(None, None, None)
    assert not switch


def test_the_switch_is_off_after_an_error_inside_the_block():
    switch = Switch()
    try:
        with switch.on():
            raise ValueError
    except ValueError:
        pass
    assert not switch


def test_threads_that_overlap_leave_the_model_and_the_helper_settings_off():
    start = threading.Barrier(8)

    def compare(big: bool) -> None:
        start.wait()
        for _ in range(200):
            with meaning.letting_pages_go(big), helper.alone(big):
                pass

    threads = [threading.Thread(target=compare, args=(k % 2 == 0,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not meaning._letting_go and not helper._alone
