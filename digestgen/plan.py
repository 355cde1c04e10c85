"""MODEL: group articles under leaders and topics and plan every page, before any rendering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, Page, SitePlan, Term, TermIndex

RELATED = 6
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Pager:
    """Where one list page sits in its sequence; paths are site-relative."""

    number: int
    count: int
    prev_path: str | None
    next_path: str | None


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
    pages += _paginate("", "home.html", listed, per_page, {})
    related = _related(listed, leaders + topics)
    for article in listed:
        pages.append(Page(article.url_path, "article.html", {"article": article, "related": related[article.slug]}, (article.path,)))
    for kind, index in (("leaders", leaders), ("topics", topics)):
        pages.append(Page(f"{kind}/index.html", f"{kind}.html", {"terms": index}))
        for entry in index:
            pages += _paginate(entry.term.path[: -len("index.html")], f"{kind[:-1]}.html", entry.articles, per_page, {"term": entry.term})
    pages.append(Page("search/index.html", "search.html", {}))
    pages.append(Page("404.html", "404.html", {}))
    _check_collisions(pages)
    return SitePlan(listed, leaders, topics, tuple(pages))


def _paginate(base: str, template: str, articles: Sequence[Article], per_page: int, context: dict[str, Any]) -> list[Page]:
    """`base/index.html`, `base/page/2/index.html`, ...: always at least one page."""
    count = max(1, -(-len(articles) // per_page))
    paths = [f"{base}index.html"] + [f"{base}page/{n}/index.html" for n in range(2, count + 1)]
    pages = []
    for i, path in enumerate(paths):
        chunk = tuple(articles[i * per_page:(i + 1) * per_page])
        pager = Pager(i + 1, count, paths[i - 1] if i else None, paths[i + 1] if i + 1 < count else None)
        pages.append(Page(path, template, {**context, "articles": chunk, "pager": pager}, tuple(a.path for a in chunk)))
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
        by_path[page.path.casefold()].append(page)
    problems = []
    for clash in (group for group in by_path.values() if len(group) > 1):
        origins = sorted({src for page in clash for src in page.sources}) or [page.path for page in clash]
        problems.append(Problem(origins[0], None, f"URL collision: {clash[0].path} is produced by {', '.join(origins)}"))
    if problems:
        raise BuildFailed(problems)
