"""One card per story: near-duplicate articles grouped by their texts' MinHash sketches
(plan/stories.py), and every listing, feed, briefing and article page showing the grouping."""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from digestgen.commands.build import build
from digestgen.config import load_config
from digestgen.model import Card
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.pipeline.plan.pages import ArticlePage, DayPage, FeedPage, ListPage
from digestgen.pipeline.plan.site import PlanMemo, plan_site
from digestgen.pipeline.plan.stories import StoryMemo, collapse, group_stories
from digestgen.text.sketch import similarity, sketch, unpack
from tests.stories_text import FIRST, SAME_LEADERS_OTHER_STORY, SAME_TOPIC_OTHER_STORY, UPDATE_1, UPDATE_2
from tests.support import day, make_article, md, read_tree

Make = Callable[..., Path]


def _card(slug: str, text: str, when: datetime | None, words: int = 100) -> Card:
    article = make_article(slug, when, leaders=("Xi Jinping", "Vladimir Putin"), topics=("Energy",))
    return replace(article, sketch=sketch(text), words=words).card()


def _slugs(cards: tuple[Card, ...]) -> list[str]:
    return [c.slug for c in cards]


def test_versions_of_one_story_are_grouped_with_the_newest_leading() -> None:
    cards = [
        _card("first", FIRST, day(5, 9)),
        _card("update-1", UPDATE_1, day(5, 11)),
        _card("update-2", UPDATE_2, day(5, 14)),
        _card("video-call", SAME_LEADERS_OTHER_STORY, day(5, 12)),
        _card("new-section", SAME_TOPIC_OTHER_STORY, day(5, 10)),
    ]
    [story] = group_stories(cards)
    assert story.lead.slug == "update-2"
    assert _slugs(story.others) == ["update-1", "first"]


def test_an_identical_refile_is_grouped_and_two_stories_on_one_topic_with_the_same_leaders_are_not() -> None:
    cards = [
        _card("wire", FIRST, day(5)),
        _card("refiled", FIRST, day(5, 13)),
        _card("video-call", SAME_LEADERS_OTHER_STORY, day(5)),
        _card("new-section", SAME_TOPIC_OTHER_STORY, day(5)),
    ]
    [story] = group_stories(cards)
    assert {c.slug for c in story.versions} == {"wire", "refiled"}


def test_the_lead_is_the_newest_then_the_longest_then_by_path() -> None:
    same_time = [_card("b-short", FIRST, day(5), words=90), _card("a-long", UPDATE_1, day(5), words=120)]
    assert group_stories(same_time)[0].lead.slug == "a-long"
    tied = [_card("b", FIRST, day(5)), _card("a", FIRST, day(5))]
    assert group_stories(tied)[0].lead.slug == "a"  # content/a.md before content/b.md
    undated = [_card("undated", UPDATE_2, None, words=500), _card("dated", FIRST, day(1))]
    assert group_stories(undated)[0].lead.slug == "dated"


def test_versions_far_apart_in_time_are_separate_stories() -> None:
    assert group_stories([_card("now", FIRST, day(1)), _card("later", UPDATE_1, day(20))]) == ()
    assert len(group_stories([_card("dated", FIRST, day(1)), _card("undated", UPDATE_1, None)])) == 1


def test_a_text_too_short_to_compare_stands_alone() -> None:
    flash = "URGENT: Xi and Putin agree gas pipeline deal."
    assert sketch(flash) == b""
    assert group_stories([_card("flash", flash, day(5)), _card("full", flash, day(5))]) == ()


def test_grouping_is_deterministic_whatever_the_order_or_the_run() -> None:
    # The same text gives the same sketch bytes on every run and machine (no salted hash()).
    assert hashlib.sha256(sketch(FIRST)).hexdigest()[:16] == "3918d81421cc02ce"
    cards = [_card(f"v{n}", text, day(5, n)) for n, text in enumerate([FIRST, UPDATE_1, UPDATE_2] * 3)]
    cards += [_card("other", SAME_LEADERS_OTHER_STORY, day(5))]
    expected = group_stories(cards)
    shuffled = list(cards)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert group_stories(shuffled) == expected
        assert group_stories(shuffled, StoryMemo()) == expected
    [story] = expected
    assert len(story.versions) == 9 and story.lead.slug == "v8"


