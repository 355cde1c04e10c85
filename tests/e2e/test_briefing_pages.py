"""What a reader does with the briefing pages in Chromium: filter a dossier, sort lists, switch views, print a day."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from digestgen.commands.build import build
from tests.support import md, project_config

Make = Callable[..., Path]


def test_a_filter_chip_narrows_a_leader_page(browser: Any, sample_site: Path) -> None:
    page = browser.new_page()
    page.goto((sample_site / "leaders" / "vladimir-putin" / "index.html").as_uri())
    cards = page.locator("[data-cards] .card")
    total = cards.count()
    chip = page.locator("[data-chips] .chip[data-chip='trade']")
    chip.click()
    visible = [c for c in cards.all() if c.is_visible()]
    assert 0 < len(visible) < total
    assert all("trade" in (c.get_attribute("data-topics") or "").split() for c in visible)
    assert chip.get_attribute("aria-pressed") == "true"
    page.locator("[data-chips] .chip[data-chip='']").click()
    assert sum(c.is_visible() for c in cards.all()) == total
    page.close()


def test_lists_sort_by_name_and_the_view_choice_is_remembered(browser: Any, sample_site: Path) -> None:
    page = browser.new_page()
    page.goto((sample_site / "topics" / "index.html").as_uri())
    page.locator("[data-sort='name']").click()
    names = page.locator("[data-sortable] tr").evaluate_all("items => items.map(i => i.dataset.name)")
    assert names == sorted(names) and len(names) > 3
    page.locator("[data-sort='count']").click()
    counts = page.locator("[data-sortable] tr").evaluate_all("items => items.map(i => +i.dataset.count)")
    assert counts == sorted(counts, reverse=True)
    page.goto((sample_site / "leaders" / "index.html").as_uri())
    assert page.locator("thead th").all_inner_texts() == ["Leader", "Country", "Office", "Articles", "Last seen"]
    page.locator("[data-sort='seen']").click()
    seen = page.locator("[data-sortable] tr").evaluate_all("items => items.map(i => i.dataset.seen)")
    assert seen == sorted(seen, reverse=True) and seen[0] > "2024"
    assert page.locator("[data-sortable] tr", has_text="Alexander Lukashenko").locator("td").first.inner_text() == (
        "Belarus"
    )
    page.goto((sample_site / "index.html").as_uri())
    assert "as-list" in (page.locator("[data-cards]").get_attribute("class") or ""), "the list is the default"
    assert page.locator("[data-view='list']").get_attribute("aria-pressed") == "true"
    assert not page.locator("[data-cards] .summary").first.is_visible()
    page.locator("[data-view='cards']").click()
    assert "as-list" not in (page.locator("[data-cards]").get_attribute("class") or "")
    assert page.locator("[data-cards] .summary").first.is_visible()
    page.goto(
        (sample_site / "page" / "2" / "index.html").as_uri()
        if (sample_site / "page").exists()
        else (sample_site / "leaders" / "vladimir-putin" / "index.html").as_uri()
    )
    assert "as-list" not in (page.locator("[data-cards]").get_attribute("class") or ""), "cards, remembered"
    page.close()


def test_a_busy_day_prints_on_few_a4_pages_without_navigation(browser: Any, make_project: Make) -> None:
    names = ["Vladimir Putin", "Xi Jinping", None]
    files = {
        f"content/a{i:02}.md": md(
            f"Story number {i} about the talks",
            date=f"2024-11-26T{8 + i % 10:02}:00:00",
            leaders=(names[i % 3],) if names[i % 3] else (),
            topics=("Energy",),
            summary="Officials met to discuss gas supplies and prices. They agreed to meet again next month.",
        )
        for i in range(30)
    }
    root = make_project(files, config="default_registries: true\n")
    site = build(project_config(root)).output
    page = browser.new_page()
    page.goto((site / "briefings" / "2024-11-26" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible() and not page.locator(".site-footer").is_visible()
    assert page.locator(".compact li").count() == 30
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, f"30 compact entries took {pages} A4 pages"
    page.close()


def test_the_list_shows_a_wire_screen_of_stories_and_undated_ones_last(browser: Any, make_project: Make) -> None:
    """At 1280×800 the default list shows at least 25 stories above the fold; undated ones follow their heading."""
    files = {
        f"content/a{i:02}.md": md(
            f"Ministers from both governments meet again over gas prices, round {i}",
            date=f"2024-11-{1 + i % 28:02}" if i < 50 else None,
            leaders=("Putin",),
            topics=("Energy",),
            source="Reuters",
        )
        for i in range(56)
    }
    root = make_project(files, config="per_page: 60\n")
    site = build(project_config(root)).output
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    tops = page.locator("[data-cards] .card").evaluate_all("cards => cards.map(c => c.getBoundingClientRect().bottom)")
    assert sum(bottom <= 800 for bottom in tops) >= 25, f"{sum(b <= 800 for b in tops)} stories on the first screen"
    heading = page.locator("[data-cards] h2#undated")
    assert heading.inner_text().strip().casefold() == "undated"
    after = heading.evaluate(
        "h => Array.from(h.parentNode.children).slice(Array.from(h.parentNode.children).indexOf(h) + 1).length"
    )
    assert after == 6  # the six undated stories, all below it
    context.close()


def test_a_chip_filters_every_page_of_a_term_not_only_the_one_on_screen(browser: Any, make_project: Make) -> None:
    files = {
        f"content/a{i:02}.md": md(
            f"Story {i}",
            date=f"2024-11-{1 + i:02}",
            leaders=("Putin",),
            topics=("Trade",) if i % 3 == 0 else ("Energy",),
        )
        for i in range(25)
    }
    root = make_project(files, config="per_page: 5\n")
    site = build(project_config(root)).output
    assert (site / "leaders" / "vladimir-putin" / "rows.js").is_file()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / "leaders" / "vladimir-putin" / "index.html").as_uri())
    cards = page.locator("[data-cards] .card")
    assert cards.count() == 5 and page.locator(".pager").is_visible()
    page.locator("[data-chips] .chip[data-chip='trade']").click()
    trade = [f"Story {i}" for i in sorted(range(0, 25, 3), reverse=True)]
    page.wait_for_function(f"document.querySelectorAll('[data-cards] .card').length === {len(trade)}")
    assert page.locator("[data-cards] .card-title").all_inner_texts() == trade  # from all five pages, newest first
    assert not page.locator(".pager").is_visible()
    page.locator("[data-cards] .card-title a", has_text="Story 3").first.click()
    assert page.url.endswith("/articles/a03/index.html")
    page.go_back()
    page.locator("[data-chips] .chip[data-chip='']").click()
    assert cards.count() == 5 and page.locator(".pager").is_visible()
    assert not errors, errors
    page.close()
