"""The command line with three or more sources: the coverage report's JSON shape and offsets,
Markdown and HTML, standard input once, --output, and one-line errors for bad counts."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from pathlib import Path

from tui.cli import main
from tui.corpus import sample_files

from .conftest import AP, AP_REWRITE, FOX, ROOT

FIVE = [str(p) for p in sample_files()]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, timeout=120,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def five_json():
    proc = run_cli(*FIVE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_json_report_of_five_sources_has_the_coverage_shape(five_json):
    data = five_json
    assert data["format"] == "sidebyside-coverage" and data["version"] == 1
    assert [s["path"] for s in data["sources"]] == FIVE  # source indexes are the order of the arguments
    for path, source in zip(FIVE, data["sources"]):
        raw = Path(path).read_bytes()
        assert source["sha256"] == hashlib.sha256(raw).hexdigest()
        text = raw.decode("utf-8")
        for sentence in source["sentences"]:
            assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    seen: set[tuple[int, int]] = set()
    for claim in data["claims"]:
        members = {int(k): v for k, v in claim["members"].items()}
        assert str(claim["reference"]) in claim["members"]
        assert claim["verdicts"][str(claim["reference"])] == "reference"
        assert set(claim["verdicts"]) == set(claim["members"])
        assert set(claim["changes"]) <= {k for k, v in claim["verdicts"].items() if v == "differ"}
        for source, ids in members.items():
            for i in ids:
                assert (source, i) not in seen  # a sentence belongs to at most one claim
                seen.add((source, i))
        for source, changes in claim["changes"].items():
            for change in changes:
                assert {"type", "text", "reference_text"} <= set(change)


def test_the_json_report_names_which_source_carries_the_prisoner_swap_and_how(five_json):
    ap = FIVE.index(str(AP))
    rewrite = FIVE.index(str(AP_REWRITE))
    text = Path(AP).read_text(encoding="utf-8")
    sentences = five_json["sources"][ap]["sentences"]
    swap = next(s["id"] for s in sentences if "175 prisoners" in text[s["start"]:s["end"]])
    claim = next(c for c in five_json["claims"] if swap in c["members"].get(str(ap), []))
    assert str(rewrite) in claim["members"]
    # the rewrite says "175 prisoners" where the wire story says "175 prisoners ... each"
    assert claim["verdicts"][str(rewrite)] == "differ"
    assert any(c["type"] == "number" for c in claim["changes"][str(rewrite)])


def test_two_sources_keep_the_pair_report():
    proc = run_cli(str(AP), str(AP_REWRITE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["format"] == "sidebyside-comparison"


def test_standard_input_is_one_of_the_sources():
    proc = run_cli(str(FOX), "-", str(AP_REWRITE), "--format", "json", stdin=AP.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["sources"][1]["path"] == "<stdin>"
    assert data["sources"][1]["sha256"] == hashlib.sha256(AP.read_bytes()).hexdigest()


def test_markdown_and_html_reports(capsys, tmp_path):
    assert main([*FIVE[:3], "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Coverage: 3 sources") and "## Notes (0 on claims, 0 from the reader)" in md
    out = tmp_path / "coverage.html"
    assert main([*FIVE[:3], "--format", "html", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_never_replaces_one_of_the_sources(tmp_path):
    victim = tmp_path / "c.txt"
    victim.write_bytes(FOX.read_bytes())
    proc = run_cli(str(AP), str(AP_REWRITE), str(victim), "--format", "json", "--output", str(victim))
    assert proc.returncode == 2 and victim.read_bytes() == FOX.read_bytes()


@pytest.mark.parametrize(
    "args, message",
    [
        ([str(AP)], "give two files to compare, or 3 to 20"),
        ([str(AP)] * 21, "at most 20 sources, not 21"),
        ([str(AP), str(AP_REWRITE), str(AP), "--format", "json"], "is given twice"),
        ([str(AP), "-", "-", "--format", "json"], "only one source can be read from standard input"),
        ([str(AP), str(AP_REWRITE), str(FOX), "--format", "jsonld"], "jsonld is the notes of two texts"),
        ([str(AP), str(AP_REWRITE), "missing.txt", "--format", "json"], "missing.txt: no such file"),
        ([str(AP), str(AP_REWRITE), "-"], "standard input can only be read with --format"),
        (["--versions", "http://127.0.0.1:9/x", str(AP)], "--versions takes one URL"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    proc = run_cli(*args, stdin=b"x")
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
