"""Feeds, sitemap and sharing: valid Atom per site and per term, a JSON Feed, absolute links with base_url."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.conftest import SITES
from tests.support import read_tree

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://briefing.example.org/eastern/"


def _site(tmp_path: Path, base_url: str = "") -> tuple[Path, list[str]]:
    root = tmp_path / "project"
    shutil.copytree(SITES / "basic", root, ignore=shutil.ignore_patterns("expected"))
    if base_url:
        with (root / "digestgen.yaml").open("a", encoding="utf-8") as f:
            f.write(f"base_url: {base_url}\n")
    notices: list[str] = []
    build(load_config(root / "digestgen.yaml"), notify=notices.append)
    return root / "site", notices


def _atom_feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("feed.xml"))


@pytest.mark.parametrize("base_url", [BASE, ""], ids=["absolute", "relative"])
def test_every_atom_feed_parses_cleanly_and_has_what_rfc_4287_requires(tmp_path: Path, base_url: str) -> None:
    site, _ = _site(tmp_path, base_url)
    feeds = _atom_feeds(site)
    terms = [p.parent for kind in ("leaders", "topics") for p in (site / kind).glob("*/index.html")]
    assert len(terms) == 13 and sorted(feeds) == sorted([site / "feed.xml"] + [t / "feed.xml" for t in terms])
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{required}") is not None, (path, required)
        assert root.find(f"{ATOM}author/{ATOM}name") is not None  # so entries need no author of their own
        assert root.find(f"{ATOM}link[@rel='self']") is not None
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == len(parsed.entries) <= 50  # a term with only undated articles has none
        assert entries or path != site / "feed.xml"
        for entry in entries:
            for required in ("id", "title", "updated", "summary"):
                assert entry.find(f"{ATOM}{required}") is not None, (path, required)
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")  # type: ignore[union-attr]
            assert href.startswith(BASE) if base_url else href.startswith("../") or href.startswith("articles/")
            target = (
                href[len(BASE) :] if base_url else (path.parent / href).resolve().relative_to(site.resolve()).as_posix()
            )
            assert (site / target).is_file(), href
        ids = [e.find(f"{ATOM}id").text for e in entries]  # type: ignore[union-attr]
        assert len(set(ids)) == len(ids)


def test_a_leader_feed_lists_that_leaders_articles_with_categories(tmp_path: Path) -> None:
    site, _ = _site(tmp_path, BASE)
    parsed = feedparser.parse((site / "leaders" / "vladimir-putin" / "feed.xml").read_bytes())
    assert parsed.feed.title == "Vladimir Putin · Sample Briefing"
    assert parsed.feed.link == f"{BASE}leaders/vladimir-putin/index.html"
    titles = [e.title for e in parsed.entries]
    assert titles and all("vladimir-putin" in {t.term for t in e.tags} for e in parsed.entries)
    assert [e.updated_parsed for e in parsed.entries] == sorted(
        (e.updated_parsed for e in parsed.entries), reverse=True
    )
    assert all(e.summary for e in parsed.entries)


def test_the_json_feed_carries_leaders_and_topics_with_ids(tmp_path: Path) -> None:
    site, _ = _site(tmp_path, BASE)
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"] == "Sample Briefing"
    assert feed["feed_url"] == f"{BASE}feed.json"
    assert feed["items"] and all(item["id"] and item["url"].startswith(BASE) for item in feed["items"])
    tagged = [item for item in feed["items"] if item["_digestgen"]["leaders"]]
    assert tagged and all({"id", "name"} == set(t) for item in tagged for t in item["_digestgen"]["leaders"])
    topics = {t["id"] for item in feed["items"] for t in item["_digestgen"]["topics"]}
    assert topics and topics <= {p.parent.name for p in (site / "topics").glob("*/index.html")}


def test_without_base_url_feeds_are_relative_and_the_build_says_so_once(tmp_path: Path) -> None:
    site, notices = _site(tmp_path)
    assert [n for n in notices if "base_url" in n] == [
        "base_url is not set, so feeds use relative links and there is no sitemap.xml; "
        "set base_url in the configuration for absolute ones"
    ]
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    assert entry.id.startswith("urn:uuid:") and not entry.link.startswith("http")


def test_with_base_url_a_sitemap_and_robots_list_every_page(tmp_path: Path) -> None:
    site, notices = _site(tmp_path, BASE)
    assert not notices
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    html = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    assert locs == [BASE + path for path in html]
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_every_page_has_canonical_sharing_tags_and_a_description(tmp_path: Path) -> None:
    site, _ = _site(tmp_path, BASE)
    for rel, data in read_tree(site).items():
        if not rel.endswith(".html"):
            continue
        page = data.decode("utf-8")
        for needle in (
            '<link rel="canonical" href="',
            '<meta property="og:title" content="',
            '<meta name="twitter:card" content="summary">',
            '<meta name="description" content="',
            '<link rel="icon" href="',
            'type="application/atom+xml"',
        ):
            assert needle in page, (rel, needle)
        if rel != "404.html":
            expected = BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            assert f'<link rel="canonical" href="{expected}">' in page, rel
    article = (site / "articles" / "putin-xi-beijing" / "index.html").read_text(encoding="utf-8")
    summary = re.search(r'<p class="summary">|<aside class="article-summary"[^>]*>\s*<p>([^<]+)', article)
    assert '<meta property="og:type" content="article">' in article and summary
    description = re.search(r'<meta name="description" content="([^"]+)">', article)
    assert description and len(description.group(1)) > 20


def test_control_characters_never_make_a_feed_ill_formed(make_project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A stray SOH in wire copy, or one written as "\\x01" in YAML, in an article or the site title."""
    import json
    import xml.etree.ElementTree as ET

    from digestgen.cli import main

    body = "President Vladimir Putin\x01 met officials.\x0b\n\nHe said gas prices would fall.\x1f\n"
    root = make_project(
        {
            "content/wire.txt": "Gas talks\x01 in Moscow\n\n" + body,
            "content/fm.md": '---\ntitle: "Talks\\x01 resume"\nsource: "RIA\\x02 News"\ndate: 2024-11-26\n'
            'leaders: ["Vladimir Putin"]\nsummary: "Putin\\x07 spoke."\n---\n' + body,
        },
        config='title: "Brief\\x01ing"\nbase_url: https://example.org/\n',
    )
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    site = root / "site"
    feeds = sorted(site.rglob("*.xml"))
    assert len(feeds) >= 3 and any(p.parts[-3] == "leaders" for p in feeds)
    for path in feeds:
        ET.fromstring(path.read_bytes())  # expat refuses any character XML 1.0 forbids
    json.loads((site / "feed.json").read_text(encoding="utf-8"))
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text), path
