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
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from digestgen.model import Evidence, TaxonomyInfo
from digestgen.taxonomy import rolematch, tagging
from digestgen.taxonomy.base import LEADERS, Document, Found, Inferred, NearNames
from digestgen.taxonomy.era import OPEN_END, OPEN_START, Spans
from digestgen.taxonomy.mentions import WORD, NameTable, key, keys
from digestgen.taxonomy.roles import COURTESY, LEADER_TITLES, date_bounds
from digestgen.taxonomy.tagging import LeaderMatch, LeaderResult

__all__ = [
    "LeaderDef",
    "LeaderIndex",
    "LeaderMatch",
    "LeaderResult",
    "Official",
    "Role",
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


def _key(name: str) -> str:
    return " ".join(WORD.findall(unicodedata.normalize("NFC", name).casefold()))


def _fold(name: str) -> str:
    return " ".join(key(w) for w in name.split())


def _given_names(leaders: Sequence[LeaderDef], officials: Sequence[Official]) -> tuple[frozenset[str], frozenset[str]]:
    """The first words of every multi-word name of leaders and officials, less a word that is the
    same person's surname too (East Asian names put the surname first: "Xi" of "Xi Jinping"); and
    of those, the rare ones: a leader's surname that opens no leader's name and fewer than
    OFFICIALS_GIVEN officials' (one Belizean minister, Assad Shoman, against "Assad")."""
    opening: dict[str, set[int]] = {}
    people = [*((d.name, d.aliases) for d in leaders), *((o.name, o.aliases) for o in officials)]
    for n, (own, aliases) in enumerate(people):
        single = {keys(a) for a in aliases if len(keys(a)) == 1}
        for alias in (own, *aliases):
            words = keys(alias)
            if len(words) > 1 and (words[0],) not in single:
                opening.setdefault(words[0], set()).add(n)
    surnames = {keys(s)[0] for d in leaders for s in d.surnames if len(keys(s)) == 1}
    rare = {
        w
        for w, who in opening.items()
        if w in surnames and len(who) < OFFICIALS_GIVEN and all(n >= len(leaders) for n in who)
    }
    return frozenset(opening), frozenset(rare)


OFFICIALS_GIVEN = 3
"""Officials whose names a leader's surname opens, for it to count as a given name wherever it is read."""


def _bearers(leaders: Sequence[LeaderDef], officials: Sequence[Official]) -> dict[str, int]:
    """How many registry people end one of their names with each word (a surname's bearers)."""
    found: dict[str, set[tuple[str, int]]] = {}
    groups = (("l", [(d.name, d.aliases) for d in leaders]), ("o", [(o.name, o.aliases) for o in officials]))
    for kind, people in groups:
        for n, (own, aliases) in enumerate(people):
            for alias in (own, *aliases):
                if words := keys(alias):
                    found.setdefault(words[-1], set()).add((kind, n))
    return {word: len(who) for word, who in found.items()}


Coverage = tuple[datetime.date, datetime.date]
"""The first day a dataset covers and its snapshot: (since, as of)."""


def _post_spans(posts: Sequence[tuple[str | None, str | None]], known_only: bool, coverage: Coverage | None) -> Spans:
    """Days in the posts (the last day included). With `known_only` (or no `coverage`), an unknown
    start or end is open; otherwise a post with no start was held when the dictionary's coverage
    began and one with no end when it was last updated."""
    spans = []
    for a, b in posts:
        lo, hi = date_bounds(a), date_bounds(b)
        start = lo[0].toordinal() if lo else OPEN_START if known_only or not coverage else coverage[0].toordinal()
        end = hi[1].toordinal() + 1 if hi else OPEN_END if known_only or not coverage else coverage[1].toordinal()
        spans.append((start, max(start, end)))
    return Spans.of(spans)


def _coverage(leaders: Sequence[LeaderDef], declared: Coverage | None) -> Coverage:
    """What the registry covers: the declared coverage (shipped data), reaching the latest date any
    entry gives (a project's own entries may be newer); without one, all time up to the entries'
    latest date (all time, if they give none)."""
    days = [b for d in leaders for r in d.roles for v in (r.start, r.end) if (b := date_bounds(v))]
    if declared is None:
        last = max((lo for lo, _ in days), default=datetime.date.max - datetime.timedelta(days=1))
        return datetime.date.min, last
    latest = max((lo for lo, _ in days), default=declared[1])
    return declared[0], max(declared[1], latest)


@dataclass(frozen=True)
class LeaderIndex:
    """Immutable lookup structures over a registry; build once, call analyse() per article."""

    info: ClassVar[TaxonomyInfo] = LEADERS
    kind: ClassVar[str] = LEADERS.kind
    key: ClassVar[str] = LEADERS.key

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
    since: datetime.date = datetime.date.min
    """The first day the registry covers: no era reaches before it."""
    as_of: datetime.date = datetime.date.min
    """The registry's snapshot: an office open then is taken to continue into later articles."""
    post_coverage: Coverage | None = None
    """What the officials' dictionary covers (a post with no dates spans it)."""
    near: NearNames = field(default_factory=lambda: NearNames({}), compare=False)
    """Spellings of every leader, for "did you mean"."""
    given_names: frozenset[str] = frozenset()
    """Words that open someone's name in the registry and are no one's surname ("Jacob", not "Xi")."""
    rare_given_names: frozenset[str] = frozenset()
    """Given names that are a leader's surname and open only one or two officials' names ("Assad"):
    a given name only in a text that writes them before another name ("Carter Ham")."""
    bearers: Mapping[str, int] = field(default_factory=dict, compare=False)
    """Surname -> how many people of the registry (leaders and officials) bear it."""

    @classmethod
    def build(
        cls,
        leaders: Sequence[LeaderDef],
        countries: Mapping[str, Mapping[str, Any]],
        officials: Sequence[Official] = (),
        coverage: Coverage | None = None,
        post_coverage: Coverage | None = None,
    ) -> LeaderIndex:
        """Index names, roles per country, and officials' posts; `coverage` is the shipped registry's."""
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
        since, as_of = _coverage(leaders, coverage)
        return cls(
            leaders,
            officials,
            names,
            table,
            frozen,
            places,
            frozenset(k[0] for k in places),
            {k: tuple(v) for k, v in exact.items()},
            since,
            as_of,
            post_coverage,
            NearNames.of((d.name, (d.name, d.id, *d.aliases)) for d in leaders),
            *_given_names(leaders, officials),
            _bearers(leaders, officials),
        )

    def resolve(self, name: str) -> LeaderDef | None:
        """A front-matter name ("putin", "Mr  Putin", "Путин") -> the registry entry."""
        words = _key(name).split()
        whole = self.exact.get(" ".join(words), ())  # a name that begins with its office: "Pope Francis"
        while len(words) > 1 and (words[0].title(),) in TITLES | {("Prime",)}:
            words = words[1:] if words[0] != "prime" else words[2:]
        wanted = " ".join(words)
        hits = list(
            whole or self.exact.get(wanted, ()) or self.lookup.get(wanted, ()) or self.lookup.get(_fold(wanted), ())
        )
        if not hits:
            return None
        latest = max(hits, key=lambda i: (max((t.start for t in self.roles.by_leader.get(i, ())), default=0), -i))
        return self.leaders[latest]

    def active(self, leader: int) -> Spans:
        """Days the leader was in any office or post (a name alone is weak evidence of these)."""
        d = self.leaders[leader]
        return Spans.of([*self.roles.spans(leader).parts, *_post_spans(d.posts, False, self.post_coverage).parts])

    def posts(self, official: int, known_only: bool) -> Spans:
        """Days an official was in post; unknown starts and ends are open (`known_only`), or the
        dictionary's coverage (2003 to about 2015)."""
        return _post_spans(self.officials[official].posts, known_only, self.post_coverage)

    def analyse(self, text: str, on: datetime.date | None, captions: Sequence[tuple[int, int]] = ()) -> LeaderResult:
        """Leader tags (sitting, or former when named in that role), other people named, and the
        date or era they were judged against; names inside `captions` (spans of `text`) do not date it."""
        return tagging.analyse(self, unicodedata.normalize("NFC", text), on, captions)

    # --- the Taxonomy protocol (taxonomy/base.py) --------------------------------------------

    def entries(self) -> Sequence[LeaderDef]:
        return self.leaders

    def from_agency(self, hints: Mapping[str, Sequence[str]]) -> tuple[LeaderDef, ...]:
        """The people an agency item names who are in the registry, in the item's order."""
        found = [self.resolve(name) for name in hints.get("people", ())]
        return tuple(dict.fromkeys(d for d in found if d is not None))

    def nearest(self, name: str) -> str | None:
        return self.near.nearest(name)

    def infer(self, doc: Document) -> Inferred:
        """Leader tags (a former leader's with the note "former"), people named but not tagged with
        the reason, and for an undated document the era its text allows."""
        shift = len(doc.title) + 2
        captions = [(a + shift, b + shift) for a, b in doc.captions]
        result = self.analyse(f"{doc.title}\n\n{doc.whole or doc.text}", doc.on, captions)
        return Inferred(
            tuple(
                Found(
                    m.id,
                    m.name,
                    Evidence(
                        m.id,
                        m.evidence,
                        note="" if m.status == "sitting" else m.status,
                        forms=m.forms,
                        basis=m.reason,
                    ),
                )
                for m in result.tags
            ),
            tuple(Evidence(m.id, m.evidence, note=m.reason) for m in result.also),
            result.era if doc.on is None else None,
            result.era_evidence,
            result.era.label(result.horizon) if doc.on is None and result.era is not None else "",
        )
