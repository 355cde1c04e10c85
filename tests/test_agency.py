"""Agency items as articles: ninjs (1.x, 2.x, 3.0 JSON) and NewsML-G2 newsItems (XML) in content/.

The samples in tests/fixtures/wire-formats are IPTC's own examples, copied with their licences.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.commands.inspect import inspect_paths, render_text
from digestgen.config import load_config
from digestgen.errors import BuildFailed, Problems
from digestgen.pipeline.load.sources import find_sources
from digestgen.pipeline.parse.agency import AGENCY, sniff
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry
from tests.support import SMALL_REGISTRY, build_project, project_config

SAMPLES = Path(__file__).parent / "fixtures" / "wire-formats"
Make = Callable[..., Path]


def _articles(root: Path) -> dict[str, object]:
    config = project_config(root)
    registry = load_registry(config)
    problems = Problems()
    sources = find_sources(config, problems)
    assert list(problems) == []
    out = {}
    for source in sources:
        report = Problems()
        article = parse_article(source, config, registry, report)
        found = list(report)
        assert article is not None, found
        out[Path(source.path).name] = article
    return out


def _copy_samples(root: Path, *names: str) -> None:
    (root / "content").mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(next(SAMPLES.rglob(name)), root / "content" / name)


@pytest.mark.parametrize(
    ("name", "title", "date", "source"),
    [
        (
            "1.4-ninjsExMediumText1.json",
            "Captain of wrecked cruise ship on trial in Italy",
            "2013-07-09T10:37:00+00:00",
            "Paulo Santalucia and Frances d'Emilio",
        ),
        (
            "2.1-ninjsExSimpleText_2.json",
            "Captain of wrecked cruise ship on trial in Italy",
            "2013-07-09T10:37:00+00:00",
            "Paulo Santalucia and Frances d'Emilio",
        ),
        (
            "3.0-dpa_text.json",
            "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
            "2019-05-10T16:02:28+02:00",
            "dpa",
        ),
        ("3.0-ntb_text.json", "Google har kjøpt giganttomt i Skien", "2019-08-09T09:46:53+00:00", "NTB"),
        (
            "LISTING_1_A_NewsML-G2_News_Item.xml",
            'Fed to halt QE to avert "bubble"',
            "2018-10-21T16:25:32-05:00",
            "Reuters",
        ),
        (
            "LISTING_2_NewsML-G2_Text_Document.xml",
            'Fed to halt QE to avert "bubble"',
            "2018-11-21T16:25:32-05:00",
            "Acme News and Media LLC",
        ),
    ],
)
def test_an_agency_item_gives_its_headline_date_and_source(
    make_project: Make, name: str, title: str, date: str, source: str
) -> None:
    root = make_project({})
    _copy_samples(root, name)
    article = _articles(root)[name]
    assert (article.title, article.date.isoformat(), article.outlet) == (title, date, source)  # type: ignore[attr-defined]
    assert {article.origin[k] for k in ("title", "date", "source")} == {AGENCY}  # type: ignore[attr-defined]


def test_bodies_become_paragraphs_and_located_the_dateline(make_project: Make) -> None:
    root = make_project({})
    _copy_samples(root, "1.4-ninjsExMediumText1.json", "LISTING_2_NewsML-G2_Text_Document.xml")
    found = _articles(root)
    ninjs, newsml = found["1.4-ninjsExMediumText1.json"], found["LISTING_2_NewsML-G2_Text_Document.xml"]
    assert ninjs.body_html.count("<p>") == 4 and ninjs.body_html.startswith("<p>GROSSETO, Italy (AP)")  # type: ignore[attr-defined]
    assert ninjs.extra["dateline"] == "Grossetto, Italy"  # type: ignore[attr-defined]
    assert newsml.body_html.count("<p>") == 2 and "(New York, NY - October 21)" in newsml.body_html  # type: ignore[attr-defined]
    assert newsml.extra["dateline"] == "New York, NY"  # type: ignore[attr-defined]
    assert newsml.extra["id"] == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"  # type: ignore[attr-defined]


def test_subject_codes_map_to_topics_and_the_rest_is_inferred(make_project: Make) -> None:
    """NTB's subject codes name three of our topics; the dpa item has none, so its topics are inferred."""
    root = make_project({})
    _copy_samples(root, "3.0-ntb_text.json", "3.0-dpa_text.json", "LISTING_2_NewsML-G2_Text_Document.xml")
    found = _articles(root)
    ntb, dpa, g2 = (
        found["3.0-ntb_text.json"],
        found["3.0-dpa_text.json"],
        found["LISTING_2_NewsML-G2_Text_Document.xml"],
    )
    assert [t.id for t in ntb.topics] == ["technology", "industry", "energy"]  # type: ignore[attr-defined]
    assert ntb.origin["topics"] == AGENCY and ntb.origin["summary"] == AGENCY  # type: ignore[attr-defined]
    assert dpa.origin["topics"] == "inferred" and [t.id for t in dpa.topics] == ["sport"]  # type: ignore[attr-defined]
    assert [t.id for t in g2.topics] == ["economy", "finance-markets"]  # type: ignore[attr-defined]


