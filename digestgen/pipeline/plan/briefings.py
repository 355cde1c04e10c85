"""MODEL: the daily briefings (a day's articles grouped by leader, then topic) and the archive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, tzinfo

from digestgen.model import Article, Term
from digestgen.pipeline.plan.pages import ArchiveMonth, ArchivePage, DayGroup, DayPage


def day_path(day: date) -> str:
    return f"briefings/{day.isoformat()}/index.html"


def briefing_pages(listed: Sequence[Article], tz: tzinfo) -> tuple[list[DayPage], ArchivePage | None]:
    """A page per day with dated articles (newest day first) and the archive of them all."""
    days: dict[date, list[Article]] = {}
    for article in listed:  # newest first already
        if article.date is not None:
            days.setdefault(article.date.astimezone(tz).date(), []).append(article)
    ordered = sorted(days, reverse=True)
    pages = []
    for i, day in enumerate(ordered):
        newer = day_path(ordered[i - 1]) if i else None
        older = day_path(ordered[i + 1]) if i + 1 < len(ordered) else None
        pages.append(DayPage(day_path(day), day, group_day(days[day]), prev_path=older, next_path=newer))
    if not ordered:
        return [], None
    return pages, ArchivePage("archive/index.html", _months(days))


def group_day(articles: Sequence[Article]) -> tuple[DayGroup, ...]:
    """Each article once: under its most-covered leader that day, else its most-covered topic, else "Other"."""
    leaders = Counter(t.slug for a in articles for t in a.leaders)
    topics = Counter(t.slug for a in articles for t in a.topics)
    groups: dict[tuple[int, str], tuple[str, Term | None, list[Article]]] = {}
    for article in articles:
        term = _main(article.leaders, leaders) or _main(article.topics, topics)
        rank = 0 if term is not None and term.kind == "leader" else 1 if term is not None else 2
        key = (rank, term.slug if term else "")
        heading = term.name if term else "Other"
        groups.setdefault(key, (heading, term, []))[2].append(article)
    size = {key: len(group[2]) for key, group in groups.items()}
    order = sorted(groups, key=lambda k: (k[0], -size[k], groups[k][0].casefold(), k[1]))
    return tuple(DayGroup(groups[k][0], groups[k][1], tuple(groups[k][2])) for k in order)


def _main(terms: Sequence[Term], counts: Counter[str]) -> Term | None:
    if not terms:
        return None
    return min(terms, key=lambda t: (-counts[t.slug], t.name.casefold(), t.slug))


def _months(days: dict[date, list[Article]]) -> tuple[ArchiveMonth, ...]:
    months: dict[tuple[int, int], list[date]] = {}
    for day in sorted(days, reverse=True):
        months.setdefault((day.year, day.month), []).append(day)
    return tuple(
        ArchiveMonth(year, month, sum(len(days[d]) for d in ds), tuple((d, day_path(d), len(days[d])) for d in ds))
        for (year, month), ds in months.items()
    )
