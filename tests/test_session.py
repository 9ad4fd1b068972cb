"""The session: one path from what the user named to an open comparison with its notes, and
the edits a user makes, each saved as made."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from tui.compare import InputError
from tui.session import Session
from tui.store.listing import list_saved

PRISONERS = 7


def test_only_one_source_can_be_standard_input(pair, tmp_path):
    with pytest.raises(InputError, match="only one side"):
        Session.open(["-", "-"], tmp_path / "data", stdin=io.BytesIO(b"text"))


def test_a_comparison_made_from_standard_input_cannot_be_reopened(pair, tmp_path):
    data = tmp_path / "data"
    s = Session.open(["-", str(pair[1])], data, stdin=io.BytesIO(pair[0].read_bytes()))
    s.write_note("left", 0, "from a pipe")
    [saved] = list_saved(data)
    with pytest.raises(InputError, match="standard input") as err:
        Session.reopen(saved, data)
    assert "\n" not in str(err.value)


def test_edits_are_saved_as_made_and_corrections_change_the_comparison(pair, tmp_path):
    data = tmp_path / "data"
    s = Session.open([str(p) for p in pair], data)
    k = s.comparison.link_of("left", PRISONERS)
    assert s.comparison.links[k].kind == "differ"
    assert s.toggle_verdict(k) == "match"
    assert s.comparison.links[k].kind == "match" and s.version == 1
    s.write_note("left", PRISONERS, "on the link")
    assert s.unsaved == 0 and s.save_error == ""
    again = Session.open([str(p) for p in pair], data)
    assert again.comparison.links[k].kind == "match"
    [placed] = again.placed_notes()
    assert placed.left == (PRISONERS,) and placed.right  # a note on a link holds both sides


def test_a_failed_save_keeps_the_edit_and_says_why(pair, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    s = Session.open([str(p) for p in pair], blocker / "data")
    s.write_note("left", 0, "kept")
    assert s.unsaved == 1 and "cannot save notes" in s.save_error
    assert [a.body for a in s.record.annotations] == ["kept"]


@pytest.mark.parametrize("name, start", [("notes.md", "# "), ("notes.json", "{"), ("notes.html", "<!DOCTYPE html>"),
                                         ("notes.txt", "<!DOCTYPE html>")])
def test_export_to_a_named_file_takes_the_format_from_its_extension(pair, tmp_path, name, start):
    s = Session.open([str(p) for p in pair], tmp_path / "data")
    s.write_note("left", 0, "exported")
    path = s.export_to(tmp_path / name)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(start) and "exported" in text
    if name.endswith(".json"):
        assert json.loads(text)["annotations"]["notes"][0]["body"] == "exported"


def test_copying_notes_from_the_same_texts_elsewhere_gives_them_new_ids(pair, tmp_path):
    data = tmp_path / "data"
    first = Session.open([str(p) for p in pair], data)
    note = first.write_note("left", 0, "original")
    copies = [tmp_path / "c1.txt", tmp_path / "c2.txt"]
    for src, dst in zip(pair, copies):
        shutil.copy(src, dst)
    second = Session.open([str(p) for p in copies], data)
    assert any("same texts have notes saved" in n for n in second.notices)
    assert second.copy_notes_from(second.record.twins[0]) == 1
    [copied] = second.record.annotations
    assert copied.body == "original" and copied.id != note.id
    assert [a.id for a in Session.open([str(p) for p in pair], data).record.annotations] == [note.id]
