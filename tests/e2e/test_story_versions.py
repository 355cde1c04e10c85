"""A story filed in several versions, in Chromium: one card with "3 reports" that opens to the other
versions, and an article page that links them; no accessibility violations with the list open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from digestgen.commands.build import build
from tests.e2e.conftest import AXE
from tests.stories_text import FIRST, SAME_LEADERS_OTHER_STORY, UPDATE_1, UPDATE_2
from tests.support import md, project_config

Make = Callable[..., Path]
AXE_RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)"


def test_a_grouped_story_shows_its_versions(browser: Any, make_project: Make) -> None:
    leaders = ("Xi Jinping", "Vladimir Putin")
    versions = [("gas", "Xi and Putin extend gas deal", 9, FIRST)]
    versions += [("gas-1", "UPDATE 1-Xi and Putin extend gas deal", 11, UPDATE_1)]
    versions += [("gas-2", "UPDATE 2-Xi and Putin extend gas deal", 13, UPDATE_2)]
    versions += [("call", "Putin and Xi hold a video call", 10, SAME_LEADERS_OTHER_STORY)]
    files = {
        f"content/{slug}.md": md(title, f"2024-11-26T{hour:02}:00:00Z", leaders=leaders, body=body)
        for slug, title, hour, body in versions
    }
    site = build(project_config(make_project(files))).output
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    cards = page.locator("[data-cards] .card")
    assert cards.count() == 2
    lead = cards.filter(has_text="UPDATE 2-Xi and Putin extend gas deal")
    summary = lead.locator("details.versions summary")
    assert summary.inner_text() == "3 reports"
    others = lead.locator("details.versions a")
    assert not others.first.is_visible()
    summary.click()
    assert [a.inner_text() for a in others.all()] == [
        "UPDATE 1-Xi and Putin extend gas deal",
        "Xi and Putin extend gas deal",
    ]
    assert all(a.is_visible() for a in others.all())
    if AXE.exists():  # tests/setup.sh installs it; test_accessibility.py says so when it is missing
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_RUN) == []
    others.last.click()
    page.wait_for_url("**/articles/gas/index.html")
    aside = page.locator("aside.story-versions")
    assert aside.locator("h2").inner_text() == "Other reports of this story"
    assert aside.locator("a").all_inner_texts() == [
        "UPDATE 2-Xi and Putin extend gas deal",
        "UPDATE 1-Xi and Putin extend gas deal",
    ]
    page.goto((site / "briefings" / "2024-11-26" / "index.html").as_uri())
    assert page.locator(".compact > li", has_text="extend gas deal").count() == 1
    assert page.locator(".compact details.versions summary").inner_text() == "3 reports"
    page.close()
