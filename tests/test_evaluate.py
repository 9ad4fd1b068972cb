"""The evaluation command: it agrees with the reference scorer, and the engine meets its targets."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tui.compare import compare_files
from tui.evaluate import evaluate, read_gold_json, score

from .conftest import BIBLE, CORPUS, GOLD, ROOT, needs_bible, needs_shared

SEEDS = GOLD.parent / "seeds"


def _reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
@pytest.mark.parametrize("gold_name", ["002__004.json", "001__002.json"])
def test_our_scores_agree_with_the_reference_scorer(gold_name):
    gold = json.loads((GOLD / gold_name).read_text(encoding="utf-8"))
    c = compare_files(SEEDS / gold["left"], SEEDS / gold["right"])
    report = c.to_json()
    ours = score(read_gold_json(gold, c.left.text, c.right.text), report, c.left.text, c.right.text)
    theirs = _reference_scorer().score(gold, report, str(SEEDS))
    for key in ("link_p", "link_r", "link_f1", "lax_p", "lax_r", "lax_f1", "strict_f1", "label_acc",
                "label_macro_f1", "bad_offsets"):
        assert ours[key] == pytest.approx(theirs[key]), key
    assert ours["label_f1"] == pytest.approx(theirs["label_f1"])


@needs_shared
def test_one_wire_story_two_edits():
    r = evaluate(GOLD / "002__004.json", SEEDS)
    assert r["link_f1"] >= 0.95
    assert r["label_macro_f1"] >= 0.85
    assert r["bad_offsets"] == 0


# Floors for the three pairs of two outlets, a little under the figures this engine measures
# (README "Quality, measured"): a change that loses links or verdicts on them fails here.
OUTLET_FLOORS = {
    "000__004.json": (0.82, 0.85),
    "001__002.json": (0.80, 0.73),
    "001__003.json": (0.76, 0.83),
}


@needs_shared
@pytest.mark.parametrize("gold_name", sorted(OUTLET_FLOORS))
def test_two_outlets_paraphrase_and_reordering(gold_name):
    r = evaluate(GOLD / gold_name, SEEDS)
    lax, macro = OUTLET_FLOORS[gold_name]
    assert r["lax_f1"] >= lax
    assert r["label_macro_f1"] >= macro


# The development set (bench/devgold, the six other pairs of the sample corpus, which ships with
# the repository): floors a little under what this engine measures (README "Quality, measured").
DEVGOLD = ROOT / "bench" / "devgold"
DEV_FLOORS = {
    "000__001.json": (0.83, 0.87),
    "000__002.json": (0.81, 0.85),
    "000__003.json": (0.79, 0.67),
    "001__004.json": (0.77, 0.70),
    "002__003.json": (0.57, 0.46),
    "003__004.json": (0.77, 0.48),
}


@pytest.mark.parametrize("gold_name", sorted(DEV_FLOORS))
def test_development_pairs_of_the_sample_corpus(gold_name):
    r = evaluate(DEVGOLD / gold_name, CORPUS)
    lax, macro = DEV_FLOORS[gold_name]
    assert r["bad_offsets"] == 0
    assert r["lax_f1"] >= lax
    assert r["label_macro_f1"] >= macro


def test_the_development_set_covers_the_pairs_the_shared_gold_does_not():
    names = {p.name for p in DEVGOLD.glob("*.json")}
    assert names == set(DEV_FLOORS)
    docs = sorted(p.name for p in CORPUS.glob("*.txt"))
    pairs = {(a, b) for i, a in enumerate(docs) for b in docs[i + 1 :]}
    covered = {(json.loads((DEVGOLD / n).read_text(encoding="utf-8"))["left"],
                json.loads((DEVGOLD / n).read_text(encoding="utf-8"))["right"]) for n in names}
    assert len(covered) == 6 and covered <= pairs


@needs_bible
def test_mark_kjv_against_web():
    r = evaluate(BIBLE / "mark.gold.tsv", BIBLE)
    assert r["lax_f1"] >= 0.95
    assert r["match_share"] >= 0.85


def test_evaluate_cli_reports_a_missing_gold_file(capsys, tmp_path):
    from tui.evaluate import main

    assert main([str(tmp_path / "nope.json")]) == 2
    assert "no such gold file" in capsys.readouterr().err
