"""axe-core in Chromium: no accessibility violations on any page, light and dark, desktop and phone widths.

axe-core comes from the npm registry (tests/setup.sh installs it under .venv/npm); it is injected
into each page, never fetched by the page itself. Two tabs share the work, one per core.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from tests.e2e.conftest import ARGS, AXE, CHROMIUM

CONFIGS = [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)]
AXE_RUN = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
)


def _violations(site: Path, pages: list[Path]) -> list[str]:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (tests/setup.sh installs it)")
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (tests/setup.sh installs it from npm)")

    async def check(tab: object, queue: list[Path], found: list[str]) -> None:
        while queue:
            path = queue.pop()
            await tab.goto(path.as_uri())  # type: ignore[attr-defined]
            await tab.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
            for scheme, width in CONFIGS:  # one load per page; the media and the width change in place
                await tab.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
                await tab.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
                result = await tab.evaluate(AXE_RUN)  # type: ignore[attr-defined]
                found += [f"{path.relative_to(site)} ({scheme}, {width}px): {v}" for v in result]

    async def run() -> list[str]:
        async with async_api.async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            queue, found = sorted(pages, reverse=True), []
            tabs = [await browser.new_page() for _ in range(2)]
            await asyncio.gather(*(check(tab, queue, found) for tab in tabs))
            await browser.close()
            return sorted(found)

    # Its own thread: the session's sync Playwright owns this thread's event loop.
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(asyncio.run(run())))
    worker.start()
    worker.join()
    assert found, "the accessibility run failed; see the output above"
    return found[0]


def test_the_sample_site_has_no_accessibility_violations(sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 20
    assert _violations(sample_site, pages) == []


def test_a_generated_200_article_site_has_no_accessibility_violations(generated_site: Path) -> None:
    # With base_url set, 404.html links its stylesheet absolutely (it is served at any depth), so
    # opened from disk it has no style at all; the sample site's 404 page covers it.
    pages = sorted(p for p in generated_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 250
    assert _violations(generated_site, pages) == []
