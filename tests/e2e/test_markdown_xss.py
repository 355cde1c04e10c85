"""No visitor's script runs from an article, in a real browser: a site built from Markdown full of the
OWASP filter-evasion spellings of `javascript:` and `data:` (links, images, reference links, autolinks),
and with `allow_raw_html: true` of script-carrying raw HTML, is opened and every link clicked in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright); no dialog may open and no
payload may set its flag. A control page shows that the same harness sees a script that does run.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.test_markup import SCRIPT_URLS

ARTICLE = "articles/attack/index.html"
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright for Python")

# Every payload either opens a dialog or sets window.__pwned; both are watched.
# (A NUL byte makes a file binary: digestgen refuses it before any Markdown.)
PAYLOADS = [url.replace("alert(1)", "alert('link')") for url in SCRIPT_URLS if "\x00" not in url] + [
    "javascript:window.__pwned=1",
    "java&#115;cript:window.__pwned=1",
    "&#x6A;avascript:window.__pwned=1",
    "jav&Tab;ascript:window.__pwned=1",
    "javascript&colon;window.__pwned=1",
]
RAW_HTML = """
<img src="x" onerror="alert('img')"> <svg onload="alert('svg')"></svg>
<a href="java&#115;cript:alert('raw-a')">raw link</a> <a href="jav&#x09;ascript:window.__pwned=1">raw flag</a>
<iframe src="javascript:alert('iframe')"></iframe>
<details open ontoggle="alert('details')"><summary>s</summary></details>
<script>alert('script')</script> <form action="javascript:alert('form')"><button>go</button></form>
<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math>
<div style="background:url(javascript:alert('css'))" onmouseover="alert('hover')">hover me</div>
<object data="javascript:alert('object')"></object> <embed src="javascript:alert('embed')">
"""


def _body(raw_html: bool) -> str:
    lines = []
    for i, url in enumerate(PAYLOADS):
        lines += [f"Inline [link {i}]({url}) and [angle {i}](<{url}>) and ![image {i}]({url}).",
                  f"Reference [ref {i}][r{i}], image ![refimg {i}][r{i}], autolink <{url}>.",
                  "", f"[r{i}]: {url}", ""]  # fmt: skip
    if raw_html:
        lines.append(RAW_HTML)
    lines.append("A safe [anchor](#top) stays.")
    return "\n".join(lines) + "\n"


def _site(root: Path, raw_html: bool) -> Path:
    (root / "content").mkdir(parents=True)
    config = "default_registries: false\n" + ("allow_raw_html: true\n" if raw_html else "")
    (root / "digestgen.yaml").write_text(config, encoding="utf-8")
    front = '---\ntitle: "Attack"\ndate: 2024-11-26\nleaders: []\ntopics: []\nsummary: "x"\n---\n'
    (root / "content" / "attack.md").write_text(front + _body(raw_html), encoding="utf-8")
    out = root / "site"
    build(load_config(root / "digestgen.yaml"), output=out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module", params=[False, True], ids=["escaped", "raw-html"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The attack site, served over HTTP from a throwaway folder; yields the article's URL."""
    site = _site(tmp_path_factory.mktemp("attack"), raw_html=request.param)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{ARTICLE}"
    httpd.shutdown()


def _watched_page(browser: Any) -> tuple[Any, list[str]]:
    """A page that records every dialog (and dismisses it) and blocks all traffic off this machine."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    return page, dialogs


# Links that would load another page (http(s), mailto) are not clicked: loading a page is not the risk.
_STAYS = "e => !/^(https?|mailto):/i.test(e.href || '')"


def _click_everything(page: Any, url: str) -> int:
    """Click, like a reader, each link and button of the article body that does not load another page;
    then let the page click them itself too. Returns how many there were."""
    page.goto(url)
    targets = page.locator(".article-body a, .article-body button")
    stays = [i for i in range(targets.count()) if targets.nth(i).evaluate(_STAYS)]
    for i in stays:
        targets.nth(i).click(timeout=5000, no_wait_after=True, force=True)  # force: no waiting to settle
    page.evaluate(f"document.querySelectorAll('.article-body a, .article-body button').forEach("
                  f"e => ({_STAYS})(e) && e.click())")  # fmt: skip
    page.wait_for_timeout(300)
    return len(stays)


def test_no_script_runs_from_an_article(browser: Any, served: str) -> None:
    page, dialogs = _watched_page(browser)
    clicked = _click_everything(page, served)
    page.locator(".article-body").hover()
    page.wait_for_timeout(300)
    assert page.url == served
    assert clicked >= 2 * len(PAYLOADS)  # the refused links are still there, as anchors without a target
    assert dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    hrefs = page.eval_on_selector_all(
        ".article-body [href], .article-body [src]", "els => els.map(e => e.href || e.src)"
    )
    assert all(h.startswith(("http://127.0.0.1", "https://", "mailto:")) for h in hrefs), hrefs
    page.close()


def test_the_harness_sees_a_script_that_runs(browser: Any, served: str) -> None:
    """Control: the same clicking on an unsanitised copy of one payload does run it."""
    page, dialogs = _watched_page(browser)
    page.goto(served)
    dialogs.clear()
    page.evaluate("""() => {
        const body = document.querySelector('.article-body');
        body.innerHTML = '<a href="java&#115;cript:alert(\\'control\\')">x</a>'
                       + '<a href="jav&Tab;ascript:window.__pwned=1">y</a>';
    }""")
    targets = page.locator(".article-body a")
    for i in range(targets.count()):
        targets.nth(i).click(timeout=5000, no_wait_after=True)
    page.wait_for_timeout(300)
    assert dialogs == ["control"]
    assert page.evaluate("window.__pwned") == 1
    page.close()
