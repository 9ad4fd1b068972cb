"""The meaning signal: shipped static word vectors, loaded lazily and offline; paraphrases
link, a shared name alone does not. Every text here was written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.compare import Comparison, compare_texts
from tui.compare.meaning import load_model
from tui.compare.model import evidence_text

from .conftest import CORPUS

needs_model = pytest.mark.skipif(load_model() is None, reason="the wordllama wheel is not installed")

LEFT = """Storm hits coastal towns

Heavy rain fell for three days before the river dam burst on Sunday, flooding the valley below.
The regional government said 4,000 residents had been moved to schools and sports halls.
Rescue teams used boats to reach farms cut off by the water.
Marta Vidal, the regional minister, traveled to the capital to ask for emergency funds.
The national weather office warned that more storms could follow later in the week.
Insurers expect claims to exceed those of the floods of 2019.
"""

RIGHT = """Dam failure floods valley after days of rain

After three days of torrential downpours, the dam on the river gave way on Sunday and water swamped the valley.
Some 4,000 people were evacuated to schools and gymnasiums, according to regional officials.
Marta Vidal, the regional minister, traveled to the capital to attend her daughter's graduation.
Forecasters said further storms may arrive before the weekend.
A local football match was postponed because the pitch was under water.
"""


def linked(c: Comparison) -> set[tuple[int, int]]:
    return {(i, j) for link in c.links for i in link.left for j in link.right}


def test_loading_needs_no_network_and_not_wordllamas_loader(tmp_path):
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network blocked in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import tui.compare\n"
        "assert 'tokenizers' not in sys.modules, 'the model loads when a comparison needs it'\n"
        "from tui.compare.meaning import load_model\n"
        "model = load_model()\n"
        "assert model is not None\n"
        "assert 'wordllama' not in sys.modules\n"
        "v = model.sentence_vectors([[('halt', 1.0), ('strikes', 1.0)], [('pause', 1.0), ('attacks', 1.0)],"
        " [('museum', 1.0), ('spring', 1.0)]])\n"
        "print(float(v[0] @ v[1]), float(v[0] @ v[2]))\n"
    )
    env = {"HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    close, far = map(float, proc.stdout.split())
    assert close > far + 0.2


def test_a_text_compared_with_itself_never_loads_the_model():
    code = (
        "import sys\n"
        "from tui.compare import compare_texts\n"
        "t = 'The council met on Monday. It approved the budget. The mayor was pleased.'\n"
        "c = compare_texts(t, t)\n"
        "assert len(c.links) == 3\n"
        "assert 'tokenizers' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@needs_model
def test_paraphrases_link_and_one_act_for_two_purposes_does_not():
    c = compare_texts(LEFT, RIGHT)
    got = linked(c)
    assert (1, 1) in got  # the dam burst / gave way
    assert (2, 2) in got  # residents moved / people evacuated
    assert (5, 4) in got  # weather office warned / forecasters said
    assert (4, 3) not in got  # the same trip to the capital, for two different purposes
    assert {3, 4, 6} <= set(c.only("left"))
    assert {3, 5} <= set(c.only("right"))


def test_same_names_and_same_verb_but_different_trips_do_not_link():
    c = compare_texts("Witkoff traveled to Moscow to speak with Putin.",
                      "Witkoff traveled to Russia to bring home a prisoner.")
    assert c.links == []


def test_the_same_trip_told_with_a_name_the_other_side_uses_elsewhere_still_has_two_purposes():
    """The trap of issue 8 as two real reports tell it: the other sentence names Putin too (the
    call that came after the trip), which is no purpose of its trip."""
    left = (CORPUS / "00-white-house-and-kremlin-statements.txt").read_text(encoding="utf-8")
    right = (CORPUS / "01-livenow-fox-explainer.txt").read_text(encoding="utf-8")
    c = compare_texts(left, right)
    to_moscow = _sentence_with(c.left, "Witkoff traveled to Moscow last week to speak with Putin")
    to_russia = _sentence_with(c.right, "Witkoff traveled to Russia to bring home Marc Fogel")
    assert (to_moscow, to_russia) not in linked(c)
    assert c.engine_state.different_events(to_moscow, to_russia)


def _sentence_with(doc, words: str) -> int:
    [i] = [s.id for s in doc.sentences if words in doc.text[s.start:s.end]]
    return i


@needs_model
@pytest.mark.parametrize("left, right", [
    ("The company will cut 500 jobs next year to save money.",
     "To reduce costs, the firm plans to eliminate 500 positions in the coming year."),
    ("Police arrested two men after the robbery on Friday.",
     "Two suspects were taken into custody by officers following Friday's heist."),
])
def test_paraphrased_sentences_in_short_reports_link(left, right):
    filler_l = "The town hall will be closed on Monday for a public holiday."
    filler_r = "Tickets for the summer concert go on sale next month."
    c = compare_texts(f"{left}\n{filler_l}\n", f"{filler_r}\n{right}\n")
    assert linked(c) == {(0, 1)}


@needs_model
def test_a_meaning_based_link_says_so_in_its_evidence():
    c = compare_texts(LEFT, RIGHT)
    link = next(link for link in c.links if link.left == (5,))
    assert "meaning" in link.evidence["aligned_by"][0]
    text = evidence_text(link)
    assert text.startswith("similar meaning 0.") and "storms" in text
    assert json.loads(json.dumps(c.to_json()))["links"]


@needs_model
def test_a_one_sided_sentence_lists_its_closest_candidates():
    c = compare_texts(LEFT, RIGHT)
    near = c.closest_to("left", 4)  # the minister's other trip
    assert near and near[0][0] == 3
    assert all(0 < score <= 1 for _, score in near)
    assert [s for _, s in near] == sorted((s for _, s in near), reverse=True)
    assert c.closest_to("left", 1) == []  # a linked sentence has none
    data = c.to_json()
    entry = next(s for s in data["left"]["sentences"] if s["id"] == 4)
    assert entry["closest"][0]["id"] == 3
    again = Comparison.from_json(data, {"left": c.left.text, "right": c.right.text})
    assert again.closest_to("left", 4) == [(j, round(s, 4)) for j, s in near]


def test_closest_scores_stay_between_0_and_1_for_a_copy_of_the_sentence():
    c = compare_texts("Yes.\nNo.\nYes.\n", "No.\nYes.\n")
    [only] = c.only("left")
    near = c.closest_to("left", only)
    assert near and near[0][0] == 1  # the right's "Yes."
    assert all(0 < score <= 1 for _, score in near)


DOCK_LEFT = """Dock strike ends

