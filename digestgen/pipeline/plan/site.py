"""MODEL: group articles under leaders and topics and plan every page, before any rendering."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, tzinfo

from digestgen.errors import BuildFailed, Problem
from digestgen.model import TAXONOMY_KEYS, Article, Term, TermIndex
from digestgen.pipeline.plan.briefings import briefing_pages
from digestgen.pipeline.plan.pages import (
    ArticlePage,
    FeedPage,
    ListPage,
    Page,
    Pager,
    PlainPage,
    Profile,
    SitemapPage,
    SitePlan,
    TermsPage,
)
from digestgen.pipeline.plan.profiles import Offices, term_profiles

RELATED = 6
FEED_SIZE = 50


def sort_articles(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Newest first; undated articles after dated ones; ties broken by slug (reproducible)."""
    articles = list(articles)
    dated = sorted(((a.date, a) for a in articles if a.date), key=lambda pair: (-pair[0].timestamp(), pair[1].slug))
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return tuple([a for _, a in dated] + undated)


def group(articles: Sequence[Article], kind: str) -> tuple[TermIndex, ...]:
    """Articles per leader (or topic), terms ordered by article count then name."""
    members: dict[str, list[Article]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for article in articles:
        for term in article.terms(TAXONOMY_KEYS[kind]):
            terms.setdefault(term.slug, term)
            members[term.slug].append(article)
    ordered = sorted(terms.values(), key=lambda t: (-len(members[t.slug]), t.name.casefold(), t.slug))
    return tuple(TermIndex(t, tuple(members[t.slug])) for t in ordered)


def plan_site(
    articles: Sequence[Article],
    per_page: int,
    drafts: bool = False,
    *,
    tz: tzinfo = UTC,
    sitemap: bool = False,
    offices: Offices | None = None,
    title: str = "Briefing",
) -> SitePlan:
    """Decide every page of the site and what it lists; raise on output path collisions.

    `sitemap` adds sitemap.xml and robots.txt (they need the site's absolute address);
    `offices` looks up what the registry says of a leader, for the dossiers.
    """
    listed = sort_articles(a for a in articles if drafts or not a.draft)
    leaders, topics = group(listed, "leader"), group(listed, "topic")
    profiles = term_profiles(leaders, topics, offices)
    pages: list[Page] = []
    pages += _paginate("", "home.html", listed, per_page, None)
    related = _related(listed, leaders + topics)
    pages += [ArticlePage(a.output_path, a, related[a.slug]) for a in listed]
    for kind, index in (("leaders", leaders), ("topics", topics)):
        pages.append(TermsPage(f"{kind}/index.html", f"{kind}.html", index))
        for entry in index:
            base = entry.term.output_path[: -len("index.html")]
            profile = profiles[entry.term.kind, entry.term.slug]
            pages += _paginate(base, f"{kind[:-1]}.html", entry.articles, per_page, entry.term, profile)
    days, archive = briefing_pages(listed, tz)
    pages += days + ([archive] if archive else [])
    pages += _feeds(listed, leaders + topics, title)
    pages += [PlainPage("search/index.html", "search.html"), PlainPage("404.html", "404.html")]
    if sitemap:
        html = tuple(
            sorted(p.output_path for p in pages if p.output_path.endswith(".html") and p.output_path != "404.html")
        )
        pages += [SitemapPage("sitemap.xml", html), PlainPage("robots.txt", "robots.txt")]
    _check_collisions(pages)
    return SitePlan(listed, leaders, topics, tuple(pages))


def _feeds(listed: Sequence[Article], terms: Sequence[TermIndex], title: str) -> list[Page]:
    """Atom for the site and for every term (newest dated articles), and a JSON Feed for the site."""

    def newest(articles: Sequence[Article]) -> tuple[Article, ...]:
        return tuple(a for a in articles if a.date)[:FEED_SIZE]

    pages: list[Page] = [
        FeedPage("feed.xml", "atom.xml", title, newest(listed), "index.html"),
        FeedPage("feed.json", "feed.json", title, newest(listed), "index.html"),
    ]
    for entry in terms:
        base = entry.term.output_path[: -len("index.html")]
        pages.append(
            FeedPage(
                f"{base}feed.xml",
                "atom.xml",
                f"{entry.term.name} · {title}",
                newest(entry.articles),
                entry.term.output_path,
                entry.term,
            )
        )
    return pages


def _paginate(
    base: str,
    template: str,
    articles: Sequence[Article],
    per_page: int,
    term: Term | None,
    profile: Profile | None = None,
) -> list[Page]:
    """`base/index.html`, `base/page/2/index.html`, ...: always at least one page; the first has the dossier."""
    count = max(1, -(-len(articles) // per_page))
    paths = [f"{base}index.html"] + [f"{base}page/{n}/index.html" for n in range(2, count + 1)]
    pages: list[Page] = []
    for i, path in enumerate(paths):
        chunk = tuple(articles[i * per_page : (i + 1) * per_page])
        pager = Pager(i + 1, count, paths[i - 1] if i else None, paths[i + 1] if i + 1 < count else None)
        pages.append(ListPage(path, template, chunk, pager, term, profile if i == 0 else None))
    return pages


def _related(listed: Sequence[Article], indexes: Sequence[TermIndex]) -> dict[str, tuple[Article, ...]]:
    """Other articles sharing the most leaders and topics, nearest in time first.

    Only each term's neighbours in date order are considered, so the cost stays linear in
    the number of articles however big a topic grows. Articles are counted by their position
    in `listed` (ints are cheap to hash); ties fall to the slug, as the order must not vary.
    """
    position = {id(a): i for i, a in enumerate(listed)}
    shared: list[dict[int, int]] = [{} for _ in listed]
    for entry in indexes:
        ids = [position[id(a)] for a in entry.articles]
        for k, me in enumerate(ids):
            row = shared[me]
            for other in ids[max(0, k - RELATED) : k] + ids[k + 1 : k + RELATED + 1]:
                row[other] = row.get(other, 0) + 1
    result = {}
    for me, article in enumerate(listed):
        row = shared[me]
        best = sorted(row, key=lambda j: (-row[j], abs(j - me), listed[j].slug))[:RELATED]
        result[article.slug] = tuple(listed[j] for j in best)
    return result


def _check_collisions(pages: Sequence[Page]) -> None:
    """Pages sharing an output path (compared case-folded, as macOS and Windows would) fail the build."""
    by_path: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_path[page.output_path.casefold()].append(page)
    problems = []
    for clash in (group for group in by_path.values() if len(group) > 1):
        origins = sorted({a.source_path for p in clash for a in _origins(p)}) or [p.output_path for p in clash]
        problems.append(
            Problem(origins[0], None, f"URL collision: {clash[0].output_path} is produced by {', '.join(origins)}")
        )
    if problems:
        raise BuildFailed(problems)


def _origins(page: Page) -> tuple[Article, ...]:
    """The articles behind a page, for collision messages: its own article, or those it lists."""
    return (page.article,) if isinstance(page, ArticlePage) else page.shows
