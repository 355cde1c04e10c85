"""A site with `language: ru` in Chromium: a Russian page, a Russian interface, a Russian story."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import build_project
from tests.test_russian import STORY

pytestmark = pytest.mark.browser


def test_a_russian_site_reads_as_russian_in_the_browser(browser: Any, make_project: Callable[..., Path]) -> None:
    root = make_project({"content/minsk-treaty.txt": STORY}, config="default_registries: true\nlanguage: ru\n")
    build_project(root)
    page = browser.new_page()
    page.goto((root / "site" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("nav[aria-label='Основное меню'] a").all_inner_texts()[:2] == ["Последние", "Сводки"]
    # site.js shows the view switch: its words come from the catalogue too
    assert page.locator("[data-list-tools] button").all_inner_texts() == ["Список", "Карточки"]
    page.locator(".card-title a").click()
    assert page.locator("h1").inner_text().startswith("Президент России Владимир Путин")
    assert "6 декабря 2024" in page.locator(".meta time").inner_text()
    assert "РИА Новости" in page.locator(".meta .source").inner_text()
    page.close()


def test_search_speaks_russian_with_russian_plurals_and_dates(browser: Any, make_project: Callable[..., Path]) -> None:
    """The search script's own words (status, counts, dates, filters) come from the site's catalogue."""
    second = STORY.replace("6 дек", "7 дек").replace("Путин", "Мишустин", 1)
    root = make_project(
        {"content/minsk-treaty.txt": STORY, "content/second.txt": second},
        config="default_registries: true\nlanguage: ru\n",
    )
    build_project(root)
    page = browser.new_page()
    page.goto((root / "site" / "search" / "index.html").as_uri())
    status = page.locator("#search-status")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    assert status.inner_text() == "Поиск по 2 статьям."
    assert page.locator("label[for=search-input]").inner_text().startswith("Поиск: заголовки, сводки, лидеры")
    page.fill("#search-input", "Лукашенко")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Найден')")
    assert status.inner_text() == "Найдено 2 статьи."
    assert "декабря 2024" in page.locator("#search-results time").first.inner_text()
    assert page.locator("#search-results .reading-time").first.inner_text().endswith("мин чтения")
    assert page.locator("#search-filters summary").inner_text().startswith("Фильтры")
    page.close()
