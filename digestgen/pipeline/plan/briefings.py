"""MODEL: the daily briefings (a day's articles grouped by leader, then topic, ...) and the archive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, tzinfo

from digestgen.model import Card, Term
from digestgen.pipeline.plan.pages import ArchiveMonth, ArchivePage, DayGroup, DayPage

DayMemo = dict[date, tuple[tuple[Card, ...], tuple[DayGroup, ...]]]
"""Per day: the articles its groups were made from, and the groups (see plan/site.py's PlanMemo)."""


def day_path(day: date) -> str:
    return f"briefings/{day.isoformat()}/index.html"


def briefing_pages(
    listed: Sequence[Card], tz: tzinfo, keys: Sequence[str], memo: DayMemo | None = None
) -> tuple[list[DayPage], ArchivePage | None]:
    """A page per day with dated articles (newest day first) and the archive of them all; `keys`
    are the taxonomies a day is grouped by, in order."""
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
        groups = before[1] if before is not None and before[0] == members else group_day(members, keys)
        kept[day] = (members, groups)
        pages.append(DayPage(day_path(day), day, groups, prev_path=older, next_path=newer))
    if memo is not None:
        memo.clear()
        memo.update(kept)
    if not ordered:
        return [], None
    return pages, ArchivePage("archive/index.html", _months(days))


def group_day(articles: Sequence[Card], keys: Sequence[str] = ("leaders", "topics")) -> tuple[DayGroup, ...]:
    """Each article once: under its most-covered term that day of the first taxonomy in `keys` it has
    terms of (a leader, else a topic, ...), else "Other".

    Groups follow the order of `keys`, each taxonomy's by size, then name; "Other" is last.
    """
    counts = {key: Counter(t.slug for a in articles for t in a.terms_of(key)) for key in keys}
    groups: dict[tuple[str, str] | None, tuple[Term | None, list[Card]]] = {}
    for article in articles:
        main = (_main(article.terms_of(key), counts[key]) for key in keys)
        term = next((t for t in main if t is not None), None)
        groups.setdefault((term.key, term.slug) if term else None, (term, []))[1].append(article)

    def order(group: tuple[Term | None, list[Card]]) -> tuple[int, int, str, str] | tuple[int]:
        term, listed = group
        if term is None:
            return (len(keys),)
        return list(keys).index(term.key), -len(listed), term.name.casefold(), term.slug

    return tuple(DayGroup(t.name if t else "Other", t, tuple(a)) for t, a in sorted(groups.values(), key=order))


def _main(terms: Sequence[Term], counts: Counter[str]) -> Term | None:
    """The term of `terms` with the most articles that day (ties: by name)."""
    if not terms:
        return None
    return min(terms, key=lambda t: (-counts[t.slug], t.name.casefold(), t.slug))


def _months(days: dict[date, list[Card]]) -> tuple[ArchiveMonth, ...]:
    months: dict[tuple[int, int], list[date]] = {}
    for day in sorted(days, reverse=True):
        months.setdefault((day.year, day.month), []).append(day)
    return tuple(
        ArchiveMonth(year, month, sum(len(days[d]) for d in ds), tuple((d, day_path(d), len(days[d])) for d in ds))
        for (year, month), ds in months.items()
    )
