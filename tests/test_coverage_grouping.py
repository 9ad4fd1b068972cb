"""Grouping sentences of several sources into claims (``tui.compare.coverage.grouping``): the
pairwise links in, claims out. Each test builds the links the pairwise engine would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare.coverage.grouping import PairLink, group_claims

A, B, C, D = 0, 1, 2, 3


def claim_with(claims, source, sid):
    found = [c for c in claims if sid in c.get(source, ())]
    assert len(found) == 1, f"sentence {sid} of source {source} is in {len(found)} claims"
    return found[0]


def test_the_chaining_trap_keeps_two_sentences_of_one_source_apart():
    # A1~B1 (A-B), B1~C1 (B-C), C1~A2 (A-C): a chain A1-B1-C1-A2, but A1 and A2 are two
    # different sentences nobody links together.
    links = {(A, B): [PairLink((0,), (0,))], (B, C): [PairLink((0,), (0,))], (A, C): [PairLink((1,), (0,))]}
    claims = group_claims([2, 1, 1], links)
    assert claim_with(claims, A, 0) is not claim_with(claims, A, 1)
    assert all(len(c.get(A, ())) <= 1 for c in claims)
    # C1 goes with the sentence its own comparison with A linked it to, not through B.
    assert claim_with(claims, C, 0) is claim_with(claims, A, 1)
    assert claim_with(claims, B, 0) is claim_with(claims, A, 0)


def test_a_doubtful_link_gives_way_to_two_confident_ones():
    # The chain of the trap above, but A's comparison with B linked A1~B1 with little
    # confidence, while B1~C1 and C1~A2 are sure: B1 goes with C1 and A2, and A1 stays alone.
    links = {(A, B): [PairLink((0,), (0,), 0.1)], (B, C): [PairLink((0,), (0,), 0.9)],
             (A, C): [PairLink((1,), (0,), 0.9)]}
    claims = group_claims([2, 1, 1], links)
    assert claim_with(claims, B, 0) == {A: (1,), B: (0,), C: (0,)}
    assert claim_with(claims, A, 0) == {A: (0,)}
    # With the links equally sure, B1 keeps the link its own comparison with A made.
    sure = {key: [PairLink(x.a, x.b, 0.9) for x in value] for key, value in links.items()}
    assert claim_with(group_claims([2, 1, 1], sure), B, 0) == {A: (0,), B: (0,)}


def test_the_chain_closes_when_the_two_sentences_say_the_same_thing():
    # Here B's comparison with A puts A1 and A2 on one side of one link (A splits the claim).
    links = {(A, B): [PairLink((0, 1), (0,))], (B, C): [PairLink((0,), (0,))], (A, C): [PairLink((1,), (0,))]}
    claims = group_claims([2, 1, 1], links)
    assert claims == [{A: (0, 1), B: (0,), C: (0,)}]


def test_a_source_that_splits_a_claim_over_two_sentences_keeps_both_in_it():
    # A tells in one sentence what B tells in two (3 and 4); C links to A and to B's first half.
    links = {
        (A, B): [PairLink((5,), (3, 4))],
        (A, C): [PairLink((5,), (2,))],
        (B, C): [PairLink((3,), (2,))],
    }
    claims = group_claims([6, 5, 3], links)
    assert claim_with(claims, B, 3) == {A: (5,), B: (3, 4), C: (2,)}


def test_a_missed_link_is_filled_by_consensus_but_a_contradicted_one_is_not():
    # A1~B1, B1~C1, A1~D1, B1~D1, C1~D1; the A-C comparison found nothing for either: one claim.
    agree = {(A, B): [PairLink((0,), (0,))], (B, C): [PairLink((0,), (0,))], (A, D): [PairLink((0,), (0,))],
             (B, D): [PairLink((0,), (0,))], (C, D): [PairLink((0,), (0,))]}
    assert group_claims([1, 1, 1, 1], agree) == [{A: (0,), B: (0,), C: (0,), D: (0,)}]
    # Three sources: A1~B1, B1~C1, but A-C linked both elsewhere (A1~C2, A2~C1): B1 joins one.
    split = {(A, B): [PairLink((0,), (0,))], (B, C): [PairLink((0,), (0,))],
             (A, C): [PairLink((0,), (1,)), PairLink((1,), (0,))]}
    claims = group_claims([2, 1, 2], split)
    assert claim_with(claims, A, 0) is not claim_with(claims, C, 0)


def test_with_two_sources_the_claims_are_the_links():
    links = {(A, B): [PairLink((0,), (1,)), PairLink((1, 2), (2,)), PairLink((4,), (3, 4))]}
    claims = group_claims([5, 5], links)
    multi = sorted((c[A], c[B]) for c in claims if len(c) == 2)
    assert multi == [((0,), (1,)), ((1, 2), (2,)), ((4,), (3, 4))]
    assert {c[A] for c in claims if list(c) == [A]} == {(3,)}
    assert {c[B] for c in claims if list(c) == [B]} == {(0,)}


def test_sentences_of_a_source_not_linked_together_never_share_a_claim():
    # Every source links its sentence 0 and 1 to the same partner in different comparisons.
    links = {(A, B): [PairLink((0,), (0,))], (A, C): [PairLink((1,), (0,))], (B, C): [PairLink((0,), (0,))],
             (A, D): [PairLink((0,), (0,))], (B, D): [PairLink((0,), (0,))], (C, D): [PairLink((0,), (0,))]}
    claims = group_claims([2, 1, 1, 1], links)
    assert claim_with(claims, A, 0) is not claim_with(claims, A, 1)
    assert claim_with(claims, A, 0) == {A: (0,), B: (0,), C: (0,), D: (0,)}


@st.composite
def link_sets(draw):
    n = draw(st.integers(2, 5))
    sizes = [draw(st.integers(1, 6)) for _ in range(n)]
    links = {}
    for a in range(n):
        for b in range(a + 1, n):
            used_a, used_b, pair = set(), set(), []
            for _ in range(draw(st.integers(0, 4))):
                i = draw(st.integers(0, sizes[a] - 1))
                j = draw(st.integers(0, sizes[b] - 1))
                ga = (i, i + 1) if draw(st.booleans()) and i + 1 < sizes[a] else (i,)
                if used_a & set(ga) or j in used_b:
                    continue
                used_a |= set(ga)
                used_b.add(j)
                pair.append(PairLink(ga, (j,)))
            links[(a, b)] = pair
    return sizes, links


@settings(max_examples=150, deadline=None)
@given(link_sets())
def test_every_grouping_is_a_partition_with_one_linked_group_per_source(case):
    sizes, links = case
    claims = group_claims(sizes, links)
    seen = [(s, i) for c in claims for s, ids in c.items() for i in ids]
    assert sorted(seen) == [(s, i) for s, n in enumerate(sizes) for i in range(n)]
    together = {(s, u, v) for (a, b), pls in links.items() for pl in pls
                for s, g in ((a, pl.a), (b, pl.b)) for u in g for v in g}
    for c in claims:
        for s, ids in c.items():
            assert all((s, u, v) in together for u in ids for v in ids if u != v), (c, links)
