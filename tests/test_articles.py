"""articles (PARSE -> INFER -> MODEL): strict fields, dates, names through the registry, safe bodies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from digestgen.config import load_config
from digestgen.errors import Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry
from tests.support import SMALL_REGISTRY, build_project, md, read_tree

WIRE = """Putin and Xi agree gas pipeline terms

MOSCOW, Nov 26 (Reuters) - Russian President Vladimir Putin and Chinese President Xi Jinping agreed on
the price of gas for a new pipeline, the Kremlin said on Tuesday.

The pipeline would carry gas from western Siberia to China through Mongolia.
"""


def _parse(text: str, tmp_path: Path, config: str = "", name: str = "x.md") -> tuple[Article | None, list[str]]:
    """Run the article stage on one file's text under SMALL_REGISTRY plus `config`."""
    (tmp_path / "digestgen.yaml").write_text(SMALL_REGISTRY + config, encoding="utf-8")
    cfg = load_config(tmp_path / "digestgen.yaml")
    stem, suffix = name.rsplit(".", 1)
    source = SourceFile(f"content/{name}", stem, "text" if suffix == "txt" else "markdown", text)  # type: ignore[arg-type]
    report = Problems()
    article = parse_article(source, cfg, load_registry(cfg), report)
    problems = list(report)
    return article, [str(p) for p in problems]


def _ok(text: str, tmp_path: Path, config: str = "", name: str = "x.md") -> Article:
    """The article of a file with no errors (a name in no registry may warn)."""
    article, problems = _parse(text, tmp_path, config, name)
    assert [p for p in problems if ": warning: " not in p] == [] and article is not None
    return article


def test_front_matter_fields(tmp_path: Path) -> None:
    a = _ok(
        md(
            "Gas  talks",
            summary="Fixed.",
            source="Reuters",
            source_url="https://example.org/a",
            slug="gas-deal",
            draft="true",
            region="Europe",
        ),
        tmp_path,
    )
    assert (a.title, a.summary, a.outlet, a.source_url, a.slug, a.draft) == (
        "Gas talks",
        "Fixed.",
        "Reuters",
        "https://example.org/a",
        "gas-deal",
        True,
    )
    assert dict(a.extra) == {"region": "Europe"}
    assert a.output_path == "articles/gas-deal/index.html"
    assert a.origin["title"] == a.origin["summary"] == "front matter"


def test_slug_defaults_to_the_file_name(tmp_path: Path) -> None:
    a = _ok(md(), tmp_path, name="Путин в Пекине.md")
    assert a.slug == "putin-v-pekine" and a.origin["slug"] == "file name"


def test_naive_dates_take_the_configured_timezone(tmp_path: Path) -> None:
    a = _ok(md(date="2024-11-26 10:30"), tmp_path, "timezone: Europe/Moscow\n")
    assert a.date == datetime.fromisoformat("2024-11-26T10:30:00+03:00")
    assert a.date.utcoffset() == timedelta(hours=3)


def test_date_only_is_midnight_in_the_configured_timezone(tmp_path: Path) -> None:
    a = _ok(md(date="2024-11-26"), tmp_path, "timezone: Asia/Tokyo\n")
    assert a.date is not None and a.date.isoformat() == "2024-11-26T00:00:00+09:00"


def test_aware_dates_keep_their_offset(tmp_path: Path) -> None:
    a = _ok(md(date="2024-11-26T10:30:00-05:00"), tmp_path, "timezone: Europe/Moscow\n")
    assert a.date is not None and a.date.utcoffset() == timedelta(hours=-5)


def test_undated_article(tmp_path: Path) -> None:
    a = _ok(md(date=None), tmp_path)
    assert a.date is None and a.origin["date"] == "none"


@pytest.mark.parametrize("names", [["Putin"], ["vladimir putin"], ["Путин"], ["PUTIN", "Vladimir  Putin", "Mr Putin"]])
def test_leader_names_resolve_through_aliases(tmp_path: Path, names: list[str]) -> None:
    a = _ok(md(leaders=names), tmp_path)
    assert [(t.name, t.slug, t.output_path) for t in a.leaders] == [
        ("Vladimir Putin", "vladimir-putin", "leaders/vladimir-putin/index.html")
    ]


