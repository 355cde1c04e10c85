"""Role phrases ("the Russian president", "Britain's prime minister", "his Belarusian
counterpart", "the Queen") and the table that resolves them to whoever held the role
throughout an article's date or era."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from digestgen.taxonomy import mentions, morph, ru_roles
from digestgen.taxonomy.era import OPEN_END, OPEN_START, Spans
from digestgen.taxonomy.roles import (
    HEAD_OF_GOVERNMENT,
    HEAD_OF_STATE,
    LEADER_TITLES,
    MULTI_HOLDER_KINDS,
    date_bounds,
    sure_start,
)

if TYPE_CHECKING:
    from digestgen.taxonomy.leaders import LeaderDef

_ROLE = (
    r"(?P<role>(?i:president|prime\s+minister|premier|chancellor|king|queen|monarch|emir|"
    r"sultan|supreme\s+leader|taoiseach|general\s+secretary)|PM)(?![\w-])"
)
_PLACE = r"(?P<place>[A-Z][\w.\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.\-]*){0,3})"
_OPEN = r"(?:(?:current|new|incumbent|sitting|outgoing)\s+)?"
_PATTERNS = (
    re.compile(rf"\b[Tt]he\s+{_OPEN}{_PLACE}\s+{_ROLE}"),
    re.compile(rf"\b{_PLACE}['\u2019]s\s+{_OPEN}{_ROLE}"),
    re.compile(rf"\b[Tt]he\s+{_ROLE}\s+of\s+(?:the\s+)?{_PLACE}"),
    re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+{_PLACE}\s+(?P<role>counterparts?)\b"),
)
# "the prime minister", "the Queen": the country comes from the article's context.
_BARE = re.compile(
    r"\b[Tt]he\s+(?P<role>(?i:president|prime\s+minister|premier|chancellor|queen|king|monarch|"
    r"taoiseach))(?![\w-])(?!\s+of\b)(?!['\u2019]s\s+(?:Questions|Office|Cup|Speech))"
    r"(?!\s+and\s+(?:CEO|chief|founder|chair|owner|publisher|director)\b)"  # of a company, not a country
)
# Offices that exist in one country only: "the pope" needs no context.
_ONE_COUNTRY = {"pope": "Vatican City", "pontiff": "Vatican City"}
_SOLE = re.compile(r"\b[Tt]he\s+(?P<role>[Pp]ope|[Pp]ontiff)\b(?!['\u2019]s\s+(?:Cup|Office)\b)(?!\s+of\b)(?!\s+[A-Z])")
# One phrase for several holders: "the leaders of Britain, France and Germany", "the Russian and
# Belarusian presidents", "the prime ministers of Spain and Norway".
_GROUP_ROLE = (
    r"(?P<group>(?i:leaders|presidents|prime\s+ministers|premiers|chancellors|heads\s+of\s+(?:state|government)))"
)
_PLACES = r"(?P<places>[A-Z][\w.\-]*(?:(?:,\s+|,?\s+and\s+|\s+)(?:the\s+)?[A-Z][\w.\-]*){1,12})"
_GROUPS = (
    re.compile(rf"\b[Tt]he\s+{_GROUP_ROLE}\s+of\s+(?:the\s+)?{_PLACES}"),
    re.compile(rf"\b(?:[Tt]he\s+)?{_PLACES}\s+{_GROUP_ROLE}(?![\w-])"),
)
# A name in apposition: "his German counterpart, Guido Westerwelle,", "Bob Vander Plaats, the president".
_NAME_AFTER = re.compile(r",\s+((?:[A-Z][\w'\u2019.\-]+\s+){1,3}[A-Z][\w'\u2019.\-]+)")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'\u2019.\-]+\s+){1,3}[A-Z][\w'\u2019.\-]+),\s+$")
# Offices held by men only in the data are not "the Queen", and the reverse.
_GENDERED = {"queen": "m", "king": "f"}


@dataclass(frozen=True)
class Tenure:
    start: int
    end: int
    kind: str
    office: str
    leader: int
    sure: int
    """The first day the office was surely held (`roles.sure_start`): `start`, or the day after a
    year-only start's year. Role phrases resolve only from it."""


