"""MODEL, the site: every output page as typed data, decided before anything renders.

Each page says which template renders it, which articles it shows and, as a fingerprint,
everything else it shows: the page keys of pipeline/reuse.py are made from these, so a page whose
cards and fingerprint are unchanged is not rendered again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from digestgen.model import Card, TaxonomyInfo, Term, TermIndex


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
class Tally:
    """Terms of one taxonomy on the same articles as a term, most shared first, under a heading."""

    heading: str
    """ "Topics", "Most often with"."""
    key: str
    """The taxonomy's key: what a card's `data-<key>` filter chip matches."""
    items: tuple[tuple[Term, int], ...]


@dataclass(frozen=True)
class Member:
    """A term that belongs to another (a country's leader), with what the registry says of it."""

    term: Term
    count: int
    offices: tuple[Office, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A term's dossier: what its page says beyond the cards."""

    count: int
    months: tuple[tuple[str, int], ...]
    """Articles per month ("2024-11", 3), from the first dated article's month to the last's."""
    cross: tuple[Tally, ...]
    """Per other taxonomy, its terms on the same articles (a leader's topics and countries)."""
    peers: Tally | None
    """Terms of the same taxonomy on the same articles (leaders named with this one)."""
    offices: tuple[Office, ...] = ()
    country: str = ""
    feed_path: str = ""
    members: tuple[Member, ...] = ()
    """The terms that belong to this one, with their offices (a country's leaders), most covered first."""
    members_title: str = ""


@dataclass(frozen=True)
class ArticlePage:
    """An article's own page, with the related articles it links to."""

    output_path: str
    article: Card
    related: tuple[Card, ...]
    template: str = "article.html"
    versions: tuple[Card, ...] = ()
    """The other reports of the same story (plan/stories.py), lead first."""

    @property
    def shows(self) -> tuple[Card, ...]:
        """Every article whose data appears on the page."""
        return (self.article, *self.related, *self.versions)

    def context(self) -> dict[str, Any]:
        return {"article": self.article, "related": self.related, "versions": self.versions}

    def fingerprint(self) -> str:
        return repr(len(self.versions))


@dataclass(frozen=True)
class ListPage:
    """One page of cards: the home page sequence, or a leader's or topic's (the first with its dossier)."""

    output_path: str
    template: str
    articles: tuple[Card, ...]
    """One card per story: the version that leads it in this list."""
    pager: Pager
    term: Term | None = None
    profile: Profile | None = None
    versions: tuple[tuple[Card, ...], ...] = ()
    """Per card, the other reports of its story (empty for a story of one); () when none has any."""

    @property
    def shows(self) -> tuple[Card, ...]:
        return (*self.articles, *(v for others in self.versions for v in others))

    def context(self) -> dict[str, Any]:
        found: dict[str, Any] = {"articles": self.articles, "pager": self.pager, "versions": self.versions}
        if self.term is not None:
            found |= {"term": self.term, "profile": self.profile}
        return found

    def fingerprint(self) -> str:
        return repr((self.pager, self.term, self.profile, [len(v) for v in self.versions]))


class _ListsNoArticles:
    """A page without article cards: its key (pipeline/reuse.py) says all it shows."""

    @property
    def shows(self) -> tuple[Card, ...]:
        return ()


@dataclass(frozen=True)
class TermRow:
    """One line of a taxonomy's index: a term, its articles, when it was last in the news, and
    what the registry says of it (a leader's country and latest office)."""

    term: Term
    count: int
    last_seen: str
    """The newest dated article's day ("2024-11-26"); "" when all are undated."""
    country: str = ""
    office: str = ""


@dataclass(frozen=True)
class TermsPage(_ListsNoArticles):
    """All terms of one taxonomy (all leaders) with their article counts."""

    output_path: str
    template: str
    taxonomy: TaxonomyInfo
    rows: tuple[TermRow, ...]

    def context(self) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy, "rows": self.rows}

    def fingerprint(self) -> str:
        return repr((self.taxonomy, self.rows))


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
class RowsPage:
    """Every article of a term that spans several pages, as a script its filter chips load so a chip
    filters the whole list, not only the page on screen."""

    output_path: str
    term: Term
    articles: tuple[Card, ...]
    keys: tuple[str, ...]
    """The taxonomies whose terms each row carries (what a chip may filter by)."""
    template: str = "rows.js"

    @property
    def shows(self) -> tuple[Card, ...]:
        return self.articles

    def context(self) -> dict[str, Any]:
        return {}

    def fingerprint(self) -> str:
        return repr((self.term, self.keys))


@dataclass(frozen=True)
class DayGroup:
    """One heading of a day's briefing: a leader, a topic, or the rest."""

    heading: str
    term: Term | None
    articles: tuple[Card, ...]
    versions: tuple[tuple[Card, ...], ...] = ()
    """Per card, the other reports of its story, as on a list page."""


@dataclass(frozen=True)
class DayPage:
    """The briefing for one day: its articles grouped by leader, then topic."""

    output_path: str
    day: date
    groups: tuple[DayGroup, ...]
    prev_path: str | None
    next_path: str | None
    template: str = "briefing.html"
    count: int = 0
    """The day's articles (a story in several versions shows once, but each counts)."""

    @property
    def shows(self) -> tuple[Card, ...]:
        return tuple(a for g in self.groups for a in (*g.articles, *(v for others in g.versions for v in others)))

    def context(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "groups": self.groups,
            "prev_path": self.prev_path,
            "next_path": self.next_path,
            "count": self.count or sum(len(g.articles) for g in self.groups),
        }

    def fingerprint(self) -> str:
        groups = [(g.heading, g.term, len(g.articles), [len(v) for v in g.versions]) for g in self.groups]
        return repr((self.day, groups, self.prev_path, self.next_path, self.count))


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


Page = ArticlePage | ListPage | TermsPage | PlainPage | FeedPage | DayPage | ArchivePage | SitemapPage | RowsPage


@dataclass(frozen=True)
class SitePlan:
    """Which pages exist and what each lists: decided before anything renders."""

    articles: tuple[Card, ...]
    taxonomies: tuple[TaxonomyInfo, ...]
    terms: Mapping[str, tuple[TermIndex, ...]] = field(hash=False)
    """Per taxonomy key, its terms with their articles (most covered first)."""
    pages: tuple[Page, ...]

    def terms_of(self, key: str) -> tuple[TermIndex, ...]:
        return self.terms.get(key, ())

    @property
    def leaders(self) -> tuple[TermIndex, ...]:
        return self.terms_of("leaders")

    @property
    def topics(self) -> tuple[TermIndex, ...]:
        return self.terms_of("topics")