def test_unknown_leader_gets_its_own_ascii_term(tmp_path: Path) -> None:
    a = _ok(md(leaders=["Лукашенко", "Putin"]), tmp_path)
    assert [(t.name, t.slug) for t in a.leaders] == [("Лукашенко", "lukashenko"), ("Vladimir Putin", "vladimir-putin")]


def test_topics_resolve_case_insensitively(tmp_path: Path) -> None:
    a = _ok(md(topics=["energy", "DIPLOMACY", "Arctic shipping"]), tmp_path)
    assert [(t.name, t.slug) for t in a.topics] == [
        ("Energy", "energy"),
        ("Diplomacy", "diplomacy"),
        ("Arctic shipping", "arctic-shipping"),
    ]


def test_a_single_string_is_one_name(tmp_path: Path) -> None:
    a = _ok(md(leaders="Xi", topics="energy"), tmp_path)
    assert [t.slug for t in a.leaders] == ["xi-jinping"] and [t.slug for t in a.topics] == ["energy"]


def test_quoted_no_is_a_topic_named_no(tmp_path: Path) -> None:
    a = _ok(md(topics='"no"'), tmp_path)
    assert [(t.name, t.slug) for t in a.topics] == [("no", "no")]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            "topics: no",
            "content/x.md:4: 'topics' must be a string or list of strings, got boolean "
            "(YAML reads yes/no/on/off/true/false as booleans: quote it)",
        ),
        (
            "leaders: [Putin, 2024]",
            "content/x.md:4: 'leaders' must be a string or list of strings, got number (quote it)",
        ),
        ("leaders: ['']", "content/x.md:4: leader name cannot be empty"),
        ("topics: ['!!!']", "content/x.md:4: topic name '!!!' gives an empty URL slug"),
        (
            "slug: ../../etc/x",
            "content/x.md:4: invalid slug '../../etc/x': use lowercase ASCII letters, digits and hyphens (for example 'etc-x')",
        ),
        ("draft: 'yes'", "content/x.md:4: 'draft' must be true or false, got string"),
        (
            "source_url: javascript:alert(1)",
            "content/x.md:4: 'source_url' must be an absolute http:// or https:// address",
        ),
        (
            "source_url: 'https:&#x2F;&#x2F;evil'",
            "content/x.md:4: 'source_url' must be an absolute http:// or https:// address",
        ),
        (
            "date: yesterday",
            "content/x.md:4: 'date' could not be parsed: 'yesterday' (use YYYY-MM-DD or an ISO 8601 date-time)",
        ),
    ],
)
def test_strict_field_types(tmp_path: Path, field: str, expected: str) -> None:
    text = f"---\ntitle: x\nsummary: s\n{field}\n---\nbody\n"
    assert _parse(text, tmp_path)[1] == [expected]


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    text = "---\ntitle: 2024\ndate: soon\ntopics: no\nsummary: '  '\n---\nbody\n"
    assert _parse(text, tmp_path)[1] == [
        "content/x.md:2: 'title' must be a string, got number (quote it)",
        "content/x.md:3: 'date' could not be parsed: 'soon' (use YYYY-MM-DD or an ISO 8601 date-time)",
        "content/x.md:4: 'topics' must be a string or list of strings, got boolean "
        "(YAML reads yes/no/on/off/true/false as booleans: quote it)",
        "content/x.md:5: 'summary' cannot be empty",
    ]


def test_wire_text_without_front_matter(tmp_path: Path) -> None:
    a = _ok(WIRE, tmp_path, name="wire.txt")
    assert a.title == "Putin and Xi agree gas pipeline terms"
    assert (a.outlet, a.date) == ("Reuters", None)
    assert not a.summary.startswith("MOSCOW"), "the dateline is not part of the card"
    assert [t.slug for t in a.leaders] == ["vladimir-putin", "xi-jinping"]
    assert [t.slug for t in a.topics] == ["energy"]
    assert a.body_html.startswith("<p>MOSCOW, Nov 26 (Reuters) - Russian President")
    assert "Putin and Xi agree" not in a.body_html, "the headline is the title, not body text"
    assert a.origin["leaders"] == a.origin["title"] == "inferred"


