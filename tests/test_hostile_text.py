"""Text built to make regular expressions backtrack: every regex that runs over document text
must be linear, so a 200,000-letter "word" or a line of a megabyte is compared like any other
input. The tests assert that the comparison finishes and is right; how long it takes is
measured by ``bench/bench_hostile.py``. Each run is a subprocess with a deadline far above the
measured time, so a regression fails instead of hanging the suite."""

from __future__ import annotations

import json
import subprocess
import sys

BASE = "The ceasefire began on Monday. Officials said 175 prisoners were freed.\n"
DEADLINE = 120  # seconds; the bench measures well under two on this machine


def _cli_json(left, right) -> dict:
    proc = subprocess.run([sys.executable, "-m", "tui", str(left), str(right), "--format", "json"],
                          capture_output=True, timeout=DEADLINE)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return json.loads(proc.stdout)


def _check_offsets(data: dict, texts: dict[str, str]) -> None:
    for side in ("left", "right"):
        for s in data[side]["sentences"]:
            assert texts[side][s["start"]:s["end"]] == s["text"]


def test_a_200000_letter_word_is_compared(tmp_path):
    word = "a" * 200_000
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    texts = {"left": BASE + f"He wrote {word} on the wall.\n",
             "right": BASE + f"She wrote {word} on the wall.\n"}
    left.write_text(texts["left"], encoding="utf-8")
    right.write_text(texts["right"], encoding="utf-8")
    data = _cli_json(left, right)
    _check_offsets(data, texts)
    assert any(word in s["text"] for s in data["left"]["sentences"])
    assert len(data["links"]) == 3  # the long sentences link to each other


def test_many_compounds_beside_a_200000_letter_word(tmp_path):
    """Each hyphenated compound's joined spelling is looked for as a plain word: with hundreds
    of compounds and a run of letters that holds every one of those spellings, looking for them
    one by one took minutes (a find per word over the text, a check per hit inside the run)."""
    compounds = " ".join("a-" + "a" * k for k in range(1, 401))
    texts = {"left": BASE + "a" * 200_000 + " and " + compounds + " aaa.\n",
             "right": BASE + "b" * 200_000 + " and " + compounds + ".\n"}
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(texts["left"], encoding="utf-8")
    right.write_text(texts["right"], encoding="utf-8")
    data = _cli_json(left, right)
    _check_offsets(data, texts)
    assert len(data["links"]) == 3


def test_a_one_megabyte_line_of_runs_is_compared(tmp_path):
    """One line of long runs that each made a regex rescan the rest of the run from every
    position: digits (a number with a unit conversion), opening quotes with no closing one,
    letters (a hyphenated compound), capitals (a dateline)."""
    runs = ["1" * 250_000, "“" * 250_000, "b" * 250_000, "A" * 250_000]
    line = "Troops moved 12 km (7 miles) and said " + " ".join(runs) + " toward the border (near the river)"
    assert len(line) > 1_000_000
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    texts = {"left": BASE + line + "\n", "right": BASE + line.replace("Troops", "Soldiers") + " today\n"}
    left.write_text(texts["left"], encoding="utf-8")
    right.write_text(texts["right"], encoding="utf-8")
    data = _cli_json(left, right)
    _check_offsets(data, texts)
    long_links = [link for link in data["links"] if link["kind"] == "differ"]
    assert long_links, "the two long lines differ (Troops / Soldiers) and must be linked as such"


def test_a_run_of_opening_quotes_in_a_sentence_with_no_partner(tmp_path):
    """The quotation step reads the quoted words of sentences left unlinked: a run of opening
    marks with no closing one must be read once, not once from every mark."""
    marks = "“" * 200_000
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    texts = {"left": BASE + f"Reporters wrote {marks} on the wall and left.\n",
             "right": BASE + "Nothing of the kind was seen “in the town” by anyone.\n"}
    left.write_text(texts["left"], encoding="utf-8")
    right.write_text(texts["right"], encoding="utf-8")
    data = _cli_json(left, right)
    _check_offsets(data, texts)
    assert any(marks in s["text"] for s in data["left"]["sentences"])


def _two_lines(tmp_path, left_line: str, right_line: str) -> dict:
    texts = {"left": BASE + left_line + "\n", "right": BASE + right_line + "\n"}
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(texts["left"], encoding="utf-8")
    right.write_text(texts["right"], encoding="utf-8")
    data = _cli_json(left, right)
    _check_offsets(data, texts)
    return data


def test_many_short_quotations_in_sentences_with_no_partner(tmp_path):
    """The quotation step finds each quotation's words by position, not by testing every word
    of the sentence against every quotation (40,000 quotations a side took minutes)."""
    data = _two_lines(tmp_path, "Witnesses said " + "“alpha beta” " * 40_000 + "and left.",
                      "Neighbours wrote " + "“gamma delta” " * 40_000 + "and stayed.")
    assert len(data["links"]) == 2  # the two shared sentences; the quotations share no words


def test_many_quotations_in_a_linked_pair(tmp_path):
    data = _two_lines(tmp_path, "Troops said " + "“alpha beta gamma” " * 25_000 + "toward the border.",
                      "Soldiers said " + "“alpha beta gamma” " * 25_000 + "toward the border today.")
    assert any(link["kind"] == "differ" for link in data["links"])


def test_a_number_told_150000_times_on_both_sides(tmp_path):
    """Each repeated value finds its next unused partner without walking past the used ones."""
    data = _two_lines(tmp_path, "Counts were " + "1 " * 150_000 + "in all.",
                      "Counts are " + "1 " * 150_000 + "in all today.")
    assert len(data["links"]) == 3