Port workers ended their strike on Thursday after accepting a new wage deal.
The union said members would return to work on Monday morning.
Earlier, Transport Minister Helena Kowalczyk had rejected these demands.
Shipping companies estimate the stoppage cost them millions.
On Friday, Transport Minister Helena Kowalczyk praised the workers for their patience.
"""

DOCK_RIGHT = """Walkout at the harbour is over

The dock workers' walkout ended Thursday when they agreed to a pay settlement.
For her part, Transport Minister Helena Kowalczyk remains confident that the shipping season will recover as exports keep growing.
Kowalczyk said the cranes would be running again within a week.
Speaking to reporters, Transport Minister Helena Kowalczyk thanked the dock staff for waiting calmly.
"""


@needs_model
def test_a_shared_name_and_title_alone_do_not_make_a_meaning_link():
    c = compare_texts(DOCK_LEFT, DOCK_RIGHT)
    got = linked(c)
    assert (3, 2) not in got  # the minister rejected demands / is confident about exports
    assert (5, 4) in got  # the minister praised the workers / thanked the dock staff
    assert (1, 1) in got  # the strike ended / the walkout ended
    assert 3 in c.only("left") and 2 in c.only("right")


TRAM_LEFT = """City council backs new tram line

The council voted 31 to 12 on Monday to build a tram line to the airport.
Construction is due to start next spring.

Novak to meet Zielinski Friday

Mayor Lena Novak said she would meet union leader Piotr Zielinski on Friday to end the drivers' strike.

What the drivers say:

Buses have not run for nine days.
"""

TRAM_RIGHT = """Tram line to airport approved