def test_a_scraped_page_keeps_bylines_video_captions_and_link_boxes_out_of_title_card_and_tags(
    tmp_path: Path,
) -> None:
    """A saved page opens with a byline block and a video caption, and links a name to a box of other
    stories' headlines; the title, card and leaders come from the story itself."""
    page = (
        "Jane Roe\n\nUSA TODAY\n\n"
        "CLOSE The minister spoke about energy prices in a speech. (Sept. 13) AP\n\n"
        "MOSCOW - President Vladimir Putin Vladimir Vladimirovich PutinXi Jinping hosts summit | Trade talks stall MORE"
        " agreed on Tuesday to raise the price of gas for a new pipeline, the Kremlin said.\n\n"
        "The pipeline would carry gas from western Siberia to the east.\n"
    )
    a = _ok(page, tmp_path, name="page.txt")
    assert a.title.startswith("President Vladimir Putin agreed"), a.title
    assert "Jane Roe" not in a.summary and "CLOSE" not in a.summary and "MORE" not in a.summary
    assert [t.slug for t in a.leaders] == ["vladimir-putin"], "Xi is named only in the link box"
    assert "Jane Roe" in a.body_html, "the furniture stays in the body"
    assert "Trade talks stall" not in a.body_html, "the link box does not: it is not even furniture of this story"
    assert "President Vladimir Putin agreed on Tuesday" in a.body_html


def test_wire_text_is_never_markdown(tmp_path: Path) -> None:
    a = _ok("Headline here\n\n*not emphasis* <b>x</b> & [link](http://x)\n", tmp_path, name="w.txt")
    assert a.body_html == "<p>*not emphasis* &lt;b&gt;x&lt;/b&gt; &amp; [link](http://x)</p>"


def test_markdown_heading_becomes_the_title(tmp_path: Path) -> None:
    a = _ok("# Xi visits Moscow\n\nTalks on *gas* and a summit.\n", tmp_path, name="visit.md")
    assert a.title == "Xi visits Moscow"
    assert "<h1" not in a.body_html and "<em>gas</em>" in a.body_html


def test_raw_html_is_escaped_by_default(tmp_path: Path) -> None:
    body = (
        '<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there.\n\n'
        "[click](javascript:alert(3)) [ok](https://example.org) ![p](data:image/png;base64,xx)\n"
    )
    html = _ok(md(body=body), tmp_path).body_html
    assert "<script" not in html and "<img" not in html and "javascript:" not in html and "data:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.org">ok</a>' in html and "<a>click</a>" in html


