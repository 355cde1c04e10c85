"""MODEL: the daily briefings (a day's articles grouped by leader, then topic, ...) and the archive."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo

from digestgen.model import Card, Term
from digestgen.pipeline.plan.pages import ArchiveMonth, ArchivePage, DayGroup, DayPage
from digestgen.pipeline.plan.stories import Story, collapse
from digestgen.text.wire import split_sentences

WORDS = re.compile(r"\w+")

DayMemo = dict[date, tuple[tuple[Card, ...], tuple[DayGroup, ...]]]
"""Per day: the articles its groups were made from, and the groups (see plan/site.py's PlanMemo)."""


def day_path(day: date) -> str:
    return f"briefings/{day.isoformat()}/index.html"


def briefing_pages(
    listed: Sequence[Card],
    tz: tzinfo,
    keys: Sequence[str],
    memo: DayMemo | None = None,
    stories: Mapping[str, Story] | None = None,
) -> tuple[list[DayPage], ArchivePage | None]:
    """A page per day with dated articles (newest day first) and the archive of them all; `keys`
    are the taxonomies a day is grouped by, in order. A story shows once a day, with its other
    versions (`stories` by article slug); the archive counts articles."""
    earlier = dict(memo) if memo is not None else {}
    kept: DayMemo = {}
    days: dict[date, list[Card]] = {}
    for article in listed:  # newest first already
        if article.date is not None:
            days.setdefault(article.date.astimezone(tz).date(), []).append(article)
    ordered = sorted(days, reverse=True)
    pages = []
    for i, day in enumerate(ordered):
        newer = day_path(ordered[i - 1]) if i else None
        older = day_path(ordered[i + 1]) if i + 1 < len(ordered) else None
        members = tuple(days[day])
        before = earlier.get(day)
        if before is not None and before[0] == members and _same_stories(before[1], members, stories):
            groups = before[1]
        else:
            groups = _with_versions(group_day(_collapsed(members, stories), keys), members, stories)
        kept[day] = (members, groups)
        pages.append(DayPage(day_path(day), day, groups, prev_path=older, next_path=newer, count=len(members)))
    if memo is not None:
        memo.clear()
        memo.update(kept)
    if not ordered:
        return [], None
    return pages, ArchivePage("archive/index.html", _months(days))


def _collapsed(members: Sequence[Card], stories: Mapping[str, Story] | None) -> Sequence[Card]:
    return [card for card, _ in collapse(members, stories)] if stories else members


def _with_versions(
    groups: tuple[DayGroup, ...], members: Sequence[Card], stories: Mapping[str, Story] | None
) -> tuple[DayGroup, ...]:
    """The groups with each card's other versions, when any of the day's articles has some."""
    if not stories or not any(card.slug in stories for card in members):
        return groups
    others = {card.slug: versions for card, versions in collapse(members, stories)}
    out = []
    for g in groups:
        versions = tuple(others.get(card.slug, ()) for card in g.articles)
        out.append(DayGroup(g.heading, g.term, g.articles, versions if any(versions) else ()))
    return tuple(out)


def _same_stories(groups: tuple[DayGroup, ...], members: Sequence[Card], stories: Mapping[str, Story] | None) -> bool:
    """Whether the day's remembered groups still show its stories as they are now (a version from
    another day may have changed)."""
    shown = {card.slug: (card, others) for card, others in collapse(members, stories or {})}
    had = {card.slug: (card, g.versions[i] if g.versions else ()) for g in groups for i, card in enumerate(g.articles)}
    return shown == had


def group_day(articles: Sequence[Card], keys: Sequence[str] = ("leaders", "topics")) -> tuple[DayGroup, ...]:
    """Each article once: under the term it is most about (`salience`; ties: the term most covered
    that day) of the first taxonomy in `keys` it has terms of (a leader, else a topic, ...), else
    "Other".

    Groups follow the order of `keys`, each taxonomy's by size, then name; "Other" is last.
    """
    counts = {key: Counter(t.slug for a in articles for t in a.terms_of(key)) for key in keys}
    groups: dict[tuple[str, str] | None, tuple[Term | None, list[Card]]] = {}
    for article in articles:
        main = (_main(article, article.terms_of(key), counts[key]) for key in keys)
        term = next((t for t in main if t is not None), None)
        groups.setdefault((term.key, term.slug) if term else None, (term, []))[1].append(article)

    def order(group: tuple[Term | None, list[Card]]) -> tuple[int, int, str, str] | tuple[int]:
        term, listed = group
        if term is None:
            return (len(keys),)
        return list(keys).index(term.key), -len(listed), term.name.casefold(), term.slug

    return tuple(DayGroup(t.name if t else "Other", t, tuple(a)) for t, a in sorted(groups.values(), key=order))


HEADLINE, LEAD = 4, 2
"""Salience: a term named in the headline, or in the summary's lead, counts as this many mentions."""


def salience(article: Card, term: Term) -> int:
    """How much the story is about `term`: its headline and lead naming it, and its mentions in the
    text (from the inference evidence; a front-matter term without evidence has only the first two)."""
    evidence = next((e for e in article.evidence.get(term.key, ()) if e.term_id == term.id), None)
    said = {phrase.casefold() for phrase, _ in evidence.phrases} if evidence else set()
    said.add(term.name.casefold())
    said |= {term.name.split()[-1].casefold()} if term.kind == "leader" and " " in term.name else set()

    def names(text: str) -> bool:
        folded = f" {' '.join(WORDS.findall(text.casefold()))} "
        return any(f" {' '.join(WORDS.findall(p))} " in folded for p in said if WORDS.search(p))

    lead = split_sentences(article.summary)[:1]
    mentions = sum(n for _, n in evidence.phrases) if evidence else 0
    return HEADLINE * names(article.title) + LEAD * bool(lead and names(lead[0])) + mentions


def _main(article: Card, terms: Sequence[Term], counts: Counter[str]) -> Term | None:
    """The term of `terms` the story is most about (salience); ties go to the term with the most
    articles that day, then by name."""
    if not terms:
        return None
    return min(terms, key=lambda t: (-salience(article, t), -counts[t.slug], t.name.casefold(), t.slug))


def _months(days: dict[date, list[Card]]) -> tuple[ArchiveMonth, ...]:
    months: dict[tuple[int, int], list[date]] = {}
    for day in sorted(days, reverse=True):
        months.setdefault((day.year, day.month), []).append(day)
    return tuple(
        ArchiveMonth(year, month, sum(len(days[d]) for d in ds), tuple((d, day_path(d), len(days[d])) for d in ds))
        for (year, month), ds in months.items()
    )
