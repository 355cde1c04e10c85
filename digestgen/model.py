"""The plain data passed between pipeline stages: frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal, Mapping

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _mapping(**kwargs: Any) -> Any:
    """A read-only mapping field, left out of hashing (mappings are unhashable)."""
    return field(default_factory=lambda: EMPTY, hash=False, **kwargs)


@dataclass(frozen=True)
class Source:
    """One content file, decoded: the output of the load stage."""

    path: str
    """Project-relative path used in every message, e.g. `content/x.md`."""
    stem: str
    """File name without suffix (the default slug)."""
    markup: Literal["markdown", "text"]
    text: str
    """UTF-8 text with BOM removed and newlines normalised to `\\n`."""


@dataclass(frozen=True)
class RawDoc:
    """A source split into front matter and body: the output of the parse stage."""

    source: Source
    meta: Mapping[str, Any] = field(hash=False)
    meta_lines: Mapping[str, int] = field(hash=False)
    """File line of each front-matter key."""
    body: str
    body_line: int
    """File line on which the body starts."""
    has_front_matter: bool


@dataclass(frozen=True)
class Term:
    """A leader or a topic: the key of an index page."""

    kind: Literal["leader", "topic"]
    id: str
    name: str
    slug: str

    @property
    def path(self) -> str:
        """Output path of the term's first page, relative to the site root."""
        return f"{self.kind}s/{self.slug}/index.html"


@dataclass(frozen=True)
class Evidence:
    """Why an inferred leader or topic was given: phrases found and how often."""

    term_id: str
    phrases: tuple[tuple[str, int], ...]
    score: float | None = None


@dataclass(frozen=True)
class Article:
    """One article, fully inferred and ready to list or render."""

    path: str
    slug: str
    title: str
    date: datetime | None
    source: str | None
    source_url: str | None
    leaders: tuple[Term, ...]
    topics: tuple[Term, ...]
    summary: str
    body_html: str
    words: int
    draft: bool = False
    dateline: str | None = None
    extra: Mapping[str, Any] = _mapping()
    origin: Mapping[str, str] = _mapping()
    """Per field: "front matter" or "inferred" (or "file name" for the slug)."""
    evidence: Mapping[str, tuple[Evidence, ...]] = _mapping()
    """Per inferred field ("leaders", "topics"): the evidence of each term."""

    @property
    def url_path(self) -> str:
        """Output path of the article page, relative to the site root."""
        return f"articles/{self.slug}/index.html"

    def inferred_tags(self) -> tuple[tuple[Term, Evidence], ...]:
        """Leaders and topics inferred from the text, each with the evidence behind it."""
        found = []
        for name, terms in (("leaders", self.leaders), ("topics", self.topics)):
            by_id = {e.term_id: e for e in self.evidence.get(name, ())}
            found += [(t, by_id[t.id]) for t in terms if t.id in by_id]
        return tuple(found)

    @property
    def reading_minutes(self) -> int:
        """Reading time at 220 words a minute, at least one minute."""
        return max(1, round(self.words / 220))


@dataclass(frozen=True)
class TermIndex:
    """A term and the articles listed on its pages, newest first."""

    term: Term
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Pager:
    """Where one list page sits in its sequence; paths are site-relative."""

    number: int
    count: int
    prev_path: str | None
    next_path: str | None


@dataclass(frozen=True)
class ArticlePage:
    """An article's own page, with the related articles it links to."""

    output_path: str
    article: Article
    related: tuple[Article, ...]
    template: str = "article.html"

    @property
    def shows(self) -> tuple[Article, ...]:
        """Every article whose data appears on the page."""
        return (self.article, *self.related)

    def context(self) -> dict[str, Any]:
        return {"article": self.article, "related": self.related}


@dataclass(frozen=True)
class ListPage:
    """One page of cards: the home page sequence, or a leader's or topic's."""

    output_path: str
    template: str
    articles: tuple[Article, ...]
    pager: Pager
    term: Term | None = None

    @property
    def shows(self) -> tuple[Article, ...]:
        return self.articles

    def context(self) -> dict[str, Any]:
        found: dict[str, Any] = {"articles": self.articles, "pager": self.pager}
        if self.term is not None:
            found["term"] = self.term
        return found


@dataclass(frozen=True)
class TermsPage:
    """All leaders (or all topics) with their article counts."""

    output_path: str
    template: str
    terms: tuple[TermIndex, ...]

    @property
    def shows(self) -> tuple[Article, ...]:
        return ()

    def context(self) -> dict[str, Any]:
        return {"terms": self.terms}


@dataclass(frozen=True)
class PlainPage:
    """A page that lists no articles (search, not found)."""

    output_path: str
    template: str

    @property
    def shows(self) -> tuple[Article, ...]:
        return ()

    def context(self) -> dict[str, Any]:
        return {}


Page = ArticlePage | ListPage | TermsPage | PlainPage


@dataclass(frozen=True)
class SitePlan:
    """Which pages exist and what each lists: decided before anything renders."""

    articles: tuple[Article, ...]
    leaders: tuple[TermIndex, ...]
    topics: tuple[TermIndex, ...]
    pages: tuple[Page, ...]

    def pages_showing(self) -> dict[str, tuple[int, ...]]:
        """The dependency map: each article's source path -> indexes of the pages that show it."""
        found: dict[str, list[int]] = {}
        for i, page in enumerate(self.pages):
            for article in page.shows:
                found.setdefault(article.path, []).append(i)
        return {path: tuple(dict.fromkeys(ids)) for path, ids in found.items()}
