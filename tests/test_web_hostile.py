"""Hostile and odd web servers (all local, 127.0.0.1): a server that trickles its status line or
its headers is cut off at ``--timeout``; plain text served as text/plain is read as text; a
page whose title holds a control character still has its article."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from tui.compare import InputError
from tui.sources import load_source, load_url

from .test_web_fetch import COURIER, Server


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


class Trickler:
    """A TCP server that sends ``head`` a piece at a time, one piece every ``every`` seconds,
    and stops when the client goes away."""

    def __init__(self, pieces: list[bytes], every: float) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.pieces, self.every = pieces, every
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            for piece in self.pieces:
                try:
                    conn.sendall(piece)
                except OSError:
                    return
                time.sleep(self.every)

    def stop(self) -> None:
        self.sock.close()


HEADERS_SLOWLY = [b"HTTP/1.1 200 OK\r\n"] + [b"X-Slow-%d: yes\r\n" % i for i in range(40)] + [b"\r\n"]
STATUS_SLOWLY = [bytes([b]) for b in b"HTTP/1.1 200 OK\r\n"] * 3


@pytest.mark.parametrize("pieces", [HEADERS_SLOWLY, STATUS_SLOWLY], ids=["headers", "status line"])
def test_a_server_trickling_its_head_is_cut_off_at_the_timeout(tmp_path, pieces):
    server = Trickler(pieces, every=0.25)  # 10 s or more in all, each piece well within the timeout
    try:
        t0 = time.perf_counter()
        with pytest.raises(InputError, match="no answer within 1 s"):
            load_url(server.base + "/", cache=tmp_path, timeout=1)
        assert time.perf_counter() - t0 < 3
    finally:
        server.stop()


def test_the_cli_keeps_to_its_timeout_against_a_trickling_server(tmp_path):
    server = Trickler(HEADERS_SLOWLY, every=0.25)
    other = tmp_path / "b.txt"
    other.write_text("Some text.\n", encoding="utf-8")
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "tui", server.base + "/", str(other), "--format", "json",
                               "--timeout", "1"], capture_output=True, text=True, timeout=60)
        elapsed = time.perf_counter() - t0
    finally:
        server.stop()
    assert proc.returncode == 2 and "no answer within 1 s" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and elapsed < 8  # the server would go on for 10 s


# ---- a control character in a page ------------------------------------------------------------

ARTICLE = "".join(f"<p>Paragraph {i} says that the officials met on Monday and agreed to talk again "
                  "about the river and the dam.</p>" for i in range(5))


@pytest.mark.parametrize("where", ["title", "text"])
def test_a_control_character_reference_does_not_lose_the_article(server, tmp_path, where):
    hostile = "&#27;]0;PWNED&#7; &#xFFFF;"
    title = f"Flood talks {hostile if where == 'title' else ''}"
    first = f"<p>{hostile if where == 'text' else ''} The mayor said the river was rising fast today.</p>"
    server.routes["/p"] = lambda h: h.answer(200, (f"<!doctype html><html><head><title>{title}</title></head>"
                                                   f"<body><article>{first}{ARTICLE}</article></body></html>").encode())
    doc = load_source(server.base + "/p", cache=tmp_path)
    assert "Paragraph 4 says" in doc.text and doc.title.startswith("Flood talks")
    assert "\x1b" not in doc.text + doc.title and "\ufffd]0;PWNED" in doc.text + doc.title


# ---- plain text from a server -----------------------------------------------------------------

TRANSCRIPT = ("THE PRESIDENT: Thank you all for coming today.\r\n\r\n"
              "Q: Will the ceasefire hold, Mr. President?\r\n\r\n"
              "THE PRESIDENT: We believe it will hold through Monday, and the talks resume in Genève.\r\n")


@pytest.mark.parametrize("ctype, body", [
    ("text/plain; charset=utf-8", TRANSCRIPT.encode("utf-8")),
    ("text/plain; charset=windows-1252", TRANSCRIPT.encode("cp1252")),
    ("text/plain", "\ufeff".encode() + TRANSCRIPT.encode("utf-8")),  # a Project Gutenberg file
    ("text/markdown", TRANSCRIPT.encode("utf-8")),
])
def test_plain_text_from_a_server_is_read_as_text(server, tmp_path, ctype, body):
    server.routes["/t.txt"] = lambda h: h.answer(200, body, ctype=ctype)
    doc = load_source(server.base + "/t.txt", cache=tmp_path)
    assert doc.text == TRANSCRIPT.replace("\r\n", "\n")
    assert doc.source["kind"] == "url" and doc.title == ""
    again = load_source(server.base + "/t.txt", cache=tmp_path)  # and from the cache
    assert again.text == doc.text and again.source["from_cache"] is True


def test_plain_text_keeps_the_size_limit_and_refuses_binary(server, tmp_path, monkeypatch):
    monkeypatch.setattr("tui.web.fetch.MAX_BYTES", 100_000)
    server.routes["/big.txt"] = lambda h: h.answer(200, b"word " * 40_000, ctype="text/plain")
    server.routes["/bin.txt"] = lambda h: h.answer(200, bytes(range(256)) * 4, ctype="text/plain")
    with pytest.raises(InputError, match="too large"):
        load_source(server.base + "/big.txt", cache=tmp_path)
    with pytest.raises(InputError, match="binary"):
        load_source(server.base + "/bin.txt", cache=tmp_path)


def test_html_sent_as_plain_text_is_still_a_web_page(server, tmp_path):
    server.routes["/p"] = lambda h: h.answer(200, COURIER.read_bytes(), ctype="text/plain")
    assert load_source(server.base + "/p", cache=tmp_path).title.startswith("Hundreds flee")


def test_the_cli_compares_plain_text_from_a_server(server, tmp_path):
    server.routes["/t.txt"] = lambda h: h.answer(200, TRANSCRIPT.encode(), ctype="text/plain; charset=utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Q: Will the ceasefire hold?\n\nTHE PRESIDENT: We believe it will hold through Tuesday.\n",
                     encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tui", server.base + "/t.txt", str(other), "--format", "json"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SIDEBYSIDE_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    text = TRANSCRIPT.replace("\r\n", "\n")
    assert data["left"]["source"]["kind"] == "url"
    for s in data["left"]["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
    assert any(link["kind"] == "differ" for link in data["links"])
