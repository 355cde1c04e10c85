"""RENDER for feeds: absolute or relative links, stable entry ids, and the JSON Feed document.

Atom feeds are templates (`atom.xml`) so a project can restyle them; the JSON Feed is built
here, because JSON is safer to serialise than to template.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from digestgen import __version__
from digestgen.model import Card
from digestgen.pipeline.plan.pages import FeedPage
from digestgen.urls import root_prefix

JSON_FEED = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def link(base_url: str, feed_path: str, target: str) -> str:
    """`target` (site-relative) as the feed should link it: absolute with a base URL, else relative to the feed."""
    return f"{base_url}{target}" if base_url else f"{root_prefix(feed_path)}{target}"


def entry_id(base_url: str, site_title: str, article: Card) -> str:
    """A permanent id for an entry: its absolute URL, or a UUID derived from the site and the article."""
    if base_url:
        return f"{base_url}{article.output_path}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'digestgen:{site_title}:{article.output_path}')}"


def feed_id(base_url: str, site_title: str, feed: FeedPage) -> str:
    """A permanent id for a feed: its absolute URL, or a UUID derived from the site and the feed's path."""
    if base_url:
        return f"{base_url}{feed.output_path}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'digestgen:{site_title}:{feed.output_path}')}"


def updated(feed: FeedPage) -> datetime:
    """When the feed last changed: its newest article's date (feeds list dated articles only)."""
    return max((a.date for a in feed.articles if a.date), default=EPOCH)


def rfc3339(value: datetime) -> str:
    """A date-time as Atom and JSON Feed want it, in UTC."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_feed(feed: FeedPage, site: Mapping[str, str]) -> bytes:
    """The site's JSON Feed 1.1, with a `_digestgen` extension giving each item's terms (per taxonomy) with ids."""
    base = site["base_url"]
    data: dict[str, Any] = {
        "version": JSON_FEED,
        "title": feed.title,
        "home_page_url": link(base, feed.output_path, feed.html_path),
        "feed_url": link(base, feed.output_path, feed.output_path),
        "language": site["language"],
        "_digestgen": {"generator": f"digestgen {__version__}"},
        "items": [_item(a, feed, site) for a in feed.articles],
    }
    if site["description"]:
        data["description"] = site["description"]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _item(article: Card, feed: FeedPage, site: Mapping[str, str]) -> dict[str, Any]:
    base = site["base_url"]
    item: dict[str, Any] = {
        "id": entry_id(base, site["title"], article),
        "url": link(base, feed.output_path, article.output_path),
        "title": article.title,
        "summary": article.summary,
        "content_text": article.summary,
        "tags": [t.name for t in article.all_terms],
        "_digestgen": {
            **{key: [{"id": t.id, "name": t.name} for t in terms] for key, terms in article.terms.items()},
            "source": article.outlet,
        },
    }
    if article.date:
        item["date_published"] = rfc3339(article.date)
    if article.source_url:
        item["external_url"] = article.source_url
    return item