def _ordinal(value: str | None, open_end: int) -> int:
    """First day of a partial date ("2010" -> 2010-01-01); `open_end` when there is none."""
    bounds = date_bounds(value)
    return bounds[0].toordinal() if bounds else open_end


@dataclass(frozen=True)
class RoleTable:
    """Tenures per country plus the words (names, adjectives, aliases) that denote a country."""

    tenures: Mapping[str, tuple[Tenure, ...]]
    places: Mapping[str, str]
    main_office: Mapping[str, str]
    by_leader: Mapping[int, tuple[Tenure, ...]]
    genders: Mapping[int, str]
    words: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """Every word of each leader's names, to tell whether a name beside a role phrase is theirs."""

    @classmethod
    def build(cls, leaders: Sequence[LeaderDef], countries: Mapping[str, Mapping[str, Any]]) -> RoleTable:
        """Collect dated roles of every leader; map country words to country names."""
        tenures: dict[str, list[Tenure]] = {}
        by_leader: dict[int, list[Tenure]] = {}
        for i, d in enumerate(leaders):
            for r in d.roles:
                start = _ordinal(r.start, OPEN_START)
                sure = sure_start(r.start)
                t = Tenure(start, _ordinal(r.end, OPEN_END), r.kind, r.office, i, sure.toordinal() if sure else start)
                if t.start < t.end:
                    tenures.setdefault(r.country, []).append(t)
                    by_leader.setdefault(i, []).append(t)
        places: dict[str, str] = {}
        for country, spec in countries.items():
            for word in (country, *spec.get("aliases", ()), *spec.get("adjectives", ())):
                places.setdefault(word, country)
        for country in tenures:
            places.setdefault(country, country)
        return cls(
            {c: tuple(sorted(ts, key=lambda t: t.start)) for c, ts in tenures.items()},
            places,
            {c: s.get("main_office", HEAD_OF_STATE) for c, s in countries.items()},
            {i: tuple(ts) for i, ts in by_leader.items()},
            {i: d.gender for i, d in enumerate(leaders) if d.gender},
            {i: frozenset(w for n in (d.name, *d.aliases) for w in n.split()) for i, d in enumerate(leaders)},
        )

    def spans(self, leader: int, kinds: frozenset[str] | None = None) -> Spans:
        """The days `leader` held an office (of `kinds`, if given)."""
        return Spans.of((t.start, t.end) for t in self.by_leader.get(leader, ()) if kinds is None or t.kind in kinds)

    def surely_held(self, leader: int, kinds: frozenset[str] | None = None) -> Spans:
        """The days `leader` surely held an office (of `kinds`): from each tenure's sure start. What a
        role phrase or a bare surname may be resolved against (a year-only start counts from the
        next 1 January)."""
        return Spans.of((t.sure, t.end) for t in self.by_leader.get(leader, ()) if kinds is None or t.kind in kinds)

    def holder(
        self, country: str, kinds: frozenset[str] | None, office: str | None, era: Spans, not_gender: str | None = None
    ) -> int | None:
        """Who surely held a role of `kinds` (or `office`) in `country` for (nearly) all of `era`
        (a tenure known only to start in some year counts from the year's end: `Tenure.sure`)."""
        if not era:
            return None
        days: Counter[int] = Counter()
        for t in self.tenures.get(country, ()):
            if (
                (kinds is None or t.kind in kinds)
                and (office is None or t.office == office)
                and t.kind not in MULTI_HOLDER_KINDS
                and (not_gender is None or self.genders.get(t.leader) != not_gender)
            ):
                days[t.leader] += (Spans(((t.sure, t.end),)) & era).days
        if not days:
            return None
        who, n = days.most_common(1)[0]
        return who if n >= 0.9 * era.days else None


def country_of(place: str, table: RoleTable) -> str | None:
    """The country a place word or adjective denotes ("Russian" -> Russia); the whole phrase
    must be one ("United States of Afghan" is not a country)."""
    place = " ".join(place.split())
    return table.places.get(place) or table.places.get(place.rstrip(".") if not place.endswith(".S.") else place)


@dataclass(frozen=True)
class RoleHit:
    """A role phrase resolved to the leader who held the role throughout the era."""

    start: int
    phrase: str
    leader: int
    group: bool = False
    """One phrase for several holders ("the presidents of Russia and Belarus")."""


