"""Eras: the time an undated article can have been written in, as sets of day intervals.

An era is what the text's unambiguous evidence allows: every office claim ("President Barack
Obama" is 2009-2017) is a set of intervals, and the era is their intersection. Where claims
conflict, the era is the part supported by the most of them. Days are proleptic ordinals
(`date.toordinal()`), intervals half-open `[start, end)`.

An office with no known end (or start) runs to `OPEN_END` (from `OPEN_START`): no date is
written here. What an article's era may span is its `Horizon`: from the registry's first day to
the later of the registry's snapshot and the article's own date, so an office held at the
snapshot is taken to continue into any later article (and `inspect` says so).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]
OPEN_START = datetime.date.min.toordinal()
OPEN_END = datetime.date.max.toordinal() + 1
"""The bounds of the calendar: where an office with no known start or end begins or ends."""


@dataclass(frozen=True)
class Horizon:
    """The days an article's era may span: the registry's coverage, reaching the article's date."""

    start: int
    end: int
    """Exclusive."""

    @classmethod
    def of(cls, since: datetime.date, as_of: datetime.date, on: datetime.date | None = None) -> Horizon:
        """From the registry's first day (`since`) to its snapshot (`as_of`), or to `on` if later."""
        last = max(as_of, on) if on is not None else as_of
        return cls(min(since.toordinal(), last.toordinal()), last.toordinal() + 1)

    def all(self) -> Spans:
        return Spans(((self.start, self.end),))


@dataclass(frozen=True)
class Spans:
    """A set of days as sorted, disjoint, non-empty half-open intervals."""

    parts: tuple[Span, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Spans:
        """Normalise: sort, merge touching or overlapping intervals, drop empty ones."""
        out: list[list[int]] = []
        for lo, hi in sorted(spans):
            if lo >= hi:
                continue
            if out and lo <= out[-1][1]:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return cls(tuple((a, b) for a, b in out))

    @property
    def days(self) -> int:
        return sum(b - a for a, b in self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __and__(self, other: Spans) -> Spans:
        out = []
        for a, b in self.parts:
            for c, d in other.parts:
                lo, hi = max(a, c), min(b, d)
                if lo < hi:
                    out.append((lo, hi))
        return Spans.of(out)

    def complement(self) -> Spans:
        """Every day of the calendar not in the set."""
        lo, hi = OPEN_START, OPEN_END
        out, cur = [], lo
        for a, b in self.parts:
            if a > cur:
                out.append((cur, a))
            cur = max(cur, b)
        if cur < hi:
            out.append((cur, hi))
        return Spans.of(out)

    def bounds(self) -> tuple[datetime.date, datetime.date] | None:
        """First and last day of the set."""
        if not self.parts:
            return None
        return datetime.date.fromordinal(self.parts[0][0]), datetime.date.fromordinal(self.parts[-1][1] - 1)

    def label(self, horizon: Horizon) -> str:
        """ "2009-01-20 to 2017-01-20", several intervals joined by ", "; "…" at the horizon's ends."""

        def end(day: int) -> str:
            return "" if day >= horizon.end else datetime.date.fromordinal(day).isoformat()

        def start(day: int) -> str:
            return "" if day <= horizon.start else datetime.date.fromordinal(day).isoformat()

        return ", ".join(f"{start(a) or '…'} to {end(b) or '…'}" for a, b in self.parts)


def day_span(day: datetime.date) -> Spans:
    """The one day of a dated article."""
    return Spans.of([(day.toordinal(), day.toordinal() + 1)])


@dataclass(frozen=True)
class Claim:
    """Evidence about the era: the phrase as written and the days it allows."""

    phrase: str
    allows: Spans
    strong: bool
    weight: float = 1.0
    """Weak claims: how often the text names the person (the protagonist's years count most)."""
    who: tuple[int, ...] = ()
    """The registry people the claim is about (leaders' indexes; officials' as -1 - index)."""


def most_supported(claims: Sequence[Claim], within: Spans) -> tuple[Spans, float]:
    """The days (inside `within`) allowed by the greatest weight of claims, and that weight."""
    cuts = sorted({x for c in claims for a, b in c.allows.parts for x in (a, b)} | {x for p in within.parts for x in p})
    best: list[Span] = []
    top = 0.0
    for lo, hi in itertools.pairwise(cuts):
        if not (Spans(((lo, hi),)) & within):
            continue
        n = sum(c.weight for c in claims if any(a <= lo and hi <= b for a, b in c.allows.parts))
        if n > top:
            best, top = [(lo, hi)], n
        elif n == top and n:
            best.append((lo, hi))
    return Spans.of(best), top


def infer_era(claims: Sequence[Claim], horizon: Horizon) -> tuple[Spans | None, tuple[Claim, ...]]:
    """The era the claims allow within `horizon`, and the claims it rests on; None when nothing constrains it.

    Strong claims (office titles, posts held) are intersected; if they contradict each other,
    the days most of them allow are kept, provided more than half agree. Weak claims (a name
    alone: the person's years in public office, weighted by how often the text names them) then
    narrow that era to the days most of their weight agrees on.
    """
    strong = [c for c in claims if c.strong]
    weak = [c for c in claims if not c.strong]
    era, used = horizon.all(), []
    if strong:
        agreed, n = most_supported(strong, era)
        if not agreed or (n * 2 <= sum(c.weight for c in strong) and len(strong) > 1):
            return None, ()
        era = agreed
        used = [c for c in strong if c.allows & era]
    if weak:
        narrowed, n = most_supported([_inner(c) for c in weak], era)
        if narrowed and n * 2 > sum(c.weight for c in weak):
            era = narrowed
            used += [c for c in weak if (c.allows & era).days == era.days]
    if not used:
        return None, ()
    return era, tuple(used)


_SLACK = 30


def _inner(c: Claim) -> Claim:
    """A weak claim without a month at each end of each interval: people are named around their
    time in office, and a successor's first day must not look like the era of a whole story."""
    parts = [(a + _SLACK, b - _SLACK) if b - a > 3 * _SLACK else (a, b) for a, b in c.allows.parts]
    return Claim(c.phrase, Spans.of(parts), c.strong, c.weight, c.who)


def share(inside: Spans, era: Spans) -> float:
    """The fraction of the era's days that fall inside `inside`."""
    total = era.days
    return (inside & era).days / total if total else 0.0
