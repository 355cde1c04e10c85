"""What a reader sees in a real browser: every link of the bundled site resolves when served
under a sub-path and when opened from disk, and navigation and search work.

Runs Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse
from urllib.request import url2pathname

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.conftest import REPO

SUB_PATH = "/briefings/eastern-europe/"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample project, built into <tmp>/www/briefings/eastern-europe/."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "digestgen.yaml", root / "digestgen.yaml")
    out = root / "www" / SUB_PATH.strip("/")
    build(load_config(root / "digestgen.yaml"), output=out)
    return out


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """A plain static server whose document root is two folders above the site."""
    docroot = built_site.parents[1]
    handler = functools.partial(_QuietHandler, directory=str(docroot))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _crawl(browser: object, start: str, exists: callable) -> tuple[set[str], list[str]]:
    """Visit every page reachable from `start`; return pages seen and broken references."""
    page = browser.new_page()  # type: ignore[attr-defined]
    seen: set[str] = set()
    broken: list[str] = []
    queue = [start]
    origin = "{0.scheme}://{0.netloc}".format(urlparse(start))
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        refs = page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]", "els => els.map(e => e.href || e.src)"
        )
        for ref in refs:
            target = urldefrag(ref).url
            if not target.startswith(origin):
                continue  # external links (e.g. a source_url) are not ours to check
            if not exists(target):
                broken.append(f"{url} -> {ref}")
            elif target.endswith(".html") and target not in seen:
                queue.append(target)
    page.close()
    return seen, broken


def test_every_link_resolves_under_a_sub_path(browser: object, server: str, built_site: Path) -> None:
    import urllib.request

    def exists(url: str) -> bool:
        if not url.startswith(server):
            return False  # escaped the sub-path: an absolute link would do this
        try:
            with urllib.request.urlopen(url) as response:
                return response.status == 200
        except OSError:
            return False

    seen, broken = _crawl(browser, server + "index.html", exists)
    assert not broken
    assert len(seen) == len(list(built_site.rglob("*.html"))) - 1  # every page but 404.html is reachable


def test_every_link_resolves_from_disk(browser: object, built_site: Path) -> None:
    root = built_site.resolve().as_uri() + "/"

    def exists(url: str) -> bool:
        return url.startswith(root) and Path(url2pathname(urlparse(url).path)).is_file()

    seen, broken = _crawl(browser, root + "index.html", exists)
    assert not broken
    assert len(seen) == len(list(built_site.rglob("*.html"))) - 1


def test_reader_navigates_from_card_to_leader_page(browser: object, server: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "index.html")
    page.get_by_role("link", name="Putin and Lukashenko discuss threats near Union State borders").click()
    assert page.url == server + "articles/000-f434f5c6a6cd3bfb/index.html"
    assert page.locator("h1").inner_text() == "Putin and Lukashenko discuss threats near Union State borders"
    page.locator(".article-header a.tag-leader", has_text="Alexander Lukashenko").click()
    assert page.url == server + "leaders/alexander-lukashenko/index.html"
    titles = page.locator(".card-title").all_inner_texts()
    assert "Putin and Lukashenko discuss threats near Union State borders" in titles
    assert len(titles) >= 3
    page.close()


@pytest.mark.parametrize("mode", ["served", "file"])
def test_search_finds_articles(browser: object, server: str, built_site: Path, mode: str) -> None:
    base = server if mode == "served" else built_site.resolve().as_uri() + "/"
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base + "search/index.html")
    page.fill("#search-input", "sanctions")
    results = page.locator("#search-results .card-title a")
    results.first.wait_for()
    assert "EU adopts 14th package of sanctions against Russia" in results.all_inner_texts()
    assert page.locator("#search-status").inner_text().endswith("found.")
    page.fill("#search-input", "lukashenko seventh")
    # the index is split into files loaded on demand, so the new results arrive a moment later
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect(results).to_have_text(["Lukashenko sworn in for a seventh term as Belarus president"])
    results.first.click()
    assert page.url == base + "articles/lukashenko-inauguration/index.html"
    page.close()
