"""plan (MODEL): ordering, grouping, pagination, related articles and output-path collisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from digestgen.errors import BuildFailed
from digestgen.model import Term
from digestgen.pipeline.plan.pages import (
    ArchivePage,
    ArticlePage,
    DayPage,
    FeedPage,
    ListPage,
    Pager,
    PlainPage,
    SitemapPage,
    TermRow,
    TermsPage,
)
from digestgen.pipeline.plan.site import RELATED, group, plan_site, sort_articles
from tests.support import day, make_article, term, with_terms


def _slugs(articles) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.slug for a in articles]


def test_newest_first_ties_by_slug_undated_last_by_title() -> None:
    articles = [
        make_article("b-old", day(1)),
        make_article("zeta", None, title="alpha undated"),
        make_article("c-new", day(5)),
        make_article("a-new", day(5)),
        make_article("mid", day(3)),
        make_article("aaa", None, title="Beta undated"),
    ]
    assert _slugs(sort_articles(articles)) == ["a-new", "c-new", "mid", "b-old", "zeta", "aaa"]
    assert _slugs(sort_articles(reversed(articles))) == _slugs(sort_articles(articles))


def test_sorting_compares_instants_across_timezones() -> None:
    from datetime import datetime, timedelta, timezone

    moscow = datetime(2024, 11, 26, 14, tzinfo=timezone(timedelta(hours=3)))  # 11:00 UTC
    london = datetime(2024, 11, 26, 12, tzinfo=UTC)
    assert _slugs(sort_articles([make_article("moscow", moscow), make_article("london", london)])) == [
        "london",
        "moscow",
    ]


def test_group_counts_and_order() -> None:
    listed = sort_articles(
        [
            make_article("a", day(3), leaders=("Xi Jinping", "Vladimir Putin"), topics=("Energy",)),
            make_article("b", day(2), leaders=("Vladimir Putin",), topics=("Energy", "Diplomacy")),
            make_article("c", day(1), leaders=("Alexander Lukashenko",)),
            make_article("d", day(4), leaders=("Vladimir Putin",)),
        ]
    )
    leaders = group(listed, "leaders")
    assert [(e.term.name, _slugs(e.articles)) for e in leaders] == [
        ("Vladimir Putin", ["d", "a", "b"]),  # most articles first, each list newest first
        ("Alexander Lukashenko", ["c"]),  # then by name
        ("Xi Jinping", ["a"]),
    ]
    assert [(e.term.name, len(e.articles)) for e in group(listed, "topics")] == [("Energy", 2), ("Diplomacy", 1)]


def test_drafts_are_left_out_unless_asked_for() -> None:
    articles = [
        make_article("pub", day(1), leaders=("Xi Jinping",)),
        make_article("draft", day(2), leaders=("Vladimir Putin",), draft=True),
    ]
    plan = plan_site(articles, per_page=10)
    assert _slugs(plan.articles) == ["pub"] and [e.term.slug for e in plan.leaders] == ["xi-jinping"]
    assert "articles/draft/index.html" not in {p.output_path for p in plan.pages}
    with_drafts = plan_site(articles, per_page=10, drafts=True)
    assert _slugs(with_drafts.articles) == ["draft", "pub"] and len(with_drafts.leaders) == 2


def test_pages_of_a_small_site() -> None:
    plan = plan_site([make_article("a", day(1), leaders=("Xi Jinping",), topics=("Energy",))], per_page=10)
    assert [(p.output_path, p.template) for p in plan.pages] == [
        ("index.html", "home.html"),
        ("articles/a/index.html", "article.html"),
        ("leaders/index.html", "leaders.html"),
        ("leaders/xi-jinping/index.html", "leader.html"),
        ("topics/index.html", "topics.html"),
        ("topics/energy/index.html", "topic.html"),
        ("countries/index.html", "countries.html"),
        ("briefings/2024-11-01/index.html", "briefing.html"),
        ("archive/index.html", "archive.html"),
        ("feed.xml", "atom.xml"),
        ("feed.json", "feed.json"),
        ("leaders/xi-jinping/feed.xml", "atom.xml"),
        ("topics/energy/feed.xml", "atom.xml"),
        ("search/index.html", "search.html"),
        ("404.html", "404.html"),
    ]
    with_sitemap = plan_site(plan.articles, per_page=10, sitemap=True)
    assert [(p.output_path, p.template) for p in with_sitemap.pages] == [
        *[(p.output_path, p.template) for p in plan.pages],
        ("sitemap.xml", "sitemap.xml"),
        ("robots.txt", "robots.txt"),
    ]
    sitemap = with_sitemap.pages[-2]
    assert isinstance(sitemap, SitemapPage) and "404.html" not in sitemap.paths and "index.html" in sitemap.paths


def test_empty_site_still_has_a_home_page() -> None:
    plan = plan_site([], per_page=3)
    home = plan.pages[0]
    assert isinstance(home, ListPage)
    assert home.output_path == "index.html" and home.articles == () and home.pager == Pager(1, 1, None, None)


def test_pagination() -> None:
    articles = [make_article(f"a{n}", day(n), topics=("Energy",)) for n in range(1, 6)]
    plan = plan_site(articles, per_page=2)
    home = [p for p in plan.pages if isinstance(p, ListPage) and p.template == "home.html"]
    assert [(p.output_path, _slugs(p.articles), p.pager) for p in home] == [
        ("index.html", ["a5", "a4"], Pager(1, 3, None, "page/2/index.html")),
        ("page/2/index.html", ["a3", "a2"], Pager(2, 3, "index.html", "page/3/index.html")),
        ("page/3/index.html", ["a1"], Pager(3, 3, "page/2/index.html", None)),
    ]
    topic = [p for p in plan.pages if isinstance(p, ListPage) and p.template == "topic.html"]
    assert [p.output_path for p in topic] == [
        "topics/energy/index.html",
        "topics/energy/page/2/index.html",
        "topics/energy/page/3/index.html",
    ]
    assert topic[1].pager.next_path == "topics/energy/page/3/index.html"
    assert _slugs(topic[2].articles) == ["a1"] and topic[2].term.name == "Energy"


@pytest.mark.parametrize(("count", "per_page", "pages"), [(0, 2, 1), (1, 2, 1), (2, 2, 1), (3, 2, 2), (4, 1, 4)])
def test_page_counts(count: int, per_page: int, pages: int) -> None:
    plan = plan_site([make_article(f"a{n}", day(n + 1)) for n in range(count)], per_page=per_page)
    assert sum(p.template == "home.html" for p in plan.pages) == pages


def test_related_articles_share_the_most_terms() -> None:
    articles = [
        make_article("base", day(10), leaders=("Vladimir Putin", "Xi Jinping"), topics=("Energy",)),
        make_article("two", day(1), leaders=("Vladimir Putin", "Xi Jinping")),
        make_article("one-near", day(9), leaders=("Vladimir Putin",)),
        make_article("one-far", day(2), topics=("Energy",)),
        make_article("none", day(8), leaders=("Alexander Lukashenko",)),
    ]
    plan = plan_site(articles, per_page=10)
    related = {p.article.slug: _slugs(p.related) for p in plan.pages if isinstance(p, ArticlePage)}
    assert related["base"] == ["two", "one-near", "one-far"]
    assert related["none"] == []


def test_related_is_capped() -> None:
    articles = [make_article(f"a{n:02}", day(n + 1), topics=("Energy",)) for n in range(20)]
    plan = plan_site(articles, per_page=50)
    article_pages = [p for p in plan.pages if isinstance(p, ArticlePage)]
    assert len(article_pages) == 20 and all(len(p.related) == RELATED for p in article_pages)


def test_collisions_are_all_reported_with_their_sources() -> None:
    from dataclasses import replace

    a = make_article("summit", day(1))
    # An article slugged "leaders" is fine: articles live under articles/, away from index pages.
    clash = [
        a,
        replace(a, source_path="content/b/summit.txt"),
        make_article("leaders", day(2)),
        make_article("other", day(3)),
        replace(make_article("other", day(3)), source_path="content/z/other.md"),
    ]
    with pytest.raises(BuildFailed) as failure:
        plan_site(clash, per_page=10)
    assert [str(p) for p in failure.value.problems] == [
        "content/other.md: URL collision: articles/other/index.html is produced by content/other.md, content/z/other.md",
        "content/b/summit.txt: URL collision: articles/summit/index.html is produced by content/b/summit.txt, content/summit.md",
    ]


def test_a_collision_names_only_the_files_that_collide() -> None:
    """Not the related articles shown on the colliding pages."""
    a = make_article("summit", day(1), topics=("Energy",))
    clash = [a, replace(a, source_path="content/b/summit.md"), make_article("gas", day(2), topics=("Energy",))]
    with pytest.raises(BuildFailed) as failure:
        plan_site(clash, per_page=10)
    assert [str(p) for p in failure.value.problems] == [
        "content/b/summit.md: URL collision: articles/summit/index.html is produced by content/b/summit.md, content/summit.md"
    ]


def test_collisions_are_detected_case_folded() -> None:
    """`Energy` vs `energy` would be one folder on macOS and Windows."""
    a = make_article("a", day(1), topics=("Energy",))
    b = with_terms(make_article("b", day(2)), topics=(Term("topic", "Energy", "Energy", "Energy", "topics"),))
    with pytest.raises(BuildFailed) as failure:
        plan_site([a, b], per_page=10)
    problem, feed = failure.value.problems  # the topic page, and the topic's feed beside it
    assert feed.message.casefold().startswith("url collision: topics/energy/feed.xml")
    # named as the first page to claim it spells it (the topics sort "Energy" before "energy")
    assert problem.message.startswith("URL collision: topics/Energy/index.html is produced by")
    assert "content/a.md" in problem.message and "content/b.md" in problem.message


def _three_months() -> list:  # type: ignore[type-arg]
    return [
        make_article("gas", datetime(2024, 11, 1, 12, tzinfo=UTC), leaders=("Xi Jinping",), topics=("Energy",)),
        make_article("oil", datetime(2024, 12, 2, 12, tzinfo=UTC), leaders=("Xi Jinping",)),
        make_article("grid", datetime(2024, 12, 3, 12, tzinfo=UTC), topics=("Energy",)),
        make_article("wind", datetime(2025, 1, 4, 12, tzinfo=UTC), topics=("Energy",)),
    ]


def test_each_page_hands_its_template_the_names_the_templates_use() -> None:
    plan = plan_site(_three_months(), per_page=10, sitemap=True)
    pages = {p.output_path: p for p in plan.pages}
    article = pages["articles/gas/index.html"]
    assert isinstance(article, ArticlePage)
    assert article.context() == {"article": article.article, "related": article.related, "versions": ()}
    home = pages["index.html"]
    assert isinstance(home, ListPage)
    assert home.context() == {"articles": home.articles, "pager": home.pager, "versions": ()}
    leader = pages["leaders/xi-jinping/index.html"]
    assert isinstance(leader, ListPage) and leader.term is not None and leader.profile is not None
    assert leader.context() == {
        "articles": leader.articles,
        "pager": leader.pager,
        "versions": (),
        "term": leader.term,
        "profile": leader.profile,
    }
    terms = pages["topics/index.html"]
    assert isinstance(terms, TermsPage) and terms.context() == {"taxonomy": terms.taxonomy, "rows": terms.rows}
    search = pages["search/index.html"]
    assert isinstance(search, PlainPage) and search.context() == {}
    feed = pages["feed.xml"]
    assert isinstance(feed, FeedPage) and feed.context() == {"feed": feed}
    briefing = pages["briefings/2024-12-02/index.html"]
    assert isinstance(briefing, DayPage)
    assert briefing.context() == {
        "day": briefing.day,
        "groups": briefing.groups,
        "prev_path": "briefings/2024-11-01/index.html",
        "next_path": "briefings/2024-12-03/index.html",
        "count": 1,
    }
    sitemap = pages["sitemap.xml"]
    assert isinstance(sitemap, SitemapPage) and sitemap.context() == {"paths": sitemap.paths}


def test_the_archive_sums_each_year_over_its_months() -> None:
    archive = plan_site(_three_months(), per_page=10).pages
    [page] = [p for p in archive if isinstance(p, ArchivePage)]
    [(y2025, n2025, months2025), (y2024, n2024, months2024)] = page.context()["years"]
    assert (y2025, n2025, [m.month for m in months2025]) == (2025, 1, [1])
    assert (y2024, n2024, [(m.month, m.count) for m in months2024]) == (2024, 3, [(12, 2), (11, 1)])


def test_a_page_fingerprint_changes_with_everything_it_shows_besides_its_articles() -> None:
    """The fingerprint decides whether an unchanged page is rendered again: it must see every change."""
    plan = plan_site(_three_months(), per_page=1, sitemap=True)
    changed = {
        ListPage: {"pager": Pager(9, 9, None, None)},
        TermsPage: {"rows": (TermRow(term("leader", "Someone New"), 0, ""),)},
        FeedPage: {"title": "Another title"},
        DayPage: {"next_path": None, "prev_path": None},
        ArchivePage: {"months": ()},
        SitemapPage: {"paths": ("index.html",)},
    }
    seen = set()
    for page in plan.pages:
        assert page.fingerprint() == replace(page).fingerprint(), page.output_path
        if type(page) in changed:
            assert page.fingerprint() != replace(page, **changed[type(page)]).fingerprint(), page.output_path  # type: ignore[arg-type]
            seen.add(type(page))
    assert seen == set(changed)
    leader = next(p for p in plan.pages if isinstance(p, ListPage) and p.term is not None)
    assert leader.fingerprint() != replace(leader, profile=None).fingerprint()


def test_each_page_shows_exactly_the_articles_whose_cards_or_titles_it_holds() -> None:
    """`shows` is what a page's key is made of (pipeline/reuse.py): a page left out would go stale."""
    plan = plan_site(_three_months(), per_page=10)
    gas = {p.output_path for p in plan.pages if any(a.slug == "gas" for a in p.shows)}
    assert {"index.html", "articles/gas/index.html", "leaders/xi-jinping/index.html", "feed.xml"} <= gas
    assert "articles/grid/index.html" in gas  # a related article's page shows it too
    assert "leaders/index.html" not in gas  # a list of terms shows counts, not cards