def test_a_memo_carried_across_edits_gives_what_a_fresh_grouping_gives() -> None:
    """serve keeps one memo from save to save and re-compares only buckets a changed card is in:
    after cards are added, removed, edited and re-dated, the stories are those grouped from scratch."""
    texts = [FIRST, UPDATE_1, UPDATE_2, SAME_LEADERS_OTHER_STORY, SAME_TOPIC_OTHER_STORY]
    rng = random.Random(7)
    words = sorted(set(" ".join(texts).split()))

    def text() -> str:  # one of the story's versions, or a text of its own (the usual save)
        return rng.choice(texts) if rng.random() < 0.5 else " ".join(rng.choices(words, k=120))

    cards = [_card(f"c{n}", texts[n % 5], day(1 + n % 9, n % 20)) for n in range(30)]
    memo = StoryMemo()
    group_stories(cards, memo)
    for step in range(80):
        kind = step % 4
        if kind == 0:  # a new article
            cards.append(_card(f"new{step}", text(), day(rng.randint(1, 9))))
        elif kind == 1 and cards:  # a deleted one
            cards.pop(rng.randrange(len(cards)))
        elif kind == 2:  # an edited one: a new card object with another text, told as a swap or not
            k = rng.randrange(len(cards))
            old, cards[k] = cards[k], _card(cards[k].slug, text(), cards[k].date, words=rng.randint(50, 150))
            if step % 8 == 2:
                assert group_stories(cards, memo, [(old, cards[k])]) == group_stories(cards), f"step {step}"
        else:  # re-dated, which can change lead order and what DAYS allows
            k = rng.randrange(len(cards))
            cards[k] = replace(cards[k], date=day(rng.randint(1, 28)))
        assert group_stories(cards, memo) == group_stories(cards), f"step {step}"
    assert any(len(s.versions) > 2 for s in group_stories(cards, memo))


def test_a_swap_of_a_card_the_memo_does_not_hold_groups_from_the_cards() -> None:
    cards = _plan_cards()
    memo = StoryMemo()
    group_stories(cards, memo)
    stranger = _card("elsewhere", FIRST, day(5, 9))
    edited = replace(cards[1], words=500)
    now = [cards[0], edited, *cards[2:]]
    assert group_stories(now, memo, [(stranger, edited)]) == group_stories(now)


def test_the_sketch_estimates_the_shingle_overlap() -> None:
    first, update = unpack(sketch(FIRST))[0], unpack(sketch(UPDATE_1))[0]
    assert 0.6 < similarity(first, update) < 0.97
    assert similarity(first, unpack(sketch(SAME_TOPIC_OTHER_STORY))[0]) < 0.1


def test_a_list_shows_a_story_once_at_its_first_version() -> None:
    cards = [_card("update-1", UPDATE_1, day(5, 11)), _card("other", SAME_LEADERS_OTHER_STORY, day(5, 10))]
    cards += [_card("first", FIRST, day(5, 9))]
    stories = {c.slug: s for s in group_stories(cards) for c in s.versions}
    shown = collapse(cards, stories)
    assert [(c.slug, _slugs(v)) for c, v in shown] == [("update-1", ["first"]), ("other", [])]
    # A list without the lead shows the best version it has, still with every other version.
    assert [(c.slug, _slugs(v)) for c, v in collapse(cards[1:], stories)] == [("other", []), ("first", ["update-1"])]


def _plan_cards() -> list[Card]:
    return [
        _card("first", FIRST, day(5, 9)),
        _card("update-1", UPDATE_1, day(5, 11)),
        _card("video-call", SAME_LEADERS_OTHER_STORY, day(5, 10)),
        _card("new-section", SAME_TOPIC_OTHER_STORY, day(4)),
    ]


def test_every_listing_feed_and_briefing_shows_a_story_once() -> None:
    plan = plan_site(_plan_cards(), per_page=10)
    pages = {p.output_path: p for p in plan.pages}
    for path in ("index.html", "leaders/xi-jinping/index.html", "topics/energy/index.html"):
        page = pages[path]
        assert isinstance(page, ListPage)
        assert _slugs(page.articles) == ["update-1", "video-call", "new-section"], path
        assert [_slugs(v) for v in page.versions] == [["first"], [], []]
        assert "first" in _slugs(page.shows)  # its card key is in the page's key
    feed = pages["feed.xml"]
    assert isinstance(feed, FeedPage) and _slugs(feed.articles) == ["update-1", "video-call", "new-section"]
    briefing = pages["briefings/2024-11-05/index.html"]
    assert isinstance(briefing, DayPage)
    listed = [
        (a.slug, _slugs(g.versions[i]) if g.versions else []) for g in briefing.groups for i, a in enumerate(g.articles)
    ]
    assert sorted(listed) == [("update-1", ["first"]), ("video-call", [])]
    article = pages["articles/first/index.html"]
    assert isinstance(article, ArticlePage) and _slugs(article.versions) == ["update-1"]
    assert "update-1" not in _slugs(article.related)
    assert len(plan.articles) == 4  # counts stay counts of articles


