"""MODEL: a term's dossier — coverage by month, the terms it appears with, and its offices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from digestgen.model import TAXONOMY_KEYS, Card, Term, TermIndex
from digestgen.pipeline.plan.pages import Office, Profile

if TYPE_CHECKING:
    from digestgen.taxonomy.leaders import LeaderDef

TOP = 10
Offices = Callable[[Term], tuple[tuple[Office, ...], str]]
ProfileMemo = dict[tuple[str, str], tuple[TermIndex, Profile]]
"""Per term: the index a profile was made from, and the profile (see plan/site.py's PlanMemo)."""


def term_profiles(
    leaders: Sequence[TermIndex],
    topics: Sequence[TermIndex],
    offices: Offices | None = None,
    memo: ProfileMemo | None = None,
) -> dict[tuple[str, str], Profile]:
    """Profiles of every leader and topic, keyed by (kind, slug); `memo` keeps those of unchanged terms."""
    found: dict[tuple[str, str], Profile] = {}
    earlier = dict(memo) if memo is not None else {}
    for index in (*leaders, *topics):
        term = index.term
        before = earlier.get((term.kind, term.slug))
        if before is not None and before[0] == index:
            found[term.kind, term.slug] = before[1]
            continue
        held, country = offices(term) if offices and term.kind == "leader" else ((), "")
        found[term.kind, term.slug] = Profile(
            count=len(index.articles),
            months=coverage(index.articles),
            cross=_together(index.articles, term, [k for kind, k in TAXONOMY_KEYS.items() if kind != term.kind]),
            peers=_together(index.articles, term, [term.key]),
            offices=held,
            country=country,
            feed_path=f"{term.key}/{term.slug}/feed.xml",
        )
    if memo is not None:
        memo.clear()
        memo.update({(i.term.kind, i.term.slug): (i, found[i.term.kind, i.term.slug]) for i in (*leaders, *topics)})
    return found


def coverage(articles: Sequence[Card]) -> tuple[tuple[str, int], ...]:
    """Articles per month, every month from the first to the last, in order."""
    counts = Counter(f"{a.date.year:04}-{a.date.month:02}" for a in articles if a.date)
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04}-{month:02}" <= last:
        key = f"{year:04}-{month:02}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _together(articles: Sequence[Card], term: Term, keys: Sequence[str]) -> tuple[tuple[Term, int], ...]:
    """The terms under `keys` most often on the same articles as `term` (never `term` itself)."""
    counts: Counter[tuple[str, str]] = Counter()
    terms: dict[tuple[str, str], Term] = {}
    for article in articles:
        for key in keys:
            for other in article.terms(key):
                if (other.kind, other.slug) != (term.kind, term.slug):
                    counts[other.kind, other.slug] += 1
                    terms.setdefault((other.kind, other.slug), other)
    ordered = sorted(counts, key=lambda k: (-counts[k], terms[k].name.casefold(), k))
    return tuple((terms[k], counts[k]) for k in ordered[:TOP])


def registry_offices(leaders: Mapping[str, LeaderDef]) -> Offices:
    """Offices from registry entries ({id: LeaderDef}), earliest first (an unknown start first of all)."""

    def lookup(term: Term) -> tuple[tuple[Office, ...], str]:
        entry = leaders.get(term.id)
        if entry is None:
            return (), ""
        roles = sorted(entry.roles, key=lambda r: r.start or "")
        return tuple(Office(r.title, r.country, r.start, r.end) for r in roles), entry.country

    return lookup
