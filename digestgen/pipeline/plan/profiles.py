"""MODEL: a term's dossier — coverage by month, the terms it appears with, and its offices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from digestgen.model import TAXONOMY_KEYS, Article, Term, TermIndex
from digestgen.pipeline.plan.pages import Office, Profile

TOP = 10
Offices = Callable[[Term], tuple[tuple[Office, ...], str]]


def term_profiles(
    leaders: Sequence[TermIndex], topics: Sequence[TermIndex], offices: Offices | None = None
) -> dict[tuple[str, str], Profile]:
    """Profiles of every leader and topic, keyed by (kind, slug)."""
    found: dict[tuple[str, str], Profile] = {}
    for index in (*leaders, *topics):
        term = index.term
        held, country = offices(term) if offices and term.kind == "leader" else ((), "")
        found[term.kind, term.slug] = Profile(
            count=len(index.articles),
            months=coverage(index.articles),
            cross=_together(index.articles, term, same=False),
            peers=_together(index.articles, term, same=True),
            offices=held,
            country=country,
            feed_path=f"{term.key}/{term.slug}/feed.xml",
        )
    return found


def coverage(articles: Sequence[Article]) -> tuple[tuple[str, int], ...]:
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


def _together(articles: Sequence[Article], term: Term, same: bool) -> tuple[tuple[Term, int], ...]:
    """The terms most often on the same articles as `term`: of its own kind (`same`) or of the others."""
    keys = [term.key] if same else [k for kind, k in TAXONOMY_KEYS.items() if kind != term.kind]
    counts: Counter[str] = Counter()
    terms: dict[str, Term] = {}
    for article in articles:
        for key in keys:
            for other in article.terms(key):
                if other.slug != term.slug or not same:
                    counts[other.slug] += 1
                    terms.setdefault(other.slug, other)
    ordered = sorted(counts, key=lambda slug: (-counts[slug], terms[slug].name.casefold(), slug))
    return tuple((terms[slug], counts[slug]) for slug in ordered[:TOP])


def registry_offices(leaders: Mapping[str, object]) -> Offices:
    """Offices from registry entries ({id: LeaderDef}): heads of state or government only."""

    def lookup(term: Term) -> tuple[tuple[Office, ...], str]:
        entry = leaders.get(term.id)
        if entry is None:
            return (), ""
        roles = getattr(entry, "roles", ())
        held = tuple(Office(r.title, r.country, r.start, r.end) for r in sorted(roles, key=lambda r: r.start or ""))
        return held, getattr(entry, "country", "") or ""

    return lookup
