"""Leader inference: which registry leaders an article is about, with evidence.

The registry (digestgen/data/leaders.json) lists heads of state and government with dated
roles and the names the news uses; officials.json lists other office holders, used only as
evidence of an undated article's era. `LeaderIndex.analyse` finds names in a text
(`mentions`), works out the date or era (`era`), and keeps as leader tags the people who
held office then (`tagging`); role phrases such as "the French president" are resolved only
through a known date or era (`rolematch`).
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from digestgen.taxonomy import rolematch, tagging
from digestgen.taxonomy.era import Spans
from digestgen.taxonomy.mentions import WORD, NameTable, key
from digestgen.taxonomy.roles import COURTESY, LEADER_TITLES, date_bounds, normalise_kind, office_for_kind
from digestgen.taxonomy.tagging import LeaderMatch, LeaderResult
from digestgen.urls import slugify

__all__ = [
    "LeaderDef",
    "LeaderIndex",
    "LeaderMatch",
    "LeaderResult",
    "Official",
    "Role",
    "default_officials",
    "default_registry",
    "load_leaders",
    "load_officials",
]

TITLES: frozenset[tuple[str, ...]] = frozenset(tuple(t.title().split()) for t in (*COURTESY, *LEADER_TITLES, "pm"))
"""Title words that may precede a name (used by `suggest` to strip them from front matter)."""


@dataclass(frozen=True)
class Role:
    """An office held by a leader; start/end are partial ISO dates, end None = current."""

    title: str
    kind: str
    office: str
    country: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class LeaderDef:
    """A registry leader: slug id, display name, aliases, country, roles, provenance."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]
    sources: tuple[str, ...]
    regnal: tuple[str, ...] = ()
    """Given names used only after a monarch's title ("Queen Elizabeth")."""
    surnames: tuple[str, ...] = ()
    """Surnames of more than one word ("Van Rompuy"), used like one-word aliases: only where the
    text also names the person in full or by title."""
    gender: str | None = None
    posts: tuple[tuple[str | None, str | None], ...] = ()
    """Other dated government posts (from the Phoenix dictionary), evidence of an era."""


@dataclass(frozen=True)
class Official:
    """A person with dated government posts who led no country: evidence of an era only."""

    name: str
    country: str
    posts: tuple[tuple[str | None, str | None], ...]
    aliases: tuple[str, ...] = ()


def _role(raw: Mapping[str, Any], country: str) -> Role:
    kind = raw.get("kind") or normalise_kind(raw.get("title", "")) or "leader"
    return Role(
        title=raw.get("title", kind.title()),
        kind=kind,
        office=raw.get("office") or office_for_kind(kind),
        country=raw.get("country") or country,
        start=raw.get("from", raw.get("start")),
        end=raw.get("to", raw.get("end")),
    )


def load_leaders(data: Sequence[Mapping[str, Any]]) -> tuple[LeaderDef, ...]:
    """Leaders from the shipped JSON list or the simple {name, aliases?, country?, role?} form.

    An alias is a string or {"name", "kind"?, "sources"?}; kind "regnal" marks a given name
    that counts only after a monarch's title."""
    out = []
    for raw in data:
        country = raw.get("country") or ""
        roles = [_role(r, country) for r in raw.get("roles") or ()]
        if raw.get("role"):
            roles.append(_role({"title": raw["role"]}, country))
        aliases: list[str] = []
        regnal: list[str] = []
        surnames: list[str] = []
        for a in raw.get("aliases") or ():
            name, kind = (a, "name") if isinstance(a, str) else (a["name"], a.get("kind", "name"))
            {"regnal": regnal, "surname": surnames}.get(kind, aliases).append(name)
        out.append(
            LeaderDef(
                id=raw.get("id") or slugify(raw["name"]),
                name=raw["name"],
                aliases=tuple(aliases),
                country=country,
                roles=tuple(roles),
                sources=tuple(raw.get("sources") or ()),
                regnal=tuple(regnal),
                surnames=tuple(surnames),
                gender=raw.get("gender"),
                posts=tuple((a, b) for a, b in raw.get("posts") or ()),
            )
        )
    return tuple(out)


def load_officials(rows: Sequence[Sequence[Any]]) -> tuple[Official, ...]:
    """Officials from officials.json rows: [name, country, [[from, to], ...], [aliases]]."""
    return tuple(Official(r[0], r[1], tuple((a, b) for a, b in r[2]), tuple(r[3]) if len(r) > 3 else ()) for r in rows)


@lru_cache(maxsize=1)
def default_registry() -> tuple[tuple[LeaderDef, ...], dict[str, Any]]:
    """The shipped leaders.json and countries.json (package digestgen.data), loaded once."""
    pkg = resources.files("digestgen.data")
    leaders = json.loads(pkg.joinpath("leaders.json").read_text(encoding="utf-8"))["leaders"]
    countries = json.loads(pkg.joinpath("countries.json").read_text(encoding="utf-8"))
    return load_leaders(leaders), countries


