"""Notes never move or vanish: copies of the files, two windows on one pair (real processes),
a file edited while another window has it open, and malformed records in the folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from tui.cli import main
from tui.compare import compare_files
from tui.store.comparisons import list_saved, load_for, record_path

from .conftest import AP, AP_REWRITE, ROOT

PRISONERS = 7  # left: "Putin also told Trump that ... exchange 175 prisoners of war each ..."


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def open_pair(left, right, data):
    """What every way of opening a pair does: load the record and record the opening."""
    c = compare_files(left, right)
    store = load_for(c.left, c.right, data)
    store.save()
    return c, store


# ---- copies ------------------------------------------------------------------------------------


def test_copies_of_the_files_never_take_the_notes_away_from_the_originals(tmp_path, data, capsys):
    orig, copy = tmp_path / "orig", tmp_path / "copy"
    orig.mkdir()
    copy.mkdir()
    a, b = orig / "A.txt", orig / "B.txt"
    shutil.copy(AP, a)
    shutil.copy(AP_REWRITE, b)
    c, store = open_pair(a, b, data)
    store.note_sentences(c, "left", [PRISONERS], "175 each?")
    store.save()
    before = store.path.read_bytes()

    shutil.copy(a, copy / "A.txt")
    shutil.copy(b, copy / "B.txt")
    _, copies = open_pair(copy / "A.txt", copy / "B.txt", data)
    assert copies.annotations == [] and copies.path != store.path
    assert [t.file for t in copies.twins] == [store.path]  # offered, not taken
    (copy / "A.txt").write_text("A new first line.\n\n" + a.read_text(encoding="utf-8"), encoding="utf-8")
    open_pair(copy / "A.txt", copy / "B.txt", data)
    assert store.path.read_bytes() == before

    assert main([str(a), str(b), "--format", "markdown", "--data-dir", str(data)]) == 0
    report = capsys.readouterr().out
    assert "## Notes (1)" in report and "175 each?" in report
    assert main(["--list-saved", "--data-dir", str(data)]) == 0
    assert str(a.resolve()) in capsys.readouterr().out


# ---- two windows -------------------------------------------------------------------------------

WINDOW = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tui.compare import compare_files
    from tui.store.comparisons import load_for

    left, right, data, name, go = sys.argv[1:]
    c = compare_files(left, right)
    store = load_for(c.left, c.right, data)
    store.save()
    print("READY", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    for i in range(50):
        store.note_sentences(c, "left", [i % len(c.left.sentences)], f"{name} {i}")
        store.save()
    print("DONE", flush=True)
""")


def run_windows(pair, data, tmp_path, names):
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WINDOW, str(pair[0]), str(pair[1]), str(data), name, str(go)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in names]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "READY", p.stderr.read()
        go.write_text("")
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0 and out.strip() == "DONE", err
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()


def test_two_windows_saving_notes_at_once_keep_every_note(pair, data, tmp_path):
    run_windows(pair, data, tmp_path, ["one", "two"])
    _, store = open_pair(*pair, data)
    bodies = sorted(a.body for a in store.annotations)
    assert bodies == sorted([f"one {i}" for i in range(50)] + [f"two {i}" for i in range(50)])
    assert len(list_saved(data)) == 1


def test_edits_and_deletions_in_two_windows_merge(pair, data):
    c, one = open_pair(*pair, data)
    keep = one.note_sentences(c, "left", [1], "keep")
    drop = one.note_sentences(c, "left", [2], "drop")
    one.save()
    _, two = open_pair(*pair, data)
    one.edit_note(keep.id, body="kept and edited")
    one.save()
    two.delete_note(drop.id)
    two.note_sentences(c, "right", [0], "from two")
    two.save()
    assert sorted(a.body for a in two.annotations) == ["from two", "kept and edited"]
    one.save()  # nothing new here; the file is as two left it
    _, again = open_pair(*pair, data)
    assert sorted(a.body for a in again.annotations) == ["from two", "kept and edited"]


def test_a_note_deleted_in_one_window_and_edited_in_the_other_is_kept(pair, data):
    c, one = open_pair(*pair, data)
    note = one.note_sentences(c, "left", [1], "first")
    one.save()
    _, two = open_pair(*pair, data)
    two.delete_note(note.id)
    two.save()
    one.edit_note(note.id, body="first, and more")
    one.save()
    _, again = open_pair(*pair, data)
    assert [a.body for a in again.annotations] == ["first, and more"]


# ---- a file edited while a window has it open --------------------------------------------------

LATE_NOTE = textwrap.dedent("""
    import sys
    from tui.compare import compare_files
    from tui.store.comparisons import load_for

    left, right, data, sid = sys.argv[1:]
    c = compare_files(left, right)
    store = load_for(c.left, c.right, data)
    store.save()
    print("READY", flush=True)
    sys.stdin.readline()
    store.note_sentences(c, "left", [int(sid)], "written in the first window")
    store.save()
    print("DONE", flush=True)
""")


