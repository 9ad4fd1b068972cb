"""Alignment: reordered paragraphs, split sentences, sentences only one side has."""

from __future__ import annotations

from tui.compare import align, compare_files, compare_texts

from .conftest import AP, AP_REWRITE, FOX

LEFT = """Russia and Ukraine will swap 175 prisoners of war on Wednesday, the Kremlin said.

The plant at Zaporizhzhia produced nearly a quarter of Ukraine's electricity before the war.

Zelenskyy remains doubtful that Putin is ready for peace, he said in his nightly address.

Marco Rubio persuaded Ukrainian officials in Saudi Arabia to accept the framework.

A spokesman for the museum said the exhibition would reopen in spring.
"""

RIGHT = """Marco Rubio convinced Ukrainian officials during talks in Saudi Arabia to accept the ceasefire framework.

In his nightly video address, Zelenskyy said he remains doubtful that Putin is ready for peace.

Russia and Ukraine are scheduled to swap 175 prisoners of war on Wednesday, according to the Kremlin.

The weather in Kyiv was cold and grey all week.

Before the war, the Zaporizhzhia plant produced nearly a quarter of the electricity of Ukraine.
"""


def pairs(c) -> set[tuple[str, str]]:
    return {
        (" ".join(c.left.sentence_text(i) for i in link.left)[:20], " ".join(c.right.sentence_text(j) for j in link.right)[:20])
        for link in c.links
    }


def test_reordered_paragraphs_align_wherever_the_partner_is():
    c = compare_texts(LEFT, RIGHT)
    assert pairs(c) == {
        ("Russia and Ukraine w", "Russia and Ukraine a"),
        ("The plant at Zaporiz", "Before the war, the "),
        ("Zelenskyy remains do", "In his nightly video"),
        ("Marco Rubio persuade", "Marco Rubio convince"),
    }
    assert [c.left.sentence_text(i)[:20] for i in c.only("left")] == ["A spokesman for the "]
    assert [c.right.sentence_text(i)[:20] for i in c.only("right")] == ["The weather in Kyiv "]


def test_one_sentence_split_in_two_is_a_one_to_two_link():
    left = (
        "The plant has been caught in the crossfire since Moscow sent troops into Ukraine in 2022, "
        "and the International Atomic Energy Agency has repeatedly expressed alarm about it.\n"
        "Trump spoke to reporters aboard Air Force One.\n"
    )
    right = (
        "The plant has been caught in the crossfire since Moscow sent troops into Ukraine in 2022. "
        "The International Atomic Energy Agency has repeatedly expressed alarm about it.\n"
        "Trump spoke to reporters aboard Air Force One.\n"
    )
    c = compare_texts(left, right)
    shapes = sorted((link.left, link.right) for link in c.links)
    assert shapes == [((0,), (0, 1)), ((1,), (2,))]
    assert c.only("left") == [] and c.only("right") == []


def test_two_sentences_joined_into_one_is_a_two_to_one_link():
    c = compare_texts(
        "Ukraine's army stunned Russia in August. It took control of 500 square miles of land.\n",
        "Ukraine's army stunned Russia in August by taking control of 500 square miles of land.\n",
    )
    assert [(link.left, link.right) for link in c.links] == [((0, 1), (0,))]


def test_repeated_formulaic_sentences_follow_their_neighbours():
    left = "\n".join(
        f"In the {name} season the farmers planted {crop} by the river. And he said unto them, Go. "
        for name, crop in (("first", "barley"), ("second", "wheat"), ("third", "millet"), ("fourth", "oats"))
    )
    right = "\n".join(
        f"During the {name} season the farmers sowed {crop} along the river. He said to them, “Go.” "
        for name, crop in (("first", "barley"), ("second", "wheat"), ("third", "millet"), ("fourth", "oats"))
    )
    c = compare_texts(left, right)
    for link in c.links:
        assert link.left == link.right, (link.left, link.right)
    assert len(c.links) == 8


def test_the_wire_story_and_its_rewrite():
    c = compare_files(AP, AP_REWRITE)
    counts = c.counts()
    assert counts["match"] + counts["differ"] >= 40
    k = next(k for k, link in enumerate(c.links) if "175 prisoners" in c.left.sentence_text(link.left[0]))
    link = c.links[k]
    assert "175 prisoners" in c.right.sentence_text(link.right[0])
    assert link.kind == "differ"
    assert [ch.type for ch in link.changes] == ["number"]
    only_left = [c.left.sentence_text(i) for i in c.only("left")]
    assert any(s.startswith("The Western Journal has reviewed") for s in only_left)


