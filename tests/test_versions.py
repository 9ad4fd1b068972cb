"""Versions of one article: the page cache keeps every distinct text a URL returned, a plain
open still takes the copy the last fetch returned, and ``sidebyside --versions URL`` compares
them (two: the reader's pair, older left; more: a coverage report, oldest first; one: a clear
one-line message), with a local HTTP server whose page changes between fetches."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tui.coverage_session import CoverageSession, open_versions
from tui.session import Session
from tui.sources import load_url, url_versions
from tui.web import cache as page_cache

from .pilot_waits import wait_until
from .test_web_fetch import COURIER, ROOT, page, server  # noqa: F401  (the local server fixture)

EVACUATED = "1,500 people"


def edition(number: str) -> bytes:
    return COURIER.read_bytes().replace(EVACUATED.encode(), f"{number} people".encode())


def run_cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, **env})


def test_the_cache_keeps_each_distinct_text_and_which_one_came_last(server, tmp_path):  # noqa: F811
    url = server.base + "/story"
    for number in ("1,500", "1,700", "1,700", "1,500"):  # the last fetch goes back to the first text
        server.routes["/story"] = page(edition(number))
        load_url(url, cache=tmp_path, refresh=True)
    pages = page_cache.versions(url, tmp_path)
    assert [("1,500 people" in p.text, "1,700 people" in p.text) for p in pages] == [(True, False), (False, True)]
    assert all(p.first_fetched and p.first_fetched <= p.fetched_at for p in pages)
    # a plain open takes what the last fetch returned, from the cache
    server.stop()
    doc = load_url(url, cache=tmp_path)
    assert "1,500 people" in doc.text and doc.source["from_cache"] is True


def test_a_cache_entry_of_the_earlier_format_is_one_version(server, tmp_path):  # noqa: F811
    url = server.base + "/story"
    path = page_cache.cache_path(url, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "url": url, "final_url": url, "title": "Old",
                                "text": "An old copy of the story.", "fetched_at": "2025-01-02T03:04:05+00:00"}),
                    encoding="utf-8")
    server.stop()
    [old] = url_versions(url, cache=tmp_path)
    assert old.text == "An old copy of the story." and old.title.startswith("v1 · 2025-01-02 03:04 UTC · Old")


def test_versions_open_as_a_pair_then_as_a_coverage_session(server, tmp_path):  # noqa: F811
    url = server.base + "/story"
    server.routes["/story"] = page(edition("1,500"))
    load_url(url, cache=tmp_path)
    server.routes["/story"] = page(edition("1,700"))
    pair = open_versions(url, tmp_path / "data", refresh=True, cache=tmp_path)
    assert isinstance(pair, Session)
    assert "1,500 people" in pair.comparison.left.text and "1,700 people" in pair.comparison.right.text
    server.routes["/story"] = page(edition("2,000"))
    many = open_versions(url, tmp_path / "data", refresh=True, cache=tmp_path)
    assert isinstance(many, CoverageSession)
    assert [d.title[:2] for d in many.documents] == ["v1", "v2", "v3"]
    claim = next(c for c in many.coverage.claims if len(c.members) == 3 and c.status == "differ")
    values = {k: [x.text for x in changes] for k, changes in claim.changes.items()}
    assert any("1,700" in v for v in values.get(1, [])) and any("2,000" in v for v in values.get(2, []))


def test_the_command_line_compares_the_versions_of_a_page(server, tmp_path):  # noqa: F811
    env = {"SIDEBYSIDE_CACHE_DIR": str(tmp_path / "cache"), "SIDEBYSIDE_DATA_DIR": str(tmp_path / "data")}
    url = server.base + "/story"
    server.routes["/story"] = page(edition("1,500"))
    one = run_cli("--versions", url, "--format", "json", env=env)
    assert one.returncode == 2 and "one version in the cache" in one.stderr
    assert len(one.stderr.strip().splitlines()) == 1 and "Traceback" not in one.stderr

    server.routes["/story"] = page(edition("1,700"))
    two = run_cli("--versions", url, "--refresh", "--format", "json", env=env)
    assert two.returncode == 0, two.stderr
    report = json.loads(two.stdout)
    assert report["format"] == "sidebyside-comparison"
    left = json.loads(two.stdout)["left"]
    assert left["source"]["kind"] == "url-version" and left["source"]["version"] == 1
    assert any(ch["left_text"].startswith("1,500") and ch["right_text"].startswith("1,700")
               for link in report["links"] for ch in link["changes"])

    server.routes["/story"] = page(edition("2,000"))
    three = run_cli("--versions", url, "--refresh", "--format", "json", env=env)
    assert three.returncode == 0, three.stderr
    report = json.loads(three.stdout)
    assert report["format"] == "sidebyside-coverage"
    assert [s["source"]["version"] for s in report["sources"]] == [1, 2, 3]

    server.stop()  # the versions are in the cache: no network needed without --refresh
    again = run_cli("--versions", url, "--format", "markdown", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("# Coverage: 3 sources")


async def test_three_versions_open_in_the_coverage_view_which_groups_them_in_the_background(server, tmp_path):  # noqa: F811
    from tui.coverage_session import version_documents
    from tui.ui.app import SideBySideApp
    from tui.ui.screens.coverage import CoverageScreen

    url = server.base + "/story"
    for number in ("1,500", "1,700", "2,000"):
        server.routes["/story"] = page(edition(number))
        load_url(url, cache=tmp_path, refresh=True)
    docs = version_documents(url, cache=tmp_path)  # what the command line hands the app
    assert [d.title[:2] for d in docs] == ["v1", "v2", "v3"]
    app = SideBySideApp(documents=docs, data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        # The view takes the claims first; the app records the session when the message reaches it.
        await wait_until(pilot, lambda: not screen.grouping and app.coverage is screen.session)
        assert [d.title[:2] for d in screen.coverage.documents] == ["v1", "v2", "v3"]


def test_more_than_twenty_versions_keep_the_newest_and_say_so(server, tmp_path):  # noqa: F811
    from tui.coverage_session import version_documents

    url = server.base + "/story"
    for n in range(22):
        server.routes["/story"] = page(edition(f"{1000 + n}"))
        load_url(url, cache=tmp_path, refresh=True)
    docs = version_documents(url, cache=tmp_path)
    assert len(docs) == 20 and docs[0].title.startswith("v3 ") and docs[-1].title.startswith("v22 ")
    assert "22 versions in the cache; comparing the newest 20" in docs[-1].notices[0]
