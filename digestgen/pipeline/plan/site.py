"""MODEL: group articles under the terms of each taxonomy and plan every page, before any rendering.

`plan_site` is a function of the cards it is given. A `PlanMemo` (serve keeps one across saves)
lets it reuse what an earlier plan computed from equal inputs: a term's dossier, a day's groups,
an article's related list, and every page object that came out equal, so that a save re-plans
only the terms, days and neighbourhoods it touched, and the builder can tell unchanged pages by
identity. The memo never changes the result, only its cost.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo

from digestgen.errors import BuildFailed, Problem
from digestgen.model import SHIPPED, Card, TaxonomyInfo, Term, TermIndex
from digestgen.pipeline.plan.briefings import DayMemo, briefing_pages
from digestgen.pipeline.plan.pages import (
    ArticlePage,
    FeedPage,
    ListPage,
    Page,
    Pager,
    PlainPage,
    Profile,
    RowsPage,
    SitemapPage,
    SitePlan,
    TermRow,
    TermsPage,
)
from digestgen.pipeline.plan.profiles import Offices, ProfileMemo, term_profiles
from digestgen.pipeline.plan.reshow import LastPlan, reshow
from digestgen.pipeline.plan.stories import Story, StoryMemo, by_slug, collapse, group_stories

RELATED = 6
FEED_SIZE = 50


GroupMemo = dict[str, tuple[tuple[Card, ...], tuple[TermIndex, ...]]]
"""Per taxonomy key: the last list grouped and its groups."""
SWAPPED = 64
"""Up to this many cards replaced in place, with the same terms, are swapped into the last groups."""


@dataclass
class PlanMemo:
    """What the last plan computed, for the next one to reuse where its inputs are equal (see the module)."""

    pages: dict[str, Page] = field(default_factory=dict)
    """The last plan's pages by output path: a new page equal to the old one is replaced by it."""
    profiles: ProfileMemo = field(default_factory=dict)
    days: DayMemo = field(default_factory=dict)
    related: RelatedMemo = field(default_factory=lambda: RelatedMemo())
    order: dict[int, tuple[Card, tuple[int, float, str, str]]] = field(default_factory=dict)
    """id(card) -> (card, its place in the newest-first order)."""
    stories: StoryMemo = field(default_factory=StoryMemo)
    groups: GroupMemo = field(default_factory=dict)
    last: LastPlan | None = None
    """The last plan, which a save that moved no card reuses with its new cards (plan/reshow.py)."""


def sort_articles(articles: Iterable[Card], memo: PlanMemo | None = None) -> tuple[Card, ...]:
    """Newest first; undated articles after dated ones; ties broken by slug (reproducible)."""
    known = memo.order if memo is not None else {}
    kept: dict[int, tuple[Card, tuple[int, float, str, str]]] = {}
    for a in articles:
        found = known.get(id(a))
        if found is None or found[0] is not a:
            found = (a, _order(a))
        kept[id(a)] = found
    if memo is not None:
        memo.order = kept
    return tuple(a for a, _ in sorted(kept.values(), key=lambda pair: pair[1]))


def _order(a: Card) -> tuple[int, float, str, str]:
    if a.date:
        return (0, -a.date.timestamp(), "", a.slug)
    return (1, 0.0, a.title.casefold(), a.slug)


def _row(entry: TermIndex, profile: Profile, tz: tzinfo) -> TermRow:
    """A term's line in its taxonomy's index: counts, last dated article, country and latest office."""
    newest = next((a.date for a in entry.articles if a.date is not None), None)  # newest first
    # The office a reader knows the leader by: a current one, of the leader's own country, the latest.
    home = profile.country
    office = max(
        profile.offices, key=lambda o: (o.end is None, o.country == home, o.end or "", o.start or ""), default=None
    )
    return TermRow(
        entry.term,
        len(entry.articles),
        newest.astimezone(tz).date().isoformat() if newest else "",
        profile.country,
        office.title if office else "",
    )


def group(articles: Sequence[Card], key: str, memo: GroupMemo | None = None) -> tuple[TermIndex, ...]:
    """Articles per term of one taxonomy (by key), terms ordered by article count then name.

    With `memo`, a list that differs from the last one only by cards replaced in place with the same
    terms of this taxonomy (a save that leaves tags and order alone) reuses the last groups, with the
    new cards swapped in: the same result, without a pass over every article.
    """
    listed = tuple(articles)
    result = _swapped(memo.get(key), listed, key) if memo is not None else None
    if result is None:
        result = _group(listed, key)
    if memo is not None:
        memo[key] = (listed, result)
    return result


def _swapped(
    earlier: tuple[tuple[Card, ...], tuple[TermIndex, ...]] | None, listed: tuple[Card, ...], key: str
) -> tuple[TermIndex, ...] | None:
    """The last groups with the new cards swapped in; None unless `listed` is the last list with at
    most SWAPPED cards replaced in place by cards with the same terms of this taxonomy."""
    if earlier is None or len(earlier[0]) != len(listed):
        return None
    old, result = earlier
    changed = [i for i, same in enumerate(map(operator.is_, old, listed)) if not same]
    if len(changed) > SWAPPED or any(old[i].terms_of(key) != listed[i].terms_of(key) for i in changed):
        return None
    swap = {id(old[i]): listed[i] for i in changed}
    slugs = {term.slug for i in changed for term in listed[i].terms_of(key)}
    return tuple(
        TermIndex(e.term, tuple(swap.get(id(c), c) for c in e.articles)) if e.term.slug in slugs else e for e in result
    )


