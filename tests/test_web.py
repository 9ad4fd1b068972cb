"""Web pages as inputs: article extraction from saved pages, and URLs served by a local
server (no test touches the internet)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.compare import InputError, compare_documents
from tui.sources import load_source, load_url
from tui.store.comparisons import load_for

FIXTURES = Path(__file__).parent / "fixtures" / "html"
COURIER = FIXTURES / "courier-flood.html"
LEDGER = FIXTURES / "ledger-flood.html"


# ---- saved pages -----------------------------------------------------------------------


def test_article_text_and_title_without_the_page_around_it():
    doc = load_source(str(COURIER))
    assert doc.title == "Hundreds flee rising Millbrook River; officials insist dam is safe"
    assert doc.name == doc.title
    assert "More than 1,500 people were ordered out of their homes" in doc.text
    for junk in ("Subscribe", "Spring Sale", "You may also like", "GrangeHallVolunteer", "Facebook",
                 "thoughts on", "Contests"):
        assert junk not in doc.text, junk
    assert doc.source == {"kind": "html", "path": str(COURIER), "sha256_of": "extracted text"}


def test_paragraphs_stay_paragraphs():
    doc = load_source(str(LEDGER))
    paragraphs = [p for p in doc.text.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 6
    assert all("\n" not in p.strip() for p in paragraphs)
    from tui.compare.segment import segment

    assert len({s.paragraph for s in segment(doc.text)}) == len(paragraphs)


def test_html_is_recognised_by_content_and_legacy_charset_is_read(tmp_path):
    renamed = tmp_path / "page.txt"
    renamed.write_bytes((FIXTURES / "pike-gazette-cp1252.html").read_bytes())
    doc = load_source(str(renamed))
    assert "café" in doc.text.lower() and "René" in doc.text
    assert doc.source["kind"] == "html"


def test_a_section_front_has_no_article():
    with pytest.raises(InputError, match="no article text found"):
        load_source(str(FIXTURES / "section-front.html"))


def test_two_pages_compare_and_the_report_says_where_they_came_from():
    proc = subprocess.run([sys.executable, "-m", "tui", str(COURIER), str(LEDGER), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["left"]["source"]["kind"] == "html"
    assert data["left"]["title"].startswith("Hundreds flee")
    assert data["links"]
    import hashlib

    text = load_source(str(COURIER)).text
    assert data["left"]["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    for s in data["left"]["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_html_on_standard_input():
    proc = subprocess.run([sys.executable, "-m", "tui", "-", str(LEDGER), "--format", "json"],
                          input=COURIER.read_bytes(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["left"]["title"].startswith("Hundreds flee")


# ---- URLs ----------------------------------------------------------------------------------


class Site:
    """A local web server whose pages a test can change."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes, dict]] = {}
        self.delay = 0.0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                time.sleep(site.delay if self.path == "/slow" else 0)
                status, ctype, body, headers = site.pages.get(self.path, (404, "text/html", b"<h1>Not found</h1>", {}))
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path):
    s = Site()
    html = "text/html; charset=utf-8"
    s.pages["/courier"] = (200, html, COURIER.read_bytes(), {})
    s.pages["/ledger"] = (200, html, LEDGER.read_bytes(), {})
    s.pages["/moved"] = (301, html, b"", {"Location": "/courier"})
    s.pages["/broken"] = (500, html, b"oops", {})
    s.pages["/pdf"] = (200, "application/pdf", b"%PDF-1.7 not a page", {})
    s.pages["/big"] = (200, html, b"<html><body>" + b"<p>word </p>" * 200_000 + b"</body></html>", {})
    s.pages["/front"] = (200, html, (FIXTURES / "section-front.html").read_bytes(), {})
    s.pages["/slow"] = (200, html, COURIER.read_bytes(), {})
    yield s
    s.stop()


def test_a_url_is_fetched_extracted_and_cached(site, tmp_path):
    doc = load_url(site.base + "/courier", cache=tmp_path)
    assert doc.title.startswith("Hundreds flee")
    assert doc.source["kind"] == "url" and doc.source["from_cache"] is False and doc.source["fetched_at"]
    site.stop()  # offline now: the cache answers
    again = load_url(site.base + "/courier", cache=tmp_path)
    assert again.text == doc.text and again.source["from_cache"] is True


def test_refresh_fetches_again(site, tmp_path):
    first = load_url(site.base + "/courier", cache=tmp_path)
    site.pages["/courier"] = (200, "text/html", LEDGER.read_bytes(), {})
    assert load_url(site.base + "/courier", cache=tmp_path).text == first.text
    fresh = load_url(site.base + "/courier", cache=tmp_path, refresh=True)
    assert fresh.text != first.text and fresh.source["from_cache"] is False


def test_redirects_are_followed(site, tmp_path):
    doc = load_url(site.base + "/moved", cache=tmp_path)
    assert doc.source["final_url"].endswith("/courier")


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/pdf", "not a web page (the server sent application/pdf)"),
        ("/big", "too large"),
        ("/front", "no article text found"),
    ],
)
def test_each_failure_has_its_own_one_line_message(site, tmp_path, monkeypatch, path, message):
    monkeypatch.setattr("tui.web.fetch.MAX_BYTES", 1_000_000)
    with pytest.raises(InputError) as err:
        load_url(site.base + path, cache=tmp_path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_slow_server_times_out(site, tmp_path):
    site.delay = 3
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="no answer within 0.5 s"):
        load_url(site.base + "/slow", cache=tmp_path, timeout=0.5)
    assert time.perf_counter() - t0 < 3


def test_unreachable_host_through_the_cli(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.run([sys.executable, "-m", "tui", f"http://127.0.0.1:{port}/", str(LEDGER), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "cannot connect" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_notes_on_a_url_article_follow_it_when_the_page_changes(site, tmp_path):
    url = site.base + "/ledger"
    data = tmp_path / "data"
    left = load_url(url, cache=tmp_path)
    right = load_source(str(COURIER))
    comparison = compare_documents(left, right)
    sentence = next(s.id for s in left.sentences if "spillway" in left.sentence_text(s.id))
    quoted = left.sentence_text(sentence)
    store = load_for(left, right, data)
    store.note_sentences(comparison, "left", [sentence], "check the spillway time")
    store.save()
    # The page gains a paragraph at the top; the note finds its sentence in the new text.
    changed = LEDGER.read_bytes().replace(b"<p>MILLBROOK", b"<p>Editor's note: this story was updated at noon with new figures.</p><p>MILLBROOK", 1)
    assert changed != LEDGER.read_bytes()
    site.pages["/ledger"] = (200, "text/html", changed, {})
    left2 = load_url(url, cache=tmp_path, refresh=True)
    assert left2.text != left.text and left2.path == left.path
    comparison2 = compare_documents(left2, right)
    store2 = load_for(left2, right, data)
    placed = store2.placed_notes(comparison2)
    assert len(placed) == 1 and placed[0].row is not None
    assert left2.sentence_text(placed[0].left[0]) == quoted
