"""Regenerate the README screenshots from a site built on a realistic corpus.

    python tools/screenshot.py [--articles 1500]   # needs playwright and /usr/bin/chromium (tests/setup.sh)

The site is the bundled `content/` plus a synthetic corpus of news-like articles from the shared
benchmark generator (`../shared/bench/gen_corpus.py`, seed 42): real copy from `../shared/corpora`
may not be published, and six articles do not show what a desk's pages look like. Prints, for the
record, how many stories the home page shows on a 1280x800 screen.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import ViewportSize, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from digestgen.commands.build import build
from digestgen.config import load_config
from tests.browser import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
DOCS = REPO / "docs"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# Rows of the list view whose bottom is on the first screen.
ON_SCREEN = "() => [...document.querySelectorAll('[data-cards] .card')].filter(e => e.getBoundingClientRect().bottom <= innerHeight).length"


def _project(work: Path, articles: int) -> Path:
    """The bundled project with the synthetic corpus added to its content."""
    project = work / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "digestgen.yaml", project / "digestgen.yaml")
    if articles:
        if not GEN.is_file():
            raise SystemExit(f"{GEN} is not here: run with --articles 0 for the bundled content only")
        out = work / "bench"
        subprocess.run(
            [sys.executable, str(GEN), "--n", str(articles), "--seed", "42", "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copytree(out / "articles", project / "content" / "bench")
    return project


def _busiest(site: Path, folder: str) -> str:
    """The term or day page with the most articles (largest first page), as a path in the site."""
    pages = sorted((site / folder).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    return pages[0].relative_to(site).as_posix()


def _shoot(page: Any, url: str, name: str) -> None:
    page.goto(url)
    out = DOCS / f"screenshot-{name}.png"
    page.screenshot(path=str(out))
    print(out.relative_to(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500, help="synthetic articles added (0: bundled only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp), args.articles)
        site = build(load_config(project / "digestgen.yaml"), output=Path(tmp) / "site").output
        leader, briefing = _busiest(site, "leaders"), _busiest(site, "briefings")
        country = _busiest(site, "countries")
        article = "articles/000-f434f5c6a6cd3bfb/index.html"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport=DESKTOP, color_scheme=scheme)
                if scheme == "dark":
                    _shoot(page, (site / "index.html").as_uri(), "home-dark")
                    continue
                _shoot(page, (site / "index.html").as_uri(), "home")
                print(f"stories on the first 1280x800 screen of home (list view): {page.evaluate(ON_SCREEN)}")
                page.click("[data-view=cards]")
                _shoot(page, (site / "index.html").as_uri(), "home-cards")
                page.click("[data-view=list]")  # the choice is remembered: leave the default for the rest
                _shoot(page, (site / article).as_uri(), "article")
                _shoot(page, (site / "leaders" / "index.html").as_uri(), "leaders")
                _shoot(page, (site / country).as_uri(), "country")
                _shoot(page, (site / briefing).as_uri(), "briefing")
                page.goto((site / leader).as_uri())
                page.click(".chip[data-chip]:not([data-chip='']) >> nth=0")
                page.wait_for_timeout(300)
                out = DOCS / "screenshot-leader.png"
                page.screenshot(path=str(out))
                print(out.relative_to(REPO), "(a topic chip pressed)")
            phone = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True)
            _shoot(phone, (site / leader).as_uri(), "leader-phone")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
