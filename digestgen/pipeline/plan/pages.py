"""MODEL, the site: every output page as typed data, decided before anything renders.

Each page says which template renders it, which articles it shows (the dependency map from an
article to the pages that show it) and, as a fingerprint, everything else it shows, so a page
whose articles and fingerprint are unchanged need not be rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from digestgen.model import Card, Term, TermIndex


@dataclass(frozen=True)
class Pager:
    """Where one list page sits in its sequence; paths are site-relative."""

    number: int
    count: int
    prev_path: str | None
    next_path: str | None


@dataclass(frozen=True)
class Office:
    """An office a leader held, from the registry; dates are partial ISO dates, end None = current."""

    title: str
    country: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Profile:
    """A term's dossier: what its page says beyond the cards."""

    count: int
    months: tuple[tuple[str, int], ...]
    """Articles per month ("2024-11", 3), from the first dated article's month to the last's."""
    cross: tuple[tuple[Term, int], ...]
    """Terms of the other taxonomy on the same articles (a leader's topics), most shared first."""
    peers: tuple[tuple[Term, int], ...]
    """Terms of the same taxonomy on the same articles (leaders named with this one)."""
    offices: tuple[Office, ...] = ()
    country: str = ""
    feed_path: str = ""


@dataclass(frozen=True)
class ArticlePage:
    """An article's own page, with the related articles it links to."""

    output_path: str
    article: Card
    related: tuple[Card, ...]
    template: str = "article.html"

    @property
    def shows(self) -> tuple[Card, ...]:
        """Every article whose data appears on the page."""
        return (self.article, *self.related)

    def context(self) -> dict[str, Any]:
        return {"article": self.article, "related": self.related}

    def fingerprint(self) -> str:
        return ""


@dataclass(frozen=True)
class ListPage:
    """One page of cards: the home page sequence, or a leader's or topic's (the first with its dossier)."""

    output_path: str
    template: str
    articles: tuple[Card, ...]
    pager: Pager
    term: Term | None = None
    profile: Profile | None = None

    @property
    def shows(self) -> tuple[Card, ...]:
        return self.articles

    def context(self) -> dict[str, Any]:
        found: dict[str, Any] = {"articles": self.articles, "pager": self.pager}
        if self.term is not None:
            found |= {"term": self.term, "profile": self.profile}
        return found

    def fingerprint(self) -> str:
        return repr((self.pager, self.term, self.profile))


class _ListsNoArticles:
    """A page without article cards: the dependency map has no entry for it, its fingerprint says it all."""

    @property
    def shows(self) -> tuple[Card, ...]:
        return ()


@dataclass(frozen=True)
class TermsPage(_ListsNoArticles):
    """All leaders (or all topics) with their article counts."""

    output_path: str
    template: str
    terms: tuple[TermIndex, ...]

    def context(self) -> dict[str, Any]:
        return {"terms": self.terms}

    def fingerprint(self) -> str:
        return repr([(t.term, len(t.articles)) for t in self.terms])


@dataclass(frozen=True)
class PlainPage(_ListsNoArticles):
    """A page that lists no articles (search, not found, robots.txt)."""

    output_path: str
    template: str

    def context(self) -> dict[str, Any]:
        return {}

    def fingerprint(self) -> str:
        return ""


@dataclass(frozen=True)
class FeedPage:
    """A feed (Atom, or JSON Feed for the whole site): the newest dated articles of the site or of a term."""

    output_path: str
    template: str
    title: str
    articles: tuple[Card, ...]
    html_path: str
    """The page the feed follows (its alternate link)."""
    term: Term | None = None

    @property
    def shows(self) -> tuple[Card, ...]:
        return self.articles

    def context(self) -> dict[str, Any]:
        return {"feed": self}

    def fingerprint(self) -> str:
        return repr((self.title, self.html_path, self.term))


@dataclass(frozen=True)
class DayGroup:
    """One heading of a day's briefing: a leader, a topic, or the rest."""

    heading: str
    term: Term | None
    articles: tuple[Card, ...]


@dataclass(frozen=True)
class DayPage:
    """The briefing for one day: its articles grouped by leader, then topic."""

    output_path: str
    day: date
    groups: tuple[DayGroup, ...]
    prev_path: str | None
    next_path: str | None
    template: str = "briefing.html"

    @property
    def shows(self) -> tuple[Card, ...]:
        return tuple(a for g in self.groups for a in g.articles)

    def context(self) -> dict[str, Any]:
        return {"day": self.day, "groups": self.groups, "prev_path": self.prev_path, "next_path": self.next_path}

    def fingerprint(self) -> str:
        return repr((self.day, [(g.heading, g.term) for g in self.groups], self.prev_path, self.next_path))


@dataclass(frozen=True)
class ArchiveMonth:
    """A month of the archive and its days with articles (date, briefing path, count)."""

    year: int
    month: int
    count: int
    days: tuple[tuple[date, str, int], ...]


@dataclass(frozen=True)
class ArchivePage(_ListsNoArticles):
    """Every day with articles, by year and month, newest first, with counts."""

    output_path: str
    months: tuple[ArchiveMonth, ...]
    template: str = "archive.html"

    def context(self) -> dict[str, Any]:
        years: dict[int, list[ArchiveMonth]] = {}
        for month in self.months:
            years.setdefault(month.year, []).append(month)
        return {"years": [(year, sum(m.count for m in months), months) for year, months in years.items()]}

    def fingerprint(self) -> str:
        return repr(self.months)


@dataclass(frozen=True)
class SitemapPage(_ListsNoArticles):
    """sitemap.xml: every HTML page, as absolute URLs (written only when base_url is set)."""

    output_path: str
    paths: tuple[str, ...]
    template: str = "sitemap.xml"

    def context(self) -> dict[str, Any]:
        return {"paths": self.paths}

    def fingerprint(self) -> str:
        return repr(self.paths)


Page = ArticlePage | ListPage | TermsPage | PlainPage | FeedPage | DayPage | ArchivePage | SitemapPage


@dataclass(frozen=True)
class SitePlan:
    """Which pages exist and what each lists: decided before anything renders."""

    articles: tuple[Card, ...]
    leaders: tuple[TermIndex, ...]
    topics: tuple[TermIndex, ...]
    pages: tuple[Page, ...]

    def pages_showing(self) -> dict[str, tuple[int, ...]]:
        """The dependency map: each article's source path -> indexes of the pages that show it."""
        found: dict[str, list[int]] = {}
        for i, page in enumerate(self.pages):
            for article in page.shows:
                found.setdefault(article.source_path, []).append(i)
        return {path: tuple(dict.fromkeys(ids)) for path, ids in found.items()}