Councillors approved the airport tram line by 31 votes to 12 on Monday.
Lena Novak will sit down with Piotr Zielinski on Friday, hoping to settle the walkout by bus drivers, her office said.
Work should begin next spring.
"""


@needs_model
def test_a_subhead_of_names_joins_the_claim_right_below_it():
    """"Novak to meet Zielinski Friday" heads the sentence under it (linked by meaning): the
    names it shares with that sentence's partner count as its words. A subhead that shares
    nothing stays alone."""
    c = compare_texts(TRAM_LEFT, TRAM_RIGHT)
    [subhead, unrelated] = [s.id for s in c.left.sentences if s.kind == "subhead"]
    meeting = subhead + 1
    link = next(lk for lk in c.links if meeting in lk.left)
    assert link.left == (subhead, meeting) and link.right == (2,)
    assert unrelated in c.only("left")


@needs_model
@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.one_of(st.sampled_from(["beheaded", "countryside", "roboam", "cnidus", "epileptics",
                                                  "a", "", "🙂", "x-y", "ünïcödé"]),
                                st.text(max_size=30)), max_size=40))
def test_word_vectors_made_together_equal_those_made_one_by_one(words):
    """The vectors of a batch of words (their token rows averaged for all at once) are the
    floats the word-by-word mean and norm give."""
    import numpy as np

    model = load_model()
    fresh = type(model)(model.table, model.tokenizer)
    got = fresh.word_vectors(words)
    table = np.asarray(model.table)
    for word, vec in zip(words, got):
        ids = [i for i in model.tokenizer.encode(word, add_special_tokens=False).ids if 0 <= i < len(table)]
        want = np.zeros(model.dim, np.float32)
        if ids:
            mean = np.asarray(table[ids], dtype=np.float32).mean(axis=0)
            norm = float(np.linalg.norm(mean))
            want = mean / norm if norm else mean
        assert vec.tobytes() == want.tobytes(), word


@needs_model
def test_meaning_of_links_is_the_same_with_their_vectors_made_in_one_go():
    """Before judging, the sentence vectors of all the links judged by meaning are made in one
    batch: each link's cosine is the float it is with its own vectors made alone."""
    from tui.compare.align import RawLink

    c = compare_texts(LEFT, RIGHT)
    pair = c.engine_state
    meant = [lk for lk in c.links if "meaning" in lk.evidence.get("aligned_by", [""])[0]]
    assert meant
    alone = []
    for lk in meant:
        pair.forget_vectors()
        alone.append(pair.meaning_of(lk.left, lk.right))
    pair.forget_vectors()
    pair.expect_meaning([RawLink(lk.left, lk.right, lk.score, "meaning") for lk in meant])
    assert [pair.meaning_of(lk.left, lk.right) for lk in meant] == alone
    assert [f"{cos:.2f}" for cos in alone] == [lk.evidence["similar_meaning"][0] for lk in meant]


@needs_model
def test_word_vectors_are_the_same_after_the_tables_pages_are_let_go():
    """In a comparison of large texts the model lets the pages of its table go after each batch
    of words (they are read again from the file when touched): vectors made after that are the
    floats made before it."""
    from tui.compare.meaning import letting_pages_go

    model = load_model()
    assert model.mapped is not None
    words = ["beheaded", "countryside", "roboam", "cnidus", "epileptics", "peace"]
    kept = type(model)(model.table, model.tokenizer)  # never lets pages go
    letting_go = type(model)(model.table, model.tokenizer, mapped=model.mapped)
    with letting_pages_go():
        first = letting_go.word_vectors(words[:3]).copy()
        second = letting_go.word_vectors(words[3:]).copy()
    assert first.tobytes() == kept.word_vectors(words[:3]).tobytes()
    assert second.tobytes() == kept.word_vectors(words[3:]).tobytes()


