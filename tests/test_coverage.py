"""Several sources at once (``tui.compare.coverage``): claims, verdicts against a reference,
row order, the JSON report and drill-down to a pair, on small texts and the sample corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from tui.compare import Document, load_document
from tui.compare.coverage import (FORMAT, Coverage, PairCache, compare_many, coverage_comparison, pair_links,
                                  rebase)
from tui.compare.load import sha256_hex
from tui.corpus import sample_files

COUNCIL = {
    "a.txt": "The city council approved a new budget of 4.2 million dollars on Monday after a long debate. "
             "The mayor said the money would go to schools and roads. Residents packed the hall to watch the vote.",
    "b.txt": "After a long debate, the city council approved a new budget on Monday. The budget totals 4.2 million "
             "dollars. The mayor said the money would go to schools and roads. A local bakery donated cakes to the "
             "council.",
    "c.txt": "On Monday the city council approved a new budget of 4.8 million dollars after a long debate. "
             "The mayor said the money would be spent on schools and roads.",
}


def documents(texts: dict[str, str]) -> list[Document]:
    return [Document(path=name, text=text, sha256=sha256_hex(text.encode())) for name, text in texts.items()]


@pytest.fixture(scope="module")
def council() -> Coverage:
    return compare_many(documents(COUNCIL))


@pytest.fixture(scope="module")
def five() -> Coverage:
    return compare_many([load_document(p) for p in sample_files()])


def claim_of(coverage: Coverage, source: int, sid: int):
    return coverage.claims[coverage.claim_of(source, sid)]


def test_a_source_that_splits_the_budget_sentence_in_two_carries_the_claim_in_both(council):
    claim = claim_of(council, 0, 0)
    assert claim.members == {0: (0,), 1: (0, 1), 2: (0,)}
    assert claim.reference == 0
    assert claim.verdicts == {0: "reference", 1: "match", 2: "differ"}


def test_a_different_number_is_a_typed_change_seen_from_the_reference(council):
    claim = claim_of(council, 0, 0)
    [change] = claim.changes[2]
    assert (change.type, change.text, change.reference_text) == ("number", "4.8 million dollars", "4.2 million dollars")
    c_text, a_text = council.documents[2].text, council.documents[0].text
    assert c_text[change.span[0]:change.span[1]] == "4.8 million dollars"
    assert a_text[change.reference_span[0]:change.reference_span[1]] == "4.2 million dollars"


def test_what_only_one_source_reports_is_its_own_claim_in_its_summary(council):
    bakery = claim_of(council, 1, 3)
    assert bakery.members == {1: (3,)} and bakery.status == "only"
    s = council.summary(1)
    assert s.own_claims == [bakery.id]
    assert (s.claims, s.shared, s.differing, s.own) == (3, 1, 1, 1)
    assert council.summary(2).differs_from_reference == 1


def test_every_sentence_is_in_one_claim_but_labels_of_one_source(five):
    seen = [(s, i) for c in five.claims for s, ids in c.members.items() for i in ids]
    assert len(seen) == len(set(seen))
    left_out = {(s, x.id) for s, d in enumerate(five.documents) for x in d.sentences} - set(seen)
    kinds = {five.documents[s].sentences[i].kind for s, i in left_out}
    texts = {five.documents[s].sentence_text(i) for s, i in left_out}
    assert kinds == {"dateline", "subhead"}
    assert {"WASHINGTON —", "What they're saying:", "Dig deeper:"} <= texts
    assert all(five.claim_of(s, i) is None for s, i in left_out)


def test_the_reference_is_the_base_when_it_carries_the_claim_else_the_first_source(five):
    for claim in five.claims:
        expected = 0 if 0 in claim.members else min(claim.members)
        assert claim.reference == expected
        assert claim.verdicts[expected] == "reference"
        assert set(claim.verdicts) == set(claim.members)
        assert all(v in ("match", "differ") for k, v in claim.verdicts.items() if k != expected)
        assert set(claim.changes) <= {k for k, v in claim.verdicts.items() if v == "differ"}


def test_rows_follow_the_base_and_place_other_claims_after_their_predecessor(council, five):
    for cov in (council, five):
        base_rows = [c.members[cov.base][0] for c in cov.claims if cov.base in c.members]
        assert base_rows == sorted(base_rows)
    # The bakery (b's 4th sentence) comes right after the claim holding b's 3rd sentence.
    assert claim_of(council, 1, 3).id == claim_of(council, 1, 2).id + 1
    assert [len(five.claims[i].members) for i in five.by_count] == sorted(
        (len(c.members) for c in five.claims), reverse=True)


def test_another_base_reorders_the_rows_and_moves_the_reference(council):
    other = rebase(council, 2)
    claim = claim_of(other, 2, 0)
    assert claim.reference == 2 and claim.verdicts == {0: "differ", 1: "differ", 2: "reference"}
    assert [c.members.get(2) for c in other.claims][:2] == [(0,), (1,)]
    assert sorted(map(lambda c: sorted(c.members.items()), other.claims)) == sorted(
        map(lambda c: sorted(c.members.items()), council.claims))


def test_the_json_report_has_the_documented_shape_and_true_offsets(five):
    data = json.loads(json.dumps(five.to_json()))
    assert (data["format"], data["version"]) == (FORMAT, 1)
    assert len(data["sources"]) == 5
    for k, src in enumerate(data["sources"]):
        text = five.documents[k].text
        assert {"path", "sha256", "sentences"} <= set(src)
        for s in src["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]
    for claim in data["claims"]:
        assert set(claim["members"]) == set(claim["verdicts"])
        assert claim["verdicts"][str(claim["reference"])] == "reference"
        for k, ids in claim["members"].items():
            assert 0 <= int(k) < 5 and all(0 <= i < len(data["sources"][int(k)]["sentences"]) for i in ids)
        for k, changes in claim["changes"].items():
            text, ref = five.documents[int(k)].text, five.documents[claim["reference"]].text
            for c in changes:
                assert {"type", "text", "reference_text"} <= set(c)
                if c["span"]:
                    assert text[c["span"][0]:c["span"][1]] == c["text"]
                if c["reference_span"]:
                    assert ref[c["reference_span"][0]:c["reference_span"][1]] == c["reference_text"]
    assert data["order"]["rows"] == list(range(len(data["claims"])))
    assert [s["own"] for s in data["summary"]] == [five.summary(k).own for k in range(5)]


def test_the_json_report_reads_back(five):
    data = five.to_json()
    again = Coverage.from_json(json.loads(json.dumps(data)), [d.text for d in five.documents])
    assert again.to_json() == data
    with pytest.raises(ValueError, match="text of source 0"):
        Coverage.from_json(data)


def test_the_175_prisoners_each_claim_differs_in_the_rewrite(five):
    claim = next(c for c in five.claims if any("175 prisoners of war each" in five.documents[1].sentence_text(i)
                                               for i in c.members.get(1, ())))
    numbers = [(c.text, c.reference_text) for c in claim.changes.get(4, []) if c.type == "number"]
    assert claim.verdicts[4] == "differ" and ("175", "175 prisoners of war each") in numbers


def test_drill_down_gives_the_pair_either_way_round(five):
    forward, backward = coverage_comparison(five, 2, 4), coverage_comparison(five, 4, 2)
    assert forward.left is five.documents[2] and backward.left is five.documents[4]
    assert sorted((x.right, x.left) for x in forward.links) == sorted((x.left, x.right) for x in backward.links)
    for link in backward.links:
        for c in link.changes:
            if c.left:
                assert backward.left.text[c.left[0]:c.left[1]] == c.left_text


def test_the_grouping_seen_as_a_pair_joins_what_the_claims_join(five):
    links = pair_links(five, 4, 1)
    assert len(links) == sum(1 for c in five.claims if 1 in c.members and 4 in c.members)
    for link in links:
        claim = claim_of(five, 4, link.left[0])
        assert claim.members[4] == link.left and claim.members[1] == link.right


@pytest.mark.parametrize("in_thread", [False, True], ids=["fork", "fork-server-from-a-thread"])
def test_a_pool_of_processes_gives_the_same_claims_and_progress_counts_every_pair(five, in_thread):
    seen, out = [], {}
    docs = [load_document(p) for p in sample_files()]

    def run():
        out["coverage"] = compare_many(docs, workers=2, progress=lambda *step: seen.append(step))

    if in_thread:  # as the app will call it: from a worker thread, other threads running
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(60)
    else:
        run()
    assert [c.to_json() for c in out["coverage"].claims] == [c.to_json() for c in five.claims]
    pairs = [(done, total) for stage, done, total in seen if stage == "pairs"]
    assert pairs[0] == (0, 10) and pairs[-1] == (10, 10)
    assert [step for step in seen if step[0] != "pairs"] == [
        ("grouping", 0, 1), ("grouping", 1, 1), ("verdicts", 0, 1), ("verdicts", 1, 1)]
    assert seen.index(("pairs", 10, 10)) < seen.index(("grouping", 0, 1))


def test_a_pair_cache_is_reused_and_not_recompared():
    docs = documents(COUNCIL)
    cache = PairCache(docs)
    first = compare_many(docs, pairs=cache)
    stored = {k: cache.stored(*k) for k in cache.keys()}
    again = compare_many(docs, base=1, pairs=cache)
    assert all(cache.stored(*k) is c for k, c in stored.items())
    assert again.base == 1 and len(again.claims) == len(first.claims)


def test_bad_arguments_are_refused():
    docs = documents(COUNCIL)
    with pytest.raises(ValueError, match="at least 2 sources"):
        compare_many(docs[:1])
    with pytest.raises(ValueError, match="base 3"):
        compare_many(docs, base=3)


@pytest.mark.parametrize("module", ["tui.compare.coverage", "tui.export.coverage", "tui.export.coverage_html",
                                    "tui.export.coverage_markdown", "tui.evaluate_coverage"])
def test_coverage_modules_do_not_load_textual_or_rich(module):
    code = (f"import sys, {module}\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_jumps_find_the_next_claim_of_a_kind_in_either_order(five):
    from tui.compare.coverage import ClaimRoute

    route = ClaimRoute(five)
    only = [c.id for c in five.claims if len(c.members) == 1]
    everyone = [c.id for c in five.claims if len(c.members) == 5]
    assert route.count("only") == len(only) and route.count("all") == len(everyone) >= 1
    assert route.next(None, +1, "only") == only[0]
    assert route.next(only[0], +1, "only") == only[1]
    assert route.next(only[1], -1, "only") == only[0]
    assert route.next(only[-1], +1, "only") is None
    differ = ClaimRoute(five, kind_filter="differ")
    assert [five.claims[i].status for i in differ.ids] == ["differ"] * five.counts()["differ"]
    counted = ClaimRoute(five, order="by_count")
    first_all = counted.next(None, +1, "all")
    assert first_all == 0 and len(five.claims[counted.ids[0]].members) == 5


def test_correcting_the_drilled_down_pair_leaves_the_coverage_as_it_was(council):
    pair = coverage_comparison(council, 0, 1)
    before = [(x.left, x.right, x.kind) for x in council.pairs.stored(0, 1).links]
    pair.links[0].kind = "differ"
    pair.links.pop()
    assert [(x.left, x.right, x.kind) for x in council.pairs.stored(0, 1).links] == before
    assert [(x.left, x.right, x.kind) for x in coverage_comparison(council, 0, 1).links] == before


@pytest.mark.parametrize("workers", [1, 2], ids=["one-process", "pool"])
def test_a_stop_ends_the_pairwise_comparisons_early(workers):
    from tui.compare.coverage import Stop, Stopped

    docs = [load_document(p) for p in sample_files()]
    stop, done = Stop(), []

    def progress(stage, n, total):
        done.append(n)
        if stage == "pairs" and n == 2:
            stop()  # as the view does when the user quits or opens something else

    with pytest.raises(Stopped):
        compare_many(docs, workers=workers, progress=progress, stop=stop)
    assert max(done) < 10  # not every pair was waited for