def test_feeds_of_the_site_and_of_each_term() -> None:
    articles = [*_three_months(), make_article("undated", None, leaders=("Xi Jinping",))]
    pages = {p.output_path: p for p in plan_site(articles, per_page=10, title="EU Desk").pages}
    for path in ("feed.xml", "feed.json"):
        feed = pages[path]
        assert isinstance(feed, FeedPage)
        assert (feed.title, feed.html_path, feed.term) == ("EU Desk", "index.html", None)
        assert _slugs(feed.articles) == ["wind", "grid", "oil", "gas"]  # dated only, newest first
    leader = pages["leaders/xi-jinping/feed.xml"]
    assert isinstance(leader, FeedPage) and leader.term is not None and leader.term.name == "Xi Jinping"
    assert (leader.template, leader.title, leader.html_path) == (
        "atom.xml",
        "Xi Jinping · EU Desk",
        "leaders/xi-jinping/index.html",
    )
    assert _slugs(leader.articles) == ["oil", "gas"]
    untitled = plan_site(articles, per_page=10).pages
    assert {p.title for p in untitled if isinstance(p, FeedPage) and p.term is None} == {"Briefing"}


def test_the_plan_lists_topics_with_their_page_and_dossiers_on_first_pages_only() -> None:
    plan = plan_site(_three_months(), per_page=2)
    assert [(e.term.name, _slugs(e.articles)) for e in plan.topics] == [("Energy", ["wind", "grid", "gas"])]
    pages = {p.output_path: p for p in plan.pages}
    topics = pages["topics/index.html"]
    assert isinstance(topics, TermsPage) and [r.term for r in topics.rows] == [t.term for t in plan.topics]
    newest = max(a.date for a in plan.topics[0].articles if a.date is not None)
    assert (topics.rows[0].count, topics.rows[0].last_seen) == (len(plan.topics[0].articles), newest.date().isoformat())
    first, second = pages["topics/energy/index.html"], pages["topics/energy/page/2/index.html"]
    assert isinstance(first, ListPage) and isinstance(second, ListPage)
    assert first.profile is not None and first.profile.count == 3 and second.profile is None
    assert second.term == first.term


