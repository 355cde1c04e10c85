"""Faceted search in a real browser: a query, a leader facet and a date range, from disk and from a sub-path.

Runs Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser. The site is a
generated project of 60 articles (two record shards) whose titles, leaders, sources and dates follow
simple rules, so each expected result list is computed from those rules.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from digestgen.pipeline.render.search import tokenize
from tests.support import SMALL_REGISTRY, build_project, md

SUB_PATH = "/briefings/eastern-europe/"
COUNT = 60
SOURCES = ("Reuters", "TASS", "Xinhua", "AP")
FOLDING = [
    "Erdoğan meets Orbán",
    "ERDOĞAN's visit",
    "Лукашенко заявил",
    "Ёлка и йогурт",
    "ΟΔΟΣ",
    "Straße, Łódź, İstanbul, Søren",
    "ﬁnance ２０２４ snake_case",
    "习近平会见",
    "née naïve café",
]


def _meta(n: int) -> dict[str, Any]:
    """Article n: every fifth is about a pipeline; leaders Putin, Xi, both in turn; one every 12 days."""
    leaders = (("Putin",), ("Xi",), ("Putin", "Xi"))[n % 3]
    return {
        "n": n,
        "title": f"{'Pipeline talks' if n % 5 == 0 else 'Summit notes'}, round {n}",
        "date": date(2023, 1, 1) + timedelta(days=12 * n),
        "leaders": leaders,
        "countries": (("Russia",), ("China",), ("Russia", "China"))[n % 3],
        "source": SOURCES[n % 4],
    }


def _titles(keep: Any) -> list[str]:
    """Titles of the articles `keep` accepts, newest first (the order of equally good hits)."""
    return [m["title"] for m in sorted(map(_meta, range(COUNT)), key=lambda m: m["date"], reverse=True) if keep(m)]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated project, built into <tmp>/www/briefings/eastern-europe/."""
    root = tmp_path_factory.mktemp("project")
    (root / "digestgen.yaml").write_text(SMALL_REGISTRY + "per_page: 20\n", encoding="utf-8")
    (root / "content").mkdir()
    for n in range(COUNT):
        m = _meta(n)
        text = md(
            f"'{m['title']}'",
            m["date"].isoformat(),
            leaders=m["leaders"],
            topics=("Energy",) if n % 2 else ("Diplomacy",),
            summary=f"'Officials met on day {n}.'",
            source=m["source"],
            countries=m["countries"],
        )
        (root / "content" / f"a{n:02}.md").write_text(text, encoding="utf-8")
    (root / "content" / "turkey.md").write_text(
        md("'Erdoğan hosts a summit'", None, leaders=(), topics=(), summary="'Путин не приехал.'"), encoding="utf-8"
    )
    out = root / "www" / SUB_PATH.strip("/")
    build_project(root, output=out)
    return out


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """A plain static server whose document root is two folders above the site."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.parents[1]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(params=["file", "served"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    if request.param == "file":
        return built_site.resolve().as_uri() + "/"
    return str(request.getfixturevalue("server"))


class Watched:
    """A page that records console errors, uncaught exceptions, failed requests and error responses."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.page.on("request", lambda r: self.requests.append(r.url))  # the favicon too, sometimes: see _console

    def _failed(self, request: Any) -> None:
        # A load still in flight when the test navigates away is cancelled (ERR_ABORTED); a missing
        # file is a 4xx response, which _response records.
        if "ERR_ABORTED" in str(request.failure):
            return
        self.problems.append(f"failed: {request.url} {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message: Any) -> None:
        # The browser asks the server root for /favicon.ico by itself while the site links no icon
        # (issue 9, item 6, is adding one); that request is not the page's, so it is not counted.
        if message.type == "error" and urlparse(message.location.get("url", "")).path != "/favicon.ico":
            self.problems.append(f"console: {message.text} ({message.location.get('url')})")

    def settle(self) -> None:
        """Wait until the search that the last action started has changed the page."""
        self.page.locator('#search-results[aria-busy="false"]').wait_for(state="attached")

    def titles(self) -> list[str]:
        return list(self.page.locator("#search-results .card-title").all_inner_texts())


def test_faceted_search_with_a_query_a_leader_and_a_date_range(browser: Any, site_url: str) -> None:
    w = Watched(browser)
    page = w.page
    page.goto(site_url + "search/index.html")
    w.settle()
    assert page.locator("#search-status").inner_text() == f"{COUNT + 1} articles to search."
    page.fill("#search-input", "pipeline")
    w.settle()
    pipeline = _titles(lambda m: m["n"] % 5 == 0)
    assert page.locator("#search-status").inner_text() == f"{len(pipeline)} articles found."
    assert w.titles() == pipeline
    xi_count = len([t for t in map(_meta, range(0, COUNT, 5)) if "Xi" in t["leaders"]])
    xi = page.locator("#facet-leader label", has_text="Xi Jinping")
    assert xi.inner_text() == f"Xi Jinping ({xi_count})"  # counts are for the current results
    xi.click()
    w.settle()
    assert w.titles() == _titles(lambda m: m["n"] % 5 == 0 and "Xi" in m["leaders"])
    page.fill("#search-from", "2024-01-01")
    w.settle()
    page.fill("#search-to", "2024-12-31")
    w.settle()
    expected = _titles(lambda m: m["n"] % 5 == 0 and "Xi" in m["leaders"] and m["date"].year == 2024)
    assert (
        w.titles()
        == expected
        == [
            "Pipeline talks, round 55",
            "Pipeline talks, round 50",
            "Pipeline talks, round 40",
            "Pipeline talks, round 35",
        ]
    )
    newest = _meta(55)["date"]
    time = page.locator("#search-results time").first
    assert (time.inner_text(), time.get_attribute("datetime")) == (f"{newest.day} {newest:%B %Y}", newest.isoformat())
    assert page.url.endswith("search/index.html#q=pipeline&leader=xi-jinping&from=2024-01-01&to=2024-12-31")

    page.reload()  # the state is in the URL: a bookmark gives the same search
    w.settle()
    assert w.titles() == expected and page.locator("#search-input").input_value() == "pipeline"
    assert page.locator("#facet-leader input[value=xi-jinping]").is_checked()
    assert page.locator("#search-from").input_value() == "2024-01-01"

    page.locator("#search-results .card-title a").first.click()
    assert page.url == site_url + "articles/a55/index.html"
    assert page.locator("h1").inner_text() == "Pipeline talks, round 55"
    page.go_back()
    w.settle()
    assert w.titles() == expected
    assert not w.problems, w.problems
    loaded = {u.split("?")[0].removeprefix(site_url) for u in w.requests if urlparse(u).path != "/favicon.ico"}
    assert loaded == {
        "search/index.html",
        "static/style.css",
        "static/site.js",
        "static/favicon.svg",
        "static/search.js",
        "search/manifest.js",
        "search/t/pi.js",
        "search/r/0.js",
        "search/r/1.js",
        "articles/a55/index.html",
    }
    page.close()


def test_sources_are_alternatives_and_facets_alone_list_articles(browser: Any, site_url: str) -> None:
    w = Watched(browser)
    page = w.page
    page.goto(site_url + "search/index.html#source=TASS&source=AP")
    w.settle()
    wanted = _titles(lambda m: m["source"] in ("TASS", "AP"))
    assert page.locator("#search-status").inner_text() == f"{len(wanted)} articles found."
    assert w.titles() == wanted[:20]
    assert page.locator("#facet-source label", has_text="Reuters").inner_text() == f"Reuters ({COUNT // 4})"
    page.click("#search-more")
    page.locator("#search-results .card").nth(len(wanted) - 1).wait_for()
    assert w.titles() == wanted and page.locator("#search-more").is_hidden()
    assert page.locator("#search-filters summary").inner_text() == "Filters (2)"
    page.click("#search-clear")
    w.settle()
    assert page.locator("#search-status").inner_text() == f"{COUNT + 1} articles to search." and not w.titles()
    page.go_back()  # picking and clearing filters are steps in the history
    w.settle()
    assert w.titles() == wanted[:20]
    assert not w.problems, w.problems
    page.close()


def test_a_country_facet_narrows_as_the_leader_facet_does(browser: Any, site_url: str) -> None:
    """Countries are a third taxonomy declared as data: the facet comes from the manifest, with no code of its own."""
    w = Watched(browser)
    page = w.page
    page.goto(site_url + "search/index.html#country=china")
    w.settle()
    china = _titles(lambda m: "China" in m["countries"])
    assert page.locator("#search-status").inner_text() == f"{len(china)} articles found."
    assert w.titles() == china[:20]
    assert page.locator("#facet-country legend").inner_text() == "Countries"
    page.locator("#facet-leader label", has_text="Vladimir Putin").click()
    w.settle()
    both = _titles(lambda m: "China" in m["countries"] and "Putin" in m["leaders"])
    assert w.titles() == both[:20] and page.url.endswith("#leader=vladimir-putin&country=china")
    assert page.locator("#search-results .card .tag-country", has_text="China").count() == min(20, len(both))
    assert not w.problems, w.problems
    page.close()


def test_folded_and_cyrillic_queries(browser: Any, site_url: str) -> None:
    w = Watched(browser)
    page = w.page
    page.goto(site_url + "search/index.html")
    w.settle()
    for query in ("Erdogan", "erdoğan", "ERDOGAN hosts", "Путин", "путин", "putin ne"):
        page.fill("#search-input", query)
        w.settle()
        assert w.titles() == ["Erdoğan hosts a summit"], query
    assert page.locator("#search-results .meta").first.inner_text().startswith("Undated")
    page.fill("#search-input", "erdogan nowhere")
    w.settle()
    assert page.locator("#search-status").inner_text() == "No articles found." and not w.titles()
    assert not w.problems, w.problems
    page.close()


def test_the_browser_folds_text_exactly_as_the_index_does(browser: Any, built_site: Path) -> None:
    page = browser.new_page()
    page.goto(built_site.resolve().as_uri() + "/search/index.html")
    found = page.evaluate("texts => texts.map(t => window.digestSearch.tokenize(t))", FOLDING)
    assert found == [tokenize(text) for text in FOLDING]
    page.close()


def test_a_query_string_starts_a_search_and_the_skip_link_keeps_it(browser: Any, site_url: str) -> None:
    w = Watched(browser)
    page = w.page
    page.goto(site_url + "search/index.html?q=pipeline")
    w.settle()
    pipeline = _titles(lambda m: m["n"] % 5 == 0)
    assert w.titles() == pipeline and page.url.endswith("?q=pipeline#q=pipeline")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Skip to content": the hash becomes #main, which is not a search
    page.wait_for_url("**#main", timeout=5_000)  # the key press returns before the hash changes
    assert page.url.endswith("#main")
    page.locator("#facet-source label", has_text="TASS").click()
    w.settle()
    assert w.titles() == _titles(lambda m: m["n"] % 5 == 0 and m["source"] == "TASS")
    assert page.url.endswith("#q=pipeline&source=TASS")
    page.fill("#search-input", "")
    w.settle()
    assert w.titles() == _titles(lambda m: m["source"] == "TASS")[:20]  # the ?q= in the URL stays forgotten
    assert not w.problems, w.problems
    page.close()


def test_on_a_phone_the_results_come_before_the_closed_filters(browser: Any, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(built_site.resolve().as_uri() + "/search/index.html#q=pipeline&leader=xi-jinping")
    page.locator('#search-results[aria-busy="false"]').wait_for(state="attached")
    filters = page.locator("#search-filters")
    assert filters.get_attribute("open") is None and filters.locator("summary").inner_text() == "Filters (1)"
    assert page.locator("#search-results .card").first.is_visible()
    filters.locator("summary").click()
    assert page.locator("#facet-leader input[value=xi-jinping]").is_checked()
    context.close()
