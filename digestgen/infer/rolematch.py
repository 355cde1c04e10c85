"""Role phrases ("the Russian president", "Britain's prime minister", "his Belarusian
counterpart") and the table that resolves them to whoever held the role on a date."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digestgen.infer.roles import HEAD_OF_STATE, KIND_GROUPS, date_bounds

if TYPE_CHECKING:
    from digestgen.infer.leaders import LeaderDef

_ROLE = r"(?P<role>(?i:president|prime\s+minister|premier|chancellor|king|queen|monarch|emir|" \
        r"sultan|supreme\s+leader|taoiseach|general\s+secretary)|PM)"
_PLACE = r"(?P<place>[A-Z][\w.\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.\-]*){0,3})"
_PATTERNS = (
    re.compile(rf"\b[Tt]he\s+(?:(?:current|new|incumbent|sitting)\s+)?{_PLACE}\s+{_ROLE}\b"),
    re.compile(rf"\b{_PLACE}['\u2019]s\s+(?:(?:current|new)\s+)?{_ROLE}\b"),
    re.compile(rf"\b[Tt]he\s+{_ROLE}\s+of\s+(?:the\s+)?{_PLACE}"),
    re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+{_PLACE}\s+(?P<role>counterparts?)\b"),
)
_FAR_PAST = datetime.date.min
_FAR_FUTURE = datetime.date.max


@dataclass(frozen=True)
class _Tenure:
    start: datetime.date
    end: datetime.date
    current: bool
    kind: str
    office: str
    leader: int


@dataclass(frozen=True)
class RoleTable:
    """Tenures per country plus the words (names, adjectives, aliases) that denote a country."""

    tenures: Mapping[str, tuple[_Tenure, ...]]
    places: Mapping[str, str]
    main_office: Mapping[str, str]
    by_leader: Mapping[int, tuple[_Tenure, ...]]

    @classmethod
    def build(cls, leaders: Sequence[LeaderDef], countries: Mapping[str, Mapping]) -> RoleTable:
        """Collect dated roles of every leader; map country words to country names."""
        tenures: dict[str, list[_Tenure]] = {}
        by_leader: dict[int, list[_Tenure]] = {}
        for i, d in enumerate(leaders):
            for r in d.roles:
                lo, hi = date_bounds(r.start), date_bounds(r.end)
                t = _Tenure(lo[0] if lo else _FAR_PAST, hi[1] if hi else _FAR_FUTURE,
                            r.end is None, r.kind, r.office, i)
                tenures.setdefault(r.country, []).append(t)
                by_leader.setdefault(i, []).append(t)
        places: dict[str, str] = {}
        for country, spec in countries.items():
            for word in (country, *spec.get("aliases", ()), *spec.get("adjectives", ())):
                places.setdefault(word, country)
        for country in tenures:
            places.setdefault(country, country)
        return cls({c: tuple(sorted(ts, key=lambda t: t.start)) for c, ts in tenures.items()},
                   places, {c: s.get("main_office", HEAD_OF_STATE) for c, s in countries.items()},
                   {i: tuple(ts) for i, ts in by_leader.items()})

    def holder(self, country: str, kinds: frozenset[str] | None, office: str | None,
               on: datetime.date | None) -> int | None:
        """Who held a role of `kinds` (or `office`) in `country` on `on` (None: the latest)."""
        ts = [t for t in self.tenures.get(country, ())
              if (kinds is None or t.kind in kinds) and (office is None or t.office == office)]
        if on is not None:
            ts = [t for t in ts if t.start <= on <= t.end]
        elif any(t.current for t in ts):
            ts = [t for t in ts if t.current]
        return max(ts, key=lambda t: t.start).leader if ts else None

    def pick(self, candidates: list[int], on: datetime.date | None) -> int:
        """Among namesakes, the one in office on `on`, else the one who took office last."""
        def score(i: int) -> tuple:
            ts = self.by_leader.get(i, ())
            active = on is not None and any(t.start <= on <= t.end for t in ts)
            return active, max((t.start for t in ts), default=_FAR_PAST), -i
        return max(candidates, key=score)


def _country(place: str, table: RoleTable) -> str | None:
    place = place.strip().rstrip(".") if not place.endswith(".S.") else place.strip()
    if place in table.places:
        return table.places[place]
    words = place.split()  # "Russian Vladimir" is not a place; try the leading words
    for n in range(len(words) - 1, 0, -1):
        if (hit := table.places.get(" ".join(words[:n]))) is not None:
            return hit
    return None


def role_hits(text: str, on: datetime.date | None, table: RoleTable
              ) -> list[tuple[int, str, tuple[int, ...], str]]:
    """(position, phrase as written, (leader,), "full") for each resolvable role phrase."""
    out = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            country = _country(m.group("place"), table)
            if country is None:
                continue
            word = " ".join(m.group("role").lower().split())
            if word.startswith("counterpart"):
                who = table.holder(country, None, table.main_office.get(country, HEAD_OF_STATE),
                                   on)
            else:
                who = table.holder(country, KIND_GROUPS.get(word, frozenset({word})), None, on)
            if who is not None:
                out.append((m.start(), m.group(0), (who,), "full"))
    return out
