"""Golden exports: the Markdown, HTML and JSON report of the sample pair with one note and one
correction, checked in (tests/golden/) and reviewed, so any change to what a report says shows
up in review as a diff of these files.

After a deliberate change (to an exporter, or to the engine's verdicts on the sample pair),
rewrite them with ``SIDEBYSIDE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_exports.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os

import pytest

from tui.corpus import DEFAULT_PAIR
from tui.session import Session

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
FORMATS = {"markdown": "md", "html": "html", "json": "json"}
PRISONERS = 7  # left 8: "... exchange 175 prisoners of war each on Wednesday ..."
WHEN = "2025-05-20T18:00:00+00:00"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """The sample pair, opened by relative path (the reports print it), with a note on the
    prisoners link and the user's correction of its verdict."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        s = Session.open([f"sample_corpus/{name}" for name in DEFAULT_PAIR], tmp_path_factory.mktemp("data"))
    finally:
        os.chdir(cwd)
    k = s.comparison.link_of("left", PRISONERS)
    s.record.note_link(s.comparison, k, "Three outlets say 175 each;\nthe rewrite drops <each>.", ["disputed"])
    s.record.set_verdict(s.comparison, k, "match")
    s.recompute()
    for item in [*s.record.annotations, *s.record.corrections]:
        item.id = f"{type(item).__name__.lower()}-1"
        item.created = item.modified = WHEN
    return s


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_the_reviewed_golden_file(session, fmt):
    """JSON is checked as ``--pretty`` writes it (one item a line, a readable diff)."""
    path = GOLDEN / f"sample-pair.{FORMATS[fmt]}"
    text = session.export(fmt, pretty=fmt == "json")
    if os.environ.get("SIDEBYSIDE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: review it, then update the golden files"


def test_compact_json_is_the_golden_data_on_one_line(session):
    compact = session.export("json")
    assert compact.count("\n") == 1 and compact.endswith("}\n")
    assert json.loads(compact) == json.loads((GOLDEN / "sample-pair.json").read_text(encoding="utf-8"))
    assert "".join(session.export_chunks("json")) == compact


def test_compact_json_comes_in_pieces_that_make_the_same_text(session):
    pieces = list(session.comparison.json_chunks({"annotations": []}, size=500))
    whole = "".join(pieces)
    # sixteen sentences or links at a time (JSON_BATCH): never the whole report in one piece
    assert len(pieces) > 5 and max(map(len, pieces)) < len(whole) / 4
    assert whole == json.dumps({**session.comparison.to_json(), "annotations": []}, ensure_ascii=False)