@pytest.mark.parametrize("url", ["JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "vbscript:x"])
def test_disguised_script_urls_are_dropped(tmp_path: Path, url: str) -> None:
    html = _ok(md(body=f"[x](<{url}>)\n"), tmp_path).body_html
    assert "script:" not in html.lower() and "<a>x</a>" in html


def test_raw_html_kept_when_trusted(tmp_path: Path) -> None:
    html = _ok(
        md(body='<div class="chart">\n<b>42</b>\n</div>\n\nInline <kbd>x</kbd>.\n'), tmp_path, "allow_raw_html: true\n"
    ).body_html
    assert '<div class="chart">\n<b>42</b>\n</div>' in html and "<kbd>x</kbd>" in html


def test_empty_article(tmp_path: Path) -> None:
    assert _parse("\n\n", tmp_path)[1] == ["content/x.md:1: article is empty"]


def test_summary_is_inferred_when_missing(tmp_path: Path) -> None:
    a = _ok(md(summary=None, body="Leaders met in Beijing on Tuesday. They discussed gas.\n"), tmp_path)
    assert a.summary and a.origin["summary"] == "inferred"
    assert a.summary.split()[0] == "Leaders"


def test_spellings_of_one_leader_make_one_page(make_project: Callable[..., Path]) -> None:
    """`Putin`, `vladimir putin`, `Путин` in three files -> one leaders/vladimir-putin/ page."""
    root = make_project(
        {
            "content/a.md": md("A", leaders=("Putin",)),
            "content/b.md": md("B", leaders=("vladimir putin",)),
            "content/c.md": md("C", leaders=("Путин", "Лукашенко")),
        },
        config=SMALL_REGISTRY,
    )
    report = build_project(root)
    leader_pages = sorted(p for p in read_tree(root / "site") if p.startswith("leaders/") and p.endswith(".html"))
    assert leader_pages == ["leaders/index.html", "leaders/lukashenko/index.html", "leaders/vladimir-putin/index.html"]
    assert report.count("leaders") == 2
    page = (root / "site" / "leaders" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert page.count('<article class="card" ') == 3


NAMED = "Russian President Vladimir Putin spoke about the gas pipeline. Putin said gas and oil would flow through the pipeline by summer.\n"


def test_empty_lists_mean_none_and_nothing_is_inferred(tmp_path: Path) -> None:
    inferred = _ok(md(leaders=None, topics=None, body=NAMED), tmp_path)
    assert [t.name for t in inferred.leaders] == ["Vladimir Putin"] and [t.name for t in inferred.topics] == ["Energy"]
    none = _ok(md(leaders="[]", topics="[]", body=NAMED), tmp_path)
    assert none.leaders == () and none.topics == ()
    assert none.origin["leaders"] == none.origin["topics"] == "front matter"


LONG_LEAD = (
    "Oil prices rose sharply on Monday after producers agreed to cut output by two million barrels a day. "
    "The cut is the largest since the financial crisis, and analysts expect prices to keep rising for months. "
    "Brent crude climbed four percent to ninety two dollars a barrel in London trading on the news. "
    "Airlines warned that higher fuel prices would push up fares for travellers this summer.\n"
)


def test_summary_words_sets_the_card_budget(tmp_path: Path) -> None:
    default = _ok(md(summary=None, body=LONG_LEAD), tmp_path)
    short = _ok(md(summary=None, body=LONG_LEAD), tmp_path, config="summary_words: 12\n")
    assert len(default.summary.split()) > 12 >= len(short.summary.split())
    assert short.summary.startswith("Oil prices rose") and default.summary.startswith("Oil prices rose")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0001-01-01T01:00:00+03:00", "0001-01-01"),
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31T23:00:00-05:00", "9999-12-31"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_at_their_line(tmp_path: Path, value: str, shown: str) -> None:
    article, problems = _parse(md("Old", date=value), tmp_path, config="timezone: Asia/Tokyo\n")
    assert article is None
    assert problems == [f"content/x.md:3: 'date' {shown} is outside the years 1000 to 9998"]


def test_a_date_at_the_edge_of_the_range_builds_its_feeds(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from digestgen.cli import main

    root = make_project(
        {"content/a.md": md("Old", date="1000-01-01"), "content/b.md": md("New", date="9998-12-31T23:59:00-12:00")},
        config="timezone: Pacific/Kiritimati\n",
    )
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    assert "1000-01-01" in (root / "site" / "articles" / "a" / "index.html").read_text(encoding="utf-8")


def test_page_furniture_is_neither_title_nor_card(tmp_path: Path) -> None:
    text = (
        "FILE - Vladimir Putin at a meeting in Moscow, March 3, 2014. (AP Photo/Ivan Sekretarev, File)\n\n"
        "Putin and Xi agree gas pipeline terms\n\n"
        "By Jane Smith, Reuters\n\n"
        "Russian President Vladimir Putin and Chinese President Xi Jinping agreed on the price of gas "
        "for a new pipeline, the Kremlin said on Tuesday.\n\n"
        "Sign up for our morning newsletter to receive the briefing in your inbox\n\n"
        "The pipeline would carry gas from western Siberia to China through Mongolia.\n"
    )
    a = _ok(text, tmp_path, name="wire.txt")
    assert a.title == "Putin and Xi agree gas pipeline terms"
    assert "AP Photo" not in a.summary and "newsletter" not in a.summary and "Jane Smith" not in a.summary
    assert a.date is None, "a caption's date is the photo's, not the story's"
    assert "AP Photo/Ivan Sekretarev" in a.body_html, "furniture stays in the body"