def test_agency_people_resolve_through_the_registry_to_leaders(make_project: Make) -> None:
    item = {
        "uri": "urn:example:1",
        "type": "text",
        "versionCreated": "2024-12-06T10:00:00+03:00",
        "headlines": [{"role": "main", "value": "Talks in Minsk"}],
        "people": [{"name": "Francesco Schettino"}, {"name": "Путин"}],
        "bodies": [{"role": "text", "contentType": "text/plain", "value": "Talks went on.\n\nNo names here."}],
    }
    root = make_project({"content/item.json": json.dumps(item, ensure_ascii=False)}, config=SMALL_REGISTRY)
    article = _articles(root)["item.json"]
    assert [t.name for t in article.leaders] == ["Vladimir Putin"]  # type: ignore[attr-defined]
    assert article.origin["leaders"] == AGENCY  # type: ignore[attr-defined]


def test_inference_fills_only_what_the_item_lacks(make_project: Make) -> None:
    """No date, no people, no subjects in the item: the text's dateline dates it, its words tag it."""
    item = {
        "uri": "urn:example:2",
        "headline": "Putin meets Xi",
        "body_text": "MOSCOW, 26 November 2024 (Reuters) - Vladimir Putin discussed the gas pipeline and oil with Xi Jinping."
        " The gas pipeline and more oil were on the table.",
    }
    root = make_project({"content/item.json": json.dumps(item)}, config=SMALL_REGISTRY)
    article = _articles(root)["item.json"]
    assert article.origin["title"] == AGENCY and article.origin["date"] == "text"  # type: ignore[attr-defined]
    assert article.date.date().isoformat() == "2024-11-26"  # type: ignore[attr-defined]
    assert article.origin["leaders"] == "inferred" and {t.name for t in article.leaders} == {
        "Vladimir Putin",
        "Xi Jinping",
    }  # type: ignore[attr-defined]
    assert article.origin["topics"] == "inferred" and [t.id for t in article.topics] == ["energy"]  # type: ignore[attr-defined]


