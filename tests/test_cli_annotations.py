"""The command line: exports carry the saved notes, ``--list-saved`` lists saved comparisons,
and problems end with one line on stderr and exit status 2."""

from __future__ import annotations

import json
import shutil

import pytest

from tui.cli import main
from tui.compare import compare_files
from tui.store.comparisons import load_for

from .conftest import AP, AP_REWRITE


@pytest.fixture
def saved(tmp_path):
    """Two documents with a saved note and correction in ``tmp_path/data``."""
    left, right = tmp_path / "ap.txt", tmp_path / "ap-rewrite.txt"
    shutil.copy(AP, left)
    shutil.copy(AP_REWRITE, right)
    c = compare_files(left, right)
    store = load_for(c.left, c.right, tmp_path / "data")
    k = c.link_of("left", 7)
    store.note_link(c, k, "175 or 170?", ["disputed"])
    store.set_verdict(c, k, "match")
    store.save()
    return str(left), str(right), str(tmp_path / "data"), k


def test_json_export_includes_saved_notes_and_applies_corrections(saved, capsys):
    left, right, data, k = saved
    assert main([left, right, "--format", "json", "--data-dir", data]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["annotations"]["notes"][0]["body"] == "175 or 170?"
    assert report["links"][k]["kind"] == "match" and report["links"][k]["origin"] == "user"


def test_the_data_dir_comes_from_the_environment_too(saved, capsys, monkeypatch):
    left, right, data, _ = saved
    monkeypatch.setenv("SIDEBYSIDE_DATA_DIR", data)
    assert main([left, right, "--format", "jsonld"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total"] == 1 and doc["first"]["items"][0]["body"][0]["value"] == "175 or 170?"


def test_html_export_to_a_file(saved, tmp_path, capsys):
    left, right, data, _ = saved
    out = tmp_path / "report.html"
    assert main([left, right, "-f", "html", "-o", str(out), "--data-dir", data]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "175 or 170?" in page and "<script" not in page


def test_list_saved_prints_one_line_per_comparison(saved, capsys):
    left, right, data, _ = saved
    assert main(["--list-saved", "--data-dir", data]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "ap.txt ↔ ap-rewrite.txt" in line and "1 note, 1 correction" in line
    assert line.endswith(f"{left}  {right}")


def test_list_saved_with_nothing_saved(tmp_path, capsys):
    assert main(["--list-saved", "--data-dir", str(tmp_path / "empty")]) == 0
    assert "no saved comparisons" in capsys.readouterr().err


def test_list_saved_shows_an_unreadable_file(saved, capsys):
    from pathlib import Path

    data = Path(saved[2])
    (data / "comparisons" / "0000000000000000-0000000000000000.json").write_text("{oops", encoding="utf-8")
    assert main(["--list-saved", "--data-dir", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "unreadable" in lines[1] and "not valid JSON" in lines[1]


def test_list_saved_in_a_data_dir_that_is_not_a_folder(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--list-saved", "--data-dir", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sidebyside: error: cannot list") and err.count("\n") == 1


def test_list_saved_takes_no_files(capsys):
    assert main(["a.txt", "b.txt", "--list-saved"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_export_still_works_when_the_store_is_corrupt(saved, capsys):
    from pathlib import Path

    left, right, data, _ = saved
    [store_file] = (Path(data) / "comparisons").glob("*.json")
    store_file.write_text("not json", encoding="utf-8")
    assert main([left, right, "--format", "json", "--data-dir", data]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["annotations"]["notes"] == []
    assert "unreadable" in captured.err and "moved to" in captured.err
