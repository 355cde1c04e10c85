"""MODEL: a term's dossier — coverage by month, the terms it appears with, its offices, its members."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from digestgen.model import Card, TaxonomyInfo, Term, TermIndex
from digestgen.pipeline.plan.pages import Member, Office, Profile, Tally

if TYPE_CHECKING:
    from digestgen.taxonomy.leaders import LeaderDef

TOP = 10
Offices = Callable[[Term], tuple[tuple[Office, ...], str]]
"""What the registry says of a term: its offices and its country (nothing for most terms)."""
ProfileMemo = dict[tuple[str, str], tuple[TermIndex, Profile]]
"""Per term: the index a profile was made from, and the profile (see plan/site.py's PlanMemo)."""


def term_profiles(
    terms: Mapping[str, Sequence[TermIndex]],
    taxonomies: Sequence[TaxonomyInfo],
    offices: Offices | None = None,
    memo: ProfileMemo | None = None,
) -> dict[tuple[str, str], Profile]:
    """Profiles of every term, keyed by (taxonomy key, slug); `memo` keeps those of unchanged terms.

    A taxonomy that `lists` another (countries list leaders) gets, per term, the other's terms whose
    registry country is the term's name, with their offices."""
    found: dict[tuple[str, str], Profile] = {}
    earlier = dict(memo) if memo is not None else {}
    lookup = offices or (lambda term: ((), ""))
    members = {info.key: _members(terms.get(info.lists, ()), lookup) for info in taxonomies if info.lists}
    for info in taxonomies:
        others = [o for o in taxonomies if o.key != info.key]
        for index in terms.get(info.key, ()):
            term = index.term
            belonging = members.get(info.key, {}).get(term.name, ())
            before = earlier.get((term.key, term.slug))
            if before is not None and before[0] == index and before[1].members == belonging:
                found[term.key, term.slug] = before[1]
                continue
            held, country = lookup(term)
            cross = tuple(t for o in others if (t := _tally(o.title, o.key, index.articles, term)).items)
            peers = _tally(info.peers, info.key, index.articles, term)
            lists = next((o for o in taxonomies if o.key == info.lists), None)
            found[term.key, term.slug] = Profile(
                count=len(index.articles),
                months=coverage(index.articles),
                cross=cross,
                peers=peers if peers.items else None,
                offices=held,
                country=country,
                feed_path=f"{term.key}/{term.slug}/feed.xml",
                members=belonging,
                members_title=lists.title if lists else "",
            )
    if memo is not None:
        memo.clear()
        memo.update(
            {
                (i.term.key, i.term.slug): (i, found[i.term.key, i.term.slug])
                for info in taxonomies
                for i in terms.get(info.key, ())
            }
        )
    return found


def _members(indexes: Sequence[TermIndex], lookup: Offices) -> dict[str, tuple[Member, ...]]:
    """Terms (a taxonomy's, most covered first) grouped by the country the registry gives them."""
    out: dict[str, list[Member]] = {}
    for index in indexes:
        held, country = lookup(index.term)
        if country:
            out.setdefault(country, []).append(Member(index.term, len(index.articles), held))
    return {country: tuple(ms) for country, ms in out.items()}


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


def _tally(heading: str, key: str, articles: Sequence[Card], term: Term) -> Tally:
    """The terms under `key` most often on the same articles as `term` (never `term` itself)."""
    counts: Counter[str] = Counter()
    terms: dict[str, Term] = {}
    for article in articles:
        for other in article.terms_of(key):
            if (other.key, other.slug) != (term.key, term.slug):
                counts[other.slug] += 1
                terms.setdefault(other.slug, other)
    ordered = sorted(counts, key=lambda k: (-counts[k], terms[k].name.casefold(), k))
    return Tally(heading, key, tuple((terms[k], counts[k]) for k in ordered[:TOP]))


def registry_offices(people: Mapping[tuple[str, str], LeaderDef]) -> Offices:
    """Offices from registry entries ({(taxonomy key, id): LeaderDef}), earliest first (an unknown
    start first of all); nothing for a term no entry describes."""

    def lookup(term: Term) -> tuple[tuple[Office, ...], str]:
        entry = people.get((term.key, term.id))
        if entry is None:
            return (), ""
        roles = sorted(entry.roles, key=lambda r: r.start or "")
        return tuple(Office(r.title, r.country, r.start, r.end) for r in roles), entry.country

    return lookup