def test_links_never_share_a_sentence():
    c = compare_files(FOX, AP)
    for side in ("left", "right"):
        ids = [i for link in c.links for i in link.ids(side)]
        assert len(ids) == len(set(ids))


def test_memory_bounds_change_no_result(monkeypatch):
    """Candidates found and scored a few sentences at a time, a word-vector cache of a few dozen
    words, sentence vectors pooled and compared a few at a time, claim vectors made two pairs at
    a time, and the closest candidates cut to the best few as they come: the report is the same
    as with everything held at once (a pair where the meaning pass runs and one where it does not)."""
    import random

    from tui.compare import align, meaning, prepared
    from tui.export import render

    from .conftest import CORPUS

    pairs = [(CORPUS / "00-white-house-and-kremlin-statements.txt", FOX), (AP, AP_REWRITE)]
    before = [render(compare_files(a, b), "json") for a, b in pairs]
    monkeypatch.setattr(align, "SCORE_CHUNK", 3)
    monkeypatch.setattr(meaning, "WORDS_KEPT", 40)
    monkeypatch.setattr(meaning, "SENTENCE_CHUNK", 3)
    monkeypatch.setattr(align, "MEANING_CHUNK", 5)
    monkeypatch.setattr(align, "ANCHOR_CHUNK", 2)
    monkeypatch.setattr(prepared, "CLAIM_CHUNK", 2)
    assert [render(compare_files(a, b), "json") for a, b in pairs] == before


def test_compact_forms_change_no_result(monkeypatch):
    """The forms a large comparison holds its data in (anchors as OneToOne links, sets of ids
    as IdSets, linked sentences marked a byte each, the scored pairs read a few rows at a time
    for the closest candidates, the word-vector cache compacted a few rows at a time with the
    table's pages let go every few words, glibc giving blocks back as freed) give the report
    the same as the usual forms, on a pair where the meaning pass runs and one where it does not."""
    from tui.compare import align, meaning, memory, pair_scores
    from tui.export import render

    from .conftest import CORPUS

    pairs = [(CORPUS / "00-white-house-and-kremlin-statements.txt", FOX), (AP, AP_REWRITE)]
    before = [render(compare_files(a, b), "json") for a, b in pairs]
    monkeypatch.setattr(align, "COMPACT_SENTENCES", 0)
    monkeypatch.setattr(align, "COMPACT_IDS", 0)
    monkeypatch.setattr(pair_scores, "PART_ROWS", 2)
    monkeypatch.setattr(meaning, "WORDS_KEPT_LARGE", 40)
    monkeypatch.setattr(meaning, "MOVE_CHUNK", 3)
    monkeypatch.setattr(meaning, "LET_GO_WORDS", 2)
    made = []
    real = align.OneToOne.__init__
    monkeypatch.setattr(align.OneToOne, "__init__", lambda self, *a, **k: made.append(1) or real(self, *a, **k))
    with meaning.letting_pages_go(), memory.frugal():
        assert [render(compare_files(a, b), "json") for a, b in pairs] == before
    assert made  # the anchors were OneToOne links


def test_one_to_one_links_read_as_raw_links():
    """A OneToOne link reads, compares and changes as a RawLink with the same fields."""
    one = align.OneToOne((4,), (7,), 0.5, "anchor")
    assert (one.left, one.right, one.score, one.how, one.meaning) == ((4,), (7,), 0.5, "anchor", None)
    one.left = (3, 4)
    one.how += "+merge"
    assert (one.left, one.right, one.how) == ((3, 4), (7,), "anchor+merge")
    one.right = (7,)
    assert one.right == (7,) and isinstance(one, align.RawLink)


def test_id_sets_answer_as_sets():
    """An IdSet answers membership, iteration, size and disjointness as the set it was made from,
    for ids off either end too; ``linked_ids`` holds the sentences of the links given."""
    import random

    import numpy as np

    rng = random.Random(11)
    for _ in range(50):
        ids = {rng.randrange(200) for _ in range(rng.randrange(60))}
        held = align.IdSet(ids)
        assert len(held) == len(ids) and sorted(held) == sorted(ids)
        for i in (-1, 0, 5, 199, 200, 10_000, np.int64(7)):
            assert (i in held) == (i in ids)
        probe = tuple(rng.randrange(-3, 260) for _ in range(3))
        assert held.isdisjoint(probe) == ids.isdisjoint(probe)
        assert align._members(np.arange(200), held, 200).tolist() == [i in ids for i in range(200)]
    links = [align.RawLink((0, 1), (5,), 0.4), align.OneToOne((3,), (2,), 0.9)]
    left, right = align.linked_ids(links, 6, 7)
    assert sorted(left) == [0, 1, 3] and sorted(right) == [2, 5]


