"""Eras: the time an undated article can have been written in, as sets of day intervals.

An era is what the text's unambiguous evidence allows: every office claim ("President Barack
Obama" is 2009-2017) is a set of intervals, and the era is their intersection. Where claims
conflict, the era is the part supported by the most of them. Days are proleptic ordinals
(`date.toordinal()`), intervals half-open `[start, end)`, clipped to the registry's horizon.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]
HORIZON = (datetime.date(1970, 1, 1).toordinal(), datetime.date(2027, 1, 1).toordinal())
"""The registry covers office holders from 1970 to 2026: no era reaches outside it."""


@dataclass(frozen=True)
class Spans:
    """A set of days as sorted, disjoint, non-empty half-open intervals."""

    parts: tuple[Span, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Spans:
        """Normalise: clip to the horizon, sort, merge touching or overlapping intervals."""
        lo_h, hi_h = HORIZON
        out: list[list[int]] = []
        for lo, hi in sorted((max(a, lo_h), min(b, hi_h)) for a, b in spans):
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
        lo, hi = HORIZON
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

    def label(self) -> str:
        """ "2009-01-20 to 2017-01-20", several intervals joined by ", "."""

        def end(day: int) -> str:
            return "" if day >= HORIZON[1] else datetime.date.fromordinal(day).isoformat()

        def start(day: int) -> str:
            return "" if day <= HORIZON[0] else datetime.date.fromordinal(day).isoformat()

        return ", ".join(f"{start(a) or '…'} to {end(b) or '…'}" for a, b in self.parts)


ALL = Spans(((HORIZON[0], HORIZON[1]),))


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


def most_supported(claims: Sequence[Claim], within: Spans = ALL) -> tuple[Spans, float]:
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


def infer_era(claims: Sequence[Claim]) -> tuple[Spans | None, tuple[Claim, ...]]:
    """The era the claims allow, and the claims it rests on; None when nothing constrains it.

    Strong claims (office titles, posts held) are intersected; if they contradict each other,
    the days most of them allow are kept, provided more than half agree. Weak claims (a name
    alone: the person's years in public office, weighted by how often the text names them) then
    narrow that era to the days most of their weight agrees on.
    """
    strong = [c for c in claims if c.strong]
    weak = [c for c in claims if not c.strong]
    era, used = ALL, []
    if strong:
        agreed, n = most_supported(strong)
        if not agreed or (n * 2 <= len(strong) and len(strong) > 1):
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
