"""Notes on claims (several sources): saved as made, keyed by the set of documents, found again
after the sources are given in another order or a text is edited, merged between windows (real
processes), kept through failed writes, and the reader's notes on a pair shown on the claims."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from tui.coverage_session import CoverageSession
from tui.session import Session
from tui.store.claim_notes import coverage_dir, load_claim_notes

from .conftest import AP, AP_REWRITE, FOX, ROOT

PRISONERS = 7  # in the AP story: "... exchange 175 prisoners of war each on Wednesday ..."


@pytest.fixture
def three(tmp_path):
    """Copies of three reports a test may edit: the AP story, its rewrite, the Fox explainer."""
    out = []
    for src, name in ((AP, "ap.txt"), (AP_REWRITE, "rewrite.txt"), (FOX, "fox.txt")):
        shutil.copy(src, tmp_path / name)
        out.append(tmp_path / name)
    return out


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def open_three(paths, data) -> CoverageSession:
    s = CoverageSession.open([str(p) for p in paths], data)
    s.save()  # as the app does: records the opening
    return s


def prisoners_claim(s: CoverageSession, ap_index: int = 0) -> int:
    return s.coverage.claim_of(ap_index, PRISONERS)


def test_a_note_on_a_claim_is_saved_and_found_again_with_the_sources_in_another_order(three, data):
    s = open_three(three, data)
    cid = prisoners_claim(s)
    note = s.write_note(cid, "175 each, or 175 in all?", ["disputed"])
    assert s.unsaved == 0 and s.save_error == ""
    assert [p.annotation.id for p in s.placed_notes() if p.claim == cid] == [note.id]
    # anchored in every source that carries the claim
    assert len(note.targets) == len(s.coverage.claims[cid].members) == 3

    again = open_three([three[2], three[0], three[1]], data)  # fox, ap, rewrite
    [placed] = again.placed_notes()
    assert placed.annotation.body == "175 each, or 175 in all?" and placed.annotation.tags == ["disputed"]
    assert placed.claim == prisoners_claim(again, ap_index=1)
    assert len(list(coverage_dir(data).glob("*.json"))) == 1


def test_another_set_of_documents_has_its_own_notes(three, data):
    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "on three")
    assert open_three(three[:2] + [AP_REWRITE.parent / "03-two-hour-call-cnn-sources.txt"], data).placed_notes() == []


def test_a_note_stays_on_its_claim_when_a_text_is_edited(three, data):
    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "check the number")
    text = three[0].read_text(encoding="utf-8")
    three[0].write_text("A new first paragraph about something else entirely.\n\n" + text, encoding="utf-8")
    again = open_three(three, data)
    [placed] = again.placed_notes()
    assert placed.claim is not None
    ap = again.documents[0]
    assert "175 prisoners" in " ".join(ap.sentence_text(i) for i in placed.sentences[0])
    assert placed.claim == again.coverage.claim_of(0, placed.sentences[0][0])
    assert again.unsaved == 0  # re-anchoring is not an edit of the user's


def test_a_note_whose_text_is_gone_everywhere_is_kept_as_orphaned(three, data):
    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "kept whatever happens")
    for p in three:
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if "175" not in ln and "prisoners" not in ln]
        p.write_text("\n".join(lines), encoding="utf-8")
    again = open_three(three, data)
    [placed] = again.placed_notes()
    assert placed.claim is None and placed.annotation.status == "orphaned"
    assert "orphaned" in " ".join(again.notices)
    assert "kept whatever happens" in again.export("markdown")


def test_a_failed_write_keeps_the_note_and_a_later_save_writes_it(three, data):
    s = open_three(three, data)
    folder = coverage_dir(data)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    note = s.write_note(prisoners_claim(s), "written while the disk said no")
    assert s.save_error and "\n" not in s.save_error and s.unsaved == 1
    assert [p.annotation.id for p in s.placed_notes()] == [note.id]
    folder.unlink()
    assert s.save() and s.unsaved == 0
    assert [p.annotation.body for p in open_three(three, data).placed_notes()] == ["written while the disk said no"]


def test_an_unreadable_record_is_set_aside_and_the_set_starts_afresh(three, data):
    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "first")
    path = s.record.path
    path.write_text('{"format": "sidebyside-claim-notes", "schema_version": 1, "documents": 7}', encoding="utf-8")
    again = open_three(three, data)
    assert again.placed_notes() == [] and "moved to" in " ".join(again.notices)
    assert len(list(path.parent.glob("*.corrupt-*"))) == 1


def test_edits_and_deletions_in_two_windows_merge(three, data):
    one = open_three(three, data)
    cid = prisoners_claim(one)
    keep = one.write_note(cid, "keep")
    drop = one.write_note(cid, "drop")
    two = open_three(three, data)
    two.delete_note(drop.id)
    one.edit_note(keep.id, "kept and edited", [])
    two.write_note(0, "from two")
    assert sorted(p.annotation.body for p in two.placed_notes()) == ["from two", "kept and edited"]
    assert sorted(p.annotation.body for p in open_three(three, data).placed_notes()) == ["from two", "kept and edited"]


WINDOW = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tui.coverage_session import CoverageSession

    *paths, data, name, go = sys.argv[1:]
    s = CoverageSession.open(paths, data)
    s.save()
    print("READY", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    for i in range(30):
        s.write_note(i % len(s.coverage.claims), f"{name} {i}")
        assert not s.save_error, s.save_error
    print("DONE", flush=True)
""")


