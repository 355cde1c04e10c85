"""Live reload in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The test never reloads the page itself: every change must arrive through the served
reload script.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digestgen.config import load_config
from digestgen.serve.preview import Preview

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "content/2024/eu-sanctions-package.md"

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright for Python")


@pytest.fixture
def site(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    root = make_project({})
    for rel in (ARTICLE, "content/2023/belarus-nuclear-weapons.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    (root / "templates").mkdir()
    shutil.copyfile(REPO / "templates/article.html", root / "templates/article.html")
    monkeypatch.chdir(root)
    preview = Preview(load_config(None, root=root), delay=0.05)
    url = preview.start("127.0.0.1", 0)
    yield root, url
    preview.stop()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edit_break_fix_and_template(site: tuple[Path, str], page: object) -> None:
    root, url = site
    expect = sync_api.expect
    page.goto(url + "articles/eu-sanctions-package/")  # type: ignore[attr-defined]
    heading = page.locator("h1")  # type: ignore[attr-defined]
    expect(heading).to_have_text(re.compile("14th package"))

    # edit an article: the open page changes by itself
    replace(root / ARTICLE, "title: EU adopts 14th package", "title: EU adopts fourteenth package")
    expect(heading).to_have_text(re.compile("fourteenth package"), timeout=10_000)

    # break the front matter: the overlay names the file and line, the old page stays below
    good = (root / ARTICLE).read_text(encoding="utf-8")
    (root / ARTICLE).write_text(
        good.replace("date: 2024-06-24", "date: 2024-06-24\ndate: 2024-06-25", 1), encoding="utf-8"
    )
    overlay = page.locator("#digestgen-errors")  # type: ignore[attr-defined]
    expect(overlay).to_be_visible(timeout=10_000)
    expect(overlay).to_contain_text(re.compile(re.escape(ARTICLE) + r":\d+: "))
    expect(heading).to_have_text(re.compile("fourteenth package"))

    # fix it: the overlay clears
    (root / ARTICLE).write_text(good, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=10_000)

    # edit a template: visible without a reload by the test
    replace(root / "templates/article.html", "{% block main %}", '{% block main %}<p id="tpl-mark">template edited</p>')
    expect(page.locator("#tpl-mark")).to_have_text("template edited", timeout=10_000)  # type: ignore[attr-defined]