def test_closest_are_the_best_three_by_score_then_id():
    """Each sentence's closest partners, taken from arrays of scored pairs: the three highest
    scores, the lower id first between equal scores, as sorting each sentence's pairs says."""
    import random

    import numpy as np

    rng = random.Random(3)
    for _ in range(100):
        pairs = {(rng.randrange(6), rng.randrange(30)): rng.choice([0.1, 0.2, 0.25, rng.random()])
                 for _ in range(rng.randrange(120))}
        me = np.array([a for a, _ in pairs], dtype=np.int64)
        other = np.array([b for _, b in pairs], dtype=np.int64)
        got = align._best_of(me, other, np.array(list(pairs.values())), {0, 2, 3}, 6, 3)
        want = {a: sorted(((b, s) for (x, b), s in pairs.items() if x == a), key=lambda i: (-i[1], i[0]))[:3]
                for a in (0, 2, 3) if any(x == a for x, _ in pairs)}
        assert got == want


def test_meaning_scores_keep_order_and_values():
    """The meaning pass's scores come back in the order they were given (it decides between
    equal scores) with the same floats, and empty when that pass has not run."""
    import random

    from tui.compare.pair_scores import MeaningScores

    rng = random.Random(5)
    pairs = [(rng.randrange(50_000), rng.randrange(50_000)) for _ in range(300)]
    scores = [rng.random() for _ in pairs]
    cosines = [rng.uniform(-1, 1) for _ in pairs]
    kept = MeaningScores(pairs, scores, cosines)
    assert list(kept) == [(a, b, s, c) for (a, b), s, c in zip(pairs, scores, cosines)]
    assert len(kept) == 300 and list(MeaningScores()) == []


def test_gaps_between_crossing_anchors_never_link_a_sentence_twice():
    """Where anchors cross, the stretches between them overlap on one side; a sentence one
    stretch linked is not free for the next (it was: right 5 ended in two links here)."""
    left = ("These rejected the offer in March.\nIt voted against the plan for 30 days.\n"
            "The bridge met on Monday for 30 days.\nThe river said it would wait after the war.\n"
            "It was damaged in the storm by the engineers.\nThis was damaged in the storm.\n"
            "The old church was closed for 30 days.\nThese sank near the coast in March.\n"
            "Those was damaged in the storm after the war.\nThe river was restored by the engineers.\n"
            "The river sank near the coast in March.\nThe river was restored by the engineers.\n"
            "Those said it would wait in March.\nIt was closed after the war.\n"
            "It was damaged in the storm by the engineers.\nThe ship opened again in 1921 in March.\n")
    right = ("These rejected the offer in March.\nIt voted against the plan for 30 days.\n"
             "The bridge met on Monday for 30 days.\nThe old church sank near the coast in March.\n"
             "It had been damaged in the storm by the engineers.\n\"They met on Monday after the war.\"\n"
             "The mayor was damaged in the storm according to officials.\nThe council was damaged in the storm.\n"
             "The river sank near the coast in March.\nThe old church said it would wait.\n"
             "Those said it would wait in March.\nIt was closed after the war.\n"
             "She rejected the offer by the engineers.\n")
    c = compare_texts(left, right)
    for side in ("left", "right"):
        ids = [i for link in c.links for i in link.ids(side)]
        assert len(ids) == len(set(ids)), f"a {side} sentence is in two links"
    assert any(link.kind == "match" for link in c.links)


def test_expected_places_are_those_of_the_nearest_link_before():
    """Where the meaning pass looks for a free sentence's partner, worked out for all of them at
    once from arrays of the links' first sentences: the same place as bisecting the sorted
    (sentence, partner) pairs of the links one sentence at a time, with no link before it, and
    with no links at all."""
    import bisect
    import random

    import numpy as np

    rng = random.Random(8)
    for _ in range(200):
        links = [(rng.randrange(80), rng.randrange(90)) for _ in range(rng.randrange(12))]
        ids = [rng.randrange(80) for _ in range(rng.randrange(1, 20))]
        mapping = sorted(links)

        def one(i):
            k = bisect.bisect_left(mapping, (i, -1)) - 1
            return mapping[k][1] + (i - mapping[k][0]) if k >= 0 else i * 90 // max(1, len(mapping))

        mine = np.array([a for a, _ in links], dtype=np.int64)
        theirs = np.array([b for _, b in links], dtype=np.int64)
        assert align._expected(ids, mine, theirs, 90) == [one(i) for i in ids]
    assert align._expected([], np.zeros(0, np.int64), np.zeros(0, np.int64), 5) == []