def test_two_windows_writing_notes_on_claims_at_once_keep_every_note(three, data, tmp_path):
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WINDOW, *map(str, order), str(data), name, str(go)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, order in (("one", three), ("two", three[::-1]))]
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
    bodies = sorted(p.annotation.body for p in open_three(three, data).placed_notes())
    assert bodies == sorted([f"one {i}" for i in range(30)] + [f"two {i}" for i in range(30)])


def test_the_readers_notes_on_any_pair_show_on_the_claims(three, data):
    s = open_three(three, data)
    cid = prisoners_claim(s)
    # the reader on rewrite (left) against ap (right), as a drill-down opens it
    pair = s.pair_session(1, 0)
    pair.write_note("right", PRISONERS, "the reader's note")
    s.reread_pair_notes()
    [found] = s.pair_notes_on(cid)
    assert found.annotation.body == "the reader's note" and (found.left, found.right) == (1, 0)
    # and from a separate opening of that pair, through the ordinary session path
    Session.open([str(three[2]), str(three[1])], data).write_note("left", 0, "fox and rewrite")
    again = open_three(three, data)
    assert sorted(p.annotation.body for p in again.pair_notes) == ["fox and rewrite", "the reader's note"]
    exported = json.loads(again.export("json"))["annotations"]
    assert {n["body"] for n in exported["reader_notes"]} == {"fox and rewrite", "the reader's note"}
    assert any(cid in n["claims"] for n in exported["reader_notes"])


def test_notes_are_exported_with_the_report(three, data):
    s = open_three(three, data)
    cid = prisoners_claim(s)
    s.write_note(cid, "<b>bold</b> claim\n\x1b[31mred", ["follow-up"])
    report = json.loads(s.export("json"))
    [note] = report["annotations"]["notes"]
    assert note["claim"] == cid and note["tags"] == ["follow-up"]
    assert {t["source"] for t in note["targets"]} == {int(k) for k in report["claims"][cid]["members"]}
    for t in note["targets"]:
        doc = s.documents[t["source"]]
        pos = t["selectors"][0]
        assert doc.text[pos["start"]:pos["end"]] == t["selectors"][1]["exact"]
    html = s.export("html")
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in html and "\x1b" not in html
    md = s.export("markdown")
    assert f"claim {cid + 1}" in md and "follow-up" in md and "\x1b" not in md


def test_loading_the_store_directly_reads_what_the_session_wrote(three, data):
    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "direct")
    store = load_claim_notes(s.documents, data)
    assert [a.body for a in store.annotations] == ["direct"] and store.message == ""


def test_list_saved_names_the_sets_with_notes_on_claims(three, data, capsys):
    from tui.cli import main

    s = open_three(three, data)
    s.write_note(prisoners_claim(s), "listed")
    assert main(["--list-saved", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "3 sources:" in out and "1 note on claims" in out and str(three[0].resolve()) in out