@needs_model
def test_a_pair_whose_tokens_are_made_again_keeps_fewer_sentence_vectors_and_the_same_ones(monkeypatch):
    """Texts too long to keep their tokens keep ``RECENT * VECTORS_KEPT[False]`` sentence
    vectors a side (or what one call asks for, when more), each the vector a pair that keeps
    its tokens makes."""
    import numpy as np

    from tui.compare import prepared
    from tui.compare.prepare import read_both
    from tui.compare.tokens import read

    text = " ".join(f"Sentence {n} tells of the {w} harbour." for n, w in
                    enumerate(["quiet", "busy", "flooded", "empty", "old", "new", "small", "great"] * 3))
    pair = compare_texts(text, text.replace("harbour", "port")).engine_state
    n = len(pair.left.sentences)
    whole = [np.array(v.rows(range(n))) for v in pair.sentence_vectors()]

    monkeypatch.setattr(prepared, "RECENT", 8)
    _, tokenizer = read_both(pair.left, pair.right)
    readings = tuple(read(doc, tokenizer, keep=False) for doc in (pair.left, pair.right))
    again = prepared.PreparedPair(pair.left, pair.right, None, readings, tokenizer)
    for i in range(n):
        rows = again.sentence_vectors([i], [n - 1 - i])
        assert max(map(len, rows)) <= 8 * prepared.VECTORS_KEPT[False]
        assert np.array_equal(rows[0][i], whole[0][i]) and np.array_equal(rows[1][n - 1 - i], whole[1][n - 1 - i])
    assert [len(v) for v in again.sentence_vectors(range(n), range(n))] == [n, n]  # one call asks for more
    # Once the meaning pass has its cosines such a pair lets its sentence vectors go, and makes
    # the same ones again when asked.
    assert again.aligner().scored_by_meaning == again.forget_sentence_vectors
    again.forget_sentence_vectors()
    assert [len(v) for v in again._recent["vectors"].values()] == [0, 0]
    assert all(v._matrix.nbytes == 0 for v in again._recent["vectors"].values())
    rows = again.sentence_vectors([1], [2])
    assert np.array_equal(rows[0][1], whole[0][1]) and np.array_equal(rows[1][2], whole[1][2])


def test_sentences_join_links_alike_whichever_number_of_joins_is_asked_about_at_a_time(monkeypatch):
    """The meaning pass asks about the joins' claims a chunk at a time (``JOIN_CHUNK``): a
    chunk of one join makes the links a chunk of all of them makes."""
    from tui.compare import align

    left, right = ((CORPUS / name).read_text(encoding="utf-8") for name in
                   ("00-white-house-and-kremlin-statements.txt", "03-two-hour-call-cnn-sources.txt"))
    whole = compare_texts(left, right)
    asked = []
    claims_alike = align.Aligner._claims_alike
    monkeypatch.setattr(align, "JOIN_CHUNK", 1)
    monkeypatch.setattr(align.Aligner, "_claims_alike", lambda self, pairs: asked.append(pairs) or claims_alike(self, pairs))
    one = compare_texts(left, right)
    assert sum(len(p) == 1 for p in asked) >= 2  # joins were asked about, one at a time
    assert [(lk.left, lk.right, lk.kind, lk.score) for lk in one.links] == [
        (lk.left, lk.right, lk.kind, lk.score) for lk in whole.links]


@needs_model
def test_a_full_word_cache_keeps_the_words_asked_for_last_and_the_same_vectors(monkeypatch):
    """When the word-vector cache is full it lets go of the words asked for longest ago, not of
    all of them: the words of the last few batches are still held (a text's next sentences
    use them again), and every vector is the float a fresh model makes."""
    from tui.compare import meaning

    monkeypatch.setattr(meaning, "WORDS_KEPT", 16)
    model = load_model()
    cache = type(model)(model.table, model.tokenizer)
    batches = [[f"word{n}", f"thing{n}", f"place{n}", f"person{n}"] for n in range(9)]
    for batch in batches:
        got = cache.word_vectors(batch)
        assert got.tobytes() == type(model)(model.table, model.tokenizer).word_vectors(batch).tobytes()
        assert len(cache._rows) <= 16
    assert set(batches[-1] + batches[-2]) <= set(cache._rows)
    assert "word0" not in cache._rows
    held = dict(cache._rows)
    cache.word_vectors(batches[-1] + batches[-2])  # nothing new to make: no row moves
    assert cache._rows == held


@needs_model
def test_a_word_with_no_tokens_is_zeros_in_a_row_another_word_had(monkeypatch):
    """A word the tokenizer makes nothing of has a vector of zeros, also when it is given a row
    of the cache that another word's vector held before the cache let it go."""
    import numpy as np

    from tui.compare import meaning

    monkeypatch.setattr(meaning, "WORDS_KEPT", 16)
    model = load_model()
    cache = type(model)(model.table, model.tokenizer)
    for n in range(4):
        cache.word_vectors([f"harbour{n}", f"valley{n}", f"river{n}", f"storm{n}"])
    assert len(cache._rows) == 16  # full: the next new words make the cache let some go
    got = cache.word_vectors(["", "flood"])
    assert not got[0].any()
    assert got[1].tobytes() == type(model)(model.table, model.tokenizer).word_vectors(["flood"])[0].tobytes()


