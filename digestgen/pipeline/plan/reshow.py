"""MODEL: a re-plan after a save that moved no card: the last plan, with the new cards in place.

A save that edits an article's body changes its card (summary, reading time, sketch) but, mostly,
nothing that decides which pages exist and what they list in which order: the card's slug, path,
title, date, draft flag and terms, what its day's briefing groups it by (its evidence and lead
sentence), and the stories it is a version of. When all of those are unchanged, the new plan is
the last one with each changed card swapped in on the pages that show it, which costs in proportion
to those pages and not to the site (`plan_site` takes this path; its tests compare it with a plan
made from nothing).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from digestgen.model import Card, TermIndex
from digestgen.pipeline.plan.pages import ArticlePage, DayPage, FeedPage, ListPage, Page, RowsPage, SitePlan
from digestgen.pipeline.plan.stories import Story, StoryMemo, group_stories
from digestgen.text.wire import split_sentences

LIMIT = 64
"""Up to this many changed cards are swapped in; more (a bulk edit) re-plan from the cards."""


@dataclass
class LastPlan:
    """The last plan and what it was made from."""

    settings: tuple[Any, ...]
    """Every argument of `plan_site` but the cards, `drafts` second: a plan is reused only under the same ones."""
    given: tuple[Card, ...]
    plan: SitePlan
    stories: tuple[Story, ...]
    shown_on: dict[str, tuple[int, ...]] | None = None
    """Per article slug, the indexes of the plan's pages that show its card; made on first need."""


def place(card: Card) -> tuple[Any, ...]:
    """What of a card decides the plan's pages, their order and their groups (stories aside)."""
    return (
        card.slug,
        card.source_path,
        card.title,
        card.date,
        card.draft,
        card.terms,
        card.evidence,
        split_sentences(card.summary)[:1],
    )


def reshow(
    last: LastPlan | None, settings: tuple[Any, ...], given: tuple[Card, ...], stories: StoryMemo
) -> LastPlan | None:
    """The last plan with the changed cards of `given` swapped in; None when a change moves anything
    (see the module), and then the caller plans from the cards."""
    if last is None or last.settings != settings or len(last.given) != len(given):
        return None
    changed = [i for i, same in enumerate(map(operator.is_, last.given, given)) if not same]
    if not changed:
        return last
    if len(changed) > LIMIT:
        return None
    pairs = [(last.given[i], given[i]) for i in changed]
    if any(place(old) != place(new) for old, new in pairs):
        return None
    # By slug, not object: a page may hold an equal copy of the old card (a related list the
    # plan memo kept from an earlier plan), which must be swapped too.
    swap = {old.slug: new for old, new in pairs}
    listed = _cards(last.plan.articles, swap)
    drafts = settings[1]
    grouped = group_stories(listed, stories, [(old, new) for old, new in pairs if drafts or not old.draft])
    if _shape(grouped) != _shape(last.stories):
        return None
    where = last.shown_on if last.shown_on is not None else _shown_on(last.plan.pages)
    pages = list(last.plan.pages)
    for k in sorted({k for old, _ in pairs for k in where.get(old.slug, ())}):
        pages[k] = _swapped(pages[k], swap)
    terms = {key: _terms(entries, swap, [new for _, new in pairs]) for key, entries in last.plan.terms.items()}
    plan = SitePlan(listed, last.plan.taxonomies, terms, tuple(pages))
    return LastPlan(settings, given, plan, grouped, where)


def _shape(stories: Iterable[Story]) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.lead.slug, tuple(o.slug for o in s.others)) for s in stories]


def _shown_on(pages: Sequence[Page]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for k, page in enumerate(pages):
        for card in page.shows:
            found.setdefault(card.slug, []).append(k)
    return {slug: tuple(dict.fromkeys(ks)) for slug, ks in found.items()}


def _cards(cards: tuple[Card, ...], swap: dict[str, Card]) -> tuple[Card, ...]:
    return tuple(swap.get(c.slug, c) for c in cards)


def _terms(entries: tuple[TermIndex, ...], swap: dict[str, Card], new: Sequence[Card]) -> tuple[TermIndex, ...]:
    slugs = {(t.key, t.slug) for card in new for t in card.all_terms}
    return tuple(
        TermIndex(e.term, _cards(e.articles, swap)) if (e.term.key, e.term.slug) in slugs else e for e in entries
    )


def _swapped(page: Page, swap: dict[str, Card]) -> Page:
    """`page` with the swapped cards in place of the old ones."""
    if isinstance(page, ArticlePage):
        return replace(
            page,
            article=swap.get(page.article.slug, page.article),
            related=_cards(page.related, swap),
            versions=_cards(page.versions, swap),
        )
    if isinstance(page, ListPage):
        versions = tuple(_cards(v, swap) for v in page.versions)
        return replace(page, articles=_cards(page.articles, swap), versions=versions)
    if isinstance(page, FeedPage | RowsPage):
        return replace(page, articles=_cards(page.articles, swap))
    if isinstance(page, DayPage):
        groups = tuple(
            replace(g, articles=_cards(g.articles, swap), versions=tuple(_cards(v, swap) for v in g.versions))
            for g in page.groups
        )
        return replace(page, groups=groups)
    return page