def test_a_page_key_changes_when_its_grouping_does() -> None:
    cards = _plan_cards()
    before = {p.output_path: p for p in plan_site(cards, per_page=10).pages}
    apart = [
        replace(c, sketch=sketch(SAME_TOPIC_OTHER_STORY + " An added line.")) if c.slug == "first" else c for c in cards
    ]
    after = {p.output_path: p for p in plan_site(apart, per_page=10).pages}
    for path in ("index.html", "articles/update-1/index.html", "briefings/2024-11-05/index.html"):
        old, new = before[path], after[path]
        assert (old.fingerprint(), _slugs(old.shows)) != (new.fingerprint(), _slugs(new.shows)), path


def test_a_plan_with_a_memo_equals_a_plan_made_afresh_as_stories_change() -> None:
    memo = PlanMemo()
    cards = _plan_cards()
    plan_site(cards, per_page=2, memo=memo)
    late = _card("update-2", UPDATE_2, day(6, 1))
    for now in ([*cards, late], [*cards[1:], late], cards):
        assert plan_site(now, per_page=2, memo=memo) == plan_site(now, per_page=2)


def test_a_site_lists_a_story_once_with_its_reports(make_project: Make, tmp_path: Path) -> None:
    leaders = ("Xi Jinping", "Vladimir Putin")
    root = make_project(
        {
            "content/gas-deal.md": md(
                "Xi and Putin extend gas deal", "2024-11-05T09:00:00Z", leaders=leaders, body=FIRST
            ),
            "content/gas-deal-update.md": md(
                "UPDATE 1-Xi and Putin extend gas deal", "2024-11-05T11:00:00Z", leaders=leaders, body=UPDATE_1
            ),
            "content/video-call.md": md(
                "Putin and Xi hold video call", "2024-11-05T10:00:00Z", leaders=leaders, body=SAME_LEADERS_OTHER_STORY
            ),
        }
    )
    out = tmp_path / "site"
    build(load_config(None, root=root), output=out)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert home.count('class="card"') == 2
    assert "2 reports" in home and home.count("2 reports") == 1
    assert 'href="articles/gas-deal/index.html"' in home  # the other version, linked from the card
    article = (out / "articles" / "gas-deal" / "index.html").read_text(encoding="utf-8")
    assert "Other reports of this story" in article and "UPDATE 1-Xi and Putin extend gas deal" in article
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and "gas-deal-update" in feed


def test_a_russian_site_says_reports_in_russian(make_project: Make, tmp_path: Path) -> None:
    files = {
        f"content/{slug}.md": md(f"Gas deal {slug}", f"2024-11-05T{hour}:00:00Z", body=body)
        for slug, hour, body in (("a", 9, FIRST), ("b", 10, UPDATE_1), ("c", 11, UPDATE_2))
    }
    root = make_project(files, config="default_registries: true\nlanguage: ru\n")
    out = tmp_path / "site"
    build(load_config(None, root=root), output=out)
    assert "3 сообщения" in (out / "index.html").read_text(encoding="utf-8")
    assert "Другие сообщения об этом событии" in (out / "articles" / "a" / "index.html").read_text(encoding="utf-8")


def test_serve_rerenders_exactly_the_pages_that_show_a_changed_grouping(make_project: Make, tmp_path: Path) -> None:
    leaders = ("Xi Jinping", "Vladimir Putin")
    root = make_project(
        {
            "content/gas.md": md("Gas deal", "2024-11-05T09:00:00Z", leaders=leaders, body=FIRST),
            "content/budget.md": md("Budget", "2024-11-05T08:00:00Z", leaders=("Emmanuel Macron",), topics=("Trade",)),
        }
    )
    builder = Builder(load_config(None, root=root), Options(Mode.SERVE))

    def run(changed: list[Path]) -> tuple[dict[str, bytes], set[str]]:
        before = dict(builder.in_memory)
        files = dict(builder.run(changed).raise_problems().files)
        full = tmp_path / "full"
        shutil.rmtree(full, ignore_errors=True)
        build(load_config(None, root=root), output=full, cache=False)
        assert files == {k: v for k, v in read_tree(full).items() if k != ".digestgen"}
        return files, {p for p, (_, data) in builder.in_memory.items() if p not in before or before[p][1] is not data}

    run([])
    update = root / "content" / "gas-update.md"
    update.write_text(md("UPDATE 1-Gas deal", "2024-11-05T11:00:00Z", leaders=leaders, body=UPDATE_1), encoding="utf-8")
    files, rendered = run([update])
    assert "2 reports" in files["index.html"].decode()
    assert {"index.html", "articles/gas/index.html", "articles/gas-update/index.html"} <= rendered
    assert "articles/budget/index.html" not in rendered and "leaders/emmanuel-macron/index.html" not in rendered
    gas = root / "content" / "gas.md"
    gas.write_text(
        md("Gas deal", "2024-11-05T09:00:00Z", leaders=leaders, body=FIRST.replace("pillar", "pillars")),
        encoding="utf-8",
    )
    _, rendered = run([gas])  # card and grouping hold: only the edited body's page
    assert rendered == {"articles/gas/index.html"}
    update.write_text(md("UPDATE 1-Gas deal", "2024-11-05T11:00:00Z", leaders=leaders, body=SAME_TOPIC_OTHER_STORY))
    files, rendered = run([update])  # now another story: the lists and both pages show it
    assert "reports" not in files["index.html"].decode()
    assert {"index.html", "articles/gas/index.html", "articles/gas-update/index.html"} <= rendered


