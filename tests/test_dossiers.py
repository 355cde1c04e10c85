"""Term dossiers and daily briefings (MODEL), and the words and charts the templates show (RENDER)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from digestgen.model import LEADERS, TOPICS, Evidence
from digestgen.pipeline.plan.briefings import HEADLINE, LEAD, briefing_pages, group_day, salience
from digestgen.pipeline.plan.pages import Office
from digestgen.pipeline.plan.profiles import coverage, registry_offices, term_profiles
from digestgen.pipeline.plan.site import group, sort_articles
from digestgen.pipeline.render.filters import count_of, era_years, sentences, timeline, times, years
from digestgen.taxonomy.leaders import LeaderDef, Role
from tests.support import build_project, day, make_article, md, term


def _articles() -> tuple:
    return sort_articles(
        [
            make_article(
                "a",
                datetime(2024, 9, 3, tzinfo=UTC),
                leaders=("Vladimir Putin", "Xi Jinping"),
                topics=("Energy", "Trade"),
            ),
            make_article("b", datetime(2024, 11, 5, tzinfo=UTC), leaders=("Vladimir Putin",), topics=("Energy",)),
            make_article(
                "c",
                datetime(2024, 11, 5, 23, 30, tzinfo=UTC),
                leaders=("Vladimir Putin", "Xi Jinping"),
                topics=("Diplomacy",),
            ),
            make_article("d", None, leaders=("Alexander Lukashenko",), topics=("Energy",)),
        ]
    )


def _grouped(listed: tuple) -> dict:
    return {"leaders": group(listed, "leaders"), "topics": group(listed, "topics")}


def test_coverage_fills_the_months_between_first_and_last() -> None:
    assert coverage(_articles()) == (("2024-09", 1), ("2024-10", 0), ("2024-11", 2))
    assert coverage([make_article("x", None)]) == ()


def test_profiles_count_topics_and_companions() -> None:
    listed = _articles()
    profiles = term_profiles(_grouped(listed), (LEADERS, TOPICS))
    putin = profiles["leaders", "vladimir-putin"]
    assert putin.count == 3 and putin.feed_path == "leaders/vladimir-putin/feed.xml"
    [topics] = putin.cross
    assert (topics.heading, topics.key) == ("Topics", "topics")
    assert [(t.name, n) for t, n in topics.items] == [("Energy", 2), ("Diplomacy", 1), ("Trade", 1)]
    assert putin.peers is not None and putin.peers.heading == "Most often with"
    assert [(t.name, n) for t, n in putin.peers.items] == [("Xi Jinping", 2)]
    energy = profiles["topics", "energy"]
    assert [(t.name, n) for t, n in energy.cross[0].items] == [
        ("Vladimir Putin", 2),
        ("Alexander Lukashenko", 1),
        ("Xi Jinping", 1),
    ]
    assert energy.peers is not None and [(t.name, n) for t, n in energy.peers.items] == [("Trade", 1)]


def test_offices_come_from_the_registry() -> None:
    roles = (
        Role("President of Russia", "head", "president", "Russia", "2012-05-07", None),
        Role("Prime Minister of Russia", "head", "prime minister", "Russia", "1999-08-16", "2000-05-07"),
        Role("Acting President of Russia", "head", "president", "Russia", None, "2000-05-07"),
    )
    entry = LeaderDef("vladimir-putin", "Vladimir Putin", ("Putin",), "Russia", roles, ("test",))
    listed = _articles()
    lookup = registry_offices({("leaders", "vladimir-putin"): entry})
    profiles = term_profiles(_grouped(listed), (LEADERS, TOPICS), lookup)
    putin = profiles["leaders", "vladimir-putin"]
    assert putin.country == "Russia"
    assert putin.offices == (  # earliest first; an office whose start is unknown before all others
        Office("Acting President of Russia", "Russia", None, "2000-05-07"),
        Office("Prime Minister of Russia", "Russia", "1999-08-16", "2000-05-07"),
        Office("President of Russia", "Russia", "2012-05-07", None),
    )
    xi = profiles["leaders", "xi-jinping"]
    assert xi.offices == () and xi.country == ""
    energy = profiles["topics", "energy"]  # a topic never asks the registry for offices
    assert energy.offices == () and energy.country == ""
    assert energy.months == (("2024-09", 1), ("2024-10", 0), ("2024-11", 1))


def test_coverage_runs_across_a_new_year() -> None:
    articles = [
        make_article("a", datetime(2023, 11, 20, tzinfo=UTC)),
        make_article("b", datetime(2024, 2, 1, tzinfo=UTC)),
    ]
    assert coverage(articles) == (("2023-11", 1), ("2023-12", 0), ("2024-01", 0), ("2024-02", 1))


def test_a_shared_article_goes_to_the_leader_covered_most_that_day_and_groups_go_by_size() -> None:
    articles = [
        make_article("p1", day(5), leaders=("Vladimir Putin",)),
        make_article("x1", day(5), leaders=("Xi Jinping",)),
        make_article("x2", day(5), leaders=("Xi Jinping",)),
        make_article("both", day(5), leaders=("Vladimir Putin", "Xi Jinping")),
        make_article("e1", day(5), topics=("Energy",)),
        make_article("t1", day(5), topics=("Trade",)),
        make_article("t2", day(5), topics=("Trade", "Energy")),
        make_article("t3", day(5), topics=("Trade",)),
        *(make_article(f"o{i}", day(5)) for i in range(4)),
    ]
    groups = group_day(articles)
    assert [(g.heading, [a.slug for a in g.articles]) for g in groups] == [
        ("Xi Jinping", ["x1", "x2", "both"]),  # three articles that day against Putin's two
        ("Vladimir Putin", ["p1"]),
        ("Trade", ["t1", "t2", "t3"]),  # Energy has two that day, Trade three
        ("Energy", ["e1"]),
        ("Other", ["o0", "o1", "o2", "o3"]),  # always last, however many
    ]
    assert [g.term for g in groups] == [
        term("leader", "Xi Jinping"),
        term("leader", "Vladimir Putin"),
        term("topic", "Trade"),
        term("topic", "Energy"),
        None,
    ]


def test_a_day_groups_each_article_once_by_leader_then_topic() -> None:
    articles = [
        make_article("p1", day(5), leaders=("Vladimir Putin",)),
        make_article("p2", day(5), leaders=("Xi Jinping", "Vladimir Putin")),
        make_article("x", day(5), leaders=("Xi Jinping",), topics=("Trade",)),
        make_article("t", day(5), topics=("Energy",)),
        make_article("o", day(5)),
    ]
    groups = group_day(articles)
    assert [(g.heading, [a.slug for a in g.articles]) for g in groups] == [
        ("Vladimir Putin", ["p1", "p2"]),
        ("Xi Jinping", ["x"]),
        ("Energy", ["t"]),
        ("Other", ["o"]),
    ]
    assert sum(len(g.articles) for g in groups) == len(articles)


def test_days_follow_the_site_timezone_and_link_to_their_neighbours() -> None:
    pages, archive = briefing_pages(_articles(), timezone(timedelta(hours=3)), ("leaders", "topics"))
    assert [p.output_path for p in pages] == [
        "briefings/2024-11-06/index.html",
        "briefings/2024-11-05/index.html",
        "briefings/2024-09-03/index.html",
    ]  # 23:30 UTC is the 6th in Moscow
    assert pages[0].next_path is None and pages[0].prev_path == "briefings/2024-11-05/index.html"
    assert pages[-1].prev_path is None and pages[-1].next_path == "briefings/2024-11-05/index.html"
    assert archive is not None and [(m.year, m.month, m.count) for m in archive.months] == [(2024, 11, 2), (2024, 9, 1)]
    assert archive.months[0].days[0][0] == date(2024, 11, 6)
    assert [p.day for p in pages] == [date(2024, 11, 6), date(2024, 11, 5), date(2024, 9, 3)]
    assert briefing_pages([make_article("u", None)], UTC, ("leaders", "topics")) == ([], None)


def test_words_for_counts_and_spans() -> None:
    assert (count_of(1, "article"), count_of(0, "leader"), count_of(3, "topic")) == (
        "1 article",
        "0 leaders",
        "3 topics",
    )
    assert (times(1), times(2), times(7)) == ("once", "twice", "7 times")
    assert years(Office("President", "Russia", "2000-05-07", "2008-05-07")) == "2000–2008"
    assert years(Office("President", "Russia", "2012", None)) == "since 2012"
    assert sentences("One. Two here. Three.", 2) == "One. Two here."
    assert sentences("Only one.", 2) == "Only one."


def test_the_timeline_is_an_svg_without_script_with_a_table_behind_it() -> None:
    svg = str(timeline((("2024-09", 1), ("2024-10", 0), ("2024-11", 2))))
    assert svg.count("<rect") == 3 and "<script" not in svg
    assert "<caption>Dated articles per month: 3 articles from September 2024 to November 2024</caption>" in svg
    assert '<tr><th scope="row">November 2024</th><td>2</td></tr>' in svg and "October 2024</th>" not in svg
    assert "<title>November 2024: 2 articles</title>" in svg and 'height="0"' in svg


def test_coverage_counts_dated_stories_only_and_says_how_many_are_undated(make_project) -> None:  # type: ignore[no-untyped-def]
    files = {f"content/u{i}.md": md(f"Undated {i}", None) for i in range(29)}
    files["content/d.md"] = md("Dated", "2019-08-20")
    root = make_project(files)
    site = build_project(root).output
    putin = (site / "leaders" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert "30 articles: 1 dated, in August 2019; 29 undated" in putin
    assert '<figure class="timeline">' not in putin, "one month is no timeline"


def test_a_card_does_not_open_with_its_title_again() -> None:
    summary = "Putin and Lukashenko met in Minsk on Friday. They signed a treaty. Both spoke."
    assert sentences(summary, 2, "Putin and Lukashenko met in Minsk…") == "They signed a treaty. Both spoke."
    assert (
        sentences(summary, 2, "Treaty signed") == "Putin and Lukashenko met in Minsk on Friday. They signed a treaty."
    )
    assert sentences("Putin and Lukashenko met.", 2, "Putin and Lukashenko met") == "Putin and Lukashenko met."


def test_a_story_is_filed_under_the_leader_it_is_about_not_the_busiest_one() -> None:
    """Kim in the headline and the lead outweighs a president named more often on other stories that day."""
    kim = replace(
        make_article("kim", day(5), leaders=("Donald Trump", "Kim Jong Un")),
        title="Kim Jong Un oversees a missile launch",
        summary="North Korea's leader Kim Jong Un watched the test. Washington said it was watching.",
    )
    kim = replace(
        kim,
        evidence={
            "leaders": (
                Evidence("donald-trump", (("Trump", 1),)),
                Evidence("kim-jong-un", (("Kim Jong Un", 1), ("Kim", 2))),
            )
        },
    )
    others = [make_article(f"t{i}", day(5), leaders=("Donald Trump",)) for i in range(3)]
    groups = group_day([kim, *others])
    assert [(g.heading, [a.slug for a in g.articles]) for g in groups] == [
        ("Donald Trump", ["t0", "t1", "t2"]),
        ("Kim Jong Un", ["kim"]),
    ]
    assert salience(kim, kim.leaders[1]) == HEADLINE + LEAD + 3 and salience(kim, kim.leaders[0]) == 1


def test_an_era_reads_in_years() -> None:
    assert era_years("2003-01-01 to 2007-06-27") == "2003–2007"
    assert era_years("2019-05-20 to …") == "since 2019"
    assert era_years("2004-02-01 to 2004-09-30") == "2004"
    assert era_years("1997-05-02 to 1999-01-01, 2001-06-07 to 2005-05-05") == "1997–2005"
    assert era_years("") == "" and era_years("0001-01-01 to 9999-12-31") == ""  # a role the registry cannot date
    assert era_years("0001-01-01 to 2004-01-01") == "until 2004"
