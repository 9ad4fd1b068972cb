"""Report mode: the JSON shape and its offsets, the Markdown rendering, and CLI errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from tui.cli import main
from tui.compare import Comparison, compare_files

from .conftest import AP, AP_REWRITE, FOX


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, timeout=120)


def test_json_has_the_documented_shape(capsys):
    assert main([str(AP), str(AP_REWRITE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "sidebyside-comparison" and data["version"] == 1
    for side, path in (("left", AP), ("right", AP_REWRITE)):
        doc = data[side]
        assert doc["path"] == str(path)
        assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert [s["id"] for s in doc["sentences"]] == list(range(len(doc["sentences"])))
        assert set(doc["sentences"][0]) >= {"id", "start", "end", "text"}
    assert data["links"]
    for link in data["links"]:
        assert set(link) >= {"left", "right", "kind", "score", "changes"}
        assert link["kind"] in ("match", "differ")
        assert 0.0 <= link["score"] <= 1.0
        assert (link["kind"] == "differ") == bool(link["changes"])
        for ch in link["changes"]:
            assert set(ch) >= {"type", "left", "right", "left_text", "right_text"}


def test_every_offset_names_its_text():
    c = compare_files(FOX, AP)
    data = c.to_json()
    texts = {"left": FOX.read_text(encoding="utf-8"), "right": AP.read_text(encoding="utf-8")}
    for side in ("left", "right"):
        for s in data[side]["sentences"]:
            assert texts[side][s["start"] : s["end"]] == s["text"]
    for link in data["links"]:
        for ch in link["changes"]:
            for side in ("left", "right"):
                if ch[side] is not None:
                    a, b = ch[side]
                    assert texts[side][a:b] == ch[f"{side}_text"]
        for op, lspan, rspan in link["diff"]:
            for side, span in (("left", lspan), ("right", rspan)):
                if span is not None:
                    a, b = span
                    inside = [s for s in data[side]["sentences"] if s["id"] in link[side]]
                    assert min(s["start"] for s in inside) <= a < b <= max(s["end"] for s in inside)


def test_json_is_compact_unless_pretty(capsys):
    assert main([str(AP), str(AP_REWRITE), "--format", "json"]) == 0
    compact = capsys.readouterr().out
    assert main([str(AP), str(AP_REWRITE), "--format", "json", "--pretty"]) == 0
    pretty = capsys.readouterr().out
    assert compact.count("\n") == 1
    assert pretty.count("\n") > 1000 and pretty.startswith('{\n "format"')
    assert json.loads(compact) == json.loads(pretty)


def test_json_round_trip():
    c = compare_files(AP, AP_REWRITE)
    back = Comparison.from_json(json.loads(json.dumps(c.to_json())), texts={"left": c.left.text, "right": c.right.text})
    assert back.to_json() == c.to_json()


def test_markdown_report_is_readable_and_escapes_text(tmp_path, capsys):
    left = tmp_path / "left.md"
    right = tmp_path / "right.txt"
    left.write_text("The *White House* said <script>alert(1)</script> [link](http://x) 175 prisoners.\n", encoding="utf-8")
    right.write_text("The White House said 170 prisoners would be swapped.\n", encoding="utf-8")
    assert main([str(left), str(right), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\*White House\\*" in out and "\\[link\\]" in out
    assert "## Differences" in out and "175" in out and "170" in out


def test_no_files_with_format_reports_on_the_sample_pair(capsys):
    assert main(["--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["left"]["path"].endswith("02-ap-story-western-journal.txt")


def test_standard_input_as_one_side():
    proc = run_cli("-", str(AP_REWRITE), "--format", "json", stdin=AP.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["left"]["path"] == "<stdin>"
    assert data["left"]["sha256"] == hashlib.sha256(AP.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.txt", "other.txt"], "missing.txt: no such file"),
        (["{dir}", "{ap}"], "is a directory"),
        (["{empty}", "{ap}"], "is empty"),
        (["{binary}", "{ap}"], "binary"),
        (["{ap}"], "give two files"),
        (["-", "-", "--format", "json"], "only one side"),
        (["{ap}", "{ap}", "--output", "x.json"], "--output needs --format"),
        (["{ap}", "{ap}", "--format", "markdown", "--pretty"], "--pretty is for --format json"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    subs = {"dir": str(tmp_path), "ap": str(AP), "empty": str(empty), "binary": str(binary)}
    proc = run_cli(*[a.format(**subs) for a in args], stdin=b"x")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.json"
    proc = run_cli(str(AP), str(AP_REWRITE), "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "sidebyside-comparison"
