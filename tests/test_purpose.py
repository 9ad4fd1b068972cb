"""Purpose clauses: an infinitive tells what an act was for; "to" before a plural noun does not."""

from __future__ import annotations

from tui.compare import compare_texts
from tui.compare.normalise import Tokenizer
from tui.compare.purpose import purposes


def _purposes(text: str) -> list[tuple[str, ...]]:
    return [p.words for p in purposes(text, Tokenizer(text).tokens(text, 0, len(text)))]


def test_an_infinitive_is_a_purpose_and_to_before_a_plural_noun_is_not():
    assert _purposes("The envoy traveled to Moscow to speak with the president.") == [("speak", "president")]
    assert _purposes("The minister spoke to reporters aboard the plane on Sunday.") == []
    assert _purposes("She explained the plan to officials in the capital.") == []
    assert _purposes("They met to discuss the budget.") == [("discuss", "budget")]
    assert _purposes("He acted to bias the jury.") == [("bias", "jury")]
    assert _purposes("They worked to focus the talks.") == [("focus", "talks")]


def test_a_remark_told_to_reporters_links_with_the_same_quotation_told_for_a_purpose():
    # "to reporters" is no purpose, so nothing tells two events apart: the shared quotation links.
    left = ("The mayor spoke to reporters aboard the ferry on Sunday, mentioning the idea of “selling harbour warehouses.”\n\n"
            "The weather was fine.\n")
    right = ("Aides said the council had begun discussing “selling some harbour warehouses” as part of a plan to end the strike.\n\n"
             "Teachers protested outside.\n")
    c = compare_texts(left, right)
    assert [(lk.left, lk.right) for lk in c.links] == [((0,), (0,))]


def test_purposes_kept_from_the_first_pass_are_those_of_the_renamed_tokens():
    """The purposes the first reading found are used again, with the right text's keys renamed
    by the spelling aliases, as the tokens were: the same purposes the renamed tokens state."""
    left = "The army marched north to defendd the harbour. The fleet stayed in port."
    right = "The army marched north to defend the harbour. The fleet stayed in port."
    pair = compare_texts(left, right).engine_state
    for side, (doc, toks) in enumerate(((pair.left, pair.ltoks), (pair.right, pair.rtoks))):
        for i in range(len(doc.sentences)):
            assert pair.purposes_of(side, i) == purposes(doc.text, toks[i])
    assert pair.purposes_of(1, 0)[0].keys == pair.purposes_of(0, 0)[0].keys == {"defendd", "harbor"}


def test_a_sentences_words_are_made_only_when_a_purpose_is_compared_by_meaning():
    from tui.compare.purpose import different_purposes

    text_a, text_b = "They met to discuss the budget.", "They met to review the budget."
    left = purposes(text_a, Tokenizer(text_a).tokens(text_a, 0, len(text_a)))
    right = purposes(text_b, Tokenizer(text_b).tokens(text_b, 0, len(text_b)))
    asked = []

    def words(ws):
        def make():
            asked.append(ws)
            return ws
        return make

    def similarity(xs, ys):
        return 1.0 if {"discuss", "review"} <= set(xs) | set(ys) else 0.0

    lw, rw = ["met", "discuss", "budget"], ["met", "review", "budget"]
    cases = ((None, True, False), (similarity, False, True), (lambda xs, ys: 0.0, True, True))
    for sim, different, compared in cases:
        asked.clear()
        assert different_purposes(left, set(), words(lw), right, set(), words(rw), sim) is different
        assert different_purposes(left, set(), lw, right, set(), rw, sim) is different
        assert bool(asked) is compared  # without a similarity, no words are made
    # A purpose the other sentence names by key needs no words at all.
    asked.clear()
    keys = set().union(*(p.keys for p in left + right))
    assert not different_purposes(left, keys, words(lw), right, keys, words(rw), similarity)
    assert asked == []


def test_a_pair_whose_tokens_are_made_again_keeps_few_purposes_and_lets_them_go_after_aligning(monkeypatch):
    """Texts too long to keep their tokens keep the purpose veto's purposes and words for only
    ``VETO_KEPT[False]`` sentences, decide every pair as a pair that keeps them all does, and
    let them go with the sentence vectors once aligning is over (judging asks for none)."""
    from tui.compare import prepared
    from tui.compare.prepare import read_both
    from tui.compare.tokens import read

    left = ("The envoy traveled to Moscow to speak with the president. The fleet stayed in port. "
            "They met to discuss the budget. Officials gathered to review the plan.")
    right = ("The envoy traveled to Russia to bring home a prisoner. The fleet stayed in port. "
             "They met to review the budget. Officials gathered to discuss the plan.")
    pair = compare_texts(left, right).engine_state
    pairs = [(a, b) for a in range(len(pair.left.sentences)) for b in range(len(pair.right.sentences))]
    kept = [pair.different_events(a, b) for a, b in pairs]
    assert any(kept) and not all(kept)

    monkeypatch.setitem(prepared.VETO_KEPT, False, 2)
    _, tokenizer = read_both(pair.left, pair.right)
    readings = (read(pair.left, tokenizer, keep=False), read(pair.right, tokenizer, keep=False))
    again = prepared.PreparedPair(pair.left, pair.right, None, readings, tokenizer)
    sizes = []
    for (a, b), want in zip(pairs, kept):
        assert again.different_events(a, b) == want
        sizes.append(len(again._recent["purposes"]))
    assert max(sizes) == 2
    again.forget_vectors()
    assert not again._recent["purposes"] and not again._recent["words"]
