"""Fetch a web page: a timeout, a clear User-Agent, redirects followed (at most 10), a size
limit, and a one-line message for every way it can fail."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from .. import __version__
from ..compare.errors import InputError

USER_AGENT = f"sidebyside/{__version__} (a terminal reader comparing news articles; +https://pypi.org/project/sidebyside/)"
TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class Page:
    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None) -> Page:
    """GET ``url``; raises ``InputError`` with one line for network, HTTP, type and size problems."""
    max_bytes = max_bytes or MAX_BYTES
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: the page is too large ({int(length) // 1024} KiB; the limit is {max_bytes // 1024} KiB)")
            body = bytearray()
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"{url}: the page is too large (over {max_bytes // 1024} KiB)")
            final_url = response.geturl()
    except InputError:
        raise
    except urllib.error.HTTPError as err:
        raise InputError(f"{url}: the server answered HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise InputError(f"{url}: no answer within {timeout:g} s") from None
        raise InputError(f"{url}: cannot connect ({reason})") from None
    except (socket.timeout, TimeoutError):
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as err:
        raise InputError(f"{url}: cannot fetch ({err})") from None
    body = bytes(body)
    if content_type and content_type not in HTML_TYPES:
        raise InputError(f"{url}: not a web page (the server sent {content_type})")
    if not content_type:
        from .extract import looks_like_html

        if not looks_like_html(body):
            raise InputError(f"{url}: not a web page (no content type, and the body is not HTML)")
    return Page(url, final_url, content_type or "text/html", charset, body)