def default_officials() -> tuple[Official, ...]:
    """The shipped officials.json (read on each call: load it once per build)."""
    pkg = resources.files("digestgen.data")
    return load_officials(json.loads(pkg.joinpath("officials.json").read_text(encoding="utf-8"))["officials"])


def _key(name: str) -> str:
    return " ".join(WORD.findall(unicodedata.normalize("NFC", name).casefold()))


def _fold(name: str) -> str:
    return " ".join(key(w) for w in name.split())


def _post_spans(posts: Sequence[tuple[str | None, str | None]], known_only: bool) -> Spans:
    """Days in the posts (the last day included). With `known_only`, an unknown start or end is
    open; otherwise a post with no start was held when the dictionary's coverage began and one
    with no end when it was last updated."""
    spans = []
    for a, b in posts:
        lo, hi = date_bounds(a), date_bounds(b)
        start = lo[0].toordinal() if lo else 0 if known_only else COVERAGE[0].toordinal()
        end = hi[1].toordinal() + 1 if hi else 10**7 if known_only else COVERAGE[1].toordinal()
        spans.append((start, max(start, end)))
    return Spans.of(spans)


COVERAGE = (datetime.date(2003, 1, 1), datetime.date(2016, 1, 1))
"""The Phoenix dictionary lists ministers from 2003 and was last brought up to date about 2015."""


@dataclass(frozen=True)
class LeaderIndex:
    """Immutable lookup structures over a registry; build once, call analyse() per article."""

    leaders: tuple[LeaderDef, ...]
    officials: tuple[Official, ...]
    names: NameTable
    roles: rolematch.RoleTable
    lookup: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    """Case-folded names and aliases -> leaders (for front-matter names)."""
    places: Mapping[tuple[str, ...], str] = field(default_factory=dict, compare=False)
    """Country names, adjectives and aliases as word tuples ("United", "States") -> country."""
    place_first: frozenset[str] = frozenset()
    exact: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    """Case-folded display names -> leaders (an exact name beats an alias)."""

    @classmethod
    def build(
        cls,
        leaders: Sequence[LeaderDef],
        countries: Mapping[str, Mapping[str, Any]],
        officials: Sequence[Official] = (),
    ) -> LeaderIndex:
        """Index names, roles per country, and officials' posts."""
        leaders, officials = tuple(leaders), tuple(officials)
        table = rolematch.RoleTable.build(leaders, countries)
        names = NameTable.build(
            ((d.name, d.aliases, d.surnames, d.regnal) for d in leaders), ((o.name, *o.aliases) for o in officials)
        )
        places = {tuple(WORD.findall(word)): country for word, country in table.places.items() if WORD.search(word)}
        lookup: dict[str, set[int]] = {}
        for i, d in enumerate(leaders):
            for alias in (d.name, *d.aliases, *d.surnames):
                for k in {_key(alias), _fold(_key(alias))}:
                    lookup.setdefault(k, set()).add(i)
        frozen = {k: tuple(sorted(v)) for k, v in lookup.items()}
        exact: dict[str, list[int]] = {}
        for i, d in enumerate(leaders):
            exact.setdefault(_key(d.name), []).append(i)
        return cls(
            leaders,
            officials,
            names,
            table,
            frozen,
            places,
            frozenset(k[0] for k in places),
            {k: tuple(v) for k, v in exact.items()},
        )

    def resolve(self, name: str) -> LeaderDef | None:
        """A front-matter name ("putin", "Mr  Putin", "Путин") -> the registry entry."""
        words = _key(name).split()
        while len(words) > 1 and (words[0].title(),) in TITLES | {("Prime",)}:
            words = words[1:] if words[0] != "prime" else words[2:]
        wanted = " ".join(words)
        hits = list(self.exact.get(wanted, ()) or self.lookup.get(wanted, ()) or self.lookup.get(_fold(wanted), ()))
        if not hits:
            return None
        latest = max(hits, key=lambda i: (max((t.start for t in self.roles.by_leader.get(i, ())), default=0), -i))
        return self.leaders[latest]

    def active(self, leader: int) -> Spans:
        """Days the leader was in any office or post (a name alone is weak evidence of these)."""
        d = self.leaders[leader]
        return Spans.of([*self.roles.spans(leader).parts, *_post_spans(d.posts, False).parts])

    def posts(self, official: int, known_only: bool) -> Spans:
        """Days an official was in post; unknown starts and ends are open (`known_only`), or the
        dictionary's coverage (2003 to about 2015)."""
        return _post_spans(self.officials[official].posts, known_only)

    def analyse(self, text: str, on: datetime.date | None) -> LeaderResult:
        """Leader tags (sitting, or former when named in that role), other people named, and the
        date or era they were judged against."""
        return tagging.analyse(self, unicodedata.normalize("NFC", text), on)

    def infer(self, text: str, on: datetime.date | None) -> tuple[LeaderMatch, ...]:
        """Leader tags of `text`, ordered by first mention."""
        return self.analyse(text, on).tags