@needs_model
def test_word_vectors_made_before_the_cache_grows_are_the_same_after(monkeypatch):
    """The cache's matrix has room for the words it keeps from its first word on; a batch of
    more words than that grows it: the vectors made before it grew are the same floats after,
    and each is the one a fresh model makes."""
    from tui.compare import meaning

    monkeypatch.setattr(meaning, "WORDS_KEPT", 1024)
    model = load_model()
    cache = type(model)(model.table, model.tokenizer)
    first = cache.word_vectors(["harbour", "valley", "river"]).copy()
    assert len(cache._matrix) == 1024 and len(cache._used) == 1024
    got = cache.word_vectors([f"w{k}x" for k in range(2100)] + ["harbour", "valley", "river"])
    assert len(cache._matrix) >= 2103
    assert got[-3:].tobytes() == first.tobytes()
    assert first.tobytes() == type(model)(model.table, model.tokenizer).word_vectors(["harbour", "valley", "river"]).tobytes()


@needs_model
def test_texts_too_large_to_keep_their_tokens_keep_fewer_word_vectors(monkeypatch):
    """Where the model lets its table's pages go (texts whose tokens are not kept, memory being
    what limits them), the cache holds ``WORDS_KEPT_LARGE`` word vectors; otherwise
    ``WORDS_KEPT``, and its matrix has room for no more than that."""
    from tui.compare import meaning

    monkeypatch.setattr(meaning, "WORDS_KEPT", 2048)
    monkeypatch.setattr(meaning, "WORDS_KEPT_LARGE", 1024)
    model = load_model()
    words = [f"word{n}" for n in range(1500)]
    usual = type(model)(model.table, model.tokenizer)
    usual.word_vectors(words)
    assert len(usual._rows) == 1500 and len(usual._matrix) == 2048
    large = type(model)(model.table, model.tokenizer)
    with meaning.letting_pages_go():
        large.word_vectors(words[:1000])
        large.word_vectors(words[1000:])
    assert len(large._rows) <= 1024 and len(large._matrix) <= 1024
    assert large.word_vectors(words[-10:]).tobytes() == usual.word_vectors(words[-10:]).tobytes()
    # A cache grown by a usual text shrinks to the smaller bound once a large text needs room,
    # keeping the vectors of the words it keeps.
    view = usual._matrix[:1]  # a view held: the matrix is copied, not resized in place
    with meaning.letting_pages_go():
        got = usual.word_vectors([f"other{n}" for n in range(10)] + words[-10:])
    assert len(usual._rows) <= 1024 and len(usual._matrix) <= 1024 and len(usual._used) == len(usual._matrix)
    assert got[10:].tobytes() == large.word_vectors(words[-10:]).tobytes()
    del view


def test_moving_kept_word_vectors_up_a_few_rows_at_a_time_is_one_move(monkeypatch):
    """The cache compacts its matrix a few rows at a time: the rows it keeps end up at the top in
    their order, the same floats as one copy of all of them makes."""
    import random

    import numpy as np

    from tui.compare import meaning

    monkeypatch.setattr(meaning, "MOVE_CHUNK", 3)
    rng = random.Random(2)
    for _ in range(30):
        matrix = np.arange(40 * 4, dtype=np.float32).reshape(40, 4)
        keep = np.array(sorted(rng.sample(range(40), rng.randrange(41))), dtype=np.int64)
        want = matrix[keep].copy()
        meaning._move_rows_up(matrix, keep)
        assert matrix[: len(keep)].tobytes() == want.tobytes()


@needs_model
def test_pages_let_go_a_few_words_at_a_time_give_the_same_vectors(monkeypatch):
    """Letting the table's pages go every few words made gives each word the vector it gets when
    all are made in one go."""
    from tui.compare import meaning

    monkeypatch.setattr(meaning, "LET_GO_WORDS", 3)
    model = load_model()
    words = ["harbour", "valley", "river", "", "mountains", "ceasefire", "prisoners", "x" * 40]
    whole = type(model)(model.table, model.tokenizer).word_vectors(words)
    with meaning.letting_pages_go():
        few = type(model)(model.table, model.tokenizer, mapped=model.mapped).word_vectors(words)
    assert few.tobytes() == whole.tobytes()
