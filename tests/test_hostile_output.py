"""Terminal injection: whatever came from outside (file names, URLs, what a server says, document
text, notes) reaches the terminal with its control characters made visible, JSON escapes them as
``\\u`` sequences, and HTML and Markdown show them as text. Web cases use a local server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pathlib import Path

from tui.cli import main
from tui.compare import InputError, compare_texts
from tui.export import render
from tui.export.coverage import render_coverage
from tui.sources import load_source
from tui.visible import json_text, visible

from .test_web_fetch import Server

# Everything a terminal or a bidi renderer would act on: C0 (ESC, BEL, CR), DEL, C1 (CSI
# U+009B, OSC U+009D), and the bidi controls.
RAW = ["\x1b", "\x07", "\r", "\x7f", "\x9b", "\x9d", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068",
       "\u2069", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c"]
TITLE_AND_CLEAR = "\x1b]0;PWNED\x07\x1b[2J"
HOSTILE_NAME = f"e{TITLE_AND_CLEAR}\u202ecod.txt"


def raw_in(text: str) -> list[str]:
    return [repr(ch) for ch in RAW if ch in text]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="surrogateescape", timeout=120)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


def test_visible_replaces_one_for_one_and_keeps_what_it_is_told():
    text = "a\x1bb\x9bc\u202ed\x7fe\tf\ng"
    shown = visible(text)
    assert len(shown) == len(text) and raw_in(shown) == []
    assert shown == "a␛b\ufffdc\ufffdd␡e\tf\ng"
    assert visible(text, keep="") == "a␛b\ufffdc\ufffdd␡e␉f␊g"
    assert visible("Ünïcödé — “quotes” 中文 עברית") == "Ünïcödé — “quotes” 中文 עברית"


def test_json_text_escapes_what_json_dumps_leaves_raw():
    data = {"s": "a\x7f\x9b\u202e\u2066b\x1b"}
    dumped = json_text(json.dumps(data, ensure_ascii=False))
    assert raw_in(dumped) == [] and "\\u202e" in dumped and "\\u009b" in dumped
    assert json.loads(dumped) == data


def test_every_character_json_text_escapes_is_unprintable():
    # The JSON export passes printable chunks by unchanged (``render_chunks``): sound only while
    # each character ``json_text`` escapes is one ``str.isprintable`` rejects.
    printable = "".join(filter(str.isprintable, map(chr, range(0x110000))))
    assert len(printable) > 100_000 and json_text(printable) == printable
    assert all(json_text(ch) != ch and not ch.isprintable() for ch in RAW if ch >= "\x7f")


def test_a_file_name_with_escapes_is_shown_not_obeyed_in_an_error(tmp_path):
    missing = tmp_path / HOSTILE_NAME
    proc = run_cli(str(missing), str(missing), "--format", "json")
    assert proc.returncode == 2
    assert raw_in(proc.stderr) == [], proc.stderr
    assert "e␛]0;PWNED␇␛[2J" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_a_notice_naming_the_file_is_shown_not_obeyed(tmp_path, capsys):
    left = tmp_path / HOSTILE_NAME
    left.write_bytes("The ceasefire began on Monday, the officials said.\n".encode("cp1252") + b"caf\xe9 cr\xe8me\n")
    right = tmp_path / "right.txt"
    right.write_text("The ceasefire began on Monday, officials said.\n", encoding="utf-8")
    assert main([str(left), str(right), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and raw_in(err) == [], err


def _pair(tmp_path):
    left = tmp_path / f"left{TITLE_AND_CLEAR}.txt"
    right = tmp_path / "right\u202etxt.exe"
    left.write_text("The council met on Monday \x1b]0;T\x07 and \x9b2J voted. A \u202eright-to-left\u202c word "
                    "and a \x7f stayed.\n", encoding="utf-8")
    right.write_text("The council met on Tuesday \x1b]0;T\x07 and \x9b2J voted. A \u2067isolate\u2069 "
                     "and a \u200f mark stayed.\n", encoding="utf-8")
    return left, right


def test_markdown_shows_controls_in_file_names_and_text(tmp_path, capsys):
    left, right = _pair(tmp_path)
    assert main([str(left), str(right), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert raw_in(out) == [], [line for line in out.splitlines() if raw_in(line)]
    assert "- left: `" in out and "left␛]0;PWNED␇␛[2J.txt" in out
    assert "Monday ␛\\]0;T␇ and \ufffd2J voted" in out


def test_json_escapes_controls_and_keeps_the_offsets(tmp_path, capsys):
    left, right = _pair(tmp_path)
    assert main([str(left), str(right), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert raw_in(out) == [] and "\\u202e" in out and "\\u009b" in out and "\\u001b" in out
    data = json.loads(out)
    assert data["left"]["path"] == str(left) and data["right"]["path"] == str(right)
    for side, path in (("left", left), ("right", right)):
        text = Path(path).read_text(encoding=data[side]["encoding"])
        for s in data[side]["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]


def test_html_and_jsonld_show_controls_in_text_and_notes(tmp_path):
    left, right = _pair(tmp_path)
    from tui.store.comparisons import load_for

    c = compare_texts(left.read_text(encoding="utf-8"), right.read_text(encoding="utf-8"),
                      str(left), str(right))
    store = load_for(c.left, c.right, tmp_path / "data")
    store.note_sentences(c, "left", [0], "a note \x1b[2J with \u202e and \x9b", ["tag\x07"])
    page = render(c, "html", store)
    assert raw_in(page) == [] and "␛[2J" in page
    ld = render(c, "jsonld", store)
    assert raw_in(ld) == []
    assert json.loads(ld)["first"]["items"][0]["body"][0]["value"] == "a note \x1b[2J with \u202e and \x9b"


@pytest.mark.parametrize("answer, words", [
    (lambda h: (h.send_response(404, TITLE_AND_CLEAR), h.send_header("Content-Length", "0"), h.end_headers()),
     "HTTP 404 ␛]0;PWNED␇␛[2J"),
    (lambda h: h.answer(200, b"%PDF", ctype="application/\x1b]0;PWNED\x07"), "not a web page"),
    (lambda h: h.answer(200, b"<html>", headers=[("Content-Encoding", "x\x1b]0;PWNED\x07\u009b")]), "cannot unpack"),
])
def test_what_a_server_says_is_shown_not_obeyed(server, tmp_path, answer, words):
    server.routes["/p"] = answer
    with pytest.raises(InputError) as err:
        load_source(server.base + "/p", cache=tmp_path)
    assert words in str(err.value) and raw_in(str(err.value)) == [], repr(str(err.value))


def test_the_cli_prints_a_servers_reason_phrase_harmlessly(server, tmp_path):
    server.routes["/p"] = lambda h: (h.send_response(404, TITLE_AND_CLEAR), h.send_header("Content-Length", "0"),
                                     h.end_headers())
    other = tmp_path / "b.txt"
    other.write_text("Some text.\n", encoding="utf-8")
    proc = run_cli(server.base + "/p", str(other), "--format", "json")
    assert proc.returncode == 2 and "HTTP 404" in proc.stderr
    assert raw_in(proc.stderr) == [], repr(proc.stderr)


def test_the_coverage_json_escapes_controls_too():
    from tui.compare import Document
    from tui.compare.coverage import compare_many
    from tui.compare.load import sha256_hex

    texts = ["The council met on Monday \u202e and \x9b2J voted for the budget.",
             "The council met on Tuesday and voted for the budget \x7f.",
             "The council met on Monday and voted \u2066for\u2069 the budget."]
    docs = [Document(path=f"s{i}\u202e.txt", text=t, sha256=sha256_hex(t.encode())) for i, t in enumerate(texts)]
    out = render_coverage(compare_many(docs), "json")
    assert raw_in(out) == [] and "\\u202e" in out
    data = json.loads(out)
    assert [s["path"] for s in data["sources"]] == [d.path for d in docs]


def test_every_input_error_is_one_safe_line_whoever_raises_it(tmp_path):
    from tui.compare import compare_files

    with pytest.raises(InputError) as err:
        compare_files(tmp_path / f"a\n{HOSTILE_NAME}", tmp_path / "b.txt")  # the engine's own loader
    assert raw_in(str(err.value)) == [] and "\n" not in str(err.value) and "␊e␛]0;PWNED" in str(err.value)