def test_a_chain_of_similar_versions_does_not_stretch_a_story_over_weeks() -> None:
    cards = [_card(f"day-{n}", text, day(1 + 3 * n)) for n, text in enumerate([FIRST, UPDATE_1, UPDATE_2])]
    [story] = group_stories(cards)  # days 1, 4 and 7: each pair of neighbours is 3 days apart
    assert _slugs(story.versions) in (["day-2", "day-1"], ["day-1", "day-0"])


def test_an_agency_flash_joins_its_story_by_headline() -> None:
    flash = replace(
        _card("flash", "Xi and Putin agree gas deal.", day(5, 8)), title="URGENT: Xi and Putin extend gas deal"
    )
    full = replace(_card("full", FIRST, day(5, 9)), title="Xi and Putin extend gas deal")
    update = replace(_card("update", SAME_TOPIC_OTHER_STORY, day(5, 10)), title="UPDATE 1-Xi and Putin extend gas deal")
    assert flash.sketch == b""
    [story] = group_stories([flash, full, update])
    assert _slugs(story.versions) == ["full", "flash"]  # the update's text is another story's
    week_later = replace(
        _card("later", "Xi and Putin agree gas deal.", day(12)), title="UPDATE 2-Xi and Putin extend gas deal"
    )
    short = [
        replace(_card(f"s{n}", "Markets close.", day(5, n)), title=t)
        for n, t in enumerate(["URGENT-Markets close", "Markets close"])
    ]
    assert _slugs(group_stories([flash, full, week_later, *short])[0].versions) == ["full", "flash"]
    # A flash joins one version, the one nearest in time, never bridging two that differ.
    newest = replace(flash, date=day(5, 11))
    assert [{c.slug for c in s.versions} for s in group_stories([newest, full, update])] == [{"flash", "update"}]


def test_a_memo_sees_a_save_that_makes_a_story_of_cards_in_none() -> None:
    """The memo keeps the last stories when a save touches cards in none; these saves make one."""
    memo = StoryMemo()
    lone = [_card("first", FIRST, day(5, 9)), _card("other", SAME_LEADERS_OTHER_STORY, day(5, 10))]
    assert group_stories(lone, memo) == ()
    copy = _card("update", UPDATE_1, day(5, 11))  # a text alike to a card in no story
    assert [_slugs(s.versions) for s in group_stories([*lone, copy], memo)] == [["update", "first"]]
    # By headline: a flash too far in time from the one version it could join, then a nearer one.
    headline = "Xi and Putin extend gas deal"
    flash = replace(_card("flash", "Xi and Putin agree gas deal.", day(20)), title=f"URGENT: {headline}")
    early = replace(_card("early", FIRST, day(1)), title=headline)
    memo = StoryMemo()
    assert group_stories([flash, early], memo) == ()
    near = replace(_card("near", SAME_TOPIC_OTHER_STORY, day(19)), title=f"UPDATE 1-{headline}")
    assert [_slugs(s.versions) for s in group_stories([flash, early, near], memo)] == [["flash", "near"]]
    # Leaving: a flash that was in a story (it has no text to share a bucket by).
    assert group_stories([early, near], memo) == ()


def test_a_day_counts_its_articles_while_it_lists_a_story_once() -> None:
    briefing = {p.output_path: p for p in plan_site(_plan_cards(), per_page=10).pages}[
        "briefings/2024-11-05/index.html"
    ]
    assert isinstance(briefing, DayPage)
    assert briefing.context()["count"] == 3 and sum(len(g.articles) for g in briefing.groups) == 2
