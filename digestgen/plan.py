"""MODEL: group articles under leaders and topics and plan every page, before any rendering."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from typing import Iterable, Sequence

from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, ArticlePage, ListPage, Page, Pager, PlainPage, SitePlan, Term, TermIndex, TermsPage

RELATED = 6
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)


def sort_articles(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Newest first; undated articles after dated ones; ties broken by slug (reproducible)."""
    articles = list(articles)
    dated = sorted((a for a in articles if a.date), key=lambda a: (-a.date.timestamp(), a.slug))  # type: ignore[union-attr]
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return tuple(dated + undated)


def group(articles: Sequence[Article], kind: str) -> tuple[TermIndex, ...]:
    """Articles per leader (or topic), terms ordered by article count then name."""
    members: dict[str, list[Article]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for article in articles:
        for term in (article.leaders if kind == "leader" else article.topics):
            terms.setdefault(term.slug, term)
            members[term.slug].append(article)
    ordered = sorted(terms.values(), key=lambda t: (-len(members[t.slug]), t.name.casefold(), t.slug))
    return tuple(TermIndex(t, tuple(members[t.slug])) for t in ordered)


def plan_site(articles: Sequence[Article], per_page: int, drafts: bool = False) -> SitePlan:
    """Decide every page of the site and what it lists; raise on output path collisions."""
    listed = sort_articles(a for a in articles if drafts or not a.draft)
    leaders, topics = group(listed, "leader"), group(listed, "topic")
    pages: list[Page] = []
    pages += _paginate("", "home.html", listed, per_page, None)
    related = _related(listed, leaders + topics)
    pages += [ArticlePage(a.url_path, a, related[a.slug]) for a in listed]
    for kind, index in (("leaders", leaders), ("topics", topics)):
        pages.append(TermsPage(f"{kind}/index.html", f"{kind}.html", index))
        for entry in index:
            base = entry.term.path[: -len("index.html")]
            pages += _paginate(base, f"{kind[:-1]}.html", entry.articles, per_page, entry.term)
    pages.append(PlainPage("search/index.html", "search.html"))
    pages.append(PlainPage("404.html", "404.html"))
    _check_collisions(pages)
    return SitePlan(listed, leaders, topics, tuple(pages))


def _paginate(base: str, template: str, articles: Sequence[Article], per_page: int, term: Term | None) -> list[Page]:
    """`base/index.html`, `base/page/2/index.html`, ...: always at least one page."""
    count = max(1, -(-len(articles) // per_page))
    paths = [f"{base}index.html"] + [f"{base}page/{n}/index.html" for n in range(2, count + 1)]
    pages: list[Page] = []
    for i, path in enumerate(paths):
        chunk = tuple(articles[i * per_page:(i + 1) * per_page])
        pager = Pager(i + 1, count, paths[i - 1] if i else None, paths[i + 1] if i + 1 < count else None)
        pages.append(ListPage(path, template, chunk, pager, term))
    return pages


def _related(listed: Sequence[Article], indexes: Sequence[TermIndex]) -> dict[str, tuple[Article, ...]]:
    """Other articles sharing the most leaders and topics, nearest in time first.

    Only each term's neighbours in date order are considered, so the cost stays linear in
    the number of articles however big a topic grows.
    """
    position = {a.slug: i for i, a in enumerate(listed)}
    shared: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in indexes:
        arts = entry.articles
        for i, article in enumerate(arts):
            for other in arts[max(0, i - RELATED):i + RELATED + 1]:
                if other.slug != article.slug:
                    shared[article.slug][other.slug] += 1
    by_slug = {a.slug: a for a in listed}
    result = {}
    for article in listed:
        me = position[article.slug]
        scores = shared.get(article.slug, {})
        best = sorted(scores, key=lambda s: (-scores[s], abs(position[s] - me), s))[:RELATED]
        result[article.slug] = tuple(by_slug[s] for s in best)
    return result


def _check_collisions(pages: Sequence[Page]) -> None:
    """Pages sharing an output path (compared case-folded, as macOS and Windows would) fail the build."""
    by_path: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_path[page.output_path.casefold()].append(page)
    problems = []
    for clash in (group for group in by_path.values() if len(group) > 1):
        origins = sorted({a.path for p in clash for a in _origins(p)}) or [p.output_path for p in clash]
        problems.append(Problem(origins[0], None, f"URL collision: {clash[0].output_path} is produced by {', '.join(origins)}"))
    if problems:
        raise BuildFailed(problems)


def _origins(page: Page) -> tuple[Article, ...]:
    """The articles behind a page, for collision messages: its own article, or those it lists."""
    return (page.article,) if isinstance(page, ArticlePage) else page.shows