def test_inspect_says_which_fields_came_from_the_agency(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({})
    _copy_samples(root, "3.0-ntb_text.json")
    monkeypatch.chdir(root)
    text = render_text(inspect_paths([Path("content")], load_config()))
    assert "title    Google har kjøpt giganttomt i Skien  [agency]" in text
    assert "topics   [agency]" in text and "Technology (technology): from the agency item" in text
    assert "summary  [agency]" in text


def test_json_and_xml_that_are_no_agency_items_are_left_alone(make_project: Make) -> None:
    root = make_project(
        {
            "content/data.json": '{"name": "a data file", "values": [1, 2]}',
            "content/list.json": "[1, 2, 3]",
            "content/broken-data.json": "{ not json at all",
            "content/sitemap.xml": '<?xml version="1.0"?><urlset><url><loc>https://x.org/</loc></url></urlset>',
            "content/photo.xml": '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">'
            '<itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>',
            "content/photo.json": '{"uri": "urn:x", "type": "picture", "headline": "A photo"}',
            "content/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n",
        }
    )
    assert list(_articles(root)) == ["a.md"]
    assert build_project(root).articles == 1


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"content/x.json": '{"uri": "urn:x", "headlines": [{"value": "Cut short"'},
            "content/x.json: not valid JSON, so not a ninjs item: Expecting ',' delimiter at line 1",
        ),
        (
            {
                "content/x.xml": '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta><headline>x</contentMeta>'
            },
            "content/x.xml: not well-formed XML: mismatched tag: line 1, column 80",
        ),
        (
            {
                "content/x.xml": '<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta><headline>&b;</headline>'
                "</contentMeta></newsItem>"
            },
            "content/x.xml: the XML declares entities or refers outside the file: refused",
        ),
        (
            {"content/empty.json": '{"uri": "urn:x", "headlines": [], "bodies": []}'},
            "content/empty.json:1: ninjs item has neither a headline nor a body: nothing to publish",
        ),
    ],
)
def test_a_broken_agency_item_is_an_error_naming_it(make_project: Make, files: dict[str, str], expected: str) -> None:
    root = make_project({**files, "content/a.md": "---\ntitle: A\n---\nBody.\n"})
    with pytest.raises(BuildFailed) as failure:
        build_project(root)
    assert [str(p) for p in failure.value.problems] == [expected]
    assert not (root / "site").exists()


def test_the_hop_history_sample_has_nothing_to_publish(make_project: Make) -> None:
    """IPTC's listing 29 is a newsItem with metadata only: a clear error, not an empty page."""
    root = make_project({})
    _copy_samples(root, "LISTING_29_Hop_History.xml")
    with pytest.raises(BuildFailed) as failure:
        build_project(root)
    assert "NewsML-G2 item has neither a headline nor a body" in str(failure.value)


def test_an_nitf_fragment_is_no_news_item() -> None:
    text = (SAMPLES / "newsml-g2" / "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml").read_text()
    assert sniff(text, ".xml") is None


def test_no_script_from_an_agency_body_reaches_the_page(make_project: Make) -> None:
    item = {
        "uri": "urn:example:3",
        "headline": "Scripted",
        "versioncreated": "2024-01-01T00:00:00Z",
        "body_html": '<p>Read <a href="javascript:alert(1)">this</a> and <a href="https://example.org/">that</a>.</p>'
        '<script>alert("body")</script><p onclick="alert(2)">Clean <img src="x" onerror="alert(3)"></p>'
        "<p>&lt;script&gt;alert(4)&lt;/script&gt;</p>",
    }
    for allow in ("false", "true"):
        root = make_project({"content/item.json": json.dumps(item)}, config=f"allow_raw_html: {allow}\n")
        build_project(root, output=root / f"site-{allow}")
        page = (root / f"site-{allow}" / "articles" / "item" / "index.html").read_text()
        body = page[page.index('<div class="article-body">') : page.index("</article>")]
        assert "<script" not in body and "javascript:" not in body and "onerror" not in body and "onclick" not in body
        assert '<a href="https://example.org/">that</a>' in body and "&lt;script&gt;alert(4)" in body


def test_all_the_samples_build_into_one_site(make_project: Make) -> None:
    root = make_project({})
    names = [p.name for p in SAMPLES.rglob("*") if p.suffix in (".json", ".xml") and "LISTING_29" not in p.name]
    _copy_samples(root, *names)
    report = build_project(root)
    assert report.articles == len(names) - 1  # LISTING_25 is an NITF fragment, not a newsItem
    page = (root / "site" / "articles" / "listing-1-a-newsml-g2-news-item" / "index.html").read_text()
    assert '<span class="dateline">Berlin, Germany</span>' in page and "Fed to halt QE" in page