def test_a_leaders_dossier_lists_the_offices_the_registry_gives() -> None:
    from digestgen.pipeline.plan.pages import Office

    office = Office("President", "China", "2013-03", None)
    plan = plan_site(_three_months(), per_page=10, offices=lambda term: ((office,), "China"))
    leader = next(p for p in plan.pages if p.output_path == "leaders/xi-jinping/index.html")
    assert isinstance(leader, ListPage) and leader.profile is not None
    assert (leader.profile.offices, leader.profile.country) == ((office,), "China")


def test_the_leaders_index_shows_the_office_of_the_leaders_own_country() -> None:
    """A president of France is also co-prince of Andorra: the index names the office a reader
    knows him by, the current one of his own country, whatever order the registry gives."""
    from digestgen.pipeline.plan.pages import Office

    offices = (
        Office("Minister of Economy", "France", "2014-08", "2016-08"),
        Office("President of France", "France", "2017-05-14", None),
        Office("French co-prince of Andorra", "Andorra", "2017-05-14", None),
    )
    for given in (offices, offices[::-1]):
        plan = plan_site(_three_months(), per_page=10, offices=lambda term, given=given: (given, "France"))
        [index] = [p for p in plan.pages if p.output_path == "leaders/index.html"]
        assert isinstance(index, TermsPage) and {r.office for r in index.rows} == {"President of France"}