def role_hits(text: str, era: Spans | None, table: RoleTable, context: str | None) -> list[RoleHit]:
    """Role phrases that name exactly one person over `era`; none when the era is unknown.

    A bare phrase ("the prime minister") needs `context`, the country the article is about."""
    if era is None:
        return []
    out = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            country = country_of(m.group("place"), table)
            if country is not None and (who := _resolve(m.group("role"), country, era, table)) is not None:
                out.append(RoleHit(m.start(), m.group(0), who))
    for m in _SOLE.finditer(text):
        if (who := _resolve("pope", _ONE_COUNTRY[m.group("role").lower()], era, table)) is not None:
            out.append(RoleHit(m.start(), m.group(0), who))
    if context is not None:
        for m in _BARE.finditer(text):
            if (who := _resolve(m.group("role"), context, era, table)) is not None:
                out.append(RoleHit(m.start(), m.group(0), who))
    for pattern in _GROUPS:
        for m in pattern.finditer(text):
            countries = _countries(m.group("places"), table)
            for country in countries or ():
                if (who := _resolve_group(m.group("group"), country, era, table)) is not None:
                    out.append(RoleHit(m.start(), m.group(0), who, group=True))
    if morph.CYRILLIC.search(text):
        for p in ru_roles.phrases(text):
            for country in p.countries:
                who = _resolve_group(p.role, country, era, table)
                if who is not None and not _names_someone_else_ru(text, p.end, who, table):
                    out.append(RoleHit(p.start, text[p.start : p.end], who, group=p.group))
    return [hit for hit in out if not _names_someone_else(text, hit, table)]


def _countries(listed: str, table: RoleTable) -> list[str] | None:
    """The countries of "Britain, France, Germany and Poland" (None unless every item is one)."""
    found: list[str] = []
    for part in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", listed):
        part = re.sub(r"^the\s+", "", part.strip())
        country = country_of(part, table)
        if country is None:
            return None
        found.append(country)
    return found if len(found) >= 2 else None


def _resolve_group(role: str, country: str, era: Spans, table: RoleTable) -> int | None:
    word = " ".join(role.lower().split())
    if word == "leaders":
        return table.holder(country, None, table.main_office.get(country, HEAD_OF_STATE), era)
    if word.startswith("heads of"):
        return table.holder(country, None, HEAD_OF_STATE if word.endswith("state") else HEAD_OF_GOVERNMENT, era)
    return _resolve(word.removesuffix("s"), country, era, table)


def _names_someone_else(text: str, hit: RoleHit, table: RoleTable) -> bool:
    """The role phrase is in apposition to a name that is not its holder's ("his German counterpart,
    Guido Westerwelle"; "Bob Vander Plaats, the president and CEO"): it describes that person."""
    end = hit.start + len(hit.phrase)
    after = _NAME_AFTER.match(text, end)
    before = _NAME_BEFORE.search(text[max(0, hit.start - 80) : hit.start])
    own = table.words.get(hit.leader, frozenset())
    return any(m is not None and not own & set(m.group(1).split()) for m in (after, before))


_NAME_AFTER_RU = re.compile(r"[ \t\u00a0]+((?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?[ \t\u00a0]+){0,2}[А-ЯЁ][а-яё]+)")


def _names_someone_else_ru(text: str, end: int, leader: int, table: RoleTable) -> bool:
    """«президент США Гарри Трумэн» in a 2019 story: Russian writes the name straight after the role
    phrase, and a name that is not the holder's says the phrase describes that person."""
    m = _NAME_AFTER_RU.match(text, end)
    if m is None:
        return False
    own = {mentions.key(w) for w in table.words.get(leader, frozenset())}
    written = {k for w in m.group(1).split() for k in (mentions.key(w), *map(mentions.key, morph.lemmas(w)))}
    return not own & written


def _resolve(role: str, country: str, era: Spans, table: RoleTable) -> int | None:
    word = " ".join(role.lower().split())
    if word.startswith("counterpart"):
        return table.holder(country, None, table.main_office.get(country, HEAD_OF_STATE), era)
    kinds = LEADER_TITLES.get(word, frozenset({word}))
    return table.holder(country, kinds, None, era, _GENDERED.get(word))
