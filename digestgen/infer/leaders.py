"""Leader inference: which registry leaders an article is about, with evidence.

One pass over the article's word tokens looks names and aliases up as token n-grams in a
dict; a few compiled regexes find role phrases ("the Russian president", "his Belarusian
counterpart"), resolved to whoever held the role on the article's date. A bare surname only
counts for a leader the article also names in full or by role, so "Dan Brown" never lands on
Gordon Brown's page. Titled forms ("Mr Putin", "President Putin") are generated here from
single-token aliases rather than stored in the registry.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


from digestgen.infer import rolematch
from digestgen.infer.roles import normalise_kind, office_for_kind
from digestgen.urls import slugify

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_GAP = frozenset(" \t\n\u00a0-.'\u2019")
TITLES: frozenset[tuple[str, ...]] = frozenset(
    tuple(t.split()) for t in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "President", "Prime Minister",
                               "PM", "Chancellor", "Premier", "King", "Queen", "Emir", "Sultan",
                               "Sheikh", "Ayatollah", "Taoiseach", "General", "Colonel"))
_COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir"})
# Capitalised words that may precede a surname without being someone else's given name.
_NOT_GIVEN = frozenset(
    "The A An And But Or If When While As At In On Of For To By With From That This Then So Yet "
    "After Before Since Because Although Though Meanwhile However Also Both Not Only Even Under "
    "Over Said Says Told Asked Minister Secretary Senator Governor Leader Prince Former Ex "
    "Acting Deputy Vice Labour Tory Conservative Later Earlier Now Today Yesterday Tonight Last "
    "Next Still Here There Where Why How What Who Which Indeed Instead Thus Again Once Perhaps "
    "Like Unlike Despite Among Between Against Without Within During Until Unless Whether Every "
    "Each Some Many Most Such Mrs Mr Ms".split())


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


@dataclass(frozen=True)
class LeaderMatch:
    """A leader found in a text; evidence is (phrase as written, count), most frequent first."""

    id: str
    name: str
    evidence: tuple[tuple[str, int], ...]


def _key(name: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", name).casefold()))


def _role(raw: Mapping, country: str) -> Role:
    kind = raw.get("kind") or normalise_kind(raw.get("title", "")) or "leader"
    return Role(title=raw.get("title", kind.title()), kind=kind,
                office=raw.get("office") or office_for_kind(kind),
                country=raw.get("country") or country,
                start=raw.get("from", raw.get("start")), end=raw.get("to", raw.get("end")))


def load_leaders(data: Sequence[Mapping]) -> tuple[LeaderDef, ...]:
    """Leaders from the shipped JSON list or the simple {name, aliases?, country?, role?} form."""
    out = []
    for raw in data:
        country = raw.get("country") or ""
        roles = [_role(r, country) for r in raw.get("roles") or ()]
        if raw.get("role"):
            roles.append(_role({"title": raw["role"]}, country))
        out.append(LeaderDef(id=raw.get("id") or slugify(raw["name"]), name=raw["name"],
                             aliases=tuple(raw.get("aliases") or ()), country=country,
                             roles=tuple(roles), sources=tuple(raw.get("sources") or ())))
    return tuple(out)


@lru_cache(maxsize=1)
def default_registry() -> tuple[tuple[LeaderDef, ...], dict]:
    """The shipped leaders.json and countries.json (package digestgen.data), loaded once."""
    pkg = resources.files("digestgen.data")
    leaders = json.loads(pkg.joinpath("leaders.json").read_text(encoding="utf-8"))["leaders"]
    countries = json.loads(pkg.joinpath("countries.json").read_text(encoding="utf-8"))
    return load_leaders(leaders), countries


@dataclass(frozen=True)
class _Hit:
    pos: int
    phrase: str
    leaders: tuple[int, ...]
    strength: str  # "full" (name, titled form, role phrase), "bare" surname, or "courtesy"


class LeaderIndex:
    """Immutable lookup structures over a registry; build once, call infer() per article."""

    def __init__(self, leaders: tuple[LeaderDef, ...], phrases: Mapping[tuple[str, ...], tuple],
                 cjk: re.Pattern | None, names: Mapping[str, tuple[int, ...]],
                 roles: rolematch.RoleTable, bare: frozenset[tuple[str, ...]]) -> None:
        self._leaders = leaders
        self._phrases = phrases
        self._first = frozenset(k[0] for k in phrases)
        self._maxlen = max((len(k) for k in phrases), default=1)
        self._cjk = cjk
        self._names = names
        self._roles = roles
        self._bare = bare  # one-word aliases, even if tokenised into several ("O'Neill")
        self._given = tuple(frozenset(t for a in (d.name, *d.aliases) for t in _WORD.findall(a))
                            for d in leaders)

    @property
    def leaders(self) -> tuple[LeaderDef, ...]:
        """The indexed registry entries, in registry order."""
        return self._leaders

    @classmethod
    def build(cls, leaders: Sequence[LeaderDef], countries: Mapping[str, Mapping]
              ) -> "LeaderIndex":
        """Index names/aliases as token n-grams and roles per country."""
        leaders = tuple(leaders)
        phrases: dict[tuple[str, ...], set[int]] = {}
        cjk: dict[str, set[int]] = {}
        names: dict[str, set[int]] = {}
        bare: set[tuple[str, ...]] = set()
        for i, d in enumerate(leaders):
            for alias in (d.name, *d.aliases):
                alias = unicodedata.normalize("NFC", alias)
                names.setdefault(_key(alias), set()).add(i)
                if _CJK.search(alias):
                    cjk.setdefault(alias, set()).add(i)
                elif toks := tuple(_WORD.findall(alias)):
                    phrases.setdefault(toks, set()).add(i)
                    if len(alias.split()) == 1:
                        bare.add(toks)
        cjk_re = re.compile("|".join(map(re.escape, sorted(cjk, key=len, reverse=True)))) \
            if cjk else None
        frozen = {k: tuple(sorted(v)) for k, v in phrases.items()}
        frozen.update({(k,): tuple(sorted(v)) for k, v in cjk.items()})
        return cls(leaders, frozen, cjk_re, {k: tuple(sorted(v)) for k, v in names.items()},
                   rolematch.RoleTable.build(leaders, countries), frozenset(bare))

    def resolve(self, name: str) -> LeaderDef | None:
        """A front-matter name ("putin", "Mr  Putin", "Путин") -> the registry entry."""
        words = _key(name).split()
        while len(words) > 1 and (words[0].title(),) in TITLES | {("Prime",)}:
            words = words[1:] if words[0] != "prime" else words[2:]
        hits = self._names.get(" ".join(words))
        if not hits:
            return None
        exact = [i for i in hits if _key(self._leaders[i].name) == " ".join(words)]
        return self._leaders[self._roles.pick(exact or list(hits), None)]

    def infer(self, text: str, on: datetime.date | None) -> tuple[LeaderMatch, ...]:
        """Leaders named or referred to by role in `text`, ordered by first mention."""
        text = unicodedata.normalize("NFC", text)
        hits = self._name_hits(text) + rolematch.role_hits(text, on, self._roles)
        hits = [_Hit(p, ph, ls, s) for p, ph, ls, s in hits]
        strong = {i for h in hits if h.strength == "full" and len(h.leaders) == 1
                  for i in h.leaders}
        found: dict[int, list[_Hit]] = {}
        for h in sorted(hits, key=lambda h: h.pos):
            cands = [i for i in h.leaders if i in strong] if len(h.leaders) > 1 else h.leaders
            if h.strength == "full" and len(h.leaders) > 1 and not cands:
                cands = [self._roles.pick(list(h.leaders), on)]
            for i in cands:
                found.setdefault(i, []).append(h)
        out = []
        for i, hs in found.items():
            if not any(h.strength == "full" for h in hs):
                continue
            counts: dict[str, int] = {}
            for h in hs:
                counts[h.phrase] = counts.get(h.phrase, 0) + 1
            ev = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append((hs[0].pos, LeaderMatch(self._leaders[i].id, self._leaders[i].name, ev)))
        return tuple(m for _, m in sorted(out, key=lambda pm: pm[0]))

    def _name_hits(self, text: str) -> list[tuple[int, str, tuple[int, ...], str]]:
        toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        joins = [len(gap := text[a[2]:b[1]]) <= 2 and set(gap) <= _GAP
                 for a, b in zip(toks, toks[1:])]
        out: list[tuple[int, str, tuple[int, ...], str]] = []
        namesakes: set[str] = set()
        i, n = 0, len(toks)
        while i < n:
            if toks[i][0] not in self._first:
                i += 1
                continue
            for size in range(min(self._maxlen, n - i), 0, -1):
                if size > 1 and not all(joins[i:i + size - 1]):
                    continue
                ids = self._phrases.get(tuple(t[0] for t in toks[i:i + size]))
                if ids:
                    out.append(self._classify(text, toks, joins, i, size, ids, namesakes))
                    i += size
                    break
            else:
                i += 1
        if self._cjk:
            out += [(m.start(), m.group(), self._phrases[(m.group(),)], "full")
                    for m in self._cjk.finditer(text)]
        # "Mr Howard" in a text that also names "Michael Howard" is that other Howard.
        return [h for h in out if h[3] in ("full", "bare")] + [
            (p, ph, ids, "full") for p, ph, ids, s in out
            if s == "courtesy" and ph.split()[-1] not in namesakes]

    def _classify(self, text, toks, joins, i, size, ids, namesakes):
        start, end = toks[i][1], toks[i + size - 1][2]
        word = text[start:end]
        if size > 1 and tuple(t[0] for t in toks[i:i + size]) not in self._bare:
            return start, word, ids, "full"
        for tlen in (2, 1):
            j = i - tlen
            if j >= 0 and all(joins[j:i]) and tuple(t[0] for t in toks[j:i]) in TITLES:
                phrase = text[toks[j][1]:end]
                kind = "courtesy" if toks[j][0] in _COURTESY else "full"
                return toks[j][1], phrase, ids, kind
        prev = toks[i - 1] if i else None
        if prev and joins[i - 1] and text[prev[2]:start].isspace() and prev[0][:1].isupper() \
                and prev[0] not in _NOT_GIVEN and all(prev[0] not in self._given[k] for k in ids):
            namesakes.add(word)
            return start, word, (), "blocked"
        return start, word, ids, "bare"
