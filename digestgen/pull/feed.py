"""PULL: a fetched feed -> its items, as plain typed data.

RSS, Atom and RDF go through feedparser (it knows every dialect met in the wild, decodes the
entities and encodings, resolves relative links, and sanitises HTML). JSON Feed, which feedparser
6 does not read, is read here: it is plain JSON. Before feedparser sees any XML, defusedxml reads
it with entity declarations forbidden, so an entity bomb is refused before anything expands it.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from digestgen.text.chars import without_controls


@dataclass(frozen=True)
class Item:
    """One item of a feed, as pull writes it."""

    id: str
    """The guid or id; the link when there is none; else a hash of the title and content."""
    title: str
    link: str
    date: datetime | None
    content: str
    """The full content if the item has one, else its summary; HTML unless `is_html` is False."""
    is_html: bool = True
    lang: str = ""


@dataclass(frozen=True)
class FeedDoc:
    """A parsed feed: its title (the default outlet) and items, in the feed's order."""

    title: str
    items: tuple[Item, ...]


class FeedError(Exception):
    """Why the answer is not a usable feed, in words for one line."""


def read_feed(data: bytes, url: str, content_type: str = "") -> FeedDoc:
    """Parse a feed's bytes; `url` is the base for relative links. Raises FeedError."""
    head = data.lstrip()[:1]
    if head in (b"{", b"[") or "json" in content_type.lower():
        return _json_feed(data)
    _refuse_entities(data)
    import feedparser  # loaded only when a pull reads XML

    parsed = feedparser.parse(data, response_headers={"content-location": url, "content-type": content_type})
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        why = parsed.get("bozo_exception")
        detail = f": {_one_line(str(why))}" if why else ""
        raise FeedError(f"not an RSS, Atom or JSON feed{detail}")
    feed = parsed.get("feed") or {}
    lang = str(feed.get("language") or "")
    items = tuple(_entry(e, lang) for e in entries if isinstance(e, Mapping))
    return FeedDoc(_clean(str(feed.get("title") or "")), items)


def _refuse_entities(data: bytes) -> None:
    """An XML document that declares entities or external references is refused (billion laughs, XXE)."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError("the feed declares XML entities (an entity bomb?): refused") from None
    except (ET.ParseError, ValueError, LookupError):
        # Ill-formed XML is feedparser's to judge (it reads loose feeds); only a declaration is refused.
        if re.search(rb"<!ENTITY", data[:65536]) or re.search(rb"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y", data[:65536]):
            raise FeedError("the feed declares XML entities (an entity bomb?): refused") from None


def _entry(entry: Mapping[str, Any], feed_lang: str) -> Item:
    content = ""
    is_html = True
    for part in entry.get("content") or ():
        if isinstance(part, Mapping) and str(part.get("value") or "").strip():
            content, is_html = str(part["value"]), "html" in str(part.get("type", "text/html"))
            break
    if not content:
        summary = entry.get("summary_detail") or {}
        content = str(entry.get("summary") or "")
        is_html = "html" in str(summary.get("type", "text/html")) if isinstance(summary, Mapping) else True
    title = _clean(str(entry.get("title") or ""))
    link = str(entry.get("link") or "").strip()
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    date = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
    ident = str(entry.get("id") or entry.get("guid") or "").strip() or link or _hash_id(title, content)
    lang = str((entry.get("title_detail") or {}).get("language") or feed_lang or "")
    return Item(ident, title, link, date, content, is_html, lang)


def _json_feed(data: bytes) -> FeedDoc:
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(f"not an RSS, Atom or JSON feed: {_one_line(str(exc))}") from None
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise FeedError("JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = []
    for raw in doc.get("items") or ():
        if not isinstance(raw, dict):
            continue
        html, text = raw.get("content_html"), raw.get("content_text")
        content, is_html = (html, True) if isinstance(html, str) and html.strip() else (text, False)
        if not isinstance(content, str) or not content.strip():
            content, is_html = str(raw.get("summary") or ""), False
        title = _clean(str(raw.get("title") or ""))
        link = str(raw.get("url") or "").strip()
        ident = str(raw.get("id") or "").strip() or link or _hash_id(title, content)
        items.append(
            Item(
                ident,
                title,
                link,
                _iso(raw.get("date_published") or raw.get("date_modified")),
                content,
                is_html,
                str(raw.get("language") or doc.get("language") or ""),
            )
        )
    return FeedDoc(_clean(str(doc.get("title") or "")), tuple(items))


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _hash_id(title: str, content: str) -> str:
    """An item with neither guid nor link is known by what it says."""
    return "sha256:" + hashlib.sha256(f"{title}\0{content}".encode()).hexdigest()[:32]


def _clean(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", without_controls(text)).split())


def _one_line(text: str) -> str:
    return " ".join(text.split())