def _group(articles: Sequence[Card], key: str) -> tuple[TermIndex, ...]:
    members: dict[str, list[Card]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for article in articles:
        for term in article.terms_of(key):
            slug = term.slug
            if slug not in terms:
                terms[slug] = term
            members[slug].append(article)
    ordered = sorted(terms.values(), key=lambda t: (-len(members[t.slug]), t.name.casefold(), t.slug))
    return tuple(TermIndex(t, tuple(members[t.slug])) for t in ordered)


def plan_site(
    articles: Sequence[Card],
    per_page: int,
    drafts: bool = False,
    *,
    tz: tzinfo = UTC,
    sitemap: bool = False,
    offices: Offices | None = None,
    title: str = "Briefing",
    memo: PlanMemo | None = None,
    taxonomies: Sequence[TaxonomyInfo] = SHIPPED,
) -> SitePlan:
    """Decide every page of the site and what it lists; raise on output path collisions.

    `sitemap` adds sitemap.xml and robots.txt (they need the site's absolute address);
    `offices` looks up what the registry says of a leader, for the dossiers; `memo` carries
    what an earlier plan of the same project computed (it is updated to this plan's); `taxonomies`
    are the site's, in the order its pages and briefings show them.
    """
    memo = memo if memo is not None else PlanMemo()
    infos, given = tuple(taxonomies), tuple(articles)
    settings = (per_page, drafts, tz, sitemap, offices, title, infos)
    last = memo.last
    reused = reshow(last, settings, given, memo.stories)
    if reused is not None and last is not None:
        # Same pages in the same places: only those with a card swapped in are new.
        swapped = itertools.compress(reused.plan.pages, map(operator.is_not, last.plan.pages, reused.plan.pages))
        memo.pages.update((p.output_path, p) for p in swapped)
        memo.last = reused
        return reused.plan
    listed = sort_articles((a for a in given if drafts or not a.draft), memo)
    terms = {info.key: group(listed, info.key, memo.groups) for info in infos}
    every = tuple(entry for info in infos for entry in terms[info.key])
    profiles = term_profiles(terms, infos, offices, memo.profiles)
    grouped = group_stories(listed, memo.stories)
    stories = by_slug(grouped)
    pages: list[Page] = []
    pages += _paginate("", "home.html", listed, per_page, None, stories=stories)
    related = _related(every, memo.related)
    pages += [_article_page(a, related.get(a.slug, ()), stories.get(a.slug)) for a in listed]
    for info in infos:
        rows = tuple(_row(entry, profiles[entry.term.key, entry.term.slug], tz) for entry in terms[info.key])
        pages.append(TermsPage(f"{info.key}/index.html", f"{info.key}.html", info, rows))
        for entry in terms[info.key]:
            base = entry.term.output_path[: -len("index.html")]
            profile = profiles[entry.term.key, entry.term.slug]
            pages += _paginate(base, f"{info.kind}.html", entry.articles, per_page, entry.term, profile, stories)
            shown = _leads(entry.articles, stories)
            if len(shown) > per_page:
                pages.append(RowsPage(f"{base}rows.js", entry.term, shown, tuple(i.key for i in infos)))
    days, archive = briefing_pages(listed, tz, [info.key for info in infos], memo.days, stories)
    pages += days + ([archive] if archive else [])
    pages += _feeds(listed, every, title, stories)
    pages += [PlainPage("search/index.html", "search.html"), PlainPage("404.html", "404.html")]
    if sitemap:
        html = tuple(
            sorted(p.output_path for p in pages if p.output_path.endswith(".html") and p.output_path != "404.html")
        )
        pages += [SitemapPage("sitemap.xml", html), PlainPage("robots.txt", "robots.txt")]
    _check_collisions(pages)
    pages = _intern(pages, memo)
    plan = SitePlan(listed, infos, terms, tuple(pages))
    memo.last = LastPlan(settings, given, plan, grouped)
    return plan


def _article_page(article: Card, related: tuple[Card, ...], story: Story | None) -> ArticlePage:
    """An article's page: its related list leaves out its own story's versions, listed apart."""
    if story is None:
        return ArticlePage(article.output_path, article, related)
    versions = tuple(v for v in story.versions if v.slug != article.slug)
    mine = {v.slug for v in versions}
    return ArticlePage(article.output_path, article, tuple(r for r in related if r.slug not in mine), versions=versions)


def _leads(articles: Sequence[Card], stories: Mapping[str, Story]) -> tuple[Card, ...]:
    """A list with each story once (see stories.collapse)."""
    if not stories:
        return tuple(articles)
    return tuple(card for card, _ in collapse(articles, stories))


def _intern(pages: list[Page], memo: PlanMemo) -> list[Page]:
    """Each page that equals the last plan's page at its path becomes that object (see the module)."""
    before = memo.pages
    out: list[Page] = []
    for page in pages:
        old = before.get(page.output_path)
        out.append(old if old is not None and old == page else page)
    memo.pages = {p.output_path: p for p in out}
    return out


def _feeds(listed: Sequence[Card], terms: Sequence[TermIndex], title: str, stories: Mapping[str, Story]) -> list[Page]:
    """Atom for the site and for every term (newest dated articles, a story once: the version that
    leads it there), and a JSON Feed for the site."""

    def newest(articles: Sequence[Card]) -> tuple[Card, ...]:
        return tuple(itertools.islice((a for a in _leads(articles, stories) if a.date), FEED_SIZE))

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
    articles: Sequence[Card],
    per_page: int,
    term: Term | None,
    profile: Profile | None = None,
    stories: Mapping[str, Story] | None = None,
) -> list[Page]:
    """`base/index.html`, `base/page/2/index.html`, ...: always at least one page; the first has the
    dossier. A story takes one place, with its other versions (`stories` by article slug)."""
    rows = collapse(articles, stories) if stories else tuple((a, ()) for a in articles)
    count = max(1, -(-len(rows) // per_page))
    paths = [f"{base}index.html"] + [f"{base}page/{n}/index.html" for n in range(2, count + 1)]
    pages: list[Page] = []
    for i, path in enumerate(paths):
        chunk = rows[i * per_page : (i + 1) * per_page]
        shown = tuple(card for card, _ in chunk)
        versions = tuple(others for _, others in chunk) if any(others for _, others in chunk) else ()
        pager = Pager(i + 1, count, paths[i - 1] if i else None, paths[i + 1] if i + 1 < count else None)
        pages.append(ListPage(path, template, shown, pager, term, profile if i == 0 else None, versions))
    return pages


@dataclass
class RelatedMemo:
    """What `_related` computed: each term's neighbourhoods, and each article's list with its own card."""

    windows: dict[tuple[str, str], tuple[tuple[Card, ...], dict[str, tuple[Card, ...]]]] = field(default_factory=dict)
    lists: dict[str, tuple[Card, tuple[Card, ...]]] = field(default_factory=dict)


def _related(indexes: Sequence[TermIndex], memo: RelatedMemo) -> dict[str, tuple[Card, ...]]:
    """Per article slug: other articles sharing the most terms, nearest in time first.

    Only each term's RELATED neighbours on either side (in date order) are candidates, so the cost
    stays linear however big a topic grows, and an article's list depends only on its terms'
    neighbourhoods: an article whose neighbourhoods and card are unchanged keeps its earlier list.
    """
    windows: dict[tuple[str, str], tuple[tuple[Card, ...], dict[str, tuple[Card, ...]]]] = {}
    touched: set[str] = set()
    everyone: dict[str, Card] = {}
    for entry in indexes:
        term, members = (entry.term.key, entry.term.slug), entry.articles
        earlier = memo.windows.get(term)
        if earlier is not None and earlier[0] == members:
            windows[term] = earlier
        else:
            around = {
                me.slug: members[max(0, k - RELATED) : k] + members[k + 1 : k + RELATED + 1]
                for k, me in enumerate(members)
            }
            windows[term] = (members, around)
            before = earlier[1] if earlier is not None else {}
            touched.update(slug for slug, window in around.items() if before.get(slug) != window)
        everyone.update((me.slug, me) for me in members)
    lists: dict[str, tuple[Card, tuple[Card, ...]]] = {}
    for slug, me in everyone.items():
        earlier_list = memo.lists.get(slug)
        if slug in touched or earlier_list is None or earlier_list[0] is not me:
            terms = [(t.key, t.slug) for t in me.all_terms]
            lists[slug] = (me, _nearest(me, [windows[t][1][slug] for t in terms if t in windows]))
        else:
            lists[slug] = earlier_list
    memo.windows, memo.lists = windows, lists
    return {slug: chosen for slug, (_, chosen) in lists.items()}


def _nearest(me: Card, around: Sequence[Sequence[Card]]) -> tuple[Card, ...]:
    """The RELATED candidates sharing most terms with `me`, then nearest in time, then by slug."""
    shared: dict[str, int] = {}
    cards: dict[str, Card] = {}
    for window in around:
        for other in window:
            slug = other.slug
            shared[slug] = shared.get(slug, 0) + 1
            cards[slug] = other
    when = me.date.timestamp() if me.date else None
    ranked = []
    for slug, count in shared.items():
        date = cards[slug].date
        if when is None or date is None:
            apart = 0.0 if when is None and date is None else math.inf
        else:
            apart = abs(date.timestamp() - when)
        ranked.append((-count, apart, slug))
    return tuple(cards[slug] for _, _, slug in heapq.nsmallest(RELATED, ranked))


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


def _origins(page: Page) -> tuple[Card, ...]:
    """The articles behind a page, for collision messages: its own article, or those it lists."""
    return (page.article,) if isinstance(page, ArticlePage) else page.shows