def test_briefings_follow_the_site_time_zone() -> None:
    from zoneinfo import ZoneInfo

    late = make_article("late", datetime(2024, 11, 1, 20, tzinfo=UTC))  # already 2 November in Tokyo
    utc = {p.output_path for p in plan_site([late], per_page=10).pages}
    tokyo = {p.output_path for p in plan_site([late], per_page=10, tz=ZoneInfo("Asia/Tokyo")).pages}
    assert "briefings/2024-11-01/index.html" in utc and "briefings/2024-11-02/index.html" in tokyo


def test_related_articles_are_nearest_in_time_first_on_both_sides() -> None:
    articles = [make_article(f"a{n}", day(n), topics=("Energy",)) for n in range(1, 6)]
    plan = plan_site(articles, per_page=10)
    related = {p.article.slug: _slugs(p.related) for p in plan.pages if isinstance(p, ArticlePage)}
    assert related["a2"] == ["a1", "a3", "a4", "a5"]  # one day away on either side (ties by slug), then further
    assert related["a1"] == ["a2", "a3", "a4", "a5"]  # the newest of the topic is related to the oldest too


def test_related_candidates_are_each_terms_neighbours_only() -> None:
    """The cost bound: within one term only the RELATED nearest articles on each side are candidates."""
    crowd = [make_article(f"c{n:02}", day(n + 2), topics=("Energy",)) for n in range(RELATED)]
    base = make_article("base", day(1), topics=("Energy", "Grid"))
    far = make_article("far", day(RELATED + 2), topics=("Energy", "Grid"))
    related = {
        p.article.slug: _slugs(p.related)
        for p in plan_site([base, *crowd, far], per_page=10).pages
        if isinstance(p, ArticlePage)
    }
    # Sharing two terms does not reach past six Energy neighbours, looking forward or back in time.
    assert related["base"] == ["c00", "c01", "c02", "c03", "c04", "c05"]
    assert related["far"] == ["c05", "c04", "c03", "c02", "c01", "c00"]
