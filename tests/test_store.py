"""Saved comparisons: notes and corrections come back when the same two documents are opened
again, follow their text when a document is edited, and survive crashes and bad files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tui.compare import compare_files
from tui.store.comparisons import StoreError, list_saved, load_for, record_path, text_sha256

from .conftest import ROOT

PRISONERS = 7  # left: "Putin also told Trump that ... exchange 175 prisoners of war each ..."


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def open_pair(pair, data):
    c = compare_files(*pair)
    return c, load_for(c.left, c.right, data)


def annotate(pair, data):
    """Two notes and a correction, saved: what a user leaves behind."""
    c, store = open_pair(pair, data)
    k = c.link_of("left", PRISONERS)
    store.note_link(c, k, "Three outlets say 175 each.\nAP rewrite drops 'each'.", ["verified", "Follow Up"])
    store.note_sentences(c, "left", [0], "the lede", ["important"])
    store.set_verdict(c, k, "match")
    assert store.save()
    return c, store


def test_a_new_comparison_without_notes_writes_nothing(pair, data):
    _, store = open_pair(pair, data)
    assert store.empty and store.message == ""
    assert store.save() is False
    assert not data.exists()


def test_notes_come_back_when_the_same_documents_are_opened_again(pair, data):
    _, before = annotate(pair, data)
    c, after = open_pair(pair, data)
    assert after.message == ""
    assert [a.to_json() for a in after.annotations] == [a.to_json() for a in before.annotations]
    assert [x.to_json() for x in after.corrections] == [x.to_json() for x in before.corrections]
    note = after.notes_at(c, "right", c.links[c.link_of("left", PRISONERS)].right[0])[0]
    assert note.tags == ["verified", "follow-up"]
    assert note.body.splitlines()[1] == "AP rewrite drops 'each'."


def test_the_record_is_named_after_the_two_documents_and_knows_their_texts(pair, data):
    c, store = annotate(pair, data)
    assert store.path == record_path(c.left, c.right, data)
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 1
    assert saved["documents"]["left"]["path"] == str(pair[0].resolve())
    assert saved["documents"]["left"]["sha256"] == text_sha256(c.left.text)
    # Every target knows the text its offsets point into.
    for target in saved["annotations"][0]["targets"]:
        assert target["text_sha256"] == text_sha256(c.doc(target["side"]).text)


def test_saving_again_without_a_change_writes_nothing(pair, data):
    _, store = annotate(pair, data)
    assert store.save() is False


def test_edit_and_delete_a_note(pair, data):
    c, store = annotate(pair, data)
    note = store.annotations[1]
    store.edit_note(note.id, body="the lede, checked", tags=["verified", "lede"])
    removed = store.delete_note(store.annotations[0].id)
    assert store.save()
    _, again = open_pair(pair, data)
    assert [(a.body, a.tags) for a in again.annotations] == [("the lede, checked", ["verified", "lede"])]
    again.restore_note(removed)
    assert len(again.annotations) == 2


def test_list_saved_shows_paths_names_counts_and_last_opened(pair, data):
    annotate(pair, data)
    [saved] = list_saved(data)
    assert (saved.left.name, saved.right.name) == ("ap.txt", "ap-rewrite.txt")
    assert saved.left.path == str(pair[0].resolve())
    assert (saved.notes, saved.corrections, saved.orphaned) == (2, 1, 0)
    assert saved.reopenable and saved.last_opened


# ---- edited documents ---------------------------------------------------------------------------


def edit_left(pair, old: str, new: str) -> None:
    text = pair[0].read_text(encoding="utf-8")
    assert old in text
    pair[0].write_text(text.replace(old, new, 1), encoding="utf-8")


def test_text_inserted_before_a_note_moves_it_with_its_sentence(pair, data):
    c0, _ = annotate(pair, data)
    text = pair[0].read_text(encoding="utf-8")
    pair[0].write_text("WASHINGTON (AP) — An editor's note added at the top.\n\n" + text, encoding="utf-8")
    c, store = open_pair(pair, data)
    assert "changed since the notes were saved" in store.message
    assert "3 found unchanged, 0 on reworded text (check them), 0 orphaned" in store.message
    assert {a.status for a in store.annotations} == {"moved"}
    placed = {p.annotation.body: p for p in store.placed_notes(c)}
    on_link = placed["Three outlets say 175 each.\nAP rewrite drops 'each'."]
    assert [c.left.sentence_text(i) for i in on_link.left] == [c0.left.sentence_text(PRISONERS)]
    assert [c.right.sentence_text(j) for j in on_link.right] == [
        c0.right.sentence_text(j) for j in c0.links[c0.link_of("left", PRISONERS)].right]


def test_editing_a_moved_note_confirms_its_new_place(pair, data):
    annotate(pair, data)
    text = pair[0].read_text(encoding="utf-8")
    pair[0].write_text("A new first paragraph.\n\n" + text, encoding="utf-8")
    _, store = open_pair(pair, data)
    note = store.annotations[1]
    assert note.status == "moved"
    store.edit_note(note.id, body="the lede, still")
    assert note.status == "anchored"


def test_a_reworded_sentence_keeps_its_note(pair, data):
    annotate(pair, data)
    c0 = compare_files(*pair)
    old = c0.left.sentence_text(PRISONERS)
    new = ("Putin also informed Trump that Russia and Ukraine are scheduled to swap 175 prisoners of war "
           "on Wednesday, and Russia will hand 23 severely wounded soldiers to Ukraine, the Kremlin said.")
    edit_left(pair, old, new)
    c, store = open_pair(pair, data)
    note = store.annotations[0]
    assert note.status == "moved"
    [left_target] = [t for t in note.targets if t.side == "left"]
    assert left_target.how in ("context", "fuzzy")
    assert left_target.exact == new  # widened to the whole reworded sentence
    assert "2 on reworded text" in store.message  # the note and the correction on that link


def test_a_deleted_sentence_orphans_its_note_which_is_still_listed(pair, data):
    c0, _ = annotate(pair, data)
    edit_left(pair, c0.left.sentence_text(0), "")
    c, store = open_pair(pair, data)
    lede = next(a for a in store.annotations if a.body == "the lede")
    assert lede.status == "orphaned"
    placed = store.placed_notes(c)
    assert placed[-1].annotation is lede and placed[-1].row is None
    assert "1 orphaned" in store.message
    store.save()
    [saved] = list_saved(data)
    assert (saved.notes, saved.orphaned) == (2, 1)


def test_after_an_edit_the_record_stays_where_it_is_and_the_notes_follow_the_text(pair, data):
    _, first = annotate(pair, data)
    edit_left(pair, "lengthy call", "long call")
    _, store = open_pair(pair, data)
    assert store.path == first.path and "changed since" in store.message
    assert store.save()
    assert len(list_saved(data)) == 1
    _, again = open_pair(pair, data)
    assert again.message == "" and len(again.annotations) == 2


# ---- bad files, full disks, crashes -------------------------------------------------------------


def test_a_corrupt_store_is_moved_aside_with_a_message_and_the_app_starts_empty(pair, data):
    _, store = annotate(pair, data)
    store.path.write_text('{"format": "sidebyside-annotations", "schema_version": 1, "annot', encoding="utf-8")
    _, again = open_pair(pair, data)
    assert again.empty and not again.read_only
    assert "unreadable" in again.message and "\n" not in again.message
    [aside] = list(store.path.parent.glob(store.path.name + ".corrupt-*"))
    assert aside.read_text(encoding="utf-8").endswith('"annot')
    assert not store.path.exists()


@pytest.mark.parametrize("content", [b"\xff\xfe garbage", b"[1, 2, 3]", b'{"format": "other"}',
                                     b'{"format": "sidebyside-annotations", "schema_version": 1}'])
def test_every_kind_of_bad_store_is_moved_aside(pair, data, content):
    c, _ = annotate(pair, data)
    path = record_path(c.left, c.right, data)
    path.write_bytes(content)
    _, again = open_pair(pair, data)
    assert again.empty and "moved to" in again.message
    assert len(list(path.parent.glob("*.corrupt-*"))) == 1


def test_a_store_from_a_newer_version_is_left_alone_and_not_overwritten(pair, data):
    _, store = annotate(pair, data)
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    saved["schema_version"] = 99
    store.path.write_text(json.dumps(saved), encoding="utf-8")
    c, again = open_pair(pair, data)
    assert again.read_only and "newer sidebyside" in again.message
    again.note_sentences(c, "left", [1], "x")
    assert again.save() is False
    assert json.loads(store.path.read_text(encoding="utf-8"))["schema_version"] == 99


def test_an_unwritable_data_dir_gives_a_one_line_error_and_keeps_the_notes(pair, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data dir's parent should be")
    c, store = open_pair(pair, blocker / "data")
    note = store.note_sentences(c, "left", [0], "kept in memory")
    with pytest.raises(StoreError) as err:
        store.save()
    message = str(err.value)
    assert "cannot save notes" in message and "\n" not in message
    assert store.annotations == [note]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_data_dir_gives_a_one_line_error(pair, data):
    (data / "comparisons").mkdir(parents=True)
    (data / "comparisons").chmod(0o500)
    try:
        c, store = open_pair(pair, data)
        store.note_sentences(c, "left", [0], "x")
        with pytest.raises(StoreError, match="permission denied"):
            store.save()
    finally:
        (data / "comparisons").chmod(0o700)


KILLED_SAVE = textwrap.dedent("""
    import os, sys, time
    from tui.compare import compare_files
    from tui.store import atomic
    from tui.store.comparisons import load_for

    left, right, data, stage = sys.argv[1:]
    c = compare_files(left, right)
    store = load_for(c.left, c.right, data)
    store.note_sentences(c, "left", [0], "first note")
    store.save()
    store.note_sentences(c, "left", [1], "second note " * 5000)

    def stall(*args, **kwargs):
        print("STALLED", flush=True)
        time.sleep(60)

    setattr(atomic.os, stage, stall)  # os.fsync: mid-write; os.replace: written, not yet renamed
    store.save()