def test_a_note_from_a_window_on_the_old_text_shows_on_the_new_text(pair, data):
    c0, store = open_pair(*pair, data)
    store.note_sentences(c0, "left", [0], "an earlier note")
    store.save()
    sentence = c0.left.sentence_text(PRISONERS)
    proc = subprocess.Popen([sys.executable, "-c", LATE_NOTE, str(pair[0]), str(pair[1]), str(data),
                             str(PRISONERS)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
        text = pair[0].read_text(encoding="utf-8")
        pair[0].write_text("A new first paragraph.\n\n" + text, encoding="utf-8")
        open_pair(*pair, data)  # window 2 opens the edited pair
        out, err = proc.communicate("go\n", timeout=60)
        assert proc.returncode == 0 and out.strip() == "DONE", err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    c, store = open_pair(*pair, data)
    placed = {p.annotation.body: p for p in store.placed_notes(c)}
    assert sorted(placed) == ["an earlier note", "written in the first window"]
    late = placed["written in the first window"]
    assert [c.left.sentence_text(i) for i in late.left] == [sentence]
    assert late.annotation.status == "moved"
    assert len(list_saved(data)) == 1


# ---- malformed records -------------------------------------------------------------------------


def bad_record(c, start) -> dict:
    doc = {"path": "/nowhere/a.txt", "name": "a.txt", "sha256": "0" * 64, "kind": "file"}
    target = {"side": "left", "selectors": [{"type": "TextPositionSelector", "start": start, "end": 5},
                                            {"type": "TextQuoteSelector", "exact": "Putin"}]}
    return {"format": "sidebyside-annotations", "schema_version": 1,
            "documents": {"left": doc, "right": {**doc, "path": "/nowhere/b.txt"}},
            "annotations": [{"id": "x", "body": "b", "targets": [target]}]}


HUGE = "HUGE"


@pytest.mark.parametrize("content", ["huge-offset", "deep-nesting", "string-offset"])
def test_a_malformed_record_never_stops_another_pair_or_the_list(pair, data, capsys, content):
    c = compare_files(*pair)
    folder = data / "comparisons"
    folder.mkdir(parents=True)
    bad = folder / "0000000000000000-1111111111111111.json"
    if content == "huge-offset":
        bad.write_text(json.dumps(bad_record(c, 0)).replace('"start": 0', '"start": 1e999'), encoding="utf-8")
    elif content == "string-offset":
        bad.write_text(json.dumps(bad_record(c, "7")), encoding="utf-8")
    else:
        bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    store = load_for(c.left, c.right, data)  # a new pair
    assert store.empty and store.message == ""
    store.note_sentences(c, "left", [0], "mine")
    assert store.save()
    assert main(["--list-saved", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "unreadable" in out and bad.name in out and "ap.txt" in out
    assert main([str(pair[0]), str(pair[1]), "--format", "json", "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out)["annotations"]["notes"][0]["body"] == "mine"


def test_a_malformed_record_of_the_pair_itself_is_set_aside(pair, data):
    c = compare_files(*pair)
    path = record_path(c.left, c.right, data)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(bad_record(c, 0)).replace('"start": 0', '"start": 1e999'), encoding="utf-8")
    store = load_for(c.left, c.right, data)
    assert store.empty and "moved to" in store.message and "\n" not in store.message
    assert len(list(path.parent.glob("*.corrupt-*"))) == 1


def test_a_record_named_by_an_earlier_version_is_found_and_renamed(pair, data):
    from tui.store.documents import DocRecord, legacy_key

    c, store = open_pair(*pair, data)
    store.note_sentences(c, "left", [PRISONERS], "from an earlier version")
    store.save()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    for note in saved["annotations"]:  # earlier versions kept no text hash in the targets
        for target in note["targets"]:
            del target["text_sha256"]
    legacy = store.path.with_name(legacy_key(DocRecord.of(c.left), DocRecord.of(c.right)) + ".json")
    legacy.write_text(json.dumps(saved), encoding="utf-8")
    store.path.unlink()
    _, again = open_pair(*pair, data)
    assert [a.body for a in again.annotations] == ["from an earlier version"] and again.message == ""
    assert again.path.exists() and not legacy.exists()
    assert [s.file for s in list_saved(data)] == [again.path]


def test_re_anchoring_at_opening_is_not_an_unsaved_edit(pair, data):
    c, store = open_pair(*pair, data)
    store.note_sentences(c, "left", [PRISONERS], "on a sentence that moves")
    store.save()
    text = pair[0].read_text(encoding="utf-8")
    pair[0].write_text("A new first paragraph.\n\n" + text, encoding="utf-8")
    c2 = compare_files(*pair)
    again = load_for(c2.left, c2.right, data)
    assert "changed since" in again.message
    assert again.unsaved == 0  # nothing of the user's waits: quitting need not ask
    assert again.save()  # yet the re-anchored place is saved with the opening
    assert load_for(c2.left, c2.right, data).message == ""
