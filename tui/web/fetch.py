"""Fetch a web page: a timeout, a clear User-Agent, redirects followed (at most 10, http and
https only), a size limit, and a one-line message for every way it can fail.

The timeout bounds the whole fetch (connecting, the status line, the headers, the body, every
redirect): the work runs in a thread that is given up, its connections cut, when the time is
over, so a server that trickles its headers or its body cannot hold the command.

The content type is checked before the body is read (a PDF is refused without downloading it);
plain text (``text/plain``, Markdown) is kept as text; a missing or generic type is decided by
sniffing the body. Compressed answers (gzip, deflate) are unpacked under the same size limit.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

from .. import __version__
from ..compare.errors import InputError

USER_AGENT = f"sidebyside/{__version__} (a terminal reader comparing news articles; +https://pypi.org/project/sidebyside/)"
TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Plain text (a transcript, a Project Gutenberg book, a raw file) is read as text, unless the
# body is in fact HTML.
TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
# Types a server sends when it does not know better: the body decides.
SNIFF_TYPES = ("application/octet-stream", "binary/octet-stream", "application/xml", "text/xml")
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"


@dataclass(slots=True)
class Page:
    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    kind: str = "html"  # or "text": plain text, not to be extracted


def _one_line(text: object, limit: int = 160) -> str:
    """Server-supplied text (reasons, URLs) as one short line: it is data, not our message."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("Location") or headers.get("URI")
        if target:
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
            if scheme not in ("http", "https"):
                fp.close()
                raise InputError(f"{_one_line(req.full_url)}: redirected to a {_one_line(scheme, 20)}: address, "
                                 "which sidebyside does not follow")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def check_url(url: str) -> None:
    """``InputError`` unless ``url`` is an http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise InputError(f"{_one_line(url)}: not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{_one_line(url)}: not a valid http(s) URL")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InputError(f"{_one_line(url)}: not a valid URL (it contains spaces or control characters)")


class _Connections:
    """The connections one fetch opens, so they can be cut when its time is over."""

    def __init__(self) -> None:
        self._open: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._classes: dict[type, type] = {}

    def handlers(self) -> list[urllib.request.BaseHandler]:
        watch = self

        class HTTP(urllib.request.HTTPHandler):
            def do_open(self, http_class, req, **kw):
                return super().do_open(watch._watched(http_class), req, **kw)

        class HTTPS(urllib.request.HTTPSHandler):
            def do_open(self, http_class, req, **kw):
                return super().do_open(watch._watched(http_class), req, **kw)

        return [HTTP(), HTTPS()]

    def _watched(self, http_class: type) -> type:
        if http_class not in self._classes:
            watch = self

            class Watched(http_class):
                def connect(self):
                    with watch._lock:
                        watch._open.append(self)
                    super().connect()

            self._classes[http_class] = Watched
        return self._classes[http_class]

    def cut(self) -> None:
        """Shut every socket down, so a read blocked on it returns at once."""
        with self._lock:
            socks = [c.sock for c in self._open if c.sock is not None]
        for sock in socks:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS
            except OSError:
                pass


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None) -> Page:
    """GET ``url`` within ``timeout`` seconds in all; raises ``InputError`` with one line for
    network, HTTP, type and size problems, and when the time is over."""
    check_url(url)
    name = _one_line(url)
    late = f"{name}: no answer within {timeout:g} s"
    connections = _Connections()
    outcome: list[Page | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_fetch(url, name, late, timeout, max_bytes or MAX_BYTES, connections))
        except BaseException as err:  # handed to the caller's thread
            outcome.append(err)

    worker = threading.Thread(target=work, name="sidebyside-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        connections.cut()  # the worker's read fails and it ends; its outcome is not waited for
        raise InputError(late)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch(url: str, name: str, late: str, timeout: float, max_bytes: int, connections: _Connections) -> Page:
    opener = urllib.request.build_opener(_Redirects(), *connections.handlers())
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            if content_type and content_type not in HTML_TYPES + TEXT_TYPES + SNIFF_TYPES:
                raise InputError(f"{name}: not a web page (the server sent {_one_line(content_type, 60)})")
            length = response.headers.get("Content-Length", "").strip()
            encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
            if encoding == "identity" and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{name}: the page is too large ({int(length) // 1024} KiB; "
                                 f"the limit is {max_bytes // 1024} KiB)")
            body = _read_body(response, name, encoding, max_bytes, deadline, late)
    except InputError:
        raise
    except urllib.error.HTTPError as err:
        err.close()  # it holds the connection's socket
        if 300 <= err.code < 400 and "infinite loop" in str(err.msg):
            raise InputError(f"{name}: too many redirects (more than {MAX_REDIRECTS}, or a loop)") from None
        reason = _one_line(err.reason, 60)
        raise InputError(f"{name}: the server answered HTTP {err.code}{' ' + reason if reason else ''}") from None
    except urllib.error.URLError as err:
        raise InputError(_network_message(name, err.reason, late)) from None
    except http.client.IncompleteRead:
        raise InputError(f"{name}: the connection broke off before the whole page arrived") from None
    except (http.client.HTTPException, OSError, ValueError) as err:
        raise InputError(_network_message(name, err, late)) from None
    from .extract import looks_like_html

    if content_type in TEXT_TYPES and not looks_like_html(body):
        return Page(url, final_url, content_type, charset, body, "text")
    if (not content_type or content_type in SNIFF_TYPES) and not looks_like_html(body):
        what = f"the server sent {content_type}" if content_type else "no content type, and the body is not HTML"
        raise InputError(f"{name}: not a web page ({what})")
    return Page(url, final_url, content_type or "text/html", charset, body)


def _read_body(response, name: str, encoding: str, max_bytes: int, deadline: float, late: str) -> bytes:
    if encoding in ("gzip", "x-gzip"):
        unpack = zlib.decompressobj(wbits=31)
    elif encoding == "deflate":
        unpack = zlib.decompressobj(wbits=47)  # zlib or gzip header, whichever it has
    elif encoding in ("identity", ""):
        unpack = None
    else:
        raise InputError(f"{name}: the server sent the page compressed as {_one_line(encoding, 30)}, "
                         "which sidebyside cannot unpack")
    too_large = f"{name}: the page is too large (over {max_bytes // 1024} KiB)"
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise InputError(late)
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if unpack is not None:
            try:
                chunk = unpack.decompress(chunk, max_bytes - len(body) + 1)
            except zlib.error:
                raise InputError(f"{name}: the compressed page is damaged") from None
        body += chunk
        if len(body) > max_bytes:
            raise InputError(too_large)
    if getattr(response, "length", None):  # read1 ends quietly when the connection drops early
        raise InputError(f"{name}: the connection broke off before the whole page arrived")
    if unpack is not None and not unpack.eof:
        raise InputError(f"{name}: the compressed page is cut short")
    return bytes(body)


def _network_message(name: str, reason: object, late: str) -> str:
    """One line for a failure below HTTP: no connection, a timeout, TLS, a broken answer."""
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return late
    if isinstance(reason, socket.gaierror):
        return f"{name}: cannot connect (host not found: {_one_line(reason.strerror or reason)})"
    if isinstance(reason, ConnectionRefusedError):
        return f"{name}: cannot connect (connection refused)"
    if isinstance(reason, http.client.RemoteDisconnected):
        return f"{name}: the server closed the connection without answering"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"{name}: secure connection failed ({_one_line(reason.verify_message or reason)})"
    if isinstance(reason, ssl.SSLError):
        return f"{name}: secure connection failed ({_one_line(reason.reason or reason)})"
    if isinstance(reason, http.client.HTTPException):
        return f"{name}: the server's answer is not valid HTTP ({type(reason).__name__})"
    if isinstance(reason, OSError):
        return f"{name}: cannot connect ({_one_line(reason.strerror or reason)})"
    return f"{name}: cannot fetch ({_one_line(reason)})"