""")


def stalled_writer(pair, data, stage: str) -> subprocess.Popen:
    """A process that saved one note and is stuck in the middle of saving a second."""
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(pair[0]), str(pair[1]), str(data), stage],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "STALLED":
        proc.kill()
        raise AssertionError(proc.stderr.read() if proc.stderr else "the writer did not start")
    return proc


def temporaries(data) -> list[str]:
    return sorted(p.name for p in (data / "comparisons").glob(".*.tmp"))


@pytest.mark.parametrize("stage", ["fsync", "replace"])
def test_a_save_killed_midway_leaves_the_previous_file_intact_and_no_temporary_file(pair, data, stage):
    proc = stalled_writer(pair, data, stage)
    try:
        assert temporaries(data)  # the half-written file of the save in progress
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.communicate()  # and its pipes closed
    assert proc.returncode == -signal.SIGKILL
    _, store = open_pair(pair, data)
    assert store.message == ""
    assert [a.body for a in store.annotations] == ["first note"]
    assert temporaries(data) == []  # its writer is gone: removed when the store was opened
    assert [s.notes for s in list_saved(data)] == [1]


def test_the_temporary_file_of_a_save_in_progress_is_left_alone(pair, data):
    proc = stalled_writer(pair, data, "fsync")
    try:
        before = temporaries(data)
        assert before
        _, store = open_pair(pair, data)  # another process opens the same pair meanwhile
        assert [a.body for a in store.annotations] == ["first note"]
        assert temporaries(data) == before
    finally:
        proc.kill()
        proc.communicate()
    open_pair(pair, data)
    assert temporaries(data) == []


def test_temporary_files_without_a_writer_id_go_only_when_old(pair, data):
    annotate(pair, data)
    folder = data / "comparisons"
    old, fresh = folder / ".x.json.k2j4h1ab.tmp", folder / ".y.json.zz81qq0c.tmp"
    old.write_text("half")
    fresh.write_text("half")
    os.utime(old, (0, 0))
    open_pair(pair, data)
    assert temporaries(data) == [fresh.name]


def test_corrections_made_in_the_store_toggle_back_to_the_engine(pair, data):
    c, store = open_pair(pair, data)
    k = c.link_of("left", PRISONERS)
    engine = c.links[k].kind
    other = "match" if engine == "differ" else "differ"
    assert store.set_verdict(c, k, other) is not None
    from tui.store.corrections import apply_corrections

    shown = apply_corrections(c, store.corrections)
    assert shown.links[k].kind == other and shown.links[k].origin == "user"
    assert store.set_verdict(shown, k, engine) is None
    assert store.corrections == []
