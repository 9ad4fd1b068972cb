"""Fetching and extracting web pages, the edges: what the server is sent, redirects, broken and
trickling answers, compression, charsets, the cache when the network fails, and that plain
text comparisons never import trafilatura. Every server is local (127.0.0.1); nothing here
touches the internet."""

from __future__ import annotations

import gc
import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.compare import InputError
from tui.sources import load_source, load_url
from tui.web import cache as page_cache
from tui.web.extract import extract_article, looks_like_html
from tui.web.fetch import USER_AGENT

FIXTURES = Path(__file__).parent / "fixtures" / "html"
COURIER = FIXTURES / "courier-flood.html"
LEDGER = FIXTURES / "ledger-flood.html"
GAZETTE = FIXTURES / "pike-gazette-cp1252.html"
ROOT = Path(__file__).resolve().parents[1]


class Server:
    """A local HTTP server; ``routes`` maps a path to a function that answers the request."""

    def __init__(self) -> None:
        self.routes = {}
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                server.requests.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.answer(404, b"<h1>Not found</h1>")
                    return
                try:
                    route(self)
                except OSError:  # the client went away, as it should for refused pages
                    pass

            def answer(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


def page(body: bytes, ctype="text/html; charset=utf-8", status=200, headers=()):
    return lambda h: h.answer(status, body, ctype, headers)


def one_line_error(url: str, **kw) -> str:
    with pytest.raises(InputError) as err:
        load_url(url, **kw)
    message = str(err.value)
    assert "\n" not in message and message.startswith(url.split("#")[0])
    return message


class RawServer:
    """A TCP server that answers every connection with ``reply`` bytes (or nothing) and closes."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.reply = reply
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                if self.reply:
                    conn.sendall(self.reply)

    def stop(self) -> None:
        self.sock.close()


# ---- what the server sees and what it may answer --------------------------------------------


def test_the_request_names_sidebyside_and_asks_for_html(server, tmp_path):
    server.routes["/a"] = page(COURIER.read_bytes())
    load_url(server.base + "/a", cache=tmp_path)
    sent = server.requests[-1]
    assert sent["user-agent"] == USER_AGENT and USER_AGENT.startswith("sidebyside/")
    assert sent["accept"].startswith("text/html")


def test_a_chain_of_redirects_is_followed_to_the_article(server, tmp_path):
    server.routes["/a"] = page(b"", status=301, headers=[("Location", "/b")])
    server.routes["/b"] = page(b"", status=302, headers=[("Location", server.base + "/c")])
    server.routes["/c"] = page(b"", status=307, headers=[("Location", "/story")])
    server.routes["/story"] = page(LEDGER.read_bytes())
    doc = load_url(server.base + "/a", cache=tmp_path)
    assert doc.path == server.base + "/a"
    assert doc.source["url"] == server.base + "/a" and doc.source["final_url"] == server.base + "/story"
    assert doc.title.startswith("Millbrook River crests")


def test_a_redirect_loop_is_one_line(server, tmp_path):
    server.routes["/loop"] = page(b"", status=302, headers=[("Location", "/loop2")])
    server.routes["/loop2"] = page(b"", status=302, headers=[("Location", "/loop")])
    assert "too many redirects" in one_line_error(server.base + "/loop", cache=tmp_path)


def test_redirects_to_other_schemes_are_not_followed(server, tmp_path):
    server.routes["/ftp"] = page(b"", status=302, headers=[("Location", "ftp://127.0.0.1/story.html")])
    server.routes["/file"] = page(b"", status=302, headers=[("Location", "file:///etc/passwd")])
    assert "does not follow" in one_line_error(server.base + "/ftp", cache=tmp_path)
    assert "not follow" in one_line_error(server.base + "/file", cache=tmp_path)


def test_the_reason_a_server_gives_is_kept_to_one_line(server, tmp_path):
    def weird(h):
        h.send_response(503, "Down for maintenance\r\nX-Injected: yes")
        h.send_header("Content-Length", "0")
        h.end_headers()

    server.routes["/down"] = weird
    message = one_line_error(server.base + "/down", cache=tmp_path)
    assert "HTTP 503" in message


def test_a_refused_page_leaves_no_connection_open(server, tmp_path):
    # An HTTP error answer carries the connection; the app fetches many pages in one process.
    server.routes["/gone"] = page(b"<h1>Gone</h1>", status=410)
    server.routes["/doc.pdf"] = page(b"%PDF-1.7", ctype="application/pdf")
    server.routes["/ftp"] = page(b"", status=302, headers=[("Location", "ftp://127.0.0.1/story.html")])
    server.routes["/loop"] = page(b"", status=302, headers=[("Location", "/loop")])
    gc.collect()  # what earlier tests left
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for path in ("/gone", "/doc.pdf", "/missing", "/ftp", "/loop"):
            one_line_error(server.base + path, cache=tmp_path)
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_pdf_is_refused_without_downloading_it(server, tmp_path):
    def pdf(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Content-Length", str(50_000_000))
        h.end_headers()
        h.wfile.write(b"%PDF-1.7\n")
        time.sleep(3)  # the rest would take long to come; we must not wait for it

    server.routes["/report.pdf"] = pdf
    t0 = time.perf_counter()
    assert "not a web page (the server sent application/pdf)" in one_line_error(server.base + "/report.pdf", cache=tmp_path)
    assert time.perf_counter() - t0 < 2


def test_without_a_content_type_the_body_decides(server, tmp_path):
    server.routes["/untyped"] = page(COURIER.read_bytes(), ctype=None)
    server.routes["/octet"] = page(b"%PDF-1.7 binary", ctype="application/octet-stream")
    server.routes["/xhtml"] = page(
        b'<?xml version="1.0" encoding="utf-8"?>\n' + COURIER.read_bytes().split(b"\n", 1)[1],
        ctype="application/xhtml+xml")
    assert load_url(server.base + "/untyped", cache=tmp_path).title.startswith("Hundreds flee")
    assert load_url(server.base + "/xhtml", cache=tmp_path).title.startswith("Hundreds flee")
    assert "not a web page" in one_line_error(server.base + "/octet", cache=tmp_path)


def test_an_answer_cut_short_is_one_line(server, tmp_path):
    def cut(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        h.wfile.write(COURIER.read_bytes()[:2000])
        h.close_connection = True

    server.routes["/cut"] = cut
    assert "broke off" in one_line_error(server.base + "/cut", cache=tmp_path)


@pytest.mark.parametrize("reply, words", [
    (None, "closed the connection without answering"),
    (b"SSH-2.0-OpenSSH_9.6\r\n", "not valid HTTP"),
])
def test_a_server_that_does_not_speak_http(tmp_path, reply, words):
    raw = RawServer(reply)
    try:
        assert words in one_line_error(raw.base + "/", cache=tmp_path, timeout=2)
    finally:
        raw.stop()


def test_a_trickling_server_is_cut_off_at_the_timeout(server, tmp_path):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"<p>a</p>")
            h.wfile.flush()
            time.sleep(0.05)

    server.routes["/trickle"] = trickle
    t0 = time.perf_counter()
    assert "no answer within 0.4 s" in one_line_error(server.base + "/trickle", cache=tmp_path, timeout=0.4)
    assert time.perf_counter() - t0 < 1.5


def test_compressed_pages_are_unpacked_within_the_size_limit(server, tmp_path):
    gz = [("Content-Encoding", "gzip")]
    server.routes["/gz"] = page(gzip.compress(LEDGER.read_bytes()), headers=gz)
    server.routes["/bomb"] = page(gzip.compress(b"<html><body>" + b" " * 5_000_000), headers=gz)
    server.routes["/br"] = page(b"\x1b\x00", headers=[("Content-Encoding", "br")])
    assert load_url(server.base + "/gz", cache=tmp_path).title.startswith("Millbrook River crests")
    assert "too large" in one_line_error(server.base + "/bomb", cache=tmp_path)  # 5 MB unpacked > 1 MB
    assert "cannot unpack" in one_line_error(server.base + "/br", cache=tmp_path)


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr("tui.web.fetch.MAX_BYTES", 1_000_000)


def test_the_charset_the_server_declares_is_used(server, tmp_path):
    # The gazette page without its <meta charset>: only the HTTP header says windows-1252.
    body = GAZETTE.read_bytes().replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b"")
    assert b"charset" not in body
    server.routes["/gazette"] = page(body, ctype="text/html; charset=windows-1252")
    doc = load_url(server.base + "/gazette", cache=tmp_path)
    assert "Marie-Thérèse Dubois, who owns Café Lumière" in doc.text
    assert doc.title == "Council backs café permit rule after two-hour debate"


@pytest.mark.parametrize("url, words", [
    ("http://", "not a valid"),
    ("http://exa mple.com/story", "not a valid URL"),
    ("http://127.0.0.1:99999/", "not a valid URL"),
])
def test_malformed_urls(tmp_path, url, words):
    assert words in one_line_error(url, cache=tmp_path)


# ---- the cache ---------------------------------------------------------------------------


def test_a_failed_refresh_falls_back_to_the_cached_copy_and_says_so(server, tmp_path):
    server.routes["/a"] = page(COURIER.read_bytes())
    url = server.base + "/a"
    first = load_url(url, cache=tmp_path)
    server.routes["/a"] = page(b"", status=500)
    again = load_url(url, cache=tmp_path, refresh=True)
    assert again.text == first.text and again.source["from_cache"] is True
    assert len(again.notices) == 1 and "HTTP 500" in again.notices[0] and "using the copy fetched" in again.notices[0]


def test_a_damaged_cache_entry_is_fetched_again(server, tmp_path):
    server.routes["/a"] = page(COURIER.read_bytes())
    url = server.base + "/a"
    load_url(url, cache=tmp_path)
    entry = page_cache.cache_path(url, tmp_path)
    assert json.loads(entry.read_text(encoding="utf-8"))["url"] == url
    entry.write_text("{not json", encoding="utf-8")
    doc = load_url(url, cache=tmp_path)
    assert doc.source["from_cache"] is False and doc.title.startswith("Hundreds flee")


def test_a_fragment_does_not_make_another_document(server, tmp_path):
    server.routes["/a"] = page(COURIER.read_bytes())
    first = load_url(server.base + "/a#comments", cache=tmp_path)
    server.stop()
    second = load_url(server.base + "/a", cache=tmp_path)
    assert first.path == second.path == server.base + "/a" and second.source["from_cache"] is True


def test_the_cache_lives_in_the_cache_folder(server, tmp_path, monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(tmp_path / "c"))
    server.routes["/a"] = page(COURIER.read_bytes())
    load_url(server.base + "/a")
    assert [p.parent.name for p in (tmp_path / "c").rglob("*.json")] == ["pages"]


# ---- extraction ----------------------------------------------------------------------------


def test_the_ledger_page_keeps_the_article_and_drops_the_page_around_it():
    doc = load_source(str(LEDGER))
    assert doc.title == "Millbrook River crests as 1,200 residents evacuate; spillway opened at Harlan Dam"
    for kept in ("MILLBROOK — About 1,200 residents of three low-lying neighborhoods",
                 "“We made the call to open the spillway before the water made it for us,” said Rosa Delgado",
                 "The county asks residents to report damage through its online damage form"):
        assert kept in doc.text
    for dropped in ("Skip to main content", "cookies", "High School Sports", "Interstate 41", "Mattress Sale",
                    "Share on Facebook", "Morning Ledger", "Related stories", "flood insurance",
                    "riverrat58", "ignores the levee", "Heartland Credit Union", "Hometown Ford",
                    "Contact the newsroom", "All rights reserved", "gtag"):
        assert dropped not in doc.text, dropped


def test_a_section_front_with_long_headlines_is_not_an_article(tmp_path):
    items = "".join(f'<li><a href="/s/{i}">County board weighs new rules for short-term rentals in district {i}</a></li>'
                    for i in range(12))
    front = tmp_path / "front.html"
    front.write_text(f"<!doctype html><html><head><title>News</title></head><body><main><h1>News</h1>"
                     f"<ul>{items}</ul></main></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text found"):
        load_source(str(front))


def test_extraction_is_offline_and_deterministic(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    html = COURIER.read_text(encoding="utf-8")
    url = "https://www.valleycourier.example/news/2026/03/18/millbrook-river"
    results = {extract_article(html, "courier", url) for _ in range(3)}
    assert len(results) == 1


def test_html_is_sniffed_after_a_bom_an_xml_declaration_or_comments():
    assert looks_like_html(b"\xef\xbb\xbf<!DOCTYPE html><html>")
    assert looks_like_html(b'<?xml version="1.0"?>\n<!-- saved --><html xmlns="http://www.w3.org/1999/xhtml">')
    assert looks_like_html("<!doctype html><p>x".encode("utf-16"))
    assert not looks_like_html(b"The <html> tag starts a page, this text says.")
    assert not looks_like_html(b"# Notes\n\n<div>inline html in markdown</div>")


def test_a_utf16_page_opens(tmp_path):
    f = tmp_path / "saved.htm"
    f.write_bytes(COURIER.read_text(encoding="utf-8").encode("utf-16"))
    assert load_source(str(f)).title.startswith("Hundreds flee")


# ---- the command line ----------------------------------------------------------------------


def run_cli(*args: str, env_extra: dict | None = None, **kw):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env, **kw)


def test_the_cli_compares_a_url_with_a_saved_page_and_reopens_it_offline(server, tmp_path):
    server.routes["/courier"] = page(COURIER.read_bytes())
    env = {"SIDEBYSIDE_CACHE_DIR": str(tmp_path / "cache"), "SIDEBYSIDE_DATA_DIR": str(tmp_path / "data")}
    url = server.base + "/courier"
    proc = run_cli(url, str(LEDGER), "--format", "json", env_extra=env)
    assert proc.returncode == 0, proc.stderr
    left = json.loads(proc.stdout)["left"]
    assert left["path"] == url and left["source"]["kind"] == "url" and left["source"]["from_cache"] is False
    server.stop()
    again = run_cli(url, str(LEDGER), "--format", "json", env_extra=env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["left"]["source"]["from_cache"] is True
    refreshed = run_cli(url, str(LEDGER), "--format", "json", "--refresh", "--timeout", "2", env_extra=env)
    assert refreshed.returncode == 0  # the server is gone: the cached copy, with a note saying so
    assert "sidebyside: note:" in refreshed.stderr and "cannot connect" in refreshed.stderr


def test_other_schemes_are_named_as_such_and_schemes_ignore_case(server, tmp_path):
    with pytest.raises(InputError, match="only http:// and https://"):
        load_source("ftp://127.0.0.1/story.html")
    server.routes["/a"] = page(COURIER.read_bytes())
    doc = load_source("HTTP://" + server.base.split("://", 1)[1] + "/a", cache=tmp_path)
    assert doc.title.startswith("Hundreds flee") and doc.path == server.base + "/a"


def test_the_cli_checks_the_timeout():
    proc = run_cli("http://127.0.0.1:1/", str(LEDGER), "--format", "json", "--timeout", "0")
    assert proc.returncode == 2 and proc.stderr.startswith("sidebyside: error: --timeout")


def test_plain_text_stdin_and_that_text_files_never_import_trafilatura(tmp_path):
    sample = sorted((ROOT / "sample_corpus").glob("0*.txt"))
    code = ("import sys, io, contextlib; from tui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['-', {str(sample[1])!r}, '--format', 'json'])\n"
            "print(rc, 'trafilatura' in sys.modules, 'lxml' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], input=sample[0].read_text(encoding="utf-8"),
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr


def test_the_web_modules_never_load_textual_or_rich():
    code = ("import sys\n"
            "import tui.web.fetch, tui.web.cache, tui.web.charset, tui.web.extract\n"
            "from tui.sources import load_source\n"
            f"load_source({str(LEDGER)!r})\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_a_page_without_an_article_is_one_line_on_stderr_and_nothing_else():
    proc = run_cli(str(FIXTURES / "section-front.html"), str(LEDGER), "--format", "json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "no article text found" in proc.stderr
